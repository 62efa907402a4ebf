using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// Loop drivers for generated kernels: the kernel says what to compute per element, the driver says how to walk the
/// elements. Widths run 512, then 256, then 128 bits, then scalar; the last partial vector is an overlapping,
/// masked vector rather than a scalar tail.
/// </summary>
/// <remarks>
/// Reductions over more than <see cref="BlockLength"/> elements reduce fixed blocks of that many elements and then
/// combine the block results in order, so a result depends only on the input, never on how the blocks are scheduled.
/// </remarks>
public static unsafe partial class FusedLoop
{
    /// <summary>Elements per reduction block. A multiple of every vector width, so only the last block has a tail.</summary>
    public const int BlockLength = 1 << 14;

    /// <summary>Loops of at least this many elements share their blocks with a second core; smaller ones never pay for threads.</summary>
    public const int ParallelThreshold = 1 << 18;

    /// <summary>Tests turn sharing off to check that results do not depend on it.</summary>
    internal static bool ShareLargeLoops { get; set; } = true;

    /// <summary>Runs <paramref name="kernel"/> over elements <c>[0, length)</c> for its outputs only.</summary>
    /// <typeparam name="TKernel">The generated kernel.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="kernel">The kernel.</param>
    /// <param name="length">The number of elements.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Map<TKernel, T>(ref TKernel kernel, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Map<TKernel, T>(kernel, length);

    /// <summary>Runs <paramref name="kernel"/>, taken by value, over elements <c>[0, length)</c> for its outputs only.</summary>
    /// <remarks>
    /// By value, a kernel built in the call's argument is never stored to memory and read back: inlined into its caller,
    /// its references and scalars stay in registers (a kernel passed by reference is address-exposed, and the copy the
    /// loop makes of it can stall on store forwarding).
    /// </remarks>
    /// <typeparam name="TKernel">The generated kernel.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="kernel">The kernel.</param>
    /// <param name="length">The number of elements.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Map<TKernel, T>(TKernel kernel, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (length >= ParallelThreshold && ShareLargeLoops && BlockParallel.Worthwhile(BlockCount(length)))
        {
            MapShared<TKernel, T>(kernel, length);
            return;
        }

