#!/usr/bin/env python3
"""Reference values and gradients from PyTorch for SymGrad's gradient-check suite.

Defines in torch the [Differentiable] functions of tests/SymGrad.Tests/Gradients/Functions.cs, under the same names,
evaluates each at deterministic inputs and writes the value and the gradient of every differentiable parameter to
tests/SymGrad.Tests/Reference/gradients.json. The C# tests read the inputs from the file, call the generated
ValueAndGradient methods and compare, so they never need PyTorch.

Inputs come from the formulas of tests/SymGrad.Tests/Gradients/Cases/Domain.cs (no random numbers): element i of the
parameter at position p is domain(i + 37 * p). A float32 function's inputs are rounded to float32 first, as the C#
function sees them; every reference is then computed in float64 with autograd, so a float32 function is compared
with the exact answer at its own inputs. The file records the rounded inputs, so both sides read the same numbers.

Usage (needs PyTorch 1.13, for example Debian's python3-torch): python3 tools/reference/gradients.py
"""

import json
import math
import os
import sys

import torch
import torch.nn.functional as F


# Domains, as Domain.cs defines them.
def wide(p):
    return 1.5 * math.sin(0.7 * p + 0.3)


def small(p):
    return 0.5 * math.sin(0.7 * p + 0.3)


def tiny(p):
    return 0.1 * math.sin(0.7 * p + 0.3)


def positive(p):
    return 1.25 + 0.75 * math.sin(0.7 * p + 0.3)


def peaked(p):
    return 2.0 if p == 0 else -2.0 if p == 1 else wide(p)


def binary(p):
    return 1.0 if math.sin(0.7 * p + 0.3) >= 0 else 0.0


def away_from(kink):
    return lambda p: kink + (1 if math.sin(0.7 * p + 0.3) >= 0 else -1) * (0.25 + 0.75 * abs(math.sin(1.3 * p + 0.1)))


# Parameters, as CaseParameter.cs defines them: a tensor takes its dimensions from the size by index.
def tensor(name, domain, *axes):
    return {"name": name, "kind": "tensor", "grad": True, "axes": list(axes) or [0], "domain": domain}


def no_grad(name, domain, *axes):
    return dict(tensor(name, domain, *axes), grad=False)


def scalar(name, value):
    return {"name": name, "kind": "scalar", "grad": True, "value": value}


def integer(name, value):
    return {"name": name, "kind": "integer", "grad": False, "value": value}


# Sizes compared with PyTorch: the smaller sizes of the C# catalog (GradientCatalog.cs), and the longest vector for
# the seed functions.
VECTORS = [(1,), (15,), (17,)]
LONG_VECTORS = VECTORS + [(1003,)]
MATRICES = [(1, 1), (3, 5), (17, 15)]
PRODUCTS = [(1, 1, 1), (3, 5, 4), (7, 17, 17)]
CHAINS = [(1, 1, 1, 1), (3, 5, 4, 2), (17, 15, 16, 17)]
LAYERS = [(1, 1, 1), (3, 5, 2), (17, 15, 17)]
NETWORKS = [(1, 1, 1, 1), (3, 5, 4, 2), (17, 15, 17, 3)]
CLASSIFIERS = [(1, 1, 1), (3, 5, 1), (17, 15, 1)]

FUNCTIONS = []


def function(name, dtype, sizes, parameters):
    """Registers the decorated torch function under the C# method's name."""
    def register(body):
        FUNCTIONS.append({"name": name, "dtype": dtype, "sizes": sizes, "parameters": parameters, "body": body})
        return body
    return register


def x_only(domain):
    return [tensor("x", domain)]


def sum_of_squares(x):
    return torch.square(x).sum()


def exp_sin_times_cos(x):
    return (torch.exp(torch.sin(x)) * torch.cos(x)).sum()


# Every operation on its own, in double and in float.
ELEMENTWISE = [
    ("Sum", wide, lambda x: x.sum()),
    ("Mean", wide, lambda x: x.mean()),
    ("Square", wide, lambda x: torch.square(x).sum()),
    ("Sqrt", positive, lambda x: torch.sqrt(x).sum()),
    ("Exp", wide, lambda x: torch.exp(x).sum()),
    ("Log", positive, lambda x: torch.log(x).sum()),
    ("Abs", away_from(0.0), lambda x: torch.abs(x).sum()),
    ("Sin", wide, lambda x: torch.sin(x).sum()),
    ("Cos", wide, lambda x: torch.cos(x).sum()),
    ("Tanh", wide, lambda x: torch.tanh(x).sum()),
    ("Sigmoid", wide, lambda x: torch.sigmoid(x).sum()),
    ("Relu", away_from(0.0), lambda x: torch.relu(x).sum()),
    ("PowConstant", wide, lambda x: torch.pow(x, 3).sum()),
]
for op, domain, body in ELEMENTWISE:
    for suffix, dtype in (("", "float64"), ("F", "float32")):
        function("Op" + op + suffix, dtype, VECTORS, x_only(domain))(body)

function("OpPowFractional", "float64", VECTORS, x_only(positive))(lambda x: torch.pow(x, 2.5).sum())

for suffix, dtype in (("", "float64"), ("F", "float32")):
    function("OpPowParameter" + suffix, dtype, VECTORS, [tensor("x", positive), scalar("p", 1.7)])(lambda x, p: torch.pow(x, p).sum())
    function("OpDot" + suffix, dtype, VECTORS, [tensor("x", wide), tensor("y", wide)])(lambda x, y: torch.dot(x, y))
    function("OpLogSumExp" + suffix, dtype, VECTORS, x_only(wide))(lambda x: torch.logsumexp(x, 0))
    function("OpMse" + suffix, dtype, VECTORS, [tensor("x", wide), tensor("target", wide)])(lambda x, target: F.mse_loss(x, target))
    function("OpMatMul" + suffix, dtype, PRODUCTS, [tensor("a", wide, 0, 1), tensor("b", wide, 1, 2)])(lambda a, b: (a @ b).sum())
    function("OpTranspose" + suffix, dtype, MATRICES, [tensor("a", wide, 0, 1), no_grad("weights", wide, 1, 0)])(lambda a, weights: (a.T * weights).sum())

TWO_WIDE = [tensor("x", wide), tensor("y", wide)]
function("OpAdd", "float64", VECTORS, TWO_WIDE)(lambda x, y: torch.square(x + y).sum())
function("OpSubtract", "float64", VECTORS, TWO_WIDE)(lambda x, y: torch.square(x - y).sum())
function("OpMultiply", "float64", VECTORS, TWO_WIDE)(lambda x, y: (x * y).sum())
function("OpDivide", "float64", VECTORS, [tensor("x", wide), tensor("y", positive)])(lambda x, y: (x / y).sum())
function("OpNegate", "float64", VECTORS, x_only(wide))(lambda x: (-x * x).sum())

# The seed notebooks.
function("SeedTenSumPow2", "float32", LONG_VECTORS, x_only(wide))(lambda x: 10 * torch.pow(x, 2).sum())
function("SeedSumLog", "float64", LONG_VECTORS, x_only(positive))(lambda x: torch.log(x).sum())
function("SeedMse", "float32", LONG_VECTORS, [tensor("x", wide), no_grad("target", wide)])(lambda x, target: torch.square(x - target).mean())
function("SeedDifferenceOfSquares", "float32", LONG_VECTORS, x_only(wide))(lambda x: ((x + 2) * (x - 2)).sum())
function("SeedShiftedSquare", "float32", LONG_VECTORS, x_only(wide))(lambda x: torch.square(x - 3).sum())

# Transcendental mixes.
function("ExpSinTimesCos", "float64", VECTORS, x_only(wide))(exp_sin_times_cos)
function("SigmoidTimesTanh", "float64", VECTORS, x_only(wide))(lambda x: (torch.sigmoid(x) * torch.tanh(x)).sum())
function("LogSumExpMinusMean", "float64", VECTORS, x_only(wide))(lambda x: torch.logsumexp(x * 2, 0) - x.mean())
function("LogOfSumExp", "float64", VECTORS, x_only(wide))(lambda x: torch.log(torch.exp(x).sum()))
function("Softplus", "float64", VECTORS, x_only(wide))(lambda x: torch.log(1 + torch.exp(x)).sum())
function("NegatedExp", "float64", VECTORS, x_only(wide))(lambda x: (-x * torch.exp(-x)).sum())
function("GeluTanh", "float64", VECTORS, x_only(wide))(
    lambda x: (0.5 * x * (1 + torch.tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)))).sum())
