using System;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>Int arrays and spans read by element inside loops, as indexes (a gather) and counts.</summary>
public static partial class IntArrayParameterBodies
{
    /// <summary>Elements of x at the indexes idx holds, each squared and weighted by its position.</summary>
    [Differentiable]
    public static double Gather(ReadOnlyTensorSpan<double> x, [NoGrad] int[] idx)
    {
        double s = 0;
        for (int i = 0; i < idx.Length; i++)
        {
            s += x[idx[i]] * x[idx[i]] * (i + 1);
        }

        return s;
    }

    /// <summary>Products of the elements at neighbouring indexes over the first n pairs, plus the element at the last index.</summary>
    [Differentiable]
    public static float Pairs(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlySpan<int> idx, int n)
    {
        float s = x[idx[^1]];
        for (int i = 0; i < n; i++)
        {
            s += x[idx[i]] * x[idx[i + 1]];
        }

        return s;
    }

    /// <summary>Runs of x whose lengths idx holds: a count read from the array as a loop bound.</summary>
    [Differentiable]
    public static double Runs(ReadOnlyTensorSpan<double> x, [NoGrad] int[] counts)
    {
        double s = 0;
        int at = 0;
        for (int r = 0; r < counts.Length; r++)
        {
            double run = 0;
            for (int k = 0; k < counts[r]; k++)
            {
                run += x[at];
                at++;
            }

            s += run * run;
        }

        return s;
    }
}

public sealed class IntArrayParameterTests
{
    private static readonly double[] X = { 0.5, -0.2, 0.9, 0.1, -0.7 };

    [Fact]
    public void A_gather_with_repeated_indexes_adds_their_gradients_and_matches_central_differences()
    {
        int[] idx = { 4, 0, 2, 0, 3 };
        Tensor<double> x = Tensor.Create(X, [X.Length]);
        Tensor<double> dx = Tensor.CreateFromShape<double>([X.Length]);

        double value = IntArrayParameterBodies.GatherValueAndGradient(x, idx, dx);

        Assert.Equal(IntArrayParameterBodies.Gather(x, idx), value, 12);
        Assert.Equal(value, IntArrayParameterBodies.GatherValue(x, idx), 12);
        for (int j = 0; j < X.Length; j++)
        {
            double expected = 0;
            for (int i = 0; i < idx.Length; i++)
            {
                expected += idx[i] == j ? 2 * X[j] * (i + 1) : 0;
            }

            Assert.Equal(expected, dx[j], 12);
        }

        GradCheck.Assert(x, () => IntArrayParameterBodies.Gather(x, idx), dx);
    }

    [Fact]
    public void An_empty_index_array_gives_zero_and_a_zero_gradient()
    {
        Tensor<double> x = Tensor.Create(X, [X.Length]);
        var dx = new double[] { 7, 7, 7, 7, 7 };

        Assert.Equal(0, IntArrayParameterBodies.GatherValueAndGradient(x, Array.Empty<int>(), new TensorSpan<double>(dx)));
        Assert.All(dx, d => Assert.Equal(0, d));
    }

    [Fact]
    public void Float_pairs_through_a_span_of_indexes_match_central_differences()
    {
        Tensor<float> x = Tensor.Create(Array.ConvertAll(X, v => (float)v), [X.Length]);
        int[] idx = { 1, 3, 3, 0, 4, 2 };
        Tensor<float> dx = Tensor.CreateFromShape<float>([X.Length]);

        float value = IntArrayParameterBodies.PairsValueAndGradient(x, idx, 5, dx);

        Assert.Equal(IntArrayParameterBodies.Pairs(x, idx, 5), value, 5);
        GradCheck.Assert(x, () => IntArrayParameterBodies.Pairs(x, idx, 5), dx);
    }

    [Fact]
    public void Counts_read_from_an_int_array_bound_the_inner_loop_and_match_central_differences()
    {
        Tensor<double> x = Tensor.Create(X, [X.Length]);
        int[] counts = { 2, 0, 3 };
        Tensor<double> dx = Tensor.CreateFromShape<double>([X.Length]);

        double value = IntArrayParameterBodies.RunsValueAndGradient(x, counts, dx);

        Assert.Equal(IntArrayParameterBodies.Runs(x, counts), value, 12);
        double first = X[0] + X[1], second = X[2] + X[3] + X[4];
        Assert.Equal((first * first) + (second * second), value, 12);
        GradCheck.Assert(x, () => IntArrayParameterBodies.Runs(x, counts), dx);
    }

    [Fact]
    public void An_index_past_the_array_throws_as_the_method_does_and_writes_no_gradient()
    {
        // n = idx.Length reads idx[n] in the last iteration.
        float[] x = { 0.5f, -0.2f, 0.9f };
        int[] idx = { 0, 2, 1 };
        var dx = new float[] { 7, 7, 7 };

        Assert.Throws<IndexOutOfRangeException>(() => IntArrayParameterBodies.Pairs(new ReadOnlyTensorSpan<float>(x), idx, 3));
        Assert.Throws<IndexOutOfRangeException>(() => IntArrayParameterBodies.PairsValueAndGradient(new ReadOnlyTensorSpan<float>(x), idx, 3, new TensorSpan<float>(dx)));
        Assert.Throws<IndexOutOfRangeException>(() => IntArrayParameterBodies.PairsValue(new ReadOnlyTensorSpan<float>(x), idx, 3));
        Assert.All(dx, d => Assert.Equal(7, d));
    }

    [Fact]
    public void An_index_past_the_tensor_throws_as_the_method_does_and_writes_no_gradient()
    {
        int[] idx = { 1, 5 };
        var dx = new double[] { 7, 7, 7, 7, 7 };

        Assert.Throws<IndexOutOfRangeException>(() => IntArrayParameterBodies.Gather(new ReadOnlyTensorSpan<double>(X), idx));
        Assert.Throws<IndexOutOfRangeException>(() => IntArrayParameterBodies.GatherValueAndGradient(new ReadOnlyTensorSpan<double>(X), idx, new TensorSpan<double>(dx)));
        Assert.All(dx, d => Assert.Equal(7, d));
    }

    [Fact]
    public void A_count_past_the_tensor_throws_as_the_method_does_and_writes_no_gradient()
    {
        int[] counts = { 4, 2 };
        var dx = new double[] { 7, 7, 7, 7, 7 };

        Assert.Throws<IndexOutOfRangeException>(() => IntArrayParameterBodies.Runs(new ReadOnlyTensorSpan<double>(X), counts));
        Assert.Throws<IndexOutOfRangeException>(() => IntArrayParameterBodies.RunsValueAndGradient(new ReadOnlyTensorSpan<double>(X), counts, new TensorSpan<double>(dx)));
        Assert.All(dx, d => Assert.Equal(7, d));
    }
}
