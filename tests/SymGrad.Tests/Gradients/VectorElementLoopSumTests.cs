using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;
using static SymGrad.Tests.Gradients.VectorElementLoopTests;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Sums of element-wise work in methods with loops (Sum, Mean, Dot): a vector of elements at a time into partial sums,
/// and the sum's adjoint back to a vector of elements at a time, where every operand has the loop's shape; one element
/// at a time through the broadcast index where one is stretched.
/// </summary>
public static partial class VectorElementLoopSumBodies
{
    /// <summary>Sums that read the parameters directly, a tensor local, and y stretched when it has one element.</summary>
    [Differentiable]
    public static double Losses(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, int steps)
    {
        var s = x;
        for (int t = 0; t < steps; t++)
        {
            s = (0.5 * s) + y;
        }

        return Mean(Square(s - y)) + Sum(x * y) - (0.25 * Dot(s, x));
    }

    /// <summary><see cref="Losses"/> in float.</summary>
    [Differentiable]
    public static float LossesFloat(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y, int steps)
    {
        var s = x;
        for (int t = 0; t < steps; t++)
        {
            s = (0.5f * s) + y;
        }

        return Mean(Square(s - y)) + Sum(x * y) - (0.25f * Dot(s, x));
    }
}

public sealed class VectorElementLoopSumTests
{
    /// <summary>
    /// The relative tolerance of a value against the method run as written: the vectors add in
    /// <c>Vector&lt;T&gt;.Count</c> partial sums, as the eager TensorMath.Sum does, an order the loop written out does not
    /// fix, so values agree to rounding, not bit for bit.
    /// </summary>
    private const double DoubleTolerance = 1e-12;

    private const float FloatTolerance = 1e-5f;

    public static TheoryData<int, bool> Cases() => new()
    {
        { 1, false }, { 7, false }, { 8, false }, { 33, false }, { 1000, false },
        { 1, true }, { 7, true }, { 8, true }, { 33, true }, { 1000, true },
    };

    /// <summary>y of x's shape (each broadcast index is k itself: the vectors run), or of one element (stretched: one at a time).</summary>
    private static double[] Y(int n, bool stretched) => stretched ? new[] { 0.3 } : Wave(n, 1.1);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sum_mean_and_dot_match_the_method_and_central_differences(int n, bool stretched)
    {
        double[] x = Wave(n, 0.2);
        double[] y = Y(n, stretched);
        var dx = new double[n];
        var dy = new double[y.Length];
        Array.Fill(dx, double.NaN);
        Array.Fill(dy, double.NaN);

        double value = VectorElementLoopSumBodies.LossesValueAndGradient(x, y, 3, dx, dy);

        double method = VectorElementLoopSumBodies.Losses(x, y, 3);
        Assert.Equal(method, value, DoubleTolerance * (1 + Math.Abs(method)));
        Assert.Equal(value, VectorElementLoopSumBodies.LossesValue(x, y, 3));
        foreach (int i in Probes(n))
        {
            Assert.Equal(Central(v => VectorElementLoopSumBodies.Losses(v, y, 3), x, i), dx[i], 1e-6 * (1 + Math.Abs(dx[i])));
        }

        foreach (int i in Probes(y.Length))
        {
            Assert.Equal(Central(v => VectorElementLoopSumBodies.Losses(x, v, 3), y, i), dy[i], 1e-6 * (1 + Math.Abs(dy[i])));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_float_sums_match_the_method_and_the_double_gradient(int n, bool stretched)
    {
        double[] x = Wave(n, 0.2);
        double[] y = Y(n, stretched);
        var dx = new double[n];
        var dy = new double[y.Length];
        VectorElementLoopSumBodies.LossesValueAndGradient(x, y, 3, dx, dy);
        var dxFloat = new float[n];
        var dyFloat = new float[y.Length];
        Array.Fill(dxFloat, float.NaN);
        Array.Fill(dyFloat, float.NaN);

        float value = VectorElementLoopSumBodies.LossesFloatValueAndGradient(Single(x), Single(y), 3, dxFloat, dyFloat);

        float method = VectorElementLoopSumBodies.LossesFloat(Single(x), Single(y), 3);
        Assert.Equal(method, value, FloatTolerance * (1 + Math.Abs(method)));
        Assert.Equal(value, VectorElementLoopSumBodies.LossesFloatValue(Single(x), Single(y), 3));
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(dx[i], dxFloat[i], 1e-4 * (1 + Math.Abs(dx[i])));
        }

        for (int i = 0; i < y.Length; i++)
        {
            Assert.Equal(dy[i], dyFloat[i], 1e-3 * (1 + Math.Abs(dy[i])));
        }
    }

    [Fact]
    public void The_sums_allocate_nothing_after_warm_up()
    {
        float[] x = Single(Wave(1000, 0.2));
        float[] y = Single(Wave(1000, 1.1));
        float[] one = { 0.3f };
        var dx = new float[1000];
        var dy = new float[1000];
        var dOne = new float[1];
        for (int i = 0; i < 40; i++)
        {
            VectorElementLoopSumBodies.LossesFloatValueAndGradient(x, y, 3, dx, dy);
            VectorElementLoopSumBodies.LossesFloatValueAndGradient(x, one, 3, dx, dOne);
            VectorElementLoopSumBodies.LossesFloatValue(x, y, 3);
        }

        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                VectorElementLoopSumBodies.LossesFloatValueAndGradient(x, y, 3, dx, dy);
                VectorElementLoopSumBodies.LossesFloatValueAndGradient(x, one, 3, dx, dOne);
                VectorElementLoopSumBodies.LossesFloatValue(x, y, 3);
            }
        }));
    }
}
