using System;

namespace SymGrad.Tests.Gradients;

/// <summary>Methods with local arrays written and read by index, as a user would write them.</summary>
public static partial class LocalArrayBodies
{
    /// <summary>The same two elements overwritten on every iteration: each write's old value must come back in the reverse sweep.</summary>
    [Differentiable]
    public static double SameSlotsOverwritten(double a, double b, int n)
    {
        double[] v = { a, b };
        for (int i = 0; i < n; i++)
        {
            v[0] = Math.Sin(v[0] * v[1]) + a;
            v[1] = (v[0] * b) - (v[1] * 0.5);
            v[0] += 0.1 * v[1];
        }

        return v[0] * v[1];
    }

    /// <summary><see cref="SameSlotsOverwritten"/> with two scalar locals in place of the array.</summary>
    [Differentiable]
    public static double SameSlotsAsLocals(double a, double b, int n)
    {
        double v0 = a;
        double v1 = b;
        for (int i = 0; i < n; i++)
        {
            v0 = Math.Sin(v0 * v1) + a;
            v1 = (v0 * b) - (v1 * 0.5);
            v0 += 0.1 * v1;
        }

        return v0 * v1;
    }

    [Differentiable]
    public static double ReadAt(double a, int k)
    {
        double[] v = { a, 2 * a, 3 * a };
        return v[k] * a;
    }

    [Differentiable]
    public static double LastOfSized(double a, int n)
    {
        double[] v = new double[n];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = a * (i + 1);
        }

        return v.Length + (v[^1] * v[0]);
    }

    /// <summary>Int arrays as a permutation and as counters, indexing a double array.</summary>
    [Differentiable]
    public static double IntPermutation(double a, double b, double c)
    {
        int[] order = { 2, 0, 1 };
        double[] v = { a, b, c };
        int[] counts = new int[3];
        double s = 0;
        for (int i = 0; i < 3; i++)
        {
            s = (s * 2) + (v[order[i]] * v[order[i]]);
            counts[order[i]] += i + 1;
        }

        return (s * counts[1]) + v[^1];
    }

    /// <summary>An array created again on each iteration, one element longer each time.</summary>
    [Differentiable]
    public static double GrowingArrayInLoop(double a, int n)
    {
        double s = 0;
        for (int m = 1; m <= n; m++)
        {
            double[] w = new double[m];
            for (int i = 0; i < m; i++)
            {
                w[i] = Math.Sin(a * (i + 1)) + (s * 0.1);
            }

            for (int i = 1; i < m; i++)
            {
                w[i] += w[i - 1] * w[i];
            }

            s += w[^1];
        }

        return s;
    }

    /// <summary>An array replaced by a new one (zeroes) every third iteration.</summary>
    [Differentiable]
    public static double RecreatedByAssignment(double a, int n)
    {
        double[] v = new double[2];
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            v[0] += a * (i + 1);
            v[1] = v[0] * v[1] + a;
            if (i % 3 == 2)
            {
                s += v[0] * v[1];
                v = new double[2];
            }
        }

        return s + v[0] + v[1];
    }

    /// <summary>A float array in a double method: elements round to float when written, as in C#.</summary>
    [Differentiable]
    public static double FloatArrayInDoubleMethod(double a)
    {
        float[] v = new float[3];
        for (int i = 0; i < 3; i++)
        {
            v[i] = (float)(a * (i + 1));
            v[i] += 0.5f;
        }

        double s = 0;
        for (int i = 0; i < 3; i++)
        {
            s += v[i] * a;
        }

        return s;
    }
}

public sealed class LocalArrayTests
{
    private static void AssertClose(double expected, double actual, double tolerance = 1e-7)
        => Assert.True(Math.Abs(expected - actual) <= tolerance * (1 + Math.Abs(expected)), "expected " + expected + ", got " + actual);

    private static double Central(Func<double, double> f, double x, double h = 1e-6) => (f(x + h) - f(x - h)) / (2 * h);

    [Theory]
    [InlineData(0.4, 0.7, 0)]
    [InlineData(0.4, 0.7, 1)]
    [InlineData(0.4, 0.7, 40)]
    [InlineData(-1.1, 0.3, 25)]
    public void Overwriting_the_same_element_in_a_loop_restores_each_old_value_backwards(double a, double b, int n)
    {
        double value = LocalArrayBodies.SameSlotsOverwrittenValueAndGradient(a, b, n, out double da, out double db);
        double locals = LocalArrayBodies.SameSlotsAsLocalsValueAndGradient(a, b, n, out double la, out double lb);

        Assert.Equal(LocalArrayBodies.SameSlotsOverwritten(a, b, n), value);
        Assert.Equal(value, LocalArrayBodies.SameSlotsOverwrittenValue(a, b, n));
        Assert.Equal(locals, value);
        AssertClose(la, da, 1e-12);
        AssertClose(lb, db, 1e-12);
        AssertClose(Central(x => LocalArrayBodies.SameSlotsOverwritten(x, b, n), a), da, 1e-6);
        AssertClose(Central(x => LocalArrayBodies.SameSlotsOverwritten(a, x, n), b), db, 1e-6);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void An_index_out_of_range_throws_as_in_CSharp(int k)
    {
        Assert.Throws<IndexOutOfRangeException>(() => LocalArrayBodies.ReadAt(0.5, k));
        Assert.Throws<IndexOutOfRangeException>(() => LocalArrayBodies.ReadAtValue(0.5, k));
        Assert.Throws<IndexOutOfRangeException>(() => LocalArrayBodies.ReadAtValueAndGradient(0.5, k, out _));
    }

    [Fact]
    public void A_negative_length_throws_OverflowException_and_an_empty_array_has_no_last_element()
    {
        Assert.Throws<OverflowException>(() => LocalArrayBodies.LastOfSized(0.5, -1));
        Assert.Throws<OverflowException>(() => LocalArrayBodies.LastOfSizedValue(0.5, -1));
        Assert.Throws<OverflowException>(() => LocalArrayBodies.LastOfSizedValueAndGradient(0.5, -1, out _));
        Assert.Throws<IndexOutOfRangeException>(() => LocalArrayBodies.LastOfSized(0.5, 0));
        Assert.Throws<IndexOutOfRangeException>(() => LocalArrayBodies.LastOfSizedValue(0.5, 0));
        Assert.Throws<IndexOutOfRangeException>(() => LocalArrayBodies.LastOfSizedValueAndGradient(0.5, 0, out _));
    }

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(0.5, 7)]
    [InlineData(-1.5, 40)]
    public void Reads_and_writes_by_index_give_the_method_value_and_its_derivative(double a, int n)
    {
        double value = LocalArrayBodies.LastOfSizedValueAndGradient(a, n, out double da);
        Assert.Equal(LocalArrayBodies.LastOfSized(a, n), value);
        Assert.Equal(value, LocalArrayBodies.LastOfSizedValue(a, n));
        AssertClose(Central(x => LocalArrayBodies.LastOfSized(x, n), a), da, 1e-6);
    }

