using System;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

/// <summary>The checks of slices: a vector long enough for what its slices drop.</summary>
public static partial class ShapeGuard
{
    /// <summary>Requires <paramref name="vector"/> to have rank 1 and at least <paramref name="trimmed"/> elements.</summary>
    /// <returns>The length of its slices that drop <paramref name="trimmed"/> elements.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint SliceLength<T>(in ReadOnlyTensorSpan<T> vector, string name, nint trimmed)
    {
        if (vector.Rank != 1)
        {
            ThrowSliceRank(vector.Rank, name);
        }

        return SliceLength(vector.FlattenedLength, name, trimmed);
    }

    /// <summary>Requires a vector of <paramref name="length"/> elements to have at least <paramref name="trimmed"/>.</summary>
    /// <returns>The length of its slices that drop <paramref name="trimmed"/> elements.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint SliceLength(nint length, string name, nint trimmed)
    {
        if (length < trimmed)
        {
            ThrowSliceTooShort(length, name, trimmed);
        }

        return length - trimmed;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSliceRank(int rank, string name)
        => throw new ArgumentException(
            "'" + name + "' is sliced with one range, which needs a vector, but it has rank " + rank.ToString(CultureInfo.InvariantCulture) + "; pass a rank-1 tensor.",
            name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSliceTooShort(nint length, string name, nint trimmed)
        => throw new ArgumentException(
            "'" + name + "' has " + length.ToString(CultureInfo.InvariantCulture) + " elements, but its slices drop " + trimmed.ToString(CultureInfo.InvariantCulture)
            + " of them (a slice such as " + name + "[" + trimmed.ToString(CultureInfo.InvariantCulture) + "..] would have a negative length); pass at least " + trimmed.ToString(CultureInfo.InvariantCulture) + " elements.",
            name);
}
