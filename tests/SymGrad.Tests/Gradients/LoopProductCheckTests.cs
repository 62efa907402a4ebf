using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>Products in branches that may not run: their inner lengths are checked where the statement runs.</summary>
public static partial class LoopProductCheckBodies
{
    /// <summary>A product only when mode is positive; otherwise the operands' inner lengths do not matter.</summary>
    [Differentiable]
    public static double ModeProduct(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, int mode)
    {
        if (mode > 0)
        {
            return Sum(MatMul(a, b));
        }

        return Sum(a * a);
    }

    /// <summary>The float form, the product in one iteration of a loop only.</summary>
    [Differentiable]
    public static float ProductAtStep(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, int steps, int at)
    {
        float s = 0;
        for (int i = 0; i < steps; i++)
        {
            if (i == at)
            {
                s += Sum(Square(MatMul(a, b)));
            }
            else
            {
                s += Sum(a) * i;
            }
        }

        return s;
    }
}

public sealed class LoopProductCheckTests
{
    private static double[] Values(int count, int seed)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = Math.Sin((i + 1) * (seed + 0.37)) * 0.8;
        }

        return values;
    }

    [Fact]
    public void A_product_in_a_branch_that_does_not_run_checks_nothing()
    {
        Tensor<double> a = Tensor.Create(Values(6, 1), [2, 3]);
        Tensor<double> b = Tensor.Create(Values(8, 2), [4, 2]);
        Tensor<double> da = Tensor.CreateFromShape<double>([2, 3]);
        Tensor<double> db = Tensor.CreateFromShape<double>([4, 2]);
        db.Fill(7);

        double value = LoopProductCheckBodies.ModeProductValueAndGradient(a, b, 0, da, db);

        Assert.Equal(LoopProductCheckBodies.ModeProduct(a, b, 0), value, 12);
        Assert.Equal(value, LoopProductCheckBodies.ModeProductValue(a, b, 0), 12);
        double[] av = a.ToArray(), dav = da.ToArray();
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(2 * av[i], dav[i], 12);
        }

        Assert.All(db.ToArray(), v => Assert.Equal(0, v));
    }

    [Fact]
    public void A_product_in_a_branch_that_runs_throws_as_the_method_does_and_writes_no_gradient()
    {
        Tensor<double> a = Tensor.Create(Values(6, 1), [2, 3]);
        Tensor<double> b = Tensor.Create(Values(8, 2), [4, 2]);
        Tensor<double> da = Tensor.CreateFromShape<double>([2, 3]);
        Tensor<double> db = Tensor.CreateFromShape<double>([4, 2]);
        da.Fill(7);
        db.Fill(7);

        Assert.ThrowsAny<ArgumentException>(() => LoopProductCheckBodies.ModeProduct(a, b, 1));
        var error = Assert.Throws<ArgumentException>(() => LoopProductCheckBodies.ModeProductValueAndGradient(a, b, 1, da, db));
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[4, 2]", error.Message);
        Assert.Throws<ArgumentException>(() => LoopProductCheckBodies.ModeProductValue(a, b, 1));
        Assert.All(da.ToArray(), v => Assert.Equal(7, v));
        Assert.All(db.ToArray(), v => Assert.Equal(7, v));
    }

    [Fact]
    public void A_product_in_a_branch_that_runs_with_matching_operands_matches_central_differences()
    {
        Tensor<double> a = Tensor.Create(Values(6, 1), [2, 3]);
        Tensor<double> b = Tensor.Create(Values(6, 2), [3, 2]);
        Tensor<double> da = Tensor.CreateFromShape<double>([2, 3]);
        Tensor<double> db = Tensor.CreateFromShape<double>([3, 2]);

        double value = LoopProductCheckBodies.ModeProductValueAndGradient(a, b, 1, da, db);

        Assert.Equal(LoopProductCheckBodies.ModeProduct(a, b, 1), value, 12);
        GradCheck.Assert(a, () => LoopProductCheckBodies.ModeProduct(a, b, 1), da);
        GradCheck.Assert(b, () => LoopProductCheckBodies.ModeProduct(a, b, 1), db);
    }

    [Theory]
    [InlineData(4, 9)]
    [InlineData(4, -1)]
    [InlineData(0, 0)]
    public void A_float_product_at_a_step_the_loop_never_reaches_checks_nothing(int steps, int at)
    {
        Tensor<float> a = Tensor.Create(Array.ConvertAll(Values(33, 3), v => (float)v), [3, 11]);
        Tensor<float> b = Tensor.Create(Array.ConvertAll(Values(10, 4), v => (float)v), [5, 2]);
        Tensor<float> da = Tensor.CreateFromShape<float>([3, 11]);
        Tensor<float> db = Tensor.CreateFromShape<float>([5, 2]);

        float value = LoopProductCheckBodies.ProductAtStepValueAndGradient(a, b, steps, at, da, db);

        Assert.Equal(LoopProductCheckBodies.ProductAtStep(a, b, steps, at), value, 3);
        GradCheck.Assert(a, () => LoopProductCheckBodies.ProductAtStep(a, b, steps, at), da);
        Assert.All(db.ToArray(), v => Assert.Equal(0, v));

        var error = Assert.Throws<ArgumentException>(() => LoopProductCheckBodies.ProductAtStepValueAndGradient(a, b, 4, 2, da, db));
        Assert.Contains("[3, 11]", error.Message);
    }

    [Fact]
    public void A_float_product_at_a_step_with_matching_operands_matches_central_differences()
    {
        Tensor<float> a = Tensor.Create(Array.ConvertAll(Values(33, 3), v => (float)v), [3, 11]);
        Tensor<float> b = Tensor.Create(Array.ConvertAll(Values(22, 4), v => (float)v), [11, 2]);
        Tensor<float> da = Tensor.CreateFromShape<float>([3, 11]);
        Tensor<float> db = Tensor.CreateFromShape<float>([11, 2]);

        float value = LoopProductCheckBodies.ProductAtStepValueAndGradient(a, b, 4, 2, da, db);

        Assert.Equal(LoopProductCheckBodies.ProductAtStep(a, b, 4, 2), value, 3);
        GradCheck.Assert(a, () => LoopProductCheckBodies.ProductAtStep(a, b, 4, 2), da);
        GradCheck.Assert(b, () => LoopProductCheckBodies.ProductAtStep(a, b, 4, 2), db);
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        Tensor<double> a = Tensor.Create(Values(6, 1), [2, 3]);
        Tensor<double> b = Tensor.Create(Values(8, 2), [4, 2]);
        Tensor<double> da = Tensor.CreateFromShape<double>([2, 3]);
        Tensor<double> db = Tensor.CreateFromShape<double>([4, 2]);
        LoopProductCheckBodies.ModeProductValueAndGradient(a, b, 0, da, db);

        long bytes = Allocations.FewestBytes(() =>
        {
            for (int r = 0; r < 10; r++)
            {
                LoopProductCheckBodies.ModeProductValueAndGradient(a, b, 0, da, db);
                LoopProductCheckBodies.ModeProductValue(a, b, 0);
            }
        });

        Assert.Equal(0, bytes);
    }
}
