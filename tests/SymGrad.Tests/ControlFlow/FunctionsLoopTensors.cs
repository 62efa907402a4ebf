using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// Tensors in methods with loops and branches, as users pass and read them: <c>Tensor&lt;T&gt;</c> parameters, read
/// whole and element by element.
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
}
