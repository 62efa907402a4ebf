using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Runtime;

public class TensorMathMatrixTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 3, 4)]
    [InlineData(3, 1, 5)]
    [InlineData(5, 17, 1)]
    [InlineData(17, 33, 9)]
    [InlineData(0, 3, 2)]
    [InlineData(2, 3, 0)]
    [InlineData(2, 0, 3)]
    public void MatMul_matches_the_naive_product(int m, int k, int n)
    {
        double[] a = NumericAssert.Uniform<double>(m * k, -2, 2, seed: (m * 100) + k);
        double[] b = NumericAssert.Uniform<double>(k * n, -2, 2, seed: (k * 100) + n);
        float[] aSingle = Array.ConvertAll(a, v => (float)v);
        float[] bSingle = Array.ConvertAll(b, v => (float)v);

        Tensor<double> product = MatMul(Tensor.Create(a, [m, k]), Tensor.Create(b, [k, n]));
        Tensor<float> productSingle = MatMul(Tensor.Create(aSingle, [m, k]), Tensor.Create(bSingle, [k, n]));

        Assert.Equal([m, n], product.Lengths.ToArray());
        Assert.Equal([m, n], productSingle.Lengths.ToArray());
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = 0, expectedSingle = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    expected += a[(i * k) + p] * b[(p * n) + j];
                    expectedSingle += (double)aSingle[(i * k) + p] * bSingle[(p * n) + j];
                    magnitude += Math.Abs(a[(i * k) + p] * b[(p * n) + j]);
                }

                NumericAssert.Close(expected, product[i, j], 0, 1e-14 * magnitude, $"double [{i}, {j}]");
                NumericAssert.Close(expectedSingle, productSingle[i, j], 0, 1e-6 * magnitude, $"float [{i}, {j}]");
            }
        }
    }

    [Fact]
    public void MatMul_reads_views_by_position()
    {
        double[] x = NumericAssert.Uniform<double>(12, -1, 1, seed: 1);
        double[] w = NumericAssert.Uniform<double>(20, -1, 1, seed: 2);
        Tensor<double> input = Tensor.Create(x, [3, 4]);
        Tensor<double> weights = Tensor.Create(w, [5, 4]);

        double[] throughCopy = NumericAssert.Flatten(MatMul(input, Transpose(weights)));
        double[] throughView = NumericAssert.Flatten(MatMul(input, Tensor.Transpose(weights)));
        double[] leftView = NumericAssert.Flatten(MatMul(Tensor.Transpose(Transpose(input)), Tensor.Transpose(weights)));

        Assert.Equal(throughCopy, throughView);
        Assert.Equal(throughCopy, leftView);
    }

    [Fact]
    public void Transpose_copies_rows_into_columns()
    {
        Tensor<float> a = Tensor.Create([1f, 2f, 3f, 4f, 5f, 6f], [2, 3]);

        Tensor<float> t = Transpose(a);

        Assert.True(t.IsDense);
        Assert.Equal([3, 2], t.Lengths.ToArray());
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], NumericAssert.Flatten(t));
        Assert.Equal(NumericAssert.Flatten(a), NumericAssert.Flatten(Transpose(t)));
        Assert.Equal(NumericAssert.Flatten(a), NumericAssert.Flatten(Transpose(Tensor.Transpose(a))));

        t[0, 0] = 42;
        Assert.Equal(1f, a[0, 0]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(7, 1)]
    [InlineData(33, 17)]
    [InlineData(0, 4)]
    public void Transpose_matches_the_definition_for_double(int rows, int columns)
    {
        double[] data = NumericAssert.Uniform<double>(rows * columns, -1, 1, seed: rows + columns);

        Tensor<double> t = Transpose(Tensor.Create(data, [rows, columns]));

        Assert.Equal([columns, rows], t.Lengths.ToArray());
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                Assert.Equal(data[(i * columns) + j], t[j, i]);
            }
        }
    }

    [Fact]
    public void Transpose_reads_a_sliced_view()
    {
        Tensor<double> a = Tensor.Create([1d, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3]);
        ReadOnlyTensorSpan<double> rightColumns = a.AsReadOnlyTensorSpan()[.., 1..];
        Assert.False(rightColumns.IsDense);

        Assert.Equal([2d, 5, 8, 3, 6, 9], NumericAssert.Flatten(Transpose(rightColumns)));
    }

    [Fact]
    public void MatMul_with_mismatched_inner_dimensions_names_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => MatMul(Tensor.Create(new double[6], [2, 3]), Tensor.Create(new double[20], [4, 5])));

        Assert.Equal("b", error.ParamName);
        Assert.Contains("'a' is [2, 3]", error.Message, StringComparison.Ordinal);
        Assert.Contains("'b' is [4, 5]", error.Message, StringComparison.Ordinal);
        Assert.Contains("Transpose", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MatMul_of_a_rank_3_tensor_names_the_parameter_and_rank()
    {
        var left = Assert.Throws<ArgumentException>(() => MatMul(Tensor.Create(new float[24], [2, 3, 4]), Tensor.Create(new float[4], [4, 1])));
        var right = Assert.Throws<ArgumentException>(() => MatMul(Tensor.Create(new float[3], [1, 3]), Tensor.Create(new float[24], [3, 2, 4])));

        Assert.Equal("a", left.ParamName);
        Assert.Contains("rank 3", left.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 3, 4]", left.Message, StringComparison.Ordinal);
        Assert.Equal("b", right.ParamName);
        Assert.Contains("rank 3", right.Message, StringComparison.Ordinal);
        Assert.Contains("[3, 2, 4]", right.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transpose_of_a_non_matrix_names_the_parameter_and_rank()
    {
        var error = Assert.Throws<ArgumentException>(() => Transpose(Tensor.Create(new double[24], [2, 3, 4])));

        Assert.Equal("a", error.ParamName);
        Assert.Contains("rank 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 3, 4]", error.Message, StringComparison.Ordinal);
        Assert.Contains("2-D", error.Message, StringComparison.Ordinal);
    }
}
