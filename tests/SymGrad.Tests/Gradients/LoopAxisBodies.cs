using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Reductions along an axis, Softmax and LogSoftmax inside loops and branches: a recurrent classifier, attention per step,
/// row statistics of loop-carried matrices, and callees with products and axis reductions inlined from loops.
/// </summary>
public static partial class LoopAxisBodies
{
    /// <summary>A recurrent classifier: <c>h</c> <c>[B, D]</c> through <c>steps</c> layers, then a cross-entropy against <c>y</c> <c>[B, C]</c>.</summary>
    [Differentiable]
    public static double RnnClassifier(ReadOnlyTensorSpan<double> xs, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> v, [NoGrad] ReadOnlyTensorSpan<double> y, int steps)
    {
        var h = xs;
        for (int t = 0; t < steps; t++)
        {
            h = Tanh(MatMul(h, w));
        }

        return -Sum(y * LogSoftmax(MatMul(h, v), 1));
    }

    [Differentiable]
    public static float RnnClassifierFloat(ReadOnlyTensorSpan<float> xs, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> v, [NoGrad] ReadOnlyTensorSpan<float> y, int steps)
    {
        var h = xs;
        for (int t = 0; t < steps; t++)
        {
            h = Tanh(MatMul(h, w));
        }

        return -Sum(y * LogSoftmax(MatMul(h, v), 1));
    }

    /// <summary>Row sums of a parameter, squared, weighted by the step.</summary>
    [Differentiable]
    public static double Rows(ReadOnlyTensorSpan<double> x, int steps)
    {
        double s = 0;
        for (int t = 0; t < steps; t++)
        {
            s += Sum(Square(Sum(x, 1))) * t;
        }

        return s;
    }

    [Differentiable]
    public static float RowsFloat(ReadOnlyTensorSpan<float> x, int steps)
    {
        float s = 0;
        for (int t = 0; t < steps; t++)
        {
            s += Sum(Square(Sum(x, 1))) * t;
        }

        return s;
    }

    [Differentiable]
    public static double Inner(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> w) => Sum(Square(MatMul(a, w)));

    /// <summary>A callee without loops whose value is a reduction of a product, called from a loop.</summary>
    [Differentiable]
    public static double CallsInner(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> w, int steps)
    {
        double s = 0;
        for (int t = 0; t < steps; t++)
        {
            s += Inner(a, w) * t;
        }

        return s;
    }

    [Differentiable]
    public static float InnerFloat(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> w) => Sum(Square(MatMul(a, w)));

    [Differentiable]
    public static float CallsInnerFloat(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> w, int steps)
    {
        float s = 0;
        for (int t = 0; t < steps; t++)
        {
            s += InnerFloat(a, w) * t;
        }

        return s;
    }
}

public static partial class LoopAxisBodies
{
    /// <summary>Attention per step: the scores of q against precomputed keys kT, a softmax along each row, mixed into the state.</summary>
    [Differentiable]
    public static double Attention(ReadOnlyTensorSpan<double> q0, ReadOnlyTensorSpan<double> kT, ReadOnlyTensorSpan<double> v, int steps)
    {
        var q = q0;
        for (int t = 0; t < steps; t++)
        {
            var a = Softmax(MatMul(q, kT), 1);
            q = Tanh(MatMul(a, v) + q);
        }

        return Sum(Square(q));
    }

    [Differentiable]
    public static float AttentionFloat(ReadOnlyTensorSpan<float> q0, ReadOnlyTensorSpan<float> kT, ReadOnlyTensorSpan<float> v, int steps)
    {
        var q = q0;
        for (int t = 0; t < steps; t++)
        {
            var a = Softmax(MatMul(q, kT), 1);
            q = Tanh(MatMul(a, v) + q);
        }

        return Sum(Square(q));
    }

    /// <summary>Row and column statistics of a loop-carried matrix, with keepDims, meeting it element-wise.</summary>
    [Differentiable]
    public static double Statistics(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, int steps)
    {
        var h = x;
        double s = 0;
        for (int t = 0; t < steps; t++)
        {
            h = Tanh(MatMul(h, w));
            var l = h - LogSumExp(h, 1, keepDims: true);
            h = h - Max(h, 1, keepDims: true) + (0.5 * Mean(h, 0, keepDims: true));
            s += Sum(l * l) + Sum(Min(h, 0)) + Sum(Mean(l, -1));
        }

        return s + Sum(Softmax(h, 0) * x);
    }

    [Differentiable]
    public static float StatisticsFloat(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, int steps)
    {
        var h = x;
        float s = 0;
        for (int t = 0; t < steps; t++)
        {
            h = Tanh(MatMul(h, w));
            var l = h - LogSumExp(h, 1, keepDims: true);
            h = h - Max(h, 1, keepDims: true) + (0.5f * Mean(h, 0, keepDims: true));
            s += Sum(l * l) + Sum(Min(h, 0)) + Sum(Mean(l, -1));
        }

        return s + Sum(Softmax(h, 0) * x);
    }

    /// <summary>A vector state through softmaxes along its only axis, and branches that pick the function.</summary>
    [Differentiable]
    public static double VectorBranches(ReadOnlyTensorSpan<double> h0, ReadOnlyTensorSpan<double> w, [NoGrad] ReadOnlyTensorSpan<double> y, int steps)
    {
        var h = h0;
        double loss = 0;
        for (int t = 0; t < steps; t++)
        {
            if (t % 2 == 0)
            {
                h = Softmax(MatMul(w, h), -1) + h;
            }
            else
            {
                h = 0.5 * LogSoftmax(h, 0) + h;
            }

            loss -= Sum(y * LogSoftmax(h, 0)) - Sum(Max(h, 0, keepDims: true));
        }

        return loss + Sum(LogSumExp(h, 0));
    }

    [Differentiable]
    public static double CrossEntropyOf(ReadOnlyTensorSpan<double> logits, [NoGrad] ReadOnlyTensorSpan<double> y) => -Sum(y * LogSoftmax(logits, 1));

    [Differentiable]
    public static Tensor<double> Layer(ReadOnlyTensorSpan<double> h, ReadOnlyTensorSpan<double> w) => Tanh(MatMul(h, w));

    /// <summary>Callees without loops inlined from a loop: a layer with a product, a loss with an axis function.</summary>
    [Differentiable]
    public static double CallsLayers(ReadOnlyTensorSpan<double> h0, ReadOnlyTensorSpan<double> w, [NoGrad] ReadOnlyTensorSpan<double> y, int steps)
    {
        var h = h0;
        double loss = 0;
        for (int t = 0; t < steps; t++)
        {
            h = Layer(h, w);
            loss += CrossEntropyOf(h, y);
        }

        return loss;
    }
}

public static partial class LoopAxisBodies
{
    /// <summary>Every axis of a rank-3 tensor in a loop: the last, the middle and the first, counted both ways.</summary>
    [Differentiable]
    public static double RankThree(ReadOnlyTensorSpan<double> x, int n)
    {
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            total += Sum(Square(Sum(x, 2))) + Sum(Square(Softmax(x, 1))) + Sum(Max(x, -2)) + Sum(LogSumExp(x, 0, keepDims: true) * LogSoftmax(x, -3));
        }

        return total;
    }
}
