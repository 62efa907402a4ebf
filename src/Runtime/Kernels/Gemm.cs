using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// The matrix product <c>C = op(A) · op(B)</c> for products large enough to block: op(B) is packed panel by panel
/// (32 or 16 columns, contiguous per row of the inner dimension), and a 4-row micro-kernel keeps eight Vector512
/// accumulators in registers. Panels are shared between two cores for large products. Each element of C is summed
/// over the inner dimension in order by one thread, so results do not depend on the number of threads.
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>Products with at least this many multiply-adds are blocked; smaller ones take the simple loops.</summary>
    public const long BlockedThreshold = 1 << 15;

    /// <summary>Products with at least this many multiply-adds share their panels with a second core.</summary>
    public const long SharedThreshold = 1 << 21;

    private const int Rows = 4;

    public static bool Applies<T>(long multiplyAdds)
        => Vector512.IsHardwareAccelerated && multiplyAdds >= BlockedThreshold && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    public static void Multiply<T>(
        ReadOnlySpan<T> a, int m, int k, bool transposeA,
        ReadOnlySpan<T> b, int n, bool transposeB,
        Span<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int panel = 2 * Vector512<T>.Count;
        int panels = (n + panel - 1) / panel;
        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
        {
            var job = new Job { A = pa, B = pb, C = pc, M = m, K = k, N = n, TransposeA = transposeA, TransposeB = transposeB };
            if ((long)m * n * k >= SharedThreshold && BlockParallel.Worthwhile(panels))
            {
                BlockParallel.For(panels, &job, &PanelAt<T>);
            }
            else
            {
                for (int p = 0; p < panels; p++)
                {
                    PanelAt<T>(&job, p);
                }
            }
        }
    }

    /// <summary>Computes columns <c>[panel * width, panel * width + width)</c> of C.</summary>
    private static void PanelAt<T>(void* state, int index)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var job = (Job*)state;
        int width = 2 * Vector512<T>.Count;
        int k = job->K;
        int n = job->N;
        int m = job->M;
        int first = index * width;
        int count = Math.Min(width, n - first);
        T* a = (T*)job->A;
        T* b = (T*)job->B;
        T* c = (T*)job->C;

        // Pack op(B)[:, first .. first + count) row by row, zero-padded to the full width.
        T[] rented = ArrayPool<T>.Shared.Rent(k * width);
        try
        {
            fixed (T* packed = rented)
            {
                for (int p = 0; p < k; p++)
                {
                    T* row = packed + (p * width);
                    for (int j = 0; j < width; j++)
                    {
                        row[j] = j < count ? (job->TransposeB ? b[((first + j) * k) + p] : b[(p * n) + first + j]) : T.Zero;
                    }
                }

                int i = 0;
                for (; i + Rows <= m; i += Rows)
                {
                    MicroKernel4(a, m, k, job->TransposeA, i, packed, c, n, first, count);
                }

                for (; i < m; i++)
                {
                    MicroKernel1(a, m, k, job->TransposeA, i, packed, c, n, first, count);
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T At<T>(T* a, int m, int k, bool transposeA, int i, int p)
        where T : unmanaged
        => transposeA ? a[(p * m) + i] : a[(i * k) + p];

    private static void MicroKernel4<T>(T* a, int m, int k, bool transposeA, int i, T* packed, T* c, int n, int first, int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int lanes = Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<T> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < k; p++)
        {
            Vector512<T> b0 = Vector512.Load(packed + (p * 2 * lanes));
            Vector512<T> b1 = Vector512.Load(packed + (p * 2 * lanes) + lanes);
            Vector512<T> a0 = Vector512.Create(At(a, m, k, transposeA, i, p));
            Vector512<T> a1 = Vector512.Create(At(a, m, k, transposeA, i + 1, p));
            Vector512<T> a2 = Vector512.Create(At(a, m, k, transposeA, i + 2, p));
            Vector512<T> a3 = Vector512.Create(At(a, m, k, transposeA, i + 3, p));
            c00 = MultiplyAdd(a0, b0, c00);
            c01 = MultiplyAdd(a0, b1, c01);
            c10 = MultiplyAdd(a1, b0, c10);
            c11 = MultiplyAdd(a1, b1, c11);
            c20 = MultiplyAdd(a2, b0, c20);
            c21 = MultiplyAdd(a2, b1, c21);
            c30 = MultiplyAdd(a3, b0, c30);
            c31 = MultiplyAdd(a3, b1, c31);
        }

        Store(c00, c01, c + (i * n) + first, count);
        Store(c10, c11, c + ((i + 1) * n) + first, count);
        Store(c20, c21, c + ((i + 2) * n) + first, count);
        Store(c30, c31, c + ((i + 3) * n) + first, count);
    }

    private static void MicroKernel1<T>(T* a, int m, int k, bool transposeA, int i, T* packed, T* c, int n, int first, int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int lanes = Vector512<T>.Count;
        Vector512<T> c0 = default, c1 = default;
        for (int p = 0; p < k; p++)
        {
            Vector512<T> a0 = Vector512.Create(At(a, m, k, transposeA, i, p));
            c0 = MultiplyAdd(a0, Vector512.Load(packed + (p * 2 * lanes)), c0);
            c1 = MultiplyAdd(a0, Vector512.Load(packed + (p * 2 * lanes) + lanes), c1);
        }

        Store(c0, c1, c + (i * n) + first, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> MultiplyAdd<T>(Vector512<T> a, Vector512<T> b, Vector512<T> addend)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), addend.AsDouble()).As<double, T>();
    }

    /// <summary>Stores the first <paramref name="count"/> of the two vectors' lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector512<T> low, Vector512<T> high, T* destination, int count)
        where T : unmanaged
    {
        int lanes = Vector512<T>.Count;
        if (count == 2 * lanes)
        {
            low.Store(destination);
            high.Store(destination + lanes);
            return;
        }

        T* buffer = stackalloc T[2 * lanes];
        low.Store(buffer);
        high.Store(buffer + lanes);
        new Span<T>(buffer, count).CopyTo(new Span<T>(destination, count));
    }

    private struct Job
    {
        public void* A;
        public void* B;
        public void* C;
        public int M;
        public int K;
        public int N;
        public bool TransposeA;
        public bool TransposeB;
    }
}
