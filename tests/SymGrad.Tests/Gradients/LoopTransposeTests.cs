using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>Transposed operands of matrix products inside loops: attention steps, a transpose on the left, a transposed tensor local.</summary>
public static partial class LoopTransposeBodies
{
    /// <summary>Attention steps: <c>q</c> <c>[R, D]</c> attends over keys <c>k</c> <c>[S, D]</c> and values <c>v</c> <c>[S, D]</c>.</summary>
    [Differentiable]
    public static double AttentionSteps(ReadOnlyTensorSpan<double> q0, ReadOnlyTensorSpan<double> k, ReadOnlyTensorSpan<double> v, int steps)
    {
        var q = q0;
        for (int t = 0; t < steps; t++)
        {
            var a = Softmax(MatMul(q, Transpose(k)), 1);
            q = Tanh(MatMul(a, v) + q);
        }

        return Sum(Square(q));
    }

    [Differentiable]
    public static float AttentionStepsFloat(ReadOnlyTensorSpan<float> q0, ReadOnlyTensorSpan<float> k, ReadOnlyTensorSpan<float> v, int steps)
    {
        var q = q0;
        for (int t = 0; t < steps; t++)
        {
            var a = Softmax(MatMul(q, Transpose(k)), 1);
            q = Tanh(MatMul(a, v) + q);
        }

        return Sum(Square(q));
    }

    /// <summary>A transpose on the left: <c>a</c> <c>[N, M]</c> read as <c>aᵀ</c> and as itself, <c>b</c> <c>[N, P]</c>, <c>h</c> <c>[M, P]</c>.</summary>
    [Differentiable]
    public static double LeftTranspose(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, ReadOnlyTensorSpan<double> h0, int steps)
    {
        var h = h0;
        double loss = 0;
        for (int t = 0; t < steps; t++)
        {
            h = Tanh((MatMul(Transpose(a), MatMul(a, h)) * 0.5) + MatMul(Transpose(a), b));
            loss += Sum(h * h);
        }

        return loss + Sum(h);
    }

    [Differentiable]
    public static float LeftTransposeFloat(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, ReadOnlyTensorSpan<float> h0, int steps)
    {
        var h = h0;
        float loss = 0;
        for (int t = 0; t < steps; t++)
        {
            h = Tanh((MatMul(Transpose(a), MatMul(a, h)) * 0.5f) + MatMul(Transpose(a), b));
            loss += Sum(h * h);
        }

        return loss + Sum(h);
    }

    /// <summary>
    /// A transposed tensor local: <c>m</c> <c>[S, D]</c> changes each step and is read as <c>mᵀ</c> on the right and, with
    /// <c>q</c> <c>[D, S]</c> transposed too, on both sides.
    /// </summary>
    [Differentiable]
    public static double TransposedLocal(ReadOnlyTensorSpan<double> x0, ReadOnlyTensorSpan<double> k, ReadOnlyTensorSpan<double> q, int steps)
    {
        var x = x0;
        var m = k;
        double loss = 0;
        for (int t = 0; t < steps; t++)
        {
            m = Tanh(m * 0.9);
            x = Tanh(MatMul(MatMul(x, Transpose(m)), m) + x);
            if (t % 2 == 0)
            {
                loss += Sum(Square(MatMul(Transpose(q), Transpose(m))));
            }
        }

        return loss + Sum(Square(x));
    }
}

/// <summary>
/// <c>Transpose(k)</c> as an operand of <c>MatMul</c> in a method with loops or branches, read in place: values against
/// the methods run as written, gradients against central differences (float against double), shapes that do not agree
/// throwing before any gradient is written, and a warm call allocating nothing.
/// </summary>
public sealed class LoopTransposeTests
{
    private static double[] Values(int count, int seed) => LoopProductTests.Values(count, seed);

