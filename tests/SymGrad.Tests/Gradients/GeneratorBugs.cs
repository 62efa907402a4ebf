using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Minimal reproductions of generator bugs the suite found. Each has a skipped test in
/// <see cref="GeneratorBugTests"/> that runs the suite's checks on it; remove the skip once the generator is fixed.
/// </summary>
public static partial class GeneratorBugs
{
    /// <summary>
    /// A bias added to a plain matrix parameter. Run as written, <c>x + b</c> broadcasts <c>b</c> over the rows of
    /// <c>x</c>; the generated methods throw "'x' and 'b' meet in an element-wise operation and must have the same
    /// shape", because only a matrix product or a transpose makes <c>x</c> a matrix to the generator.
    /// </summary>
    [Differentiable]
    public static double PlainMatrixBias([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => Sum(Square(x + b));

    /// <summary>
    /// A differentiable argument passed to a [NoGrad] parameter of a called method (<see cref="Composed.WeightedSum"/>).
    /// The callee's [NoGrad] stops the caller's gradient: the generated <c>dy</c> is silently zero, where the value
    /// depends on <c>y</c> (dy = x).
    /// </summary>
    [Differentiable]
    public static double ArgumentOfNoGradParameter(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => Composed.WeightedSum(x, y);

#if SYMGRAD_TENSOR_CALLS
    /// <summary>
    /// The System.Numerics.Tensors.Tensor spelling of the vocabulary. Every Tensor method takes its tensors as
    /// <c>in ReadOnlyTensorSpan&lt;T&gt;</c>, and the frontend accepts only by-value parameters, so each call is
    /// reported as SG0006 "'Tensor.Sum' is neither in SymGrad's vocabulary nor a [Differentiable] method". Compiled
    /// only with SYMGRAD_TENSOR_CALLS defined, because the error fails the build.
    /// </summary>
    [Differentiable]
    public static double TensorCalls(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
        => Tensor.Sum<double>(Tensor.Multiply<double>(Tensor.Exp<double>(x), y));
#endif
}
