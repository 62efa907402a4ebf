using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SymGrad;

/// <summary>The outcome of a <see cref="GradCheck"/>: how many elements failed, and the worst ones.</summary>
public sealed class GradCheckResult
{
    internal GradCheckResult(
        nint[] shape, nint checkedCount, nint failedCount, GradCheckElement[] worstElements, double epsilon, double absoluteTolerance, double relativeTolerance)
    {
        Shape = shape;
        CheckedCount = checkedCount;
        FailedCount = failedCount;
        WorstElements = worstElements;
        Epsilon = epsilon;
        AbsoluteTolerance = absoluteTolerance;
        RelativeTolerance = relativeTolerance;
    }

    /// <summary>Whether every element passed.</summary>
    public bool Passed => FailedCount == 0;

    /// <summary>The shape of the checked input; empty for a scalar.</summary>
    public IReadOnlyList<nint> Shape { get; }

    /// <summary>The number of elements checked.</summary>
    public nint CheckedCount { get; }

    /// <summary>The number of elements outside the tolerance.</summary>
    public nint FailedCount { get; }

    /// <summary>
    /// The elements with the largest error relative to their tolerance, worst first, passing or not; at most
    /// <see cref="GradCheckOptions.MaxReported"/> of them.
    /// </summary>
    public IReadOnlyList<GradCheckElement> WorstElements { get; }

    /// <summary>The finite-difference step used.</summary>
    public double Epsilon { get; }

    /// <summary>The absolute tolerance used.</summary>
    public double AbsoluteTolerance { get; }

    /// <summary>The relative tolerance used.</summary>
    public double RelativeTolerance { get; }

    /// <summary>Throws a <see cref="GradCheckException"/> listing the worst elements unless every element passed.</summary>
    /// <exception cref="GradCheckException">An element failed.</exception>
    public void ThrowIfFailed()
    {
        if (!Passed)
        {
            throw new GradCheckException(this);
        }
    }

    /// <summary>A summary; for a failure, the failing elements among the worst, with their analytic and numeric values.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        string rule = string.Create(
            invariant, $"|analytic - numeric| <= atol + rtol * |numeric| (eps {Epsilon:G3}, atol {AbsoluteTolerance:G3}, rtol {RelativeTolerance:G3})");
        if (Passed)
        {
            return string.Create(invariant, $"Gradient check passed: all {CheckedCount} elements satisfy {rule}.");
        }

        var text = new StringBuilder();
        text.Append(invariant, $"Gradient check failed: {FailedCount} of {CheckedCount} elements break {rule}. Worst elements:");
        int listed = 0;
        foreach (GradCheckElement element in WorstElements)
        {
            if (!element.Passed)
            {
                text.AppendLine().Append("  ").Append(element.ToString());
                listed++;
            }
        }

        if (FailedCount > listed)
        {
            text.AppendLine().Append(invariant, $"  ... and {FailedCount - listed} more.");
        }

        return text.ToString();
    }
}

/// <summary>One checked element: its position, its analytic and numeric derivatives and its tolerance.</summary>
public readonly struct GradCheckElement
{
    private readonly nint[] _position;

    internal GradCheckElement(nint index, nint[] position, double analytic, double numeric, double tolerance)
    {
        Index = index;
        _position = position;
        Analytic = analytic;
        Numeric = numeric;
        Tolerance = tolerance;
    }

    /// <summary>The element's index in row-major order.</summary>
    public nint Index { get; }

    /// <summary>The element's index in each dimension; empty for a scalar.</summary>
    public IReadOnlyList<nint> Position => _position ?? [];

    /// <summary>The derivative under test.</summary>
    public double Analytic { get; }

    /// <summary>The central finite difference.</summary>
    public double Numeric { get; }

    /// <summary>The allowed error, <c>atol + rtol * |numeric|</c>.</summary>
    public double Tolerance { get; }

    /// <summary>The error <c>|analytic - numeric|</c>; NaN when either is NaN.</summary>
    public double Error => Math.Abs(Analytic - Numeric);

    /// <summary>Whether <see cref="Error"/> is within <see cref="Tolerance"/>; never for a NaN error.</summary>
    public bool Passed => Error <= Tolerance;

    /// <summary>The element as <c>[1, 2] (index 5): analytic 3, numeric 2.5, error 0.5, tolerance 0.0035</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var position = new StringBuilder("[");
        for (int d = 0; d < Position.Count; d++)
        {
            position.Append(d == 0 ? string.Empty : ", ").Append(Position[d]);
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{position}] (index {Index}): analytic {Analytic:G9}, numeric {Numeric:G9}, error {Error:G3}, tolerance {Tolerance:G3}");
    }
}