function("ScalarMathChain", "float64", VECTORS, x_only(wide))(
    lambda x: torch.tanh(x.mean()) * torch.cos(x).sum() + torch.exp(-torch.square(x).mean()))
function("Norm", "float64", VECTORS, x_only(wide))(lambda x: torch.sqrt(torch.square(x).sum()))
function("ExpSinTimesCosF", "float32", VECTORS, x_only(wide))(exp_sin_times_cos)
function("SoftplusF", "float32", VECTORS, x_only(wide))(lambda x: torch.log(1 + torch.exp(x)).sum())
function("LogOfSumExpF", "float32", VECTORS, x_only(wide))(lambda x: torch.log(torch.exp(x).sum()))
function("LogSumExpSharpF", "float32", VECTORS, x_only(wide))(lambda x: torch.logsumexp(x * 100, 0))

# Several tensors.
function("SeveralTensors", "float64", VECTORS, [tensor("x", wide), tensor("y", wide), tensor("z", wide)])(
    lambda x, y, z: (x * y + torch.sin(z) * x).sum() + torch.dot(y, z))
function("QuotientRule", "float64", VECTORS, TWO_WIDE)(lambda x, y: (x / (1 + torch.square(y))).sum())
function("PseudoHuber", "float64", VECTORS, [tensor("x", wide), no_grad("target", wide)])(
    lambda x, target: (torch.sqrt(1 + torch.square(x - target)) - 1).sum())
function("CosineSimilarity", "float64", VECTORS, TWO_WIDE)(lambda x, y: torch.dot(x, y) / torch.sqrt(torch.dot(x, x) * torch.dot(y, y)))
function("SoftmaxCrossEntropy", "float64", VECTORS, [tensor("logits", wide), no_grad("labels", positive)])(
    lambda logits, labels: torch.logsumexp(logits, 0) - torch.dot(logits, labels))
function("WeightedAbs", "float64", VECTORS, [tensor("x", away_from(0.0)), no_grad("target", tiny), no_grad("weights", positive)])(
    lambda x, target, weights: (torch.abs(x - target) * weights).sum())
function("ShiftedRelu", "float64", VECTORS, [tensor("x", away_from(0.3)), tensor("y", wide)])(lambda x, y: (torch.relu(x - 0.3) * y).sum())
function("TensorParameters", "float64", VECTORS, TWO_WIDE)(lambda x, y: torch.square(x * y - 1).mean())
function("DotSelf", "float64", VECTORS, x_only(wide))(lambda x: torch.dot(x, x) + (x * x).sum())

# Scalar parameters and constants.
function("ScalarBroadcast", "float64", VECTORS, [tensor("x", wide), scalar("c", 0.8)])(lambda x, c: torch.square(x - c).sum() * c)
function("IntConstant", "float64", VECTORS, [tensor("x", wide), integer("k", 3)])(lambda x, k: torch.pow(x, k).sum() / k)
function("RidgeMse", "float64", VECTORS, [tensor("x", wide), no_grad("target", wide), scalar("lambda", 0.1)])(
    lambda x, target, lam: F.mse_loss(x, target) + lam * torch.square(x).sum())
function("ScalarRegression", "float64", VECTORS, [no_grad("x", wide), no_grad("y", wide), scalar("slope", 0.7), scalar("intercept", -0.2)])(
    lambda x, y, slope, intercept: torch.square(slope * x + intercept - y).mean())
function("ScalarBroadcastF", "float32", VECTORS, [tensor("x", wide), scalar("c", 0.8)])(lambda x, c: torch.square(x - c).sum() * c)
function("ScalarDivide", "float64", VECTORS, [tensor("x", positive), scalar("c", 1.3)])(lambda x, c: x.sum() / c + c / torch.square(x).sum())
function("ScalarOperands", "float64", VECTORS, x_only(positive))(lambda x: (1 / x).sum() + (2 - x).sum() * (x / 2).sum())
function("UnaryOperators", "float64", VECTORS, x_only(wide))(lambda x: -x.sum() + torch.square(x).mean())
function("ScalarMaxMin", "float64", VECTORS, [tensor("x", wide), tensor("y", small)])(
    lambda x, y: torch.maximum(x.sum(), torch.square(y).sum()) + torch.minimum(x.sum(), y.mean()))
function("ScalarMathFunctions", "float64", VECTORS, x_only(small))(
    lambda x: torch.pow(torch.square(x).sum(), 1.5) + torch.sqrt(torch.abs(x.sum()) + 1) + torch.sigmoid(x.sum())
    + torch.log(1 + torch.exp(x.mean())) + torch.sin(x.sum()) * torch.cos(x.mean()))

# Calls between [Differentiable] methods.
function("SumOfSquares", "float64", VECTORS, x_only(wide))(sum_of_squares)
function("CallsSumOfSquares", "float64", VECTORS, x_only(wide))(lambda x: sum_of_squares(x * 2) + torch.sin(x).sum())
function("CallsSumOfSquaresTwice", "float64", VECTORS, [tensor("x", small), tensor("y", wide)])(
    lambda x, y: sum_of_squares(x) * sum_of_squares(x - y) + exp_sin_times_cos(y))
function("ScaledSumOfSquares", "float64", VECTORS, [tensor("x", wide), scalar("c", 0.6)])(lambda x, c: torch.square(x * c).sum())
function("CallsScaledSumOfSquares", "float64", VECTORS, [tensor("x", wide), scalar("c", 0.6)])(lambda x, c: torch.square(x * (c * 2)).sum() + c)
function("WeightedSum", "float64", VECTORS, [tensor("x", wide), no_grad("weights", positive)])(lambda x, weights: (x * weights).sum())
function("CallsAcrossClasses", "float64", VECTORS, x_only(wide))(lambda x: torch.square(x).sum() + torch.sin(x).sum())


# Block bodies.
@function("LocalsUsedTwice", "float64", VECTORS, [tensor("x", wide), no_grad("target", small)])
def locals_used_twice(x, target):
    d = x - target
    s = torch.square(d).sum()
    return s + (d * torch.sin(d)).mean() + torch.sqrt(s)


@function("Variance", "float64", VECTORS, x_only(wide))
def variance(x):
    return torch.square(x - x.mean()).mean()


@function("CompoundAssignments", "float64", VECTORS, x_only(wide))
def compound_assignments(x):
    s = x.sum()
    s = s + torch.square(x).sum()
    s = s * 0.5
    return s - torch.cos(x).mean()


@function("Piecewise", "float64", VECTORS, x_only(small))
def piecewise(x):
    s = torch.square(x).sum()
    return torch.sqrt(s) if s > 1 else 0.5 * (1 + s)


@function("ReassignedTensorLocal", "float64", VECTORS, x_only(wide))
def reassigned_tensor_local(x):
    y = x * 2
    y = y + torch.sin(y)
    return (y * x).sum()


@function("ScalarLocalsAndNestedBlock", "float64", VECTORS, x_only(wide))
def scalar_locals_and_nested_block(x):
    s = x.sum() ** 2
    return s / (1 + torch.square(x).mean())


@function("TensorBranches", "float64", VECTORS, x_only(wide))
def tensor_branches(x):
    return (torch.square(x) if x.sum() > 1 else torch.exp(x)).sum()


# Matrices: layers and products.
LAYER = [no_grad("x", wide, 0, 1), tensor("w", small, 2, 1), tensor("b", small, 2), no_grad("y", wide, 0, 2)]
NETWORK = [no_grad("x", wide, 0, 1), tensor("w1", small, 2, 1), tensor("b1", small, 2), tensor("w2", small, 3, 2), tensor("b2", small, 3),
           no_grad("y", wide, 0, 3)]


def linear_layer(x, w, b, y):
    return torch.square(x @ w.T + b - y).mean()


def two_layer(activation):
    return lambda x, w1, b1, w2, b2, y: torch.square(activation(x @ w1.T + b1) @ w2.T + b2 - y).mean()


function("LinearLayer", "float64", LAYERS, LAYER)(linear_layer)
function("LinearLayerF", "float32", LAYERS, LAYER)(linear_layer)
function("LinearFullBias", "float64", LAYERS, [no_grad("x", wide, 0, 1), tensor("w", small, 1, 2), tensor("b", small, 0, 2), no_grad("y", wide, 0, 2)])(
    lambda x, w, b, y: torch.square(x @ w + b - y).mean())
