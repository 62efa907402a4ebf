#!/usr/bin/python3
"""PyTorch 1.13 on the CPU: the baseline SymGrad's benchmarks are compared against.

Measures one training step per workload, the same workloads as benchmarks/SymGrad.Benchmarks, on the same inputs
(x = 1 + 0.5 sin(i), t = 0.5 cos(i), float32):

  mse            F.mse_loss(x, t), backward: value and dL/dx
  mse + SGD      the same, then x -= lr * x.grad (lr = 1)
  10*sum(x**2)   value and gradient
  sum(log x)     value and gradient
  linear         F.mse_loss(x @ w.T + b, y), backward for w, b and x: 10x3 -> 2, 128x784 -> 128 and 1024x256 -> 64
  cross entropy  F.cross_entropy(z, labels), backward for z: [N, C] logits z = 3 sin(0.7 i) with int labels
                 (7 r) mod C, at [128, 10] and [4096, 1000] (SoftmaxCrossEntropyBenchmarks)
  euler rollout  a damped, driven oscillator stepped 20 times by explicit Euler (Losses.EulerRollout, float64 scalars
                 rate = 0.3, x0 = 1, v0 = -0.5), backward for all three (EulerRolloutBenchmarks)
  rk4            classical RK4, 20 steps of 0.1, on a damped oscillator with learned damping (Losses.Rk4DampedOscillator,
                 float64, damping = 0.3, x0 = 1, v0 = -0.5; the state a 2-vector, each stage a 2x2 matrix-vector
                 product), backward for all three (Rk4Benchmarks)
  lstm           a one-layer LSTM, two hidden units, over ten scalars (Losses.LstmSequence, float64, packed weights
                 w = 0.6 sin(0.9 i) as an [8, 4] matrix, x = cos(0.5 i)), backward for w and x (LstmBenchmarks)
  mlp            F.cross_entropy(F.linear(F.relu(F.linear(x, w1, b1)), w2, b2), labels), 784 -> 128 -> 10 on a batch
                 of 128 (Losses.Mlp, float32), backward for w1, b1, w2, b2 (MlpBenchmarks)

A step clears the gradients (x.grad = None: SymGrad overwrites its gradients, torch would accumulate), runs the
forward and backward passes and reads the loss as a Python float (SymGrad returns it as a float).

Each thread count runs in a child process. "default" is what a PyTorch user gets: none of OMP_NUM_THREADS,
MKL_NUM_THREADS and OPENBLAS_NUM_THREADS set, torch.set_num_threads not called. A number N sets the three variables
to N before torch loads and calls torch.set_num_threads(N). Each child prints which BLAS torch and NumPy loaded (the
libraries mapped into the process after a matrix product through each) and its thread counts (torch's intra-op and
inter-op threads, OpenBLAS's), and they go into the JSON. Per workload: a warm-up, a calibration of how many steps
make a batch of --batch-ms, then --batches timed batches (time.perf_counter_ns, garbage collector off); the result is
the median over batches of the time per step.

Usage: /usr/bin/python3 benchmarks/torch/bench.py [results.json] [--threads default 1] [--quick] [--only WORDS]
Prints a markdown table and writes the JSON (default: results.json beside this script).
"""

import argparse
import datetime
import gc
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUTPUT = os.path.join(HERE, "results.json")
SIZES = (9, 1_000, 1_000_000, 10_000_000)
LINEAR_SHAPES = ((10, 3, 2), (128, 784, 128), (1024, 256, 64))
CROSS_ENTROPY_SHAPES = ((128, 10), (4096, 1000))
MLP_SHAPE = (128, 784, 128, 10)
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
LEARNING_RATE = 1.0


# ---------------------------------------------------------------------------------------------------------------------
# Child process: one thread count, torch loaded after the environment is set.
# ---------------------------------------------------------------------------------------------------------------------

def elementwise_inputs(torch, n):
    i = torch.arange(n, dtype=torch.float32)
    return 1 + 0.5 * torch.sin(i), 0.5 * torch.cos(i)


