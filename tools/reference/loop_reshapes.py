#!/usr/bin/env python3
"""PyTorch float64 references for Reshape inside loops: tests/SymGrad.Tests/Gradients/LoopReshapeTests.cs.

Each function mirrors a [Differentiable] method of LoopReshapeBodies (regrouped rows, flattened matrices, rows from an
int parameter through axis reductions, a reshape read by a product, a reshaped tensor local in branches, reshapes to
rank 3 and as the logits of a cross-entropy), with torch.reshape for Reshape and torch.matmul for MatMul. Element i of
the input with seed s is 0.5 * sin(7.3 s + 1.7 i); label i of N rows and C classes is (5 i) mod C. The file records the
inputs, so the C# test reads the same numbers, and the value and the gradient of every differentiable parameter
(flattened row-major) go to tests/SymGrad.Tests/Reference/loop_reshapes.json.

Usage (needs PyTorch 1.13, for example Debian's python3-torch): python3 tools/reference/loop_reshapes.py
"""

import json
import math
import os

import torch
import torch.nn.functional as F


def values(count, seed):
    return [0.5 * math.sin(seed * 7.3 + 1.7 * i) for i in range(count)]


def zero():
    return torch.zeros((), dtype=torch.float64)


def regrouped_rows(x, n):
    s = zero()
    for _ in range(n):
        s = s + (torch.logsumexp(x.reshape(x.shape[1], -1), 1) ** 2).sum()
    return s


def flatten(x, y, n):
    s = zero()
    for _ in range(n):
        s = s + (x.reshape(-1) * y.reshape(-1)).sum() + (x.reshape(-1) ** 2).sum()
    return s


def rows_parameter(x, rows, n):
    s = zero()
    for _ in range(n):
        s = s + (x.reshape(rows, -1).mean(0) ** 2).sum() + torch.logsumexp(x.reshape(rows, -1), 1).mean()
    return s


def product(x, w, n):
    s = zero()
    for _ in range(n):
        s = s + torch.matmul(x.reshape(x.shape[1], -1), w).sum() + (torch.matmul(x.reshape(x.shape[1], -1), w) ** 2).sum()
    return s


def local(x, a, steps):
    h = x
    s = zero()
    for t in range(steps):
        h = torch.tanh(h * 1.5)
        if t % 2 == 0:
            m = h.reshape(-1, x.shape[0])
            s = s + ((m - a) ** 2).sum() + (m.mean(1, keepdim=True) * m).sum()
        else:
            s = s + (torch.softmax(((h * 2) - x).reshape(-1), 0) * a.reshape(-1)).sum()
    return s + h.reshape(1, -1).sum()


def ranks(x, labels, steps):
    s = zero()
    for t in range(steps):
        s = s + torch.amax(x.reshape(x.shape[0], 1, -1), 2).sum() + F.cross_entropy((x.reshape(-1) * t).reshape(x.shape[0], -1), labels)
    return s


def case(function, inputs, labels, ints, differentiable):
    tensors = []
    recorded = []
    for name, shape, seed in inputs:
        data = values(math.prod(shape), seed)
        t = torch.tensor(data, dtype=torch.float64).reshape(shape)
        t.requires_grad_(name in differentiable)
        tensors.append(t)
        recorded.append({"name": name, "shape": list(shape), "values": data})
    extra = [torch.tensor(labels, dtype=torch.long)] if labels is not None else []
    value = function(*tensors, *extra, *ints)
    if value.requires_grad:
        value.backward()
    gradients = {name: (t.grad if t.grad is not None else torch.zeros_like(t)).reshape(-1).tolist() for (name, _, _), t in zip(inputs, tensors) if name in differentiable}
    return {"inputs": recorded, "labels": labels if labels is not None else [], "ints": list(ints), "value": value.item(), "gradients": gradients}


def main():
    cases = []
    for r, c, n in [(1, 1, 0), (3, 1, 1), (2, 17, 3), (4, 3, 3)]:
        cases.append(dict(function="RegroupedRows", **case(regrouped_rows, [("x", [r, c], 1)], None, [n], {"x"})))
    for r, c, n in [(1, 1, 1), (3, 17, 3)]:
        cases.append(dict(function="Flatten", **case(flatten, [("x", [r, c], 2), ("y", [c, r], 3)], None, [n], {"x", "y"})))
    for r, c, rows, n in [(1, 1, 1, 1), (6, 1, 3, 3), (4, 17, 2, 1)]:
        cases.append(dict(function="RowsParameter", **case(rows_parameter, [("x", [r, c], 4)], None, [rows, n], {"x"})))
    for m, k, p, n in [(1, 1, 1, 1), (3, 2, 17, 3)]:
        cases.append(dict(function="Product", **case(product, [("x", [m, k], 5), ("w", [m, p], 6)], None, [n], {"x", "w"})))
    for r, c, steps in [(1, 1, 1), (3, 2, 2), (2, 17, 3), (17, 3, 4)]:
        cases.append(dict(function="Local", **case(local, [("x", [r, c], 7), ("a", [c, r], 8)], None, [steps], {"x", "a"})))
    for r, c, steps in [(1, 1, 1), (3, 17, 3), (17, 3, 2)]:
        labels = [(i * 5) % c for i in range(r)]
        cases.append(dict(function="Ranks", **case(ranks, [("x", [r, c], 9)], labels, [steps], {"x"})))

    path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "SymGrad.Tests", "Reference", "loop_reshapes.json")
    with open(path, "w") as f:
        json.dump({"cases": cases}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
