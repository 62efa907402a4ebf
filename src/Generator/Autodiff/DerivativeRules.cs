using System.Collections.Generic;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Autodiff;

/// <summary>
/// One reverse-mode rule per primitive: given a node <c>y</c> and its adjoint <c>ȳ</c>, it adds each active operand's
/// contribution. <c>u</c>, <c>v</c> are the operands. The text is what the generated code prints beside each adjoint line.
/// </summary>
internal static class DerivativeRules
{
    public sealed record Rule(string Text, System.Action<RuleContext> Apply);

    private static readonly Dictionary<Op, Rule> Table = new()
    {
        [Op.Add] = new("d(u + v) = du + dv", c =>
        {
            c.Accumulate(0, c.Adjoint);
            c.Accumulate(1, c.Adjoint);
        }),
        [Op.Subtract] = new("d(u - v) = du - dv", c =>
        {
            c.Accumulate(0, c.Adjoint);
            c.Accumulate(1, c.B.Make(Op.Negate, c.Adjoint));
        }),
        [Op.Multiply] = new("d(u * v) = v du + u dv", c =>
        {
            c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.Arg(1)));
            c.Accumulate(1, c.B.Make(Op.Multiply, c.Adjoint, c.Arg(0)));
        }),
        [Op.Divide] = new("d(u / v) = du / v - (u / v²) dv", c =>
        {
            c.Accumulate(0, c.B.Make(Op.Divide, c.Adjoint, c.Arg(1)));
            c.Accumulate(1, c.B.Make(Op.Negate, c.B.Make(Op.Divide, c.B.Make(Op.Multiply, c.Adjoint, c.Output), c.Arg(1))));
        }),
        [Op.Negate] = new("d(-u) = -du", c => c.Accumulate(0, c.B.Make(Op.Negate, c.Adjoint))),
        [Op.Square] = new("d(u²) = 2u du", c =>
            c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Multiply, c.Like(0, 2), c.Arg(0))))),
        [Op.Sqrt] = new("d(√u) = du / (2√u)", c =>
            c.Accumulate(0, c.B.Make(Op.Divide, c.Adjoint, c.B.Make(Op.Multiply, c.Like(0, 2), c.Output)))),
        [Op.Exp] = new("d(exp u) = exp(u) du", c => c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.Output))),
        [Op.Log] = new("d(log u) = du / u", c => c.Accumulate(0, c.B.Make(Op.Divide, c.Adjoint, c.Arg(0)))),
        [Op.Abs] = new("d|u| = sign(u) du", c => c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Sign, c.Arg(0))))),
        [Op.Sin] = new("d(sin u) = cos(u) du", c => c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Cos, c.Arg(0))))),
        [Op.Cos] = new("d(cos u) = -sin(u) du", c =>
            c.Accumulate(0, c.B.Make(Op.Negate, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Sin, c.Arg(0)))))),
        [Op.Tanh] = new("d(tanh u) = (1 - tanh²u) du", c =>
            c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Subtract, c.Like(0, 1), c.B.Make(Op.Square, c.Output))))),
        [Op.Sigmoid] = new("d(σ(u)) = σ(u)(1 - σ(u)) du", c =>
            c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Multiply, c.Output, c.B.Make(Op.Subtract, c.Like(0, 1), c.Output))))),
        [Op.Relu] = new("d(relu u) = step(u) du", c => c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Step, c.Arg(0))))),
        [Op.Step] = new("d(step u) = 0", _ => { }),
        [Op.Sign] = new("d(sign u) = 0", _ => { }),
        [Op.Pow] = new("d(u^p) = p u^(p-1) du + u^p log(u) dp", c =>
        {
            int exponent = c.Arg(1);
            ScalarType type = c.ArgNode(0).IsTensor ? ScalarType.Element : c.ArgNode(0).Type;
            int zero = c.B.Constant(0, type);
            int one = c.B.Constant(1, type);
            int lowered = c.B.Make(Op.Pow, c.Arg(0), c.B.Make(Op.Subtract, exponent, one));
            int byBase = c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Multiply, c.Spread(exponent, 0), lowered));

            // p = 0: u^p is 1 everywhere, so du gets 0 (not 0 * u^-1, NaN at u = 0).
            c.Accumulate(0, c.B.Make(Op.Select, c.B.Make(Op.Equal, exponent, zero), c.Like(0, 0), byBase));
            if (c.IsActive(1))
            {
                // u = 0 with p >= 0 gives 0 for u^p log(u), not 0 * -inf: log reads 1 there instead of u.
                int guarded = c.B.Make(Op.Select, c.B.Make(Op.GreaterOrEqual, exponent, zero), one, zero);
                int isZero = c.B.Make(Op.Subtract, c.Like(0, 1), c.B.Make(Op.Sign, c.B.Make(Op.Abs, c.Arg(0))));
                int safe = c.B.Make(Op.Add, c.Arg(0), c.B.Make(Op.Multiply, isZero, c.Spread(guarded, 0)));
                c.Accumulate(1, c.ReduceToScalar(c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Multiply, c.Output, c.B.Make(Op.Log, safe)))));
            }
        }),
        [Op.Convert] = new("d((T)u) = (U)dū: a conversion between floating types passes the adjoint back in u's type", c =>
            c.Accumulate(0, c.B.Convert(c.Adjoint, c.ArgNode(0).Type, Overflow.Default))),
        [Op.Broadcast] = new("d(broadcast s) = Sum(ds)", c => c.Accumulate(0, c.B.Make(Op.Sum, c.Adjoint))),
        [Op.Sum] = new("d(Sum u) = du, for every element", c => c.Accumulate(0, c.B.Broadcast(c.Adjoint, c.ArgNode(0).Domain))),
        [Op.MatMul] = new("d(A·B) = dA·B + A·dB, so Ā = C̄·Bᵀ and B̄ = Aᵀ·C̄", c =>
        {
            // With op() the transposes the product applies: C = op(A)·op(B).
            int flags = c.Node.Parameter;
            bool ta = (flags & 1) != 0;
            bool tb = (flags & 2) != 0;
            int a = c.Arg(0);
            int b = c.Arg(1);
            if (c.IsActive(0))
            {
                c.Accumulate(0, ta ? c.B.MatMul(b, c.Adjoint, (tb ? 1 : 0) | 2) : c.B.MatMul(c.Adjoint, b, tb ? 0 : 2));
            }

            if (c.IsActive(1))
            {
                c.Accumulate(1, tb ? c.B.MatMul(c.Adjoint, a, 1 | (ta ? 2 : 0)) : c.B.MatMul(a, c.Adjoint, ta ? 0 : 1));
            }
        }),
        [Op.Transpose] = new("d(Aᵀ) = (dA)ᵀ", c => c.Accumulate(0, c.B.Transpose(c.Adjoint))),
        [Op.Expand] = new("d(expand u) = dū summed over rows where u was a repeated vector", c =>
            c.Accumulate(0, c.B.Add(new Node(Op.Unexpand, EquatableArray.Create(c.Adjoint), c.ArgNode(0).Domain, Parameter: c.Node.Parameter)))),
        [Op.SumAxis] = new("d(Sum(u, axis)) = dū repeated along the axis", c =>
            c.Accumulate(0, c.B.Stretch(c.Adjoint, c.Node.Parameter, c.ArgNode(0).Domain))),
        [Op.Stretch] = new("d(u repeated along an axis) = dū summed along that axis", c =>
            c.Accumulate(0, c.B.ReduceAxis(Op.SumAxis, c.Adjoint, c.Node.Parameter, c.ArgNode(0).Domain))),
        [Op.LogSumExpAxis] = new("d(LogSumExp(u, axis)) = Softmax(u, axis) dū", c =>
        {
            int axis = c.Node.Parameter;
            int domain = c.ArgNode(0).Domain;
            int softmax = c.B.Make(Op.Exp, c.B.Make(Op.Subtract, c.Arg(0), c.B.Stretch(c.Output, axis, domain)));
            c.Accumulate(0, c.B.Make(Op.Multiply, softmax, c.B.Stretch(c.Adjoint, axis, domain)));
        }),
        [Op.MaxAxis] = new("d(Max(u, axis)) = dū shared evenly by the elements equal to the maximum", c => Extreme(c, largest: true)),
        [Op.MinAxis] = new("d(Min(u, axis)) = dū shared evenly by the elements equal to the minimum", c => Extreme(c, largest: false)),
        [Op.Pick] = new("d(u[r, labels[r]]) = dū at column labels[r] of row r", c =>
        {
            int domain = c.ArgNode(0).Domain;
            int onehot = c.B.Add(new Node(Op.OneHot, EquatableArray<int>.Empty, domain, Parameter: c.Node.Parameter));
            c.Accumulate(0, c.B.Make(Op.Multiply, onehot, c.B.Stretch(c.Adjoint, 1, domain)));
        }),
        [Op.Max] = new("d(max u) is not taken: Max only shifts LogSumExp, under StopGradient", _ => { }),
        [Op.StopGradient] = new("stop(u): no gradient flows", _ => { }),
        [Op.Select] = new("d(c ? u : v) = c ? du : dv", c =>
        {
            c.Accumulate(1, c.B.Make(Op.Select, c.Arg(0), c.Adjoint, c.Like(1, 0)));
            c.Accumulate(2, c.B.Make(Op.Select, c.Arg(0), c.Like(2, 0), c.Adjoint));
        }),
    };

    /// <summary>
    /// The gradient of a maximum or minimum along an axis, as PyTorch's amax and amin: the elements equal to the
    /// extreme share dū evenly (1 - step(gap) is 1 exactly where an element equals the extreme).
    /// </summary>
    private static void Extreme(RuleContext c, bool largest)
    {
        int axis = c.Node.Parameter;
        int domain = c.ArgNode(0).Domain;
        int extreme = c.B.Stretch(c.Output, axis, domain);
        int gap = largest ? c.B.Make(Op.Subtract, extreme, c.Arg(0)) : c.B.Make(Op.Subtract, c.Arg(0), extreme);
        int mask = c.B.Make(Op.Subtract, c.Like(0, 1), c.B.Make(Op.Step, gap));
        int ties = c.B.ReduceAxis(Op.SumAxis, mask, axis, c.Node.Domain);
        int share = c.B.Make(Op.Divide, c.Adjoint, ties);
        c.Accumulate(0, c.B.Make(Op.Multiply, mask, c.B.Stretch(share, axis, domain)));
    }

    public static Rule? For(Op op) => Table.TryGetValue(op, out Rule? rule) ? rule : null;

    /// <summary>Whether a derivative never flows through <paramref name="op"/> (leaves and piecewise-constant ops).</summary>
    public static bool IsInactive(Op op)
        => op is Op.Constant or Op.Count or Op.Length or Op.OneHot or Op.StopGradient or Op.Max or Op.Step or Op.Sign or Op.Unexpand
            || op.IsComparison() || op.IsLogic();
}
