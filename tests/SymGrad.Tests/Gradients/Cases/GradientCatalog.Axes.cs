using System.Collections.Generic;
using static SymGrad.Tests.Gradients.CaseParameter;

namespace SymGrad.Tests.Gradients;

public static partial class GradientCatalog
{
    /// <summary>Attention: n queries of width d, m keys and values, values of width e.</summary>
    private static readonly SizeSet Attentions = new([new(1, 1, 1, 1), new(3, 5, 4, 2), new(17, 15, 16, 3), new(40, 33, 17, 5)], new(131, 17, 129, 5));

    private static IEnumerable<GradientCase> AxesCases() =>
    [
        // Classifiers and attention.
        Double(
            "SoftmaxRegressionSpelled", Layers, [NoGrad("x", Wide, 0, 1), Tensor("w", Small, 1, 2), Tensor("b", Small, 2), NoGrad("onehot", Domain.Binary, 0, 2)],
            a => Axes.SoftmaxRegressionSpelled(a[0], a[1], a[2], a[3]), a => Axes.SoftmaxRegressionSpelledValue(a[0], a[1], a[2], a[3]),
            (a, g) => Axes.SoftmaxRegressionSpelledValueAndGradient(a[0], a[1], a[2], a[3], g[1], g[2])),
        Single(
            "SoftmaxRegressionSpelledF", Layers, [NoGrad("x", Wide, 0, 1), Tensor("w", Small, 1, 2), Tensor("b", Small, 2), NoGrad("onehot", Domain.Binary, 0, 2)],
            a => Axes.SoftmaxRegressionSpelledF(a[0], a[1], a[2], a[3]), a => Axes.SoftmaxRegressionSpelledFValue(a[0], a[1], a[2], a[3]),
            (a, g) => Axes.SoftmaxRegressionSpelledFValueAndGradient(a[0], a[1], a[2], a[3], g[1], g[2])),
        Double(
            "CrossEntropyProbabilities", Layers, [NoGrad("x", Wide, 0, 1), Tensor("w", Small, 1, 2), Tensor("b", Small, 2), NoGrad("p", Positive, 0, 2)],
            a => Axes.CrossEntropyProbabilities(a[0], a[1], a[2], a[3]), a => Axes.CrossEntropyProbabilitiesValue(a[0], a[1], a[2], a[3]),
            (a, g) => Axes.CrossEntropyProbabilitiesValueAndGradient(a[0], a[1], a[2], a[3], g[1], g[2])),
        Double(
            "Attention", Attentions, [Tensor("q", Small, 0, 1), Tensor("k", Small, 2, 1), Tensor("v", Wide, 2, 3), NoGrad("y", Wide, 0, 3)],
            a => Axes.Attention(a[0], a[1], a[2], a[3]), a => Axes.AttentionValue(a[0], a[1], a[2], a[3]),
            (a, g) => Axes.AttentionValueAndGradient(a[0], a[1], a[2], a[3], g[0], g[1], g[2])),
        Single(
            "AttentionF", Attentions, [Tensor("q", Small, 0, 1), Tensor("k", Small, 2, 1), Tensor("v", Wide, 2, 3), NoGrad("y", Wide, 0, 3)],
            a => Axes.AttentionF(a[0], a[1], a[2], a[3]), a => Axes.AttentionFValue(a[0], a[1], a[2], a[3]),
            (a, g) => Axes.AttentionFValueAndGradient(a[0], a[1], a[2], a[3], g[0], g[1], g[2])),

        // Sizes read as scalars.
        Double(
            "GaussianNll", Vectors, [Tensor("x", Wide), Scalar("mu", 0.3), Scalar("logSigma", -0.2)],
            a => Axes.GaussianNll(a[0], a.Scalar(1), a.Scalar(2)), a => Axes.GaussianNllValue(a[0], a.Scalar(1), a.Scalar(2)),
            (a, g) => Axes.GaussianNllValueAndGradient(a[0], a.Scalar(1), a.Scalar(2), g[0], out g.Scalar(1), out g.Scalar(2))),
        Single(
            "GaussianNllF", Vectors, [Tensor("x", Wide), Scalar("mu", 0.3), Scalar("logSigma", -0.2)],
            a => Axes.GaussianNllF(a[0], a.Scalar(1), a.Scalar(2)), a => Axes.GaussianNllFValue(a[0], a.Scalar(1), a.Scalar(2)),
            (a, g) => Axes.GaussianNllFValueAndGradient(a[0], a.Scalar(1), a.Scalar(2), g[0], out g.Scalar(1), out g.Scalar(2))),
        Double(
            "Sizes", Matrices, [Tensor("a", Wide, 0, 1)],
            a => Axes.Sizes(a[0]), a => Axes.SizesValue(a[0]), (a, g) => Axes.SizesValueAndGradient(a[0], g[0])),

        // Reductions along an axis, and broadcasting of their results.
        Double("SumRows", Matrices, [Tensor("a", Wide, 0, 1)], a => Axes.SumRows(a[0]), a => Axes.SumRowsValue(a[0]), (a, g) => Axes.SumRowsValueAndGradient(a[0], g[0])),
        Double("SumColumns", Matrices, [Tensor("a", Wide, 0, 1)], a => Axes.SumColumns(a[0]), a => Axes.SumColumnsValue(a[0]), (a, g) => Axes.SumColumnsValueAndGradient(a[0], g[0])),
        Single("SumRowsF", Matrices, [Tensor("a", Wide, 0, 1)], a => Axes.SumRowsF(a[0]), a => Axes.SumRowsFValue(a[0]), (a, g) => Axes.SumRowsFValueAndGradient(a[0], g[0])),
        Double(
            "RowSumsOfProduct", Products, [Tensor("a", Wide, 0, 1), Tensor("b", Wide, 1, 2)],
            a => Axes.RowSumsOfProduct(a[0], a[1]), a => Axes.RowSumsOfProductValue(a[0], a[1]), (a, g) => Axes.RowSumsOfProductValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "RowSumsOfProductF", Products, [NoGrad("a", Wide, 0, 1), Tensor("b", Wide, 1, 2)],
            a => Axes.RowSumsOfProductF(a[0], a[1]), a => Axes.RowSumsOfProductFValue(a[0], a[1]), (a, g) => Axes.RowSumsOfProductFValueAndGradient(a[0], a[1], g[1])),
        Double("CenterRows", Matrices, [Tensor("a", Wide, 0, 1)], a => Axes.CenterRows(a[0]), a => Axes.CenterRowsValue(a[0]), (a, g) => Axes.CenterRowsValueAndGradient(a[0], g[0])),
        Double("CenterColumns", Matrices, [Tensor("a", Wide, 0, 1)], a => Axes.CenterColumns(a[0]), a => Axes.CenterColumnsValue(a[0]), (a, g) => Axes.CenterColumnsValueAndGradient(a[0], g[0])),
        Single("CenterColumnsF", Matrices, [Tensor("a", Wide, 0, 1)], a => Axes.CenterColumnsF(a[0]), a => Axes.CenterColumnsFValue(a[0]), (a, g) => Axes.CenterColumnsFValueAndGradient(a[0], g[0])),
        Double("OuterBroadcast", Matrices, [Tensor("a", Wide, 0, 1)], a => Axes.OuterBroadcast(a[0]), a => Axes.OuterBroadcastValue(a[0]), (a, g) => Axes.OuterBroadcastValueAndGradient(a[0], g[0])),
        Double(
            "Extremes", Matrices, [Tensor("a", Wide, 0, 1), NoGrad("t", Positive, 0, 1)],
            a => Axes.Extremes(a[0], a[1]), a => Axes.ExtremesValue(a[0], a[1]), (a, g) => Axes.ExtremesValueAndGradient(a[0], a[1], g[0])),
        Double("LogSumExpRows", Matrices, [Tensor("a", Wide, 0, 1)], a => Axes.LogSumExpRows(a[0]), a => Axes.LogSumExpRowsValue(a[0]), (a, g) => Axes.LogSumExpRowsValueAndGradient(a[0], g[0])),
        Double("LogSumExpColumns", Matrices, [Tensor("a", Wide, 0, 1)], a => Axes.LogSumExpColumns(a[0]), a => Axes.LogSumExpColumnsValue(a[0]), (a, g) => Axes.LogSumExpColumnsValueAndGradient(a[0], g[0])),
        Double(
            "SoftmaxColumns", Matrices, [Tensor("a", Wide, 0, 1), NoGrad("weights", Wide, 0, 1)],
            a => Axes.SoftmaxColumns(a[0], a[1]), a => Axes.SoftmaxColumnsValue(a[0], a[1]), (a, g) => Axes.SoftmaxColumnsValueAndGradient(a[0], a[1], g[0])),
        Double(
            "LogSoftmaxRows", Matrices, [Tensor("a", Wide, 0, 1), NoGrad("weights", Wide, 0, 1)],
            a => Axes.LogSoftmaxRows(a[0], a[1]), a => Axes.LogSoftmaxRowsValue(a[0], a[1]), (a, g) => Axes.LogSoftmaxRowsValueAndGradient(a[0], a[1], g[0])),
        Single(
            "LogSoftmaxRowsF", Matrices, [Tensor("a", Wide, 0, 1), NoGrad("weights", Wide, 0, 1)],
            a => Axes.LogSoftmaxRowsF(a[0], a[1]), a => Axes.LogSoftmaxRowsFValue(a[0], a[1]), (a, g) => Axes.LogSoftmaxRowsFValueAndGradient(a[0], a[1], g[0])),
    ];
}
