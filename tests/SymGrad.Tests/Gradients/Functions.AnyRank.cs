using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Reductions, softmaxes and log-softmaxes along axes of tensors whose rank the body does not show: a matrix is computed
/// by the method's matrix form, a tensor of rank 3 or more through the rank-3 view the axes fold it onto. Ranks 2 to 5.
/// <c>tools/reference/any_rank.py</c> defines each in PyTorch under the same name.
/// </summary>
public static partial class AnyRanks
{
    /// <summary>The sums along the last axis, squared: the rows of [d0*...*dn-2, dn-1].</summary>
    [Differentiable]
    public static double AnyLastSum(ReadOnlyTensorSpan<double> x)
        => Sum(Square(Sum(x, -1)));

    [Differentiable]
    public static float AnyLastSumF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(Sum(x, -1)));

    /// <summary>The maxima along the last axis kept and stretched back over it, and the log-sum-exps along it.</summary>
    [Differentiable]
    public static double AnyLastKept(ReadOnlyTensorSpan<double> x)
        => Sum(Square(x - Max(x, -1, keepDims: true))) + Mean(LogSumExp(x, -1));

    [Differentiable]
    public static float AnyLastKeptF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(x - Max(x, -1, keepDims: true))) + Mean(LogSumExp(x, -1));

    /// <summary>The mean log-softmax along the last axis.</summary>
    [Differentiable]
    public static double AnyLastMean(ReadOnlyTensorSpan<double> x)
        => Mean(LogSoftmax(x, -1));

    [Differentiable]
    public static float AnyLastMeanF(ReadOnlyTensorSpan<float> x)
        => Mean(LogSoftmax(x, -1));

    /// <summary>Sums and means along axis 0: the columns of [d0, d1*...*dn-1].</summary>
    [Differentiable]
    public static double AnyFirstSum(ReadOnlyTensorSpan<double> x)
        => Sum(Square(Sum(x, 0))) + Sum(Mean(x, 0, keepDims: true));

    [Differentiable]
    public static float AnyFirstSumF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(Sum(x, 0))) + Sum(Mean(x, 0, keepDims: true));

    /// <summary>Minima and log-sum-exps along axis 0.</summary>
    [Differentiable]
    public static double AnyFirstMin(ReadOnlyTensorSpan<double> x)
        => Sum(Square(Min(x, 0))) + Mean(LogSumExp(x, 0, keepDims: true));

    [Differentiable]
    public static float AnyFirstMinF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(Min(x, 0))) + Mean(LogSumExp(x, 0, keepDims: true));

    /// <summary>A softmax along the last axis meeting a tensor of its shape.</summary>
    [Differentiable]
    public static double AnySoftmaxLast(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
        => Sum(Square(Softmax(x, -1) * y));

    [Differentiable]
    public static float AnySoftmaxLastF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y)
        => Sum(Square(Softmax(x, -1) * y));

    /// <summary>A softmax along axis 0.</summary>
    [Differentiable]
    public static double AnySoftmaxFirst(ReadOnlyTensorSpan<double> x)
        => Sum(Square(Softmax(x, 0)));

    [Differentiable]
    public static float AnySoftmaxFirstF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(Softmax(x, 0)));

    /// <summary>Axis 1: the last axis of a matrix, a middle axis of a tensor of rank 3 or more ([d0, d1, d2*...*dn-1]).</summary>
    [Differentiable]
    public static double AnyMiddleSum(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
        => Sum(Square(Sum(x, 1))) + Mean(Softmax(x, 1) * y);

    [Differentiable]
    public static float AnyMiddleSumF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y)
        => Sum(Square(Sum(x, 1))) + Mean(Softmax(x, 1) * y);

    /// <summary>Axis -2: the first axis of a matrix, a middle axis of a tensor of rank 3 or more ([d0*...*dn-3, dn-2, dn-1]).</summary>
    [Differentiable]
    public static double AnyMiddleLast(ReadOnlyTensorSpan<double> x)
        => Sum(Square(LogSoftmax(x, -2))) + Sum(Max(x, -2)) + Sum(Mean(x, -2, keepDims: true));

    [Differentiable]
    public static float AnyMiddleLastF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(LogSoftmax(x, -2))) + Sum(Max(x, -2)) + Sum(Mean(x, -2, keepDims: true));

    /// <summary>Axis 0 and the last axis of one tensor: both fold onto [d0, d1*...*dn-2, dn-1].</summary>
    [Differentiable]
    public static double AnyFirstAndLast(ReadOnlyTensorSpan<double> x)
        => Sum(Square(Sum(x, 0))) + Sum(Square(Max(x, -1)));

    [Differentiable]
    public static float AnyFirstAndLastF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(Sum(x, 0))) + Sum(Square(Max(x, -1)));

    /// <summary>The sums along the last axis meeting w of x's shape without its last length.</summary>
    [Differentiable]
    public static double AnyLeading(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w)
        => Sum(Square(Sum(x, -1) * w));

    [Differentiable]
    public static float AnyLeadingF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w)
        => Sum(Square(Sum(x, -1) * w));

    /// <summary>A log-softmax along the last axis of x plus b, where b has x's shape or broadcasts to it (a trailing bias).</summary>
    [Differentiable]
    public static double AnyBias(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b, [NoGrad] ReadOnlyTensorSpan<double> t)
        => -Sum(LogSoftmax(x + b, -1) * t);

    [Differentiable]
    public static float AnyBiasF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> b, [NoGrad] ReadOnlyTensorSpan<float> t)
        => -Sum(LogSoftmax(x + b, -1) * t);
}
