using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SymGrad.Kernels;

namespace SymGrad.Benchmarks;

/// <summary>
/// The yardstick: the fused Vector512 loops an expert writes by hand for each workload, reading each input once and
/// writing each gradient once, with four accumulators and a masked tail. The <c>...Loop</c> methods are the loops
/// alone over spans (the limit); the others take the generated methods' parameters and make the checks any public
/// method must make (dense, same shape) before running the same loops.
/// </summary>
public static partial class HandWritten
{
    public static float Mse(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> target, TensorSpan<float> dx)
    {
        Require(x.IsDense && target.IsDense && dx.IsDense && x.Lengths.SequenceEqual(target.Lengths) && x.Lengths.SequenceEqual(dx.Lengths));
        return MseLoop(Elements(x), Elements(target), Elements(dx));
    }

    /// <summary>The array and span form, as the generated span overload takes it: lengths checked, then the same loop.</summary>
    public static float MseOverSpans(ReadOnlySpan<float> x, ReadOnlySpan<float> target, Span<float> dx)
    {
        Require(x.Length == target.Length && x.Length == dx.Length);
        return MseLoop(x, target, dx);
    }

    /// <summary>The array and span form: lengths checked, then the same loop.</summary>
    public static float SumOfSquaresOverSpans(ReadOnlySpan<float> x, Span<float> dx)
    {
        Require(x.Length == dx.Length);
        return SumOfSquaresLoop(x, dx);
    }

    /// <summary>The array and span form: lengths checked, then the same loop.</summary>
    public static float SumOfLogsOverSpans(ReadOnlySpan<float> x, Span<float> dx)
    {
        Require(x.Length == dx.Length);
        return SumOfLogsLoop(x, dx);
    }

    public static float SumOfSquares(ReadOnlyTensorSpan<float> x, TensorSpan<float> dx)
    {
        Require(x.IsDense && dx.IsDense && x.Lengths.SequenceEqual(dx.Lengths));
        return SumOfSquaresLoop(Elements(x), Elements(dx));
    }

    public static float SumOfLogs(ReadOnlyTensorSpan<float> x, TensorSpan<float> dx)
    {
        Require(x.IsDense && dx.IsDense && x.Lengths.SequenceEqual(dx.Lengths));
        return SumOfLogsLoop(Elements(x), Elements(dx));
    }

    /// <summary>
    /// A linear layer's MSE loss <c>mean((x·wᵀ + b - y)²)</c> and its gradients: the three products through the
    /// same matrix kernel SymGrad uses, the element-wise part in one fused loop, and the bias gradient as column sums.
    /// </summary>
    public static float Linear(
        ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b,
        TensorSpan<float> dx, TensorSpan<float> dw, TensorSpan<float> db, float[] z)
    {
        int batch = (int)x.Lengths[0];
        int inputs = (int)x.Lengths[1];
        int outputs = (int)w.Lengths[0];
        Require(x.Rank == 2 && w.Rank == 2 && w.Lengths[1] == inputs && b.Rank == 1 && b.Lengths[0] == outputs
            && y.Rank == 2 && y.Lengths[0] == batch && y.Lengths[1] == outputs && z.Length >= batch * outputs);
        ReadOnlySpan<float> xs = Elements(x);
        ReadOnlySpan<float> ws = Elements(w);
        ReadOnlySpan<float> bs = Elements(b);
        ReadOnlySpan<float> ys = Elements(y);
        Span<float> zs = z.AsSpan(0, batch * outputs);
        MatrixKernels.Multiply<float>(xs, batch, inputs, false, ws, outputs, inputs, true, zs);

        // z <- 2 (z + b - y) / n, summing the squares on the way.
        float scale = 2f / (batch * outputs);
        float sum = 0;
        Span<float> bias = Elements(db);
        bias.Clear();
        for (int r = 0; r < batch; r++)
        {
            Span<float> row = zs.Slice(r * outputs, outputs);
            ReadOnlySpan<float> target = ys.Slice(r * outputs, outputs);
            int j = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                Vector512<float> acc = default;
                for (; j <= outputs - 16; j += 16)
                {
                    Vector512<float> d = Vector512.Create(row.Slice(j, 16)) + Vector512.Create(bs.Slice(j, 16)) - Vector512.Create(target.Slice(j, 16));
                    acc += d * d;
                    Vector512<float> g = d * scale;
                    g.CopyTo(row.Slice(j, 16));
                    (Vector512.Create(bias.Slice(j, 16)) + g).CopyTo(bias.Slice(j, 16));
                }

                sum += Vector512.Sum(acc);
            }

            for (; j < outputs; j++)
            {
                float d = row[j] + bs[j] - target[j];
                sum += d * d;
                row[j] = d * scale;
                bias[j] += row[j];
            }
        }

