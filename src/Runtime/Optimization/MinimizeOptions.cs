using System.Numerics;

namespace SymGrad.Optimization;

/// <summary>When <see cref="Minimizer.Minimize"/> stops. Every rule is optional except <see cref="MaxSteps"/>.</summary>
/// <example>
/// <code>
/// var options = new MinimizeOptions&lt;float&gt; { LossThreshold = 1e-5f, MaxSteps = 1000 };
/// </code>
/// </example>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed record MinimizeOptions<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Stops with <see cref="MinimizeStopReason.Converged"/> once the loss is below this value; <see langword="null"/> for no threshold.</summary>
    public T? LossThreshold { get; init; }

    /// <summary>
    /// Stops with <see cref="MinimizeStopReason.SmallGradient"/> once the L2 norm of all gradients together is at most this
    /// value; <see langword="null"/> for no limit. Must not be negative.
    /// </summary>
    public T? GradientNormLimit { get; init; }

    /// <summary>Stops with <see cref="MinimizeStopReason.MaxSteps"/> after this many optimizer steps. Must not be negative; 10,000 unless set.</summary>
    public long MaxSteps { get; init; } = 10_000;
}
