using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using SymGrad.Optimization;

namespace SymGrad.Tests.Optimization;

/// <summary>
/// The reference loss <c>sum_k sum(c_k * (p_k - t_k)^2)</c> with its gradient written by hand, as a generated
/// <c>ValueAndGradient</c> method would write it.
/// </summary>
/// <remarks>
/// The gradient is <c>c * (d + d)</c> with <c>d = p - t</c>: autograd's <c>c * (2 * d)</c>. Doubling is exact, so the
/// result has the same bits in any order, and it is the only input the optimizer sees.
/// </remarks>
internal sealed class WeightedQuadratic<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[][] targets;
    private readonly T[][] weights;

    public WeightedQuadratic(IReadOnlyList<QuadraticTerm> terms)
    {
        Parameters = terms
            .Select(term => new Parameter<T>(term.Name, Tensor.Create(Convert(term.Initial), term.Shape)))
            .ToArray();
        targets = terms.Select(term => Convert(term.Target)).ToArray();
        weights = terms.Select(term => Convert(term.Weight)).ToArray();
    }

    public Parameter<T>[] Parameters { get; }

    /// <summary>Computes the loss and overwrites every parameter's gradient.</summary>
    public T LossAndGradient()
    {
        T loss = T.Zero;
        for (int k = 0; k < Parameters.Length; k++)
        {
            Span<T> value = Elements(Parameters[k].Value);
            Span<T> gradient = Elements(Parameters[k].Gradient);
            T term = T.Zero;
            for (int i = 0; i < value.Length; i++)
            {
                T difference = value[i] - targets[k][i];
                gradient[i] = weights[k][i] * (difference + difference);
                term += weights[k][i] * (difference * difference);
            }

            loss += term;
        }

        return loss;
    }

    /// <summary>A dense tensor's elements in row-major order.</summary>
    public static Span<T> Elements(Tensor<T> tensor)
        => MemoryMarshal.CreateSpan(ref tensor.GetPinnableReference(), (int)tensor.FlattenedLength);

    /// <summary>Rounds each double to <typeparamref name="T"/> once, as <c>torch.tensor(values, dtype=...)</c> does.</summary>
    public static T[] Convert(double[] values) => values.Select(T.CreateTruncating).ToArray();
}
