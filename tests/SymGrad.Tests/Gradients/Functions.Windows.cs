using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Slices of matrices along both axes with C# ranges: a smoothness penalty on a grid, a five-point Laplacian on its
/// interior, and a slice reduced along its rows. <c>tools/reference/gradients.py</c> defines each in PyTorch under the
/// same name.
/// </summary>
public static partial class Slices
{
    /// <summary>Squared differences of neighbours down the columns and along the rows of a grid.</summary>
    [Differentiable]
    public static double GridSmoothness(ReadOnlyTensorSpan<double> x)
        => Sum(Square(x[1.., ..] - x[..^1, ..])) + Sum(Square(x[.., 1..] - x[.., ..^1]));

    [Differentiable]
    public static float GridSmoothnessF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(x[1.., ..] - x[..^1, ..])) + Sum(Square(x[.., 1..] - x[.., ..^1]));

    /// <summary>The five-point Laplacian on the interior of a grid, squared, and a data term on the whole grid.</summary>
    [Differentiable]
    public static double Laplacian(ReadOnlyTensorSpan<double> u, [NoGrad] ReadOnlyTensorSpan<double> f)
        => Sum(Square(u[..^2, 1..^1] + u[2.., 1..^1] + u[1..^1, ..^2] + u[1..^1, 2..] - (4 * u[1..^1, 1..^1])))
            + (0.5 * Sum(Square(u - f)));

    [Differentiable]
    public static float LaplacianF(ReadOnlyTensorSpan<float> u, [NoGrad] ReadOnlyTensorSpan<float> f)
        => Sum(Square(u[..^2, 1..^1] + u[2.., 1..^1] + u[1..^1, ..^2] + u[1..^1, 2..] - (4 * u[1..^1, 1..^1])))
            + (0.5f * Sum(Square(u - f)));

    /// <summary>A slice reduced along its rows and its columns: log-sum-exp per row, a mean per column.</summary>
    [Differentiable]
    public static double SlicedRows(ReadOnlyTensorSpan<double> x)
        => Sum(LogSumExp(x[1.., ..^1], 1)) + Sum(Square(Mean(x[..^1, 2..], 0)));

    [Differentiable]
    public static float SlicedRowsF(ReadOnlyTensorSpan<float> x)
        => Sum(LogSumExp(x[1.., ..^1], 1)) + Sum(Square(Mean(x[..^1, 2..], 0)));

    /// <summary>A slice meeting a bias repeated over its rows, a slice as an operand of a product, and slices of two grids.</summary>
    [Differentiable]
    public static double SlicedMixes(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> y)
        => Sum(Square(x[1.., ..] + b)) + Sum(Tanh(MatMul(x[..^1, ..], w))) + Sum(x[1.., ..] * y[..^1, ..])
            + Sum(Square(x[.., 1..] - Mean(x[.., 1..], 1, keepDims: true)));

    [Differentiable]
    public static float SlicedMixesF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> b, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> y)
        => Sum(Square(x[1.., ..] + b)) + Sum(Tanh(MatMul(x[..^1, ..], w))) + Sum(x[1.., ..] * y[..^1, ..])
            + Sum(Square(x[.., 1..] - Mean(x[.., 1..], 1, keepDims: true)));

    /// <summary>
    /// Slices as operands of products, read in place: along either axis of either operand, transposed, and a slice of a
    /// matrix with a vector on either side (v on the right, u on the left).
    /// </summary>
    [Differentiable]
    public static double SlicedProducts(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> v, ReadOnlyTensorSpan<double> u)
        => Sum(Tanh(MatMul(x[1.., ..], w))) + Sum(Square(MatMul(x[.., 1..], w[1.., ..]))) + Sum(Square(MatMul(x, w[.., ..^1])))
            + Sum(Square(MatMul(x[..^1, ..], v))) + Sum(Sin(MatMul(u, w[.., 1..])))
            + Sum(Square(MatMul(Transpose(x[1.., ..]), x[..^1, ..]))) + Sum(Square(MatMul(x[.., 1..], Transpose(x[.., ..^1]))));

    [Differentiable]
    public static float SlicedProductsF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> v, ReadOnlyTensorSpan<float> u)
        => Sum(Tanh(MatMul(x[1.., ..], w))) + Sum(Square(MatMul(x[.., 1..], w[1.., ..]))) + Sum(Square(MatMul(x, w[.., ..^1])))
            + Sum(Square(MatMul(x[..^1, ..], v))) + Sum(Sin(MatMul(u, w[.., 1..])))
            + Sum(Square(MatMul(Transpose(x[1.., ..]), x[..^1, ..]))) + Sum(Square(MatMul(x[.., 1..], Transpose(x[.., ..^1]))));
}

