#!/usr/bin/env python3
"""PyTorch float64 references for parameters broadcast into the passes of matrix methods.

Defines in torch the [Differentiable] methods of the BroadcastPasses class
(tests/SymGrad.Tests/Gradients/Functions.BroadcastPasses.cs) under the same names, each at several shapes per
parameter: a bias [c], [1, c] or a column [r, 1] met element-wise before a row pass (Softmax, LogSoftmax, LogSumExp,
amax along dim 1 or -1) whose result meets more element-wise work; a Gaussian mixture with means [1, K] or [K],
log-weights [K] or [1, K] and widths [K]; a single element [1] or [1, 1] stretched over a reduced vector or a kept
row or column; and products with a 1-D operand (vector-matrix, matrix-vector) before a pass along the vector.
Shapes include r or c of 1, 17 and 33.

Inputs: element i of the parameter at position p is 1.5 sin(0.7 (i + 37 p) + 0.3), as in gradients.py (a width
sigma is 1 plus the square of that, so it stays away from 0). Every reference is computed in float64 with autograd;
the float methods are checked against the same numbers with a float tolerance.

Usage (needs PyTorch 1.13, for example Debian's python3-torch): python3 tools/reference/broadcast_passes.py
Writes tests/SymGrad.Tests/Reference/broadcast_passes.json.
"""

import math
import os

import torch

from vector_axes import to_json  # one line per list of numbers, as gradients.py writes it


def lse(x, d, k=False):
    return torch.logsumexp(x, d, keepdim=k)


# Matrix shapes [r, c], with r or c of 1, 17 and 33; a bias is a row [c] or [1, c], or a column [r, 1].
R = [(4, 3), (17, 33), (33, 17), (1, 17), (5, 1)]


def bshapes(r, c):
    return [[c], [1, c], [r, 1]]


# Each method: (name, parameters as (name, differentiable), the C# body, the torch function, the shapes of its parameters).
M = []


def add(name, params, body, fn, shapes):
    M.append((name, params, body, fn, shapes))


XB = [("x",True),("b",True)]
add("BiasLogSoftmaxSquared", XB, "Sum(Square(LogSoftmax(x + b, -1)))", lambda x,b: torch.square(torch.log_softmax(x+b,-1)).sum(),
    [[[r,c],s] for r,c in R for s in bshapes(r,c)] + [[[c],[r,c]] for r,c in R])
add("BiasFirstLogSoftmaxSquared", [("b",True),("x",True)], "Sum(Square(LogSoftmax(b + x, -1)))", lambda b,x: torch.square(torch.log_softmax(b+x,-1)).sum(),
    [[s,[r,c]] for r,c in R for s in bshapes(r,c)] + [[[r,c],[c]] for r,c in R])
add("BiasLogSoftmaxTimesX", XB, "Sum(LogSoftmax(x + b, -1) * x)", lambda x,b: (torch.log_softmax(x+b,-1)*x).sum(),
    [[[r,c],s] for r,c in R for s in bshapes(r,c)])
add("BiasSoftmaxTimesY", [("x",True),("b",True),("y",True)], "Sum(Softmax(x - b, -1) * y)", lambda x,b,y: (torch.softmax(x-b,-1)*y).sum(),
    [[[r,c],s,[r,c]] for r,c in R for s in bshapes(r,c)])
add("BiasFirstLogSoftmaxPlusX", [("b",True),("x",True)], "Sum(Square(LogSoftmax(b + x, 1) + x))", lambda b,x: torch.square(torch.log_softmax(b+x,1)+x).sum(),
    [[s,[r,c]] for r,c in R for s in bshapes(r,c)])
add("BiasLogSumExpKeptPlusX", XB, "Sum(Square(LogSumExp(x - b, -1, true) + x))", lambda x,b: torch.square(lse(x-b,-1,True)+x).sum(),
    [[[r,c],s] for r,c in R for s in bshapes(r,c)])
add("BiasMaxKeptMinusX", XB, "Sum(Square(Max(x + b, -1, true) - x))", lambda x,b: torch.square(torch.amax(x+b,-1,keepdim=True)-x).sum(),
    [[[r,c],s] for r,c in R for s in bshapes(r,c)])