def workloads(torch, F):
    """Yields (name, n, description, make) where make() returns (step, check); check() raises if a gradient is wrong."""

    def mse(n, update):
        x0, t = elementwise_inputs(torch, n)
        x = x0.clone().requires_grad_(True)

        def step():
            x.grad = None
            loss = F.mse_loss(x, t)
            loss.backward()
            if update:
                with torch.no_grad():
                    x.sub_(LEARNING_RATE * x.grad)  # x -= lr * x.grad
            return loss.item()

        def check():
            step()
            assert_close(torch, x.grad, 2.0 / n * (x0.double() - t.double()), "mse gradient")
            with torch.no_grad():
                x.copy_(x0)

        return step, check

    def sum_of_squares(n):
        x0, _ = elementwise_inputs(torch, n)
        x = x0.clone().requires_grad_(True)

        def step():
            x.grad = None
            value = 10 * torch.sum(x ** 2)
            value.backward()
            return value.item()

        def check():
            step()
            assert_close(torch, x.grad, 20.0 * x0.double(), "10*sum(x**2) gradient")

        return step, check

    def sum_of_logs(n):
        x0, _ = elementwise_inputs(torch, n)
        x = x0.clone().requires_grad_(True)

        def step():
            x.grad = None
            value = torch.log(x).sum()
            value.backward()
            return value.item()

        def check():
            step()
            assert_close(torch, x.grad, 1.0 / x0.double(), "sum(log x) gradient")

        return step, check

    def linear(batch, inputs, outputs):
        def ramp(shape, scale, offset, fn):
            count = 1
            for d in shape:
                count *= d
            return (offset + scale * fn(torch.arange(count, dtype=torch.float32))).reshape(shape)

        x = ramp((batch, inputs), 0.5, 1.0, torch.sin).requires_grad_(True)
        y = ramp((batch, outputs), 0.5, 0.0, torch.cos)
        w = ramp((outputs, inputs), 0.1, 0.0, torch.sin).requires_grad_(True)
        b = ramp((outputs,), 0.1, 0.0, torch.cos).requires_grad_(True)

        def step():
            x.grad = None
            w.grad = None
            b.grad = None
            loss = F.mse_loss(x @ w.T + b, y)
            loss.backward()
            return loss.item()

        def check():
            step()
            xd, wd, bd, yd = x.detach().double(), w.detach().double(), b.detach().double(), y.double()
            g = 2.0 / (batch * outputs) * (xd @ wd.T + bd - yd)
            assert_close(torch, w.grad, g.T @ xd, "linear dL/dw")
            assert_close(torch, b.grad, g.sum(0), "linear dL/db")
            assert_close(torch, x.grad, g @ wd, "linear dL/dx")

        return step, check

    def cross_entropy(rows, classes):
        i = torch.arange(rows * classes, dtype=torch.float32)
        z = (3 * torch.sin(0.7 * i)).reshape(rows, classes).requires_grad_(True)
        labels = (torch.arange(rows) * 7) % classes

        def step():
            z.grad = None
            loss = F.cross_entropy(z, labels)
            loss.backward()
            return loss.item()

        def check():
            step()
            zd = z.detach().double()
            expected = (torch.softmax(zd, 1) - F.one_hot(labels, classes).double()) / rows
            assert_close(torch, z.grad, expected, "cross entropy dL/dz")

        return step, check

    def euler_rollout():
        rate = torch.tensor(0.3, dtype=torch.float64, requires_grad=True)
        x0 = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
        v0 = torch.tensor(-0.5, dtype=torch.float64, requires_grad=True)
        dt = 0.1

        def rollout(rate, x0, v0):
            x, v = x0, v0
            for step_index in range(20):
                acceleration = -x - rate * v + 0.5 * math.sin(step_index * dt)
                x = x + dt * v
                v = v + dt * acceleration
            return (x - 0.3) * (x - 0.3) + 0.1 * v * v

        def step():
            rate.grad = None
            x0.grad = None
            v0.grad = None
            value = rollout(rate, x0, v0)
            value.backward()
            return value.item()

        def check():
            step()
            for leaf in (rate, x0, v0):
                h = 1e-6
                with torch.no_grad():
                    leaf += h
                    up = rollout(rate, x0, v0).item()
                    leaf -= 2 * h
                    down = rollout(rate, x0, v0).item()
                    leaf += h
                expected = torch.tensor((up - down) / (2 * h), dtype=torch.float64)
                assert_close(torch, leaf.grad, expected, "euler rollout gradient")

        return step, check

    def rk4():
        damping = torch.tensor(0.3, dtype=torch.float64, requires_grad=True)
        x0 = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
        v0 = torch.tensor(-0.5, dtype=torch.float64, requires_grad=True)
        h = 0.1
        # f(y) = a y with a = [[0, 1], [-1, -damping]]: the oscillator's right-hand side.
        rotation = torch.tensor([[0.0, 1.0], [-1.0, 0.0]], dtype=torch.float64)
        friction = torch.tensor([[0.0, 0.0], [0.0, -1.0]], dtype=torch.float64)

        def integrate(damping, x0, v0):
            a = rotation + damping * friction
            y = torch.stack((x0, v0))
            for _ in range(20):
                k1 = a @ y
                k2 = a @ (y + h / 2 * k1)
                k3 = a @ (y + h / 2 * k2)
                k4 = a @ (y + h * k3)
                y = y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
            return (y[0] - 0.2) * (y[0] - 0.2) + 0.5 * y[1] * y[1]

        def step():
            damping.grad = None
            x0.grad = None
            v0.grad = None
            value = integrate(damping, x0, v0)
            value.backward()
            return value.item()

        def check():
            value = step()
            for leaf in (damping, x0, v0):
                assert_close(torch, leaf.grad, central_difference(torch, lambda: integrate(damping, x0, v0), leaf), "rk4 gradient")
            print(f"  rk4 at (0.3, 1, -0.5): value {value!r}, gradient (damping, x0, v0) = "
                  f"({damping.grad.item()!r}, {x0.grad.item()!r}, {v0.grad.item()!r})", file=sys.stderr, flush=True)

        return step, check

    def lstm():
        units = 2
        i = torch.arange(32, dtype=torch.float64)
        # Row r of w is gate r // 2 (input, forget, cell, output) for unit r % 2: input weight, two recurrent weights, bias.
        w = (0.6 * torch.sin(0.9 * i)).reshape(4 * units, units + 2).requires_grad_(True)
        x = torch.cos(0.5 * torch.arange(10, dtype=torch.float64)).requires_grad_(True)

        def sequence(w, x):
            h = torch.zeros(units, dtype=torch.float64)
            c = torch.zeros(units, dtype=torch.float64)
            for t in range(10):
                z = w[:, 0] * x[t] + w[:, 1:units + 1] @ h + w[:, units + 1]
                c = torch.sigmoid(z[units:2 * units]) * c + torch.sigmoid(z[:units]) * torch.tanh(z[2 * units:3 * units])
                h = torch.sigmoid(z[3 * units:]) * torch.tanh(c)
            return (h[0] - 0.2) * (h[0] - 0.2) + (h[1] + 0.1) * (h[1] + 0.1)

        def step():
            w.grad = None
            x.grad = None
            value = sequence(w, x)
            value.backward()
            return value.item()

        def check():
            value = step()
            for leaf in (w, x):
                expected = torch.zeros_like(leaf)
                for index in range(leaf.numel()):
                    expected.view(-1)[index] = central_difference(torch, lambda: sequence(w, x), leaf.view(-1)[index])
                assert_close(torch, leaf.grad, expected, "lstm gradient")
            print(f"  lstm: value {value!r}, dw[0..4) = {w.grad.view(-1)[:4].tolist()}, dx[0..4) = {x.grad[:4].tolist()}",
                  file=sys.stderr, flush=True)

        return step, check

    def mlp(batch, inputs, units, classes):
        def ramp(shape, scale, offset, fn):
            count = 1
            for d in shape:
                count *= d
            return (scale * fn(torch.arange(count, dtype=torch.float32) + offset)).reshape(shape)

        x = ramp((batch, inputs), 0.5, 0, torch.sin)
        w1 = ramp((units, inputs), 0.05, 1, torch.sin).requires_grad_(True)
        b1 = ramp((units,), 0.1, 0, torch.cos).requires_grad_(True)
        w2 = ramp((classes, units), 0.1, 2, torch.sin).requires_grad_(True)
        b2 = ramp((classes,), 0.1, 3, torch.cos).requires_grad_(True)
        labels = (torch.arange(batch) * 7) % classes

        def step():
            for leaf in (w1, b1, w2, b2):
                leaf.grad = None
            loss = F.cross_entropy(F.linear(F.relu(F.linear(x, w1, b1)), w2, b2), labels)
            loss.backward()
            return loss.item()

        def check():
            value = step()
            xd, w1d, b1d, w2d, b2d = (t.detach().double() for t in (x, w1, b1, w2, b2))
            pre = xd @ w1d.T + b1d
            hidden = pre.clamp(min=0)
            g = (torch.softmax(hidden @ w2d.T + b2d, 1) - F.one_hot(labels, classes).double()) / batch
            dh = (g @ w2d) * (pre > 0).double()
            assert_close(torch, w2.grad, g.T @ hidden, "mlp dL/dw2")
            assert_close(torch, b2.grad, g.sum(0), "mlp dL/db2")
            assert_close(torch, w1.grad, dh.T @ xd, "mlp dL/dw1")
            assert_close(torch, b1.grad, dh.sum(0), "mlp dL/db1")
            print(f"  mlp: loss {value!r}", file=sys.stderr, flush=True)

        return step, check

    for n in SIZES:
        yield "mse", n, "F.mse_loss(x, t) + backward", lambda n=n: mse(n, False)
    for n in SIZES:
        yield "mse + SGD", n, "mse step, then x -= lr * x.grad", lambda n=n: mse(n, True)
    for n in SIZES:
        yield "10*sum(x**2)", n, "10 * torch.sum(x ** 2) + backward", lambda n=n: sum_of_squares(n)
    for n in SIZES:
        yield "sum(log x)", n, "torch.log(x).sum() + backward", lambda n=n: sum_of_logs(n)
    for batch, inputs, outputs in LINEAR_SHAPES:
        yield (
            f"linear {batch}x{inputs}->{outputs}",
            batch * inputs,
            "F.mse_loss(x @ w.T + b, y) + backward for w, b, x",
            lambda s=(batch, inputs, outputs): linear(*s),
        )
    for rows, classes in CROSS_ENTROPY_SHAPES:
        yield (
            f"cross entropy {rows}x{classes}",
            rows * classes,
            "F.cross_entropy(z, labels) + backward for z",
            lambda s=(rows, classes): cross_entropy(*s),
        )
    yield "euler rollout", 20, "20 explicit Euler steps (float64 scalars) + backward for rate, x0, v0", euler_rollout
    yield "rk4", 20, "20 RK4 steps (float64, 2-vector state) + backward for damping, x0, v0", rk4
    yield "lstm", 10, "LSTM, 2 units, 10 steps (float64) + backward for w, x", lstm
    batch, inputs, units, classes = MLP_SHAPE
    yield (
        f"mlp {batch}x{inputs}->{units}->{classes}",
        batch * inputs,
        "F.cross_entropy(F.linear(F.relu(F.linear(x, w1, b1)), w2, b2), labels) + backward for w1, b1, w2, b2",
        lambda: mlp(*MLP_SHAPE),
    )


