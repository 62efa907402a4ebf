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
}