add("BiasMaxKeptTimesBias", [("b",True),("x",True)], "Sum(Square(Max(b + x, 1, true) * b))", lambda b,x: torch.square(torch.amax(b+x,1,keepdim=True)*b).sum(),
    [[s,[r,c]] for r,c in R for s in [[c],[1,c]]])
add("BiasSoftmaxTimesBias", XB, "Sum(Softmax(x * b, -1) * b)", lambda x,b: (torch.softmax(x*b,-1)*b).sum(),
    [[[r,c],s] for r,c in R for s in bshapes(r,c)])
NK = [(7,5),(33,17),(1,3),(17,1)]
add("Mixture", [("x",True),("means",True)], "-Sum(LogSumExp(-0.5 * Square(x - means), 1))", lambda x,m: -lse(-0.5*torch.square(x-m),1).sum(),
    [[[n,1],m] for n,k in NK for m in [[1,k],[k]]])
add("WeightedMixture", [("x",True),("means",True),("logw",True)], "-Sum(LogSumExp(-0.5 * Square(x - means) + logw, 1))", lambda x,m,w: -lse(-0.5*torch.square(x-m)+w,1).sum(),
    [[[n,1],m,w] for n,k in NK for m,w in [([1,k],[k]),([k],[1,k]),([k],[k])]])
add("ScaledMixture", [("x",True),("means",True),("logw",True),("sigma",True)], "-Sum(LogSumExp(-0.5 * Square(x - means) / Square(sigma) + logw, 1))",
    lambda x,m,w,s: -lse(-0.5*torch.square(x-m)/torch.square(s)+w,1).sum(),
    [[[n,1],m,w,[k]] for n,k in NK for m,w in [([1,k],[k]),([k],[1,k])]])
XS = [("x",True),("s",True)]
add("ScaledRowSums", XS, "Sum(Square(Sum(x, 1) * s))", lambda x,s: torch.square(x.sum(1)*s).sum(), [[[r,c],s] for r,c in R for s in [[1],[1,1]]])
add("ShiftedColumnSums", XS, "Sum(Square(s + Sum(x, 0)))", lambda x,s: torch.square(s+x.sum(0)).sum(), [[[r,c],s] for r,c in R for s in [[1],[1,1]]])
add("ShiftedColumnMeans", XS, "Sum(Square(Mean(x, 0, true) - s))", lambda x,s: torch.square(x.mean(0,keepdim=True)-s).sum(), [[[r,c],s] for r,c in R for s in [[1],[1,1]]])
add("ScaledKeptRowSums", XS, "Sum(Square(Sum(x, 1, true) * s))", lambda x,s: torch.square(x.sum(1,keepdim=True)*s).sum(), [[[r,c],s] for r,c in R for s in [[1],[1,1]]])
add("VectorMatrixSoftmax", [("v",True),("a",True)], "Sum(Square(Softmax(MatMul(v, a), -1)))", lambda v,a: torch.square(torch.softmax(torch.matmul(v,a),-1)).sum(),
    [[[r],[r,c]] for r,c in R] + [[[2,r],[r,c]] for r,c in R])
add("ProductColumnSums", [("a",True),("v",True)], "Sum(Square(Sum(MatMul(a, v), 0)))", lambda a,v: torch.square(torch.matmul(a,v).sum(0)).sum(),
    [[[r,c],[c]] for r,c in R] + [[[r,c],[c,2]] for r,c in R])

def inputs(name, shape, position):
    values = [1.5 * math.sin(0.7 * (i + 37 * position) + 0.3) for i in range(math.prod(shape))]
    return [1.0 + v * v for v in values] if name == "sigma" else values


def main():
    torch.set_num_threads(1)
    cases = []
    for name, parameters, body, function, shape_sets in M:
        for shapes in shape_sets:
            data = [inputs(p, s, k) for k, ((p, _), s) in enumerate(zip(parameters, shapes))]
            tensors = [torch.tensor(d, dtype=torch.float64).reshape(s).requires_grad_(True) for d, s in zip(data, shapes)]
            value = function(*tensors)
            value.backward()
            cases.append({
                "method": name,
                "body": body,
                "shapes": shapes,
                "inputs": data,
                "value": value.item(),
                "gradients": [t.grad.reshape(-1).tolist() for t in tensors],
            })

    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "tests", "SymGrad.Tests", "Reference", "broadcast_passes.json")
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(to_json({"torch": torch.__version__, "cases": cases}) + "\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
