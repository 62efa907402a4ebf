using System.Collections.Generic;
using static SymGrad.Tests.Gradients.CaseParameter;

namespace SymGrad.Tests.Gradients;

public static partial class GradientCatalog
{
    /// <summary>Matrices [r, c] with a row [c] broadcast over them: one element, odd shapes. A property: the catalog is built by a field initializer of another file.</summary>
    private static SizeSet RowBroadcastMatrices => new([new(1, 1), new(3, 5), new(17, 15)], new(131, 127));

    /// <summary>Matrices [r, c] with columns [r, 1] repeated across each row.</summary>
    private static SizeSet ColumnBroadcastMatrices => new([new(1, 1, 1), new(3, 5, 1), new(17, 15, 1)], new(131, 127, 1));

    /// <summary>Matrices [r, c] with a row [c] written first: one element, odd shapes, SIMD tails.</summary>
    private static SizeSet RowFirstMatrices => new([new(1, 1), new(3, 7), new(7, 3), new(33, 5)], new(131, 127));

    /// <summary>Matrices [r, c] with a column [r, 1] written first.</summary>
    private static SizeSet ColumnFirstMatrices => new([new(1, 1, 1), new(3, 7, 1), new(7, 3, 1), new(33, 5, 1)], new(131, 127, 1));

    private static IEnumerable<GradientCase> RowBroadcastCases() =>
    [
        Double(
            "RowFirstPasses", RowFirstMatrices, [Tensor("b", Small, 1), Tensor("x", Wide, 0, 1)],
            a => Broadcasts.RowFirstPasses(a[0], a[1]), a => Broadcasts.RowFirstPassesValue(a[0], a[1]), (a, g) => Broadcasts.RowFirstPassesValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "RowFirstPassesF", RowFirstMatrices, [Tensor("b", Small, 1), Tensor("x", Wide, 0, 1)],
            a => Broadcasts.RowFirstPassesF(a[0], a[1]), a => Broadcasts.RowFirstPassesFValue(a[0], a[1]), (a, g) => Broadcasts.RowFirstPassesFValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "ColumnFirstPasses", ColumnFirstMatrices, [Tensor("b", Small, 0, 2), Tensor("x", Wide, 0, 1)],
            a => Broadcasts.ColumnFirstPasses(a[0], a[1]), a => Broadcasts.ColumnFirstPassesValue(a[0], a[1]), (a, g) => Broadcasts.ColumnFirstPassesValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "ColumnFirstPassesF", ColumnFirstMatrices, [Tensor("b", Small, 0, 2), Tensor("x", Wide, 0, 1)],
            a => Broadcasts.ColumnFirstPassesF(a[0], a[1]), a => Broadcasts.ColumnFirstPassesFValue(a[0], a[1]), (a, g) => Broadcasts.ColumnFirstPassesFValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "ColumnScaledRows", ColumnBroadcastMatrices, [Tensor("x", Wide, 0, 1), Tensor("s", Small, 0, 2), Tensor("b", Small, 0, 2)],
            a => Broadcasts.ColumnScaledRows(a[0], a[1], a[2]), a => Broadcasts.ColumnScaledRowsValue(a[0], a[1], a[2]),
            (a, g) => Broadcasts.ColumnScaledRowsValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
        Single(
            "ColumnScaledRowsF", ColumnBroadcastMatrices, [Tensor("x", Wide, 0, 1), Tensor("s", Small, 0, 2), Tensor("b", Small, 0, 2)],
            a => Broadcasts.ColumnScaledRowsF(a[0], a[1], a[2]), a => Broadcasts.ColumnScaledRowsFValue(a[0], a[1], a[2]),
            (a, g) => Broadcasts.ColumnScaledRowsFValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
        Double(
            "ScaledLogSumExp", RowBroadcastMatrices, [Tensor("x", Wide, 0, 1), Tensor("scale", Small, 1)],
            a => Broadcasts.ScaledLogSumExp(a[0], a[1]), a => Broadcasts.ScaledLogSumExpValue(a[0], a[1]), (a, g) => Broadcasts.ScaledLogSumExpValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "ScaledLogSumExpF", RowBroadcastMatrices, [Tensor("x", Wide, 0, 1), Tensor("scale", Small, 1)],
            a => Broadcasts.ScaledLogSumExpF(a[0], a[1]), a => Broadcasts.ScaledLogSumExpFValue(a[0], a[1]), (a, g) => Broadcasts.ScaledLogSumExpFValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "AffineSoftmax", RowBroadcastMatrices, [Tensor("x", Wide, 0, 1), Tensor("scale", Small, 1), Tensor("bias", Small, 1), NoGrad("y", Small, 0, 1)],
            a => Broadcasts.AffineSoftmax(a[0], a[1], a[2], a[3]), a => Broadcasts.AffineSoftmaxValue(a[0], a[1], a[2], a[3]),
            (a, g) => Broadcasts.AffineSoftmaxValueAndGradient(a[0], a[1], a[2], a[3], g[0], g[1], g[2])),
        Single(
            "AffineSoftmaxF", RowBroadcastMatrices, [Tensor("x", Wide, 0, 1), Tensor("scale", Small, 1), Tensor("bias", Small, 1), NoGrad("y", Small, 0, 1)],
            a => Broadcasts.AffineSoftmaxF(a[0], a[1], a[2], a[3]), a => Broadcasts.AffineSoftmaxFValue(a[0], a[1], a[2], a[3]),
            (a, g) => Broadcasts.AffineSoftmaxFValueAndGradient(a[0], a[1], a[2], a[3], g[0], g[1], g[2])),
        Double(
            "BiasedRows", RowBroadcastMatrices, [Tensor("x", Wide, 0, 1), Tensor("bias", Small, 1)],
            a => Broadcasts.BiasedRows(a[0], a[1]), a => Broadcasts.BiasedRowsValue(a[0], a[1]), (a, g) => Broadcasts.BiasedRowsValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "BiasedRowsF", RowBroadcastMatrices, [Tensor("x", Wide, 0, 1), Tensor("bias", Small, 1)],
            a => Broadcasts.BiasedRowsF(a[0], a[1]), a => Broadcasts.BiasedRowsFValue(a[0], a[1]), (a, g) => Broadcasts.BiasedRowsFValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "BiasFirstRows", RowBroadcastMatrices, [Tensor("bias", Small, 1), Tensor("scale", Small, 1), Tensor("x", Wide, 0, 1)],
            a => Broadcasts.BiasFirstRows(a[0], a[1], a[2]), a => Broadcasts.BiasFirstRowsValue(a[0], a[1], a[2]),
            (a, g) => Broadcasts.BiasFirstRowsValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
        Single(
            "BiasFirstRowsF", RowBroadcastMatrices, [Tensor("bias", Small, 1), Tensor("scale", Small, 1), Tensor("x", Wide, 0, 1)],
            a => Broadcasts.BiasFirstRowsF(a[0], a[1], a[2]), a => Broadcasts.BiasFirstRowsFValue(a[0], a[1], a[2]),
            (a, g) => Broadcasts.BiasFirstRowsFValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
    ];
}
