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
        Assert.Contains("'x' [3, 5] and 'bias' [3, 2]", error.Message, StringComparison.Ordinal);
        Assert.Contains("do not broadcast", error.Message, StringComparison.Ordinal);
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
    public void The_matrix_may_be_either_operand()
    {
        // x [c] and bias [r, c]: x - bias and x + bias broadcast either way, so bias is the matrix of the row passes.
        Tensor<double> x = Tensor.Create(Row(), [Columns]);
        Tensor<double> bias = Tensor.Create(Grid(), [Rows, Columns]);
        double[] dx = new double[Columns], dbias = new double[Rows * Columns];
        double value = Broadcasts.BiasedRowsValueAndGradient(x, bias, Tensor.Create(dx, [Columns]), Tensor.Create(dbias, [Rows, Columns]));
        Assert.Equal(Broadcasts.BiasedRows(x, bias), value, 12);
        Assert.Equal(value, Broadcasts.BiasedRowsValue(x, bias), 12);

        // The same numbers as x repeated into every row: its gradient is the sum of theirs.
        double[] repeated = Enumerable.Range(0, Rows).SelectMany(_ => Row()).ToArray();
        double[] dxWhole = new double[Rows * Columns], dbias2 = new double[Rows * Columns];
        Assert.Equal(value, Broadcasts.BiasedRowsValueAndGradient(Tensor.Create(repeated, [Rows, Columns]), bias, Tensor.Create(dxWhole, [Rows, Columns]), Tensor.Create(dbias2, [Rows, Columns])), 12);
        Assert.Equal(dbias2, dbias, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(Enumerable.Range(0, Columns).Select(j => Enumerable.Range(0, Rows).Sum(r => dxWhole[(r * Columns) + j])), dx, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    public static TheoryData<int[], int[]> FirstShapes => new()
    {
        { [Columns], [Rows, Columns] },
        { [1, Columns], [Rows, Columns] },
        { [Rows, 1], [Rows, Columns] },
        { [Rows, Columns], [Rows, Columns] },
        { [Rows, Columns], [Columns] },
        { [Rows, Columns], [1, Columns] },
        { [Rows, Columns], [Rows, 1] },
        { [Rows, 1], [Columns] },
        { [1, Columns], [Rows, 1] },
    };

    [Theory]
    [MemberData(nameof(FirstShapes))]
    public void Either_operand_in_any_shape_that_broadcasts_gives_the_numbers_of_the_method_run_as_written(int[] bShape, int[] xShape)
    {
        foreach (bool column in new[] { false, true })
        {
            double[] bValues = Values(bShape, 0.4), xValues = Values(xShape, 1.3);
            Tensor<double> b = Tensor.Create(bValues, bShape.Select(n => (nint)n).ToArray());
            Tensor<double> x = Tensor.Create(xValues, xShape.Select(n => (nint)n).ToArray());
            double[] db = new double[bValues.Length], dx = new double[xValues.Length];
            TensorSpan<double> dbSpan = Tensor.Create(db, b.Lengths), dxSpan = Tensor.Create(dx, x.Lengths);
            double eager = column ? Broadcasts.ColumnFirstPasses(b, x) : Broadcasts.RowFirstPasses(b, x);
            double value = column ? Broadcasts.ColumnFirstPassesValueAndGradient(b, x, dbSpan, dxSpan) : Broadcasts.RowFirstPassesValueAndGradient(b, x, dbSpan, dxSpan);
            Assert.Equal(eager, value, 11);
            Assert.Equal(value, column ? Broadcasts.ColumnFirstPassesValue(b, x) : Broadcasts.RowFirstPassesValue(b, x), 12);

            // Central differences of the method run as written, element by element.
            for (int i = 0; i < bValues.Length + xValues.Length; i++)
            {
                double Shifted(double h)
                {
                    double[] bh = (double[])bValues.Clone(), xh = (double[])xValues.Clone();
                    if (i < bh.Length)
                    {
                        bh[i] += h;
                    }
                    else
                    {
                        xh[i - bh.Length] += h;
                    }

                    Tensor<double> bt = Tensor.Create(bh, b.Lengths), xt = Tensor.Create(xh, x.Lengths);
                    return column ? Broadcasts.ColumnFirstPasses(bt, xt) : Broadcasts.RowFirstPasses(bt, xt);
                }

                double difference = (Shifted(1e-6) - Shifted(-1e-6)) / 2e-6;
                Assert.Equal(difference, i < db.Length ? db[i] : dx[i - db.Length], 5);
            }
        }
    }

    [Fact]
    public void Operands_that_do_not_broadcast_throw_before_writing_a_gradient()
    {
        foreach ((int[] bShape, int[] xShape) in new (int[], int[])[] { ([Columns + 1], [Rows, Columns]), ([Rows, Columns], [Rows + 1, Columns]), ([Columns], [Columns]), ([Rows, 2], [Rows, Columns]) })
        {
            Tensor<double> b = Tensor.Create(Values(bShape, 0.4), bShape.Select(n => (nint)n).ToArray());
            Tensor<double> x = Tensor.Create(Values(xShape, 1.3), xShape.Select(n => (nint)n).ToArray());
            double[] db = Enumerable.Repeat(double.NaN, (int)b.FlattenedLength).ToArray(), dx = Enumerable.Repeat(double.NaN, (int)x.FlattenedLength).ToArray();
            Assert.ThrowsAny<ArgumentException>(() => Broadcasts.RowFirstPasses(b, x));
            ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => Broadcasts.RowFirstPassesValueAndGradient(b, x, Tensor.Create(db, b.Lengths), Tensor.Create(dx, x.Lengths)));
            Assert.Contains(error.ParamName, new[] { "b", "x" });
            Assert.All(db.Concat(dx), d => Assert.True(double.IsNaN(d)));
        }
    }

    [Fact]
    public void A_warm_call_with_the_row_first_allocates_nothing()
    {
        Tensor<double> b = Tensor.Create(Row(), [Columns]);
        Tensor<double> x = Tensor.Create(Grid(), [Rows, Columns]);
        Tensor<double> db = Tensor.Create(new double[Columns], [Columns]), dx = Tensor.Create(new double[Rows * Columns], [Rows, Columns]);
        Assert.Equal(0, Allocations.FewestBytes(() => Broadcasts.RowFirstPassesValueAndGradient(b, x, db, dx)));
        Assert.Equal(0, Allocations.FewestBytes(() => Broadcasts.RowFirstPassesValue(b, x)));
    }

    private static double[] Values(int[] shape, double phase)
        => Enumerable.Range(0, shape.Aggregate(1, (a, n) => a * n)).Select(i => Math.Sin((0.9 * i) + phase) * 1.25).ToArray();
}
