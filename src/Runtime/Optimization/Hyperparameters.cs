using System;
using System.Globalization;

namespace SymGrad.Optimization;

/// <summary>Range checks for optimizer options, with messages that name the option and show a valid value.</summary>
internal static class Hyperparameters
{
    /// <summary>Requires a finite value.</summary>
    public static void RequireFinite(double value, string name, string example)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number, but it is {Format(value)}. Pass {example}.");
        }
    }

    /// <summary>Requires a finite value that is not negative.</summary>
    public static void RequireNonNegative(double value, string name, string example)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number >= 0, but it is {Format(value)}. Pass {example}.");
        }
    }

    /// <summary>Requires <c>0 &lt;= value &lt; 1</c>, the range of a moving average's decay.</summary>
    public static void RequireDecay(double value, string name, string example)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1), but it is {Format(value)}. Pass {example}.");
        }
    }

    /// <summary>The shortest text that reads back as <paramref name="value"/>, in the invariant culture.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
