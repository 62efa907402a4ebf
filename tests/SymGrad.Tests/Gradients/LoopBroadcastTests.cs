using System;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.Json;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>Tensors of different shapes meeting element-wise inside loops: a state stepped with a bias, and reductions.</summary>
public static partial class LoopBroadcastBodies
{
    /// <summary>Euler steps of <c>s' = a s - bias</c>: the bias is broadcast over the state.</summary>
    [Differentiable]
    public static double Step(ReadOnlyTensorSpan<double> s0, ReadOnlyTensorSpan<double> bias, double a, double dt, int steps)
    {
        var s = s0;
        for (int t = 0; t < steps; t++)
        {
            s = s + (dt * ((a * s) - bias));
        }

        return Sum(Square(s));
    }

    [Differentiable]
    public static float StepFloat(ReadOnlyTensorSpan<float> s0, ReadOnlyTensorSpan<float> bias, float a, float dt, int steps)
    {
        var s = s0;
        for (int t = 0; t < steps; t++)
        {
            s = s + (dt * ((a * s) - bias));
        }

        return Sum(Square(s));
    }

    /// <summary><see cref="Step"/> with the smaller operand on the left of each operator it meets.</summary>
    [Differentiable]
    public static double StepBiasFirst(ReadOnlyTensorSpan<double> s0, ReadOnlyTensorSpan<double> bias, double a, double dt, int steps)
    {
        var s = s0;
        for (int t = 0; t < steps; t++)
        {
            s = (dt * (bias - (a * s))) + s;
        }

        return Sum(Square(s));
    }

    [Differentiable]
    public static float StepBiasFirstFloat(ReadOnlyTensorSpan<float> s0, ReadOnlyTensorSpan<float> bias, float a, float dt, int steps)
    {
        var s = s0;
        for (int t = 0; t < steps; t++)
        {
            s = (dt * (bias - (a * s))) + s;
        }

        return Sum(Square(s));
    }

    /// <summary>Sums of two tensors broadcast against each other, either of them the larger (or both stretched).</summary>
    [Differentiable]
    public static double Meet(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, int steps)
    {
        double total = 0;
        for (int k = 1; k <= steps; k++)
        {
            total += Sum(Tanh((x * (0.3 * k)) + y));
        }

        return total;
    }

    [Differentiable]
    public static float MeetFloat(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y, int steps)
    {
        float total = 0;
        for (int k = 1; k <= steps; k++)
        {
            total += Sum(Tanh((x * (0.3f * k)) + y));
        }

        return total;
    }
}