    [Theory]
    [InlineData(0.3, -0.8, 1.2)]
    [InlineData(-0.5, 0.25, 2.0)]
    public void Int_arrays_index_and_count_as_in_CSharp(double a, double b, double c)
    {
        double value = LocalArrayBodies.IntPermutationValueAndGradient(a, b, c, out double da, out double db, out double dc);

        Assert.Equal(LocalArrayBodies.IntPermutation(a, b, c), value);
        Assert.Equal(value, LocalArrayBodies.IntPermutationValue(a, b, c));
        AssertClose(Central(x => LocalArrayBodies.IntPermutation(x, b, c), a), da, 1e-6);
        AssertClose(Central(x => LocalArrayBodies.IntPermutation(a, x, c), b), db, 1e-6);
        AssertClose(Central(x => LocalArrayBodies.IntPermutation(a, b, x), c), dc, 1e-6);
    }

    [Theory]
    [InlineData(0.4, 0)]
    [InlineData(0.4, 1)]
    [InlineData(0.4, 6)]
    [InlineData(-0.9, 9)]
    public void An_array_created_again_in_a_loop_with_another_length_is_restored_backwards(double a, int n)
    {
        double value = LocalArrayBodies.GrowingArrayInLoopValueAndGradient(a, n, out double da);
        Assert.Equal(LocalArrayBodies.GrowingArrayInLoop(a, n), value);
        Assert.Equal(value, LocalArrayBodies.GrowingArrayInLoopValue(a, n));
        AssertClose(Central(x => LocalArrayBodies.GrowingArrayInLoop(x, n), a), da, 1e-6);
    }

    [Theory]
    [InlineData(0.4, 2)]
    [InlineData(0.4, 3)]
    [InlineData(-0.7, 11)]
    public void An_array_replaced_by_a_new_one_starts_from_zeroes(double a, int n)
    {
        double value = LocalArrayBodies.RecreatedByAssignmentValueAndGradient(a, n, out double da);
        Assert.Equal(LocalArrayBodies.RecreatedByAssignment(a, n), value);
        Assert.Equal(value, LocalArrayBodies.RecreatedByAssignmentValue(a, n));
        AssertClose(Central(x => LocalArrayBodies.RecreatedByAssignment(x, n), a), da, 1e-6);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(-1.7)]
    public void A_float_array_in_a_double_method_rounds_its_elements_as_CSharp_does(double a)
    {
        double value = LocalArrayBodies.FloatArrayInDoubleMethodValueAndGradient(a, out double da);
        Assert.Equal(LocalArrayBodies.FloatArrayInDoubleMethod(a), value);
        Assert.Equal(value, LocalArrayBodies.FloatArrayInDoubleMethodValue(a));

        // s = Σ (float)(a (i + 1) + 0.5) a: the rounding's derivative is 1, so ds/da = Σ v[i] + a (i + 1), up to the
        // float rounding of the elements' adjoints (as in PyTorch, an adjoint has its value's type).
        double expected = 0;
        for (int i = 0; i < 3; i++)
        {
            expected += (float)((float)(a * (i + 1)) + 0.5f) + (a * (i + 1));
        }

        AssertClose(expected, da, 1e-6);
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        void Calls()
        {
            LocalArrayBodies.SameSlotsOverwrittenValueAndGradient(0.4, 0.7, 40, out _, out _);
            LocalArrayBodies.SameSlotsOverwrittenValue(0.4, 0.7, 40);
            LocalArrayBodies.GrowingArrayInLoopValueAndGradient(0.4, 12, out _);
            LocalArrayBodies.GrowingArrayInLoopValue(0.4, 12);
            LocalArrayBodies.IntPermutationValueAndGradient(0.3, -0.8, 1.2, out _, out _, out _);
            LocalArrayBodies.RecreatedByAssignmentValueAndGradient(0.4, 11, out _);
        }

        Calls();
        Assert.Equal(0, Allocations.FewestBytes(Calls));
    }
}
