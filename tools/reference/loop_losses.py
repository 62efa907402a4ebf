#!/usr/bin/env python3
"""PyTorch float64 references for CrossEntropy and BinaryCrossEntropyWithLogits inside loops:
tests/SymGrad.Tests/Gradients/LoopLossTests.cs.

Each function mirrors a [Differentiable] method of LoopLossBodies (a recurrent classifier against class indices, softmax
regression weighted by the step, losses in branches, a tensor local's loss in each step, class probabilities as
differentiable targets, a binary cross-entropy in a conditional), with torch.nn.functional.cross_entropy and
binary_cross_entropy_with_logits, torch.matmul for MatMul. Element i of the input with seed s is
0.5 * sin(7.3 s + 1.7 i) times the input's scale; label i of N rows and C classes is (5 i) mod C. The file records the
inputs and labels, so the C# test reads the same numbers, and the value and the gradient of every differentiable
parameter (flattened row-major) go to tests/SymGrad.Tests/Reference/loop_losses.json.

Usage (needs PyTorch 1.13, for example Debian's python3-torch): python3 tools/reference/loop_losses.py
"""

import json
import math
import os

import torch
import torch.nn.functional as F


def values(count, seed, scale):
    return [scale * 0.5 * math.sin(seed * 7.3 + 1.7 * i) for i in range(count)]


def labels_of(rows, classes):
    return [(i * 5) % classes for i in range(rows)]


def zero():
    return torch.zeros((), dtype=torch.float64)


def rnn_classifier(xs, w, v, labels, steps):
    h = xs
    for _ in range(steps):
        h = torch.tanh(torch.matmul(h, w))
    return F.cross_entropy(torch.matmul(h, v), labels)


def regression(x, w, b, labels, steps):
    s = zero()
    for t in range(steps):
        s = s + F.cross_entropy(torch.matmul(x, w) + b, labels) * t
    return s


def branches(logits, labels, steps):
    s = zero()
    for t in range(steps):
        if t % 2 == 0:
            s = s + F.cross_entropy(logits, labels)
        else:
            s = s + F.cross_entropy(logits * 0.5, labels) * s
    return s


def array_labels(x, w, labels, steps):
    h = x
    s = zero()
    for _ in range(steps):
        h = torch.tanh(torch.matmul(h, w)) + h
        s = s + F.cross_entropy(h, labels)
    return s


def probabilities(x, w, b, p, steps):
    s = zero()
    for t in range(steps):
        s = s + F.cross_entropy(torch.matmul(x, w) + b, p * (t + 1))
    return s


def binary(z, y, steps):
    s = zero()
    h = z
    for t in range(steps):
        h = h * 1.5
        s = s + (F.binary_cross_entropy_with_logits(h, y) * 2 if t > 1 else F.binary_cross_entropy_with_logits(z - h, y))
    return s + F.binary_cross_entropy_with_logits(z, y)


def case(function, inputs, labels, ints, differentiable):
    """inputs: (name, shape, seed or values, scale) in parameter order; labels (or None) then ints passed after them."""
    tensors = []
    recorded = []
    for name, shape, seed, scale in inputs:
        data = values(math.prod(shape), seed, scale) if isinstance(seed, int) else seed
        t = torch.tensor(data, dtype=torch.float64).reshape(shape)
        t.requires_grad_(name in differentiable)
        tensors.append(t)
        recorded.append({"name": name, "shape": list(shape), "values": data})
    extra = [torch.tensor(labels, dtype=torch.long)] if labels is not None else []
    value = function(*tensors, *extra, *ints)
    if value.requires_grad:
        value.backward()
    # No iteration (steps 0): the value may read no parameter, and every gradient is zero.
    gradients = {name: (t.grad if t.grad is not None else torch.zeros_like(t)).reshape(-1).tolist() for (name, _, _, _), t in zip(inputs, tensors) if name in differentiable}
    return {"inputs": recorded, "labels": labels if labels is not None else [], "ints": list(ints), "value": value.item(), "gradients": gradients}


def main():
    cases = []
    for batch, width, classes, steps in [(3, 4, 1, 0), (3, 4, 3, 1), (2, 5, 17, 3), (1, 3, 33, 2), (17, 1, 3, 3)]:
        inputs = [("xs", [batch, width], 1, 1.0), ("w", [width, width], 2, 0.5), ("v", [width, classes], 3, 1.0)]
        cases.append(dict(function="RnnClassifier", **case(rnn_classifier, inputs, labels_of(batch, classes), [steps], {"xs", "w", "v"})))
    for n, d, c, steps in [(1, 1, 1, 0), (3, 2, 3, 1), (17, 3, 5, 3), (4, 17, 3, 3)]:
        inputs = [("x", [n, d], 4, 1.0), ("w", [d, c], 5, 1.0), ("b", [c], 6, 1.0)]
        cases.append(dict(function="Regression", **case(regression, inputs, labels_of(n, c), [steps], {"w", "b"})))
    for n, c, steps in [(1, 1, 1), (3, 3, 0), (3, 17, 3), (17, 3, 4)]:
        cases.append(dict(function="Branches", **case(branches, [("logits", [n, c], 7, 1.0)], labels_of(n, c), [steps], {"logits"})))
    for n, d, steps in [(1, 1, 1), (3, 3, 3), (17, 3, 2), (3, 17, 0)]:
        inputs = [("x", [n, d], 8, 1.0), ("w", [d, d], 9, 0.5)]
        cases.append(dict(function="ArrayLabels", **case(array_labels, inputs, labels_of(n, d), [steps], {"x", "w"})))
    for n, d, c, steps in [(1, 1, 1, 1), (3, 2, 3, 0), (17, 3, 5, 3), (2, 17, 3, 1)]:
        inputs = [("x", [n, d], 10, 1.0), ("w", [d, c], 11, 1.0), ("b", [c], 12, 1.0), ("p", [n, c], [abs(v) for v in values(n * c, 13, 1.0)], 1.0)]
        cases.append(dict(function="Probabilities", **case(probabilities, inputs, None, [steps], {"x", "w", "b", "p"})))
    for shape, steps in [([1], 1), ([3], 0), ([3, 17], 3), ([17, 1, 3], 4)]:
        inputs = [("z", shape, 14, 2.0), ("y", shape, [abs(v) for v in values(math.prod(shape), 15, 1.0)], 1.0)]
        cases.append(dict(function="Binary", **case(binary, inputs, None, [steps], {"z", "y"})))

    path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "SymGrad.Tests", "Reference", "loop_losses.json")
    with open(path, "w") as f:
        json.dump({"cases": cases}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
