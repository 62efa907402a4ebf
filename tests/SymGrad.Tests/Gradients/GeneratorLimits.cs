using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Forms the generated code refuses with a clear error where the eager method computes a value: see
/// <see cref="GeneratorLimitTests"/> (today's limits of the generator, each pinned so a change is noticed).
/// </summary>
public static partial class GeneratorLimits
{
    /// <summary>
    /// A bias added to a plain matrix parameter. Run as written, <c>x + b</c> broadcasts <c>b</c> over the rows of
    /// <c>x</c>; the generated methods refuse it with an ArgumentException naming both shapes, because two parameters
    /// must have the same shape, and a bias broadcasts over the rows of a matrix product or a transpose only.
    /// </summary>
    [Differentiable]
    public static double PlainMatrixBias([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => Sum(Square(x + b));
}
