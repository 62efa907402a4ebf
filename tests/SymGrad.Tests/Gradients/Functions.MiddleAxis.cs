using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Functions along the middle axis of rank-3 tensors (axis 1 of [a, b, c], also written -2) in generated code: the
/// five reductions with and without keepDims, Softmax and LogSoftmax, composed with element-wise work before and
/// after. A parameter is rank 3 where the body reduces it along axis 2 or -3 or reads its <c>Lengths[2]</c>.
/// <c>tools/reference/middle_axis.py</c> defines each in PyTorch under the same name.
/// </summary>
public static partial class MiddleAxes
{
    /// <summary>Sum along the middle axis, squared, and with keepDims; x.Lengths[2] shows x is rank 3.</summary>
    [Differentiable]
    public static double MiddleAxisSum(ReadOnlyTensorSpan<double> x)
        => Sum(Square(Sum(x, 1))) / x.Lengths[2] + Mean(Sum(x, -2, keepDims: true));

    [Differentiable]
    public static float MiddleAxisSumF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(Sum(x, 1))) / x.Lengths[2] + Mean(Sum(x, -2, keepDims: true));

    /// <summary>Means along the middle axis squared, and exponentiated with keepDims.</summary>
    [Differentiable]
    public static double MiddleAxisMean(ReadOnlyTensorSpan<double> x)
        => Sum(Square(Mean(x, 1))) + Sum(Exp(Mean(x, -2, keepDims: true))) / x.Lengths[2];

    [Differentiable]
    public static float MiddleAxisMeanF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(Mean(x, 1))) + Sum(Exp(Mean(x, -2, keepDims: true))) / x.Lengths[2];

    /// <summary>Maxima along the middle axis meeting the log-sum-exps along it, and maxima kept.</summary>
    [Differentiable]
    public static double MiddleAxisMax(ReadOnlyTensorSpan<double> x)
        => Sum(Max(x, 1) * LogSumExp(x, 1)) + Sum(Max(x, -2, keepDims: true)) / x.Lengths[2];

    [Differentiable]
    public static float MiddleAxisMaxF(ReadOnlyTensorSpan<float> x)
        => Sum(Max(x, 1) * LogSumExp(x, 1)) + Sum(Max(x, -2, keepDims: true)) / x.Lengths[2];

    /// <summary>Minima along the middle axis squared, and minima kept meeting means kept.</summary>
    [Differentiable]
    public static double MiddleAxisMin(ReadOnlyTensorSpan<double> x)
        => (Sum(Min(x, -2, keepDims: true) * Mean(x, 1, keepDims: true)) / x.Lengths[2]) + Sum(Square(Min(x, 1)));

    [Differentiable]
    public static float MiddleAxisMinF(ReadOnlyTensorSpan<float> x)
        => (Sum(Min(x, -2, keepDims: true) * Mean(x, 1, keepDims: true)) / x.Lengths[2]) + Sum(Square(Min(x, 1)));

    /// <summary>The mean of the log-sum-exps along axis -2 of x * w, both [a, b, c].</summary>
    [Differentiable]
    public static double MiddleAxisLogSumExp(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w)
        => Mean(LogSumExp(x * w, -2)) * x.Lengths[2] + Sum(LogSumExp(x, 1, keepDims: true));

    [Differentiable]
    public static float MiddleAxisLogSumExpF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w)
        => Mean(LogSumExp(x * w, -2)) * x.Lengths[2] + Sum(LogSumExp(x, 1, keepDims: true));

    /// <summary>The squared distance of Softmax along the middle axis from targets t.</summary>
    [Differentiable]
    public static double MiddleAxisSoftmax(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<double> t)
        => Sum(Square(Softmax(x, 1) - t)) / x.Lengths[2];

    [Differentiable]
    public static float MiddleAxisSoftmaxF(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> t)
        => Sum(Square(Softmax(x, 1) - t)) / x.Lengths[2];

    /// <summary>Cross-entropy against targets t along the middle axis of z, then a sum along the last axis.</summary>
    [Differentiable]
    public static double MiddleAxisLogSoftmax(ReadOnlyTensorSpan<double> z, [NoGrad] ReadOnlyTensorSpan<double> t)
        => -Mean(t * LogSoftmax(z, -2)) + Sum(Square(Sum(LogSoftmax(z, 1) * t, 2)));

    [Differentiable]
    public static float MiddleAxisLogSoftmaxF(ReadOnlyTensorSpan<float> z, [NoGrad] ReadOnlyTensorSpan<float> t)
        => -Mean(t * LogSoftmax(z, -2)) + Sum(Square(Sum(LogSoftmax(z, 1) * t, 2)));

    /// <summary>Softmax along the middle axis reduced along the last axis, and Max along the middle axis of its exponentials.</summary>
    [Differentiable]
    public static double MiddleThenLast(ReadOnlyTensorSpan<double> x)
        => Sum(Square(Sum(Softmax(x, 1), 2))) + Mean(Max(Exp(x) - x, 1));

    [Differentiable]
    public static float MiddleThenLastF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(Sum(Softmax(x, 1), 2))) + Mean(Max(Exp(x) - x, 1));
}
