using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>Slices of vectors passed to [Differentiable] methods with loops or branches, from methods with loops.</summary>
public static partial class LoopSliceCallBodies
{
    /// <summary>A loss of two tensors of one length, scaled or averaged by a branch.</summary>
    [Differentiable]
    public static double Loss(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, double scale)
    {
        if (scale > 0)
        {
            return Sum(Square(a - b)) * scale;
        }

        return Mean(Square(a - b));
    }

    [Differentiable]
    public static float LossFloat(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, float scale)
    {
        if (scale > 0)
        {
            return Sum(Square(a - b)) * scale;
        }

        return Mean(Square(a - b));
    }

    /// <summary>One step of a recurrence: the state and one input element.</summary>
    [Differentiable]
    public static double Step(ReadOnlyTensorSpan<double> h, ReadOnlyTensorSpan<double> u, double w)
    {
        double s = 0;
        for (int i = 1; i <= 2; i++)
        {
            s += Sum(Tanh((h * (w * i)) + u));
        }

        return s;
    }

    [Differentiable]
    public static float StepFloat(ReadOnlyTensorSpan<float> h, ReadOnlyTensorSpan<float> u, float w)
    {
        float s = 0;
        for (int i = 1; i <= 2; i++)
        {
            s += Sum(Tanh((h * (w * i)) + u));
        }

        return s;
    }

    /// <summary>The loss of neighbouring elements (<c>torch.diff</c>-like pairs), on each of <paramref name="steps"/> steps.</summary>
    [Differentiable]
    public static double Pairs(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, double scale, int steps)
    {
        double s = 0;
        for (int t = 1; t <= steps; t++)
        {
            s += Loss(x[1..], y[..^1], scale) / t;
        }

        return s;
    }

    [Differentiable]
    public static float PairsFloat(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y, float scale, int steps)
    {
        float s = 0;
        for (int t = 1; t <= steps; t++)
        {
            s += LossFloat(x[1..], y[..^1], scale) / t;
        }

        return s;
    }

    /// <summary>One element of a sequence per step, passed as a one-element slice.</summary>
    [Differentiable]
    public static double Roll(ReadOnlyTensorSpan<double> h, ReadOnlyTensorSpan<double> u, double w)
    {
        double s = 0;
        for (int t = 0; t < u.FlattenedLength; t++)
        {
            s += Step(h, u[t..(t + 1)], w);
        }

        return s;
    }

    [Differentiable]
    public static float RollFloat(ReadOnlyTensorSpan<float> h, ReadOnlyTensorSpan<float> u, float w)
    {
        float s = 0;
        for (int t = 0; t < u.FlattenedLength; t++)
        {
            s += StepFloat(h, u[t..(t + 1)], w);
        }

        return s;
    }
}

/// <summary>
/// A slice passed to a [Differentiable] method with loops or branches is a view: the callee reads its elements at the
/// slice's offset, and adds their adjoints into the elements of the vector's gradient it reaches. Values against the
/// methods run as written, gradients against central differences, float and double; ranges and lengths that do not
/// fit throw where the call runs, before any gradient is written; a warm call allocates nothing.
/// </summary>
public sealed class LoopSliceCallTests
{
    private const double H = LoopShapeCheckTests.H;