    [Theory]
    [InlineData(3, 4, 5, 0)]
    [InlineData(3, 4, 5, 1)]
    [InlineData(3, 4, 5, 3)]
    [InlineData(1, 1, 1, 3)]
    [InlineData(1, 17, 1, 1)]
    [InlineData(17, 1, 3, 3)]
    [InlineData(3, 17, 17, 3)]
    public void Attention_steps_match_the_method_and_central_differences(int rows, int width, int keys, int steps)
    {
        double[][] data = { Values(rows * width, 1), Values(keys * width, 2), Values(keys * width, 3) };
        nint[][] shapes = { [rows, width], [keys, width], [keys, width] };
        LoopProductTests.CheckDoubles(
            data,
            shapes,
            t => LoopTransposeBodies.AttentionSteps(t[0], t[1], t[2], steps),
            t => LoopTransposeBodies.AttentionStepsValue(t[0], t[1], t[2], steps),
            (t, g) => LoopTransposeBodies.AttentionStepsValueAndGradient(t[0], t[1], t[2], steps, g[0], g[1], g[2]));
    }

    [Theory]
    [InlineData(3, 4, 5, 0)]
    [InlineData(3, 4, 5, 1)]
    [InlineData(3, 4, 5, 3)]
    [InlineData(1, 1, 1, 3)]
    [InlineData(17, 17, 3, 3)]
    public void A_transpose_on_the_left_matches_the_method_and_central_differences(int n, int m, int p, int steps)
    {
        double[][] data = { Values(n * m, 4).Select(v => v * 0.5).ToArray(), Values(n * p, 5), Values(m * p, 6) };
        nint[][] shapes = { [n, m], [n, p], [m, p] };
        LoopProductTests.CheckDoubles(
            data,
            shapes,
            t => LoopTransposeBodies.LeftTranspose(t[0], t[1], t[2], steps),
            t => LoopTransposeBodies.LeftTransposeValue(t[0], t[1], t[2], steps),
            (t, g) => LoopTransposeBodies.LeftTransposeValueAndGradient(t[0], t[1], t[2], steps, g[0], g[1], g[2]));
    }

    [Theory]
    [InlineData(3, 4, 5, 0)]
    [InlineData(3, 4, 5, 1)]
    [InlineData(3, 4, 5, 3)]
    [InlineData(1, 1, 1, 3)]
    [InlineData(2, 17, 1, 3)]
    [InlineData(17, 3, 17, 2)]
    public void A_transposed_tensor_local_matches_the_method_and_central_differences(int rows, int width, int keys, int steps)
    {
        double[][] data = { Values(rows * width, 7).Select(v => v * 0.5).ToArray(), Values(keys * width, 8).Select(v => v * 0.5).ToArray(), Values(width * keys, 9) };
        nint[][] shapes = { [rows, width], [keys, width], [width, keys] };
        LoopProductTests.CheckDoubles(
            data,
            shapes,
            t => LoopTransposeBodies.TransposedLocal(t[0], t[1], t[2], steps),
            t => LoopTransposeBodies.TransposedLocalValue(t[0], t[1], t[2], steps),
            (t, g) => LoopTransposeBodies.TransposedLocalValueAndGradient(t[0], t[1], t[2], steps, g[0], g[1], g[2]));
    }

    [Theory]
    [InlineData(3, 4, 5, 3)]
    [InlineData(1, 17, 1, 1)]
    [InlineData(17, 3, 17, 3)]
    public void Float_attention_matches_the_double_one(int rows, int width, int keys, int steps)
    {
        double[][] data = { Values(rows * width, 1), Values(keys * width, 2), Values(keys * width, 3) };
        nint[][] shapes = { [rows, width], [keys, width], [keys, width] };
        CheckFloats(
            data,
            shapes,
            (t, g) => LoopTransposeBodies.AttentionStepsFloatValueAndGradient(t[0], t[1], t[2], steps, g[0], g[1], g[2]),
            t => LoopTransposeBodies.AttentionStepsFloat(t[0], t[1], t[2], steps),
            t => LoopTransposeBodies.AttentionStepsFloatValue(t[0], t[1], t[2], steps),
            (t, g) => LoopTransposeBodies.AttentionStepsValueAndGradient(t[0], t[1], t[2], steps, g[0], g[1], g[2]));
    }