def central_difference(torch, evaluate, element):
    """(f(e + h) - f(e - h)) / 2h for one element e of a float64 leaf (the leaf itself when it is a scalar)."""
    h = 1e-6
    with torch.no_grad():
        element += h
        up = evaluate().item()
        element -= 2 * h
        down = evaluate().item()
        element += h
    return torch.tensor((up - down) / (2 * h), dtype=torch.float64)


def assert_close(torch, actual, expected, what):
    if actual is None:
        raise AssertionError(what + ": no gradient")
    if not torch.allclose(actual.double(), expected, rtol=1e-4, atol=1e-6):
        worst = (actual.double() - expected).abs().max().item()
        raise AssertionError(f"{what}: off by up to {worst}")


def time_steps(step, warmup_s, batch_s, batches):
    """Median, min and max over batches of the time per step, in ns, and the steps per batch."""
    gc.collect()
    gc.disable()
    try:
        calls = 0
        start = time.perf_counter_ns()
        while calls < 3 or time.perf_counter_ns() - start < warmup_s * 1e9:
            step()
            calls += 1
        per_step = (time.perf_counter_ns() - start) / calls
        steps = max(1, round(batch_s * 1e9 / per_step))
        samples = []
        for _ in range(batches):
            t0 = time.perf_counter_ns()
            for _ in range(steps):
                step()
            samples.append((time.perf_counter_ns() - t0) / steps)
    finally:
        gc.enable()
    return statistics.median(samples), min(samples), max(samples), steps


