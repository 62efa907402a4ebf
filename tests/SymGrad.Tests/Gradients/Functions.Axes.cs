using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Reductions along an axis, softmax, cross-entropy, broadcasting and sizes read as scalars: the programs a classifier,
/// an attention layer and a likelihood are written with. <c>tools/reference/gradients.py</c> defines each in PyTorch
/// under the same name.
/// </summary>
public static partial class Axes
{
    /// <summary>Softmax regression with the cross-entropy spelled out: a one-hot target picks each row's logit.</summary>
    [Differentiable]
    public static double SoftmaxRegressionSpelled([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b, [NoGrad] ReadOnlyTensorSpan<double> onehot)
    {
        var logits = MatMul(x, w) + b;
        return Mean(LogSumExp(logits, 1) - Sum(onehot * logits, 1));
    }

    [Differentiable]
    public static float SoftmaxRegressionSpelledF([NoGrad] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b, [NoGrad] ReadOnlyTensorSpan<float> onehot)
    {
        var logits = MatMul(x, w) + b;
        return Mean(LogSumExp(logits, 1) - Sum(onehot * logits, 1));
    }

    /// <summary>Softmax regression by CrossEntropy with class probabilities as the target.</summary>
    [Differentiable]
    public static double CrossEntropyProbabilities([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b, [NoGrad] ReadOnlyTensorSpan<double> p)
        => CrossEntropy(MatMul(x, w) + b, p);

    /// <summary>One attention head: a row softmax of the scores weighs the values.</summary>
    [Differentiable]
    public static double Attention(ReadOnlyTensorSpan<double> q, ReadOnlyTensorSpan<double> k, ReadOnlyTensorSpan<double> v, [NoGrad] ReadOnlyTensorSpan<double> y)
    {
        var weights = Softmax(MatMul(q, Transpose(k)) * 0.5, 1);
        return Sum(Square(MatMul(weights, v) - y));
    }

    [Differentiable]
    public static float AttentionF(ReadOnlyTensorSpan<float> q, ReadOnlyTensorSpan<float> k, ReadOnlyTensorSpan<float> v, [NoGrad] ReadOnlyTensorSpan<float> y)
    {
        var weights = Softmax(MatMul(q, Transpose(k)) * 0.5f, 1);
        return Sum(Square(MatMul(weights, v) - y));
    }

    /// <summary>The negative log-likelihood of x under a Gaussian, with its element count read as a size.</summary>
    [Differentiable]
    public static double GaussianNll(ReadOnlyTensorSpan<double> x, double mu, double logSigma)
        => (0.5 * x.FlattenedLength * Math.Log(2 * Math.PI)) + (x.FlattenedLength * logSigma) + (0.5 * Sum(Square(x - mu)) / Math.Exp(2 * logSigma));

    [Differentiable]
    public static float GaussianNllF(ReadOnlyTensorSpan<float> x, float mu, float logSigma)
        => (0.5f * x.FlattenedLength * MathF.Log(2 * MathF.PI)) + (x.FlattenedLength * logSigma) + (0.5f * Sum(Square(x - mu)) / MathF.Exp(2 * logSigma));

    /// <summary>Sizes read as scalars: the rank, each length and the element count of a matrix.</summary>
    [Differentiable]
    public static double Sizes(ReadOnlyTensorSpan<double> a)
        => Sum(a) * a.Rank / a.Lengths[0] + (Mean(Square(a)) * a.Lengths[1]) - (Sum(a) / a.FlattenedLength);

    [Differentiable]
    public static double SumRows(ReadOnlyTensorSpan<double> a) => Sum(Square(Sum(a, 1)));

    [Differentiable]
    public static double SumColumns(ReadOnlyTensorSpan<double> a) => Sum(Square(Sum(a, 0)));

    [Differentiable]
    public static float SumRowsF(ReadOnlyTensorSpan<float> a) => Sum(Square(Sum(a, -1)));

    /// <summary>Row sums of a matrix product: the row adjoints stretch back over the stored product in a pass of row scalars alone.</summary>
    [Differentiable]
    public static double RowSumsOfProduct(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b) => Sum(Square(Sum(MatMul(a, b), 1)));

    [Differentiable]
    public static float RowSumsOfProductF([NoGrad] ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b) => Sum(Square(Sum(MatMul(a, b), 1)));

    /// <summary>Each row centred on its mean: a [r, 1] mean broadcast over the columns.</summary>
    [Differentiable]
    public static double CenterRows(ReadOnlyTensorSpan<double> a) => Sum(Square(a - Mean(a, 1, keepDims: true)) * a);

    /// <summary>Each column centred on its mean: a [c] mean broadcast over the rows.</summary>
    [Differentiable]
    public static double CenterColumns(ReadOnlyTensorSpan<double> a) => Sum(Square(a - Mean(a, 0)) * a);

    [Differentiable]
    public static float CenterColumnsF(ReadOnlyTensorSpan<float> a) => Sum(Square(a - Mean(a, -2, keepDims: true)) * a);

    /// <summary>An outer broadcast: row sums [r, 1] meet column means [c] in an [r, c] result.</summary>
    [Differentiable]
    public static double OuterBroadcast(ReadOnlyTensorSpan<double> a) => Sum(Square(Sum(a, 1, keepDims: true) - Mean(a, 0)));

    /// <summary>Row maxima and column minima; with 0/1 inputs most rows tie, and ties share the gradient.</summary>
    [Differentiable]
    public static double Extremes(ReadOnlyTensorSpan<double> a, [NoGrad] ReadOnlyTensorSpan<double> t)
        => Sum(Square(Max(a + t, 1))) + Sum(Min(a * t, 0) * 3);

    [Differentiable]
    public static double LogSumExpRows(ReadOnlyTensorSpan<double> a) => Sum(Square(LogSumExp(a * 2, -1)));

    [Differentiable]
    public static double LogSumExpColumns(ReadOnlyTensorSpan<double> a) => Sum(Square(LogSumExp(a, 0, keepDims: true) - a));

    [Differentiable]
    public static double SoftmaxColumns(ReadOnlyTensorSpan<double> a, [NoGrad] ReadOnlyTensorSpan<double> weights) => Sum(Softmax(a, 0) * weights);

    [Differentiable]
    public static double LogSoftmaxRows(ReadOnlyTensorSpan<double> a, [NoGrad] ReadOnlyTensorSpan<double> weights) => Sum(LogSoftmax(a, 1) * weights);

    [Differentiable]
    public static float LogSoftmaxRowsF(ReadOnlyTensorSpan<float> a, [NoGrad] ReadOnlyTensorSpan<float> weights) => Sum(LogSoftmax(a, 1) * weights);
}

/// <summary>
/// Softmax regression by <c>CrossEntropy</c> with int class labels, which the catalog's float parameters cannot hold:
/// <see cref="CrossEntropyTests"/> checks them against <c>Reference/cross_entropy.json</c> from the same script.
/// </summary>
public static partial class Classifiers
{
    [Differentiable]
    public static double SoftmaxRegression([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b, [NoGrad] ReadOnlyTensorSpan<int> labels)
        => CrossEntropy(MatMul(x, w) + b, labels);

    /// <summary>The loss of logits given directly: its gradient is (Softmax(logits, 1) - OneHot(labels)) / N.</summary>
    [Differentiable]
    public static double OfLogits(ReadOnlyTensorSpan<double> logits, [NoGrad] ReadOnlySpan<int> labels) => CrossEntropy(logits, labels);

    [Differentiable]
    public static float SoftmaxRegressionF([NoGrad] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b, [NoGrad] ReadOnlySpan<int> labels)
        => CrossEntropy(MatMul(x, w) + b, labels);

    /// <summary>The labels as a <c>Tensor&lt;int&gt;</c>, which converts to <c>ReadOnlyTensorSpan&lt;int&gt;</c> without a copy.</summary>
    [Differentiable]
    public static float TensorLabelsF([NoGrad] Tensor<float> x, Tensor<float> w, Tensor<float> b, [NoGrad] Tensor<int> labels)
        => CrossEntropy(MatMul(x, w) + b, labels);

    /// <summary>The labels as an <c>int[]</c>, which converts to <c>ReadOnlySpan&lt;int&gt;</c> without a copy.</summary>
    [Differentiable]
    public static float ArrayLabelsF([NoGrad] Tensor<float> x, Tensor<float> w, Tensor<float> b, [NoGrad] int[] labels)
        => CrossEntropy(MatMul(x, w) + b, labels);
}

/// <summary>Maxima and minima along an axis with exact ties, which share the gradient evenly as torch.amax and torch.amin.</summary>
public static partial class Ties
{
    [Differentiable]
    public static double RowMaxima(ReadOnlyTensorSpan<double> a, [NoGrad] ReadOnlyTensorSpan<double> weights) => Sum(Max(a, 1) * weights);

    [Differentiable]
    public static float ColumnMinimaF(ReadOnlyTensorSpan<float> a) => Sum(Min(a, 0));
}
