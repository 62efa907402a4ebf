using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>Methods whose tensors of rank 3 or more are refused when called, or computed only in some shapes.</summary>
public static partial class AnyRanks
{
    /// <summary>Axis 1 and the last axis: one rank-3 view holds both for rank 3, none for rank 4 ([a, b, c, d]'s axis 1 and axis 3).</summary>
    [Differentiable]
    public static double AnyMiddleAndLastAxis(ReadOnlyTensorSpan<double> x)
        => Sum(Square(Sum(x, 1))) + Sum(Square(Softmax(x, -1)));

    /// <summary>Two tensors reduced apart: either may be a matrix while the other has rank 3 or more.</summary>
    [Differentiable]
    public static double AnyTwoTensors(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> z)
        => Sum(Square(Softmax(x, -1))) + Sum(Square(Sum(z, 0))) + Sum(Max(z, -1));

    /// <summary>A <see cref="Tensor{T}"/> parameter: its rank-3 form takes a view of it as a tensor span.</summary>
    [Differentiable]
    public static float AnyTensorParameter(Tensor<float> x, Tensor<float> b)
        => Sum(Square(LogSoftmax(x * b, -1)));

    /// <summary>A product: its operand's shape matters, so a tensor of rank 3 is refused as before.</summary>
    [Differentiable]
    public static double AnyProduct(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w)
        => Sum(Softmax(MatMul(x, w), -1) * Sum(x, -1, keepDims: true));
}

/// <summary>
/// Calls of methods of <see cref="AnyRanks"/> with tensors of rank 3 or more that no rank-3 view computes as written:
/// each throws an <see cref="ArgumentException"/> naming the parameter and its shape before anything is written; and
/// the shapes that broadcast, checked against the method run as written.
/// </summary>
public sealed class AnyRankRefusalTests
{
    private static double[] Fill(int count, int position) => Enumerable.Range(0, count).Select(i => 1.5 * Math.Sin((0.7 * (i + (37 * position))) + 0.3)).ToArray();

    private static ReadOnlyTensorSpan<double> Of(double[] values, params nint[] shape) => new(values, shape);

    [Fact]
    public void Axes_that_fold_onto_one_view_at_rank_three_are_computed()
    {
        double[] x = Fill(24, 0);
        double expected = AnyRanks.AnyMiddleAndLastAxis(Of(x, 2, 3, 4));
        Assert.Equal(expected, AnyRanks.AnyMiddleAndLastAxisValue(Of(x, 2, 3, 4)), 1e-12);
        var dx = new double[24];
        Assert.Equal(expected, AnyRanks.AnyMiddleAndLastAxisValueAndGradient(Of(x, 2, 3, 4), new TensorSpan<double>(dx, [2, 3, 4])), 1e-12);
        Assert.Contains(dx, d => d != 0);
    }

    [Fact]
    public void Axes_that_fold_onto_no_one_view_are_computed_by_the_general_form()
    {
        // Axis 1 and axis 3 of a rank-4 tensor fold onto no one rank-3 view: the general form reduces each as written.
        double[] x = Fill(120, 0);
        double expected = AnyRanks.AnyMiddleAndLastAxis(Of(x, 2, 3, 4, 5));
        Assert.Equal(expected, AnyRanks.AnyMiddleAndLastAxisValue(Of(x, 2, 3, 4, 5)), 1e-12);
        var dx = new double[120];
        Assert.Equal(expected, AnyRanks.AnyMiddleAndLastAxisValueAndGradient(Of(x, 2, 3, 4, 5), new TensorSpan<double>(dx, [2, 3, 4, 5])), 1e-12);
        var tensor = Tensor.Create(x, [2, 3, 4, 5]);
        GradCheck.Assert(tensor, () => AnyRanks.AnyMiddleAndLastAxis(tensor), new ReadOnlyTensorSpan<double>(dx, [2, 3, 4, 5]));
    }