    [Theory]
    [InlineData(3, 4, 5, 3)]
    [InlineData(17, 1, 17, 1)]
    public void Float_transpose_on_the_left_matches_the_double_one(int n, int m, int p, int steps)
    {
        double[][] data = { Values(n * m, 4).Select(v => v * 0.5).ToArray(), Values(n * p, 5), Values(m * p, 6) };
        nint[][] shapes = { [n, m], [n, p], [m, p] };
        CheckFloats(
            data,
            shapes,
            (t, g) => LoopTransposeBodies.LeftTransposeFloatValueAndGradient(t[0], t[1], t[2], steps, g[0], g[1], g[2]),
            t => LoopTransposeBodies.LeftTransposeFloat(t[0], t[1], t[2], steps),
            t => LoopTransposeBodies.LeftTransposeFloatValue(t[0], t[1], t[2], steps),
            (t, g) => LoopTransposeBodies.LeftTransposeValueAndGradient(t[0], t[1], t[2], steps, g[0], g[1], g[2]));
    }

    [Fact]
    public void Inner_lengths_that_differ_under_softmax_throw_when_the_method_is_called_before_any_gradient_is_written()
    {
        Tensor<double> q0 = Tensor.Create(Values(12, 1), [3, 4]);
        Tensor<double> k = Tensor.Create(Values(15, 2), [5, 3]);
        Tensor<double> v = Tensor.Create(Values(20, 3), [5, 4]);
        Tensor<double> dq0 = Tensor.CreateFromShape<double>([3, 4]);
        Tensor<double> dk = Tensor.CreateFromShape<double>([5, 3]);
        dq0.Fill(7);
        dk.Fill(7);
        var error = Assert.Throws<ArgumentException>(() => LoopTransposeBodies.AttentionStepsValueAndGradient(q0, k, v, 2, dq0, dk, Tensor.CreateFromShape<double>([5, 4])));
        // The axis function's shape is worked out when the method is called, from a product whose shape is none: the
        // product's exception, naming both operands and both shapes.
        Assert.Contains("MatMul(q, Transpose(k)) multiplies [m, k]", error.Message);
        Assert.Contains("[3, 4]", error.Message);
        Assert.Contains("[3, 5]", error.Message);
        Assert.All(dq0.ToArray(), x => Assert.Equal(7, x));
        Assert.All(dk.ToArray(), x => Assert.Equal(7, x));
    }

    [Fact]
    public void A_transpose_on_the_left_whose_rows_differ_throws_naming_both_operands()
    {
        Tensor<double> a = Tensor.Create(Values(12, 4), [4, 3]);
        Tensor<double> b = Tensor.Create(Values(10, 5), [5, 2]);
        Tensor<double> h0 = Tensor.Create(Values(6, 6), [3, 2]);
        Tensor<double> da = Tensor.CreateFromShape<double>([4, 3]);
        da.Fill(7);
        var error = Assert.Throws<ArgumentException>(() => LoopTransposeBodies.LeftTransposeValueAndGradient(a, b, h0, 1, da, Tensor.CreateFromShape<double>([5, 2]), Tensor.CreateFromShape<double>([3, 2])));
        Assert.Contains("'Transpose(a)' is [3, 4]", error.Message);
        Assert.Contains("'b' is [5, 2]", error.Message);
        Assert.All(da.ToArray(), x => Assert.Equal(7, x));
    }

