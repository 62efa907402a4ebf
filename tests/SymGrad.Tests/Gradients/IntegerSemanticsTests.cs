using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Bodies whose value depends on C#'s integer semantics and conversion points. Each generated method must compute
/// what the method computes when run as written, bit for bit: these are scalar computations in the same order.
/// </summary>
public static partial class IntegerBodies
{
    /// <summary>The defect as filed: an int local computed as window / 2 is 1 for window 3, not 1.5.</summary>
    [Differentiable]
    public static float HalfWindow(float s, int window)
    {
        int half = window / 2;
        return s * half;
    }

    [Differentiable] public static double QuotientAndRemainder(double s, int a, int b) => s * (a / b) + (a % b);

    [Differentiable] public static float ConvertedAfterDivision(float s, int a, int b) => s * (float)(a / b);

    [Differentiable] public static float ConvertedBeforeDivision(float s, int a, int b) => s * ((float)a / b);

    [Differentiable]
    public static float ShortWrapsUnderIncrement(float s, short start)
    {
        short counter = start;
        counter++;
        return s * counter;
    }

    [Differentiable]
    public static float ByteWrapsUnderMultiply(float s, byte start)
    {
        byte b = start;
        b *= 3;
        return s + b;
    }

    [Differentiable]
    public static double LongWrapsUnderMultiply(double s, long n)
    {
        long m = n * 3;
        m++;
        return m < 0 ? -s : s;
    }

    [Differentiable]
    public static float CheckedShortIncrement(float s, short start)
    {
        short counter = start;
        checked
        {
            counter++;
        }

        return s * counter;
    }

    [Differentiable] public static float CheckedProduct(float s, int a) => s * checked(a * a);

    [Differentiable] public static double UncheckedProduct(double s, int a) => s * unchecked(a * a);

    /// <summary>A conversion of a differentiable value to int: the value truncates as in C#; its derivative is 0.</summary>
    [Differentiable]
    public static double Truncated(double s)
    {
        int whole = (int)(s * 3);
        return whole + s;
    }

    /// <summary>Double math in a float method is computed in double, as C# computes it.</summary>
    [Differentiable]
    public static float DoubleMathInFloat(float s)
    {
        double d = s;
        return (float)(d * d / 3) + (float)Math.Exp(s);
    }

    [Differentiable] public static double PowOfTensor(ReadOnlyTensorSpan<double> u, double p) => Sum(Pow(u, p));

    [Differentiable] public static double PowOfScalar(double u, double p) => Math.Pow(u, p);
}

