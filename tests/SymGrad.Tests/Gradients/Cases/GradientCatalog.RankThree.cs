using System.Collections.Generic;
using static SymGrad.Tests.Gradients.CaseParameter;

namespace SymGrad.Tests.Gradients;

public static partial class GradientCatalog
{
    /// <summary>Rank-3 tensors [a, b, c]: odd lengths, a size-1 middle axis, and one past several reduction blocks.</summary>
    private static SizeSet Cubes => new([new(1, 1, 1), new(3, 5, 7), new(2, 1, 4), new(4, 3, 2)], new(33, 5, 17));

    /// <summary>Matrices [r, c] with r even, for <c>Reshape(x, 2, -1, c)</c>.</summary>
    private static SizeSet EvenRows => new([new(2, 1), new(2, 3), new(4, 5), new(6, 7)], new(34, 129));

    /// <summary>Vectors whose lengths 6 divides (the second length is unused), for <c>Reshape(v, 2, 3, -1)</c>.</summary>
    private static SizeSet SixfoldVectors => new([new(6, 1), new(12, 1), new(30, 1)], new(1002, 1));

    private static IEnumerable<GradientCase> RankThreeCases() =>
    [
        Double(
            "LastAxisSum", Cubes, [Tensor("x", Wide, 0, 1, 2)],
            a => RankThree.LastAxisSum(a[0]), a => RankThree.LastAxisSumValue(a[0]),
            (a, g) => RankThree.LastAxisSumValueAndGradient(a[0], g[0])),
        Single(
            "LastAxisSumF", Cubes, [Tensor("x", Wide, 0, 1, 2)],
            a => RankThree.LastAxisSumF(a[0]), a => RankThree.LastAxisSumFValue(a[0]),
            (a, g) => RankThree.LastAxisSumFValueAndGradient(a[0], g[0])),
        Double(
            "FirstAxisSum", Cubes, [Tensor("x", Wide, 0, 1, 2)],
            a => RankThree.FirstAxisSum(a[0]), a => RankThree.FirstAxisSumValue(a[0]),
            (a, g) => RankThree.FirstAxisSumValueAndGradient(a[0], g[0])),
        Single(
            "FirstAxisSumF", Cubes, [Tensor("x", Wide, 0, 1, 2)],
            a => RankThree.FirstAxisSumF(a[0]), a => RankThree.FirstAxisSumFValue(a[0]),
            (a, g) => RankThree.FirstAxisSumFValueAndGradient(a[0], g[0])),
        Double(
            "LastAxisLogSumExp", Cubes, [Tensor("x", Wide, 0, 1, 2)],
            a => RankThree.LastAxisLogSumExp(a[0]), a => RankThree.LastAxisLogSumExpValue(a[0]),
            (a, g) => RankThree.LastAxisLogSumExpValueAndGradient(a[0], g[0])),
        Single(
            "LastAxisLogSumExpF", Cubes, [Tensor("x", Wide, 0, 1, 2)],
            a => RankThree.LastAxisLogSumExpF(a[0]), a => RankThree.LastAxisLogSumExpFValue(a[0]),
            (a, g) => RankThree.LastAxisLogSumExpFValueAndGradient(a[0], g[0])),
        Double(
            "KeptAxes", Cubes, [Tensor("x", Wide, 0, 1, 2)],
            a => RankThree.KeptAxes(a[0]), a => RankThree.KeptAxesValue(a[0]),
            (a, g) => RankThree.KeptAxesValueAndGradient(a[0], g[0])),
        Single(
            "KeptAxesF", Cubes, [Tensor("x", Wide, 0, 1, 2)],
            a => RankThree.KeptAxesF(a[0]), a => RankThree.KeptAxesFValue(a[0]),
            (a, g) => RankThree.KeptAxesFValueAndGradient(a[0], g[0])),
        Double(
            "FirstAxisDropped", Cubes, [Tensor("x", Wide, 0, 1, 2)],
            a => RankThree.FirstAxisDropped(a[0]), a => RankThree.FirstAxisDroppedValue(a[0]),
            (a, g) => RankThree.FirstAxisDroppedValueAndGradient(a[0], g[0])),
        Double(
            "LastAxisDropped", Cubes, [Tensor("x", Wide, 0, 1, 2)],
            a => RankThree.LastAxisDropped(a[0]), a => RankThree.LastAxisDroppedValue(a[0]),
            (a, g) => RankThree.LastAxisDroppedValueAndGradient(a[0], g[0])),
        Double(
            "BatchedAttention", Cubes, [Tensor("s", Wide, 0, 1, 2), Tensor("v", Small, 0, 1, 2)],
            a => RankThree.BatchedAttention(a[0], a[1]), a => RankThree.BatchedAttentionValue(a[0], a[1]),
            (a, g) => RankThree.BatchedAttentionValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "BatchedAttentionF", Cubes, [Tensor("s", Wide, 0, 1, 2), Tensor("v", Small, 0, 1, 2)],
            a => RankThree.BatchedAttentionF(a[0], a[1]), a => RankThree.BatchedAttentionFValue(a[0], a[1]),
            (a, g) => RankThree.BatchedAttentionFValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "LeadingWeights", Cubes, [Tensor("x", Wide, 0, 1, 2), Tensor("w", Small, 0, 1)],
            a => RankThree.LeadingWeights(a[0], a[1]), a => RankThree.LeadingWeightsValue(a[0], a[1]),
            (a, g) => RankThree.LeadingWeightsValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "LeadingWeightsF", Cubes, [Tensor("x", Wide, 0, 1, 2), Tensor("w", Small, 0, 1)],
            a => RankThree.LeadingWeightsF(a[0], a[1]), a => RankThree.LeadingWeightsFValue(a[0], a[1]),
            (a, g) => RankThree.LeadingWeightsFValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "KeptLogSumExp", Cubes, [Tensor("x", Wide, 0, 1, 2)],
            a => RankThree.KeptLogSumExp(a[0]), a => RankThree.KeptLogSumExpValue(a[0]),
            (a, g) => RankThree.KeptLogSumExpValueAndGradient(a[0], g[0])),
        Single(
            "KeptLogSumExpF", Cubes, [Tensor("x", Wide, 0, 1, 2)],
            a => RankThree.KeptLogSumExpF(a[0]), a => RankThree.KeptLogSumExpFValue(a[0]),
            (a, g) => RankThree.KeptLogSumExpFValueAndGradient(a[0], g[0])),
        Double(
            "LastAxisLogSoftmax", Cubes, [Tensor("z", Wide, 0, 1, 2), NoGrad("t", Positive, 0, 1, 2)],
            a => RankThree.LastAxisLogSoftmax(a[0], a[1]), a => RankThree.LastAxisLogSoftmaxValue(a[0], a[1]),
            (a, g) => RankThree.LastAxisLogSoftmaxValueAndGradient(a[0], a[1], g[0])),
        Double(
            "TwoParameters", Cubes, [Tensor("x", Small, 0, 1, 2), Tensor("y", Small, 0, 1, 2)],
            a => RankThree.TwoParameters(a[0], a[1]), a => RankThree.TwoParametersValue(a[0], a[1]),
            (a, g) => RankThree.TwoParametersValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "SumOfSums", Cubes, [Tensor("x", Wide, 0, 1, 2)],
            a => RankThree.SumOfSums(a[0]), a => RankThree.SumOfSumsValue(a[0]),
            (a, g) => RankThree.SumOfSumsValueAndGradient(a[0], g[0])),
        Single(
            "SumOfSumsF", Cubes, [Tensor("x", Wide, 0, 1, 2)],
            a => RankThree.SumOfSumsF(a[0]), a => RankThree.SumOfSumsFValue(a[0]),
            (a, g) => RankThree.SumOfSumsFValueAndGradient(a[0], g[0])),
        Double(
            "ReductionsOfReductionsKept", Cubes, [Tensor("x", Wide, 0, 1, 2)],
            a => RankThree.ReductionsOfReductionsKept(a[0]), a => RankThree.ReductionsOfReductionsKeptValue(a[0]),
            (a, g) => RankThree.ReductionsOfReductionsKeptValueAndGradient(a[0], g[0])),
        Double(
            "ReshapeLastAxis", EvenRows, [Tensor("x", Wide, 0, 1), Integer("n", 2)],
            a => RankThree.ReshapeLastAxis(a[0], a.Integer(1)), a => RankThree.ReshapeLastAxisValue(a[0], a.Integer(1)),
            (a, g) => RankThree.ReshapeLastAxisValueAndGradient(a[0], a.Integer(1), g[0])),
        Single(
            "ReshapeLastAxisF", EvenRows, [Tensor("x", Wide, 0, 1)],
            a => RankThree.ReshapeLastAxisF(a[0]), a => RankThree.ReshapeLastAxisFValue(a[0]),
            (a, g) => RankThree.ReshapeLastAxisFValueAndGradient(a[0], g[0])),
        Double(
            "ReshapeVector", SixfoldVectors, [Tensor("v", Wide, 0)],
            a => RankThree.ReshapeVector(a[0]), a => RankThree.ReshapeVectorValue(a[0]),
            (a, g) => RankThree.ReshapeVectorValueAndGradient(a[0], g[0])),
    ];
}
