using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>A conditional choosing between two tensors in a method with loops: one shape works, two shapes throw where it runs.</summary>
public static partial class LoopConditionalShapeBodies
{
    [Differentiable]
    public static double Pick(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, double c, int steps)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            var z = c > 0 ? x : y;
            s += Sum(z * z) * c;
        }

        return s;
    }
}

public sealed class LoopConditionalShapeTests
{
    [Theory]
    [InlineData(0.7)]
    [InlineData(-0.7)]
    public void A_conditional_between_tensors_of_one_shape_gives_the_method_as_written(double c)
    {
        Tensor<double> x = Tensor.Create(new[] { 0.1, -0.2, 0.3 }, [3]);
        Tensor<double> y = Tensor.Create(new[] { 1.0, -2, 0.5 }, [3]);
        Tensor<double> dx = Tensor.CreateFromShape<double>([3]);
        Tensor<double> dy = Tensor.CreateFromShape<double>([3]);

        double value = LoopConditionalShapeBodies.PickValueAndGradient(x, y, c, 2, dx, dy, out double dc);

        Assert.Equal(LoopConditionalShapeBodies.Pick(x, y, c, 2), value, 12);
        GradCheck.Assert(x, () => LoopConditionalShapeBodies.Pick(x, y, c, 2), dx);
        GradCheck.Assert(y, () => LoopConditionalShapeBodies.Pick(x, y, c, 2), dy);
        Assert.Equal(value / c, dc, 12);
    }

    [Fact]
    public void A_conditional_between_tensors_of_two_shapes_throws_naming_both_before_any_gradient_is_written()
    {
        // C# would pick one side; the generated code requires one shape, and says so where the statement runs.
        Tensor<double> x = Tensor.Create(new[] { 0.1, -0.2, 0.3 }, [3]);
        Tensor<double> y = Tensor.Create(new[] { 1.0, -2, 0.5, 4 }, [4]);
        Tensor<double> dx = Tensor.CreateFromShape<double>([3]);
        Tensor<double> dy = Tensor.CreateFromShape<double>([4]);
        dx.Fill(7);
        dy.Fill(7);

        var error = Assert.ThrowsAny<ArgumentException>(() => LoopConditionalShapeBodies.PickValueAndGradient(x, y, 0.7, 2, dx, dy, out _));
        Assert.Contains("[3]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[4]", error.Message, StringComparison.Ordinal);
        Assert.All(dx, v => Assert.Equal(7, v));
        Assert.All(dy, v => Assert.Equal(7, v));

        // No iteration: the conditional never runs, nothing throws.
        Assert.Equal(0, LoopConditionalShapeBodies.PickValue(x, y, 0.7, 0));
    }
}
