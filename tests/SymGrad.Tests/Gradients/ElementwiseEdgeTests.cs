using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>Bodies for <see cref="ElementwiseEdgeTests"/>: one element-wise function each, summed, so the gradient is its derivative.</summary>
public static partial class EdgeFunctions
{
    [Differentiable] public static double SumSoftplus(ReadOnlyTensorSpan<double> x) => Sum(Softplus(x));
    [Differentiable] public static float SumSoftplusF(ReadOnlyTensorSpan<float> x) => Sum(Softplus(x));
    [Differentiable] public static double SumLogSigmoid(ReadOnlyTensorSpan<double> x) => Sum(LogSigmoid(x));
    [Differentiable] public static float SumLogSigmoidF(ReadOnlyTensorSpan<float> x) => Sum(LogSigmoid(x));
    [Differentiable] public static double SumLog1p(ReadOnlyTensorSpan<double> x) => Sum(Log1p(x));
    [Differentiable] public static float SumLog1pF(ReadOnlyTensorSpan<float> x) => Sum(Log1p(x));
    [Differentiable] public static double SumExpm1(ReadOnlyTensorSpan<double> x) => Sum(Expm1(x));
    [Differentiable] public static float SumExpm1F(ReadOnlyTensorSpan<float> x) => Sum(Expm1(x));
    [Differentiable] public static double SumMaximum(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => Sum(Maximum(x, y));
    [Differentiable] public static double SumMinimum(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => Sum(Minimum(x, y));
    [Differentiable] public static double SumClamp(ReadOnlyTensorSpan<double> x, double lo, double hi) => Sum(Clamp(x, lo, hi));
    [Differentiable] public static double WhereLog(ReadOnlyTensorSpan<double> x) => Sum(Where(x > 0, Log(x), x));
    [Differentiable] public static double MaxOf(ReadOnlyTensorSpan<double> x) => Max(x);
    [Differentiable] public static float MinOfF(ReadOnlyTensorSpan<float> x) => Min(x);
}

/// <summary>
/// The element-wise vocabulary at its edges, over 37 elements so every special value meets the 512-, 256- and
/// 128-bit lanes and the scalar tail: NaN, infinities, huge and tiny inputs and ties. Values equal the method run
/// eagerly; gradients follow PyTorch 1.13's rules (softplus's threshold, ties shared evenly, clamp's closed interval).
/// </summary>
public sealed class ElementwiseEdgeTests
{
    private static readonly double[] Specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1000, -1000, 30, -30, 20, 20.5, -20, 1e-10, -1e-10, 1e-300, 0, -0.0, 0.5, -0.5, 3, -3];

    /// <summary>The values repeated over <paramref name="length"/> elements in a shuffled order (5 is prime to every count used here).</summary>
    private static double[] Spread(double[] values, int length = 37) => Enumerable.Range(0, length).Select(i => values[((i * 5) + 1) % values.Length]).ToArray();

    /// <summary>exp(x) - 1 for |x| &lt; 1e-4 by its series, exact to double's precision there.</summary>
    private static double Series(double x) => x + (x * x / 2) + (x * x * x / 6);

    private static Tensor<T> Vector<T>(T[] values) => Tensor.Create(values, [values.Length]);

    [Fact]
    public void Softplus_is_the_eager_value_and_has_torchs_gradient_with_its_threshold_of_20()
    {
        double[] x = Spread(Specials);
        AssertValue(EdgeFunctions.SumSoftplus(Vector(x)), EdgeFunctions.SumSoftplusValue(Vector(x)));
        var dx = new double[x.Length];
        EdgeFunctions.SumSoftplusValueAndGradient(Vector(x), Vector(dx).AsTensorSpan());
        AssertElements(x.Select(v => v > 20 ? 1 : 1 / (1 + Math.Exp(-v))).ToArray(), dx, 1e-15);

        float[] xf = x.Select(v => (float)v).ToArray();
        var dxf = new float[x.Length];
        AssertValue(EdgeFunctions.SumSoftplusF(Vector(xf)), EdgeFunctions.SumSoftplusFValueAndGradient(Vector(xf), Vector(dxf).AsTensorSpan()), 1e-6);
        AssertElements(xf.Select(v => v > 20 ? 1 : 1 / (1 + Math.Exp(-(double)v))).ToArray(), dxf.Select(v => (double)v).ToArray(), 1e-6);
    }

    [Fact]
    public void LogSigmoid_neither_overflows_nor_rounds_to_minus_infinity()
    {
        double[] x = Spread(Specials.Where(v => !double.IsNaN(v)).ToArray());
        double value = EdgeFunctions.SumLogSigmoidValue(Vector(x));
        AssertValue(EdgeFunctions.SumLogSigmoid(Vector(x)), value);
        var dx = new double[x.Length];
        EdgeFunctions.SumLogSigmoidValueAndGradient(Vector(x), Vector(dx).AsTensorSpan());
        AssertElements(x.Select(v => 1 / (1 + Math.Exp(v))).ToArray(), dx, 1e-15);

        // log σ(-1000) is -1000, not -infinity; log σ(1000) is 0.
        Assert.Equal(-1000.0, EdgeFunctions.SumLogSigmoidValue(Vector(new[] { -1000.0, 1000.0 })));
        Assert.Equal(-1000f, EdgeFunctions.SumLogSigmoidFValue(Vector(new[] { -1000f, 1000f })));
        Assert.True(double.IsNaN(EdgeFunctions.SumLogSigmoidValue(Vector(new[] { double.NaN, 1.0 }))));
    }

    [Fact]
    public void Log1p_is_exact_for_tiny_inputs_at_every_width_and_has_torchs_gradient()
    {
        double[] tiny = Enumerable.Range(0, 37).Select(i => (i % 2 == 0 ? 1 : -1) * 1e-12 * (i + 1)).ToArray();
        Assert.Equal(tiny.Sum(v => v - (v * v / 2) + (v * v * v / 3)), EdgeFunctions.SumLog1pValue(Vector(tiny)), 1e-25);
        AssertValue(EdgeFunctions.SumLog1p(Vector(tiny)), EdgeFunctions.SumLog1pValue(Vector(tiny)), 1e-13);
        float[] tinyF = tiny.Select(v => (float)(v * 1e6)).ToArray();
        Assert.Equal(tinyF.Sum(v => (double)v - ((double)v * v / 2)), EdgeFunctions.SumLog1pFValue(Vector(tinyF)), 1e-10);

        // -1 gives -infinity and a gradient of infinity; below -1 NaN; +infinity stays infinite.
        double[] x = Spread([-1, -2, double.PositiveInfinity, double.NaN, 1e-10, -1e-10, 1e300, -0.5, 3, 0, -0.0]);
        var dx = new double[x.Length];
        double value = EdgeFunctions.SumLog1pValueAndGradient(Vector(x), Vector(dx).AsTensorSpan());
        AssertValue(EdgeFunctions.SumLog1p(Vector(x)), value);
        AssertElements(x.Select(v => 1 / (1 + v)).ToArray(), dx, 1e-15);
        Assert.Equal(double.NegativeInfinity, EdgeFunctions.SumLog1pValue(Vector(new[] { -1.0, 2.0 })));
        Assert.Equal(double.PositiveInfinity, EdgeFunctions.SumLog1pValue(Vector(new[] { double.PositiveInfinity, 2.0 })));
    }

    [Fact]
    public void Expm1_is_exact_for_tiny_inputs_at_every_width()
    {
        double[] tiny = Enumerable.Range(0, 37).Select(i => (i % 2 == 0 ? 1 : -1) * 1e-12 * (i + 1)).ToArray();
        Assert.Equal(tiny.Sum(Series), EdgeFunctions.SumExpm1Value(Vector(tiny)), 1e-25);
        AssertValue(EdgeFunctions.SumExpm1(Vector(tiny)), EdgeFunctions.SumExpm1Value(Vector(tiny)), 1e-13);

        double[] x = Spread(Specials.Where(v => v != double.PositiveInfinity).ToArray());
        AssertValue(EdgeFunctions.SumExpm1(Vector(x)), EdgeFunctions.SumExpm1Value(Vector(x)));
        var dx = new double[x.Length];
        EdgeFunctions.SumExpm1ValueAndGradient(Vector(x), Vector(dx).AsTensorSpan());
        AssertElements(x.Select(v => Expm1(v) + 1).ToArray(), dx, 1e-15);

        float[] tinyF = tiny.Select(v => (float)(v * 1e6)).ToArray();
        Assert.Equal(tinyF.Sum(v => Series(v)), EdgeFunctions.SumExpm1FValue(Vector(tinyF)), 1e-10);
    }

    [Fact]
    public void Maximum_and_minimum_share_a_tie_evenly_and_pass_NaN_to_both_operands()
    {
        double[] x = Spread([1, 2, 3, double.NaN, 5, -0.0, double.PositiveInfinity]);
        double[] y = Spread([1, 3, 2, 4, double.NaN, 0, double.PositiveInfinity], 37).Reverse().ToArray();
        AssertValue(EdgeFunctions.SumMaximum(Vector(x), Vector(y)), EdgeFunctions.SumMaximumValue(Vector(x), Vector(y)));
        AssertValue(EdgeFunctions.SumMinimum(Vector(x), Vector(y)), EdgeFunctions.SumMinimumValue(Vector(x), Vector(y)));

        var dx = new double[x.Length];
        var dy = new double[x.Length];
        EdgeFunctions.SumMaximumValueAndGradient(Vector(x), Vector(y), Vector(dx).AsTensorSpan(), Vector(dy).AsTensorSpan());
        AssertElements(x.Zip(y, (a, b) => a == b ? 0.5 : a < b ? 0 : 1).ToArray(), dx, 0);
        AssertElements(x.Zip(y, (a, b) => a == b ? 0.5 : a > b ? 0 : 1).ToArray(), dy, 0);
        Assert.Contains(0.5, dx);
        Assert.Contains(x.Zip(y), pair => double.IsNaN(pair.First) || double.IsNaN(pair.Second));

        EdgeFunctions.SumMinimumValueAndGradient(Vector(x), Vector(y), Vector(dx).AsTensorSpan(), Vector(dy).AsTensorSpan());
        AssertElements(x.Zip(y, (a, b) => a == b ? 0.5 : a > b ? 0 : 1).ToArray(), dx, 0);
        AssertElements(x.Zip(y, (a, b) => a == b ? 0.5 : a < b ? 0 : 1).ToArray(), dy, 0);
    }

    [Fact]
    public void Clamp_passes_the_gradient_on_the_closed_interval_and_to_the_bound_that_wins()
    {
        double[] x = Spread([-2, -1, 0, 1, 2, double.NaN, double.NegativeInfinity, double.PositiveInfinity]);
        AssertValue(EdgeFunctions.SumClamp(Vector(x), -1, 1), EdgeFunctions.SumClampValue(Vector(x), -1, 1));
        var dx = new double[x.Length];
        double value = EdgeFunctions.SumClampValueAndGradient(Vector(x), -1, 1, Vector(dx).AsTensorSpan(), out double dlo, out double dhi);
        Assert.True(double.IsNaN(value));
        AssertElements(x.Select(v => v >= -1 && v <= 1 ? 1.0 : 0).ToArray(), dx, 0);
        Assert.Equal(x.Count(v => v < -1), dlo);
        Assert.Equal(x.Count(v => v > 1), dhi);

        // min > max: every element is max, and only max has a gradient (PyTorch's clamp_backward_min_max).
        double[] finite = x.Where(v => !double.IsNaN(v)).ToArray();
        Assert.Equal(finite.Length * -1.0, EdgeFunctions.SumClampValueAndGradient(Vector(finite), 1, -1, Vector(new double[finite.Length]).AsTensorSpan(), out dlo, out dhi));
        Assert.Equal(0, dlo);
        Assert.Equal(finite.Length, dhi);
    }

    [Fact]
    public void Where_passes_the_gradient_to_the_selected_branch_only_as_torch_where_does()
    {
        double[] x = Spread([2, 0.5, -1, -3, 0, double.NaN]);
        AssertValue(EdgeFunctions.WhereLog(Vector(x)), EdgeFunctions.WhereLogValue(Vector(x)));
        var dx = new double[x.Length];
        EdgeFunctions.WhereLogValueAndGradient(Vector(x), Vector(dx).AsTensorSpan());

        // The unselected Log branch gets 0 times its derivative: 0 where that is finite, NaN at x = 0 (0 * 1/0), as PyTorch.
        AssertElements(x.Select(v => v > 0 ? 1 / v : 0 * (1 / v) + 1).ToArray(), dx, 1e-15);
    }

    [Fact]
    public void Max_and_min_share_the_gradient_among_ties_and_give_NaN_when_an_element_is_NaN()
    {
        double[] x = Spread([1, 3, -2, 3, 0.5, 3, -2]);
        Assert.Equal(Max(Vector(x)), EdgeFunctions.MaxOfValue(Vector(x)));
        var dx = new double[x.Length];
        Assert.Equal(3.0, EdgeFunctions.MaxOfValueAndGradient(Vector(x), Vector(dx).AsTensorSpan()));
        int ties = x.Count(v => v == 3);
        Assert.True(ties > 1);
        AssertElements(x.Select(v => v == 3 ? 1.0 / ties : 0).ToArray(), dx, 1e-16);

        float[] xf = x.Select(v => (float)v).ToArray();
        var dxf = new float[x.Length];
        Assert.Equal(-2f, EdgeFunctions.MinOfFValueAndGradient(Vector(xf), Vector(dxf).AsTensorSpan()));
        int lows = xf.Count(v => v == -2);
        Assert.Equal(xf.Select(v => v == -2 ? 1f / lows : 0f).ToArray(), dxf);

        x[20] = double.NaN;
        Assert.True(double.IsNaN(Max(Vector(x))));
        Assert.True(double.IsNaN(EdgeFunctions.MaxOfValueAndGradient(Vector(x), Vector(dx).AsTensorSpan())));
        Assert.All(dx, d => Assert.True(double.IsNaN(d)));
    }

    private static void AssertValue(double eager, double generated, double tolerance = 1e-14)
    {
        if (double.IsNaN(eager) || double.IsInfinity(eager))
        {
            Assert.Equal(eager, generated);
            return;
        }

        Assert.True(Math.Abs(eager - generated) <= tolerance * Math.Max(1, Math.Abs(eager)), $"eager {eager:R}, generated {generated:R}");
    }

    private static void AssertElements(double[] expected, double[] actual, double tolerance)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = expected[i].Equals(actual[i]) || Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i]));
            Assert.True(same, $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
