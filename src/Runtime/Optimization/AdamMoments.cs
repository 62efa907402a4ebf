using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace SymGrad.Optimization;

/// <summary>
/// The state and the step shared by <see cref="Adam{T}"/> and <see cref="AdamW{T}"/>: moving averages of the gradient
/// and of its square, and for AMSGrad the running maximum of the latter. They differ only in how weight decay enters.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class AdamMoments<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[][] averages;
    private readonly T[][] squareAverages;
    private readonly T[][]? maxSquareAverages;

    /// <summary>Validates the options and allocates zeroed moments for every parameter.</summary>
    public AdamMoments(Parameter<T>[] parameters, double beta1, double beta2, double epsilon, double weightDecay, bool amsgrad, bool maximize, bool decoupledWeightDecay)
    {
        Hyperparameters.RequireDecay<T>(beta1, nameof(beta1), "a decay such as 0.9");
        Hyperparameters.RequireDecay<T>(beta2, nameof(beta2), "a decay such as 0.999");
        Hyperparameters.RequireNonNegative<T>(epsilon, nameof(epsilon), "a small epsilon such as 1e-8");
        Hyperparameters.RequireNonNegative<T>(weightDecay, nameof(weightDecay), decoupledWeightDecay ? "a weight decay such as 0.01, or 0 for none" : "a weight decay such as 1e-4, or 0 for none");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        Amsgrad = amsgrad;
        Maximize = maximize;
        DecoupledWeightDecay = decoupledWeightDecay;
        averages = Allocate(parameters);
        squareAverages = Allocate(parameters);
        maxSquareAverages = amsgrad ? Allocate(parameters) : null;
    }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Epsilon { get; }

    public double WeightDecay { get; }

    public bool Amsgrad { get; }

    public bool Maximize { get; }

    public bool DecoupledWeightDecay { get; }

    /// <summary>Updates every parameter, in <c>torch.optim.Adam</c>'s (or <c>AdamW</c>'s) order of operations.</summary>
    /// <param name="parameters">The optimizer's parameters, in the order the moments were allocated.</param>
    /// <param name="step">The number of this step, from 1.</param>
    /// <param name="learningRate">The learning rate.</param>
    public void Step(Parameter<T>[] parameters, long step, double learningRate)
    {
        // Scalars in double, as PyTorch computes them in Python, then rounded to T where a kernel uses them.
        double biasCorrection1 = 1 - Math.Pow(Beta1, step);
        double biasCorrection2 = 1 - Math.Pow(Beta2, step);
        double stepSize = learningRate / biasCorrection1;
        double biasCorrection2Sqrt = Math.Sqrt(biasCorrection2);

        for (int k = 0; k < parameters.Length; k++)
        {
            Parameter<T> parameter = parameters[k];
            Span<T> value = parameter.ValueElements;
            Span<T> max = maxSquareAverages is null ? default : maxSquareAverages[k];
            var update = new AdamUpdate<T>(
                ref MemoryMarshal.GetReference(value),
                in MemoryMarshal.GetReference(parameter.GradientElements),
                ref MemoryMarshal.GetArrayDataReference(averages[k]),
                ref MemoryMarshal.GetArrayDataReference(squareAverages[k]),
                ref MemoryMarshal.GetReference(max))
            {
                Beta1 = T.CreateTruncating(Beta1),
                AverageShare = T.CreateTruncating(1 - Beta1),
                Beta2 = T.CreateTruncating(Beta2),
                SquareAverageShare = T.CreateTruncating(1 - Beta2),
                BiasCorrection2Sqrt = T.CreateTruncating(biasCorrection2Sqrt),
                Epsilon = T.CreateTruncating(Epsilon),
                NegativeStepSize = T.CreateTruncating(-stepSize),
                WeightDecay = T.CreateTruncating(WeightDecay),
                DecayFactor = T.CreateTruncating(1 - (learningRate * WeightDecay)),
                HasL2Penalty = WeightDecay != 0 && !DecoupledWeightDecay,
                HasDecoupledDecay = WeightDecay != 0 && DecoupledWeightDecay,
                Amsgrad = Amsgrad,
                Maximize = Maximize,
            };
            ElementwiseUpdate.Run<AdamUpdate<T>, T>(ref update, value.Length);
        }
    }

    private static T[][] Allocate(Parameter<T>[] parameters)
    {
        var moments = new T[parameters.Length][];
        for (int i = 0; i < parameters.Length; i++)
        {
            moments[i] = new T[parameters[i].Value.FlattenedLength];
        }

        return moments;
    }
}

