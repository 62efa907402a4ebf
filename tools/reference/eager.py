#!/usr/bin/env python3
"""Writes tests/SymGrad.Tests/Reference/eager.json: PyTorch float64 values of SymGrad.TensorMath's eager functions.

Each case names the function, its tensor inputs (shape and row-major values, all exactly representable in float32 so
the float and double overloads read the same numbers), its other arguments, and torch's result, or "error" where
torch refuses. Non-finite numbers are written as the strings "NaN", "Infinity" and "-Infinity" (JSON has none).
Run with: python3 tools/reference/eager.py
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.manual_seed(0)
NAN = float("nan")
INF = float("inf")


def number(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def tensor(t):
    t = t.to(torch.float64)
    return {"shape": list(t.shape), "values": [number(v) for v in t.reshape(-1).tolist()]}


def make(shape, scale=3.0, nan_at=None):
    # float32-representable float64 values
    t = (torch.rand(shape, dtype=torch.float64) * 2 - 1) * scale
    t = t.to(torch.float32).to(torch.float64)
    if nan_at is not None:
        t.view(-1)[nan_at] = NAN
    return t


cases = []


def case(name, function, inputs, expected=None, error=False, **arguments):
    entry = {"name": name, "function": function, "inputs": [tensor(t) for t in inputs], "arguments": arguments}
    if error:
        entry["error"] = True
    elif isinstance(expected, torch.Tensor):
        entry["expected"] = tensor(expected)
    else:
        entry["expected"] = {"shape": [], "values": [number(expected)]}
    cases.append(entry)


def reductions():
    ties = torch.tensor([[1.0, 3.0, 3.0, -2.0], [0.5, 0.5, 0.5, 0.5], [-1.0, 2.0, -1.0, 2.0]], dtype=torch.float64)
    inputs = {
        "3x5": make((3, 5)),
        "2x3x4": make((2, 3, 4)),
        "7": make((7,)),
        "3x4 ties": ties,
        "3x5 NaN": make((3, 5), nan_at=6),
        "0x3": torch.zeros((0, 3), dtype=torch.float64),
        "3x0": torch.zeros((3, 0), dtype=torch.float64),
        "0x0": torch.zeros((0, 0), dtype=torch.float64),
        "0x3x5": torch.zeros((0, 3, 5), dtype=torch.float64),
        "2x0x5": torch.zeros((2, 0, 5), dtype=torch.float64),
        "2x3x0": torch.zeros((2, 3, 0), dtype=torch.float64),
        "0x1x0": torch.zeros((0, 1, 0), dtype=torch.float64),
        "3x4 infinities": torch.tensor([[INF, 1.0, 2.0, 0.0], [-INF, -INF, -INF, -INF], [-INF, 1.0, 2.0, 3.0]], dtype=torch.float64),
    }
    functions = {
        "Sum": lambda x, d, k: torch.sum(x, d, keepdim=k),
        "Mean": lambda x, d, k: torch.mean(x, d, keepdim=k),
        "Max": lambda x, d, k: torch.amax(x, d, keepdim=k),
        "Min": lambda x, d, k: torch.amin(x, d, keepdim=k),
        "LogSumExp": lambda x, d, k: torch.logsumexp(x, d, keepdim=k),
    }
    for label, x in inputs.items():
        for axis in range(-x.dim(), x.dim()):
            for keep in (False, True):
                for function, f in functions.items():
                    if function == "Mean" and "infinities" in label:
                        continue
                    try:
                        y = f(x, axis, keep)
                    except (RuntimeError, IndexError):
                        case(f"{function} {label} axis {axis} keepDims {keep}", function, [x], error=True, axis=axis, keepDims=keep)
                        continue
                    if y.dim() == 0:
                        y = y.reshape(1)  # System.Numerics.Tensors has no rank-0 tensors: SymGrad gives [1]
                    case(f"{function} {label} axis {axis} keepDims {keep}", function, [x], y, axis=axis, keepDims=keep)
        if x.numel() > 0:
            case(f"MaxAll {label}", "MaxAll", [x], torch.max(x))
            case(f"MinAll {label}", "MinAll", [x], torch.min(x))
        else:
            case(f"MaxAll {label}", "MaxAll", [x], error=True)
            case(f"MinAll {label}", "MinAll", [x], error=True)
    for label, x in {"3x5": make((3, 5)), "2x3x4": make((2, 3, 4), scale=8), "3x5 NaN": make((3, 5), nan_at=6),
                     "2x4 large": torch.tensor([[1000.0, 999.0, -1000.0, 0.0], [-1e4, -1e4 + 1, -1e4 + 2, -1e4]], dtype=torch.float64),
                     "0x3": torch.zeros((0, 3), dtype=torch.float64), "2x0x5": torch.zeros((2, 0, 5), dtype=torch.float64),
                     "2x3x0": torch.zeros((2, 3, 0), dtype=torch.float64)}.items():
        for axis in range(-x.dim(), x.dim()):
            case(f"Softmax {label} axis {axis}", "Softmax", [x], torch.softmax(x, axis), axis=axis)
            case(f"LogSoftmax {label} axis {axis}", "LogSoftmax", [x], torch.log_softmax(x, axis), axis=axis)


# Broadcast pairs in every direction: larger left, larger right, rank-1 against rank-2, [r,1] against [1,c], size-1 stretch.
PAIRS = [((2, 3), (2, 1)), ((2, 1), (2, 3)), ((2, 3), (3,)), ((3,), (2, 3)), ((3, 1), (1, 4)), ((1, 4), (3, 1)),
         ((1,), (2, 3)), ((2, 3), (1,)), ((2, 3), (2, 3)), ((2, 1, 3), (4, 1)), ((5,), (5,))]


def elementwise():
    binary = {
        "Add": torch.add, "Subtract": torch.sub, "Multiply": torch.mul, "Divide": torch.div,
        "Maximum": torch.maximum, "Minimum": torch.minimum,
        "LessThan": lambda a, b: torch.lt(a, b).to(torch.float64),
        "LessThanOrEqual": lambda a, b: torch.le(a, b).to(torch.float64),
        "GreaterThan": lambda a, b: torch.gt(a, b).to(torch.float64),
        "GreaterThanOrEqual": lambda a, b: torch.ge(a, b).to(torch.float64),
    }
    for left, right in PAIRS:
        a = make(left)
        b = make(right)
        b.view(-1)[0] = a.view(-1)[0]  # a tie for the comparisons
        if b.numel() > 1:
            b.view(-1)[-1] = NAN
        for function, f in binary.items():
            case(f"{function} {list(left)} {list(right)}", function, [a, b], f(a, b))
    x = make((2, 3), nan_at=4)
    x.view(-1)[0] = 0.5
    for function, f in binary.items():
        case(f"{function} [2, 3] scalar", function + "Scalar", [x], f(x, torch.tensor(0.5, dtype=torch.float64)), scalar=0.5)
        case(f"{function} scalar [2, 3]", "Scalar" + function, [x], f(torch.tensor(0.5, dtype=torch.float64), x), scalar=0.5)
    for mask_shape, a_shape, b_shape in [((2, 3), (2, 3), (2, 3)), ((2, 1), (1, 3), (3,)), ((3,), (2, 3), (2, 1)), ((2, 3), (2, 3), (1,))]:
        mask = torch.rand(mask_shape) > 0.5
        a, b = make(a_shape), make(b_shape)
        case(f"Where {list(mask_shape)} {list(a_shape)} {list(b_shape)}", "Where", [mask.to(torch.float64), a, b], torch.where(mask, a, b))
    special = torch.tensor([0.0, 1e-10, -1e-10, 1e-5, -1e-5, 0.5, -0.5, 1.0, -1.0, 3.0, -3.0, 15.0, -15.0, 19.5, 20.0, 20.5,
                            30.0, -30.0, 80.0, -80.0, -100.0, INF, -INF, NAN], dtype=torch.float64).to(torch.float32).to(torch.float64)
    unary = {"Log1p": torch.log1p, "Expm1": torch.expm1, "Softplus": F.softplus, "LogSigmoid": F.logsigmoid}
    for function, f in unary.items():
        values = special[special > -1] if function == "Log1p" else special
        values = torch.cat([values, torch.tensor([-1.0, -2.0, NAN], dtype=torch.float64)]) if function == "Log1p" else values
        case(f"{function} special values", function, [values], f(values))
    clamp_input = make((3, 4), nan_at=5)
    for low, high in [(-1.0, 1.0), (0.5, 0.5), (1.0, -1.0), (-INF, 0.0)]:
        case(f"Clamp {low} {high}", "Clamp", [clamp_input], torch.clamp(clamp_input, low, high), min=number(low), max=number(high))


def losses_and_products():
    for n, c in [(4, 5), (1, 3), (3, 1)]:
        logits = make((n, c), scale=4)
        labels = torch.randint(0, c, (n,))
        entry_inputs = [logits]
        case(f"CrossEntropy indices {n}x{c}", "CrossEntropyIndices", entry_inputs, F.cross_entropy(logits, labels), labels=labels.tolist())
        probabilities = torch.softmax(make((n, c)), 1).to(torch.float32).to(torch.float64)
        case(f"CrossEntropy probabilities {n}x{c}", "CrossEntropyProbabilities", [logits, probabilities], F.cross_entropy(logits, probabilities))
    large = torch.tensor([[1000.0, -1000.0, 0.0], [-50.0, 50.0, 49.0]], dtype=torch.float64)
    case("CrossEntropy indices large logits", "CrossEntropyIndices", [large], F.cross_entropy(large, torch.tensor([1, 2])), labels=[1, 2])
    for shape in [(7,), (3, 4)]:
        z = make(shape, scale=30)
        y = torch.rand(shape, dtype=torch.float64).to(torch.float32).to(torch.float64)
        case(f"BinaryCrossEntropyWithLogits {list(shape)}", "BinaryCrossEntropyWithLogits", [z, y], F.binary_cross_entropy_with_logits(z, y))
    z = torch.tensor([100.0, -100.0, 0.0, 1e-8], dtype=torch.float64).to(torch.float32).to(torch.float64)
    y = torch.tensor([0.0, 1.0, 0.5, 1.0], dtype=torch.float64)
    case("BinaryCrossEntropyWithLogits extremes", "BinaryCrossEntropyWithLogits", [z, y], F.binary_cross_entropy_with_logits(z, y))
    for left, right in [((3, 4), (4,)), ((4,), (4, 2)), ((5,), (5,)), ((3, 4), (4, 2)), ((0, 4), (4,)), ((4,), (4, 0))]:
        a, b = make(left), make(right)
        y = torch.matmul(a, b)
        case(f"MatMul {list(left)} {list(right)}", "MatMul", [a, b], y.reshape(1) if y.dim() == 0 else y)


reductions()
elementwise()
losses_and_products()
document = {"generator": "tools/reference/eager.py", "torch": torch.__version__, "cases": cases}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "SymGrad.Tests", "Reference", "eager.json")
with open(path, "w") as f:
    json.dump(document, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(path)}")
