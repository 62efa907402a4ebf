#!/usr/bin/env python3
"""Writes tests/SymGrad.Tests/Reference/empty_axes.json: reductions along an empty axis, as PyTorch 1.13 computes them.

Defines in torch the functions of tests/SymGrad.Tests/Gradients/EmptyAxisTests.cs under the same names and evaluates
each at tensors with a zero-length axis (rank 3 and rank 2). A sum of an empty axis is 0, a mean NaN, a log-sum-exp
-infinity, a softmax or log-softmax empty; amax and amin raise unless their result is empty too. For each case the
file records the value and the gradient of the scalar parameter s (the tensor's own gradient has no elements), or
"error" where torch raises. Non-finite numbers are the strings "NaN", "Infinity" and "-Infinity" (JSON has none).

Usage (needs PyTorch 1.13, for example Debian's python3-torch): python3 tools/reference/empty_axes.py
"""

import json
import math
import os

import torch

CUBES = [(0, 3, 5), (2, 0, 5), (2, 3, 0), (0, 1, 0)]
MATRICES = [(0, 3), (3, 0), (0, 0)]
S = 1.5


def number(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


functions = {
    # Rank 3: axis 0 (or -3) and the last axis (2 or -1), with keepDims and without; each names axis 2 or -3 once,
    # which is how the generator knows x is rank 3.
    "Sums": (CUBES, lambda x, s: torch.square((x * s).sum(0)).sum() + s * x.sum(2, keepdim=True).sum()),
    "Means": (CUBES, lambda x, s: (x * s).mean(-3).sum() + s * x.mean(2, keepdim=True).sum()),
    "LogSumExps": (CUBES, lambda x, s: torch.exp(torch.logsumexp(x * s, -3)).sum() + torch.logsumexp(x, -1, keepdim=True).sum()),
    "Softmaxes": (CUBES, lambda x, s: torch.softmax(x * s, -3).sum() + (torch.log_softmax(x, -1) * s).sum()),
    "Maxima": (CUBES, lambda x, s: s * torch.amax(x, -3).sum()),
    "Minima": (CUBES, lambda x, s: s * torch.amin(x, 2, keepdim=True).sum()),
    # Rank 3 along the middle axis (1 or -2), with keepDims and without; each also sums along axis 2 once (adding 0).
    "MiddleSums": (CUBES, lambda x, s: torch.square((x * s).sum(1)).sum() + s * x.sum(-2, keepdim=True).sum() + x.sum(2).sum()),
    "MiddleMeans": (CUBES, lambda x, s: (x * s).mean(-2).sum() + s * x.mean(1, keepdim=True).sum() + x.sum(2).sum()),
    "MiddleLogSumExps": (CUBES, lambda x, s: torch.exp(torch.logsumexp(x * s, 1)).sum() + torch.logsumexp(x, -2, keepdim=True).sum() + x.sum(2).sum()),
    "MiddleSoftmaxes": (CUBES, lambda x, s: torch.softmax(x * s, 1).sum() + (torch.log_softmax(x, -2) * s).sum() + x.sum(2).sum()),
    "MiddleMaxima": (CUBES, lambda x, s: s * torch.amax(x, 1).sum() + x.sum(2).sum()),
    "MiddleMinima": (CUBES, lambda x, s: s * torch.amin(x, -2, keepdim=True).sum() + x.sum(2).sum()),
    # Rank 2: both axes.
    "MatrixSums": (MATRICES, lambda x, s: torch.square((x * s).sum(0)).sum() + s * x.sum(-1, keepdim=True).sum()),
    "MatrixMeans": (MATRICES, lambda x, s: (x * s).mean(-2).sum() + s * x.mean(1, keepdim=True).sum()),
    "MatrixLogSumExps": (MATRICES, lambda x, s: torch.exp(torch.logsumexp(x * s, 0)).sum() + torch.logsumexp(x, -1, keepdim=True).sum()),
    "MatrixSoftmaxes": (MATRICES, lambda x, s: torch.softmax(x * s, 0).sum() + (torch.log_softmax(x, -1) * s).sum()),
    "MatrixMaxima": (MATRICES, lambda x, s: s * torch.amax(x, 0).sum()),
    "MatrixMinima": (MATRICES, lambda x, s: s * torch.amin(x, -1, keepdim=True).sum()),
}

cases = []
for name, (shapes, body) in functions.items():
    for shape in shapes:
        x = torch.zeros(shape, dtype=torch.float64, requires_grad=True)
        s = torch.tensor(S, dtype=torch.float64, requires_grad=True)
        entry = {"function": name, "shape": list(shape), "s": S}
        try:
            value = body(x, s)
        except (RuntimeError, IndexError):
            entry["error"] = True
            cases.append(entry)
            continue
        value.backward()
        assert x.grad.shape == x.shape and x.grad.numel() == 0
        entry["value"] = number(value.item())
        entry["ds"] = number(s.grad.item())
        cases.append(entry)

path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "SymGrad.Tests", "Reference", "empty_axes.json")
with open(path, "w", encoding="utf-8") as file:
    file.write('{\n  "torch": ' + json.dumps(torch.__version__) + ',\n  "cases": [\n')
    file.write(",\n".join("    " + json.dumps(c) for c in cases))
    file.write("\n  ]\n}\n")
print(f"{len(cases)} cases written to {os.path.normpath(path)}")
