using System;
using System.Globalization;
using System.Numerics;

namespace SymGrad.Tests.Gradients;

/// <summary>The tolerances of the suite, by element type, each with the reason for its size.</summary>
internal static class Precision
{
    public static bool IsDouble<T>() => typeof(T) == typeof(double);

    /// <summary>
    /// Two computations of one value in different orders (the fused loops and the eager vocabulary) agree within this
    /// many units of <c>|value| + n</c>. The rounding of a sum of n terms wanders like sqrt(n) units in the last place,
    /// more so on a machine without SIMD, where both sides add one element at a time.
    /// </summary>
    public static double Agreement<T>(long elements)
    {
        double unit = IsDouble<T>() ? Math.ScaleB(1, -53) : Math.ScaleB(1, -24);
        return Math.Max(IsDouble<T>() ? 1e-13 : 1e-6, 4 * unit * Math.Sqrt(elements));
    }

    /// <summary>Agreement with PyTorch's float64 result: ~1e-9 relative for double functions, ~1e-4 for float ones.</summary>
    public static double Reference<T>() => IsDouble<T>() ? 1e-9 : 1e-4;

    /// <summary>
    /// GradCheck's rule for a function whose value at the checked point is <paramref name="value"/> over
    /// <paramref name="elements"/> elements, with step <paramref name="epsilon"/> for float. Double takes PyTorch's defaults. A float value carries about
    /// <c>(|f| + n) * 2^-24</c> of rounding, which a central difference divides by 2 eps; the absolute tolerance
    /// allows a few times that, so a long float sum is checked as tightly as its own rounding permits.
    /// </summary>
    public static GradCheckOptions GradCheck<T>(double value, long elements, double epsilon)
    {
        if (IsDouble<T>())
        {
            return new GradCheckOptions();
        }

        double rounding = (Math.Abs(value) + elements) * Math.ScaleB(1, -24) / (2 * epsilon);
        return new GradCheckOptions { Epsilon = epsilon, AbsoluteTolerance = Math.Max(1e-3, 8 * rounding), RelativeTolerance = 1e-2 };
    }

    /// <summary>Requires <c>|actual - expected| &lt;= tolerance * (|expected| + scale)</c>.</summary>
    public static void Close(double expected, double actual, double tolerance, double scale, string context)
    {
        double error = Math.Abs(actual - expected);
        double allowed = tolerance * (Math.Abs(expected) + scale);
        Assert.True(
            error <= allowed,
            string.Create(CultureInfo.InvariantCulture, $"{context}: expected {expected:R}, got {actual:R}, error {error:G3} > allowed {allowed:G3}"));
    }

    public static double ToDouble<T>(T value)
        where T : IBinaryFloatingPointIeee754<T>
        => double.CreateTruncating(value);
}
