using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>Slices at their edges: a vector too short for its slices, and a tensor of the wrong rank.</summary>
public sealed class SliceTests
{
    [Fact]
    public void A_vector_shorter_than_its_slices_drop_throws_naming_it_before_writing_a_gradient()
    {
        Tensor<double> x = Tensor.Create(new[] { 0.5, 1.5 }, [2]);

        // x[2..^1] of two elements would end before it starts: the eager method throws, and so do the generated ones.
        Assert.ThrowsAny<ArgumentException>(() => Slices.SliceDifference(x));
        ArgumentException value = Assert.Throws<ArgumentException>(() => Slices.SliceDifferenceValue(x));
        Assert.Equal("x", value.ParamName);
        Assert.Contains("has 2 elements", value.Message, StringComparison.Ordinal);
        Assert.Contains("drop 3", value.Message, StringComparison.Ordinal);

        double[] dx = [double.NaN, double.NaN];
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Slices.SliceDifferenceValueAndGradient(x, Tensor.Create(dx, [2]))).ParamName);
        Assert.All(dx, d => Assert.True(double.IsNaN(d)));
    }

    [Fact]
    public void An_empty_vector_is_too_short_for_a_slice_that_drops_one_element()
    {
        Tensor<float> x = Tensor.Create(Array.Empty<float>(), [0]);
        Assert.ThrowsAny<ArgumentException>(() => Slices.RosenbrockF(x));
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Slices.RosenbrockFValue(x)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Slices.RosenbrockFValueAndGradient(x, Tensor.Create(Array.Empty<float>(), [0]))).ParamName);
    }

    [Fact]
    public void One_element_leaves_the_slices_empty_and_the_gradient_zero()
    {
        Tensor<double> x = Tensor.Create(new[] { 0.75 }, [1]);
        double[] dx = [double.NaN];
        Assert.Equal(Slices.Rosenbrock(x), Slices.RosenbrockValueAndGradient(x, Tensor.Create(dx, [1])));
        Assert.Equal([0.0], dx);
    }

    [Fact]
    public void A_matrix_sliced_as_a_vector_throws_naming_it()
    {
        Tensor<double> x = Tensor.Create(new double[6], [2, 3]);
        ArgumentException error = Assert.Throws<ArgumentException>(() => Slices.RosenbrockValue(x));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("rank 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(-1)]
    public void A_bound_from_a_parameter_outside_the_vector_throws_naming_it_before_writing_a_gradient(int k)
    {
        Tensor<double> x = Tensor.Create(new[] { 0.5, 1.5, -2.0 }, [3]);

        // x[k..] and x[1..^k] of three elements: the eager method throws ArgumentOutOfRangeException, and so do the generated ones.
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundedSlices.Tail(x, k));
        ArgumentOutOfRangeException value = Assert.Throws<ArgumentOutOfRangeException>(() => BoundedSlices.TailValue(x, k));
        Assert.Equal("x", value.ParamName);
        Assert.Contains("has 3 elements", value.Message, StringComparison.Ordinal);

        double[] dx = [double.NaN, double.NaN, double.NaN];
        Assert.Equal("x", Assert.Throws<ArgumentOutOfRangeException>(() => BoundedSlices.TailValueAndGradient(x, k, Tensor.Create(dx, [3]))).ParamName);
        Assert.All(dx, d => Assert.True(double.IsNaN(d)));
        Assert.Equal("x", Assert.Throws<ArgumentOutOfRangeException>(() => BoundedSlices.TailValueAndGradient(new[] { 0.5, 1.5, -2.0 }, k, dx)).ParamName);
        Assert.All(dx, d => Assert.True(double.IsNaN(d)));
    }

    [Fact]
    public void A_bound_at_the_end_leaves_the_slice_empty_and_its_gradient_zero()
    {
        Tensor<double> x = Tensor.Create(new[] { 0.5, 1.5, -2.0 }, [3]);
        double[] dx = [double.NaN, double.NaN, double.NaN];
        Assert.Equal(BoundedSlices.TailOnly(x, 3), BoundedSlices.TailOnlyValueAndGradient(x, 3, Tensor.Create(dx, [3])));
        Assert.Equal([0.0, 0.0, 0.0], dx);

        // One element in x[2..] and none in x[1..^3]: only the last element has a gradient.
        double[] x2 = [0.5, 1.5, -2.0];
        Assert.Equal(BoundedSlices.Tail(x, 2), BoundedSlices.TailValueAndGradient(x2, 2, dx));
        Assert.Equal([0.0, 0.0, 2 * -2.0], dx);
    }

    [Fact]
    public void A_slice_counted_from_the_end_past_the_start_throws()
    {
        Tensor<float> x = Tensor.Create(new[] { 0.5f, 1.5f }, [2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundedSlices.LastThree(x));
        Assert.Equal("x", Assert.Throws<ArgumentOutOfRangeException>(() => BoundedSlices.LastThreeValue(x)).ParamName);
    }
}

/// <summary>Slices with bounds from parameters and sizes, whose arguments the edge tests choose.</summary>
public static partial class BoundedSlices
{
    [Differentiable]
    public static double Tail(ReadOnlyTensorSpan<double> x, int k) => Sum(Square(x[k..])) + Sum(x[1..^k]);

    [Differentiable]
    public static double TailOnly(ReadOnlyTensorSpan<double> x, int k) => Sum(Square(x[k..]));

    [Differentiable]
    public static float LastThree(ReadOnlyTensorSpan<float> x) => Sum(Square(x[^3..]));
}
