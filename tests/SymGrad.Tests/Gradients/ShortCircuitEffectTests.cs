using System;

namespace SymGrad.Tests.Gradients;

/// <summary>Writes (<c>++it</c>, <c>it++</c>, assignments) where C# may skip them: right of <c>||</c> and <c>&amp;&amp;</c>, in an arm of <c>?:</c>.</summary>
public static partial class ShortCircuitEffectBodies
{
    /// <summary>it counts only the tests after s reached 3: the right of || runs only when the left is false.</summary>
    [Differentiable]
    public static double OrCounts(double x, int n)
    {
        double s = 0;
        int it = 0;
        while (s < 3 || ++it < n)
        {
            s += x * x;
        }

        return s * it;
    }

    /// <summary>it++ runs only while s is under 50: the right of &amp;&amp; runs only when the left is true.</summary>
    [Differentiable]
    public static float WhileAnd(float x, int n)
    {
        float s = 1;
        int it = 0;
        while (s < 50 && it++ < n)
        {
            s *= x;
        }

        return s + it;
    }

    /// <summary>hits counts the even i only, in an if's condition.</summary>
    [Differentiable]
    public static float AndInIf(float x, int n)
    {
        float s = 0;
        int hits = 0;
        for (int i = 0; i < n; i++)
        {
            if (i % 2 == 0 && ++hits > 1)
            {
                s += x * i;
            }
            else
            {
                s -= x;
            }
        }

        return s + hits;
    }

    /// <summary>A T local multiplied on the right of ||, only in the first three iterations.</summary>
    [Differentiable]
    public static double OrAssignsT(double x, int n)
    {
        double s = 0, t = 1;
        for (int i = 0; i < n; i++)
        {
            if (i > 2 || (t *= x) > 0.5)
            {
                s += t;
            }
        }

        return s + t;
    }

    /// <summary>++a in one arm of ?:, b++ in the other, and a T local assigned in an arm.</summary>
    [Differentiable]
    public static double ArmCounts(double x, int n)
    {
        double s = 0, t = 0;
        int a = 0, b = 0;
        for (int i = 0; i < n; i++)
        {
            s += i % 3 == 0 ? x * ++a : x * x * b++;
            double u = i % 2 == 0 ? (t += x) : 2 * t;
            s += u;
        }

        return s + (a * 10) + b + t;
    }

    /// <summary>The float form of an arm that counts: a T local incremented in one arm.</summary>
    [Differentiable]
    public static float ArmIncrementsT(float x, int n)
    {
        float s = 0, t = x;
        for (int i = 0; i < n; i++)
        {
            s += i < 2 ? t++ * x : ++t * x;
        }

        return s;
    }
}

public sealed class ShortCircuitEffectTests
{
    private static double OrCountsAsWritten(double x, int n, out int it)
    {
        double s = 0;
        it = 0;
        while (s < 3 || ++it < n)
        {
            s += x * x;
        }

        return s * it;
    }

    [Theory]
    [InlineData(0.9, 5)]
    [InlineData(0.9, 1)]
    [InlineData(0.9, 0)]
    [InlineData(-1.3, 3)]
    public void The_right_of_or_increments_only_after_the_left_turns_false(double x, int n)
    {
        double expected = OrCountsAsWritten(x, n, out int it);
        Assert.True(it >= 1);

        double value = ShortCircuitEffectBodies.OrCountsValueAndGradient(x, n, out double dx);

        Assert.Equal(expected, value, 12);
        Assert.Equal(ShortCircuitEffectBodies.OrCounts(x, n), value, 12);
        Assert.Equal(expected, ShortCircuitEffectBodies.OrCountsValue(x, n), 12);

        // s = k·x² for the k iterations that ran, times it.
        Assert.Equal(2 * expected / x, dx, 10);
        Central(x => ShortCircuitEffectBodies.OrCounts(x, n), x, dx);
    }

