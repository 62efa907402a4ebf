using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Autodiff;

namespace SymGrad.Generator.IR;

/// <summary>What a primitive does to shapes, and so where every stage places it.</summary>
internal enum PrimitiveKind : byte
{
    /// <summary>No operands: a parameter, a constant or a size. Whoever makes it gives its shape and type.</summary>
    Leaf,

    /// <summary>One value per element, in the shape of its first tensor operand (a scalar when every operand is one).</summary>
    Elementwise,

    /// <summary>Element-wise, giving a 0/1 condition in the element type whatever its operands' type.</summary>
    Comparison,

    /// <summary>Scalar logic on 0/1 conditions, giving a 0/1 condition.</summary>
    Logic,

    /// <summary>A whole tensor to one scalar, in a fused loop's reduction.</summary>
    Reduction,

    /// <summary>Computed whole into memory rather than element by element: its shape is a matrix the builder works out.</summary>
    Materialized,

    /// <summary>Its operand seen in another domain, named when the node is made (a repeated scalar, a bias).</summary>
    Layout,
}

/// <summary>How a primitive is written: in the IR's printed math, and in emitted C#.</summary>
internal enum Form : byte
{
    /// <summary>Written by the printer's or emitter's own code for the structure it is (leaves, products, selections).</summary>
    Special,

    /// <summary><c>u op v</c> with <see cref="Primitive.Symbol"/>.</summary>
    Infix,

    /// <summary><c>op u</c> with <see cref="Primitive.Symbol"/>.</summary>
    Prefix,

    /// <summary><c>Name(u, ...)</c>: printed with <see cref="Primitive.Printed"/>, emitted as the <c>SimdMath</c> kernel <see cref="Primitive.Name"/>.</summary>
    Call,

    /// <summary><c>u * u</c>.</summary>
    Square,

    /// <summary>Its operand unchanged.</summary>
    Identity,

    /// <summary>
    /// A comparison: in scalar host code <c>u op v ? 1 : 0</c> with <see cref="Primitive.Symbol"/> (so integers compare
    /// as C# does), in a fused loop the <c>SimdMath</c> kernel <see cref="Primitive.Name"/> giving 0 or 1 per lane.
    /// </summary>
    Condition,
}

/// <summary>
/// Everything the generator knows about one primitive, in one place: its name and arity, its shape rule, its constant
/// fold, its derivative rule, how it prints and how it is emitted, its documentation, and the function of the gradient
/// suite that checks its rule against PyTorch. Where a fact does not apply the row says so, with the reason.
/// </summary>
internal sealed class Primitive
{
    public Primitive(Op op, string name, int arity, PrimitiveKind kind, string documentation)
    {
        this.Op = op;
        this.Name = name;
        this.Arity = arity;
        this.Kind = kind;
        this.Documentation = documentation;
    }

    public Op Op { get; }

    /// <summary>The vocabulary's name: what a user calls, what the IR prints and the <c>SimdMath</c> kernel's name.</summary>
    public string Name { get; }

    /// <summary>The number of operands.</summary>
    public int Arity { get; }

    public PrimitiveKind Kind { get; }

    /// <summary>What the primitive computes, with its PyTorch equivalent where there is one.</summary>
    public string Documentation { get; }

    /// <summary>Whether a [Differentiable] body calls it by <see cref="Name"/> (TensorMath, Tensor, Math and MathF functions).</summary>
    public bool Callable { get; init; }

    /// <summary>The value of the primitive at constant operands (unused operands are 0); null when <see cref="NoFold"/> says why not.</summary>
    public Func<double, double, double, double>? Fold { get; init; }

    /// <summary>Why constants are not folded through this primitive.</summary>
    public string? NoFold { get; init; }

    /// <summary>Its reverse-mode rule; null when <see cref="NoRule"/> says why it needs none.</summary>
    public DerivativeRules.Rule? Rule { get; init; }

    /// <summary>Why the primitive has no derivative rule.</summary>
    public string? NoRule { get; init; }

    /// <summary>Whether no derivative flows through it: a leaf of no parameter, or a piecewise-constant function.</summary>
    public bool Inactive { get; init; }

    /// <summary>How the IR prints it (<see cref="Form.Infix"/>, <see cref="Form.Prefix"/>, <see cref="Form.Call"/> or <see cref="Form.Special"/>).</summary>
    public Form Print { get; init; } = Form.Call;

    /// <summary>The name a <see cref="Form.Call"/> prints with, when it is not <see cref="Name"/>.</summary>
    public string Printed => this.printed ?? this.Name;

    /// <summary>Sets <see cref="Printed"/>.</summary>
    public string PrintedAs { init => this.printed = value; }

    /// <summary>The operator symbol of an infix or prefix form.</summary>
    public string? Symbol { get; init; }

    /// <summary>How tightly it binds when printed: 1 for <c>||</c> up to 8 for a call.</summary>
    public int Precedence { get; init; } = 8;

    /// <summary>How emitted C# computes it, the same text at every width (a <c>SimdMath</c> kernel has every width).</summary>
    public Form Emitted { get; init; } = Form.Call;

    /// <summary>The function of the gradient suite (tests/SymGrad.Tests/Gradients) that checks <see cref="Rule"/> against PyTorch.</summary>
    public string? GradientTest { get; init; }

    /// <summary>Why no function of the gradient suite checks this primitive on its own.</summary>
    public string? NoGradientTest { get; init; }

    private readonly string? printed;
}

/// <summary>
/// The table of primitives: one row per <see cref="IR.Op"/>, looked up by every stage. Adding a primitive means one row
/// here, its eager function in the runtime's TensorMath and its kernel in SimdMath; nothing else depends on the order
/// or the grouping of <see cref="IR.Op"/>.
/// </summary>
internal static class Primitives
{
    private const string Leaf = "a leaf: it has no operands to pass a derivative to";
    private const string NoGradient = "no gradient flows through it, so there is nothing to check";

