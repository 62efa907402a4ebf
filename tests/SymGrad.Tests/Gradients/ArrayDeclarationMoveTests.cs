using System;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// <c>T[] b = a;</c>, the declaration, under the rule of the assignment <c>state = next;</c> (see ArrayMoveTests):
/// <c>a</c> is created in the block of the declaration and not named after it, so sharing cannot be told from a copy.
/// </summary>
public static partial class ArrayDeclarationMoveBodies
{
    [Differentiable]
    public static double Kept(double a, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            double[] scratch = new double[3];
            for (int k = 0; k < 3; k++)
            {
                scratch[k] = Math.Sin(a * (k + i + 1));
            }

            double[] kept = scratch;
            kept[1] *= a;
            s += (kept[0] * kept[1]) + kept[2];
        }

        return s;
    }

    /// <summary>A declaration move feeding an assignment move: <c>double[] moved = next; state = moved;</c>.</summary>
    [Differentiable]
    public static double MovedTwice(double a, int n)
    {
        double[] state = { a, 1 - a, 0.5 };
        for (int i = 0; i < n; i++)
        {
            double[] next = new double[state.Length + (i % 2)];
            for (int k = 0; k < state.Length; k++)
            {
                next[k] = (state[(k + 1) % state.Length] * a) + (0.1 * state[k]);
            }

            double[] moved = next;
            moved[0] += a * a;
            state = moved;
        }

        double s = 0;
        for (int k = 0; k < state.Length; k++)
        {
            s += state[k] * (k + 1);
        }

        return s;
    }
}

public sealed class ArrayDeclarationMoveTests
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
    public void An_array_declared_from_a_dead_one_is_what_CSharp_computes(double a, int n)
    {
        double kept = ArrayDeclarationMoveBodies.KeptValueAndGradient(a, n, out double dKept);
        double moved = ArrayDeclarationMoveBodies.MovedTwiceValueAndGradient(a, n, out double dMoved);

        Assert.Equal(ArrayDeclarationMoveBodies.Kept(a, n), kept);
        Assert.Equal(kept, ArrayDeclarationMoveBodies.KeptValue(a, n));
        AssertGradient(ArrayDeclarationMoveBodies.Kept, a, n, dKept);
        Assert.Equal(ArrayDeclarationMoveBodies.MovedTwice(a, n), moved);
        Assert.Equal(moved, ArrayDeclarationMoveBodies.MovedTwiceValue(a, n));
        AssertGradient(ArrayDeclarationMoveBodies.MovedTwice, a, n, dMoved);
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        ArrayDeclarationMoveBodies.KeptValueAndGradient(0.7, 6, out _);
        ArrayDeclarationMoveBodies.MovedTwiceValueAndGradient(0.7, 6, out _);
        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (int r = 0; r < 10; r++)
            {
                ArrayDeclarationMoveBodies.KeptValueAndGradient(0.7, 6, out _);
                ArrayDeclarationMoveBodies.KeptValue(0.7, 6);
                ArrayDeclarationMoveBodies.MovedTwiceValueAndGradient(0.7, 6, out _);
            }
        }));
    }
}
