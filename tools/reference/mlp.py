#!/usr/bin/env python3
"""PyTorch float64 references for the 4-16-3 classifier of tests/SymGrad.Tests/Gradients/MlpClassifierTests.cs.

The loss is F.cross_entropy(tanh(x @ w1 + b1) @ w2 + b2, labels), the mean over rows, as the C# method
MlpClassifier.Loss writes it. Inputs follow the test's formula (element i of the input with seed s is
0.5 * sin(7.3 s + 1.7 i)); the file records them, so the C# test reads the same numbers. Labels are (5 i + 1) mod C.

Usage (needs PyTorch 1.13, for example Debian's python3-torch): python3 tools/reference/mlp.py
"""

import json
import math
import os

import torch
import torch.nn.functional as F

SIZES = [(7, 5, 3), (13, 16, 3)]


def values(rows, columns, seed):
    return [0.5 * math.sin(seed * 7.3 + 1.7 * i) for i in range(rows * columns)]


def case(n, hidden, classes):
    inputs = {
        "x": ([n, 4], values(n, 4, 1)),
        "w1": ([4, hidden], values(4, hidden, 2)),
        "b1": ([hidden], values(1, hidden, 3)),
        "w2": ([hidden, classes], values(hidden, classes, 4)),
        "b2": ([classes], values(1, classes, 5)),
    }
    tensors = {name: torch.tensor(data, dtype=torch.float64).reshape(shape).requires_grad_(name != "x")
               for name, (shape, data) in inputs.items()}
    labels = [(5 * i + 1) % classes for i in range(n)]
    loss = F.cross_entropy(torch.tanh(tensors["x"] @ tensors["w1"] + tensors["b1"]) @ tensors["w2"] + tensors["b2"],
                           torch.tensor(labels))
    loss.backward()
    return {
        "size": f"{n}x{hidden}x{classes}",
        "inputs": {name: {"shape": shape, "values": data} for name, (shape, data) in inputs.items()},
        "labels": labels,
        "value": loss.item(),
        "gradients": {name: tensors[name].grad.flatten().tolist() for name in ("w1", "b1", "w2", "b2")},
    }


def main():
    torch.set_num_threads(1)
    document = {"generator": "tools/reference/mlp.py", "torch": torch.__version__.split("+")[0],
                "cases": [case(*size) for size in SIZES]}
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "tests", "SymGrad.Tests", "Reference", "mlp.json")
    with open(path, "w", encoding="utf-8") as file:
        json.dump(document, file, indent=1)
        file.write("\n")
    print(f"wrote {len(document['cases'])} cases to {os.path.relpath(path, root)}")


if __name__ == "__main__":
    main()
