using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Element reads at their edges: an index outside its axis, counted from the end past the start, or a tensor of the
/// wrong rank throws as C#'s indexer does, naming the parameter, the index and the length, before a gradient is
/// written; an element read alone gives a gradient that is zero except at that element.
/// </summary>
public sealed class ElementReadTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(-1)]
    public void An_index_outside_the_vector_throws_naming_it_before_writing_a_gradient(int k)
    {
        Tensor<double> x = Tensor.Create(new[] { 0.5, 1.5, -2.0 }, [3]);

        // The eager method throws IndexOutOfRangeException from the indexer; the generated ones throw the same type.
        Assert.Throws<IndexOutOfRangeException>(() => ElementReadForms.FirstTimesK(x, k));
        IndexOutOfRangeException value = Assert.Throws<IndexOutOfRangeException>(() => ElementReadForms.FirstTimesKValue(x, k));
        Assert.Contains("'x'", value.Message, StringComparison.Ordinal);
        Assert.Contains("index " + k, value.Message, StringComparison.Ordinal);
        Assert.Contains("has 3 elements", value.Message, StringComparison.Ordinal);

        double[] dx = [double.NaN, double.NaN, double.NaN];
        Assert.Throws<IndexOutOfRangeException>(() => ElementReadForms.FirstTimesKValueAndGradient(x, k, Tensor.Create(dx, [3])));
        Assert.All(dx, d => Assert.True(double.IsNaN(d)));

        // Arrays bind to the span overload, which checks the same way.
        Assert.Throws<IndexOutOfRangeException>(() => ElementReadForms.FirstTimesKValueAndGradient([0.5, 1.5, -2.0], k, dx));
        Assert.All(dx, d => Assert.True(double.IsNaN(d)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void An_index_from_the_end_outside_the_vector_throws(int k)
    {
        Tensor<float> x = Tensor.Create(new[] { 0.5f, 1.5f, -2.0f }, [3]);
        Assert.Throws<IndexOutOfRangeException>(() => ElementReadForms.FromEnd(x, k));
        IndexOutOfRangeException error = Assert.Throws<IndexOutOfRangeException>(() => ElementReadForms.FromEndValue(x, k));
        Assert.Contains("index " + (3 - k), error.Message, StringComparison.Ordinal);
        float[] dx = [float.NaN, float.NaN, float.NaN];
        Assert.Throws<IndexOutOfRangeException>(() => ElementReadForms.FromEndValueAndGradient(x, k, Tensor.Create(dx, [3])));
        Assert.All(dx, d => Assert.True(float.IsNaN(d)));
    }

    [Fact]
    public void A_row_outside_the_matrix_throws_naming_the_axis()
    {
        Tensor<double> w = Tensor.Create(new double[6], [2, 3]);
        Assert.Throws<IndexOutOfRangeException>(() => Slices.MatrixElements(w, 2));
        IndexOutOfRangeException error = Assert.Throws<IndexOutOfRangeException>(() => Slices.MatrixElementsValue(w, 2));
        Assert.Contains("'w' is read at index 2 along axis 0", error.Message, StringComparison.Ordinal);
        double[] dw = [double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN];
        Assert.Throws<IndexOutOfRangeException>(() => Slices.MatrixElementsValueAndGradient(w, 2, Tensor.Create(dw, [2, 3])));
        Assert.All(dw, d => Assert.True(double.IsNaN(d)));
    }

    [Fact]
    public void A_tensor_read_with_too_few_or_too_many_indexes_throws_as_the_indexer_does()
    {
        Tensor<double> vector = Tensor.Create(new double[6], [6]);
        Tensor<double> matrix = Tensor.Create(new double[6], [2, 3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Slices.MatrixElements(vector, 0));
        Assert.Equal("w", Assert.Throws<ArgumentOutOfRangeException>(() => Slices.MatrixElementsValue(vector, 0)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ElementReadForms.FirstTimesK(matrix, 1));
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => ElementReadForms.FirstTimesKValue(matrix, 1));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("rank 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_element_read_gives_a_gradient_that_is_zero_elsewhere()
    {
        double[] x = [0.5, 1.5, -2.0, 4.0, 7.0];
        double[] dx = [double.NaN, double.NaN, double.NaN, double.NaN, double.NaN];
        double value = ElementReadForms.FromEndValueAndGradient(x, 2, dx);
        Assert.Equal(ElementReadForms.FromEnd(Tensor.Create(x, [5]), 2), value);
        Assert.Equal([0.0, 0.0, 0.0, 3 * 4.0 * 4.0, 0.0], dx);
    }
}

/// <summary>Element reads whose arguments the edge tests choose.</summary>
public static partial class ElementReadForms
{
    [Differentiable]
    public static double FirstTimesK(ReadOnlyTensorSpan<double> x, int k) => x[0] * x[k];

    [Differentiable]
    public static float FromEnd(ReadOnlyTensorSpan<float> x, int k) => x[^k] * x[^k] * x[^k];

    [Differentiable]
    public static double FromEnd(ReadOnlyTensorSpan<double> x, int k) => x[^k] * x[^k] * x[^k];
}
