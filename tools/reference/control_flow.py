#!/usr/bin/env python3
"""Reference values and gradients from PyTorch for SymGrad's control-flow suite.

Mirrors in torch, under the same names, the [Differentiable] methods of tests/SymGrad.Tests/ControlFlow/Functions*.cs:
loops and branches run in Python exactly as in C# (integer division and remainder truncate toward zero, int overflow
wraps, a cast to int truncates and carries no gradient), every floating value is a float64 tensor, and autograd
differentiates the path taken. Each function is evaluated at the points listed beside it (chosen so that every branch
is taken at one of them, away from the kinks) and the value and the gradient of every differentiable parameter, in
declaration order, go to tests/SymGrad.Tests/Reference/control_flow.json. The C# tests read that file, so they never
need PyTorch; they also check each gradient here by central differences of the C# method run as written.

A float function's inputs are rounded to float32 first, as the C# method sees them, and the reference is the exact
float64 answer at those inputs.

Signatures, one letter per parameter: d a differentiable scalar, v a differentiable tensor, c a [NoGrad] scalar,
w a [NoGrad] tensor, i an int. A tensor is a list (a vector) or a list of rows (a matrix); gradients are flattened in
row-major order.

Usage (needs PyTorch 1.13, for example Debian's python3-torch): python3 tools/reference/control_flow.py
"""

import json
import math
import os
import struct
import sys

import torch

FUNCTIONS = []


def reference(signature, *points, dtype="float64"):
    """Registers a mirror with its signature and the points to evaluate it at."""

    def register(fn):
        FUNCTIONS.append({"name": fn.__name__, "signature": signature, "dtype": dtype, "fn": fn, "points": points})
        return fn

    return register


# Scalars and C#'s Math, on float64 tensors.
def t(u):
    return u if torch.is_tensor(u) else torch.tensor(float(u), dtype=torch.float64)


def zero():
    return torch.tensor(0.0, dtype=torch.float64)


def sin(u):
    return torch.sin(t(u))


def cos(u):
    return torch.cos(t(u))


def exp(u):
    return torch.exp(t(u))


def log(u):
    return torch.log(t(u))


def sqrt(u):
    return torch.sqrt(t(u))


def tanh(u):
    return torch.tanh(t(u))


def sigmoid(u):
    return torch.sigmoid(t(u))


def fabs(u):
    return torch.abs(t(u))


def pow_(u, p):
    return torch.pow(t(u), p)


def cmax(a, b):
    """Math.Max as a selection: the larger operand takes the whole derivative (points avoid ties)."""
    return a if a > b else b


def cmin(a, b):
    return a if a < b else b


def clamp(v, lo, hi):
    return lo if v < lo else hi if v > hi else v


def sign(u):
    return 1 if u > 0 else -1 if u < 0 else 0


# C#'s integers.
def cdiv(a, b):
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def cmod(a, b):
    return a - b * cdiv(a, b)


def wrap(v, bits, signed=True):
    v &= (1 << bits) - 1
    return v - (1 << bits) if signed and v >= 1 << (bits - 1) else v


def to_int(u):
    """(int)u: truncation toward zero, no gradient."""
    return int(float(u))


def tensor_sum(x):
    return torch.sum(x)


# ---------------------------------------------------------------- Straight scalar code (FunctionsStraight.cs)

@reference("dd", (0.7, -1.3), (-0.4, 0.9), (1.5, 2.0))
def ReassignChain(a, b):
    t_ = a * b
    t_ = t_ + a
    t_ = t_ * t_ - b
    return t_


@reference("dd", (0.7, -1.3), (-0.4, 0.9), (1.5, 2.0))
def CompoundAssign(a, b):
    s = a
    s = s + b
    s = s * a
    s = s - 2 * b
    s = s / (1 + a * a)
    return s


@reference("d", (0.7,), (-1.6,), (2.2,))
def IncrementDecrement(a):
    s = a
    s = s + 1
    s = s * s
    s = s - 1
    return s


@reference("dd", (0.7, -1.3), (-0.4, 0.9), (1.5, 2.0))
def SwapThroughTemporary(a, b):
    x = a
    y = b
    tmp = x
    x = y * y
    y = tmp + x
    return x * y


@reference("dd", (0.7, -1.3), (-0.4, 0.9), (1.5, 2.0))
def ConditionalExpression(a, b):
    return a * a if a > b else sin(b)


@reference("d", (-1.7,), (-0.3,), (0.6,), (1.8,))
def NestedConditional(a):
    return -a if a < -1 else 0.5 * a * a + 0.5 if a < 1 else exp(a - 1)


@reference("dd", (0.7, 1.3), (-0.4, 0.9), (1.5, -2.0))
def ConditionalReassign(a, b):
    s = a * b
    s = sqrt(s) if s > 0 else -s
    return s + a


@reference("ddd", (0.7, -1.3, 0.2), (-0.4, 0.9, 1.9), (1.5, 2.0, -0.5))
def MaxAndMin(a, b, c):
    return cmax(a, b) * cmin(b, c)


@reference("dd", (0.7, -1.3), (-0.4, 0.9), (31.0, 29.5))
def StableLogAddExp(a, b):
    m = cmax(a, b)
    return m + log(exp(a - m) + exp(b - m))


@reference("d", (0.7,), (-1.2,), (2.5,))
def HornerReassigned(x):
    s = t(3.0)
    s = s * x - 2
    s = s * x + 0.5
    s = s * x + 1
    return s


@reference("d", (0.7,), (-1.2,), (2.5,))
def NestedBlocks(a):
    s = a
    tt = s * 2
    s = tt + cos(tt)
    tt = s * s
    s = s - tt * 0.1
    return s


@reference("di", (0.7, 3), (-1.2, 0), (2.5, -4))
def CheckedIntegerScale(a, k):
    m = k * 3 - 1
    return a * m + cdiv(m, 2)


@reference("di", (0.7, 7), (-1.2, -5), (2.5, 2), (0.3, 0))
def IntegerDivisionAndRemainder(a, n):
    return a * cdiv(n, 3) + a * a * cmod(n, 3)


@reference("d", (0.7,), (-1.2,), (2.3,), (-0.2,))
def TruncatingCast(a):
    k = to_int(a * 2)
    return a * k + sin(a)


@reference("d", (0.7,), (-1.2,), (2.3,))
def TanhChain(a):
    x = tanh(a)
    x = tanh(2 * x + a)
    x = tanh(x - a * 0.5)
    return x


@reference("dd", (0.7, 1.3), (1.4, -0.9), (2.5, 2.0))
def PowReassign(a, b):
    p = pow_(a, b)
    p = pow_(p, 0.5) + b
    return p


@reference("d", (0.7,), (-1.2,), (2.3,))
def ConstantLocals(a):
    return 2.5 * a * 4 - a * a / 4


@reference("dd", (0.7, 1.3), (-1.4, -0.9))
def UnusedParameter(a, b):
    return a * a


@reference("dd", (0.7, 1.3), (0.7, -1.3), (-2.5, 1.0), (-1.0, 2.0))
def LogicalCondition(a, b):
    return a * b if (a > 0 and b > 0) or a < -2 else a - b


@reference("dd", (0.7, 1.3), (1.7, -1.3))
def NegatedCondition(a, b):
    return exp(a) if not (a >= b) else exp(b) * a


@reference("dd", (0.7, 1.3), (1.7, -1.3))
def TupleDeconstruction(a, b):
    x, y = a * b, a - b
    x, y = y * y, x + y
    return x - 2 * y


@reference("d", (0.7,), (-1.3,))
def AssignmentInExpression(a):
    s = a * a
    tt = s + 1
    return s * tt


@reference("dd", (0.7, 1.3), (1.7, -1.3), (-0.5, 0.4))
def ClampAndFusedMultiplyAdd(a, b):
    return a * b + clamp(a * b, -1.0, 1.0)


@reference("vd", ([0.5, -0.2, 0.9], 1.5), ([0.5, -0.2, 0.9], 0.3), ([-0.4, 0.1], 2.0))
def TensorReductionsInConditional(x, a):
    s = torch.sum(x) * a
    return torch.dot(x, x) if s > 1 else s


@reference("vd", ([0.5, -0.2, 0.9], 1.5), ([-0.4, 0.1], 2.0))
def TensorScalarsReassigned(x, a):
    s = torch.sum(x * x)
    s = s * a + torch.mean(x)
    s = sqrt(s + 1)
    return s

@reference("vd", ([[0.5, -0.2, 0.9], [0.3, 0.8, -0.4]], 1.5), ([[0.5, -0.2], [0.1, 0.3]], 0.2), ([[1.0]], -2.0))
def MatrixProductInConditional(a, c):
    s = torch.sum(a @ a.T) * c
    s = log(s) if s > 1 else s * 0.5
    return s + torch.mean(a)


@reference("vd", ([0.5, -0.2, 0.9], 1.5), ([0.5, -0.2, 0.9], -0.3), dtype="float32")
def FloatTensorConditional(x, a):
    s = torch.sum(x) * a
    return torch.dot(x, x) * a if s > 0 else torch.sum((x - a) ** 2)



@reference("dd", (0.7, 1.3), (-1.7, 0.4), dtype="float32")
def FloatReassign(a, b):
    s = a * b
    s = s + sin(a)
    s = s * 0.5
    return s


@reference("d", (0.7,), (-1.7,), dtype="float32")
def FloatConditional(a):
    return sqrt(a) + a if a > 0 else a * a


@reference("d", (0.7,), (-1.7,), dtype="float32")
def DoubleInsideFloat(a):
    d = exp(a) * 0.25
    return d + a


# ---------------------------------------------------------------- Loops (FunctionsLoops.cs)

@reference("d", (0.7,), (-1.3,), (1.6,))
def ForConstantPower(a):
    p = t(1.0)
    for _ in range(5):
        p = p * a
    return p


@reference("d", (0.7,), (-1.3,), (2.6,))
def ForExponentialSeries(a):
    s = zero()
    term = t(1.0)
    for i in range(8):
        s = s + term
        term = term * (a / (i + 1))
    return s


@reference("di", (0.7, 0), (-1.3, 1), (1.6, 4), (0.9, 7))
def ForParameterPower(a, n):
    p = t(1.0)
    for _ in range(n):
        p = p * a
    return p


@reference("ddi", (0.7, 0.5, 3), (-1.3, 0.2, 0), (1.6, -0.4, 5))
def ForParameterMap(a, b, n):
    x = a
    for _ in range(n):
        x = x * b + sin(x)
    return x


@reference("di", (0.7, 4), (-1.3, 0), (1.6, 6))
def ForCountingDown(a, n):
    s = zero()
    i = n
    while i > 0:
        s = s * a + i
        i -= 1
    return s


@reference("di", (0.7, 5), (-1.3, 6), (1.1, 1))
def ForStepOfTwo(a, n):
    s = zero()
    x = a
    i = 0
    while i < n:
        s = s + x * i
        x = x * a
        i += 2
    return s


@reference("d", (0.7,), (-1.5,), (3.0,), (0.0005,))
def WhileHalvingToTolerance(a):
    x = a
    k = 0
    while fabs(x) > 1e-3:
        x = x * 0.5
        k += 1
    return x * k + a


@reference("d", (0.3,), (-0.5,), (1.2,))
def WhileFixedPoint(a):
    x = zero()
    previous = t(1.0)
    while fabs(x - previous) > 1e-13:
        previous = x
        x = 0.5 * cos(x) + a
    return x


