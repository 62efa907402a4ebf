using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Products with vectors where <c>[n]</c> and <c>[n, 1]</c> would give different numbers: the generated method throws
/// before writing anything, as the method run as written does, rather than compute a product of another shape.
/// </summary>
public sealed partial class VectorProductTests
{
    /// <summary>The transpose of a matrix-vector product: a vector has none.</summary>
    [Differentiable]
    public static double TransposedProduct(ReadOnlyTensorSpan<double> t, ReadOnlyTensorSpan<double> x)
        => Sum(Square(Transpose(MatMul(t, x)) * 2));

    /// <summary>A column of a matrix selected by a product with a one-hot vector, as the diagnostic for w[.., j] suggests.</summary>
    [Differentiable]
    public static double ColumnByProduct(ReadOnlyTensorSpan<double> w, [NoGrad] ReadOnlyTensorSpan<double> e)
        => Sum(Square(MatMul(w, e)));

    [Fact]
    public void A_product_with_a_one_hot_vector_is_a_column_and_its_gradient_lies_in_that_column()
    {
        double[] w = [1, 2, 3, 4, 5, 6];
        double[] e = [0, 1, 0];
        var dw = new double[6];
        double value = ColumnByProductValueAndGradient(Tensor.Create(w, [2, 3]), Tensor.Create(e, [3]), Tensor.Create(dw, [2, 3]));
        Assert.Equal((2 * 2) + (5 * 5), value);
        Assert.Equal([0, 4, 0, 0, 10, 0], dw);
        Assert.Equal(value, ColumnByProduct(Tensor.Create(w, [2, 3]), Tensor.Create(e, [3])));
    }

    [Fact]
    public void A_vector_meeting_a_product_with_a_vector_must_have_its_length()
    {
        double[] t = [1, 2, 3, 4, 5, 6];
        double[] x = [0.5, -1];
        var dt = new double[6];
        var dx = new double[2];
        var ds = new double[3];
        Tensor<double> column = Tensor.Create(new double[] { 1, 2, 3 }, [3, 1]);

        // [3] - [3, 1] broadcasts to [3, 3] in PyTorch and in the method run as written: a shape the generated method does not compute.
        Assert.Equal([3, 3], (MatMul(Tensor.Create(t, [3, 2]), Tensor.Create(x, [2])) - column).Lengths.ToArray());
        var error = Assert.Throws<ArgumentException>(() => VectorProducts.LeastSquaresValueAndGradient(
            Tensor.Create(t, [3, 2]), Tensor.Create(x, [2]), column, Tensor.Create(dt, [3, 2]), Tensor.Create(dx, [2]), Tensor.Create(ds, [3, 1])));
        Assert.Equal("s", error.ParamName);
        Assert.Contains("[3]", error.Message, StringComparison.Ordinal);
        Assert.All(dt, value => Assert.Equal(0, value));
    }

    [Fact]
    public void A_vector_of_one_element_is_repeated_as_PyTorch_broadcasts_it()
    {
        double[] t = [1, 2, 3, 4, 5, 6];
        double[] x = [0.5, -1];
        double[] s = [0.25];
        var dt = new double[6];
        var dx = new double[2];
        var ds = new double[1];
        double expected = LeastSquares(t, x, s);
        double value = VectorProducts.LeastSquaresValueAndGradient(Tensor.Create(t, [3, 2]), Tensor.Create(x, [2]), Tensor.Create(s, [1]), Tensor.Create(dt, [3, 2]), Tensor.Create(dx, [2]), Tensor.Create(ds, [1]));
        Assert.Equal(expected, value, 12);

        // d/ds of Σ (t x - s)² is -2 Σ (t x - s).
        double residuals = (1 * 0.5) - 2 - 0.25 + (3 * 0.5) - 4 - 0.25 + (5 * 0.5) - 6 - 0.25;
        Assert.Equal(-2 * residuals, ds[0], 12);
    }

    [Fact]
    public void A_transpose_of_a_product_with_a_vector_throws_as_the_method_run_as_written_does()
    {
        Tensor<double> t = Tensor.Create(new double[] { 1, 2, 3, 4, 5, 6 }, [3, 2]);
        Tensor<double> x = Tensor.Create(new double[] { 0.5, -1 }, [2]);
        Assert.ThrowsAny<ArgumentException>(() => TransposedProduct(t, x));
        var error = Assert.Throws<ArgumentException>(() => TransposedProductValueAndGradient(t, x, Tensor.Create(new double[6], [3, 2]), Tensor.Create(new double[2], [2])));
        Assert.Contains(error.ParamName, new[] { "t", "x" });
        Assert.Contains("[3]", error.Message, StringComparison.Ordinal);

        // A matrix of one column is what it was before.
        Tensor<double> column = Tensor.Create(new double[] { 0.5, -1 }, [2, 1]);
        double value = TransposedProductValueAndGradient(t, column, Tensor.Create(new double[6], [3, 2]), Tensor.Create(new double[2], [2, 1]));
        Assert.Equal(TransposedProduct(t, column), value, 12);
    }

    private static double LeastSquares(double[] t, double[] x, double[] s)
        => VectorProducts.LeastSquares(Tensor.Create(t, [3, 2]), Tensor.Create(x, [2]), Tensor.Create(s, [1]));
}
