using System;

namespace SymGrad.Tests.Gradients;

/// <summary>Scalar methods with loops, branches and jumps, written as a user would.</summary>
public static partial class ControlFlowBodies
{
    /// <summary>Horner's rule for 1 + 2x + 3x² + ... + n xⁿ⁻¹, reversed: s = s * x + (n - i).</summary>
    [Differentiable]
    public static double Horner(double x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s = s * x + (n - i);
        }

        return s;
    }

    [Differentiable]
    public static float PowerByLoop(float x, int n)
    {
        float p = 1;
        for (int i = 0; i < n; i++)
        {
            p *= x;
        }

        return p;
    }

    /// <summary>Piecewise: log x above 1, x - 1 between -1 and 1, -(x²) - 1 below, times a.</summary>
    [Differentiable]
    public static double Piecewise(double x, double a)
    {
        double y;
        if (x > 1)
        {
            y = Math.Log(x);
        }
        else if (x > -1)
        {
            y = x - 1;
        }
        else
        {
            y = -(x * x) - 1;
        }

        return a * y;
    }

    [Differentiable]
    public static double EarlyReturn(double x)
    {
        if (x < 0)
        {
            return Math.Exp(x);
        }

        return 1 + x + x * x;
    }

    /// <summary>Adds x until the sum passes limit, then returns its square: the return inside the loop leaves it.</summary>
    [Differentiable]
    public static double ReturnInsideLoop(double x, double limit, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += x;
            if (s > limit)
            {
                return s * s;
            }
        }

        return s;
    }

    /// <summary>Newton's method for √a, run until the residual is below a tolerance: the trip count depends on a.</summary>
    [Differentiable]
    public static double NewtonSqrt(double a)
    {
        double y = a > 1 ? a : 1;
        while (Math.Abs(y * y - a) > 1e-14 * a)
        {
            y = 0.5 * (y + a / y);
        }

        return y;
    }

    /// <summary>Halves x until it is below 1, at least once; the result is x / 2ᵏ.</summary>
    [Differentiable]
    public static double HalveDoWhile(double x)
    {
        double y = x;
        do
        {
            y = y / 2;
        }
        while (y >= 1);
        return y * y;
    }

    [Differentiable]
    public static double NestedSines(double x, double y, int n, int m)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                s += Math.Sin(x * i + y * j);
            }
        }

        return s;
    }

    /// <summary>Sum of the odd powers x¹ + x³ + ... below n, skipping the even ones with continue.</summary>
    [Differentiable]
    public static double OddPowers(double x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            if (i % 2 == 0)
            {
                continue;
            }

            s += Math.Pow(x, i);
        }

        return s;
    }

    /// <summary>The counter is declared outside the loop: after a break the iterator does not run, so i is where it broke.</summary>
    [Differentiable]
    public static double BreakKeepsCounter(double x, int n)
    {
        int i = 0;
        for (; i < n; i++)
        {
            if (x * i > 3)
            {
                break;
            }
        }

        return x * i;
    }

    /// <summary>The iterated map x ← sin(x), n times, reassigning the parameter.</summary>
    [Differentiable]
    public static double IteratedSine(double x, int n)
    {
        for (int k = 0; k < n; k++)
        {
            x = Math.Sin(x);
        }

        return x;
    }

    /// <summary>An int counter that wraps: from int.MaxValue - 2 it runs three times, then turns negative.</summary>
    [Differentiable]
    public static double WrappingCounter(double x)
    {
        double s = 0;
        for (int i = int.MaxValue - 2; i > 0; i++)
        {
            s += x;
        }

        return s;
    }

    /// <summary>Two locals that trade values every iteration: a Fibonacci recurrence in x.</summary>
    [Differentiable]
    public static double Fibonacci(double x, int n)
    {
        double a = 1;
        double b = x;
        int k = 0;
        while (k < n)
        {
            double t = a + b;
            a = b;
            b = t;
            k++;
        }

        return b;
    }
}

public sealed class ControlFlowTests
{
    private static void AssertClose(double expected, double actual, double tolerance = 1e-7)
        => Assert.True(Math.Abs(expected - actual) <= tolerance * (1 + Math.Abs(expected)), "expected " + expected + ", got " + actual);

