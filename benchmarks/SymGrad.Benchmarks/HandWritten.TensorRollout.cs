using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Benchmarks;

/// <summary>
/// The tensor rollout of <see cref="Losses.TensorRollout"/> written by hand, as an expert writes it: the steps are
/// independent across elements, so one pass runs all 20 steps of a vector of elements in registers, then their
/// reverse sweep (the update is linear: the adjoints read no stored value), and writes the gradient once.
/// </summary>
public static partial class HandWritten
{
    private const int RolloutSteps = 20;

    public static float TensorRollout(ReadOnlySpan<float> x, ReadOnlySpan<float> target, Span<float> dx)
    {
        if (target.Length != x.Length || dx.Length != x.Length)
        {
            throw new ArgumentException("x, target and dx must have the same length.");
        }

        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ts = ref MemoryMarshal.GetReference(target);
        ref float gs = ref MemoryMarshal.GetReference(dx);
        var sum = Vector256<float>.Zero;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var decay = Vector256.Create(0.9f);
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> input = Vector256.LoadUnsafe(ref xs, (nuint)i);
                Vector256<float> state = input;
                for (int step = 0; step < RolloutSteps; step++)
                {
                    state = (decay * state) + input;
                }

                Vector256<float> difference = state - Vector256.LoadUnsafe(ref ts, (nuint)i);
                sum += difference * difference;
                Vector256<float> adjoint = Vector256.Create(2f) * difference;
                Vector256<float> gradient = Vector256<float>.Zero;
                for (int step = 0; step < RolloutSteps; step++)
                {
                    gradient += adjoint;
                    adjoint = decay * adjoint;
                }

                (gradient + adjoint).StoreUnsafe(ref gs, (nuint)i);
            }
        }

        float value = Vector256.Sum(sum);
        for (; i < x.Length; i++)
        {
            float input = Unsafe.Add(ref xs, i);
            float state = input;
            for (int step = 0; step < RolloutSteps; step++)
            {
                state = (0.9f * state) + input;
            }

            float difference = state - Unsafe.Add(ref ts, i);
            value += difference * difference;
            float adjoint = 2f * difference;
            float gradient = 0;
            for (int step = 0; step < RolloutSteps; step++)
            {
                gradient += adjoint;
                adjoint = 0.9f * adjoint;
            }

            Unsafe.Add(ref gs, i) = gradient + adjoint;
        }

        return value;
    }
}
