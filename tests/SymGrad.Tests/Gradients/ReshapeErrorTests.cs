using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// A reshape whose lengths do not fit the tensor throws before anything is written, naming the parameter, its shape,
/// the shape asked for and the fix; the method run eagerly throws too.
/// </summary>
public sealed class ReshapeErrorTests
{
    [Fact]
    public void A_count_that_does_not_match_throws_with_both_shapes()
    {
        Tensor<double> x = Tensor.Create(new double[10], [10]);
        Tensor<double> dx = Tensor.Create(Enumerable.Repeat(7.0, 10).ToArray(), [10]);

        ArgumentException value = Assert.Throws<ArgumentException>(() => ReshapeErrors.ReshapeFixedValue(x));
        ArgumentException gradient = Assert.Throws<ArgumentException>(() => ReshapeErrors.ReshapeFixedValueAndGradient(x, dx));
        Assert.Throws<ArgumentException>(() => ReshapeErrors.ReshapeFixed(x));

        foreach (ArgumentException e in new[] { value, gradient })
        {
            Assert.Equal("x", e.ParamName);
            Assert.Contains("Reshape(x, 3, 4)", e.Message, StringComparison.Ordinal);
            Assert.Contains("[3, 4], 12 elements", e.Message, StringComparison.Ordinal);
            Assert.Contains("'x' is [10] with 10", e.Message, StringComparison.Ordinal);
            Assert.Contains("Pass lengths whose product is 10", e.Message, StringComparison.Ordinal);
        }

        Assert.All(dx.ToArray(), g => Assert.Equal(7.0, g));
    }

    [Fact]
    public void An_inferred_length_that_does_not_divide_throws_as_torch_does()
    {
        Tensor<double> x = Tensor.Create(new double[10], [2, 5]);
        Tensor<double> dx = Tensor.Create(Enumerable.Repeat(7.0, 10).ToArray(), [2, 5]);

        ArgumentException e = Assert.Throws<ArgumentException>(() => Reshapes.ReshapeRowsParameterValueAndGradient(x, 3, dx));
        Assert.Throws<ArgumentException>(() => Reshapes.ReshapeRowsParameter(x, 3));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("Reshape(x, n, -1) cannot infer the -1 of the shape [3, -1]", e.Message, StringComparison.Ordinal);
        Assert.Contains("'x' is [2, 5] with 10 elements", e.Message, StringComparison.Ordinal);
        Assert.All(dx.ToArray(), g => Assert.Equal(7.0, g));
    }

    [Fact]
    public void A_negative_length_from_an_int_parameter_throws()
    {
        Tensor<double> x = Tensor.Create(new double[6], [2, 3]);

        ArgumentException e = Assert.Throws<ArgumentException>(() => Reshapes.ReshapeRowsParameterValue(x, -2));
        Assert.Throws<ArgumentException>(() => Reshapes.ReshapeRowsParameter(x, -2));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("with the length -2 at position 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reshaped_length_that_meets_another_dimension_is_checked()
    {
        // x [2, 3] read as [3, 2] meets a, which must be [3, 2] (or a row of 2 repeated).
        Tensor<double> x = Tensor.Create(new double[6], [2, 3]);
        Tensor<double> a = Tensor.Create(new double[6], [2, 3]);

        ArgumentException e = Assert.Throws<ArgumentException>(() => Reshapes.ReshapeMeetsMatrixValue(x, a));
        Assert.Throws<ArgumentException>(() => Reshapes.ReshapeMeetsMatrix(x, a));
        Assert.Equal("a", e.ParamName);
        Assert.Contains("[3, 2]", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>A reshape to a fixed shape, for the errors above: x must have 12 elements.</summary>
public static partial class ReshapeErrors
{
    [Differentiable]
    public static double ReshapeFixed(ReadOnlyTensorSpan<double> x)
        => Sum(Square(Sum(Reshape(x, 3, 4), 1)));
}
