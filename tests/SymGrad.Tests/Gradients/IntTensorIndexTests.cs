using System;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>Int tensors (<c>ReadOnlyTensorSpan&lt;int&gt;</c>, <c>Tensor&lt;int&gt;</c>) read by element inside loops, as indexes.</summary>
public static partial class IntTensorIndexBodies
{
    /// <summary>Elements of x at the indexes idx holds, squared and weighted by position, plus the element at the last index.</summary>
    [Differentiable]
    public static double Gather(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<int> idx)
    {
        double s = x[idx[^1]];
        for (int t = 0; t < idx.FlattenedLength; t++)
        {
            s += x[idx[t]] * x[idx[t]] * (t + 1);
        }

        return s;
    }

    /// <summary>The same gather over a <c>Tensor&lt;int&gt;</c> bounded by its <c>Lengths[0]</c>, in float.</summary>
    [Differentiable]
    public static float GatherTensor(ReadOnlyTensorSpan<float> x, [NoGrad] Tensor<int> idx)
    {
        float s = x[idx[^1]];
        for (int t = 0; t < idx.Lengths[0]; t++)
        {
            s += x[idx[t]] * x[idx[t]] * (t + 1);
        }

        return s;
    }

    /// <summary>Products of the pairs of elements a rank-2 index tensor names, row by row.</summary>
    [Differentiable]
    public static double Pairs(ReadOnlyTensorSpan<double> x, [NoGrad] Tensor<int> pairs)
    {
        double s = 0;
        for (int i = 0; i < pairs.Lengths[0]; i++)
        {
            s += x[pairs[i, 0]] * x[pairs[i, pairs.Lengths[1] - 1]];
        }

        return s;
    }

    /// <summary>The float form over a tensor span, its rank read in a branch.</summary>
    [Differentiable]
    public static float PairsSpan(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<int> pairs)
    {
        float s = 0;
        if (pairs.Rank == 2)
        {
            for (int i = 0; i < pairs.Lengths[0]; i++)
            {
                for (int j = 0; j < pairs.Lengths[1]; j++)
                {
                    s += x[pairs[i, j]] * (j + 1) * x[pairs[i, j]];
                }
            }
        }

        return s;
    }
}

public sealed class IntTensorIndexTests
{
    private static readonly double[] X = { 0.5, -0.2, 0.9, 0.1, -0.7, 0.3, 1.1 };

    private static Tensor<float> XFloat => Tensor.Create(Array.ConvertAll(X, v => (float)v), [X.Length]);

    [Fact]
    public void A_gather_through_an_int_tensor_span_matches_the_method_and_central_differences()
    {
        Tensor<int> idx = Tensor.Create(new[] { 4, 0, 2, 0, 3, 6 }, [6]);
        Tensor<double> x = Tensor.Create(X, [X.Length]);
        Tensor<double> dx = Tensor.CreateFromShape<double>([X.Length]);

        double value = IntTensorIndexBodies.GatherValueAndGradient(x, idx, dx);

        Assert.Equal(IntTensorIndexBodies.Gather(x, idx), value, 12);
        Assert.Equal(value, IntTensorIndexBodies.GatherValue(x, idx), 12);
        for (int j = 0; j < X.Length; j++)
        {
            double expected = j == 6 ? 1 : 0;
            for (int t = 0; t < 6; t++)
            {
                expected += idx[t] == j ? 2 * X[j] * (t + 1) : 0;
            }

            Assert.Equal(expected, dx[j], 12);
        }

        GradCheck.Assert(x, () => IntTensorIndexBodies.Gather(x, idx), dx);
    }

    [Fact]
    public void A_float_gather_through_a_tensor_of_int_matches_the_method_and_central_differences()
    {
        Tensor<int> idx = Tensor.Create(new[] { 1, 3, 3, 0, 6 }, [5]);
        Tensor<float> x = XFloat;
        Tensor<float> dx = Tensor.CreateFromShape<float>([X.Length]);

        float value = IntTensorIndexBodies.GatherTensorValueAndGradient(x, idx, dx);

        Assert.Equal(IntTensorIndexBodies.GatherTensor(x, idx), value, 5);
        Assert.Equal(value, IntTensorIndexBodies.GatherTensorValue(x, idx), 5);
        GradCheck.Assert(x, () => IntTensorIndexBodies.GatherTensor(x, idx), dx);
    }

    [Fact]
    public void A_rank_two_index_tensor_read_as_pairs_i_j_matches_the_method_and_central_differences()
    {
        Tensor<int> pairs = Tensor.Create(new[] { 0, 1, 2, 5, 2, 2, 6, 4, 3, 0 }, [5, 2]);
        Tensor<double> x = Tensor.Create(X, [X.Length]);
        Tensor<double> dx = Tensor.CreateFromShape<double>([X.Length]);

        double value = IntTensorIndexBodies.PairsValueAndGradient(x, pairs, dx);

        Assert.Equal(IntTensorIndexBodies.Pairs(x, pairs), value, 12);
        double expected = 0;
        for (int i = 0; i < 5; i++)
        {
            expected += X[pairs[i, 0]] * X[pairs[i, 1]];
        }

        Assert.Equal(expected, value, 12);
        GradCheck.Assert(x, () => IntTensorIndexBodies.Pairs(x, pairs), dx);
    }

