using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Benchmarks;

/// <summary>
/// The yardstick: the fused Vector512 loops an expert writes by hand for each workload, reading each input once and
/// writing each gradient once, with four accumulators and a masked tail.
/// </summary>
public static class HandWritten
{
    public static float Mse(ReadOnlySpan<float> x, ReadOnlySpan<float> target, Span<float> dx)
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

    public static float SumOfSquares(ReadOnlySpan<float> x, Span<float> dx)
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

    public static float SumOfLogs(ReadOnlySpan<float> x, Span<float> dx)
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
                a0 += Vector512.Log(v0);
                a1 += Vector512.Log(v1);
                (one / v0).StoreUnsafe(ref ds, (nuint)i);
                (one / v1).StoreUnsafe(ref ds, (nuint)(i + 16));
            }

            for (; i <= n - 16; i += 16)
            {
                Vector512<float> v = Vector512.LoadUnsafe(ref xs, (nuint)i);
                a0 += Vector512.Log(v);
                (one / v).StoreUnsafe(ref ds, (nuint)i);
            }

            if (i < n)
            {
                int last = n - 16;
                Vector512<float> v = Vector512.LoadUnsafe(ref xs, (nuint)last);
                Vector512<float> fresh = Vector512.GreaterThanOrEqual(Vector512<float>.Indices, Vector512.Create((float)(i - last)));
                a1 += Vector512.ConditionalSelect(fresh, Vector512.Log(v), Vector512<float>.Zero);
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
