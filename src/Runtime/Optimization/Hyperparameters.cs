using System;
using System.Globalization;
using System.Numerics;

namespace SymGrad.Optimization;

/// <summary>Range checks for optimizer options, with messages that name the option and show a valid value.</summary>
/// <remarks>
/// Options are <see cref="double"/>s, but a caller of an optimizer of <see cref="float"/> often writes them as float
/// literals (<c>learningRate: 0.1f</c>); <see cref="Format{T}"/> prints such a value as the float it was written as.
/// </remarks>
internal static class Hyperparameters
{
    /// <summary>Requires a finite value.</summary>
    public static void RequireFinite<T>(double value, string name, string example)
        where T : IBinaryFloatingPointIeee754<T>
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number, but it is {Format<T>(value)}. Pass {example}.");
        }
    }

    /// <summary>Requires a finite value that is not negative.</summary>
    public static void RequireNonNegative<T>(double value, string name, string example)
        where T : IBinaryFloatingPointIeee754<T>
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number >= 0, but it is {Format<T>(value)}. Pass {example}.");
        }
    }

    /// <summary>Requires <c>0 &lt;= value &lt; 1</c>, the range of a moving average's decay.</summary>
    public static void RequireDecay<T>(double value, string name, string example)
        where T : IBinaryFloatingPointIeee754<T>
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1), but it is {Format<T>(value)}. Pass {example}.");
        }
    }

    /// <summary>
    /// The shortest text that reads back as <paramref name="value"/>, in the invariant culture. A value that is exactly
    /// a <typeparamref name="T"/> prints as one: <c>0.1f</c> widened to double prints as <c>0.1</c>, not
    /// <c>0.10000000149011612</c>.
    /// </summary>
    public static string Format<T>(double value)
        where T : IBinaryFloatingPointIeee754<T>
    {
        T narrowed = T.CreateTruncating(value);
        return double.CreateTruncating(narrowed).Equals(value)
            ? narrowed.ToString("R", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A tenth of <paramref name="value"/>, printed as <see cref="Format{T}"/> prints it with the decimal point moved one
    /// place, so a tenth of <c>1E+30</c> reads <c>1E+29</c> (dividing the double by 10 would print <c>1.0000000000000001E+29</c>).
    /// </summary>
    public static string FormatTenth<T>(double value)
        where T : IBinaryFloatingPointIeee754<T>
    {
        string text = Format<T>(value);
        if (!double.IsFinite(value))
        {
            return text;
        }

        int exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        string shifted = exponentAt < 0
            ? text + "E-1"
            : text[..exponentAt] + "E" + (int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture);
        return double.Parse(shifted, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
    }
}
