using System;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>Counted loops whose element reads are checked once, before the loop runs.</summary>
public static partial class HoistedCheckBodies
{
    /// <summary>A recurrence over x with three weights at constant indexes, read in the order w[0], w[2], x[t], w[1].</summary>
    [Differentiable]
    public static double Recurrence(ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> x)
    {
        double h = 0;
        for (int t = 0; t < 4; t++)
        {
            h = Math.Tanh((w[0] * h) + (w[2] * x[t]) + w[1]);
        }

        return h * h;
    }

    /// <summary>A loop read backwards, at the counter plus a constant.</summary>
    [Differentiable]
    public static double Backwards(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        for (int t = 0; t < 3; t++)
        {
            s = (s * x[0]) + x[5 - (2 * t)];
        }

        return s;
    }

    /// <summary>A loop that runs n times, which reads an element only while it runs.</summary>
    [Differentiable]
    public static double RunsNTimes(ReadOnlyTensorSpan<double> w, int n)
    {
        double s = w[0];
        for (int t = 0; t < n; t++)
        {
            s += w[5] * s;
        }

        return s;
    }
}

public sealed class HoistedCheckTests
{
    private static readonly double[] W = [0.4, -0.3, 0.9];
    private static readonly double[] X = [0.5, -1, 0.25, 2];

