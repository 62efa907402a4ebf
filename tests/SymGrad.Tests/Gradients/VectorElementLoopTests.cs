using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Tensor locals updated element-wise in loops: the loops over their elements run whole vectors, then one element at a
/// time, forward and in the reverse sweep. Sizes below, at and past a vector's width, with and without a remainder.
/// </summary>
public static partial class VectorElementLoopBodies
{
    /// <summary>A linear rollout: the state's update reads only the state and x, and no adjoint reads the state.</summary>
    [Differentiable]
    public static float RolloutFloat(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target)
    {
        var state = x;
        for (int step = 0; step < 20; step++)
        {
            state = (0.9f * state) + x;
        }

        return Sum(Square(state - target));
    }

    /// <summary><see cref="RolloutFloat"/> in double.</summary>
    [Differentiable]
    public static double Rollout(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<double> target)
    {
        var state = x;
        for (int step = 0; step < 20; step++)
        {
            state = (0.9 * state) + x;
        }

        return Sum(Square(state - target));
    }

    /// <summary>Negation, division and a scalar the loop does not assign, in an update of the state from its own old value.</summary>
    [Differentiable]
    public static double Decay(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, [NoGrad] double rate, int steps)
    {
        var s = x;
        for (int t = 0; t < steps; t++)
        {
            s = x - (s - (-(s * rate) / 3.0)) + (w / 4.0);
        }

        return Sum(s * w);
    }

    /// <summary><see cref="Decay"/> in float.</summary>
    [Differentiable]
    public static float DecayFloat(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, [NoGrad] float rate, int steps)
    {
        var s = x;
        for (int t = 0; t < steps; t++)
        {
            s = x - (s - (-(s * rate) / 3.0f)) + (w / 4.0f);
        }

        return Sum(s * w);
    }

    /// <summary>A nonlinear update, whose adjoint reads the old state: its loop keeps each element it overwrites.</summary>
    [Differentiable]
    public static double Euler(ReadOnlyTensorSpan<double> x0, ReadOnlyTensorSpan<double> a, int steps)
    {
        var h = x0;
        for (int t = 0; t < steps; t++)
        {
            h = h + (0.05 * (a - (h * h)));
        }

        return Sum(h * a);
    }
}

public sealed class VectorElementLoopTests
{
    public static TheoryData<int> Sizes() => new() { 1, 7, 8, 33, 1000 };

    internal static double[] Wave(int n, double phase) => Generate(n, i => 0.5 * Math.Sin((0.7 * i) + phase));

    private static double[] Generate(int n, Func<int, double> f)
    {
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = f(i);
        }

