using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// <c>CrossEntropy</c> (against class indices or probabilities) and <c>BinaryCrossEntropyWithLogits</c> inside loops and
/// branches: a recurrent classifier, softmax regression summed over steps, losses in branches and in a straight statement.
/// </summary>
public static partial class LoopLossBodies
{
    /// <summary>A recurrent classifier: <c>h</c> <c>[B, D]</c> through <c>steps</c> layers, then a cross-entropy against class indices.</summary>
    [Differentiable]
    public static double RnnClassifier(ReadOnlyTensorSpan<double> xs, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> v, [NoGrad] ReadOnlySpan<int> labels, int steps)
    {
        var h = xs;
        for (int t = 0; t < steps; t++)
        {
            h = Tanh(MatMul(h, w));
        }

        return CrossEntropy(MatMul(h, v), labels);
    }

    [Differentiable]
    public static float RnnClassifierFloat(ReadOnlyTensorSpan<float> xs, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> v, [NoGrad] ReadOnlySpan<int> labels, int steps)
    {
        var h = xs;
        for (int t = 0; t < steps; t++)
        {
            h = Tanh(MatMul(h, w));
        }

        return CrossEntropy(MatMul(h, v), labels);
    }

    /// <summary>Softmax regression weighted by the step, labels as an int tensor span: <c>s += CrossEntropy(MatMul(x, w) + b, labels) * t</c>.</summary>
    [Differentiable]
    public static double Regression([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b, [NoGrad] ReadOnlyTensorSpan<int> labels, int steps)
    {
        double s = 0;
        for (int t = 0; t < steps; t++)
        {
            s += CrossEntropy(MatMul(x, w) + b, labels) * t;
        }

        return s;
    }

    [Differentiable]
    public static float RegressionFloat([NoGrad] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b, [NoGrad] ReadOnlyTensorSpan<int> labels, int steps)
    {
        float s = 0;
        for (int t = 0; t < steps; t++)
        {
            s += CrossEntropy(MatMul(x, w) + b, labels) * t;
        }

        return s;
    }

    /// <summary>Logits given directly, labels as a <c>Tensor&lt;int&gt;</c>, the loss taken in one branch or the other.</summary>
    [Differentiable]
    public static double Branches(ReadOnlyTensorSpan<double> logits, [NoGrad] Tensor<int> labels, int steps)
    {
        double s = 0;
        for (int t = 0; t < steps; t++)
        {
            if (t % 2 == 0)
            {
                s += CrossEntropy(logits, labels);
            }
            else
            {
                s += CrossEntropy(logits * 0.5, labels) * s;
            }
        }

        return s;
    }

    /// <summary>Labels as an <c>int[]</c>, logits a tensor local changed in each step.</summary>
    [Differentiable]
    public static double ArrayLabels(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, [NoGrad] int[] labels, int steps)
    {
        var h = x;
        double s = 0;
        for (int t = 0; t < steps; t++)
        {
            h = Tanh(MatMul(h, w)) + h;
            s += CrossEntropy(h, labels);
        }

        return s;
    }

    /// <summary>Class probabilities as the targets, both sides differentiable: the probabilities' gradient is <c>-LogSoftmax / N</c>.</summary>
    [Differentiable]
    public static double Probabilities(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b, ReadOnlyTensorSpan<double> p, int steps)
    {
        double s = 0;
        for (int t = 0; t < steps; t++)
        {
            s += CrossEntropy(MatMul(x, w) + b, p * (t + 1));
        }

        return s;
    }

    [Differentiable]
    public static float ProbabilitiesFloat(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b, ReadOnlyTensorSpan<float> p, int steps)
    {
        float s = 0;
        for (int t = 0; t < steps; t++)
        {
            s += CrossEntropy(MatMul(x, w) + b, p * (t + 1));
        }

        return s;
    }

    /// <summary>The straight-line CrossEntropyProbabilities of Functions.Axes.cs, summed over steps.</summary>
    [Differentiable]
    public static double SoftmaxRegressionSteps([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b, [NoGrad] ReadOnlyTensorSpan<double> p, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += CrossEntropy(MatMul(x, w) + b, p);
        }

        return s;
    }

    /// <summary>A binary cross-entropy with logits in a loop and a branch, both sides differentiable, any shape they share.</summary>
    [Differentiable]
    public static double Binary(ReadOnlyTensorSpan<double> z, ReadOnlyTensorSpan<double> y, int steps)
    {
        double s = 0;
        var h = z;
        for (int t = 0; t < steps; t++)
        {
            h = h * 1.5;
            s += t > 1 ? BinaryCrossEntropyWithLogits(h, y) * 2 : BinaryCrossEntropyWithLogits(z - h, y);
        }

        return s + BinaryCrossEntropyWithLogits(z, y);
    }

    [Differentiable]
    public static float BinaryFloat(ReadOnlyTensorSpan<float> z, ReadOnlyTensorSpan<float> y, int steps)
    {
        float s = 0;
        var h = z;
        for (int t = 0; t < steps; t++)
        {
            h = h * 1.5f;
            s += t > 1 ? BinaryCrossEntropyWithLogits(h, y) * 2 : BinaryCrossEntropyWithLogits(z - h, y);
        }

        return s + BinaryCrossEntropyWithLogits(z, y);
    }

    /// <summary>Blocks of two rows of <c>xs</c> as logits, read in place: a cross-entropy and a binary cross-entropy against a product.</summary>
    [Differentiable]
    public static double Blocks(ReadOnlyTensorSpan<double> xs, ReadOnlyTensorSpan<double> w, [NoGrad] ReadOnlySpan<int> labels, int steps)
    {
        double s = 0;
        for (int t = 0; t < steps; t++)
        {
            s += CrossEntropy(xs[t..(t + 2), ..], labels) + BinaryCrossEntropyWithLogits(xs[t..(t + 2), ..], Tanh(MatMul(xs[t..(t + 2), ..], w)));
        }

        return s;
    }
}