/// <summary>
/// Slices of matrices and vectors whose bounds are int parameters, sizes and int arithmetic of them, checked when the
/// method is called as C#'s ranges check them. <c>tools/reference/gradients.py</c> defines each in PyTorch.
/// </summary>
public static partial class Slices
{
    /// <summary>Rows k apart, a corner of x meeting a corner of y, a log-sum-exp over columns from k, and the top half's row means.</summary>
    [Differentiable]
    public static double RunTimeGrid(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, int k, int n)
        => Sum(Square(x[k.., ..] - x[..^k, ..])) + Sum(Exp(x[..n, ^2..]) * y[^n.., ..2]) + Sum(LogSumExp(x[.., k..], 1))
            + Sum(Square(Mean(x[..((int)x.Lengths[0] / 2), ..], 1)));

    [Differentiable]
    public static float RunTimeGridF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y, int k, int n)
        => Sum(Square(x[k.., ..] - x[..^k, ..])) + Sum(Exp(x[..n, ^2..]) * y[^n.., ..2]) + Sum(LogSumExp(x[.., k..], 1))
            + Sum(Square(Mean(x[..((int)x.Lengths[0] / 2), ..], 1)));

    /// <summary>A segment from two parameters, all but the last element through FlattenedLength, and the first half.</summary>
    [Differentiable]
    public static double Segment(ReadOnlyTensorSpan<double> x, int i, int j)
        => Sum(Square(x[i..j])) + (Sum(x[..((int)x.FlattenedLength - 1)]) * Mean(x[(i + 1)..])) + Sum(Exp(x[..((int)x.Lengths[0] / 2)]));

    [Differentiable]
    public static float SegmentF(ReadOnlyTensorSpan<float> x, int i, int j)
        => Sum(Square(x[i..j])) + (Sum(x[..((int)x.FlattenedLength - 1)]) * Mean(x[(i + 1)..])) + Sum(Exp(x[..((int)x.Lengths[0] / 2)]));
}

/// <summary>
/// A slice of a matrix one column or one row wide broadcast against the matrix, as PyTorch's <c>m[:, :1] + m</c>:
/// read in place, its gradient summed back into the column or row it reads.
/// </summary>
public static partial class Slices
{
    [Differentiable]
    public static double EdgeBroadcasts(ReadOnlyTensorSpan<double> m, int k)
        => Sum(Square(m[.., ..1] + m)) + Sum(m[..1, ..] * m) + Sum(LogSumExp(m - m[.., ^1..], 1)) + Sum(Exp(m[k..(k + 1), ..] - m));

    [Differentiable]
    public static float EdgeBroadcastsF(ReadOnlyTensorSpan<float> m, int k)
        => Sum(Square(m[.., ..1] + m)) + Sum(m[..1, ..] * m) + Sum(LogSumExp(m - m[.., ^1..], 1)) + Sum(Exp(m[k..(k + 1), ..] - m));
}

/// <summary>
/// Slices one row or one column wide reduced along an axis, as PyTorch's <c>m[:1, :].sum(1)</c>: a matrix of one row
/// or column, not a vector, so either axis may be reduced; a keepDims result reduced again likewise.
/// </summary>
public static partial class Slices
{
    [Differentiable]
    public static double OneWideReductions(ReadOnlyTensorSpan<double> m, int k)
        => Sum(Square(Sum(m[..1, ..], 1))) + Sum(Mean(m[.., 2..3], 0)) + Sum(LogSumExp(m[1..2, ..], 1)) + Sum(Square(Sum(m[.., ^1..], 1)))
            + Sum(Softmax(m[k..(k + 1), ..], 1) * m[..1, ..]) + Sum(LogSoftmax(m[.., ..1], 0) * m[.., 1..2]) + Sum(Exp(Sum(Sum(m, 0, keepDims: true), 1)));

    [Differentiable]
    public static float OneWideReductionsF(ReadOnlyTensorSpan<float> m, int k)
        => Sum(Square(Sum(m[..1, ..], 1))) + Sum(Mean(m[.., 2..3], 0)) + Sum(LogSumExp(m[1..2, ..], 1)) + Sum(Square(Sum(m[.., ^1..], 1)))
            + Sum(Softmax(m[k..(k + 1), ..], 1) * m[..1, ..]) + Sum(LogSoftmax(m[.., ..1], 0) * m[.., 1..2]) + Sum(Exp(Sum(Sum(m, 0, keepDims: true), 1)));
}
