using System;
using System.Numerics.Tensors;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// Whole programs: an explicit Euler rollout with a learned rate, an RK4 integrator over a vector state, a one-layer
/// LSTM over ten time steps, Newton's method for a square root run to a tolerance, a determinant by cofactor expansion
/// on a 4x4 local array, and gradient descent unrolled with a learned step size.
/// </summary>
public static partial class ControlFlowSuite
{
    /// <summary>A damped, driven oscillator stepped 20 times by explicit Euler; the damping rate is learned.</summary>
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

    [Differentiable]
    public static float EulerRolloutFloat(float rate, float x0, float v0)
    {
        const float Dt = 0.1f;
        float x = x0;
        float v = v0;
        for (int step = 0; step < 20; step++)
        {
            float acceleration = -x - (rate * v) + (0.5f * MathF.Sin(step * Dt));
            x += Dt * v;
            v += Dt * acceleration;
        }

        return ((x - 0.3f) * (x - 0.3f)) + (0.1f * v * v);
    }

    /// <summary>Explicit Euler over a vector state: each element decays at the learned rate and feels its neighbours.</summary>
    [Differentiable]
    public static double EulerRolloutOfVector(ReadOnlyTensorSpan<double> y0, double rate)
    {
        const double Dt = 0.05;
        int n = (int)y0.FlattenedLength;
        double[] y = new double[n];
        double[] dy = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = y0[i];
        }

        for (int step = 0; step < 20; step++)
        {
            for (int i = 0; i < n; i++)
            {
                double left = i > 0 ? y[i - 1] : 0;
                double right = i < n - 1 ? y[i + 1] : 0;
                dy[i] = (-rate * y[i]) + (0.3 * Math.Tanh(left + right));
            }

            for (int i = 0; i < n; i++)
            {
                y[i] += Dt * dy[i];
            }
        }

        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += y[i] * y[i];
        }

        return s;
    }

    /// <summary>Classical RK4, 10 steps of 0.05, on a pendulum with a third coupled state; the stages live in local arrays.</summary>
    [Differentiable]
    public static double Rk4Integrator(ReadOnlyTensorSpan<double> state, double damping)
    {
        const int N = 3;
        const double H = 0.05;
        double[] y = new double[N];
        for (int i = 0; i < N; i++)
        {
            y[i] = state[i];
        }

        double[] k = new double[4 * N];
        double[] stage = new double[N];
        double[] weights = { 1, 2, 2, 1 };
        double[] offsets = { 0, 0.5, 0.5, 1 };
        for (int step = 0; step < 10; step++)
        {
            for (int s = 0; s < 4; s++)
            {
                for (int i = 0; i < N; i++)
                {
                    stage[i] = s == 0 ? y[i] : y[i] + (offsets[s] * H * k[((s - 1) * N) + i]);
                }

                k[s * N] = stage[1];
                k[(s * N) + 1] = -Math.Sin(stage[0]) - (damping * stage[1]);
                k[(s * N) + 2] = (stage[0] * stage[1]) - (damping * stage[2]);
            }

            for (int i = 0; i < N; i++)
            {
                double increment = 0;
                for (int s = 0; s < 4; s++)
                {
                    increment += weights[s] * k[(s * N) + i];
                }

                y[i] += H / 6 * increment;
            }
        }

        return (y[0] * y[0]) + (y[1] * y[1]) + y[2];
    }

    /// <summary>
    /// A one-layer LSTM with two hidden units over a sequence of ten scalars. Row r of the packed weights is gate r / 2
    /// (input, forget, cell, output) for unit r % 2: its input weight, two recurrent weights and its bias.
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

    /// <summary>Newton's method for √a until |x² - a| is within 1e-12 a: the gradient flows through every iteration.</summary>
    [Differentiable]
    public static double NewtonSquareRoot(double a)
    {
        double x = a > 1 ? a : 1;
        int iterations = 0;
        while (Math.Abs((x * x) - a) > 1e-12 * a && iterations < 100)
        {
            x = 0.5 * (x + (a / x));
            iterations++;
        }

        return x;
    }

    /// <summary>The determinant of a 4x4 matrix (row-major) by cofactor expansion along the first row, through 3x3 minors.</summary>
    [Differentiable]
    public static double Determinant4x4(ReadOnlyTensorSpan<double> m)
    {
        double[] a = new double[16];
        for (int i = 0; i < 16; i++)
        {
            a[i] = m[i];
        }

        double[] minor = new double[9];
        double det = 0;
        for (int c = 0; c < 4; c++)
        {
            int k = 0;
            for (int i = 1; i < 4; i++)
            {
                for (int j = 0; j < 4; j++)
                {
                    if (j != c)
                    {
                        minor[k] = a[(i * 4) + j];
                        k++;
                    }
                }
            }

            double minorDet = 0;
            for (int j = 0; j < 3; j++)
            {
                int left = j == 0 ? 1 : 0;
                int right = j == 2 ? 1 : 2;
                double cofactor = (minor[3 + left] * minor[6 + right]) - (minor[3 + right] * minor[6 + left]);
                minorDet += (j % 2 == 0 ? 1 : -1) * minor[j] * cofactor;
            }

            det += (c % 2 == 0 ? 1 : -1) * a[c] * minorDet;
        }

        return det;
    }

    /// <summary>Twenty steps of gradient descent on a bumpy quadratic; the loss after them, as a function of the step size.</summary>
    [Differentiable]
    public static double GradientDescentRollout(double learningRate, double x0)
    {
        double x = x0;
        for (int step = 0; step < 20; step++)
        {
            double slope = (2 * (x - 2)) + (0.3 * Math.Cos(3 * x));
            x -= learningRate * slope;
        }

        return ((x - 2) * (x - 2)) + (0.1 * Math.Sin(3 * x));
    }
    /// <summary>
    /// Classical RK4, 20 steps of 0.1, on a damped oscillator whose damping is learned; the state and the four stages
    /// are local arrays overwritten on every step.
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
}
