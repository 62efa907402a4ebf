using System.Collections.Generic;
using static SymGrad.Tests.Gradients.CaseParameter;

namespace SymGrad.Tests.Gradients;

public static partial class GradientCatalog
{
    /// <summary>A vector [n] and a whole vector [n - 1] that meets its slices: one element each at the smallest, odd sizes and SIMD tails.</summary>
    private static SizeSet SliceAndVector => new([new(2, 1), new(4, 3), new(16, 15), new(18, 17), new(1004, 1003)], new(3 * 16384 + 6, 3 * 16384 + 5));

    /// <summary>A vector [n] whose one-element slices repeat over a vector [m]: m = 1, m below and above n, SIMD tails.</summary>
    private static SizeSet OneElementAndVector => new([new(2, 1), new(3, 5), new(5, 15), new(17, 17), new(4, 1003)], new(7, 3 * 16384 + 5));

    private static IEnumerable<GradientCase> BroadcastEdgeCases() =>
    [
        Double(
            "OneElementSlices", OneElementAndVector, [Tensor("x", Wide, 0), Tensor("y", Small, 1), Integer("k", 1)],
            a => Slices.OneElementSlices(a[0], a[1], a.Integer(2)), a => Slices.OneElementSlicesValue(a[0], a[1], a.Integer(2)),
            (a, g) => Slices.OneElementSlicesValueAndGradient(a[0], a[1], a.Integer(2), g[0], g[1])),
        Single(
            "OneElementSlicesF", OneElementAndVector, [Tensor("x", Wide, 0), Tensor("y", Small, 1), Integer("k", 1)],
            a => Slices.OneElementSlicesF(a[0], a[1], a.Integer(2)), a => Slices.OneElementSlicesFValue(a[0], a[1], a.Integer(2)),
            (a, g) => Slices.OneElementSlicesFValueAndGradient(a[0], a[1], a.Integer(2), g[0], g[1])),
        Double(
            "SliceMeetsVector", SliceAndVector, [Tensor("x", Wide, 0), Tensor("y", Small, 1)],
            a => Slices.SliceMeetsVector(a[0], a[1]), a => Slices.SliceMeetsVectorValue(a[0], a[1]), (a, g) => Slices.SliceMeetsVectorValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "SliceMeetsVectorF", SliceAndVector, [Tensor("x", Wide, 0), Tensor("y", Small, 1)],
            a => Slices.SliceMeetsVectorF(a[0], a[1]), a => Slices.SliceMeetsVectorFValue(a[0], a[1]), (a, g) => Slices.SliceMeetsVectorFValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "RunTimeSliceMeetsVector", SliceAndVector, [Tensor("x", Wide, 0), Tensor("y", Small, 1), Integer("k", 1)],
            a => Slices.RunTimeSliceMeetsVector(a[0], a[1], a.Integer(2)), a => Slices.RunTimeSliceMeetsVectorValue(a[0], a[1], a.Integer(2)),
            (a, g) => Slices.RunTimeSliceMeetsVectorValueAndGradient(a[0], a[1], a.Integer(2), g[0], g[1])),
        Single(
            "RunTimeSliceMeetsVectorF", SliceAndVector, [Tensor("x", Wide, 0), Tensor("y", Small, 1), Integer("k", 1)],
            a => Slices.RunTimeSliceMeetsVectorF(a[0], a[1], a.Integer(2)), a => Slices.RunTimeSliceMeetsVectorFValue(a[0], a[1], a.Integer(2)),
            (a, g) => Slices.RunTimeSliceMeetsVectorFValueAndGradient(a[0], a[1], a.Integer(2), g[0], g[1])),
    ];
}
