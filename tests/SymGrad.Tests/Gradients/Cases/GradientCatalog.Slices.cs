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

    /// <summary>Grids to slice along both axes: one element (every slice empty), two rows (an empty interior), odd shapes.</summary>
    private static SizeSet GridMatrices => new([new(1, 1), new(2, 3), new(3, 5), new(17, 15)], new(131, 127));

    /// <summary>Grids with an interior for the five-point Laplacian, which drops two rows and two columns: empty at 2 x 2.</summary>
    private static SizeSet Interiors => new([new(2, 2), new(2, 3), new(3, 5), new(17, 15)], new(131, 127));

    /// <summary>Grids whose slices keep a row and a column for the log-sum-exp per row and the mean per column.</summary>
    private static SizeSet SlicedRowMatrices => new([new(2, 3), new(3, 5), new(17, 15)], new(131, 127));

    /// <summary>Grids [r, c] with a bias [c], a product's right operand [c, k] and a second grid [r, c].</summary>
    private static SizeSet SlicedMixSizes => new([new(2, 2, 1), new(3, 5, 4), new(17, 15, 3)], new(131, 127, 5));

    /// <summary>Grids [r, c], a right operand [c, k] and two vectors [c]: the smallest with every slice non-empty, odd shapes past the kernels' tiles (40 x 20 sliced to 39 x 19).</summary>
    private static SizeSet SlicedProductSizes => new([new(2, 2, 2), new(3, 5, 4), new(40, 20, 21), new(17, 33, 9)], new(131, 127, 35));

    /// <summary>Grids [r, c] and a second grid of their shape, with at least two rows and columns for RunTimeGrid's n = 2 and ^2.</summary>
    /// <summary>Matrices of at least two rows and three columns, for slices one row or column wide: odd sizes and SIMD tails.</summary>
    private static SizeSet OneWideMatrices => new([new(2, 3), new(3, 5), new(17, 15)], new(131, 127));

    private static SizeSet RunTimeGrids => new([new(2, 2), new(3, 5), new(17, 15)], new(131, 127));

    /// <summary>Vectors long enough for Segment's i = 1, j = 3.</summary>
    private static SizeSet Segments => new([new(3), new(10), new(15), new(17), new(1003)], new(3 * 16384 + 5));

    /// <summary>A vector x [n + 1] sliced to n, a right operand [n, m] and targets [m]: one element, odd lengths, SIMD tails.</summary>
    private static SizeSet RowSliceSizes => new([new(2, 1, 1), new(4, 3, 7), new(8, 7, 3), new(34, 33, 5)], new(130, 129, 35));

    /// <summary>A matrix [r, n] and a vector [n + 1] sliced to n.</summary>
    private static SizeSet ColumnSliceSizes => new([new(1, 1, 2), new(3, 7, 8), new(7, 3, 4), new(33, 5, 6)], new(131, 127, 128));

    /// <summary>Two vectors of n + 1 elements sliced to n.</summary>
    private static SizeSet DotSliceSizes => new([new(2), new(4), new(8), new(15), new(17), new(34), new(1003)], new(3 * 16384 + 5));

    private static IEnumerable<GradientCase> SliceCases() =>
    [
        Double(
            "RowSliceProducts", RowSliceSizes, [Tensor("x", Wide, 0), Tensor("w", Small, 1, 2), NoGrad("t", Small, 2), Integer("k", 1)],
            a => Slices.RowSliceProducts(a[0], a[1], a[2], a.Integer(3)), a => Slices.RowSliceProductsValue(a[0], a[1], a[2], a.Integer(3)),
            (a, g) => Slices.RowSliceProductsValueAndGradient(a[0], a[1], a[2], a.Integer(3), g[0], g[1])),
        Single(
            "RowSliceProductsF", RowSliceSizes, [Tensor("x", Wide, 0), Tensor("w", Small, 1, 2), NoGrad("t", Small, 2), Integer("k", 1)],
            a => Slices.RowSliceProductsF(a[0], a[1], a[2], a.Integer(3)), a => Slices.RowSliceProductsFValue(a[0], a[1], a[2], a.Integer(3)),
            (a, g) => Slices.RowSliceProductsFValueAndGradient(a[0], a[1], a[2], a.Integer(3), g[0], g[1])),
        Double(
            "ColumnSliceProducts", ColumnSliceSizes, [Tensor("a", Small, 0, 1), Tensor("v", Wide, 2), Integer("k", 1)],
            a => Slices.ColumnSliceProducts(a[0], a[1], a.Integer(2)), a => Slices.ColumnSliceProductsValue(a[0], a[1], a.Integer(2)),
            (a, g) => Slices.ColumnSliceProductsValueAndGradient(a[0], a[1], a.Integer(2), g[0], g[1])),
        Single(
            "ColumnSliceProductsF", ColumnSliceSizes, [Tensor("a", Small, 0, 1), Tensor("v", Wide, 2), Integer("k", 1)],
            a => Slices.ColumnSliceProductsF(a[0], a[1], a.Integer(2)), a => Slices.ColumnSliceProductsFValue(a[0], a[1], a.Integer(2)),
            (a, g) => Slices.ColumnSliceProductsFValueAndGradient(a[0], a[1], a.Integer(2), g[0], g[1])),
        Double(
            "DotSlices", DotSliceSizes, [Tensor("v", Wide), Tensor("u", Small), Integer("k", 1), Integer("n", 1)],
            a => Slices.DotSlices(a[0], a[1], a.Integer(2), a.Integer(3)), a => Slices.DotSlicesValue(a[0], a[1], a.Integer(2), a.Integer(3)),
            (a, g) => Slices.DotSlicesValueAndGradient(a[0], a[1], a.Integer(2), a.Integer(3), g[0], g[1])),
        Single(
            "DotSlicesF", DotSliceSizes, [Tensor("v", Wide), Tensor("u", Small), Integer("k", 1), Integer("n", 1)],
            a => Slices.DotSlicesF(a[0], a[1], a.Integer(2), a.Integer(3)), a => Slices.DotSlicesFValue(a[0], a[1], a.Integer(2), a.Integer(3)),
            (a, g) => Slices.DotSlicesFValueAndGradient(a[0], a[1], a.Integer(2), a.Integer(3), g[0], g[1])),
        Double(
            "EdgeBroadcasts", RunTimeGrids, [Tensor("m", Wide, 0, 1), Integer("k", 1)],
            a => Slices.EdgeBroadcasts(a[0], a.Integer(1)), a => Slices.EdgeBroadcastsValue(a[0], a.Integer(1)), (a, g) => Slices.EdgeBroadcastsValueAndGradient(a[0], a.Integer(1), g[0])),
        Single(
            "EdgeBroadcastsF", RunTimeGrids, [Tensor("m", Wide, 0, 1), Integer("k", 1)],
            a => Slices.EdgeBroadcastsF(a[0], a.Integer(1)), a => Slices.EdgeBroadcastsFValue(a[0], a.Integer(1)), (a, g) => Slices.EdgeBroadcastsFValueAndGradient(a[0], a.Integer(1), g[0])),
        Double(
            "OneWideReductions", OneWideMatrices, [Tensor("m", Wide, 0, 1), Integer("k", 1)],
            a => Slices.OneWideReductions(a[0], a.Integer(1)), a => Slices.OneWideReductionsValue(a[0], a.Integer(1)), (a, g) => Slices.OneWideReductionsValueAndGradient(a[0], a.Integer(1), g[0])),
        Single(
            "OneWideReductionsF", OneWideMatrices, [Tensor("m", Wide, 0, 1), Integer("k", 1)],
            a => Slices.OneWideReductionsF(a[0], a.Integer(1)), a => Slices.OneWideReductionsFValue(a[0], a.Integer(1)), (a, g) => Slices.OneWideReductionsFValueAndGradient(a[0], a.Integer(1), g[0])),
        Double(
            "RunTimeGrid", RunTimeGrids, [Tensor("x", Wide, 0, 1), Tensor("y", Small, 0, 1), Integer("k", 1), Integer("n", 2)],
            a => Slices.RunTimeGrid(a[0], a[1], a.Integer(2), a.Integer(3)), a => Slices.RunTimeGridValue(a[0], a[1], a.Integer(2), a.Integer(3)),
            (a, g) => Slices.RunTimeGridValueAndGradient(a[0], a[1], a.Integer(2), a.Integer(3), g[0], g[1])),
        Single(
            "RunTimeGridF", RunTimeGrids, [Tensor("x", Wide, 0, 1), Tensor("y", Small, 0, 1), Integer("k", 1), Integer("n", 2)],
            a => Slices.RunTimeGridF(a[0], a[1], a.Integer(2), a.Integer(3)), a => Slices.RunTimeGridFValue(a[0], a[1], a.Integer(2), a.Integer(3)),
            (a, g) => Slices.RunTimeGridFValueAndGradient(a[0], a[1], a.Integer(2), a.Integer(3), g[0], g[1])),
        Double(
            "Segment", Segments, [Tensor("x", Wide), Integer("i", 1), Integer("j", 3)],
            a => Slices.Segment(a[0], a.Integer(1), a.Integer(2)), a => Slices.SegmentValue(a[0], a.Integer(1), a.Integer(2)), (a, g) => Slices.SegmentValueAndGradient(a[0], a.Integer(1), a.Integer(2), g[0])),
        Single(
            "SegmentF", Segments, [Tensor("x", Wide), Integer("i", 1), Integer("j", 3)],
            a => Slices.SegmentF(a[0], a.Integer(1), a.Integer(2)), a => Slices.SegmentFValue(a[0], a.Integer(1), a.Integer(2)), (a, g) => Slices.SegmentFValueAndGradient(a[0], a.Integer(1), a.Integer(2), g[0])),
        Double(
            "SlicedMixes", SlicedMixSizes, [Tensor("x", Wide, 0, 1), Tensor("b", Small, 1), Tensor("w", Small, 1, 2), Tensor("y", Wide, 0, 1)],
            a => Slices.SlicedMixes(a[0], a[1], a[2], a[3]), a => Slices.SlicedMixesValue(a[0], a[1], a[2], a[3]),
            (a, g) => Slices.SlicedMixesValueAndGradient(a[0], a[1], a[2], a[3], g[0], g[1], g[2], g[3])),
        Single(
            "SlicedMixesF", SlicedMixSizes, [Tensor("x", Wide, 0, 1), Tensor("b", Small, 1), Tensor("w", Small, 1, 2), Tensor("y", Wide, 0, 1)],
            a => Slices.SlicedMixesF(a[0], a[1], a[2], a[3]), a => Slices.SlicedMixesFValue(a[0], a[1], a[2], a[3]),
            (a, g) => Slices.SlicedMixesFValueAndGradient(a[0], a[1], a[2], a[3], g[0], g[1], g[2], g[3])),
        Double(
            "SlicedProducts", SlicedProductSizes, [Tensor("x", Wide, 0, 1), Tensor("w", Small, 1, 2), Tensor("v", Small, 1), Tensor("u", Small, 1)],
            a => Slices.SlicedProducts(a[0], a[1], a[2], a[3]), a => Slices.SlicedProductsValue(a[0], a[1], a[2], a[3]),
            (a, g) => Slices.SlicedProductsValueAndGradient(a[0], a[1], a[2], a[3], g[0], g[1], g[2], g[3])),
        Single(
            "SlicedProductsF", SlicedProductSizes, [Tensor("x", Wide, 0, 1), Tensor("w", Small, 1, 2), Tensor("v", Small, 1), Tensor("u", Small, 1)],
            a => Slices.SlicedProductsF(a[0], a[1], a[2], a[3]), a => Slices.SlicedProductsFValue(a[0], a[1], a[2], a[3]),
            (a, g) => Slices.SlicedProductsFValueAndGradient(a[0], a[1], a[2], a[3], g[0], g[1], g[2], g[3])),
        Double("GridSmoothness", GridMatrices, [Tensor("x", Wide, 0, 1)], a => Slices.GridSmoothness(a[0]), a => Slices.GridSmoothnessValue(a[0]), (a, g) => Slices.GridSmoothnessValueAndGradient(a[0], g[0])),
        Single("GridSmoothnessF", GridMatrices, [Tensor("x", Wide, 0, 1)], a => Slices.GridSmoothnessF(a[0]), a => Slices.GridSmoothnessFValue(a[0]), (a, g) => Slices.GridSmoothnessFValueAndGradient(a[0], g[0])),
        Double(
            "Laplacian", Interiors, [Tensor("u", Wide, 0, 1), NoGrad("f", Small, 0, 1)],
            a => Slices.Laplacian(a[0], a[1]), a => Slices.LaplacianValue(a[0], a[1]), (a, g) => Slices.LaplacianValueAndGradient(a[0], a[1], g[0])),
        Single(
            "LaplacianF", Interiors, [Tensor("u", Wide, 0, 1), NoGrad("f", Small, 0, 1)],
            a => Slices.LaplacianF(a[0], a[1]), a => Slices.LaplacianFValue(a[0], a[1]), (a, g) => Slices.LaplacianFValueAndGradient(a[0], a[1], g[0])),
        Double("SlicedRows", SlicedRowMatrices, [Tensor("x", Wide, 0, 1)], a => Slices.SlicedRows(a[0]), a => Slices.SlicedRowsValue(a[0]), (a, g) => Slices.SlicedRowsValueAndGradient(a[0], g[0])),
        Single("SlicedRowsF", SlicedRowMatrices, [Tensor("x", Wide, 0, 1)], a => Slices.SlicedRowsF(a[0]), a => Slices.SlicedRowsFValue(a[0]), (a, g) => Slices.SlicedRowsFValueAndGradient(a[0], g[0])),
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
