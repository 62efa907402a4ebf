using System;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// <c>&amp;&amp;</c> and <c>||</c> whose right operand C# skips: an element read past an end, a division by zero. The
/// generated methods must evaluate the right operand only where C# does, so they neither throw where the method does
/// not nor differentiate an operand that was never computed.
/// </summary>
public static partial class ShortCircuitBodies
{
    /// <summary>Sums the leading positive elements: the read <c>x[i]</c> at i = n never happens.</summary>
    [Differentiable]
    public static double LeadingPositiveSum(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        int i = 0;
        while (i < x.FlattenedLength && x[i] > 0)
        {
            s += x[i] * x[i];
            i++;
        }

        return s;
    }

    /// <summary>The same with a <c>for</c> loop whose condition reads the element.</summary>
    [Differentiable]
    public static double LeadingPositiveProduct(ReadOnlyTensorSpan<double> x)
    {
        double p = 1;
        for (int i = 0; i < x.FlattenedLength && x[i] > 0; i++)
        {
            p *= 1 + x[i];
        }

        return p;
    }

    /// <summary>A neighbour read guarded by its index in an 'if': <c>x[i - 1]</c> at i = 0 never happens.</summary>
    [Differentiable]
    public static double RisesAfterFirst(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            if (i > 0 && x[i] > x[i - 1])
            {
                s += x[i] - x[i - 1];
            }
            else
            {
                s += 0.5 * x[i];
            }
        }

        return s;
    }

    /// <summary>'||' with an integer division on its right: at k = 0 C# never divides.</summary>
    [Differentiable]
    public static double GuardedDivision(double a, int k)
    {
        double s = a;
        for (int i = 0; i < 4; i++)
        {
            if (k == 0 || i / k > 1)
            {
                s = (s * a) + 1;
            }
            else
            {
                s -= a;
            }
        }

        return s;
    }

    /// <summary>A <c>do</c> loop whose condition reads the next element only while it is inside the bounds.</summary>
    [Differentiable]
    public static double LeadingPositiveSquares(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        int i = 0;
        do
        {
            s += x[i] * x[i];
            i++;
        }
        while (i < x.FlattenedLength && x[i] > 0);

        return s;
    }

    /// <summary>
    /// A <c>do</c> loop with '||' and an integer division on its right (at k = 0 C# never divides), whose <c>continue</c>
    /// goes to the condition.
    /// </summary>
    [Differentiable]
    public static double SkippingDivision(double a, int k)
    {
        double s = a;
        int i = 0;
        do
        {
            i++;
            if (i % 2 == 0)
            {
                s += a;
                continue;
            }

            s = (s * a) + 1;
        }
        while (i < 6 && (k == 0 || i / k < 2));

        return s;
    }

    /// <summary>'&amp;&amp;' inside a value, not a condition.</summary>
    [Differentiable]
    public static double ScaledWhenInRange(double a, int k)
    {
        double[] v = { a, 2 * a, 3 * a };
        double s = 0;
        for (int i = 0; i < 5; i++)
        {
            bool inRange = i < v.Length && v[i] > 0;
            s += inRange ? v[i] * a : a;
        }

        return s + k;
    }
}

public sealed class ShortCircuitTests
{
    private static void AssertClose(double expected, double actual, double tolerance = 1e-7)
        => Assert.True(Math.Abs(expected - actual) <= tolerance * (1 + Math.Abs(expected)), "expected " + expected + ", got " + actual);

    private static double[] Central(Func<double[], double> f, double[] x, double h = 1e-6)
    {
        var g = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double[] up = (double[])x.Clone();
            double[] down = (double[])x.Clone();
            up[i] += h;
            down[i] -= h;
            g[i] = (f(up) - f(down)) / (2 * h);
        }

