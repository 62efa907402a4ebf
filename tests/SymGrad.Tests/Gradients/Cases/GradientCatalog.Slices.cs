using System.Collections.Generic;
using static SymGrad.Tests.Gradients.CaseParameter;

namespace SymGrad.Tests.Gradients;

public static partial class GradientCatalog
{
    /// <summary>Vectors to slice: too short for any slice to keep an element, N = 10, odd N and SIMD tails. A property: the catalog is built by a field initializer of another file.</summary>
    private static SizeSet SliceVectors => new([new(1), new(3), new(10), new(15), new(17), new(1003)], new(3 * 16384 + 5));

    /// <summary>Vectors long enough for every slice of SliceDifference to keep an element.</summary>
    private static SizeSet TrimmedVectors => new([new(4), new(10), new(15), new(17), new(1003)], new(3 * 16384 + 5));

    /// <summary>Vectors long enough for k = 2 in LaggedDifference and for Window's k = 1, m = 2 and x[^3..].</summary>
    private static SizeSet BoundedVectors => new([new(3), new(10), new(15), new(17), new(1003)], new(3 * 16384 + 5));

    private static IEnumerable<GradientCase> SliceCases() =>
    [
        Double(
            "LaggedDifference", BoundedVectors, [Tensor("x", Wide), Integer("k", 2)],
            a => Slices.LaggedDifference(a[0], a.Integer(1)), a => Slices.LaggedDifferenceValue(a[0], a.Integer(1)), (a, g) => Slices.LaggedDifferenceValueAndGradient(a[0], a.Integer(1), g[0])),
        Single(
            "LaggedDifferenceF", BoundedVectors, [Tensor("x", Wide), Integer("k", 2)],
            a => Slices.LaggedDifferenceF(a[0], a.Integer(1)), a => Slices.LaggedDifferenceFValue(a[0], a.Integer(1)), (a, g) => Slices.LaggedDifferenceFValueAndGradient(a[0], a.Integer(1), g[0])),
        Double(
            "Window", BoundedVectors, [Tensor("x", Wide), Integer("k", 1), Integer("m", 2)],
            a => Slices.Window(a[0], a.Integer(1), a.Integer(2)), a => Slices.WindowValue(a[0], a.Integer(1), a.Integer(2)), (a, g) => Slices.WindowValueAndGradient(a[0], a.Integer(1), a.Integer(2), g[0])),
        Single(
            "WindowF", BoundedVectors, [Tensor("x", Wide), Integer("k", 1), Integer("m", 2)],
            a => Slices.WindowF(a[0], a.Integer(1), a.Integer(2)), a => Slices.WindowFValue(a[0], a.Integer(1), a.Integer(2)), (a, g) => Slices.WindowFValueAndGradient(a[0], a.Integer(1), a.Integer(2), g[0])),
        Double("Rosenbrock", SliceVectors, [Tensor("x", Wide)], a => Slices.Rosenbrock(a[0]), a => Slices.RosenbrockValue(a[0]), (a, g) => Slices.RosenbrockValueAndGradient(a[0], g[0])),
        Single("RosenbrockF", SliceVectors, [Tensor("x", Wide)], a => Slices.RosenbrockF(a[0]), a => Slices.RosenbrockFValue(a[0]), (a, g) => Slices.RosenbrockFValueAndGradient(a[0], g[0])),
        Double(
            "Smoothed", SliceVectors, [Tensor("x", Wide), NoGrad("y", Small), Scalar("lambda", 0.7)],
            a => Slices.Smoothed(a[0], a[1], a.Scalar(2)), a => Slices.SmoothedValue(a[0], a[1], a.Scalar(2)),
            (a, g) => Slices.SmoothedValueAndGradient(a[0], a[1], a.Scalar(2), g[0], out g.Scalar(2))),
        Single(
            "SmoothedF", SliceVectors, [Tensor("x", Wide), NoGrad("y", Small), Scalar("lambda", 0.7)],
            a => Slices.SmoothedF(a[0], a[1], a.Scalar(2)), a => Slices.SmoothedFValue(a[0], a[1], a.Scalar(2)),
            (a, g) => Slices.SmoothedFValueAndGradient(a[0], a[1], a.Scalar(2), g[0], out g.Scalar(2))),
        Double("SliceDifference", TrimmedVectors, [Tensor("x", Wide)], a => Slices.SliceDifference(a[0]), a => Slices.SliceDifferenceValue(a[0]), (a, g) => Slices.SliceDifferenceValueAndGradient(a[0], g[0])),
    ];
}