    [Theory]
    [InlineData(2f, 100)]
    [InlineData(2f, 3)]
    [InlineData(1.5f, 0)]
    [InlineData(3f, 2)]
    public void The_right_of_and_increments_only_while_the_left_holds(float x, int n)
    {
        float s = 1;
        int it = 0;
        while (s < 50 && it++ < n)
        {
            s *= x;
        }

        float value = ShortCircuitEffectBodies.WhileAndValueAndGradient(x, n, out float dx);

        Assert.Equal(s + it, value, 4);
        Assert.Equal(ShortCircuitEffectBodies.WhileAnd(x, n), value, 4);
        Assert.Equal(ShortCircuitEffectBodies.WhileAnd(x, n), ShortCircuitEffectBodies.WhileAndValue(x, n), 4);
        Central(x => ShortCircuitEffectBodies.WhileAnd((float)x, n), x, dx, tolerance: 2e-2);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(1)]
    [InlineData(0)]
    public void And_in_an_if_counts_only_where_its_left_holds(int n)
    {
        const float x = 0.7f;
        float value = ShortCircuitEffectBodies.AndInIfValueAndGradient(x, n, out float dx);

        float s = 0;
        int hits = 0;
        for (int i = 0; i < n; i++)
        {
            if (i % 2 == 0 && ++hits > 1)
            {
                s += x * i;
            }
            else
            {
                s -= x;
            }
        }

        Assert.Equal(s + hits, value, 4);
        Assert.Equal(ShortCircuitEffectBodies.AndInIf(x, n), value, 4);
        Central(x => ShortCircuitEffectBodies.AndInIf((float)x, n), x, dx, tolerance: 2e-2);
    }

    [Theory]
    [InlineData(0.8, 6)]
    [InlineData(0.3, 6)]
    [InlineData(1.2, 2)]
    public void A_t_local_assigned_right_of_or_is_assigned_only_where_csharp_assigns_it(double x, int n)
    {
        double value = ShortCircuitEffectBodies.OrAssignsTValueAndGradient(x, n, out double dx);

        double s = 0, t = 1;
        for (int i = 0; i < n; i++)
        {
            if (i > 2 || (t *= x) > 0.5)
            {
                s += t;
            }
        }

        Assert.Equal(s + t, value, 12);
        Assert.Equal(ShortCircuitEffectBodies.OrAssignsT(x, n), ShortCircuitEffectBodies.OrAssignsTValue(x, n), 12);
        Central(x => ShortCircuitEffectBodies.OrAssignsT(x, n), x, dx);
    }

    [Theory]
    [InlineData(0.6, 8)]
    [InlineData(-1.1, 4)]
    [InlineData(0.6, 0)]
    public void Writes_in_the_arms_of_a_conditional_happen_in_the_arm_taken(double x, int n)
    {
        double value = ShortCircuitEffectBodies.ArmCountsValueAndGradient(x, n, out double dx);

        Assert.Equal(ShortCircuitEffectBodies.ArmCounts(x, n), value, 12);
        Assert.Equal(value, ShortCircuitEffectBodies.ArmCountsValue(x, n), 12);
        Central(x => ShortCircuitEffectBodies.ArmCounts(x, n), x, dx);

        float valueFloat = ShortCircuitEffectBodies.ArmIncrementsTValueAndGradient((float)x, n, out float dxFloat);
        Assert.Equal(ShortCircuitEffectBodies.ArmIncrementsT((float)x, n), valueFloat, 4);
        Central(x => ShortCircuitEffectBodies.ArmIncrementsT((float)x, n), x, dxFloat, tolerance: 2e-2);
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        ShortCircuitEffectBodies.OrCountsValueAndGradient(0.9, 5, out _);
        ShortCircuitEffectBodies.ArmCountsValueAndGradient(0.6, 8, out _);
        ShortCircuitEffectBodies.WhileAndValueAndGradient(2f, 4, out _);

        long bytes = Allocations.FewestBytes(() =>
        {
            for (int r = 0; r < 10; r++)
            {
                ShortCircuitEffectBodies.OrCountsValueAndGradient(0.9, 5, out _);
                ShortCircuitEffectBodies.ArmCountsValueAndGradient(0.6, 8, out _);
                ShortCircuitEffectBodies.WhileAndValueAndGradient(2f, 4, out _);
                ShortCircuitEffectBodies.OrAssignsTValue(0.8, 6);
            }
        });

        Assert.Equal(0, bytes);
    }

    /// <summary>Central differences of <paramref name="f"/> at <paramref name="x"/> against <paramref name="gradient"/>.</summary>
    private static void Central(Func<double, double> f, double x, double gradient, double tolerance = 1e-6)
    {
        const double h = 1e-4;
        double numeric = (f(x + h) - f(x - h)) / (2 * h);
        Assert.True(Math.Abs(numeric - gradient) <= tolerance * (1 + Math.Abs(numeric)), $"numeric {numeric}, generated {gradient}");
    }
}