    private static readonly Primitive[] Rows =
    [
        // Leaves.
        new(Op.Parameter, "Parameter", 0, PrimitiveKind.Leaf, "A method parameter; Node.Parameter says which.")
        {
            NoFold = "its value is known only at run time", NoRule = Leaf + "; reverse mode collects its adjoint as the gradient",
            Print = Form.Special, Emitted = Form.Special, NoGradientTest = "every function of the suite reads parameters",
        },
        new(Op.Constant, "Constant", 0, PrimitiveKind.Leaf, "A constant; Node.Value holds it (an integer's exact value is in Node.Bits).")
        {
            NoFold = "it is already a constant", NoRule = Leaf, Inactive = true, Print = Form.Special, Emitted = Form.Special, NoGradientTest = NoGradient,
        },
        new(Op.Count, "Count", 0, PrimitiveKind.Leaf, "The number of elements of a tensor domain, as a scalar (the n of Mean).")
        {
            NoFold = "sizes are known only at run time", NoRule = Leaf, Inactive = true, Print = Form.Special, Emitted = Form.Special, NoGradientTest = NoGradient,
        },

        // Element-wise functions of one operand.
        new(Op.Negate, "Negate", 1, PrimitiveKind.Elementwise, "-u, element-wise; torch.neg.")
        {
            Callable = true, Fold = (x, _, _) => -x, Rule = new("d(-u) = -du", c => c.Accumulate(0, c.B.Make(Op.Negate, c.Adjoint))),
            Print = Form.Prefix, Symbol = "-", Precedence = 7, Emitted = Form.Prefix, GradientTest = "OpNegate",
        },
        new(Op.Square, "Square", 1, PrimitiveKind.Elementwise, "u², element-wise; torch.square.")
        {
            Callable = true, Fold = (x, _, _) => x * x, Emitted = Form.Square, GradientTest = "OpSquare",
            Rule = new("d(u²) = 2u du", c => c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Multiply, c.Like(0, 2), c.Arg(0))))),
        },
        new(Op.Sqrt, "Sqrt", 1, PrimitiveKind.Elementwise, "The square root, element-wise; torch.sqrt.")
        {
            Callable = true, Fold = (x, _, _) => Math.Sqrt(x), GradientTest = "OpSqrt",
            Rule = new("d(√u) = du / (2√u)", c => c.Accumulate(0, c.B.Make(Op.Divide, c.Adjoint, c.B.Make(Op.Multiply, c.Like(0, 2), c.Output)))),
        },
        new(Op.Exp, "Exp", 1, PrimitiveKind.Elementwise, "e raised to u, element-wise; torch.exp.")
        {
            Callable = true, Fold = (x, _, _) => Math.Exp(x), GradientTest = "OpExp",
            Rule = new("d(exp u) = exp(u) du", c => c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.Output))),
        },
        new(Op.Log, "Log", 1, PrimitiveKind.Elementwise, "The natural logarithm, element-wise; torch.log.")
        {
            Callable = true, Fold = (x, _, _) => Math.Log(x), GradientTest = "OpLog",
            Rule = new("d(log u) = du / u", c => c.Accumulate(0, c.B.Make(Op.Divide, c.Adjoint, c.Arg(0)))),
        },
        new(Op.Abs, "Abs", 1, PrimitiveKind.Elementwise, "|u|, element-wise; torch.abs (derivative sign(u), 0 at 0).")
        {
            Callable = true, Fold = (x, _, _) => Math.Abs(x), GradientTest = "OpAbs",
            Rule = new("d|u| = sign(u) du", c => c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Sign, c.Arg(0))))),
        },
        new(Op.Sin, "Sin", 1, PrimitiveKind.Elementwise, "The sine, element-wise; torch.sin.")
        {
            Callable = true, Fold = (x, _, _) => Math.Sin(x), GradientTest = "OpSin",
            Rule = new("d(sin u) = cos(u) du", c => c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Cos, c.Arg(0))))),
        },
        new(Op.Cos, "Cos", 1, PrimitiveKind.Elementwise, "The cosine, element-wise; torch.cos.")
        {
            Callable = true, Fold = (x, _, _) => Math.Cos(x), GradientTest = "OpCos",
            Rule = new("d(cos u) = -sin(u) du", c => c.Accumulate(0, c.B.Make(Op.Negate, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Sin, c.Arg(0)))))),
        },
        new(Op.Tanh, "Tanh", 1, PrimitiveKind.Elementwise, "The hyperbolic tangent, element-wise; torch.tanh.")
        {
            Callable = true, Fold = (x, _, _) => Math.Tanh(x), GradientTest = "OpTanh",
            Rule = new("d(tanh u) = (1 - tanh²u) du", c =>
                c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Subtract, c.Like(0, 1), c.B.Make(Op.Square, c.Output))))),
        },
        new(Op.Sigmoid, "Sigmoid", 1, PrimitiveKind.Elementwise, "The logistic function 1 / (1 + e^-u), element-wise; torch.sigmoid.")
        {
            Callable = true, Fold = (x, _, _) => 1 / (1 + Math.Exp(-x)), GradientTest = "OpSigmoid",
            Rule = new("d(σ(u)) = σ(u)(1 - σ(u)) du", c =>
                c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Multiply, c.Output, c.B.Make(Op.Subtract, c.Like(0, 1), c.Output))))),
        },
        new(Op.Relu, "Relu", 1, PrimitiveKind.Elementwise, "max(u, 0), element-wise, NaN staying NaN; torch.relu (derivative 0 at 0).")
        {
            Callable = true, Fold = (x, _, _) => double.IsNaN(x) ? x : Math.Max(x, 0), GradientTest = "OpRelu",
            Rule = new("d(relu u) = step(u) du", c => c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Step, c.Arg(0))))),
        },
        new(Op.Step, "Step", 1, PrimitiveKind.Elementwise, "1 where u is positive or NaN, else 0: the derivative of Relu.")
        {
            Fold = (x, _, _) => x > 0 ? 1 : 0, NoRule = "piecewise constant: its derivative is 0", Inactive = true, NoGradientTest = NoGradient,
        },
        new(Op.Sign, "Sign", 1, PrimitiveKind.Elementwise, "-1, 0 or 1 by the sign of u, NaN staying NaN: the derivative of Abs.")
        {
            Fold = (x, _, _) => double.IsNaN(x) ? x : Math.Sign(x), NoRule = "piecewise constant: its derivative is 0", Inactive = true, NoGradientTest = NoGradient,
        },
        new(Op.Floor, "Floor", 1, PrimitiveKind.Elementwise, "The largest integer at or below u, as Math.Floor; its derivative is 0 wherever it has one, as torch.floor's.")
        {
            Fold = (x, _, _) => Math.Floor(x), NoRule = "piecewise constant: its derivative is 0", Inactive = true, NoGradientTest = NoGradient,
        },
        new(Op.Ceiling, "Ceiling", 1, PrimitiveKind.Elementwise, "The smallest integer at or above u, as Math.Ceiling; its derivative is 0 wherever it has one, as torch.ceil's.")
        {
            Fold = (x, _, _) => Math.Ceiling(x), NoRule = "piecewise constant: its derivative is 0", Inactive = true, NoGradientTest = NoGradient,
        },
        new(Op.Round, "Round", 1, PrimitiveKind.Elementwise, "u rounded to the nearest integer, halves to even, as Math.Round; its derivative is 0 wherever it has one, as torch.round's.")
        {
            Fold = (x, _, _) => Math.Round(x), NoRule = "piecewise constant: its derivative is 0", Inactive = true, NoGradientTest = NoGradient,
        },
        new(Op.Truncate, "Truncate", 1, PrimitiveKind.Elementwise, "u with its fraction dropped (toward zero), as Math.Truncate; its derivative is 0 wherever it has one, as torch.trunc's.")
        {
            Fold = (x, _, _) => Math.Truncate(x), NoRule = "piecewise constant: its derivative is 0", Inactive = true, NoGradientTest = NoGradient,
        },

        // Arithmetic.
        new(Op.Add, "Add", 2, PrimitiveKind.Elementwise, "u + v, element-wise or on scalars.")
        {
            Fold = (x, y, _) => x + y, Print = Form.Infix, Symbol = "+", Precedence = 5, Emitted = Form.Infix, GradientTest = "OpAdd",
            Rule = new("d(u + v) = du + dv", c =>
            {
                c.Accumulate(0, c.Adjoint);
                c.Accumulate(1, c.Adjoint);
            }),
        },
        new(Op.Subtract, "Subtract", 2, PrimitiveKind.Elementwise, "u - v, element-wise or on scalars.")
        {
            Fold = (x, y, _) => x - y, Print = Form.Infix, Symbol = "-", Precedence = 5, Emitted = Form.Infix, GradientTest = "OpSubtract",
            Rule = new("d(u - v) = du - dv", c =>
            {
                c.Accumulate(0, c.Adjoint);
                c.Accumulate(1, c.B.Make(Op.Negate, c.Adjoint));
            }),
        },
        new(Op.Multiply, "Multiply", 2, PrimitiveKind.Elementwise, "u * v, element-wise or on scalars.")
        {
            Fold = (x, y, _) => x * y, Print = Form.Infix, Symbol = "*", Precedence = 6, Emitted = Form.Infix, GradientTest = "OpMultiply",
            Rule = new("d(u * v) = v du + u dv", c =>
            {
                c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.Arg(1)));
                c.Accumulate(1, c.B.Make(Op.Multiply, c.Adjoint, c.Arg(0)));
            }),
        },
        new(Op.Divide, "Divide", 2, PrimitiveKind.Elementwise, "u / v, element-wise or on scalars.")
        {
            Fold = (x, y, _) => x / y, Print = Form.Infix, Symbol = "/", Precedence = 6, Emitted = Form.Infix, GradientTest = "OpDivide",
            Rule = new("d(u / v) = du / v - (u / v²) dv", c =>
            {
                c.Accumulate(0, c.B.Make(Op.Divide, c.Adjoint, c.Arg(1)));
                c.Accumulate(1, c.B.Make(Op.Negate, c.B.Make(Op.Divide, c.B.Make(Op.Multiply, c.Adjoint, c.Output), c.Arg(1))));
            }),
        },
        new(Op.Remainder, "Remainder", 2, PrimitiveKind.Elementwise, "The remainder of an integer division, as C#'s % (the sign of the dividend). Integers only.")
        {
            NoFold = "integers only: the integer rewrite folds it exactly", NoRule = "integers only, and an integer has no derivative", Inactive = true,
            Print = Form.Infix, Symbol = "%", Precedence = 6, Emitted = Form.Infix, NoGradientTest = "integers only",
        },
        new(Op.Pow, "Pow", 2, PrimitiveKind.Elementwise, "u (scalar or tensor) raised to p (always a scalar); torch.pow.")
        {
            Callable = true, Fold = (x, y, _) => Math.Pow(x, y), GradientTest = "OpPowParameter",
            Rule = new("d(u^p) = p u^(p-1) du + u^p log(u) dp", c =>
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
        },

        // Layout: a value seen in another domain.
        new(Op.Broadcast, "Broadcast", 1, PrimitiveKind.Layout, "A scalar repeated over every element of a tensor domain.")
        {
            NoFold = "the simplifier keeps a repeated constant as the constant it repeats", Print = Form.Special, Emitted = Form.Special,
            Rule = new("d(broadcast s) = Sum(ds)", c => c.Accumulate(0, c.B.Make(Op.Sum, c.Adjoint))),
            NoGradientTest = "a scalar meeting a tensor: every function with a scalar parameter checks it",
        },

        // Reductions.
        new(Op.Sum, "Sum", 1, PrimitiveKind.Reduction, "The sum of a tensor's elements; torch.sum.")
        {
            NoFold = "its operand is a tensor, never a constant", Emitted = Form.Special, GradientTest = "OpSum",
            Rule = new("d(Sum u) = du, for every element", c => c.Accumulate(0, c.B.Broadcast(c.Adjoint, c.ArgNode(0).Domain))),
        },
        new(Op.Max, "Max", 1, PrimitiveKind.Reduction, "The largest of a tensor's elements, NaN if one is NaN; torch.amax over every dimension (the gradient shared evenly by ties). Whole-tensor Min(x) is -Max(-x).")
        {
            NoFold = "its operand is a tensor, never a constant", Emitted = Form.Special, GradientTest = "OpMax",
            Rule = new("d(max u) = du where u equals the maximum, shared evenly by ties", c =>
            {
                int domain = c.ArgNode(0).Domain;
                int ties = c.B.Make(Op.Equal, c.Arg(0), c.B.Broadcast(c.Output, domain));
                int share = c.B.Make(Op.Divide, c.Adjoint, c.B.Make(Op.Sum, ties));
                c.Accumulate(0, c.B.Make(Op.Multiply, c.B.Broadcast(share, domain), ties));
            }),
        },

        // Matrices.
        new(Op.MatMul, "MatMul", 2, PrimitiveKind.Materialized, "The matrix product op(a)·op(b); Node.Parameter's flags transpose a (1) and b (2); torch.matmul of matrices.")
        {
            NoFold = "its operands are matrices, never constants", Print = Form.Special, Emitted = Form.Special, GradientTest = "OpMatMul",
            Rule = new("d(A·B) = dA·B + A·dB, so Ā = C̄·Bᵀ and B̄ = Aᵀ·C̄", c =>
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
        },
        new(Op.Transpose, "Transpose", 1, PrimitiveKind.Materialized, "The transpose of a matrix, materialized in memory; torch.t.")
        {
            NoFold = "its operand is a matrix, never a constant", Emitted = Form.Special, GradientTest = "OpTranspose",
            Rule = new("d(Aᵀ) = (dA)ᵀ", c => c.Accumulate(0, c.B.Transpose(c.Adjoint))),
        },
        new(Op.Expand, "Expand", 1, PrimitiveKind.Layout, "A parameter seen in a matrix domain: the same matrix, or a vector repeated over the rows (a bias), decided at run time by its shape.")
        {
            NoFold = "its operand is a parameter, never a constant", Print = Form.Special, Emitted = Form.Special,
            Rule = new("d(expand u) = dū summed over rows where u was a repeated vector", c =>
                c.Accumulate(0, c.B.Add(new Node(Op.Unexpand, Model.EquatableArray.Create(c.Adjoint), c.ArgNode(0).Domain, Value: c.Node.Value, Parameter: c.Node.Parameter, Bits: c.Node.Bits)))),
            NoGradientTest = "a bias meeting a product: the linear layers of the composed suite check it",
        },
        new(Op.Unexpand, "Unexpand", 1, PrimitiveKind.Materialized, "The adjoint of Expand: a matrix brought back to the parameter's shape, summed over rows where the parameter was repeated.")
        {
            NoFold = "its operand is a matrix, never a constant", NoRule = "it appears only in adjoints, which are not differentiated again", Inactive = true,
            PrintedAs = "SumRowsIfRepeated", Emitted = Form.Special, NoGradientTest = "only in gradients: the bias of every linear layer in the suite",
        },
        new(Op.StopGradient, "StopGradient", 1, PrimitiveKind.Elementwise, "Its operand's value, with no derivative: the adjoint stops here (the shift of a stable LogSumExp).")
        {
            NoFold = "the simplifier drops it around a constant instead", NoRule = "the adjoint stops here by definition", Inactive = true,
            PrintedAs = "stop", Emitted = Form.Identity, NoGradientTest = NoGradient,
        },
        new(Op.Select, "Select", 3, PrimitiveKind.Elementwise, "Operand 1 where condition operand 0 is nonzero, else operand 2, per element when the condition is a tensor; torch.where.")
        {
            NoFold = "the simplifier decides a constant condition instead", Print = Form.Special, Emitted = Form.Special, GradientTest = "OpWhere",
            Rule = new("d(c ? u : v) = c ? du : dv", c =>
            {
                c.Accumulate(1, c.B.Make(Op.Select, c.Arg(0), c.Adjoint, c.Like(1, 0)));
                c.Accumulate(2, c.B.Make(Op.Select, c.Arg(0), c.Like(2, 0), c.Adjoint));
            }),
        },

        // Sizes, reductions along an axis and their broadcasting, and the labels of CrossEntropy.
        new(Op.Length, "Length", 0, PrimitiveKind.Leaf, "A size of a tensor parameter: x.Lengths[i] with i in Node.Bits, or x.Rank when Node.Bits is -1.")
        {
            NoFold = "sizes are known only at run time", NoRule = Leaf, Inactive = true, Print = Form.Special, Emitted = Form.Special, NoGradientTest = NoGradient,
        },
        AxisReduction(Op.SumAxis, "Sum", "The sums of a matrix along axis Node.Parameter (1: per row, 0: per column); torch.sum with dim.", "SumRows",
            new("d(Sum(u, axis)) = dū repeated along the axis", c => c.Accumulate(0, c.B.Stretch(c.Adjoint, c.Node.Parameter, c.ArgNode(0).Domain)))),
        AxisReduction(Op.MaxAxis, "Max", "The largest element along an axis of a matrix, NaN propagating; torch.amax (ties share the gradient evenly).", "Extremes",
            new("d(Max(u, axis)) = dū shared evenly by the elements equal to the maximum", c => Extreme(c, largest: true))),
        AxisReduction(Op.MinAxis, "Min", "The smallest element along an axis of a matrix, NaN propagating; torch.amin (ties share the gradient evenly).", "Extremes",
            new("d(Min(u, axis)) = dū shared evenly by the elements equal to the minimum", c => Extreme(c, largest: false))),
        AxisReduction(Op.LogSumExpAxis, "LogSumExp", "log(Sum(exp(u))) along an axis of a matrix, shifted by the maximum; torch.logsumexp with dim.", "LogSumExpRows",
            new("d(LogSumExp(u, axis)) = Softmax(u, axis) dū", c =>
            {
                int axis = c.Node.Parameter;
                int domain = c.ArgNode(0).Domain;
                int softmax = c.B.Make(Op.Exp, c.B.Make(Op.Subtract, c.Arg(0), c.B.Stretch(c.Output, axis, domain)));
                c.Accumulate(0, c.B.Make(Op.Multiply, softmax, c.B.Stretch(c.Adjoint, axis, domain)));
            })),
        new(Op.Stretch, "Stretch", 1, PrimitiveKind.Layout, "A value in memory with one value per row (Node.Parameter 1) or per column (0) of the node's matrix domain, repeated along that axis: NumPy broadcasting.")
        {
            NoFold = "its operand is a tensor, never a constant", Print = Form.Special, Emitted = Form.Special, GradientTest = "OuterBroadcast",
            Rule = new("d(u repeated along an axis) = dū summed along that axis", c =>
                c.Accumulate(0, c.B.ReduceAxis(Op.SumAxis, c.Adjoint, c.Node.Parameter, c.ArgNode(0).Domain))),
        },
        new(Op.MiddleAxis, "MiddleAxis", 1, PrimitiveKind.Materialized, "Sum, Mean, Max, Min, LogSumExp, Softmax or LogSoftmax (Node.Parameter) along the middle axis of a rank-3 tensor; torch's functions with dim=1 of a 3-D tensor.")
        {
            NoFold = "its operand is a tensor, never a constant", Print = Form.Special, Emitted = Form.Special, GradientTest = "MiddleAxisSum",
            Rule = new("d(f(u, 1)) = the adjoint of f along the middle axis, from u, f(u, 1) and dū", c =>
                c.Accumulate(0, c.B.Add(new Node(Op.MiddleAxisAdjoint, Model.EquatableArray.Create(c.Arg(0), c.Output, c.Adjoint), c.ArgNode(0).Domain, Parameter: c.Node.Parameter, Bits: c.Node.Bits)))),
        },
        new(Op.MiddleAxisAdjoint, "MiddleAxisAdjoint", 3, PrimitiveKind.Materialized, "The gradient of a function along the middle axis of a rank-3 tensor with respect to its operand, from the operand, the result and the result's adjoint.")
        {
            NoFold = "its operands are tensors, never constants", NoRule = "a gradient of a gradient along the middle axis is not derived: the adjoint stops here", Inactive = true,
            Print = Form.Special, Emitted = Form.Special, NoGradientTest = "the gradient suite's MiddleAxis functions check it through their first derivatives",
        },
        new(Op.OneHot, "OneHot", 0, PrimitiveKind.Materialized, "1 at column labels[row] of each row and 0 elsewhere; the int labels are parameter Node.Parameter; F.one_hot.")
        {
            NoFold = "labels are known only at run time", NoRule = Leaf, Inactive = true, Print = Form.Special, Emitted = Form.Special, NoGradientTest = NoGradient,
        },
        new(Op.Pick, "Pick", 1, PrimitiveKind.Materialized, "Element labels[row] of each row of a matrix; the int labels are parameter Node.Parameter; torch.gather along dim 1.")
        {
            NoFold = "its operand is a matrix, never a constant", Print = Form.Special, Emitted = Form.Special, GradientTest = "SoftmaxRegression",
            Rule = new("d(u[r, labels[r]]) = dū at column labels[r] of row r", c =>
            {
                int domain = c.ArgNode(0).Domain;
                int onehot = c.B.Add(new Node(Op.OneHot, Model.EquatableArray<int>.Empty, domain, Parameter: c.Node.Parameter));
                c.Accumulate(0, c.B.Make(Op.Multiply, onehot, c.B.Stretch(c.Adjoint, 1, domain)));
            }),
        },

        // Slices of a vector parameter, and their adjoint.
        // A slice of a matrix has a third operand: operands 1 and 2 are where it starts along rows and columns, and Node.Bits
        // packs what it drops along each (Printer.WindowTrims); with bounds known only at run time, operands 3 and 4 are
        // where it ends, and Node.Value says which axes have them (Printer.RunTimeRows, RunTimeColumns). Its adjoint Pad has
        // the same operands, bits and value.
        new(Op.Slice, "Slice", 2, PrimitiveKind.Layout, "x[a..^b] of a vector parameter, or x[a..^b, c..^d] of a matrix parameter, a view read at an offset; x[a:-b] and x[a:-b, c:-d] in PyTorch.")
        {
            NoFold = "its operand is a parameter, never a constant", Print = Form.Special, Emitted = Form.Special, GradientTest = "SliceDifference",
            Rule = new("d(x[a..^b]) = dū added at elements a..^b of dx", c =>
                c.Accumulate(0, c.B.Add(new Node(Op.Pad, Model.EquatableArray.Create(c.Node.Args.Select((a, i) => i == 0 ? c.Adjoint : a).ToArray()), c.ArgNode(0).Domain, Value: c.Node.Value, Parameter: c.Node.Parameter, Bits: c.Node.Bits)))),
        },
        new(Op.SliceBounds, "SliceBounds", 2, PrimitiveKind.Elementwise, "The start of a slice from run-time bounds, checked as C#'s range slicing checks them: 0 <= start <= end <= length.")
        {
            NoFold = "the length it is checked against is known only at run time", NoRule = "integers only, and an integer has no derivative", Inactive = true,
            Print = Form.Special, Emitted = Form.Special, NoGradientTest = "integers only",
        },
        new(Op.Pad, "Pad", 2, PrimitiveKind.Layout, "The adjoint of a slice: its operand placed at the slice's elements of the parameter, 0 elsewhere; the gradient of x[a:-b] in PyTorch.")
        {
            NoFold = "its operand is a tensor, never a constant", NoRule = "it appears only in adjoints, which are not differentiated again", Inactive = true,
            Print = Form.Special, Emitted = Form.Special, NoGradientTest = "only in gradients: every slice of the suite",
        },

        // Element reads of a tensor parameter, their checked indexes, and their adjoint.
        new(Op.Element, "Element", 2, PrimitiveKind.Layout, "Element k (an integer, row-major) of a tensor parameter, as a scalar: x[i], x[^1], x[i, j]; x[i] and x[i, j] in PyTorch.")
        {
            NoFold = "its operand is a parameter, never a constant", Print = Form.Special, Emitted = Form.Special, GradientTest = "ElementReads",
            Rule = new("d(x[k]) = dū added at element k of dx", c =>
                c.Accumulate(0, c.B.Add(new Node(Op.Scatter, Model.EquatableArray.Create(c.Adjoint, c.Arg(1)), c.ArgNode(0).Domain)))),
        },
        new(Op.Index, "Index", 1, PrimitiveKind.Elementwise, "An integer index along one axis of a parameter, checked against its rank and length as C#'s indexer checks it.")
        {
            NoFold = "the length it is checked against is known only at run time", NoRule = "integers only, and an integer has no derivative", Inactive = true,
            Print = Form.Special, Emitted = Form.Special, NoGradientTest = "integers only",
        },
        new(Op.LoopBroadcast, "LoopBroadcast", 1, PrimitiveKind.Layout, "A tensor of a smaller shape read in the broadcast shape of a loop over elements, with stride 0 along the stretched axes; NumPy/PyTorch broadcasting.")
        {
            NoFold = "its operand is a tensor, never a constant", NoRule = "it exists only while whole-tensor work is lowered to loops over elements, which read its operand element by element", Inactive = true,
            Print = Form.Special, Emitted = Form.Special, NoGradientTest = "never differentiated: the element reads it becomes are (the broadcasts of the loop tensor suite)",
        },
        new(Op.LoopIndex, "LoopIndex", 1, PrimitiveKind.Elementwise, "The index in a smaller operand of element k of a loop over a broadcast shape, computed by a run-time map (SymGrad.Kernels.LoopIndex).")
        {
            NoFold = "the shapes it maps between are known only at run time", NoRule = "integers only, and an integer has no derivative", Inactive = true,
            Print = Form.Special, Emitted = Form.Special, NoGradientTest = "integers only",
        },
        new(Op.Scatter, "Scatter", 2, PrimitiveKind.Layout, "The adjoint of an element read: a scalar at element k of a tensor, 0 elsewhere; the gradient of x[i] in PyTorch.")
        {
            NoFold = "it is a tensor, never a constant", NoRule = "it appears only in adjoints, which are not differentiated again", Inactive = true,
            Print = Form.Special, Emitted = Form.Special, NoGradientTest = "only in gradients: every element read of the suite",
        },

        // Comparisons and logic: 0/1 conditions.
        Comparison(Op.Less, "LessThan", "<", 4, (x, y) => x < y, "1 where u < v, else 0 (0 for NaN); a mask, torch.lt.", callable: true),
        Comparison(Op.LessOrEqual, "LessThanOrEqual", "<=", 4, (x, y) => x <= y, "1 where u <= v, else 0 (0 for NaN); a mask, torch.le.", callable: true),
        Comparison(Op.Greater, "GreaterThan", ">", 4, (x, y) => x > y, "1 where u > v, else 0 (0 for NaN); a mask, torch.gt.", callable: true),
        Comparison(Op.GreaterOrEqual, "GreaterThanOrEqual", ">=", 4, (x, y) => x >= y, "1 where u >= v, else 0 (0 for NaN); a mask, torch.ge.", callable: true),
        Comparison(Op.Equal, "Equal", "==", 3, (x, y) => x == y, "1 where u == v, else 0 (0 for NaN); torch.eq.", callable: false),
        Comparison(Op.NotEqual, "NotEqual", "!=", 3, (x, y) => x != y, "1 where u != v, else 0 (1 for NaN); torch.ne.", callable: false),
        new(Op.And, "And", 2, PrimitiveKind.Logic, "1 where both scalar conditions are nonzero, else 0: C#'s &&.")
        {
            Fold = (x, y, _) => x != 0 && y != 0 ? 1 : 0, NoRule = "a condition is piecewise constant", Inactive = true,
            Print = Form.Infix, Symbol = "&&", Precedence = 2, Emitted = Form.Special, NoGradientTest = NoGradient,
        },
        new(Op.Or, "Or", 2, PrimitiveKind.Logic, "1 where either scalar condition is nonzero, else 0: C#'s ||.")
        {
            Fold = (x, y, _) => x != 0 || y != 0 ? 1 : 0, NoRule = "a condition is piecewise constant", Inactive = true,
            Print = Form.Infix, Symbol = "||", Precedence = 1, Emitted = Form.Special, NoGradientTest = NoGradient,
        },
        new(Op.Not, "Not", 1, PrimitiveKind.Logic, "1 where the scalar condition is 0, else 0: C#'s !.")
        {
            Fold = (x, _, _) => x == 0 ? 1 : 0, NoRule = "a condition is piecewise constant", Inactive = true,
            Print = Form.Prefix, Symbol = "!", Precedence = 7, Emitted = Form.Special, NoGradientTest = NoGradient,
        },
        new(Op.Convert, "Convert", 1, PrimitiveKind.Elementwise, "Its scalar operand converted to the node's type, as a C# cast or implicit conversion.")
        {
            NoFold = "the simplifier folds a conversion only when it does not round, in its own rule", Print = Form.Special, Precedence = 7, Emitted = Form.Special,
            Rule = new("d((T)u) = (U)dū: a conversion between floating types passes the adjoint back in u's type", c =>
                c.Accumulate(0, c.B.Convert(c.Adjoint, c.ArgNode(0).Type, Overflow.Default))),
            NoGradientTest = "scalar conversions: the composed suite's mixed float and double functions check it",
        },

        // The stable element-wise functions and the element-wise extremes of the contract's part 2.
        new(Op.Expm1, "Expm1", 1, PrimitiveKind.Elementwise, "exp(u) - 1, element-wise, accurate for tiny u; torch.expm1.")
        {
            Callable = true, Fold = (x, _, _) => Expm1(x), GradientTest = "OpExpm1",
            Rule = new("d(expm1 u) = (expm1(u) + 1) du", c => c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Add, c.Output, c.Like(0, 1))))),
        },
        new(Op.Softplus, "Softplus", 1, PrimitiveKind.Elementwise, "log(1 + exp(u)), element-wise, u itself above 20; torch.nn.functional.softplus (beta 1, threshold 20).")
        {
            Callable = true, Fold = (x, _, _) => x > 20 ? x : Log1p(Math.Exp(x)), GradientTest = "OpSoftplus",
            Rule = new("d(softplus u) = σ(u) du (1 above the threshold 20, as PyTorch)", c =>
            {
                int above = c.B.Make(Op.Greater, c.Arg(0), c.Like(0, 20));
                c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Select, above, c.Like(0, 1), c.B.Make(Op.Sigmoid, c.Arg(0)))));
            }),
        },
        new(Op.LogSigmoid, "LogSigmoid", 1, PrimitiveKind.Elementwise, "log(σ(u)) as min(u, 0) - log1p(exp(-|u|)), element-wise; torch.nn.functional.logsigmoid.")
        {
            Callable = true, Fold = (x, _, _) => Math.Min(x, 0) - Log1p(Math.Exp(-Math.Abs(x))), GradientTest = "OpLogSigmoid",
            Rule = new("d(log σ(u)) = σ(-u) du", c => c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.B.Make(Op.Sigmoid, c.B.Make(Op.Negate, c.Arg(0)))))),
        },
        new(Op.Maximum, "Maximum", 2, PrimitiveKind.Elementwise, "The larger of u and v, element-wise, NaN if either is NaN; torch.maximum (a tie shares the gradient evenly).")
        {
            Callable = true, Fold = (x, y, _) => Maximum(x, y), GradientTest = "OpMaximum",
            Rule = new("d max(u, v) = du where u > v, dv where v > u, half of each at a tie", c => Extreme(c, Op.Less, Op.Greater)),
        },
        new(Op.Minimum, "Minimum", 2, PrimitiveKind.Elementwise, "The smaller of u and v, element-wise, NaN if either is NaN; torch.minimum (a tie shares the gradient evenly).")
        {
            Callable = true, Fold = (x, y, _) => Minimum(x, y), GradientTest = "OpMinimum",
            Rule = new("d min(u, v) = du where u < v, dv where v < u, half of each at a tie", c => Extreme(c, Op.Greater, Op.Less)),
        },
        new(Op.Clamp, "Clamp", 3, PrimitiveKind.Elementwise, "u limited to [lo, hi] as Minimum(Maximum(u, lo), hi), NaN staying NaN and hi winning when lo > hi; torch.clamp.")
        {
            Callable = true, Fold = (x, lo, hi) => Minimum(Maximum(x, lo), hi), GradientTest = "OpClamp",
            Rule = new("d clamp(u, lo, hi) = du where lo <= u <= hi; dlo where u < lo < hi; dhi where u > hi or hi < lo (PyTorch's clamp_backward)", c =>
            {
                int u = c.Arg(0);
                int lo = c.Arg(1);
                int hi = c.Arg(2);
                int inside = c.B.Make(Op.Multiply, c.B.Make(Op.GreaterOrEqual, u, lo), c.B.Make(Op.LessOrEqual, u, hi));
                c.Accumulate(0, c.B.Make(Op.Select, inside, c.Adjoint, c.Like(0, 0)));
                if (c.IsActive(1))
                {
                    int below = c.B.Make(Op.Multiply, c.B.Make(Op.Less, u, lo), c.B.Make(Op.Less, lo, hi));
                    c.Accumulate(1, c.B.Make(Op.Select, below, c.Adjoint, c.Like(1, 0)));
                }

                if (c.IsActive(2))
                {
                    int above = c.B.Make(Op.Select, c.B.Make(Op.Less, hi, lo), c.Adjoint, c.B.Make(Op.Select, c.B.Make(Op.Greater, u, hi), c.Adjoint, c.Like(2, 0)));
                    c.Accumulate(2, above);
                }
            }),
        },
        new(Op.Log1p, "Log1p", 1, PrimitiveKind.Elementwise, "log(1 + u), element-wise, accurate for tiny u; torch.log1p.")
        {
            Callable = true, Fold = (x, _, _) => Log1p(x), GradientTest = "OpLog1p",
            Rule = new("d(log1p u) = du / (1 + u)", c => c.Accumulate(0, c.B.Make(Op.Divide, c.Adjoint, c.B.Make(Op.Add, c.Like(0, 1), c.Arg(0))))),
        },
        new(Op.FusedMultiplyAdd, "FusedMultiplyAdd", 3, PrimitiveKind.Elementwise, "u * v + w rounded once, element-wise, as Math.FusedMultiplyAdd and MathF.FusedMultiplyAdd (torch.addcmul rounds the product too).")
        {
            NoFold = "C# rounds u * v + w once, and the generator (netstandard2.0) has no exact fused multiply-add: computed at run time",
            GradientTest = "OpFusedMultiplyAdd",
            Rule = new("d fma(u, v, w) = v du + u dv + dw", c =>
            {
                c.Accumulate(0, c.B.Make(Op.Multiply, c.Adjoint, c.Arg(1)));
                c.Accumulate(1, c.B.Make(Op.Multiply, c.Adjoint, c.Arg(0)));
                c.Accumulate(2, c.Adjoint);
            }),
        },
    ];

    private static readonly Primitive?[] ByOp = Index();

    /// <summary>Every row, in declaration order.</summary>
    public static IReadOnlyList<Primitive> All => Rows;

    /// <summary>The row of <paramref name="op"/>.</summary>
    public static Primitive Of(Op op)
        => (int)op < ByOp.Length && ByOp[(int)op] is { } row ? row : throw new InvalidOperationException("The operation " + op + " has no row in the table of primitives.");

    /// <summary>The primitive a [Differentiable] body calls by <paramref name="name"/> with <paramref name="arity"/> arguments, or null.</summary>
    public static Op? Callable(string name, int arity)
    {
        foreach (Primitive row in Rows)
        {
            if (row.Callable && row.Arity == arity && row.Name == name)
            {
                return row.Op;
            }
        }

        return null;
    }

    private static Primitive AxisReduction(Op op, string name, string documentation, string gradientTest, DerivativeRules.Rule rule)
        => new(op, name + "Axis", 1, PrimitiveKind.Materialized, documentation)
        {
            NoFold = "its operand is a matrix, never a constant", PrintedAs = name, Print = Form.Special, Emitted = Form.Special, GradientTest = gradientTest, Rule = rule,
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

    private static Primitive Comparison(Op op, string name, string symbol, int precedence, Func<double, double, bool> holds, string documentation, bool callable)
        => new(op, name, 2, PrimitiveKind.Comparison, documentation)
        {
            Callable = callable, Fold = (x, y, _) => holds(x, y) ? 1 : 0, NoRule = "a mask is piecewise constant: it carries no gradient", Inactive = true,
            Print = Form.Infix, Symbol = symbol, Precedence = precedence, Emitted = Form.Condition, NoGradientTest = NoGradient,
        };

    /// <summary>
    /// The rule of Maximum (<paramref name="loses"/> = Less, <paramref name="wins"/> = Greater) and Minimum (the
    /// reverse), as PyTorch's: the adjoint goes to the operand that is taken, half to each at a tie, and to both
    /// where either is NaN (no comparison holds there).
    /// </summary>
    private static void Extreme(RuleContext c, Op loses, Op wins)
    {
        int u = c.Arg(0);
        int v = c.Arg(1);
        int half = c.B.Make(Op.Select, c.B.Make(Op.Equal, u, v), c.B.Make(Op.Multiply, c.Like(0, 0.5), c.Adjoint), c.Adjoint);
        if (c.IsActive(0))
        {
            c.Accumulate(0, c.B.Make(Op.Select, c.B.Make(loses, u, v), c.Like(0, 0), half));
        }

        if (c.IsActive(1))
        {
            c.Accumulate(1, c.B.Make(Op.Select, c.B.Make(wins, u, v), c.Like(1, 0), half));
        }
    }

    /// <summary>IEEE 754's maximum, as TensorPrimitives.Max and Math.Max: NaN if either is NaN, and +0 above -0.</summary>
    private static double Maximum(double x, double y)
        => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : x > y ? x : y > x ? y : (IsNegative(x) ? y : x);

    /// <summary>IEEE 754's minimum, as TensorPrimitives.Min and Math.Min: NaN if either is NaN, and -0 below +0.</summary>
    private static double Minimum(double x, double y)
        => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : x < y ? x : y < x ? y : (IsNegative(x) ? x : y);

    private static bool IsNegative(double x) => BitConverter.DoubleToInt64Bits(x) < 0;

    /// <summary>log(1 + x) by Kahan's correction, as the runtime computes it.</summary>
    private static double Log1p(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : !double.IsInfinity(u) && !double.IsNaN(u) ? Math.Log(u) * (x / (u - 1)) : Math.Log(u);
    }

    /// <summary>exp(x) - 1 by Kahan's correction, as the runtime computes it.</summary>
    private static double Expm1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        double um1 = u - 1;
        return um1 == -1 || double.IsInfinity(u) || double.IsNaN(u) ? um1 : um1 * (x / Math.Log(u));
    }

    private static Primitive?[] Index()
    {
        int size = 0;
        foreach (Primitive row in Rows)
        {
            size = Math.Max(size, (int)row.Op + 1);
        }

        var index = new Primitive?[size];
        foreach (Primitive row in Rows)
        {
            index[(int)row.Op] = index[(int)row.Op] is null ? row : throw new InvalidOperationException("The operation " + row.Op + " has two rows.");
        }

        return index;
    }
}
