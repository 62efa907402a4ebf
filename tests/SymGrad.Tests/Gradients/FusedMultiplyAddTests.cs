using System;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using SymGrad.Kernels;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// <c>Math.FusedMultiplyAdd</c> and <c>MathF.FusedMultiplyAdd</c> round <c>a * b + c</c> once. At the points below a
/// product and a sum (rounded twice) give 0, the fused operation a tiny nonzero value: the generated methods must give
/// the fused value, and the derivative (b, a, 1).
/// </summary>
public static partial class FusedBodies
{
    [Differentiable]
    public static double Fused(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);

    [Differentiable]
    public static float FusedF(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);

    /// <summary>The fused operation on a reduction of a tensor, in a method of fused passes.</summary>
    [Differentiable]
    public static double FusedOfSum(ReadOnlyTensorSpan<double> x, double a, double c) => Math.FusedMultiplyAdd(a, Sum(x), c);

    /// <summary>A Horner recurrence with the fused operation, in a loop.</summary>
    [Differentiable]
    public static double FusedHorner(double x, int n)
    {
        double p = 1;
        for (int i = 0; i < n; i++)
        {
            p = Math.FusedMultiplyAdd(p, x, 0.5 * i);
        }

        return p;
    }
}

public sealed class FusedMultiplyAddTests
{
    // (1 + 2^-30)(1 - 2^-30) = 1 - 2^-60: the product rounds to 1, so a * b - 1 is 0; the fused value is -2^-60.
    private const double A = 1 + (1.0 / (1 << 30));
    private const double B = 1 - (1.0 / (1 << 30));

    // The same in float: (1 + 2^-13)(1 - 2^-13) = 1 - 2^-26.
    private const float AF = 1 + (1f / (1 << 13));
    private const float BF = 1 - (1f / (1 << 13));

    [Fact]
    public void A_double_is_rounded_once_and_differentiated_as_b_a_1()
    {
        double expected = Math.FusedMultiplyAdd(A, B, -1);
        Assert.NotEqual(0, expected);
        Assert.Equal(expected, FusedBodies.FusedValue(A, B, -1));
        double value = FusedBodies.FusedValueAndGradient(A, B, -1, out double da, out double db, out double dc);
        Assert.Equal(expected, value);
        Assert.Equal(B, da);
        Assert.Equal(A, db);
        Assert.Equal(1, dc);
    }

    [Fact]
    public void A_float_is_rounded_once_in_float_and_differentiated_as_b_a_1()
    {
        float expected = MathF.FusedMultiplyAdd(AF, BF, -1);
        Assert.NotEqual(0, expected);
        Assert.Equal(expected, FusedBodies.FusedFValue(AF, BF, -1));
        float value = FusedBodies.FusedFValueAndGradient(AF, BF, -1, out float da, out float db, out float dc);
        Assert.Equal(expected, value);
        Assert.Equal(BF, da);
        Assert.Equal(AF, db);
        Assert.Equal(1, dc);
    }

    [Fact]
    public void A_reduction_feeds_it_in_a_method_of_fused_passes()
    {
        double[] x = { B, 0 };
        double expected = Math.FusedMultiplyAdd(A, B, -1);
        Assert.Equal(expected, FusedBodies.FusedOfSum(new ReadOnlyTensorSpan<double>(x), A, -1));
        Assert.Equal(expected, FusedBodies.FusedOfSumValue(new ReadOnlyTensorSpan<double>(x), A, -1));
        var dx = new double[2];
        double value = FusedBodies.FusedOfSumValueAndGradient(new ReadOnlyTensorSpan<double>(x), A, -1, new TensorSpan<double>(dx), out double da, out double dc);
        Assert.Equal(expected, value);
        Assert.Equal(new[] { A, A }, dx);
        Assert.Equal(B, da);
        Assert.Equal(1, dc);
    }

    [Theory]
    [InlineData(0.7, 0)]
    [InlineData(0.7, 5)]
    [InlineData(-1.3, 4)]
    public void A_recurrence_in_a_loop_is_the_method_run_as_written(double x, int n)
    {
        double value = FusedBodies.FusedHornerValueAndGradient(x, n, out double dx);
        Assert.Equal(FusedBodies.FusedHorner(x, n), value);
        Assert.Equal(value, FusedBodies.FusedHornerValue(x, n));
        double numeric = (FusedBodies.FusedHorner(x + 1e-6, n) - FusedBodies.FusedHorner(x - 1e-6, n)) / 2e-6;
        Assert.True(Math.Abs(numeric - dx) <= 1e-6 * (1 + Math.Abs(numeric)), "expected " + numeric + ", got " + dx);
    }

    [Fact]
    public void The_kernel_is_exact_at_every_width()
    {
        Assert.Equal(Math.FusedMultiplyAdd(A, B, -1), SimdMath.FusedMultiplyAdd(A, B, -1.0));
        Assert.Equal(Vector128.Create(Math.FusedMultiplyAdd(A, B, -1)), SimdMath.FusedMultiplyAdd(Vector128.Create(A), Vector128.Create(B), Vector128.Create(-1.0)));
        Assert.Equal(Vector256.Create(Math.FusedMultiplyAdd(A, B, -1)), SimdMath.FusedMultiplyAdd(Vector256.Create(A), Vector256.Create(B), Vector256.Create(-1.0)));
        Assert.Equal(Vector512.Create(Math.FusedMultiplyAdd(A, B, -1)), SimdMath.FusedMultiplyAdd(Vector512.Create(A), Vector512.Create(B), Vector512.Create(-1.0)));
        Assert.Equal(Vector512.Create(MathF.FusedMultiplyAdd(AF, BF, -1)), SimdMath.FusedMultiplyAdd(Vector512.Create(AF), Vector512.Create(BF), Vector512.Create(-1f)));
        Assert.Equal(Vector128.Create(MathF.FusedMultiplyAdd(AF, BF, -1)), Width128<float>.FusedMultiplyAdd(new(Vector128.Create(AF)), new(Vector128.Create(BF)), new(Vector128.Create(-1f))).Value);
    }
}