function("TwoLayerTanh", "float64", NETWORKS, NETWORK)(two_layer(torch.tanh))
function("TwoLayerRelu", "float64", NETWORKS, NETWORK)(two_layer(torch.relu))
function("TwoLayerTanhF", "float32", NETWORKS, NETWORK)(two_layer(torch.tanh))


@function("LogisticRegression", "float64", CLASSIFIERS, [no_grad("x", wide, 0, 1), tensor("w", small, 1, 2), tensor("b", small, 2), no_grad("y", binary, 0, 2)])
def logistic_regression(x, w, b, y):
    z = x @ w + b
    return (torch.log(1 + torch.exp(z)) - y * z).mean()


function("MatMulChain", "float64", CHAINS, [tensor("a", small, 0, 1), tensor("b", small, 1, 2), tensor("c", small, 2, 3)])(
    lambda a, b, c: torch.square(a @ b @ c).sum())
function("Gram", "float64", MATRICES, [tensor("a", wide, 0, 1)])(lambda a: torch.square(a.T @ a).sum())
function("SelfProduct", "float64", [(1,), (5,), (17,)], [tensor("a", small, 0, 0)])(lambda a: torch.sin(a @ a).sum())
function("TransposeOfProduct", "float64", PRODUCTS, [tensor("a", wide, 0, 1), tensor("b", wide, 1, 2), no_grad("weights", wide, 2, 0)])(
    lambda a, b, weights: ((a @ b).T * weights).sum())
function("ProductOfTransposes", "float64", PRODUCTS, [tensor("a", wide, 1, 0), tensor("b", wide, 2, 1)])(lambda a, b: torch.square(a.T @ b.T).sum())
function("MeanOfProduct", "float64", PRODUCTS, [tensor("a", wide, 0, 1), tensor("b", wide, 1, 2)])(lambda a, b: ((a @ b) * 2).mean())
function("ReluOfProduct", "float64", PRODUCTS, [tensor("a", wide, 0, 1), tensor("b", wide, 1, 2)])(lambda a, b: torch.relu(a @ b - 0.1).sum())
function("MseOfProduct", "float64", PRODUCTS, [tensor("a", wide, 0, 1), tensor("b", wide, 1, 2), no_grad("y", wide, 0, 2)])(lambda a, b, y: F.mse_loss(a @ b, y))
function("LogSumExpOfProduct", "float64", PRODUCTS, [tensor("a", wide, 0, 1), tensor("b", wide, 1, 2)])(lambda a, b: torch.logsumexp((a @ b).flatten(), 0))
function("DotOfProduct", "float64", PRODUCTS, [tensor("a", wide, 0, 1), tensor("b", wide, 1, 2), no_grad("y", wide, 0, 2)])(lambda a, b, y: ((a @ b) * y).sum())
function("ScaledProduct", "float64", PRODUCTS, [no_grad("x", wide, 0, 1), tensor("w", small, 1, 2), scalar("c", 1.4)])(lambda x, w, c: torch.square((x @ w) * c).mean())
BIASED = [no_grad("x", wide, 0, 1), tensor("w", small, 1, 2), tensor("b", small, 2)]
function("BiasOnTheLeft", "float64", PRODUCTS, BIASED)(lambda x, w, b: torch.square(b + x @ w).mean())
function("BiasInSubtraction", "float64", PRODUCTS, BIASED + [no_grad("y", wide, 0, 2)])(lambda x, w, b, y: torch.square(y - (x @ w + b)).mean())
function("BiasMinusProduct", "float64", PRODUCTS, BIASED)(lambda x, w, b: torch.square(b - x @ w).sum())
function("BiasAsDivisor", "float64", PRODUCTS, [no_grad("x", wide, 0, 1), tensor("w", small, 1, 2), tensor("b", positive, 2)])(lambda x, w, b: (x @ w / b).sum())
function("BiasAsFactor", "float64", PRODUCTS, [no_grad("x", wide, 0, 1), tensor("w", small, 1, 2), tensor("b", wide, 2)])(lambda x, w, b: torch.square((x @ w) * b).sum())
function("TransposedInputBias", "float64", MATRICES, [no_grad("x", wide, 0, 1), tensor("b", wide, 0)])(lambda x, b: torch.square(x.T + b).sum())
function("ElementwiseMatrix", "float64", MATRICES, [tensor("a", wide, 0, 1)])(lambda a: (torch.exp(a) * torch.cos(a)).sum() + torch.square(a).mean())
function("ScalarTimesMatrix", "float64", MATRICES, [tensor("a", wide, 0, 1), scalar("c", 0.9)])(lambda a, c: (a * c).sum() * a.T.mean())

function("ArgumentOfNoGradParameter", "float64", VECTORS, TWO_WIDE)(lambda x, y: (x * y).sum())
function("TensorCalls", "float64", VECTORS, TWO_WIDE)(lambda x, y: (torch.exp(x) * y).sum())

# ---- Axes, softmax, cross-entropy, broadcasting and sizes (Functions.Axes.cs, GradientCatalog.Axes.cs) ----
ATTENTIONS = [(1, 1, 1, 1), (3, 5, 4, 2), (17, 15, 16, 3)]
def softmax_regression_spelled(x, w, b, onehot):
    logits = x @ w + b
    return (torch.logsumexp(logits, 1) - (onehot * logits).sum(1)).mean()
SOFTMAX_REGRESSION = [no_grad("x", wide, 0, 1), tensor("w", small, 1, 2), tensor("b", small, 2), no_grad("onehot", binary, 0, 2)]
function("SoftmaxRegressionSpelled", "float64", LAYERS, SOFTMAX_REGRESSION)(softmax_regression_spelled)
function("SoftmaxRegressionSpelledF", "float32", LAYERS, SOFTMAX_REGRESSION)(softmax_regression_spelled)
function("CrossEntropyProbabilities", "float64", LAYERS, [no_grad("x", wide, 0, 1), tensor("w", small, 1, 2), tensor("b", small, 2), no_grad("p", positive, 0, 2)])(
    lambda x, w, b, p: F.cross_entropy(x @ w + b, p))
def attention(q, k, v, y):
    weights = torch.softmax((q @ k.T) * 0.5, 1)
    return torch.square(weights @ v - y).sum()
ATTENTION = [tensor("q", small, 0, 1), tensor("k", small, 2, 1), tensor("v", wide, 2, 3), no_grad("y", wide, 0, 3)]
function("Attention", "float64", ATTENTIONS, ATTENTION)(attention)
function("AttentionF", "float32", ATTENTIONS, ATTENTION)(attention)
def gaussian_nll(x, mu, log_sigma):
    n = x.numel()
    return 0.5 * n * math.log(2 * math.pi) + n * log_sigma + 0.5 * torch.square(x - mu).sum() / torch.exp(2 * log_sigma)
function("GaussianNll", "float64", VECTORS, [tensor("x", wide), scalar("mu", 0.3), scalar("logSigma", -0.2)])(gaussian_nll)
function("GaussianNllF", "float32", VECTORS, [tensor("x", wide), scalar("mu", 0.3), scalar("logSigma", -0.2)])(gaussian_nll)
function("Sizes", "float64", MATRICES, [tensor("a", wide, 0, 1)])(
    lambda a: a.sum() * a.dim() / a.shape[0] + torch.square(a).mean() * a.shape[1] - a.sum() / a.numel())
A = [tensor("a", wide, 0, 1)]
function("SumRows", "float64", MATRICES, A)(lambda a: torch.square(a.sum(1)).sum())
function("SumColumns", "float64", MATRICES, A)(lambda a: torch.square(a.sum(0)).sum())
function("SumRowsF", "float32", MATRICES, A)(lambda a: torch.square(a.sum(-1)).sum())
function("RowSumsOfProduct", "float64", PRODUCTS, [tensor("a", wide, 0, 1), tensor("b", wide, 1, 2)])(
    lambda a, b: torch.square((a @ b).sum(1)).sum())
function("RowSumsOfProductF", "float32", PRODUCTS, [no_grad("a", wide, 0, 1), tensor("b", wide, 1, 2)])(
    lambda a, b: torch.square((a @ b).sum(1)).sum())
