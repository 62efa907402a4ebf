using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

public static unsafe partial class FusedLoop
{
    /// <summary>Runs a kernel of several sums over elements <c>[0, length)</c>, in blocks combined in order like <c>Reduce</c>.</summary>
    /// <typeparam name="TKernel">The generated kernel.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="kernel">The kernel.</param>
    /// <param name="length">The number of elements.</param>
    /// <returns>The sums.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Sums<T> Sum<TKernel, T>(ref TKernel kernel, nint length)
        where TKernel : ISumsKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Sum<TKernel, T>(kernel, length);

    /// <summary>Runs a kernel of several sums, taken by value, over elements <c>[0, length)</c>.</summary>
    /// <remarks>By value for the reason <see cref="Map{TKernel, T}(TKernel, nint)"/> gives.</remarks>
    /// <typeparam name="TKernel">The generated kernel.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="kernel">The kernel.</param>
    /// <param name="length">The number of elements.</param>
    /// <returns>The sums.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Sums<T> Sum<TKernel, T>(TKernel kernel, nint length)
        where TKernel : ISumsKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => length <= BlockLength ? SumBlock<TKernel, T>(kernel, 0, length) : SumLarge<TKernel, T>(kernel, length);

    /// <summary>Sums more than one block, on two cores when the loop is large.</summary>
    /// <remarks>Never inlined, and given its own copy: taking the address of the caller's kernel would keep it in memory.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Sums<T> SumLarge<TKernel, T>(TKernel kernel, nint length)
        where TKernel : ISumsKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int blocks = (int)BlockCount(length);
        Sums<T>[]? rented = null;
        Span<Sums<T>> partials = blocks <= 256 ? stackalloc Sums<T>[blocks] : (rented = ArrayPool<Sums<T>>.Shared.Rent(blocks)).AsSpan(0, blocks);
        try
        {
            fixed (Sums<T>* slots = partials)
            {
                var state = new BlockState { Kernel = Unsafe.AsPointer(ref kernel), Partials = slots, Length = length };
                if (length >= ParallelThreshold && ShareLargeLoops && BlockParallel.Worthwhile(blocks))
                {
                    BlockParallel.For(blocks, &state, &SumBlockAt<TKernel, T>);
                }
                else
                {
                    for (int block = 0; block < blocks; block++)
                    {
                        SumBlockAt<TKernel, T>(&state, block);
                    }
                }
            }

            Sums<T> total = default;
            foreach (Sums<T> partial in partials)
            {
                total.S0 += partial.S0;
                total.S1 += partial.S1;
                total.S2 += partial.S2;
                total.S3 += partial.S3;
            }

            return total;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<Sums<T>>.Shared.Return(rented);
            }
        }
    }

    private static void SumBlockAt<TKernel, T>(void* state, int block)
        where TKernel : ISumsKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var s = (BlockState*)state;
        nint start = (nint)block * BlockLength;
        ((Sums<T>*)s->Partials)[block] = SumBlock<TKernel, T>(Unsafe.AsRef<TKernel>(s->Kernel), start, nint.Min(BlockLength, s->Length - start));
    }

    private static Sums<T> SumBlock<TKernel, T>(TKernel kernel, nint start, nint length)
        where TKernel : ISumsKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nint end = start + length;
        nint i = start;
        Sums<T> result = default;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            Sums<Width512<T>> even = default, odd = default;
            for (; i <= end - (2 * Vector512<T>.Count); i += 2 * Vector512<T>.Count)
            {
                kernel.Invoke<Width512<T>>(i, ref even);
                kernel.Invoke<Width512<T>>(i + Vector512<T>.Count, ref odd);
            }

            for (; i <= end - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                kernel.Invoke<Width512<T>>(i, ref even);
            }

            if (i < end)
            {
                // The overlapping last vector's terms go through a mask, so elements before i count once.
                nint last = end - Vector512<T>.Count;
                Sums<Width512<T>> tail = default;
                kernel.Invoke<Width512<T>>(last, ref tail);
                Vector512<T> fresh = Vector512.GreaterThanOrEqual(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(i - last)));
                odd.S0 = new(odd.S0.Value + (fresh & tail.S0.Value));
                odd.S1 = new(odd.S1.Value + (fresh & tail.S1.Value));
                odd.S2 = new(odd.S2.Value + (fresh & tail.S2.Value));
                odd.S3 = new(odd.S3.Value + (fresh & tail.S3.Value));
            }

            result.S0 = Vector512.Sum(even.S0.Value + odd.S0.Value);
            result.S1 = Vector512.Sum(even.S1.Value + odd.S1.Value);
            result.S2 = Vector512.Sum(even.S2.Value + odd.S2.Value);
            result.S3 = Vector512.Sum(even.S3.Value + odd.S3.Value);
            return result;
        }

        if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            Sums<Width256<T>> sums = default;
            for (; i <= end - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                kernel.Invoke<Width256<T>>(i, ref sums);
            }

            if (i < end)
            {
                nint last = end - Vector256<T>.Count;
                Sums<Width256<T>> tail = default;
                kernel.Invoke<Width256<T>>(last, ref tail);
                Vector256<T> fresh = Vector256.GreaterThanOrEqual(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(i - last)));
                sums.S0 = new(sums.S0.Value + (fresh & tail.S0.Value));
                sums.S1 = new(sums.S1.Value + (fresh & tail.S1.Value));
                sums.S2 = new(sums.S2.Value + (fresh & tail.S2.Value));
                sums.S3 = new(sums.S3.Value + (fresh & tail.S3.Value));
            }

            result.S0 = Vector256.Sum(sums.S0.Value);
            result.S1 = Vector256.Sum(sums.S1.Value);
            result.S2 = Vector256.Sum(sums.S2.Value);
            result.S3 = Vector256.Sum(sums.S3.Value);
            return result;
        }

        if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            Sums<Width128<T>> sums = default;
            for (; i <= end - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                kernel.Invoke<Width128<T>>(i, ref sums);
            }

            if (i < end)
            {
                nint last = end - Vector128<T>.Count;
                Sums<Width128<T>> tail = default;
                kernel.Invoke<Width128<T>>(last, ref tail);
                Vector128<T> fresh = Vector128.GreaterThanOrEqual(Vector128<T>.Indices, Vector128.Create(T.CreateTruncating(i - last)));
                sums.S0 = new(sums.S0.Value + (fresh & tail.S0.Value));
                sums.S1 = new(sums.S1.Value + (fresh & tail.S1.Value));
                sums.S2 = new(sums.S2.Value + (fresh & tail.S2.Value));
                sums.S3 = new(sums.S3.Value + (fresh & tail.S3.Value));
            }

            result.S0 = Vector128.Sum(sums.S0.Value);
            result.S1 = Vector128.Sum(sums.S1.Value);
            result.S2 = Vector128.Sum(sums.S2.Value);
            result.S3 = Vector128.Sum(sums.S3.Value);
            return result;
        }

        for (; i < end; i++)
        {
            kernel.Invoke(i, ref result);
        }

        return result;
    }
}
