using System;
using System.Collections.Generic;
using System.Linq;
using static SymGrad.Tests.Gradients.CaseParameter;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Every function of <see cref="Ops"/> and <see cref="Composed"/> with its parameters, its sizes and its three entry
/// points: the method run eagerly, the generated <c>Value</c> and the generated <c>ValueAndGradient</c>. The tests
/// run each check on every case at every size.
/// </summary>
public static partial class GradientCatalog
{
    /// <summary>
    /// Vector lengths: a single element, one short of and one past a 16-float vector, a long run with a tail; and,
    /// for the long-tensor checks, three reduction blocks and a tail.
    /// </summary>
    private static readonly SizeSet Vectors = new([new(1), new(15), new(17), new(1003)], new(3 * 16384 + 5));

    /// <summary>Matrices [r, c].</summary>
    private static readonly SizeSet Matrices = new([new(1, 1), new(3, 5), new(17, 15), new(40, 33)], new(131, 127));

    /// <summary>Square matrices [n, n].</summary>
    private static readonly SizeSet Squares = new([new(1), new(5), new(17), new(33)], new(131));

    /// <summary>A product of [m, k] and [k, p].</summary>
    private static readonly SizeSet Products = new([new(1, 1, 1), new(3, 5, 4), new(7, 17, 17), new(40, 33, 17)], new(131, 127, 129));

    /// <summary>A chain of [m, k], [k, p] and [p, q].</summary>
    private static readonly SizeSet Chains = new([new(1, 1, 1, 1), new(3, 5, 4, 2), new(17, 15, 16, 17), new(40, 33, 9, 17)], new(131, 127, 9, 17));

    /// <summary>A linear layer: n samples, in features, out features.</summary>
    private static readonly SizeSet Layers = new([new(1, 1, 1), new(3, 5, 2), new(17, 15, 17), new(64, 33, 3)], new(1031, 17, 3));

    /// <summary>A two-layer network: n samples, in features, hidden units, out features.</summary>
    private static readonly SizeSet Networks = new([new(1, 1, 1, 1), new(3, 5, 4, 2), new(17, 15, 17, 3), new(64, 33, 16, 5)], new(1031, 17, 16, 5));

    /// <summary>A binary classifier: n samples, d features, one output.</summary>
    private static readonly SizeSet Classifiers = new([new(1, 1, 1), new(3, 5, 1), new(17, 15, 1), new(64, 33, 1)], new(1031, 17, 1));

    private static readonly Domain Wide = Domain.Wide;
    private static readonly Domain Small = Domain.Small;
    private static readonly Domain Positive = Domain.Positive;

    /// <summary>Every case the generator gets right, the operations first.</summary>
    public static IReadOnlyList<GradientCase> All { get; } = [.. OpCases(), .. ComposedCases(), .. LayerCases(), .. ElementwiseCases(), .. AxesCases(), .. SliceCases(), .. RowBroadcastCases(), .. ElementCases(), .. ProductCases(), .. BroadcastCases(), .. ReshapeCases(), .. RankThreeCases(), .. BroadcastEdgeCases()];

    /// <summary>The reproductions of <see cref="GeneratorLimits"/>: cases the generator gets wrong, run only by skipped tests.</summary>
    public static IReadOnlyList<GradientCase> Limits { get; } = [.. LimitCases()];

    /// <summary>The case of the method named <paramref name="name"/>, among <see cref="All"/> and <see cref="Limits"/>.</summary>
    public static GradientCase Find(string name)
        => All.Concat(Limits).SingleOrDefault(c => c.Name == name) ?? throw new ArgumentException($"No gradient case is named '{name}'.", nameof(name));

    /// <summary>Runs <paramref name="single"/> or <paramref name="@double"/>, whichever fits the case's element type.</summary>
    public static void Dispatch(GradientCase gradientCase, Action<GradientCase<float>> single, Action<GradientCase<double>> @double)
    {
        switch (gradientCase)
        {
            case GradientCase<float> f:
                single(f);
                break;
            case GradientCase<double> d:
                @double(d);
                break;
            default:
                throw new ArgumentException($"Case '{gradientCase.Name}' has element type {gradientCase.Element.Name}.", nameof(gradientCase));
        }
    }

    /// <summary>(case, size) for every case at every size.</summary>
    public static TheoryData<string, string> EverySize()
    {
        var data = new TheoryData<string, string>();
        foreach (GradientCase c in All)
        {
            foreach (Size size in c.Sizes)
            {
                data.Add(c.Name, size.Label);
            }
        }

        return data;
    }

