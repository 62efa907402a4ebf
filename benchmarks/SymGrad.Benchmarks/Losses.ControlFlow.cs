using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Benchmarks;

/// <summary>The benchmarked workloads with control flow, as a user writes them.</summary>
public static partial class Losses
{
    /// <summary>The squared error written as a loop over the elements: compiled as <see cref="SquaredError"/>.</summary>
    [Differentiable]
    public static float SquaredErrorLoop(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target)
    {
        float s = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            float d = x[i] - target[i];
            s += d * d;
        }

        return s;
    }

    /// <summary>The same sum, written with whole-tensor operations.</summary>
    [Differentiable]
    public static float SquaredError(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target) => Sum(Square(x - target));

    /// <summary>
    /// A state tensor stepped 20 times by <c>state = 0.9 state + x</c> from <c>x</c>, then compared with a target: a
    /// tensor local updated by whole-tensor element-wise work in a loop.
    /// </summary>
    [Differentiable]
    public static float TensorRollout(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target)
    {
        var state = x;
        for (int step = 0; step < 20; step++)
        {
            state = (0.9f * state) + x;
        }

        return Sum(Square(state - target));
    }

    /// <summary>
    /// A damped, driven oscillator stepped 20 times by explicit Euler with a learned damping rate (the control-flow
    /// suite's <c>EulerRollout</c>): a recurrence, compiled to a scalar loop and its reverse sweep.
    /// </summary>
    [Differentiable]
    public static double EulerRollout(double rate, double x0, double v0)
    {
        const double Dt = 0.1;
        double x = x0;
        double v = v0;
        for (int step = 0; step < 20; step++)
        {
            double acceleration = -x - (rate * v) + (0.5 * Math.Sin(step * Dt));
            x += Dt * v;
            v += Dt * acceleration;
        }

        return ((x - 0.3) * (x - 0.3)) + (0.1 * v * v);
    }

    /// <summary>
    /// Classical RK4, 20 steps of 0.1, on a damped oscillator whose damping is learned (the control-flow suite's
    /// <c>Rk4DampedOscillator</c>): the state <c>y</c>, the four stages <c>k</c> and the stage point are local arrays
    /// overwritten on every step.
    /// </summary>
    [Differentiable]
    public static double Rk4DampedOscillator(double damping, double x0, double v0)
    {
        const double H = 0.1;
        double[] y = { x0, v0 };
        double[] k = new double[8];
        double[] stage = new double[2];
        for (int step = 0; step < 20; step++)
        {
            for (int s = 0; s < 4; s++)
            {
                double scale = s == 0 ? 0 : s == 3 ? H : H / 2;
                for (int i = 0; i < 2; i++)
                {
                    stage[i] = y[i] + (s == 0 ? 0 : scale * k[((s - 1) * 2) + i]);
                }

                k[s * 2] = stage[1];
                k[(s * 2) + 1] = -stage[0] - (damping * stage[1]);
            }

            for (int i = 0; i < 2; i++)
            {
                y[i] += H / 6 * (k[i] + (2 * k[2 + i]) + (2 * k[4 + i]) + k[6 + i]);
            }
        }

        return ((y[0] - 0.2) * (y[0] - 0.2)) + (0.5 * y[1] * y[1]);
    }

    /// <summary>
    /// A one-layer LSTM with two hidden units over a sequence of ten scalars (the control-flow suite's
    /// <c>LstmSequence</c>). Row r of the packed weights <c>w</c> (8 rows of 4) is gate r / 2 (input, forget, cell,
    /// output) for unit r % 2: its input weight, two recurrent weights and its bias. Gradients for the weights and the
    /// inputs.
    /// </summary>
    [Differentiable]
    public static double LstmSequence(ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> x)
    {
        const int H = 2;
        const int Row = H + 2;
        double[] h = new double[H];
        double[] c = new double[H];
        double[] gates = new double[4 * H];
        for (int t = 0; t < 10; t++)
        {
            for (int r = 0; r < 4 * H; r++)
            {
                double z = (w[r * Row] * x[t]) + w[(r * Row) + H + 1];
                for (int j = 0; j < H; j++)
                {
                    z += w[(r * Row) + 1 + j] * h[j];
                }

                gates[r] = r / H == 2 ? Math.Tanh(z) : 1 / (1 + Math.Exp(-z));
            }

            for (int j = 0; j < H; j++)
            {
                c[j] = (gates[H + j] * c[j]) + (gates[j] * gates[(2 * H) + j]);
                h[j] = gates[(3 * H) + j] * Math.Tanh(c[j]);
            }
        }

        return ((h[0] - 0.2) * (h[0] - 0.2)) + ((h[1] + 0.1) * (h[1] + 0.1));
    }
}
