using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// <c>Reshape</c> inside loops and branches: the straight-line reshapes of Functions.Reshapes.cs summed over steps, a
/// reshaped tensor local, reshapes in branches, of element-wise work, and as operands of products and losses.
/// </summary>
public static partial class LoopReshapeBodies
{
    /// <summary><see cref="Reshapes.ReshapeRegroupedRows"/> summed over <paramref name="n"/> steps.</summary>
    [Differentiable]
    public static double RegroupedRows(ReadOnlyTensorSpan<double> x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += Sum(Square(LogSumExp(Reshape(x, x.Lengths[1], -1), 1)));
        }

        return s;
    }

    [Differentiable]
    public static float RegroupedRowsFloat(ReadOnlyTensorSpan<float> x, int n)
    {
        float s = 0;
        for (int i = 0; i < n; i++)
        {
            s += Sum(Square(LogSumExp(Reshape(x, x.Lengths[1], -1), 1)));
        }

        return s;
    }

    /// <summary><see cref="Reshapes.ReshapeFlatten"/> summed over steps: two matrices of transposed shapes flattened and multiplied.</summary>
    [Differentiable]
    public static double Flatten(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += Sum(Reshape(x, -1) * Reshape(y, -1)) + Sum(Square(Reshape(x, -1)));
        }

        return s;
    }

    /// <summary><see cref="Reshapes.ReshapeRowsParameter"/> summed over steps: <c>Mean(LogSumExp(Reshape(x, rows, -1), 1))</c> with an int parameter.</summary>
    [Differentiable]
    public static double RowsParameter(ReadOnlyTensorSpan<double> x, int rows, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += Sum(Square(Mean(Reshape(x, rows, -1), 0))) + Mean(LogSumExp(Reshape(x, rows, -1), 1));
        }

        return s;
    }

    /// <summary><see cref="Reshapes.ReshapeProduct"/> summed over steps: x [m, k] read as [k, m] by a product.</summary>
    [Differentiable]
    public static double Product(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += Sum(MatMul(Reshape(x, x.Lengths[1], -1), w)) + Sum(Square(MatMul(Reshape(x, x.Lengths[1], -1), w)));
        }

        return s;
    }

    [Differentiable]
    public static float ProductFloat(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, int n)
    {
        float s = 0;
        for (int i = 0; i < n; i++)
        {
            s += Sum(MatMul(Reshape(x, x.Lengths[1], -1), w)) + Sum(Square(MatMul(Reshape(x, x.Lengths[1], -1), w)));
        }

        return s;
    }

    /// <summary>A tensor local reshaped in each step, in a branch or the other, meeting a matrix of the reshape's shape; element-wise work reshaped.</summary>
    [Differentiable]
    public static double Local(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> a, int steps)
    {
        var h = x;
        double s = 0;
        for (int t = 0; t < steps; t++)
        {
            h = Tanh(h * 1.5);
            if (t % 2 == 0)
            {
                var m = Reshape(h, -1, x.Lengths[0]);
                s += Sum(Square(m - a)) + Sum(Mean(m, 1, keepDims: true) * m);
            }
            else
            {
                s += Sum(Softmax(Reshape((h * 2) - x, -1), 0) * Reshape(a, -1));
            }
        }

        return s + Sum(Reshape(h, 1, -1));
    }

    /// <summary>A reshape to rank 3 and rank 1 and the logits of a loss: <c>x</c> <c>[n, c]</c> as <c>[n, 1, c]</c> and back.</summary>
    [Differentiable]
    public static double Ranks(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlySpan<int> labels, int steps)
    {
        double s = 0;
        for (int t = 0; t < steps; t++)
        {
            s += Sum(Max(Reshape(x, x.Lengths[0], 1, -1), 2)) + CrossEntropy(Reshape(Reshape(x, -1) * t, x.Lengths[0], -1), labels);
        }

        return s;
    }

    /// <summary>A reshape from an int parameter meeting a matrix element-wise, in a branch.</summary>
    [Differentiable]
    public static double Meets(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, int rows, int steps)
    {
        double s = 0;
        for (int t = 0; t < steps; t++)
        {
            if (t % 2 == 1)
            {
                s += Sum(Reshape(x, rows, -1) * w) * t;
            }
        }

        return s;
    }
}