def loaded_libraries(words):
    """Shared libraries mapped into this process whose file name contains one of words (e.g. which BLAS torch uses)."""
    found = []
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1]
                name = os.path.basename(path)
                if path.startswith("/") and any(w in name for w in words) and path not in found:
                    found.append(path)
    except OSError:
        pass
    return found


def openblas_facts(paths):
    """OpenBLAS's configuration string and thread count, asked of the OpenBLAS library in paths; None if there is none."""
    import ctypes

    library = next((p for p in paths if "openblas" in os.path.basename(p)), None)
    if library is None:
        return None
    handle = ctypes.CDLL(library)
    handle.openblas_get_config.restype = ctypes.c_char_p
    return {"library": library, "config": handle.openblas_get_config().decode(), "threads": handle.openblas_get_num_threads()}


def blas_name(paths):
    """A reader's name for the BLAS in paths: OpenBLAS with its version, or the reference BLAS."""
    facts = openblas_facts(paths)
    if facts is not None:
        return facts["config"].split(" NO_")[0].split(" DYNAMIC")[0]
    if any(os.path.basename(p).startswith("libmkl") for p in paths):
        return "Intel MKL"
    if any(os.path.realpath(p).startswith("/usr/lib/x86_64-linux-gnu/blas/") for p in paths):
        return "reference BLAS (Debian libblas3)"
    return ", ".join(os.path.basename(p) for p in paths) or "none loaded"


