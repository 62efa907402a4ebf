using System;
using System.Linq;
using static SymGrad.Tests.Gradients.CaseParameter;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// The methods of <see cref="MiddleAxes"/> against PyTorch's float64 autograd (<c>Reference/middle_axis.json</c>, written
/// by <c>tools/reference/middle_axis.py</c>): <c>sum/mean/amax/amin/logsumexp(x, dim=1 or -2, keepdim)</c>,
/// <c>torch.softmax(x, 1)</c> and <c>torch.log_softmax(x, -2)</c> of 3-D tensors, in float and double, at shapes
/// [2, 3, 5], [3, 1, 4], [1, 4, 1] and [2, 5, 3]; the methods that take <c>Max</c> or <c>Min</c> also where whole rows of
/// each block tie, which share the gradient evenly as <c>amax</c> and <c>amin</c> do. The value is also checked against
/// the method run as written, and the gradient against central differences.
/// </summary>
public sealed class MiddleAxisReferenceTests
{
    private static readonly CaseParameter[] X = [Tensor("x", Domain.Wide, 0, 1, 2)];
    private static readonly CaseParameter[] XAndW = [Tensor("x", Domain.Wide, 0, 1, 2), Tensor("w", Domain.Wide, 0, 1, 2)];
    private static readonly CaseParameter[] XAndTargets = [Tensor("x", Domain.Wide, 0, 1, 2), NoGrad("t", Domain.Wide, 0, 1, 2)];
    private static readonly CaseParameter[] ZAndTargets = [Tensor("z", Domain.Wide, 0, 1, 2), NoGrad("t", Domain.Wide, 0, 1, 2)];
    private static readonly Size[] Shapes = [new(2, 3, 5), new(3, 1, 4), new(1, 4, 1), new(2, 5, 3)];

    private static readonly Lazy<ReferenceFunction[]> Reference = new(() => GradientReference.Read("middle_axis.json", out _));

    /// <summary>Every method with a reference; the inputs come from the file, or from the parameters' domains for central differences.</summary>
    private static readonly GradientCase[] Methods =
    [
        Double(
            "MiddleAxisSum", X,
            a => MiddleAxes.MiddleAxisSum(a[0]), a => MiddleAxes.MiddleAxisSumValue(a[0]), (a, g) => MiddleAxes.MiddleAxisSumValueAndGradient(a[0], g[0])),
        Single(
            "MiddleAxisSumF", X,
            a => MiddleAxes.MiddleAxisSumF(a[0]), a => MiddleAxes.MiddleAxisSumFValue(a[0]), (a, g) => MiddleAxes.MiddleAxisSumFValueAndGradient(a[0], g[0])),
        Double(
            "MiddleAxisMean", X,
            a => MiddleAxes.MiddleAxisMean(a[0]), a => MiddleAxes.MiddleAxisMeanValue(a[0]), (a, g) => MiddleAxes.MiddleAxisMeanValueAndGradient(a[0], g[0])),
        Single(
            "MiddleAxisMeanF", X,
            a => MiddleAxes.MiddleAxisMeanF(a[0]), a => MiddleAxes.MiddleAxisMeanFValue(a[0]), (a, g) => MiddleAxes.MiddleAxisMeanFValueAndGradient(a[0], g[0])),
        Double(
            "MiddleAxisMax", X,
            a => MiddleAxes.MiddleAxisMax(a[0]), a => MiddleAxes.MiddleAxisMaxValue(a[0]), (a, g) => MiddleAxes.MiddleAxisMaxValueAndGradient(a[0], g[0])),
        Single(
            "MiddleAxisMaxF", X,
            a => MiddleAxes.MiddleAxisMaxF(a[0]), a => MiddleAxes.MiddleAxisMaxFValue(a[0]), (a, g) => MiddleAxes.MiddleAxisMaxFValueAndGradient(a[0], g[0])),
        Double(
            "MiddleAxisMin", X,
            a => MiddleAxes.MiddleAxisMin(a[0]), a => MiddleAxes.MiddleAxisMinValue(a[0]), (a, g) => MiddleAxes.MiddleAxisMinValueAndGradient(a[0], g[0])),
        Single(
            "MiddleAxisMinF", X,
            a => MiddleAxes.MiddleAxisMinF(a[0]), a => MiddleAxes.MiddleAxisMinFValue(a[0]), (a, g) => MiddleAxes.MiddleAxisMinFValueAndGradient(a[0], g[0])),
        Double(
            "MiddleAxisLogSumExp", XAndW,
            a => MiddleAxes.MiddleAxisLogSumExp(a[0], a[1]), a => MiddleAxes.MiddleAxisLogSumExpValue(a[0], a[1]), (a, g) => MiddleAxes.MiddleAxisLogSumExpValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "MiddleAxisLogSumExpF", XAndW,
            a => MiddleAxes.MiddleAxisLogSumExpF(a[0], a[1]), a => MiddleAxes.MiddleAxisLogSumExpFValue(a[0], a[1]), (a, g) => MiddleAxes.MiddleAxisLogSumExpFValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "MiddleAxisSoftmax", XAndTargets,
            a => MiddleAxes.MiddleAxisSoftmax(a[0], a[1]), a => MiddleAxes.MiddleAxisSoftmaxValue(a[0], a[1]), (a, g) => MiddleAxes.MiddleAxisSoftmaxValueAndGradient(a[0], a[1], g[0])),
        Single(
            "MiddleAxisSoftmaxF", XAndTargets,
            a => MiddleAxes.MiddleAxisSoftmaxF(a[0], a[1]), a => MiddleAxes.MiddleAxisSoftmaxFValue(a[0], a[1]), (a, g) => MiddleAxes.MiddleAxisSoftmaxFValueAndGradient(a[0], a[1], g[0])),
        Double(
            "MiddleAxisLogSoftmax", ZAndTargets,
            a => MiddleAxes.MiddleAxisLogSoftmax(a[0], a[1]), a => MiddleAxes.MiddleAxisLogSoftmaxValue(a[0], a[1]), (a, g) => MiddleAxes.MiddleAxisLogSoftmaxValueAndGradient(a[0], a[1], g[0])),
        Single(
            "MiddleAxisLogSoftmaxF", ZAndTargets,
            a => MiddleAxes.MiddleAxisLogSoftmaxF(a[0], a[1]), a => MiddleAxes.MiddleAxisLogSoftmaxFValue(a[0], a[1]), (a, g) => MiddleAxes.MiddleAxisLogSoftmaxFValueAndGradient(a[0], a[1], g[0])),
        Double(
            "MiddleThenLast", X,
            a => MiddleAxes.MiddleThenLast(a[0]), a => MiddleAxes.MiddleThenLastValue(a[0]), (a, g) => MiddleAxes.MiddleThenLastValueAndGradient(a[0], g[0])),
        Single(
            "MiddleThenLastF", X,
            a => MiddleAxes.MiddleThenLastF(a[0]), a => MiddleAxes.MiddleThenLastFValue(a[0]), (a, g) => MiddleAxes.MiddleThenLastFValueAndGradient(a[0], g[0])),
    ];

