using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Rank-3 axis work at its edges: tied maxima and minima share the gradient evenly (the gradients PyTorch 1.13 gives
/// for <c>torch.amax(x, 2)</c> and <c>torch.amin(x, 0)</c> of the same tensor), and a tensor of another rank, or of
/// another shape than the tensor it meets, is refused when the method is called, naming it and its shape.
/// </summary>
public sealed class RankThreeTests
{
    private static readonly double[] Tied = [1, 3, 3, 2, 2, 2, 1, 5, 3, 4, 2, -1];

    [Fact]
    public void Tied_maxima_along_the_last_axis_share_the_gradient_evenly()
    {
        var x = Tensor.Create(Tied, [2, 2, 3]);
        var dx = Tensor.CreateFromShape<double>([2, 2, 3]);
        double value = RankThreeTies.LastAxisMaxima(x);
        Assert.Equal(54.0, value);
        Assert.Equal(value, RankThreeTies.LastAxisMaximaValueAndGradient(x, dx));
        Assert.Equal([0, 3, 3, 4.0 / 3, 4.0 / 3, 4.0 / 3, 0, 10, 0, 8, 0, 0], dx.ToArray(), (a, b) => Math.Abs(a - b) < 1e-14);
    }

    [Fact]
    public void Tied_minima_along_axis_0_share_the_gradient_evenly()
    {
        var x = Tensor.Create(Array.ConvertAll(Tied, v => (float)v), [2, 2, 3]);
        var dx = Tensor.CreateFromShape<float>([2, 2, 3]);
        float value = RankThreeTies.FirstAxisMinimaF(x);
        Assert.Equal(10f, value);
        Assert.Equal(value, RankThreeTies.FirstAxisMinimaFValueAndGradient(x, dx));
        Assert.Equal([0.5f, 1, 0.5f, 1, 0.5f, 0, 0.5f, 0, 0.5f, 0, 0.5f, 1], dx.ToArray());
    }

    [Fact]
    public void A_reduction_of_a_reduction_is_what_the_method_computes_as_written()
    {
        var x = Tensor.Create(Array.ConvertAll(Tied, v => v * 0.25), [2, 2, 3]);
        var dx = Tensor.CreateFromShape<double>([2, 2, 3]);
        double eager = RankThreeTies.ReductionsOfReductions(x);
        Assert.Equal(eager, RankThreeTies.ReductionsOfReductionsValueAndGradient(x, dx), 12);
        Assert.Equal(eager, RankThreeTies.ReductionsOfReductionsValue(x), 12);
    }

    [Fact]
    public void An_axis_the_tensor_does_not_have_is_refused_naming_it_and_its_shape()
    {
        var x = Tensor.CreateFromShape<double>([3, 4]);
        var exception = Assert.Throws<ArgumentException>(() => RankThree.LastAxisSumValue(x));
        Assert.Equal("x", exception.ParamName);
        Assert.Contains("Sum(x, 2) takes axis 2", exception.Message, StringComparison.Ordinal);
        Assert.Contains("[3, 4], of rank 2", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4, 1 })]
    [InlineData(new[] { 2, 1, 3, 2, 2 })]
    public void Axis_2_of_a_tensor_of_higher_rank_is_reduced_as_the_method_run_as_written(int[] lengths)
    {
        nint[] shape = Array.ConvertAll(lengths, l => (nint)l);
        int count = lengths.Aggregate(1, (p, l) => p * l);
        var x = Tensor.Create(Enumerable.Range(0, count).Select(i => Math.Sin(0.3 * i + 0.1)).ToArray(), shape);
        var dx = Tensor.CreateFromShape<double>(shape);
        double expected = RankThree.LastAxisSum(x);
        Assert.Equal(expected, RankThree.LastAxisSumValue(x), 1e-12);
        Assert.Equal(expected, RankThree.LastAxisSumValueAndGradient(x, dx), 1e-12);
        GradCheck.Assert(x, () => RankThree.LastAxisSum(x), dx);
    }

    [Fact]
    public void Two_rank_3_tensors_of_different_shapes_are_refused_naming_both()
    {
        var s = Tensor.CreateFromShape<double>([2, 3, 4]);
        var v = Tensor.CreateFromShape<double>([3, 2, 4]);
        var exception = Assert.Throws<ArgumentException>(() => RankThree.BatchedAttentionValue(s, v));
        Assert.Equal("v", exception.ParamName);
        Assert.Contains("'Softmax(s, 2)' [2, 3, 4] and 'v' [3, 2, 4] meet element-wise but do not broadcast", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_matrix_meeting_last_axis_results_must_have_the_first_two_lengths_even_with_the_same_count()
    {
        var x = Tensor.CreateFromShape<double>([2, 3, 4]);
        var w = Tensor.CreateFromShape<double>([3, 2]);
        Assert.ThrowsAny<ArgumentException>(() => RankThree.LeadingWeights(x, w));
        var exception = Assert.Throws<ArgumentException>(() => RankThree.LeadingWeightsValue(x, w));
        Assert.Equal("w", exception.ParamName);
        Assert.Contains("[2, 3]", exception.Message, StringComparison.Ordinal);
        Assert.Contains("[3, 2]", exception.Message, StringComparison.Ordinal);
        var dx = Tensor.CreateFromShape<double>([2, 3, 4]);
        var dw = Tensor.CreateFromShape<double>([3, 2]);
        Assert.Equal("w", Assert.Throws<ArgumentException>(() => RankThree.LeadingWeightsValueAndGradient(x, w, dx, dw)).ParamName);
    }

    [Fact]
    public void A_reshape_to_rank_3_of_the_wrong_count_is_refused_before_anything_is_computed()
    {
        var v = Tensor.CreateFromShape<double>([7]);
        var exception = Assert.Throws<ArgumentException>(() => RankThree.ReshapeVectorValue(v));
        Assert.Contains("Reshape(v", exception.Message, StringComparison.Ordinal);
    }
}

/// <summary>Rank-3 reductions at ties, and reductions of reductions, checked against values worked out by hand and by PyTorch.</summary>
public static partial class RankThreeTies
{
    [Differentiable]
    public static double LastAxisMaxima(ReadOnlyTensorSpan<double> x)
        => Sum(Max(x, 2) * Max(x, 2));

    [Differentiable]
    public static float FirstAxisMinimaF(ReadOnlyTensorSpan<float> x)
        => Sum(Min(x, -3));

    /// <summary>Sum(Sum(x, 2), 1) with keepDims and without, means of means, and maxima of maxima along the first two axes.</summary>
    [Differentiable]
    public static double ReductionsOfReductions(ReadOnlyTensorSpan<double> x)
        => Sum(Square(Sum(Sum(x, 2), 1))) + Sum(Sum(Sum(x, 2, keepDims: true), 1, keepDims: true)) + Sum(Exp(Mean(Mean(x, 0), 0, keepDims: true))) + Sum(Max(Max(x, 0), 0));
}