def blas_libraries():
    return loaded_libraries(("blas", "mkl_rt", "lapack"))


def child(threads, warmup_s, batch_s, batches, only):
    import torch
    import torch.nn.functional as F

    if threads != "default":
        torch.set_num_threads(int(threads))
    # Which BLAS each library calls: the libraries mapped after a product through torch, then through NumPy.
    a = torch.ones(64, 64)
    (a @ a).sum().item()
    torch_blas = blas_libraries()
    import numpy

    m = numpy.ones((64, 64), dtype=numpy.float32)
    (m @ m).sum()
    numpy_blas = blas_libraries()
    openblas = openblas_facts(numpy_blas)
    if threads != "default" and openblas is not None and openblas["threads"] != int(threads):
        sys.exit(f"OPENBLAS_NUM_THREADS={threads} was not taken: OpenBLAS runs {openblas['threads']} threads")
    print(
        f"  {threads} thread(s): torch {torch.__version__} calls {blas_name(torch_blas)}, NumPy {numpy.__version__} calls "
        f"{blas_name(numpy_blas)}; torch threads {torch.get_num_threads()} (inter-op {torch.get_num_interop_threads()}), "
        f"OpenBLAS threads {openblas['threads'] if openblas else '-'}",
        file=sys.stderr, flush=True)
    results = []
    for name, n, description, make in workloads(torch, F):
        if only and not any(word in name for word in only):
            continue
        step, check = make()
        check()
        median, low, high, steps = time_steps(step, warmup_s, batch_s, batches)
        results.append({
            "workload": name,
            "n": n,
            "step": description,
            "median_ns": round(median, 1),
            "min_ns": round(low, 1),
            "max_ns": round(high, 1),
            "batches": batches,
            "steps_per_batch": steps,
        })
        print(f"  {threads} thread(s)  {name:<22} n={n:<10} {format_time(median)}", file=sys.stderr, flush=True)
        del step, check
        gc.collect()

    return {
        "threads": threads,
        "torch_num_threads": torch.get_num_threads(),
        "torch_num_interop_threads": torch.get_num_interop_threads(),
        "openblas_num_threads": openblas["threads"] if openblas else None,
        "environment": {v: os.environ.get(v) for v in THREAD_VARIABLES},
        "torch": torch.__version__,
        "numpy": numpy.__version__,
        "torch_blas": {"name": blas_name(torch_blas), "libraries": torch_blas},
        "numpy_blas": {"name": blas_name(numpy_blas), "libraries": numpy_blas},
        "openblas_config": openblas["config"] if openblas else None,
        "blas": numpy_blas,
        "openmp": loaded_libraries(("gomp", "iomp")),
        "results": results,
    }