        MatrixKernels.Multiply<float>(zs, batch, outputs, false, ws, outputs, inputs, false, Elements(dx));
        MatrixKernels.Multiply<float>(zs, batch, outputs, true, xs, batch, inputs, false, Elements(dw));
        return sum / (batch * outputs);
    }

    private static ReadOnlySpan<float> Elements(ReadOnlyTensorSpan<float> tensor)
        => MemoryMarshal.CreateReadOnlySpan(in tensor.GetPinnableReference(), (int)tensor.FlattenedLength);

    private static Span<float> Elements(TensorSpan<float> tensor)
        => MemoryMarshal.CreateSpan(ref tensor.GetPinnableReference(), (int)tensor.FlattenedLength);

    private static void Require(bool condition)
    {
        if (!condition)
        {
            throw new ArgumentException("The tensors must be dense and of matching shapes.");
        }
    }

    public static float MseLoop(ReadOnlySpan<float> x, ReadOnlySpan<float> target, Span<float> dx)
    {
        int n = x.Length;
        float scale = 2f / n;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ts = ref MemoryMarshal.GetReference(target);
        ref float ds = ref MemoryMarshal.GetReference(dx);
        float sum = 0;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            Vector512<float> s = Vector512.Create(scale);
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; i <= n - 64; i += 64)
            {
                Vector512<float> d0 = Vector512.LoadUnsafe(ref xs, (nuint)i) - Vector512.LoadUnsafe(ref ts, (nuint)i);
                Vector512<float> d1 = Vector512.LoadUnsafe(ref xs, (nuint)(i + 16)) - Vector512.LoadUnsafe(ref ts, (nuint)(i + 16));
                Vector512<float> d2 = Vector512.LoadUnsafe(ref xs, (nuint)(i + 32)) - Vector512.LoadUnsafe(ref ts, (nuint)(i + 32));
                Vector512<float> d3 = Vector512.LoadUnsafe(ref xs, (nuint)(i + 48)) - Vector512.LoadUnsafe(ref ts, (nuint)(i + 48));
                a0 += d0 * d0;
                a1 += d1 * d1;
                a2 += d2 * d2;
                a3 += d3 * d3;
                (d0 * s).StoreUnsafe(ref ds, (nuint)i);
                (d1 * s).StoreUnsafe(ref ds, (nuint)(i + 16));
                (d2 * s).StoreUnsafe(ref ds, (nuint)(i + 32));
                (d3 * s).StoreUnsafe(ref ds, (nuint)(i + 48));
            }

            for (; i <= n - 16; i += 16)
            {
                Vector512<float> d = Vector512.LoadUnsafe(ref xs, (nuint)i) - Vector512.LoadUnsafe(ref ts, (nuint)i);
                a0 += d * d;
                (d * s).StoreUnsafe(ref ds, (nuint)i);
            }

            if (i < n)
            {
                int last = n - 16;
                Vector512<float> d = Vector512.LoadUnsafe(ref xs, (nuint)last) - Vector512.LoadUnsafe(ref ts, (nuint)last);
                Vector512<float> fresh = Vector512.GreaterThanOrEqual(Vector512<float>.Indices, Vector512.Create((float)(i - last)));
                a1 += Vector512.ConditionalSelect(fresh, d * d, Vector512<float>.Zero);
                (d * s).StoreUnsafe(ref ds, (nuint)last);
                i = n;
            }

            sum = Vector512.Sum((a0 + a1) + (a2 + a3));
        }

        for (; i < n; i++)
        {
            float d = Unsafe.Add(ref xs, i) - Unsafe.Add(ref ts, i);
            sum += d * d;
            Unsafe.Add(ref ds, i) = d * scale;
        }

        return sum / n;
    }

    public static float SumOfSquaresLoop(ReadOnlySpan<float> x, Span<float> dx)
    {
        int n = x.Length;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ds = ref MemoryMarshal.GetReference(dx);
        float sum = 0;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            Vector512<float> twenty = Vector512.Create(20f);
            Vector512<float> a0 = default, a1 = default;
            for (; i <= n - 32; i += 32)
            {
                Vector512<float> v0 = Vector512.LoadUnsafe(ref xs, (nuint)i);
                Vector512<float> v1 = Vector512.LoadUnsafe(ref xs, (nuint)(i + 16));
                a0 += v0 * v0;
                a1 += v1 * v1;
                (v0 * twenty).StoreUnsafe(ref ds, (nuint)i);
                (v1 * twenty).StoreUnsafe(ref ds, (nuint)(i + 16));
            }

            for (; i <= n - 16; i += 16)
            {
                Vector512<float> v = Vector512.LoadUnsafe(ref xs, (nuint)i);
                a0 += v * v;
                (v * twenty).StoreUnsafe(ref ds, (nuint)i);
            }

            if (i < n)
            {
                int last = n - 16;
                Vector512<float> v = Vector512.LoadUnsafe(ref xs, (nuint)last);
                Vector512<float> fresh = Vector512.GreaterThanOrEqual(Vector512<float>.Indices, Vector512.Create((float)(i - last)));
                a1 += Vector512.ConditionalSelect(fresh, v * v, Vector512<float>.Zero);
                (v * twenty).StoreUnsafe(ref ds, (nuint)last);
                i = n;
            }

            sum = Vector512.Sum(a0 + a1);
        }

        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref xs, i);
            sum += v * v;
            Unsafe.Add(ref ds, i) = 20f * v;
        }

        return 10f * sum;
    }

    /// <remarks>
    /// The logarithm is <see cref="SimdMath.Log{T}(Vector512{T})"/>, the one generated kernels use, not
    /// <c>Vector512.Log</c>: the runtime's is a call whose vector argument and result go through the stack, and the same
    /// loop over 1,000 floats took about 0.45 or 1.7 ns per element depending on how deep the caller's stack was (a slot
    /// straddling a cache line), so a yardstick built on it moved by 4x between runs.
    /// </remarks>
    public static float SumOfLogsLoop(ReadOnlySpan<float> x, Span<float> dx)
    {
        int n = x.Length;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ds = ref MemoryMarshal.GetReference(dx);
        float sum = 0;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            Vector512<float> one = Vector512<float>.One;
            Vector512<float> a0 = default, a1 = default;
            for (; i <= n - 32; i += 32)
            {
                Vector512<float> v0 = Vector512.LoadUnsafe(ref xs, (nuint)i);
                Vector512<float> v1 = Vector512.LoadUnsafe(ref xs, (nuint)(i + 16));
                a0 += SimdMath.Log(v0);
                a1 += SimdMath.Log(v1);
                (one / v0).StoreUnsafe(ref ds, (nuint)i);
                (one / v1).StoreUnsafe(ref ds, (nuint)(i + 16));
            }

            for (; i <= n - 16; i += 16)
            {
                Vector512<float> v = Vector512.LoadUnsafe(ref xs, (nuint)i);
                a0 += SimdMath.Log(v);
                (one / v).StoreUnsafe(ref ds, (nuint)i);
            }

            if (i < n)
            {
                int last = n - 16;
                Vector512<float> v = Vector512.LoadUnsafe(ref xs, (nuint)last);
                Vector512<float> fresh = Vector512.GreaterThanOrEqual(Vector512<float>.Indices, Vector512.Create((float)(i - last)));
                a1 += Vector512.ConditionalSelect(fresh, SimdMath.Log(v), Vector512<float>.Zero);
                (one / v).StoreUnsafe(ref ds, (nuint)last);
                i = n;
            }

            sum = Vector512.Sum(a0 + a1);
        }

        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref xs, i);
            sum += MathF.Log(v);
            Unsafe.Add(ref ds, i) = 1f / v;
        }

        return sum;
    }
}
