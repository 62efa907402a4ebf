#!/usr/bin/env python3
"""Expected outputs of the samples, computed by PyTorch 1.13 as the seed notebooks compute them.

Each function below runs one sample's computation in torch, with the same inputs (samples/Common/Uniform is
reproduced here exactly), and returns the text the C# sample must print. The outputs are written to
tests/SymGrad.Tests/Reference/samples/<Name>.txt, which SampleOutputTests compares with each sample's Run.

What comes from where:
- Tensors print through torch's own repr, arrays through NumPy's, floats through Python's repr, so the text is what
  a notebook shows. A tuple prints as IPython displays it (ipython_tuple below: IPython is not needed).
- The lines 'SymGrad derived: ...' are the symbolic gradients the generator writes. They are not torch's; the script
  checks each against autograd: every formula, evaluated as a Python expression of the same tensors, must equal
  x.grad (or the parameter gradients), so a wrong derivation cannot be written into a reference.
- Headings ('# Seed 001: ...') and the training summary lines are the samples' own wording.

Usage (needs PyTorch 1.13 and NumPy, for example Debian's python3-torch): python3 tools/reference/samples.py
"""

import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "SymGrad.Tests", "Reference", "samples")

# The samples' seeds (GradientDescent.Program.Seed, LinearRegression.Program.Seed).
GRADIENT_DESCENT_SEED = 7
LINEAR_REGRESSION_SEED = 6

# samples/GradientDescent's NotebookStart: seed 000's starting point as the notebook printed it.
NOTEBOOK_START = [0.2829, 0.9466, 0.5937, 0.6624, 0.9006, 0.6616, 0.1761, 0.2541, 0.2936]

MARKER = "SymGrad derived: "


class Uniform:
    """samples/Common/Uniform.cs: a 64-bit LCG, 24 random bits per number."""

    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.state >> 40) / 16777216.0

    def tensor(self, *shape):
        return torch.tensor([self.next() for _ in range(math.prod(shape))], dtype=torch.float32).reshape(shape)

    def symmetric(self, bound, *shape):
        return torch.tensor([bound * (2.0 * self.next() - 1.0) for _ in range(math.prod(shape))], dtype=torch.float32).reshape(shape)

    def normal(self, *shape):
        values = []
        for _ in range(math.prod(shape)):
            u1 = 1.0 - self.next()
            u2 = self.next()
            values.append(math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2))
        return torch.tensor(values, dtype=torch.float32).reshape(shape)


def ipython_tuple(*items):
    """A tuple as IPython's display shows it: one repr a line, continuation lines indented by one space."""
    return "(" + ",\n ".join(repr(item).replace("\n", "\n ") for item in items) + ")"


def derived(formula, expected, variables, check, expression=None):
    """The 'SymGrad derived:' line for one parameter, after checking the formula against autograd's gradient.

    The formula's right-hand side (or expression, where SymGrad's notation is not Python) is evaluated with the
    variables and must equal expected by check(actual, expected, formula).
    """
    expression = expression or formula.split(" = ", 1)[1]
    with torch.no_grad():
        value = eval(expression, {}, variables)  # noqa: S307 - the script's own constant formulas
        value = torch.as_tensor(value, dtype=expected.dtype).expand_as(expected)
    check(value, expected, formula)
    return MARKER + formula


def exactly(actual, expected, formula):
    if not torch.equal(actual, expected):
        raise AssertionError(f"{formula}: {actual} != autograd's {expected}")


# ---------------------------------------------------------------------------------------------------------------------
# GradientDescent (seed 000)


def gradient_descent(notebook):
    """Seed 000: x from rand_like (or the notebook's printed start), mse_loss, lr 1.0, while loss > 1e-5."""
    target = torch.FloatTensor([[.1, .2, .3], [.4, .5, .6], [.7, .8, .9]])
    start = torch.tensor(NOTEBOOK_START, dtype=torch.float32).reshape(3, 3) if notebook else Uniform(GRADIENT_DESCENT_SEED).tensor(3, 3)
    lines = []
    x = start.clone().requires_grad_(True)
    lines.append(repr(x))
    loss = F.mse_loss(x, target)
    lines.append(repr(loss))

    threshold = 1e-5
    learning_rate = 1.0
    iter_cnt = 0
    while loss > threshold:
        iter_cnt += 1
        loss.backward()
        x = x - learning_rate * x.grad
        x.detach_()
        x.requires_grad_(True)
        loss = F.mse_loss(x, target)
        lines.append("%d-th Loss: %.4e" % (iter_cnt, loss.item()))
        lines.append(repr(x))
    return lines


# ---------------------------------------------------------------------------------------------------------------------
# Autograd (seeds 001, 002, 003)


