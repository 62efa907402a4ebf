using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Axis work on rank-3 tensors in generated code: reductions along axis 0 and the last axis, with and without keepDims,
/// Softmax over the last axis (attention over a batch), reductions of reductions, and <c>Reshape</c> to rank 3. A
/// parameter is rank 3 where the body reduces it along axis 2 or -3 or reads its <c>Lengths[2]</c>.
/// <c>tools/reference/gradients.py</c> defines each in PyTorch under the same name.
/// </summary>
public static partial class RankThree
{
    /// <summary>The sums over the last axis of x [a, b, c] (an [a, b] matrix), squared.</summary>
    [Differentiable]
    public static double LastAxisSum(ReadOnlyTensorSpan<double> x)
        => Sum(Square(Sum(x, 2)));

    [Differentiable]
    public static float LastAxisSumF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(Sum(x, 2)));

    /// <summary>The sums over axis 0 of x [a, b, c] (a [b, c] matrix), squared, and the mean of the maxima over its last axis.</summary>
    [Differentiable]
    public static double FirstAxisSum(ReadOnlyTensorSpan<double> x)
        => Sum(Square(Sum(x, 0))) + Mean(Max(x, 2));

    [Differentiable]
    public static float FirstAxisSumF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(Sum(x, 0))) + Mean(Max(x, 2));

    /// <summary>The mean of the log-sum-exps over the last axis, written -1, of x whose Lengths[2] the body reads.</summary>
    [Differentiable]
    public static double LastAxisLogSumExp(ReadOnlyTensorSpan<double> x)
        => Mean(LogSumExp(x, -1)) / x.Lengths[2];

    [Differentiable]
    public static float LastAxisLogSumExpF(ReadOnlyTensorSpan<float> x)
        => Mean(LogSumExp(x, -1)) / x.Lengths[2];

    /// <summary>Reductions with keepDims stretched back over x: centred along the last axis, weighted by the log-sum-exps along axis 0.</summary>
    [Differentiable]
    public static double KeptAxes(ReadOnlyTensorSpan<double> x)
        => Sum(Square(x - Mean(x, 2, keepDims: true))) + Sum(x * LogSumExp(x, -3, keepDims: true));

    [Differentiable]
    public static float KeptAxesF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(x - Mean(x, 2, keepDims: true))) + Sum(x * LogSumExp(x, -3, keepDims: true));

    /// <summary>Reductions along axis 0 without keepDims ([b, c]) broadcast over x [a, b, c], and meeting each other.</summary>
    [Differentiable]
    public static double FirstAxisDropped(ReadOnlyTensorSpan<double> x)
        => Sum(x * Min(x, -3)) + Sum(Max(x, 0) * Sum(x, 0));

    /// <summary>Reductions along the last axis without keepDims ([a, b]) meeting each other, and the means of the minima.</summary>
    [Differentiable]
    public static double LastAxisDropped(ReadOnlyTensorSpan<double> x)
        => Sum(Max(x, 2) * LogSumExp(x, 2)) + Mean(Min(x, -1, keepDims: true));

    /// <summary>Attention weights over the last axis of scores s [batch, query, key], weighting v of the same shape.</summary>
    [Differentiable]
    public static double BatchedAttention(ReadOnlyTensorSpan<double> s, ReadOnlyTensorSpan<double> v)
        => Sum(Softmax(s, 2) * v);

    [Differentiable]
    public static float BatchedAttentionF(ReadOnlyTensorSpan<float> s, ReadOnlyTensorSpan<float> v)
        => Sum(Softmax(s, 2) * v);

    /// <summary>Cross-entropy against target probabilities t over the last axis of z [a, b, c].</summary>
    [Differentiable]
    public static double LastAxisLogSoftmax(ReadOnlyTensorSpan<double> z, [NoGrad] ReadOnlyTensorSpan<double> t)
        => -Mean(t * LogSoftmax(z, -1)) + Sum(Softmax(z, -3) * t);

    /// <summary>The sums and the log-sum-exps over the last axis of x [a, b, c] meeting w [a, b], a matrix parameter.</summary>
    [Differentiable]
    public static double LeadingWeights(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w)
        => Sum(Sum(x, 2) * w) + Sum(Square(w - LogSumExp(x, -1)));

    [Differentiable]
    public static float LeadingWeightsF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w)
        => Sum(Sum(x, 2) * w) + Sum(Square(w - LogSumExp(x, -1)));

    /// <summary>A log-softmax over the last axis written out: x less its log-sum-exps kept as [a, b, 1].</summary>
    [Differentiable]
    public static double KeptLogSumExp(ReadOnlyTensorSpan<double> x)
        => Sum(Square(x - LogSumExp(x, -1, keepDims: true))) / x.Lengths[2];

    [Differentiable]
    public static float KeptLogSumExpF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(x - LogSumExp(x, -1, keepDims: true))) / x.Lengths[2];

    /// <summary>Two rank-3 parameters of one shape: sums over the last axis of their product and of one of them.</summary>
    [Differentiable]
    public static double TwoParameters(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
        => Sum(Square(Sum(x * y, 2) + Sum(Exp(y), 2)));

    /// <summary>The sums of the sums (axis 2, then axis 1 of the [a, b] result): the sums over the last two axes.</summary>
    [Differentiable]
    public static double SumOfSums(ReadOnlyTensorSpan<double> x)
        => Sum(Square(Sum(Sum(x, 2), 1)));

    [Differentiable]
    public static float SumOfSumsF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(Sum(Sum(x, 2), 1)));

    /// <summary>Reductions of reductions with keepDims: means over the last two axes kept as [a, 1], maxima over the first two.</summary>
    [Differentiable]
    public static double ReductionsOfReductionsKept(ReadOnlyTensorSpan<double> x)
        => Sum(Square(Mean(Mean(x, 2), -1, keepDims: true))) + Sum(Max(Max(x, 0, keepDims: true), 1)) + Sum(Square(LogSumExp(LogSumExp(x, -3), 0, keepDims: true)));

    /// <summary>x [r, c] (r even) reshaped to [n, r / n, c] (n = 2, an int parameter), log-sum-exps over its last axis.</summary>
    [Differentiable]
    public static double ReshapeLastAxis(ReadOnlyTensorSpan<double> x, int n)
        => Sum(Square(LogSumExp(Reshape(x, n, -1, x.Lengths[1]), 2)));

    [Differentiable]
    public static float ReshapeLastAxisF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(LogSumExp(Reshape(x, 2, -1, x.Lengths[1]), 2)));

    /// <summary>A vector v [6 k] reshaped to rank 3: reduced along axis 0 with keepDims, along its last axis, and whole.</summary>
    [Differentiable]
    public static double ReshapeVector(ReadOnlyTensorSpan<double> v)
        => Sum(Square(Sum(Reshape(v * 2, 2, 3, -1), 0, keepDims: true))) + Sum(Max(Reshape(v, -1, 2, 3), -1)) + Mean(Square(Reshape(v, 2, -1, 3)));
}