@reference("di", (0.7, 3), (-1.3, 0), (1.6, 5))
def WhileIntegerCounter(a, n):
    i = 0
    s = a
    while i < n:
        s = sqrt(s * s + i)
        i += 1
    return s


@reference("di", (0.7, 3), (-1.3, 0), (1.6, 1))
def DoRunsAtLeastOnce(a, n):
    s = a
    i = 0
    while True:
        s = s * 1.5 - 0.1 * i
        i += 1
        if not i < n:
            break
    return s


@reference("d", (2.0,), (0.5,), (8.0,))
def DoCubeRootToTolerance(a):
    x = a
    while True:
        x = x - (x * x * x - a) / (3 * x * x)
        if not fabs(x * x * x - a) > 1e-12 * a:
            break
    return x


@reference("d", (0.7,), (-1.3,))
def NestedConstantLoops(a):
    s = zero()
    for i in range(3):
        for j in range(4):
            s = s + sin(a * i + j)
    return s


@reference("di", (0.7, 3), (-1.3, 0), (0.4, 5))
def NestedTriangularLoops(a, n):
    s = zero()
    for i in range(n):
        for j in range(i + 1):
            s = s * 0.9 + a * (i - j) + a * a
    return s


@reference("ddii", (0.7, 0.5, 3, 2), (-1.3, 0.2, 0, 4), (0.4, -0.6, 2, 0), (0.3, 0.9, 4, 3))
def NestedParameterLoops(a, b, n, m):
    x = a
    for _ in range(n):
        y = b
        for _ in range(m):
            y = y * x * 0.5 + 1
        x = x + 0.1 * y
    return x


@reference("d", (0.7,), (2.3,), (-0.5,))
def ForBreakOnData(a):
    s = zero()
    for i in range(100):
        s = s + a * i
        if s > 10:
            break
    return s


@reference("di", (0.7, 7), (-1.3, 0), (0.4, 2))
def ForContinueOnIndex(a, n):
    s = zero()
    for i in range(n):
        if cmod(i, 3) == 1:
            continue
        s = s + cos(a * i)
    return s


@reference("d", (0.7,), (4.0,), (-0.3,))
def WhileTrueWithBreak(a):
    x = a
    while True:
        x = x * 1.3 + 0.1
        if x > 5:
            break
    return x


@reference("dd", (0.5, 0.8), (0.5, -0.9), (-1.0, 0.7))
def ContinueOnData(a, b):
    s = zero()
    x = a
    for _ in range(8):
        x = x * b + 0.1
        if x < 0:
            continue
        s = s + x
    return s


@reference("di", (1.3, 3), (0.5, 2), (0.9, 0))
def InnerBreak(a, n):
    s = zero()
    for i in range(n):
        p = t(1.0)
        for _ in range(10):
            p = p * (a + 0.1 * i)
            if p > 2:
                break
        s = s + p
    return s


@reference("dd", (0.7, -0.3), (1.1, 0.4))
def CarriedPair(a, b):
    x = a
    y = b
    for _ in range(10):
        tmp = x + y * 0.5
        x = y
        y = tmp * 0.9
    return x * y


@reference("ddd", (0.7, -0.3, 1.2), (1.1, 0.4, -0.8))
def CarriedTriple(a, b, c):
    x, y, z = a, b, c
    for _ in range(6):
        tmp = x
        x = y * cos(z)
        y = tmp + z * 0.1
        z = z * 0.9 + x * 0.01
    return x + y + z


@reference("d", (0.7,), (-1.3,))
def TwoCountersInOneFor(a):
    s = zero()
    i, j = 0, 10
    while i < j:
        s = s + a * (j - i)
        i += 1
        j -= 1
    return s * a


@reference("d", (0.6,), (-0.9,))
def ForeverWithCountedBreak(a):
    i = 0
    s = a
    while True:
        s = s * s * 0.5 + 0.1
        i += 1
        if i >= 5:
            break
    return s


@reference("di", (0.7, 5), (-1.3, 0), (0.9, 6))
def CounterChangedInBody(a, n):
    s = zero()
    i = 0
    while i < n:
        s = s * a + 1
        if cmod(i, 2) == 0:
            i += 1
        i += 1
    return s


@reference("d", (0.7,), (-1.3,))
def DoubleCounter(a):
    s = zero()
    tt = 0.0
    while tt < 1:
        s = s + exp(-a * tt)
        tt += 0.25
    return s


@reference("d", (1.7,), (-0.3,), (0.9,))
def CounterComparedWithParameter(a):
    s = zero()
    tt = 0.0
    while tt < a:
        s = s + tt * a
        tt += 0.5
    return s


@reference("d", (1.7,), (3.0,), (0.5,))
def WhileProductBelowBound(a):
    p = t(1.0)
    k = 0
    while p < 100 and k < 50:
        p = p * a
        k += 1
    return p + k


@reference("d", (0.7,), (3.0,))
def DoWithBreak(a):
    i = 0
    s = zero()
    while True:
        s = s + sqrt(a + i)
        if s > 5:
            break
        i += 1
        if not i < 10:
            break
    return s


@reference("d", (0.8,), (-1.1,))
def WhileAroundFor(a):
    i = 0
    s = t(1.0)
    while i < 3:
        for j in range(i + 2):
            s = s * a + j
        i += 1
    return s


@reference("dd", (0.7, -0.3), (1.1, 0.4))
def NestedDo(a, b):
    s = zero()
    c = b
    for i in range(3):
        for j in range(2):
            s = s + a * c * (i + j)
            c = c * 0.9
    return s


@reference("d", (1.5,), (0.3,), (5.0,))
def BisectionThenNewtonStep(a):
    lo = t(0.0)
    hi = t(2.0)
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        if mid * mid * mid > a:
            hi = mid
        else:
            lo = mid
    x = 0.5 * (lo + hi)
    return x - (x * x * x - a) / (3 * x * x)


@reference("di", (0.7, 3), (-1.3, 0), (0.4, -2))
def EmptyLoopBody(a, n):
    i = 0
    while True:
        old = i
        i += 1
        if not old < n:
            break
    return a * i


@reference("di", (0.7, 4), (-1.3, 0), (1.6, 7), dtype="float32")
def FloatForLoop(a, n):
    s = zero()
    for i in range(n):
        s = s * 0.5 + a * cos(a * i)
    return s


@reference("d", (0.7,), (-1.3,), dtype="float32")
def FloatWhileLoop(a):
    x = a
    for _ in range(6):
        x = x - 0.1 * x * x
    return x


@reference("v", ([0.5, 0.9, -0.3, 2.0],), ([0.4, 0.2],), ([-0.5, 0.2],), ([0.7],))
def DoScanWhileInBoundsAndPositive(x):
    s = zero()
    i = 0
    while True:
        s = s + x[i] * (1 + s)
        i += 1
        if not (i < len(x) and x[i] > 0):
            break
    return s


@reference("di", (0.7, 0), (0.7, 1), (-1.3, 2), (1.1, 5))
def DoWithDivisionRightOfOr(a, k):
    s = a
    i = 0
    while True:
        i += 1
        if i != 2:
            s = s * a + 0.5 * i
        if not (i < 5 and (k == 0 or cdiv(i, k) < 2)):
            break
    return s


@reference("di", (0.7, 3), (-1.3, 0), (0.9, 5))
def DoConditionCounts(a, n):
    s = a
    i = 0
    while True:
        s = s * a + 0.25
        i += 1
        if not i < n:
            break
    return s


# ---------------------------------------------------------------- Branches (FunctionsBranches.cs)

@reference("d", (-0.7,), (1.3,))
def IfElseAssigns(a):
    if a < 0:
        r = -a * 3
    else:
        r = a * a
    return r


@reference("d", (-1.5,), (-0.4,), (0.6,), (2.2,))
def IfElseChain(a):
    if a < -1:
        r = exp(a)
    elif a < 0:
        r = a * a * a
    elif a < 1:
        r = sin(a)
    else:
        r = log(a) + 1
    return r


@reference("dd", (2.0, 0.8), (0.5, 0.8))
def IfWithoutElse(a, b):
    s = a * b
    if s > 1:
        s = log(s)
    return s + b


@reference("dd", (0.7, 0.5), (0.7, -0.5), (-0.7, 0.5), (-0.7, -1.5))
def NestedIf(a, b):
    if a > 0:
        r = a * b if b > 0 else a - b
    else:
        r = b * b if b > a else exp(a)
    return r


@reference("dd", (0.7, -0.5), (-0.3, 0.9))
def IfSortsTwo(a, b):
    x, y = a, b
    if a > b:
        x, y = b, a
    return x * 2 + y * y * y


@reference("d", (0.9,), (0.2,))
def IfBlockLocals(a):
    s = a
    if a > 0.5:
        tt = sin(a)
        s = tt * tt
    else:
        tt = cos(a)
        s = s + tt
    return s


@reference("di", (0.7, 0), (0.7, 1), (0.7, 3), (-0.4, -2))
def IfOnIntegerMode(a, mode):
    if mode == 0:
        return a
    elif mode == 1:
        return a * a
    return exp(a) * mode


@reference("dd", (0.5, 0.3), (1.5, 2.0), (0.5, 2.0), (-1.5, 0.3))
def IfCompoundCondition(a, b):
    r = a + b
    if (a > 0 and b < 1) or a * b > 2:
        r = r * a
    elif not (a < -1):
        r = r - b * b
    return r


@reference("d", (-0.7,), (1.2,))
def EarlyReturnFirst(a):
    if a < 0:
        return 0.5 * a
    s = a * a
    s = s + a
    return s


@reference("dd", (3.0, 1.0), (1.5, 1.0), (0.5, 1.0))
def EarlyReturnNested(a, b):
    if a > b:
        if a > 2 * b:
            return a - b
        return a * b
    return sqrt(b * b + 1)


@reference("di", (0.7, 0), (0.7, 1), (-0.4, 2), (0.7, 5))
def SwitchStatement(a, k):
    if k == 0:
        r = a
    elif k in (1, 2):
        r = a * a * k
    else:
        r = sin(a)
    return r


@reference("di", (0.7, 3), (0.7, 4), (0.7, 5), (0.7, -1), (-0.4, -3))
def SwitchReturns(a, k):
    m = cmod(k, 3)
    if m == 0:
        return a * 2
    if m == 1:
        return a * a
    return -a


@reference("di", (0.7, 0), (0.7, 1), (0.7, 2), (0.7, 4))
def SwitchExpressionOnInteger(a, k):
    return a if k == 0 else a * a if k == 1 else exp(a) if k == 2 else a * k


@reference("d", (-1.5,), (0.4,), (1.5,))
def SwitchExpressionRelational(a):
    return -a if a < -1 else a * a if a < 1 else 2 * a - 1


@reference("dd", (0.5, 1.2), (2.5, 1.2), (-0.5, 1.2))
def SwitchExpressionAndPattern(a, b):
    if a > 0 and a < 2:
        return a * b
    if a >= 2:
        return b - a
    return exp(a) * b


@reference("ddi", (1.0, 0.5, 0), (0.2, 0.5, 0), (0.2, 0.5, 3))
def SwitchWithGuard(a, b, k):
    if k == 0 and a > b:
        r = a * a
    elif k == 0:
        r = b * a
    else:
        r = a + b * k
    return r


@reference("d", (-0.5,), (0.5,), (1.5,), (2.5,), (-2.5,))
def SwitchOnComputedInteger(a):
    bucket = math.floor(float(a))
    if bucket == -1:
        return a * a
    if bucket == 0:
        return sin(a)
    if bucket == 1:
        return a * 3
    return tanh(a)