/// <summary>
/// Broadcasting in methods with loops: values against the methods run as written, gradients against PyTorch float64
/// (<c>Reference/loop_broadcast.json</c>, from <c>tools/reference/loop_broadcast.py</c>) and central differences; shapes
/// that do not broadcast throw before anything is written; a warm call allocates nothing.
/// </summary>
public sealed class LoopBroadcastTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "loop_broadcast.json"))).RootElement;

    private static readonly int Steps = Reference.GetProperty("steps").GetInt32();

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (JsonElement function in Reference.GetProperty("functions").EnumerateArray())
        {
            for (int i = 0; i < function.GetProperty("cases").GetArrayLength(); i++)
            {
                data.Add(function.GetProperty("name").GetString()!, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Doubles_match_the_method_torch_and_central_differences(string function, int index)
    {
        JsonElement c = Case(function, index);
        (string first, string second) = function == "Meet" ? ("x", "y") : ("s0", "bias");
        double[] u = Values(c, first);
        double[] v = Values(c, second);
        nint[] uShape = Shape(c, first);
        nint[] vShape = Shape(c, second);
        var du = new double[u.Length];
        var dv = new double[v.Length];
        double a = 0;
        double dt = 0;
        double da = 0;
        double ddt = 0;
        Func<double[], double[], double, double, double> eager;
        double value;
        double valueOnly;
        if (function == "Meet")
        {
            eager = (p, q, _, _) => LoopBroadcastBodies.Meet(Tensor.Create(p, uShape), Tensor.Create(q, vShape), Steps);
            value = LoopBroadcastBodies.MeetValueAndGradient(Tensor.Create(u, uShape), Tensor.Create(v, vShape), Steps, new TensorSpan<double>(du, uShape), new TensorSpan<double>(dv, vShape));
            valueOnly = LoopBroadcastBodies.MeetValue(Tensor.Create(u, uShape), Tensor.Create(v, vShape), Steps);
        }
        else
        {
            a = c.GetProperty("scalars").GetProperty("a").GetDouble();
            dt = c.GetProperty("scalars").GetProperty("dt").GetDouble();
            bool biasFirst = function == "StepBiasFirst";
            eager = (p, q, x, y) => biasFirst
                ? LoopBroadcastBodies.StepBiasFirst(Tensor.Create(p, uShape), Tensor.Create(q, vShape), x, y, Steps)
                : LoopBroadcastBodies.Step(Tensor.Create(p, uShape), Tensor.Create(q, vShape), x, y, Steps);
            value = biasFirst
                ? LoopBroadcastBodies.StepBiasFirstValueAndGradient(Tensor.Create(u, uShape), Tensor.Create(v, vShape), a, dt, Steps, new TensorSpan<double>(du, uShape), new TensorSpan<double>(dv, vShape), out da, out ddt)
                : LoopBroadcastBodies.StepValueAndGradient(Tensor.Create(u, uShape), Tensor.Create(v, vShape), a, dt, Steps, new TensorSpan<double>(du, uShape), new TensorSpan<double>(dv, vShape), out da, out ddt);
            valueOnly = biasFirst
                ? LoopBroadcastBodies.StepBiasFirstValue(Tensor.Create(u, uShape), Tensor.Create(v, vShape), a, dt, Steps)
                : LoopBroadcastBodies.StepValue(Tensor.Create(u, uShape), Tensor.Create(v, vShape), a, dt, Steps);
            Close(c.GetProperty("gradients").GetProperty("a")[0].GetDouble(), da, 1e-10, "da");
            Close(c.GetProperty("gradients").GetProperty("dt")[0].GetDouble(), ddt, 1e-10, "ddt");
        }

        string what = function + " " + Format(uShape) + " with " + Format(vShape);
        double asWritten = eager(u, v, a, dt);
        Close(asWritten, value, 1e-12, what + ": value");
        Close(asWritten, valueOnly, 1e-12, what + ": value method");
        Close(c.GetProperty("value").GetDouble(), value, 1e-10, what + ": value against torch");
        Close(Doubles(c.GetProperty("gradients").GetProperty(first)), du, 1e-10, what + ": d" + first);
        Close(Doubles(c.GetProperty("gradients").GetProperty(second)), dv, 1e-10, what + ": d" + second);

        // Central differences of the method as written, element by element.
        const double h = 1e-6;
        for (int i = 0; i < u.Length; i++)
        {
            Close(Difference(p => eager(p, v, a, dt), u, i, h), du[i], 1e-6, what + ": d" + first + "[" + i + "] by differences");
        }

        for (int i = 0; i < v.Length; i++)
        {
            Close(Difference(q => eager(u, q, a, dt), v, i, h), dv[i], 1e-6, what + ": d" + second + "[" + i + "] by differences");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Floats_match_the_method_and_torch(string function, int index)
    {
        JsonElement c = Case(function, index);
        (string first, string second) = function == "Meet" ? ("x", "y") : ("s0", "bias");
        float[] u = Values(c, first).Select(d => (float)d).ToArray();
        float[] v = Values(c, second).Select(d => (float)d).ToArray();
        nint[] uShape = Shape(c, first);
        nint[] vShape = Shape(c, second);
        var du = new float[u.Length];
        var dv = new float[v.Length];
        float value;
        float asWritten;
        if (function == "Meet")
        {
            asWritten = LoopBroadcastBodies.MeetFloat(Tensor.Create(u, uShape), Tensor.Create(v, vShape), Steps);
            value = LoopBroadcastBodies.MeetFloatValueAndGradient(Tensor.Create(u, uShape), Tensor.Create(v, vShape), Steps, new TensorSpan<float>(du, uShape), new TensorSpan<float>(dv, vShape));
        }
        else
        {
            float a = (float)c.GetProperty("scalars").GetProperty("a").GetDouble();
            float dt = (float)c.GetProperty("scalars").GetProperty("dt").GetDouble();
            float da;
            float ddt;
            if (function == "StepBiasFirst")
            {
                asWritten = LoopBroadcastBodies.StepBiasFirstFloat(Tensor.Create(u, uShape), Tensor.Create(v, vShape), a, dt, Steps);
                value = LoopBroadcastBodies.StepBiasFirstFloatValueAndGradient(Tensor.Create(u, uShape), Tensor.Create(v, vShape), a, dt, Steps, new TensorSpan<float>(du, uShape), new TensorSpan<float>(dv, vShape), out da, out ddt);
            }
            else
            {
                asWritten = LoopBroadcastBodies.StepFloat(Tensor.Create(u, uShape), Tensor.Create(v, vShape), a, dt, Steps);
                value = LoopBroadcastBodies.StepFloatValueAndGradient(Tensor.Create(u, uShape), Tensor.Create(v, vShape), a, dt, Steps, new TensorSpan<float>(du, uShape), new TensorSpan<float>(dv, vShape), out da, out ddt);
            }

            Close(c.GetProperty("gradients").GetProperty("a")[0].GetDouble(), da, 1e-4, "da");
            Close(c.GetProperty("gradients").GetProperty("dt")[0].GetDouble(), ddt, 1e-4, "ddt");
        }

        string what = function + "Float " + Format(uShape) + " with " + Format(vShape);
        Close(asWritten, value, 1e-5, what + ": value");
        Close(c.GetProperty("value").GetDouble(), value, 1e-4, what + ": value against torch");
        Close(Doubles(c.GetProperty("gradients").GetProperty(first)), du.Select(d => (double)d).ToArray(), 1e-4, what + ": d" + first);
        Close(Doubles(c.GetProperty("gradients").GetProperty(second)), dv.Select(d => (double)d).ToArray(), 1e-4, what + ": d" + second);
    }

    [Theory]
    [InlineData(new[] { 3, 5 }, new[] { 3 })]
    [InlineData(new[] { 3, 5 }, new[] { 5, 3 })]
    [InlineData(new[] { 3, 5 }, new[] { 2, 5 })]
    [InlineData(new[] { 1, 7 }, new[] { 6 })]
    public void Shapes_that_do_not_broadcast_throw_naming_both_before_anything_is_written(int[] stateShape, int[] biasShape)
    {
        nint[] uShape = stateShape.Select(l => (nint)l).ToArray();
        nint[] vShape = biasShape.Select(l => (nint)l).ToArray();
        var u = new double[stateShape.Aggregate(1, (p, l) => p * l)];
        var v = new double[biasShape.Aggregate(1, (p, l) => p * l)];
        var du = Enumerable.Repeat(7.0, u.Length).ToArray();
        var dv = Enumerable.Repeat(7.0, v.Length).ToArray();
        double da = 7;

        Assert.ThrowsAny<ArgumentException>(() => LoopBroadcastBodies.Step(Tensor.Create(u, uShape), Tensor.Create(v, vShape), 0.5, 0.1, 3));
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => LoopBroadcastBodies.StepValueAndGradient(Tensor.Create(u, uShape), Tensor.Create(v, vShape), 0.5, 0.1, 3, new TensorSpan<double>(du, uShape), new TensorSpan<double>(dv, vShape), out da, out _));
        ArgumentException meet = Assert.ThrowsAny<ArgumentException>(() => LoopBroadcastBodies.MeetValue(Tensor.Create(v, vShape), Tensor.Create(u, uShape), 3));

        foreach (ArgumentException e in new[] { error, meet })
        {
            Assert.Contains(Format(uShape), e.Message);
            Assert.Contains(Format(vShape), e.Message);
            Assert.Contains("do not broadcast", e.Message);
        }

        Assert.Contains("'bias'", error.Message);
        Assert.Contains("'(a * s)'", error.Message);
        Assert.Contains("'y'", meet.Message);
        Assert.All(du, d => Assert.Equal(7, d));
        Assert.All(dv, d => Assert.Equal(7, d));
        Assert.Equal(7, da);
    }

    [Fact]
    public void A_local_assigned_a_larger_broadcast_than_it_holds_throws_naming_both()
    {
        // Run as written, s + bias would grow s from [5] to [3, 5]; a tensor local in loops keeps the shape it was given.
        var du = new double[5];
        var dv = Enumerable.Repeat(7.0, 15).ToArray();
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => LoopBroadcastBodies.StepValueAndGradient(
            Tensor.Create(new double[5], [5]), Tensor.Create(new double[15], [3, 5]), 0.5, 0.1, 3, new TensorSpan<double>(du, [5]), new TensorSpan<double>(dv, [3, 5]), out _, out _));

        Assert.Contains("'s'", error.Message);
        Assert.Contains("[5]", error.Message);
        Assert.Contains("[3, 5]", error.Message);
        Assert.All(dv, d => Assert.Equal(7, d));
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        Tensor<double> s0 = Tensor.Create(Enumerable.Range(0, 15).Select(i => 0.1 * i).ToArray(), [3, 5]);
        Tensor<double> bias = Tensor.Create(new[] { 0.3, -0.2, 0.1, 0.4, -0.5 }, [5]);
        Tensor<double> column = Tensor.Create(new[] { 0.3, -0.2, 0.1 }, [3, 1]);
        var ds0 = new double[15];
        var dbias = new double[5];
        var dcolumn = new double[3];
        float[] x = { 0.5f, -0.1f, 0.2f, 0.7f, -0.3f, 0.4f, 0.1f };
        float[] y = { 0.25f };
        var dx = new float[7];
        var dy = new float[1];
        void Calls()
        {
            LoopBroadcastBodies.StepValueAndGradient(s0, bias, 0.5, 0.1, 20, new TensorSpan<double>(ds0, [3, 5]), new TensorSpan<double>(dbias, [5]), out _, out _);
            LoopBroadcastBodies.StepValue(s0, bias, 0.5, 0.1, 20);
            LoopBroadcastBodies.MeetValueAndGradient(s0, column, 10, new TensorSpan<double>(ds0, [3, 5]), new TensorSpan<double>(dcolumn, [3, 1]));
            LoopBroadcastBodies.MeetFloatValueAndGradient(new ReadOnlyTensorSpan<float>(x, [1, 7]), new ReadOnlyTensorSpan<float>(y, [1]), 10, new TensorSpan<float>(dx, [1, 7]), new TensorSpan<float>(dy, [1]));
        }

        Calls();
        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (int r = 0; r < 10; r++)
            {
                Calls();
            }
        }));
    }

    private static JsonElement Case(string function, int index)
        => Reference.GetProperty("functions").EnumerateArray().Single(f => f.GetProperty("name").GetString() == function).GetProperty("cases")[index];

    private static double[] Values(JsonElement c, string name) => Doubles(c.GetProperty("inputs").GetProperty(name).GetProperty("values"));

    private static nint[] Shape(JsonElement c, string name) => c.GetProperty("inputs").GetProperty(name).GetProperty("shape").EnumerateArray().Select(l => (nint)l.GetInt32()).ToArray();

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static string Format(nint[] shape) => "[" + string.Join(", ", shape) + "]";

    private static double Difference(Func<double[], double> f, double[] at, int i, double h)
    {
        double[] plus = (double[])at.Clone();
        double[] minus = (double[])at.Clone();
        plus[i] += h;
        minus[i] -= h;
        return (f(plus) - f(minus)) / (2 * h);
    }

    private static void Close(double expected, double actual, double tolerance, string what)
        => Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}.");

    private static void Close(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected[i], actual[i], tolerance, what + "[" + i + "]");
        }
    }
}
