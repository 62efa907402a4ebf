using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Slices of vectors as operands of <c>MatMul</c>, read in place as torch.matmul reads a vector: a row on the left
/// (<c>MatMul(x[1..], w)</c>, x[1:] @ w), a column on the right (<c>MatMul(a, v[..^1])</c>), both (a dot product).
/// <c>tools/reference/gradients.py</c> defines each in PyTorch under the same name.
/// </summary>
public static partial class Slices
{
    /// <summary>Vector-matrix products of two slices of x, one with a run-time bound.</summary>
    [Differentiable]
    public static double RowSliceProducts(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, [NoGrad] ReadOnlyTensorSpan<double> t, int k)
        => Sum(Square(MatMul(x[k..], w) - t)) + Sum(Sin(MatMul(x[..^1], w)));

    [Differentiable]
    public static float RowSliceProductsF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, [NoGrad] ReadOnlyTensorSpan<float> t, int k)
        => Sum(Square(MatMul(x[k..], w) - t)) + Sum(Sin(MatMul(x[..^1], w)));

    /// <summary>Matrix-vector products with two slices of v, one with a run-time bound.</summary>
    [Differentiable]
    public static double ColumnSliceProducts(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> v, int k)
        => Sum(Tanh(MatMul(a, v[..^k]))) + Sum(Square(MatMul(a, v[1..])));

    [Differentiable]
    public static float ColumnSliceProductsF(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> v, int k)
        => Sum(Tanh(MatMul(a, v[..^k]))) + Sum(Square(MatMul(a, v[1..])));

    /// <summary>Dot products of slices of two vectors: v[k:] @ u[:-1], and v[1:1 + n] @ u[:n].</summary>
    [Differentiable]
    public static double DotSlices(ReadOnlyTensorSpan<double> v, ReadOnlyTensorSpan<double> u, int k, int n)
        => Sum(Tanh(MatMul(v[k..], u[..^1]) * 0.5)) + Sum(Square(MatMul(v[1..(1 + n)], u[..n])));

    [Differentiable]
    public static float DotSlicesF(ReadOnlyTensorSpan<float> v, ReadOnlyTensorSpan<float> u, int k, int n)
        => Sum(Tanh(MatMul(v[k..], u[..^1]) * 0.5f)) + Sum(Square(MatMul(v[1..(1 + n)], u[..n])));
}