@reference("di", (0.7, 0), (0.7, 2), (-1.3, 7))
def SwitchInLoop(a, n):
    s = t(1.0)
    for i in range(n):
        m = cmod(i, 3)
        if m == 0:
            s = s + a
        elif m == 1:
            s = s * a
        else:
            s = s - a * a
    return s


@reference("d", (0.7,), (-1.3,))
def SwitchExpressionInLoop(a):
    s = zero()
    for i in range(6):
        s = s * a + 1 if cmod(i, 2) == 0 else s - a
    return s


@reference("d", (1.5,), (0.5,), (1.25,))
def EarlyReturnInLoop(a):
    x = a
    for i in range(20):
        x = x * a + 0.1
        if x > 3:
            return x + i
    return -x


@reference("di", (0.7, 3), (0.2, 3), (0.7, 0))
def EarlyReturnInNestedLoop(a, n):
    s = zero()
    for i in range(n):
        for j in range(n):
            s = s + a * (i + 1) / (j + 1)
            if s > 5:
                return s * s
    return s


@reference("d", (0.5,), (4.0,))
def EarlyReturnInWhile(a):
    k = 0
    x = a
    while k < 100:
        x = x * 0.8 + 0.5
        if fabs(x - 2.5) < 0.01:
            return x * k
        k += 1
    return x


@reference("di", (0.7, 5), (-1.3, 2))
def ReturnFromSwitchInLoop(a, n):
    s = zero()
    for i in range(n):
        if i == 3:
            return s * a
        s = s + sin(a * i)
    return s


@reference("dd", (0.3, 0.5), (0.9, 1.2))
def IfInLoopOnCarriedValue(a, b):
    x = a
    for _ in range(10):
        if x > b:
            x = x * 0.5
        else:
            x = x * x + a
    return x


@reference("d", (0.7,), (-1.3,))
def ConditionalExpressionInLoop(a):
    s = zero()
    for i in range(7):
        s = s + (a * i if cmod(i, 2) == 0 else -a * a)
    return s


@reference("d", (0.2,), (1.7,))
def IfInDo(a):
    x = a
    for _ in range(8):
        if x < 1:
            x = x + 0.7
        else:
            x = x * 0.6
    return x * a


@reference("di", (0.7, 2), (0.7, 1), (1.5, 1))
def PiecewiseWithEqualityTest(a, k):
    r = a
    if k != 2:
        r = r * a
    if k == 2 or a > 1:
        r = r + 1 / a
    return r


@reference("dd", (1.0, 0.5), (0.3, 0.5), (-0.3, 0.5), dtype="float32")
def FloatBranches(a, b):
    if a > b:
        return a * b
    elif a > 0:
        return exp(a)
    return b


@reference("di", (0.7, 0), (0.7, 1), (0.7, 3), dtype="float32")
def FloatSwitch(a, k):
    return a * a if k == 0 else sin(a) if k == 1 else a / k


# ---------------------------------------------------------------- Local arrays (FunctionsArrays.cs)
# A local array is a Python list of scalars; an element write replaces the element, never updates it in place.

@reference("d", (0.7,), (-1.3,))
def ArrayInitializerHorner(a):
    c = [1.0, -2.0, 0.5, 3.0]
    s = zero()
    for i in range(len(c)):
        s = s * a + c[i]
    return s


@reference("di", (0.7, 4), (-1.3, 0), (0.4, 1))
def ArrayFilledThenRead(a, n):
    v = [zero()] * n
    for i in range(n):
        v[i] = a * i
    s = zero()
    for i in range(n):
        s = s + v[i] * v[i]
    return s


@reference("d", (0.7,), (-1.3,))
def ArrayRecurrence(a):
    v = [zero()] * 6
    v[0] = a
    for i in range(1, 6):
        v[i] = v[i - 1] * a + 1
    return v[5] + v[2]


@reference("d", (0.7,), (-1.3,))
def StackallocProducts(a):
    v = [zero()] * 4
    for i in range(4):
        v[i] = sin(a * (i + 1))
    return v[0] * v[3] - v[1] * v[2]


@reference("d", (0.7,), (-1.3,))
def ArrayOverwrittenInPlace(a):
    v = [a, 2 * a, 3 * a]
    for _ in range(3):
        for i in range(3):
            v[i] = v[i] * v[(i + 1) % 3] * 0.5 + 0.1
    return v[0] + v[1] + v[2]


@reference("dd", (0.7, -0.4), (-1.3, 0.9))
def ArrayReversedInPlace(a, b):
    v = [zero()] * 5
    for i in range(5):
        v[i] = a * i + b * b
    for i in range(2):
        tmp = v[i]
        v[i] = v[4 - i]
        v[4 - i] = tmp
    return v[0] + 2 * v[1] + 3 * v[4] * a


@reference("di", (0.7, 0), (0.7, 2), (-1.3, 3), (0.4, 5))
def ArrayIndexFromParameter(a, k):
    v = [a, a * a, a * a * a, exp(a)]
    return v[cmod(k, 4)] + v[cmod(k + 1, 4)]


@reference("dd", (0.7, -0.4), (-1.3, 0.9))
def ArrayAsMatrix(a, b):
    m = [zero()] * 9
    for i in range(3):
        for j in range(3):
            m[i * 3 + j] = a if i == j else b * (i - j)
    trace = zero()
    for i in range(3):
        for k in range(3):
            trace = trace + m[i * 3 + k] * m[k * 3 + i]
    return trace


@reference("d", (0.7,), (-1.3,))
def CollectionExpressionArray(a):
    v = [a, 1.0, a * a]
    s = t(1.0)
    for e in v:
        s = s * e + 0.5
    return s


@reference("di", (0.7, 4), (-1.3, 0), (0.4, 9))
def ArrayAllocatedInLoop(a, n):
    state = [a, zero()]
    for _ in range(n):
        nxt = [zero()] * 2
        nxt[0] = state[0] * 0.9 - state[1] * 0.2
        nxt[1] = state[0] * 0.2 + state[1] * 0.9 + 0.05 * a
        state = nxt
    return state[0] * state[0] + state[1]


@reference("ddd", (0.7, -0.4, 1.1), (1.3, 0.9, -2.0), (-0.5, 0.2, 0.6))
def BubbleSortThree(a, b, c):
    v = [a, b, c]
    for p in range(2):
        for i in range(2 - p):
            if v[i] > v[i + 1]:
                v[i], v[i + 1] = v[i + 1], v[i]
    return v[0] + 2 * v[1] + 3 * v[2] * v[2]


@reference("dd", (0.7, -0.4), (-1.3, 0.9))
def PolynomialProduct(a, b):
    p = [t(1.0), a]
    q = [b, t(1.0), a]
    r = [zero()] * 4
    for i in range(len(p)):
        for j in range(len(q)):
            r[i + j] = r[i + j] + p[i] * q[j]
    return r[0] + r[1] * 2 + r[2] * 3 + r[3] * 4


@reference("d", (0.7,), (-1.3,))
def ElementCompoundAssignment(a):
    v = [zero()] * 3
    v[0] = v[0] + a
    v[1] = v[1] - a * a
    v[2] = t(1.0)
    v[2] = v[2] * a
    v[0] = v[0] + 1
    v[1] = v[1] / 2
    return v[0] * v[1] + v[2]


@reference("di", (0.7, 0), (0.7, 2), (-1.3, 7))
def StackallocRingBuffer(a, n):
    ring = [zero()] * 3
    s = zero()
    for i in range(n):
        x = sin(a * (i + 1))
        s = s + x * ring[i % 3]
        ring[i % 3] = x
    return s + ring[0]


@reference("d", (0.7,), (-1.3,))
def ArrayCopiedReversed(a):
    source = [t(1.0), a, a * a]
    target = [zero()] * 3
    for i in range(3):
        target[i] = source[2 - i] * (i + 1)
    return target[0] * target[1] + target[2]


@reference("d", (0.7,), (-1.3,), (2.9,))
def ArrayLengthBound(a):
    v = [zero()] * 5
    for i in range(len(v)):
        v[i] = cos(a + i)
    m = v[0]
    for i in range(1, len(v)):
        if v[i] > m:
            m = v[i]
    return m


@reference("dd", (0.7, -0.4), (-1.3, 0.9))
def ArrayPrefixSums(a, b):
    v = [a, b, a * b, a - b, t(1.0)]
    for i in range(1, len(v)):
        v[i] = v[i] + v[i - 1]
    return v[4] * v[2] + v[1]


@reference("d", (0.3,), (-0.8,), (1.2,), (1.7,), (2.3,))
def ArrayIndexedByComputedInteger(a):
    table = [0.5, 1.5, -1.0, 2.0]
    k = cmod(to_int(fabs(a) * 2), 4)
    return table[k] * a + table[(k + 1) % 4] * a * a


@reference("d", (0.7,), (-1.3,), dtype="float32")
def FloatArray(a):
    v = [zero()] * 4
    for i in range(4):
        v[i] = a * (i + 1)
    s = zero()
    for i in range(3, -1, -1):
        s = s * 0.5 + cos(v[i])
    return s


@reference("dd", (0.7, -0.4), (-1.3, 0.9), dtype="float32")
def FloatStackalloc(a, b):
    v = [a, b, a * b]
    for i in range(3):
        v[(i + 1) % 3] = v[(i + 1) % 3] + v[i] * 0.5
    return v[0] * v[1] * v[2]


@reference("di", (0.7, 0), (0.7, 1), (-0.4, 3), (1.1, 5))
def ArrayDeclaredFromDeadArray(a, n):
    s = zero()
    for i in range(n):
        scratch = [sin(a * (k + i + 1)) for k in range(3)]
        kept = list(scratch)
        kept[1] = kept[1] * a
        s = s + kept[0] * kept[1] + kept[2]
    return s


@reference("di", (0.7, 0), (0.7, 1), (-0.4, 3), (0.9, 6))
def ArrayMovedTwice(a, n):
    state = [t(a), 1 - a, t(0.5)]
    for _ in range(n):
        nxt = [state[(k + 1) % 3] * a + 0.1 * state[k] for k in range(3)]
        moved = list(nxt)
        moved[0] = moved[0] + a * a
        state = moved
    return state[0] * state[1] + state[2]


# ---------------------------------------------------------------- Loops over tensor parameters (FunctionsTensors.cs)

@reference("v", ([0.5, -1.2, 0.3],), ([2.0],))
def ElementSumOfSquares(x):
    s = zero()
    for i in range(len(x)):
        s = s + x[i] * x[i]
    return s


@reference("v", ([0.5, -1.2, 0.3],), ([2.0],))
def ForeachSumOfExp(x):
    s = zero()
    for v in x:
        s = s + exp(v)
    return s


@reference("vv", ([0.5, -1.2, 0.3], [1.1, 0.4, -0.7]), ([2.0], [-3.0]))
def ElementDot(x, y):
    s = zero()
    for i in range(len(x)):
        s = s + x[i] * y[i]
    return s


@reference("vd", ([0.5, -1.2, 0.3, 0.8], 0.7), ([2.0], -0.4))
def RecurrentCell(x, a):
    h = zero()
    for i in range(len(x)):
        h = tanh(a * h + x[i])
    return h


@reference("v", ([0.5, -1.2, 0.3],), ([-0.5, -1.2, 0.3, 0.1],), ([2.0, 1.0],), ([4.0],))
def ElementMaximum(x):
    m = x[0]
    for i in range(1, len(x)):
        if x[i] > m:
            m = x[i]
    return m


