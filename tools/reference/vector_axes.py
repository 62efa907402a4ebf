#!/usr/bin/env python3
"""PyTorch float64 references for the reductions, Softmax and LogSoftmax of a vector along its only axis.

Defines in torch the [Differentiable] methods of the VectorAxes class (tests/SymGrad.Tests/Gradients/VectorAxisTests.cs)
under the same names: Softmax(y, 0) and LogSoftmax(y, -1) are torch.softmax(y, 0) and torch.log_softmax(y, -1), and
Sum/Mean/Max/Min/LogSumExp(y, axis, keepDims) are sum/mean/amax/amin/logsumexp(y, dim, keepdim) of a 1-D tensor.
Each is evaluated at lengths 1, 7 and 33, and the methods that take Max or Min also at tied inputs: three elements
equal to the maximum and two to the minimum ("7-tied", "33-tied"), and every element equal ("7-equal"). amax and
amin share the gradient evenly between tied elements, which is what the contract pins for Max and Min.

Inputs follow the convention of gradients.py: element i of the parameter at position p is 1.5 sin(0.7 (i + 37 p) + 0.3).
A float32 method's inputs are rounded to float32 first; every reference is then computed in float64 with autograd.
The file records the inputs, so the C# test reads the same numbers.

Usage (needs PyTorch 1.13, for example Debian's python3-torch): python3 tools/reference/vector_axes.py
Writes tests/SymGrad.Tests/Reference/vector_axes.json.
"""

import json
import math
import os
import sys

import torch

LENGTHS = [1, 7, 33]
COLUMNS = 5  # the length of v in ProductSoftmax: MatMul(a, v) is a vector of the case's length


def wide(p):
    return 1.5 * math.sin(0.7 * p + 0.3)


def plain(n, position):
    return [wide(i + 37 * position) for i in range(n)]


def tied(n, position):
    """Three elements at the maximum and two at the minimum, the others inside (-1.5, 1.5)."""
    values = plain(n, position)
    for i in (1, n // 2, n - 1):
        values[i] = 1.75
    for i in (0, n - 2):
        values[i] = -1.75
    return values


def equal(n, position):
    return [0.5] * n


# Parameters: (name, shape from the length n, differentiable). Every tensor parameter's values come from the case's
# filler, except that only y is tied.
Y = [("y", lambda n: [n], True)]
Y_W = Y + [("w", lambda n: [n], False)]
PRODUCT = [("a", lambda n: [n, COLUMNS], False), ("v", lambda n: [COLUMNS], True), ("w", lambda n: [n], False)]


def reduce_first(y):
    return (torch.square(y.sum(0)).sum() + y.mean(0).sum() + torch.amax(y, 0).sum() + torch.amin(y * 2, 0).sum()
            + torch.logsumexp(y, 0).sum())


def reduce_first_kept(y):
    return (torch.square(y.sum(0, keepdim=True)).sum() + y.mean(0, keepdim=True).sum() + torch.amax(y, 0, keepdim=True).sum()
            + torch.amin(y, 0, keepdim=True).sum() + torch.logsumexp(y, 0, keepdim=True).sum())


def reduce_last(y):
    return (torch.square(y.sum(-1)).sum() + y.mean(-1).sum() + torch.amax(y, -1).sum() + torch.amin(y, -1, keepdim=True).sum()
            + torch.logsumexp(y, -1).sum())


def product_softmax(a, v, w):
    return (torch.softmax(a @ v, 0) * w).sum() + torch.logsumexp(a @ v, 0)


# (name, parameters, body, whether it takes Max or Min and so is also evaluated at ties)
METHODS = [
    ("SoftmaxFirst", Y_W, lambda y, w: (torch.softmax(y, 0) * w).sum(), False),
    ("SoftmaxLast", Y_W, lambda y, w: (torch.softmax(y * 2, -1) * w).sum(), False),
    ("LogSoftmaxFirst", Y_W, lambda y, w: (torch.log_softmax(y, 0) * w).sum(), False),
    ("LogSoftmaxLast", Y_W, lambda y, w: (torch.log_softmax(y, -1) * w).sum(), False),
    ("ReduceFirst", Y, reduce_first, True),
    ("ReduceFirstKept", Y, reduce_first_kept, True),
    ("ReduceLast", Y, reduce_last, True),
    ("ProductSoftmax", PRODUCT, product_softmax, False),
]


def evaluate(parameters, body, dtype, n, label, filler):
    rounding = torch.float32 if dtype == "float32" else torch.float64
    arguments, inputs = [], {}
    for position, (name, shape, grad) in enumerate(parameters):
        size = math.prod(shape(n))
        values = (filler if name == "y" else plain)(size, position)
        argument = torch.tensor(values, dtype=rounding).to(torch.float64).reshape(shape(n)).requires_grad_(grad)
        inputs[name] = {"shape": shape(n), "values": argument.flatten().tolist()}
        arguments.append(argument)
    value = body(*arguments)
    value.backward()
    gradients = {name: argument.grad.flatten().tolist() for (name, _, grad), argument in zip(parameters, arguments) if grad}
    return {"size": label, "inputs": inputs, "value": value.item(), "gradients": gradients}


def cases(parameters, body, dtype, with_ties):
    result = [evaluate(parameters, body, dtype, n, str(n), plain) for n in LENGTHS]
    if with_ties:
        result += [evaluate(parameters, body, dtype, n, f"{n}-tied", tied) for n in (7, 33)]
        result.append(evaluate(parameters, body, dtype, 7, "7-equal", equal))
    return result


def to_json(value, indent=""):
    """JSON with one line per list of numbers, as gradients.py writes it."""
    inner = indent + "  "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(key)}: {to_json(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        return "[\n" + ",\n".join(inner + to_json(item, inner) for item in value) + "\n" + indent + "]"
    return json.dumps(value)


def main():
    torch.set_num_threads(1)
    functions = []
    for name, parameters, body, with_ties in METHODS:
        for suffix, dtype in (("", "float64"), ("F", "float32")):
            functions.append({"name": name + suffix, "dtype": dtype, "cases": cases(parameters, body, dtype, with_ties)})
    document = {"generator": "tools/reference/vector_axes.py", "torch": torch.__version__.split("+")[0], "functions": functions}
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "tests", "SymGrad.Tests", "Reference", "vector_axes.json")
    with open(path, "w", encoding="utf-8") as file:
        file.write(to_json(document))
        file.write("\n")
    print(f"wrote {len(functions)} functions to {os.path.relpath(path, root)}", file=sys.stderr)


if __name__ == "__main__":
    main()
