using System.Numerics;

namespace SymGrad.Optimization;

/// <summary>The state after one step of <see cref="Minimizer.Minimize"/>, passed to its progress callback.</summary>
/// <param name="Step">The number of optimizer steps taken so far, from 1.</param>
/// <param name="Loss">The loss at the parameters after this step.</param>
/// <param name="GradientNorm">The L2 norm of all parameters' gradients together, at the parameters after this step.</param>
/// <typeparam name="T">The element type.</typeparam>
public readonly record struct MinimizeProgress<T>(long Step, T Loss, T GradientNorm)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;