@reference("v", ([0.5, -1.2, 0.3],), ([2.0],))
def NeighbourDifferences(x):
    s = zero()
    for i in range(1, len(x)):
        d = x[i] - x[i - 1]
        s = s + d * d
    return s


@reference("v", ([0.5, -1.2, 0.3, 0.9],), ([2.0],))
def ReversedIndexWeights(x):
    n = len(x)
    s = zero()
    for i in range(n):
        s = s + x[n - 1 - i] * (i + 1) * x[i]
    return s


@reference("vw", ([0.5, -1.2, 0.3], [1.5, -0.5, 0.25]), ([2.0, 1.0], [-1.0, -2.0]))
def WeightsWithoutGradient(x, w):
    s = zero()
    for i in range(len(x)):
        if w[i] > 0:
            s = s + w[i] * x[i] * x[i]
        else:
            s = s - x[i]
    return s


@reference("vi", ([0.5, -1.2, 0.3], 0), ([0.5, -1.2, 0.3], 2), ([0.5, -1.2, 0.3], 1))
def ElementAtParameterIndex(x, k):
    n = len(x)
    return x[k] * x[k] + x[cmod(k + 1, n)]


@reference("v", ([0.5, -0.9, 0.8, 1.0],), ([0.1, 0.2],))
def WhileScanUntilBudget(x):
    i = 0
    s = zero()
    while i < len(x) and s < 2:
        s = s + fabs(x[i])
        i += 1
    return s * i


@reference("v", ([0.5, 0.9, -0.3, 2.0],), ([0.5, 0.2],), ([-0.5, 0.2],))
def ForeachWithBreak(x):
    s = zero()
    for v in x:
        if v < 0:
            break
        s = s + v * v
    return s


@reference("v", ([0.5, -1.2, 0.3],), ([2.0],))
def CumulativeProduct(x):
    p = t(1.0)
    for i in range(len(x)):
        p = p * (1 + x[i] * 0.1)
    return p


@reference("vd", ([0.5, -1.2, 0.3, 0.7], 0.6), ([2.0], -1.5))
def PolynomialFromCoefficients(c, tt):
    s = zero()
    for i in range(len(c) - 1, -1, -1):
        s = s * tt + c[i]
    return s


@reference("v", ([0.5, -1.2, 0.3, 0.7],), ([2.0, 1.0],))
def MeanThenVariance(x):
    mean = zero()
    for v in x:
        mean = mean + v
    mean = mean / len(x)
    variance = zero()
    for v in x:
        variance = variance + (v - mean) * (v - mean)
    return variance / len(x)


@reference("v", ([0.5, -1.2, 0.3],), ([2.0],))
def ElementsAgainstWholeSum(x):
    total = torch.sum(x)
    s = zero()
    for i in range(len(x)):
        s = s + x[i] * total * (i + 1)
    return s + torch.dot(x, x)


@reference("v", ([0.5, -1.2, 0.3],), ([2.0],), ([30.0, 31.5],))
def LogSumExpByHand(x):
    m = x[0]
    for i in range(1, len(x)):
        m = cmax(m, x[i])
    s = zero()
    for v in x:
        s = s + exp(v - m)
    return m + log(s)


@reference("v", ([0.5, -1.2, 0.3, 0.9],), ([2.0],))
def PairwiseProducts(x):
    s = zero()
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            s = s + x[i] * x[j] / (1 + j - i)
    return s


@reference("v", ([0.5, -1.2, 0.3, 0.9, 1.4],), ([2.0],))
def EvenAndOddElements(x):
    s = zero()
    for i in range(0, len(x), 2):
        s = s + x[i]
    for i in range(1, len(x), 2):
        s = s - x[i] * x[i]
    return s


@reference("vd", ([0.5, -1.2, 0.3], 0.7), ([2.0], -0.4))
def LengthsBound(x, a):
    s = a
    for i in range(len(x)):
        s = sin(s) + x[i] * a
    return s


@reference("vv", ([0.5, -1.2, 0.3, 0.9, 1.4], [0.2, -0.5, 1.0]), ([2.0, 1.0], [0.5, 0.5, 0.5]))
def ValidConvolution(x, k):
    n = len(x)
    m = len(k)
    s = zero()
    i = 0
    while i + m <= n:
        y = zero()
        for j in range(m):
            y = y + x[i + j] * k[j]
        s = s + y * y
        i += 1
    return s


@reference("vd", ([0.5, -1.2, 0.3, 0.9], 0.1), ([0.5, -1.2, 0.3, 0.9], 2.0))
def CountAboveThreshold(x, threshold):
    count = 0
    s = zero()
    for v in x:
        if v > threshold:
            count += 1
            s = s + (v - threshold)
    return s * count


@reference("vd", ([0.5, -1.2, 0.3], 0.7), ([2.0], -0.4), dtype="float32")
def FloatElementLoop(x, a):
    s = zero()
    for i in range(len(x)):
        s = s * a + sin(x[i])
    return s


@reference("v", ([0.5, -1.2, 0.3],), ([2.0],), dtype="float32")
def FloatForeach(x):
    s = t(1.0)
    for v in x:
        s = s * (1 + v * v)
    return log(s)


@reference("v", ([[0.5, -1.2, 0.3], [0.9, 1.4, -0.6], [0.2, 0.7, -1.1]],), ([[2.0, 1.0], [-0.5, 0.3]],))
def MatrixTraceOfSquare(a):
    s = zero()
    for i in range(a.shape[0]):
        for k in range(a.shape[1]):
            s = s + a[i, k] * a[k, i]
    return s


@reference("vv", ([[0.5, -1.2, 0.3], [0.9, 1.4, -0.6]], [0.2, 0.7, -1.1]), ([[2.0, 1.0], [-0.5, 0.3]], [0.4, -0.8]))
def MatrixVectorByLoops(w, x):
    s = zero()
    for i in range(w.shape[0]):
        y = zero()
        for j in range(w.shape[1]):
            y = y + w[i, j] * x[j]
        s = s + tanh(y)
    return s


@reference("v", ([[0.5, -1.2, 0.3], [0.9, 1.4, -0.6]],), ([[2.0], [-0.5]],))
def RowNorms(a):
    s = zero()
    for i in range(a.shape[0]):
        squares = zero()
        for j in range(a.shape[1]):
            squares = squares + a[i, j] * a[i, j]
        s = s + sqrt(squares)
    return s


@reference("v", ([[0.5, -1.2, 0.3], [0.9, 1.4, -0.6]],), ([[-2.0, 1.0], [-0.5, -0.3]],))
def RowMaximaByLoops(a):
    s = zero()
    for i in range(a.shape[0]):
        m = a[i, 0]
        for j in range(1, a.shape[1]):
            if a[i, j] > m:
                m = a[i, j]
        s = s + m * (i + 1)
    return s


@reference("vvv", ([0.5, -1.2], [[0.9, 1.4, -0.6], [0.2, 0.7, -1.1]], [0.3, -0.4, 0.8]), ([2.0], [[1.5]], [-0.5]))
def BilinearForm(x, a, y):
    s = zero()
    for i in range(len(x)):
        for j in range(len(y)):
            s = s + x[i] * a[i, j] * y[j]
    return s


@reference("wv", ([[1.0, 0.0, 0.0], [0.5, 2.0, 0.0], [-1.0, 0.25, 1.5]], [[0.5, -1.2, 0.3], [0.9, 1.4, -0.6], [0.2, 0.7, -1.1]]),
           ([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0], [1.0, 1.0, 1.0]], [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]))
def LowerTriangleWithoutGradient(mask, a):
    s = zero()
    for i in range(a.shape[0]):
        for j in range(i + 1):
            s = s + mask[i, j] * exp(a[i, j] - j)
    return s


@reference("vd", ([[0.5, -1.2, 0.3], [0.9, 1.4, -0.6]], 0.7), ([[2.0, 1.0], [-0.5, 0.3]], -0.4), dtype="float32")
def FloatMatrixLoop(a, tt):
    s = zero()
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            s = s * tt + a[i, j] * a[i, j]
    return s


@reference("v", ([[0.5, -1.2, 0.3], [0.9, 1.4, -0.6]],), ([[2.0, 1.0], [-0.5, 0.3]],))
def ForeachOverMatrixWithContinue(a):
    s = zero()
    k = 0
    for v in a.reshape(-1):
        k += 1
        if v < 0:
            continue
        s = s + v * k
    return s


@reference("vv", ([0.5, -1.2, 0.3], [0.2, 0.7]), ([2.0], [-0.4, 0.1, 0.9]))
def NestedForeachPairs(x, y):
    s = zero()
    for u in x:
        for w in y:
            s = s + tanh(u - w)
    return s


@reference("v", ([0.5, -1.2, 0.3],), ([2.0, 0.7],))
def FirstNegativeOrSum(x):
    s = zero()
    for v in x:
        if v < 0:
            return v * s
        s = s + v
    return s


@reference("vd", ([0.5, -1.2, 0.3], 0.7), ([2.0, 0.7], -0.4))
def ForeachCalleeInLoop(x, a):
    s = zero()
    for _ in range(3):
        s = s * a + FirstNegativeOrSum(x)
    return s


@reference("di", (0.7, 3), (-0.4, 3), (0.7, 1), (0.5, -2))
def SwitchGuardsOnValue(a, k):
    if k > 2 and a > 0:
        s = a * k
    elif k > 0 and a < 0:
        s = -a * a
    elif k == 1:
        s = exp(a)
    else:
        s = a + k
    return s


@reference("di", (0.7, 0), (1.6, 0), (-0.6, 1), (0.4, 2), (2.3, 1))
def SwitchWithEarlyBreak(a, k):
    s = a
    for i in range(3):
        c = cmod(k + i, 3)
        if c == 0:
            s = s * 1.5
            if s > 2:
                s = s + 0.1 * i
                continue
            s = s + 0.25
        elif c == 1:
            if s < 0:
                s = -s
                s = s + 0.1 * i
                continue
            s = sqrt(s + 1)
        else:
            if i == 2:
                continue
            s = s - 0.5
        s = s + 0.1 * i
    return s


@reference("di", (0.7, 0), (0.7, 2), (-0.4, 5), (0.3, -1))
def SwitchExpressionWithoutDiscard(a, k):
    if k == 0:
        return a * a
    if 0 < k < 3:
        return sin(a) * k
    if k >= 3:
        return a / k
    return -a


@reference("dd", (0.7, -0.4), (-0.5, 0.2), (0.3, 0.9))
def SwitchExpressionWithWhen(a, b):
    if a > b:
        return a - b
    if a < 0:
        return exp(a)
    return a * b


@reference("dd", (0.7, -1.3), (-0.4, 0.9), (1.5, 2.0))
def ChainedAssignment(a, b):
    y = a * b
    x = y
    x = b - y * 0.5
    y = y + x
    return x * y + a


@reference("ddi", (0.7, -0.3, 4), (-0.4, 0.9, 0), (1.5, 0.2, 2))
def FibonacciByDeconstruction(a, b, n):
    p, q = a, b
    for _ in range(n):
        p, q = q, p + q * 0.5
    u = p * q
    return u - p


@reference("vd", ([0.5, -1.2, 0.3], 0.7), ([2.0], -0.4))
def PostIncrementIndex(x, a):
    s = zero()
    i = 0
    while i < len(x):
        s = s + x[i] * a
        i += 1
        s = s * 0.9
    i -= 1
    return s + i * a


@reference("dd", (0.7, -1.3), (-0.3, 0.75), (1.45, 2.2))
def RoundingFunctions(a, b):
    return (torch.floor(a * 3) * b + torch.ceil(b) * a + torch.round(a + b) * a * b
            + torch.trunc(-a * 2.5) * b * b)


