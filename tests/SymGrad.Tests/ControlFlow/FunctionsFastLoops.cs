using System;
using System.Numerics.Tensors;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// Independent loops: each iteration reads elements <c>x[i]</c> of vector parameters and adds element-wise work into
/// scalars, so the loop compiles to the fused SIMD loop of the whole-tensor spelling (<c>s += Sum(...)</c>). The last
/// functions are near misses that must stay scalar loops: the index read as a number, a bound that is not a size, a
/// sum read inside the loop, a shifted read.
/// </summary>
public static partial class ControlFlowSuite
{
    [Differentiable]
    public static float FastSumOfSquaresFloat(ReadOnlyTensorSpan<float> x)
    {
        float s = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            s += x[i] * x[i];
        }

        return s;
    }

    [Differentiable]
    public static double FastSquaredError(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<double> t)
    {
        double s = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            s += (x[i] - t[i]) * (x[i] - t[i]);
        }

        return s;
    }

    [Differentiable]
    public static float FastSquaredErrorThroughLocal(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> t)
    {
        float s = 0;
        for (int i = 0; i < x.Lengths[0]; i++)
        {
            float d = x[i] - t[i];
            s += d * d;
        }

        return s / x.FlattenedLength;
    }

    [Differentiable]
    public static double FastScaledExp(ReadOnlyTensorSpan<double> x, double w)
    {
        double s = 0;
        for (int i = 0; i < x.Lengths[0]; ++i)
        {
            s += w * Math.Exp(x[i] / 2);
        }

        return s;
    }

    [Differentiable]
    public static double FastLogOverQuadratic(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
    {
        double s = 0;
        for (int i = 0; i < y.FlattenedLength; i += 1)
        {
            s += Math.Log((x[i] * x[i]) + 1) / (1 + (y[i] * y[i]));
        }

        return s;
    }

    /// <summary>The variance: two sums in one loop, combined after it.</summary>
    [Differentiable]
    public static double FastVariance(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        double q = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            s += x[i];
            q += x[i] * x[i];
        }

        double n = x.FlattenedLength;
        double mean = s / n;
        return (q / n) - (mean * mean);
    }

    [Differentiable]
    public static double FastSubtractFromStart(ReadOnlyTensorSpan<double> x, double a)
    {
        double s = a * a;
        double half = 0.5 * a;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            s -= half * Math.Sin(x[i]) * Math.Cos(x[i]);
        }

        return Math.Sqrt((s * s) + 1);
    }

    /// <summary>Two loops in a row, each its own sum, on a vector long enough for the vector loop and its tail.</summary>
    [Differentiable]
    public static float FastTwoLoopsLong(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y)
    {
        float a = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            a += MathF.Tanh(x[i]) * y[i];
        }

        float b = 0;
        for (int i = 0; i < y.FlattenedLength; i++)
        {
            float u = MathF.Sqrt((y[i] * y[i]) + 1);
            float v = MathF.Abs(x[i] - 0.5f);
            b += u * v;
        }

        return (a * a) + b;
    }

    /// <summary>A near miss: the index is read as a number, so the loop stays scalar.</summary>
    [Differentiable]
    public static double FastMissIndexAsNumber(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            s += x[i] * i;
        }

        return s;
    }

    /// <summary>A near miss: the bound is an int parameter, which may stop short of the length.</summary>
    [Differentiable]
    public static double FastMissParameterBound(ReadOnlyTensorSpan<double> x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += x[i] * x[i];
        }

        return s;
    }

    /// <summary>A near miss: the sum is read inside the loop (a recurrence).</summary>
    [Differentiable]
    public static double FastMissSumReadInLoop(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            s += 0.5 * s * x[i];
            s += x[i];
        }

        return s;
    }

    /// <summary>A near miss: a shifted read, x[i + 1].</summary>
    [Differentiable]
    public static double FastMissShiftedRead(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.FlattenedLength - 1; i++)
        {
            s += x[i] * x[i + 1];
        }

        return s;
    }
}
