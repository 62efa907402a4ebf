using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>Whole-tensor operations and tensor locals in methods with loops and branches, as a user would write them.</summary>
public static partial class WholeTensorLoopBodies
{
    /// <summary>A vector Euler rollout written with tensors: h is carried through the loop.</summary>
    [Differentiable]
    public static double Euler(ReadOnlyTensorSpan<double> x0, ReadOnlyTensorSpan<double> a, [NoGrad] ReadOnlyTensorSpan<double> target, int steps)
    {
        var h = x0;
        for (int t = 0; t < steps; t++)
        {
            h = h + (0.05 * (a - (h * h)));
        }

        return Sum(Square(h - target));
    }

    /// <summary><see cref="Euler"/> with local arrays, as the suite's vector Euler writes it.</summary>
    [Differentiable]
    public static double EulerByElements(ReadOnlyTensorSpan<double> x0, ReadOnlyTensorSpan<double> a, [NoGrad] ReadOnlyTensorSpan<double> target, int steps)
    {
        int n = (int)x0.FlattenedLength;
        double[] h = new double[n];
        for (int i = 0; i < n; i++)
        {
            h[i] = x0[i];
        }

        for (int t = 0; t < steps; t++)
        {
            for (int i = 0; i < n; i++)
            {
                h[i] = h[i] + (0.05 * (a[i] - (h[i] * h[i])));
            }
        }

        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += (h[i] - target[i]) * (h[i] - target[i]);
        }

        return s;
    }

    [Differentiable]
    public static float BranchLoss(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> t, [NoGrad] float mode)
    {
        if (mode > 0)
        {
            return Mean(Square(x - t));
        }
        else
        {
            return Sum(Abs(x - t));
        }
    }

    [Differentiable]
    public static double MaxOverSteps(ReadOnlyTensorSpan<double> x, int steps)
    {
        double total = 0;
        for (int k = 1; k <= steps; k++)
        {
            total += Max(x * k);
        }

        return total;
    }
}

