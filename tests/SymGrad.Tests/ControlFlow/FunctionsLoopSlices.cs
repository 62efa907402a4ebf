using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// Slices of vector parameters inside loops, with bounds from the loop counter: sliding windows that overlap, strided
/// batches, one element of a sequence per time step, and fixed slices read again in every iteration.
/// </summary>
public static partial class ControlFlowSuite
{
    /// <summary>A sliding window of width k dotted with w at every offset: the windows overlap.</summary>
    [Differentiable]
    public static double SlidingWindow(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, int k)
    {
        double s = 0;
        for (int i = 0; i + k <= x.FlattenedLength; i++)
        {
            s += Sum(x[i..(i + k)] * w);
        }

        return s;
    }

    [Differentiable]
    public static float SlidingWindowFloat(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, int k)
    {
        float s = 0;
        for (int i = 0; i + k <= x.FlattenedLength; i++)
        {
            s += Sum(x[i..(i + k)] * w);
        }

        return s;
    }

    /// <summary>The squared response of each window, weighted by its offset: a nonlinear function of the window.</summary>
    [Differentiable]
    public static double SquaredWindowResponses(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, int k)
    {
        double s = 0;
        for (int i = 0; i <= x.FlattenedLength - k; i++)
        {
            double r = Dot(x[i..(i + k)], w);
            s += (i + 1) * r * r;
        }

        return s;
    }

    /// <summary>Mean squared error over batches of bs elements, stepping the counter by bs; a short last batch is left out.</summary>
    [Differentiable]
    public static double StridedBatches(ReadOnlyTensorSpan<double> p, [NoGrad] ReadOnlyTensorSpan<double> y, int bs)
    {
        double loss = 0;
        for (int b = 0; b + bs <= p.FlattenedLength; b += bs)
        {
            loss += Mse(p[b..(b + bs)], y[b..(b + bs)]);
        }

        return loss;
    }

    [Differentiable]
    public static float StridedBatchesFloat(ReadOnlyTensorSpan<float> p, [NoGrad] ReadOnlyTensorSpan<float> y, int bs)
    {
        float loss = 0;
        for (int b = 0; b + bs <= p.FlattenedLength; b += bs)
        {
            loss += Mse(p[b..(b + bs)], y[b..(b + bs)]);
        }

        return loss;
    }

    /// <summary>A recurrent state driven by one element of the input sequence per step: u[t..(t + 1)] broadcast over h.</summary>
    [Differentiable]
    public static float SequenceDrivenState(ReadOnlyTensorSpan<float> h0, ReadOnlyTensorSpan<float> u, float a)
    {
        var h = h0;
        for (int t = 0; t < u.FlattenedLength; t++)
        {
            h = Tanh((a * h) + u[t..(t + 1)]);
        }

        return Sum(h);
    }

    /// <summary>A tensor local assigned the difference of two windows in each iteration, then reduced.</summary>
    [Differentiable]
    public static double WindowDifferences(ReadOnlyTensorSpan<double> x, double c, int k)
    {
        double s = 0;
        for (int i = 0; i + k < x.FlattenedLength; i++)
        {
            var d = x[(i + 1)..(i + 1 + k)] - x[i..(i + k)];
            s += Sum(Square(d) * c);
        }

        return s;
    }

    /// <summary>Fixed slices read in every iteration of a loop, scaled by the counter.</summary>
    [Differentiable]
    public static double FixedSlicesInLoop(ReadOnlyTensorSpan<double> x, int n)
    {
        double s = 0;
        for (int i = 1; i <= n; i++)
        {
            s += i * Sum(x[1..] * x[..^1]);
        }

        return s;
    }
}
