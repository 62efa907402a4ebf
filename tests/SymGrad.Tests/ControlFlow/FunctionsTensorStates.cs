using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// Tensor states stepped in loops: a state updated from scalars (parameters and locals computed from the state) and
/// from tensors of its own shape or of shapes that broadcast to it (a row, a column, one value), as NumPy and PyTorch
/// broadcast them.
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

    /// <summary>Euler steps of <c>s' = a s - bias</c>, the bias broadcast over the state (a row, a column or one value).</summary>
    [Differentiable]
    public static double StateWithBias(ReadOnlyTensorSpan<double> s0, double a, ReadOnlyTensorSpan<double> bias, double dt, int steps)
    {
        var s = s0;
        for (int t = 0; t < steps; t++)
        {
            s = s + (dt * ((a * s) - bias));
        }

        return Sum(Square(s));
    }

    [Differentiable]
    public static float StateWithBiasFloat(ReadOnlyTensorSpan<float> s0, float a, ReadOnlyTensorSpan<float> bias, float dt, int steps)
    {
        var s = s0;
        for (int t = 0; t < steps; t++)
        {
            s = s + (dt * ((a * s) - bias));
        }

        return Sum(Square(s));
    }

    /// <summary>A state squashed and scaled per row by a column each step: <c>s = tanh(s * scale) + s0</c>.</summary>
    [Differentiable]
    public static double StateScaledPerRow(ReadOnlyTensorSpan<double> s0, ReadOnlyTensorSpan<double> scale, int steps)
    {
        var s = s0;
        for (int t = 0; t < steps; t++)
        {
            s = Tanh(s * scale) + s0;
        }

        return Sum(s * s0);
    }

    /// <summary>Reductions of two tensors broadcast against each other, either of them the larger, summed over steps.</summary>
    [Differentiable]
    public static double BroadcastSumsOverSteps(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, int steps)
    {
        double total = 0;
        for (int k = 1; k <= steps; k++)
        {
            total += Sum(Tanh((x * (0.3 * k)) + y));
        }

        return total;
    }

    /// <summary>A state that starts as the broadcast of two parameters (an outer sum of a column and a row).</summary>
    [Differentiable]
    public static double StateFromOuterSum(ReadOnlyTensorSpan<double> column, ReadOnlyTensorSpan<double> row, int steps)
    {
        var s = column + row;
        for (int t = 0; t < steps; t++)
        {
            s = (s * 0.5) + (column * row);
        }

        return Sum(Square(s));
    }
}