    /// <summary>Every case's name.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (GradientCase c in All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    private static GradientCase<double> Double(
        string name, SizeSet sizes, CaseParameter[] parameters,
        ValueFunction<double> eager, ValueFunction<double> value, GradientFunction<double> valueAndGradient)
        => new(name, parameters, sizes.Regular, sizes.Long, eager, value, valueAndGradient);

    /// <param name="step">The finite-difference step, where the float default of 1e-2 is too coarse for the function's curvature.</param>
    private static GradientCase<float> Single(
        string name, SizeSet sizes, CaseParameter[] parameters,
        ValueFunction<float> eager, ValueFunction<float> value, GradientFunction<float> valueAndGradient, double step = 1e-2)
        => new(name, parameters, sizes.Regular, sizes.Long, eager, value, valueAndGradient) { Step = step };

    /// <summary>The sizes of one kind of function: those every check runs at, and one past several reduction blocks.</summary>
    private sealed record SizeSet(Size[] Regular, Size Long);

    private static IEnumerable<GradientCase> OpCases() =>
    [
        Double("OpSum", Vectors, [Tensor("x", Wide)], a => Ops.OpSum(a[0]), a => Ops.OpSumValue(a[0]), (a, g) => Ops.OpSumValueAndGradient(a[0], g[0])),
        Double("OpMean", Vectors, [Tensor("x", Wide)], a => Ops.OpMean(a[0]), a => Ops.OpMeanValue(a[0]), (a, g) => Ops.OpMeanValueAndGradient(a[0], g[0])),
        Double("OpSquare", Vectors, [Tensor("x", Wide)], a => Ops.OpSquare(a[0]), a => Ops.OpSquareValue(a[0]), (a, g) => Ops.OpSquareValueAndGradient(a[0], g[0])),
        Double("OpSqrt", Vectors, [Tensor("x", Positive)], a => Ops.OpSqrt(a[0]), a => Ops.OpSqrtValue(a[0]), (a, g) => Ops.OpSqrtValueAndGradient(a[0], g[0])),
        Double("OpExp", Vectors, [Tensor("x", Wide)], a => Ops.OpExp(a[0]), a => Ops.OpExpValue(a[0]), (a, g) => Ops.OpExpValueAndGradient(a[0], g[0])),
        Double("OpLog", Vectors, [Tensor("x", Positive)], a => Ops.OpLog(a[0]), a => Ops.OpLogValue(a[0]), (a, g) => Ops.OpLogValueAndGradient(a[0], g[0])),
        Double("OpAbs", Vectors, [Tensor("x", Domain.AwayFrom(0))], a => Ops.OpAbs(a[0]), a => Ops.OpAbsValue(a[0]), (a, g) => Ops.OpAbsValueAndGradient(a[0], g[0])),
        Double("OpSin", Vectors, [Tensor("x", Wide)], a => Ops.OpSin(a[0]), a => Ops.OpSinValue(a[0]), (a, g) => Ops.OpSinValueAndGradient(a[0], g[0])),
        Double("OpCos", Vectors, [Tensor("x", Wide)], a => Ops.OpCos(a[0]), a => Ops.OpCosValue(a[0]), (a, g) => Ops.OpCosValueAndGradient(a[0], g[0])),
        Double("OpTanh", Vectors, [Tensor("x", Wide)], a => Ops.OpTanh(a[0]), a => Ops.OpTanhValue(a[0]), (a, g) => Ops.OpTanhValueAndGradient(a[0], g[0])),
        Double("OpSigmoid", Vectors, [Tensor("x", Wide)], a => Ops.OpSigmoid(a[0]), a => Ops.OpSigmoidValue(a[0]), (a, g) => Ops.OpSigmoidValueAndGradient(a[0], g[0])),
        Double("OpRelu", Vectors, [Tensor("x", Domain.AwayFrom(0))], a => Ops.OpRelu(a[0]), a => Ops.OpReluValue(a[0]), (a, g) => Ops.OpReluValueAndGradient(a[0], g[0])),
        Double("OpPowConstant", Vectors, [Tensor("x", Wide)], a => Ops.OpPowConstant(a[0]), a => Ops.OpPowConstantValue(a[0]), (a, g) => Ops.OpPowConstantValueAndGradient(a[0], g[0])),
        Double("OpPowFractional", Vectors, [Tensor("x", Positive)], a => Ops.OpPowFractional(a[0]), a => Ops.OpPowFractionalValue(a[0]), (a, g) => Ops.OpPowFractionalValueAndGradient(a[0], g[0])),
        Double(
            "OpPowParameter", Vectors, [Tensor("x", Positive), Scalar("p", 1.7)],
            a => Ops.OpPowParameter(a[0], a.Scalar(1)), a => Ops.OpPowParameterValue(a[0], a.Scalar(1)),
            (a, g) => Ops.OpPowParameterValueAndGradient(a[0], a.Scalar(1), g[0], out g.Scalar(1))),
        Double("OpDot", Vectors, [Tensor("x", Wide), Tensor("y", Wide)], a => Ops.OpDot(a[0], a[1]), a => Ops.OpDotValue(a[0], a[1]), (a, g) => Ops.OpDotValueAndGradient(a[0], a[1], g[0], g[1])),
        Double("OpLogSumExp", Vectors, [Tensor("x", Wide)], a => Ops.OpLogSumExp(a[0]), a => Ops.OpLogSumExpValue(a[0]), (a, g) => Ops.OpLogSumExpValueAndGradient(a[0], g[0])),
        Double("OpMse", Vectors, [Tensor("x", Wide), Tensor("target", Wide)], a => Ops.OpMse(a[0], a[1]), a => Ops.OpMseValue(a[0], a[1]), (a, g) => Ops.OpMseValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "OpMatMul", Products, [Tensor("a", Wide, 0, 1), Tensor("b", Wide, 1, 2)],
            a => Ops.OpMatMul(a[0], a[1]), a => Ops.OpMatMulValue(a[0], a[1]), (a, g) => Ops.OpMatMulValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "OpTranspose", Matrices, [Tensor("a", Wide, 0, 1), NoGrad("weights", Wide, 1, 0)],
            a => Ops.OpTranspose(a[0], a[1]), a => Ops.OpTransposeValue(a[0], a[1]), (a, g) => Ops.OpTransposeValueAndGradient(a[0], a[1], g[0])),
        Double("OpAdd", Vectors, [Tensor("x", Wide), Tensor("y", Wide)], a => Ops.OpAdd(a[0], a[1]), a => Ops.OpAddValue(a[0], a[1]), (a, g) => Ops.OpAddValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "OpSubtract", Vectors, [Tensor("x", Wide), Tensor("y", Wide)],
            a => Ops.OpSubtract(a[0], a[1]), a => Ops.OpSubtractValue(a[0], a[1]), (a, g) => Ops.OpSubtractValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "OpMultiply", Vectors, [Tensor("x", Wide), Tensor("y", Wide)],
            a => Ops.OpMultiply(a[0], a[1]), a => Ops.OpMultiplyValue(a[0], a[1]), (a, g) => Ops.OpMultiplyValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "OpDivide", Vectors, [Tensor("x", Wide), Tensor("y", Positive)],
            a => Ops.OpDivide(a[0], a[1]), a => Ops.OpDivideValue(a[0], a[1]), (a, g) => Ops.OpDivideValueAndGradient(a[0], a[1], g[0], g[1])),
        Double("OpNegate", Vectors, [Tensor("x", Wide)], a => Ops.OpNegate(a[0]), a => Ops.OpNegateValue(a[0]), (a, g) => Ops.OpNegateValueAndGradient(a[0], g[0])),

        Single("OpSumF", Vectors, [Tensor("x", Wide)], a => Ops.OpSumF(a[0]), a => Ops.OpSumFValue(a[0]), (a, g) => Ops.OpSumFValueAndGradient(a[0], g[0])),
        Single("OpMeanF", Vectors, [Tensor("x", Wide)], a => Ops.OpMeanF(a[0]), a => Ops.OpMeanFValue(a[0]), (a, g) => Ops.OpMeanFValueAndGradient(a[0], g[0])),
        Single("OpSquareF", Vectors, [Tensor("x", Wide)], a => Ops.OpSquareF(a[0]), a => Ops.OpSquareFValue(a[0]), (a, g) => Ops.OpSquareFValueAndGradient(a[0], g[0])),
        Single("OpSqrtF", Vectors, [Tensor("x", Positive)], a => Ops.OpSqrtF(a[0]), a => Ops.OpSqrtFValue(a[0]), (a, g) => Ops.OpSqrtFValueAndGradient(a[0], g[0])),
        Single("OpExpF", Vectors, [Tensor("x", Wide)], a => Ops.OpExpF(a[0]), a => Ops.OpExpFValue(a[0]), (a, g) => Ops.OpExpFValueAndGradient(a[0], g[0])),
        Single("OpLogF", Vectors, [Tensor("x", Positive)], a => Ops.OpLogF(a[0]), a => Ops.OpLogFValue(a[0]), (a, g) => Ops.OpLogFValueAndGradient(a[0], g[0])),
        Single("OpAbsF", Vectors, [Tensor("x", Domain.AwayFrom(0))], a => Ops.OpAbsF(a[0]), a => Ops.OpAbsFValue(a[0]), (a, g) => Ops.OpAbsFValueAndGradient(a[0], g[0])),
        Single("OpSinF", Vectors, [Tensor("x", Wide)], a => Ops.OpSinF(a[0]), a => Ops.OpSinFValue(a[0]), (a, g) => Ops.OpSinFValueAndGradient(a[0], g[0])),
        Single("OpCosF", Vectors, [Tensor("x", Wide)], a => Ops.OpCosF(a[0]), a => Ops.OpCosFValue(a[0]), (a, g) => Ops.OpCosFValueAndGradient(a[0], g[0])),
        Single("OpTanhF", Vectors, [Tensor("x", Wide)], a => Ops.OpTanhF(a[0]), a => Ops.OpTanhFValue(a[0]), (a, g) => Ops.OpTanhFValueAndGradient(a[0], g[0])),
        Single("OpSigmoidF", Vectors, [Tensor("x", Wide)], a => Ops.OpSigmoidF(a[0]), a => Ops.OpSigmoidFValue(a[0]), (a, g) => Ops.OpSigmoidFValueAndGradient(a[0], g[0])),
        Single("OpReluF", Vectors, [Tensor("x", Domain.AwayFrom(0))], a => Ops.OpReluF(a[0]), a => Ops.OpReluFValue(a[0]), (a, g) => Ops.OpReluFValueAndGradient(a[0], g[0])),
        Single("OpPowConstantF", Vectors, [Tensor("x", Wide)], a => Ops.OpPowConstantF(a[0]), a => Ops.OpPowConstantFValue(a[0]), (a, g) => Ops.OpPowConstantFValueAndGradient(a[0], g[0])),
        Single(
            "OpPowParameterF", Vectors, [Tensor("x", Positive), Scalar("p", 1.7)],
            a => Ops.OpPowParameterF(a[0], a.Scalar(1)), a => Ops.OpPowParameterFValue(a[0], a.Scalar(1)),
            (a, g) => Ops.OpPowParameterFValueAndGradient(a[0], a.Scalar(1), g[0], out g.Scalar(1))),
        Single("OpDotF", Vectors, [Tensor("x", Wide), Tensor("y", Wide)], a => Ops.OpDotF(a[0], a[1]), a => Ops.OpDotFValue(a[0], a[1]), (a, g) => Ops.OpDotFValueAndGradient(a[0], a[1], g[0], g[1])),
        Single("OpLogSumExpF", Vectors, [Tensor("x", Wide)], a => Ops.OpLogSumExpF(a[0]), a => Ops.OpLogSumExpFValue(a[0]), (a, g) => Ops.OpLogSumExpFValueAndGradient(a[0], g[0])),
        Single(
            "OpMseF", Vectors, [Tensor("x", Wide), Tensor("target", Wide)],
            a => Ops.OpMseF(a[0], a[1]), a => Ops.OpMseFValue(a[0], a[1]), (a, g) => Ops.OpMseFValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "OpMatMulF", Products, [Tensor("a", Wide, 0, 1), Tensor("b", Wide, 1, 2)],
            a => Ops.OpMatMulF(a[0], a[1]), a => Ops.OpMatMulFValue(a[0], a[1]), (a, g) => Ops.OpMatMulFValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "OpTransposeF", Matrices, [Tensor("a", Wide, 0, 1), NoGrad("weights", Wide, 1, 0)],
            a => Ops.OpTransposeF(a[0], a[1]), a => Ops.OpTransposeFValue(a[0], a[1]), (a, g) => Ops.OpTransposeFValueAndGradient(a[0], a[1], g[0])),
    ];
}
