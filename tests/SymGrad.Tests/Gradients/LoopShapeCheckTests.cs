using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>Tensors that meet in statements a call may not run: in a branch, or in a loop's later iterations.</summary>
public static partial class LoopShapeCheckBodies
{
    /// <summary>Tensors that meet only where <paramref name="mode"/> is positive.</summary>
    [Differentiable]
    public static double Pick(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, int mode)
    {
        if (mode > 0)
        {
            return Sum(x * y);
        }

        return Sum(x);
    }

    [Differentiable]
    public static float PickFloat(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y, int mode)
    {
        if (mode > 0)
        {
            return Sum(x * y);
        }

        return Sum(x);
    }

    /// <summary>A dot product, a conditional of two tensors, or work on each alone, chosen by <paramref name="mode"/> in a loop.</summary>
    [Differentiable]
    public static double Modes(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, double c, int steps, int mode)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            if (mode == 1)
            {
                s += Dot(x, y);
            }
            else if (mode == 2)
            {
                s += Sum(Square(c > 0 ? x : y));
            }
            else
            {
                s += Mean(Exp(x * (0.1 * i))) + Sum(Square(y) * c);
            }
        }

        return s;
    }

    [Differentiable]
    public static float ModesFloat(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y, float c, int steps, int mode)
    {
        float s = 0;
        for (int i = 0; i < steps; i++)
        {
            if (mode == 1)
            {
                s += Dot(x, y);
            }
            else if (mode == 2)
            {
                s += Sum(Square(c > 0 ? x : y));
            }
            else
            {
                s += Mean(Exp(x * (0.1f * i))) + Sum(Square(y) * c);
            }
        }

        return s;
    }

    /// <summary>A broadcast met on iteration <paramref name="at"/> only, after the others have run.</summary>
    [Differentiable]
    public static double Late(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b, int steps, int at)
    {
        double s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Tanh(x * (0.5 * i)));
            if (i == at)
            {
                s += Sum(Square(x + b));
            }
        }

        return s;
    }

    [Differentiable]
    public static float LateFloat(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> b, int steps, int at)
    {
        float s = 0;
        for (int i = 0; i < steps; i++)
        {
            s += Sum(Tanh(x * (0.5f * i)));
            if (i == at)
            {
                s += Sum(Square(x + b));
            }
        }

        return s;
    }
}

/// <summary>
/// In a method with loops or branches, shapes are checked where the statement that meets them runs, as C# throws there:
/// a statement that does not run checks nothing, and one that runs with shapes that do not fit throws
/// <see cref="ArgumentException"/> naming both operands and both shapes, in the forward sweep, before any gradient is
/// written. Values against the methods run as written, gradients against central differences, float and double.
/// </summary>
public sealed class LoopShapeCheckTests
{
    internal const double H = 1e-6;

    [Theory]
    [InlineData(3, 4)]
    [InlineData(1, 7)]
    [InlineData(33, 2)]
    public void Tensors_of_two_shapes_in_a_branch_not_taken_give_the_method_as_written(int n, int m)
    {
        double[] x = Wave(n, 0.3), y = Wave(m, -0.7);
        var dx = new double[n];
        var dy = Enumerable.Repeat(7.0, m).ToArray();
        double value = LoopShapeCheckBodies.PickValueAndGradient(Tensor.Create(x, [n]), Tensor.Create(y, [m]), 0, new TensorSpan<double>(dx, [n]), new TensorSpan<double>(dy, [m]));
        double asWritten = LoopShapeCheckBodies.Pick(Tensor.Create(x, [n]), Tensor.Create(y, [m]), 0);
        Close(asWritten, value, 1e-12, "value");
        Close(asWritten, LoopShapeCheckBodies.PickValue(Tensor.Create(x, [n]), Tensor.Create(y, [m]), 0), 1e-12, "value method");
        Assert.All(dx, d => Assert.Equal(1, d));
        Assert.All(dy, d => Assert.Equal(0, d));

        float[] xf = x.Select(v => (float)v).ToArray(), yf = y.Select(v => (float)v).ToArray();
        var dxf = new float[n];
        var dyf = Enumerable.Repeat(7f, m).ToArray();
        float valueFloat = LoopShapeCheckBodies.PickFloatValueAndGradient(Tensor.Create(xf, [n]), Tensor.Create(yf, [m]), -2, new TensorSpan<float>(dxf, [n]), new TensorSpan<float>(dyf, [m]));
        Close(LoopShapeCheckBodies.PickFloat(Tensor.Create(xf, [n]), Tensor.Create(yf, [m]), -2), valueFloat, 1e-5, "float value");
        Assert.All(dxf, d => Assert.Equal(1, d));
        Assert.All(dyf, d => Assert.Equal(0, d));
    }

