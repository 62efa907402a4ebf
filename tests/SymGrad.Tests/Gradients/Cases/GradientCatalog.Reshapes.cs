using System.Collections.Generic;
using static SymGrad.Tests.Gradients.CaseParameter;

namespace SymGrad.Tests.Gradients;

public static partial class GradientCatalog
{
    /// <summary>Matrices [r, c] whose element counts 3 divides, for <c>Reshape(x, n, -1)</c> with n = 3.</summary>
    private static SizeSet ThirdsMatrices => new([new(3, 1), new(3, 5), new(7, 9), new(17, 15)], new(129, 127));

    /// <summary>A vector [a] and a matrix [b, c], for an outer product of [a, 1] and [1, b c].</summary>
    private static SizeSet Outers => new([new(1, 1, 1), new(3, 5, 4), new(7, 5, 3), new(17, 4, 9)], new(131, 17, 9));

    private static IEnumerable<GradientCase> ReshapeCases() =>
    [
        Double(
            "ReshapeRegroupedRows", Matrices, [Tensor("x", Wide, 0, 1)],
            a => Reshapes.ReshapeRegroupedRows(a[0]), a => Reshapes.ReshapeRegroupedRowsValue(a[0]), (a, g) => Reshapes.ReshapeRegroupedRowsValueAndGradient(a[0], g[0])),
        Single(
            "ReshapeRegroupedRowsF", Matrices, [Tensor("x", Wide, 0, 1)],
            a => Reshapes.ReshapeRegroupedRowsF(a[0]), a => Reshapes.ReshapeRegroupedRowsFValue(a[0]), (a, g) => Reshapes.ReshapeRegroupedRowsFValueAndGradient(a[0], g[0])),
        Double(
            "ReshapeFlatten", Matrices, [Tensor("x", Wide, 0, 1), Tensor("y", Wide, 1, 0)],
            a => Reshapes.ReshapeFlatten(a[0], a[1]), a => Reshapes.ReshapeFlattenValue(a[0], a[1]), (a, g) => Reshapes.ReshapeFlattenValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "ReshapeRowsParameter", ThirdsMatrices, [Tensor("x", Wide, 0, 1), Integer("n", 3)],
            a => Reshapes.ReshapeRowsParameter(a[0], a.Integer(1)), a => Reshapes.ReshapeRowsParameterValue(a[0], a.Integer(1)),
            (a, g) => Reshapes.ReshapeRowsParameterValueAndGradient(a[0], a.Integer(1), g[0])),
        Single(
            "ReshapeRowsParameterF", ThirdsMatrices, [Tensor("x", Wide, 0, 1), Integer("n", 3)],
            a => Reshapes.ReshapeRowsParameterF(a[0], a.Integer(1)), a => Reshapes.ReshapeRowsParameterFValue(a[0], a.Integer(1)),
            (a, g) => Reshapes.ReshapeRowsParameterFValueAndGradient(a[0], a.Integer(1), g[0])),
        Double(
            "ReshapeMeetsMatrix", Matrices, [Tensor("x", Wide, 0, 1), Tensor("a", Wide, 1, 0)],
            a => Reshapes.ReshapeMeetsMatrix(a[0], a[1]), a => Reshapes.ReshapeMeetsMatrixValue(a[0], a[1]), (a, g) => Reshapes.ReshapeMeetsMatrixValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "ReshapeProductWeights", Products, [Tensor("w", Small, 0, 1), Tensor("v", Small, 1, 2)],
            a => Reshapes.ReshapeProductWeights(a[0], a[1]), a => Reshapes.ReshapeProductWeightsValue(a[0], a[1]), (a, g) => Reshapes.ReshapeProductWeightsValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "ReshapeOuter", Outers, [Tensor("x", Wide, 0), Tensor("y", Wide, 1, 2)],
            a => Reshapes.ReshapeOuter(a[0], a[1]), a => Reshapes.ReshapeOuterValue(a[0], a[1]), (a, g) => Reshapes.ReshapeOuterValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "ReshapeProduct", Products, [Tensor("x", Small, 0, 1), Tensor("w", Small, 0, 2)],
            a => Reshapes.ReshapeProduct(a[0], a[1]), a => Reshapes.ReshapeProductValue(a[0], a[1]), (a, g) => Reshapes.ReshapeProductValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "ReshapeProductF", Products, [Tensor("x", Small, 0, 1), Tensor("w", Small, 0, 2)],
            a => Reshapes.ReshapeProductF(a[0], a[1]), a => Reshapes.ReshapeProductFValue(a[0], a[1]), (a, g) => Reshapes.ReshapeProductFValueAndGradient(a[0], a[1], g[0], g[1])),
    ];
}
