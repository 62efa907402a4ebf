using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Runtime;

/// <summary>Bodies written the way users write them: operators from System.Numerics.Tensors, functions from TensorMath.</summary>
public class TensorMathUsageTests
{
    [Fact]
    public void Mean_squared_difference_body()
    {
        Tensor<float> x = Tensor.Create([1f, 2f, 3f], [3]);
        Tensor<float> target = Tensor.Create([0f, 2f, 5f], [3]);

        float loss = Mean(Square(x - target));

        Assert.Equal(5f / 3f, loss, 1e-6f);
        Assert.Equal(loss, Mse(x, target), 1e-6f);
    }

    [Fact]
    public void Scaled_power_sum_body()
    {
        Tensor<double> x = Tensor.Create([-1d, 2d, -3d], [3]);

        double value = 10 * Sum(Pow(x, 2));

        Assert.Equal(140d, value);
    }

    [Fact]
    public void Log_sum_body()
    {
        Tensor<double> x = Tensor.Create([1d, Math.E, Math.E * Math.E], [3]);

        Assert.Equal(3d, Sum(Log(x)), 1e-15);
    }

    [Fact]
    public void Linear_regression_body_broadcasts_the_bias()
    {
        Tensor<double> x = Tensor.Create([1d, 2d, 3d, 4d, 5d, 6d], [2, 3]);
        Tensor<double> w = Tensor.Create([1d, 0d, -1d, 0.5d, 0.5d, 0.5d], [2, 3]);
        Tensor<double> b = Tensor.Create([0.5d, -1d], [2]);
        Tensor<double> y = Tensor.Create([0d, 1d, 0d, 1d], [2, 2]);

        double loss = Mean(Square(MatMul(x, Transpose(w)) + b - y));

        // x wᵀ = [[-2, 3], [-2, 7.5]]; plus b = [[-1.5, 2], [-1.5, 6.5]]; minus y = [[-1.5, 1], [-1.5, 5.5]].
        Assert.Equal(((1.5 * 1.5) + 1 + (1.5 * 1.5) + (5.5 * 5.5)) / 4, loss, 1e-12);
    }

    [Fact]
    public void Scalar_bodies_use_the_same_vocabulary()
    {
        double x = 0.3;
        float xs = 0.3f;

        double value = Square(Sin(x)) + Square(Cos(x)) + Sigmoid(0) + Relu(-x) + Tanh(0d) + Pow(2d, 3d) + Abs(-x) + Exp(Log(x)) + Sqrt(4d);
        float valueSingle = Square(Sin(xs)) + Square(Cos(xs));

        Assert.Equal(1 + 0.5 + 8 + 0.3 + 0.3 + 2, value, 1e-14);
        Assert.Equal(1f, valueSingle, 1e-6f);
    }
}
