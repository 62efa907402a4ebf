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
            s += Sum(Square(MatMul(Transpose(a[1.., ..]), a[1.., ..])));
        }

        return s + Sum(h);
    }

    // The straight-line bodies of Slices (Functions.Windows.cs, Functions.ProductSlices.cs), once per step.
    [Differentiable]
    public static double LoopedGridSmoothness(ReadOnlyTensorSpan<double> x, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Square(x[1.., ..] - x[..^1, ..])) + Sum(Square(x[.., 1..] - x[.., ..^1]));
        }

        return s;
    }

    [Differentiable]
    public static float LoopedGridSmoothnessF(ReadOnlyTensorSpan<float> x, int steps)
    {
        float s = 0f;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Square(x[1.., ..] - x[..^1, ..])) + Sum(Square(x[.., 1..] - x[.., ..^1]));
        }

        return s;
    }

    [Differentiable]
    public static double LoopedSlicedRows(ReadOnlyTensorSpan<double> x, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(LogSumExp(x[1.., ..^1], 1)) + Sum(Square(Mean(x[..^1, 2..], 0)));
        }

        return s;
    }

    [Differentiable]
    public static float LoopedSlicedRowsF(ReadOnlyTensorSpan<float> x, int steps)
    {
        float s = 0f;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(LogSumExp(x[1.., ..^1], 1)) + Sum(Square(Mean(x[..^1, 2..], 0)));
        }

        return s;
    }

    [Differentiable]
    public static double LoopedEdgeBroadcasts(ReadOnlyTensorSpan<double> m, int k, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Square(m[.., ..1] + m)) + Sum(m[..1, ..] * m) + Sum(LogSumExp(m - m[.., ^1..], 1)) + Sum(Exp(m[k..(k + 1), ..] - m));
        }

        return s;
    }

    [Differentiable]
    public static float LoopedEdgeBroadcastsF(ReadOnlyTensorSpan<float> m, int k, int steps)
    {
        float s = 0f;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Square(m[.., ..1] + m)) + Sum(m[..1, ..] * m) + Sum(LogSumExp(m - m[.., ^1..], 1)) + Sum(Exp(m[k..(k + 1), ..] - m));
        }

        return s;
    }

    [Differentiable]
    public static double LoopedOneWideReductions(ReadOnlyTensorSpan<double> m, int k, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Square(Sum(m[..1, ..], 1))) + Sum(Mean(m[.., 2..3], 0)) + Sum(LogSumExp(m[1..2, ..], 1)) + Sum(Square(Sum(m[.., ^1..], 1))) + Sum(Softmax(m[k..(k + 1), ..], 1) * m[..1, ..]) + Sum(LogSoftmax(m[.., ..1], 0) * m[.., 1..2]) + Sum(Exp(Sum(Sum(m, 0, keepDims: true), 1)));
        }

        return s;
    }

    [Differentiable]
    public static float LoopedOneWideReductionsF(ReadOnlyTensorSpan<float> m, int k, int steps)
    {
        float s = 0f;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Square(Sum(m[..1, ..], 1))) + Sum(Mean(m[.., 2..3], 0)) + Sum(LogSumExp(m[1..2, ..], 1)) + Sum(Square(Sum(m[.., ^1..], 1))) + Sum(Softmax(m[k..(k + 1), ..], 1) * m[..1, ..]) + Sum(LogSoftmax(m[.., ..1], 0) * m[.., 1..2]) + Sum(Exp(Sum(Sum(m, 0, keepDims: true), 1)));
        }

        return s;
    }

    [Differentiable]
    public static double LoopedRunTimeGrid(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, int k, int n, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Square(x[k.., ..] - x[..^k, ..])) + Sum(Exp(x[..n, ^2..]) * y[^n.., ..2]) + Sum(LogSumExp(x[.., k..], 1)) + Sum(Square(Mean(x[..((int)x.Lengths[0] / 2), ..], 1)));
        }

        return s;
    }

    [Differentiable]
    public static float LoopedRunTimeGridF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y, int k, int n, int steps)
    {
        float s = 0f;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Square(x[k.., ..] - x[..^k, ..])) + Sum(Exp(x[..n, ^2..]) * y[^n.., ..2]) + Sum(LogSumExp(x[.., k..], 1)) + Sum(Square(Mean(x[..((int)x.Lengths[0] / 2), ..], 1)));
        }

        return s;
    }

    [Differentiable]
    public static double LoopedSlicedProducts(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> v, ReadOnlyTensorSpan<double> u, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Tanh(MatMul(x[1.., ..], w))) + Sum(Square(MatMul(x[.., 1..], w[1.., ..]))) + Sum(Square(MatMul(x, w[.., ..^1]))) + Sum(Square(MatMul(x[..^1, ..], v))) + Sum(Sin(MatMul(u, w[.., 1..]))) + Sum(Square(MatMul(Transpose(x[1.., ..]), x[..^1, ..]))) + Sum(Square(MatMul(x[.., 1..], Transpose(x[.., ..^1]))));
        }

        return s;
    }

    [Differentiable]
    public static float LoopedSlicedProductsF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> v, ReadOnlyTensorSpan<float> u, int steps)
    {
        float s = 0f;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Tanh(MatMul(x[1.., ..], w))) + Sum(Square(MatMul(x[.., 1..], w[1.., ..]))) + Sum(Square(MatMul(x, w[.., ..^1]))) + Sum(Square(MatMul(x[..^1, ..], v))) + Sum(Sin(MatMul(u, w[.., 1..]))) + Sum(Square(MatMul(Transpose(x[1.., ..]), x[..^1, ..]))) + Sum(Square(MatMul(x[.., 1..], Transpose(x[.., ..^1]))));
        }

        return s;
    }

    [Differentiable]
    public static double LoopedRowSliceProducts(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, [NoGrad] ReadOnlyTensorSpan<double> t, int k, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Square(MatMul(x[k..], w) - t)) + Sum(Sin(MatMul(x[..^1], w)));
        }

        return s;
    }

    [Differentiable]
    public static float LoopedRowSliceProductsF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, [NoGrad] ReadOnlyTensorSpan<float> t, int k, int steps)
    {
        float s = 0f;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Square(MatMul(x[k..], w) - t)) + Sum(Sin(MatMul(x[..^1], w)));
        }

        return s;
    }

    [Differentiable]
    public static double LoopedColumnSliceProducts(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> v, int k, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Tanh(MatMul(a, v[..^k]))) + Sum(Square(MatMul(a, v[1..])));
        }

        return s;
    }

    [Differentiable]
    public static float LoopedColumnSliceProductsF(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> v, int k, int steps)
    {
        float s = 0f;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Tanh(MatMul(a, v[..^k]))) + Sum(Square(MatMul(a, v[1..])));
        }

        return s;
    }

    [Differentiable]
    public static double LoopedDotSlices(ReadOnlyTensorSpan<double> v, ReadOnlyTensorSpan<double> u, int k, int n, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Tanh(MatMul(v[k..], u[..^1]) * 0.5)) + Sum(Square(MatMul(v[1..(1 + n)], u[..n])));
        }

        return s;
    }

    [Differentiable]
    public static float LoopedDotSlicesF(ReadOnlyTensorSpan<float> v, ReadOnlyTensorSpan<float> u, int k, int n, int steps)
    {
        float s = 0f;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Tanh(MatMul(v[k..], u[..^1]) * 0.5f)) + Sum(Square(MatMul(v[1..(1 + n)], u[..n])));
        }

        return s;
    }

    /// <summary>Blocks in a branch of a loop and in a straight statement of a method with loops.</summary>
    [Differentiable]
    public static double BranchedBlocks(ReadOnlyTensorSpan<double> x, int steps)
    {
        double s = Sum(x[.., 1..] * x[.., ..^1]);
        for (int i = 0; i < steps; i++)
        {
            if (i % 2 == 0)
            {
                s += Sum(Square(x[.., 1..] - x[.., ..^1]));
            }
            else
            {
                s -= Sum(LogSumExp(x[1.., ..], 1) * 0.5);
            }
        }

        return s + Sum(Transpose(x[.., 1..]) * 0.25);
    }

    [Differentiable]
    public static float TransposesFloat(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> h0, int steps)
    {
        float s = 0;
        var h = h0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Transpose(a) * w);
            h = Tanh(Transpose(h) * 0.5f + h);
            s += Sum(Square(MatMul(Transpose(a[1.., ..]), a[1.., ..])));
        }

        return s + Sum(h);
    }

    [Differentiable]
    public static float VectorSliceProductsFloat(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y, ReadOnlyTensorSpan<float> m, int k, int steps)
    {
        float s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(MatMul(x[k..], y[..^k]));
            s += Sum(Tanh(MatMul(x[1..], m)));
            s += Sum(Tanh(MatMul(m, y[..^1])));
        }

        return s;
    }

    [Differentiable]
    public static double TransposeOfParameter(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> w, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Transpose(a) * w);
        }

        return s;
    }

    /// <summary>A sliding window of a vector under LogSoftmax, and a vector slice under a reduction along its axis.</summary>
    [Differentiable]
    public static double SlidingSoftmax(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<double> y, int steps)
    {
        double s = 0;
        for (int k = 0; k + 2 <= steps; k++)
        {
            s += Sum(y * LogSoftmax(x[k..(k + 2)], 0)) + Sum(Square(LogSumExp(x[1..], 0)));
        }

        return s;
    }

    [Differentiable]
    public static double Relaxed(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> v, int steps)
    {
        var h = x;
        for (int t = 0; t < steps; t++)
        {
            h = (h * 0.5) + x;
        }

        return Sum(Square(h) * v);
    }

    /// <summary>A transpose passed to a method with loops, which reads it element by element.</summary>
    [Differentiable]
    public static double TransposedArgument(ReadOnlyTensorSpan<double> w, [NoGrad] ReadOnlyTensorSpan<double> v, int steps) => Relaxed(Transpose(w), v, steps);
}
