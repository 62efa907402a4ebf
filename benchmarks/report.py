#!/usr/bin/env python3
"""Writes docs/benchmarks.md from one BenchmarkDotNet run and one PyTorch run.

Usage:
    dotnet run -c Release --project benchmarks/SymGrad.Benchmarks -- --filter '*'
    /usr/bin/python3 benchmarks/torch/bench.py benchmarks/torch/results.json
    python3 benchmarks/report.py [joined-report.csv | -] [torch-results.json] > docs/benchmarks.md

The first argument defaults to the newest *-report.csv under BenchmarkDotNet.Artifacts/results; "-" writes the page
with every .NET number marked as pending a run. PyTorch numbers from a run whose load average exceeded the machine's
core count are marked pending too: on an oversubscribed machine they say nothing about PyTorch.
"""
import csv
import glob
import json
import os
import sys

GOAL = 1.25
PENDING = "pending"
SIZES = ["9", "1000", "1000000", "10000000"]
SHAPES = ["10x3->2", "128x784->128", "1024x256->64"]
ELEMENTWISE = [
    ("MseBenchmarks", "mse", "`Mse(x, t)` = `Mean(Square(x - t))`"),
    ("SumOfSquaresBenchmarks", "10*sum(x**2)", "`10 * Sum(Pow(x, 2))`"),
    ("SumOfLogsBenchmarks", "sum(log x)", "`Sum(Log(x))`"),
]
# (generated method suffix, hand-written method suffix, how the caller passes its arguments, whether the two are
#  called the same way: only those rows count towards the worst generated / hand-written ratio)
ELEMENTWISE_STYLES = [
    ("Arrays", "Arrays", "`float[]`", True),
    ("Tensors", "Tensors", "`Tensor<float>`", True),
    ("Tensors", "TensorsAsTensorSpans", "`Tensor<float>`; hand-written over tensor spans, converted in the call", False),
    ("TensorSpans", "TensorSpans", "tensor spans built in the call", True),
]
# (method suffix, how the caller passes its arguments)
LINEAR_STYLES = [
    ("Tensors", "`Tensor<float>`"),
    ("TensorSpans", "tensor spans built in the call"),
]
# Rows of the one-core job (GemmBenchmarks.OneCore: DOTNET_PROCESSOR_COUNT=1) are kept under the method's name plus this.
ONE_CORE = " on one core"
# (benchmark class, generated method, PyTorch workload and n, label, the generated method the remarks are read from,
#  the trip counts and local array lengths its "Bytes stored per call" formula names, what the hand-written sweep keeps)
RECURRENCES = [
    ("EulerRolloutBenchmarks", "GeneratedValueAndGradient", ("euler rollout", 20),
     "Euler rollout, 20 steps, learned rate (float64 scalars)", "EulerRollout", {"N1": 20},
     "160 (each step's velocity)"),
    ("Rk4Benchmarks", "GeneratedValueAndGradient", ("rk4", 20),
     "RK4 over a 2-vector state, 20 steps, learned damping (float64)", "Rk4DampedOscillator",
     {"N1": 20, "N2": 4, "N3": 2, "N4": 2, "len(y)": 2, "len(k)": 8, "len(stage)": 2},
     "320 (each step's starting state; the stages are recomputed)"),
    ("LstmBenchmarks", "GeneratedValueAndGradientArrays", ("lstm", 10),
     "LSTM, 2 units, 10 steps, gradients for w and x (float64, `double[]` arguments)", "LstmSequence",
     {"N1": 10, "N2": 8, "N3": 2, "N4": 2, "len(h)": 2, "len(c)": 2, "len(gates)": 8},
     "1,152 (each step's gates, cell state and its tanh, hidden state)"),
]
# (benchmark class, label, PyTorch workload name before the shape) and the shapes, "rows x classes"
SOFTMAX_CROSS_ENTROPY = ("SoftmaxCrossEntropyBenchmarks",
                         "Softmax cross-entropy: `CrossEntropy(logits, labels)` over `[N, C]` logits with int labels",
                         "cross entropy")
CROSS_ENTROPY_SHAPES = ["128x10", "4096x1000"]
SOFTMAX_CROSS_ENTROPY_GOAL = 1.5
# ElementLoopBenchmarks: N, and (method suffix, how the caller passes its arguments)
ELEMENT_LOOP_SIZES = ["1000", "1000000"]
ELEMENT_LOOP_STYLES = [
    ("Arrays", "`float[]`"),
    ("Tensors", "`Tensor<float>`"),
]
MLP = ("MlpBenchmarks", "mlp 128x784->128->10", 128 * 784)
GENERATED = "benchmarks/SymGrad.Benchmarks/obj/Release/net10.0/generated/SymGrad.Generator/SymGrad.Generator.DifferentiableGenerator"

