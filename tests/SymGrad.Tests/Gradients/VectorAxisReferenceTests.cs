using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using static SymGrad.Tests.Gradients.CaseParameter;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// The methods of <see cref="VectorAxes"/> against PyTorch's float64 autograd (<c>Reference/vector_axes.json</c>, written
/// by <c>tools/reference/vector_axes.py</c>): <c>torch.softmax(y, 0)</c>, <c>torch.log_softmax(y, -1)</c>,
/// <c>sum/mean/amax/amin/logsumexp(y, dim, keepdim)</c> of 1-D tensors, in float and double, at lengths 1, 7 and 33.
/// The methods that take <c>Max</c> or <c>Min</c> are also checked where elements tie: <c>amax</c> and <c>amin</c>
/// share the gradient evenly between tied elements, as the contract pins.
/// </summary>
public sealed class VectorAxisReferenceTests
{
    private static readonly CaseParameter[] Y = [Tensor("y", Domain.Wide)];
    private static readonly CaseParameter[] YAndWeights = [Tensor("y", Domain.Wide), NoGrad("w", Domain.Wide)];
    private static readonly CaseParameter[] Product = [NoGrad("a", Domain.Wide, 0, 1), Tensor("v", Domain.Wide, 1), NoGrad("w", Domain.Wide, 0)];
    private static readonly Size[] Lengths = [new(1), new(7), new(33)];

    private static readonly Lazy<ReferenceFunction[]> Reference = new(() => GradientReference.Read("vector_axes.json", out _));

    /// <summary>Every method with a reference; the inputs come from the file, so the parameters' domains are unused.</summary>
    private static readonly GradientCase[] Methods =
    [
        Double("SoftmaxFirst", YAndWeights, a => VectorAxes.SoftmaxFirst(a[0], a[1]), a => VectorAxes.SoftmaxFirstValue(a[0], a[1]), (a, g) => VectorAxes.SoftmaxFirstValueAndGradient(a[0], a[1], g[0])),
        Single("SoftmaxFirstF", YAndWeights, a => VectorAxes.SoftmaxFirstF(a[0], a[1]), a => VectorAxes.SoftmaxFirstFValue(a[0], a[1]), (a, g) => VectorAxes.SoftmaxFirstFValueAndGradient(a[0], a[1], g[0])),
        Double("SoftmaxLast", YAndWeights, a => VectorAxes.SoftmaxLast(a[0], a[1]), a => VectorAxes.SoftmaxLastValue(a[0], a[1]), (a, g) => VectorAxes.SoftmaxLastValueAndGradient(a[0], a[1], g[0])),
        Single("SoftmaxLastF", YAndWeights, a => VectorAxes.SoftmaxLastF(a[0], a[1]), a => VectorAxes.SoftmaxLastFValue(a[0], a[1]), (a, g) => VectorAxes.SoftmaxLastFValueAndGradient(a[0], a[1], g[0])),
        Double(
            "LogSoftmaxFirst", YAndWeights,
            a => VectorAxes.LogSoftmaxFirst(a[0], a[1]), a => VectorAxes.LogSoftmaxFirstValue(a[0], a[1]), (a, g) => VectorAxes.LogSoftmaxFirstValueAndGradient(a[0], a[1], g[0])),
        Single(
            "LogSoftmaxFirstF", YAndWeights,
            a => VectorAxes.LogSoftmaxFirstF(a[0], a[1]), a => VectorAxes.LogSoftmaxFirstFValue(a[0], a[1]), (a, g) => VectorAxes.LogSoftmaxFirstFValueAndGradient(a[0], a[1], g[0])),
        Double(
            "LogSoftmaxLast", YAndWeights,
            a => VectorAxes.LogSoftmaxLast(a[0], a[1]), a => VectorAxes.LogSoftmaxLastValue(a[0], a[1]), (a, g) => VectorAxes.LogSoftmaxLastValueAndGradient(a[0], a[1], g[0])),
        Single(
            "LogSoftmaxLastF", YAndWeights,
            a => VectorAxes.LogSoftmaxLastF(a[0], a[1]), a => VectorAxes.LogSoftmaxLastFValue(a[0], a[1]), (a, g) => VectorAxes.LogSoftmaxLastFValueAndGradient(a[0], a[1], g[0])),
        Double("ReduceFirst", Y, a => VectorAxes.ReduceFirst(a[0]), a => VectorAxes.ReduceFirstValue(a[0]), (a, g) => VectorAxes.ReduceFirstValueAndGradient(a[0], g[0])),
        Single("ReduceFirstF", Y, a => VectorAxes.ReduceFirstF(a[0]), a => VectorAxes.ReduceFirstFValue(a[0]), (a, g) => VectorAxes.ReduceFirstFValueAndGradient(a[0], g[0])),
        Double("ReduceFirstKept", Y, a => VectorAxes.ReduceFirstKept(a[0]), a => VectorAxes.ReduceFirstKeptValue(a[0]), (a, g) => VectorAxes.ReduceFirstKeptValueAndGradient(a[0], g[0])),
        Single("ReduceFirstKeptF", Y, a => VectorAxes.ReduceFirstKeptF(a[0]), a => VectorAxes.ReduceFirstKeptFValue(a[0]), (a, g) => VectorAxes.ReduceFirstKeptFValueAndGradient(a[0], g[0])),
        Double("ReduceLast", Y, a => VectorAxes.ReduceLast(a[0]), a => VectorAxes.ReduceLastValue(a[0]), (a, g) => VectorAxes.ReduceLastValueAndGradient(a[0], g[0])),
        Single("ReduceLastF", Y, a => VectorAxes.ReduceLastF(a[0]), a => VectorAxes.ReduceLastFValue(a[0]), (a, g) => VectorAxes.ReduceLastFValueAndGradient(a[0], g[0])),
        Double(
            "ProductSoftmax", Product,
            a => VectorAxes.ProductSoftmax(a[0], a[1], a[2]), a => VectorAxes.ProductSoftmaxValue(a[0], a[1], a[2]),
            (a, g) => VectorAxes.ProductSoftmaxValueAndGradient(a[0], a[1], a[2], g[1])),
        Single(
            "ProductSoftmaxF", Product,
            a => VectorAxes.ProductSoftmaxF(a[0], a[1], a[2]), a => VectorAxes.ProductSoftmaxFValue(a[0], a[1], a[2]),
            (a, g) => VectorAxes.ProductSoftmaxFValueAndGradient(a[0], a[1], a[2], g[1])),
    ];