@reference("di", (0.7, 3), (1.9, 2), (-0.2, 4))
def ClampInLoop(a, n):
    s = a
    for i in range(n):
        s = clamp(s * s - 0.5, -1.0, 1.5) + clamp(i - 1, 0, 2) * 0.1
    return s


# ---------------------------------------------------------------- Calls (FunctionsCalls.cs)

@reference("d", (0.7,), (-1.3,))
def Cube(u):
    return u * u * u


@reference("d", (-0.4,), (0.3,), (0.8,), (1.6,))
def SmoothStep(u):
    if u <= 0:
        return zero()
    if u >= 1:
        return t(1.0)
    return u * u * (3 - 2 * u)


@reference("dd", (0.7, -0.4), (-1.3, 0.9))
def Gate(u, v):
    return v / (1 + exp(-u))


@reference("di", (0.7, 3), (1.3, 0), (2.5, 1))
def RepeatedSquareRoot(u, times):
    r = u
    for _ in range(times):
        r = sqrt(r + 1)
    return r


@reference("d", (0.7,), (-1.3,))
def CallInLoop(a):
    s = zero()
    for i in range(5):
        s = s + Cube(a - i * 0.3)
    return s


@reference("di", (0.3, 3), (-0.4, 2), (1.4, 1), (0.5, 0))
def CallWithBranchesInLoop(a, n):
    x = a
    for _ in range(n):
        x = SmoothStep(x) + 0.1
    return x


@reference("dd", (0.7, -0.4), (1.3, 0.9))
def CalleeWithLoop(a, b):
    return RepeatedSquareRoot(a, 3) + RepeatedSquareRoot(b * b, 2)


@reference("d", (0.7,), (-1.3,))
def CallInBranch(a):
    return Cube(a) if a > 0 else Gate(a, a * a)


@reference("vd", ([0.5, -1.2, 0.3], 0.7), ([2.0], -0.4))
def TensorCalleeInLoop(x, a):
    s = zero()
    scale = t(1.0)
    for _ in range(3):
        s = s + ElementSumOfSquares(x) * scale
        scale = scale * a
    return s


@reference("d", (0.7,), (-1.3,), (2.9,))
def NestedCallsInLoop(a):
    s = zero()
    for i in range(1, 5):
        s = s + Gate(Cube(a / i), SmoothStep(a * i * 0.2))
    return s


@reference("d", (0.7,), (2.3,))
def CallWithLoopCountFromLoop(a):
    s = zero()
    for i in range(4):
        s = s + RepeatedSquareRoot(a, i)
    return s


@reference("d", (0.7,), (-0.3,))
def LocalFunctionInLoop(a):
    def step(u):
        return u * u * 0.5 + a

    s = t(0.1)
    for _ in range(4):
        s = step(s)
    return s


@reference("d", (0.7,), (-1.3,))
def LambdaInLoop(a):
    def g(u):
        return sin(u) * a

    s = zero()
    for i in range(5):
        s = s + g(s + i)
    return s


@reference("d", (0.7,), (-1.3,), dtype="float32")
def FloatHelper(u):
    return u / (1 + fabs(u))


@reference("di", (0.7, 3), (-1.3, 5), dtype="float32")
def FloatCallInLoop(a, n):
    s = a
    for _ in range(n):
        s = FloatHelper(s * 2) + a * 0.1
    return s


@reference("di", (0.7, 3), (1.0, 5), (-0.5, 2))
def FirstAbove(u, n):
    v = u
    for _ in range(n):
        v = v * 1.5 + 0.1
        if v > 2:
            return v - 2
    return v


@reference("d", (0.7,), (-0.2,), (1.6,))
def CalleeReturnsInsideCallerLoop(a):
    s = zero()
    for i in range(4):
        r = FirstAbove(a + i * 0.3, 5)
        s = s + r * (i + 1)
    return s


@reference("d", (0.7,), (5.3,), (-2.7,))
def HalveUntilSmall(u):
    while fabs(u) > 1:
        u = u * 0.5
    return u


@reference("d", (0.2,), (1.3,), (-0.9,))
def CalleeReassignsItsParameter(a):
    u = a * 3
    r = HalveUntilSmall(u) + u
    return r * HalveUntilSmall(a * a)


@reference("d", (0.2,), (0.8,), (1.7,), (-0.5,))
def CallInIfCondition(a):
    if SmoothStep(a) > 0.5:
        return Cube(a) - SmoothStep(a * 0.5)
    return a * 2


@reference("d", (0.7,), (-0.3,))
def TwiceRepeated(u):
    return RepeatedSquareRoot(u, 2) * 2


@reference("d", (0.7,), (1.9,), (-0.2,))
def CallThroughStraightWrapper(a):
    s = zero()
    for i in range(3):
        s = s + TwiceRepeated(a + i) * SmoothStep(SmoothStep(a * 0.4 * i))
    return s


@reference("dd", (0.7, -0.4), (0.3, 0.9), (-0.5, 0.2))
def CallsInConditionalArms(a, b):
    return RepeatedSquareRoot(a * a, 2) - b if a > b else SmoothStep(b - a) * FirstAbove(a, 3)


@reference("di", (0.7, 0), (0.9, 1), (0.3, 1), (-0.6, 2))
def CallInSwitchSection(a, k):
    s = a
    if k == 0:
        s = FirstAbove(s, 4)
    elif k == 1:
        s = HalveUntilSmall(s * 5) + SmoothStep(s)
    else:
        s = s * 2
    return s * a


@reference("d", (0.7,), (-1.3,), (1.1,))
def CapturedReadAtCallTime(a):
    scale = t(1.0)
    s = zero()
    for _ in range(4):
        scale = scale * a
        s = (s + 1) * scale * 0.5 + scale * scale
    return s


@reference("dd", (0.7, -0.4), (-1.3, 0.9))
def LocalFunctionWithBlockBody(a, b):
    def soft(u):
        e = exp(-u * u)
        return u * e + b

    return soft(a) * soft(a * b)


@reference("di", (0.7, 3), (-1.3, 0), (0.4, 2))
def HornerWithArray(u, degree):
    c = [t(0.0)] * (degree + 1)
    for k in range(degree + 1):
        c[k] = t(1.0 / (k + 1))
    p = zero()
    for k in range(degree, -1, -1):
        p = p * u + c[k]
    return p


@reference("di", (0.7, 3), (-0.6, 0), (0.4, 4))
def CalleeArraysInLoop(a, n):
    s = zero()
    for i in range(n):
        s = s + HornerWithArray(a * s, i) + HornerWithArray(a, 2)
    return s


@reference("dd", (0.7, -0.4), (-1.3, 0.9), (0.5, 1.5))
def SortedSum(u, v):
    w = [u, v, u * v]
    if w[0] > w[1]:
        w[0], w[1] = w[1], w[0]
    return w[0] * 0.25 + w[1] + w[2]


@reference("dd", (0.7, -0.4), (-1.3, 0.9), (0.5, 1.5))
def SmoothedByCalleeWithArray(a, b):
    v = [a, b]
    return SortedSum(v[0], v[1] * a) * SortedSum(b, a)


# ---------------------------------------------------------------- Integers (FunctionsIntegers.cs)

@reference("di", (0.7, 7), (-1.3, 0), (0.4, 4))
def IntegerDivisionInLoop(a, n):
    s = zero()
    for i in range(n):
        s = s + a * cdiv(i, 2) - cmod(i, 3) * a * a
    return s


@reference("di", (0.7, 7), (-1.3, 0), (0.4, 5))
def NegativeDivisionTruncates(a, n):
    s = zero()
    for i in range(-n, n + 1):
        s = s + a * cdiv(i, 3) + cmod(i, 4)
    return s


@reference("di", (0.7, 7), (-1.3, 0), (0.4, 4))
def IntegerAccumulator(a, n):
    k = 0
    for i in range(n):
        k += i * i
        if k > 20:
            k -= 17
    return a * k


@reference("di", (0.7, 1), (-1.3, 6), (0.4, 27))
def CollatzSteps(a, n):
    m = n
    steps = 0
    while m != 1:
        m = cdiv(m, 2) if cmod(m, 2) == 0 else 3 * m + 1
        steps += 1
    return a * steps + a * a


@reference("di", (0.7, 10), (-1.3, 0), (0.4, 3))
def CheckedProductInLoop(a, n):
    p = 1
    s = zero()
    for i in range(1, n + 1):
        p = p * i
        assert p < 2 ** 31
        s = s + a / p
    return s


@reference("d", (0.7,), (-1.3,))
def UncheckedHashWraps(a):
    h = 17
    for i in range(10):
        h = wrap(h * 31 + i, 32)
    return a * cmod(h, 7)


@reference("di", (0.7, 25), (-1.3, 0), (0.4, 3))
def LongModularPower(a, n):
    acc = 1
    for _ in range(n):
        acc = cmod(acc * 3, 1000003)
    return a * cmod(acc, 10)


@reference("d", (0.7,), (-1.3,), (2.15,))
def TruncatedProductsInLoop(a):
    s = zero()
    for i in range(5):
        k = to_int(a * i)
        s = s + k * a
    return s


@reference("d", (0.7,), (-1.3,))
def ShortCounterWraps(a):
    s = 32760
    for _ in range(10):
        s = wrap(s + 1, 16)
    return a * s


@reference("d", (0.7,), (-1.3,))
def ByteProductWraps(a):
    b = 7
    for _ in range(4):
        b = wrap(b * 3, 8, signed=False)
    return a * b


@reference("di", (0.7, 9), (-1.3, 0), (0.4, 4))
def RemainderSelectsUpdate(a, n):
    s = t(1.0)
    for i in range(n):
        if cmod(i, 4) == 3:
            s = s * a
        else:
            s = s + cdiv(i, 4)
    return s


@reference("di", (0.7, 6), (-1.3, 0), (0.4, 3))
def IntegerMeetsDoubleInLoop(a, n):
    s = zero()
    for i in range(1, n + 1):
        s = s + float(cdiv(i, 2)) / i * a
        s = s + cdiv(i, 2) / float(i) * a * a
    return s


@reference("di", (0.7, 6), (-1.3, 0), (0.4, 3), dtype="float32")
def FloatIntegerMix(a, n):
    s = zero()
    for i in range(n):
        s = s + a * cmod(i, 3) / (1 + cdiv(i, 2))
    return s


# ---------------------------------------------------------------- Recurrences (FunctionsRecurrences.cs)
# Points of one function run long trip counts before short ones, so the generated code reuses a tape it grew.

@reference("d", (0.7,), (-0.5,))
def OldValueReadAfterOverwrite(a):
    x = a
    y = zero()
    for _ in range(6):
        old = x
        x = x * x * 0.5 + 0.3 * a
        y = y + old * x
    return y


@reference("di", (2.0, 10), (0.5, 3), (2.0, 0))
def ReciprocalRecurrence(a, n):
    x = t(1.0)
    for _ in range(n):
        x = a / (1 + x)
    return x


@reference("dd", (0.9, 0.2), (-0.3, 0.6))
def SometimesUpdatedPair(a, b):
    x, y = a, b
    for _ in range(8):
        if x > y:
            x = x * 0.7 + y * 0.1
        else:
            y = y * 0.8 + sin(x)
    return x * 2 + y


@reference("di", (0.7, 5), (1.2, 2), (0.7, 0))
def LoopInBranchInLoop(a, n):
    s = a
    for i in range(n):
        if i % 2 == 0:
            for j in range(i + 1):
                s = sqrt(s * s + j)
        else:
            s = s * a
    return s


