using System;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>Slices of matrices along both axes at their edges: a grid too small for its ranges, and a tensor of the wrong rank.</summary>
public sealed class WindowTests
{
    [Theory]
    [InlineData(1, 3, "rows")]
    [InlineData(3, 1, "columns")]
    [InlineData(0, 0, "rows")]
    public void A_grid_smaller_than_its_slices_drop_throws_naming_it_the_range_and_the_shape_before_writing_a_gradient(int rows, int columns, string axis)
    {
        double[] elements = new double[rows * columns];
        Tensor<double> u = Tensor.Create(elements, [rows, columns]);
        Tensor<double> f = Tensor.Create(new double[rows * columns], [rows, columns]);

        // u[..^2, 1..^1] of fewer than two rows or columns: C#'s ranges throw when the method runs eagerly, and the generated methods throw the same.
        Assert.Throws<ArgumentOutOfRangeException>(() => Slices.Laplacian(u, f));
        ArgumentOutOfRangeException value = Assert.Throws<ArgumentOutOfRangeException>(() => Slices.LaplacianValue(u, f));
        Assert.Equal("u", value.ParamName);
        Assert.Contains("shape [" + rows + ", " + columns + "]", value.Message, StringComparison.Ordinal);
        Assert.Contains("drops 2 " + axis, value.Message, StringComparison.Ordinal);
        Assert.Contains("u[", value.Message, StringComparison.Ordinal);

        double[] du = new double[rows * columns];
        Array.Fill(du, double.NaN);
        Assert.Equal("u", Assert.Throws<ArgumentOutOfRangeException>(() => Slices.LaplacianValueAndGradient(u, f, Tensor.Create(du, [rows, columns]))).ParamName);
        Assert.All(du, d => Assert.True(double.IsNaN(d)));
    }

    [Fact]
    public void The_message_names_the_range_that_drops_too_much()
    {
        Tensor<float> x = Tensor.Create(new float[3], [3, 1]);
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => Slices.SlicedRowsFValue(x));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("x[..^1, 2..] drops 2 columns (axis 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_row_leaves_the_vertical_slices_empty_and_their_gradient_zero()
    {
        Tensor<double> x = Tensor.Create(new[] { 0.5, -1.5, 2.0 }, [1, 3]);
        double[] dx = [double.NaN, double.NaN, double.NaN];
        double value = Slices.GridSmoothnessValueAndGradient(x, Tensor.Create(dx, [1, 3]));
        Assert.Equal(Slices.GridSmoothness(x), value, 12);
        Assert.Equal(4.0 + 12.25, value, 12);
        Assert.Equal([4.0, -11.0, 7.0], dx);
    }

    [Fact]
    public void A_vector_sliced_as_a_matrix_throws_naming_it()
    {
        Tensor<double> x = Tensor.Create(new double[6], [6]);
        Assert.ThrowsAny<ArgumentException>(() => Slices.GridSmoothness(x));
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => Slices.GridSmoothnessValue(x));
        Assert.Equal("x", error.ParamName);
    }
}