    [Fact]
    public void A_tensor_meeting_a_reduction_along_the_last_axis_is_checked_against_the_leading_lengths_not_their_product()
    {
        // [6] holds as many elements as Sum(x, -1) of [2, 3, 4] ([2, 3]) but PyTorch does not broadcast it against [2, 3].
        var e = Assert.Throws<ArgumentException>(() => AnyRanks.AnyLeadingValue(Of(Fill(24, 0), 2, 3, 4), Of(Fill(6, 1), 6)));
        Assert.Equal("w", e.ParamName);
        Assert.Contains("'Sum(x, -1)' [2, 3] and 'w' [6] meet element-wise but do not broadcast", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AnyRanks.AnyLeading(Of(Fill(24, 0), 2, 3, 4), Of(Fill(6, 1), 6)));

        var four = Assert.Throws<ArgumentException>(() => AnyRanks.AnyLeadingValue(Of(Fill(120, 0), 2, 3, 4, 5), Of(Fill(24, 1), 6, 4)));
        Assert.Contains("'Sum(x, -1)' [2, 3, 4] and 'w' [6, 4] meet element-wise but do not broadcast", four.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4 }, new[] { 6 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 2 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 3, 2 })]
    [InlineData(new[] { 2, 3, 4, 5 }, new[] { 2, 1, 5 })]
    public void A_partner_of_a_reduction_along_the_last_axis_that_does_not_broadcast_to_it_is_refused_before_anything_is_written(int[] xShape, int[] wShape)
    {
        int xCount = xShape.Aggregate(1, (a, b) => a * b);
        int wCount = wShape.Aggregate(1, (a, b) => a * b);
        nint[] xs = [.. xShape.Select(l => (nint)l)];
        nint[] ws = [.. wShape.Select(l => (nint)l)];
        var dx = new double[xCount];
        var dw = new double[wCount];
        dw.AsSpan().Fill(7);
        var value = Assert.Throws<ArgumentException>(() => AnyRanks.AnyLeadingValue(Of(Fill(xCount, 0), xs), Of(Fill(wCount, 1), ws)));
        var gradient = Assert.Throws<ArgumentException>(() => AnyRanks.AnyLeadingValueAndGradient(
            Of(Fill(xCount, 0), xs), Of(Fill(wCount, 1), ws), new TensorSpan<double>(dx, xs), new TensorSpan<double>(dw, ws)));
        foreach (ArgumentException e in new[] { value, gradient })
        {
            Assert.Equal("w", e.ParamName);
            Assert.Contains("'Sum(x, -1)' [" + string.Join(", ", xShape[..^1]) + "] and 'w' [" + string.Join(", ", wShape) + "] meet element-wise but do not broadcast", e.Message, StringComparison.Ordinal);
        }

        Assert.All(dw, d => Assert.Equal(7, d));
        Assert.All(dx, d => Assert.Equal(0, d));
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4 }, new[] { 3 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 1, 3 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 2, 1 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 1 })]
    [InlineData(new[] { 3, 5, 2, 33 }, new[] { 5, 1 })]
    [InlineData(new[] { 3, 5, 2, 33 }, new[] { 3, 1, 2 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 4, 2, 3 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 1, 2, 3 })]
    public void A_partner_of_a_reduction_along_the_last_axis_that_broadcasts_to_it_is_stretched_with_its_gradient_summed_back(int[] xShape, int[] wShape)
    {
        int xCount = xShape.Aggregate(1, (a, b) => a * b);
        int wCount = wShape.Aggregate(1, (a, b) => a * b);
        nint[] xs = [.. xShape.Select(l => (nint)l)];
        nint[] ws = [.. wShape.Select(l => (nint)l)];
        double[] x = Fill(xCount, 0);
        double[] w = Fill(wCount, 1);
        double expected = AnyRanks.AnyLeading(Of(x, xs), Of(w, ws));
        Assert.Equal(expected, AnyRanks.AnyLeadingValue(Of(x, xs), Of(w, ws)), 1e-12);
        var dx = new double[xCount];
        var dw = new double[wCount];
        dw.AsSpan().Fill(7);
        Assert.Equal(expected, AnyRanks.AnyLeadingValueAndGradient(Of(x, xs), Of(w, ws), new TensorSpan<double>(dx, xs), new TensorSpan<double>(dw, ws)), 1e-12);

        // Central differences of the method run as written.
        const double h = 1e-6;
        for (int i = 0; i < wCount; i++)
        {
            double[] up = (double[])w.Clone();
            double[] down = (double[])w.Clone();
            up[i] += h;
            down[i] -= h;
            double slope = (AnyRanks.AnyLeading(Of(x, xs), Of(up, ws)) - AnyRanks.AnyLeading(Of(x, xs), Of(down, ws))) / (2 * h);
            Assert.Equal(slope, dw[i], 1e-5 * Math.Max(1, Math.Abs(slope)));
        }

        for (int i = 0; i < xCount; i += 7)
        {
            double[] up = (double[])x.Clone();
            double[] down = (double[])x.Clone();
            up[i] += h;
            down[i] -= h;
            double slope = (AnyRanks.AnyLeading(Of(up, xs), Of(w, ws)) - AnyRanks.AnyLeading(Of(down, xs), Of(w, ws))) / (2 * h);
            Assert.Equal(slope, dx[i], 1e-5 * Math.Max(1, Math.Abs(slope)));
        }
    }

    [Theory]
    [InlineData(new[] { 2, 4, 3 }, new[] { 8, 3 })]
    [InlineData(new[] { 2, 4, 3 }, new[] { 4, 2, 3 })]
    [InlineData(new[] { 2, 4, 3 }, new[] { 2 })]
    public void A_partner_that_does_not_broadcast_to_the_reduced_tensor_is_refused_naming_both_shapes(int[] xShape, int[] bShape)
    {
        int xCount = xShape.Aggregate(1, (a, b) => a * b);
        int bCount = bShape.Aggregate(1, (a, b) => a * b);
        nint[] xs = [.. xShape.Select(l => (nint)l)];
        nint[] bs = [.. bShape.Select(l => (nint)l)];
        var db = new double[bCount];
        var e = Assert.Throws<ArgumentException>(() => AnyRanks.AnyBiasValueAndGradient(
            Of(Fill(xCount, 0), xs), Of(Fill(bCount, 1), bs), Of(Fill(xCount, 2), xs), new TensorSpan<double>(new double[xCount], xs), new TensorSpan<double>(db, bs)));
        Assert.Equal("b", e.ParamName);
        Assert.Contains("[" + string.Join(", ", bShape) + "]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[" + string.Join(", ", xShape) + "]", e.Message, StringComparison.Ordinal);
        Assert.Contains("do not broadcast", e.Message, StringComparison.Ordinal);
        Assert.All(db, d => Assert.Equal(0, d));
    }

    [Fact]
    public void A_bias_of_higher_rank_than_the_tensor_it_meets_is_computed_by_the_general_form()
    {
        // x [4, 3] + b [2, 4, 3] broadcasts to [2, 4, 3] as in PyTorch; t keeps x's shape and broadcasts the same way.
        double[] x = Fill(12, 0), b = Fill(24, 1), t = Fill(12, 2);
        double expected = AnyRanks.AnyBias(Of(x, 4, 3), Of(b, 2, 4, 3), Of(t, 4, 3));
        Assert.Equal(expected, AnyRanks.AnyBiasValue(Of(x, 4, 3), Of(b, 2, 4, 3), Of(t, 4, 3)), 1e-12);
        var dx = new double[12];
        var db = new double[24];
        Assert.Equal(expected, AnyRanks.AnyBiasValueAndGradient(Of(x, 4, 3), Of(b, 2, 4, 3), Of(t, 4, 3), new TensorSpan<double>(dx, [4, 3]), new TensorSpan<double>(db, [2, 4, 3])), 1e-12);
        var xt = Tensor.Create(x, [4, 3]);
        var bt = Tensor.Create(b, [2, 4, 3]);
        GradCheck.Assert(xt, () => AnyRanks.AnyBias(xt, bt, Of(t, 4, 3)), new ReadOnlyTensorSpan<double>(dx, [4, 3]));
        GradCheck.Assert(bt, () => AnyRanks.AnyBias(xt, bt, Of(t, 4, 3)), new ReadOnlyTensorSpan<double>(db, [2, 4, 3]));
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4 }, new[] { 3, 4 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 1, 4 })]
    [InlineData(new[] { 2, 3, 1, 33 }, new[] { 3, 1, 33 })]
    [InlineData(new[] { 2, 3, 1, 5 }, new[] { 2, 1, 1, 5 })]
    public void A_partner_that_broadcasts_to_the_reduced_tensor_is_stretched_as_PyTorch_does(int[] xShape, int[] yShape)
    {
        int xCount = xShape.Aggregate(1, (a, b) => a * b);
        int yCount = yShape.Aggregate(1, (a, b) => a * b);
        nint[] xs = [.. xShape.Select(l => (nint)l)];
        nint[] ys = [.. yShape.Select(l => (nint)l)];
        double[] x = Fill(xCount, 0);
        double[] y = Fill(yCount, 1);
        double expected = AnyRanks.AnySoftmaxLast(Of(x, xs), Of(y, ys));
        Assert.Equal(expected, AnyRanks.AnySoftmaxLastValue(Of(x, xs), Of(y, ys)), 1e-12);
        var dx = new double[xCount];
        var dy = new double[yCount];
        Assert.Equal(expected, AnyRanks.AnySoftmaxLastValueAndGradient(Of(x, xs), Of(y, ys), new TensorSpan<double>(dx, xs), new TensorSpan<double>(dy, ys)), 1e-12);

        // The gradient of y, summed over the axes it was stretched along, against central differences of the method as written.
        for (int i = 0; i < yCount; i++)
        {
            double[] up = (double[])y.Clone();
            double[] down = (double[])y.Clone();
            up[i] += 1e-6;
            down[i] -= 1e-6;
            double central = (AnyRanks.AnySoftmaxLast(Of(x, xs), Of(up, ys)) - AnyRanks.AnySoftmaxLast(Of(x, xs), Of(down, ys))) / 2e-6;
            Assert.Equal(central, dy[i], 1e-6);
        }
    }

    [Theory]
    [InlineData(new[] { 3, 4 }, new[] { 2, 3, 4 })]
    [InlineData(new[] { 2, 3, 4, 5 }, new[] { 3, 5 })]
    [InlineData(new[] { 2, 1, 33 }, new[] { 2, 3, 1, 2, 3 })]
    public void Tensors_reduced_apart_may_have_different_ranks(int[] xShape, int[] zShape)
    {
        int xCount = xShape.Aggregate(1, (a, b) => a * b);
        int zCount = zShape.Aggregate(1, (a, b) => a * b);
        nint[] xs = [.. xShape.Select(l => (nint)l)];
        nint[] zs = [.. zShape.Select(l => (nint)l)];
        double[] x = Fill(xCount, 0);
        double[] z = Fill(zCount, 1);
        double expected = AnyRanks.AnyTwoTensors(Of(x, xs), Of(z, zs));
        Assert.Equal(expected, AnyRanks.AnyTwoTensorsValue(Of(x, xs), Of(z, zs)), 1e-12);
        var dx = new double[xCount];
        var dz = new double[zCount];
        Assert.Equal(expected, AnyRanks.AnyTwoTensorsValueAndGradient(Of(x, xs), Of(z, zs), new TensorSpan<double>(dx, xs), new TensorSpan<double>(dz, zs)), 1e-12);
        for (int i = 0; i < xCount + zCount; i += 5)
        {
            double[] xu = (double[])x.Clone(), xd = (double[])x.Clone(), zu = (double[])z.Clone(), zd = (double[])z.Clone();
            if (i < xCount)
            {
                xu[i] += 1e-6;
                xd[i] -= 1e-6;
            }
            else
            {
                zu[i - xCount] += 1e-6;
                zd[i - xCount] -= 1e-6;
            }

            double central = (AnyRanks.AnyTwoTensors(Of(xu, xs), Of(zu, zs)) - AnyRanks.AnyTwoTensors(Of(xd, xs), Of(zd, zs))) / 2e-6;
            Assert.Equal(central, i < xCount ? dx[i] : dz[i - xCount], 1e-5);
        }
    }

    [Fact]
    public void A_tensor_parameter_of_rank_four_is_computed_with_a_bias_that_broadcasts()
    {
        Tensor<float> x = Tensor.Create(Fill(2 * 3 * 1 * 33, 0).Select(v => (float)v).ToArray(), [2, 3, 1, 33]);
        Tensor<float> b = Tensor.Create(Fill(33, 1).Select(v => (float)v).ToArray(), [33]);
        float expected = AnyRanks.AnyTensorParameter(x, b);
        Assert.Equal(expected, AnyRanks.AnyTensorParameterValue(x, b), expected * 1e-5f);
        var dx = new float[198];
        var db = new float[33];
        Assert.Equal(expected, AnyRanks.AnyTensorParameterValueAndGradient(x, b, new TensorSpan<float>(dx, [2, 3, 1, 33]), new TensorSpan<float>(db, [33])), expected * 1e-5f);
        Assert.Contains(db, d => d != 0);
    }

    [Fact]
    public void A_gradient_of_another_shape_with_as_many_elements_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => AnyRanks.AnyLastSumValueAndGradient(Of(Fill(24, 0), 2, 3, 4), new TensorSpan<double>(new double[24], [6, 4])));
        Assert.Equal("dx", e.ParamName);
    }

    [Fact]
    public void A_gradient_sharing_memory_with_an_input_is_refused_where_its_tensor_is_broadcast()
    {
        double[] x = Fill(24, 0);
        double[] y = Fill(4, 1);
        var e = Assert.Throws<ArgumentException>(() => AnyRanks.AnySoftmaxLastValueAndGradient(Of(x, 2, 3, 4), Of(y, 4), new TensorSpan<double>(new double[24], [2, 3, 4]), new TensorSpan<double>(x.AsSpan(0, 4), [4], [])));
        Assert.Equal("dy", e.ParamName);
    }

    [Fact]
    public void A_tensor_whose_shape_a_product_reads_is_refused_at_rank_three_as_before()
    {
        var e = Assert.Throws<ArgumentException>(() => AnyRanks.AnyProductValue(Of(Fill(24, 0), 2, 3, 4), Of(Fill(8, 1), 4, 2)));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("[2, 3, 4]", e.Message, StringComparison.Ordinal);
    }
}