@reference("d", (0.3,), (1.0,))
def BreakAndContinueTogether(a):
    s = zero()
    x = a
    i = 0
    while i < 50:
        i += 1
        x = x * 1.1 + 0.05
        if sin(x * 3) < 0:
            continue
        s = s + x
        if s > 6:
            break
    return s + x * 0.1


@reference("di", (0.7, 2000), (-0.4, 10), (0.7, 500))
def LongLoop(a, n):
    s = zero()
    for i in range(n):
        s = s * 0.999 + a * sin(a * i * 0.01)
    return s


@reference("d", (1.5,), (-0.7,))
def SlowRelaxationToTolerance(a):
    x = zero()
    velocity = zero()
    while fabs(a - x) > 1e-12 or fabs(velocity) > 1e-12:
        velocity = 0.9 * velocity + 0.01 * (a - x)
        x = x + velocity
    return x * x


@reference("di", (0.7, 4), (-0.3, 0))
def TwoLoopsShareACarry(a, n):
    x = a
    for i in range(n):
        x = tanh(x + 0.1 * i)
    s = zero()
    for _ in range(n + 2):
        s = s + x
        x = x * 0.9
    return s


# ---------------------------------------------------------------- Programs (FunctionsPrograms.cs)

@reference("ddd", (0.4, 1.0, 0.0), (1.5, -0.5, 0.8))
def EulerRollout(rate, x0, v0):
    dt = 0.1
    x = x0
    v = v0
    for step in range(20):
        acceleration = -x - rate * v + 0.5 * math.sin(step * dt)
        x = x + dt * v
        v = v + dt * acceleration
    return (x - 0.3) * (x - 0.3) + 0.1 * v * v


@reference("ddd", (0.4, 1.0, 0.0), (1.5, -0.5, 0.8), dtype="float32")
def EulerRolloutFloat(rate, x0, v0):
    # C# computes step * Dt in float: the same float32 product, widened.
    dt = 0.1
    x = x0
    v = v0
    for step in range(20):
        drive = struct.unpack("f", struct.pack("f", step * struct.unpack("f", struct.pack("f", dt))[0]))[0]
        acceleration = -x - rate * v + 0.5 * math.sin(drive)
        x = x + dt * v
        v = v + dt * acceleration
    return (x - 0.3) * (x - 0.3) + 0.1 * v * v


@reference("vd", ([0.5, -1.2, 0.3, 0.9], 0.7), ([2.0], 0.2))
def EulerRolloutOfVector(y0, rate):
    dt = 0.05
    n = len(y0)
    y = [y0[i] for i in range(n)]
    dy = [zero()] * n
    for _ in range(20):
        for i in range(n):
            left = y[i - 1] if i > 0 else zero()
            right = y[i + 1] if i < n - 1 else zero()
            dy[i] = -rate * y[i] + 0.3 * tanh(left + right)
        for i in range(n):
            y[i] = y[i] + dt * dy[i]
    s = zero()
    for i in range(n):
        s = s + y[i] * y[i]
    return s


@reference("vd", ([0.5, -1.2, 0.3], 0.3), ([1.4, 0.6, -0.2], 0.05))
def Rk4Integrator(state, damping):
    n = 3
    h = 0.05
    y = [state[i] for i in range(n)]
    k = [zero()] * (4 * n)
    stage = [zero()] * n
    weights = [1.0, 2.0, 2.0, 1.0]
    offsets = [0.0, 0.5, 0.5, 1.0]
    for _ in range(10):
        for s in range(4):
            for i in range(n):
                stage[i] = y[i] if s == 0 else y[i] + offsets[s] * h * k[(s - 1) * n + i]
            k[s * n] = stage[1]
            k[s * n + 1] = -sin(stage[0]) - damping * stage[1]
            k[s * n + 2] = stage[0] * stage[1] - damping * stage[2]
        for i in range(n):
            increment = zero()
            for s in range(4):
                increment = increment + weights[s] * k[s * n + i]
            y[i] = y[i] + h / 6 * increment
    return y[0] * y[0] + y[1] * y[1] + y[2]


def lstm_weights(phase):
    return [round(0.6 * math.sin(0.9 * i + phase), 6) for i in range(32)]


def lstm_inputs(phase):
    return [round(math.cos(0.5 * i + phase), 6) for i in range(10)]


@reference("vv", (lstm_weights(0.3), lstm_inputs(0.1)), (lstm_weights(1.7), lstm_inputs(2.0)))
def LstmSequence(w, x):
    hidden = 2
    row = hidden + 2
    h = [zero()] * hidden
    c = [zero()] * hidden
    gates = [zero()] * (4 * hidden)
    for step in range(10):
        for r in range(4 * hidden):
            z = w[r * row] * x[step] + w[r * row + hidden + 1]
            for j in range(hidden):
                z = z + w[r * row + 1 + j] * h[j]
            gates[r] = tanh(z) if r // hidden == 2 else 1 / (1 + exp(-z))
        for j in range(hidden):
            c[j] = gates[hidden + j] * c[j] + gates[j] * gates[2 * hidden + j]
            h[j] = gates[3 * hidden + j] * tanh(c[j])
    return (h[0] - 0.2) * (h[0] - 0.2) + (h[1] + 0.1) * (h[1] + 0.1)


@reference("d", (2.0,), (0.25,), (50.0,))
def NewtonSquareRoot(a):
    x = a if a > 1 else t(1.0)
    iterations = 0
    while fabs(x * x - a) > 1e-12 * a and iterations < 100:
        x = 0.5 * (x + a / x)
        iterations += 1
    return x


@reference("v",
           ([2.0, -1.0, 0.5, 1.5, 0.3, 1.2, -0.7, 0.4, -1.1, 0.6, 2.2, -0.3, 0.8, 0.1, -0.9, 1.7],),
           ([1.0, 0.2, 0.0, 0.0, 0.3, 1.0, 0.4, 0.0, 0.0, -0.5, 1.0, 0.6, 0.1, 0.0, -0.2, 1.0],))
def Determinant4x4(m):
    a = [m[i] for i in range(16)]
    minor = [zero()] * 9
    det = zero()
    for c in range(4):
        k = 0
        for i in range(1, 4):
            for j in range(4):
                if j != c:
                    minor[k] = a[i * 4 + j]
                    k += 1
        minor_det = zero()
        for j in range(3):
            left = 1 if j == 0 else 0
            right = 1 if j == 2 else 2
            cofactor = minor[3 + left] * minor[6 + right] - minor[3 + right] * minor[6 + left]
            minor_det = minor_det + (1 if j % 2 == 0 else -1) * minor[j] * cofactor
        det = det + (1 if c % 2 == 0 else -1) * a[c] * minor_det
    return det


@reference("dd", (0.1, 0.0), (0.3, 4.0))
def GradientDescentRollout(learning_rate, x0):
    x = x0
    for _ in range(20):
        slope = 2 * (x - 2) + 0.3 * cos(3 * x)
        x = x - learning_rate * slope
    return (x - 2) * (x - 2) + 0.1 * sin(3 * x)


# ---------------------------------------------------------------- Independent loops (FunctionsFastLoops.cs)

LONG_X = [round(1.3 * math.sin(0.7 * k + 0.2), 3) for k in range(37)]
LONG_Y = [round(0.9 * math.cos(0.45 * k), 3) for k in range(37)]


@reference("v", ([0.5, -1.2, 0.3],), ([2.0],), (LONG_X,), dtype="float32")
def FastSumOfSquaresFloat(x):
    s = zero()
    for i in range(len(x)):
        s = s + x[i] * x[i]
    return s


@reference("vw", ([0.5, -1.2, 0.3], [0.1, 0.2, -0.4]), ([2.0], [1.5]), (LONG_X, LONG_Y))
def FastSquaredError(x, t_):
    s = zero()
    for i in range(len(x)):
        s = s + (x[i] - t_[i]) * (x[i] - t_[i])
    return s


@reference("vv", ([0.5, -1.2, 0.3], [0.1, 0.2, -0.4]), ([2.0], [1.5]), (LONG_X, LONG_Y), dtype="float32")
def FastSquaredErrorThroughLocal(x, t_):
    s = zero()
    for i in range(len(x)):
        d = x[i] - t_[i]
        s = s + d * d
    return s / len(x)


@reference("vd", ([0.5, -1.2, 0.3], 0.7), ([2.0], -1.5), (LONG_X, 1.1))
def FastScaledExp(x, w):
    s = zero()
    for i in range(len(x)):
        s = s + w * exp(x[i] / 2)
    return s


@reference("vv", ([0.5, -1.2, 0.3], [0.1, 0.2, -0.4]), ([2.0], [1.5]), (LONG_X, LONG_Y))
def FastLogOverQuadratic(x, y):
    s = zero()
    for i in range(len(y)):
        s = s + log(x[i] * x[i] + 1) / (1 + y[i] * y[i])
    return s


@reference("v", ([0.5, -1.2, 0.3],), ([2.0, 1.0],), (LONG_X,))
def FastVariance(x):
    s = zero()
    q = zero()
    for i in range(len(x)):
        s = s + x[i]
        q = q + x[i] * x[i]
    n = len(x)
    mean = s / n
    return q / n - mean * mean


@reference("vd", ([0.5, -1.2, 0.3], 0.7), ([2.0], -1.5), (LONG_X, 1.1))
def FastSubtractFromStart(x, a):
    s = a * a
    half = 0.5 * a
    for i in range(len(x)):
        s = s - half * sin(x[i]) * cos(x[i])
    return sqrt(s * s + 1)


@reference("vv", ([0.1, -1.2, 0.3], [0.1, 0.2, -0.4]), ([2.0], [1.5]), (LONG_X, LONG_Y), dtype="float32")
def FastTwoLoopsLong(x, y):
    a = zero()
    for i in range(len(x)):
        a = a + tanh(x[i]) * y[i]
    b = zero()
    for i in range(len(y)):
        u = sqrt(y[i] * y[i] + 1)
        v = fabs(x[i] - 0.5)
        b = b + u * v
    return a * a + b


@reference("v", ([0.5, -1.2, 0.3],), ([2.0],), (LONG_X,))
def FastMissIndexAsNumber(x):
    s = zero()
    for i in range(len(x)):
        s = s + x[i] * i
    return s


@reference("vi", ([0.5, -1.2, 0.3], 2), ([2.0], 1), (LONG_X, 37))
def FastMissParameterBound(x, n):
    s = zero()
    for i in range(n):
        s = s + x[i] * x[i]
    return s


@reference("v", ([0.5, -1.2, 0.3],), ([2.0],), (LONG_X,))
def FastMissSumReadInLoop(x):
    s = zero()
    for i in range(len(x)):
        s = s + 0.5 * s * x[i]
        s = s + x[i]
    return s


@reference("v", ([0.5, -1.2, 0.3],), ([2.0],), (LONG_X,))
def FastMissShiftedRead(x):
    s = zero()
    for i in range(len(x) - 1):
        s = s + x[i] * x[i + 1]
    return s


# ---------------------------------------------------------------- Whole tensors (FunctionsWholeTensors.cs)

@reference("vwvi", ([0.5, -1.2, 0.3], [0.1, 0.4, -0.2], [1.5, -0.5, 0.25], 3), ([2.0, 1.0], [1.0, 1.0], [0.7, 0.0], 1))
def TensorLossOverSteps(x, target, w, steps):
    loss = zero()
    for k in range(steps):
        loss = loss + torch.sum(torch.square(x - target)) * w[k]
    return loss


