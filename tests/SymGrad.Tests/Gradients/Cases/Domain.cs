using System;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Where a parameter's values come from: a fixed formula of the element's position, so every run and every size sees
/// the same numbers (no random generator), chosen inside the domain of the operations the function applies.
/// </summary>
/// <param name="Name">The domain's name, for messages.</param>
/// <param name="Formula">The value at a position; positions differ between parameters of one function.</param>
public sealed record Domain(string Name, Func<int, double> Formula)
{
    /// <summary>Values in [-1.5, 1.5]: exponentials, sines, tanh and sigmoid stay well conditioned.</summary>
    public static Domain Wide { get; } = new("wide", p => 1.5 * Math.Sin((0.7 * p) + 0.3));

    /// <summary>Values in [-0.5, 0.5]: weights of a network and points inside the quadratic part of a piecewise function.</summary>
    public static Domain Small { get; } = new("small", p => 0.5 * Math.Sin((0.7 * p) + 0.3));

    /// <summary>Values in [-0.1, 0.1].</summary>
    public static Domain Tiny { get; } = new("tiny", p => 0.1 * Math.Sin((0.7 * p) + 0.3));

    /// <summary>Values in [0.5, 2]: inside the domain of Log, Sqrt and fractional powers, and safe as a divisor.</summary>
    public static Domain Positive { get; } = new("positive", p => 1.25 + (0.75 * Math.Sin((0.7 * p) + 0.3)));

    /// <summary>
    /// Wide values with a peak of 2 at position 0 and a trough of -2 at position 1: a whole-tensor maximum and minimum
    /// at least 0.5 from every other element, so a finite-difference step never changes which element is the extreme.
    /// </summary>
    public static Domain Peaked { get; } = new("peaked", p => p switch { 0 => 2, 1 => -2, _ => 1.5 * Math.Sin((0.7 * p) + 0.3) });

    /// <summary>0 or 1: labels of a classifier.</summary>
    public static Domain Binary { get; } = new("binary", p => Math.Sin((0.7 * p) + 0.3) >= 0 ? 1 : 0);

    /// <summary>
    /// Values at least 0.25 from <paramref name="kink"/> on either side, so a finite-difference step never crosses
    /// the kink of Abs or Relu.
    /// </summary>
    public static Domain AwayFrom(double kink)
        => new("away from " + kink, p => kink + (Math.Sign(Math.Sin((0.7 * p) + 0.3)) is >= 0 ? 1 : -1) * (0.25 + (0.75 * Math.Abs(Math.Sin((1.3 * p) + 0.1)))));
}
