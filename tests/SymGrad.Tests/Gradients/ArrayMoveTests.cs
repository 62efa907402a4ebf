using System;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// <c>state = next;</c> between local arrays, where <c>next</c> is created in the block of the assignment and not used
/// after it: C# shares one array between the two names, and nothing can tell that from a copy, which is what the
/// generated methods make. Writes through <c>state</c> after the assignment must land in what <c>state</c> reads.
/// </summary>
public static partial class ArrayMoveBodies
{
    [Differentiable]
    public static double Rotated(double a, int n)
    {
        double[] state = { a, 1 - a, 0.5 };
        for (int i = 0; i < n; i++)
        {
            double[] next = new double[state.Length];
            for (int k = 0; k < next.Length; k++)
            {
                next[k] = (state[(k + 1) % state.Length] * a) + (0.1 * state[k]);
            }

            state = next;
            state[0] += a * a;
        }

        return (state[0] * state[1]) + state[2];
    }

    /// <summary>A longer array each time: the copy takes the length of the array it copies.</summary>
    [Differentiable]
    public static double Growing(double a, int n)
    {
        double[] state = { a };
        for (int i = 0; i < n; i++)
        {
            double[] next = new double[state.Length + 1];
            for (int k = 0; k < state.Length; k++)
            {
                next[k] = state[k] * a;
            }

            next[state.Length] = Math.Sin(a * i);
            state = next;
        }

        double s = 0;
        for (int k = 0; k < state.Length; k++)
        {
            s += state[k] * (k + 1);
        }

        return s + state.Length;
    }
}

public sealed class ArrayMoveTests
{
    private static void AssertGradient(Func<double, int, double> f, double a, int n, double da)
    {
        double numeric = (f(a + 1e-6, n) - f(a - 1e-6, n)) / 2e-6;
        Assert.True(Math.Abs(numeric - da) <= 1e-6 * (1 + Math.Abs(numeric)), "expected " + numeric + ", got " + da);
    }

    [Theory]
    [InlineData(0.7, 0)]
    [InlineData(0.7, 1)]
    [InlineData(-0.4, 3)]
    [InlineData(0.9, 6)]
    public void An_array_moved_to_another_name_is_what_CSharp_computes(double a, int n)
    {
        double value = ArrayMoveBodies.RotatedValueAndGradient(a, n, out double da);
        Assert.Equal(ArrayMoveBodies.Rotated(a, n), value);
        Assert.Equal(value, ArrayMoveBodies.RotatedValue(a, n));
        AssertGradient(ArrayMoveBodies.Rotated, a, n, da);
    }

    [Fact]
    public void A_warm_call_that_moves_arrays_allocates_nothing()
    {
        ArrayMoveBodies.RotatedValueAndGradient(0.7, 6, out _);
        ArrayMoveBodies.RotatedValue(0.7, 6);
        double da = double.NaN;
        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            ArrayMoveBodies.RotatedValueAndGradient(0.7, 6, out da);
            ArrayMoveBodies.RotatedValue(0.7, 6);
        }));
        Assert.True(double.IsFinite(da));
    }

    [Theory]
    [InlineData(0.7, 0)]
    [InlineData(-0.4, 2)]
    [InlineData(0.9, 5)]
    public void A_moved_array_keeps_the_length_of_the_array_it_came_from(double a, int n)
    {
        double value = ArrayMoveBodies.GrowingValueAndGradient(a, n, out double da);
        Assert.Equal(ArrayMoveBodies.Growing(a, n), value);
        Assert.Equal(value, ArrayMoveBodies.GrowingValue(a, n));
        AssertGradient(ArrayMoveBodies.Growing, a, n, da);
    }
}
