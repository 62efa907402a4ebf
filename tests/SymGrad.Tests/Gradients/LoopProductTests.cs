using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.Json;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Matrix products inside loops and branches: values against the methods run as written, gradients against central
/// differences and PyTorch float64 (<c>Reference/loop_matmul.json</c>, from <c>tools/reference/loop_matmul.py</c>); shapes
/// that do not agree throw before any gradient is written; a warm call allocates nothing.
/// </summary>
public sealed class LoopProductTests
{
    /// <summary>Deterministic values in [-1, 1) for a tensor of <paramref name="count"/> elements.</summary>
    internal static double[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
    }

    /// <summary>
    /// Checks a method's value against the method run as written and each gradient against central differences of it.
    /// </summary>
    internal static void CheckDoubles(double[][] inputs, nint[][] shapes, Func<Tensor<double>[], double> eager, Func<Tensor<double>[], double> value, Func<Tensor<double>[], Tensor<double>[], double> valueAndGradient, double tolerance = 1e-6)
    {
        Tensor<double>[] Tensors(double[][] data) => data.Select((d, i) => Tensor.Create(d, shapes[i])).ToArray();
        Tensor<double>[] gradients = shapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        foreach (Tensor<double> g in gradients)
        {
            g.Fill(double.NaN);
        }

        double expected = eager(Tensors(inputs));
        double got = valueAndGradient(Tensors(inputs), gradients);
        Assert.Equal(expected, got, 10);
        Assert.Equal(expected, value(Tensors(inputs)), 10);
        for (int p = 0; p < inputs.Length; p++)
        {
            for (int i = 0; i < inputs[p].Length; i++)
            {
                double[][] plus = inputs.Select(d => (double[])d.Clone()).ToArray();
                double[][] minus = inputs.Select(d => (double[])d.Clone()).ToArray();
                plus[p][i] += 1e-6;
                minus[p][i] -= 1e-6;
                double central = (eager(Tensors(plus)) - eager(Tensors(minus))) / 2e-6;
                double analytic = gradients[p].ToArray()[i];
                Assert.True(Math.Abs(central - analytic) <= tolerance * Math.Max(1, Math.Abs(central)), $"parameter {p} element {i}: {analytic} against central difference {central}");
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(1, 7, 1)]
    [InlineData(3, 7, 10)]
    [InlineData(3, 33, 10)]
    [InlineData(3, 1, 10)]
    public void Rnn_matches_the_method_and_central_differences(int batch, int hidden, int steps)
    {
        const int inputs = 5;
        int rows = Math.Max(steps, 1);
        double[][] data = { Values(batch * hidden, 1), Values(hidden * hidden, 2).Select(v => v * 0.4).ToArray(), Values(inputs * hidden, 3), Values(rows * inputs, 4) };
        nint[][] shapes = { [batch, hidden], [hidden, hidden], [inputs, hidden], [rows, inputs] };
        CheckDoubles(
            data,
            shapes,
            t => LoopProductBodies.Rnn(t[0], t[1], t[2], t[3], steps),
            t => LoopProductBodies.RnnValue(t[0], t[1], t[2], t[3], steps),
            (t, g) => LoopProductBodies.RnnValueAndGradient(t[0], t[1], t[2], t[3], steps, g[0], g[1], g[2], g[3]));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 3)]
    [InlineData(7, 1)]
    [InlineData(7, 4)]
    [InlineData(33, 3)]
    public void Vector_states_through_matrix_vector_and_vector_matrix_products(int hidden, int steps)
    {
        double[][] data = { Values(hidden, 5), Values(hidden * hidden, 6).Select(v => v * 0.5).ToArray(), Values(hidden, 7) };
        nint[][] shapes = { [hidden], [hidden, hidden], [hidden] };
        CheckDoubles(
            data,
            shapes,
            t => LoopProductBodies.VectorState(t[0], t[1], t[2], steps),
            t => LoopProductBodies.VectorStateValue(t[0], t[1], t[2], steps),
            (t, g) => LoopProductBodies.VectorStateValueAndGradient(t[0], t[1], t[2], steps, g[0], g[1], g[2]));
    }

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(4, 3, 1, 2)]
    [InlineData(7, 5, 3, 3)]
    [InlineData(3, 2, 4, 0)]
    public void Minibatches_of_rows_add_their_gradients_into_their_rows(int n, int features, int outputs, int batches)
    {
        int rows = (n * batches) + 2;
        double[][] data = { Values(rows * features, 8), Values(features * outputs, 9) };
        double[] y = Values(rows * outputs, 10);
        nint[][] shapes = { [rows, features], [features, outputs] };
        Tensor<double> targets = Tensor.Create(y, [rows, outputs]);
        CheckDoubles(
            data,
            shapes,
            t => LoopProductBodies.Minibatches(t[0], t[1], targets, n, batches),
            t => LoopProductBodies.MinibatchesValue(t[0], t[1], targets, n, batches),
            (t, g) => LoopProductBodies.MinibatchesValueAndGradient(t[0], t[1], targets, n, batches, g[0], g[1]));
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(7, 0)]
    [InlineData(7, 5)]
    [InlineData(33, 4)]
    public void Power_iteration_with_normalization(int size, int steps)
    {
        double[][] data = { Values(size * size, 11), Values(size, 12).Select(v => v + 1.5).ToArray() };
        nint[][] shapes = { [size, size], [size] };
        CheckDoubles(
            data,
            shapes,
            t => LoopProductBodies.Power(t[0], t[1], steps),
            t => LoopProductBodies.PowerValue(t[0], t[1], steps),
            (t, g) => LoopProductBodies.PowerValueAndGradient(t[0], t[1], steps, g[0], g[1]));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(7, 3)]
    [InlineData(33, 2)]
    public void Newton_like_steps(int size, int steps)
    {
        double[][] data = { Values(size, 13), Values(size * size, 14).Select(v => v * 0.3).ToArray(), Values(size * size, 15).Select(v => v * 0.3).ToArray() };
        nint[][] shapes = { [size], [size, size], [size, size] };
        CheckDoubles(
            data,
            shapes,
            t => LoopProductBodies.Newton(t[0], t[1], t[2], steps),
            t => LoopProductBodies.NewtonValue(t[0], t[1], t[2], steps),
            (t, g) => LoopProductBodies.NewtonValueAndGradient(t[0], t[1], t[2], steps, g[0], g[1], g[2]));
    }

