using System;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

/// <summary>The checks of element reads: as many indexes as the tensor has axes, each within its axis.</summary>
public static partial class ShapeGuard
{
    /// <summary>Requires <paramref name="tensor"/>, read with <paramref name="rank"/> indexes, to have that rank, as the tensor's indexer requires.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The tensor's rank is not <paramref name="rank"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Rank<T>(in ReadOnlyTensorSpan<T> tensor, string name, int rank)
    {
        if (tensor.Rank != rank)
        {
            ThrowIndexRank(tensor.Rank, name, rank);
        }
    }

    /// <summary>
    /// Requires <paramref name="tensor"/>, read with <paramref name="rank"/> indexes, to have that rank, and
    /// <paramref name="index"/> to lie within axis <paramref name="axis"/>, as the tensor's indexer requires.
    /// </summary>
    /// <returns><paramref name="index"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The tensor's rank is not <paramref name="rank"/>.</exception>
    /// <exception cref="IndexOutOfRangeException">The index lies outside <c>[0, Lengths[axis])</c>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint Index<T>(in ReadOnlyTensorSpan<T> tensor, string name, int rank, int axis, nint index)
    {
        Rank(in tensor, name, rank);
        nint length = tensor.Lengths[axis];
        if ((nuint)index >= (nuint)length)
        {
            ThrowIndexOutside(index, length, name, rank, axis);
        }

        return index;
    }

    /// <summary>Requires <paramref name="index"/> to lie within the elements of vector <paramref name="elements"/>.</summary>
    /// <returns><paramref name="index"/>.</returns>
    /// <exception cref="IndexOutOfRangeException">The index lies outside <c>[0, Length)</c>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint Index<T>(ReadOnlySpan<T> elements, string name, int rank, int axis, nint index)
    {
        if (rank != 1)
        {
            ThrowIndexRank(1, name, rank);
        }

        if ((nuint)index >= (nuint)elements.Length)
        {
            ThrowIndexOutside(index, elements.Length, name, rank, axis);
        }

        return index;
    }

    /// <summary>
    /// Whether <paramref name="tensor"/>, read with <paramref name="rank"/> indexes, has that rank and every index from
    /// 0 to <paramref name="largest"/> lies within axis <paramref name="axis"/>: the checks of a loop's reads, made once
    /// before it runs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Reads<T>(in ReadOnlyTensorSpan<T> tensor, int rank, int axis, nint largest)
        => tensor.Rank == rank && (nuint)largest < (nuint)tensor.Lengths[axis];

    /// <summary>Whether every index from 0 to <paramref name="largest"/> lies within the elements of vector <paramref name="elements"/>, read with <paramref name="rank"/> indexes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Reads<T>(ReadOnlySpan<T> elements, int rank, int axis, nint largest)
        => rank == 1 && (nuint)largest < (nuint)elements.Length;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowIndexRank(int rank, string name, int indexes)
        => throw new ArgumentOutOfRangeException(
            name,
            "'" + name + "' is read with " + indexes.ToString(CultureInfo.InvariantCulture) + (indexes == 1 ? " index" : " indexes") + ", but it has rank " + rank.ToString(CultureInfo.InvariantCulture)
            + "; pass a rank-" + indexes.ToString(CultureInfo.InvariantCulture) + " tensor, or read it with " + rank.ToString(CultureInfo.InvariantCulture) + (rank == 1 ? " index." : " indexes."));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowIndexOutside(nint index, nint length, string name, int rank, int axis)
    {
        string where = rank == 1 ? string.Empty : " along axis " + axis.ToString(CultureInfo.InvariantCulture);
        throw new IndexOutOfRangeException(
            "'" + name + "' is read at index " + index.ToString(CultureInfo.InvariantCulture) + where + ", but it has " + length.ToString(CultureInfo.InvariantCulture)
            + (rank == 1 ? " elements" : " there") + "; an index must lie in [0, " + length.ToString(CultureInfo.InvariantCulture) + "), and ^k counts k from the end (1 <= k <= "
            + length.ToString(CultureInfo.InvariantCulture) + ").");
    }
}
