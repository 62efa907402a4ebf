using System.Collections.Generic;
using static SymGrad.Tests.Gradients.CaseParameter;

namespace SymGrad.Tests.Gradients;

public static partial class GradientCatalog
{
    /// <summary>Vectors to read elements of: one element (the first is the last), odd lengths and SIMD tails. A property: the catalog is built by a field initializer of another file.</summary>
    private static SizeSet ElementVectors => new([new(1), new(3), new(15), new(17), new(1003)], new(3 * 16384 + 5));

    /// <summary>Vectors long enough for index k = 2 and k - 1, ^k and Lengths[0] - 1 - k.</summary>
    private static SizeSet IndexedVectors => new([new(3), new(10), new(15), new(17), new(1003)], new(3 * 16384 + 5));

    /// <summary>Matrices with at least two rows (row i = 1 exists): a single column, odd shapes.</summary>
    private static SizeSet ElementMatrices => new([new(2, 1), new(3, 5), new(17, 15)], new(131, 127));

    /// <summary>Vectors with at least two elements, for x[1] beside the slices.</summary>
    private static SizeSet PairedVectors => new([new(2), new(3), new(10), new(15), new(17), new(1003)], new(3 * 16384 + 5));

    private static IEnumerable<GradientCase> ElementCases() =>
    [
        Double("ElementReads", ElementVectors, [Tensor("x", Wide)], a => Slices.ElementReads(a[0]), a => Slices.ElementReadsValue(a[0]), (a, g) => Slices.ElementReadsValueAndGradient(a[0], g[0])),
        Single("ElementReadsF", ElementVectors, [Tensor("x", Wide)], a => Slices.ElementReadsF(a[0]), a => Slices.ElementReadsFValue(a[0]), (a, g) => Slices.ElementReadsFValueAndGradient(a[0], g[0])),
        Double(
            "IndexedByParameter", IndexedVectors, [Tensor("x", Wide), Integer("k", 2)],
            a => Slices.IndexedByParameter(a[0], a.Integer(1)), a => Slices.IndexedByParameterValue(a[0], a.Integer(1)),
            (a, g) => Slices.IndexedByParameterValueAndGradient(a[0], a.Integer(1), g[0])),
        Single(
            "IndexedByParameterF", IndexedVectors, [Tensor("x", Wide), Integer("k", 2)],
            a => Slices.IndexedByParameterF(a[0], a.Integer(1)), a => Slices.IndexedByParameterFValue(a[0], a.Integer(1)),
            (a, g) => Slices.IndexedByParameterFValueAndGradient(a[0], a.Integer(1), g[0])),
        Double(
            "MatrixElements", ElementMatrices, [Tensor("w", Wide, 0, 1), Integer("i", 1)],
            a => Slices.MatrixElements(a[0], a.Integer(1)), a => Slices.MatrixElementsValue(a[0], a.Integer(1)),
            (a, g) => Slices.MatrixElementsValueAndGradient(a[0], a.Integer(1), g[0])),
        Single(
            "MatrixElementsF", ElementMatrices, [Tensor("w", Wide, 0, 1), Integer("i", 1)],
            a => Slices.MatrixElementsF(a[0], a.Integer(1)), a => Slices.MatrixElementsFValue(a[0], a.Integer(1)),
            (a, g) => Slices.MatrixElementsFValueAndGradient(a[0], a.Integer(1), g[0])),
        Double("ElementAndSlices", PairedVectors, [Tensor("x", Wide)], a => Slices.ElementAndSlices(a[0]), a => Slices.ElementAndSlicesValue(a[0]), (a, g) => Slices.ElementAndSlicesValueAndGradient(a[0], g[0])),
    ];
}
