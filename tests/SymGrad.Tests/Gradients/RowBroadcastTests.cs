using System;
using System.Linq;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// A row broadcast against a matrix before a row pass, in every shape it may have at run time: <c>[c]</c>,
/// <c>[1, c]</c>, a column <c>[r, 1]</c> and the matrix's own <c>[r, c]</c> give the same numbers as the method run
/// eagerly; other shapes throw naming the parameter before anything is written.
/// </summary>
public sealed class RowBroadcastTests
{
    private const int Rows = 3;
    private const int Columns = 5;

    private static double[] Grid() => Enumerable.Range(0, Rows * Columns).Select(i => Math.Sin((0.7 * i) + 0.3) * 1.5).ToArray();

    private static double[] Row() => Enumerable.Range(0, Columns).Select(j => 0.25 + (0.1 * j)).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_row_of_rank_two_or_the_full_shape_gives_the_numbers_of_the_row_vector(int form)
    {
        Tensor<double> x = Tensor.Create(Grid(), [Rows, Columns]);
        Tensor<double> y = Tensor.Create(Grid().Select(v => v * v).ToArray(), [Rows, Columns]);
        Tensor<double> scale = Tensor.Create(Row(), [Columns]);
        double[] row = Row().Select(v => v - 0.5).ToArray();
        Tensor<double> bias = Tensor.Create(row, [Columns]);

        // The same bias as [1, c], or repeated into every row of [r, c].
        int rows = form == 1 ? 1 : Rows;
        double[] repeated = Enumerable.Range(0, rows).SelectMany(_ => row).ToArray();
        Tensor<double> shaped = Tensor.Create(repeated, [rows, Columns]);

        double[] dx = new double[Rows * Columns], dscale = new double[Columns], dbias = new double[Columns];
        double value = Broadcasts.AffineSoftmaxValueAndGradient(x, scale, bias, y, Tensor.Create(dx, [Rows, Columns]), Tensor.Create(dscale, [Columns]), Tensor.Create(dbias, [Columns]));

        double[] dx2 = new double[Rows * Columns], dscale2 = new double[Columns], dshaped = new double[repeated.Length];
        double shapedValue = Broadcasts.AffineSoftmaxValueAndGradient(x, scale, shaped, y, Tensor.Create(dx2, [Rows, Columns]), Tensor.Create(dscale2, [Columns]), Tensor.Create(dshaped, [rows, Columns]));

        Assert.Equal(Broadcasts.AffineSoftmax(x, scale, shaped, y), shapedValue, 12);
        Assert.Equal(value, shapedValue, 12);
        Assert.Equal(dx, dx2, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(dscale, dscale2, (a, b) => Math.Abs(a - b) < 1e-12);

        // Repeated into every row, each row's gradient is its share: together they are the row vector's.
        double[] summed = Enumerable.Range(0, Columns).Select(j => Enumerable.Range(0, rows).Sum(r => dshaped[(r * Columns) + j])).ToArray();
        Assert.Equal(dbias, summed, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void A_column_bias_is_repeated_across_each_row_and_its_gradient_summed_along_it()
    {
        Tensor<double> x = Tensor.Create(Grid(), [Rows, Columns]);
        double[] column = [0.3, -1.2, 0.7];
        Tensor<double> bias = Tensor.Create(column, [Rows, 1]);
        double[] dx = new double[Rows * Columns];
        double[] dbias = new double[Rows];
        double value = Broadcasts.BiasedRowsValueAndGradient(x, bias, Tensor.Create(dx, [Rows, Columns]), Tensor.Create(dbias, [Rows, 1]));
        Assert.Equal(Broadcasts.BiasedRows(x, bias), value, 12);
        Assert.Equal(value, Broadcasts.BiasedRowsValue(x, bias), 12);

        // The column repeated into the matrix: each row's gradient summed along it is the column's.
        double[] repeated = Enumerable.Range(0, Rows * Columns).Select(i => column[i / Columns]).ToArray();
        double[] dx2 = new double[Rows * Columns], dshaped = new double[Rows * Columns];
        Assert.Equal(value, Broadcasts.BiasedRowsValueAndGradient(x, Tensor.Create(repeated, [Rows, Columns]), Tensor.Create(dx2, [Rows, Columns]), Tensor.Create(dshaped, [Rows, Columns])), 12);
        Assert.Equal(dx2, dx, (a, b) => Math.Abs(a - b) < 1e-12);
        double[] summed = Enumerable.Range(0, Rows).Select(r => Enumerable.Range(0, Columns).Sum(j => dshaped[(r * Columns) + j])).ToArray();
        Assert.Equal(summed, dbias, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void A_bias_of_another_shape_throws_naming_it_before_writing_a_gradient()
    {
        Tensor<double> x = Tensor.Create(Grid(), [Rows, Columns]);
        Tensor<double> bias = Tensor.Create(new double[Rows * 2], [Rows, 2]);
        double[] dx = Enumerable.Repeat(double.NaN, Rows * Columns).ToArray();
        double[] dbias = Enumerable.Repeat(double.NaN, Rows * 2).ToArray();

        Assert.ThrowsAny<ArgumentException>(() => Broadcasts.BiasedRows(x, bias));
        ArgumentException error = Assert.Throws<ArgumentException>(() => Broadcasts.BiasedRowsValueAndGradient(x, bias, Tensor.Create(dx, [Rows, Columns]), Tensor.Create(dbias, [Rows, 2])));
        Assert.Equal("bias", error.ParamName);
        Assert.Contains("[3, 1]", error.Message, StringComparison.Ordinal);
        Assert.All(dx, d => Assert.True(double.IsNaN(d)));
        Assert.All(dbias, d => Assert.True(double.IsNaN(d)));
    }

    [Fact]
    public void A_bias_declared_before_the_matrix_is_read_as_a_row_of_it()
    {
        Tensor<double> x = Tensor.Create(Grid(), [Rows, Columns]);
        Tensor<double> scale = Tensor.Create(Row(), [Columns]);
        Tensor<double> bias = Tensor.Create(Row().Select(v => v - 0.5).ToArray(), [1, Columns]);
        double[] dx = new double[Rows * Columns], dscale = new double[Columns], dbias = new double[Columns];
        double value = Broadcasts.BiasFirstRowsValueAndGradient(bias, scale, x, Tensor.Create(dbias, [1, Columns]), Tensor.Create(dscale, [Columns]), Tensor.Create(dx, [Rows, Columns]));
        Assert.Equal(Broadcasts.BiasFirstRows(bias, scale, x), value, 12);
        Assert.Equal(value, Broadcasts.BiasFirstRowsValue(bias, scale, x), 12);
    }

    [Fact]
    public void The_matrix_must_be_the_rank_two_operand()
    {
        Tensor<double> x = Tensor.Create(Row(), [Columns]);
        Tensor<double> bias = Tensor.Create(Grid(), [Rows, Columns]);
        ArgumentException error = Assert.Throws<ArgumentException>(() => Broadcasts.BiasedRowsValue(x, bias));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("left operand", error.Message, StringComparison.Ordinal);
    }
}