    [Fact]
    public void Tensors_of_two_shapes_in_the_branch_taken_throw_naming_both_and_write_no_gradient()
    {
        double[] x = Wave(3, 0.3), y = Wave(4, -0.7);
        double[] dx = [7, 7, 7], dy = [7, 7, 7, 7];
        Assert.ThrowsAny<ArgumentException>(() => LoopShapeCheckBodies.Pick(Tensor.Create(x, [3]), Tensor.Create(y, [4]), 1));
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => LoopShapeCheckBodies.PickValueAndGradient(
            Tensor.Create(x, [3]), Tensor.Create(y, [4]), 1, new TensorSpan<double>(dx, [3]), new TensorSpan<double>(dy, [4])));
        ArgumentException valueError = Assert.ThrowsAny<ArgumentException>(() => LoopShapeCheckBodies.PickValue(Tensor.Create(x, [3]), Tensor.Create(y, [4]), 1));
        float[] dxf = [7, 7, 7], dyf = [7, 7, 7, 7];
        ArgumentException floatError = Assert.ThrowsAny<ArgumentException>(() => LoopShapeCheckBodies.PickFloatValueAndGradient(
            Tensor.Create(new float[3], [3]), Tensor.Create(new float[4], [4]), 1, new TensorSpan<float>(dxf, [3]), new TensorSpan<float>(dyf, [4])));
        foreach (ArgumentException e in new[] { error, valueError, floatError })
        {
            Names(e, "'x'", "'y'", "[3]", "[4]", "do not broadcast");
        }