def autograd():
    lines = []

    lines.append("# Seed 001: y = ((x + 2) * (x - 2)).sum()")
    x = torch.FloatTensor([[1, 2], [3, 4]]).requires_grad_(True)
    x1 = x + 2
    x2 = x - 2
    x3 = x1 * x2
    y = x3.sum()
    lines += [repr(x1), repr(x2), repr(x3), repr(y)]
    y.backward()
    lines.append(repr(x.grad))
    lines.append(repr(x3.detach_().numpy()))
    lines.append(derived("∂f/∂x = x + 2 + (x - 2)", x.grad, {"x": x.detach()}, exactly))

    lines.append("")
    lines.append("# Seed 002: y = x.sum()")
    x = torch.FloatTensor([i for i in range(1, 5)]).reshape(2, 2).requires_grad_(True)
    lines.append(repr(x))
    y = x.sum()
    lines.append(repr(y))
    y.backward()
    lines.append(repr(x.grad))
    lines.append(derived("∂f/∂x = 1", x.grad, {"x": x.detach()}, exactly))

    lines.append("")
    lines.append("# Seed 003: function = 10 * (x ** 2).sum()")
    x = torch.tensor([1.], requires_grad=True)
    function = 10 * (x ** 2).sum()
    function.backward()
    lines.append(f"{x.grad!r} <- gradient")
    lines.append(derived("∂f/∂x = 20 * x", x.grad, {"x": x.detach()}, exactly))

    lines.append("")
    lines.append("# Seed 003: function = (x.log()).sum()")
    x = torch.tensor(list(range(1, 13)), requires_grad=True, dtype=float)
    function = (x.log()).sum()
    function.backward()
    lines.append(repr(x))
    lines.append(f"{x.grad!r} <- gradient")
    lines.append(derived("∂f/∂x = 1 / x", x.grad, {"x": x.detach()}, exactly))

    lines.append("")
    lines.append("# Seed 003: function = (x ** 2).sum()")
    x = torch.tensor([[1., 2., 3., 4.], [5., 6., 7., 8.], [9., 10., 11., 12.]], requires_grad=True)
    function = (x ** 2).sum()
    function.backward()
    lines.append(ipython_tuple(x, function))
    lines.append(repr(x.grad))
    lines.append(repr(x))
    gradient_line = derived("∂f/∂x = 2 * x", x.grad, {"x": x.detach()}, exactly)
    x.data -= 0.001 * x.grad
    lines.append(repr(x.grad.zero_()))
    lines.append(repr(x.data.numpy()))
    lines.append(repr(float(function.data.numpy())))
    lines.append(repr(np.asarray(x.data).reshape((1, -1))))
    lines.append(gradient_line)
    return lines


# ---------------------------------------------------------------------------------------------------------------------
# ScalarDescent (seed 003's loops, verbatim)


def scalar_descent():
    lines = []
    x = torch.tensor([10.], requires_grad=True)
    for step in range(100):
        fun = ((x - 2) ** 2).sum()
        fun.backward()
        x.data -= 0.1 * x.grad
        x.grad.zero_()
        if step % 10 == 0:
            lines.append('x = {} | y = {} | step = {}'.format(float(x.data.numpy()), float(fun.data.numpy()), step))

    lines.append("")
    x = torch.tensor([10.], requires_grad=True)
    optimizer = torch.optim.SGD([x], lr=0.1)

    def func(variable):
        return ((variable - 3) ** 2).sum()

    def grad_step(function, variable):
        optimizer.zero_grad()
        function_result = function(variable)
        function_result.backward()
        optimizer.step()

    for step in range(100):
        if step % 10 == 0:
            lines.append('x = {} | y = {} | step = {}'.format(float(x.data.numpy()), float(func(x).data.numpy()), step))
        grad_step(func, x)
    return lines


# ---------------------------------------------------------------------------------------------------------------------
# LinearRegression (seed 004)

# LinearRegression.Program's training rule: SGD until the gradient norm is at most the limit, or the step budget.
LINEAR_REGRESSION_LIMIT = 1e-3
LINEAR_REGRESSION_MAX_STEPS = 5000
LINEAR_REGRESSION_REPORT_EVERY = 200

# The stopping step must not hinge on rounding: the norm must cross the limit by more than this relative margin.
STOP_MARGIN = 1e-3


def close(actual, expected, formula):
    if not torch.allclose(actual, expected, rtol=1e-5, atol=1e-6):
        raise AssertionError(f"{formula}: {actual} != autograd's {expected}")