        return g;
    }

    public static TheoryData<double[]> Vectors => new()
    {
        new[] { 0.5, 1.5, 2.0 },
        new[] { 0.5, -1.5, 2.0 },
        new[] { -0.5, 1.5 },
        new[] { 0.25 },
        new[] { 0.3, 0.9, 0.1, 0.7, 1.1 },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void A_while_condition_reads_an_element_only_inside_the_bounds(double[] x)
    {
        var dx = new double[x.Length];
        double value = ShortCircuitBodies.LeadingPositiveSumValueAndGradient(new ReadOnlyTensorSpan<double>(x), new TensorSpan<double>(dx));
        Assert.Equal(ShortCircuitBodies.LeadingPositiveSum(new ReadOnlyTensorSpan<double>(x)), value);
        Assert.Equal(value, ShortCircuitBodies.LeadingPositiveSumValue(new ReadOnlyTensorSpan<double>(x)));
        double[] expected = Central(v => ShortCircuitBodies.LeadingPositiveSum(new ReadOnlyTensorSpan<double>(v)), x);
        for (int i = 0; i < x.Length; i++)
        {
            AssertClose(expected[i], dx[i], 1e-6);
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void A_for_condition_reads_an_element_only_inside_the_bounds(double[] x)
    {
        var dx = new double[x.Length];
        double value = ShortCircuitBodies.LeadingPositiveProductValueAndGradient(new ReadOnlyTensorSpan<double>(x), new TensorSpan<double>(dx));
        Assert.Equal(ShortCircuitBodies.LeadingPositiveProduct(new ReadOnlyTensorSpan<double>(x)), value);
        Assert.Equal(value, ShortCircuitBodies.LeadingPositiveProductValue(new ReadOnlyTensorSpan<double>(x)));
        double[] expected = Central(v => ShortCircuitBodies.LeadingPositiveProduct(new ReadOnlyTensorSpan<double>(v)), x);
        for (int i = 0; i < x.Length; i++)
        {
            AssertClose(expected[i], dx[i], 1e-6);
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void An_if_condition_reads_the_neighbour_only_after_the_first(double[] x)
    {
        var dx = new double[x.Length];
        double value = ShortCircuitBodies.RisesAfterFirstValueAndGradient(new ReadOnlyTensorSpan<double>(x), new TensorSpan<double>(dx));
        Assert.Equal(ShortCircuitBodies.RisesAfterFirst(new ReadOnlyTensorSpan<double>(x)), value);
        Assert.Equal(value, ShortCircuitBodies.RisesAfterFirstValue(new ReadOnlyTensorSpan<double>(x)));
        double[] expected = Central(v => ShortCircuitBodies.RisesAfterFirst(new ReadOnlyTensorSpan<double>(v)), x);
        for (int i = 0; i < x.Length; i++)
        {
            AssertClose(expected[i], dx[i], 1e-6);
        }
    }

    [Theory]
    [InlineData(0.7, 0)]
    [InlineData(0.7, 1)]
    [InlineData(-1.3, 2)]
    [InlineData(1.1, 5)]
    public void An_integer_division_right_of_or_runs_only_where_CSharp_runs_it(double a, int k)
    {
        double value = ShortCircuitBodies.GuardedDivisionValueAndGradient(a, k, out double da);
        Assert.Equal(ShortCircuitBodies.GuardedDivision(a, k), value);
        Assert.Equal(value, ShortCircuitBodies.GuardedDivisionValue(a, k));
        AssertClose((ShortCircuitBodies.GuardedDivision(a + 1e-6, k) - ShortCircuitBodies.GuardedDivision(a - 1e-6, k)) / 2e-6, da, 1e-6);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void A_do_condition_reads_an_element_only_inside_the_bounds(double[] x)
    {
        var dx = new double[x.Length];
        double value = ShortCircuitBodies.LeadingPositiveSquaresValueAndGradient(new ReadOnlyTensorSpan<double>(x), new TensorSpan<double>(dx));
        Assert.Equal(ShortCircuitBodies.LeadingPositiveSquares(new ReadOnlyTensorSpan<double>(x)), value);
        Assert.Equal(value, ShortCircuitBodies.LeadingPositiveSquaresValue(new ReadOnlyTensorSpan<double>(x)));
        double[] expected = Central(v => ShortCircuitBodies.LeadingPositiveSquares(new ReadOnlyTensorSpan<double>(v)), x);
        for (int i = 0; i < x.Length; i++)
        {
            AssertClose(expected[i], dx[i], 1e-6);
        }
    }

    [Theory]
    [InlineData(0.7, 0)]
    [InlineData(0.7, 1)]
    [InlineData(-1.3, 2)]
    [InlineData(1.1, 5)]
    public void A_do_condition_divides_only_where_CSharp_divides_and_a_continue_tests_it(double a, int k)
    {
        double value = ShortCircuitBodies.SkippingDivisionValueAndGradient(a, k, out double da);
        Assert.Equal(ShortCircuitBodies.SkippingDivision(a, k), value);
        Assert.Equal(value, ShortCircuitBodies.SkippingDivisionValue(a, k));
        AssertClose((ShortCircuitBodies.SkippingDivision(a + 1e-6, k) - ShortCircuitBodies.SkippingDivision(a - 1e-6, k)) / 2e-6, da, 1e-6);
    }

    [Theory]
    [InlineData(0.7, 0)]
    [InlineData(-1.3, 3)]
    public void A_short_circuit_in_a_value_reads_the_array_only_inside_it(double a, int k)
    {
        double value = ShortCircuitBodies.ScaledWhenInRangeValueAndGradient(a, k, out double da);
        Assert.Equal(ShortCircuitBodies.ScaledWhenInRange(a, k), value);
        Assert.Equal(value, ShortCircuitBodies.ScaledWhenInRangeValue(a, k));
        AssertClose((ShortCircuitBodies.ScaledWhenInRange(a + 1e-6, k) - ShortCircuitBodies.ScaledWhenInRange(a - 1e-6, k)) / 2e-6, da, 1e-6);
    }
}