        MapRange<TKernel, T>(kernel, 0, length);
    }

    /// <summary>Runs the blocks of a large map on two cores.</summary>
    /// <remarks>Never inlined, and given its own copy: taking the address of the caller's kernel would keep it in memory.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MapShared<TKernel, T>(TKernel kernel, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var state = new BlockState { Kernel = Unsafe.AsPointer(ref kernel), Length = length };
        BlockParallel.For((int)BlockCount(length), &state, &MapBlockAt<TKernel, T>);
    }

    /// <summary>Runs elements <c>[start, start + length)</c> for their outputs, at the widest width that fits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MapRange<TKernel, T>(TKernel kernel, nint start, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nint end = start + length;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            nint i = start;
            for (; i <= end - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                kernel.Invoke<Width512<T>>(i);
            }

            if (i < end)
            {
                kernel.Invoke<Width512<T>>(end - Vector512<T>.Count);
            }
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            nint i = start;
            for (; i <= end - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                kernel.Invoke<Width256<T>>(i);
            }

            if (i < end)
            {
                kernel.Invoke<Width256<T>>(end - Vector256<T>.Count);
            }
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            nint i = start;
            for (; i <= end - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                kernel.Invoke<Width128<T>>(i);
            }

            if (i < end)
            {
                kernel.Invoke<Width128<T>>(end - Vector128<T>.Count);
            }
        }
        else
        {
            for (nint i = start; i < end; i++)
            {
                kernel.Invoke(i);
            }
        }
    }

    /// <summary>Runs <paramref name="kernel"/> over elements <c>[0, length)</c> and reduces its results.</summary>
    /// <typeparam name="TKernel">The generated kernel.</typeparam>
    /// <typeparam name="TReduction">How the per-element results combine.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="kernel">The kernel.</param>
    /// <param name="length">The number of elements.</param>
    /// <returns>The reduction of the kernel's results; the reduction's identity when <paramref name="length"/> is 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Reduce<TKernel, TReduction, T>(ref TKernel kernel, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where TReduction : IReduction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Reduce<TKernel, TReduction, T>(kernel, length);

    /// <summary>Runs <paramref name="kernel"/>, taken by value, over elements <c>[0, length)</c> and reduces its results.</summary>
    /// <remarks>By value for the reason <see cref="Map{TKernel, T}(TKernel, nint)"/> gives.</remarks>
    /// <typeparam name="TKernel">The generated kernel.</typeparam>
    /// <typeparam name="TReduction">How the per-element results combine.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="kernel">The kernel.</param>
    /// <param name="length">The number of elements.</param>
    /// <returns>The reduction of the kernel's results; the reduction's identity when <paramref name="length"/> is 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Reduce<TKernel, TReduction, T>(TKernel kernel, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where TReduction : IReduction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (length <= BlockLength)
        {
            return ReduceBlock<TKernel, TReduction, T>(kernel, 0, length);
        }

        return ReduceLarge<TKernel, TReduction, T>(kernel, length);
    }

    /// <summary>Reduces more than one block: in blocks combined in order, on two cores when the loop is large.</summary>
    /// <remarks>Never inlined, and given its own copy: taking the address of the caller's kernel would keep it in memory.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ReduceLarge<TKernel, TReduction, T>(TKernel kernel, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where TReduction : IReduction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nint blocks = BlockCount(length);
        if (length >= ParallelThreshold && ShareLargeLoops && BlockParallel.Worthwhile(blocks))
        {
            return ReduceShared<TKernel, TReduction, T>(ref kernel, length, (int)blocks);
        }

        T result = TReduction.Identity;
        for (nint start = 0; start < length; start += BlockLength)
        {
            nint count = nint.Min(BlockLength, length - start);
            result = TReduction.Combine(result, ReduceBlock<TKernel, TReduction, T>(kernel, start, count));
        }

        return result;
    }

    /// <summary>Runs a row kernel over every element of a <paramref name="rows"/> x <paramref name="columns"/> matrix for its outputs.</summary>
    /// <typeparam name="TKernel">The generated kernel.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="kernel">The kernel.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="columns">The number of elements per row.</param>
    public static void MapRows<TKernel, T>(TKernel kernel, nint rows, nint columns)
        where TKernel : IRowKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (nint row = 0; row < rows; row++)
        {
            kernel.Row = row;
            Map<TKernel, T>(kernel, columns);
        }
    }

    /// <summary>Runs a row kernel over a <paramref name="rows"/> x <paramref name="columns"/> matrix and reduces its results.</summary>
    /// <typeparam name="TKernel">The generated kernel.</typeparam>
    /// <typeparam name="TReduction">How the per-element results combine.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="kernel">The kernel.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="columns">The number of elements per row.</param>
    /// <returns>The reduction of every row's results, combined in row order.</returns>
    public static T ReduceRows<TKernel, TReduction, T>(TKernel kernel, nint rows, nint columns)
        where TKernel : IRowKernel<T>, allows ref struct
        where TReduction : IReduction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T result = TReduction.Identity;
        for (nint row = 0; row < rows; row++)
        {
            kernel.Row = row;
            result = TReduction.Combine(result, Reduce<TKernel, TReduction, T>(kernel, columns));
        }

        return result;
    }

    private static nint BlockCount(nint length) => (length + BlockLength - 1) / BlockLength;

    /// <summary>Reduces every block on two cores into its own slot, then combines the slots in block order.</summary>
    private static T ReduceShared<TKernel, TReduction, T>(ref TKernel kernel, nint length, int blocks)
        where TKernel : IFusedKernel<T>, allows ref struct
        where TReduction : IReduction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[]? rented = null;
        Span<T> partials = blocks <= 1024 ? stackalloc T[blocks] : (rented = ArrayPool<T>.Shared.Rent(blocks)).AsSpan(0, blocks);
        try
        {
            fixed (T* slots = partials)
            {
                var state = new BlockState { Kernel = Unsafe.AsPointer(ref kernel), Partials = slots, Length = length };
                BlockParallel.For(blocks, &state, &ReduceBlockAt<TKernel, TReduction, T>);
            }

            T result = TReduction.Identity;
            foreach (T partial in partials)
            {
                result = TReduction.Combine(result, partial);
            }

            return result;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<T>.Shared.Return(rented);
            }
        }
    }

    private static void ReduceBlockAt<TKernel, TReduction, T>(void* state, int block)
        where TKernel : IFusedKernel<T>, allows ref struct
        where TReduction : IReduction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var s = (BlockState*)state;
        nint start = (nint)block * BlockLength;
        ((T*)s->Partials)[block] = ReduceBlock<TKernel, TReduction, T>(Unsafe.AsRef<TKernel>(s->Kernel), start, nint.Min(BlockLength, s->Length - start));
    }

    private static void MapBlockAt<TKernel, T>(void* state, int block)
        where TKernel : IFusedKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var s = (BlockState*)state;
        nint start = (nint)block * BlockLength;
        MapRange<TKernel, T>(Unsafe.AsRef<TKernel>(s->Kernel), start, nint.Min(BlockLength, s->Length - start));
    }

    /// <summary>What the blocks of one shared loop read: the caller's kernel, the result slots, the length.</summary>
    private struct BlockState
    {
        public void* Kernel;
        public void* Partials;
        public nint Length;
    }

    /// <summary>Reduces elements <c>[start, start + length)</c>, at the widest width that fits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ReduceBlock<TKernel, TReduction, T>(TKernel kernel, nint start, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where TReduction : IReduction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            return Reduce512<TKernel, TReduction, T>(kernel, start, start + length);
        }

        if (Vector512.IsHardwareAccelerated && Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            return ReduceShort256<TKernel, TReduction, T>(kernel, start, length);
        }

        if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            return Reduce256<TKernel, TReduction, T>(kernel, start, start + length);
        }

        if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            return Reduce128<TKernel, TReduction, T>(kernel, start, start + length);
        }

        T result = TReduction.Identity;
        for (nint i = start; i < start + length; i++)
        {
            result = TReduction.Combine(result, kernel.Invoke(i));
        }

        return result;
    }

    // Inlined: the widest width is the main path wherever it is accelerated (elsewhere the JIT drops the branch).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Reduce512<TKernel, TReduction, T>(TKernel kernel, nint start, nint end)
        where TKernel : IFusedKernel<T>, allows ref struct
        where TReduction : IReduction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nint width = Vector512<T>.Count;
        Vector512<T> identity = Vector512.Create(TReduction.Identity);
        Vector512<T> acc0 = identity, acc1 = identity, acc2 = identity, acc3 = identity;
        nint i = start;
        for (; i <= end - (4 * width); i += 4 * width)
        {
            acc0 = TReduction.Combine(acc0, kernel.Invoke<Width512<T>>(i).Value);
            acc1 = TReduction.Combine(acc1, kernel.Invoke<Width512<T>>(i + width).Value);
            acc2 = TReduction.Combine(acc2, kernel.Invoke<Width512<T>>(i + (2 * width)).Value);
            acc3 = TReduction.Combine(acc3, kernel.Invoke<Width512<T>>(i + (3 * width)).Value);
        }

        for (; i <= end - width; i += width)
        {
            acc0 = TReduction.Combine(acc0, kernel.Invoke<Width512<T>>(i).Value);
        }

        if (i < end)
        {
            // The last vector overlaps elements already counted; lanes before i are replaced by the identity.
            nint last = end - width;
            Vector512<T> counted = Vector512.LessThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(i - last)));
            acc1 = TReduction.Combine(acc1, Vector512.ConditionalSelect(counted, identity, kernel.Invoke<Width512<T>>(last).Value));
        }

        return TReduction.Combine(TReduction.Combine(TReduction.Combine(acc0, acc1), TReduction.Combine(acc2, acc3)));
    }

    /// <summary>
    /// Fewer elements than a 512-bit vector holds and at least a 256-bit vector's: one step, and a second that
    /// overlaps it, masked. Inlined: at such sizes (nine floats) a call and the copy of the kernel it takes cost as
    /// much as the work.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ReduceShort256<TKernel, TReduction, T>(TKernel kernel, nint start, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where TReduction : IReduction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nint width = Vector256<T>.Count;
        Vector256<T> identity = Vector256.Create(TReduction.Identity);
        Vector256<T> result = kernel.Invoke<Width256<T>>(start).Value;
        if (length > width)
        {
            // The lanes of the second step before element start + width were counted by the first.
            nint overlap = (2 * width) - length;
            Vector256<T> counted = Vector256.LessThan(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(overlap)));
            result = TReduction.Combine(result, Vector256.ConditionalSelect(counted, identity, kernel.Invoke<Width256<T>>(start + length - width).Value));
        }

        return TReduction.Combine(result);
    }

    private static T Reduce256<TKernel, TReduction, T>(TKernel kernel, nint start, nint end)
        where TKernel : IFusedKernel<T>, allows ref struct
        where TReduction : IReduction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nint width = Vector256<T>.Count;
        Vector256<T> identity = Vector256.Create(TReduction.Identity);
        Vector256<T> acc0 = identity, acc1 = identity, acc2 = identity, acc3 = identity;
        nint i = start;
        for (; i <= end - (4 * width); i += 4 * width)
        {
            acc0 = TReduction.Combine(acc0, kernel.Invoke<Width256<T>>(i).Value);
            acc1 = TReduction.Combine(acc1, kernel.Invoke<Width256<T>>(i + width).Value);
            acc2 = TReduction.Combine(acc2, kernel.Invoke<Width256<T>>(i + (2 * width)).Value);
            acc3 = TReduction.Combine(acc3, kernel.Invoke<Width256<T>>(i + (3 * width)).Value);
        }

        for (; i <= end - width; i += width)
        {
            acc0 = TReduction.Combine(acc0, kernel.Invoke<Width256<T>>(i).Value);
        }

        if (i < end)
        {
            nint last = end - width;
            Vector256<T> counted = Vector256.LessThan(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(i - last)));
            acc1 = TReduction.Combine(acc1, Vector256.ConditionalSelect(counted, identity, kernel.Invoke<Width256<T>>(last).Value));
        }

        return TReduction.Combine(TReduction.Combine(TReduction.Combine(acc0, acc1), TReduction.Combine(acc2, acc3)));
    }

    private static T Reduce128<TKernel, TReduction, T>(TKernel kernel, nint start, nint end)
        where TKernel : IFusedKernel<T>, allows ref struct
        where TReduction : IReduction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nint width = Vector128<T>.Count;
        Vector128<T> identity = Vector128.Create(TReduction.Identity);
        Vector128<T> acc0 = identity, acc1 = identity, acc2 = identity, acc3 = identity;
        nint i = start;
        for (; i <= end - (4 * width); i += 4 * width)
        {
            acc0 = TReduction.Combine(acc0, kernel.Invoke<Width128<T>>(i).Value);
            acc1 = TReduction.Combine(acc1, kernel.Invoke<Width128<T>>(i + width).Value);
            acc2 = TReduction.Combine(acc2, kernel.Invoke<Width128<T>>(i + (2 * width)).Value);
            acc3 = TReduction.Combine(acc3, kernel.Invoke<Width128<T>>(i + (3 * width)).Value);
        }

        for (; i <= end - width; i += width)
        {
            acc0 = TReduction.Combine(acc0, kernel.Invoke<Width128<T>>(i).Value);
        }

        if (i < end)
        {
            nint last = end - width;
            Vector128<T> counted = Vector128.LessThan(Vector128<T>.Indices, Vector128.Create(T.CreateTruncating(i - last)));
            acc1 = TReduction.Combine(acc1, Vector128.ConditionalSelect(counted, identity, kernel.Invoke<Width128<T>>(last).Value));
        }

        return TReduction.Combine(TReduction.Combine(TReduction.Combine(acc0, acc1), TReduction.Combine(acc2, acc3)));
    }
}