function("CenterRows", "float64", MATRICES, A)(lambda a: (torch.square(a - a.mean(1, keepdim=True)) * a).sum())
function("CenterColumns", "float64", MATRICES, A)(lambda a: (torch.square(a - a.mean(0)) * a).sum())
function("CenterColumnsF", "float32", MATRICES, A)(lambda a: (torch.square(a - a.mean(-2, keepdim=True)) * a).sum())
function("OuterBroadcast", "float64", MATRICES, A)(lambda a: torch.square(a.sum(1, keepdim=True) - a.mean(0)).sum())
EXTREMES = [tensor("a", wide, 0, 1), no_grad("t", positive, 0, 1)]
def extremes(a, t):
    return torch.square(torch.amax(a + t, 1)).sum() + (torch.amin(a * t, 0) * 3).sum()
function("Extremes", "float64", MATRICES, EXTREMES)(extremes)
function("LogSumExpRows", "float64", MATRICES, A)(lambda a: torch.square(torch.logsumexp(a * 2, -1)).sum())
function("LogSumExpColumns", "float64", MATRICES, A)(lambda a: torch.square(torch.logsumexp(a, 0, keepdim=True) - a).sum())
WEIGHTED = [tensor("a", wide, 0, 1), no_grad("weights", wide, 0, 1)]
function("SoftmaxColumns", "float64", MATRICES, WEIGHTED)(lambda a, weights: (torch.softmax(a, 0) * weights).sum())
function("LogSoftmaxRows", "float64", MATRICES, WEIGHTED)(lambda a, weights: (torch.log_softmax(a, 1) * weights).sum())
function("LogSoftmaxRowsF", "float32", MATRICES, WEIGHTED)(lambda a, weights: (torch.log_softmax(a, 1) * weights).sum())
# CrossEntropy with int labels (Classifiers in Functions.Axes.cs): labels[i] = (7 i + 3) mod C, written to their own
# file because the catalog's parameters are float tensors.
CROSS_ENTROPY = [("SoftmaxRegression", "float64"), ("SoftmaxRegressionF", "float32")]
def cross_entropy_cases():
    functions = []
    for name, dtype in CROSS_ENTROPY:
        cases = []
        for size in LAYERS:
            spec = {"dtype": dtype, "parameters": [no_grad("x", wide, 0, 1), tensor("w", small, 1, 2), tensor("b", small, 2)]}
            arguments, recorded = inputs_at(spec, size)
            labels = [(7 * i + 3) % size[2] for i in range(size[0])]
            x, w, b = arguments
            value = F.cross_entropy(x @ w + b, torch.tensor(labels))
            value.backward()
            recorded["labels"] = labels
            cases.append({"size": "x".join(str(length) for length in size), "inputs": recorded, "value": value.item(),
                          "gradients": {"w": w.grad.flatten().tolist(), "b": b.grad.flatten().tolist()}})
        functions.append({"name": name, "dtype": dtype, "cases": cases})
    return functions
# ---- end of the axes block ----

# ---- Layers: [Differentiable] methods returning a tensor, inlined into their callers (Functions.Layers.cs) ----
LAYERED_NETWORK = [no_grad("x", wide, 0, 1), tensor("w1", small, 1, 2), tensor("b1", small, 2), tensor("w2", small, 2, 3), tensor("b2", small, 3),
                   no_grad("y", wide, 0, 3)]


def tanh_layer(x, w, b):
    return torch.tanh(x @ w + b)


def two_tanh_layers(x, w1, b1, w2, b2, y):
    return F.mse_loss(tanh_layer(tanh_layer(x, w1, b1), w2, b2), y)


def tanh_layer_then_linear(x, w1, b1, w2, b2, y):
    return F.mse_loss(tanh_layer(x, w1, b1) @ w2 + b2, y)


function("TwoTanhLayers", "float64", NETWORKS, LAYERED_NETWORK)(two_tanh_layers)
function("TwoTanhLayersF", "float32", NETWORKS, LAYERED_NETWORK)(two_tanh_layers)
function("TanhLayerThenLinear", "float64", NETWORKS, LAYERED_NETWORK)(tanh_layer_then_linear)
function("TanhLayerThenLinearF", "float32", NETWORKS, LAYERED_NETWORK)(tanh_layer_then_linear)
# ---- end of Layers ----

# ---- The element-wise vocabulary of the contract's part 2 (tests/SymGrad.Tests/Gradients/Functions.Elementwise.cs) ----
def where_body(x, y):
    return torch.where(x < 0, torch.square(x) * y, torch.sin(y)).sum() + torch.where(x >= 0.0, x * y, torch.tensor(2.0, dtype=x.dtype)).sum()


def comparisons_body(x, y):
    one = torch.tensor(1.0, dtype=x.dtype)
    zero = torch.tensor(0.0, dtype=x.dtype)
    return (torch.where(0.1 <= x, x, y) + torch.where(x < -0.1, y, x) + torch.where(x > 0.2, one, torch.exp(x))
            + torch.where(x > -0.2, y, torch.square(x)) + torch.where(x <= 0.0, torch.sin(x), y) + torch.where(x >= 0.0, y * y, zero)).sum()


def huber_with_where(x, target):
    return F.huber_loss(x, target, reduction="mean", delta=1.0)


AWAY = away_from(0.0)
for suffix, dtype in (("", "float64"), ("F", "float32")):
    function("OpLog1p" + suffix, dtype, VECTORS, x_only(small))(lambda x: torch.log1p(x).sum())
    function("BceWithMaximum" + suffix, dtype, VECTORS, [tensor("z", wide), no_grad("y", binary)])(
        lambda z, y: F.binary_cross_entropy_with_logits(z, y))
    function("OpExpm1" + suffix, dtype, VECTORS, x_only(wide))(lambda x: torch.expm1(x).sum())
    function("OpSoftplus" + suffix, dtype, VECTORS, x_only(wide))(lambda x: F.softplus(x).sum())
    function("OpLogSigmoid" + suffix, dtype, VECTORS, x_only(wide))(lambda x: F.logsigmoid(x).sum())
    function("OpMaximum" + suffix, dtype, VECTORS, [tensor("x", AWAY), tensor("y", tiny)])(lambda x, y: (torch.maximum(x, y) * y).sum())
    function("OpMinimum" + suffix, dtype, VECTORS, [tensor("x", AWAY), tensor("y", tiny)])(lambda x, y: (torch.minimum(x, y) * y).sum())
    function("OpMaximumScalar" + suffix, dtype, VECTORS, [tensor("x", AWAY), scalar("s", 0.05)])(
        lambda x, s: (torch.square(torch.maximum(x, s)) + torch.minimum(s, x)).sum())
    function("OpClamp" + suffix, dtype, VECTORS, [tensor("x", AWAY), scalar("lo", -0.5), scalar("hi", 0.5)])(
        lambda x, lo, hi: (torch.square(torch.clamp(x - 0.6, lo, hi)) + torch.clamp(x + 0.6, lo, hi)).sum())
    function("OpFusedMultiplyAdd" + suffix, dtype, VECTORS, [tensor("x", wide), scalar("a", 0.7), scalar("b", -0.3)])(
        lambda x, a, b: a * torch.square(x).sum() + b * a)
    function("OpWhere" + suffix, dtype, VECTORS, [tensor("x", AWAY), tensor("y", wide)])(where_body)
    function("OpComparisons" + suffix, dtype, VECTORS, [tensor("x", AWAY), tensor("y", wide)])(comparisons_body)
    function("OpMax" + suffix, dtype, VECTORS, x_only(peaked))(lambda x: torch.amax(x) * x.sum())
    function("OpMin" + suffix, dtype, VECTORS, x_only(peaked))(lambda x: torch.amin(x) * x.sum())
    function("OpBinaryCrossEntropyWithLogits" + suffix, dtype, VECTORS, [tensor("z", wide), no_grad("y", binary)])(
        lambda z, y: F.binary_cross_entropy_with_logits(z, y))
    function("HuberWithWhere" + suffix, dtype, VECTORS, [tensor("x", wide), no_grad("target", wide)])(huber_with_where)
# ---- end of the element-wise vocabulary ----

# ---- Slices with C# ranges: x[1..] is x[1:], x[..^1] is x[:-1] (Functions.Slices.cs, GradientCatalog.Slices.cs) ----
SLICE_VECTORS = [(1,), (3,), (10,), (15,), (17,), (1003,)]


def rosenbrock(x):
    return (100 * torch.square(x[1:] - torch.square(x[:-1])) + torch.square(1 - x[:-1])).sum()


def smoothed(x, y, lam):
    return torch.square(x - y).mean() + lam * torch.square(x[1:] - x[:-1]).sum()