    [Theory]
    [InlineData(2, 0.7)]
    [InlineData(8, 0.7)]
    [InlineData(33, -1.0)]
    [InlineData(7, -1.0)]
    public void Slices_passed_to_a_loss_give_the_method_as_written(int n, double scale)
    {
        double[] x = Wave(n, 0.3), y = Wave(n, 1.1);
        var dx = new double[n];
        var dy = new double[n];
        Func<double[], double[], double> eager = (p, q) => LoopSliceCallBodies.Pairs(Tensor.Create(p, [n]), Tensor.Create(q, [n]), scale, 3);
        double value = LoopSliceCallBodies.PairsValueAndGradient(Tensor.Create(x, [n]), Tensor.Create(y, [n]), scale, 3, new TensorSpan<double>(dx, [n]), new TensorSpan<double>(dy, [n]), out double dscale);
        Close(eager(x, y), value, 1e-12, "value");
        Close(eager(x, y), LoopSliceCallBodies.PairsValue(Tensor.Create(x, [n]), Tensor.Create(y, [n]), scale, 3), 1e-12, "value method");
        Differences(eager, x, y, dx, dy);
        Assert.Equal(0, dx[0]);
        Assert.Equal(0, dy[n - 1]);
        Close((LoopSliceCallBodies.Pairs(Tensor.Create(x, [n]), Tensor.Create(y, [n]), scale + H, 3) - LoopSliceCallBodies.Pairs(Tensor.Create(x, [n]), Tensor.Create(y, [n]), scale - H, 3)) / (2 * H), dscale, 1e-6, "dscale");

        float[] xf = x.Select(v => (float)v).ToArray(), yf = y.Select(v => (float)v).ToArray();
        var dxf = new float[n];
        var dyf = new float[n];
        float valueFloat = LoopSliceCallBodies.PairsFloatValueAndGradient(Tensor.Create(xf, [n]), Tensor.Create(yf, [n]), (float)scale, 3, new TensorSpan<float>(dxf, [n]), new TensorSpan<float>(dyf, [n]), out _);
        Close(LoopSliceCallBodies.PairsFloat(Tensor.Create(xf, [n]), Tensor.Create(yf, [n]), (float)scale, 3), valueFloat, 1e-5, "float value");
        Close(dx, dxf.Select(d => (double)d).ToArray(), 1e-4, "float dx");
        Close(dy, dyf.Select(d => (double)d).ToArray(), 1e-4, "float dy");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(3, 5)]
    public void One_element_slices_passed_to_a_step_give_the_method_as_written(int n, int m)
    {
        double[] h = Wave(n, 0.3), u = Wave(m, -0.4);
        var dh = new double[n];
        var du = new double[m];
        Func<double[], double[], double> eager = (p, q) => LoopSliceCallBodies.Roll(Tensor.Create(p, [n]), Tensor.Create(q, [m]), 0.6);
        double value = LoopSliceCallBodies.RollValueAndGradient(Tensor.Create(h, [n]), Tensor.Create(u, [m]), 0.6, new TensorSpan<double>(dh, [n]), new TensorSpan<double>(du, [m]), out double dw);
        Close(eager(h, u), value, 1e-12, "value");
        Differences(eager, h, u, dh, du);
        Close((LoopSliceCallBodies.Roll(Tensor.Create(h, [n]), Tensor.Create(u, [m]), 0.6 + H) - LoopSliceCallBodies.Roll(Tensor.Create(h, [n]), Tensor.Create(u, [m]), 0.6 - H)) / (2 * H), dw, 1e-6, "dw");

        float[] hf = h.Select(v => (float)v).ToArray(), uf = u.Select(v => (float)v).ToArray();
        var dhf = new float[n];
        var duf = new float[m];
        float valueFloat = LoopSliceCallBodies.RollFloatValueAndGradient(Tensor.Create(hf, [n]), Tensor.Create(uf, [m]), 0.6f, new TensorSpan<float>(dhf, [n]), new TensorSpan<float>(duf, [m]), out _);
        Close(LoopSliceCallBodies.RollFloat(Tensor.Create(hf, [n]), Tensor.Create(uf, [m]), 0.6f), valueFloat, 1e-5, "float value");
        Close(dh, dhf.Select(d => (double)d).ToArray(), 1e-4, "float dh");
        Close(du, duf.Select(d => (double)d).ToArray(), 1e-4, "float du");
    }

    [Fact]
    public void Slices_of_two_lengths_throw_naming_the_slice_before_any_gradient_is_written()
    {
        double[] x = Wave(5, 0.3), y = Wave(4, 1.1);
        double[] dx = [7, 7, 7, 7, 7], dy = [7, 7, 7, 7];
        Assert.ThrowsAny<ArgumentException>(() => LoopSliceCallBodies.Pairs(Tensor.Create(x, [5]), Tensor.Create(y, [4]), 0.7, 3));
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => LoopSliceCallBodies.PairsValueAndGradient(
            Tensor.Create(x, [5]), Tensor.Create(y, [4]), 0.7, 3, new TensorSpan<double>(dx, [5]), new TensorSpan<double>(dy, [4]), out _));
        Assert.Contains("y[..^1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("different lengths", error.Message, StringComparison.Ordinal);
        Assert.All(dx, d => Assert.Equal(7, d));
        Assert.All(dy, d => Assert.Equal(7, d));

        // No step runs: nothing is sliced, as in C#.
        Assert.Equal(0, LoopSliceCallBodies.PairsValue(Tensor.Create(x, [5]), Tensor.Create(y, [4]), 0.7, 0));
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        Tensor<double> x = Tensor.Create(Wave(9, 0.3), [9]);
        Tensor<double> y = Tensor.Create(Wave(9, 1.1), [9]);
        Tensor<double> h = Tensor.Create(Wave(3, 0.3), [3]);
        var dx = new double[9];
        var dy = new double[9];
        var dh = new double[3];
        void Calls()
        {
            LoopSliceCallBodies.PairsValueAndGradient(x, y, 0.7, 4, new TensorSpan<double>(dx, [9]), new TensorSpan<double>(dy, [9]), out _);
            LoopSliceCallBodies.RollValueAndGradient(h, y, 0.6, new TensorSpan<double>(dh, [3]), new TensorSpan<double>(dy, [9]), out _);
        }

        Calls();
        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (int r = 0; r < 10; r++)
            {
                Calls();
            }
        }));
    }

    private static double[] Wave(int n, double phase) => LoopShapeCheckTests.Wave(n, phase);

    private static void Differences(Func<double[], double[], double> f, double[] x, double[] y, double[] dx, double[] dy) => LoopShapeCheckTests.Differences(f, x, y, dx, dy);

    private static void Close(double expected, double actual, double tolerance, string what) => LoopShapeCheckTests.Close(expected, actual, tolerance, what);

    private static void Close(double[] expected, double[] actual, double tolerance, string what) => LoopShapeCheckTests.Close(expected, actual, tolerance, what);
}
