using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Runtime;

public class TensorMathReductionTests
{
    public static TheoryData<int> Lengths() => new(0, 1, 15, 17, 1003);

    // Summation error grows with the number of additions in a lane; these bounds hold for the lengths tested.
    private static double SingleBound(double magnitude) => (1e-5 * magnitude) + 1e-30;

    private static double DoubleBound(double magnitude) => (1e-13 * magnitude) + 1e-300;

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sum_and_mean_match_a_double_reference(int length)
    {
        float[] single = NumericAssert.Uniform<float>(length, -5, 5, seed: length);
        double[] wide = NumericAssert.Uniform<double>(length, -5, 5, seed: length);
        double singleSum = single.Sum(v => (double)v);
        double singleMagnitude = single.Sum(v => Math.Abs((double)v));
        double wideMagnitude = wide.Sum(Math.Abs);

        NumericAssert.Close(singleSum, Sum(Tensor.Create(single, [length])), 0, SingleBound(singleMagnitude), "float Sum");
        NumericAssert.Close(wide.Sum(), Sum(Tensor.Create(wide, [length])), 0, DoubleBound(wideMagnitude), "double Sum");
        if (length == 0)
        {
            Assert.Equal(0f, Sum(Tensor.Create(single, [length])));
            Assert.True(float.IsNaN(Mean(Tensor.Create(single, [length]))));
            Assert.True(double.IsNaN(Mean(Tensor.Create(wide, [length]))));
        }
        else
        {
            NumericAssert.Close(singleSum / length, Mean(Tensor.Create(single, [length])), 0, SingleBound(singleMagnitude) / length, "float Mean");
            NumericAssert.Close(wide.Sum() / length, Mean(Tensor.Create(wide, [length])), 0, DoubleBound(wideMagnitude) / length, "double Mean");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_and_mse_match_a_double_reference(int length)
    {
        float[] x = NumericAssert.Uniform<float>(length, -3, 3, seed: length);
        float[] y = NumericAssert.Uniform<float>(length, -3, 3, seed: length + 1000);
        double[] xd = NumericAssert.Uniform<double>(length, -3, 3, seed: length);
        double[] yd = NumericAssert.Uniform<double>(length, -3, 3, seed: length + 1000);
        double dot = x.Zip(y, (a, b) => (double)a * b).Sum();
        double dotMagnitude = x.Zip(y, (a, b) => Math.Abs((double)a * b)).Sum();
        double squaredError = x.Zip(y, (a, b) => ((double)a - b) * ((double)a - b)).Sum();
        double dotd = xd.Zip(yd, (a, b) => a * b).Sum();
        double dotdMagnitude = xd.Zip(yd, (a, b) => Math.Abs(a * b)).Sum();
        double squaredErrord = xd.Zip(yd, (a, b) => (a - b) * (a - b)).Sum();

        NumericAssert.Close(dot, Dot(Tensor.Create(x, [length]), Tensor.Create(y, [length])), 0, SingleBound(dotMagnitude), "float Dot");
        NumericAssert.Close(dotd, Dot(Tensor.Create(xd, [length]), Tensor.Create(yd, [length])), 0, DoubleBound(dotdMagnitude), "double Dot");
        if (length == 0)
        {
            Assert.True(float.IsNaN(Mse(Tensor.Create(x, [length]), Tensor.Create(y, [length]))));
            Assert.True(double.IsNaN(Mse(Tensor.Create(xd, [length]), Tensor.Create(yd, [length]))));
        }
        else
        {
            NumericAssert.Close(squaredError / length, Mse(Tensor.Create(x, [length]), Tensor.Create(y, [length])), 2e-6, 0, "float Mse");
            NumericAssert.Close(squaredErrord / length, Mse(Tensor.Create(xd, [length]), Tensor.Create(yd, [length])), 1e-13, 0, "double Mse");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void LogSumExp_matches_a_double_reference(int length)
    {
        float[] x = NumericAssert.Uniform<float>(length, -50, 50, seed: length);
        double[] xd = NumericAssert.Uniform<double>(length, -50, 50, seed: length);

        NumericAssert.Close(ReferenceLogSumExp(x.Select(v => (double)v).ToArray()), LogSumExp(Tensor.Create(x, [length])), 1e-6, 0, "float LogSumExp");
        NumericAssert.Close(ReferenceLogSumExp(xd), LogSumExp(Tensor.Create(xd, [length])), 1e-14, 0, "double LogSumExp");
    }

    [Fact]
    public void LogSumExp_is_stable_for_large_and_infinite_elements()
    {
        Assert.Equal(1000 + Math.Log(2), LogSumExp(Tensor.Create([1000d, 1000d], [2])), 1e-12);
        Assert.Equal(1000 + MathF.Log(2), LogSumExp(Tensor.Create([1000f, 1000f], [2])), 1e-4f);
        Assert.Equal(-1000 + Math.Log(2), LogSumExp(Tensor.Create([-1000d, -1000d], [2])), 1e-12);
        Assert.Equal(1000d, LogSumExp(Tensor.Create([1000d, 0d], [2])), 1e-12);
        Assert.Equal(1e30f, LogSumExp(Tensor.Create([1e30f, 1e30f, 3f], [3])));
        Assert.Equal(double.NegativeInfinity, LogSumExp(Tensor.Create([double.NegativeInfinity, double.NegativeInfinity], [2])));
        Assert.Equal(double.NegativeInfinity, LogSumExp(Tensor.Create(Array.Empty<double>(), [0])));
        Assert.Equal(5d, LogSumExp(Tensor.Create([double.NegativeInfinity, 5d], [2])));
        Assert.Equal(double.PositiveInfinity, LogSumExp(Tensor.Create([1d, double.PositiveInfinity, double.NegativeInfinity], [3])));
        Assert.Equal(float.PositiveInfinity, LogSumExp(Tensor.Create([float.PositiveInfinity], [1])));
        Assert.True(double.IsNaN(LogSumExp(Tensor.Create([1d, double.NaN, double.PositiveInfinity], [3]))));

        // Every length through the vector widths: the shift keeps exp(1000) from overflowing anywhere.
        for (int length = 1; length <= 40; length++)
        {
            var same = new float[length];
            Array.Fill(same, 1000f);
            Assert.Equal(1000 + Math.Log(length), LogSumExp(Tensor.Create(same, [length])), 1e-4);
        }
    }

    [Fact]
    public void Reductions_read_two_dimensional_tensors_and_views()
    {
        double[] data = NumericAssert.Uniform<double>(12, -2, 2, seed: 5);
        double[] other = NumericAssert.Uniform<double>(12, -2, 2, seed: 6);
        Tensor<double> matrix = Tensor.Create(data, [3, 4]);
        Tensor<double> view = Tensor.Transpose(matrix);
        Tensor<double> otherMatrix = Tensor.Create(other, [3, 4]);
        Tensor<double> otherView = Tensor.Transpose(otherMatrix);

        Assert.Equal(data.Sum(), Sum(view), 1e-13);
        Assert.Equal(data.Sum() / 12, Mean(view), 1e-13);
        Assert.Equal(ReferenceLogSumExp(data), LogSumExp(view), 1e-13);
        Assert.Equal(data.Zip(other, (a, b) => a * b).Sum(), Dot(view, otherView), 1e-13);
        Assert.Equal(data.Zip(other, (a, b) => (a - b) * (a - b)).Sum() / 12, Mse(view, otherView), 1e-13);

        // A view paired with a dense tensor pairs elements by position, not by memory.
        Tensor<double> transposedCopy = Transpose(matrix);
        Assert.Equal(0d, Mse(view, transposedCopy));
        Assert.Equal(Dot(matrix, matrix), Dot(view, transposedCopy), 1e-13);
    }

    [Fact]
    public void Dot_with_different_shapes_names_both_parameters_and_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Dot(Tensor.Create(new double[6], [2, 3]), Tensor.Create(new double[6], [3, 2])));

        Assert.Equal("y", error.ParamName);
        Assert.Contains("'x' is [2, 3]", error.Message, StringComparison.Ordinal);
        Assert.Contains("'y' is [3, 2]", error.Message, StringComparison.Ordinal);
        Assert.Contains("same shape", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mse_with_different_shapes_names_both_parameters_and_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Mse(Tensor.Create(new float[4], [4]), Tensor.Create(new float[4], [4, 1])));

        Assert.Equal("target", error.ParamName);
        Assert.Contains("'x' is [4]", error.Message, StringComparison.Ordinal);
        Assert.Contains("'target' is [4, 1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not broadcast", error.Message, StringComparison.Ordinal);
    }

    private static double ReferenceLogSumExp(double[] x)
    {
        if (x.Length == 0)
        {
            return double.NegativeInfinity;
        }

        double max = x.Max();
        return max + Math.Log(x.Sum(v => Math.Exp(v - max)));
    }
}
