using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.Json;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// The methods of <see cref="BroadcastPasses"/> against PyTorch's float64 autograd (<c>Reference/broadcast_passes.json</c>,
/// written by <c>tools/reference/broadcast_passes.py</c>), in double and float, at every shape the file records: the
/// generated value and gradient against the reference, and the value also against the method run as written. Shapes
/// that cannot be computed throw naming the parameter and the shapes, before any gradient is written.
/// </summary>
public sealed class BroadcastPassTests
{
    private delegate double Eager(Tensor<double>[] a);

    private delegate double Gradient(Tensor<double>[] a, Tensor<double>[] g);

    private delegate float EagerF(Tensor<float>[] a);

    private delegate float GradientF(Tensor<float>[] a, Tensor<float>[] g);

    /// <summary>One method's three forms, run on double tensors (a float method's arguments are rounded to float and its results widened).</summary>
    private sealed record Forms(Eager AsWritten, Eager Value, Gradient ValueAndGradient, bool Single);

    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "broadcast_passes.json"))).RootElement;

    private static readonly Dictionary<string, Forms> Methods = new()
    {
        ["BiasLogSoftmaxSquared"] = D(a => BroadcastPasses.BiasLogSoftmaxSquared(a[0], a[1]), a => BroadcastPasses.BiasLogSoftmaxSquaredValue(a[0], a[1]), (a, g) => BroadcastPasses.BiasLogSoftmaxSquaredValueAndGradient(a[0], a[1], g[0], g[1])),
        ["BiasLogSoftmaxSquaredF"] = S(a => BroadcastPasses.BiasLogSoftmaxSquaredF(a[0], a[1]), a => BroadcastPasses.BiasLogSoftmaxSquaredFValue(a[0], a[1]), (a, g) => BroadcastPasses.BiasLogSoftmaxSquaredFValueAndGradient(a[0], a[1], g[0], g[1])),
        ["BiasFirstLogSoftmaxSquared"] = D(a => BroadcastPasses.BiasFirstLogSoftmaxSquared(a[0], a[1]), a => BroadcastPasses.BiasFirstLogSoftmaxSquaredValue(a[0], a[1]), (a, g) => BroadcastPasses.BiasFirstLogSoftmaxSquaredValueAndGradient(a[0], a[1], g[0], g[1])),
        ["BiasFirstLogSoftmaxSquaredF"] = S(a => BroadcastPasses.BiasFirstLogSoftmaxSquaredF(a[0], a[1]), a => BroadcastPasses.BiasFirstLogSoftmaxSquaredFValue(a[0], a[1]), (a, g) => BroadcastPasses.BiasFirstLogSoftmaxSquaredFValueAndGradient(a[0], a[1], g[0], g[1])),
        ["BiasLogSoftmaxTimesX"] = D(a => BroadcastPasses.BiasLogSoftmaxTimesX(a[0], a[1]), a => BroadcastPasses.BiasLogSoftmaxTimesXValue(a[0], a[1]), (a, g) => BroadcastPasses.BiasLogSoftmaxTimesXValueAndGradient(a[0], a[1], g[0], g[1])),
        ["BiasLogSoftmaxTimesXF"] = S(a => BroadcastPasses.BiasLogSoftmaxTimesXF(a[0], a[1]), a => BroadcastPasses.BiasLogSoftmaxTimesXFValue(a[0], a[1]), (a, g) => BroadcastPasses.BiasLogSoftmaxTimesXFValueAndGradient(a[0], a[1], g[0], g[1])),
        ["BiasSoftmaxTimesY"] = D(a => BroadcastPasses.BiasSoftmaxTimesY(a[0], a[1], a[2]), a => BroadcastPasses.BiasSoftmaxTimesYValue(a[0], a[1], a[2]), (a, g) => BroadcastPasses.BiasSoftmaxTimesYValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
        ["BiasSoftmaxTimesYF"] = S(a => BroadcastPasses.BiasSoftmaxTimesYF(a[0], a[1], a[2]), a => BroadcastPasses.BiasSoftmaxTimesYFValue(a[0], a[1], a[2]), (a, g) => BroadcastPasses.BiasSoftmaxTimesYFValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
        ["BiasFirstLogSoftmaxPlusX"] = D(a => BroadcastPasses.BiasFirstLogSoftmaxPlusX(a[0], a[1]), a => BroadcastPasses.BiasFirstLogSoftmaxPlusXValue(a[0], a[1]), (a, g) => BroadcastPasses.BiasFirstLogSoftmaxPlusXValueAndGradient(a[0], a[1], g[0], g[1])),
        ["BiasFirstLogSoftmaxPlusXF"] = S(a => BroadcastPasses.BiasFirstLogSoftmaxPlusXF(a[0], a[1]), a => BroadcastPasses.BiasFirstLogSoftmaxPlusXFValue(a[0], a[1]), (a, g) => BroadcastPasses.BiasFirstLogSoftmaxPlusXFValueAndGradient(a[0], a[1], g[0], g[1])),
        ["BiasLogSumExpKeptPlusX"] = D(a => BroadcastPasses.BiasLogSumExpKeptPlusX(a[0], a[1]), a => BroadcastPasses.BiasLogSumExpKeptPlusXValue(a[0], a[1]), (a, g) => BroadcastPasses.BiasLogSumExpKeptPlusXValueAndGradient(a[0], a[1], g[0], g[1])),
        ["BiasLogSumExpKeptPlusXF"] = S(a => BroadcastPasses.BiasLogSumExpKeptPlusXF(a[0], a[1]), a => BroadcastPasses.BiasLogSumExpKeptPlusXFValue(a[0], a[1]), (a, g) => BroadcastPasses.BiasLogSumExpKeptPlusXFValueAndGradient(a[0], a[1], g[0], g[1])),
        ["BiasMaxKeptMinusX"] = D(a => BroadcastPasses.BiasMaxKeptMinusX(a[0], a[1]), a => BroadcastPasses.BiasMaxKeptMinusXValue(a[0], a[1]), (a, g) => BroadcastPasses.BiasMaxKeptMinusXValueAndGradient(a[0], a[1], g[0], g[1])),
        ["BiasMaxKeptMinusXF"] = S(a => BroadcastPasses.BiasMaxKeptMinusXF(a[0], a[1]), a => BroadcastPasses.BiasMaxKeptMinusXFValue(a[0], a[1]), (a, g) => BroadcastPasses.BiasMaxKeptMinusXFValueAndGradient(a[0], a[1], g[0], g[1])),
        ["BiasMaxKeptTimesBias"] = D(a => BroadcastPasses.BiasMaxKeptTimesBias(a[0], a[1]), a => BroadcastPasses.BiasMaxKeptTimesBiasValue(a[0], a[1]), (a, g) => BroadcastPasses.BiasMaxKeptTimesBiasValueAndGradient(a[0], a[1], g[0], g[1])),
        ["BiasMaxKeptTimesBiasF"] = S(a => BroadcastPasses.BiasMaxKeptTimesBiasF(a[0], a[1]), a => BroadcastPasses.BiasMaxKeptTimesBiasFValue(a[0], a[1]), (a, g) => BroadcastPasses.BiasMaxKeptTimesBiasFValueAndGradient(a[0], a[1], g[0], g[1])),
        ["BiasSoftmaxTimesBias"] = D(a => BroadcastPasses.BiasSoftmaxTimesBias(a[0], a[1]), a => BroadcastPasses.BiasSoftmaxTimesBiasValue(a[0], a[1]), (a, g) => BroadcastPasses.BiasSoftmaxTimesBiasValueAndGradient(a[0], a[1], g[0], g[1])),
        ["BiasSoftmaxTimesBiasF"] = S(a => BroadcastPasses.BiasSoftmaxTimesBiasF(a[0], a[1]), a => BroadcastPasses.BiasSoftmaxTimesBiasFValue(a[0], a[1]), (a, g) => BroadcastPasses.BiasSoftmaxTimesBiasFValueAndGradient(a[0], a[1], g[0], g[1])),
        ["Mixture"] = D(a => BroadcastPasses.Mixture(a[0], a[1]), a => BroadcastPasses.MixtureValue(a[0], a[1]), (a, g) => BroadcastPasses.MixtureValueAndGradient(a[0], a[1], g[0], g[1])),
        ["MixtureF"] = S(a => BroadcastPasses.MixtureF(a[0], a[1]), a => BroadcastPasses.MixtureFValue(a[0], a[1]), (a, g) => BroadcastPasses.MixtureFValueAndGradient(a[0], a[1], g[0], g[1])),
        ["WeightedMixture"] = D(a => BroadcastPasses.WeightedMixture(a[0], a[1], a[2]), a => BroadcastPasses.WeightedMixtureValue(a[0], a[1], a[2]), (a, g) => BroadcastPasses.WeightedMixtureValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
        ["WeightedMixtureF"] = S(a => BroadcastPasses.WeightedMixtureF(a[0], a[1], a[2]), a => BroadcastPasses.WeightedMixtureFValue(a[0], a[1], a[2]), (a, g) => BroadcastPasses.WeightedMixtureFValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
        ["ScaledMixture"] = D(a => BroadcastPasses.ScaledMixture(a[0], a[1], a[2], a[3]), a => BroadcastPasses.ScaledMixtureValue(a[0], a[1], a[2], a[3]), (a, g) => BroadcastPasses.ScaledMixtureValueAndGradient(a[0], a[1], a[2], a[3], g[0], g[1], g[2], g[3])),
        ["ScaledMixtureF"] = S(a => BroadcastPasses.ScaledMixtureF(a[0], a[1], a[2], a[3]), a => BroadcastPasses.ScaledMixtureFValue(a[0], a[1], a[2], a[3]), (a, g) => BroadcastPasses.ScaledMixtureFValueAndGradient(a[0], a[1], a[2], a[3], g[0], g[1], g[2], g[3])),
        ["ScaledRowSums"] = D(a => BroadcastPasses.ScaledRowSums(a[0], a[1]), a => BroadcastPasses.ScaledRowSumsValue(a[0], a[1]), (a, g) => BroadcastPasses.ScaledRowSumsValueAndGradient(a[0], a[1], g[0], g[1])),
        ["ScaledRowSumsF"] = S(a => BroadcastPasses.ScaledRowSumsF(a[0], a[1]), a => BroadcastPasses.ScaledRowSumsFValue(a[0], a[1]), (a, g) => BroadcastPasses.ScaledRowSumsFValueAndGradient(a[0], a[1], g[0], g[1])),
        ["ShiftedColumnSums"] = D(a => BroadcastPasses.ShiftedColumnSums(a[0], a[1]), a => BroadcastPasses.ShiftedColumnSumsValue(a[0], a[1]), (a, g) => BroadcastPasses.ShiftedColumnSumsValueAndGradient(a[0], a[1], g[0], g[1])),
        ["ShiftedColumnSumsF"] = S(a => BroadcastPasses.ShiftedColumnSumsF(a[0], a[1]), a => BroadcastPasses.ShiftedColumnSumsFValue(a[0], a[1]), (a, g) => BroadcastPasses.ShiftedColumnSumsFValueAndGradient(a[0], a[1], g[0], g[1])),
        ["ShiftedColumnMeans"] = D(a => BroadcastPasses.ShiftedColumnMeans(a[0], a[1]), a => BroadcastPasses.ShiftedColumnMeansValue(a[0], a[1]), (a, g) => BroadcastPasses.ShiftedColumnMeansValueAndGradient(a[0], a[1], g[0], g[1])),
        ["ShiftedColumnMeansF"] = S(a => BroadcastPasses.ShiftedColumnMeansF(a[0], a[1]), a => BroadcastPasses.ShiftedColumnMeansFValue(a[0], a[1]), (a, g) => BroadcastPasses.ShiftedColumnMeansFValueAndGradient(a[0], a[1], g[0], g[1])),
        ["ScaledKeptRowSums"] = D(a => BroadcastPasses.ScaledKeptRowSums(a[0], a[1]), a => BroadcastPasses.ScaledKeptRowSumsValue(a[0], a[1]), (a, g) => BroadcastPasses.ScaledKeptRowSumsValueAndGradient(a[0], a[1], g[0], g[1])),
        ["ScaledKeptRowSumsF"] = S(a => BroadcastPasses.ScaledKeptRowSumsF(a[0], a[1]), a => BroadcastPasses.ScaledKeptRowSumsFValue(a[0], a[1]), (a, g) => BroadcastPasses.ScaledKeptRowSumsFValueAndGradient(a[0], a[1], g[0], g[1])),
        ["VectorMatrixSoftmax"] = D(a => BroadcastPasses.VectorMatrixSoftmax(a[0], a[1]), a => BroadcastPasses.VectorMatrixSoftmaxValue(a[0], a[1]), (a, g) => BroadcastPasses.VectorMatrixSoftmaxValueAndGradient(a[0], a[1], g[0], g[1])),
        ["VectorMatrixSoftmaxF"] = S(a => BroadcastPasses.VectorMatrixSoftmaxF(a[0], a[1]), a => BroadcastPasses.VectorMatrixSoftmaxFValue(a[0], a[1]), (a, g) => BroadcastPasses.VectorMatrixSoftmaxFValueAndGradient(a[0], a[1], g[0], g[1])),
        ["ProductColumnSums"] = D(a => BroadcastPasses.ProductColumnSums(a[0], a[1]), a => BroadcastPasses.ProductColumnSumsValue(a[0], a[1]), (a, g) => BroadcastPasses.ProductColumnSumsValueAndGradient(a[0], a[1], g[0], g[1])),
        ["ProductColumnSumsF"] = S(a => BroadcastPasses.ProductColumnSumsF(a[0], a[1]), a => BroadcastPasses.ProductColumnSumsFValue(a[0], a[1]), (a, g) => BroadcastPasses.ProductColumnSumsFValueAndGradient(a[0], a[1], g[0], g[1])),
    };

    private static Forms D(Eager asWritten, Eager value, Gradient valueAndGradient) => new(asWritten, value, valueAndGradient, Single: false);

    private static Forms S(EagerF asWritten, EagerF value, GradientF valueAndGradient)
        => new(
            a => asWritten(Narrow(a)),
            a => value(Narrow(a)),
            (a, g) =>
            {
                Tensor<float>[] gradients = g.Select(t => Tensor.Create(new float[t.FlattenedLength], t.Lengths)).ToArray();
                float result = valueAndGradient(Narrow(a), gradients);
                for (int k = 0; k < g.Length; k++)
                {
                    Flat(g[k]).Clear();
                    Flat(gradients[k]).ToArray().Select(v => (double)v).ToArray().CopyTo(Flat(g[k]));
                }

                return result;
            },
            Single: true);

    private static Tensor<float>[] Narrow(Tensor<double>[] a) => a.Select(t => Tensor.Create(Flat(t).ToArray().Select(v => (float)v).ToArray(), t.Lengths)).ToArray();

    private static Span<T> Flat<T>(Tensor<T> tensor) => System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref tensor.GetPinnableReference(), checked((int)tensor.FlattenedLength));

    /// <summary>Every case of the file, for its method in double and in float.</summary>
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        int index = 0;
        foreach (JsonElement item in Reference.GetProperty("cases").EnumerateArray())
        {
            string method = item.GetProperty("method").GetString()!;
            data.Add(method, index);
            data.Add(method + "F", index);
            index++;
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Value_and_gradient_match_PyTorch_and_the_method_as_written(string method, int index)
    {
        JsonElement item = Reference.GetProperty("cases")[index];
        Forms forms = Methods[method];
        nint[][] shapes = item.GetProperty("shapes").EnumerateArray().Select(s => s.EnumerateArray().Select(l => (nint)l.GetInt32()).ToArray()).ToArray();
        double[][] inputs = item.GetProperty("inputs").EnumerateArray().Select(Numbers).ToArray();
        double[][] expected = item.GetProperty("gradients").EnumerateArray().Select(Numbers).ToArray();
        double reference = item.GetProperty("value").GetDouble();
        Tensor<double>[] arguments = inputs.Select((values, k) => Tensor.Create(forms.Single ? values.Select(v => (double)(float)v).ToArray() : values, shapes[k])).ToArray();
        Tensor<double>[] gradients = shapes.Select(s => Tensor.Create(Enumerable.Repeat(double.NaN, checked((int)s.Aggregate((nint)1, (x, y) => x * y))).ToArray(), s)).ToArray();

        double tolerance = forms.Single ? 2e-4 : 1e-10;
        double asWritten = forms.AsWritten(arguments);
        double value = forms.Value(arguments);
        double withGradient = forms.ValueAndGradient(arguments, gradients);
        Close(reference, asWritten, tolerance, "as written");
        Close(asWritten, value, forms.Single ? 1e-5 : 1e-12, "value");
        Close(asWritten, withGradient, forms.Single ? 1e-5 : 1e-12, "value with the gradient");
        for (int k = 0; k < shapes.Length; k++)
        {
            double[] actual = Flat(gradients[k]).ToArray();
            Assert.Equal(expected[k].Length, actual.Length);
            double scale = 1 + expected[k].Select(Math.Abs).DefaultIfEmpty().Max();
            for (int i = 0; i < actual.Length; i++)
            {
                Assert.True(Math.Abs(actual[i] - expected[k][i]) <= tolerance * scale * 10, $"{method} gradient {k}[{i}]: {actual[i]} but PyTorch gives {expected[k][i]}");
            }
        }
    }

    private static double[] Numbers(JsonElement list) => list.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static void Close(double expected, double actual, double tolerance, string what)
        => Assert.True(Math.Abs(expected - actual) <= tolerance * (1 + Math.Abs(expected)), $"{what}: {actual} but {expected} expected");

    private static Tensor<double> Grid(params nint[] shape)
        => Tensor.Create(Enumerable.Range(0, checked((int)shape.Aggregate((nint)1, (x, y) => x * y))).Select(i => Math.Sin((0.7 * i) + 0.3)).ToArray(), shape);

    [Fact]
    public void Tensor_parameters_give_the_numbers_of_spans()
    {
        Tensor<double> x = Grid(17, 33);
        Tensor<double> b = Grid(33);
        double[] dx = new double[17 * 33], db = new double[33], dxT = new double[17 * 33], dbT = new double[33];
        double value = BroadcastPasses.BiasLogSoftmaxTimesXValueAndGradient(x, b, Tensor.Create(dx, [17, 33]), Tensor.Create(db, [33]));
        double tensors = BroadcastPasses.BiasLogSoftmaxTimesXTValueAndGradient(x, b, Tensor.Create(dxT, [17, 33]), Tensor.Create(dbT, [33]));
        Assert.Equal(BroadcastPasses.BiasLogSoftmaxTimesXT(x, b), tensors, 12);
        Assert.Equal(value, tensors, 12);
        Assert.Equal(dx, dxT);
        Assert.Equal(db, dbT);

        Tensor<float> xF = Tensor.Create(Flat(x).ToArray().Select(v => (float)v).ToArray(), [17, 33]);
        Tensor<float> bF = Tensor.Create(Flat(b).ToArray().Select(v => (float)v).ToArray(), [1, 33]);
        Assert.Equal(BroadcastPasses.BiasLogSoftmaxTimesXTF(xF, bF), BroadcastPasses.BiasLogSoftmaxTimesXTFValue(xF, bF), 3);
    }

    [Fact]
    public void A_column_that_a_reduced_value_would_keep_narrow_throws_naming_it_before_writing()
    {
        // Max(b + x, 1, keepDims: true) * b is [r, 1] for a column b [r, 1]: run as written its sum counts each row once.
        Tensor<double> x = Grid(4, 3);
        Tensor<double> b = Grid(4, 1);
        Assert.True(double.IsFinite(BroadcastPasses.BiasMaxKeptTimesBias(b, x)));
        double[] dx = Enumerable.Repeat(double.NaN, 12).ToArray(), db = Enumerable.Repeat(double.NaN, 4).ToArray();
        ArgumentException error = Assert.Throws<ArgumentException>(() => BroadcastPasses.BiasMaxKeptTimesBiasValueAndGradient(b, x, Tensor.Create(db, [4, 1]), Tensor.Create(dx, [4, 3])));
        Assert.Equal("b", error.ParamName);
        Assert.Contains("[4, 1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[4, 3]", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BroadcastPasses.BiasMaxKeptTimesBiasValue(b, x));
        Assert.All(dx, d => Assert.True(double.IsNaN(d)));
        Assert.All(db, d => Assert.True(double.IsNaN(d)));
    }

    [Theory]
    [InlineData(new[] { 5 }, "[5]")]
    [InlineData(new[] { 3, 2 }, "[3, 2]")]
    public void A_width_of_another_length_throws_naming_it_and_both_shapes(int[] shape, string formatted)
    {
        // Read at a row stride of the [7, 4] matrix the mixture broadcasts to, a width must be [4], [1, 4], [7, 1] or [7, 4].
        Tensor<double> x = Grid(7, 1), means = Grid(1, 4), logw = Grid(4);
        Tensor<double> sigma = Grid(shape.Select(l => (nint)l).ToArray());
        Assert.ThrowsAny<ArgumentException>(() => BroadcastPasses.ScaledMixture(x, means, logw, sigma));
        ArgumentException error = Assert.Throws<ArgumentException>(() => BroadcastPasses.ScaledMixtureValue(x, means, logw, sigma));
        Assert.Equal("sigma", error.ParamName);
        Assert.Contains(formatted, error.Message, StringComparison.Ordinal);
        Assert.Contains("[7, 4]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 2 }, "[2]")]
    [InlineData(new[] { 1, 3 }, "[1, 3]")]
    public void A_scale_that_does_not_broadcast_against_a_reduced_vector_throws_naming_both_shapes(int[] shape, string formatted)
    {
        // Sum(x, 1) of a [4, 3] matrix is a vector of 4: a scale must have 4 elements or one.
        Tensor<double> x = Grid(4, 3);
        Tensor<double> s = Grid(shape.Select(l => (nint)l).ToArray());
        Assert.ThrowsAny<ArgumentException>(() => BroadcastPasses.ScaledRowSums(x, s));
        ArgumentException error = Assert.Throws<ArgumentException>(() => BroadcastPasses.ScaledRowSumsValue(x, s));
        Assert.Equal("s", error.ParamName);
        Assert.Contains(formatted, error.Message, StringComparison.Ordinal);
        Assert.Contains("[1, 4]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pass_along_the_last_axis_of_a_product_with_a_1D_vector_computes_as_the_method_run_as_written()
    {
        // With v [3, 2] the softmax runs along each row of the [4, 2] product in fused code; with v [3] the product is a
        // vector [4], which the general form computes along its one axis, as torch.matmul and the method as written do.
        Tensor<double> a = Grid(4, 3);
        Tensor<double> matrix = Grid(3, 2);
        double[] da = new double[12], dv = new double[6];
        double value = BroadcastPasses.MatrixVectorSoftmaxValueAndGradient(a, matrix, Tensor.Create(da, [4, 3]), Tensor.Create(dv, [3, 2]));
        Assert.Equal(BroadcastPasses.MatrixVectorSoftmax(a, matrix), value, 12);

        Tensor<double> v = Grid(3);
        Tensor<double> dvector = Tensor.CreateFromShape<double>([3]), dmatrix = Tensor.CreateFromShape<double>([4, 3]);
        double expected = BroadcastPasses.MatrixVectorSoftmax(a, v);
        Assert.Equal(expected, BroadcastPasses.MatrixVectorSoftmaxValue(a, v), 12);
        Assert.Equal(expected, BroadcastPasses.MatrixVectorSoftmaxValueAndGradient(a, v, dmatrix, dvector), 12);
        GradCheck.Assert(v, () => BroadcastPasses.MatrixVectorSoftmax(a, v), dvector);
        GradCheck.Assert(a, () => BroadcastPasses.MatrixVectorSoftmax(a, v), dmatrix);
    }

    [Fact]
    public void A_single_element_meeting_a_whole_matrix_is_repeated_over_it_as_the_method_run_as_written()
    {
        // [1] against the [4, 3] row pass is one element repeated over rows and columns, which the row stride does not
        // read: the general form broadcasts it, as PyTorch does.
        Tensor<double> x = Grid(4, 3);
        Tensor<double> b = Grid(1);
        Tensor<double> dx = Tensor.CreateFromShape<double>([4, 3]), db = Tensor.CreateFromShape<double>([1]);
        double expected = BroadcastPasses.BiasLogSoftmaxSquared(x, b);
        Assert.Equal(expected, BroadcastPasses.BiasLogSoftmaxSquaredValue(x, b), 12);
        Assert.Equal(expected, BroadcastPasses.BiasLogSoftmaxSquaredValueAndGradient(x, b, dx, db), 12);
        GradCheck.Assert(b, () => BroadcastPasses.BiasLogSoftmaxSquared(x, b), db);
        GradCheck.Assert(x, () => BroadcastPasses.BiasLogSoftmaxSquared(x, b), dx);
    }
}
