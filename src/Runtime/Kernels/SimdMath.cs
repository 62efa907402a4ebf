using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// Element-wise math at every width (scalar, 128, 256 and 512 bits) for <see cref="float"/> and <see cref="double"/>,
/// so generated kernels read the same at every width. Exp and Log are <see cref="InlineExp"/>'s and
/// <see cref="InlineLog"/>'s, which inline (but for the float Log at 128 bits); Sin and Cos are the BCL's vectorized
/// functions; the rest are built from them.
/// </summary>
/// <remarks>
/// Derivative helpers follow PyTorch's conventions at kinks: <c>Sign(0) = 0</c> (the derivative of <c>Abs</c> at 0) and
/// <c>Step(0) = 0</c> (the derivative of <c>Relu</c> at 0).
/// </remarks>
public static class SimdMath
{

    /// <summary>e raised to <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Exp(x);

    /// <summary>e raised to each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Exp<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return InlineExp.Exp(x.AsSingle()).As<float, T>();
        }

        return InlineExp.Exp(x.AsDouble()).As<double, T>();
    }

    /// <summary>e raised to each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Exp<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return InlineExp.Exp(x.AsSingle()).As<float, T>();
        }

        return InlineExp.Exp(x.AsDouble()).As<double, T>();
    }

    /// <summary>e raised to each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return InlineExp.Exp(x.AsSingle()).As<float, T>();
        }

        return InlineExp.Exp(x.AsDouble()).As<double, T>();
    }

    /// <summary>The natural logarithm of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Log<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Log(x);

    /// <summary>The natural logarithm of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Log<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector128.Log(x.AsSingle()).As<float, T>();
        }

        return InlineLog.Log(x.AsDouble()).As<double, T>();
    }

    /// <summary>The natural logarithm of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Log<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return InlineLog.Log(x.AsSingle()).As<float, T>();
        }

        return InlineLog.Log(x.AsDouble()).As<double, T>();
    }

    /// <summary>The natural logarithm of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Log<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return InlineLog.Log(x.AsSingle()).As<float, T>();
        }

        return InlineLog.Log(x.AsDouble()).As<double, T>();
    }

    /// <summary>The sine of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sin<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Sin(x);

    /// <summary>The sine of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Sin<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector128.Sin(x.AsSingle()).As<float, T>();
        }

        return Vector128.Sin(x.AsDouble()).As<double, T>();
    }

    /// <summary>The sine of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sin<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.Sin(x.AsSingle()).As<float, T>();
        }

        return Vector256.Sin(x.AsDouble()).As<double, T>();
    }

    /// <summary>The sine of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sin<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.Sin(x.AsSingle()).As<float, T>();
        }

        return Vector512.Sin(x.AsDouble()).As<double, T>();
    }

    /// <summary>The cosine of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Cos<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Cos(x);

    /// <summary>The cosine of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Cos<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector128.Cos(x.AsSingle()).As<float, T>();
        }

        return Vector128.Cos(x.AsDouble()).As<double, T>();
    }

    /// <summary>The cosine of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Cos<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.Cos(x.AsSingle()).As<float, T>();
        }

        return Vector256.Cos(x.AsDouble()).As<double, T>();
    }

    /// <summary>The cosine of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Cos<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.Cos(x.AsSingle()).As<float, T>();
        }

        return Vector512.Cos(x.AsDouble()).As<double, T>();
    }

    /// <summary>The square root of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sqrt<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Sqrt(x);

    /// <summary>The square root of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Sqrt<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128.Sqrt(x);
    }

    /// <summary>The square root of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sqrt<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256.Sqrt(x);
    }

    /// <summary>The square root of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sqrt<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512.Sqrt(x);
    }

    /// <summary>The absolute value of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Abs<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Abs(x);

    /// <summary>The absolute value of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Abs<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128.Abs(x);
    }

    /// <summary>The absolute value of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Abs<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256.Abs(x);
    }

    /// <summary>The absolute value of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Abs<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512.Abs(x);
    }

    /// <summary><c>max(x, 0)</c>; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Relu<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.IsNaN(x) ? x : T.Max(x, T.Zero);

    /// <summary><c>max(x, 0)</c> in each lane; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Relu<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<T>.Zero), Vector128<T>.Zero, x);
    }

    /// <summary><c>max(x, 0)</c> in each lane; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Relu<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<T>.Zero), Vector256<T>.Zero, x);
    }

    /// <summary><c>max(x, 0)</c> in each lane; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Relu<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<T>.Zero), Vector512<T>.Zero, x);
    }

    /// <summary>The largest integer at or below each lane, as <c>Math.Floor</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Floor<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Floor(x);

    /// <summary>The largest integer at or below each lane, as <c>Math.Floor</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Floor<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Vector128.Floor(x.AsSingle()).As<float, T>() : Vector128.Floor(x.AsDouble()).As<double, T>();

    /// <summary>The largest integer at or below each lane, as <c>Math.Floor</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Floor<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Vector256.Floor(x.AsSingle()).As<float, T>() : Vector256.Floor(x.AsDouble()).As<double, T>();

    /// <summary>The largest integer at or below each lane, as <c>Math.Floor</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Floor<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Vector512.Floor(x.AsSingle()).As<float, T>() : Vector512.Floor(x.AsDouble()).As<double, T>();

    /// <summary>The smallest integer at or above each lane, as <c>Math.Ceiling</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Ceiling<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Ceiling(x);

    /// <summary>The smallest integer at or above each lane, as <c>Math.Ceiling</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Ceiling<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Vector128.Ceiling(x.AsSingle()).As<float, T>() : Vector128.Ceiling(x.AsDouble()).As<double, T>();

    /// <summary>The smallest integer at or above each lane, as <c>Math.Ceiling</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Ceiling<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Vector256.Ceiling(x.AsSingle()).As<float, T>() : Vector256.Ceiling(x.AsDouble()).As<double, T>();

    /// <summary>The smallest integer at or above each lane, as <c>Math.Ceiling</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Ceiling<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Vector512.Ceiling(x.AsSingle()).As<float, T>() : Vector512.Ceiling(x.AsDouble()).As<double, T>();

    /// <summary>Each lane rounded to the nearest integer, halves to even, as <c>Math.Round</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Round<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Round(x);

    /// <summary>Each lane rounded to the nearest integer, halves to even, as <c>Math.Round</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Round<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Vector128.Round(x.AsSingle()).As<float, T>() : Vector128.Round(x.AsDouble()).As<double, T>();

    /// <summary>Each lane rounded to the nearest integer, halves to even, as <c>Math.Round</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Round<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Vector256.Round(x.AsSingle()).As<float, T>() : Vector256.Round(x.AsDouble()).As<double, T>();

    /// <summary>Each lane rounded to the nearest integer, halves to even, as <c>Math.Round</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Round<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Vector512.Round(x.AsSingle()).As<float, T>() : Vector512.Round(x.AsDouble()).As<double, T>();

    /// <summary>Each lane with its fraction dropped, as <c>Math.Truncate</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Truncate<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Truncate(x);

    /// <summary>Each lane with its fraction dropped, as <c>Math.Truncate</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Truncate<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Vector128.Truncate(x.AsSingle()).As<float, T>() : Vector128.Truncate(x.AsDouble()).As<double, T>();

    /// <summary>Each lane with its fraction dropped, as <c>Math.Truncate</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Truncate<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Vector256.Truncate(x.AsSingle()).As<float, T>() : Vector256.Truncate(x.AsDouble()).As<double, T>();

    /// <summary>Each lane with its fraction dropped, as <c>Math.Truncate</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Truncate<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Vector512.Truncate(x.AsSingle()).As<float, T>() : Vector512.Truncate(x.AsDouble()).As<double, T>();

    /// <summary>0 where <paramref name="x"/> &lt;= 0, else 1 (NaN included, as PyTorch passes the gradient through): the derivative of <c>Relu</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Step<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => x <= T.Zero ? T.Zero : T.One;

    /// <summary>0 in lanes /// <summary>1 in lanes greater than 0, else 0: the derivative of <c>Relu</c>.</summary>lt;= 0, else 1 (NaN included, as PyTorch passes the gradient through): the derivative of <c>Relu</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Step<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128.ConditionalSelect(Vector128.LessThanOrEqual(x, Vector128<T>.Zero), Vector128<T>.Zero, Vector128<T>.One);
    }

    /// <summary>0 in lanes /// <summary>1 in lanes greater than 0, else 0: the derivative of <c>Relu</c>.</summary>lt;= 0, else 1 (NaN included, as PyTorch passes the gradient through): the derivative of <c>Relu</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Step<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256<T>.Zero), Vector256<T>.Zero, Vector256<T>.One);
    }

    /// <summary>0 in lanes /// <summary>1 in lanes greater than 0, else 0: the derivative of <c>Relu</c>.</summary>lt;= 0, else 1 (NaN included, as PyTorch passes the gradient through): the derivative of <c>Relu</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Step<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512<T>.Zero), Vector512<T>.Zero, Vector512<T>.One);
    }

    /// <summary>-1, 0 or 1 by the sign of <paramref name="x"/>; NaN stays NaN: the derivative of <c>Abs</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sign<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.IsNaN(x) ? x : T.CreateTruncating(T.Sign(x));

    /// <summary>-1, 0 or 1 by the sign of each lane; NaN stays NaN: the derivative of <c>Abs</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Sign<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector128<T> positive = Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<T>.Zero), Vector128<T>.One, Vector128<T>.Zero);
        Vector128<T> negative = Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<T>.Zero), Vector128<T>.One, Vector128<T>.Zero);
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), positive - negative, x);
    }

    /// <summary>-1, 0 or 1 by the sign of each lane; NaN stays NaN: the derivative of <c>Abs</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sign<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector256<T> positive = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), Vector256<T>.One, Vector256<T>.Zero);
        Vector256<T> negative = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<T>.Zero), Vector256<T>.One, Vector256<T>.Zero);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), positive - negative, x);
    }

    /// <summary>-1, 0 or 1 by the sign of each lane; NaN stays NaN: the derivative of <c>Abs</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sign<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector512<T> positive = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<T>.Zero), Vector512<T>.One, Vector512<T>.Zero);
        Vector512<T> negative = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<T>.Zero), Vector512<T>.One, Vector512<T>.Zero);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), positive - negative, x);
    }

    /// <summary>The logistic function <c>1 / (1 + e^-x)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sigmoid<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.One / (T.One + T.Exp(-x));

    /// <summary>The logistic function <c>1 / (1 + e^-x)</c> of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Sigmoid<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128<T>.One / (Vector128<T>.One + Exp(-x));
    }

    /// <summary>The logistic function <c>1 / (1 + e^-x)</c> of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sigmoid<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256<T>.One / (Vector256<T>.One + Exp(-x));
    }

    /// <summary>The logistic function <c>1 / (1 + e^-x)</c> of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sigmoid<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512<T>.One / (Vector512<T>.One + Exp(-x));
    }

    /// <summary>The hyperbolic tangent of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Tanh<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Tanh(x);

    /// <summary>The hyperbolic tangent of each lane, accurate near 0 (through an exact <c>e^2|x| - 1</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Tanh<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // tanh(a) = m / (m + 2) with m = e^(2a) - 1. Kahan's form m = (u - 1) * 2a / log(u) keeps m exact near 0.
        Vector128<T> a = Vector128.Abs(x);
        Vector128<T> twoA = a + a;
        Vector128<T> u = Exp(twoA);
        Vector128<T> m = Vector128.ConditionalSelect(Vector128.Equals(u, Vector128<T>.One), twoA, (u - Vector128<T>.One) * twoA / Log(u));
        Vector128<T> magnitude = m / (m + Vector128.Create(T.CreateTruncating(2)));
        magnitude = Vector128.ConditionalSelect(Vector128.GreaterThan(a, Vector128.Create(T.CreateTruncating(20))), Vector128<T>.One, magnitude);
        Vector128<T> signed = Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<T>.Zero), -magnitude, magnitude);
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), signed, x);
    }

    /// <summary>The hyperbolic tangent of each lane, accurate near 0 (through an exact <c>e^2|x| - 1</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Tanh<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // tanh(a) = m / (m + 2) with m = e^(2a) - 1. Kahan's form m = (u - 1) * 2a / log(u) keeps m exact near 0.
        Vector256<T> a = Vector256.Abs(x);
        Vector256<T> twoA = a + a;
        Vector256<T> u = Exp(twoA);
        Vector256<T> m = Vector256.ConditionalSelect(Vector256.Equals(u, Vector256<T>.One), twoA, (u - Vector256<T>.One) * twoA / Log(u));
        Vector256<T> magnitude = m / (m + Vector256.Create(T.CreateTruncating(2)));
        magnitude = Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256.Create(T.CreateTruncating(20))), Vector256<T>.One, magnitude);
        Vector256<T> signed = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<T>.Zero), -magnitude, magnitude);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), signed, x);
    }

    /// <summary>The hyperbolic tangent of each lane, accurate near 0 (through an exact <c>e^2|x| - 1</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Tanh<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // tanh(a) = m / (m + 2) with m = e^(2a) - 1. Kahan's form m = (u - 1) * 2a / log(u) keeps m exact near 0.
        Vector512<T> a = Vector512.Abs(x);
        Vector512<T> twoA = a + a;
        Vector512<T> u = Exp(twoA);
        Vector512<T> m = Vector512.ConditionalSelect(Vector512.Equals(u, Vector512<T>.One), twoA, (u - Vector512<T>.One) * twoA / Log(u));
        Vector512<T> magnitude = m / (m + Vector512.Create(T.CreateTruncating(2)));
        magnitude = Vector512.ConditionalSelect(Vector512.GreaterThan(a, Vector512.Create(T.CreateTruncating(20))), Vector512<T>.One, magnitude);
        Vector512<T> signed = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<T>.Zero), -magnitude, magnitude);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), signed, x);
    }

    /// <summary><paramref name="x"/> raised to <paramref name="p"/>, as <see cref="Math.Pow"/> does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Pow<T>(T x, T p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Pow(x, p);

    /// <summary>Each lane raised to <paramref name="p"/>, as <see cref="Math.Pow"/> does for the exponents a loss uses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Pow<T>(Vector128<T> x, T p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // As Math.Pow: x^0 = 1 and 1^p = 1 even for NaN; small integer exponents multiply (exact, and defined for
        // negative x); others go through e^(p log|x|), negative for odd integers, NaN for negative x otherwise.
        if (p == T.Zero)
        {
            return Vector128<T>.One;
        }

        if (T.IsNaN(p))
        {
            return Vector128.ConditionalSelect(Vector128.Equals(x, Vector128<T>.One), Vector128<T>.One, Vector128.Create(T.NaN));
        }

        if (T.IsInteger(p) && T.Abs(p) <= T.CreateTruncating(64))
        {
            int n = int.CreateTruncating(T.Abs(p));
            Vector128<T> result = Vector128<T>.One;
            Vector128<T> power = x;
            while (n != 0)
            {
                if ((n & 1) != 0)
                {
                    result *= power;
                }

                power *= power;
                n >>= 1;
            }

            return p < T.Zero ? Vector128<T>.One / result : result;
        }

        Vector128<T> magnitude = Exp(Log(Vector128.Abs(x)) * Vector128.Create(p));
        if (T.IsOddInteger(p))
        {
            return Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<T>.Zero), -magnitude, magnitude);
        }

        if (T.IsInteger(p))
        {
            return magnitude;
        }

        Vector128<T> negativeFinite = Vector128.LessThan(x, Vector128<T>.Zero) & Vector128.GreaterThan(x, Vector128.Create(T.NegativeInfinity));
        return Vector128.ConditionalSelect(negativeFinite, Vector128.Create(T.NaN), magnitude);
    }

    /// <summary>Each lane raised to <paramref name="p"/>, as <see cref="Math.Pow"/> does for the exponents a loss uses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Pow<T>(Vector256<T> x, T p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // As Math.Pow: x^0 = 1 and 1^p = 1 even for NaN; small integer exponents multiply (exact, and defined for
        // negative x); others go through e^(p log|x|), negative for odd integers, NaN for negative x otherwise.
        if (p == T.Zero)
        {
            return Vector256<T>.One;
        }

        if (T.IsNaN(p))
        {
            return Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<T>.One), Vector256<T>.One, Vector256.Create(T.NaN));
        }

        if (T.IsInteger(p) && T.Abs(p) <= T.CreateTruncating(64))
        {
            int n = int.CreateTruncating(T.Abs(p));
            Vector256<T> result = Vector256<T>.One;
            Vector256<T> power = x;
            while (n != 0)
            {
                if ((n & 1) != 0)
                {
                    result *= power;
                }

                power *= power;
                n >>= 1;
            }

            return p < T.Zero ? Vector256<T>.One / result : result;
        }

        Vector256<T> magnitude = Exp(Log(Vector256.Abs(x)) * Vector256.Create(p));
        if (T.IsOddInteger(p))
        {
            return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<T>.Zero), -magnitude, magnitude);
        }

        if (T.IsInteger(p))
        {
            return magnitude;
        }

        Vector256<T> negativeFinite = Vector256.LessThan(x, Vector256<T>.Zero) & Vector256.GreaterThan(x, Vector256.Create(T.NegativeInfinity));
        return Vector256.ConditionalSelect(negativeFinite, Vector256.Create(T.NaN), magnitude);
    }

    /// <summary>Each lane raised to <paramref name="p"/>, as <see cref="Math.Pow"/> does for the exponents a loss uses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Pow<T>(Vector512<T> x, T p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // As Math.Pow: x^0 = 1 and 1^p = 1 even for NaN; small integer exponents multiply (exact, and defined for
        // negative x); others go through e^(p log|x|), negative for odd integers, NaN for negative x otherwise.
        if (p == T.Zero)
        {
            return Vector512<T>.One;
        }

        if (T.IsNaN(p))
        {
            return Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<T>.One), Vector512<T>.One, Vector512.Create(T.NaN));
        }

        if (T.IsInteger(p) && T.Abs(p) <= T.CreateTruncating(64))
        {
            int n = int.CreateTruncating(T.Abs(p));
            Vector512<T> result = Vector512<T>.One;
            Vector512<T> power = x;
            while (n != 0)
            {
                if ((n & 1) != 0)
                {
                    result *= power;
                }

                power *= power;
                n >>= 1;
            }

            return p < T.Zero ? Vector512<T>.One / result : result;
        }

        Vector512<T> magnitude = Exp(Log(Vector512.Abs(x)) * Vector512.Create(p));
        if (T.IsOddInteger(p))
        {
            return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<T>.Zero), -magnitude, magnitude);
        }

        if (T.IsInteger(p))
        {
            return magnitude;
        }

        Vector512<T> negativeFinite = Vector512.LessThan(x, Vector512<T>.Zero) & Vector512.GreaterThan(x, Vector512.Create(T.NegativeInfinity));
        return Vector512.ConditionalSelect(negativeFinite, Vector512.Create(T.NaN), magnitude);
    }

    /// <summary><c>log(1 + x)</c>, accurate for tiny <paramref name="x"/> (Kahan's correction), as TensorMath.Log1p computes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Log1p<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Log1pOf(x);

    /// <summary><c>log(1 + x)</c> of each lane, accurate for tiny lanes (Kahan's correction).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Log1p<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Log1pOfLanes(x);
    }

    /// <summary><c>log(1 + x)</c> of each lane, accurate for tiny lanes (Kahan's correction).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Log1p<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Log1pOfLanes(x);
    }

    /// <summary><c>log(1 + x)</c> of each lane, accurate for tiny lanes (Kahan's correction).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Log1p<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Log1pOfLanes(x);
    }

    /// <summary><c>exp(x) - 1</c>, accurate for tiny <paramref name="x"/> (Kahan's correction), as TensorMath.Expm1 computes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Expm1<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ExpM1Of(x);

    /// <summary><c>exp(x) - 1</c> of each lane, accurate for tiny lanes (Kahan's correction <c>(u - 1) * x / log(u)</c> with <c>u = exp(x)</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Expm1<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector128<T> u = Exp(x);
        Vector128<T> um1 = u - Vector128<T>.One;
        Vector128<T> corrected = um1 * (x / Log(u));

        // Where exp(x) underflowed to 0, overflowed, or x is NaN, u - 1 is exact; where u rounds to 1, x is.
        Vector128<T> exact = Vector128.Equals(um1, -Vector128<T>.One) | ~Vector128.Equals(u - u, Vector128<T>.Zero);
        return Vector128.ConditionalSelect(Vector128.Equals(u, Vector128<T>.One), x, Vector128.ConditionalSelect(exact, um1, corrected));
    }

    /// <summary><c>exp(x) - 1</c> of each lane, accurate for tiny lanes (Kahan's correction <c>(u - 1) * x / log(u)</c> with <c>u = exp(x)</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Expm1<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector256<T> u = Exp(x);
        Vector256<T> um1 = u - Vector256<T>.One;
        Vector256<T> corrected = um1 * (x / Log(u));

        // Where exp(x) underflowed to 0, overflowed, or x is NaN, u - 1 is exact; where u rounds to 1, x is.
        Vector256<T> exact = Vector256.Equals(um1, -Vector256<T>.One) | ~Vector256.Equals(u - u, Vector256<T>.Zero);
        return Vector256.ConditionalSelect(Vector256.Equals(u, Vector256<T>.One), x, Vector256.ConditionalSelect(exact, um1, corrected));
    }

    /// <summary><c>exp(x) - 1</c> of each lane, accurate for tiny lanes (Kahan's correction <c>(u - 1) * x / log(u)</c> with <c>u = exp(x)</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Expm1<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector512<T> u = Exp(x);
        Vector512<T> um1 = u - Vector512<T>.One;
        Vector512<T> corrected = um1 * (x / Log(u));

        // Where exp(x) underflowed to 0, overflowed, or x is NaN, u - 1 is exact; where u rounds to 1, x is.
        Vector512<T> exact = Vector512.Equals(um1, -Vector512<T>.One) | ~Vector512.Equals(u - u, Vector512<T>.Zero);
        return Vector512.ConditionalSelect(Vector512.Equals(u, Vector512<T>.One), x, Vector512.ConditionalSelect(exact, um1, corrected));
    }

    /// <summary><c>log(1 + exp(x))</c>, as torch's softplus (beta 1, threshold 20): <paramref name="x"/> itself above 20.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Softplus<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => x > T.CreateTruncating(20) ? x : Log1pOf(T.Exp(x));

    /// <summary><c>log(1 + exp(x))</c> of each lane, as torch's softplus (beta 1, threshold 20): the lane itself above 20.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Softplus<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128.Create(T.CreateTruncating(20))), x, Log1pOfLanes(Exp(x)));
    }

    /// <summary><c>log(1 + exp(x))</c> of each lane, as torch's softplus (beta 1, threshold 20): the lane itself above 20.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Softplus<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(T.CreateTruncating(20))), x, Log1pOfLanes(Exp(x)));
    }

    /// <summary><c>log(1 + exp(x))</c> of each lane, as torch's softplus (beta 1, threshold 20): the lane itself above 20.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Softplus<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(T.CreateTruncating(20))), x, Log1pOfLanes(Exp(x)));
    }

    /// <summary><c>log(sigmoid(x))</c> as <c>min(x, 0) - log1p(exp(-|x|))</c>: no overflow, no rounding to -infinity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LogSigmoid<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Min(x, T.Zero) - Log1pOf(T.Exp(-T.Abs(x)));

    /// <summary><c>log(sigmoid(x))</c> of each lane as <c>min(x, 0) - log1p(exp(-|x|))</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> LogSigmoid<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128.Min(x, Vector128<T>.Zero) - Log1pOfLanes(Exp(-Vector128.Abs(x)));
    }

    /// <summary><c>log(sigmoid(x))</c> of each lane as <c>min(x, 0) - log1p(exp(-|x|))</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LogSigmoid<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256.Min(x, Vector256<T>.Zero) - Log1pOfLanes(Exp(-Vector256.Abs(x)));
    }

    /// <summary><c>log(sigmoid(x))</c> of each lane as <c>min(x, 0) - log1p(exp(-|x|))</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LogSigmoid<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512.Min(x, Vector512<T>.Zero) - Log1pOfLanes(Exp(-Vector512.Abs(x)));
    }

    /// <summary>The larger of <paramref name="a"/> and <paramref name="b"/>, NaN if either is NaN, as torch.maximum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Maximum<T>(T a, T b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Max(a, b);

    /// <summary>The larger of each pair of lanes, NaN if either is NaN, as torch.maximum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Maximum<T>(Vector128<T> a, Vector128<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128.Max(a, b);
    }

    /// <summary>The larger of each pair of lanes, NaN if either is NaN, as torch.maximum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Maximum<T>(Vector256<T> a, Vector256<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256.Max(a, b);
    }

    /// <summary>The larger of each pair of lanes, NaN if either is NaN, as torch.maximum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Maximum<T>(Vector512<T> a, Vector512<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512.Max(a, b);
    }

    /// <summary>The smaller of <paramref name="a"/> and <paramref name="b"/>, NaN if either is NaN, as torch.minimum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Minimum<T>(T a, T b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Min(a, b);

    /// <summary>The smaller of each pair of lanes, NaN if either is NaN, as torch.minimum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Minimum<T>(Vector128<T> a, Vector128<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128.Min(a, b);
    }

    /// <summary>The smaller of each pair of lanes, NaN if either is NaN, as torch.minimum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Minimum<T>(Vector256<T> a, Vector256<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256.Min(a, b);
    }

    /// <summary>The smaller of each pair of lanes, NaN if either is NaN, as torch.minimum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Minimum<T>(Vector512<T> a, Vector512<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512.Min(a, b);
    }

    /// <summary><paramref name="x"/> limited to <c>[min, max]</c> as <c>Min(Max(x, min), max)</c>, as torch.clamp: NaN stays NaN, and <paramref name="max"/> wins when <c>min &gt; max</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Clamp<T>(T x, T min, T max)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Min(T.Max(x, min), max);

    /// <summary>Each lane limited to <c>[min, max]</c> as <c>Min(Max(x, min), max)</c>, as torch.clamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Clamp<T>(Vector128<T> x, Vector128<T> min, Vector128<T> max)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128.Min(Vector128.Max(x, min), max);
    }

    /// <summary>Each lane limited to <c>[min, max]</c> as <c>Min(Max(x, min), max)</c>, as torch.clamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Clamp<T>(Vector256<T> x, Vector256<T> min, Vector256<T> max)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256.Min(Vector256.Max(x, min), max);
    }

    /// <summary>Each lane limited to <c>[min, max]</c> as <c>Min(Max(x, min), max)</c>, as torch.clamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Clamp<T>(Vector512<T> x, Vector512<T> min, Vector512<T> max)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512.Min(Vector512.Max(x, min), max);
    }

    /// <summary><c>x * y + addend</c> rounded once, as <see cref="Math.FusedMultiplyAdd(double, double, double)"/> and <see cref="MathF.FusedMultiplyAdd"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FusedMultiplyAdd<T>(T x, T y, T addend)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.FusedMultiplyAdd(x, y, addend);

    /// <summary><c>x * y + addend</c> in each lane, rounded once (exact without hardware FMA too).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> FusedMultiplyAdd<T>(Vector128<T> x, Vector128<T> y, Vector128<T> addend)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector128.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        return Vector128.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), addend.AsDouble()).As<double, T>();
    }

    /// <summary><c>x * y + addend</c> in each lane, rounded once (exact without hardware FMA too).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> FusedMultiplyAdd<T>(Vector256<T> x, Vector256<T> y, Vector256<T> addend)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        return Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), addend.AsDouble()).As<double, T>();
    }

    /// <summary><c>x * y + addend</c> in each lane, rounded once (exact without hardware FMA too).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> FusedMultiplyAdd<T>(Vector512<T> x, Vector512<T> y, Vector512<T> addend)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), addend.AsDouble()).As<double, T>();
    }

    /// <summary>1 where <c>a &lt; b</c>, else 0 (0 when either is NaN): a mask in numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LessThan<T>(T a, T b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => a < b ? T.One : T.Zero;

    /// <summary>1 in lanes where <c>a &lt; b</c>, else 0 (0 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> LessThan<T>(Vector128<T> a, Vector128<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128.ConditionalSelect(Vector128.LessThan(a, b), Vector128<T>.One, Vector128<T>.Zero);
    }

    /// <summary>1 in lanes where <c>a &lt; b</c>, else 0 (0 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LessThan<T>(Vector256<T> a, Vector256<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256.ConditionalSelect(Vector256.LessThan(a, b), Vector256<T>.One, Vector256<T>.Zero);
    }

    /// <summary>1 in lanes where <c>a &lt; b</c>, else 0 (0 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LessThan<T>(Vector512<T> a, Vector512<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512.ConditionalSelect(Vector512.LessThan(a, b), Vector512<T>.One, Vector512<T>.Zero);
    }

    /// <summary>1 where <c>a &lt;= b</c>, else 0 (0 when either is NaN): a mask in numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LessThanOrEqual<T>(T a, T b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => a <= b ? T.One : T.Zero;

    /// <summary>1 in lanes where <c>a &lt;= b</c>, else 0 (0 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> LessThanOrEqual<T>(Vector128<T> a, Vector128<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128.ConditionalSelect(Vector128.LessThanOrEqual(a, b), Vector128<T>.One, Vector128<T>.Zero);
    }

    /// <summary>1 in lanes where <c>a &lt;= b</c>, else 0 (0 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LessThanOrEqual<T>(Vector256<T> a, Vector256<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(a, b), Vector256<T>.One, Vector256<T>.Zero);
    }

    /// <summary>1 in lanes where <c>a &lt;= b</c>, else 0 (0 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LessThanOrEqual<T>(Vector512<T> a, Vector512<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512.ConditionalSelect(Vector512.LessThanOrEqual(a, b), Vector512<T>.One, Vector512<T>.Zero);
    }

    /// <summary>1 where <c>a &gt; b</c>, else 0 (0 when either is NaN): a mask in numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GreaterThan<T>(T a, T b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => a > b ? T.One : T.Zero;

    /// <summary>1 in lanes where <c>a &gt; b</c>, else 0 (0 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> GreaterThan<T>(Vector128<T> a, Vector128<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128.ConditionalSelect(Vector128.GreaterThan(a, b), Vector128<T>.One, Vector128<T>.Zero);
    }

    /// <summary>1 in lanes where <c>a &gt; b</c>, else 0 (0 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> GreaterThan<T>(Vector256<T> a, Vector256<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256.ConditionalSelect(Vector256.GreaterThan(a, b), Vector256<T>.One, Vector256<T>.Zero);
    }

    /// <summary>1 in lanes where <c>a &gt; b</c>, else 0 (0 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> GreaterThan<T>(Vector512<T> a, Vector512<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512.ConditionalSelect(Vector512.GreaterThan(a, b), Vector512<T>.One, Vector512<T>.Zero);
    }

    /// <summary>1 where <c>a &gt;= b</c>, else 0 (0 when either is NaN): a mask in numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GreaterThanOrEqual<T>(T a, T b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => a >= b ? T.One : T.Zero;

    /// <summary>1 in lanes where <c>a &gt;= b</c>, else 0 (0 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> GreaterThanOrEqual<T>(Vector128<T> a, Vector128<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(a, b), Vector128<T>.One, Vector128<T>.Zero);
    }

    /// <summary>1 in lanes where <c>a &gt;= b</c>, else 0 (0 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> GreaterThanOrEqual<T>(Vector256<T> a, Vector256<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(a, b), Vector256<T>.One, Vector256<T>.Zero);
    }

    /// <summary>1 in lanes where <c>a &gt;= b</c>, else 0 (0 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> GreaterThanOrEqual<T>(Vector512<T> a, Vector512<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(a, b), Vector512<T>.One, Vector512<T>.Zero);
    }

    /// <summary>1 where <c>a == b</c>, else 0 (0 when either is NaN): a mask in numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Equal<T>(T a, T b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => a == b ? T.One : T.Zero;

    /// <summary>1 in lanes where <c>a == b</c>, else 0 (0 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Equal<T>(Vector128<T> a, Vector128<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128.ConditionalSelect(Vector128.Equals(a, b), Vector128<T>.One, Vector128<T>.Zero);
    }

    /// <summary>1 in lanes where <c>a == b</c>, else 0 (0 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Equal<T>(Vector256<T> a, Vector256<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256.ConditionalSelect(Vector256.Equals(a, b), Vector256<T>.One, Vector256<T>.Zero);
    }

    /// <summary>1 in lanes where <c>a == b</c>, else 0 (0 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Equal<T>(Vector512<T> a, Vector512<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512.ConditionalSelect(Vector512.Equals(a, b), Vector512<T>.One, Vector512<T>.Zero);
    }

    /// <summary>1 where <c>a != b</c>, else 0 (1 when either is NaN): a mask in numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T NotEqual<T>(T a, T b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => a != b ? T.One : T.Zero;

    /// <summary>1 in lanes where <c>a != b</c>, else 0 (1 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> NotEqual<T>(Vector128<T> a, Vector128<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128.ConditionalSelect(Vector128.Equals(a, b), Vector128<T>.Zero, Vector128<T>.One);
    }

    /// <summary>1 in lanes where <c>a != b</c>, else 0 (1 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> NotEqual<T>(Vector256<T> a, Vector256<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256.ConditionalSelect(Vector256.Equals(a, b), Vector256<T>.Zero, Vector256<T>.One);
    }

    /// <summary>1 in lanes where <c>a != b</c>, else 0 (1 where either is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> NotEqual<T>(Vector512<T> a, Vector512<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512.ConditionalSelect(Vector512.Equals(a, b), Vector512<T>.Zero, Vector512<T>.One);
    }

    /// <summary><paramref name="a"/> where the mask <paramref name="mask"/> is nonzero, else <paramref name="b"/>, as torch.where.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Select<T>(T mask, T a, T b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => mask != T.Zero ? a : b;

    /// <summary>Lanes of <paramref name="a"/> where the mask's lane is nonzero, else of <paramref name="b"/>, as torch.where.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Select<T>(Vector128<T> mask, Vector128<T> a, Vector128<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector128.ConditionalSelect(Vector128.Equals(mask, Vector128<T>.Zero), b, a);
    }

    /// <summary>Lanes of <paramref name="a"/> where the mask's lane is nonzero, else of <paramref name="b"/>, as torch.where.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Select<T>(Vector256<T> mask, Vector256<T> a, Vector256<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector256.ConditionalSelect(Vector256.Equals(mask, Vector256<T>.Zero), b, a);
    }

    /// <summary>Lanes of <paramref name="a"/> where the mask's lane is nonzero, else of <paramref name="b"/>, as torch.where.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Select<T>(Vector512<T> mask, Vector512<T> a, Vector512<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return Vector512.ConditionalSelect(Vector512.Equals(mask, Vector512<T>.Zero), b, a);
    }

    /// <summary>
    /// <c>log(1 + x)</c> by Kahan's correction, as TensorMath.Log1p computes it: <c>u = 1 + x</c> rounds, and
    /// <c>log(u) * x / (u - 1)</c> cancels that rounding to first order; x itself where u rounds to 1.
    /// </summary>
    private static T Log1pOf<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T u = T.One + x;
        if (u == T.One)
        {
            return x;
        }

        // Infinity and NaN need no correction (and the correction would compute infinity / infinity).
        return T.IsFinite(u) ? T.Log(u) * (x / (u - T.One)) : T.Log(u);
    }

    /// <summary><c>exp(x) - 1</c> by Kahan's correction, as TensorMath.Expm1 computes it.</summary>
    private static T ExpM1Of<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T u = T.Exp(x);
        if (u == T.One)
        {
            return x;
        }

        T um1 = u - T.One;
        if (um1 == -T.One || !T.IsFinite(u))
        {
            return um1;
        }

        return um1 * (x / T.Log(u));
    }

    /// <summary><c>log(1 + x)</c> of each lane by Kahan's correction, as <see cref="Log1pOf{T}(T)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> Log1pOfLanes<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector128<T> u = Vector128<T>.One + x;
        Vector128<T> log = Log(u);
        Vector128<T> corrected = log * (x / (u - Vector128<T>.One));
        Vector128<T> finite = Vector128.Equals(u - u, Vector128<T>.Zero);
        return Vector128.ConditionalSelect(Vector128.Equals(u, Vector128<T>.One), x, Vector128.ConditionalSelect(finite, corrected, log));
    }

    /// <summary><c>log(1 + x)</c> of each lane by Kahan's correction, as <see cref="Log1pOf{T}(T)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Log1pOfLanes<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector256<T> u = Vector256<T>.One + x;
        Vector256<T> log = Log(u);
        Vector256<T> corrected = log * (x / (u - Vector256<T>.One));
        Vector256<T> finite = Vector256.Equals(u - u, Vector256<T>.Zero);
        return Vector256.ConditionalSelect(Vector256.Equals(u, Vector256<T>.One), x, Vector256.ConditionalSelect(finite, corrected, log));
    }

    /// <summary><c>log(1 + x)</c> of each lane by Kahan's correction, as <see cref="Log1pOf{T}(T)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Log1pOfLanes<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector512<T> u = Vector512<T>.One + x;
        Vector512<T> log = Log(u);
        Vector512<T> corrected = log * (x / (u - Vector512<T>.One));
        Vector512<T> finite = Vector512.Equals(u - u, Vector512<T>.Zero);
        return Vector512.ConditionalSelect(Vector512.Equals(u, Vector512<T>.One), x, Vector512.ConditionalSelect(finite, corrected, log));
    }
}
