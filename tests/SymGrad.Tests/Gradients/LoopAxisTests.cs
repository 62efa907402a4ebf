using System;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.Json;
using static SymGrad.Tests.Gradients.LoopProductTests;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Reductions along an axis, Softmax and LogSoftmax inside loops and branches: values against the methods run as written,
/// gradients against central differences and PyTorch float64 (<c>Reference/loop_axes.json</c>, from
/// <c>tools/reference/loop_axes.py</c>), float against double, shapes that do not fit throw before any gradient is
/// written, and a warm call allocates nothing.
/// </summary>
public sealed class LoopAxisTests
{
    /// <summary>One-hot rows of <paramref name="columns"/> classes, a class per row.</summary>
    private static double[] OneHot(int rows, int columns)
    {
        double[] y = new double[rows * columns];
        for (int i = 0; i < rows; i++)
        {
            y[(i * columns) + ((i * 5) % columns)] = 1;
        }

        return y;
    }

    [Theory]
    [InlineData(3, 4, 1, 0)]
    [InlineData(3, 4, 3, 1)]
    [InlineData(2, 5, 17, 3)]
    [InlineData(1, 3, 33, 2)]
    [InlineData(4, 1, 3, 2)]
    public void Rnn_classifier_matches_the_method_and_central_differences(int batch, int width, int classes, int steps)
    {
        Tensor<double> y = Tensor.Create(OneHot(batch, classes), [batch, classes]);
        double[][] data = { Values(batch * width, 1), Values(width * width, 2).Select(v => v * 0.5).ToArray(), Values(width * classes, 3) };
        nint[][] shapes = { [batch, width], [width, width], [width, classes] };
        CheckDoubles(
            data,
            shapes,
            t => LoopAxisBodies.RnnClassifier(t[0], t[1], t[2], y, steps),
            t => LoopAxisBodies.RnnClassifierValue(t[0], t[1], t[2], y, steps),
            (t, g) => LoopAxisBodies.RnnClassifierValueAndGradient(t[0], t[1], t[2], y, steps, g[0], g[1], g[2]));
    }

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(3, 1, 1)]
    [InlineData(2, 17, 3)]
    [InlineData(4, 33, 2)]
    public void Row_sums_of_a_parameter_in_a_loop(int rows, int columns, int steps)
    {
        CheckDoubles(
            new[] { Values(rows * columns, 4) },
            new[] { new nint[] { rows, columns } },
            t => LoopAxisBodies.Rows(t[0], steps),
            t => LoopAxisBodies.RowsValue(t[0], steps),
            (t, g) => LoopAxisBodies.RowsValueAndGradient(t[0], steps, g[0]));
    }

    [Theory]
    [InlineData(2, 3, 1, 0)]
    [InlineData(2, 3, 1, 1)]
    [InlineData(3, 4, 17, 3)]
    [InlineData(1, 5, 33, 2)]
    public void A_callee_with_a_product_is_inlined_from_a_loop(int rows, int inner, int columns, int steps)
    {
        CheckDoubles(
            new[] { Values(rows * inner, 5), Values(inner * columns, 6) },
            new[] { new nint[] { rows, inner }, new nint[] { inner, columns } },
            t => LoopAxisBodies.CallsInner(t[0], t[1], steps),
            t => LoopAxisBodies.CallsInnerValue(t[0], t[1], steps),
            (t, g) => LoopAxisBodies.CallsInnerValueAndGradient(t[0], t[1], steps, g[0], g[1]));
    }

    [Theory]
    [InlineData(2, 3, 1, 0)]
    [InlineData(2, 3, 3, 1)]
    [InlineData(3, 4, 17, 3)]
    [InlineData(1, 2, 33, 2)]
    public void Attention_per_step_with_precomputed_keys(int queries, int width, int keys, int steps)
    {
        double[][] data = { Values(queries * width, 7), Values(width * keys, 8), Values(keys * width, 9) };
        nint[][] shapes = { [queries, width], [width, keys], [keys, width] };
        CheckDoubles(
            data,
            shapes,
            t => LoopAxisBodies.Attention(t[0], t[1], t[2], steps),
            t => LoopAxisBodies.AttentionValue(t[0], t[1], t[2], steps),
            (t, g) => LoopAxisBodies.AttentionValueAndGradient(t[0], t[1], t[2], steps, g[0], g[1], g[2]));
    }

    [Theory]
    [InlineData(2, 1, 0)]
    [InlineData(3, 1, 1)]
    [InlineData(3, 3, 1)]
    [InlineData(4, 17, 3)]
    [InlineData(2, 33, 2)]
    public void Statistics_along_rows_and_columns_with_keepDims(int rows, int columns, int steps)
    {
        double[][] data = { Values(rows * columns, 10), Values(columns * columns, 11).Select(v => v * 0.5).ToArray() };
        nint[][] shapes = { [rows, columns], [columns, columns] };
        CheckDoubles(
            data,
            shapes,
            t => LoopAxisBodies.Statistics(t[0], t[1], steps),
            t => LoopAxisBodies.StatisticsValue(t[0], t[1], steps),
            (t, g) => LoopAxisBodies.StatisticsValueAndGradient(t[0], t[1], steps, g[0], g[1]),
            tolerance: 1e-5);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 2)]
    [InlineData(3, 1)]
    [InlineData(17, 3)]
    [InlineData(33, 4)]
    public void A_vector_state_through_softmaxes_in_branches(int size, int steps)
    {
        Tensor<double> y = Tensor.Create(Values(size, 12).Select(Math.Abs).ToArray(), [size]);
        double[][] data = { Values(size, 13), Values(size * size, 14).Select(v => v * 0.5).ToArray() };
        nint[][] shapes = { [size], [size, size] };
        CheckDoubles(
            data,
            shapes,
            t => LoopAxisBodies.VectorBranches(t[0], t[1], y, steps),
            t => LoopAxisBodies.VectorBranchesValue(t[0], t[1], y, steps),
            (t, g) => LoopAxisBodies.VectorBranchesValueAndGradient(t[0], t[1], y, steps, g[0], g[1]));
    }

    [Theory]
    [InlineData(2, 1, 0)]
    [InlineData(2, 3, 1)]
    [InlineData(3, 17, 3)]
    [InlineData(1, 33, 2)]
    public void Callees_with_a_product_and_a_log_softmax_are_inlined_from_a_loop(int rows, int columns, int steps)
    {
        Tensor<double> y = Tensor.Create(OneHot(rows, columns), [rows, columns]);
        double[][] data = { Values(rows * columns, 15), Values(columns * columns, 16).Select(v => v * 0.5).ToArray() };
        nint[][] shapes = { [rows, columns], [columns, columns] };
        CheckDoubles(
            data,
            shapes,
            t => LoopAxisBodies.CallsLayers(t[0], t[1], y, steps),
            t => LoopAxisBodies.CallsLayersValue(t[0], t[1], y, steps),
            (t, g) => LoopAxisBodies.CallsLayersValueAndGradient(t[0], t[1], y, steps, g[0], g[1]));
    }

    [Theory]
    [InlineData(2, 5, 17, 3)]
    [InlineData(3, 4, 33, 2)]
    public void Float_methods_match_the_double_ones(int batch, int width, int classes, int steps)
    {
        double[] y = OneHot(batch, classes);
        double[][] data = { Values(batch * width, 1), Values(width * width, 2).Select(v => v * 0.5).ToArray(), Values(width * classes, 3) };
        nint[][] shapes = { [batch, width], [width, width], [width, classes] };
        Tensor<float>[] f = data.Select((d, i) => Tensor.Create(d.Select(v => (float)v).ToArray(), shapes[i])).ToArray();
        Tensor<double>[] d = data.Select((v, i) => Tensor.Create(v.Select(e => (double)(float)e).ToArray(), shapes[i])).ToArray();
        Tensor<float> yf = Tensor.Create(y.Select(v => (float)v).ToArray(), [batch, classes]);
        Tensor<double> yd = Tensor.Create(y, [batch, classes]);
        Tensor<float>[] gf = shapes.Select(s => Tensor.CreateFromShape<float>(s)).ToArray();
        Tensor<double>[] gd = shapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        float value = LoopAxisBodies.RnnClassifierFloatValueAndGradient(f[0], f[1], f[2], yf, steps, gf[0], gf[1], gf[2]);
        double reference = LoopAxisBodies.RnnClassifierValueAndGradient(d[0], d[1], d[2], yd, steps, gd[0], gd[1], gd[2]);
        Assert.Equal(LoopAxisBodies.RnnClassifierFloat(f[0], f[1], f[2], yf, steps), value, 3);
        Assert.Equal(LoopAxisBodies.RnnClassifierFloatValue(f[0], f[1], f[2], yf, steps), value, 3);
        Close(value, reference, gf, gd);

        // Attention, statistics, rows and the inlined product, each against its double twin.
        nint[][] attention = { [batch, width], [width, classes], [classes, width] };
        Tensor<float>[] af = attention.Select((s, i) => Tensor.Create(Values((int)(s[0] * s[1]), 30 + i).Select(v => (float)v).ToArray(), s)).ToArray();
        Tensor<double>[] ad = af.Select(t => Tensor.Create(t.ToArray().Select(v => (double)v).ToArray(), t.Lengths)).ToArray();
        gf = attention.Select(s => Tensor.CreateFromShape<float>(s)).ToArray();
        gd = attention.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        value = LoopAxisBodies.AttentionFloatValueAndGradient(af[0], af[1], af[2], steps, gf[0], gf[1], gf[2]);
        Assert.Equal(LoopAxisBodies.AttentionFloat(af[0], af[1], af[2], steps), value, 3);
        Close(value, LoopAxisBodies.AttentionValueAndGradient(ad[0], ad[1], ad[2], steps, gd[0], gd[1], gd[2]), gf, gd);

        nint[][] statistics = { [batch, classes], [classes, classes] };
        Tensor<float>[] sf = statistics.Select((s, i) => Tensor.Create(Values((int)(s[0] * s[1]), 40 + i).Select(v => (float)(v * 0.5)).ToArray(), s)).ToArray();
        Tensor<double>[] sd = sf.Select(t => Tensor.Create(t.ToArray().Select(v => (double)v).ToArray(), t.Lengths)).ToArray();
        gf = statistics.Select(s => Tensor.CreateFromShape<float>(s)).ToArray();
        gd = statistics.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        value = LoopAxisBodies.StatisticsFloatValueAndGradient(sf[0], sf[1], steps, gf[0], gf[1]);
        Assert.Equal(LoopAxisBodies.StatisticsFloat(sf[0], sf[1], steps), value, 1);
        Close(value, LoopAxisBodies.StatisticsValueAndGradient(sd[0], sd[1], steps, gd[0], gd[1]), gf, gd);

        gf = new[] { Tensor.CreateFromShape<float>(statistics[0]) };
        gd = new[] { Tensor.CreateFromShape<double>(statistics[0]) };
        value = LoopAxisBodies.RowsFloatValueAndGradient(sf[0], steps, gf[0]);
        Assert.Equal(LoopAxisBodies.RowsFloat(sf[0], steps), value, 3);
        Close(value, LoopAxisBodies.RowsValueAndGradient(sd[0], steps, gd[0]), gf, gd);

        gf = statistics.Select(s => Tensor.CreateFromShape<float>(s)).ToArray();
        gd = statistics.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        value = LoopAxisBodies.CallsInnerFloatValueAndGradient(sf[0], sf[1], steps, gf[0], gf[1]);
        Assert.Equal(LoopAxisBodies.CallsInnerFloat(sf[0], sf[1], steps), value, 3);
        Close(value, LoopAxisBodies.CallsInnerValueAndGradient(sd[0], sd[1], steps, gd[0], gd[1]), gf, gd);
    }

    private static void Close(float value, double reference, Tensor<float>[] got, Tensor<double>[] expected)
    {
        Assert.True(Math.Abs(value - reference) <= 1e-4 * Math.Max(1, Math.Abs(reference)), $"value {value} against {reference}");
        for (int p = 0; p < got.Length; p++)
        {
            float[] g = got[p].ToArray();
            double[] e = expected[p].ToArray();
            for (int i = 0; i < g.Length; i++)
            {
                Assert.True(Math.Abs(g[i] - e[i]) <= 2e-4 * Math.Max(1, Math.Abs(e[i])), $"parameter {p} element {i}: {g[i]} against {e[i]}");
            }
        }
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        Tensor<double> y = Tensor.Create(OneHot(3, 17), [3, 17]);
        nint[][] shapes = { [3, 5], [5, 5], [5, 17] };
        Tensor<double>[] t = shapes.Select((s, i) => Tensor.Create(Values((int)(s[0] * s[1]), 20 + i), s)).ToArray();
        Tensor<double>[] g = shapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        Assert.Equal(0, Allocations.FewestBytes(() => LoopAxisBodies.RnnClassifierValueAndGradient(t[0], t[1], t[2], y, 10, g[0], g[1], g[2])));
        Assert.Equal(0, Allocations.FewestBytes(() => LoopAxisBodies.RnnClassifierValue(t[0], t[1], t[2], y, 10)));

        Tensor<double> x = Tensor.Create(Values(3 * 17, 24), [3, 17]);
        Tensor<double> w = Tensor.Create(Values(17 * 17, 25).Select(v => v * 0.5).ToArray(), [17, 17]);
        Tensor<double> dx = Tensor.CreateFromShape<double>([3, 17]);
        Tensor<double> dw = Tensor.CreateFromShape<double>([17, 17]);
        Assert.Equal(0, Allocations.FewestBytes(() => LoopAxisBodies.StatisticsValueAndGradient(x, w, 5, dx, dw)));
        Tensor<double> kT = Tensor.Create(Values(17 * 4, 26), [17, 4]);
        Tensor<double> v = Tensor.Create(Values(4 * 17, 27), [4, 17]);
        Tensor<double> dkT = Tensor.CreateFromShape<double>([17, 4]);
        Tensor<double> dv = Tensor.CreateFromShape<double>([4, 17]);
        Assert.Equal(0, Allocations.FewestBytes(() => LoopAxisBodies.AttentionValueAndGradient(x, kT, v, 5, dx, dkT, dv)));
    }

    [Fact]
    public void An_axis_the_operand_does_not_have_throws_naming_the_call_before_any_gradient_is_written()
    {
        // A vector passed where the method takes rows: Sum(x, 1) of a [5] vector.
        Tensor<double> x = Tensor.Create(Values(5, 1), [5]);
        Tensor<double> dx = Tensor.CreateFromShape<double>([5]);
        dx.Fill(7);
        var error = Assert.Throws<ArgumentException>(() => LoopAxisBodies.RowsValueAndGradient(x, 2, dx));
        Assert.Contains("Sum(x, 1)", error.Message);
        Assert.Contains("[5]", error.Message);
        Assert.All(dx.ToArray(), v => Assert.Equal(7, v));

        // The eager method throws too.
        Assert.ThrowsAny<ArgumentException>(() => LoopAxisBodies.Rows(x, 2));
    }

    [Fact]
    public void Max_along_an_empty_axis_throws_where_it_runs_as_the_method_does()
    {
        // Statistics with no columns: Max(h, 1, keepDims: true) of a [2, 0] matrix has no value.
        Tensor<double> x = Tensor.CreateFromShape<double>([2, 0]);
        Tensor<double> w = Tensor.CreateFromShape<double>([0, 0]);
        Assert.ThrowsAny<ArgumentException>(() => LoopAxisBodies.Statistics(x, w, 1));
        var error = Assert.ThrowsAny<ArgumentException>(() => LoopAxisBodies.StatisticsValueAndGradient(x, w, 1, Tensor.CreateFromShape<double>([2, 0]), Tensor.CreateFromShape<double>([0, 0])));
        Assert.Contains("empty axis", error.Message);

        // With no iteration nothing runs along the axis, so nothing throws.
        Assert.Equal(LoopAxisBodies.Statistics(x, w, 0), LoopAxisBodies.StatisticsValue(x, w, 0));
    }

    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "loop_axes.json"))).RootElement;

    public static TheoryData<int> ReferenceCases()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Reference.GetProperty("cases").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Gradients_match_torch(int index)
    {
        JsonElement c = Reference.GetProperty("cases")[index];
        JsonElement[] inputs = c.GetProperty("inputs").EnumerateArray().ToArray();
        Tensor<double>[] t = inputs.Select(i => Tensor.Create(i.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray(), i.GetProperty("shape").EnumerateArray().Select(v => (nint)v.GetInt32()).ToArray())).ToArray();
        Tensor<double>[] g = t.Select(x => Tensor.CreateFromShape<double>(x.Lengths)).ToArray();
        int[] ints = c.GetProperty("ints").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        (double value, double eager) = c.GetProperty("function").GetString() switch
        {
            "RnnClassifier" => (LoopAxisBodies.RnnClassifierValueAndGradient(t[0], t[1], t[2], t[3], ints[0], g[0], g[1], g[2]), LoopAxisBodies.RnnClassifier(t[0], t[1], t[2], t[3], ints[0])),
            "Rows" => (LoopAxisBodies.RowsValueAndGradient(t[0], ints[0], g[0]), LoopAxisBodies.Rows(t[0], ints[0])),
            "CallsInner" => (LoopAxisBodies.CallsInnerValueAndGradient(t[0], t[1], ints[0], g[0], g[1]), LoopAxisBodies.CallsInner(t[0], t[1], ints[0])),
            "Attention" => (LoopAxisBodies.AttentionValueAndGradient(t[0], t[1], t[2], ints[0], g[0], g[1], g[2]), LoopAxisBodies.Attention(t[0], t[1], t[2], ints[0])),
            "Statistics" => (LoopAxisBodies.StatisticsValueAndGradient(t[0], t[1], ints[0], g[0], g[1]), LoopAxisBodies.Statistics(t[0], t[1], ints[0])),
            "VectorBranches" => (LoopAxisBodies.VectorBranchesValueAndGradient(t[0], t[1], t[2], ints[0], g[0], g[1]), LoopAxisBodies.VectorBranches(t[0], t[1], t[2], ints[0])),
            "CallsLayers" => (LoopAxisBodies.CallsLayersValueAndGradient(t[0], t[1], t[2], ints[0], g[0], g[1]), LoopAxisBodies.CallsLayers(t[0], t[1], t[2], ints[0])),
            var other => throw new InvalidOperationException(other),
        };
        double expectedValue = c.GetProperty("value").GetDouble();
        Assert.True(Math.Abs(value - eager) <= 1e-12 * Math.Max(1, Math.Abs(eager)), $"value {value} against the method as written {eager}");
        Assert.True(Math.Abs(value - expectedValue) <= 1e-10 * Math.Max(1, Math.Abs(expectedValue)), $"value {value} against {expectedValue}");
        JsonElement gradients = c.GetProperty("gradients");
        for (int p = 0; p < inputs.Length; p++)
        {
            if (!gradients.TryGetProperty(inputs[p].GetProperty("name").GetString()!, out JsonElement expected))
            {
                continue;
            }

            double[] want = expected.EnumerateArray().Select(v => v.GetDouble()).ToArray();
            double[] got = g[p].ToArray();
            Assert.Equal(want.Length, got.Length);
            for (int i = 0; i < want.Length; i++)
            {
                Assert.True(Math.Abs(got[i] - want[i]) <= 1e-9 * Math.Max(1, Math.Abs(want[i])), $"{inputs[p].GetProperty("name").GetString()}[{i}]: {got[i]} against torch {want[i]}");
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(2, 3, 4, 2)]
    [InlineData(3, 1, 17, 1)]
    [InlineData(2, 5, 3, 0)]
    public void Every_axis_of_a_rank_3_tensor_in_a_loop(int a, int b, int c, int steps)
    {
        CheckDoubles(
            new[] { Values(a * b * c, 17) },
            new[] { new nint[] { a, b, c } },
            t => LoopAxisBodies.RankThree(t[0], steps),
            t => LoopAxisBodies.RankThreeValue(t[0], steps),
            (t, g) => LoopAxisBodies.RankThreeValueAndGradient(t[0], steps, g[0]));
    }
}
