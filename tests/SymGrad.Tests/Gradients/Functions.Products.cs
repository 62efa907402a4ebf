using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Products with vectors, as <c>torch.matmul</c> reads them: matrix-vector, vector-matrix and vector-vector.
/// <c>tools/reference/gradients.py</c> defines each in PyTorch under the same name.
/// </summary>
public static partial class VectorProducts
{
    /// <summary>Least squares: <c>t</c> [n, m], <c>x</c> [m], <c>s</c> [n].</summary>
    [Differentiable]
    public static double LeastSquares(ReadOnlyTensorSpan<double> t, ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> s)
        => Sum(Square(MatMul(t, x) - s));

    [Differentiable]
    public static float LeastSquaresF(ReadOnlyTensorSpan<float> t, ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> s)
        => Sum(Square(MatMul(t, x) - s));

    /// <summary>The same body with several right-hand sides: <c>x</c> [m, p] and <c>s</c> [n, p] are matrices.</summary>
    [Differentiable]
    public static double LeastSquaresColumns(ReadOnlyTensorSpan<double> t, ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> s)
        => Sum(Square(MatMul(t, x) - s));

    /// <summary>A vector times a matrix: <c>x</c> [n], <c>w</c> [n, m], a bias <c>b</c> [m].</summary>
    [Differentiable]
    public static double VectorMatrix(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b)
        => Sum(Tanh(MatMul(x, w) + b));

    [Differentiable]
    public static float VectorMatrixF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b)
        => Sum(Tanh(MatMul(x, w) + b));

    /// <summary>A dot product of two vectors, summed to a scalar and used in arithmetic.</summary>
    [Differentiable]
    public static double VectorDot(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
        => Square(Sum(MatMul(x, y))) + (3 * Sum(MatMul(x, y) * 0.5));

    [Differentiable]
    public static float VectorDotF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y)
        => Square(Sum(MatMul(x, y))) + (3 * Sum(MatMul(x, y) * 0.5f));

    /// <summary>Two matrix-vector products in a row: <c>a</c> [p, n], <c>b</c> [n, m], <c>x</c> [m].</summary>
    [Differentiable]
    public static double MatrixVectorChain(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, ReadOnlyTensorSpan<double> x)
        => Mean(Square(MatMul(a, Sigmoid(MatMul(b, x)))));

    [Differentiable]
    public static float MatrixVectorChainF(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, ReadOnlyTensorSpan<float> x)
        => Mean(Square(MatMul(a, Sigmoid(MatMul(b, x)))));

    /// <summary>A two-layer network on one sample: <c>x</c> [m], <c>w1</c> [h, m], <c>b1</c> [h], <c>w2</c> [o, h], a target <c>y</c> [o].</summary>
    [Differentiable]
    public static double OneSampleNetwork(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w1, ReadOnlyTensorSpan<double> b1, ReadOnlyTensorSpan<double> w2, [NoGrad] ReadOnlyTensorSpan<double> y)
        => Mse(MatMul(w2, Tanh(MatMul(w1, x) + b1)), y);

    [Differentiable]
    public static float OneSampleNetworkF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w1, ReadOnlyTensorSpan<float> b1, ReadOnlyTensorSpan<float> w2, [NoGrad] ReadOnlyTensorSpan<float> y)
        => Mse(MatMul(w2, Tanh(MatMul(w1, x) + b1)), y);
}
