using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Element reads with C# indexes: <c>x[i]</c>, <c>x[^1]</c> and <c>x[i, j]</c>, with indexes from constants, int
/// parameters and sizes. <c>tools/reference/gradients.py</c> defines each in PyTorch under the same name.
/// </summary>
public static partial class Slices
{
    /// <summary>The first, the last and the middle element, and the first against a whole-tensor sum.</summary>
    [Differentiable]
    public static double ElementReads(ReadOnlyTensorSpan<double> x)
        => (x[0] * x[^1]) + Math.Sin(x[x.Lengths[0] / 2]) + (x[0] * Sum(Square(x)));

    [Differentiable]
    public static float ElementReadsF(ReadOnlyTensorSpan<float> x)
        => (x[0] * x[^1]) + MathF.Sin(x[x.Lengths[0] / 2]) + (x[0] * Sum(Square(x)));

    /// <summary>Indexes from an int parameter and int arithmetic on it and on sizes.</summary>
    [Differentiable]
    public static double IndexedByParameter(ReadOnlyTensorSpan<double> x, int k)
        => (x[k] * x[k - 1]) + Math.Exp(x[x.Lengths[0] - 1 - k]) + (x[^k] * Mean(x));

    [Differentiable]
    public static float IndexedByParameterF(ReadOnlyTensorSpan<float> x, int k)
        => (x[k] * x[k - 1]) + MathF.Exp(x[x.Lengths[0] - 1 - k]) + (x[^k] * Mean(x));

    /// <summary>Elements of a matrix: its corners, a row given by a parameter, and its sum.</summary>
    [Differentiable]
    public static double MatrixElements(ReadOnlyTensorSpan<double> w, int i)
        => (w[0, 0] * w[^1, ^1]) + Math.Tanh(w[i, w.Lengths[1] - 1]) + (Sum(w) * w[w.Lengths[0] / 2, 0]);

    [Differentiable]
    public static float MatrixElementsF(ReadOnlyTensorSpan<float> w, int i)
        => (w[0, 0] * w[^1, ^1]) + MathF.Tanh(w[i, w.Lengths[1] - 1]) + (Sum(w) * w[w.Lengths[0] / 2, 0]);

    /// <summary>An element read beside slices of the same vector: both adjoints meet in one gradient.</summary>
    [Differentiable]
    public static double ElementAndSlices(ReadOnlyTensorSpan<double> x)
        => Sum(Square(x[1..] - x[..^1])) + (3 * x[0] * x[1]);
}