SMOOTHED = [tensor("x", wide), no_grad("y", small), scalar("lambda", 0.7)]
function("Rosenbrock", "float64", SLICE_VECTORS, x_only(wide))(rosenbrock)
function("RosenbrockF", "float32", SLICE_VECTORS, x_only(wide))(rosenbrock)
function("Smoothed", "float64", SLICE_VECTORS, SMOOTHED)(smoothed)
function("SmoothedF", "float32", SLICE_VECTORS, SMOOTHED)(smoothed)
function("SliceDifference", "float64", [(4,), (10,), (15,), (17,), (1003,)], x_only(wide))(
    lambda x: torch.square(x[2:-1] - 0.5 * x[:-3]).sum() + x[1:-2].mean())


# Bounds from int parameters and sizes: x[k..] is x[k:], x[..^k] is x[:-k], x[^3..] is x[-3:].
BOUNDED_VECTORS = [(3,), (10,), (15,), (17,), (1003,)]


def lagged_difference(x, k):
    return torch.square(x[k:] - x[:-k]).sum() + 0.5 * x[1:-k].sum()


def window(x, k, m):
    return torch.exp(x[k:k + m]).sum() + torch.square(x[-3:]).sum() + (x[:-1] * x[1:]).mean()


LAGGED = [tensor("x", wide), integer("k", 2)]
WINDOW = [tensor("x", wide), integer("k", 1), integer("m", 2)]
function("LaggedDifference", "float64", BOUNDED_VECTORS, LAGGED)(lagged_difference)
function("LaggedDifferenceF", "float32", BOUNDED_VECTORS, LAGGED)(lagged_difference)
function("Window", "float64", BOUNDED_VECTORS, WINDOW)(window)
function("WindowF", "float32", BOUNDED_VECTORS, WINDOW)(window)

# Element reads with C# indexes: x[^1] is x[-1], x[i, j] is x[i, j] (Functions.Elements.cs, GradientCatalog.Elements.cs).
ELEMENT_VECTORS = [(1,), (3,), (15,), (17,), (1003,)]


