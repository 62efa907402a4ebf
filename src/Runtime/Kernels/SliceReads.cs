using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// Reads of a slice's adjoint in its parameter's loop: element <c>start</c> of a value of <c>length</c> elements,
/// and 0 where the index falls outside it (the elements the slice did not reach).
/// </summary>
public static class SliceReads
{
    /// <summary>Element <paramref name="start"/>, or 0 outside <c>[0, length)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Padded<T>(ref readonly T source, nint start, nint length)
        where T : unmanaged, INumberBase<T>
        => (nuint)start < (nuint)length ? Unsafe.Add(ref Unsafe.AsRef(in source), start) : T.Zero;

    /// <summary>Element <paramref name="column"/> of row <paramref name="row"/> of a dense <paramref name="rows"/> x <paramref name="columns"/> matrix, or 0 outside it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Padded<T>(ref readonly T source, nint row, nint column, nint rows, nint columns)
        where T : unmanaged, INumberBase<T>
        => (nuint)row < (nuint)rows && (nuint)column < (nuint)columns ? Unsafe.Add(ref Unsafe.AsRef(in source), (row * columns) + column) : T.Zero;

    /// <summary>The 128-bit vector of elements from <paramref name="start"/>, 0 outside <c>[0, length)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Padded128<T>(ref readonly T source, nint start, nint length)
        where T : unmanaged, INumberBase<T>
    {
        if (start >= 0 && start <= length - Vector128<T>.Count)
        {
            return Vector128.LoadUnsafe(in source, (nuint)start);
        }

        Unsafe.SkipInit(out Vector128<T> result);
        for (int k = 0; k < Vector128<T>.Count; k++)
        {
            result = result.WithElement(k, Padded(in source, start + k, length));
        }

        return result;
    }

    /// <summary>The 256-bit vector of elements from <paramref name="start"/>, 0 outside <c>[0, length)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Padded256<T>(ref readonly T source, nint start, nint length)
        where T : unmanaged, INumberBase<T>
    {
        if (start >= 0 && start <= length - Vector256<T>.Count)
        {
            return Vector256.LoadUnsafe(in source, (nuint)start);
        }

        Unsafe.SkipInit(out Vector256<T> result);
        for (int k = 0; k < Vector256<T>.Count; k++)
        {
            result = result.WithElement(k, Padded(in source, start + k, length));
        }

        return result;
    }

    /// <summary>The 512-bit vector of elements from <paramref name="start"/>, 0 outside <c>[0, length)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Padded512<T>(ref readonly T source, nint start, nint length)
        where T : unmanaged, INumberBase<T>
    {
        if (start >= 0 && start <= length - Vector512<T>.Count)
        {
            return Vector512.LoadUnsafe(in source, (nuint)start);
        }

        Unsafe.SkipInit(out Vector512<T> result);
        for (int k = 0; k < Vector512<T>.Count; k++)
        {
            result = result.WithElement(k, Padded(in source, start + k, length));
        }

        return result;
    }
}
