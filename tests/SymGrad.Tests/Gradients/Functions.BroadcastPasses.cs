using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Parameters broadcast into the passes of matrix methods, each defined in PyTorch under the same name by
/// <c>tools/reference/broadcast_passes.py</c>: a bias <c>[c]</c>, <c>[1, c]</c> or column <c>[r, 1]</c> met before a row
/// pass whose result meets more element-wise work, a Gaussian mixture, a single element stretched over a reduced vector,
/// and passes along the vector a product with a 1-D operand gives. Each has a float twin (suffix F).
/// </summary>
public static partial class BroadcastPasses
{
    [Differentiable]
    public static double BiasLogSoftmaxSquared(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b)
        => Sum(Square(LogSoftmax(x + b, -1)));

    [Differentiable]
    public static float BiasLogSoftmaxSquaredF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> b)
        => Sum(Square(LogSoftmax(x + b, -1)));

    [Differentiable]
    public static double BiasFirstLogSoftmaxSquared(ReadOnlyTensorSpan<double> b, ReadOnlyTensorSpan<double> x)
        => Sum(Square(LogSoftmax(b + x, -1)));

    [Differentiable]
    public static float BiasFirstLogSoftmaxSquaredF(ReadOnlyTensorSpan<float> b, ReadOnlyTensorSpan<float> x)
        => Sum(Square(LogSoftmax(b + x, -1)));

    [Differentiable]
    public static double BiasLogSoftmaxTimesX(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b)
        => Sum(LogSoftmax(x + b, -1) * x);

    [Differentiable]
    public static float BiasLogSoftmaxTimesXF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> b)
        => Sum(LogSoftmax(x + b, -1) * x);

    [Differentiable]
    public static double BiasSoftmaxTimesY(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b, ReadOnlyTensorSpan<double> y)
        => Sum(Softmax(x - b, -1) * y);

    [Differentiable]
    public static float BiasSoftmaxTimesYF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> b, ReadOnlyTensorSpan<float> y)
        => Sum(Softmax(x - b, -1) * y);

    [Differentiable]
    public static double BiasFirstLogSoftmaxPlusX(ReadOnlyTensorSpan<double> b, ReadOnlyTensorSpan<double> x)
        => Sum(Square(LogSoftmax(b + x, 1) + x));

    [Differentiable]
    public static float BiasFirstLogSoftmaxPlusXF(ReadOnlyTensorSpan<float> b, ReadOnlyTensorSpan<float> x)
        => Sum(Square(LogSoftmax(b + x, 1) + x));

    [Differentiable]
    public static double BiasLogSumExpKeptPlusX(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b)
        => Sum(Square(LogSumExp(x - b, -1, true) + x));

    [Differentiable]
    public static float BiasLogSumExpKeptPlusXF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> b)
        => Sum(Square(LogSumExp(x - b, -1, true) + x));

    [Differentiable]
    public static double BiasMaxKeptMinusX(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b)
        => Sum(Square(Max(x + b, -1, true) - x));

    [Differentiable]
    public static float BiasMaxKeptMinusXF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> b)
        => Sum(Square(Max(x + b, -1, true) - x));

    [Differentiable]
    public static double BiasMaxKeptTimesBias(ReadOnlyTensorSpan<double> b, ReadOnlyTensorSpan<double> x)
        => Sum(Square(Max(b + x, 1, true) * b));

    [Differentiable]
    public static float BiasMaxKeptTimesBiasF(ReadOnlyTensorSpan<float> b, ReadOnlyTensorSpan<float> x)
        => Sum(Square(Max(b + x, 1, true) * b));

    [Differentiable]
    public static double BiasSoftmaxTimesBias(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b)
        => Sum(Softmax(x * b, -1) * b);

    [Differentiable]
    public static float BiasSoftmaxTimesBiasF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> b)
        => Sum(Softmax(x * b, -1) * b);

    [Differentiable]
    public static double Mixture(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> means)
        => -Sum(LogSumExp(-0.5 * Square(x - means), 1));

    [Differentiable]
    public static float MixtureF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> means)
        => -Sum(LogSumExp(-0.5f * Square(x - means), 1));

    [Differentiable]
    public static double WeightedMixture(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> means, ReadOnlyTensorSpan<double> logw)
        => -Sum(LogSumExp(-0.5 * Square(x - means) + logw, 1));

    [Differentiable]
    public static float WeightedMixtureF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> means, ReadOnlyTensorSpan<float> logw)
        => -Sum(LogSumExp(-0.5f * Square(x - means) + logw, 1));

    [Differentiable]
    public static double ScaledMixture(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> means, ReadOnlyTensorSpan<double> logw, ReadOnlyTensorSpan<double> sigma)
        => -Sum(LogSumExp(-0.5 * Square(x - means) / Square(sigma) + logw, 1));

    [Differentiable]
    public static float ScaledMixtureF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> means, ReadOnlyTensorSpan<float> logw, ReadOnlyTensorSpan<float> sigma)
        => -Sum(LogSumExp(-0.5f * Square(x - means) / Square(sigma) + logw, 1));

    [Differentiable]
    public static double ScaledRowSums(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> s)
        => Sum(Square(Sum(x, 1) * s));

    [Differentiable]
    public static float ScaledRowSumsF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> s)
        => Sum(Square(Sum(x, 1) * s));

    [Differentiable]
    public static double ShiftedColumnSums(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> s)
        => Sum(Square(s + Sum(x, 0)));

    [Differentiable]
    public static float ShiftedColumnSumsF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> s)
        => Sum(Square(s + Sum(x, 0)));

    [Differentiable]
    public static double ShiftedColumnMeans(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> s)
        => Sum(Square(Mean(x, 0, true) - s));

    [Differentiable]
    public static float ShiftedColumnMeansF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> s)
        => Sum(Square(Mean(x, 0, true) - s));

    [Differentiable]
    public static double ScaledKeptRowSums(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> s)
        => Sum(Square(Sum(x, 1, true) * s));

    [Differentiable]
    public static float ScaledKeptRowSumsF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> s)
        => Sum(Square(Sum(x, 1, true) * s));

    [Differentiable]
    public static double VectorMatrixSoftmax(ReadOnlyTensorSpan<double> v, ReadOnlyTensorSpan<double> a)
        => Sum(Square(Softmax(MatMul(v, a), -1)));

    [Differentiable]
    public static float VectorMatrixSoftmaxF(ReadOnlyTensorSpan<float> v, ReadOnlyTensorSpan<float> a)
        => Sum(Square(Softmax(MatMul(v, a), -1)));

    [Differentiable]
    public static double ProductColumnSums(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> v)
        => Sum(Square(Sum(MatMul(a, v), 0)));

    [Differentiable]
    public static float ProductColumnSumsF(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> v)
        => Sum(Square(Sum(MatMul(a, v), 0)));

    /// <summary>As <see cref="BiasLogSoftmaxTimesX"/>, with <c>Tensor&lt;T&gt;</c> parameters.</summary>
    [Differentiable]
    public static double BiasLogSoftmaxTimesXT(Tensor<double> x, Tensor<double> b)
        => Sum(LogSoftmax(x + b, -1) * x);

    [Differentiable]
    public static float BiasLogSoftmaxTimesXTF(Tensor<float> x, Tensor<float> b)
        => Sum(LogSoftmax(x + b, -1) * x);

    /// <summary>A softmax along the last axis of a matrix-vector product: per row for <c>v</c> <c>[k, m]</c>; a 1-D <c>v</c> is refused.</summary>
    [Differentiable]
    public static double MatrixVectorSoftmax(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> v)
        => Sum(Square(Softmax(MatMul(a, v), -1)));
}
