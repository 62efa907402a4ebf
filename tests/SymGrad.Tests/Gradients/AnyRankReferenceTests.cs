using System;
using System.Linq;
using static SymGrad.Tests.Gradients.CaseParameter;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// The methods of <see cref="AnyRanks"/> against PyTorch's float64 autograd (<c>Reference/any_rank.json</c>, written by
/// <c>tools/reference/any_rank.py</c>) and against the method run as written, in float and double, at ranks 2 to 5: each
/// axis written as counted from the start and from the end, keepDims both ways, Softmax and LogSoftmax, partners of the
/// same shape, trailing biases that broadcast, lengths of 1, odd lengths and a length of 33.
/// </summary>
public sealed class AnyRankReferenceTests
{
    private static readonly CaseParameter[] P_x = [Tensor("x", Domain.Wide)];
    private static readonly CaseParameter[] P_x_y = [Tensor("x", Domain.Wide), Tensor("y", Domain.Wide)];
    private static readonly CaseParameter[] P_x_w = [Tensor("x", Domain.Wide), Tensor("w", Domain.Wide)];
    private static readonly CaseParameter[] P_x_b_t = [Tensor("x", Domain.Wide), Tensor("b", Domain.Wide), NoGrad("t", Domain.Wide)];
    private static readonly Size[] Shapes = [new(3, 5), new(2, 3, 4)];

    private static readonly Lazy<ReferenceFunction[]> Reference = new(() => GradientReference.Read("any_rank.json", out _));

    private static readonly GradientCase[] Methods =
    [
        Double(
            "AnyLastSum", P_x,
            a => AnyRanks.AnyLastSum(a[0]), a => AnyRanks.AnyLastSumValue(a[0]), (a, g) => AnyRanks.AnyLastSumValueAndGradient(a[0], g[0])),
        Single(
            "AnyLastSumF", P_x,
            a => AnyRanks.AnyLastSumF(a[0]), a => AnyRanks.AnyLastSumFValue(a[0]), (a, g) => AnyRanks.AnyLastSumFValueAndGradient(a[0], g[0])),
        Double(
            "AnyLastKept", P_x,
            a => AnyRanks.AnyLastKept(a[0]), a => AnyRanks.AnyLastKeptValue(a[0]), (a, g) => AnyRanks.AnyLastKeptValueAndGradient(a[0], g[0])),
        Single(
            "AnyLastKeptF", P_x,
            a => AnyRanks.AnyLastKeptF(a[0]), a => AnyRanks.AnyLastKeptFValue(a[0]), (a, g) => AnyRanks.AnyLastKeptFValueAndGradient(a[0], g[0])),
        Double(
            "AnyLastMean", P_x,
            a => AnyRanks.AnyLastMean(a[0]), a => AnyRanks.AnyLastMeanValue(a[0]), (a, g) => AnyRanks.AnyLastMeanValueAndGradient(a[0], g[0])),
        Single(
            "AnyLastMeanF", P_x,
            a => AnyRanks.AnyLastMeanF(a[0]), a => AnyRanks.AnyLastMeanFValue(a[0]), (a, g) => AnyRanks.AnyLastMeanFValueAndGradient(a[0], g[0])),
        Double(
            "AnyFirstSum", P_x,
            a => AnyRanks.AnyFirstSum(a[0]), a => AnyRanks.AnyFirstSumValue(a[0]), (a, g) => AnyRanks.AnyFirstSumValueAndGradient(a[0], g[0])),
        Single(
            "AnyFirstSumF", P_x,
            a => AnyRanks.AnyFirstSumF(a[0]), a => AnyRanks.AnyFirstSumFValue(a[0]), (a, g) => AnyRanks.AnyFirstSumFValueAndGradient(a[0], g[0])),
        Double(
            "AnyFirstMin", P_x,
            a => AnyRanks.AnyFirstMin(a[0]), a => AnyRanks.AnyFirstMinValue(a[0]), (a, g) => AnyRanks.AnyFirstMinValueAndGradient(a[0], g[0])),
        Single(
            "AnyFirstMinF", P_x,
            a => AnyRanks.AnyFirstMinF(a[0]), a => AnyRanks.AnyFirstMinFValue(a[0]), (a, g) => AnyRanks.AnyFirstMinFValueAndGradient(a[0], g[0])),
        Double(
            "AnySoftmaxLast", P_x_y,
            a => AnyRanks.AnySoftmaxLast(a[0], a[1]), a => AnyRanks.AnySoftmaxLastValue(a[0], a[1]), (a, g) => AnyRanks.AnySoftmaxLastValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "AnySoftmaxLastF", P_x_y,
            a => AnyRanks.AnySoftmaxLastF(a[0], a[1]), a => AnyRanks.AnySoftmaxLastFValue(a[0], a[1]), (a, g) => AnyRanks.AnySoftmaxLastFValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "AnySoftmaxFirst", P_x,
            a => AnyRanks.AnySoftmaxFirst(a[0]), a => AnyRanks.AnySoftmaxFirstValue(a[0]), (a, g) => AnyRanks.AnySoftmaxFirstValueAndGradient(a[0], g[0])),
        Single(
            "AnySoftmaxFirstF", P_x,
            a => AnyRanks.AnySoftmaxFirstF(a[0]), a => AnyRanks.AnySoftmaxFirstFValue(a[0]), (a, g) => AnyRanks.AnySoftmaxFirstFValueAndGradient(a[0], g[0])),
        Double(
            "AnyMiddleSum", P_x_y,
            a => AnyRanks.AnyMiddleSum(a[0], a[1]), a => AnyRanks.AnyMiddleSumValue(a[0], a[1]), (a, g) => AnyRanks.AnyMiddleSumValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "AnyMiddleSumF", P_x_y,
            a => AnyRanks.AnyMiddleSumF(a[0], a[1]), a => AnyRanks.AnyMiddleSumFValue(a[0], a[1]), (a, g) => AnyRanks.AnyMiddleSumFValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "AnyMiddleLast", P_x,
            a => AnyRanks.AnyMiddleLast(a[0]), a => AnyRanks.AnyMiddleLastValue(a[0]), (a, g) => AnyRanks.AnyMiddleLastValueAndGradient(a[0], g[0])),
        Single(
            "AnyMiddleLastF", P_x,
            a => AnyRanks.AnyMiddleLastF(a[0]), a => AnyRanks.AnyMiddleLastFValue(a[0]), (a, g) => AnyRanks.AnyMiddleLastFValueAndGradient(a[0], g[0])),
        Double(
            "AnyFirstAndLast", P_x,
            a => AnyRanks.AnyFirstAndLast(a[0]), a => AnyRanks.AnyFirstAndLastValue(a[0]), (a, g) => AnyRanks.AnyFirstAndLastValueAndGradient(a[0], g[0])),
        Single(
            "AnyFirstAndLastF", P_x,
            a => AnyRanks.AnyFirstAndLastF(a[0]), a => AnyRanks.AnyFirstAndLastFValue(a[0]), (a, g) => AnyRanks.AnyFirstAndLastFValueAndGradient(a[0], g[0])),
        Double(
            "AnyLeading", P_x_w,
            a => AnyRanks.AnyLeading(a[0], a[1]), a => AnyRanks.AnyLeadingValue(a[0], a[1]), (a, g) => AnyRanks.AnyLeadingValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "AnyLeadingF", P_x_w,
            a => AnyRanks.AnyLeadingF(a[0], a[1]), a => AnyRanks.AnyLeadingFValue(a[0], a[1]), (a, g) => AnyRanks.AnyLeadingFValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "AnyBias", P_x_b_t,
            a => AnyRanks.AnyBias(a[0], a[1], a[2]), a => AnyRanks.AnyBiasValue(a[0], a[1], a[2]), (a, g) => AnyRanks.AnyBiasValueAndGradient(a[0], a[1], a[2], g[0], g[1])),
        Single(
            "AnyBiasF", P_x_b_t,
            a => AnyRanks.AnyBiasF(a[0], a[1], a[2]), a => AnyRanks.AnyBiasFValue(a[0], a[1], a[2]), (a, g) => AnyRanks.AnyBiasFValueAndGradient(a[0], a[1], a[2], g[0], g[1])),
    ];