public sealed class IntegerSemanticsTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(-3)]
    [InlineData(4)]
    public void An_int_local_divides_as_an_int(int window)
    {
        float value = IntegerBodies.HalfWindowValue(2.5f, window);
        float withGradient = IntegerBodies.HalfWindowValueAndGradient(2.5f, window, out float ds);

        Assert.Equal(IntegerBodies.HalfWindow(2.5f, window), value);
        Assert.Equal(value, withGradient);
        Assert.Equal(window / 2, ds);
    }

    [Theory]
    [InlineData(7, 2)]
    [InlineData(-7, 2)]
    [InlineData(7, -2)]
    [InlineData(-7, -2)]
    public void Division_and_remainder_truncate_toward_zero(int a, int b)
    {
        double value = IntegerBodies.QuotientAndRemainderValueAndGradient(1.5, a, b, out double ds);

        Assert.Equal(IntegerBodies.QuotientAndRemainder(1.5, a, b), value);
        Assert.Equal(a / b, ds);
    }

    [Theory]
    [InlineData(7, 2)]
    [InlineData(-7, 2)]
    public void Conversions_happen_where_CSharp_converts(int a, int b)
    {
        Assert.Equal(IntegerBodies.ConvertedAfterDivision(2f, a, b), IntegerBodies.ConvertedAfterDivisionValue(2f, a, b));
        Assert.Equal(IntegerBodies.ConvertedBeforeDivision(2f, a, b), IntegerBodies.ConvertedBeforeDivisionValue(2f, a, b));
        IntegerBodies.ConvertedAfterDivisionValueAndGradient(2f, a, b, out float after);
        IntegerBodies.ConvertedBeforeDivisionValueAndGradient(2f, a, b, out float before);
        Assert.Equal((float)(a / b), after);
        Assert.Equal((float)a / b, before);
    }

    [Fact]
    public void Small_integer_types_wrap_as_in_CSharp()
    {
        Assert.Equal(IntegerBodies.ShortWrapsUnderIncrement(1f, short.MaxValue), IntegerBodies.ShortWrapsUnderIncrementValue(1f, short.MaxValue));
        Assert.Equal(short.MinValue, IntegerBodies.ShortWrapsUnderIncrementValue(1f, short.MaxValue));
        IntegerBodies.ShortWrapsUnderIncrementValueAndGradient(1f, short.MaxValue, out float ds);
        Assert.Equal(short.MinValue, ds);

        Assert.Equal(IntegerBodies.ByteWrapsUnderMultiply(0f, 200), IntegerBodies.ByteWrapsUnderMultiplyValue(0f, 200));
        Assert.Equal(unchecked((byte)(200 * 3)), IntegerBodies.ByteWrapsUnderMultiplyValue(0f, 200));

        // 3 * (long.MaxValue / 2) wraps to a negative long, so the sign flips as it does when run as written.
        long n = long.MaxValue / 2;
        Assert.Equal(IntegerBodies.LongWrapsUnderMultiply(2, n), IntegerBodies.LongWrapsUnderMultiplyValue(2, n));
        IntegerBodies.LongWrapsUnderMultiplyValueAndGradient(2, n, out double dLong);
        Assert.Equal(-1, dLong);
    }

    [Fact]
    public void Checked_arithmetic_throws_where_CSharp_throws()
    {
        Assert.Throws<OverflowException>(() => IntegerBodies.CheckedShortIncrement(1f, short.MaxValue));
        Assert.Throws<OverflowException>(() => IntegerBodies.CheckedShortIncrementValue(1f, short.MaxValue));
        Assert.Throws<OverflowException>(() => IntegerBodies.CheckedShortIncrementValueAndGradient(1f, short.MaxValue, out _));
        Assert.Equal(IntegerBodies.CheckedShortIncrement(1f, 5), IntegerBodies.CheckedShortIncrementValue(1f, 5));

        Assert.Throws<OverflowException>(() => IntegerBodies.CheckedProduct(1f, 50_000));
        Assert.Throws<OverflowException>(() => IntegerBodies.CheckedProductValue(1f, 50_000));
        Assert.Equal(IntegerBodies.CheckedProduct(1f, 40), IntegerBodies.CheckedProductValue(1f, 40));

        Assert.Equal(IntegerBodies.UncheckedProduct(1, 50_000), IntegerBodies.UncheckedProductValue(1, 50_000));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-0.5)]
    [InlineData(1.9)]
    public void A_value_converted_to_int_truncates_and_has_derivative_zero(double s)
    {
        double value = IntegerBodies.TruncatedValueAndGradient(s, out double ds);

        Assert.Equal(IntegerBodies.Truncated(s), value);
        Assert.Equal(1, ds);
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(1.7f)]
    [InlineData(-2.3f)]
    public void Double_math_in_a_float_method_is_computed_in_double(float s)
    {
        float value = IntegerBodies.DoubleMathInFloatValueAndGradient(s, out float ds);

        Assert.Equal(IntegerBodies.DoubleMathInFloat(s), value);
        Assert.Equal(IntegerBodies.DoubleMathInFloat(s), IntegerBodies.DoubleMathInFloatValue(s));
        double expected = 2.0 * s / 3 + Math.Exp(s);
        Assert.True(Math.Abs(ds - expected) <= 1e-6 * Math.Abs(expected), $"d/ds at {s} is {ds}, expected {expected}");
    }

    [Fact]
    public void Pow_gradient_of_the_exponent_is_zero_where_the_base_is_zero_as_in_PyTorch()
    {
        // torch: u = [0, 2, 3], p = 2.5; (u ** p).sum().backward() gives p.grad = 2^2.5 ln 2 + 3^2.5 ln 3, finite.
        double[] u = { 0, 2, 3 };
        double[] du = new double[3];
        double value = IntegerBodies.PowOfTensorValueAndGradient(u, 2.5, du, out double dp);

        Assert.Equal(Math.Pow(2, 2.5) + Math.Pow(3, 2.5), value, 12);
        Assert.Equal((Math.Pow(2, 2.5) * Math.Log(2)) + (Math.Pow(3, 2.5) * Math.Log(3)), dp, 12);
        Assert.Equal(0, du[0]);
        Assert.Equal(2.5 * Math.Pow(2, 1.5), du[1], 12);
        Assert.Equal(2.5 * Math.Pow(3, 1.5), du[2], 12);

        IntegerBodies.PowOfScalarValueAndGradient(0, 2, out double duScalar, out double dpScalar);
        Assert.Equal(0, duScalar);
        Assert.Equal(0, dpScalar);
    }

    [Fact]
    public void Pow_gradient_keeps_PyTorchs_infinities_for_a_negative_exponent_and_zero_for_a_zero_exponent()
    {
        // torch: u = 0, p = -1: u^p = inf and p.grad = inf * log 0 = -inf; p = 0: u.grad = 0 (not 0 * 0^-1).
        IntegerBodies.PowOfScalarValueAndGradient(0, -1, out _, out double dpNegative);
        Assert.Equal(double.NegativeInfinity, dpNegative);

        IntegerBodies.PowOfScalarValueAndGradient(0, 0, out double duZero, out double dpZero);
        Assert.Equal(0, duZero);
        Assert.Equal(0, dpZero);
    }
}
