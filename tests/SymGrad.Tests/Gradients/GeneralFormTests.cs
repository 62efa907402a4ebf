using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Methods whose fused code is written for some shapes (matrices, rank-3 tensors, tensors of one shape) called with
/// others: tensors of higher rank, axes past the third, and operands that broadcast in any direction. Each is computed
/// by the method's general form.
/// </summary>
public static partial class GeneralForms
{
    [Differentiable]
    public static double FourthAxis(ReadOnlyTensorSpan<double> x) => Sum(Square(Sum(x, 3)));

    [Differentiable]
    public static double TwoReductionsMeet(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => Sum(Square(Sum(x, -1) + Sum(y, -1)));

    [Differentiable]
    public static double MiddleAxisPartner(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => Sum(Square(LogSumExp(x, 1) * y));

    [Differentiable]
    public static double TwoAxesMeet(ReadOnlyTensorSpan<double> x) => Sum(Max(x, 1) * Sum(x, -1));

    [Differentiable]
    public static double CenteredAlongMiddle(ReadOnlyTensorSpan<double> x) => Sum(Square(Sum(x, 1, keepDims: true) - x));

    [Differentiable]
    public static double SoftmaxOfMatrixVector(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> v) => Sum(Softmax(MatMul(a, v), -1) * v[0]);

    [Differentiable]
    public static double OneElementOverRows(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> s) => Sum(LogSoftmax(x + s, 1));

    [Differentiable]
    public static float FourthAxisF(ReadOnlyTensorSpan<float> x) => Sum(Square(Sum(x, 3)));
}

public sealed class GeneralFormTests
{
    private static Tensor<double> Wave(int seed, params int[] shape)
    {
        int count = shape.Aggregate(1, (a, b) => a * b);
        return Tensor.Create(Enumerable.Range(0, count).Select(i => Math.Sin((0.7 * i) + seed) * 1.1).ToArray(), shape.Select(l => (nint)l).ToArray());
    }

    private static void Check(Tensor<double> x, Func<double> eager, Func<double> value, Func<Tensor<double>, double> valueAndGradient)
    {
        double expected = eager();
        Assert.Equal(expected, value(), 1e-11);
        var dx = Tensor.CreateFromShape<double>(x.Lengths);
        Assert.Equal(expected, valueAndGradient(dx), 1e-11);
        GradCheck.Assert(x, eager, dx);
    }

    private static void Check(Tensor<double> x, Tensor<double> y, Func<double> eager, Func<double> value, Func<Tensor<double>, Tensor<double>, double> valueAndGradient)
    {
        double expected = eager();
        Assert.Equal(expected, value(), 1e-11);
        var dx = Tensor.CreateFromShape<double>(x.Lengths);
        var dy = Tensor.CreateFromShape<double>(y.Lengths);
        Assert.Equal(expected, valueAndGradient(dx, dy), 1e-11);
        GradCheck.Assert(x, eager, dx);
        GradCheck.Assert(y, eager, dy);
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4, 5 })]
    [InlineData(new[] { 1, 2, 1, 3, 2 })]
    [InlineData(new[] { 3, 1, 2, 1 })]
    public void An_axis_past_the_third_is_reduced_as_the_method_run_as_written(int[] shape)
    {
        Tensor<double> x = Wave(1, shape);
        Check(x, () => GeneralForms.FourthAxis(x), () => GeneralForms.FourthAxisValue(x), dx => GeneralForms.FourthAxisValueAndGradient(x, dx));
    }

    [Fact]
    public void An_axis_past_the_third_agrees_in_float_and_double()
    {
        Tensor<double> x = Wave(2, 2, 3, 4, 5);
        Tensor<float> xf = Tensor.Create(x.ToArray().Select(v => (float)v).ToArray(), x.Lengths);
        var dx = Tensor.CreateFromShape<double>(x.Lengths);
        var dxf = Tensor.CreateFromShape<float>(x.Lengths);
        Assert.Equal(GeneralForms.FourthAxisValueAndGradient(x, dx), GeneralForms.FourthAxisFValueAndGradient(xf, dxf), 1e-4);
        Assert.All(dx.ToArray().Zip(dxf.ToArray()), p => Assert.Equal(p.First, p.Second, 1e-4));
    }

