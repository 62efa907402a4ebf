using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// Values a row pass's kernel reads from its row rather than from memory: the one-hot row of a class label, 1 at
/// column <c>label</c> and 0 elsewhere, so <c>CrossEntropy</c>'s gradient never stores a one-hot matrix.
/// </summary>
public static class RowReads
{
    /// <summary>1 where column <paramref name="i"/> is <paramref name="label"/>, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T OneHot<T>(nint i, nint label)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => i == label ? T.One : T.Zero;

    /// <summary>The 128-bit vector of columns from <paramref name="i"/>: 1 at column <paramref name="label"/>, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> OneHot128<T>(nint i, nint label)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => (nuint)(label - i) < (nuint)Vector128<T>.Count
            ? Vector128.Equals(Vector128<T>.Indices, Vector128.Create(T.CreateTruncating(label - i))) & Vector128<T>.One
            : Vector128<T>.Zero;

    /// <summary>The 256-bit vector of columns from <paramref name="i"/>: 1 at column <paramref name="label"/>, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> OneHot256<T>(nint i, nint label)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => (nuint)(label - i) < (nuint)Vector256<T>.Count
            ? Vector256.Equals(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(label - i))) & Vector256<T>.One
            : Vector256<T>.Zero;

    /// <summary>The 512-bit vector of columns from <paramref name="i"/>: 1 at column <paramref name="label"/>, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> OneHot512<T>(nint i, nint label)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => (nuint)(label - i) < (nuint)Vector512<T>.Count
            ? Vector512.Equals(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(label - i))) & Vector512<T>.One
            : Vector512<T>.Zero;
}