    /// <summary>(method, case) for every case of the file: a shape, or a shape with ties (<c>2x5x3-tied</c>).</summary>
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

    /// <summary>(method, shape) for every method at every shape without ties, where central differences apply.</summary>
    public static TheoryData<string, string> Shaped()
    {
        var data = new TheoryData<string, string>();
        foreach (GradientCase method in Methods)
        {
            foreach (Size size in Shapes)
            {
                data.Add(method.Name, size.ToString());
            }
        }

        return data;
    }

    [Fact]
    public void Every_method_has_a_reference_at_every_shape_and_at_ties_where_it_takes_Max_or_Min()
    {
        GradientReference.Read("middle_axis.json", out string torch);
        Assert.StartsWith("1.13", torch, StringComparison.Ordinal);
        Assert.Equal(Methods.Select(m => m.Name).Order(), Reference.Value.Select(f => f.Name).Order());
        foreach (ReferenceFunction function in Reference.Value)
        {
            Assert.Equal(Find(function.Name).Element, function.Element);
            string[] shapes = ["2x3x5", "3x1x4", "1x4x1", "2x5x3"];
            string[] expected = function.Name.Contains("Max", StringComparison.Ordinal) || function.Name.Contains("Min", StringComparison.Ordinal) || function.Name.StartsWith("MiddleThenLast", StringComparison.Ordinal)
                ? [.. shapes, "2x5x3-tied"]
                : shapes;
            Assert.Equal(expected, function.Cases.Select(c => c.Size));
        }

        Assert.All(Methods.Where(m => m.Element == typeof(double)), m => Find(m.Name + "F"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Value_and_gradient_match_torch_and_the_value_the_method_run_as_written(string method, string size)
    {
        ReferenceCase reference = Reference.Value.Single(f => f.Name == method).Cases.Single(c => c.Size == size);
        GradientCatalog.Dispatch(Find(method), c => VectorAxisReferenceTests.Compare(c, reference), c => VectorAxisReferenceTests.Compare(c, reference));
    }

    [Theory]
    [MemberData(nameof(Shaped))]
    public void Gradient_agrees_with_central_differences(string method, string size)
        => GradientCatalog.Dispatch(Find(method), c => FiniteDifferenceTests.GradientAgrees(c, Size.Parse(size)), c => FiniteDifferenceTests.GradientAgrees(c, Size.Parse(size)));

    /// <summary>
    /// The central differences' step: elements 9 apart of the wide inputs are within 0.03 of each other, and in [2, 5, 3]
    /// they meet along the middle axis, so a maximum or minimum would change hands within the default step of 0.01.
    /// </summary>
    private static double StepOf(string name) => name.Contains("Max", StringComparison.Ordinal) || name.Contains("Min", StringComparison.Ordinal) || name.StartsWith("MiddleThenLast", StringComparison.Ordinal) ? 1e-3 : 1e-2;

    private static GradientCase Find(string name) => Methods.Single(m => m.Name == name);

    private static GradientCase<double> Double(
        string name, CaseParameter[] parameters, ValueFunction<double> eager, ValueFunction<double> value, GradientFunction<double> valueAndGradient)
        => new(name, parameters, Shapes, Shapes[^1], eager, value, valueAndGradient) { Step = StepOf(name) };

    private static GradientCase<float> Single(
        string name, CaseParameter[] parameters, ValueFunction<float> eager, ValueFunction<float> value, GradientFunction<float> valueAndGradient)
        => new(name, parameters, Shapes, Shapes[^1], eager, value, valueAndGradient) { Step = StepOf(name) };
}