public sealed class WholeTensorLoopTests
{
    private static readonly double[] X0 = { 0.5, -0.2, 0.9, 0.1 };
    private static readonly double[] A = { 0.3, 0.8, 0.1, -0.4 };
    private static readonly double[] Target = { 0.4, 0.4, 0.4, 0.0 };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20)]
    public void A_loop_carried_tensor_gives_the_gradient_of_its_local_array_spelling(int steps)
    {
        var dx0 = new double[4];
        var da = new double[4];
        var ex0 = new double[4];
        var ea = new double[4];
        double value = WholeTensorLoopBodies.EulerValueAndGradient(Span(X0), Span(A), Span(Target), steps, Grad(dx0), Grad(da));
        double expected = WholeTensorLoopBodies.EulerByElementsValueAndGradient(Span(X0), Span(A), Span(Target), steps, Grad(ex0), Grad(ea));

        Assert.Equal(WholeTensorLoopBodies.Euler(Span(X0), Span(A), Span(Target), steps), value, 12);
        Assert.Equal(expected, value, 12);
        Assert.Equal(value, WholeTensorLoopBodies.EulerValue(Span(X0), Span(A), Span(Target), steps));
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(ex0[i], dx0[i], 12);
            Assert.Equal(ea[i], da[i], 12);
        }
    }

    [Fact]
    public void Tensors_of_different_shapes_throw_before_anything_is_written()
    {
        var dx0 = new double[] { 7, 7, 7, 7 };
        var da = new double[] { 7, 7, 7 };
        double[] shortA = { 0.3, 0.8, 0.1 };

        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => WholeTensorLoopBodies.EulerValueAndGradient(Span(X0), Span(shortA), Span(Target), 3, Grad(dx0), Grad(da)));

        Assert.Contains("'(h * h)' [4]", error.Message);
        Assert.Contains("'a' [3]", error.Message);
        Assert.All(dx0, d => Assert.Equal(7, d));
        Assert.All(da, d => Assert.Equal(7, d));
    }

    [Fact]
    public void A_vector_meeting_a_matrix_inside_loops_is_broadcast_over_its_rows_as_run_eagerly()
    {
        // a, a [2] vector, is repeated over the rows of the [2, 2] state: its gradient sums over them.
        var dx0 = new double[4];
        var da = new double[2];
        double[] vector = { 0.3, 0.8 };
        double Eager(double[] x0, double[] a) => WholeTensorLoopBodies.Euler(new ReadOnlyTensorSpan<double>(x0, [2, 2], default), new ReadOnlyTensorSpan<double>(a, [2], default), new ReadOnlyTensorSpan<double>(Target, [2, 2], default), 3);

        double value = WholeTensorLoopBodies.EulerValueAndGradient(
            new ReadOnlyTensorSpan<double>(X0, [2, 2], default),
            new ReadOnlyTensorSpan<double>(vector, [2], default),
            new ReadOnlyTensorSpan<double>(Target, [2, 2], default),
            3,
            new TensorSpan<double>(dx0, [2, 2], default),
            new TensorSpan<double>(da, [2], default));

        Assert.Equal(Eager(X0, vector), value, 12);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(Difference(x => Eager(x, vector), X0, i), dx0[i], 7);
        }

        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(Difference(a => Eager(X0, a), vector, i), da[i], 7);
        }

        static double Difference(Func<double[], double> f, double[] at, int i)
        {
            double[] plus = (double[])at.Clone();
            double[] minus = (double[])at.Clone();
            plus[i] += 1e-6;
            minus[i] -= 1e-6;
            return (f(plus) - f(minus)) / 2e-6;
        }
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(-1f)]
    public void A_whole_tensor_return_in_each_branch_differentiates_the_branch_taken(float mode)
    {
        float[] x = { 0.5f, -1.2f, 0.3f };
        float[] t = { 0.1f, 0.4f, -0.2f };
        var dx = new float[3];

        float value = WholeTensorLoopBodies.BranchLossValueAndGradient(Span(x), Span(t), mode, Grad(dx));

        Assert.Equal(WholeTensorLoopBodies.BranchLoss(Span(x), Span(t), mode), value, 5);
        for (int i = 0; i < 3; i++)
        {
            float expected = mode > 0 ? 2 * (x[i] - t[i]) / 3 : MathF.Sign(x[i] - t[i]);
            Assert.Equal(expected, dx[i], 5);
        }
    }

    [Fact]
    public void Max_in_a_loop_shares_the_gradient_of_a_tie_evenly()
    {
        double[] x = { 0.5, 2.0, -1.0, 2.0 };
        var dx = new double[4];

        double value = WholeTensorLoopBodies.MaxOverStepsValueAndGradient(Span(x), 3, Grad(dx));

        Assert.Equal(WholeTensorLoopBodies.MaxOverSteps(Span(x), 3), value);
        Assert.Equal(new[] { 0, 3.0, 0, 3.0 }, dx);
    }

    [Fact]
    public void Max_of_no_elements_throws_as_the_method_does()
    {
        var dx = Array.Empty<double>();

        Assert.ThrowsAny<ArgumentException>(() => WholeTensorLoopBodies.MaxOverSteps(Span(Array.Empty<double>()), 2));
        Assert.ThrowsAny<ArgumentException>(() => WholeTensorLoopBodies.MaxOverStepsValueAndGradient(Span(Array.Empty<double>()), 2, Grad(dx)));
        Assert.Equal(0, WholeTensorLoopBodies.MaxOverStepsValue(Span(Array.Empty<double>()), 0));
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        var dx0 = new double[4];
        var da = new double[4];
        float[] x = { 0.5f, -1.2f, 0.3f };
        float[] t = { 0.1f, 0.4f, -0.2f };
        var dx = new float[3];
        var dm = new double[4];
        WholeTensorLoopBodies.EulerValueAndGradient(Span(X0), Span(A), Span(Target), 20, Grad(dx0), Grad(da));
        WholeTensorLoopBodies.BranchLossValueAndGradient(Span(x), Span(t), 1f, Grad(dx));
        WholeTensorLoopBodies.MaxOverStepsValueAndGradient(Span(X0), 3, Grad(dm));
        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (int r = 0; r < 10; r++)
            {
                WholeTensorLoopBodies.EulerValueAndGradient(Span(X0), Span(A), Span(Target), 20, Grad(dx0), Grad(da));
                WholeTensorLoopBodies.EulerValue(Span(X0), Span(A), Span(Target), 20);
                WholeTensorLoopBodies.BranchLossValueAndGradient(Span(x), Span(t), -1f, Grad(dx));
                WholeTensorLoopBodies.MaxOverStepsValueAndGradient(Span(X0), 3, Grad(dm));
            }
        }));
    }

    private static ReadOnlyTensorSpan<T> Span<T>(T[] values) => new(values);

    private static TensorSpan<T> Grad<T>(T[] values) => new(values);
}