    [Theory]
    [InlineData(1, 1, 3)]
    [InlineData(3, 7, 4)]
    [InlineData(2, 33, 3)]
    public void Products_in_branches_and_products_of_products(int batch, int hidden, int steps)
    {
        double[][] data = { Values(batch * hidden, 16), Values(hidden * hidden, 17).Select(v => v * 0.4).ToArray(), Values(hidden * hidden, 18).Select(v => v * 0.4).ToArray() };
        nint[][] shapes = { [batch, hidden], [hidden, hidden], [hidden, hidden] };
        CheckDoubles(
            data,
            shapes,
            t => LoopProductBodies.Branches(t[0], t[1], t[2], steps),
            t => LoopProductBodies.BranchesValue(t[0], t[1], t[2], steps),
            (t, g) => LoopProductBodies.BranchesValueAndGradient(t[0], t[1], t[2], steps, g[0], g[1], g[2]));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 4, 5)]
    [InlineData(7, 1, 33)]
    public void A_product_passed_to_a_callee_with_loops(int m, int k, int n)
    {
        double[][] data = { Values(m * k, 21), Values(k * n, 22) };
        nint[][] shapes = { [m, k], [k, n] };
        CheckDoubles(
            data,
            shapes,
            t => LoopProductBodies.Outer(t[0], t[1]),
            t => LoopProductBodies.OuterValue(t[0], t[1]),
            (t, g) => LoopProductBodies.OuterValueAndGradient(t[0], t[1], g[0], g[1]));
    }

    [Theory]
    [InlineData(1, 7, 10)]
    [InlineData(3, 33, 10)]
    public void Float_rnn_matches_the_double_one(int batch, int hidden, int steps)
    {
        double[][] data = { Values(batch * hidden, 1), Values(hidden * hidden, 2).Select(v => v * 0.4).ToArray(), Values(5 * hidden, 3), Values(steps * 5, 4) };
        nint[][] shapes = { [batch, hidden], [hidden, hidden], [5, hidden], [steps, 5] };
        Tensor<float>[] floats = data.Select((d, i) => Tensor.Create(d.Select(v => (float)v).ToArray(), shapes[i])).ToArray();
        Tensor<double>[] doubles = data.Select((d, i) => Tensor.Create(d.Select(v => (double)(float)v).ToArray(), shapes[i])).ToArray();
        Tensor<float>[] dFloats = shapes.Select(s => Tensor.CreateFromShape<float>(s)).ToArray();
        Tensor<double>[] dDoubles = shapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        float value = LoopProductBodies.RnnFloatValueAndGradient(floats[0], floats[1], floats[2], floats[3], steps, dFloats[0], dFloats[1], dFloats[2], dFloats[3]);
        double reference = LoopProductBodies.RnnValueAndGradient(doubles[0], doubles[1], doubles[2], doubles[3], steps, dDoubles[0], dDoubles[1], dDoubles[2], dDoubles[3]);
        Assert.Equal(LoopProductBodies.RnnFloat(floats[0], floats[1], floats[2], floats[3], steps), value, 3);
        Assert.Equal(LoopProductBodies.RnnFloatValue(floats[0], floats[1], floats[2], floats[3], steps), value, 3);
        Assert.True(Math.Abs(value - reference) <= 1e-4 * Math.Max(1, Math.Abs(reference)));
        for (int p = 0; p < shapes.Length; p++)
        {
            float[] got = dFloats[p].ToArray();
            double[] expected = dDoubles[p].ToArray();
            for (int i = 0; i < got.Length; i++)
            {
                Assert.True(Math.Abs(got[i] - expected[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])), $"parameter {p} element {i}: {got[i]} against {expected[i]}");
            }
        }
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        nint[][] shapes = { [3, 7], [7, 7], [5, 7], [10, 5] };
        Tensor<double>[] t = shapes.Select((s, i) => Tensor.Create(Values((int)(s[0] * s[1]), 20 + i), s)).ToArray();
        Tensor<double>[] g = shapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        long bytes = Allocations.FewestBytes(() => LoopProductBodies.RnnValueAndGradient(t[0], t[1], t[2], t[3], 10, g[0], g[1], g[2], g[3]));
        Assert.Equal(0, bytes);
        Assert.Equal(0, Allocations.FewestBytes(() => LoopProductBodies.RnnValue(t[0], t[1], t[2], t[3], 10)));
    }

    [Fact]
    public void Inner_lengths_that_differ_throw_naming_both_operands_before_any_gradient_is_written()
    {
        Tensor<double> h0 = Tensor.Create(Values(6, 1), [2, 3]);
        Tensor<double> w = Tensor.Create(Values(12, 2), [4, 3]);
        Tensor<double> u = Tensor.Create(Values(15, 3), [5, 3]);
        Tensor<double> xs = Tensor.Create(Values(10, 4), [2, 5]);
        Tensor<double> dh0 = Tensor.CreateFromShape<double>([2, 3]);
        dh0.Fill(7);
        var error = Assert.Throws<ArgumentException>(() => LoopProductBodies.RnnValueAndGradient(h0, w, u, xs, 2, dh0, Tensor.CreateFromShape<double>([4, 3]), Tensor.CreateFromShape<double>([5, 3]), Tensor.CreateFromShape<double>([2, 5])));
        Assert.Contains("'h' is [2, 3]", error.Message);
        Assert.Contains("'w' is [4, 3]", error.Message);
        Assert.All(dh0.ToArray(), v => Assert.Equal(7, v));
    }

    [Fact]
    public void A_product_that_changes_the_shape_of_a_tensor_local_throws_naming_it()
    {
        Tensor<double> h0 = Tensor.Create(Values(6, 1), [2, 3]);
        Tensor<double> w = Tensor.Create(Values(12, 2), [3, 4]);
        Tensor<double> u = Tensor.Create(Values(20, 3), [5, 4]);
        Tensor<double> xs = Tensor.Create(Values(10, 4), [2, 5]);
        var error = Assert.Throws<ArgumentException>(() => LoopProductBodies.RnnValue(h0, w, u, xs, 2));
        Assert.Contains("'h'", error.Message);
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[2, 4]", error.Message);
    }

    [Fact]
    public void A_block_of_rows_outside_the_matrix_throws_before_any_gradient_is_written()
    {
        nint[][] shapes = { [1, 3], [3, 3], [5, 3], [2, 5] };
        Tensor<double>[] t = shapes.Select((s, i) => Tensor.Create(Values((int)(s[0] * s[1]), i), s)).ToArray();
        Tensor<double>[] g = shapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        foreach (Tensor<double> gradient in g)
        {
            gradient.Fill(7);
        }

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LoopProductBodies.RnnValueAndGradient(t[0], t[1], t[2], t[3], 3, g[0], g[1], g[2], g[3]));
        Assert.Contains("xs[t..(t + 1), ..]", error.Message);
        Assert.All(g, gradient => Assert.All(gradient.ToArray(), v => Assert.Equal(7, v)));
    }

    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "loop_matmul.json"))).RootElement;

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
        double value = c.GetProperty("function").GetString() switch
        {
            "Rnn" => LoopProductBodies.RnnValueAndGradient(t[0], t[1], t[2], t[3], ints[0], g[0], g[1], g[2], g[3]),
            "VectorState" => LoopProductBodies.VectorStateValueAndGradient(t[0], t[1], t[2], ints[0], g[0], g[1], g[2]),
            "Minibatches" => LoopProductBodies.MinibatchesValueAndGradient(t[0], t[1], t[2], ints[0], ints[1], g[0], g[1]),
            "Power" => LoopProductBodies.PowerValueAndGradient(t[0], t[1], ints[0], g[0], g[1]),
            "Newton" => LoopProductBodies.NewtonValueAndGradient(t[0], t[1], t[2], ints[0], g[0], g[1], g[2]),
            "Branches" => LoopProductBodies.BranchesValueAndGradient(t[0], t[1], t[2], ints[0], g[0], g[1], g[2]),
            var other => throw new InvalidOperationException(other),
        };
        double expectedValue = c.GetProperty("value").GetDouble();
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
            for (int i = 0; i < want.Length; i++)
            {
                Assert.True(Math.Abs(got[i] - want[i]) <= 1e-9 * Math.Max(1, Math.Abs(want[i])), $"{inputs[p].GetProperty("name").GetString()}[{i}]: {got[i]} against torch {want[i]}");
            }
        }
    }
}