@reference("vwvi", ([0.5, -1.2, 0.3], [0.1, 0.4, -0.2], [1.5, -0.5, 0.25], 3), ([2.0, 1.0], [1.0, 1.0], [0.7, 0.0], 1), dtype="float32")
def TensorLossOverStepsFloat(x, target, w, steps):
    return TensorLossOverSteps(x, target, w, steps)


@reference("vwc", ([0.5, -1.2, 0.3], [0.1, 0.4, -0.2], 1.0), ([0.5, -1.2, 0.3], [0.1, 0.4, -0.2], -1.0), ([2.0, -1.0], [1.0, 1.0], 0.0))
def TensorReturnInBranches(x, t, mode):
    if mode > 0:
        return torch.mean(torch.square(x - t))
    return torch.sum(torch.abs(x - t))


@reference("vwc", ([0.5, -1.2, 0.3], [0.1, 0.4, -0.2], 1.0), ([0.5, -1.2, 0.3], [0.1, 0.4, -0.2], -1.0), ([2.0, -1.0], [1.0, 1.0], 0.0), dtype="float32")
def TensorReturnInBranchesFloat(x, t, mode):
    return TensorReturnInBranches(x, t, mode)


@reference("vvw", ([0.5, -0.2, 0.9], [0.3, 0.8, 0.1], [0.4, 0.4, 0.4]), ([1.2, 0.1], [0.5, -0.3], [0.0, 1.0]))
def TensorEulerRollout(x0, a, target):
    h = x0
    for _ in range(20):
        h = h + 0.05 * (a - h * h)
    return torch.sum(torch.square(h - target))


@reference("vvw", ([0.5, -0.2, 0.9], [0.3, 0.8, 0.1], [0.4, 0.4, 0.4]), ([1.2, 0.1], [0.5, -0.3], [0.0, 1.0]), dtype="float32")
def TensorEulerRolloutFloat(x0, a, target):
    h = x0
    for _ in range(20):
        h = h + round_float32(0.05) * (a - h * h)
    return torch.sum(torch.square(h - target))


@reference("vi", ([0.5, -0.2, 0.1], 3), ([-0.3, 0.1], 0), ([0.2], 5))
def TensorSumBeforeLoop(x, n):
    s = torch.sum(x)
    p = t(1.0)
    for k in range(n):
        p = p * tanh(s + 0.1 * k) + 0.2 * s
    return p


@reference("vi", ([0.5, -0.2, 0.1], 3), ([-0.3, 0.1], 0), ([0.2], 5), dtype="float32")
def TensorSumBeforeLoopFloat(x, n):
    s = torch.sum(x)
    p = t(1.0)
    for k in range(n):
        p = p * tanh(s + round_float32(round_float32(0.1) * k)) + round_float32(0.2) * s
    return p


@reference("vd", ([0.5, -0.2, 0.1], 0.7), ([0.5, -0.2, 0.1], -0.4))
def TensorLocalInBranches(x, c):
    if c > 0:
        h = torch.exp(x) * c
    else:
        h = torch.square(x) - c
    return torch.dot(h, h)


@reference("vv", ([0.5, -0.2, 0.9], [1.0, 2.0, -0.5]), ([-1.5, 0.3], [0.2, 0.7]))
def TensorNormalizedInLoop(x, w):
    h = x
    for k in range(3):
        h = h / torch.sum(torch.abs(h)) + 0.1 * k
    return torch.dot(h, w)


@reference("vd", ([0.5, -0.2, 0.9], 0.7), ([0.5, -0.2, 0.9], -0.4), ([1.5], 0.2))
def TensorMaxInLoop(x, c):
    total = zero()
    for k in range(1, 4):
        total = total + torch.amax(x * k - c) + torch.amin(x * c)
    return total


@reference("vi", ([0.5, -0.2, 0.9], 3), ([1.5, 1.0], 1), ([0.3], 2))
def TensorLogSumExpInLoop(x, n):
    s = zero()
    for k in range(n):
        s = s + torch.logsumexp(x * (k + 1.0), 0) / (k + 1.0)
    return s


@reference("vd", ([0.5, -0.6, 0.9], 0.8), ([0.3, 0.2], 0.9), ([1.2, 1.1], 0.7))
def TensorShrinkToTolerance(x, rate):
    h = x
    r = torch.sum(torch.square(h))
    steps = 0
    while r > 0.5 and steps < 50:
        h = h * rate
        r = torch.sum(torch.square(h))
        steps += 1
    return torch.sum(h) + r


@reference("vd", ([0.5, -0.2, 0.9], 0.1), ([0.5, -0.2, 0.9], 0.6), ([1.0, 2.0], -0.3))
def TensorConditionInLoop(x, b):
    s = zero()
    for k in range(4):
        d = x - b * k
        if torch.mean(d) > 0:
            s = s + torch.sum(torch.sigmoid(d))
        else:
            s = s - torch.dot(d, x)
    return s


@reference("vi", ([0.5, -0.2, 0.9], 3), ([1.5, 1.0], 0), ([0.3], 1))
def TensorReductionInIterator(x, n):
    s = zero()
    for k in range(n):
        s = s * 0.5
        s = s + torch.sum(torch.square(x)) * (k + 1)
    return s


@reference("vd", ([0.5, -0.6, 0.9], 0.8), ([0.3, 0.2], 0.9), ([1.2, 1.1], 0.7))
def TensorShrinkWhileAbove(x, rate):
    h = x
    k = 0
    while k < 40 and torch.sum(torch.square(h)) > 0.5:
        h = h * rate
        k += 1
    return torch.sum(h) * k


# ---------------------------------------------------------------- Tensors in loops (FunctionsLoopTensors.cs)

@reference("vvwi", ([0.5, -0.2, 0.9], [0.3, 0.8, 0.1], [0.4, 0.4, 0.4], 20), ([1.2, 0.1], [0.5, -0.3], [0.0, 1.0], 3),
           ([0.7], [0.2], [0.1], 0))
def TensorClassEulerRollout(x0, a, target, steps):
    h = x0
    for _ in range(steps):
        h = h + 0.05 * (a - h * h)
    return torch.sum(torch.square(h - target))


@reference("vvwi", ([0.5, -0.2, 0.9], [0.3, 0.8, 0.1], [0.4, 0.4, 0.4], 20), ([1.2, 0.1], [0.5, -0.3], [0.0, 1.0], 3),
           dtype="float32")
def TensorClassEulerRolloutFloat(x0, a, target, steps):
    h = x0
    for _ in range(steps):
        h = h + round_float32(0.05) * (a - h * h)
    return torch.sum(torch.square(h - target))


def element_reads(w, x, b, tanh_):
    s = zero()
    for i in range(w.shape[0]):
        y = b
        for j in range(w.shape[1]):
            y = y + w[i, j] * x[j]
        s = s + (y * y if y > 0 else tanh_(y))
    return s


@reference("vvd", ([[0.5, -0.2, 0.9], [-1.0, 0.3, 0.2]], [0.3, 0.8, -0.4], 0.1), ([[0.2, 0.4]], [1.5, -0.5], -0.6))
def TensorClassElementReads(w, x, b):
    return element_reads(w, x, b, tanh)


@reference("vvd", ([[0.5, -0.2, 0.9], [-1.0, 0.3, 0.2]], [0.3, 0.8, -0.4], 0.1), ([[0.2, 0.4]], [1.5, -0.5], -0.6),
           dtype="float32")
def TensorClassElementReadsFloat(w, x, b):
    return element_reads(w, x, b, tanh)


@reference("vvi", ([0.5, -0.2, 0.9], [0.3, 0.8, -0.4], 3), ([0.1, 0.2], [1.5, -0.5], 2), ([2.5], [0.7], 1))
def TensorClassReductionInBranch(x, y, n):
    s = zero()
    for k in range(n):
        if torch.sum(x) > k:
            s = s + torch.dot(x, y)
        else:
            s = s + torch.mean(torch.square(x - y))
    return s


@reference("vvi", ([0.5, -0.2, 0.9], [0.3, 0.8, -0.4], 3), ([1.5, -0.5, 0.2], [0.7, 0.1, 2.0], 2), ([0.4], [1.1], 0))
def TensorLocalElementDot(x, w, n):
    h = x * 2
    s = zero()
    for i in range(n):
        s = s + h[i] * w[i]
    return s


@reference("vvi", ([0.5, -0.2, 0.9], [0.3, 0.8, -0.4], 3), ([1.5, -0.5, 0.2], [0.7, 0.1, 2.0], 2), dtype="float32")
def TensorLocalElementDotFloat(x, w, n):
    h = x * 2
    s = zero()
    for i in range(n):
        s = s + h[i] * w[i]
    return s


@reference("vi", ([0.5, -0.2, 0.9], 3), ([0.3, 0.6], 1), ([0.1, 0.4, -0.3, 0.2], 5))
def TensorLocalReadsOwnElements(x, steps):
    h = x * 1.0
    for _ in range(steps):
        h = x * h[0] + torch.sin(h) * h[-1]
        g = x * h[1]
        h = g
    return torch.sum(h)


@reference("vd", ([[0.5, -1.2, 0.3], [2.0, 1.0, -1.0]], 0.3), ([[0.2, 0.4], [0.7, -0.1], [1.5, 0.6]], -0.8))
def TensorLocalMatrixElements(m, c):
    h = torch.square(m) - c
    s = zero()
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            s = s + h[i, j] * (i + 1) - h[-1, j] * c
    return s


@reference("vi", ([0.5, -1.2, 0.3], 3), ([0.2, 0.4, -0.6, 1.1], 2), ([0.9], 1))
def TensorParameterWholeAndByElement(x, steps):
    h = x
    s = zero()
    for t_ in range(steps):
        h = torch.tanh(h * 1.5)
        s = s + h[0] * x[x.numel() - 1] + torch.sum(x) * x[t_]
    return s


@reference("vd", ([0.5, -0.2, 0.9, 0.1], 0.3), ([0.5, 1.2, -0.4, 0.3], 0.1), ([-1.0, 0.2], -0.5))
def TensorLocalForEach(x, c):
    h = torch.exp(x) - c
    s = zero()
    for v in h.reshape(-1):
        if v > 2:
            break
        s = s * 0.5 + v * v
    return s


# ---------------------------------------------------------------- Evaluation

def round_float32(value):
    return struct.unpack("f", struct.pack("f", value))[0]


@reference("dd", (0.7, -0.4), (1.3, 0.9), (-0.5, 0.2))
def ArraySlotOverwrittenManyTimes(a, b):
    v = [a, b, zero()]
    for i in range(30):
        v[i % 2] = sin(v[0] * v[1] + v[2]) + 0.5 * v[(i + 1) % 2]
        v[2] = v[2] + 0.1 * v[i % 2]
    return v[0] + v[1] * v[2]


@reference("ddd", (0.3, -0.8, 1.2), (-0.5, 0.25, 2.0))
def IntArrayPermutation(a, b, c):
    order = [2, 0, 1]
    v = [a, b, c]
    counts = [0] * 3
    s = zero()
    for i in range(3):
        s = s * 2 + v[order[i]] * v[order[i]]
        counts[order[i]] += i + 1
    return s * counts[1] + v[-1]


@reference("di", (0.7, 0), (0.7, 3), (-1.3, 6))
def ArrayHatIndexes(a, n):
    v = [zero()] * (n + 2)
    for i in range(len(v)):
        v[i] = cos(a * (i + 1))
    return v[-1] * v[-2] + v[len(v) - (n + 2)]