UNITS = {"ns": 1.0, "us": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9}


def nanoseconds(text):
    value, unit = text.replace(",", "").split()
    return float(value) * UNITS[unit]


def pretty(ns):
    if ns is None:
        return PENDING
    if ns < 1e3:
        return f"{ns:.1f} ns"
    if ns < 1e6:
        return f"{ns / 1e3:.2f} us"
    return f"{ns / 1e6:.2f} ms"


def ratio_text(numerator, denominator, bold=False):
    if numerator is None or denominator is None:
        return "-"
    text = f"{numerator / denominator:.2f}"
    return f"**{text}**" if bold else text


def load_dotnet(path):
    rows = {}
    if path == "-":
        return rows
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            # A parameter a benchmark class does not have shows as "?" in the joined report.
            n = row.get("N", "").replace("?", "").replace(",", "")
            shape = row.get("Shape", "").replace("?", "")
            if row.get("Median", "NA") in ("NA", ""):
                continue
            method = row["Method"] + (ONE_CORE if row.get("Job") == "OneCore" else "")
            rows[(row["Type"], method, n, shape)] = {
                "median": nanoseconds(row["Median"]), "allocated": row.get("Allocated", "-") or "-"}
    return rows


def load_torch(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    cores = data["machine"].get("cores") or data["machine"].get("cpus") or 1
    runs = {}
    for run in data["runs"]:
        load = run.get("load_average_1m", {})
        busy = max(load.get("before", 0), load.get("after", 0)) > cores
        # A --quick run is a smoke test with batches too short to publish.
        quiet = not busy and not data["method"].get("quick")
        results = {(r["workload"], r["n"]): r["median_ns"] for r in run["results"]}
        runs[str(run["threads"])] = {"run": run, "quiet": quiet, "busy": busy, "results": results}
    return data, runs


class Worst:
    """The largest ratio seen in one group and where."""

    def __init__(self):
        self.ratio, self.where = 0.0, None

    def see(self, numerator, denominator, where):
        if numerator is not None and denominator is not None and numerator / denominator > self.ratio:
            self.ratio, self.where = numerator / denominator, where

    def text(self):
        return f"**{self.ratio:.2f}** ({self.where})" if self.where else f"{PENDING} (no .NET run in this report)"


def ratio_table(dotnet, type_name, cases, styles, headers, limit=None, torch=()):
    """One workload's table, a row per case and calling style: a method against its counterpart called the same way
    (styles: numerator method, denominator method, how the caller passes its arguments, whether the row counts towards
    the worst ratio), against the limit method (the hand-written loop over spans) when there is one, and PyTorch's
    time for the case in each run of torch. cases: (N column, Shape column, the case as printed, PyTorch key).
    headers: the case, the numerator, the denominator and their ratio. Returns the lines and the worst ratio against the
    counterpart, against the limit, and against the faster PyTorch run."""
    def row(method, case):
        return dotnet.get((type_name, method, case[0], case[1]))

    def median(method, case):
        found = row(method, case)
        return found["median"] if found else None

    def torch_time(run, key):
        return run["results"].get(key) if run["quiet"] else None

    case_header, numerator_header, denominator_header, ratio_header = headers
    columns = [case_header, "called with", numerator_header, denominator_header, ratio_header]
    if limit:
        columns += ["hand-written loop over spans", f"{numerator_header} / loop"]
    columns += ["allocated per call"] + [torch_label(run) for run in torch]
    out = ["| " + " | ".join(columns) + " |", "| ---: | --- |" + " ---: |" * (len(columns) - 2)]
    same, against_limit, against_torch = Worst(), Worst(), Worst()
    for case in cases:
        loop = median(limit, case) if limit else None
        times = [torch_time(run, case[3]) for run in torch]
        fastest = min((t for t in times if t is not None), default=None)
        for numerator, denominator, style, like_for_like in styles:
            g, h = median(numerator, case), median(denominator, case)
            where = f"{style} at {'n = ' if case[0] else ''}{case[2]}"
            if like_for_like:
                same.see(g, h, where)
                against_limit.see(g, loop, where)
                against_torch.see(g, fastest, where)
            cells = [case[2], style, pretty(g), pretty(h), ratio_text(g, h, like_for_like)]
            if limit:
                cells += [pretty(loop), ratio_text(g, loop)]
            found = row(numerator, case)
            cells += [found["allocated"] if found else PENDING] + [pretty(t) for t in times]
            out.append("| " + " | ".join(cells) + " |")
    return out, (same, against_limit, against_torch)


def elementwise_section(dotnet, type_name, label):
    cases = [(n, "", f"{int(n):,}", None) for n in SIZES]
    styles = [("Generated" + suffix, "HandWritten" + hand_suffix, style, like_for_like)
              for suffix, hand_suffix, style, like_for_like in ELEMENTWISE_STYLES]
    headers = ("n", "generated", "hand-written, called the same way", "generated / hand-written")
    table, (same, limit, _) = ratio_table(dotnet, type_name, cases, styles, headers, limit="HandWrittenLoop")
    out = [f"### {label}", ""] + table + [""]
    out.append(f"Worst generated / hand-written: {same.text()}. Worst generated / loop over spans: {limit.text()}.")
    return out, (same, limit)


def softmax_cross_entropy_section(dotnet, runs):
    """Softmax cross-entropy over [N, C] logits, value and gradient: generated against the hand-written two-pass loop
    called the same way and alone over spans, and PyTorch's F.cross_entropy forward and backward."""
    type_name, label, torch_name = SOFTMAX_CROSS_ENTROPY
    cases = []
    for shape in CROSS_ENTROPY_SHAPES:
        rows, classes = (int(part) for part in shape.split("x"))
        cases.append(("", shape, f"[{rows:,}, {classes:,}]", (f"{torch_name} {shape}", rows * classes)))
    styles = [("Generated" + suffix, "HandWritten" + suffix, style, True) for suffix, style in LINEAR_STYLES]
    headers = ("[N, C]", "generated", "hand-written, called the same way", "generated / hand-written")
    table, (same, limit, torch) = ratio_table(dotnet, type_name, cases, styles, headers, limit="HandWrittenLoop",
                                              torch=[runs[k] for k in ("default", "1") if k in runs])
    out = [f"### {label}", ""] + table + [""]
    ahead = (f"{PENDING} (no PyTorch or no .NET numbers)" if not torch.where
             else f"**{torch.ratio:.2f}** ({torch.where}): "
             + ("ahead of PyTorch in every row" if torch.ratio < 1 else "**not** ahead of PyTorch everywhere"))
    out.append(f"Worst generated / hand-written: {same.text()}; worst generated / loop over spans: {limit.text()}; the"
               f" goal is {SOFTMAX_CROSS_ENTROPY_GOAL}. Worst generated / the faster PyTorch run: {ahead}. The"
               " hand-written two-pass Vector512 loop is `benchmarks/SymGrad.Benchmarks/HandWritten.SoftmaxCrossEntropy.cs`.")
    return out, (same, limit)


def element_loop_section(dotnet):
    """A for loop over elements against the whole-tensor spelling of the same reduction, value and gradient."""
    cases = [(n, "", f"{int(n):,}", None) for n in ELEMENT_LOOP_SIZES]
    styles = [("Loop" + suffix, "WholeTensor" + suffix, style, True) for suffix, style in ELEMENT_LOOP_STYLES]
    headers = ("n", "loop", "whole-tensor", "loop / whole-tensor")
    table, (worst, _, _) = ratio_table(dotnet, "ElementLoopBenchmarks", cases, styles, headers)
    out = table + [""]
    out.append(f"Worst loop / whole-tensor: {worst.text()}; the goal is {GOAL}.")
    return out, worst


def linear_section(dotnet):
    def row(method, shape):
        return dotnet.get(("LinearBenchmarks", method, "", shape))

    out = ["### Linear layer: `Mean(Square(MatMul(x, Transpose(w)) + b - y))`, gradients for x, w and b", ""]
    out.append("| batch x inputs -> outputs | called with | generated | hand-written, called the same way "
               "| generated / hand-written | allocated per call |")
    out.append("| --- | --- | ---: | ---: | ---: | ---: |")
    worst = Worst()
    for shape in SHAPES:
        for suffix, style in LINEAR_STYLES:
            generated, hand = row("Generated" + suffix, shape), row("HandWritten" + suffix, shape)
            g, h = (generated or {}).get("median"), (hand or {}).get("median")
            worst.see(g, h, f"{style}, {shape}")
            out.append(f"| {shape} | {style} | {pretty(g)} | {pretty(h)} | {ratio_text(g, h, True)} "
                       f"| {generated['allocated'] if generated else PENDING} |")
        generated, hand = row("GeneratedTensors" + ONE_CORE, shape), row("HandWrittenTensors" + ONE_CORE, shape)
        g, h = (generated or {}).get("median"), (hand or {}).get("median")
        worst.see(g, h, f"`Tensor<float>` on one core, {shape}")
        out.append(f"| {shape} | `Tensor<float>`, one core | {pretty(g)} | {pretty(h)} | {ratio_text(g, h, True)} "
                   f"| {generated['allocated'] if generated else PENDING} |")
    out.append("")
    out.append(f"Worst generated / hand-written: {worst.text()}. *One core*: the process starts with"
               " `DOTNET_PROCESSOR_COUNT=1`, so every product runs on the calling thread.")
    return out, worst


def bytes_stored(method, counts):
    """The generated remarks' "Bytes stored per call" formula for method, and its value at counts (None if not built)."""
    files = glob.glob(os.path.join(GENERATED, f"SymGrad.Benchmarks.Losses.{method}.*.g.cs"))
    if not files:
        return None, None
    with open(files[0], encoding="utf-8-sig") as f:
        text = f.read()
    marker = "Bytes stored per call: "
    start = text.find(marker)
    if start < 0:
        return None, None
    formula = text[start + len(marker):text.index(", where", start)]
    expression = formula.replace("·", "*")
    for name, value in sorted(counts.items(), key=lambda item: -len(item[0])):
        expression = expression.replace(name, str(value))
    if any(c.isalpha() for c in expression):
        return formula, None
    return formula, eval(expression, {"__builtins__": {}})  # digits, + * ( ) only: checked above


def recurrence_section(dotnet, runs):
    """The recurrences, value and gradient: generated against the hand-written reverse sweep and PyTorch."""
    order = [runs[k] for k in ("default", "1") if k in runs]
    out = ["| workload | generated | hand-written reverse sweep | generated / hand-written | "
           + " | ".join(torch_label(run) for run in order)
           + " | bytes stored per call, generated (the remarks' formula) | hand-written | allocated per call |"]
    out.append("| --- | ---: | ---: | ---: |" + " ---: |" * len(order) + " --- | --- | ---: |")
    worst = Worst()
    for type_name, method, torch_key, label, generated_method, counts, hand_bytes in RECURRENCES:
        generated = dotnet.get((type_name, method, "", ""))
        hand = dotnet.get((type_name, "HandWrittenValueAndGradient", "", ""))
        g, h = (generated or {}).get("median"), (hand or {}).get("median")
        worst.see(g, h, label.split(",")[0])
        torch_times = [pretty(run["results"].get(torch_key) if run["quiet"] else None) for run in order]
        formula, total = bytes_stored(generated_method, counts)
        stored = (f"{total:,} ({formula}; " + ", ".join(f"{k} = {v}" for k, v in counts.items() if k in formula) + ")"
                  if total is not None else "see the generated method's remarks (build the benchmarks first)")
        out.append(f"| {label} | {pretty(g)} | {pretty(h)} | {ratio_text(g, h, True)} | " + " | ".join(torch_times)
                   + f" | {stored} | {hand_bytes} | {generated['allocated'] if generated else PENDING} |")
    out.append("")
    out.append(f"Worst generated / hand-written: {worst.text()}; the goal is 1.5.")
    return out


def layers_section(dotnet, runs):
    """Linear layers and the perceptron against PyTorch, SymGrad on both cores and on one (the one-core job)."""
    def median(type_name, method, shape):
        row = dotnet.get((type_name, method, "", shape))
        return row["median"] if row else None

    def torch_time(key, workload):
        return runs[key]["results"].get(workload) if key in runs and runs[key]["quiet"] else None

    out = ["| layer step | generated, both cores | PyTorch, default threads | PyTorch / generated "
           "| generated, one core | PyTorch, 1 thread | PyTorch / generated |"]
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    layers = [("LinearBenchmarks", shape, f"linear {shape}", (f"linear {shape}", int(shape.split("x")[0]) * int(shape.split("x")[1].split("->")[0])))
              for shape in SHAPES]
    layers.append((MLP[0], "", "two-layer perceptron 128x784->128->10", MLP[1:]))
    for type_name, shape, label, workload in layers:
        both, one = median(type_name, "GeneratedTensors", shape), median(type_name, "GeneratedTensors" + ONE_CORE, shape)
        default_torch, single_torch = torch_time("default", workload), torch_time("1", workload)
        out.append(f"| {label} | {pretty(both)} | {pretty(default_torch)} | {ratio_text(default_torch, both, True)} "
                   f"| {pretty(one)} | {pretty(single_torch)} | {ratio_text(single_torch, one, True)} |")
    out.append("")
    out.append("A PyTorch / generated ratio of at least 1 means the generated step is at or below PyTorch's time.")
    return out


def mlp_section(dotnet, runs):
    """The two-layer perceptron step on both cores and on one, against PyTorch at its default threads and at one."""
    type_name, torch_name, torch_n = MLP

    def median(method):
        row = dotnet.get((type_name, method, "", ""))
        return row["median"] if row else None

    def torch_time(key):
        return runs[key]["results"].get((torch_name, torch_n)) if key in runs and runs[key]["quiet"] else None

    out = ["| SymGrad cores | generated, `Tensor<float>` | hand-written | generated / hand-written | PyTorch "
           "| PyTorch / generated | allocated per call |"]
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for suffix, cores, key in (("", "both (PyTorch at its default threads)", "default"), (ONE_CORE, "one (PyTorch at one thread)", "1")):
        g, h, t = median("GeneratedTensors" + suffix), median("HandWrittenTensors" + suffix), torch_time(key)
        row = dotnet.get((type_name, "GeneratedTensors" + suffix, "", ""))
        out.append(f"| {cores} | {pretty(g)} | {pretty(h)} | {ratio_text(g, h, True)} | {pretty(t)} "
                   f"| {ratio_text(t, g)} | {row['allocated'] if row else PENDING} |")
    return out


def torch_label(run):
    r = run["run"]
    if r["threads"] == "default":
        return f"PyTorch, default threads (torch {r['torch_num_threads']}, OpenBLAS {r.get('openblas_num_threads') or '-'})"
    return f"PyTorch, {r['threads']} thread"


def comparison_section(dotnet, runs):
    order = [runs[k] for k in ("default", "1") if k in runs]
    out = ["| workload | n | generated (`float[]`; linear, perceptron: `Tensor<float>`; recurrences: float64 scalars, `double[]`) | eager System.Numerics.Tensors | "
           + " | ".join(torch_label(run) for run in order) + " | "
           + " | ".join(("PyTorch default" if run["run"]["threads"] == "default" else f"PyTorch {run['run']['threads']} thread")
                        + " / generated" for run in order) + " |"]
    out.append("| --- | ---: | ---: | ---: |" + " ---: |" * (2 * len(order)))

    def torch_time(run, key):
        return run["results"].get(key) if run["quiet"] else None

    def line(label, n_text, generated, eager, key):
        times = [torch_time(run, key) for run in order]
        cells = [pretty(t) for t in times]
        ratios = [f"{t / generated:.1f}x" if t is not None and generated else "-" for t in times]
        out.append(f"| {label} | {n_text} | {pretty(generated)} | {eager} | " + " | ".join(cells + ratios) + " |")

    for type_name, torch_name, label in ELEMENTWISE:
        for n in SIZES:
            generated = dotnet.get((type_name, "GeneratedArrays", n, ""))
            eager = dotnet.get((type_name, "EagerTensors", n, ""))
            line(label, f"{int(n):,}", generated and generated["median"], pretty(eager and eager["median"]), (torch_name, int(n)))
    for shape in SHAPES:
        batch, rest = shape.split("x")
        inputs = rest.split("->")[0]
        generated = dotnet.get(("LinearBenchmarks", "GeneratedTensors", "", shape))
        line(f"linear layer {shape}", "-", generated and generated["median"], "-", (f"linear {shape}", int(batch) * int(inputs)))
    generated = dotnet.get((MLP[0], "GeneratedTensors", "", ""))
    line("two-layer perceptron 128x784->128->10", "-", generated and generated["median"], "-", MLP[1:])
    for type_name, method, torch_key, label, *_ in RECURRENCES:
        generated = dotnet.get((type_name, method, "", ""))
        line(label.split(",")[0], "-", generated and generated["median"], "-", torch_key)
    return out


def machine_text(data, runs):
    m = data["machine"]
    lines = [f"- CPU: {m.get('cpu_model', '?')}, {m.get('cores', '?')} cores ({m.get('cpus', '?')} logical CPUs), AVX-512; .NET 10.0,"
             " BenchmarkDotNet 0.14.0 (4 warm-up and 12 measured iterations, one process per benchmark, three for the"
             " linear layer). SymGrad's element-wise loops of at least 2^18 elements and its large matrix products use"
             f" both cores; smaller ones run on the calling thread."]
    lines.append(f"- PyTorch: {m.get('torch_package') or m.get('torch', '?')} (torch {m.get('torch', '?')}), calling"
                 f" {m.get('torch_blas', '?')}; NumPy {m.get('numpy', '?')} calls {m.get('numpy_blas', '?')}"
                 f" ({', '.join(os.path.basename(b) for b in m.get('blas', [])) or 'none found'}, read from the"
                 " process's mapped libraries after a matrix product).")
    for key in ("default", "1"):
        if key not in runs:
            continue
        r = runs[key]["run"]
        env = ", ".join(f"{k}={v}" for k, v in r.get("environment", {}).items() if v) or "no thread variable set"
        load = r.get("load_average_1m", {})
        reason = ("the load average was above the core count during this run" if runs[key]["busy"]
                  else "this was a --quick smoke run")
        state = "" if runs[key]["quiet"] else (
            f" **{reason[0].upper() + reason[1:]}, so its numbers are left out below (pending a rerun on a quiet machine).**")
        lines.append(f"- {torch_label(runs[key])}: torch intra-op threads {r.get('torch_num_threads')}, inter-op"
                     f" {r.get('torch_num_interop_threads', '?')}, OpenBLAS threads {r.get('openblas_num_threads') or '-'};"
                     f" {env}; 1-minute load average {load.get('before', '?')} before, {load.get('after', '?')} after.{state}")
    return "\n".join(lines)


def main():
    csv_path = sys.argv[1] if len(sys.argv) > 1 else max(
        glob.glob("BenchmarkDotNet.Artifacts/results/*-report.csv"), key=os.path.getmtime)
    torch_path = sys.argv[2] if len(sys.argv) > 2 else "benchmarks/torch/results.json"
    # What the CSV holds, when it is not one full run (for example one class's report with a Type column added).
    csv_about = sys.argv[3] if len(sys.argv) > 3 else "BenchmarkDotNet's joined CSV report of one run"
    dotnet = load_dotnet(csv_path)
    torch_data, runs = load_torch(torch_path)

    # (label, worst ratio, what is divided by what, its goal): every goal the page states, for the summary.
    sections, summary, limits = [], [], []
    for type_name, _, label in ELEMENTWISE:
        lines, (worst, limit) = elementwise_section(dotnet, type_name, label)
        sections += lines + [""]
        summary.append((label, worst, "generated / hand-written", GOAL))
        limits.append((label, limit, GOAL))
    lines, worst = linear_section(dotnet)
    sections += lines + [""]
    summary.append(("linear layer", worst, "generated / hand-written", GOAL))
    lines, (worst, limit) = softmax_cross_entropy_section(dotnet, runs)
    sections += lines
    summary.append(("softmax cross-entropy", worst, "generated / hand-written", SOFTMAX_CROSS_ENTROPY_GOAL))
    limits.append(("softmax cross-entropy", limit, SOFTMAX_CROSS_ENTROPY_GOAL))
    element_loop, worst = element_loop_section(dotnet)
    summary.append(("`for` over elements (see [Loops](#loops))", worst, "loop / whole-tensor", GOAL))
    measured = [entry for entry in summary if entry[1].where]
    if not measured:
        verdict = (".NET numbers are pending a run: this page was written without a BenchmarkDotNet report, so it makes"
                   " no claim about the ratios.")
    else:
        over = [f"{label}, {ratio}: {w.ratio:.2f} ({w.where}; goal {goal})"
                for label, w, ratio, goal in measured if w.ratio > goal]
        verdict = ("Every measured ratio is within its goal (generated / hand-written 1.25, softmax cross-entropy 1.5;"
                   " loop / whole-tensor 1.25)." if not over else "Above the goal: " + "; ".join(over) + ".")
        pending = [label for label, w, _, _ in summary if not w.where]
        if pending:
            verdict += " Not measured in this run: " + ", ".join(pending) + "."
        # The goal is the hand-written loop over spans: what a call could cost with no conversion and no checks.
        far = [f"{label}: {w.ratio:.2f} ({w.where}; goal {goal})"
               for label, w, goal in limits if w.where and w.ratio > goal]
        if far:
            verdict += (" Against the hand-written loop over spans, the goal is not met: " + "; ".join(far) + ".")

    print(TEMPLATE.format(
        machine=machine_text(torch_data, runs),
        sections="\n".join(sections).rstrip(),
        verdict=verdict,
        comparison="\n".join(comparison_section(dotnet, runs)),
        mlp="\n".join(mlp_section(dotnet, runs)),
        layers="\n".join(layers_section(dotnet, runs)),
        recurrences="\n".join(recurrence_section(dotnet, runs)),
        element_loop="\n".join(element_loop),
        csv="no BenchmarkDotNet report (every .NET number pending)" if csv_path == "-"
            else f"`benchmarks/results/{os.path.basename(csv_path)}` ({csv_about})",
        torch_started=torch_data.get("started_utc", "?")))


TEMPLATE = """# Benchmarks

What one value-and-gradient call costs when a user calls the method SymGrad generated the way the README and
[getting-started](getting-started.md) show, against the same computation written by hand and called the same way,
against the hand-written loop alone, against eager System.Numerics.Tensors, and against PyTorch with an optimized BLAS.
Speed goals live here, never in timed unit tests; allocation is also checked by tests (0 bytes per call).

Earlier versions of this page said that every generated / hand-written ratio was within 1.25 and that the large linear
layer's step was about 9x faster than PyTorch. Neither was measured as a user meets it: the ratios were measured for
one calling style only (`Tensor<float>`), not for the `float[]` arrays the README passes, whose conversion to tensor
spans and whose checks are part of every call; and PyTorch was measured calling Debian's reference BLAS, where a PyTorch
user has an optimized one. Both claims are withdrawn; the tables below replace them.

## The machine

{machine}

Times are medians.

## Value and gradient, one call

Each workload is called in every way the docs show, generated and hand-written alike:

- *called with `float[]`*: `Losses.MseValueAndGradient(x, target, dx)` with arrays; each array converts to a tensor
  span in the call.
- *called with `Tensor<float>`*: the same call with tensors wrapping the same arrays. The hand-written method takes
  the `Tensor<float>`s as they are and reads their elements as flat spans (`GetPinnableReference`,
  `FlattenedLength`) after its checks; the row below it times the hand-written method over tensor spans called with
  the same tensors, each converted to a tensor span in the call (not like for like: it does not count towards the
  worst ratio).
- *tensor spans built in the call*: `new ReadOnlyTensorSpan<float>(x)` (with its shape for a matrix) and
  `new TensorSpan<float>(dx)` built from the arrays inside the timed call.
- *generated*: the `{{Name}}ValueAndGradient` method SymGrad wrote.
- *hand-written, called the same way*: the computation as an expert writes it by hand, with the generated method's
  parameters (`ReadOnlyTensorSpan<float>` in, `TensorSpan<float>` out; for `float[]` arguments, spans in and out, as
  the generated span overload takes them; for `Tensor<float>` arguments, `Tensor<float>`s), the checks any public
  method makes (dense, matching shapes or lengths), then one fused Vector512 loop with four accumulators and a masked
  tail (`benchmarks/SymGrad.Benchmarks/HandWritten.cs`, `HandWritten.Tensors.cs`). The goal is a generated / hand-written ratio of at most 1.25.
- *hand-written loop over spans*: the same loop over `Span<float>`s of the arrays, with no tensors and no checks: the
  limit, the cost of the arithmetic alone.

{sections}

{verdict}

A generated call also checks what the hand-written one does not: that no gradient shares memory with an input.

Not measured yet: a least-squares loss `Sum(Square(MatMul(T, x) - s))` with a vector `x` as a generated method. It
compiles and runs on the matrix-vector kernels ([contract.md](contract.md)); the kernels alone are timed by
`MatrixVectorBenchmarks` (see [Matrix products](#matrix-products)).

## Against eager System.Numerics.Tensors and PyTorch

*Eager*: the method's body run as written through System.Numerics.Tensors (it allocates its intermediates). *PyTorch*:
`benchmarks/torch/bench.py`, one training step of the same function: gradients cleared, forward, backward, the loss
read as a float; at PyTorch's default thread counts, and with every thread count set to one.

{comparison}

Layer steps, `Tensor<float>` arguments, with SymGrad on both cores against PyTorch at its default thread counts, and
with SymGrad on one core (`DOTNET_PROCESSOR_COUNT=1`) against PyTorch at one thread:

{layers}

## Reproduce

On a quiet machine (the load average below the core count; the PyTorch script records it):

```
dotnet run -c Release --project benchmarks/SymGrad.Benchmarks -- --check          # every case agrees and allocates nothing
dotnet run -c Release --project benchmarks/SymGrad.Benchmarks -- --filter '*'     # the full run, about an hour
cp BenchmarkDotNet.Artifacts/results/*-joined-*-report.csv benchmarks/results/dotnet.csv
apt-get install -y python3-torch libopenblas0-pthread                             # PyTorch and an optimized BLAS
/usr/bin/python3 benchmarks/torch/bench.py benchmarks/torch/results.json          # default threads, then one thread
python3 benchmarks/report.py benchmarks/results/dotnet.csv benchmarks/torch/results.json > docs/benchmarks.md
```

`-- --job dry --filter '*'` runs every case once, to prove they run; `-- --alternate` times the large linear step
generated and hand-written in turn in one process, and `-- --alternate loop:1000000` (or `rollout:1000`) does the same
for every case of the element loop (or the tensor rollout) once each call has reached its final tier.

This page was written from {csv} and `benchmarks/torch/results.json` (started {torch_started}).

## Two-layer perceptron step

`Losses.Mlp`: `CrossEntropy(MatMul(Relu(MatMul(x, Transpose(w1)) + b1), Transpose(w2)) + b2, labels)` with `x`
`[128, 784]`, 128 hidden units, 10 classes and int labels; the loss and the gradients of `w1`, `b1`, `w2` and `b2`,
called with `Tensor<float>`. *Hand-written*: the same step with five calls to the matrix kernel generated code uses,
the ReLU, its mask and the biases in vector loops, and the hand-written softmax cross-entropy
(`benchmarks/SymGrad.Benchmarks/HandWritten.Mlp.cs`). PyTorch: `F.cross_entropy(F.linear(F.relu(F.linear(x, w1, b1)),
w2, b2), labels)` and backward, on the same inputs.

{mlp}

## Loops

Recurrences, value and gradient: the generated reverse sweep (a scalar loop over a tape rented once per call) against
the reverse sweep written by hand (`benchmarks/SymGrad.Benchmarks/HandWritten.Rollouts.cs` and
`HandWritten.Recurrences.cs`: the forward loop keeps on the stack what the backward loop reads) and PyTorch (a float64
graph built op by op: the Euler rollout over scalar tensors, RK4 over a 2-vector state with a 2x2 matrix per stage, the
LSTM with its 32 weights as an `[8, 4]` matrix). *Bytes stored per call* is the generated method's own account (its
remarks give it as a formula of the trip counts), evaluated at this workload's trip counts.

{recurrences}

A `for` loop over elements against its whole-tensor spelling, value and gradient: `Losses.SquaredErrorLoop`
(`for (int i = 0; i < x.FlattenedLength; i++) {{ float d = x[i] - target[i]; s += d * d; }}`) against
`Losses.SquaredError` (`Sum(Square(x - target))`), both generated and called the same way. The loop compiles to the
whole-tensor spelling's fused pass; the goal is a loop / whole-tensor ratio of at most 1.25 at n = 1,000 and 10^6. Earlier
runs: [benchmarks/results/control_flow.md](../benchmarks/results/control_flow.md).

{element_loop}

## Matrix products

`MatrixKernels.Multiply` (the kernel generated code calls for `MatMul`) against NumPy with OpenBLAS 0.3.21, float32,
from one run on the idle machine: see [benchmarks/results/gemm.md](../benchmarks/results/gemm.md).

| m x k x n | one thread: SymGrad / OpenBLAS | both cores: SymGrad / OpenBLAS |
| --- | ---: | ---: |
| 1024x256x64 | 336 / 341 us = **0.99** | 178 / 219 us = **0.81** |
| 128x784x128 | 257 / 261 us = **0.98** | 196 / 158 us = **1.24** |
| 512x512x512 | 2.54 / 2.60 ms = **0.98** | 1.52 / 1.33 ms = **1.14** |
| 1024x1024x1024 | 21.9 / 21.3 ms = **1.03** | 11.1 / 10.7 ms = **1.04** |

Every product A·B is within 1.25x of OpenBLAS on one thread and on both cores; the worst is 128x784x128 on both cores
(1.24x, bimodal in this run: its A·Bᵀ took 153 us). The slowest transpose combination is within 1.25x of OpenBLAS's
A @ B except 128x784x128 Aᵀ·Bᵀ on both cores (213 us, 1.35x).

## The generator's own speed

`benchmarks/SymGrad.GeneratorBenchmarks` times the generator over 100 `[Differentiable]` methods, and proves that an
unrelated edit leaves every step of the pipeline Cached or Unchanged: see
[benchmarks/results/generator.md](../benchmarks/results/generator.md). In short: about 0.8 ms per method for a full
run on the idle machine (about 2 ms under other builds' load); a re-run after an unrelated edit regenerates nothing
(every tracked step reports Cached or Unchanged) and costs about 0.5 ms per method, almost all of it the frontend
binding each method again in the new compilation.

### Long methods grow linearly

A method whose every line reuses the value before it (`a = a * a + a;` repeated) shares each node of its graph many
times. Printed as a tree, the generated comments doubled in cost with every line (10 lines took 0.6 s, 12 lines about a
minute). Every stage now walks the graph in linear time (a test counts the nodes printed), and no expression, however
deep, can overflow the stack. One full generator run over a single method (BenchmarkDotNet medians, `--recurrences`):

| lines | scalar: `a = a * a + a;` | tensor: `t = t * t + t;` |
| ---: | ---: | ---: |
| 16 | 68 ms | 229 ms |
| 64 | 195 ms | 441 ms |
| 256 | 244 ms | 696 ms |
| 1,024 | 553 ms | 1.87 s |

Four times the lines cost 2.3x (scalar) and 2.7x (tensor) from 256 to 1,024: linear, with a fixed cost that dominates
small methods. About half of each run is the compiler binding the method body, which a build pays anyway; the
stage-by-stage times, and the Newton iteration, a 1,024-term sum and a chain of 1,024 reductions, are in
[benchmarks/results/generator.md](../benchmarks/results/generator.md#long-methods-linear-time).
"""

if __name__ == "__main__":
    main()
