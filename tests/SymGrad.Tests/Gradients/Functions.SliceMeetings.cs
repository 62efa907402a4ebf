using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Slices meeting whole vectors element-wise (<c>x[1..] - y</c>), the lengths checked equal when the method is called.
/// <c>tools/reference/gradients.py</c> defines each in PyTorch under the same name.
/// </summary>
public static partial class Slices
{
    /// <summary>A slice minus a whole vector, and a slice times an element-wise function of it.</summary>
    [Differentiable]
    public static double SliceMeetsVector(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
        => Sum(Square(x[1..] - y)) + Sum(x[..^1] * Exp(y));

    [Differentiable]
    public static float SliceMeetsVectorF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y)
        => Sum(Square(x[1..] - y)) + Sum(x[..^1] * Exp(y));

    /// <summary>A slice with a bound from an int parameter meeting a whole vector, the vector first.</summary>
    [Differentiable]
    public static double RunTimeSliceMeetsVector(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, int k)
        => Mean(y * x[k..]) + Sum(Square(y - (2 * x[..^k])));

    [Differentiable]
    public static float RunTimeSliceMeetsVectorF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y, int k)
        => Mean(y * x[k..]) + Sum(Square(y - (2 * x[..^k])));

    /// <summary>Slices of one element (x[..1], x[^1..], x[1..2], x[k..(k + 1)]) repeated over a vector of any length, as PyTorch broadcasts them.</summary>
    [Differentiable]
    public static double OneElementSlices(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, int k)
        => Sum(x[..1] * y) + Sum(Square(y - x[^1..])) + Mean(Exp(x[1..2] * y)) + Sum(Square(x[k..(k + 1)] - (2 * y)));

    [Differentiable]
    public static float OneElementSlicesF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y, int k)
        => Sum(x[..1] * y) + Sum(Square(y - x[^1..])) + Mean(Exp(x[1..2] * y)) + Sum(Square(x[k..(k + 1)] - (2 * y)));
}
