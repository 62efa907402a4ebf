using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Runtime;

public class TensorMathElementwiseTests
{
    // Float results are within a few units in the last place of the exact value; double ones within a few dozen.
    private const double FloatTolerance = 5e-7;
    private const double DoubleTolerance = 1e-14;

    /// <summary>An element-wise function at both element types and both arities, with its reference and domain.</summary>
    private sealed record Function(
        Func<ReadOnlyTensorSpan<float>, Tensor<float>> TensorSingle,
        Func<ReadOnlyTensorSpan<double>, Tensor<double>> TensorDouble,
        Func<float, float> ScalarSingle,
        Func<double, double> ScalarDouble,
        Func<double, double> Reference,
        Func<double, double> Derivative,
        double Low,
        double High);

    private static readonly Dictionary<string, Function> Functions = new()
    {
        ["Square"] = new(x => Square(x), x => Square(x), x => Square(x), x => Square(x), x => x * x, x => 2 * x, -10, 10),
        ["Sqrt"] = new(x => Sqrt(x), x => Sqrt(x), x => Sqrt(x), x => Sqrt(x), Math.Sqrt, x => 0.5 / Math.Sqrt(x), 0.01, 100),
        ["Exp"] = new(x => Exp(x), x => Exp(x), x => Exp(x), x => Exp(x), Math.Exp, Math.Exp, -20, 20),
        ["Log"] = new(x => Log(x), x => Log(x), x => Log(x), x => Log(x), Math.Log, x => 1 / x, 0.001, 1000),
        ["Abs"] = new(x => Abs(x), x => Abs(x), x => Abs(x), x => Abs(x), Math.Abs, x => Math.Sign(x), -10, 10),
        ["Sin"] = new(x => Sin(x), x => Sin(x), x => Sin(x), x => Sin(x), Math.Sin, Math.Cos, -10, 10),
        ["Cos"] = new(x => Cos(x), x => Cos(x), x => Cos(x), x => Cos(x), Math.Cos, x => -Math.Sin(x), -10, 10),
        ["Tanh"] = new(x => Tanh(x), x => Tanh(x), x => Tanh(x), x => Tanh(x), Math.Tanh, x => 1 - (Math.Tanh(x) * Math.Tanh(x)), -10, 10),
        ["Sigmoid"] = new(x => Sigmoid(x), x => Sigmoid(x), x => Sigmoid(x), x => Sigmoid(x), x => 1 / (1 + Math.Exp(-x)), x => Math.Exp(-x) / Math.Pow(1 + Math.Exp(-x), 2), -30, 30),
        ["Relu"] = new(x => Relu(x), x => Relu(x), x => Relu(x), x => Relu(x), x => Math.Max(x, 0), x => x > 0 ? 1 : 0, -10, 10),
        ["Pow2.5"] = new(x => Pow(x, 2.5f), x => Pow(x, 2.5), x => Pow(x, 2.5f), x => Pow(x, 2.5), x => Math.Pow(x, 2.5), x => 2.5 * Math.Pow(x, 1.5), 0, 10),
        ["Pow3"] = new(x => Pow(x, 3f), x => Pow(x, 3d), x => Pow(x, 3f), x => Pow(x, 3d), x => Math.Pow(x, 3), x => 3 * x * x, -10, 10),
        ["Pow-2"] = new(x => Pow(x, -2f), x => Pow(x, -2d), x => Pow(x, -2f), x => Pow(x, -2d), x => Math.Pow(x, -2), x => -2 * Math.Pow(x, -3), -10, 10),
    };

    private static readonly int[] Lengths = [0, 1, 15, 17, 1003];

