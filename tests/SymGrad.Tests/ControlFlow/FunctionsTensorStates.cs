using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// Tensor states stepped in loops: a state updated from scalars (parameters and locals computed from the state) and
/// from tensors of its own shape. Tensors of other shapes do not meet inside loops (see the contract's control-flow part).
/// </summary>
public static partial class ControlFlowSuite
{
    /// <summary>Explicit Euler steps of <c>s' = a s - b</c> from <c>s0</c>, with a learned rate <c>a</c> and step <c>dt</c>.</summary>
    [Differentiable]
    public static double TimeSteppedState(ReadOnlyTensorSpan<double> s0, double a, ReadOnlyTensorSpan<double> b, double dt, int steps)
    {
        var s = s0;
        for (int t = 0; t < steps; t++)
        {
            s = s + (dt * ((a * s) - b));
        }

        return Sum(Square(s));
    }

    [Differentiable]
    public static float TimeSteppedStateFloat(ReadOnlyTensorSpan<float> s0, float a, ReadOnlyTensorSpan<float> b, float dt, int steps)
    {
        var s = s0;
        for (int t = 0; t < steps; t++)
        {
            s = s + (dt * ((a * s) - b));
        }

        return Sum(Square(s));
    }

    /// <summary>A state scaled by a scalar local computed from it each step, and shifted by it.</summary>
    [Differentiable]
    public static double StateScaledByItsMean(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, int steps)
    {
        var h = x;
        for (int t = 0; t < steps; t++)
        {
            double g = Mean(h * y);
            h = (h * g) + (y - g);
        }

        return Sum(h);
    }

    /// <summary>An exponential moving sum of the input: <c>t = 0.9 t + x</c>, from zero.</summary>
    [Differentiable]
    public static float DecayTowardInput(ReadOnlyTensorSpan<float> x, int steps)
    {
        var t = x * 0f;
        for (int k = 0; k < steps; k++)
        {
            t = (t * 0.9f) + x;
        }

        return Sum(Square(t));
    }

    /// <summary>
    /// <c>Sum(Square(MatMul(xk, w) + bias - yk))</c> over batches packed in the rows of <c>x</c> and <c>y</c>, read by
    /// element: what to write inside loops, where products and slices with bounds from loop counters are refused.
    /// </summary>
    [Differentiable]
    public static double BatchedLinearLoss(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> bias, [NoGrad] ReadOnlyTensorSpan<double> y, int batches)
    {
        int rows = (int)x.Lengths[0] / batches;
        double loss = 0;
        for (int k = 0; k < batches; k++)
        {
            double batchLoss = 0;
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < w.Lengths[1]; j++)
                {
                    double p = bias[j];
                    for (int q = 0; q < w.Lengths[0]; q++)
                    {
                        p += x[(k * rows) + i, q] * w[q, j];
                    }

                    double e = p - y[(k * rows) + i, j];
                    batchLoss += e * e;
                }
            }

            loss += batchLoss;
        }

        return loss;
    }
}
