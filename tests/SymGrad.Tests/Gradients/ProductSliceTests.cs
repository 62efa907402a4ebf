using System;
using System.Linq;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Slices of vectors as operands of <c>MatMul</c> (<see cref="Slices.RowSliceProducts"/>, <see cref="Slices.ColumnSliceProducts"/>,
/// <see cref="Slices.DotSlices"/>): the gradient lies in the slice's elements, and lengths, ranks and bounds are
/// checked before anything is written. The catalog compares them with PyTorch, central differences and the eager method.
/// </summary>
public sealed class ProductSliceTests
{
    private static double[] Wave(int n, double phase) => Enumerable.Range(0, n).Select(i => Math.Sin((0.7 * i) + phase)).ToArray();

    private static double[] Poisoned(int n) => Enumerable.Repeat(double.NaN, n).ToArray();

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(33)]
    public void The_gradient_outside_the_slices_is_zero(int n)
    {
        // v[1..] and v[1..2] leave v[0] out; u[..^1] and u[..1] leave u[^1] out.
        double[] v = Wave(n + 1, 0.3), u = Wave(n + 1, 1.1);
        double[] dv = Poisoned(n + 1), du = Poisoned(n + 1);
        double value = Slices.DotSlicesValueAndGradient(Tensor.Create(v, [n + 1]), Tensor.Create(u, [n + 1]), 1, 1, Tensor.Create(dv, [n + 1]), Tensor.Create(du, [n + 1]));

        double dot = Enumerable.Range(0, n).Sum(i => v[i + 1] * u[i]);
        Assert.Equal(Math.Tanh(dot * 0.5) + (v[1] * u[0] * v[1] * u[0]), value, 12);
        Assert.Equal(0.0, dv[0]);
        Assert.Equal(0.0, du[^1]);
        Assert.All(dv.Concat(du), g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void A_right_operand_of_another_length_throws_naming_it_before_writing()
    {
        double[] dx = Poisoned(8), dw = Poisoned(8 * 3);
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => Slices.RowSliceProductsValueAndGradient(
            Tensor.Create(Wave(8, 0.1), [8]), Tensor.Create(Wave(8 * 3, 0.2), [8, 3]), Tensor.Create(Wave(3, 0.4), [3]), 1, Tensor.Create(dx, [8]), Tensor.Create(dw, [8, 3])));
        Assert.Equal("w", error.ParamName);
        Assert.Contains("7", error.Message, StringComparison.Ordinal);
        Assert.All(dx.Concat(dw), g => Assert.True(double.IsNaN(g)));
        Assert.ThrowsAny<ArgumentException>(() => Slices.RowSliceProducts(Tensor.Create(Wave(8, 0.1), [8]), Tensor.Create(Wave(8 * 3, 0.2), [8, 3]), Tensor.Create(Wave(3, 0.4), [3]), 1));
    }

    [Fact]
    public void A_matrix_sliced_with_one_range_throws_as_it_is_not_a_vector()
    {
        // x[1..] of a [2, 4] tensor would be its rows 1.. run eagerly: the generated method takes vectors only.
        double[] dx = Poisoned(8), dw = Poisoned(4 * 3);
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => Slices.RowSliceProductsValueAndGradient(
            Tensor.Create(Wave(8, 0.1), [2, 4]), Tensor.Create(Wave(4 * 3, 0.2), [4, 3]), Tensor.Create(Wave(3, 0.4), [3]), 1, Tensor.Create(dx, [2, 4]), Tensor.Create(dw, [4, 3])));
        Assert.Equal("x", error.ParamName);
        Assert.All(dx.Concat(dw), g => Assert.True(double.IsNaN(g)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(9)]
    public void A_bound_outside_the_vector_throws_as_its_range_does_before_writing(int k)
    {
        // v[..^k] with k past either end: C#'s range throws ArgumentOutOfRangeException, and so does the generated method.
        double[] da = Poisoned(3 * 7), dv = Poisoned(8);
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => Slices.ColumnSliceProductsValueAndGradient(
            Tensor.Create(Wave(3 * 7, 0.5), [3, 7]), Tensor.Create(Wave(8, 0.9), [8]), k, Tensor.Create(da, [3, 7]), Tensor.Create(dv, [8])));
        Assert.Equal("v", error.ParamName);
        Assert.All(da.Concat(dv), g => Assert.True(double.IsNaN(g)));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => Slices.ColumnSliceProducts(Tensor.Create(Wave(3 * 7, 0.5), [3, 7]), Tensor.Create(Wave(8, 0.9), [8]), k));
    }

    [Fact]
    public void Float_and_double_agree_on_a_vector_matrix_product_of_a_slice()
    {
        double[] x = Wave(34, 0.2), w = Wave(33 * 5, 0.6), t = Wave(5, 1.4);
        double[] dx = new double[34], dw = new double[33 * 5];
        double value = Slices.RowSliceProductsValueAndGradient(Tensor.Create(x, [34]), Tensor.Create(w, [33, 5]), Tensor.Create(t, [5]), 1, Tensor.Create(dx, [34]), Tensor.Create(dw, [33, 5]));
        float[] dxF = new float[34], dwF = new float[33 * 5];
        float valueF = Slices.RowSliceProductsFValueAndGradient(
            Tensor.Create(x.Select(e => (float)e).ToArray(), [34]), Tensor.Create(w.Select(e => (float)e).ToArray(), [33, 5]), Tensor.Create(t.Select(e => (float)e).ToArray(), [5]), 1, Tensor.Create(dxF, [34]), Tensor.Create(dwF, [33, 5]));
        Assert.Equal(value, valueF, 1e-3 * Math.Max(1, Math.Abs(value)));
        Assert.All(dx.Zip(dxF), p => Assert.Equal(p.First, p.Second, 1e-3));
        Assert.All(dw.Zip(dwF), p => Assert.Equal(p.First, p.Second, 1e-3));
    }
}
