using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>Slices with bounds from a loop counter, as a user writes them: a sliding window and strided batches.</summary>
public static partial class LoopSliceBodies
{
    /// <summary>Windows of width k at every offset below n: the range runs past x when n + k - 1 exceeds its length.</summary>
    [Differentiable]
    public static double Windows(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, int k, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            double r = Sum(x[i..(i + k)] * w);
            s += r * r;
        }

        return s;
    }

    [Differentiable]
    public static float WindowsFloat(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, int k, int n)
    {
        float s = 0;
        for (int i = 0; i < n; i++)
        {
            float r = Sum(x[i..(i + k)] * w);
            s += r * r;
        }

        return s;
    }

    /// <summary>Windows as wide as w, the width kept in a local the method assigns only where it declares it.</summary>
    [Differentiable]
    public static double WindowsAsWideAsW(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w)
    {
        int k = (int)w.FlattenedLength;
        int last = (int)x.FlattenedLength - k;
        double s = 0;
        for (int i = 0; i <= last; i++)
        {
            double r = Sum(x[i..(i + k)] * w);
            s += r > 0 ? r * r : 0.5 * r;
        }

        return s;
    }

    /// <summary>Batches of bs predictions against targets, the counter stepping by bs.</summary>
    [Differentiable]
    public static double Batches(ReadOnlyTensorSpan<double> p, [NoGrad] ReadOnlyTensorSpan<double> y, int bs)
    {
        double loss = 0;
        for (int b = 0; b + bs <= p.FlattenedLength; b += bs)
        {
            loss += Mse(p[b..(b + bs)], y[b..(b + bs)]);
        }

        return loss;
    }
}

public sealed class LoopSliceTests
{
    private static readonly double[] X = { 0.5, -0.2, 0.9, 0.1, -0.7, 0.3, 0.6, -0.4, 0.8 };
    private static readonly double[] W = { 0.3, -0.8, 0.4, 0.2 };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    public void Overlapping_windows_add_their_gradients_into_the_slices_of_x_and_match_central_differences(int n)
    {
        Tensor<double> x = Tensor.Create(X, [X.Length]);
        Tensor<double> w = Tensor.Create(W, [W.Length]);
        Tensor<double> dx = Tensor.CreateFromShape<double>([X.Length]);
        Tensor<double> dw = Tensor.CreateFromShape<double>([W.Length]);

        double value = LoopSliceBodies.WindowsValueAndGradient(x, w, 4, n, dx, dw);

        Assert.Equal(LoopSliceBodies.Windows(x, w, 4, n), value, 12);
        Assert.Equal(value, LoopSliceBodies.WindowsValue(x, w, 4, n));
        for (int j = 0; j < X.Length; j++)
        {
            // d/dx[j] of sum_i r_i^2 is 2 r_i w[j - i] over the windows i that reach j.
            double expected = 0;
            for (int i = 0; i < n; i++)
            {
                if (j - i is >= 0 and < 4)
                {
                    double r = 0;
                    for (int q = 0; q < 4; q++)
                    {
                        r += X[i + q] * W[q];
                    }

                    expected += 2 * r * W[j - i];
                }
            }

            Assert.Equal(expected, dx[j], 12);
        }

        GradCheck.Assert(x, () => LoopSliceBodies.Windows(x, w, 4, n), dx);
        GradCheck.Assert(w, () => LoopSliceBodies.Windows(x, w, 4, n), dw);
    }

    [Fact]
    public void Float_windows_of_odd_width_match_central_differences()
    {
        Tensor<float> x = Tensor.Create(new[] { 0.5f, -0.2f, 0.9f, 0.1f, -0.7f, 0.3f, 0.6f }, [7]);
        Tensor<float> w = Tensor.Create(new[] { 0.3f, -0.8f, 0.4f }, [3]);
        Tensor<float> dx = Tensor.CreateFromShape<float>([7]);
        Tensor<float> dw = Tensor.CreateFromShape<float>([3]);

        float value = LoopSliceBodies.WindowsFloatValueAndGradient(x, w, 3, 5, dx, dw);

        Assert.Equal(LoopSliceBodies.WindowsFloat(x, w, 3, 5), value, 5);
        GradCheck.Assert(x, () => LoopSliceBodies.WindowsFloat(x, w, 3, 5), dx);
        GradCheck.Assert(w, () => LoopSliceBodies.WindowsFloat(x, w, 3, 5), dw);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(9, 4)]
    [InlineData(33, 7)]
    public void A_window_width_kept_in_a_local_assigned_once_is_a_length_that_stays_the_same(int n, int k)
    {
        var random = new Random(n * 31 + k);
        Tensor<double> x = Tensor.Create(Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray(), [n]);
        Tensor<double> w = Tensor.Create(Enumerable.Range(0, k).Select(_ => random.NextDouble() - 0.5).ToArray(), [k]);
        Tensor<double> dx = Tensor.CreateFromShape<double>([n]);
        Tensor<double> dw = Tensor.CreateFromShape<double>([k]);

        double value = LoopSliceBodies.WindowsAsWideAsWValueAndGradient(x, w, dx, dw);

        Assert.Equal(LoopSliceBodies.WindowsAsWideAsW(x, w), value, 12);
        GradCheck.Assert(x, () => LoopSliceBodies.WindowsAsWideAsW(x, w), dx);
        GradCheck.Assert(w, () => LoopSliceBodies.WindowsAsWideAsW(x, w), dw);
    }