        return values;
    }

    internal static float[] Single(double[] values) => Array.ConvertAll(values, v => (float)v);

    /// <summary>The central difference of <paramref name="f"/> along element <paramref name="i"/> of <paramref name="x"/>.</summary>
    internal static double Central(Func<double[], double> f, double[] x, int i)
    {
        const double H = 1e-6;
        double[] plus = (double[])x.Clone();
        double[] minus = (double[])x.Clone();
        plus[i] += H;
        minus[i] -= H;
        return (f(plus) - f(minus)) / (2 * H);
    }

    /// <summary>Elements to check by central differences: all of a small tensor, a spread of a large one.</summary>
    internal static int[] Probes(int n) => n <= 40 ? Enumerable.Range(0, n).ToArray() : new[] { 0, 1, 7, 8, 9, 500, n - 9, n - 8, n - 1 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_rollout_matches_the_method_and_central_differences(int n)
    {
        double[] x = Wave(n, 0);
        double[] target = Wave(n, 1);
        var dx = new double[n];
        Array.Fill(dx, double.NaN);

        double value = VectorElementLoopBodies.RolloutValueAndGradient(x, target, dx);

        Assert.Equal(VectorElementLoopBodies.Rollout(x, target), value, 1e-9 * (1 + Math.Abs(value)));
        Assert.Equal(value, VectorElementLoopBodies.RolloutValue(x, target));
        foreach (int i in Probes(n))
        {
            Assert.Equal(Central(v => VectorElementLoopBodies.Rollout(v, target), x, i), dx[i], 1e-4 * (1 + Math.Abs(dx[i])));
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_float_rollout_matches_the_method_and_the_double_gradient(int n)
    {
        double[] x = Wave(n, 0);
        double[] target = Wave(n, 1);
        var dx = new double[n];
        var dxFloat = new float[n];
        Array.Fill(dxFloat, float.NaN);
        VectorElementLoopBodies.RolloutValueAndGradient(x, target, dx);

        float value = VectorElementLoopBodies.RolloutFloatValueAndGradient(Single(x), Single(target), dxFloat);

        float method = VectorElementLoopBodies.RolloutFloat(Single(x), Single(target));
        Assert.Equal(method, value, 1e-4f * (1 + Math.Abs(method)));
        Assert.Equal(value, VectorElementLoopBodies.RolloutFloatValue(Single(x), Single(target)));
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(dx[i], dxFloat[i], 1e-3 * (1 + Math.Abs(dx[i])));
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Negation_division_and_a_scalar_match_the_method_and_central_differences(int n)
    {
        double[] x = Wave(n, 0.3);
        double[] w = Wave(n, 2);
        var dx = new double[n];
        var dw = new double[n];
        Array.Fill(dx, double.NaN);
        Array.Fill(dw, double.NaN);

        double value = VectorElementLoopBodies.DecayValueAndGradient(x, w, 0.6, 5, dx, dw);

        Assert.Equal(VectorElementLoopBodies.Decay(x, w, 0.6, 5), value, 1e-9 * (1 + Math.Abs(value)));
        foreach (int i in Probes(n))
        {
            Assert.Equal(Central(v => VectorElementLoopBodies.Decay(v, w, 0.6, 5), x, i), dx[i], 1e-5 * (1 + Math.Abs(dx[i])));
            Assert.Equal(Central(v => VectorElementLoopBodies.Decay(x, v, 0.6, 5), w, i), dw[i], 1e-5 * (1 + Math.Abs(dw[i])));
        }

        var dxFloat = new float[n];
        var dwFloat = new float[n];
        float single = VectorElementLoopBodies.DecayFloatValueAndGradient(Single(x), Single(w), 0.6f, 5, dxFloat, dwFloat);
        Assert.Equal(VectorElementLoopBodies.DecayFloat(Single(x), Single(w), 0.6f, 5), single, 1e-4f * (1 + Math.Abs(single)));
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(dx[i], dxFloat[i], 1e-4 * (1 + Math.Abs(dx[i])));
            Assert.Equal(dw[i], dwFloat[i], 1e-4 * (1 + Math.Abs(dw[i])));
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void A_nonlinear_update_matches_the_method_and_central_differences(int n)
    {
        double[] x0 = Wave(n, 0.1);
        double[] a = Wave(n, 1.3);
        var dx0 = new double[n];
        var da = new double[n];

        double value = VectorElementLoopBodies.EulerValueAndGradient(x0, a, 20, dx0, da);

        Assert.Equal(VectorElementLoopBodies.Euler(x0, a, 20), value, 1e-9 * (1 + Math.Abs(value)));
        foreach (int i in Probes(n))
        {
            Assert.Equal(Central(v => VectorElementLoopBodies.Euler(v, a, 20), x0, i), dx0[i], 1e-5 * (1 + Math.Abs(dx0[i])));
            Assert.Equal(Central(v => VectorElementLoopBodies.Euler(x0, v, 20), a, i), da[i], 1e-5 * (1 + Math.Abs(da[i])));
        }
    }

    [Fact]
    public void The_rollout_allocates_nothing_after_warm_up()
    {
        float[] x = Single(Wave(1000, 0));
        float[] target = Single(Wave(1000, 1));
        var dx = new float[1000];
        for (int i = 0; i < 40; i++)
        {
            VectorElementLoopBodies.RolloutFloatValueAndGradient(x, target, dx);
            VectorElementLoopBodies.RolloutFloatValue(x, target);
        }

        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                VectorElementLoopBodies.RolloutFloatValueAndGradient(x, target, dx);
                VectorElementLoopBodies.RolloutFloatValue(x, target);
            }
        }));
    }
}