    [Fact]
    public void A_float_rank_two_index_span_in_nested_loops_matches_the_method_and_central_differences()
    {
        Tensor<int> pairs = Tensor.Create(new[] { 0, 1, 2, 5, 2, 2, 6, 4, 3 }, [3, 3]);
        Tensor<float> x = XFloat;
        Tensor<float> dx = Tensor.CreateFromShape<float>([X.Length]);

        float value = IntTensorIndexBodies.PairsSpanValueAndGradient(x, pairs, dx);

        Assert.Equal(IntTensorIndexBodies.PairsSpan(x, pairs), value, 5);
        GradCheck.Assert(x, () => IntTensorIndexBodies.PairsSpan(x, pairs), dx);

        // A rank-1 index tensor takes the other branch: 0, and a zero gradient.
        Tensor<int> flat = Tensor.Create(new[] { 0, 1, 2 }, [3]);
        Assert.Equal(0, IntTensorIndexBodies.PairsSpanValueAndGradient(x, flat, dx));
        Assert.Equal(0, IntTensorIndexBodies.PairsSpan(x, flat));
        for (int j = 0; j < X.Length; j++)
        {
            Assert.Equal(0, dx[j]);
        }
    }

    [Fact]
    public void Index_tensors_past_their_tensor_or_of_the_wrong_rank_throw_as_the_method_does_and_write_no_gradient()
    {
        var dx = new double[X.Length];
        Array.Fill(dx, 7);
        Tensor<int> past = Tensor.Create(new[] { 1, 7 }, [2]);
        Tensor<int> negative = Tensor.Create(new[] { -1, 2 }, [2]);
        Tensor<int> matrix = Tensor.Create(new[] { 1, 2, 3, 4 }, [2, 2]);
        Tensor<int> empty = Tensor.Create(Array.Empty<int>(), [0]);
        Tensor<int> vector = Tensor.Create(new[] { 1, 2, 3 }, [3]);

        Assert.Throws<IndexOutOfRangeException>(() => IntTensorIndexBodies.Gather(new ReadOnlyTensorSpan<double>(X), past));
        Assert.Throws<IndexOutOfRangeException>(() => IntTensorIndexBodies.GatherValueAndGradient(new ReadOnlyTensorSpan<double>(X), past, new TensorSpan<double>(dx)));
        Assert.Throws<IndexOutOfRangeException>(() => IntTensorIndexBodies.GatherValueAndGradient(new ReadOnlyTensorSpan<double>(X), negative, new TensorSpan<double>(dx)));

        // idx[^1] of an empty tensor, and a rank-2 tensor read with one index.
        Assert.Throws<IndexOutOfRangeException>(() => IntTensorIndexBodies.Gather(new ReadOnlyTensorSpan<double>(X), empty));
        Assert.Throws<IndexOutOfRangeException>(() => IntTensorIndexBodies.GatherValueAndGradient(new ReadOnlyTensorSpan<double>(X), empty, new TensorSpan<double>(dx)));
        Assert.Throws<ArgumentOutOfRangeException>(() => IntTensorIndexBodies.Gather(new ReadOnlyTensorSpan<double>(X), matrix));
        Assert.Throws<ArgumentOutOfRangeException>(() => IntTensorIndexBodies.GatherValueAndGradient(new ReadOnlyTensorSpan<double>(X), matrix, new TensorSpan<double>(dx)));

        // A rank-1 tensor read with two indexes.
        Assert.Throws<ArgumentOutOfRangeException>(() => IntTensorIndexBodies.Pairs(new ReadOnlyTensorSpan<double>(X), vector));
        Assert.Throws<ArgumentOutOfRangeException>(() => IntTensorIndexBodies.PairsValueAndGradient(new ReadOnlyTensorSpan<double>(X), vector, new TensorSpan<double>(dx)));
        Assert.All(dx, d => Assert.Equal(7, d));
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        Tensor<int> idx = Tensor.Create(new[] { 4, 0, 2, 0, 3, 6 }, [6]);
        Tensor<int> pairs = Tensor.Create(new[] { 0, 1, 2, 5, 2, 2, 6, 4, 3, 0 }, [5, 2]);
        Tensor<double> x = Tensor.Create(X, [X.Length]);
        Tensor<double> dx = Tensor.CreateFromShape<double>([X.Length]);
        IntTensorIndexBodies.GatherValueAndGradient(x, idx, dx);
        IntTensorIndexBodies.PairsValueAndGradient(x, pairs, dx);

        long bytes = Allocations.FewestBytes(() =>
        {
            for (int r = 0; r < 10; r++)
            {
                IntTensorIndexBodies.GatherValueAndGradient(x, idx, dx);
                IntTensorIndexBodies.PairsValueAndGradient(x, pairs, dx);
                IntTensorIndexBodies.GatherValue(x, idx);
            }
        });

        Assert.Equal(0, bytes);
    }
}
