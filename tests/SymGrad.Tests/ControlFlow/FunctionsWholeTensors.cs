using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// Whole-tensor operations in methods with loops and branches: element-wise expressions of tensor parameters reduced
/// with Sum, Mean, Dot, Max or LogSumExp inside a loop or a branch, a reduction before a loop, and tensor locals carried
/// through a loop (a vector Euler rollout written with tensors) or assigned in branches.
/// </summary>
public static partial class ControlFlowSuite
{
    [Differentiable]
    public static double TensorLossOverSteps(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<double> target, ReadOnlyTensorSpan<double> w, int steps)
    {
        double loss = 0;
        for (int k = 0; k < steps; k++)
        {
            loss += Sum(Square(x - target)) * w[k];
        }

        return loss;
    }

    [Differentiable]
    public static float TensorLossOverStepsFloat(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target, ReadOnlyTensorSpan<float> w, int steps)
    {
        float loss = 0;
        for (int k = 0; k < steps; k++)
        {
            loss += Sum(Square(x - target)) * w[k];
        }

        return loss;
    }

    [Differentiable]
    public static double TensorReturnInBranches(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<double> t, [NoGrad] double mode)
    {
        if (mode > 0)
        {
            return Mean(Square(x - t));
        }
        else
        {
            return Sum(Abs(x - t));
        }
    }

    [Differentiable]
    public static float TensorReturnInBranchesFloat(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> t, [NoGrad] float mode)
    {
        if (mode > 0)
        {
            return Mean(Square(x - t));
        }
        else
        {
            return Sum(Abs(x - t));
        }
    }

    /// <summary>The vector Euler rollout of <c>h' = a - h^2</c>, written with tensors: h is carried through the loop.</summary>
    [Differentiable]
    public static double TensorEulerRollout(ReadOnlyTensorSpan<double> x0, ReadOnlyTensorSpan<double> a, [NoGrad] ReadOnlyTensorSpan<double> target)
    {
        const double Dt = 0.05;
        var h = x0;
        for (int t = 0; t < 20; t++)
        {
            h = h + (Dt * (a - (h * h)));
        }

        return Sum(Square(h - target));
    }

    [Differentiable]
    public static float TensorEulerRolloutFloat(ReadOnlyTensorSpan<float> x0, ReadOnlyTensorSpan<float> a, [NoGrad] ReadOnlyTensorSpan<float> target)
    {
        const float Dt = 0.05f;
        var h = x0;
        for (int t = 0; t < 20; t++)
        {
            h = h + (Dt * (a - (h * h)));
        }

        return Sum(Square(h - target));
    }

    [Differentiable]
    public static double TensorSumBeforeLoop(ReadOnlyTensorSpan<double> x, int n)
    {
        double s = Sum(x);
        double p = 1;
        for (int k = 0; k < n; k++)
        {
            p = (p * Math.Tanh(s + (0.1 * k))) + (0.2 * s);
        }

        return p;
    }

    [Differentiable]
    public static float TensorSumBeforeLoopFloat(ReadOnlyTensorSpan<float> x, int n)
    {
        float s = Sum(x);
        float p = 1;
        for (int k = 0; k < n; k++)
        {
            p = (p * MathF.Tanh(s + (0.1f * k))) + (0.2f * s);
        }

        return p;
    }

    /// <summary>A tensor local assigned in either branch, then reduced.</summary>
    [Differentiable]
    public static double TensorLocalInBranches(ReadOnlyTensorSpan<double> x, double c)
    {
        Tensor<double> h;
        if (c > 0)
        {
            h = Exp(x) * c;
        }
        else
        {
            h = Square(x) - c;
        }

        return Dot(h, h);
    }

    /// <summary>A tensor local rescaled by its own reduction each step, read back in a dot product.</summary>
    [Differentiable]
    public static double TensorNormalizedInLoop(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w)
    {
        var h = x;
        for (int k = 0; k < 3; k++)
        {
            h = (h / Sum(Abs(h))) + (0.1 * k);
        }

        return Dot(h, w);
    }

    [Differentiable]
    public static double TensorMaxInLoop(ReadOnlyTensorSpan<double> x, double c)
    {
        double total = 0;
        for (int k = 1; k <= 3; k++)
        {
            total += Max((x * k) - c) + Min(x * c);
        }

        return total;
    }

    [Differentiable]
    public static double TensorLogSumExpInLoop(ReadOnlyTensorSpan<double> x, int n)
    {
        double s = 0;
        for (int k = 0; k < n; k++)
        {
            s += LogSumExp(x * (k + 1.0)) / (k + 1.0);
        }

        return s;
    }

    /// <summary>A tensor shrunk until its squared norm is below a tolerance: a data-dependent trip count.</summary>
    [Differentiable]
    public static double TensorShrinkToTolerance(ReadOnlyTensorSpan<double> x, double rate)
    {
        var h = x;
        double r = Sum(Square(h));
        int steps = 0;
        while (r > 0.5 && steps < 50)
        {
            h = h * rate;
            r = Sum(Square(h));
            steps++;
        }

        return Sum(h) + r;
    }

    /// <summary>A reduction in an 'if' condition, and a tensor local declared inside the loop body.</summary>
    [Differentiable]
    public static double TensorConditionInLoop(ReadOnlyTensorSpan<double> x, double b)
    {
        double s = 0;
        for (int k = 0; k < 4; k++)
        {
            var d = x - (b * k);
            if (Mean(d) > 0)
            {
                s += Sum(Sigmoid(d));
            }
            else
            {
                s -= Dot(d, x);
            }
        }

        return s;
    }

    /// <summary>A reduction in a 'for' loop's iterators, run after each iteration.</summary>
    [Differentiable]
    public static double TensorReductionInIterator(ReadOnlyTensorSpan<double> x, int n)
    {
        double s = 0;
        for (int k = 0; k < n; k++, s += Sum(Square(x)) * k)
        {
            s *= 0.5;
        }

        return s;
    }

    /// <summary>A reduction on the right of '&amp;&amp;' in a 'while' condition: computed where C# tests it.</summary>
    [Differentiable]
    public static double TensorShrinkWhileAbove(ReadOnlyTensorSpan<double> x, double rate)
    {
        var h = x;
        int k = 0;
        while (k < 40 && Sum(Square(h)) > 0.5)
        {
            h = h * rate;
            k++;
        }

        return Sum(h) * k;
    }
}