    [Fact]
    public void A_counted_loop_read_without_checks_gives_the_method_s_value_and_gradient()
    {
        double[] dw = new double[3];
        double[] dx = new double[4];
        double value = HoistedCheckBodies.RecurrenceValueAndGradient(W, X, dw, dx);

        Assert.Equal(HoistedCheckBodies.Recurrence(W, X), value, 14);
        Assert.Equal(value, HoistedCheckBodies.RecurrenceValue(W, X));
        double[] w = (double[])W.Clone();
        double[] x = (double[])X.Clone();
        for (int i = 0; i < w.Length; i++)
        {
            Assert.Equal(CentralDifference(w, i, () => HoistedCheckBodies.Recurrence(w, x)), dw[i], 8);
        }

        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(CentralDifference(x, i, () => HoistedCheckBodies.Recurrence(w, x)), dx[i], 8);
        }
    }

    [Fact]
    public void A_constant_index_past_the_end_throws_the_loop_s_first_error_and_writes_no_gradient()
    {
        double[] w = [0.4, -0.3];
        AssertThrowsAsTheLoop<IndexOutOfRangeException>(w, X, "'w' is read at index 2, but it has 2 elements");
    }

    [Fact]
    public void An_index_at_the_counter_past_the_end_throws_in_the_iteration_that_reads_it()
    {
        // Iterations 0 to 2 read x[0] to x[2]; the fourth reads w[0] and w[2], then x[3], and throws there.
        double[] x = [0.5, -1, 0.25];
        AssertThrowsAsTheLoop<IndexOutOfRangeException>(W, x, "'x' is read at index 3, but it has 3 elements");
    }

    [Fact]
    public void Of_two_reads_past_the_end_the_one_the_loop_makes_first_throws()
    {
        // w[2] comes before x[0] in the first iteration.
        AssertThrowsAsTheLoop<IndexOutOfRangeException>([0.4, -0.3], [], "'w' is read at index 2, but it has 2 elements");

        // With w long enough, x[0] comes before w[1] (which is in range anyway).
        AssertThrowsAsTheLoop<IndexOutOfRangeException>(W, [], "'x' is read at index 0, but it has 0 elements");
    }

    [Fact]
    public void A_tensor_of_another_rank_throws_as_its_first_read_does()
    {
        double[] w = [0.4, -0.3, 0.9, 1];
        double[] dx = [double.NaN, double.NaN, double.NaN, double.NaN];
        Assert.ThrowsAny<Exception>(() => HoistedCheckBodies.Recurrence(new ReadOnlyTensorSpan<double>(w, [2, 2]), X));
        ArgumentOutOfRangeException value = Assert.Throws<ArgumentOutOfRangeException>(() => HoistedCheckBodies.RecurrenceValue(new ReadOnlyTensorSpan<double>(w, [2, 2]), X));
        ArgumentOutOfRangeException both = Assert.Throws<ArgumentOutOfRangeException>(
            () => HoistedCheckBodies.RecurrenceValueAndGradient(new ReadOnlyTensorSpan<double>(w, [2, 2]), X, new TensorSpan<double>(new double[4], [2, 2]), dx));
        Assert.StartsWith("'w' is read with 1 index, but it has rank 2", value.Message, StringComparison.Ordinal);
        Assert.Equal(value.Message, both.Message);
        Assert.All(dx, d => Assert.True(d == 0 || double.IsNaN(d)));
    }

    [Fact]
    public void A_loop_at_the_counter_read_backwards_checks_its_first_iteration_s_index()
    {
        double[] x = [1, 2, 3, 4, 5, 6];
        double[] dx = new double[6];
        double value = HoistedCheckBodies.BackwardsValueAndGradient(x, dx);

        // s = x5; s = x5 x0 + x3; s = (x5 x0 + x3) x0 + x1.
        Assert.Equal((((6 * 1) + 4) * 1) + 2, value);
        Assert.Equal([(2 * 6 * 1) + 4, 1, 0, 1, 0, 1], dx);

        // x[5] is read first: a five-element x throws there, before x[3] and x[1].
        IndexOutOfRangeException thrown = Assert.Throws<IndexOutOfRangeException>(() => HoistedCheckBodies.BackwardsValue(new double[5]));
        Assert.StartsWith("'x' is read at index 5, but it has 5 elements", thrown.Message, StringComparison.Ordinal);
        Assert.Throws<IndexOutOfRangeException>(() => HoistedCheckBodies.Backwards(new double[5]));
    }

    [Fact]
    public void A_loop_that_does_not_run_reads_nothing_and_throws_nothing()
    {
        double[] w = [2];
        double[] dw = [double.NaN];
        Assert.Equal(2, HoistedCheckBodies.RunsNTimes(w, 0));
        Assert.Equal(2, HoistedCheckBodies.RunsNTimesValue(w, 0));
        Assert.Equal(2, HoistedCheckBodies.RunsNTimesValueAndGradient(w, 0, dw));
        Assert.Equal([1.0], dw);
        Assert.Throws<IndexOutOfRangeException>(() => HoistedCheckBodies.RunsNTimesValue(w, 1));
    }

    /// <summary>
    /// The method as written throws <typeparamref name="TException"/>; both generated methods throw it with
    /// <paramref name="message"/>, and the gradients hold no adjoint.
    /// </summary>
    private static void AssertThrowsAsTheLoop<TException>(double[] w, double[] x, string message)
        where TException : Exception
    {
        double[] dw = new double[w.Length];
        double[] dx = new double[x.Length];
        dw.AsSpan().Fill(double.NaN);
        dx.AsSpan().Fill(double.NaN);
        Assert.Throws<TException>(() => HoistedCheckBodies.Recurrence(w, x));
        TException value = Assert.Throws<TException>(() => HoistedCheckBodies.RecurrenceValue(w, x));
        TException both = Assert.Throws<TException>(() => HoistedCheckBodies.RecurrenceValueAndGradient(w, x, dw, dx));
        Assert.StartsWith(message, value.Message, StringComparison.Ordinal);
        Assert.Equal(value.Message, both.Message);
        Assert.All(dw, d => Assert.True(d == 0 || double.IsNaN(d)));
        Assert.All(dx, d => Assert.True(d == 0 || double.IsNaN(d)));
    }

    private static double CentralDifference(double[] at, int i, Func<double> f)
    {
        const double H = 1e-6;
        double kept = at[i];
        at[i] = kept + H;
        double up = f();
        at[i] = kept - H;
        double down = f();
        at[i] = kept;
        return (up - down) / (2 * H);
    }
}
