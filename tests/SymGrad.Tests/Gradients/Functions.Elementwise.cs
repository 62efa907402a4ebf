using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

// The element-wise vocabulary of the contract's part 2, each on its own in double and in float (a name ending in F),
// with its PyTorch twin under the same name in tools/reference/gradients.py. Inputs stay away from kinks by at least
// 0.1, so finite differences never step across one; ties, NaN and infinities are checked in ElementwiseEdgeTests.
public static partial class Ops
{
    [Differentiable] public static double OpLog1p(ReadOnlyTensorSpan<double> x) => Sum(Log1p(x));
    [Differentiable] public static double OpExpm1(ReadOnlyTensorSpan<double> x) => Sum(Expm1(x));
    [Differentiable] public static double OpSoftplus(ReadOnlyTensorSpan<double> x) => Sum(Softplus(x));
    [Differentiable] public static double OpLogSigmoid(ReadOnlyTensorSpan<double> x) => Sum(LogSigmoid(x));
    [Differentiable] public static double OpMaximum(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => Sum(Maximum(x, y) * y);
    [Differentiable] public static double OpMinimum(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => Sum(Minimum(x, y) * y);
    [Differentiable] public static double OpMaximumScalar(ReadOnlyTensorSpan<double> x, double s) => Sum(Square(Maximum(x, s)) + Minimum(s, x));
    [Differentiable] public static double OpClamp(ReadOnlyTensorSpan<double> x, double lo, double hi) => Sum(Square(Clamp(x - 0.6, lo, hi)) + Clamp(x + 0.6, lo, hi));
    [Differentiable] public static double OpWhere(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => Sum(Where(x < 0, Square(x) * y, Sin(y))) + Sum(Where(GreaterThanOrEqual(x, 0.0), x * y, 2.0));
    [Differentiable] public static double OpComparisons(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => Sum(Where(0.1 <= x, x, y) + Where(LessThan(x, -0.1), y, x) + Where(x > 0.2, 1.0, Exp(x)) + Where(GreaterThan(x, -0.2), y, Square(x)) + Where(LessThanOrEqual(x, 0.0), Sin(x), y) + Where(x >= 0.0, y * y, 0.0));
    [Differentiable] public static double OpMax(ReadOnlyTensorSpan<double> x) => Max(x) * Sum(x);
    [Differentiable] public static double OpMin(ReadOnlyTensorSpan<double> x) => Min(x) * Sum(x);
    [Differentiable] public static double OpFusedMultiplyAdd(ReadOnlyTensorSpan<double> x, double a, double b) => Math.FusedMultiplyAdd(a, Sum(Square(x)), b * a);
    [Differentiable] public static double OpBinaryCrossEntropyWithLogits(ReadOnlyTensorSpan<double> z, [NoGrad] ReadOnlyTensorSpan<double> y) => BinaryCrossEntropyWithLogits(z, y);

    [Differentiable] public static float OpLog1pF(ReadOnlyTensorSpan<float> x) => Sum(Log1p(x));
    [Differentiable] public static float OpExpm1F(ReadOnlyTensorSpan<float> x) => Sum(Expm1(x));
    [Differentiable] public static float OpSoftplusF(ReadOnlyTensorSpan<float> x) => Sum(Softplus(x));
    [Differentiable] public static float OpLogSigmoidF(ReadOnlyTensorSpan<float> x) => Sum(LogSigmoid(x));
    [Differentiable] public static float OpMaximumF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y) => Sum(Maximum(x, y) * y);
    [Differentiable] public static float OpMinimumF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y) => Sum(Minimum(x, y) * y);
    [Differentiable] public static float OpMaximumScalarF(ReadOnlyTensorSpan<float> x, float s) => Sum(Square(Maximum(x, s)) + Minimum(s, x));
    [Differentiable] public static float OpClampF(ReadOnlyTensorSpan<float> x, float lo, float hi) => Sum(Square(Clamp(x - 0.6f, lo, hi)) + Clamp(x + 0.6f, lo, hi));
    [Differentiable] public static float OpWhereF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y) => Sum(Where(x < 0, Square(x) * y, Sin(y))) + Sum(Where(GreaterThanOrEqual(x, 0f), x * y, 2f));
    [Differentiable] public static float OpComparisonsF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y) => Sum(Where(0.1f <= x, x, y) + Where(LessThan(x, -0.1f), y, x) + Where(x > 0.2f, 1f, Exp(x)) + Where(GreaterThan(x, -0.2f), y, Square(x)) + Where(LessThanOrEqual(x, 0f), Sin(x), y) + Where(x >= 0f, y * y, 0f));
    [Differentiable] public static float OpMaxF(ReadOnlyTensorSpan<float> x) => Max(x) * Sum(x);
    [Differentiable] public static float OpMinF(ReadOnlyTensorSpan<float> x) => Min(x) * Sum(x);
    [Differentiable] public static float OpFusedMultiplyAddF(ReadOnlyTensorSpan<float> x, float a, float b) => MathF.FusedMultiplyAdd(a, Sum(Square(x)), b * a);
    [Differentiable] public static float OpBinaryCrossEntropyWithLogitsF(ReadOnlyTensorSpan<float> z, [NoGrad] ReadOnlyTensorSpan<float> y) => BinaryCrossEntropyWithLogits(z, y);
}

// The "done when" programs, in their natural spelling.
public static partial class Composed
{
    /// <summary>The Huber loss (delta 1) with an element-wise mask, as torch.nn.functional.huber_loss.</summary>
    [Differentiable]
    public static double HuberWithWhere(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<double> target)
    {
        double delta = 1.0;
        var r = x - target;
        return Mean(Where(Abs(r) <= delta, 0.5 * r * r, delta * (Abs(r) - 0.5 * delta)));
    }

    /// <summary>Binary cross-entropy with logits written out with Maximum and Log1p, as torch.nn.functional.binary_cross_entropy_with_logits.</summary>
    [Differentiable]
    public static double BceWithMaximum(ReadOnlyTensorSpan<double> z, [NoGrad] ReadOnlyTensorSpan<double> y)
        => Mean(Maximum(z, 0) - z * y + Log1p(Exp(-Abs(z))));

    /// <summary>Binary cross-entropy with logits written out, in float.</summary>
    [Differentiable]
    public static float BceWithMaximumF(ReadOnlyTensorSpan<float> z, [NoGrad] ReadOnlyTensorSpan<float> y)
        => Mean(Maximum(z, 0) - z * y + Log1p(Exp(-Abs(z))));

    /// <summary>The Huber loss in float.</summary>
    [Differentiable]
    public static float HuberWithWhereF(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target)
    {
        float delta = 1f;
        var r = x - target;
        return Mean(Where(Abs(r) <= delta, 0.5f * r * r, delta * (Abs(r) - 0.5f * delta)));
    }
}
