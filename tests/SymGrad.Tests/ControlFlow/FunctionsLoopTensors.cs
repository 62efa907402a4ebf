using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// Tensors in methods with loops and branches, as users pass and read them: <c>Tensor&lt;T&gt;</c> parameters, read
/// whole and element by element, and element reads of tensor locals (<c>h[i]</c>, <c>h[i, j]</c>, <c>h[^1]</c>).
/// </summary>
public static partial class ControlFlowSuite
{
    /// <summary>The vector Euler rollout of <c>h' = a - h^2</c> over <c>Tensor&lt;T&gt;</c> parameters.</summary>
    [Differentiable]
    public static double TensorClassEulerRollout(Tensor<double> x0, Tensor<double> a, [NoGrad] Tensor<double> target, int steps)
    {
        var h = x0;
        for (int t = 0; t < steps; t++)
        {
            h = h + (0.05 * (a - (h * h)));
        }

        return Sum(Square(h - target));
    }

    [Differentiable]
    public static float TensorClassEulerRolloutFloat(Tensor<float> x0, Tensor<float> a, [NoGrad] Tensor<float> target, int steps)
    {
        var h = x0;
        for (int t = 0; t < steps; t++)
        {
            h = h + (0.05f * (a - (h * h)));
        }

        return Sum(Square(h - target));
    }

    /// <summary>Element reads of a <c>Tensor&lt;T&gt;</c> vector and matrix in nested loops: a matrix-vector product, squashed.</summary>
    [Differentiable]
    public static double TensorClassElementReads(Tensor<double> w, Tensor<double> x, double b)
    {
        double s = 0;
        for (int i = 0; i < w.Lengths[0]; i++)
        {
            double y = b;
            for (int j = 0; j < w.Lengths[1]; j++)
            {
                y += w[i, j] * x[j];
            }

            s += y > 0 ? y * y : Math.Tanh(y);
        }

        return s;
    }

    [Differentiable]
    public static float TensorClassElementReadsFloat(Tensor<float> w, Tensor<float> x, float b)
    {
        float s = 0;
        for (int i = 0; i < w.Lengths[0]; i++)
        {
            float y = b;
            for (int j = 0; j < w.Lengths[1]; j++)
            {
                y += w[i, j] * x[j];
            }

            s += y > 0 ? y * y : MathF.Tanh(y);
        }

        return s;
    }

    /// <summary>A <c>Tensor&lt;T&gt;</c> beside a tensor span, reduced in a branch that depends on the data.</summary>
    [Differentiable]
    public static double TensorClassReductionInBranch(Tensor<double> x, ReadOnlyTensorSpan<double> y, int n)
    {
        double s = 0;
        for (int k = 0; k < n; k++)
        {
            if (Sum(x) > k)
            {
                s += Dot(x, y);
            }
            else
            {
                s += Mean(Square(x - y));
            }
        }

        return s;
    }

    /// <summary>Element reads of a tensor local in a loop: a weighted sum of the first n elements of <c>2x</c>.</summary>
    [Differentiable]
    public static double TensorLocalElementDot(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, int n)
    {
        var h = x * 2;
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += h[i] * w[i];
        }

        return s;
    }

    [Differentiable]
    public static float TensorLocalElementDotFloat(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, int n)
    {
        var h = x * 2;
        float s = 0;
        for (int i = 0; i < n; i++)
        {
            s += h[i] * w[i];
        }

        return s;
    }

    /// <summary>
    /// A tensor local assigned from its own elements: <c>h[0]</c> and <c>h[^1]</c> are read once, before the new tensor is
    /// written, as C# reads them; then a second local from one of its elements, copied back.
    /// </summary>
    [Differentiable]
    public static double TensorLocalReadsOwnElements(ReadOnlyTensorSpan<double> x, int steps)
    {
        var h = x * 1.0;
        for (int t = 0; t < steps; t++)
        {
            h = (x * h[0]) + (Sin(h) * h[^1]);
            var g = x * h[1];
            h = g;
        }

        return Sum(h);
    }

    /// <summary>Element reads <c>h[i, j]</c> and <c>h[^1, j]</c> of a matrix-shaped tensor local in nested loops.</summary>
    [Differentiable]
    public static double TensorLocalMatrixElements(ReadOnlyTensorSpan<double> m, double c)
    {
        var h = Square(m) - c;
        double s = 0;
        for (int i = 0; i < m.Lengths[0]; i++)
        {
            for (int j = 0; j < m.Lengths[1]; j++)
            {
                s += (h[i, j] * (i + 1)) - (h[^1, j] * c);
            }
        }

        return s;
    }

    /// <summary>A vector parameter read whole and by element in the same loop, beside a loop-carried tensor local.</summary>
    [Differentiable]
    public static double TensorParameterWholeAndByElement(ReadOnlyTensorSpan<double> x, int steps)
    {
        var h = x;
        double s = 0;
        for (int t = 0; t < steps; t++)
        {
            h = Tanh(h * 1.5);
            s += (h[0] * x[(int)x.FlattenedLength - 1]) + (Sum(x) * x[t]);
        }

        return s;
    }

    /// <summary><c>foreach</c> over a tensor local: its elements in row-major order, with a break on the data.</summary>
    [Differentiable]
    public static double TensorLocalForEach(ReadOnlyTensorSpan<double> x, double c)
    {
        var h = Exp(x) - c;
        double s = 0;
        foreach (var v in h)
        {
            if (v > 2)
            {
                break;
            }

            s = (s * 0.5) + (v * v);
        }

        return s;
    }
}
