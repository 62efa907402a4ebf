#!/usr/bin/env python3
"""PyTorch float64 references for reductions, softmaxes and log-softmaxes along axes of tensors of any rank.

Defines in torch the [Differentiable] methods of the AnyRanks class (tests/SymGrad.Tests/Gradients/Functions.AnyRank.cs)
under the same names. Their bodies reduce along axes without showing the rank of what they reduce, so the generated code
takes a matrix or a tensor of rank 3, 4 or 5 alike: Sum/Mean/Max/Min/LogSumExp(x, axis, keepDims) are
sum/mean/amax/amin/logsumexp(x, dim, keepdim), Softmax and LogSoftmax are torch.softmax and torch.log_softmax, and
tensors meeting element-wise broadcast as in PyTorch (a trailing bias b of [c] meets x of [..., c]). Each method is
evaluated at shapes of ranks 2 to 5, with lengths of 1, odd lengths and a length of 33 (past a SIMD width).

Inputs follow the convention of gradients.py: element i of the parameter at position p is 1.5 sin(0.7 (i + 37 p) + 0.3).
A float32 method's inputs are rounded to float32 first; every reference is then computed in float64 with autograd.
The file records the inputs, so the C# test reads the same numbers.

Usage (needs PyTorch 1.13, for example Debian's python3-torch): python3 tools/reference/any_rank.py
Writes tests/SymGrad.Tests/Reference/any_rank.json.
"""

import math
import os
import sys

import torch

from vector_axes import to_json  # one line per list of numbers, as gradients.py writes it

# Shapes of x at ranks 2 to 5; the middle-axis methods take ranks 3 to 5 (and 2, where axis 1 is the last).
EVERY_RANK = [[3, 5], [4, 33], [2, 3, 4], [2, 1, 33], [2, 3, 1, 5], [3, 2, 4, 3], [2, 1, 3, 2, 33], [2, 2, 3, 1, 3]]


def wide(p):
    return 1.5 * math.sin(0.7 * p + 0.3)


def plain(shape, position):
    return [wide(i + 37 * position) for i in range(math.prod(shape))]


def same(*names):
    """Every parameter of x's shape."""
    return [{name: shape for name in names} for shape in EVERY_RANK]


def leading():
    """x, and w of x's shape without its last length; then, for x of rank 3 or more, w that broadcasts to that shape:
    its last length alone, with a first length of 1, or with a last length of 1."""
    cases = [{"x": shape, "w": shape[:-1]} for shape in EVERY_RANK]
    for shape in EVERY_RANK:
        if len(shape) >= 3:
            reduced = shape[:-1]
            for w in (reduced[-1:], [1] + reduced[1:], reduced[:-1] + [1]):
                if w != reduced and {"x": shape, "w": w} not in cases:
                    cases.append({"x": shape, "w": w})
    return cases


def biased():
    """x, t of x's shape, and b: x's shape, its last length, its last two lengths, or its shape with a first length of 1.

    (A b of one element gets a gradient of 0 up to rounding: a log-softmax does not change when its row moves by one value.)"""
    cases = []
    for shape in EVERY_RANK:
        cases.append({"x": shape, "b": shape, "t": shape})
        if len(shape) >= 3:
            cases.append({"x": shape, "b": shape[-1:], "t": shape})
            cases.append({"x": shape, "b": shape[-2:], "t": shape})
            cases.append({"x": shape, "b": [1] + shape[1:], "t": shape})
    return cases


# (name, parameters as (name, differentiable), body, cases as the shape of each parameter)
METHODS = [
    ("AnyLastSum", [("x", True)], lambda x: torch.square(x.sum(-1)).sum(), same("x")),
    ("AnyLastKept", [("x", True)],
     lambda x: torch.square(x - torch.amax(x, -1, keepdim=True)).sum() + torch.logsumexp(x, -1).mean(), same("x")),
    ("AnyLastMean", [("x", True)], lambda x: torch.log_softmax(x, -1).mean(), same("x")),
    ("AnyFirstSum", [("x", True)],
     lambda x: torch.square(x.sum(0)).sum() + x.mean(0, keepdim=True).sum(), same("x")),
    ("AnyFirstMin", [("x", True)],
     lambda x: torch.square(torch.amin(x, 0)).sum() + torch.logsumexp(x, 0, keepdim=True).mean(), same("x")),
    ("AnySoftmaxLast", [("x", True), ("y", True)],
     lambda x, y: torch.square(torch.softmax(x, -1) * y).sum(), same("x", "y")),
    ("AnySoftmaxFirst", [("x", True)], lambda x: torch.square(torch.softmax(x, 0)).sum(), same("x")),
    ("AnyMiddleSum", [("x", True), ("y", True)],
     lambda x, y: torch.square(x.sum(1)).sum() + (torch.softmax(x, 1) * y).mean(), same("x", "y")),
    ("AnyMiddleLast", [("x", True)],
     lambda x: torch.square(torch.log_softmax(x, -2)).sum() + torch.amax(x, -2).sum() + x.mean(-2, keepdim=True).sum(), same("x")),
    ("AnyFirstAndLast", [("x", True)],
     lambda x: torch.square(x.sum(0)).sum() + torch.square(torch.amax(x, -1)).sum(), same("x")),
    ("AnyLeading", [("x", True), ("w", True)], lambda x, w: torch.square(x.sum(-1) * w).sum(), leading()),
    ("AnyBias", [("x", True), ("b", True), ("t", False)],
     lambda x, b, t: -(torch.log_softmax(x + b, -1) * t).sum(), biased()),
]


def label(shapes):
    return "-".join(name + "x".join(map(str, shape)) for name, shape in shapes.items())


def evaluate(parameters, body, dtype, shapes):
    rounding = torch.float32 if dtype == "float32" else torch.float64
    arguments, inputs = [], {}
    for position, (name, grad) in enumerate(parameters):
        shape = shapes[name]
        values = plain(shape, position)
        argument = torch.tensor(values, dtype=rounding).to(torch.float64).reshape(shape).requires_grad_(grad)
        inputs[name] = {"shape": shape, "values": argument.flatten().tolist()}
        arguments.append(argument)
    value = body(*arguments)
    value.backward()
    gradients = {name: argument.grad.flatten().tolist() for (name, grad), argument in zip(parameters, arguments) if grad}
    return {"size": label(shapes), "inputs": inputs, "value": value.item(), "gradients": gradients}


def main():
    torch.set_num_threads(1)
    functions = []
    for name, parameters, body, cases in METHODS:
        for suffix, dtype in (("", "float64"), ("F", "float32")):
            functions.append({"name": name + suffix, "dtype": dtype, "cases": [evaluate(parameters, body, dtype, c) for c in cases]})
    document = {"generator": "tools/reference/any_rank.py", "torch": torch.__version__.split("+")[0], "functions": functions}
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "tests", "SymGrad.Tests", "Reference", "any_rank.json")
    with open(path, "w", encoding="utf-8") as file:
        file.write(to_json(document))
        file.write("\n")
    print(f"wrote {len(functions)} functions to {os.path.relpath(path, root)}", file=sys.stderr)


if __name__ == "__main__":
    main()