@reference("di", (0.4, 0), (0.4, 1), (0.4, 6), (-0.9, 9))
def ArrayCreatedInLoopGrowing(a, n):
    s = zero()
    for m in range(1, n + 1):
        w = [zero()] * m
        for i in range(m):
            w[i] = sin(a * (i + 1)) + s * 0.1
        for i in range(1, m):
            w[i] = w[i] + w[i - 1] * w[i]
        s = s + w[-1]
    return s


@reference("d", (0.9,), (0.2,), (-0.6,))
def ArrayInBranchWithEarlyReturn(a):
    if a > 0:
        v = [a, a * a]
        for i in range(5):
            v[i % 2] = v[i % 2] * 0.9
            if v[0] + v[1] < 0.2:
                return v[0] - v[1]
        return v[0] + v[1]
    w = [zero(), zero()]
    w[1] = exp(a)
    return w[0] + w[1]


@reference("ddd", (0.3, 1.0, 0.0), (0.8, -0.5, 1.2), (1.5, 0.4, -0.7))
def Rk4DampedOscillator(damping, x0, v0):
    h = 0.1
    y = [x0, v0]
    k = [zero()] * 8
    stage = [zero()] * 2
    for _ in range(20):
        for s in range(4):
            scale = 0.0 if s == 0 else (h if s == 3 else h / 2)
            for i in range(2):
                stage[i] = y[i] + (0.0 if s == 0 else scale * k[(s - 1) * 2 + i])
            k[s * 2] = stage[1]
            k[s * 2 + 1] = -stage[0] - damping * stage[1]
        for i in range(2):
            y[i] = y[i] + h / 6 * (k[i] + 2 * k[2 + i] + 2 * k[4 + i] + k[6 + i])
    return (y[0] - 0.2) * (y[0] - 0.2) + 0.5 * y[1] * y[1]


# FunctionsTensorCalls.cs: calls to methods whose loops hold whole-tensor work.
def decayed_energy(x, steps, half=0.5):
    h = x
    for _ in range(steps):
        h = h * half + x
    return torch.sum(torch.square(h))


@reference("vi", ([0.5, -0.2, 0.9], 3), ([0.3, 0.6], 0), ([0.1, 0.4, -0.3, 0.2], 5))
def DecayedEnergy(x, steps):
    return decayed_energy(x, steps)


@reference("v", ([0.5, -0.2, 0.9],), ([0.3, 0.6, -0.1, 0.2],))
def StraightCallerOfTensorLoop(x):
    return decayed_energy(x, 3) * 2


@reference("vv", ([0.5, -0.2, 0.9], [0.3, 0.8, -0.4]), ([1.5, -0.5], [0.7, 0.1]))
def StraightCallerBesideWholeTensors(x, y):
    e = decayed_energy(x * y, 2)
    return e + torch.sum(x * y) - torch.mean(torch.exp(y))


@reference("vv", ([0.5, -0.2, 0.9], [0.3, 0.8, -0.4]), ([1.5, -0.5], [0.7, 0.1]))
def TensorLoopCalledInLoop(x, y):
    g = x * y
    s = zero()
    for k in range(3):
        s = s + (decayed_energy(g, k) * 0.1 + decayed_energy(y, 1))
        g = torch.tanh(g * s)
    return s + torch.sum(g)


@reference("vi", ([0.5, -0.2, 0.9], 3), ([0.3, 0.6], 1), dtype="float32")
def DecayedEnergyFloat(x, steps):
    return decayed_energy(x, steps)


@reference("vd", ([0.5, -0.2, 0.9], 1.5), ([0.3, 0.6], -0.7), dtype="float32")
def StraightCallerOfTensorLoopFloat(x, a):
    return decayed_energy(x * a, 2) + a


# FunctionsTensorStates.cs: tensor states stepped in loops.
def time_stepped(s0, a, b, dt, steps):
    s = s0
    for _ in range(steps):
        s = s + dt * (a * s - b)
    return torch.sum(torch.square(s))


@reference("vdvdi", ([0.5, -0.2, 0.9], -0.8, [0.3, 0.1, -0.4], 0.1, 20), ([1.0, 0.5, -0.3, 0.2], 0.4, [0.2, 0.0, 0.1, -0.1], 0.05, 7))
def TimeSteppedState(s0, a, b, dt, steps):
    return time_stepped(s0, a, b, dt, steps)


@reference("vdvdi", ([0.5, -0.2, 0.9], -0.8, [0.3, 0.1, -0.4], 0.1, 20), ([1.0, 0.5], 0.4, [0.2, 0.1], 0.05, 7), dtype="float32")
def TimeSteppedStateFloat(s0, a, b, dt, steps):
    return time_stepped(s0, a, b, dt, steps)


@reference("vvi", ([0.5, -0.2, 0.9], [0.3, 0.8, -0.4], 3), ([1.5, -0.5], [0.7, 0.1], 2), ([0.2, 0.4, 0.1, -0.3], [0.6, 0.2, 0.5, 0.9], 0))
def StateScaledByItsMean(x, y, steps):
    h = x
    for _ in range(steps):
        g = torch.mean(h * y)
        h = h * g + (y - g)
    return torch.sum(h)


@reference("vi", ([0.5, -0.2, 0.9], 10), ([0.3, 0.6, -1.1, 0.05], 3), dtype="float32")
def DecayTowardInput(x, steps):
    t_ = x * 0.0
    for _ in range(steps):
        t_ = t_ * round_float32(0.9) + x
    return torch.sum(torch.square(t_))


@reference("vvvwi",
           ([[0.5, -0.2], [0.9, 0.1], [0.3, 0.7], [-0.4, 0.2]], [[0.2, -0.5, 0.1], [0.6, 0.3, -0.2]], [0.1, 0.0, -0.3],
            [[0.2, 0.1, 0.0], [0.5, -0.2, 0.3], [0.1, 0.4, -0.1], [0.0, 0.2, 0.6]], 2),
           ([[1.0, 0.5], [-0.3, 0.2], [0.4, -0.6], [0.8, 0.9]], [[0.1, 0.2, 0.3], [-0.4, 0.5, 0.0]], [0.3, -0.1, 0.2],
            [[0.1, 0.1, 0.1], [0.2, 0.2, 0.2], [0.3, 0.3, 0.3], [0.4, 0.4, 0.4]], 4))
def BatchedLinearLoss(x, w, bias, y, batches):
    rows = x.shape[0] // batches
    loss = zero()
    for k in range(batches):
        xk = x[k * rows:(k + 1) * rows, :]
        yk = y[k * rows:(k + 1) * rows, :]
        loss = loss + torch.sum(torch.square(torch.matmul(xk, w) + bias - yk))
    return loss


def evaluate(entry, point):
    """The value and the gradient (differentiable parameters in declaration order, flattened) at one point."""
    signature = entry["signature"]
    if len(signature) != len(point):
        raise ValueError(f"{entry['name']}: {len(point)} arguments for signature {signature}")
    narrow = round_float32 if entry["dtype"] == "float32" else float
    arguments, recorded, leaves = [], [], []
    for kind, value in zip(signature, point):
        if kind == "i":
            arguments.append(int(value))
            recorded.append(int(value))
            continue
        if kind in "vw":
            values = [[narrow(v) for v in row] for row in value] if isinstance(value[0], list) else [narrow(v) for v in value]
        else:
            values = narrow(value)
        recorded.append(values)
        leaf = torch.tensor(values, dtype=torch.float64, requires_grad=kind in "dv")
        arguments.append(leaf)
        if kind in "dv":
            leaves.append(leaf)
    value = entry["fn"](*arguments)
    value = t(value)
    gradient = []
    if value.requires_grad:
        grads = torch.autograd.grad(value, leaves, allow_unused=True)
    else:
        grads = [None] * len(leaves)
    for leaf, grad in zip(leaves, grads):
        grad = torch.zeros_like(leaf) if grad is None else grad
        gradient.extend(grad.reshape(-1).tolist())
    return {"arguments": recorded, "value": value.item(), "gradient": gradient}


S0 = [[0.5, -0.2, 0.9, 0.1, -0.6], [0.3, 0.8, -0.4, 0.2, 0.7], [-0.9, 0.4, 0.6, -0.3, 0.05]]


@reference("vdvdi", (S0, -0.8, [[0.3, 0.1, -0.4, 0.2, 0.5]], 0.1, 6), (S0, 0.4, [[0.2], [-0.1], [0.3]], 0.05, 5),
           (S0, -0.5, [[0.25]], 0.1, 4), ([[0.4, -0.3, 0.2, 0.9, -0.7, 0.1, 0.6]], 0.3, [[0.1, 0.2, -0.1, 0.3, 0.05, -0.2, 0.4]], 0.1, 3))
def StateWithBias(s0, a, bias, dt, steps):
    s = s0
    for _ in range(steps):
        s = s + dt * (a * s - bias)
    return torch.sum(torch.square(s))


@reference("vdvdi", (S0, -0.8, [0.3, 0.1, -0.4, 0.2, 0.5], 0.1, 6), (S0, 0.4, [0.7], 0.05, 5), dtype="float32")
def StateWithBiasFloat(s0, a, bias, dt, steps):
    s = s0
    for _ in range(steps):
        s = s + dt * (a * s - bias)
    return torch.sum(torch.square(s))


@reference("vvi", (S0, [[0.5], [-1.2], [0.8]], 3), (S0, [[0.9, -0.4, 0.3, 1.1, -0.7]], 2), (S0, [[0.6]], 3))
def StateScaledPerRow(s0, scale, steps):
    s = s0
    for _ in range(steps):
        s = torch.tanh(s * scale) + s0
    return torch.sum(s * s0)


@reference("vvi", (S0, [[0.3, -0.2, 0.1, 0.4, -0.5]], 3), ([[0.2], [-0.4], [0.7]], S0, 2),
           ([[0.2], [-0.4], [0.7]], [[0.5, -0.1, 0.3, 0.8, -0.6]], 3), ([[0.35]], S0, 2))
def BroadcastSumsOverSteps(x, y, steps):
    total = t(0.0)
    for k in range(1, steps + 1):
        total = total + torch.sum(torch.tanh(x * (0.3 * k) + y))
    return total


@reference("vvi", ([[0.2], [-0.4], [0.7]], [[0.5, -0.1, 0.3, 0.8, -0.6]], 3), ([[0.3, -0.2, 0.1]], [[0.4], [0.1]], 2))
def StateFromOuterSum(column, row, steps):
    s = column + row
    for _ in range(steps):
        s = s * 0.5 + column * row
    return torch.sum(torch.square(s))


def main():
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    names = [entry["name"] for entry in FUNCTIONS]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError("mirrored twice: " + ", ".join(duplicates))
    functions = []
    for entry in FUNCTIONS:
        points = [evaluate(entry, point) for point in entry["points"]]
        for point in points:
            if not all(math.isfinite(v) for v in [point["value"]] + point["gradient"]):
                raise ValueError(f"{entry['name']}: a non-finite reference at {point['arguments']}")
        functions.append({"name": entry["name"], "signature": entry["signature"], "dtype": entry["dtype"], "points": points})
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "tests", "SymGrad.Tests", "Reference", "control_flow.json")
    document = {"generator": "tools/reference/control_flow.py", "torch": torch.__version__, "functions": functions}
    with open(path, "w", encoding="utf-8") as file:
        json.dump(document, file, indent=1)
        file.write("\n")
    print(f"{len(functions)} functions, {sum(len(f['points']) for f in functions)} points -> {os.path.relpath(path, root)}")


if __name__ == "__main__":
    sys.exit(main())
