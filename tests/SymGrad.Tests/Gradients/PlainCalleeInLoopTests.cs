using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Calls from inside loops to [Differentiable] methods without loops that reduce tensors to a scalar: each is inlined,
/// and its reductions become loops over elements ahead of the statement, as if written there.
/// </summary>
public static partial class PlainCalleeBodies
{
    [Differentiable]
    public static double Loss(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b) => Sum(Square(a - b));

    [Differentiable]
    public static double Weighted(ReadOnlyTensorSpan<double> a, double w) => (w * Mean(Exp(a))) + Max(a);

    [Differentiable]
    public static float LossF(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b) => Mean(Square(a - b));

    /// <summary>The same loss each iteration, weighted by the counter.</summary>
    [Differentiable]
    public static double CallsEachIteration(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += Loss(x, y) * i;
        }

        return s;
    }

    /// <summary>Calls on a loop-carried tensor local and an expression of it, with a break on the running sum.</summary>
    [Differentiable]
    public static double CallsOnAState(ReadOnlyTensorSpan<double> x, double dt, int n)
    {
        var h = x;
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            h = h - (dt * ((h * h) - 0.5));
            s += Weighted(h * 2.0, dt) + Loss(h, x);
            if (s > 100)
            {
                break;
            }
        }

        return s;
    }

    [Differentiable]
    public static float CallsEachIterationF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y, int n)
    {
        float s = 0;
        for (int i = 0; i < n; i++)
        {
            s += i % 2 == 0 ? LossF(x, y) : 0.5f * LossF(y, x * 2f);
        }

        return s;
    }
}

public sealed class PlainCalleeInLoopTests
{
    private static Tensor<double> Vector(int n, int seed)
    {
        var random = new Random(seed);
        return Tensor.Create(Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 2) - 1).ToArray(), [n]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    public void A_plain_callee_in_a_loop_gives_the_method_s_value_and_gradient(int n)
    {
        Tensor<double> x = Vector(n, n);
        Tensor<double> y = Vector(n, n + 1);
        Tensor<double> dx = Tensor.CreateFromShape<double>([n]);
        Tensor<double> dy = Tensor.CreateFromShape<double>([n]);

        double value = PlainCalleeBodies.CallsEachIterationValueAndGradient(x, y, 4, dx, dy);
        Assert.Equal(PlainCalleeBodies.CallsEachIteration(x, y, 4), value, 12);
        GradCheck.Assert(x, () => PlainCalleeBodies.CallsEachIteration(x, y, 4), dx);
        GradCheck.Assert(y, () => PlainCalleeBodies.CallsEachIteration(x, y, 4), dy);

        double state = PlainCalleeBodies.CallsOnAStateValueAndGradient(x, 0.1, 6, dx, out double ddt);
        Assert.Equal(PlainCalleeBodies.CallsOnAState(x, 0.1, 6), state, 12);
        GradCheck.Assert(x, () => PlainCalleeBodies.CallsOnAState(x, 0.1, 6), dx);
        double central = (PlainCalleeBodies.CallsOnAState(x, 0.1 + 1e-6, 6) - PlainCalleeBodies.CallsOnAState(x, 0.1 - 1e-6, 6)) / 2e-6;
        Assert.Equal(central, ddt, 1e-5 + (1e-4 * Math.Abs(central)));
    }

    [Fact]
    public void A_float_callee_on_both_branches_matches_the_double_method_within_float_precision()
    {
        float[] x = { 0.5f, -0.2f, 0.9f, 0.1f, -0.7f, 0.3f, 0.6f };
        float[] y = { 0.1f, 0.2f, -0.3f, 0.4f, 0.5f, -0.6f, 0.7f };
        var dx = new float[x.Length];
        var dy = new float[y.Length];

        float value = PlainCalleeBodies.CallsEachIterationFValueAndGradient(
            new ReadOnlyTensorSpan<float>(x), new ReadOnlyTensorSpan<float>(y), 5, new TensorSpan<float>(dx), new TensorSpan<float>(dy));

        Assert.Equal(PlainCalleeBodies.CallsEachIterationF(new ReadOnlyTensorSpan<float>(x), new ReadOnlyTensorSpan<float>(y), 5), value, 5);

        // Iterations 0, 2 and 4 add mean((x - y)^2); 1 and 3 add 0.5 * mean((y - 2x)^2).
        int n = x.Length;
        for (int j = 0; j < n; j++)
        {
            double expectedX = (3 * 2.0 * (x[j] - y[j]) / n) + (2 * 0.5 * 2.0 * (y[j] - (2.0 * x[j])) * -2.0 / n);
            double expectedY = (3 * -2.0 * (x[j] - y[j]) / n) + (2 * 0.5 * 2.0 * (y[j] - (2.0 * x[j])) / n);
            Assert.Equal(expectedX, dx[j], 4);
            Assert.Equal(expectedY, dy[j], 4);
        }
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        Tensor<double> x = Vector(9, 3);
        Tensor<double> y = Vector(9, 4);
        Tensor<double> dx = Tensor.CreateFromShape<double>([9]);
        Tensor<double> dy = Tensor.CreateFromShape<double>([9]);
        PlainCalleeBodies.CallsEachIterationValueAndGradient(x, y, 3, dx, dy);
        PlainCalleeBodies.CallsOnAStateValueAndGradient(x, 0.1, 3, dx, out _);

        long bytes = Allocations.FewestBytes(() =>
        {
            for (int r = 0; r < 10; r++)
            {
                PlainCalleeBodies.CallsEachIterationValueAndGradient(x, y, 3, dx, dy);
                PlainCalleeBodies.CallsOnAStateValueAndGradient(x, 0.1, 3, dx, out _);
            }
        });

        Assert.Equal(0, bytes);
    }
}
