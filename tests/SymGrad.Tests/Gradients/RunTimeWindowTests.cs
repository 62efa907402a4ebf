using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Slices of matrices whose bounds are known only at run time, at their edges: a range outside its axis or reversed
/// throws as C#'s ranges throw, naming the parameter, its shape and the range in numbers; slices of different lengths
/// that meet throw naming both; and nothing is written first.
/// </summary>
public sealed class RunTimeWindowTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    public void A_row_range_outside_the_matrix_throws_naming_it_its_shape_and_the_range_before_writing_a_gradient(int k)
    {
        Tensor<double> x = Tensor.Create(Elements(3 * 4), [3, 4]);
        Tensor<double> y = Tensor.Create(Elements(3 * 4), [3, 4]);

        // x[k.., ..] of three rows: the eager method throws, and so do the generated ones.
        Assert.Throws<ArgumentOutOfRangeException>(() => Slices.RunTimeGrid(x, y, k, 2));
        ArgumentOutOfRangeException value = Assert.Throws<ArgumentOutOfRangeException>(() => Slices.RunTimeGridValue(x, y, k, 2));
        Assert.Equal("x", value.ParamName);
        Assert.Contains("shape [3, 4]", value.Message, StringComparison.Ordinal);
        Assert.Contains("x[" + k + "..3, ..] here", value.Message, StringComparison.Ordinal);

        double[] dx = NaNs(12);
        double[] dy = NaNs(12);
        Assert.Equal("x", Assert.Throws<ArgumentOutOfRangeException>(() => Slices.RunTimeGridValueAndGradient(x, y, k, 2, Tensor.Create(dx, [3, 4]), Tensor.Create(dy, [3, 4]))).ParamName);
        Assert.All(dx, d => Assert.True(double.IsNaN(d)));
        Assert.All(dy, d => Assert.True(double.IsNaN(d)));
    }

    [Fact]
    public void A_column_range_past_the_end_throws_naming_the_columns()
    {
        Tensor<float> x = Tensor.Create(new float[3], [3, 1]);
        Tensor<float> y = Tensor.Create(new float[3], [3, 1]);

        // x[..n, ^2..] of one column starts before the first.
        Assert.Throws<ArgumentOutOfRangeException>(() => Slices.RunTimeGridF(x, y, 1, 2));
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => Slices.RunTimeGridFValue(x, y, 1, 2));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("x[.., -1..1] here", error.Message, StringComparison.Ordinal);
        Assert.Contains("axis 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reversed_range_throws()
    {
        Tensor<double> x = Tensor.Create(Elements(10), [10]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Slices.Segment(x, 5, 3));
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => Slices.SegmentValue(x, 5, 3));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("x[5..3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Slices_of_two_matrices_that_meet_with_different_lengths_throw_naming_both_before_writing_a_gradient()
    {
        Tensor<double> x = Tensor.Create(Elements(3 * 2), [3, 2]);
        Tensor<double> y = Tensor.Create(Elements(4 * 2), [4, 2]);

        // x[..n, ..] has 2 rows and y[k.., ..] 3: the eager method throws, and so do the generated ones.
        Assert.ThrowsAny<ArgumentException>(() => RunTimeWindows.Meeting(x, y, 2, 1));
        ArgumentException value = Assert.ThrowsAny<ArgumentException>(() => RunTimeWindows.MeetingValue(x, y, 2, 1));
        Assert.Contains("'x'", value.Message, StringComparison.Ordinal);
        Assert.Contains("'y'", value.Message, StringComparison.Ordinal);

        double[] dx = NaNs(6);
        double[] dy = NaNs(8);
        Assert.ThrowsAny<ArgumentException>(() => RunTimeWindows.MeetingValueAndGradient(x, y, 2, 1, Tensor.Create(dx, [3, 2]), Tensor.Create(dy, [4, 2])));
        Assert.All(dx, d => Assert.True(double.IsNaN(d)));
        Assert.All(dy, d => Assert.True(double.IsNaN(d)));

        // With equal lengths the slices meet: value and gradient as the method runs as written.
        double[] gx = NaNs(6);
        double[] gy = NaNs(8);
        Assert.Equal(RunTimeWindows.Meeting(x, y, 2, 2), RunTimeWindows.MeetingValueAndGradient(x, y, 2, 2, Tensor.Create(gx, [3, 2]), Tensor.Create(gy, [4, 2])), 12);
        Assert.Equal([2 * 0.5 * 4.5, 2 * 1.5 * 5.5, 2 * 2.5 * 6.5, 2 * 3.5 * 7.5, 0, 0], gx);
        Assert.Equal([0, 0, 0, 0, 0.25, 2.25, 6.25, 12.25], gy);
    }

    [Fact]
    public void An_empty_range_leaves_the_slice_empty_and_its_gradient_zero()
    {
        Tensor<double> x = Tensor.Create(Elements(3 * 2), [3, 2]);
        Tensor<double> y = Tensor.Create(Elements(3 * 2), [3, 2]);
        double[] gx = NaNs(6);
        double[] gy = NaNs(6);
        Assert.Equal(0.0, RunTimeWindows.MeetingValueAndGradient(x, y, 0, 3, Tensor.Create(gx, [3, 2]), Tensor.Create(gy, [3, 2])));
        Assert.All(gx, d => Assert.Equal(0.0, d));
        Assert.All(gy, d => Assert.Equal(0.0, d));
    }

    [Fact]
    public void Slices_of_two_vectors_that_meet_with_different_lengths_throw_naming_both_before_writing_a_gradient()
    {
        double[] x = Elements(4);
        double[] y = Elements(5);

        // x[..n] has 3 elements and y[k..] 4: the eager method throws, and so do the generated ones.
        Assert.ThrowsAny<ArgumentException>(() => RunTimeWindows.Aligned(Tensor.Create(x, [4]), Tensor.Create(y, [5]), 3, 1));
        ArgumentException value = Assert.ThrowsAny<ArgumentException>(() => RunTimeWindows.AlignedValue(x, y, 3, 1));
        Assert.Contains("'x[..n]' has 3 elements and 'y[k..]' has 4", value.Message, StringComparison.Ordinal);
        Assert.Equal("y", value.ParamName);

        double[] dx = NaNs(4);
        double[] dy = NaNs(5);
        Assert.ThrowsAny<ArgumentException>(() => RunTimeWindows.AlignedValueAndGradient(x, y, 3, 1, dx, dy));
        Assert.All(dx, d => Assert.True(double.IsNaN(d)));
        Assert.All(dy, d => Assert.True(double.IsNaN(d)));

        // x[..3] and y[2..] have three elements each: value and gradient as the method runs as written.
        Assert.Equal(RunTimeWindows.Aligned(Tensor.Create(x, [4]), Tensor.Create(y, [5]), 3, 2), RunTimeWindows.AlignedValueAndGradient(x, y, 3, 2, dx, dy), 12);
        Assert.Equal([2.5, 3.5, 4.5, 0], dx);
        Assert.Equal([0, 0, 0.5, 1.5, 2.5], dy);
    }

    private static double[] Elements(int count)
    {
        double[] elements = new double[count];
        for (int i = 0; i < count; i++)
        {
            elements[i] = 0.5 + i;
        }

        return elements;
    }

    private static double[] NaNs(int count)
    {
        double[] values = new double[count];
        Array.Fill(values, double.NaN);
        return values;
    }
}

/// <summary>Slices of two matrices with bounds from parameters, whose arguments the edge tests choose.</summary>
public static partial class RunTimeWindows
{
    [Differentiable]
    public static double Aligned(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, int n, int k) => Sum(x[..n] * y[k..]);

    [Differentiable]
    public static double Meeting(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, int n, int k) => Sum(Square(x[..n, ..]) * y[k.., ..]);
}