    /// <summary>(method, case) for every case of the file.</summary>
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (ReferenceFunction function in Reference.Value)
        {
            foreach (ReferenceCase c in function.Cases)
            {
                data.Add(function.Name, c.Size);
            }
        }

        return data;
    }

    [Fact]
    public void Every_method_has_a_reference_at_ranks_two_to_five_in_float_and_double()
    {
        GradientReference.Read("any_rank.json", out string torch);
        Assert.StartsWith("1.13", torch, StringComparison.Ordinal);
        Assert.Equal(Methods.Select(m => m.Name).Order(), Reference.Value.Select(f => f.Name).Order());
        foreach (ReferenceFunction function in Reference.Value)
        {
            Assert.Equal(Find(function.Name).Element, function.Element);
            int[] ranks = function.Cases.Select(c => c.Inputs["x"].Shape.Length).Distinct().Order().ToArray();
            Assert.Equal([2, 3, 4, 5], ranks);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Value_and_gradient_match_torch_and_the_value_the_method_run_as_written(string method, string size)
    {
        ReferenceCase reference = Reference.Value.Single(f => f.Name == method).Cases.Single(c => c.Size == size);
        GradientCatalog.Dispatch(Find(method), c => VectorAxisReferenceTests.Compare(c, reference), c => VectorAxisReferenceTests.Compare(c, reference));
    }

    private static GradientCase Find(string name) => Methods.Single(m => m.Name == name);

    private static GradientCase<double> Double(
        string name, CaseParameter[] parameters, ValueFunction<double> eager, ValueFunction<double> value, GradientFunction<double> valueAndGradient)
        => new(name, parameters, Shapes, Shapes[^1], eager, value, valueAndGradient);

    private static GradientCase<float> Single(
        string name, CaseParameter[] parameters, ValueFunction<float> eager, ValueFunction<float> value, GradientFunction<float> valueAndGradient)
        => new(name, parameters, Shapes, Shapes[^1], eager, value, valueAndGradient);
}