# ---------------------------------------------------------------------------------------------------------------------
# Parent process: one child per thread count, then the table and the JSON.
# ---------------------------------------------------------------------------------------------------------------------

def format_time(ns):
    if ns < 1_000:
        return f"{ns:.0f} ns"
    if ns < 1_000_000:
        return f"{ns / 1e3:.3g} us" if ns < 100_000 else f"{ns / 1e3:.0f} us"
    return f"{ns / 1e6:.3g} ms" if ns < 100_000_000 else f"{ns / 1e6:.0f} ms"


def format_size(n):
    return f"10^{len(str(n)) - 1}" if n >= 1_000_000 and str(n).strip("0") == "1" else str(n)


def machine():
    info = {"cpu_model": None, "cpus": os.cpu_count(), "cores": None}
    try:
        text = subprocess.run(["lscpu"], capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"}, check=True).stdout
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        fields = {k.strip(): v.strip() for k, v in fields.items()}
        info["cpu_model"] = fields.get("Model name")
        if fields.get("Core(s) per socket", "").isdigit() and fields.get("Socket(s)", "").isdigit():
            info["cores"] = int(fields["Core(s) per socket"]) * int(fields["Socket(s)"])
        info["threads_per_core"] = fields.get("Thread(s) per core")
        info["hypervisor"] = fields.get("Hypervisor vendor")
    except (OSError, subprocess.CalledProcessError):
        pass
    try:
        info["torch_package"] = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Package} ${Version}", "python3-torch"], capture_output=True, text=True, check=True
        ).stdout or None
    except (OSError, subprocess.CalledProcessError):
        info["torch_package"] = None
    info["os"] = platform.platform()
    info["python"] = platform.python_version()
    return info


def run_child(threads, args):
    env = dict(os.environ)
    for variable in THREAD_VARIABLES:
        if threads == "default":
            env.pop(variable, None)
        else:
            env[variable] = threads
    command = [
        sys.executable, os.path.abspath(__file__), "--child", str(threads),
        "--warmup-ms", str(args.warmup_ms), "--batch-ms", str(args.batch_ms), "--batches", str(args.batches),
    ] + (["--only", *args.only] if args.only else [])
    load_before = os.getloadavg()[0]
    completed = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True)
    if completed.returncode != 0:
        sys.exit(f"the {threads}-thread run failed (exit code {completed.returncode})")
    run = json.loads(completed.stdout)
    # The machine may be shared: a load average well above the thread count means the numbers are pessimistic.
    run["load_average_1m"] = {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)}
    return run


def thread_label(run):
    """'default (torch 1, OpenBLAS 2 threads)' or '1 thread'."""
    counts = f"torch {run['torch_num_threads']}, OpenBLAS {run['openblas_num_threads'] or '-'} threads"
    return f"default ({counts})" if run["threads"] == "default" else f"{run['threads']} thread(s) ({counts})"


