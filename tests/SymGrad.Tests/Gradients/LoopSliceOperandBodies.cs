using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Slices of matrices and vectors, and transposes, as operands inside loops: axis functions and whole reductions of
/// blocks of a matrix, blocks that meet other tensors element-wise, slices as product operands, transposes outside
/// products. Each body adds its straight-line form once per step.
/// </summary>
public static partial class LoopSliceOperandBodies
{
    [Differentiable]
    public static double TailLogSumExp(ReadOnlyTensorSpan<double> x, int k, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(LogSumExp(x[.., k..], 1));
        }

        return s;
    }

    [Differentiable]
    public static double BlockMean(ReadOnlyTensorSpan<double> x, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Mean(x[..^1, 2..], 0));
        }

        return s;
    }

    [Differentiable]
    public static double Differences(ReadOnlyTensorSpan<double> x, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Square(x[.., 1..] - x[.., ..^1]));
        }

        return s;
    }

    [Differentiable]
    public static double Laplacian(ReadOnlyTensorSpan<double> u, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Square(u[..^2, 1..^1] + u[2.., 1..^1] + u[1..^1, ..^2] + u[1..^1, 2..] - 4 * u[1..^1, 1..^1]));
        }

        return s;
    }

    [Differentiable]
    public static double RowAgainstMatrix(ReadOnlyTensorSpan<double> m, int steps)
    {
        double s = 0;
        for (int k = 0; k < steps; k++)
        {
            s += Sum(Exp(m[k..(k + 1), ..] - m));
        }

        return s;
    }

    [Differentiable]
    public static double ColumnsMeetMatrix(ReadOnlyTensorSpan<double> m, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Square(m[.., ..1] + m));
            s += Sum(m[..1, ..] * m);
            s += Sum(LogSoftmax(m[.., ..1], 1));
            s += Sum(m[.., ^1..]);
            s += Sum(LogSumExp(m - m[.., ^1..], 1));
        }

        return s;
    }

    [Differentiable]
    public static double Corners(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, int n, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Exp(x[..n, ^2..]) * y[^n.., ..2]);
        }

        return s;
    }

    [Differentiable]
    public static double SlidingColumns(ReadOnlyTensorSpan<double> x, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Square(x[.., i..(i + 2)]));
        }

        return s;
    }

    [Differentiable]
    public static double ColumnProducts(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> v, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Tanh(MatMul(x[.., 1..], w)));
            s += Sum(Tanh(MatMul(x, v[.., 1..])));
        }

        return s;
    }

    [Differentiable]
    public static double VectorSliceProducts(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, ReadOnlyTensorSpan<double> m, int k, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(MatMul(x[k..], y[..^k]));
            s += Sum(Tanh(MatMul(x[1..], m)));
            s += Sum(Tanh(MatMul(m, y[..^1])));
        }

        return s;
    }

    [Differentiable]
    public static double Transposes(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> h0, int steps)
    {
        double s = 0;
        var h = h0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Transpose(a) * w);
            h = Tanh(Transpose(h) * 0.5 + h);
            s += Sum(Square(MatMul(Transpose(a[1.., ..]), w)));
        }

        return s + Sum(h);
    }
}