/// <summary>One Adam or AdamW step over one parameter, in PyTorch 1.13's single-tensor order of operations.</summary>
file ref struct AdamUpdate<T> : IElementwiseUpdate<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ref T value;
    private readonly ref readonly T gradient;
    private readonly ref T average;
    private readonly ref T squareAverage;
    private readonly ref T maxSquareAverage;

    public AdamUpdate(ref T value, ref readonly T gradient, ref T average, ref T squareAverage, ref T maxSquareAverage)
    {
        this.value = ref value;
        this.gradient = ref gradient;
        this.average = ref average;
        this.squareAverage = ref squareAverage;
        this.maxSquareAverage = ref maxSquareAverage;
    }

    public T Beta1 { get; init; }

    /// <summary><c>1 - beta1</c>, rounded from double once.</summary>
    public T AverageShare { get; init; }

    public T Beta2 { get; init; }

    /// <summary><c>1 - beta2</c>, rounded from double once.</summary>
    public T SquareAverageShare { get; init; }

    public T BiasCorrection2Sqrt { get; init; }

    public T Epsilon { get; init; }

    /// <summary><c>-lr / (1 - beta1^t)</c>, rounded from double once.</summary>
    public T NegativeStepSize { get; init; }

    public T WeightDecay { get; init; }

    /// <summary>AdamW's <c>1 - lr * weightDecay</c>, rounded from double once.</summary>
    public T DecayFactor { get; init; }

    /// <summary>Adam: weight decay is an L2 penalty added to the gradient.</summary>
    public bool HasL2Penalty { get; init; }

    /// <summary>AdamW: weight decay shrinks the parameter directly.</summary>
    public bool HasDecoupledDecay { get; init; }

    public bool Amsgrad { get; init; }

    public bool Maximize { get; init; }

    public readonly void Update<TWidth, TVector>(nint i)
        where TWidth : IWidth<TVector, T>
    {
        TVector p = TWidth.Load(in value, i);
        TVector g = TWidth.Load(in gradient, i);
        if (Maximize)
        {
            g = TWidth.Negate(g);
        }

        if (HasL2Penalty)
        {
            g = TWidth.FusedMultiplyAdd(p, TWidth.Broadcast(WeightDecay), g);
        }

        if (HasDecoupledDecay)
        {
            p = TWidth.Multiply(p, TWidth.Broadcast(DecayFactor));
        }

        // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
        TVector m = TWidth.FusedMultiplyAdd(g, TWidth.Broadcast(AverageShare), TWidth.Multiply(TWidth.Load(in average, i), TWidth.Broadcast(Beta1)));
        TWidth.Store(m, ref average, i);

        // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2): the kernel scales the first factor, then fuses.
        TVector v = TWidth.FusedMultiplyAdd(
            TWidth.Multiply(TWidth.Broadcast(SquareAverageShare), g),
            g,
            TWidth.Multiply(TWidth.Load(in squareAverage, i), TWidth.Broadcast(Beta2)));
        TWidth.Store(v, ref squareAverage, i);

        if (Amsgrad)
        {
            v = TWidth.Max(TWidth.Load(in maxSquareAverage, i), v);
            TWidth.Store(v, ref maxSquareAverage, i);
        }

        // denom = (v.sqrt() / sqrt(bias_correction2)).add_(eps); param.addcdiv_(exp_avg, denom, value=-step_size)
        TVector denominator = TWidth.Add(TWidth.Divide(TWidth.Sqrt(v), TWidth.Broadcast(BiasCorrection2Sqrt)), TWidth.Broadcast(Epsilon));
        p = TWidth.Add(p, TWidth.Divide(TWidth.Multiply(TWidth.Broadcast(NegativeStepSize), m), denominator));
        TWidth.Store(p, ref value, i);
    }
}
