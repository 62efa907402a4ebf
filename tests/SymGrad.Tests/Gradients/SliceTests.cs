using System;
using System.Linq;
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

/// <summary>A slice meeting a whole vector: the lengths checked equal when the method is called, as run eagerly.</summary>
public sealed class SliceMeetingTests
{
    [Fact]
    public void A_slice_and_a_whole_vector_give_the_numbers_of_the_method_as_written()
    {
        Tensor<double> x = Tensor.Create(new[] { 0.5, -1.25, 2.0, 0.75, -0.3 }, [5]);
        Tensor<double> y = Tensor.Create(new[] { 0.1, 0.4, -0.6, 1.1 }, [4]);
        double[] dx = new double[5], dy = new double[4];
        double value = Slices.SliceMeetsVectorValueAndGradient(x, y, Tensor.Create(dx, [5]), Tensor.Create(dy, [4]));
        Assert.Equal(Slices.SliceMeetsVector(x, y), value, 12);
        Assert.Equal(Slices.SliceMeetsVector(x, y), Slices.SliceMeetsVectorValue(x, y), 12);
        Assert.Equal(Slices.RunTimeSliceMeetsVector(x, y, 1), Slices.RunTimeSliceMeetsVectorValue(x, y, 1), 12);

        // Each gradient element against central differences of the method run eagerly.
        AssertCentralDifferences(x, dx, () => Slices.SliceMeetsVector(x, y));
        AssertCentralDifferences(y, dy, () => Slices.SliceMeetsVector(x, y));
    }

    private static void AssertCentralDifferences(Tensor<double> t, double[] gradient, Func<double> f)
    {
        const double h = 1e-6;
        for (int j = 0; j < gradient.Length; j++)
        {
            double saved = t[j];
            t[j] = saved + h;
            double up = f();
            t[j] = saved - h;
            double down = f();
            t[j] = saved;
            Assert.Equal((up - down) / (2 * h), gradient[j], 6);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void Lengths_that_differ_throw_naming_both_before_writing_a_gradient(int length)
    {
        Tensor<double> x = Tensor.Create(new[] { 0.5, -1.25, 2.0, 0.75, -0.3 }, [5]);
        Tensor<double> y = Tensor.Create(new double[length], [length]);

        // Run eagerly, x[1..] of four elements cannot meet y either.
        Assert.ThrowsAny<ArgumentException>(() => Slices.SliceMeetsVector(x, y));
        ArgumentException error = Assert.Throws<ArgumentException>(() => Slices.SliceMeetsVectorValue(x, y));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("'x[1..]' has 4 elements and 'y' has " + length, error.Message, StringComparison.Ordinal);

        double[] dx = [.. new double[5].Select(_ => double.NaN)], dy = [.. new double[length].Select(_ => double.NaN)];
        Assert.Throws<ArgumentException>(() => Slices.SliceMeetsVectorValueAndGradient(x, y, Tensor.Create(dx, [5]), Tensor.Create(dy, [length])));
        Assert.All(dx, d => Assert.True(double.IsNaN(d)));
        Assert.All(dy, d => Assert.True(double.IsNaN(d)));
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Slices.RunTimeSliceMeetsVectorValue(x, y, 1)).ParamName);
    }

    [Fact]
    public void A_whole_operand_of_rank_two_throws_naming_it()
    {
        Tensor<double> x = Tensor.Create(new double[5], [5]);
        Tensor<double> y = Tensor.Create(new double[4], [2, 2]);
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => Slices.SliceMeetsVectorValue(x, y));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("rank 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_element_slice_outside_the_vector_throws_naming_it_before_writing_a_gradient()
    {
        // x[1..2] of one element ends past it: C#'s range slicing throws, and so do the generated methods.
        Tensor<double> x = Tensor.Create(new[] { 0.5 }, [1]);
        Tensor<double> y = Tensor.Create(new[] { 0.1, 0.4, -0.6 }, [3]);
        Assert.ThrowsAny<ArgumentException>(() => Slices.OneElementSlices(x, y, 0));
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => Slices.OneElementSlicesValue(x, y, 0)).ParamName);
        double[] dx = [double.NaN], dy = [double.NaN, double.NaN, double.NaN];
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => Slices.OneElementSlicesValueAndGradient(x, y, 0, Tensor.Create(dx, [1]), Tensor.Create(dy, [3]))).ParamName);
        Assert.All(dx.Concat(dy), d => Assert.True(double.IsNaN(d)));
    }
}
