using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// Element reads of dense tensors at an index already checked (see <see cref="ShapeGuard.Index{T}(in ReadOnlyTensorSpan{T}, string, int, int, nint)"/>),
/// and their adjoint in a fused loop: one value at one element, 0 at every other.
/// </summary>
public static class ElementReads
{
    /// <summary>Element <paramref name="at"/> of the dense elements of <paramref name="tensor"/>, in row-major order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Read<T>(in ReadOnlyTensorSpan<T> tensor, nint at)
        => Unsafe.Add(ref Unsafe.AsRef(in tensor.GetPinnableReference()), at);

    /// <summary>Element <paramref name="at"/> of <paramref name="elements"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Read<T>(ReadOnlySpan<T> elements, nint at)
        => Unsafe.Add(ref MemoryMarshal.GetReference(elements), at);

    /// <summary>Element <paramref name="at"/> from <paramref name="first"/>, the first element of dense elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T At<T>(in T first, nint at)
        => Unsafe.Add(ref Unsafe.AsRef(in first), at);

    /// <summary><paramref name="value"/> at element <paramref name="at"/>, else 0: element <paramref name="i"/> of the adjoint of a read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Scatter<T>(nint i, nint at, T value)
        where T : unmanaged, INumberBase<T>
        => i == at ? value : T.Zero;

    /// <summary>The 128-bit vector of elements from <paramref name="i"/>: <paramref name="value"/> at element <paramref name="at"/>, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Scatter128<T>(nint i, nint at, T value)
        where T : unmanaged, INumberBase<T>
    {
        nint lane = at - i;
        return (nuint)lane < (nuint)Vector128<T>.Count ? Vector128<T>.Zero.WithElement((int)lane, value) : Vector128<T>.Zero;
    }

    /// <summary>The 256-bit vector of elements from <paramref name="i"/>: <paramref name="value"/> at element <paramref name="at"/>, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Scatter256<T>(nint i, nint at, T value)
        where T : unmanaged, INumberBase<T>
    {
        nint lane = at - i;
        return (nuint)lane < (nuint)Vector256<T>.Count ? Vector256<T>.Zero.WithElement((int)lane, value) : Vector256<T>.Zero;
    }

    /// <summary>The 512-bit vector of elements from <paramref name="i"/>: <paramref name="value"/> at element <paramref name="at"/>, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Scatter512<T>(nint i, nint at, T value)
        where T : unmanaged, INumberBase<T>
    {
        nint lane = at - i;
        return (nuint)lane < (nuint)Vector512<T>.Count ? Vector512<T>.Zero.WithElement((int)lane, value) : Vector512<T>.Zero;
    }
}
