using System.Numerics;

namespace SymGrad.Optimization;

/// <summary>Why <see cref="Minimizer.Minimize"/> stopped.</summary>
public enum MinimizeStopReason
{
    /// <summary>The loss fell below <see cref="MinimizeOptions{T}.LossThreshold"/>.</summary>
    Converged,

    /// <summary>The gradient norm fell to <see cref="MinimizeOptions{T}.GradientNormLimit"/> or below.</summary>
    SmallGradient,

    /// <summary><see cref="MinimizeOptions{T}.MaxSteps"/> steps were taken without meeting another rule.</summary>
    MaxSteps,
}

/// <summary>The outcome of <see cref="Minimizer.Minimize"/>.</summary>
/// <param name="StopReason">Why the loop stopped.</param>
/// <param name="Steps">The number of optimizer steps taken; 0 when the starting point already met a rule.</param>
/// <param name="Loss">The loss at the final parameters.</param>
/// <param name="GradientNorm">The L2 norm of all gradients together at the final parameters.</param>
/// <param name="InitialLoss">The loss at the starting point.</param>
/// <typeparam name="T">The element type.</typeparam>
public readonly record struct MinimizeResult<T>(MinimizeStopReason StopReason, long Steps, T Loss, T GradientNorm, T InitialLoss)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;