    /// <summary>(method, case) for every case of the file: a length, or a length with ties (<c>7-tied</c>, <c>7-equal</c>).</summary>
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
    public void Every_method_has_a_reference_at_lengths_1_7_and_33_and_at_ties_where_it_takes_Max_or_Min()
    {
        GradientReference.Read("vector_axes.json", out string torch);
        Assert.StartsWith("1.13", torch, StringComparison.Ordinal);
        Assert.Equal(Methods.Select(m => m.Name).Order(), Reference.Value.Select(f => f.Name).Order());
        foreach (ReferenceFunction function in Reference.Value)
        {
            GradientCase method = Find(function.Name);
            Assert.Equal(method.Element, function.Element);
            string[] expected = function.Name.StartsWith("Reduce", StringComparison.Ordinal)
                ? ["1", "7", "33", "7-tied", "33-tied", "7-equal"]
                : ["1", "7", "33"];
            Assert.Equal(expected, function.Cases.Select(c => c.Size));
        }

        // Both element types of every method.
        Assert.All(Methods.Where(m => m.Element == typeof(double)), m => Find(m.Name + "F"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Value_and_gradient_match_torch_and_the_value_the_eager_method(string method, string size)
    {
        ReferenceCase reference = Reference.Value.Single(f => f.Name == method).Cases.Single(c => c.Size == size);
        GradientCatalog.Dispatch(Find(method), c => Compare(c, reference), c => Compare(c, reference));
    }

    [Fact]
    public void Tied_maxima_and_minima_of_a_vector_share_the_gradient_evenly()
    {
        // Square(Sum(y)) + Mean(y) + Max(y) + Min(y) + LogSumExp(y) along axis 0 with every element equal: each of
        // the 7 elements gets 2 Sum(y) and a seventh of each of the other four, as torch.amax and torch.amin give
        // (not all of it to one element, nor the half a central difference sees).
        double[] y = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
        var dy = new double[7];
        VectorAxes.ReduceFirstKeptValueAndGradient(y, dy);
        double[] torch = Reference.Value.Single(f => f.Name == "ReduceFirstKept").Cases.Single(c => c.Size == "7-equal").Gradients["y"];
        double expected = (2 * 3.5) + (4.0 / 7);
        Assert.All(torch, g => Assert.Equal(expected, g, 1e-12));
        Assert.All(dy, g => Assert.Equal(expected, g, 1e-12));
    }

    /// <summary>The value and gradient against PyTorch's, and the value against the method run as written.</summary>
    internal static void Compare<T>(GradientCase<T> c, ReferenceCase reference)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TorchReferenceTests.Compare(c, reference);
        Precision.Close(reference.Value, double.CreateTruncating(c.Eager(reference.ArgumentsFor(c))), Precision.Reference<T>(), 1, $"{c.Name} at {reference.Size}: the eager method");
    }

    private static GradientCase Find(string name) => Methods.Single(m => m.Name == name);

    private static GradientCase<double> Double(
        string name, CaseParameter[] parameters, ValueFunction<double> eager, ValueFunction<double> value, GradientFunction<double> valueAndGradient)
        => new(name, parameters, Lengths, Lengths[^1], eager, value, valueAndGradient);

    private static GradientCase<float> Single(
        string name, CaseParameter[] parameters, ValueFunction<float> eager, ValueFunction<float> value, GradientFunction<float> valueAndGradient)
        => new(name, parameters, Lengths, Lengths[^1], eager, value, valueAndGradient);
}
