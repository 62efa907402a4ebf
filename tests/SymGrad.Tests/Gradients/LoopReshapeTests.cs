using System;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.Json;
using static SymGrad.Tests.Gradients.LoopProductTests;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// <c>Reshape</c> inside loops and branches: values against the methods run as written and against the straight-line
/// reshapes of Functions.Reshapes.cs times the step count, gradients against central differences and PyTorch float64
/// (<c>Reference/loop_reshapes.json</c>, from <c>tools/reference/loop_reshapes.py</c>), float against double, lengths that
/// do not fit throw what TensorMath.Reshape throws before any gradient is written, and a warm call allocates nothing.
/// </summary>
public sealed class LoopReshapeTests
{
    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(3, 1, 1)]
    [InlineData(2, 17, 3)]
    [InlineData(4, 3, 3)]
    public void Regrouped_rows_agree_with_the_straight_line_reshape(int r, int c, int n)
    {
        CheckDoubles(
            new[] { Values(r * c, 1) },
            new[] { new nint[] { r, c } },
            t => LoopReshapeBodies.RegroupedRows(t[0], n),
            t => LoopReshapeBodies.RegroupedRowsValue(t[0], n),
            (t, g) => LoopReshapeBodies.RegroupedRowsValueAndGradient(t[0], n, g[0]));
        Straight(n, new nint[][] { [r, c] }, 1, (t, g) => Reshapes.ReshapeRegroupedRowsValueAndGradient(t[0], g[0]), (t, g) => LoopReshapeBodies.RegroupedRowsValueAndGradient(t[0], n, g[0]));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 17, 3)]
    [InlineData(2, 3, 0)]
    public void Flattened_matrices_of_transposed_shapes(int r, int c, int n)
    {
        CheckDoubles(
            new[] { Values(r * c, 2), Values(r * c, 3) },
            new[] { new nint[] { r, c }, new nint[] { c, r } },
            t => LoopReshapeBodies.Flatten(t[0], t[1], n),
            t => LoopReshapeBodies.FlattenValue(t[0], t[1], n),
            (t, g) => LoopReshapeBodies.FlattenValueAndGradient(t[0], t[1], n, g[0], g[1]));
        Straight(n, new nint[][] { [r, c], [c, r] }, 2, (t, g) => Reshapes.ReshapeFlattenValueAndGradient(t[0], t[1], g[0], g[1]), (t, g) => LoopReshapeBodies.FlattenValueAndGradient(t[0], t[1], n, g[0], g[1]));
    }

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(6, 1, 3, 3)]
    [InlineData(4, 17, 2, 1)]
    [InlineData(3, 3, 9, 0)]
    public void Rows_from_an_int_parameter_through_axis_passes(int r, int c, int rows, int n)
    {
        CheckDoubles(
            new[] { Values(r * c, 4) },
            new[] { new nint[] { r, c } },
            t => LoopReshapeBodies.RowsParameter(t[0], rows, n),
            t => LoopReshapeBodies.RowsParameterValue(t[0], rows, n),
            (t, g) => LoopReshapeBodies.RowsParameterValueAndGradient(t[0], rows, n, g[0]));
    }

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(3, 2, 17, 3)]
    [InlineData(2, 17, 3, 0)]
    public void A_reshape_read_in_place_by_a_product(int m, int k, int p, int n)
    {
        CheckDoubles(
            new[] { Values(m * k, 5), Values(m * p, 6) },
            new[] { new nint[] { m, k }, new nint[] { m, p } },
            t => LoopReshapeBodies.Product(t[0], t[1], n),
            t => LoopReshapeBodies.ProductValue(t[0], t[1], n),
            (t, g) => LoopReshapeBodies.ProductValueAndGradient(t[0], t[1], n, g[0], g[1]));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 2, 2)]
    [InlineData(2, 17, 3)]
    [InlineData(17, 3, 4)]
    [InlineData(3, 3, 0)]
    public void A_reshaped_tensor_local_in_branches(int r, int c, int steps)
    {
        CheckDoubles(
            new[] { Values(r * c, 7), Values(r * c, 8) },
            new[] { new nint[] { r, c }, new nint[] { c, r } },
            t => LoopReshapeBodies.Local(t[0], t[1], steps),
            t => LoopReshapeBodies.LocalValue(t[0], t[1], steps),
            (t, g) => LoopReshapeBodies.LocalValueAndGradient(t[0], t[1], steps, g[0], g[1]));
    }

    [Theory]
    [InlineData(1, 1, 1, 2)]
    [InlineData(3, 17, 3, 3)]
    [InlineData(6, 2, 4, 0)]
    [InlineData(4, 3, 2, 4)]
    public void A_reshape_meets_a_matrix_in_a_branch(int r, int c, int rows, int steps)
    {
        CheckDoubles(
            new[] { Values(r * c, 19), Values(r * c, 20) },
            new[] { new nint[] { r, c }, new nint[] { rows, (r * c) / rows } },
            t => LoopReshapeBodies.Meets(t[0], t[1], rows, steps),
            t => LoopReshapeBodies.MeetsValue(t[0], t[1], rows, steps),
            (t, g) => LoopReshapeBodies.MeetsValueAndGradient(t[0], t[1], rows, steps, g[0], g[1]));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 17, 3)]
    [InlineData(17, 3, 2)]
    [InlineData(2, 3, 0)]
    public void Reshapes_to_rank_3_and_as_the_logits_of_a_loss(int r, int c, int steps)
    {
        int[] labels = Enumerable.Range(0, r).Select(i => (i * 5) % c).ToArray();
        CheckDoubles(
            new[] { Values(r * c, 9) },
            new[] { new nint[] { r, c } },
            t => LoopReshapeBodies.Ranks(t[0], labels, steps),
            t => LoopReshapeBodies.RanksValue(t[0], labels, steps),
            (t, g) => LoopReshapeBodies.RanksValueAndGradient(t[0], labels, steps, g[0]));
    }

    /// <summary>The loop method's value and gradient are the straight-line method's times the step count.</summary>
    private static void Straight(int n, nint[][] shapes, int seed, Func<Tensor<double>[], Tensor<double>[], double> straight, Func<Tensor<double>[], Tensor<double>[], double> loop)
    {
        Tensor<double>[] t = shapes.Select((s, i) => Tensor.Create(Values((int)s.Aggregate((nint)1, (a, b) => a * b), seed + i), s)).ToArray();
        Tensor<double>[] gs = shapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        Tensor<double>[] gl = shapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        double expected = straight(t, gs) * n;
        double got = loop(t, gl);
        Assert.True(Math.Abs(got - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{got} against {expected}");
        for (int p = 0; p < shapes.Length; p++)
        {
            double[] want = gs[p].ToArray().Select(v => v * n).ToArray();
            double[] have = gl[p].ToArray();
            for (int i = 0; i < want.Length; i++)
            {
                Assert.True(Math.Abs(have[i] - want[i]) <= 1e-12 * Math.Max(1, Math.Abs(want[i])), $"parameter {p} element {i}: {have[i]} against {want[i]}");
            }
        }
    }

    [Theory]
    [InlineData(3, 4, 2)]
    [InlineData(1, 1, 1)]
    [InlineData(17, 3, 3)]
    public void Float_agrees_with_double(int m, int k, int n)
    {
        Tensor<double>[] sd = { Tensor.Create(Values(m * k, 10), [m, k]), Tensor.Create(Values(m * 5, 11), [m, 5]) };
        Tensor<float>[] sf = sd.Select(t => Tensor.Create(t.ToArray().Select(v => (float)v).ToArray(), t.Lengths)).ToArray();
        Tensor<double>[] gd = sd.Select(t => Tensor.CreateFromShape<double>(t.Lengths)).ToArray();
        Tensor<float>[] gf = sd.Select(t => Tensor.CreateFromShape<float>(t.Lengths)).ToArray();
        float value = LoopReshapeBodies.ProductFloatValueAndGradient(sf[0], sf[1], n, gf[0], gf[1]);
        Assert.Equal(LoopReshapeBodies.ProductFloat(sf[0], sf[1], n), value, 3);
        Close(value, LoopReshapeBodies.ProductValueAndGradient(sd[0], sd[1], n, gd[0], gd[1]), gf, gd);

        Tensor<float>[] rgf = { Tensor.CreateFromShape<float>(sd[0].Lengths) };
        Tensor<double>[] rgd = { Tensor.CreateFromShape<double>(sd[0].Lengths) };
        value = LoopReshapeBodies.RegroupedRowsFloatValueAndGradient(sf[0], n, rgf[0]);
        Assert.Equal(LoopReshapeBodies.RegroupedRowsFloat(sf[0], n), value, 3);
        Close(value, LoopReshapeBodies.RegroupedRowsValueAndGradient(sd[0], n, rgd[0]), rgf, rgd);
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

    /// <summary>The exception the method as written throws, and that the generated value-and-gradient throws the same before writing any gradient.</summary>
    private static void ThrowsAsWritten<TException>(Func<double> eager, Func<Tensor<double>[], double> valueAndGradient, params nint[][] gradientShapes)
        where TException : Exception
    {
        TException expected = Assert.Throws<TException>(() => eager());
        Tensor<double>[] g = gradientShapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        foreach (Tensor<double> gradient in g)
        {
            gradient.Fill(7);
        }

        TException error = Assert.Throws<TException>(() => valueAndGradient(g));
        Assert.Equal(expected.Message, error.Message);
        Assert.All(g, gradient => Assert.All(gradient.ToArray(), v => Assert.Equal(7, v)));
    }

    [Fact]
    public void Lengths_that_do_not_fit_throw_what_TensorMath_Reshape_throws_before_any_gradient_is_written()
    {
        // 5 rows of a [3, 3] matrix: 9 elements that 5 does not divide; a negative length; a product of the wrong count.
        Tensor<double> x = Tensor.Create(Values(9, 12), [3, 3]);
        foreach (int rows in new[] { 5, -2, 0 })
        {
            ThrowsAsWritten<ArgumentException>(() => LoopReshapeBodies.RowsParameter(x, rows, 2), g => LoopReshapeBodies.RowsParameterValueAndGradient(x, rows, 2, g[0]), [3, 3]);
        }

        // A size the tensor does not have: x.Lengths[1] of a vector throws as C# throws it.
        Tensor<double> vector = Tensor.Create(Values(4, 13), [4]);
        ThrowsAsWritten<IndexOutOfRangeException>(() => LoopReshapeBodies.RegroupedRows(vector, 1), g => LoopReshapeBodies.RegroupedRowsValueAndGradient(vector, 1, g[0]), [4]);

        // A reshaped local meeting a matrix of another shape throws where they meet, as the method does.
        Tensor<double> a = Tensor.Create(Values(6, 14), [2, 3]);
        Tensor<double> x23 = Tensor.Create(Values(6, 15), [2, 3]);
        Assert.ThrowsAny<ArgumentException>(() => LoopReshapeBodies.Local(x23, a, 1));
        Assert.ThrowsAny<ArgumentException>(() => LoopReshapeBodies.LocalValueAndGradient(x23, a, 1, Tensor.CreateFromShape<double>([2, 3]), Tensor.CreateFromShape<double>([2, 3])));

        // A reshape that does not fit, meeting a matrix element-wise in a branch: the reshape throws first, as in the method as written.
        Tensor<double> w = Tensor.Create(Values(9, 16), [3, 3]);
        foreach (int rows in new[] { 2, -1, -3 })
        {
            ThrowsAsWritten<ArgumentException>(() => LoopReshapeBodies.Meets(x, w, rows, 2), g => LoopReshapeBodies.MeetsValueAndGradient(x, w, rows, 2, g[0], g[1]), [3, 3], [3, 3]);
        }

        // The branch that reshapes never runs in one step: nothing throws.
        Assert.Equal(LoopReshapeBodies.Meets(x, w, 2, 1), LoopReshapeBodies.MeetsValue(x, w, 2, 1));

        // With no iteration no reshape runs, so nothing throws, as in the method as written.
        Assert.Equal(LoopReshapeBodies.RowsParameter(x, 5, 0), LoopReshapeBodies.RowsParameterValue(x, 5, 0));
        Assert.Equal(LoopReshapeBodies.RegroupedRows(vector, 0), LoopReshapeBodies.RegroupedRowsValue(vector, 0));
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        Tensor<double> x = Tensor.Create(Values(6 * 17, 16), [6, 17]);
        Tensor<double> dx = Tensor.CreateFromShape<double>([6, 17]);
        Tensor<double> w = Tensor.Create(Values(6 * 5, 17), [6, 5]);
        Tensor<double> dw = Tensor.CreateFromShape<double>([6, 5]);
        Assert.Equal(0, Allocations.FewestBytes(() => LoopReshapeBodies.ProductValueAndGradient(x, w, 5, dx, dw)));
        Assert.Equal(0, Allocations.FewestBytes(() => LoopReshapeBodies.RowsParameterValueAndGradient(x, 3, 5, dx)));
        Tensor<double> a = Tensor.Create(Values(6 * 17, 18), [17, 6]);
        Tensor<double> da = Tensor.CreateFromShape<double>([17, 6]);
        Assert.Equal(0, Allocations.FewestBytes(() => LoopReshapeBodies.LocalValueAndGradient(x, a, 5, dx, da)));
        Assert.Equal(0, Allocations.FewestBytes(() => LoopReshapeBodies.LocalValue(x, a, 5)));
    }

    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "loop_reshapes.json"))).RootElement;

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
        int[] labels = c.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        (double value, double eager) = c.GetProperty("function").GetString() switch
        {
            "RegroupedRows" => (LoopReshapeBodies.RegroupedRowsValueAndGradient(t[0], ints[0], g[0]), LoopReshapeBodies.RegroupedRows(t[0], ints[0])),
            "Flatten" => (LoopReshapeBodies.FlattenValueAndGradient(t[0], t[1], ints[0], g[0], g[1]), LoopReshapeBodies.Flatten(t[0], t[1], ints[0])),
            "RowsParameter" => (LoopReshapeBodies.RowsParameterValueAndGradient(t[0], ints[0], ints[1], g[0]), LoopReshapeBodies.RowsParameter(t[0], ints[0], ints[1])),
            "Product" => (LoopReshapeBodies.ProductValueAndGradient(t[0], t[1], ints[0], g[0], g[1]), LoopReshapeBodies.Product(t[0], t[1], ints[0])),
            "Local" => (LoopReshapeBodies.LocalValueAndGradient(t[0], t[1], ints[0], g[0], g[1]), LoopReshapeBodies.Local(t[0], t[1], ints[0])),
            "Ranks" => (LoopReshapeBodies.RanksValueAndGradient(t[0], labels, ints[0], g[0]), LoopReshapeBodies.Ranks(t[0], labels, ints[0])),
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
}