    [Fact]
    public void An_axis_the_tensor_does_not_have_throws_naming_it_before_anything_is_written()
    {
        Tensor<double> x = Wave(3, 2, 3, 4);
        var dx = Tensor.CreateFromShape<double>(x.Lengths);
        dx.Fill(7);
        var error = Assert.Throws<ArgumentException>(() => GeneralForms.FourthAxisValueAndGradient(x, dx));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("Sum(x, 3) takes axis 3, but its operand is [2, 3, 4], of rank 3", error.Message, StringComparison.Ordinal);
        Assert.All(dx.ToArray(), v => Assert.Equal(7, v));
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4 }, new[] { 3, 4 })]
    [InlineData(new[] { 2, 3 }, new[] { 3 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 5 })]
    [InlineData(new[] { 3, 1, 2, 5 }, new[] { 4, 1, 2 })]
    public void Reductions_of_tensors_of_different_ranks_meet_by_broadcasting(int[] xShape, int[] yShape)
    {
        Tensor<double> x = Wave(4, xShape), y = Wave(5, yShape);
        Check(x, y, () => GeneralForms.TwoReductionsMeet(x, y), () => GeneralForms.TwoReductionsMeetValue(x, y), (dx, dy) => GeneralForms.TwoReductionsMeetValueAndGradient(x, y, dx, dy));
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4 }, new[] { 4 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 2, 1 })]
    [InlineData(new[] { 2, 3, 4, 2 }, new[] { 4, 1 })]
    public void A_partner_of_a_reduction_along_a_middle_axis_broadcasts(int[] xShape, int[] yShape)
    {
        Tensor<double> x = Wave(6, xShape), y = Wave(7, yShape);
        Check(x, y, () => GeneralForms.MiddleAxisPartner(x, y), () => GeneralForms.MiddleAxisPartnerValue(x, y), (dx, dy) => GeneralForms.MiddleAxisPartnerValueAndGradient(x, y, dx, dy));
    }

    [Theory]
    [InlineData(new[] { 3, 3, 3 })]
    [InlineData(new[] { 2, 3, 3, 3 })]
    public void Two_different_axes_of_one_tensor_meet(int[] shape)
    {
        Tensor<double> x = Wave(8, shape);
        Check(x, () => GeneralForms.TwoAxesMeet(x), () => GeneralForms.TwoAxesMeetValue(x), dx => GeneralForms.TwoAxesMeetValueAndGradient(x, dx));
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4 })]
    [InlineData(new[] { 2, 3, 4, 5 })]
    [InlineData(new[] { 1, 1, 17 })]
    public void A_kept_reduction_along_the_middle_meets_the_tensor(int[] shape)
    {
        Tensor<double> x = Wave(9, shape);
        Check(x, () => GeneralForms.CenteredAlongMiddle(x), () => GeneralForms.CenteredAlongMiddleValue(x), dx => GeneralForms.CenteredAlongMiddleValueAndGradient(x, dx));
    }

    [Fact]
    public void A_softmax_of_a_matrix_vector_product_runs_along_its_one_axis()
    {
        Tensor<double> a = Wave(10, 3, 4), v = Wave(11, 4);
        Check(a, v, () => GeneralForms.SoftmaxOfMatrixVector(a, v), () => GeneralForms.SoftmaxOfMatrixVectorValue(a, v), (da, dv) => GeneralForms.SoftmaxOfMatrixVectorValueAndGradient(a, v, da, dv));
    }

    [Theory]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 1, 1 })]
    public void One_element_is_repeated_over_a_whole_matrix(int[] sShape)
    {
        Tensor<double> x = Wave(12, 3, 4), s = Wave(13, sShape);
        Check(x, s, () => GeneralForms.OneElementOverRows(x, s), () => GeneralForms.OneElementOverRowsValue(x, s), (dx, ds) => GeneralForms.OneElementOverRowsValueAndGradient(x, s, dx, ds));
    }

    [Fact]
    public void Shapes_that_do_not_broadcast_throw_naming_both_before_anything_is_written()
    {
        Tensor<double> x = Wave(14, 2, 3, 4), y = Wave(15, 5, 4);
        var dx = Tensor.CreateFromShape<double>(x.Lengths);
        var dy = Tensor.CreateFromShape<double>(y.Lengths);
        dx.Fill(7);
        dy.Fill(7);
        var error = Assert.Throws<ArgumentException>(() => GeneralForms.TwoReductionsMeetValueAndGradient(x, y, dx, dy));
        Assert.Contains("'Sum(x, -1)' [2, 3] and 'Sum(y, -1)' [5] meet element-wise but do not broadcast", error.Message, StringComparison.Ordinal);
        Assert.Equal("y", error.ParamName);
        Assert.All(dx.ToArray().Concat(dy.ToArray()), v => Assert.Equal(7, v));
    }

    [Fact]
    public void A_gradient_sharing_memory_with_an_input_is_refused()
    {
        double[] memory = Wave(16, 24).ToArray();
        var x = new ReadOnlyTensorSpan<double>(memory, [2, 3, 4]);
        var y = new ReadOnlyTensorSpan<double>(memory, [3, 4]);
        var dx = new TensorSpan<double>(new double[24], [2, 3, 4]);
        var dy = new TensorSpan<double>(memory.AsSpan(0, 12), [3, 4]);
        double[] before = (double[])memory.Clone();
        ArgumentException error = null!;
        try
        {
            GeneralForms.TwoReductionsMeetValueAndGradient(x, y, dx, dy);
        }
        catch (ArgumentException e)
        {
            error = e;
        }

        Assert.NotNull(error);
        Assert.Equal("dy", error.ParamName);
        Assert.Equal(before, memory);
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        Tensor<double> x = Wave(17, 2, 3, 4, 5), y = Wave(18, 2, 3, 4), z = Wave(19, 4);
        var dx = Tensor.CreateFromShape<double>(x.Lengths);
        var dy = Tensor.CreateFromShape<double>(y.Lengths);
        var dz = Tensor.CreateFromShape<double>(z.Lengths);
        void Calls()
        {
            GeneralForms.FourthAxisValueAndGradient(x, dx);
            GeneralForms.MiddleAxisPartnerValueAndGradient(y, z, dy, dz);
            GeneralForms.FourthAxisValue(x);
        }

        Calls();
        Assert.Equal(0, Allocations.FewestBytes(Calls));
    }
}
