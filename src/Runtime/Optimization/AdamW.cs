using System;
using System.Collections.Generic;
using System.Numerics;

namespace SymGrad.Optimization;

/// <summary>
/// AdamW, with the semantics and the per-element arithmetic of PyTorch 1.13's <c>torch.optim.AdamW</c>: Adam with
/// weight decay decoupled from the gradient, with optional AMSGrad and maximization.
/// </summary>
/// <remarks>
/// <para>Each step <c>t</c>, for each element, with <c>g</c> the gradient:</para>
/// <code>
/// g = maximize ? -g : g
/// p = p * (1 - learningRate * weightDecay)
/// m = beta1 * m + (1 - beta1) * g
/// v = beta2 * v + (1 - beta2) * g * g
/// if (amsgrad) v = vMax = max(vMax, v)
/// p = p - (learningRate / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + epsilon)
/// </code>
/// <para>
/// Unlike <see cref="Adam{T}"/>, the decay never enters the moments, and it defaults to 0.01 as in PyTorch.
/// </para>
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class AdamW<T> : Optimizer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly AdamMoments<T> moments;

    /// <summary>Creates an AdamW optimizer. The options are <c>torch.optim.AdamW</c>'s, with the same defaults.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">The step size <c>lr</c>: finite and not negative.</param>
    /// <param name="beta1">The decay of the gradient's moving average, in [0, 1).</param>
    /// <param name="beta2">The decay of the squared gradient's moving average, in [0, 1).</param>
    /// <param name="epsilon">Added to the denominator for stability: finite and not negative.</param>
    /// <param name="weightDecay">The decoupled decay: each step multiplies the parameter by <c>1 - learningRate * weightDecay</c>.</param>
    /// <param name="amsgrad">Normalizes by the running maximum of the second moment (AMSGrad).</param>
    /// <param name="maximize">Maximizes the objective instead of minimizing it.</param>
    /// <exception cref="ArgumentException">The parameter list is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range, infinite or NaN.</exception>
    public AdamW(
        IEnumerable<Parameter<T>> parameters,
        double learningRate = 1e-3,
        double beta1 = 0.9,
        double beta2 = 0.999,
        double epsilon = 1e-8,
        double weightDecay = 1e-2,
        bool amsgrad = false,
        bool maximize = false)
        : base(parameters, learningRate)
    {
        moments = new AdamMoments<T>(ParameterArray, beta1, beta2, epsilon, weightDecay, amsgrad, maximize, decoupledWeightDecay: true);
    }

    /// <summary>The decay of the gradient's moving average.</summary>
    public double Beta1 => moments.Beta1;

    /// <summary>The decay of the squared gradient's moving average.</summary>
    public double Beta2 => moments.Beta2;

    /// <summary>The term added to the denominator.</summary>
    public double Epsilon => moments.Epsilon;

    /// <summary>The decoupled weight decay.</summary>
    public double WeightDecay => moments.WeightDecay;

    /// <summary>Whether the step uses AMSGrad.</summary>
    public bool Amsgrad => moments.Amsgrad;

    /// <summary>Whether the objective is maximized.</summary>
    public bool Maximize => moments.Maximize;

    /// <inheritdoc/>
    protected override void StepCore(long step) => moments.Step(ParameterArray, step, LearningRate);
}