        Assert.All(dx, d => Assert.Equal(7, d));
        Assert.All(dy, d => Assert.Equal(7, d));
        Assert.All(dxf, d => Assert.Equal(7, d));
        Assert.All(dyf, d => Assert.Equal(7, d));
    }

    [Theory]
    [InlineData(new[] { 3, 4 }, new[] { 4 })]
    [InlineData(new[] { 7 }, new[] { 1 })]
    [InlineData(new[] { 2, 1 }, new[] { 5 })]
    public void Tensors_that_broadcast_in_the_branch_taken_give_the_method_as_written(int[] xShape, int[] yShape)
    {
        nint[] xs = xShape.Select(l => (nint)l).ToArray(), ys = yShape.Select(l => (nint)l).ToArray();
        double[] x = Wave(xShape.Aggregate(1, (p, l) => p * l), 0.3), y = Wave(yShape.Aggregate(1, (p, l) => p * l), -0.7);
        var dx = new double[x.Length];
        var dy = new double[y.Length];
        Func<double[], double[], double> eager = (p, q) => LoopShapeCheckBodies.Pick(Tensor.Create(p, xs), Tensor.Create(q, ys), 1);
        double value = LoopShapeCheckBodies.PickValueAndGradient(Tensor.Create(x, xs), Tensor.Create(y, ys), 1, new TensorSpan<double>(dx, xs), new TensorSpan<double>(dy, ys));
        Close(eager(x, y), value, 1e-12, "value");
        Differences(eager, x, y, dx, dy);

        float[] xf = x.Select(v => (float)v).ToArray(), yf = y.Select(v => (float)v).ToArray();
        var dxf = new float[x.Length];
        var dyf = new float[y.Length];
        float valueFloat = LoopShapeCheckBodies.PickFloatValueAndGradient(Tensor.Create(xf, xs), Tensor.Create(yf, ys), 1, new TensorSpan<float>(dxf, xs), new TensorSpan<float>(dyf, ys));
        Close(LoopShapeCheckBodies.PickFloat(Tensor.Create(xf, xs), Tensor.Create(yf, ys), 1), valueFloat, 1e-5, "float value");
        Close(dx, dxf.Select(d => (double)d).ToArray(), 1e-5, "float dx");
        Close(dy, dyf.Select(d => (double)d).ToArray(), 1e-5, "float dy");
    }

    [Theory]
    [InlineData(0, 0.4)]
    [InlineData(0, -0.4)]
    [InlineData(3, 0.4)]
    public void A_dot_product_or_a_conditional_in_a_branch_not_taken_checks_nothing(int mode, double c)
    {
        // x [5] and y [3] never meet here: modes 0 and 3 work on each alone.
        double[] x = Wave(5, 0.2), y = Wave(3, 0.9);
        var dx = new double[5];
        var dy = new double[3];
        Func<double[], double[], double> eager = (p, q) => LoopShapeCheckBodies.Modes(Tensor.Create(p, [5]), Tensor.Create(q, [3]), c, 3, mode);
        double value = LoopShapeCheckBodies.ModesValueAndGradient(Tensor.Create(x, [5]), Tensor.Create(y, [3]), c, 3, mode, new TensorSpan<double>(dx, [5]), new TensorSpan<double>(dy, [3]), out double dc);
        Close(eager(x, y), value, 1e-12, "value");
        Close(eager(x, y), LoopShapeCheckBodies.ModesValue(Tensor.Create(x, [5]), Tensor.Create(y, [3]), c, 3, mode), 1e-12, "value method");
        Differences(eager, x, y, dx, dy);
        Close((LoopShapeCheckBodies.Modes(Tensor.Create(x, [5]), Tensor.Create(y, [3]), c + H, 3, mode) - LoopShapeCheckBodies.Modes(Tensor.Create(x, [5]), Tensor.Create(y, [3]), c - H, 3, mode)) / (2 * H), dc, 1e-6, "dc");

        float[] xf = x.Select(v => (float)v).ToArray(), yf = y.Select(v => (float)v).ToArray();
        var dxf = new float[5];
        var dyf = new float[3];
        float valueFloat = LoopShapeCheckBodies.ModesFloatValueAndGradient(Tensor.Create(xf, [5]), Tensor.Create(yf, [3]), (float)c, 3, mode, new TensorSpan<float>(dxf, [5]), new TensorSpan<float>(dyf, [3]), out _);
        Close(LoopShapeCheckBodies.ModesFloat(Tensor.Create(xf, [5]), Tensor.Create(yf, [3]), (float)c, 3, mode), valueFloat, 1e-5, "float value");
        Close(dx, dxf.Select(d => (double)d).ToArray(), 1e-4, "float dx");
        Close(dy, dyf.Select(d => (double)d).ToArray(), 1e-4, "float dy");
    }

    [Theory]
    [InlineData(1, 0.4)]
    [InlineData(2, -0.4)]
    [InlineData(2, 0.4)]
    public void A_dot_product_or_a_conditional_of_two_shapes_that_runs_throws_naming_both(int mode, double c)
    {
        // A conditional's sides must have one shape where it runs (C# would pick one whole): the loop reads either side.
        double[] dx = [7, 7, 7, 7, 7], dy = [7, 7, 7];
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => LoopShapeCheckBodies.ModesValueAndGradient(
            Tensor.Create(Wave(5, 0.2), [5]), Tensor.Create(Wave(3, 0.9), [3]), c, 3, mode, new TensorSpan<double>(dx, [5]), new TensorSpan<double>(dy, [3]), out _));
        Names(error, "'x'", "'y'", "[5]", "[3]", "same shape");
        Assert.All(dx, d => Assert.Equal(7, d));
        Assert.All(dy, d => Assert.Equal(7, d));

        // The same call with no iteration runs nothing, as C# does.
        Assert.Equal(0, LoopShapeCheckBodies.ModesValue(Tensor.Create(Wave(5, 0.2), [5]), Tensor.Create(Wave(3, 0.9), [3]), c, 0, mode));
    }

    [Fact]
    public void A_mismatch_met_after_iterations_have_run_throws_there_and_writes_no_gradient()
    {
        double[] x = Wave(3, 0.4), b = Wave(4, -0.2);
        double[] dx = [7, 7, 7], db = [7, 7, 7, 7];
        Assert.ThrowsAny<ArgumentException>(() => LoopShapeCheckBodies.Late(Tensor.Create(x, [3]), Tensor.Create(b, [4]), 5, 3));
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => LoopShapeCheckBodies.LateValueAndGradient(
            Tensor.Create(x, [3]), Tensor.Create(b, [4]), 5, 3, new TensorSpan<double>(dx, [3]), new TensorSpan<double>(db, [4])));
        Names(error, "'x'", "'b'", "[3]", "[4]", "do not broadcast");
        Assert.All(dx, d => Assert.Equal(7, d));
        Assert.All(db, d => Assert.Equal(7, d));

        float[] dxf = [7, 7, 7], dbf = [7, 7, 7, 7];
        Assert.ThrowsAny<ArgumentException>(() => LoopShapeCheckBodies.LateFloatValueAndGradient(
            Tensor.Create(new float[3], [3]), Tensor.Create(new float[4], [4]), 5, 3, new TensorSpan<float>(dxf, [3]), new TensorSpan<float>(dbf, [4])));
        Assert.All(dxf, d => Assert.Equal(7, d));
        Assert.All(dbf, d => Assert.Equal(7, d));
    }

    [Theory]
    [InlineData(3, 4, 7)]
    [InlineData(3, 4, -1)]
    [InlineData(7, 1, 2)]
    [InlineData(8, 8, 0)]
    public void A_mismatch_never_met_or_a_broadcast_met_late_gives_the_method_as_written(int n, int m, int at)
    {
        double[] x = Wave(n, 0.4), b = Wave(m, -0.2);
        var dx = new double[n];
        var db = new double[m];
        Func<double[], double[], double> eager = (p, q) => LoopShapeCheckBodies.Late(Tensor.Create(p, [n]), Tensor.Create(q, [m]), 5, at);
        double value = LoopShapeCheckBodies.LateValueAndGradient(Tensor.Create(x, [n]), Tensor.Create(b, [m]), 5, at, new TensorSpan<double>(dx, [n]), new TensorSpan<double>(db, [m]));
        Close(eager(x, b), value, 1e-12, "value");
        Differences(eager, x, b, dx, db);

        float[] xf = x.Select(v => (float)v).ToArray(), bf = b.Select(v => (float)v).ToArray();
        var dxf = new float[n];
        var dbf = new float[m];
        float valueFloat = LoopShapeCheckBodies.LateFloatValueAndGradient(Tensor.Create(xf, [n]), Tensor.Create(bf, [m]), 5, at, new TensorSpan<float>(dxf, [n]), new TensorSpan<float>(dbf, [m]));
        Close(LoopShapeCheckBodies.LateFloat(Tensor.Create(xf, [n]), Tensor.Create(bf, [m]), 5, at), valueFloat, 1e-5, "float value");
        Close(dx, dxf.Select(d => (double)d).ToArray(), 1e-4, "float dx");
        Close(db, dbf.Select(d => (double)d).ToArray(), 1e-4, "float db");
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        Tensor<double> x = Tensor.Create(Wave(3, 0.4), [3]);
        Tensor<double> y = Tensor.Create(Wave(4, -0.2), [4]);
        Tensor<double> one = Tensor.Create(Wave(1, 0.5), [1]);
        var dx = new double[3];
        var dy = new double[4];
        var done = new double[1];
        void Calls()
        {
            LoopShapeCheckBodies.PickValueAndGradient(x, y, 0, new TensorSpan<double>(dx, [3]), new TensorSpan<double>(dy, [4]));
            LoopShapeCheckBodies.ModesValueAndGradient(x, y, 0.5, 4, 0, new TensorSpan<double>(dx, [3]), new TensorSpan<double>(dy, [4]), out _);
            LoopShapeCheckBodies.LateValueAndGradient(x, y, 6, -1, new TensorSpan<double>(dx, [3]), new TensorSpan<double>(dy, [4]));
            LoopShapeCheckBodies.LateValueAndGradient(x, one, 6, 2, new TensorSpan<double>(dx, [3]), new TensorSpan<double>(done, [1]));
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

    internal static double[] Wave(int n, double phase) => Enumerable.Range(0, n).Select(i => 0.8 * Math.Sin((1.3 * i) + phase)).ToArray();

    private static void Names(ArgumentException error, params string[] parts)
    {
        foreach (string part in parts)
        {
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
        }
    }

    internal static void Differences(Func<double[], double[], double> f, double[] x, double[] y, double[] dx, double[] dy)
    {
        for (int i = 0; i < x.Length; i++)
        {
            Close(Difference(p => f(p, y), x, i), dx[i], 1e-6, "dx[" + i + "] by differences");
        }

        for (int i = 0; i < y.Length; i++)
        {
            Close(Difference(q => f(x, q), y, i), dy[i], 1e-6, "dy[" + i + "] by differences");
        }
    }

    private static double Difference(Func<double[], double> f, double[] at, int i)
    {
        double[] plus = (double[])at.Clone();
        double[] minus = (double[])at.Clone();
        plus[i] += H;
        minus[i] -= H;
        return (f(plus) - f(minus)) / (2 * H);
    }

    internal static void Close(double expected, double actual, double tolerance, string what)
        => Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}.");

    internal static void Close(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected[i], actual[i], tolerance, what + "[" + i + "]");
        }
    }
}
