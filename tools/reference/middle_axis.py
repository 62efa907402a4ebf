#!/usr/bin/env python3
"""PyTorch float64 references for functions along the middle axis of rank-3 tensors.

Defines in torch the [Differentiable] methods of the MiddleAxes class (tests/SymGrad.Tests/Gradients/Functions.MiddleAxis.cs)
under the same names: Sum/Mean/Max/Min/LogSumExp(x, 1 or -2, keepDims) are sum/mean/amax/amin/logsumexp(x, dim, keepdim)
of a 3-D tensor, Softmax(x, 1) and LogSoftmax(x, -2) are torch.softmax and torch.log_softmax, and x.Lengths[2] is
x.shape[2]. Each is evaluated at shapes [2, 3, 5], [3, 1, 4], [1, 4, 1] and [2, 5, 3]; the methods that take Max or Min
also where elements tie along the middle axis ("2x5x3-tied": whole rows of each block equal), where amax and amin share
the gradient evenly between tied elements, as the contract pins.

Inputs follow the convention of gradients.py: element i of the parameter at position p is 1.5 sin(0.7 (i + 37 p) + 0.3).
A float32 method's inputs are rounded to float32 first; every reference is then computed in float64 with autograd.
The file records the inputs, so the C# test reads the same numbers.

Usage (needs PyTorch 1.13, for example Debian's python3-torch): python3 tools/reference/middle_axis.py
Writes tests/SymGrad.Tests/Reference/middle_axis.json.
"""

import json
import math
import os
import sys

import torch

from vector_axes import to_json  # one line per list of numbers, as gradients.py writes it

SHAPES = [[2, 3, 5], [3, 1, 4], [1, 4, 1], [2, 5, 3]]
TIED = [2, 5, 3]


def wide(p):
    return 1.5 * math.sin(0.7 * p + 0.3)


def plain(shape, position):
    return [wide(i + 37 * position) for i in range(math.prod(shape))]


def tied(shape, position):
    """Rows 1 and 3 of each [b, c] block equal to row 0, so maxima and minima along the middle axis tie."""
    a, b, c = shape
    values = plain(shape, position)
    for i in range(a):
        for k in range(c):
            for j in (1, 3):
                values[(i * b + j) * c + k] = values[(i * b) * c + k]
    return values


def lengths2(x):
    return x.shape[2]


# (name, parameters as (name, differentiable), body, whether it takes Max or Min and so is also evaluated at ties)
METHODS = [
    ("MiddleAxisSum", [("x", True)],
     lambda x: torch.square(x.sum(1)).sum() / lengths2(x) + x.sum(-2, keepdim=True).mean(), False),
    ("MiddleAxisMean", [("x", True)],
     lambda x: torch.square(x.mean(1)).sum() + torch.exp(x.mean(-2, keepdim=True)).sum() / lengths2(x), False),
    ("MiddleAxisMax", [("x", True)],
     lambda x: (torch.amax(x, 1) * torch.logsumexp(x, 1)).sum() + torch.amax(x, -2, keepdim=True).sum() / lengths2(x), True),
    ("MiddleAxisMin", [("x", True)],
     lambda x: (torch.amin(x, -2, keepdim=True) * x.mean(1, keepdim=True)).sum() / lengths2(x) + torch.square(torch.amin(x, 1)).sum(), True),
    ("MiddleAxisLogSumExp", [("x", True), ("w", True)],
     lambda x, w: torch.logsumexp(x * w, -2).mean() * lengths2(x) + torch.logsumexp(x, 1, keepdim=True).sum(), False),
    ("MiddleAxisSoftmax", [("x", True), ("t", False)],
     lambda x, t: torch.square(torch.softmax(x, 1) - t).sum() / lengths2(x), False),
    ("MiddleAxisLogSoftmax", [("z", True), ("t", False)],
     lambda z, t: -(t * torch.log_softmax(z, -2)).mean() + torch.square((torch.log_softmax(z, 1) * t).sum(2)).sum(), False),
    ("MiddleThenLast", [("x", True)],
     lambda x: torch.square(torch.softmax(x, 1).sum(2)).sum() + torch.amax(torch.exp(x) - x, 1).mean(), True),
]


def evaluate(parameters, body, dtype, shape, label, filler):
    rounding = torch.float32 if dtype == "float32" else torch.float64
    arguments, inputs = [], {}
    for position, (name, grad) in enumerate(parameters):
        values = (filler if position == 0 else plain)(shape, position)
        argument = torch.tensor(values, dtype=rounding).to(torch.float64).reshape(shape).requires_grad_(grad)
        inputs[name] = {"shape": shape, "values": argument.flatten().tolist()}
        arguments.append(argument)
    value = body(*arguments)
    value.backward()
    gradients = {name: argument.grad.flatten().tolist() for (name, grad), argument in zip(parameters, arguments) if grad}
    return {"size": label, "inputs": inputs, "value": value.item(), "gradients": gradients}


def cases(parameters, body, dtype, with_ties):
    result = [evaluate(parameters, body, dtype, shape, "x".join(map(str, shape)), plain) for shape in SHAPES]
    if with_ties:
        result.append(evaluate(parameters, body, dtype, TIED, "x".join(map(str, TIED)) + "-tied", tied))
    return result


def main():
    torch.set_num_threads(1)
    functions = []
    for name, parameters, body, with_ties in METHODS:
        for suffix, dtype in (("", "float64"), ("F", "float32")):
            functions.append({"name": name + suffix, "dtype": dtype, "cases": cases(parameters, body, dtype, with_ties)})
    document = {"generator": "tools/reference/middle_axis.py", "torch": torch.__version__.split("+")[0], "functions": functions}
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "tests", "SymGrad.Tests", "Reference", "middle_axis.json")
    with open(path, "w", encoding="utf-8") as file:
        file.write(to_json(document))
        file.write("\n")
    print(f"wrote {len(functions)} functions to {os.path.relpath(path, root)}", file=sys.stderr)


if __name__ == "__main__":
    main()
