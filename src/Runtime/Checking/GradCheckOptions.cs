namespace SymGrad;

/// <summary>
/// The step and tolerances of a <see cref="GradCheck"/>. A value left unset takes the default for the element type,
/// so <c>new GradCheckOptions { RelativeTolerance = 1e-4 }</c> changes only the relative tolerance.
/// </summary>
/// <remarks>
/// An element passes when <c>|analytic - numeric| &lt;= AbsoluteTolerance + RelativeTolerance * |numeric|</c>, the rule
/// of PyTorch's <c>gradcheck</c>. The defaults are PyTorch's for <see cref="double"/> (step 1e-6, atol 1e-5,
/// rtol 1e-3) and looser ones for <see cref="float"/> (step 1e-3, atol 1e-3, rtol 1e-2), whose function values carry
/// only about seven digits.
/// </remarks>
public sealed class GradCheckOptions
{
    /// <summary>The step <c>eps</c> of the central difference <c>(f(x + eps) - f(x - eps)) / 2eps</c>; positive.</summary>
    public double? Epsilon { get; init; }

    /// <summary>The absolute tolerance <c>atol</c>; not negative.</summary>
    public double? AbsoluteTolerance { get; init; }

    /// <summary>The relative tolerance <c>rtol</c>, relative to the numeric derivative; not negative.</summary>
    public double? RelativeTolerance { get; init; }

    /// <summary>How many of the worst elements a result keeps and a failure message lists; at least 1. Default 5.</summary>
    public int MaxReported { get; init; } = 5;
}
