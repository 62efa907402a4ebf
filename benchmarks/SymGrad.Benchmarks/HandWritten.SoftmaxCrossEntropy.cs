using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Benchmarks;

/// <summary>
/// Softmax cross-entropy over <c>[N, C]</c> logits with int labels, as an expert writes it by hand: for each row, pass 1
/// finds the row's maximum and then the sum of <c>exp(x - max)</c> (two walks over a row that is in L1 by then), and
/// pass 2 writes the gradient <c>(exp(x - lse) - onehot) / N</c>. Vector512 over whole vectors, the last partial vector
/// overlapped (masked where it sums), Vector256 for rows shorter than a Vector512, scalar below that.
/// </summary>
public static partial class HandWritten
{
    /// <summary>The tensor form: dense <c>[N, C]</c> logits and gradient, labels in <c>[0, C)</c> checked first.</summary>
    public static float SoftmaxCrossEntropy(ReadOnlyTensorSpan<float> logits, ReadOnlySpan<int> labels, TensorSpan<float> dlogits)
    {
        Require(logits.IsDense && dlogits.IsDense && logits.Rank == 2 && logits.Lengths.SequenceEqual(dlogits.Lengths) && labels.Length == logits.Lengths[0]);
        int classes = (int)logits.Lengths[1];
        foreach (int label in labels)
        {
            Require((uint)label < (uint)classes);
        }

        return SoftmaxCrossEntropyLoop(Elements(logits), labels, classes, Elements(dlogits));
    }

    /// <summary>The loop alone over spans of <c>labels.Length</c> rows of <paramref name="classes"/> logits.</summary>
    public static float SoftmaxCrossEntropyLoop(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classes, Span<float> dlogits)
    {
        int rows = labels.Length;
        float scale = 1f / rows;
        float loss = 0;
        for (int r = 0; r < rows; r++)
        {
            ref float x = ref Unsafe.Add(ref MemoryMarshal.GetReference(logits), r * classes);
            ref float g = ref Unsafe.Add(ref MemoryMarshal.GetReference(dlogits), r * classes);
            float lse = classes >= Vector512<float>.Count ? LogSumExp512(ref x, classes)
                : classes >= Vector256<float>.Count ? LogSumExp256(ref x, classes)
                : LogSumExpScalar(ref x, classes);
            if (classes >= Vector512<float>.Count)
            {
                Softmax512(ref x, classes, lse, scale, ref g);
            }
            else if (classes >= Vector256<float>.Count)
            {
                Softmax256(ref x, classes, lse, scale, ref g);
            }
            else
            {
                for (int j = 0; j < classes; j++)
                {
                    Unsafe.Add(ref g, j) = MathF.Exp(Unsafe.Add(ref x, j) - lse) * scale;
                }
            }

            int label = labels[r];
            Unsafe.Add(ref g, label) -= scale;
            loss += lse - Unsafe.Add(ref x, label);
        }

        return loss * scale;
    }

    private static float LogSumExp512(ref float x, int n)
    {
        int width = Vector512<float>.Count;
        Vector512<float> max0 = Vector512.Create(float.NegativeInfinity), max1 = max0;
        int j = 0;
        for (; j <= n - (2 * width); j += 2 * width)
        {
            max0 = Vector512.Max(max0, Vector512.LoadUnsafe(ref x, (nuint)j));
            max1 = Vector512.Max(max1, Vector512.LoadUnsafe(ref x, (nuint)(j + width)));
        }

        // Overlapping the last vector is harmless for a maximum.
        for (; j < n; j += width)
        {
            max0 = Vector512.Max(max0, Vector512.LoadUnsafe(ref x, (nuint)Math.Min(j, n - width)));
        }

        float max = ToScalarMax(Vector512.Max(max0, max1));
        if (!float.IsFinite(max))
        {
            return max;
        }

        Vector512<float> shift = Vector512.Create(max);
        Vector512<float> sum0 = Vector512<float>.Zero, sum1 = sum0;
        j = 0;
        for (; j <= n - (2 * width); j += 2 * width)
        {
            sum0 += Vector512.Exp(Vector512.LoadUnsafe(ref x, (nuint)j) - shift);
            sum1 += Vector512.Exp(Vector512.LoadUnsafe(ref x, (nuint)(j + width)) - shift);
        }

        for (; j <= n - width; j += width)
        {
            sum0 += Vector512.Exp(Vector512.LoadUnsafe(ref x, (nuint)j) - shift);
        }

        if (j < n)
        {
            int last = n - width;
            Vector512<float> fresh = Vector512.GreaterThanOrEqual(Vector512<float>.Indices, Vector512.Create((float)(j - last)));
            sum1 += Vector512.Exp(Vector512.LoadUnsafe(ref x, (nuint)last) - shift) & fresh;
        }

        return max + MathF.Log(Vector512.Sum(sum0 + sum1));
    }

