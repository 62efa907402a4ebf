using System;

namespace SymGrad.Benchmarks;

/// <summary>
/// The Euler rollout of <see cref="Losses.EulerRollout"/> with its reverse sweep written by hand, as an expert writes
/// it: the forward loop keeps each step's velocity (the only value the adjoints read: the update is linear in x and v)
/// in 20 doubles on the stack, 160 bytes, and the backward loop runs the steps' adjoints from the last to the first.
/// </summary>
public static partial class HandWritten
{
    private const int EulerSteps = 20;
    private const double EulerDt = 0.1;

    public static double EulerRollout(double rate, double x0, double v0, out double drate, out double dx0, out double dv0)
    {
        Span<double> velocities = stackalloc double[EulerSteps];
        double x = x0;
        double v = v0;
        for (int step = 0; step < EulerSteps; step++)
        {
            velocities[step] = v;
            double acceleration = -x - (rate * v) + (0.5 * Math.Sin(step * EulerDt));
            x += EulerDt * v;
            v += EulerDt * acceleration;
        }

        double value = ((x - 0.3) * (x - 0.3)) + (0.1 * v * v);
        double xAdjoint = 2 * (x - 0.3);
        double vAdjoint = 0.2 * v;
        double rateAdjoint = 0;
        for (int step = EulerSteps - 1; step >= 0; step--)
        {
            // v' = v + dt a, a = -x - rate v + drive; x' = x + dt v.
            double accelerationAdjoint = EulerDt * vAdjoint;
            rateAdjoint -= accelerationAdjoint * velocities[step];
            vAdjoint += (EulerDt * xAdjoint) - (rate * accelerationAdjoint);
            xAdjoint -= accelerationAdjoint;
        }

        drate = rateAdjoint;
        dx0 = xAdjoint;
        dv0 = vAdjoint;
        return value;
    }

    /// <summary>The value alone: the forward loop.</summary>
    public static double EulerRolloutValue(double rate, double x0, double v0)
    {
        double x = x0;
        double v = v0;
        for (int step = 0; step < EulerSteps; step++)
        {
            double acceleration = -x - (rate * v) + (0.5 * Math.Sin(step * EulerDt));
            x += EulerDt * v;
            v += EulerDt * acceleration;
        }

        return ((x - 0.3) * (x - 0.3)) + (0.1 * v * v);
    }
}
