using System;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// The overloads generic over the tensor types, which <c>Tensor&lt;T&gt;</c> arguments bind to, compute what the tensor
/// span overloads compute, bit for bit (both hand the span overload the same elements), broadcast as they do, throw
/// the same errors before writing anything (and <see cref="ArgumentNullException"/> for a null tensor), and allocate
/// nothing.
/// </summary>
public sealed class TensorOverloadTests
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

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);

    [Theory]
    [InlineData(new int[] { 0 })]
    [InlineData(new int[] { 9 })]
    [InlineData(new int[] { 1000 })]
    [InlineData(new int[] { 3, 3 })]
    [InlineData(new int[] { 2, 0, 4 })]
    [InlineData(new int[] { 70, 1001 })]
    public void Tensors_compute_the_values_and_gradients_of_tensor_spans(int[] shape)
    {
        nint[] lengths = Array.ConvertAll(shape, l => (nint)l);
        int n = 1;
        foreach (int length in shape)
        {
            n *= length;
        }

        float[] x = Floats(n, 1), target = Floats(n, 2), dxTensor = new float[n], dxSpan = new float[n];
        Tensor<float> xt = Tensor.Create(x, lengths), targetT = Tensor.Create(target, lengths), dxt = Tensor.Create(dxTensor, lengths);
        ReadOnlyTensorSpan<float> xs = xt, targetS = targetT;

        float viaTensors = SpanCalls.MseValueAndGradient(xt, targetT, dxt);
        float viaTensorSpans = SpanCalls.MseValueAndGradient(xs, targetS, new TensorSpan<float>(dxSpan, lengths));
        Assert.Equal(Bits(viaTensorSpans), Bits(viaTensors));
        Assert.Equal(dxSpan, dxTensor);
        Assert.Equal(Bits(SpanCalls.MseValue(xs, targetS)), Bits(SpanCalls.MseValue(xt, targetT)));
        Assert.Equal(Bits(SpanCalls.MseValue(x: xs, target: targetS)), Bits(SpanCalls.MseValue(target: targetT, x: xt)));
    }

    [Fact]
    public void A_scalar_parameter_and_its_gradient_pass_through()
    {
        double[] x = [1.5, 2, 3.25], y = [0.5, 4, 1], dx = new double[3], dy = new double[3], dxT = new double[3], dyT = new double[3];
        double value = SpanCalls.MixedValueAndGradient(x, 1.5, y, dx, out double da, dy);
        double valueT = SpanCalls.MixedValueAndGradient(Tensor.Create(x, [3]), 1.5, Tensor.Create(y, [3]), Tensor.Create(dxT, [3]), out double daT, Tensor.Create(dyT, [3]));
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(valueT));
        Assert.Equal(BitConverter.DoubleToInt64Bits(da), BitConverter.DoubleToInt64Bits(daT));
        Assert.Equal(dx, dxT);
        Assert.Equal(dy, dyT);
    }

    [Fact]
    public void Tensors_mixed_with_arrays_and_tensor_spans_compute_the_same()
    {
        float[] x = Floats(9, 1), target = Floats(9, 2), dx = new float[9], expected = new float[9], viaSpan = new float[9];
        float reference = SpanCalls.MseValueAndGradient(x, target, expected);

        // An array is no tensor: this call binds to the tensor span overload, which wraps the arrays.
        Assert.Equal(Bits(reference), Bits(SpanCalls.MseValueAndGradient(Tensor.Create(x, [9]), target, dx)));
        Assert.Equal(expected, dx);

        // A tensor span beside tensors binds to the generic overload.
        TensorSpan<float> gradient = viaSpan;
        Assert.Equal(Bits(reference), Bits(SpanCalls.MseValueAndGradient(Tensor.Create(x, [9]), Tensor.Create(target, [9]), gradient)));
        Assert.Equal(expected, viaSpan);
    }

    [Fact]
    public void Tensors_of_shapes_that_broadcast_compute_what_tensor_spans_do()
    {
        float[] x = Floats(12, 1), b = Floats(4, 2), dx = new float[12], db = new float[4], dxT = new float[12], dbT = new float[4];
        float viaSpans = Broadcasts.BroadcastSumFValueAndGradient(new ReadOnlyTensorSpan<float>(x, [3, 4]), new ReadOnlyTensorSpan<float>(b, [4]), new TensorSpan<float>(dx, [3, 4]), new TensorSpan<float>(db, [4]));
        Tensor<float> xt = Tensor.Create(x, [3, 4]), bt = Tensor.Create(b, [4]);
        float viaTensors = Broadcasts.BroadcastSumFValueAndGradient(xt, bt, Tensor.Create(dxT, [3, 4]), Tensor.Create(dbT, [4]));
        Assert.Equal(Bits(viaSpans), Bits(viaTensors));
        Assert.Equal(dx, dxT);
        Assert.Equal(db, dbT);
        Assert.Equal(Bits(Broadcasts.BroadcastSumFValue(new ReadOnlyTensorSpan<float>(x, [3, 4]), new ReadOnlyTensorSpan<float>(b, [4]))), Bits(Broadcasts.BroadcastSumFValue(xt, bt)));

        ArgumentException error = Assert.Throws<ArgumentException>(() => Broadcasts.BroadcastSumFValue(xt, Tensor.Create(Floats(3, 3), [3])));
        Assert.Contains("[3, 4]", error.Message);
        Assert.Contains("[3]", error.Message);
    }

    [Fact]
    public void Null_tensors_throw_ArgumentNullException_naming_the_parameter()
    {
        Tensor<float> t = Tensor.Create(Floats(4, 1), [4]), g = Tensor.Create(new float[4], [4]);
        Tensor<float>? none = null;
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => SpanCalls.MseValue(none!, t)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentNullException>(() => SpanCalls.MseValue(t, none!)).ParamName);
        Assert.Equal("dx", Assert.Throws<ArgumentNullException>(() => SpanCalls.MseValueAndGradient(t, t, none!)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => Broadcasts.BroadcastSumFValue(none!, t)).ParamName);
        Assert.Equal("db", Assert.Throws<ArgumentNullException>(() => Broadcasts.BroadcastSumFValueAndGradient(t, t, g, none!)).ParamName);
    }

    [Fact]
    public void Bad_shapes_and_shared_memory_throw_before_anything_is_written()
    {
        float[] gradient = [Sentinel, Sentinel, Sentinel, Sentinel, Sentinel, Sentinel];
        Tensor<float> matrix = Tensor.Create(Floats(6, 1), [2, 3]), vector = Tensor.Create(Floats(6, 3), [6]);
        Tensor<float> dx = Tensor.Create(gradient, [2, 3]);

        // Mse broadcasts: [2, 3] against [6] does not.
        ArgumentException shape = Assert.Throws<ArgumentException>(() => SpanCalls.MseValueAndGradient(matrix, vector, dx));
        Assert.Contains("[2, 3]", shape.Message);
        Assert.Contains("[6]", shape.Message);
        Assert.Equal("dx", Assert.Throws<ArgumentException>(() => SpanCalls.MseValueAndGradient(vector, vector, dx)).ParamName);

        // A broadcast view is not dense.
        Tensor<float> stretched = Tensor.Create(Floats(3, 4), [2, 3], [0, 1]);
        Assert.Contains("dense", Assert.Throws<ArgumentException>(() => SpanCalls.MseValue(stretched, matrix)).Message);
        Assert.Equal("dx", Assert.Throws<ArgumentException>(() => SpanCalls.MseValueAndGradient(matrix, matrix, stretched)).ParamName);

        // A gradient over its own input.
        Assert.Equal("dx", Assert.Throws<ArgumentException>(() => SpanCalls.MseValueAndGradient(dx, matrix, dx)).ParamName);
        Assert.All(gradient, v => Assert.Equal(Sentinel, v));

        // The messages are those of the tensor span overload.
        string expected = Assert.Throws<ArgumentException>(() => SpanCalls.MseValueAndGradient((ReadOnlyTensorSpan<float>)vector, (ReadOnlyTensorSpan<float>)vector, (TensorSpan<float>)dx)).Message;
        Assert.Equal(expected, Assert.Throws<ArgumentException>(() => SpanCalls.MseValueAndGradient(vector, vector, dx)).Message);
    }

    [Fact]
    public void Calls_with_tensors_allocate_nothing()
    {
        Tensor<float> x = Tensor.Create(Floats(9, 1), [3, 3]), target = Tensor.Create(Floats(9, 2), [3, 3]), dx = Tensor.Create(new float[9], [3, 3]);
        Tensor<float> b = Tensor.Create(Floats(3, 3), [3]), db = Tensor.Create(new float[3], [3]);
        void Calls()
        {
            SpanCalls.MseValue(x, target);
            SpanCalls.MseValueAndGradient(x, target, dx);
            Broadcasts.BroadcastSumFValue(x, b);
            Broadcasts.BroadcastSumFValueAndGradient(x, b, dx, db);
        }

        for (int i = 0; i < 40; i++)
        {
            Calls();
        }

        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                Calls();
            }
        }));
    }
}
