using System;
using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Runtime;

/// <summary>Comparisons of computed values with double-precision references, and seeded test data.</summary>
internal static class NumericAssert
{
    /// <summary>Requires <c>|actual - expected| &lt;= relative * |expected| + absolute</c>, or both NaN, or equal infinities.</summary>
    public static void Close(double expected, double actual, double relative, double absolute, string context)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected))
        {
            Assert.True(
                expected.Equals(actual),
                string.Create(CultureInfo.InvariantCulture, $"{context}: expected {expected:R}, got {actual:R}"));
            return;
        }

        double error = Math.Abs(actual - expected);
        double allowed = (relative * Math.Abs(expected)) + absolute;
        Assert.True(
            error <= allowed,
            string.Create(CultureInfo.InvariantCulture, $"{context}: expected {expected:R}, got {actual:R}, error {error:G3} > allowed {allowed:G3}"));
    }

    /// <summary>Seeded values uniform in <c>[low, high)</c>, rounded to <typeparamref name="T"/>.</summary>
    public static T[] Uniform<T>(int length, double low, double high, int seed)
        where T : IBinaryFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = T.CreateTruncating(low + ((high - low) * random.NextDouble()));
        }

        return values;
    }

    /// <summary>The elements of <paramref name="tensor"/> in row-major order.</summary>
    public static T[] Flatten<T>(Tensor<T> tensor) => Flatten(tensor.AsReadOnlyTensorSpan());

    /// <summary>The elements of <paramref name="tensor"/> in row-major order.</summary>
    public static T[] Flatten<T>(in ReadOnlyTensorSpan<T> tensor)
    {
        var elements = new T[tensor.FlattenedLength];
        tensor.FlattenTo(elements);
        return elements;
    }
}