    [Fact]
    public void A_transpose_of_a_vector_throws_naming_it_before_any_gradient_is_written()
    {
        Tensor<double> a = Tensor.Create(Values(4, 4), [4]);
        Tensor<double> b = Tensor.Create(Values(8, 5), [4, 2]);
        Tensor<double> h0 = Tensor.Create(Values(8, 6), [4, 2]);
        Tensor<double> da = Tensor.CreateFromShape<double>([4]);
        da.Fill(7);
        var error = Assert.Throws<ArgumentException>(() => LoopTransposeBodies.LeftTransposeValueAndGradient(a, b, h0, 1, da, Tensor.CreateFromShape<double>([4, 2]), Tensor.CreateFromShape<double>([4, 2])));
        Assert.Contains("Transpose(a)", error.Message);
        Assert.Contains("'a' is [4]", error.Message);
        Assert.Equal("a", error.ParamName);
        Assert.All(da.ToArray(), x => Assert.Equal(7, x));

        // No step transposes it: nothing throws, as the method run as written throws nothing.
        Assert.Equal(LoopTransposeBodies.LeftTranspose(a, b, h0, 0), LoopTransposeBodies.LeftTransposeValue(a, b, h0, 0), 12);
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        nint[][] shapes = { [3, 4], [5, 4], [5, 4] };
        Tensor<double>[] t = shapes.Select((s, i) => Tensor.Create(Values((int)(s[0] * s[1]), 20 + i), s)).ToArray();
        Tensor<double>[] g = shapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        Assert.Equal(0, Allocations.FewestBytes(() => LoopTransposeBodies.AttentionStepsValueAndGradient(t[0], t[1], t[2], 3, g[0], g[1], g[2])));
        Assert.Equal(0, Allocations.FewestBytes(() => LoopTransposeBodies.AttentionStepsValue(t[0], t[1], t[2], 3)));
        nint[][] local = { [3, 4], [5, 4], [4, 5] };
        Tensor<double>[] l = local.Select((s, i) => Tensor.Create(Values((int)(s[0] * s[1]), 30 + i), s)).ToArray();
        Tensor<double>[] dl = local.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        Assert.Equal(0, Allocations.FewestBytes(() => LoopTransposeBodies.TransposedLocalValueAndGradient(l[0], l[1], l[2], 3, dl[0], dl[1], dl[2])));
    }

    /// <summary>Checks a float method's value against the method run as written and its gradients against the double method's.</summary>
    private static void CheckFloats(
        double[][] data,
        nint[][] shapes,
        Func<Tensor<float>[], Tensor<float>[], float> valueAndGradient,
        Func<Tensor<float>[], float> eager,
        Func<Tensor<float>[], float> value,
        Func<Tensor<double>[], Tensor<double>[], double> reference)
    {
        Tensor<float>[] floats = data.Select((d, i) => Tensor.Create(d.Select(v => (float)v).ToArray(), shapes[i])).ToArray();
        Tensor<double>[] doubles = data.Select((d, i) => Tensor.Create(d.Select(v => (double)(float)v).ToArray(), shapes[i])).ToArray();
        Tensor<float>[] dFloats = shapes.Select(s => Tensor.CreateFromShape<float>(s)).ToArray();
        Tensor<double>[] dDoubles = shapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        float got = valueAndGradient(floats, dFloats);
        double expected = reference(doubles, dDoubles);
        Assert.Equal(eager(floats), got, 3);
        Assert.Equal(value(floats), got, 3);
        Assert.True(Math.Abs(got - expected) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"{got} against {expected}");
        for (int p = 0; p < shapes.Length; p++)
        {
            float[] g = dFloats[p].ToArray();
            double[] e = dDoubles[p].ToArray();
            for (int i = 0; i < g.Length; i++)
            {
                Assert.True(Math.Abs(g[i] - e[i]) <= 1e-4 * Math.Max(1, Math.Abs(e[i])), $"parameter {p} element {i}: {g[i]} against {e[i]}");
            }
        }
    }
}
