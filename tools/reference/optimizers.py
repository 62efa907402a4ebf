#!/usr/bin/env python3
"""Reference trajectories of torch.optim for SymGrad's optimizer tests.

Runs torch.optim.SGD, Adam and AdamW (PyTorch 1.13, single-tensor path: foreach=False) on a small weighted
quadratic with two parameters of different shapes, in float32 and float64, and writes every step's parameters to
tests/SymGrad.Tests/Reference/optimizers.json. The C# tests replay the same runs with a hand-written gradient and
compare each step, so they never need PyTorch.

The loss is sum(c1 * (w - t1)^2) + sum(c2 * (b - t2)^2) with w of shape [2, 3] and b of shape [3]. Autograd's
gradient is c * (2 * (p - t)), which C# computes exactly (the factor 2 is a power of two, so the order of the two
products does not change a bit).

Also records seed 003: SGD(lr=0.1) on (x - 3)^2 from x = 10 in float32, 100 steps.

Every input is a Python float, written to the file as it is, so both sides round the same double to float32 once.
Hyperparameters stay doubles on both sides too, as torch keeps them.

SymGrad matches these runs bit for bit because it rounds where PyTorch's CPU kernels round: add(other, alpha) is one
fused multiply-add, addcmul fuses its final add, addcdiv and division by a Python scalar do not.
check_rounding() confirms the first on the PyTorch that runs this script and warns if it differs.

Usage (needs PyTorch 1.13, for example Debian's python3-torch): python3 tools/reference/optimizers.py
"""

import json
import os
import sys

import torch

STEPS = 20
SEED_003_STEPS = 100

# Deterministic inputs: no random numbers.
PROBLEM = {
    "w": {
        "shape": [2, 3],
        "initial": [0.5, -1.25, 2.0, 3.5, -0.75, 0.3],
        "target": [1.0, 0.5, -1.0, 2.0, 0.1, 0.25],
        "weight": [1.0, 0.5, 2.0, 0.25, 1.5, 0.75],
    },
    "b": {
        "shape": [3],
        "initial": [0.3, -0.6, 1.1],
        "target": [-0.2, 0.7, 0.9],
        "weight": [1.25, 0.6, 1.8],
    },
}

# Each case: the torch optimizer and its keyword arguments (torch's names).
CASES = [
    ("sgd", "SGD", {"lr": 0.05}),
    ("sgd_momentum", "SGD", {"lr": 0.05, "momentum": 0.9}),
    ("sgd_dampening", "SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.3}),
    ("sgd_nesterov", "SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("sgd_weight_decay", "SGD", {"lr": 0.05, "weight_decay": 0.1}),
    ("sgd_maximize", "SGD", {"lr": 0.05, "maximize": True}),
    ("sgd_momentum_weight_decay", "SGD", {"lr": 0.05, "momentum": 0.8, "weight_decay": 0.05}),
    ("adam", "Adam", {"lr": 0.1}),
    ("adam_weight_decay", "Adam", {"lr": 0.1, "weight_decay": 0.2}),
    ("adam_amsgrad", "Adam", {"lr": 0.1, "betas": (0.8, 0.95), "amsgrad": True}),
    ("adamw", "AdamW", {"lr": 0.1}),
    ("adamw_amsgrad", "AdamW", {"lr": 0.1, "weight_decay": 0.1, "amsgrad": True, "eps": 1e-6}),
]

DTYPES = {"float32": torch.float32, "float64": torch.float64}


def loss_of(params, constants):
    total = None
    for p, (target, weight) in zip(params, constants):
        term = (weight * (p - target) ** 2).sum()
        total = term if total is None else total + term
    return total


def run_case(optimizer_name, options, dtype):
    params = [torch.tensor(spec["initial"], dtype=dtype).reshape(spec["shape"]).requires_grad_() for spec in PROBLEM.values()]
    constants = [
        (torch.tensor(spec["target"], dtype=dtype).reshape(spec["shape"]), torch.tensor(spec["weight"], dtype=dtype).reshape(spec["shape"]))
        for spec in PROBLEM.values()
    ]
    optimizer = getattr(torch.optim, optimizer_name)(params, foreach=False, **options)
    trajectory = [[p.detach().flatten().tolist() for p in params]]
    losses = []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = loss_of(params, constants)
        loss.backward()
        losses.append(loss.item())
        optimizer.step()
        trajectory.append([p.detach().flatten().tolist() for p in params])
    return trajectory, losses


def seed_003():
    x = torch.tensor([10.0], requires_grad=True)
    optimizer = torch.optim.SGD([x], lr=0.1, foreach=False)
    trajectory = [x.item()]
    for _ in range(SEED_003_STEPS):
        optimizer.zero_grad()
        ((x - 3) ** 2).sum().backward()
        optimizer.step()
        trajectory.append(x.item())
    return {"initial": 10.0, "target": 3.0, "lr": 0.1, "x": trajectory}


def to_json(value, indent=""):
    """JSON with one line per list of numbers, so a step's parameters read as one row."""
    inner = indent + "  "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(key)}: {to_json(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        return "[\n" + ",\n".join(inner + to_json(item, inner) for item in value) + "\n" + indent + "]"
    return json.dumps(value)


def check_rounding():
    """Warns when this PyTorch build does not compute p.add_(g, alpha=a) as one fused multiply-add."""
    from fractions import Fraction

    values = [0.1 + 0.37 * i for i in range(64)]
    for dtype in DTYPES.values():
        p = torch.tensor(values, dtype=dtype)
        g = torch.tensor(values[::-1], dtype=dtype)
        alpha = -0.3
        result = p.clone().add_(g, alpha=alpha).tolist()
        alpha_rounded = torch.tensor(alpha, dtype=dtype).item()
        for pi, gi, ri in zip(p.tolist(), g.tolist(), result):
            exact = Fraction(gi) * Fraction(alpha_rounded) + Fraction(pi)
            fused = torch.tensor(float(exact), dtype=torch.float64).to(dtype).item()
            if dtype == torch.float32:
                # Rounding to double first can round twice; compare to the nearer float32 neighbour of the exact value.
                candidates = [torch.nextafter(torch.tensor(fused, dtype=dtype), torch.tensor(direction, dtype=dtype)).item() for direction in (-1e38, 1e38)] + [fused]
                fused = min(candidates, key=lambda c: abs(Fraction(c) - exact))
            if ri != fused:
                print(f"warning: {dtype} add(other, alpha) is not a fused multiply-add in this PyTorch build; "
                      "the C# tests still pass within tolerance, but no longer bit for bit", file=sys.stderr)
                return


def main():
    check_rounding()
    runs = []
    for name, optimizer_name, options in CASES:
        for dtype_name, dtype in DTYPES.items():
            trajectory, losses = run_case(optimizer_name, options, dtype)
            recorded = {key: (list(value) if isinstance(value, tuple) else value) for key, value in options.items()}
            runs.append({
                "name": name,
                "optimizer": optimizer_name,
                "dtype": dtype_name,
                "options": recorded,
                "losses": losses,
                "parameters": trajectory,
            })

    document = {
        "generator": "tools/reference/optimizers.py",
        "torch": torch.__version__.split("+")[0],
        "steps": STEPS,
        "problem": PROBLEM,
        "runs": runs,
        "seed003": seed_003(),
    }
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "tests", "SymGrad.Tests", "Reference", "optimizers.json")
    with open(path, "w", encoding="utf-8") as file:
        file.write(to_json(document))
        file.write("\n")
    print(f"wrote {len(runs)} runs to {os.path.relpath(path, root)}", file=sys.stderr)


if __name__ == "__main__":
    main()
