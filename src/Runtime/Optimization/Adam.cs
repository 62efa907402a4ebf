using System;
using System.Collections.Generic;
using System.Numerics;

namespace SymGrad.Optimization;

/// <summary>
/// Adam, with the semantics and the per-element arithmetic of PyTorch 1.13's <c>torch.optim.Adam</c>: weight decay
/// is an L2 penalty added to the gradient (see <see cref="AdamW{T}"/> for the decoupled form), with optional AMSGrad
/// and maximization.
/// </summary>
/// <remarks>
/// <para>Each step <c>t</c>, for each element, with <c>g</c> the gradient:</para>
/// <code>
/// g = maximize ? -g : g
/// if (weightDecay != 0) g = g + weightDecay * p
/// m = beta1 * m + (1 - beta1) * g
/// v = beta2 * v + (1 - beta2) * g * g
/// if (amsgrad) v = vMax = max(vMax, v)
/// p = p - (learningRate / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + epsilon)
/// </code>
/// <para>
/// Epsilon is added after the square root of the bias-corrected second moment, as in PyTorch. The bias corrections
/// and the step size are computed in double, then each element's arithmetic runs in <typeparamref name="T"/> in
/// PyTorch's order, with a fused multiply-add wherever PyTorch's CPU kernels use one, so float32 trajectories match.
/// </para>
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Adam<T> : Optimizer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly AdamMoments<T> moments;

    /// <summary>Creates an Adam optimizer. The options are <c>torch.optim.Adam</c>'s, with the same defaults.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">The step size <c>lr</c>: finite and not negative.</param>
    /// <param name="beta1">The decay of the gradient's moving average, in [0, 1).</param>
    /// <param name="beta2">The decay of the squared gradient's moving average, in [0, 1).</param>
    /// <param name="epsilon">Added to the denominator for stability: finite and not negative.</param>
    /// <param name="weightDecay">The L2 penalty added to the gradient as <c>weightDecay * p</c>: finite and not negative.</param>
    /// <param name="amsgrad">Normalizes by the running maximum of the second moment (AMSGrad).</param>
    /// <param name="maximize">Maximizes the objective instead of minimizing it.</param>
    /// <exception cref="ArgumentException">The parameter list is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range, infinite or NaN.</exception>
    public Adam(
        IEnumerable<Parameter<T>> parameters,
        double learningRate = 1e-3,
        double beta1 = 0.9,
        double beta2 = 0.999,
        double epsilon = 1e-8,
        double weightDecay = 0,
        bool amsgrad = false,
        bool maximize = false)
        : base(parameters, learningRate)
    {
        moments = new AdamMoments<T>(ParameterArray, beta1, beta2, epsilon, weightDecay, amsgrad, maximize, decoupledWeightDecay: false);
    }

    /// <summary>The decay of the gradient's moving average.</summary>
    public double Beta1 => moments.Beta1;

    /// <summary>The decay of the squared gradient's moving average.</summary>
    public double Beta2 => moments.Beta2;

    /// <summary>The term added to the denominator.</summary>
    public double Epsilon => moments.Epsilon;

    /// <summary>The L2 penalty added to the gradient.</summary>
    public double WeightDecay => moments.WeightDecay;

    /// <summary>Whether the step uses AMSGrad.</summary>
    public bool Amsgrad => moments.Amsgrad;

    /// <summary>Whether the objective is maximized.</summary>
    public bool Maximize => moments.Maximize;

    /// <inheritdoc/>
    protected override void StepCore(long step) => moments.Step(ParameterArray, step, LearningRate);
}
