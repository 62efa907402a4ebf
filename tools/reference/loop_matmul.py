#!/usr/bin/env python3
"""PyTorch float64 references for matrix products inside loops: tests/SymGrad.Tests/Gradients/LoopProductTests.cs.

Each function mirrors a [Differentiable] method of LoopProductBodies (a recurrent network, a vector state, minibatch
least squares, a power iteration, a Newton-like step, products in branches), with torch.matmul for MatMul. Element i of
the input with seed s is 0.5 * sin(7.3 s + 1.7 i) times the input's scale; the file records the inputs, so the C# test
reads the same numbers, and the value and the gradient of every differentiable parameter (flattened row-major) go to
tests/SymGrad.Tests/Reference/loop_matmul.json.

Usage (needs PyTorch 1.13, for example Debian's python3-torch): python3 tools/reference/loop_matmul.py
"""

import json
import math
import os

import torch


def values(count, seed, scale):
    return [scale * 0.5 * math.sin(seed * 7.3 + 1.7 * i) for i in range(count)]


def rnn(h0, w, u, xs, steps):
    h = h0
    loss = torch.zeros((), dtype=torch.float64)
    for t in range(steps):
        h = torch.tanh(torch.matmul(h, w) + torch.matmul(xs[t:t + 1, :], u))
        loss = loss + (h * h).sum()
    return loss


def vector_state(h0, w, b, steps):
    h = h0
    loss = torch.zeros((), dtype=torch.float64)
    for _ in range(steps):
        h = torch.tanh(torch.matmul(w, h) + b)
        h = torch.sigmoid(torch.matmul(h, w)) - 0.5
        loss = loss + (h * h).sum()
    return loss


def minibatches(x, w, y, n, batches):
    loss = torch.zeros((), dtype=torch.float64)
    for b in range(batches):
        loss = loss + ((torch.matmul(x[b * n:(b + 1) * n, :], w) - y[b * n:(b + 1) * n, :]) ** 2).mean()
    return loss


def power(a, v0, steps):
    v = v0
    for _ in range(steps):
        v = torch.matmul(a, v)
        v = v / torch.sqrt((v * v).sum())
    return torch.dot(v, torch.matmul(a, v))


def newton(x0, hinv, q, steps):
    x = x0
    for _ in range(steps):
        g = torch.matmul(q, x) + torch.sin(x)
        x = x - 0.5 * torch.matmul(hinv, g)
    return (x * x).sum()


def branches(h0, w, u, steps):
    h = h0
    for t in range(steps):
        if t % 2 == 0:
            h = torch.tanh(torch.matmul(h, w))
        else:
            h = h + 0.1 * torch.matmul(torch.matmul(h, u), w)
    return h.max() + h.mean()


def case(function, inputs, ints, differentiable):
    """inputs: (name, shape, seed, scale) in parameter order; ints passed after them."""
    tensors = []
    recorded = []
    for name, shape, seed, scale in inputs:
        data = values(math.prod(shape), seed, scale)
        t = torch.tensor(data, dtype=torch.float64).reshape(shape)
        t.requires_grad_(name in differentiable)
        tensors.append(t)
        recorded.append({"name": name, "shape": list(shape), "values": data})
    value = function(*tensors, *ints)
    if value.requires_grad:
        value.backward()
    # No iteration (steps 0): the value reads no parameter, and every gradient is zero.
    gradients = {name: (t.grad if t.grad is not None else torch.zeros_like(t)).reshape(-1).tolist() for (name, _, _, _), t in zip(inputs, tensors) if name in differentiable}
    return {"inputs": recorded, "ints": list(ints), "value": value.item(), "gradients": gradients}


def main():
    cases = []
    for batch, hidden, steps in [(1, 1, 0), (1, 1, 1), (3, 7, 10), (3, 33, 10), (1, 7, 10)]:
        rows = max(steps, 1)
        inputs = [("h0", [batch, hidden], 1, 1.0), ("w", [hidden, hidden], 2, 0.4), ("u", [5, hidden], 3, 1.0), ("xs", [rows, 5], 4, 1.0)]
        cases.append(dict(function="Rnn", **case(rnn, inputs, [steps], {"h0", "w", "u", "xs"})))
    for hidden, steps in [(1, 3), (7, 4), (33, 3)]:
        inputs = [("h0", [hidden], 5, 1.0), ("w", [hidden, hidden], 6, 0.5), ("b", [hidden], 7, 1.0)]
        cases.append(dict(function="VectorState", **case(vector_state, inputs, [steps], {"h0", "w", "b"})))
    for n, features, outputs, batches in [(1, 1, 1, 1), (4, 3, 1, 2), (7, 5, 3, 3)]:
        rows = n * batches + 2
        inputs = [("x", [rows, features], 8, 1.0), ("w", [features, outputs], 9, 1.0), ("y", [rows, outputs], 10, 1.0)]
        cases.append(dict(function="Minibatches", **case(minibatches, inputs, [n, batches], {"x", "w"})))
    for size, steps in [(1, 3), (7, 5), (33, 4)]:
        inputs = [("a", [size, size], 11, 1.0), ("v0", [size], 12, 1.0)]
        cases.append(dict(function="Power", **case(power, inputs, [steps], {"a", "v0"})))
    for size, steps in [(1, 2), (7, 3), (33, 2)]:
        inputs = [("x0", [size], 13, 1.0), ("hinv", [size, size], 14, 0.3), ("q", [size, size], 15, 0.3)]
        cases.append(dict(function="Newton", **case(newton, inputs, [steps], {"x0", "hinv", "q"})))
    for batch, hidden, steps in [(1, 1, 3), (3, 7, 4), (2, 33, 3)]:
        inputs = [("h0", [batch, hidden], 16, 1.0), ("w", [hidden, hidden], 17, 0.4), ("u", [hidden, hidden], 18, 0.4)]
        cases.append(dict(function="Branches", **case(branches, inputs, [steps], {"h0", "w", "u"})))

    path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "SymGrad.Tests", "Reference", "loop_matmul.json")
    with open(path, "w") as f:
        json.dump({"cases": cases}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
