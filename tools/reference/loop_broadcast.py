#!/usr/bin/env python3
"""PyTorch float64 references for broadcasting inside loops: tests/SymGrad.Tests/Gradients/LoopBroadcastTests.cs.

Each function mirrors a [Differentiable] method of LoopBroadcastBodies, which runs whole-tensor work in a loop. Its
tensors meet with shapes [1], [c], [r, 1], [1, c] and [r, c] against [r, c] (r x c = 3 x 5 and 1 x 7), in both operand
orders where the method allows it. Element i of the input with seed s is 0.5 * sin(7.3 s + 1.7 i); the file records
the inputs, so the C# test reads the same numbers, and the value and the gradient of every differentiable parameter
(flattened row-major) go to tests/SymGrad.Tests/Reference/loop_broadcast.json.

Usage (needs PyTorch 1.13, for example Debian's python3-torch): python3 tools/reference/loop_broadcast.py
"""

import json
import math
import os

import torch

SIZES = [(3, 5), (1, 7)]
A = -0.7
DT = 0.1
STEPS = 4


def values(count, seed):
    return [0.5 * math.sin(seed * 7.3 + 1.7 * i) for i in range(count)]


def tensor(shape, seed):
    count = math.prod(shape)
    return shape, values(count, seed)


def smaller_shapes(r, c):
    shapes = [[1], [c], [r, 1], [1, c], [r, c]]
    unique = []
    for shape in shapes:
        if shape not in unique:
            unique.append(shape)
    return unique


def run(fn, inputs, scalars):
    leaves = {name: torch.tensor(data, dtype=torch.float64).reshape(shape).requires_grad_(True) for name, (shape, data) in inputs.items()}
    scalar_leaves = {name: torch.tensor(value, dtype=torch.float64, requires_grad=True) for name, value in scalars.items()}
    value = fn(**leaves, **scalar_leaves)
    value.backward()
    gradients = {name: leaf.grad.flatten().tolist() for name, leaf in leaves.items()}
    gradients.update({name: [leaf.grad.item()] for name, leaf in scalar_leaves.items()})
    return {
        "inputs": {name: {"shape": shape, "values": data} for name, (shape, data) in inputs.items()},
        "scalars": scalars,
        "value": value.item(),
        "gradients": gradients,
    }


def step(s0, bias, a, dt):
    s = s0
    for _ in range(STEPS):
        s = s + dt * (a * s - bias)
    return torch.sum(torch.square(s))


def step_bias_first(s0, bias, a, dt):
    s = s0
    for _ in range(STEPS):
        s = dt * (bias - a * s) + s
    return torch.sum(torch.square(s))


def meet(x, y):
    total = torch.tensor(0.0, dtype=torch.float64)
    for k in range(1, STEPS + 1):
        total = total + torch.sum(torch.tanh(x * (0.3 * k) + y))
    return total


def main():
    torch.set_num_threads(1)
    functions = {"Step": [], "StepBiasFirst": [], "Meet": []}
    for r, c in SIZES:
        for shape in smaller_shapes(r, c):
            inputs = {"s0": tensor([r, c], 1), "bias": tensor(shape, 2)}
            functions["Step"].append(run(step, inputs, {"a": A, "dt": DT}))
            functions["StepBiasFirst"].append(run(step_bias_first, inputs, {"a": A, "dt": DT}))
            functions["Meet"].append(run(meet, {"x": tensor([r, c], 3), "y": tensor(shape, 4)}, {}))
            functions["Meet"].append(run(meet, {"x": tensor(shape, 3), "y": tensor([r, c], 4)}, {}))
        # Both stretched: a column meets a row.
        functions["Meet"].append(run(meet, {"x": tensor([r, 1], 3), "y": tensor([1, c], 4)}, {}))
    document = {"generator": "tools/reference/loop_broadcast.py", "torch": torch.__version__.split("+")[0], "steps": STEPS,
                "functions": [{"name": name, "cases": cases} for name, cases in functions.items()]}
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "tests", "SymGrad.Tests", "Reference", "loop_broadcast.json")
    with open(path, "w", encoding="utf-8") as file:
        json.dump(document, file, indent=1)
        file.write("\n")
    print(f"wrote {sum(len(cases) for cases in functions.values())} cases to {os.path.relpath(path, root)}")


if __name__ == "__main__":
    main()