    [Fact]
    public void A_range_past_the_end_throws_as_the_method_does_and_writes_no_gradient()
    {
        // Offsets 0..6 with width 4: the window at offset 6 is x[6..10] of a length-9 x.
        var dx = new double[] { 7, 7, 7, 7, 7, 7, 7, 7, 7 };
        var dw = new double[] { 7, 7, 7, 7 };

        Assert.Throws<ArgumentOutOfRangeException>(() => LoopSliceBodies.Windows(Span(X), Span(W), 4, 7));
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => LoopSliceBodies.WindowsValueAndGradient(Span(X), Span(W), 4, 7, Grad(dx), Grad(dw)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoopSliceBodies.WindowsValue(Span(X), Span(W), 4, 7));

        Assert.Contains("x[6..10]", error.Message);
        Assert.All(dx, d => Assert.Equal(7, d));
        Assert.All(dw, d => Assert.Equal(7, d));
    }

    [Fact]
    public void A_window_of_another_length_than_w_throws_an_argument_exception_and_writes_no_gradient()
    {
        var dx = new double[] { 7, 7, 7, 7, 7, 7, 7, 7, 7 };
        var dw = new double[] { 7, 7, 7, 7 };

        Assert.ThrowsAny<ArgumentException>(() => LoopSliceBodies.Windows(Span(X), Span(W), 3, 2));
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => LoopSliceBodies.WindowsValueAndGradient(Span(X), Span(W), 3, 2, Grad(dx), Grad(dw)));

        Assert.IsNotType<ArgumentOutOfRangeException>(error);
        Assert.Contains("x[i..(i + k)]", error.Message);
        Assert.All(dx, d => Assert.Equal(7, d));
        Assert.All(dw, d => Assert.Equal(7, d));
    }

    [Fact]
    public void A_matrix_sliced_as_a_vector_is_refused_before_anything_is_written()
    {
        var dx = new double[] { 7, 7, 7, 7, 7, 7 };
        var dw = new double[] { 7, 7 };
        double[] x = { 0.5, -0.2, 0.9, 0.1, -0.7, 0.3 };

        Assert.ThrowsAny<ArgumentException>(() => LoopSliceBodies.WindowsValueAndGradient(
            new ReadOnlyTensorSpan<double>(x, [3, 2], default), Span(new[] { 0.3, -0.8 }), 2, 1, new TensorSpan<double>(dx, [3, 2], default), Grad(dw)));
        Assert.All(dx, d => Assert.Equal(7, d));
        Assert.All(dw, d => Assert.Equal(7, d));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(10)]
    public void Strided_batches_give_each_batch_its_own_mean(int bs)
    {
        double[] y = { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 };
        var dp = new double[X.Length];

        double value = LoopSliceBodies.BatchesValueAndGradient(Span(X), Span(y), bs, Grad(dp));

        Assert.Equal(LoopSliceBodies.Batches(Span(X), Span(y), bs), value, 12);
        for (int j = 0; j < X.Length; j++)
        {
            double expected = j < X.Length / bs * bs ? 2 * (X[j] - y[j]) / bs : 0;
            Assert.Equal(expected, dp[j], 12);
        }
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        double[] y = { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 };
        var dx = new double[X.Length];
        var dw = new double[W.Length];
        var dp = new double[X.Length];
        LoopSliceBodies.WindowsValueAndGradient(Span(X), Span(W), 4, 6, Grad(dx), Grad(dw));
        LoopSliceBodies.BatchesValueAndGradient(Span(X), Span(y), 2, Grad(dp));

        long bytes = Allocations.FewestBytes(() =>
        {
            for (int r = 0; r < 10; r++)
            {
                LoopSliceBodies.WindowsValueAndGradient(Span(X), Span(W), 4, 6, Grad(dx), Grad(dw));
                LoopSliceBodies.WindowsValue(Span(X), Span(W), 4, 6);
                LoopSliceBodies.BatchesValueAndGradient(Span(X), Span(y), 2, Grad(dp));
            }
        });

        Assert.Equal(0, bytes);
    }

    private static ReadOnlyTensorSpan<T> Span<T>(T[] values) => new(values);

    private static TensorSpan<T> Grad<T>(T[] values) => new(values);
}
