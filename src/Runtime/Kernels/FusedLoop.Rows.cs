using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// The loops of a row pass, one row at a time: a map, a reduction, a stable log-sum-exp (two walks over the row), and
/// the check that a maximum or minimum along a row has elements to look at.
/// </summary>
public static unsafe partial class FusedLoop
{
    /// <summary>
    /// <c>log(sum(exp(v)))</c> of the values <paramref name="kernel"/> computes over one row, elements <c>[0, length)</c>,
    /// shifted by their maximum so no exponential overflows: one walk for the maximum, one for the shifted sum (the row
    /// is still in cache for the second). A non-finite maximum is the answer (NaN, +infinity, or -infinity when every
    /// value is -infinity); no elements give -infinity, as torch.logsumexp.
    /// </summary>
    /// <remarks>
    /// A row pass runs several loops per row inside the host method's row loop. The flat drivers, inlined there, copy
    /// the kernel into every unrolled step and every width; with an exponential in the kernel that exhausts the JIT's
    /// inlining budget for the host method, and the last loops then call out of line per vector (and keep the
    /// kernel's fields on the stack). The row drivers walk a row with one vector step: the last vector overlaps the
    /// one before it, masked where it sums.
    /// </remarks>
    /// <typeparam name="TKernel">The generated kernel.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="kernel">The kernel, for the row it reads.</param>
    /// <param name="length">The number of elements in the row.</param>
    /// <returns>The log of the sum of the exponentials.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LogSumExpRow<TKernel, T>(TKernel kernel, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T max = ReduceRow<TKernel, MaxReduction<T>, T>(kernel, length);
        if (!T.IsFinite(max))
        {
            return max;
        }

        return max + T.Log(ReduceRow<ShiftedExp<TKernel, T>, SumReduction<T>, T>(new ShiftedExp<TKernel, T>(kernel, max), length));
    }

    /// <summary>Reduces what <paramref name="kernel"/> computes over one row, elements <c>[0, length)</c>, with one copy of the kernel per width.</summary>
    /// <typeparam name="TKernel">The generated kernel.</typeparam>
    /// <typeparam name="TReduction">How the per-element results combine.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="kernel">The kernel, for the row it reads.</param>
    /// <param name="length">The number of elements in the row.</param>
    /// <returns>The reduction; its identity when <paramref name="length"/> is 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReduceRow<TKernel, TReduction, T>(TKernel kernel, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where TReduction : IReduction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (length > BlockLength)
        {
            return ReduceLongRow<TKernel, TReduction, T>(kernel, length);
        }

        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            nint width = Vector512<T>.Count;
            nint last = length - width;
            Vector512<T> identity = Vector512.Create(TReduction.Identity);
            Vector512<T> result = identity;
            for (nint i = 0; i < length; i += width)
            {
                // Only the last step overlaps: lanes before i, counted already, are replaced by the identity.
                nint at = nint.Min(i, last);
                Vector512<T> counted = Vector512.LessThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(i - at)));
                result = TReduction.Combine(result, Vector512.ConditionalSelect(counted, identity, kernel.Invoke<Width512<T>>(at).Value));
            }

            return TReduction.Combine(result);
        }

        if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            nint width = Vector256<T>.Count;
            nint last = length - width;
            Vector256<T> identity = Vector256.Create(TReduction.Identity);
            Vector256<T> result = identity;
            for (nint i = 0; i < length; i += width)
            {
                nint at = nint.Min(i, last);
                Vector256<T> counted = Vector256.LessThan(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(i - at)));
                result = TReduction.Combine(result, Vector256.ConditionalSelect(counted, identity, kernel.Invoke<Width256<T>>(at).Value));
            }

            return TReduction.Combine(result);
        }

        return ReduceShortRow<TKernel, TReduction, T>(kernel, length);
    }

    /// <summary>Runs <paramref name="kernel"/> over one row, elements <c>[0, length)</c>, for its outputs, with one copy of the kernel per width.</summary>
    /// <typeparam name="TKernel">The generated kernel.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="kernel">The kernel, for the row it reads and writes.</param>
    /// <param name="length">The number of elements in the row.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MapRow<TKernel, T>(TKernel kernel, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (length >= ParallelThreshold)
        {
            MapLongRow<TKernel, T>(kernel, length);
            return;
        }

        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            // The last step overlaps the one before it and writes the same values again.
            nint last = length - Vector512<T>.Count;
            for (nint i = 0; i < length; i += Vector512<T>.Count)
            {
                kernel.Invoke<Width512<T>>(nint.Min(i, last));
            }

            return;
        }

        if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            nint last = length - Vector256<T>.Count;
            for (nint i = 0; i < length; i += Vector256<T>.Count)
            {
                kernel.Invoke<Width256<T>>(nint.Min(i, last));
            }

            return;
        }

        MapShortRow<TKernel, T>(kernel, length);
    }

    /// <summary>A row longer than a block: reduced in blocks combined in order, as a flat loop is.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ReduceLongRow<TKernel, TReduction, T>(TKernel kernel, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where TReduction : IReduction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ReduceLarge<TKernel, TReduction, T>(kernel, length);

    /// <summary>A row long enough to share with a second core, as a flat loop does.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MapLongRow<TKernel, T>(TKernel kernel, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Map<TKernel, T>(kernel, length);

    /// <summary>A row too short for a 256-bit vector: out of line, so its copies of the kernel cost the caller nothing.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ReduceShortRow<TKernel, TReduction, T>(TKernel kernel, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where TReduction : IReduction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ReduceBlock<TKernel, TReduction, T>(kernel, 0, length);

    /// <summary>A row too short for a 256-bit vector: out of line, so its copies of the kernel cost the caller nothing.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MapShortRow<TKernel, T>(TKernel kernel, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => MapRange<TKernel, T>(kernel, 0, length);

    /// <summary>
    /// Throws where a maximum or minimum along rows would look at no elements: rows of <paramref name="columns"/> = 0
    /// elements each, even no rows at all, as <c>torch.amax</c> and <c>torch.amin</c> raise for an empty axis.
    /// </summary>
    /// <param name="rows">The number of rows.</param>
    /// <param name="columns">The number of elements per row.</param>
    /// <param name="function">The reduction, as the method wrote it (<c>Max</c> or <c>Min</c>).</param>
    /// <exception cref="ArgumentException">The rows are empty.</exception>
    public static void RequireRowElements(nint rows, nint columns, string function)
    {
        if (columns == 0)
        {
            throw new ArgumentException(
                $"{function}(x, axis) of an empty axis has no value: the matrix is [{rows}, {columns}] and its axis 1 has length 0. " +
                "Reduce along an axis whose length is not 0.");
        }
    }

    /// <summary><c>exp(v - shift)</c> of what the kernel computes: the terms of a shifted log-sum-exp.</summary>
    private ref struct ShiftedExp<TKernel, T> : IFusedKernel<T>
        where TKernel : IFusedKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // Not readonly: the generated kernel's methods are not, and a readonly field would be copied before each call.
        private TKernel kernel;
        private readonly T shift;

        public ShiftedExp(TKernel kernel, T shift)
        {
            this.kernel = kernel;
            this.shift = shift;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(nint i) => SimdMath.Exp(this.kernel.Invoke(i) - this.shift);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVector Invoke<TVector>(nint i)
            where TVector : struct, IVector<TVector, T>
            => TVector.Exp(this.kernel.Invoke<TVector>(i) - TVector.Create(this.shift));
    }
}
