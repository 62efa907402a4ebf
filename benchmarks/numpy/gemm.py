#!/usr/bin/python3
"""NumPy with OpenBLAS: the matrix products SymGrad's GemmBenchmarks are compared against.

Times C = A @ B in float32 for the shapes of benchmarks/SymGrad.Benchmarks/GemmBenchmarks.cs (m x k x n):
1024x256x64, 128x784x128, 512x512x512 and 1024x1024x1024, and the matrix-vector products y = A @ x and y = x @ A
for a 4096x4096 matrix. With --transposes also A.T @ B, A @ B.T and A.T @ B.T (operands stored transposed, so BLAS
reads them as a user's transposed arrays, not as copies).

Each thread count runs in a child process whose OPENBLAS_NUM_THREADS, OMP_NUM_THREADS and MKL_NUM_THREADS are set
before numpy loads ("default" leaves them unset: OpenBLAS then uses every core). The child prints which BLAS numpy
loaded, from numpy's build configuration and from the shared libraries mapped into the process (/proc/self/maps),
so a reference BLAS or a single-threaded build shows. Per product: a warm-up, a calibration of how many products fill
--batch-ms, then --batches timed batches (time.perf_counter_ns); the result is the median time per product and
GFLOP/s (2mnk / time). The CPU time per product (time.process_time_ns) is printed beside it: on a loaded machine the
wall time grows, the CPU time much less.

Install on Debian: apt-get install python3-numpy libopenblas0-pthread
Usage: /usr/bin/python3 benchmarks/numpy/gemm.py [--threads 1 default] [--transposes] [--batch-ms 200] [--batches 7]
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

SHAPES = ((1024, 256, 64), (128, 784, 128), (512, 512, 512), (1024, 1024, 1024))
MATRIX_VECTOR = 4096
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def loaded_blas():
    """The BLAS and LAPACK libraries mapped into this process."""
    libraries = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            name = os.path.basename(path).lower()
            if "blas" in name or "lapack" in name or "mkl" in name:
                libraries.add(os.path.realpath(path))
    return sorted(libraries)


def measure(product, flops, batch_ms, batches):
    product()
    count = 1
    while True:
        start = time.perf_counter_ns()
        for _ in range(count):
            product()
        elapsed = time.perf_counter_ns() - start
        if elapsed >= batch_ms * 1e6 / 4 or count >= 1 << 20:
            break
        count *= 2
    count = max(1, int(count * batch_ms * 1e6 / max(elapsed, 1)))
    walls, cpus = [], []
    for _ in range(batches):
        start, cpu = time.perf_counter_ns(), time.process_time_ns()
        for _ in range(count):
            product()
        walls.append((time.perf_counter_ns() - start) / count)
        cpus.append((time.process_time_ns() - cpu) / count)
    wall = statistics.median(walls)
    return wall, statistics.median(cpus), flops / wall


def child(args):
    import numpy

    print(f"numpy {numpy.__version__}; threads: {os.environ.get('OPENBLAS_NUM_THREADS', 'default')}")
    numpy.show_config()
    print("BLAS libraries mapped into the process:")
    for library in loaded_blas():
        print(f"  {library}")

    rng = numpy.random.default_rng(1)
    rows = []
    for m, k, n in SHAPES:
        combinations = [(False, False)]
        if args.transposes:
            combinations += [(True, False), (False, True), (True, True)]
        for transpose_a, transpose_b in combinations:
            # A transposed operand is stored as its transpose and viewed through .T, as a gradient's operand is.
            a = rng.uniform(-1, 1, (k, m) if transpose_a else (m, k)).astype(numpy.float32)
            b = rng.uniform(-1, 1, (n, k) if transpose_b else (k, n)).astype(numpy.float32)
            left = a.T if transpose_a else a
            right = b.T if transpose_b else b
            out = numpy.empty((m, n), dtype=numpy.float32)
            wall, cpu, gflops = measure(lambda: numpy.matmul(left, right, out=out), 2.0 * m * n * k, args.batch_ms, args.batches)
            name = f"{'A.T' if transpose_a else 'A'} @ {'B.T' if transpose_b else 'B'}"
            rows.append((f"{m}x{k}x{n}", name, wall, cpu, gflops))

    size = MATRIX_VECTOR
    matrix = rng.uniform(-1, 1, (size, size)).astype(numpy.float32)
    vector = rng.uniform(-1, 1, size).astype(numpy.float32)
    out = numpy.empty(size, dtype=numpy.float32)
    for name, product in (("A @ x", lambda: numpy.matmul(matrix, vector, out=out)),
                          ("x @ A", lambda: numpy.matmul(vector, matrix, out=out))):
        wall, cpu, gflops = measure(product, 2.0 * size * size, args.batch_ms, args.batches)
        rows.append((f"{size}x{size} matrix-vector", name, wall, cpu, gflops))
        print(f"  {name}: {4.0 * size * size / wall:.1f} GB/s of matrix read")

    print()
    print("| shape (m x k x n) | product | median time | CPU time | GFLOP/s |")
    print("| --- | --- | ---: | ---: | ---: |")
    for shape, name, wall, cpu, gflops in rows:
        print(f"| {shape} | {name} | {wall / 1e3:.1f} us | {cpu / 1e3:.1f} us | {gflops:.1f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", nargs="+", default=["1", "default"], help="thread counts: numbers or 'default'")
    parser.add_argument("--transposes", action="store_true", help="also time the three transposed combinations")
    parser.add_argument("--batch-ms", type=float, default=200.0, help="length of one timed batch")
    parser.add_argument("--batches", type=int, default=7, help="timed batches per product")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    for threads in args.threads:
        environment = {key: value for key, value in os.environ.items() if key not in THREAD_VARIABLES}
        if threads != "default":
            environment.update({variable: threads for variable in THREAD_VARIABLES})
        command = [sys.executable, os.path.abspath(__file__), "--child", "--batch-ms", str(args.batch_ms),
                   "--batches", str(args.batches)] + (["--transposes"] if args.transposes else [])
        print(f"## {threads} thread(s)", flush=True)
        subprocess.run(command, env=environment, check=True)
        print(flush=True)


if __name__ == "__main__":
    main()
