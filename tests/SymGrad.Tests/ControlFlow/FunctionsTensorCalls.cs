using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// Calls to [Differentiable] methods whose loops hold whole-tensor work (tensor locals, reductions): from methods
/// without loops of their own, beside whole-tensor work, and from inside loops, with tensor locals as arguments.
/// </summary>
public static partial class ControlFlowSuite
{
    /// <summary>A tensor recurrence reduced to a scalar: the callee of the functions below.</summary>
    [Differentiable]
    public static double DecayedEnergy(ReadOnlyTensorSpan<double> x, int steps)
    {
        var h = x;
        for (int t = 0; t < steps; t++)
        {
            h = (h * 0.5) + x;
        }

        return Sum(Square(h));
    }

    /// <summary>A method without loops whose only work is the call.</summary>
    [Differentiable]
    public static double StraightCallerOfTensorLoop(ReadOnlyTensorSpan<double> x) => DecayedEnergy(x, 3) * 2;

    /// <summary>A method without loops that also works on whole tensors itself.</summary>
    [Differentiable]
    public static double StraightCallerBesideWholeTensors(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
    {
        double e = DecayedEnergy(x * y, 2);
        return e + Sum(x * y) - Mean(Exp(y));
    }

    /// <summary>Called in a loop with a tensor local (reassigned after each call) and a parameter.</summary>
    [Differentiable]
    public static double TensorLoopCalledInLoop(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
    {
        var g = x * y;
        double s = 0;
        for (int k = 0; k < 3; k++)
        {
            s += (DecayedEnergy(g, k) * 0.1) + DecayedEnergy(y, 1);
            g = Tanh(g * s);
        }

        return s + Sum(g);
    }

    [Differentiable]
    public static float DecayedEnergyFloat(ReadOnlyTensorSpan<float> x, int steps)
    {
        var h = x;
        for (int t = 0; t < steps; t++)
        {
            h = (h * 0.5f) + x;
        }

        return Sum(Square(h));
    }

    [Differentiable]
    public static float StraightCallerOfTensorLoopFloat(ReadOnlyTensorSpan<float> x, float a) => DecayedEnergyFloat(x * a, 2) + a;
}
