using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.InteropServices;

namespace SymGrad.Optimization;

/// <summary>
/// Stochastic gradient descent with momentum, dampening, weight decay, Nesterov momentum and maximization, with the
/// semantics and the per-element arithmetic of PyTorch 1.13's <c>torch.optim.SGD</c>.
/// </summary>
/// <remarks>
/// <para>Each step, for each element, with <c>g</c> the gradient:</para>
/// <code>
/// d = maximize ? -g : g
/// if (weightDecay != 0) d = d + weightDecay * p
/// if (momentum != 0)
///     buf = step == 1 ? d : momentum * buf + (1 - dampening) * d
///     d = nesterov ? d + momentum * buf : buf
/// p = p - learningRate * d
/// </code>
/// <para>
/// Every <c>a + s * b</c> is one fused multiply-add, as in PyTorch's CPU <c>add(other, alpha)</c>, so float32
/// trajectories match <c>torch.optim.SGD</c> bit for bit. Momentum buffers are allocated here, not on the first step.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var w = new Parameter&lt;float&gt;("w", Tensor.CreateFromShape&lt;float&gt;([2, 3]));
/// var b = new Parameter&lt;float&gt;("b", Tensor.CreateFromShape&lt;float&gt;([3]));
/// var sgd = new Sgd&lt;float&gt;([w, b], learningRate: 0.01f, momentum: 0.9);
/// </code>
/// </example>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Sgd<T> : Optimizer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[][]? momentumBuffers;

    /// <summary>Creates an SGD optimizer. The options are <c>torch.optim.SGD</c>'s, with the same defaults.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">The step size <c>lr</c>: finite and not negative. There is no default, as in PyTorch.</param>
    /// <param name="momentum">The momentum factor: finite and not negative; 0 turns momentum off.</param>
    /// <param name="dampening">How much of each new gradient the momentum buffer leaves out: finite.</param>
    /// <param name="weightDecay">The L2 penalty added to the gradient as <c>weightDecay * p</c>: finite and not negative.</param>
    /// <param name="nesterov">Uses Nesterov momentum; needs <paramref name="momentum"/> &gt; 0 and <paramref name="dampening"/> == 0.</param>
    /// <param name="maximize">Maximizes the objective instead of minimizing it.</param>
    /// <exception cref="ArgumentException">
    /// The parameter list is invalid, or <paramref name="nesterov"/> is set without momentum or with dampening.
    /// </exception>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range, infinite or NaN.</exception>
    public Sgd(
        IEnumerable<Parameter<T>> parameters,
        double learningRate,
        double momentum = 0,
        double dampening = 0,
        double weightDecay = 0,
        bool nesterov = false,
        bool maximize = false)
        : base(parameters, learningRate)
    {
        Hyperparameters.RequireNonNegative<T>(momentum, nameof(momentum), "a momentum such as 0.9, or 0 for none");
        Hyperparameters.RequireFinite<T>(dampening, nameof(dampening), "a dampening such as 0.1, or 0 for none");
        Hyperparameters.RequireNonNegative<T>(weightDecay, nameof(weightDecay), "a weight decay such as 1e-4, or 0 for none");
        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentException(
                $"Nesterov momentum needs momentum > 0 and dampening == 0, but momentum is {Hyperparameters.Format<T>(momentum)} and dampening is {Hyperparameters.Format<T>(dampening)}. " +
                "Pass nesterov: true with a momentum such as 0.9 and no dampening, or leave nesterov off.",
                nameof(nesterov));
        }

        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
        Maximize = maximize;
        if (momentum != 0)
        {
            momentumBuffers = new T[ParameterArray.Length][];
            for (int i = 0; i < ParameterArray.Length; i++)
            {
                momentumBuffers[i] = new T[ParameterArray[i].Value.FlattenedLength];
            }
        }
    }

    /// <summary>The momentum factor; 0 when momentum is off.</summary>
    public double Momentum { get; }

    /// <summary>The dampening of the momentum buffer's new gradient.</summary>
    public double Dampening { get; }

    /// <summary>The L2 penalty added to the gradient.</summary>
    public double WeightDecay { get; }

    /// <summary>Whether the step uses Nesterov momentum.</summary>
    public bool Nesterov { get; }

    /// <summary>Whether the objective is maximized.</summary>
    public bool Maximize { get; }

    /// <inheritdoc/>
    protected override void StepCore(long step)
    {
        for (int k = 0; k < ParameterArray.Length; k++)
        {
            Parameter<T> parameter = ParameterArray[k];
            Span<T> value = parameter.ValueElements;
            Span<T> buffer = momentumBuffers is null ? default : momentumBuffers[k];
            var update = new SgdUpdate<T>(
                ref MemoryMarshal.GetReference(value),
                in MemoryMarshal.GetReference(parameter.GradientElements),
                ref MemoryMarshal.GetReference(buffer))
            {
                NegativeLearningRate = T.CreateTruncating(-LearningRate),
                WeightDecay = T.CreateTruncating(WeightDecay),
                Momentum = T.CreateTruncating(Momentum),
                GradientShare = T.CreateTruncating(1 - Dampening),
                HasWeightDecay = WeightDecay != 0,
                HasMomentum = Momentum != 0,
                StartsMomentum = step == 1,
                Nesterov = Nesterov,
                Maximize = Maximize,
            };
            ElementwiseUpdate.Run<SgdUpdate<T>, T>(ref update, value.Length);
        }
    }
}

/// <summary>One SGD step over one parameter, in <c>torch.optim.SGD</c>'s order of operations.</summary>
file ref struct SgdUpdate<T> : IElementwiseUpdate<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ref T value;
    private readonly ref readonly T gradient;
    private readonly ref T buffer;

    public SgdUpdate(ref T value, ref readonly T gradient, ref T buffer)
    {
        this.value = ref value;
        this.gradient = ref gradient;
        this.buffer = ref buffer;
    }

    public T NegativeLearningRate { get; init; }

    public T WeightDecay { get; init; }

    public T Momentum { get; init; }

    /// <summary><c>1 - dampening</c>, rounded from double once.</summary>
    public T GradientShare { get; init; }

    public bool HasWeightDecay { get; init; }

    public bool HasMomentum { get; init; }

    /// <summary>The first step copies the gradient into the momentum buffer (PyTorch clones it).</summary>
    public bool StartsMomentum { get; init; }

    public bool Nesterov { get; init; }

    public bool Maximize { get; init; }

    public readonly void Update<TWidth, TVector>(nint i)
        where TWidth : IWidth<TVector, T>
    {
        TVector p = TWidth.Load(in value, i);
        TVector d = TWidth.Load(in gradient, i);
        if (Maximize)
        {
            d = TWidth.Negate(d);
        }

        if (HasWeightDecay)
        {
            d = TWidth.FusedMultiplyAdd(p, TWidth.Broadcast(WeightDecay), d);
        }

        if (HasMomentum)
        {
            TVector momentum = TWidth.Broadcast(Momentum);
            TVector b = StartsMomentum
                ? d
                : TWidth.FusedMultiplyAdd(d, TWidth.Broadcast(GradientShare), TWidth.Multiply(TWidth.Load(in buffer, i), momentum));
            TWidth.Store(b, ref buffer, i);
            d = Nesterov ? TWidth.FusedMultiplyAdd(b, momentum, d) : b;
        }

        TWidth.Store(TWidth.FusedMultiplyAdd(d, TWidth.Broadcast(NegativeLearningRate), p), ref value, i);
    }
}
