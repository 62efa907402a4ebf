#!/usr/bin/env python3
"""PyTorch float64 references for reductions along an axis, softmax and log-softmax inside loops:
tests/SymGrad.Tests/Gradients/LoopAxisTests.cs.

Each function mirrors a [Differentiable] method of LoopAxisBodies (a recurrent classifier, row sums in a loop, a callee
with a product, attention per step, row and column statistics with keepdim, a vector state through softmaxes in
branches, callees with a product and a log-softmax), with torch.matmul for MatMul, torch.amax/amin for Max/Min along an
axis. Element i of the input with seed s is 0.5 * sin(7.3 s + 1.7 i) times the input's scale (targets are one-hot rows or
the absolute values of such elements); the file records the inputs, so the C# test reads the same numbers, and the value
and the gradient of every differentiable parameter (flattened row-major) go to tests/SymGrad.Tests/Reference/loop_axes.json.

Usage (needs PyTorch 1.13, for example Debian's python3-torch): python3 tools/reference/loop_axes.py
"""

import json
import math
import os

import torch


def values(count, seed, scale):
    return [scale * 0.5 * math.sin(seed * 7.3 + 1.7 * i) for i in range(count)]


def one_hot(rows, columns):
    y = [0.0] * (rows * columns)
    for i in range(rows):
        y[i * columns + (i * 5) % columns] = 1.0
    return y


def rnn_classifier(xs, w, v, y, steps):
    h = xs
    for _ in range(steps):
        h = torch.tanh(torch.matmul(h, w))
    return -(y * torch.log_softmax(torch.matmul(h, v), 1)).sum()


def rows(x, steps):
    s = torch.zeros((), dtype=torch.float64)
    for t in range(steps):
        s = s + (x.sum(1) ** 2).sum() * t
    return s


def calls_inner(a, w, steps):
    s = torch.zeros((), dtype=torch.float64)
    for t in range(steps):
        s = s + (torch.matmul(a, w) ** 2).sum() * t
    return s


def attention(q0, k_t, v, steps):
    q = q0
    for _ in range(steps):
        a = torch.softmax(torch.matmul(q, k_t), 1)
        q = torch.tanh(torch.matmul(a, v) + q)
    return (q * q).sum()


def statistics(x, w, steps):
    h = x
    s = torch.zeros((), dtype=torch.float64)
    for _ in range(steps):
        h = torch.tanh(torch.matmul(h, w))
        l = h - torch.logsumexp(h, 1, keepdim=True)
        h = h - torch.amax(h, 1, keepdim=True) + 0.5 * h.mean(0, keepdim=True)
        s = s + (l * l).sum() + torch.amin(h, 0).sum() + l.mean(-1).sum()
    return s + (torch.softmax(h, 0) * x).sum()


def vector_branches(h0, w, y, steps):
    h = h0
    loss = torch.zeros((), dtype=torch.float64)
    for t in range(steps):
        if t % 2 == 0:
            h = torch.softmax(torch.matmul(w, h), -1) + h
        else:
            h = 0.5 * torch.log_softmax(h, 0) + h
        loss = loss - ((y * torch.log_softmax(h, 0)).sum() - torch.amax(h, 0, keepdim=True).sum())
    return loss + torch.logsumexp(h, 0).sum()


def calls_layers(h0, w, y, steps):
    h = h0
    loss = torch.zeros((), dtype=torch.float64)
    for _ in range(steps):
        h = torch.tanh(torch.matmul(h, w))
        loss = loss + -(y * torch.log_softmax(h, 1)).sum()
    return loss


def case(function, inputs, ints, differentiable):
    """inputs: (name, shape, seed or values, scale) in parameter order; ints passed after them."""
    tensors = []
    recorded = []
    for name, shape, seed, scale in inputs:
        data = values(math.prod(shape), seed, scale) if isinstance(seed, int) else seed
        t = torch.tensor(data, dtype=torch.float64).reshape(shape)
        t.requires_grad_(name in differentiable)
        tensors.append(t)
        recorded.append({"name": name, "shape": list(shape), "values": data})
    value = function(*tensors, *ints)
    if value.requires_grad:
        value.backward()
    # No iteration (steps 0): the value may read no parameter, and every gradient is zero.
    gradients = {name: (t.grad if t.grad is not None else torch.zeros_like(t)).reshape(-1).tolist() for (name, _, _, _), t in zip(inputs, tensors) if name in differentiable}
    return {"inputs": recorded, "ints": list(ints), "value": value.item(), "gradients": gradients}


def main():
    cases = []
    for batch, width, classes, steps in [(3, 4, 1, 0), (3, 4, 3, 1), (2, 5, 17, 3), (1, 3, 33, 2), (4, 1, 3, 2)]:
        inputs = [("xs", [batch, width], 1, 1.0), ("w", [width, width], 2, 0.5), ("v", [width, classes], 3, 1.0), ("y", [batch, classes], one_hot(batch, classes), 1.0)]
        cases.append(dict(function="RnnClassifier", **case(rnn_classifier, inputs, [steps], {"xs", "w", "v"})))
    for r, c, steps in [(1, 1, 0), (3, 1, 1), (2, 17, 3), (4, 33, 2)]:
        cases.append(dict(function="Rows", **case(rows, [("x", [r, c], 4, 1.0)], [steps], {"x"})))
    for r, k, c, steps in [(2, 3, 1, 1), (3, 4, 17, 3), (1, 5, 33, 2)]:
        inputs = [("a", [r, k], 5, 1.0), ("w", [k, c], 6, 1.0)]
        cases.append(dict(function="CallsInner", **case(calls_inner, inputs, [steps], {"a", "w"})))
    for n, d, m, steps in [(2, 3, 1, 0), (2, 3, 3, 1), (3, 4, 17, 3), (1, 2, 33, 2)]:
        inputs = [("q0", [n, d], 7, 1.0), ("kT", [d, m], 8, 1.0), ("v", [m, d], 9, 1.0)]
        cases.append(dict(function="Attention", **case(attention, inputs, [steps], {"q0", "kT", "v"})))
    for r, c, steps in [(2, 1, 0), (3, 3, 1), (4, 17, 3), (2, 33, 2)]:
        inputs = [("x", [r, c], 10, 1.0), ("w", [c, c], 11, 0.5)]
        cases.append(dict(function="Statistics", **case(statistics, inputs, [steps], {"x", "w"})))
    for size, steps in [(1, 2), (3, 1), (17, 3), (33, 4)]:
        inputs = [("h0", [size], 13, 1.0), ("w", [size, size], 14, 0.5), ("y", [size], [abs(v) for v in values(size, 12, 1.0)], 1.0)]
        cases.append(dict(function="VectorBranches", **case(vector_branches, inputs, [steps], {"h0", "w"})))
    for r, c, steps in [(2, 1, 0), (2, 3, 1), (3, 17, 3), (1, 33, 2)]:
        inputs = [("h0", [r, c], 15, 1.0), ("w", [c, c], 16, 0.5), ("y", [r, c], one_hot(r, c), 1.0)]
        cases.append(dict(function="CallsLayers", **case(calls_layers, inputs, [steps], {"h0", "w"})))

    path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "SymGrad.Tests", "Reference", "loop_axes.json")
    with open(path, "w") as f:
        json.dump({"cases": cases}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
