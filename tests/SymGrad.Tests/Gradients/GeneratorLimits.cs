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
    /// A broadcast beside a size of one operand. Run as written, <c>x + b</c> broadcasts <c>b</c> over the rows of
    /// <c>x</c> and <c>b.Lengths[0]</c> is <c>b</c>'s own length; the generated methods broadcast parameters only where
    /// no size is read (and every reduction spans all of them), and refuse this with an ArgumentException naming both
    /// shapes.
    /// </summary>
    [Differentiable]
    public static double BroadcastBesideOwnSize([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => Sum(Square(x + b)) / b.Lengths[0];
}
