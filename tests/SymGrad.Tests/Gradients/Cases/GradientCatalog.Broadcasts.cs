using System.Collections.Generic;
using static SymGrad.Tests.Gradients.CaseParameter;

namespace SymGrad.Tests.Gradients;

public static partial class GradientCatalog
{
    /// <summary>Rows and columns, and a 1 for the dimensions an operand repeats along. A property: the catalog is built by a field initializer of another file.</summary>
    private static SizeSet BroadcastMatrices => new([new(1, 1, 1), new(3, 5, 1), new(17, 15, 1), new(40, 33, 1)], new(131, 127, 1));

    /// <summary>Three dimensions, and a 1.</summary>
    private static SizeSet BroadcastCubes => new([new(1, 1, 1, 1), new(2, 3, 5, 1), new(3, 4, 17, 1)], new(5, 7, 129, 1));

    private static IEnumerable<GradientCase> BroadcastCases() =>
    [
        // [r, c] against [r, 1], [1, c], [c] and [1]; the stretched operand first; both operands stretched.
        Sum("BroadcastSum", BroadcastMatrices, [0, 1], [0, 2], Broadcasts.BroadcastSum, Broadcasts.BroadcastSumValue, Broadcasts.BroadcastSumValueAndGradient),
        Sum("BroadcastSumRow", BroadcastMatrices, [0, 1], [2, 1], Broadcasts.BroadcastSumRow, Broadcasts.BroadcastSumRowValue, Broadcasts.BroadcastSumRowValueAndGradient),
        Sum("BroadcastSumVector", BroadcastMatrices, [0, 1], [1], Broadcasts.BroadcastSumVector, Broadcasts.BroadcastSumVectorValue, Broadcasts.BroadcastSumVectorValueAndGradient),
        Sum("BroadcastSumOne", BroadcastMatrices, [0, 1], [2], Broadcasts.BroadcastSumOne, Broadcasts.BroadcastSumOneValue, Broadcasts.BroadcastSumOneValueAndGradient),
        Sum("BroadcastSumFirst", BroadcastMatrices, [0, 2], [0, 1], Broadcasts.BroadcastSumFirst, Broadcasts.BroadcastSumFirstValue, Broadcasts.BroadcastSumFirstValueAndGradient),
        Sum("BroadcastSumOuter", BroadcastMatrices, [0, 2], [2, 1], Broadcasts.BroadcastSumOuter, Broadcasts.BroadcastSumOuterValue, Broadcasts.BroadcastSumOuterValueAndGradient),
        Sum("BroadcastSumOuterVector", BroadcastMatrices, [0, 2], [1], Broadcasts.BroadcastSumOuterVector, Broadcasts.BroadcastSumOuterVectorValue, Broadcasts.BroadcastSumOuterVectorValueAndGradient),

        // Rank 3: a trailing matrix repeated over the first dimension, one value per leading index, and each operand
        // repeated along a different leading dimension.
        Sum("BroadcastSumCubeMatrix", BroadcastCubes, [0, 1, 2], [1, 2], Broadcasts.BroadcastSumCubeMatrix, Broadcasts.BroadcastSumCubeMatrixValue, Broadcasts.BroadcastSumCubeMatrixValueAndGradient),
        Sum("BroadcastSumCubeColumn", BroadcastCubes, [0, 1, 2], [0, 3, 3], Broadcasts.BroadcastSumCubeColumn, Broadcasts.BroadcastSumCubeColumnValue, Broadcasts.BroadcastSumCubeColumnValueAndGradient),
        Sum("BroadcastSumCubeCross", BroadcastCubes, [0, 3, 2], [3, 1, 2], Broadcasts.BroadcastSumCubeCross, Broadcasts.BroadcastSumCubeCrossValue, Broadcasts.BroadcastSumCubeCrossValueAndGradient),
        Sum("BroadcastSumCubeCrossMatrix", BroadcastCubes, [0, 3, 2], [1, 2], Broadcasts.BroadcastSumCubeCrossMatrix, Broadcasts.BroadcastSumCubeCrossMatrixValue, Broadcasts.BroadcastSumCubeCrossMatrixValueAndGradient),
        Single(
            "BroadcastSumF", BroadcastMatrices, [Tensor("x", Wide, 0, 1), Tensor("b", Small, 0, 2)],
            a => Broadcasts.BroadcastSumF(a[0], a[1]), a => Broadcasts.BroadcastSumFValue(a[0], a[1]), (a, g) => Broadcasts.BroadcastSumFValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "BroadcastSumFOuter", BroadcastMatrices, [Tensor("x", Wide, 0, 2), Tensor("b", Small, 2, 1)],
            a => Broadcasts.BroadcastSumFOuter(a[0], a[1]), a => Broadcasts.BroadcastSumFOuterValue(a[0], a[1]), (a, g) => Broadcasts.BroadcastSumFOuterValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "BroadcastThree", BroadcastMatrices, [Tensor("x", Wide, 0, 1), Tensor("b", Small, 2, 1), NoGrad("s", Positive, 0, 2)],
            a => Broadcasts.BroadcastThree(a[0], a[1], a[2]), a => Broadcasts.BroadcastThreeValue(a[0], a[1], a[2]),
            (a, g) => Broadcasts.BroadcastThreeValueAndGradient(a[0], a[1], a[2], g[0], g[1])),
        Single(
            "BroadcastThreeF", BroadcastMatrices, [Tensor("x", Wide, 0, 2), Tensor("b", Small, 1), NoGrad("s", Positive, 0, 1)],
            a => Broadcasts.BroadcastThreeF(a[0], a[1], a[2]), a => Broadcasts.BroadcastThreeFValue(a[0], a[1], a[2]),
            (a, g) => Broadcasts.BroadcastThreeFValueAndGradient(a[0], a[1], a[2], g[0], g[1])),
        Double(
            "BroadcastOperators", BroadcastMatrices, [Tensor("x", Wide, 0, 1), Tensor("b", Small, 2, 1)],
            a => Broadcasts.BroadcastOperators(a[0], a[1]), a => Broadcasts.BroadcastOperatorsValue(a[0], a[1]),
            (a, g) => Broadcasts.BroadcastOperatorsValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "BroadcastOperatorsFirst", BroadcastMatrices, [Tensor("x", Wide, 0, 2), Tensor("b", Small, 0, 1)],
            a => Broadcasts.BroadcastOperatorsFirst(a[0], a[1]), a => Broadcasts.BroadcastOperatorsFirstValue(a[0], a[1]),
            (a, g) => Broadcasts.BroadcastOperatorsFirstValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "BroadcastOperatorsF", BroadcastCubes, [Tensor("x", Wide, 0, 1, 2), Tensor("b", Small, 0, 3, 2)],
            a => Broadcasts.BroadcastOperatorsF(a[0], a[1]), a => Broadcasts.BroadcastOperatorsFValue(a[0], a[1]),
            (a, g) => Broadcasts.BroadcastOperatorsFValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "PlainMatrixBias", Matrices, [NoGrad("x", Wide, 0, 1), Tensor("b", Wide, 1)],
            a => Broadcasts.PlainMatrixBias(a[0], a[1]), a => Broadcasts.PlainMatrixBiasValue(a[0], a[1]),
            (a, g) => Broadcasts.PlainMatrixBiasValueAndGradient(a[0], a[1], g[1])),
        Double(
            "BroadcastScaled", BroadcastMatrices, [Tensor("x", Wide, 0, 2), Tensor("b", Small, 1), Scalar("c", 0.8)],
            a => Broadcasts.BroadcastScaled(a[0], a[1], a.Scalar(2)), a => Broadcasts.BroadcastScaledValue(a[0], a[1], a.Scalar(2)),
            (a, g) => Broadcasts.BroadcastScaledValueAndGradient(a[0], a[1], a.Scalar(2), g[0], g[1], out g.Scalar(2))),
    ];

    /// <summary>A case of <see cref="Broadcasts.BroadcastSum"/>'s body at the shapes <paramref name="x"/> and <paramref name="b"/> take from each size.</summary>
    private static GradientCase<double> Sum(
        string name, SizeSet sizes, int[] x, int[] b,
        System.Func<System.Numerics.Tensors.ReadOnlyTensorSpan<double>, System.Numerics.Tensors.ReadOnlyTensorSpan<double>, double> eager,
        System.Func<System.Numerics.Tensors.ReadOnlyTensorSpan<double>, System.Numerics.Tensors.ReadOnlyTensorSpan<double>, double> value,
        SumGradient valueAndGradient)
        => Double(name, sizes, [Tensor("x", Wide, x), Tensor("b", Small, b)], a => eager(a[0], a[1]), a => value(a[0], a[1]), (a, g) => valueAndGradient(a[0], a[1], g[0], g[1]));

    private delegate double SumGradient(System.Numerics.Tensors.ReadOnlyTensorSpan<double> x, System.Numerics.Tensors.ReadOnlyTensorSpan<double> b, System.Numerics.Tensors.TensorSpan<double> dx, System.Numerics.Tensors.TensorSpan<double> db);
}
