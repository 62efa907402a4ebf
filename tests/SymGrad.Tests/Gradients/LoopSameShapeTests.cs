using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>Tensors that must have one shape in a method with loops: a dot product's operands, a tensor local's assignments.</summary>
public static partial class LoopSameShapeBodies
{
    /// <summary>A dot product taken on each of <paramref name="steps"/> steps.</summary>
    [Differentiable]
    public static double DotSteps(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += 0.5 * Dot(x, y);
        }

        return s;
    }

    /// <summary>A tensor local given one of two tensors by a branch, then reduced.</summary>
    [Differentiable]
    public static double PickSteps(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, double c, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            Tensor<double> h;
            if (c > 0)
            {
                h = Exp(x) * c;
            }
            else
            {
                h = Square(y) - c;
            }

            s += Sum(h);
        }

        return s;
    }
}

public sealed class LoopSameShapeTests
{
    [Fact]
    public void A_dot_product_of_two_shapes_throws_naming_both_before_anything_is_written()
    {
        double[] x = [1, 2, 3], y = [1, 2, 3, 4];
        double[] dx = [7, 7, 7], dy = [7, 7, 7, 7];
        var error = Assert.ThrowsAny<ArgumentException>(() => LoopSameShapeBodies.DotStepsValueAndGradient(
            Tensor.Create(x, [3]), Tensor.Create(y, [4]), 2, new TensorSpan<double>(dx, [3]), new TensorSpan<double>(dy, [4])));
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'y'", error.Message, StringComparison.Ordinal);
        Assert.Contains("[3]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[4]", error.Message, StringComparison.Ordinal);
        Assert.All(dx, v => Assert.Equal(7, v));
        Assert.All(dy, v => Assert.Equal(7, v));
        Assert.ThrowsAny<ArgumentException>(() => LoopSameShapeBodies.DotSteps(Tensor.Create(x, [3]), Tensor.Create(y, [4]), 2));
    }

    [Fact]
    public void A_dot_product_of_one_shape_gives_the_method_as_written()
    {
        double[] x = [1, -2, 3], y = [0.5, 4, -1];
        double[] dx = new double[3], dy = new double[3];
        double value = LoopSameShapeBodies.DotStepsValueAndGradient(
            Tensor.Create(x, [3]), Tensor.Create(y, [3]), 3, new TensorSpan<double>(dx, [3]), new TensorSpan<double>(dy, [3]));
        Assert.Equal(1.5 * ((1 * 0.5) + (-2 * 4) + (3 * -1)), value, 12);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(1.5 * y[i], dx[i], 12);
            Assert.Equal(1.5 * x[i], dy[i], 12);
        }
    }

    [Fact]
    public void A_local_given_its_first_assignment_as_written_takes_any_shape_there()
    {
        // c > 0 runs h = Exp(x) * c alone: y [3, 2] never meets h, as in C#.
        double[] x = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6], y = [1, -2, 3, 0.5, 0.25, -1];
        double[] dx = new double[6], dy = [7, 7, 7, 7, 7, 7];
        double value = LoopSameShapeBodies.PickStepsValueAndGradient(
            Tensor.Create(x, [2, 3]), Tensor.Create(y, [3, 2]), 0.7, 3, new TensorSpan<double>(dx, [2, 3]), new TensorSpan<double>(dy, [3, 2]), out double dc);
        Assert.Equal(LoopSameShapeBodies.PickSteps(Tensor.Create(x, [2, 3]), Tensor.Create(y, [3, 2]), 0.7, 3), value, 12);
        double expectedDc = 0;
        for (int i = 0; i < 6; i++)
        {
            expectedDc += 3 * Math.Exp(x[i]);
            Assert.Equal(3 * Math.Exp(x[i]) * 0.7, dx[i], 12);
            Assert.Equal(0, dy[i]);
        }

        Assert.Equal(expectedDc, dc, 12);
    }

    [Fact]
    public void A_later_assignment_of_another_shape_throws_where_it_runs_naming_both_before_any_gradient_is_written()
    {
        // A tensor local has the shape of its first assignment as written: h = Square(y) - c gives [3, 2] to a [2, 3] local.
        double[] x = [1, 2, 3, 4, 5, 6], y = [1, 2, 3, 4, 5, 6];
        double[] dx = [7, 7, 7, 7, 7, 7], dy = [7, 7, 7, 7, 7, 7];
        var error = Assert.ThrowsAny<ArgumentException>(() => LoopSameShapeBodies.PickStepsValueAndGradient(
            Tensor.Create(x, [2, 3]), Tensor.Create(y, [3, 2]), -0.7, 2, new TensorSpan<double>(dx, [2, 3]), new TensorSpan<double>(dy, [3, 2]), out _));
        Assert.Contains("'h'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Square(y) - c'", error.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 3]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[3, 2]", error.Message, StringComparison.Ordinal);
        Assert.Contains("first assignment", error.Message, StringComparison.Ordinal);
        Assert.All(dx, v => Assert.Equal(7, v));
        Assert.All(dy, v => Assert.Equal(7, v));

        // No iteration: nothing is assigned, nothing throws.
        Assert.Equal(0, LoopSameShapeBodies.PickStepsValue(Tensor.Create(x, [2, 3]), Tensor.Create(y, [3, 2]), -0.7, 0));
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-0.7)]
    public void A_branch_between_tensors_of_one_shape_gives_the_method_as_written(double c)
    {
        double[] x = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6], y = [1, -2, 3, 0.5, 0.25, -1];
        double[] dx = new double[6], dy = new double[6];
        double value = LoopSameShapeBodies.PickStepsValueAndGradient(
            Tensor.Create(x, [2, 3]), Tensor.Create(y, [2, 3]), c, 3, new TensorSpan<double>(dx, [2, 3]), new TensorSpan<double>(dy, [2, 3]), out double dc);
        double expected = 0, expectedDc = 0;
        for (int i = 0; i < 6; i++)
        {
            expected += 3 * (c > 0 ? Math.Exp(x[i]) * c : (y[i] * y[i]) - c);
            expectedDc += 3 * (c > 0 ? Math.Exp(x[i]) : -1);
            Assert.Equal(c > 0 ? 3 * Math.Exp(x[i]) * c : 0, dx[i], 12);
            Assert.Equal(c > 0 ? 0 : 3 * 2 * y[i], dy[i], 12);
        }

        Assert.Equal(expected, value, 12);
        Assert.Equal(expectedDc, dc, 12);
    }
}
