using System;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Today's limits of the generator, each pinned: where the eager method broadcasts and the generated code cannot, the
/// generated code refuses with an error that names the tensors and their shapes, and never computes a wrong number;
/// and the forms that were limits before, pinned as working.
/// </summary>
public sealed class GeneratorLimitTests
{
    [Fact]
    public void A_broadcast_beside_a_size_of_one_operand_computes_as_the_method_run_as_written()
    {
        // The fused code reads x and b as one shape here; the general form broadcasts b over x's rows.
        Tensor<double> x = Tensor.Create(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        Tensor<double> b = Tensor.Create(new double[] { 0.5, -1, 2 }, [3]);
        Tensor<double> db = Tensor.Create(new double[] { 7, 7, 7 }, [3]);

        double expected = (Square(1.5) + Square(1) + Square(5) + Square(4.5) + Square(4) + Square(8)) / 3;
        Assert.Equal(expected, GeneratorLimits.BroadcastBesideOwnSize(x, b), 12);
        Assert.Equal(expected, GeneratorLimits.BroadcastBesideOwnSizeValue(x, b), 12);
        Assert.Equal(expected, GeneratorLimits.BroadcastBesideOwnSizeValueAndGradient(x, b, db), 12);
        GradCheck.Assert(b, () => GeneratorLimits.BroadcastBesideOwnSize(x, b), db);
    }

    [Fact]
    public void A_broadcast_beside_a_size_of_one_operand_that_does_not_broadcast_is_refused_with_both_shapes()
    {
        Tensor<double> x = Tensor.Create(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        Tensor<double> b = Tensor.Create(new double[] { 0.5, -1 }, [2]);
        Tensor<double> db = Tensor.Create(new double[] { 7, 7 }, [2]);

        ArgumentException error = Assert.Throws<ArgumentException>(() => GeneratorLimits.BroadcastBesideOwnSizeValueAndGradient(x, b, db));
        Assert.Equal("b", error.ParamName);
        Assert.Contains("[2, 3]", error.Message, StringComparison.Ordinal);
        Assert.Contains("'b' [2]", error.Message, StringComparison.Ordinal);
        Assert.Contains("do not broadcast", error.Message, StringComparison.Ordinal);
        Assert.Equal(new double[] { 7, 7 }, SymGrad.Kernels.ShapeGuard.Elements(db.AsReadOnlyTensorSpan()).ToArray());
    }

    [Fact]
    public void A_bias_added_to_a_plain_matrix_parameter_broadcasts()
    {
        Tensor<double> x = Tensor.Create(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        Tensor<double> b = Tensor.Create(new double[] { 0.5, -1, 2 }, [3]);
        Tensor<double> db = Tensor.Create(new double[] { 7, 7, 7 }, [3]);

        double value = Broadcasts.PlainMatrixBiasValueAndGradient(x, b, db);

        Assert.Equal(Square(1.5) + Square(1) + Square(5) + Square(4.5) + Square(4) + Square(8), value, 12);

        // d/db of the sum of squares: 2 (x + b) summed down each column.
        Assert.Equal(new double[] { 2 * (1.5 + 4.5), 2 * (1 + 4), 2 * (5 + 8) }, SymGrad.Kernels.ShapeGuard.Elements(db.AsReadOnlyTensorSpan()).ToArray());
    }

    private static double Square(double v) => v * v;
}