def linear_regression():
    random = Uniform(LINEAR_REGRESSION_SEED)
    x = random.normal(10, 3)
    y = random.normal(10, 2)
    linear = nn.Linear(3, 2)
    bound = 1 / math.sqrt(3)
    with torch.no_grad():
        linear.weight.copy_(random.symmetric(bound, 2, 3))
        linear.bias.copy_(random.symmetric(bound, 2))

    lines = ["Weight  Parameter containing:", repr(linear.weight.data.clone().requires_grad_(True))]
    lines += ["Bias  Parameter containing:", repr(linear.bias.data.clone().requires_grad_(True))]
    assert repr(linear.weight) == "Parameter containing:\n" + lines[1]

    loss_function = nn.MSELoss()
    optimizer = torch.optim.SGD(linear.parameters(), lr=0.01)
    pred = linear(x)
    loss = loss_function(pred, y)
    lines.append("Loss before step BackPropagation  " + repr(loss))
    lines.append("Loss before step BackPropagation  " + repr(loss.item()))
    loss.backward()
    lines.append("dL/dW :  " + repr(linear.weight.grad))
    lines.append("dL/db :  " + repr(linear.bias.grad))

    # The generator's gradient names the shared term t1; SumRowsIfRepeated sums t1's rows when b was broadcast.
    w, b = linear.weight.detach(), linear.bias.detach()
    variables = {"t1": 2 / (x.shape[0] * w.shape[0]) * (x @ w.T + b - y), "x": x}
    gradient_lines = [
        derived("∂f/∂w = MatMul(t1ᵀ, x)", linear.weight.grad, variables, close, expression="t1.T @ x"),
        derived("∂f/∂b = SumRowsIfRepeated(t1)", linear.bias.grad, variables, close, expression="t1.sum(0)"),
        " " * len(MARKER) + "where",
        " " * len(MARKER) + "  t1 = 2 / (rows(x)·rows(w)) * (MatMul(x, wᵀ) + b - y)",
    ]

    optimizer.step()
    pred = linear(x)
    loss = loss_function(pred, y)
    lines.append("Loss after Step BackPropagation  " + repr(loss.item()))
    lines.append("")
    lines += gradient_lines
    lines.append("")

    # Training, as Minimizer.Minimize runs it: evaluate, then { check the rules; step; evaluate; report }.
    lines.append(
        f"Training: SGD, lr {0.01!r}, until the gradient norm is at most {LINEAR_REGRESSION_LIMIT!r} "
        f"or {LINEAR_REGRESSION_MAX_STEPS} steps")
    limit = torch.tensor(LINEAR_REGRESSION_LIMIT, dtype=torch.float32).item()

    def evaluate():
        optimizer.zero_grad()
        value = loss_function(linear(x), y)
        value.backward()
        norm = torch.cat([p.grad.reshape(-1) for p in linear.parameters()]).double().norm().item()
        return value.item(), norm

    loss_value, norm = evaluate()
    steps = 0
    while True:
        if norm <= limit:
            reason = "the gradient norm reached the limit"
            break
        if steps >= LINEAR_REGRESSION_MAX_STEPS:
            reason = "the step budget ran out"
            break
        if abs(norm - limit) <= STOP_MARGIN * limit:
            raise AssertionError(f"step {steps}: the gradient norm {norm!r} is too close to the limit for a stable stopping step")
        optimizer.step()
        steps += 1
        loss_value, norm = evaluate()
        if steps % LINEAR_REGRESSION_REPORT_EVERY == 0:
            lines.append(f"step {steps} | loss = {loss_value!r} | gradient norm = {float(np.float32(norm))!r}")
    if norm > limit * (1 - STOP_MARGIN):
        raise AssertionError(f"step {steps}: the gradient norm {norm!r} is too close to the limit for a stable stopping step")

    lines.append(f"Stopped after {steps} more steps ({reason}): loss = {loss_value!r}")
    lines += ["Weight  Parameter containing:", repr(linear.weight.data.clone().requires_grad_(True))]
    lines += ["Bias  Parameter containing:", repr(linear.bias.data.clone().requires_grad_(True))]
    return lines


# ---------------------------------------------------------------------------------------------------------------------


def write(name, lines):
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, name + ".txt")
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        file.write("\n".join(lines) + "\n")
    print(f"wrote {os.path.relpath(path)}")


def main():
    if not torch.__version__.startswith("1.13"):
        print(f"warning: these references were made with PyTorch 1.13; this is {torch.__version__}", file=sys.stderr)
    torch.set_num_threads(1)
    write("GradientDescent", gradient_descent(notebook=False))
    write("GradientDescent.notebook", gradient_descent(notebook=True))
    write("Autograd", autograd())
    write("ScalarDescent", scalar_descent())
    write("LinearRegression", linear_regression())


if __name__ == "__main__":
    main()