    private static double Central(Func<double, double> f, double x, double h = 1e-6) => (f(x + h) - f(x - h)) / (2 * h);

    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(0.5, 1)]
    [InlineData(-1.3, 5)]
    [InlineData(2.0, 8)]
    public void Horner_matches_the_method_and_the_derivative_of_the_polynomial(double x, int n)
    {
        double value = ControlFlowBodies.HornerValueAndGradient(x, n, out double dx);

        Assert.Equal(ControlFlowBodies.Horner(x, n), ControlFlowBodies.HornerValue(x, n));
        Assert.Equal(ControlFlowBodies.Horner(x, n), value);

        // d/dx of Σ_{k=1..n} k x^(k-1) is Σ_{k=2..n} k (k-1) x^(k-2).
        double expected = 0;
        for (int k = 2; k <= n; k++)
        {
            expected += k * (k - 1) * Math.Pow(x, k - 2);
        }

        AssertClose(expected, dx);
        AssertClose(Central(v => ControlFlowBodies.Horner(v, n), x), dx, 1e-6);
    }

    [Theory]
    [InlineData(1.5f, 0)]
    [InlineData(1.5f, 3)]
    [InlineData(-0.7f, 6)]
    public void A_float_loop_gives_n_x_to_the_n_minus_1(float x, int n)
    {
        float value = ControlFlowBodies.PowerByLoopValueAndGradient(x, n, out float dx);

        Assert.Equal(ControlFlowBodies.PowerByLoop(x, n), value);
        Assert.Equal(ControlFlowBodies.PowerByLoop(x, n), ControlFlowBodies.PowerByLoopValue(x, n));
        Assert.Equal(n == 0 ? 0f : n * MathF.Pow(x, n - 1), dx, 1e-5f);
    }

    [Theory]
    [InlineData(2.5)]
    [InlineData(0.25)]
    [InlineData(-3.0)]
    public void Each_branch_gives_its_own_derivative(double x)
    {
        double value = ControlFlowBodies.PiecewiseValueAndGradient(x, 1.5, out double dx, out double da);

        Assert.Equal(ControlFlowBodies.Piecewise(x, 1.5), value);
        Assert.Equal(value, ControlFlowBodies.PiecewiseValue(x, 1.5));
        double dy = x > 1 ? 1 / x : x > -1 ? 1 : -2 * x;
        double y = x > 1 ? Math.Log(x) : x > -1 ? x - 1 : -(x * x) - 1;
        AssertClose(1.5 * dy, dx);
        AssertClose(y, da);
        AssertClose(Central(v => ControlFlowBodies.Piecewise(v, 1.5), x), dx, 1e-6);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(0.5)]
    public void An_early_return_differentiates_the_return_taken(double x)
    {
        double value = ControlFlowBodies.EarlyReturnValueAndGradient(x, out double dx);

        Assert.Equal(ControlFlowBodies.EarlyReturn(x), value);
        AssertClose(x < 0 ? Math.Exp(x) : 1 + 2 * x, dx);
    }

    [Theory]
    [InlineData(0.7, 2.0, 10)]
    [InlineData(0.7, 20.0, 10)]
    [InlineData(0.7, 2.0, 0)]
    public void A_return_inside_a_loop_leaves_it(double x, double limit, int n)
    {
        double value = ControlFlowBodies.ReturnInsideLoopValueAndGradient(x, limit, n, out double dx, out double dlimit);

        Assert.Equal(ControlFlowBodies.ReturnInsideLoop(x, limit, n), value);
        Assert.Equal(value, ControlFlowBodies.ReturnInsideLoopValue(x, limit, n));

        // k additions of x: k x, squared when the limit was passed.
        int k = 0;
        double s = 0;
        while (k < n && !(s > limit))
        {
            s += x;
            k++;
        }

        AssertClose(s > limit ? 2 * k * k * x : k, dx);
        Assert.Equal(0, dlimit);
        AssertClose(Central(v => ControlFlowBodies.ReturnInsideLoop(v, limit, n), x), dx, 1e-6);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.3)]
    [InlineData(1e6)]
    public void Newtons_method_run_to_a_tolerance_differentiates_through_its_iterations(double a)
    {
        double value = ControlFlowBodies.NewtonSqrtValueAndGradient(a, out double da);

        Assert.Equal(ControlFlowBodies.NewtonSqrt(a), value);
        AssertClose(Math.Sqrt(a), value, 1e-12);

        // Through the iterations, not by a rule for √: the converged iterate's derivative is 1 / (2√a).
        AssertClose(1 / (2 * Math.Sqrt(a)), da, 1e-9);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(5.0)]
    [InlineData(100.0)]
    public void A_do_loop_runs_at_least_once(double x)
    {
        double value = ControlFlowBodies.HalveDoWhileValueAndGradient(x, out double dx);

        Assert.Equal(ControlFlowBodies.HalveDoWhile(x), value);
        int k = 0;
        double y = x;
        do
        {
            y /= 2;
            k++;
        }
        while (y >= 1);
        AssertClose(2 * x / Math.Pow(4, k), dx);
    }

    [Theory]
    [InlineData(0.3, -0.2, 3, 4)]
    [InlineData(1.1, 0.9, 0, 2)]
    [InlineData(1.1, 0.9, 5, 1)]
    public void Nested_loops_sum_over_both_counters(double x, double y, int n, int m)
    {
        double value = ControlFlowBodies.NestedSinesValueAndGradient(x, y, n, m, out double dx, out double dy);

        Assert.Equal(ControlFlowBodies.NestedSines(x, y, n, m), value);
        double ex = 0, ey = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                ex += i * Math.Cos(x * i + y * j);
                ey += j * Math.Cos(x * i + y * j);
            }
        }

        AssertClose(ex, dx);
        AssertClose(ey, dy);
    }

    [Theory]
    [InlineData(0.8, 7)]
    [InlineData(-1.2, 6)]
    public void Continue_skips_the_rest_of_an_iteration(double x, int n)
    {
        double value = ControlFlowBodies.OddPowersValueAndGradient(x, n, out double dx);

        Assert.Equal(ControlFlowBodies.OddPowers(x, n), value);
        double expected = 0;
        for (int i = 1; i < n; i += 2)
        {
            expected += i * Math.Pow(x, i - 1);
        }

        AssertClose(expected, dx);
    }

    [Theory]
    [InlineData(0.7, 10)]
    [InlineData(0.7, 3)]
    [InlineData(-1.0, 4)]
    public void After_a_break_the_iterator_does_not_run(double x, int n)
    {
        double value = ControlFlowBodies.BreakKeepsCounterValueAndGradient(x, n, out double dx);

        Assert.Equal(ControlFlowBodies.BreakKeepsCounter(x, n), value);
        int i = 0;
        while (i < n && !(x * i > 3))
        {
            i++;
        }

        Assert.Equal(x * i, value);
        Assert.Equal(i, dx);
    }

    [Theory]
    [InlineData(1.0, 5)]
    [InlineData(-2.0, 30)]
    public void A_reassigned_parameter_carries_its_value_through_the_loop(double x, int n)
    {
        double value = ControlFlowBodies.IteratedSineValueAndGradient(x, n, out double dx);

        Assert.Equal(ControlFlowBodies.IteratedSine(x, n), value);
        double v = x, d = 1;
        for (int k = 0; k < n; k++)
        {
            d *= Math.Cos(v);
            v = Math.Sin(v);
        }

        AssertClose(d, dx, 1e-12);
    }

    [Fact]
    public void An_int_counter_wraps_as_in_CSharp()
    {
        double value = ControlFlowBodies.WrappingCounterValueAndGradient(1.25, out double dx);

        Assert.Equal(ControlFlowBodies.WrappingCounter(1.25), value);
        Assert.Equal(3 * 1.25, value);
        Assert.Equal(3, dx);
    }

    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(0.5, 6)]
    [InlineData(-2.0, 9)]
    public void Locals_that_trade_values_keep_each_value_for_the_reverse_sweep(double x, int n)
    {
        double value = ControlFlowBodies.FibonacciValueAndGradient(x, n, out double dx);

        Assert.Equal(ControlFlowBodies.Fibonacci(x, n), value);

        // b_k = F(k) + F(k+1) x with F the Fibonacci numbers from F(0) = 0: the derivative is F(n + 1).
        long f0 = 0, f1 = 1;
        for (int k = 0; k < n; k++)
        {
            (f0, f1) = (f1, f0 + f1);
        }

        Assert.Equal(f1, dx);
        AssertClose(Central(v => ControlFlowBodies.Fibonacci(v, n), x), dx, 1e-6);
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        ControlFlowBodies.NestedSinesValueAndGradient(0.3, 0.2, 40, 40, out _, out _);
        ControlFlowBodies.NewtonSqrtValueAndGradient(7.0, out _);
        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (int r = 0; r < 10; r++)
            {
                ControlFlowBodies.NestedSinesValueAndGradient(0.3, 0.2, 40, 40, out _, out _);
                ControlFlowBodies.NewtonSqrtValueAndGradient(7.0, out _);
                ControlFlowBodies.HornerValue(0.5, 100);
            }
        }));
    }
}
