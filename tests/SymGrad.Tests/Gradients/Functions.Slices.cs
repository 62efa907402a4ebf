using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Slices of vectors with C# ranges: the N-dimensional Rosenbrock function and a smoothness penalty, where neighbouring
/// elements meet through <c>x[1..]</c> and <c>x[..^1]</c>. <c>tools/reference/gradients.py</c> defines each in PyTorch
/// under the same name.
/// </summary>
public static partial class Slices
{
    /// <summary>The N-dimensional Rosenbrock function.</summary>
    [Differentiable]
    public static double Rosenbrock(ReadOnlyTensorSpan<double> x)
        => Sum((100 * Square(x[1..] - Square(x[..^1]))) + Square(1 - x[..^1]));

    [Differentiable]
    public static float RosenbrockF(ReadOnlyTensorSpan<float> x)
        => Sum((100 * Square(x[1..] - Square(x[..^1]))) + Square(1 - x[..^1]));

    /// <summary>A data term and a penalty on the differences of neighbours.</summary>
    [Differentiable]
    public static double Smoothed(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<double> y, double lambda)
        => Mse(x, y) + (lambda * Sum(Square(x[1..] - x[..^1])));

    [Differentiable]
    public static float SmoothedF(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> y, float lambda)
        => Mse(x, y) + (lambda * Sum(Square(x[1..] - x[..^1])));

    /// <summary>The slice's own rule: a difference of neighbours two apart, trimmed from both ends.</summary>
    [Differentiable]
    public static double SliceDifference(ReadOnlyTensorSpan<double> x)
        => Sum(Square(x[2..^1] - (0.5 * x[..^3]))) + Mean(x[1..^2]);
}

/// <summary>Slices whose bounds come from int parameters and sizes, checked when the method is called.</summary>
public static partial class Slices
{
    /// <summary>Differences k apart, and a slice trimmed by a constant and a parameter.</summary>
    [Differentiable]
    public static double LaggedDifference(ReadOnlyTensorSpan<double> x, int k)
        => Sum(Square(x[k..] - x[..^k])) + (0.5 * Sum(x[1..^k]));

    [Differentiable]
    public static float LaggedDifferenceF(ReadOnlyTensorSpan<float> x, int k)
        => Sum(Square(x[k..] - x[..^k])) + (0.5f * Sum(x[1..^k]));

    /// <summary>A window from parameters, the last three elements, and neighbours through a size.</summary>
    [Differentiable]
    public static double Window(ReadOnlyTensorSpan<double> x, int k, int m)
        => Sum(Exp(x[k..(k + m)])) + Sum(Square(x[^3..])) + Mean(x[..((int)x.Lengths[0] - 1)] * x[1..]);

    [Differentiable]
    public static float WindowF(ReadOnlyTensorSpan<float> x, int k, int m)
        => Sum(Exp(x[k..(k + m)])) + Sum(Square(x[^3..])) + Mean(x[..((int)x.Lengths[0] - 1)] * x[1..]);
}