def element_reads(x):
    return x[0] * x[-1] + torch.sin(x[x.shape[0] // 2]) + x[0] * torch.square(x).sum()


def indexed_by_parameter(x, k):
    return x[k] * x[k - 1] + torch.exp(x[x.shape[0] - 1 - k]) + x[-k] * x.mean()


def matrix_elements(w, i):
    rows, columns = w.shape
    return w[0, 0] * w[-1, -1] + torch.tanh(w[i, columns - 1]) + w.sum() * w[rows // 2, 0]


INDEXED = [tensor("x", wide), integer("k", 2)]
MATRIX_ELEMENTS = [tensor("w", wide, 0, 1), integer("i", 1)]
function("ElementReads", "float64", ELEMENT_VECTORS, x_only(wide))(element_reads)
function("ElementReadsF", "float32", ELEMENT_VECTORS, x_only(wide))(element_reads)
function("IndexedByParameter", "float64", [(3,), (10,), (15,), (17,), (1003,)], INDEXED)(indexed_by_parameter)
function("IndexedByParameterF", "float32", [(3,), (10,), (15,), (17,), (1003,)], INDEXED)(indexed_by_parameter)
function("MatrixElements", "float64", [(2, 1), (3, 5), (17, 15)], MATRIX_ELEMENTS)(matrix_elements)
function("MatrixElementsF", "float32", [(2, 1), (3, 5), (17, 15)], MATRIX_ELEMENTS)(matrix_elements)
function("ElementAndSlices", "float64", [(2,), (3,), (10,), (15,), (17,), (1003,)], x_only(wide))(
    lambda x: torch.square(x[1:] - x[:-1]).sum() + 3 * x[0] * x[1])

# Slices of matrices along both axes: x[1.., ..] is x[1:, :], x[1..^1, ..^2] is x[1:-1, :-2] (Functions.Windows.cs).
GRID_MATRICES = [(1, 1), (2, 3), (3, 5), (17, 15)]
INTERIORS = [(2, 2), (2, 3), (3, 5), (17, 15)]
SLICED_ROWS = [(2, 3), (3, 5), (17, 15)]


def grid_smoothness(x):
    return torch.square(x[1:, :] - x[:-1, :]).sum() + torch.square(x[:, 1:] - x[:, :-1]).sum()


def laplacian(u, f):
    interior = u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:] - 4 * u[1:-1, 1:-1]
    return torch.square(interior).sum() + 0.5 * torch.square(u - f).sum()


def sliced_rows(x):
    return torch.logsumexp(x[1:, :-1], 1).sum() + torch.square(x[:-1, 2:].mean(0)).sum()


def sliced_mixes(x, b, w, y):
    centered = x[:, 1:] - x[:, 1:].mean(1, keepdim=True)
    return (torch.square(x[1:, :] + b).sum() + torch.tanh(torch.matmul(x[:-1, :], w)).sum() + (x[1:, :] * y[:-1, :]).sum()
            + torch.square(centered).sum())


SLICED_MIXES = [tensor("x", wide, 0, 1), tensor("b", small, 1), tensor("w", small, 1, 2), tensor("y", wide, 0, 1)]


def sliced_products(x, w, v, u):
    return (torch.tanh(x[1:, :] @ w).sum() + torch.square(x[:, 1:] @ w[1:, :]).sum() + torch.square(x @ w[:, :-1]).sum()
            + torch.square(x[:-1, :] @ v).sum() + torch.sin(u @ w[:, 1:]).sum()
            + torch.square(x[1:, :].T @ x[:-1, :]).sum() + torch.square(x[:, 1:] @ x[:, :-1].T).sum())


SLICED_PRODUCTS = [tensor("x", wide, 0, 1), tensor("w", small, 1, 2), tensor("v", small, 1), tensor("u", small, 1)]
for suffix, dtype in (("", "float64"), ("F", "float32")):
    function("SlicedMixes" + suffix, dtype, [(2, 2, 1), (3, 5, 4), (17, 15, 3)], SLICED_MIXES)(sliced_mixes)
    function("SlicedProducts" + suffix, dtype, [(2, 2, 2), (3, 5, 4), (40, 20, 21), (17, 33, 9)], SLICED_PRODUCTS)(sliced_products)
    function("GridSmoothness" + suffix, dtype, GRID_MATRICES, [tensor("x", wide, 0, 1)])(grid_smoothness)
    function("Laplacian" + suffix, dtype, INTERIORS, [tensor("u", wide, 0, 1), no_grad("f", small, 0, 1)])(laplacian)
    function("SlicedRows" + suffix, dtype, SLICED_ROWS, [tensor("x", wide, 0, 1)])(sliced_rows)


# Bounds from int parameters, sizes and int arithmetic of them: x[k.., ..] is x[k:, :], x[..n, ^2..] is x[:n, -2:],
# x[..(x.Lengths[0] / 2), ..] is x[:x.shape[0] // 2, :] (Functions.Windows.cs).
def run_time_grid(x, y, k, n):
    return (torch.square(x[k:, :] - x[:-k, :]).sum() + (torch.exp(x[:n, -2:]) * y[-n:, :2]).sum()
            + torch.logsumexp(x[:, k:], 1).sum() + torch.square(x[:x.shape[0] // 2, :].mean(1)).sum())


# A slice one column or one row wide broadcast against its matrix: m[.., ..1] + m is m[:, :1] + m (Functions.Windows.cs).
def edge_broadcasts(m, k):
    return (torch.square(m[:, :1] + m).sum() + (m[:1, :] * m).sum() + torch.logsumexp(m - m[:, -1:], 1).sum()
            + torch.exp(m[k:k + 1, :] - m).sum())


# Slices one row or one column wide reduced along an axis: matrices of one row or column (Functions.Windows.cs).
def one_wide_reductions(m, k):
    return (torch.square(m[:1, :].sum(1)).sum() + m[:, 2:3].mean(0).sum() + torch.logsumexp(m[1:2, :], 1).sum()
            + torch.square(m[:, -1:].sum(1)).sum() + (torch.softmax(m[k:k + 1, :], 1) * m[:1, :]).sum()
            + (torch.log_softmax(m[:, :1], 0) * m[:, 1:2]).sum() + torch.exp(m.sum(0, keepdim=True).sum(1)).sum())


def segment(x, i, j):
    return (torch.square(x[i:j]).sum() + x[:x.numel() - 1].sum() * x[i + 1:].mean()
            + torch.exp(x[:x.shape[0] // 2]).sum())


for suffix, dtype in (("", "float64"), ("F", "float32")):
    function("EdgeBroadcasts" + suffix, dtype, [(2, 2), (3, 5), (17, 15)], [tensor("m", wide, 0, 1), integer("k", 1)])(edge_broadcasts)
    function("OneWideReductions" + suffix, dtype, [(2, 3), (3, 5), (17, 15)], [tensor("m", wide, 0, 1), integer("k", 1)])(one_wide_reductions)
    function("RunTimeGrid" + suffix, dtype, [(2, 2), (3, 5), (17, 15)],
             [tensor("x", wide, 0, 1), tensor("y", small, 0, 1), integer("k", 1), integer("n", 2)])(run_time_grid)
    function("Segment" + suffix, dtype, [(3,), (10,), (15,), (17,), (1003,)],
             [tensor("x", wide), integer("i", 1), integer("j", 3)])(segment)

# Slices of vectors as operands of MatMul: x[1..] @ w reads the slice as a row, a @ v[:-1] as a column (Functions.ProductSlices.cs).
for suffix, dtype in (("", "float64"), ("F", "float32")):
    function("RowSliceProducts" + suffix, dtype, [(2, 1, 1), (4, 3, 7), (8, 7, 3), (34, 33, 5)],
             [tensor("x", wide, 0), tensor("w", small, 1, 2), no_grad("t", small, 2), integer("k", 1)])(
        lambda x, w, t, k: torch.square(x[k:] @ w - t).sum() + torch.sin(x[:-1] @ w).sum())
    function("ColumnSliceProducts" + suffix, dtype, [(1, 1, 2), (3, 7, 8), (7, 3, 4), (33, 5, 6)],
             [tensor("a", small, 0, 1), tensor("v", wide, 2), integer("k", 1)])(
        lambda a, v, k: torch.tanh(a @ v[:-k]).sum() + torch.square(a @ v[1:]).sum())
    function("DotSlices" + suffix, dtype, [(2,), (4,), (8,), (15,), (17,), (34,), (1003,)],
             [tensor("v", wide), tensor("u", small), integer("k", 1), integer("n", 1)])(
        lambda v, u, k, n: torch.tanh((v[k:] @ u[:-1]) * 0.5) + torch.square(v[1:1 + n] @ u[:n]))
# ---- end of slices ----

# ---- Slices meeting whole vectors: x[1..] - y is x[1:] - y (Functions.SliceMeetings.cs, GradientCatalog.BroadcastEdges.cs) ----
SLICE_AND_VECTOR = [(2, 1), (4, 3), (16, 15), (18, 17), (1004, 1003)]
SLICE_AND_VECTOR_PARAMETERS = [tensor("x", wide, 0), tensor("y", small, 1)]
for suffix, dtype in (("", "float64"), ("F", "float32")):
    function("SliceMeetsVector" + suffix, dtype, SLICE_AND_VECTOR, SLICE_AND_VECTOR_PARAMETERS)(
        lambda x, y: torch.square(x[1:] - y).sum() + (x[:-1] * torch.exp(y)).sum())
    function("RunTimeSliceMeetsVector" + suffix, dtype, SLICE_AND_VECTOR, SLICE_AND_VECTOR_PARAMETERS + [integer("k", 1)])(
        lambda x, y, k: (y * x[k:]).mean() + torch.square(y - 2 * x[:-k]).sum())
ONE_ELEMENT_SLICES = [(2, 1), (3, 5), (5, 15), (17, 17), (4, 1003)]
for suffix, dtype in (("", "float64"), ("F", "float32")):
    function("OneElementSlices" + suffix, dtype, ONE_ELEMENT_SLICES, SLICE_AND_VECTOR_PARAMETERS + [integer("k", 1)])(
        lambda x, y, k: (x[:1] * y).sum() + torch.square(y - x[-1:]).sum() + torch.exp(x[1:2] * y).mean()
        + torch.square(x[k:k + 1] - 2 * y).sum())
# ---- end of slices meeting vectors ----

# ---- A row [c] broadcast against a matrix before a row pass (Functions.RowBroadcasts.cs, GradientCatalog.RowBroadcasts.cs) ----
def affine_softmax(x, scale, bias, y):
    return (torch.softmax(x * scale + bias, 1) * y).sum() + (torch.log_softmax(x + bias, 1) * y).sum()


def biased_rows(x, bias):
    return torch.square(x - bias).sum() + torch.amax(x + bias, 1).sum() + torch.exp(x - bias).sum(1).mean()


for suffix, dtype in (("", "float64"), ("F", "float32")):
    function("ScaledLogSumExp" + suffix, dtype, MATRICES, [tensor("x", wide, 0, 1), tensor("scale", small, 1)])(
        lambda x, scale: torch.logsumexp(x * scale, 1).sum())
    function("AffineSoftmax" + suffix, dtype, MATRICES,
             [tensor("x", wide, 0, 1), tensor("scale", small, 1), tensor("bias", small, 1), no_grad("y", small, 0, 1)])(affine_softmax)
function("BiasedRows", "float64", MATRICES, [tensor("x", wide, 0, 1), tensor("bias", small, 1)])(biased_rows)
function("BiasedRowsF", "float32", MATRICES, [tensor("x", wide, 0, 1), tensor("bias", small, 1)])(
    lambda x, bias: torch.square(x - bias).sum() + torch.square(x * bias).mean(1).sum() + torch.exp(x - bias).sum(1).mean())
for suffix, dtype in (("", "float64"), ("F", "float32")):
    function("ColumnScaledRows" + suffix, dtype, [(1, 1, 1), (3, 5, 1), (17, 15, 1)],
             [tensor("x", wide, 0, 1), tensor("s", small, 0, 2), tensor("b", small, 0, 2)])(
        lambda x, s, b: torch.logsumexp(x + b, 1).sum() + torch.square(torch.softmax(x * s, 1)).sum())
BIAS_FIRST = [tensor("bias", small, 1), tensor("scale", small, 1), tensor("x", wide, 0, 1)]
function("BiasFirstRows", "float64", MATRICES, BIAS_FIRST)(
    lambda bias, scale, x: torch.square(x - bias).sum() + (torch.softmax(x * scale + bias, 1) * x).sum() + torch.logsumexp(x - bias, 1).mean())
function("BiasFirstRowsF", "float32", MATRICES, BIAS_FIRST)(
    lambda bias, scale, x: torch.square(x - bias).sum() + torch.square(x * scale).mean(1).sum() + torch.logsumexp(x - bias, 1).mean())


# The row or column written first (b + x, F(b, x)): the matrix is whichever operand is larger (Functions.RowBroadcasts.cs).
def row_first_passes(b, x, largest=lambda m: torch.amax(m, 1)):
    return (torch.square(torch.log_softmax(b + x, 1)).sum() + (torch.softmax(b - x, 1) * x).sum() + torch.logsumexp(b * x, 1).sum()
            + largest(torch.maximum(b - 5, x)).sum() + torch.logsumexp(torch.where(b + 3 > x, b, x), 1).sum())


def column_first_passes(b, x):
    return (torch.logsumexp(b + x, 1).sum() + torch.square(torch.softmax(b * x, 1)).sum()
            + (torch.softmax(torch.minimum(b + 3, x), 1) * x).sum())


for suffix, dtype in (("", "float64"), ("F", "float32")):
    function("RowFirstPasses" + suffix, dtype, [(1, 1), (3, 7), (7, 3), (33, 5)], [tensor("b", small, 1), tensor("x", wide, 0, 1)])(
        row_first_passes if suffix == "" else lambda b, x: row_first_passes(b, x, lambda m: m.mean(1)))
    function("ColumnFirstPasses" + suffix, dtype, [(1, 1, 1), (3, 7, 1), (7, 3, 1), (33, 5, 1)],
             [tensor("b", small, 0, 2), tensor("x", wide, 0, 1)])(column_first_passes)
# ---- end of row broadcasts ----

# ---- Products with vectors, as torch.matmul reads them (Functions.Products.cs, GradientCatalog.Products.cs) ----
MATRIX_VECTORS = [(1, 1), (3, 5), (17, 15), (40, 33)]
LEAST_SQUARES = [tensor("t", wide, 0, 1), tensor("x", wide, 1), tensor("s", wide, 0)]
VECTOR_MATRIX = [tensor("x", wide, 0), tensor("w", small, 0, 1), tensor("b", small, 1)]
VECTOR_DOT = [tensor("x", small, 1), tensor("y", small, 1)]
VECTOR_CHAIN = [tensor("a", small, 0, 1), tensor("b", small, 1, 2), tensor("x", wide, 2)]
for suffix, dtype in (("", "float64"), ("F", "float32")):
    function("LeastSquares" + suffix, dtype, MATRIX_VECTORS, LEAST_SQUARES)(lambda t, x, s: torch.square(torch.matmul(t, x) - s).sum())
    function("VectorMatrix" + suffix, dtype, MATRIX_VECTORS, VECTOR_MATRIX)(lambda x, w, b: torch.tanh(torch.matmul(x, w) + b).sum())
    function("VectorDot" + suffix, dtype, MATRIX_VECTORS, VECTOR_DOT)(
        lambda x, y: torch.square(torch.matmul(x, y).sum()) + 3 * (torch.matmul(x, y) * 0.5).sum())
    function("MatrixVectorChain" + suffix, dtype, [(1, 1, 1), (3, 5, 4), (17, 15, 16)], VECTOR_CHAIN)(
        lambda a, b, x: torch.square(torch.matmul(a, torch.sigmoid(torch.matmul(b, x)))).mean())
function("LeastSquaresColumns", "float64", [(1, 1, 1), (3, 5, 1), (17, 15, 2)], [tensor("t", wide, 0, 1), tensor("x", wide, 1, 2), tensor("s", wide, 0, 2)])(
    lambda t, x, s: torch.square(torch.matmul(t, x) - s).sum())
ONE_SAMPLE = [tensor("x", wide, 0), tensor("w1", small, 1, 0), tensor("b1", small, 1), tensor("w2", small, 2, 1), no_grad("y", wide, 2)]
for suffix, dtype in (("", "float64"), ("F", "float32")):
    function("OneSampleNetwork" + suffix, dtype, [(1, 1, 1), (5, 4, 2), (15, 17, 3)], ONE_SAMPLE)(
        lambda x, w1, b1, w2, y: F.mse_loss(torch.matmul(w2, torch.tanh(torch.matmul(w1, x) + b1)), y))
# ---- end of products ----

# A bias added to a plain matrix parameter (Functions.Broadcasts.cs).
function("PlainMatrixBias", "float64", MATRICES, [no_grad("x", wide, 0, 1), tensor("b", wide, 1)])(lambda x, b: torch.square(x + b).sum())

# A form the generated code refuses (GeneratorLimits.cs): the reference holds what the eager method computes.
function("BroadcastBesideOwnSize", "float64", MATRICES, [no_grad("x", wide, 0, 1), tensor("b", wide, 1)])(
    lambda x, b: torch.square(x + b).sum() / b.shape[0])

# ---- Reshape, as torch.reshape (Functions.Reshapes.cs, GradientCatalog.Reshapes.cs) ----
THIRDS = [(3, 1), (3, 5), (7, 9), (17, 15)]
for suffix, dtype in (("", "float64"), ("F", "float32")):
    function("ReshapeRegroupedRows" + suffix, dtype, MATRICES, [tensor("x", wide, 0, 1)])(
        lambda x: torch.square(torch.logsumexp(x.reshape(x.shape[1], -1), 1)).sum())
    function("ReshapeRowsParameter" + suffix, dtype, THIRDS, [tensor("x", wide, 0, 1), integer("n", 3)])(
        lambda x, n: torch.square(x.reshape(n, -1).mean(0)).sum())
    function("ReshapeProduct" + suffix, dtype, PRODUCTS, [tensor("x", small, 0, 1), tensor("w", small, 0, 2)])(
        lambda x, w: torch.square(x.reshape(x.shape[1], -1) @ w).sum())
function("ReshapeOuter", "float64", [(1, 1, 1), (3, 5, 4), (7, 5, 3), (17, 4, 9)], [tensor("x", wide, 0), tensor("y", wide, 1, 2)])(
    lambda x, y: torch.square(x.reshape(-1, 1) * y.reshape(1, -1)).sum())
function("ReshapeFlatten", "float64", MATRICES, [tensor("x", wide, 0, 1), tensor("y", wide, 1, 0)])(
    lambda x, y: (x.reshape(-1) * y.reshape(-1)).sum() + torch.square(x.reshape(-1)).sum())


def reshape_meets_matrix(x, a):
    m = x.reshape(-1, x.shape[0])
    return torch.square(m - a).sum() + (m.mean(1, keepdim=True) * m).sum()


function("ReshapeMeetsMatrix", "float64", MATRICES, [tensor("x", wide, 0, 1), tensor("a", wide, 1, 0)])(reshape_meets_matrix)
function("ReshapeProductWeights", "float64", PRODUCTS, [tensor("w", small, 0, 1), tensor("v", small, 1, 2)])(
    lambda w, v: torch.square(w @ v).sum() + torch.logsumexp((w * 2 - 1).reshape(-1), 0))
# ---- end of reshapes ----

# ---- Rank-3 tensors: axis work and Reshape to rank 3 (Functions.RankThree.cs, GradientCatalog.RankThree.cs) ----
CUBES = [(1, 1, 1), (3, 5, 7), (2, 1, 4), (4, 3, 2)]
EVEN_ROWS = [(2, 1), (2, 3), (4, 5), (6, 7)]
SIXFOLD = [(6, 1), (12, 1), (30, 1)]
for suffix, dtype in (("", "float64"), ("F", "float32")):
    function("LastAxisSum" + suffix, dtype, CUBES, [tensor("x", wide, 0, 1, 2)])(lambda x: torch.square(x.sum(2)).sum())
    function("FirstAxisSum" + suffix, dtype, CUBES, [tensor("x", wide, 0, 1, 2)])(
        lambda x: torch.square(x.sum(0)).sum() + torch.amax(x, 2).mean())
    function("LastAxisLogSumExp" + suffix, dtype, CUBES, [tensor("x", wide, 0, 1, 2)])(
        lambda x: torch.logsumexp(x, -1).mean() / x.shape[2])
    function("KeptAxes" + suffix, dtype, CUBES, [tensor("x", wide, 0, 1, 2)])(
        lambda x: torch.square(x - x.mean(2, keepdim=True)).sum() + (x * torch.logsumexp(x, -3, keepdim=True)).sum())
    function("BatchedAttention" + suffix, dtype, CUBES, [tensor("s", wide, 0, 1, 2), tensor("v", small, 0, 1, 2)])(
        lambda s, v: (torch.softmax(s, 2) * v).sum())
    function("SumOfSums" + suffix, dtype, CUBES, [tensor("x", wide, 0, 1, 2)])(lambda x: torch.square(x.sum(2).sum(1)).sum())
    function("LeadingWeights" + suffix, dtype, CUBES, [tensor("x", wide, 0, 1, 2), tensor("w", small, 0, 1)])(
        lambda x, w: (x.sum(2) * w).sum() + torch.square(w - torch.logsumexp(x, -1)).sum())
    function("KeptLogSumExp" + suffix, dtype, CUBES, [tensor("x", wide, 0, 1, 2)])(
        lambda x: torch.square(x - torch.logsumexp(x, -1, keepdim=True)).sum() / x.shape[2])
function("FirstAxisDropped", "float64", CUBES, [tensor("x", wide, 0, 1, 2)])(
    lambda x: (x * torch.amin(x, -3)).sum() + (torch.amax(x, 0) * x.sum(0)).sum())
function("LastAxisDropped", "float64", CUBES, [tensor("x", wide, 0, 1, 2)])(
    lambda x: (torch.amax(x, 2) * torch.logsumexp(x, 2)).sum() + torch.amin(x, -1, keepdim=True).mean())
function("LastAxisLogSoftmax", "float64", CUBES, [tensor("z", wide, 0, 1, 2), no_grad("t", positive, 0, 1, 2)])(
    lambda z, t: -(t * torch.log_softmax(z, -1)).mean() + (torch.softmax(z, -3) * t).sum())
function("TwoParameters", "float64", CUBES, [tensor("x", small, 0, 1, 2), tensor("y", small, 0, 1, 2)])(
    lambda x, y: torch.square((x * y).sum(2) + torch.exp(y).sum(2)).sum())
function("ReductionsOfReductionsKept", "float64", CUBES, [tensor("x", wide, 0, 1, 2)])(
    lambda x: torch.square(x.mean(2).mean(-1, keepdim=True)).sum() + torch.amax(torch.amax(x, 0, keepdim=True), 1).sum()
    + torch.square(torch.logsumexp(torch.logsumexp(x, -3), 0, keepdim=True)).sum())
function("ReshapeLastAxis", "float64", EVEN_ROWS, [tensor("x", wide, 0, 1), integer("n", 2)])(
    lambda x, n: torch.square(torch.logsumexp(x.reshape(n, -1, x.shape[1]), 2)).sum())
function("ReshapeLastAxisF", "float32", EVEN_ROWS, [tensor("x", wide, 0, 1)])(
    lambda x: torch.square(torch.logsumexp(x.reshape(2, -1, x.shape[1]), 2)).sum())
function("ReshapeVector", "float64", SIXFOLD, [tensor("v", wide, 0)])(
    lambda v: torch.square((v * 2).reshape(2, 3, -1).sum(0, keepdim=True)).sum() + torch.amax(v.reshape(-1, 2, 3), -1).sum()
    + torch.square(v.reshape(2, -1, 3)).mean())
# ---- end of rank-3 tensors ----


def inputs_at(spec, size):
    """The arguments at one size: tensors rounded to the function's precision, then held in float64."""
    rounding = torch.float32 if spec["dtype"] == "float32" else torch.float64
    arguments = []
    recorded = {}
    for position, parameter in enumerate(spec["parameters"]):
        if parameter["kind"] == "tensor":
            shape = [size[axis] for axis in parameter["axes"]]
            count = math.prod(shape)
            values = [parameter["domain"](i + 37 * position) for i in range(count)]
            argument = torch.tensor(values, dtype=rounding).to(torch.float64).reshape(shape)
            recorded[parameter["name"]] = {"shape": shape, "values": argument.flatten().tolist()}
        elif parameter["kind"] == "scalar":
            argument = torch.tensor(parameter["value"], dtype=rounding).to(torch.float64)
            recorded[parameter["name"]] = argument.item()
        else:
            argument = parameter["value"]
            recorded[parameter["name"]] = argument
        if parameter["grad"]:
            argument.requires_grad_()
        arguments.append(argument)
    return arguments, recorded


def evaluate(spec, size):
    arguments, recorded = inputs_at(spec, size)
    value = spec["body"](*arguments)
    value.backward()
    gradients = {}
    for parameter, argument in zip(spec["parameters"], arguments):
        if parameter["grad"]:
            gradient = argument.grad
            gradients[parameter["name"]] = gradient.item() if parameter["kind"] == "scalar" else gradient.flatten().tolist()
    return {"size": "x".join(str(length) for length in size), "inputs": recorded, "value": value.item(), "gradients": gradients}


def to_json(value, indent=""):
    """JSON with one line per list of numbers."""
    inner = indent + "  "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(key)}: {to_json(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        return "[\n" + ",\n".join(inner + to_json(item, inner) for item in value) + "\n" + indent + "]"
    return json.dumps(value)


# ---- Broadcasting between tensor parameters (Functions.Broadcasts.cs, GradientCatalog.Broadcasts.cs) ----
BROADCAST_MATRICES = [(1, 1, 1), (3, 5, 1), (17, 15, 1)]
BROADCAST_CUBES = [(1, 1, 1, 1), (2, 3, 5, 1), (3, 4, 17, 1)]


def broadcast_sum(x, b):
    return torch.square(x - b).mean() + (x * b).sum()


for name, sizes, x_axes, b_axes in [
        ("BroadcastSum", BROADCAST_MATRICES, (0, 1), (0, 2)),
        ("BroadcastSumRow", BROADCAST_MATRICES, (0, 1), (2, 1)),
        ("BroadcastSumVector", BROADCAST_MATRICES, (0, 1), (1,)),
        ("BroadcastSumOne", BROADCAST_MATRICES, (0, 1), (2,)),
        ("BroadcastSumFirst", BROADCAST_MATRICES, (0, 2), (0, 1)),
        ("BroadcastSumOuter", BROADCAST_MATRICES, (0, 2), (2, 1)),
        ("BroadcastSumOuterVector", BROADCAST_MATRICES, (0, 2), (1,)),
        ("BroadcastSumCubeMatrix", BROADCAST_CUBES, (0, 1, 2), (1, 2)),
        ("BroadcastSumCubeColumn", BROADCAST_CUBES, (0, 1, 2), (0, 3, 3)),
        ("BroadcastSumCubeCross", BROADCAST_CUBES, (0, 3, 2), (3, 1, 2)),
        ("BroadcastSumCubeCrossMatrix", BROADCAST_CUBES, (0, 3, 2), (1, 2))]:
    function(name, "float64", sizes, [tensor("x", wide, *x_axes), tensor("b", small, *b_axes)])(broadcast_sum)
function("BroadcastSumF", "float32", BROADCAST_MATRICES, [tensor("x", wide, 0, 1), tensor("b", small, 0, 2)])(broadcast_sum)
function("BroadcastSumFOuter", "float32", BROADCAST_MATRICES, [tensor("x", wide, 0, 2), tensor("b", small, 2, 1)])(broadcast_sum)


def broadcast_three(x, b, s):
    return (torch.tanh(x * b) / s).sum() + torch.amax(x + b - s)


function("BroadcastThree", "float64", BROADCAST_MATRICES,
         [tensor("x", wide, 0, 1), tensor("b", small, 2, 1), no_grad("s", positive, 0, 2)])(broadcast_three)
function("BroadcastThreeF", "float32", BROADCAST_MATRICES,
         [tensor("x", wide, 0, 2), tensor("b", small, 1), no_grad("s", positive, 0, 1)])(
    lambda x, b, s: (torch.tanh(x * b) / s).sum() + torch.logsumexp((x + b - s).reshape(-1), 0))
def broadcast_operators(x, b):
    zero = torch.tensor(0.0, dtype=x.dtype)
    return (x * b - x / (2 + b * b) + torch.square(torch.maximum(x, b) - b) - torch.square(torch.minimum(x, 2 * b) - 2 * b)
            + torch.where(x < b, torch.square(x - b), b * torch.square(x - b)) + torch.where(x >= b, torch.square(x - b), zero)).sum()


function("BroadcastOperators", "float64", BROADCAST_MATRICES, [tensor("x", wide, 0, 1), tensor("b", small, 2, 1)])(broadcast_operators)
function("BroadcastOperatorsFirst", "float64", BROADCAST_MATRICES, [tensor("x", wide, 0, 2), tensor("b", small, 0, 1)])(broadcast_operators)
function("BroadcastOperatorsF", "float32", BROADCAST_CUBES, [tensor("x", wide, 0, 1, 2), tensor("b", small, 0, 3, 2)])(broadcast_operators)
function("BroadcastScaled", "float64", BROADCAST_MATRICES, [tensor("x", wide, 0, 2), tensor("b", small, 1), scalar("c", 0.8)])(
    lambda x, b, c: torch.logsumexp((c * x - b).reshape(-1), 0) + torch.exp(x / (2 + b * b)).mean() * c)


def main():
    # One thread: a threaded sum or product adds in an order that varies from run to run, and the file must come out
    # the same each time it is regenerated.
    torch.set_num_threads(1)
    torch.set_grad_enabled(True)
    functions = []
    for spec in FUNCTIONS:
        functions.append({
            "name": spec["name"],
            "dtype": spec["dtype"],
            "cases": [evaluate(spec, size) for size in spec["sizes"]],
        })

    names = [spec["name"] for spec in FUNCTIONS]
    if len(set(names)) != len(names):
        raise SystemExit("two functions share a name")

    document = {
        "generator": "tools/reference/gradients.py",
        "torch": torch.__version__.split("+")[0],
        "functions": functions,
    }
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "tests", "SymGrad.Tests", "Reference", "gradients.json")
    with open(path, "w", encoding="utf-8") as file:
        file.write(to_json(document))
        file.write("\n")
    print(f"wrote {len(functions)} functions to {os.path.relpath(path, root)}", file=sys.stderr)
    labelled = cross_entropy_cases()
    path = os.path.join(root, "tests", "SymGrad.Tests", "Reference", "cross_entropy.json")
    with open(path, "w", encoding="utf-8") as file:
        file.write(to_json({"generator": "tools/reference/gradients.py", "torch": document["torch"], "functions": labelled}))
        file.write("\n")
    print(f"wrote {len(labelled)} functions to {os.path.relpath(path, root)}", file=sys.stderr)


if __name__ == "__main__":
    main()
