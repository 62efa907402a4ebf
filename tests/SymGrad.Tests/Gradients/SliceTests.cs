using System;
using System.Numerics.Tensors;

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
}
