using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// <c>Math.Sign</c> and <c>MathF.Sign</c> as C# computes them: an <c>int</c> (-1, 0 or 1; 0 for -0.0), an exception for
/// NaN, a derivative of 0 wherever it has one.
/// </summary>
public static partial class SignBodies
{
    /// <summary>A piecewise model: |x| written with the sign, plus the sign itself as a step.</summary>
    [Differentiable]
    public static double SignedMagnitude(double x, double w) => (Math.Sign(x) * x * w) + Math.Sign(x - 1);

    [Differentiable]
    public static float SignedMagnitudeF(float x, float w) => (MathF.Sign(x) * x * w) + MathF.Sign(x - 1);

    /// <summary>The sign of a reduction, in a method of fused passes.</summary>
    [Differentiable]
    public static double SignOfSum(ReadOnlyTensorSpan<double> x) => Math.Sign(Sum(x)) * Sum(Square(x));

    /// <summary>The sign of each element, in a loop: a soft-threshold penalty.</summary>
    [Differentiable]
    public static double SignedLoop(ReadOnlyTensorSpan<double> x, double lambda)
    {
        double s = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            s += Math.Sign(x[i]) * Math.Max(Math.Abs(x[i]) - lambda, 0) * x[i];
        }

        return s;
    }

    /// <summary>The sign of an integer, as an integer: branches on it and scales by it.</summary>
    [Differentiable]
    public static double IntegerSign(double x, int n, long m)
    {
        int s = Math.Sign(n) + Math.Sign(m);
        if (s > 0)
        {
            return s * x * x;
        }

        return s == 0 ? x : -x * s;
    }
}

public sealed class SignTests
{
    private const double Step = 1e-6;

    [Theory]
    [InlineData(1.5, 0.5)]
    [InlineData(-2.25, 1.5)]
    [InlineData(0.0, 2.0)]
    [InlineData(-0.0, 3.0)]
    [InlineData(0.5, -3.0)]
    [InlineData(double.PositiveInfinity, 1.0)]
    public void A_double_sign_gives_the_method_run_as_written(double x, double w)
    {
        double expected = SignBodies.SignedMagnitude(x, w);
        Assert.Equal(expected, SignBodies.SignedMagnitudeValue(x, w));
        double value = SignBodies.SignedMagnitudeValueAndGradient(x, w, out double dx, out double dw);
        Assert.Equal(expected, value);
        Assert.Equal(Math.Sign(x) * w, dx);
        Assert.Equal(Math.Sign(x) * x, dw);
    }

    [Theory]
    [InlineData(1.5f, 0.5f)]
    [InlineData(-2.25f, 1.5f)]
    [InlineData(-0.0f, 2.0f)]
    [InlineData(1.0f, -3.0f)]
    public void A_float_sign_gives_the_method_run_as_written(float x, float w)
    {
        float expected = SignBodies.SignedMagnitudeF(x, w);
        Assert.Equal(expected, SignBodies.SignedMagnitudeFValue(x, w));
        float value = SignBodies.SignedMagnitudeFValueAndGradient(x, w, out float dx, out float dw);
        Assert.Equal(expected, value);
        Assert.Equal(MathF.Sign(x) * w, dx);
        Assert.Equal(MathF.Sign(x) * x, dw);
    }

    [Fact]
    public void NaN_throws_an_arithmetic_exception_as_the_method_does()
    {
        Assert.ThrowsAny<ArithmeticException>(() => SignBodies.SignedMagnitude(double.NaN, 1));
        Assert.ThrowsAny<ArithmeticException>(() => SignBodies.SignedMagnitudeValue(double.NaN, 1));
        Assert.ThrowsAny<ArithmeticException>(() => SignBodies.SignedMagnitudeValueAndGradient(double.NaN, 1, out _, out _));
        Assert.ThrowsAny<ArithmeticException>(() => SignBodies.SignedMagnitudeFValue(float.NaN, 1));

        double[] x = { 1, double.NaN, 2 };
        Assert.ThrowsAny<ArithmeticException>(() => SignBodies.SignedLoop(x, 0.1));
        Assert.ThrowsAny<ArithmeticException>(() => SignBodies.SignedLoopValue(x, 0.1));
        var dx = new double[3];
        Assert.ThrowsAny<ArithmeticException>(() => SignBodies.SignedLoopValueAndGradient(x, 0.1, dx, out _));
    }

    [Theory]
    [InlineData(new[] { 0.5, -1.25, 2.0 })]
    [InlineData(new[] { -0.5, -1.25, 0.75 })]
    [InlineData(new[] { 0.0 })]
    public void The_sign_of_a_reduction_scales_a_fused_pass(double[] x)
    {
        var input = new ReadOnlyTensorSpan<double>(x);
        double expected = SignBodies.SignOfSum(input);
        Assert.Equal(expected, SignBodies.SignOfSumValue(input));
        var dx = new double[x.Length];
        Assert.Equal(expected, SignBodies.SignOfSumValueAndGradient(input, new TensorSpan<double>(dx)));
        double sign = Math.Sign(Sum(input));
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(sign * 2 * x[i], dx[i], 12);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    public void The_sign_of_each_element_in_a_loop_gives_the_method_and_central_differences(int n)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = Math.Sin((1.7 * i) + 0.4) * 2;
        }

        double expected = SignBodies.SignedLoop(x, 0.3);
        Assert.Equal(expected, SignBodies.SignedLoopValue(x, 0.3), 12);
        var dx = new double[n];
        double value = SignBodies.SignedLoopValueAndGradient(x, 0.3, dx, out double dlambda);
        Assert.Equal(expected, value, 12);
        for (int i = 0; i < n; i++)
        {
            double saved = x[i];
            x[i] = saved + Step;
            double up = SignBodies.SignedLoop(x, 0.3);
            x[i] = saved - Step;
            double down = SignBodies.SignedLoop(x, 0.3);
            x[i] = saved;
            Assert.Equal((up - down) / (2 * Step), dx[i], 5);
        }

        double numeric = (SignBodies.SignedLoop(x, 0.3 + Step) - SignBodies.SignedLoop(x, 0.3 - Step)) / (2 * Step);
        Assert.Equal(numeric, dlambda, 5);
    }

    [Theory]
    [InlineData(1.5, 3, 4L)]
    [InlineData(1.5, -3, 4L)]
    [InlineData(1.5, 0, -4L)]
    [InlineData(-0.5, -3, -4L)]
    [InlineData(-0.5, 0, 0L)]
    [InlineData(2.0, int.MinValue, long.MinValue)]
    public void The_sign_of_an_integer_is_an_integer_the_method_branches_on(double x, int n, long m)
    {
        double expected = SignBodies.IntegerSign(x, n, m);
        Assert.Equal(expected, SignBodies.IntegerSignValue(x, n, m));
        double value = SignBodies.IntegerSignValueAndGradient(x, n, m, out double dx);
        Assert.Equal(expected, value);
        double numeric = (SignBodies.IntegerSign(x + Step, n, m) - SignBodies.IntegerSign(x - Step, n, m)) / (2 * Step);
        Assert.Equal(numeric, dx, 6);
    }
}