def table(runs):
    threads = [run["threads"] for run in runs]
    header = "| workload | n | " + " | ".join(thread_label(run) for run in runs) + " |"
    lines = [header, "|" + " --- |" * 2 + " ---: |" * len(threads)]
    for index, first in enumerate(runs[0]["results"]):
        n = format_size(first["n"]) if not first["workload"].startswith(("linear", "cross entropy", "euler", "rk4", "lstm", "mlp")) else "-"
        cells = [format_time(run["results"][index]["median_ns"]) for run in runs]
        lines.append(f"| {first['workload']} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", nargs="?", default=DEFAULT_OUTPUT, help="where to write the JSON results")
    parser.add_argument("--threads", nargs="+", default=["default", "1"],
                        help="thread counts, one column each: 'default' (as a user gets it) or a number")
    parser.add_argument("--warmup-ms", type=float, default=200, help="warm-up per workload")
    parser.add_argument("--batch-ms", type=float, default=150, help="target length of one timed batch")
    parser.add_argument("--batches", type=int, default=9, help="timed batches per workload (the median is reported)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: short batches, numbers not for publishing")
    parser.add_argument("--only", nargs="+", help="run only the workloads whose name contains one of these words")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    for t in args.threads + ([args.child] if args.child else []):
        if t != "default" and not (t.isdigit() and int(t) > 0):
            parser.error(f"--threads takes 'default' or a positive number, not '{t}'")
    if args.quick:
        args.warmup_ms, args.batch_ms, args.batches = 20, 10, 3

    if args.child is not None:
        result = child(args.child, args.warmup_ms / 1e3, args.batch_ms / 1e3, args.batches, args.only)
        json.dump(result, sys.stdout)
        return

    started = datetime.datetime.now(datetime.timezone.utc)
    runs = [run_child(t, args) for t in args.threads]

    report = {
        "benchmark": "PyTorch CPU baseline for SymGrad (benchmarks/torch/bench.py)",
        "started_utc": started.replace(microsecond=0).isoformat(),
        "duration_s": round((datetime.datetime.now(datetime.timezone.utc) - started).total_seconds(), 1),
        "machine": {
            **machine(), "torch": runs[0]["torch"], "numpy": runs[0]["numpy"], "blas": runs[0]["blas"],
            "torch_blas": runs[0]["torch_blas"]["name"], "numpy_blas": runs[0]["numpy_blas"]["name"],
            "openblas_config": runs[0]["openblas_config"], "openmp": runs[0]["openmp"],
        },
        "method": {
            "dtype": "float32; float64 for euler rollout, rk4 and lstm",
            "inputs": "x = 1 + 0.5 sin(i), t = 0.5 cos(i); linear: x = 1 + 0.5 sin(i), y = 0.5 cos(i), "
                      "w = 0.1 sin(i), b = 0.1 cos(i), i the row-major index; cross entropy: z = 3 sin(0.7 i), "
                      "labels (7 r) mod C; mlp: x = 0.5 sin(i), w1 = 0.05 sin(i + 1), b1 = 0.1 cos(i), "
                      "w2 = 0.1 sin(i + 2), b2 = 0.1 cos(i + 3), labels (7 r) mod 10; lstm: w = 0.6 sin(0.9 i), "
                      "x = cos(0.5 i); euler rollout, rk4: (0.3, 1, -0.5)",
            "step": "x.grad = None (and w, b), forward, backward, loss.item()",
            "learning_rate": LEARNING_RATE,
            "warmup_ms": args.warmup_ms,
            "batch_ms": args.batch_ms,
            "batches": args.batches,
            "statistic": "median over batches of (batch time / steps per batch)",
            "quick": args.quick,
        },
        "runs": runs,
    }
    with open(args.output, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")

    m = report["machine"]
    print(f"PyTorch {m['torch']} on {m['cpu_model']} ({m['cores']} cores), time per step (median)")
    print()
    print(table(runs))
    print()
    loads = ", ".join(f"{r['threads']} thread(s): {r['load_average_1m']['before']}-{r['load_average_1m']['after']}" for r in runs)
    print(f"torch calls {m['torch_blas']}; NumPy {m['numpy']} calls {m['numpy_blas']} ({', '.join(m['blas']) or 'none loaded'}).")
    print(f"Load average during the runs: {loads}.")
    print(f"Results: {os.path.relpath(args.output)}")


if __name__ == "__main__":
    main()
