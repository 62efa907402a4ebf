using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>Methods that read their tensors element by element, so the generator adds span overloads to them.</summary>
public static partial class SpanCalls
{
    [Differentiable]
    public static float Mse(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target) => Mean(Square(x - target));

    [Differentiable]
    public static double Mixed(ReadOnlyTensorSpan<double> x, double a, ReadOnlyTensorSpan<double> y)
        => (a * Sum(x * y)) + Sum(Log(x)) - Mean(Square(y - Mean(y)));
}

/// <summary>
/// The span overloads compute what the tensor span overloads compute, bit for bit (they run the same kernels), check
/// lengths and memory before writing anything, and allocate nothing.
/// </summary>
public sealed class SpanOverloadTests
{
    private const float Sentinel = -7777.25f;

    private static float[] Floats(int n, int seed)
    {
        var random = new Random(seed);
        var values = new float[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = 0.5f + (float)random.NextDouble();
        }

        return values;
    }

    private static double[] Doubles(int n, int seed)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = 0.5 + random.NextDouble();
        }

        return values;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(17)]
    [InlineData(1000)]
    [InlineData(70_001)]
    public void Span_overloads_compute_the_values_and_gradients_of_the_tensor_span_overloads(int n)
    {
        float[] x = Floats(n, 1), target = Floats(n, 2);
        float[] dxSpan = new float[n], dxTensor = new float[n];
        float valueSpan = SpanCalls.MseValueAndGradient(x, target, dxSpan);
        float valueTensor = SpanCalls.MseValueAndGradient(new ReadOnlyTensorSpan<float>(x), new ReadOnlyTensorSpan<float>(target), new TensorSpan<float>(dxTensor));
        Assert.Equal(BitConverter.SingleToInt32Bits(valueTensor), BitConverter.SingleToInt32Bits(valueSpan));
        Assert.Equal(dxTensor, dxSpan);
        Assert.Equal(BitConverter.SingleToInt32Bits(SpanCalls.MseValue(new ReadOnlyTensorSpan<float>(x), new ReadOnlyTensorSpan<float>(target))), BitConverter.SingleToInt32Bits(SpanCalls.MseValue(x.AsSpan(), target.AsSpan())));

        double[] xd = Doubles(n, 3), yd = Doubles(n, 4);
        double[] dxd = new double[n], dyd = new double[n], dxdTensor = new double[n], dydTensor = new double[n];
        double mixedSpan = SpanCalls.MixedValueAndGradient(xd, 1.5, yd, dxd, out double daSpan, dyd);
        double mixedTensor = SpanCalls.MixedValueAndGradient(
            Tensor.Create(xd, [n]), 1.5, Tensor.Create(yd, [n]), Tensor.Create(dxdTensor, [n]), out double daTensor, Tensor.Create(dydTensor, [n]));
        Assert.Equal(BitConverter.DoubleToInt64Bits(mixedTensor), BitConverter.DoubleToInt64Bits(mixedSpan));
        Assert.Equal(BitConverter.DoubleToInt64Bits(daTensor), BitConverter.DoubleToInt64Bits(daSpan));
        Assert.Equal(dxdTensor, dxd);
        Assert.Equal(dydTensor, dyd);

        // The method run as written is the oracle for the value.
        double eager = SpanCalls.Mixed(xd, 1.5, yd);
        Assert.True(
            double.IsNaN(eager) ? double.IsNaN(mixedSpan) : Math.Abs(eager - mixedSpan) <= 1e-9 * Math.Max(1, Math.Abs(eager)),
            $"run as written {eager}, span overload {mixedSpan}");
    }

    [Fact]
    public void Span_overloads_reject_inputs_of_different_lengths_naming_both()
    {
        float[] dx = [Sentinel, Sentinel, Sentinel];
        var error = Assert.Throws<ArgumentException>(() => SpanCalls.MseValueAndGradient(new float[3], new float[2], dx));
        Assert.Equal("target", error.ParamName);
        Assert.Contains("'x'", error.Message);
        Assert.Contains("'target'", error.Message);
        Assert.Contains("3 elements", error.Message);
        Assert.Contains("has 2", error.Message);
        Assert.All(dx, d => Assert.Equal(Sentinel, d));

        error = Assert.Throws<ArgumentException>(() => SpanCalls.MseValue(new float[4], new float[5]));
        Assert.Contains("4 elements", error.Message);
        Assert.Contains("has 5", error.Message);
    }

    [Fact]
    public void Span_overloads_reject_a_gradient_of_another_length_naming_both()
    {
        float[] dx = [Sentinel, Sentinel];
        var error = Assert.Throws<ArgumentException>(() => SpanCalls.MseValueAndGradient(new float[3], new float[3], dx));
        Assert.Equal("dx", error.ParamName);
        Assert.Contains("Gradient 'dx' must have the length of 'x', 3 elements, but it has 2.", error.Message);
        Assert.Contains("new float[x.Length]", error.Message);
        Assert.All(dx, d => Assert.Equal(Sentinel, d));

        double[] dy = new double[4];
        error = Assert.Throws<ArgumentException>(() => SpanCalls.MixedValueAndGradient(new double[5], 1, new double[5], new double[5], out _, dy));
        Assert.Equal("dy", error.ParamName);
        Assert.Contains("'y', 5 elements, but it has 4", error.Message);
    }

    [Fact]
    public void Span_overloads_reject_gradients_that_share_memory_with_an_input_or_each_other()
    {
        float[] x = [1, 2, 3, 4], target = [4, 3, 2, 1];
        var error = Assert.Throws<ArgumentException>(() => SpanCalls.MseValueAndGradient(x, target, x));
        Assert.Equal("dx", error.ParamName);
        Assert.Contains("Gradient 'dx' shares memory with input 'x'", error.Message);
        Assert.Equal([1f, 2f, 3f, 4f], x);

        // Overlapping, not equal: the gradient starts inside the target.
        float[] both = [1, 2, 3, 4, 5, 6];
        error = Assert.Throws<ArgumentException>(() => SpanCalls.MseValueAndGradient(x.AsSpan(0, 4), both.AsSpan(0, 4), both.AsSpan(2, 4)));
        Assert.Contains("'dx' shares memory with input 'target'", error.Message);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], both);

        double[] shared = new double[3];
        error = Assert.Throws<ArgumentException>(() => SpanCalls.MixedValueAndGradient(new double[3], 1, new double[3], shared, out _, shared));
        Assert.Contains("Gradients 'dx' and 'dy' share memory", error.Message);

        // Adjacent buffers do not overlap.
        double[] adjacent = new double[6];
        SpanCalls.MixedValueAndGradient(Doubles(3, 5), 1, Doubles(3, 6), adjacent.AsSpan(0, 3), out _, adjacent.AsSpan(3, 3));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(1000)]
    public void Span_overloads_allocate_nothing(int n)
    {
        float[] x = Floats(n, 1), target = Floats(n, 2), dx = new float[n];
        double[] xd = Doubles(n, 3), yd = Doubles(n, 4), dxd = new double[n], dyd = new double[n];
        for (int i = 0; i < 40; i++)
        {
            SpanCalls.MseValue(x, target);
            SpanCalls.MseValueAndGradient(x, target, dx);
            SpanCalls.MixedValueAndGradient(xd, 2, yd, dxd, out _, dyd);
        }

        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                SpanCalls.MseValue(x, target);
                SpanCalls.MseValueAndGradient(x, target, dx);
                SpanCalls.MixedValueAndGradient(xd, 2, yd, dxd, out _, dyd);
            }
        }));
    }
}