    private static float LogSumExp256(ref float x, int n)
    {
        int width = Vector256<float>.Count;
        Vector256<float> max0 = Vector256.Create(float.NegativeInfinity);
        for (int j = 0; j < n; j += width)
        {
            max0 = Vector256.Max(max0, Vector256.LoadUnsafe(ref x, (nuint)Math.Min(j, n - width)));
        }

        float max = float.NegativeInfinity;
        for (int k = 0; k < width; k++)
        {
            max = MathF.Max(max, max0[k]);
        }

        if (!float.IsFinite(max))
        {
            return max;
        }

        Vector256<float> shift = Vector256.Create(max);
        Vector256<float> sum = Vector256<float>.Zero;
        int i = 0;
        for (; i <= n - width; i += width)
        {
            sum += Vector256.Exp(Vector256.LoadUnsafe(ref x, (nuint)i) - shift);
        }

        if (i < n)
        {
            int last = n - width;
            Vector256<float> fresh = Vector256.GreaterThanOrEqual(Vector256<float>.Indices, Vector256.Create((float)(i - last)));
            sum += Vector256.Exp(Vector256.LoadUnsafe(ref x, (nuint)last) - shift) & fresh;
        }

        return max + MathF.Log(Vector256.Sum(sum));
    }

    private static float LogSumExpScalar(ref float x, int n)
    {
        float max = float.NegativeInfinity;
        for (int j = 0; j < n; j++)
        {
            max = MathF.Max(max, Unsafe.Add(ref x, j));
        }

        if (!float.IsFinite(max))
        {
            return max;
        }

        float sum = 0;
        for (int j = 0; j < n; j++)
        {
            sum += MathF.Exp(Unsafe.Add(ref x, j) - max);
        }

        return max + MathF.Log(sum);
    }

    /// <summary>Pass 2: <c>exp(x - lse) * scale</c> into the row of the gradient; the last vector overlaps, writing the same values.</summary>
    private static void Softmax512(ref float x, int n, float lse, float scale, ref float g)
    {
        int width = Vector512<float>.Count;
        Vector512<float> shift = Vector512.Create(lse);
        Vector512<float> factor = Vector512.Create(scale);
        for (int j = 0; j < n; j += width)
        {
            int at = Math.Min(j, n - width);
            (Vector512.Exp(Vector512.LoadUnsafe(ref x, (nuint)at) - shift) * factor).StoreUnsafe(ref g, (nuint)at);
        }
    }

    private static void Softmax256(ref float x, int n, float lse, float scale, ref float g)
    {
        int width = Vector256<float>.Count;
        Vector256<float> shift = Vector256.Create(lse);
        Vector256<float> factor = Vector256.Create(scale);
        for (int j = 0; j < n; j += width)
        {
            int at = Math.Min(j, n - width);
            (Vector256.Exp(Vector256.LoadUnsafe(ref x, (nuint)at) - shift) * factor).StoreUnsafe(ref g, (nuint)at);
        }
    }

    private static float ToScalarMax(Vector512<float> lanes)
    {
        Vector256<float> half = Vector256.Max(lanes.GetLower(), lanes.GetUpper());
        Vector128<float> quarter = Vector128.Max(half.GetLower(), half.GetUpper());
        float max = float.NegativeInfinity;
        for (int k = 0; k < Vector128<float>.Count; k++)
        {
            max = MathF.Max(max, quarter[k]);
        }

        return max;
    }
}