    public static TheoryData<string, int> FunctionsAndLengths()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in Functions.Keys)
        {
            foreach (int length in Lengths)
            {
                data.Add(name, length);
            }
        }

        return data;
    }

    public static TheoryData<string> FunctionNames() => new(Functions.Keys);

    [Theory]
    [MemberData(nameof(FunctionsAndLengths))]
    public void Float_tensor_matches_reference(string name, int length)
    {
        Function function = Functions[name];
        float[] x = NumericAssert.Uniform<float>(length, function.Low, function.High, seed: length);
        Tensor<float> y = function.TensorSingle(Tensor.Create(x, [length]));

        Assert.Equal([(nint)length], y.Lengths.ToArray());
        for (int i = 0; i < length; i++)
        {
            NumericAssert.Close(function.Reference(x[i]), y[i], FloatTolerance, 1e-30, $"{name}({x[i]:R}) at {i}");
        }
    }

    [Theory]
    [MemberData(nameof(FunctionsAndLengths))]
    public void Double_tensor_matches_reference(string name, int length)
    {
        Function function = Functions[name];
        double[] x = NumericAssert.Uniform<double>(length, function.Low, function.High, seed: length);
        Tensor<double> y = function.TensorDouble(Tensor.Create(x, [length]));

        Assert.Equal([(nint)length], y.Lengths.ToArray());
        for (int i = 0; i < length; i++)
        {
            NumericAssert.Close(function.Reference(x[i]), y[i], DoubleTolerance, 1e-300, $"{name}({x[i]:R}) at {i}");
        }
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void Scalars_match_reference(string name)
    {
        Function function = Functions[name];
        foreach (double x in NumericAssert.Uniform<double>(50, function.Low, function.High, seed: 7))
        {
            NumericAssert.Close(function.Reference((float)x), function.ScalarSingle((float)x), FloatTolerance, 1e-30, $"{name}((float){x:R})");
            NumericAssert.Close(function.Reference(x), function.ScalarDouble(x), DoubleTolerance, 1e-300, $"{name}({x:R})");
        }
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void Two_dimensional_tensors_and_views_keep_their_shape_and_layout(string name)
    {
        Function function = Functions[name];
        double[] data = NumericAssert.Uniform<double>(12, function.Low, function.High, seed: 3);
        Tensor<double> matrix = Tensor.Create(data, [3, 4]);
        Tensor<double> transposedView = Tensor.Transpose(matrix);
        Assert.False(transposedView.IsDense);

        Tensor<double> direct = function.TensorDouble(matrix);
        Tensor<double> ofView = function.TensorDouble(transposedView);

        Assert.Equal([3, 4], direct.Lengths.ToArray());
        Assert.Equal([4, 3], ofView.Lengths.ToArray());
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                NumericAssert.Close(function.Reference(data[(i * 4) + j]), direct[i, j], DoubleTolerance, 1e-300, $"{name} at [{i}, {j}]");
                Assert.Equal(direct[i, j], ofView[j, i]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void Broadcast_views_are_read_by_position(string name)
    {
        Function function = Functions[name];
        float[] row = NumericAssert.Uniform<float>(3, Math.Max(function.Low, 0.5), function.High, seed: 9);
        var broadcast = new ReadOnlyTensorSpan<float>(row, [4, 3], [0, 1]);
        Assert.False(broadcast.IsDense);

        Tensor<float> ofView = function.TensorSingle(broadcast);
        Tensor<float> ofCopy = function.TensorSingle(Tensor.Create(NumericAssert.Flatten(broadcast), [4, 3]));

        Assert.Equal([4, 3], ofView.Lengths.ToArray());
        Assert.Equal(NumericAssert.Flatten(ofCopy), NumericAssert.Flatten(ofView));
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                NumericAssert.Close(function.Reference(row[j]), ofView[i, j], FloatTolerance, 1e-30, $"{name} at [{i}, {j}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void Documented_derivative_passes_gradient_check(string name)
    {
        Function function = Functions[name];
        // A small range keeps function values, and so the finite differences' rounding, small.
        double low = function.Low >= 0 || name == "Pow-2" ? 0.5 : -3;
        double[] data = NumericAssert.Uniform<double>(9, low, 3, seed: 11);
        Tensor<double> x = Tensor.Create(data, [3, 3]);
        var derivative = new double[9];
        for (int i = 0; i < 9; i++)
        {
            derivative[i] = function.Derivative(data[i]);
        }

        GradCheck.Assert(x, () => Sum(function.TensorDouble(x)), Tensor.Create(derivative, [3, 3]));
    }

    [Fact]
    public void Relu_keeps_nan_and_zeroes_negatives()
    {
        Tensor<float> y = Relu(Tensor.Create([float.NaN, -2f, -0f, 0f, 3f, float.NegativeInfinity, float.PositiveInfinity], [7]));

        Assert.True(float.IsNaN(y[0]));
        Assert.Equal([0f, 0f, 0f, 3f, 0f, float.PositiveInfinity], NumericAssert.Flatten(y)[1..]);
        Assert.True(double.IsNaN(Relu(double.NaN)));
        Assert.True(float.IsNaN(Relu(float.NaN)));
        Assert.Equal(0d, Relu(-1e-300));
    }

    [Fact]
    public void Special_values_follow_pytorch()
    {
        double[] x = [double.NegativeInfinity, -1, 0, double.PositiveInfinity, double.NaN];
        foreach (int length in new[] { 5, 10, 40 })
        {
            // Longer tensors reach the vector paths; the special values sit at the start and at the tail.
            double[] data = new double[length];
            x.CopyTo(data, 0);
            x.CopyTo(data, length - x.Length);
            Tensor<double> input = Tensor.Create(data, [length]);
            double[] sigmoid = NumericAssert.Flatten(Sigmoid(input));
            double[] tanh = NumericAssert.Flatten(Tanh(input));
            foreach (int start in new[] { 0, length - x.Length })
            {
                double[] expectedSigmoid = [0, 1 / (1 + Math.E), 0.5, 1, double.NaN];
                double[] expectedTanh = [-1, Math.Tanh(-1), 0, 1, double.NaN];
                for (int i = 0; i < x.Length; i++)
                {
                    NumericAssert.Close(expectedSigmoid[i], sigmoid[start + i], 1e-15, 0, $"Sigmoid({x[i]}) at length {length}");
                    NumericAssert.Close(expectedTanh[i], tanh[start + i], 1e-15, 0, $"Tanh({x[i]}) at length {length}");
                }
            }
        }

        Assert.Equal(double.NegativeInfinity, Log(Tensor.Create([0d], [1]))[0]);
        Assert.True(double.IsNaN(Log(Tensor.Create([-1d], [1]))[0]));
        Assert.True(double.IsNaN(Sqrt(Tensor.Create([-1d], [1]))[0]));
        Assert.Equal(0f, Sigmoid(Tensor.Create([-200f], [1]))[0]);
        Assert.Equal(1f, Sigmoid(Tensor.Create([200f], [1]))[0]);
        Assert.Equal(0d, Sigmoid(double.NegativeInfinity));
        Assert.Equal(1f, Sigmoid(float.PositiveInfinity));
    }

    [Theory]
    [InlineData(1e-4)]
    [InlineData(1e-6)]
    [InlineData(-3e-5)]
    [InlineData(1e-20)]
    public void Tanh_is_accurate_near_zero_at_every_length(double value)
    {
        foreach (int length in new[] { 1, 5, 9, 17, 100 })
        {
            var single = new float[length];
            var wide = new double[length];
            Array.Fill(single, (float)value);
            Array.Fill(wide, value);

            NumericAssert.Close(Math.Tanh((float)value), Tanh(Tensor.Create(single, [length]))[length - 1], 1e-6, 0, $"float tanh at length {length}");
            NumericAssert.Close(Math.Tanh(value), Tanh(Tensor.Create(wide, [length]))[length - 1], 1e-14, 0, $"double tanh at length {length}");
        }
    }

    [Theory]
    [InlineData(-2.0, 2.0, 4.0)]
    [InlineData(-2.0, 3.0, -8.0)]
    [InlineData(-2.0, -1.0, -0.5)]
    [InlineData(-2.0, -2.0, 0.25)]
    [InlineData(-8.0, 0.0, 1.0)]
    [InlineData(-1.5, 7.0, -17.0859375)]
    [InlineData(0.0, -1.0, double.PositiveInfinity)]
    [InlineData(0.0, 0.5, 0.0)]
    [InlineData(4.0, 0.5, 2.0)]
    [InlineData(-4.0, 0.5, double.NaN)]
    [InlineData(-2.0, 100.0, 1.2676506002282294e30)]
    public void Pow_follows_math_pow_for_negative_bases_and_zero(double x, double exponent, double expected)
    {
        Assert.Equal(expected, Math.Pow(x, exponent));
        foreach (int length in new[] { 1, 8, 33 })
        {
            var wide = new double[length];
            var single = new float[length];
            Array.Fill(wide, x);
            Array.Fill(single, (float)x);

            Tensor<double> y = Pow(Tensor.Create(wide, [length]), exponent);
            Tensor<float> ySingle = Pow(Tensor.Create(single, [length]), (float)exponent);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(expected, y[i]);
                Assert.Equal((float)expected, ySingle[i]);
            }
        }

        Assert.Equal(expected, Pow(x, exponent));
        Assert.Equal((float)expected, Pow((float)x, (float)exponent));
    }

    [Fact]
    public void Results_are_new_tensors_and_inputs_are_unchanged()
    {
        double[] data = [1, 2, 3];
        Tensor<double> x = Tensor.Create(data, [3]);

        Tensor<double> y = Exp(x);
        y[0] = 42;

        Assert.Equal([1d, 2d, 3d], data);
        Assert.Equal([1d, 2d, 3d], NumericAssert.Flatten(x));
    }
}
