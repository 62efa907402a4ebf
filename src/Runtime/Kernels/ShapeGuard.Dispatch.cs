using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

/// <summary>
/// Whether arguments fit the shapes a method's fused code is written for. A method whose fused code assumes shapes
/// (a matrix, a rank-3 tensor, a vector, two tensors of one shape, a fold of a tensor of higher rank) also has a
/// general form that works out every shape when it is called; the fused code hands it the arguments that do not fit,
/// and the general form computes them or throws naming the operands and shapes that do not broadcast.
/// </summary>
public static partial class ShapeGuard
{
    /// <summary>Whether <paramref name="tensor"/> has rank <paramref name="rank"/>.</summary>
    /// <param name="tensor">The tensor passed.</param>
    /// <param name="rank">The rank the fused code reads it at.</param>
    /// <returns>Whether it has that rank.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HasRank<T>(in ReadOnlyTensorSpan<T> tensor, int rank) => tensor.Rank == rank;

    /// <summary>Whether <paramref name="tensor"/> is a vector or a matrix.</summary>
    /// <param name="tensor">The tensor passed.</param>
    /// <returns>Whether its rank is 1 or 2.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsVectorOrMatrix<T>(in ReadOnlyTensorSpan<T> tensor) => tensor.Rank is 1 or 2;

    /// <summary>
    /// Whether the operands of a fused row pass (<c>LogSoftmax(x + b, -1)</c>) fit it: vectors or matrices, at least one
    /// a matrix unless <paramref name="orRow"/> (a pass that a vector has too), each of the matrix's shape, a row
    /// (<c>[c]</c>, <c>[1, c]</c>) or a column (<c>[r, 1]</c>) of it, as <see cref="BroadcastMatrix{T}(in ReadOnlyTensorSpan{T}, string, in ReadOnlyTensorSpan{T}, string, out nint, out nint)"/>
    /// and <see cref="RowStride{T}(in ReadOnlyTensorSpan{T}, string, nint, nint)"/> take them.
    /// </summary>
    /// <param name="orRow">Whether the operands may all be vectors.</param>
    /// <param name="first">One operand.</param>
    /// <param name="second">Another.</param>
    /// <returns>Whether the fused pass takes them.</returns>
    public static bool RowPassFits<T>(bool orRow, in ReadOnlyTensorSpan<T> first, in ReadOnlyTensorSpan<T> second)
    {
        nint rows = 1, columns = 1;
        bool fits = Widen(first.Lengths, ref rows, ref columns, out bool a) & Widen(second.Lengths, ref rows, ref columns, out bool b);
        return fits && (orRow || a || b) && IsRowOf(first.Lengths, rows, columns) && IsRowOf(second.Lengths, rows, columns);
    }

    /// <inheritdoc cref="RowPassFits{T}(bool, in ReadOnlyTensorSpan{T}, in ReadOnlyTensorSpan{T})"/>
    /// <param name="orRow">Whether the operands may all be vectors.</param>
    /// <param name="first">One operand.</param>
    /// <param name="second">Another.</param>
    /// <param name="third">A third.</param>
    public static bool RowPassFits<T>(bool orRow, in ReadOnlyTensorSpan<T> first, in ReadOnlyTensorSpan<T> second, in ReadOnlyTensorSpan<T> third)
    {
        nint rows = 1, columns = 1;
        bool fits = Widen(first.Lengths, ref rows, ref columns, out bool a) & Widen(second.Lengths, ref rows, ref columns, out bool b) & Widen(third.Lengths, ref rows, ref columns, out bool c);
        return fits && (orRow || a || b || c) && IsRowOf(first.Lengths, rows, columns) && IsRowOf(second.Lengths, rows, columns) && IsRowOf(third.Lengths, rows, columns);
    }

    /// <inheritdoc cref="RowPassFits{T}(bool, in ReadOnlyTensorSpan{T}, in ReadOnlyTensorSpan{T})"/>
    /// <param name="orRow">Whether the operands may all be vectors.</param>
    /// <param name="first">One operand.</param>
    /// <param name="second">Another.</param>
    /// <param name="third">A third.</param>
    /// <param name="fourth">A fourth.</param>
    public static bool RowPassFits<T>(bool orRow, in ReadOnlyTensorSpan<T> first, in ReadOnlyTensorSpan<T> second, in ReadOnlyTensorSpan<T> third, in ReadOnlyTensorSpan<T> fourth)
    {
        nint rows = 1, columns = 1;
        bool fits = Widen(first.Lengths, ref rows, ref columns, out bool a) & Widen(second.Lengths, ref rows, ref columns, out bool b)
            & Widen(third.Lengths, ref rows, ref columns, out bool c) & Widen(fourth.Lengths, ref rows, ref columns, out bool d);
        return fits && (orRow || a || b || c || d) && IsRowOf(first.Lengths, rows, columns) && IsRowOf(second.Lengths, rows, columns)
            && IsRowOf(third.Lengths, rows, columns) && IsRowOf(fourth.Lengths, rows, columns);
    }

    /// <summary>
    /// Widens <paramref name="rows"/> and <paramref name="columns"/> to an operand's where they are 1, and says whether it
    /// is a matrix; false for an operand that is not a vector or a matrix (<c>Broaden</c> throws for it).
    /// </summary>
    private static bool Widen(ReadOnlySpan<nint> lengths, ref nint rows, ref nint columns, out bool matrix)
    {
        matrix = lengths.Length == 2;
        if (lengths.Length is < 1 or > 2)
        {
            return false;
        }

        rows = rows == 1 ? (matrix ? lengths[0] : 1) : rows;
        columns = columns == 1 ? lengths[^1] : columns;
        return true;
    }

    /// <summary>Whether an operand of lengths <paramref name="lengths"/> is read over a <c>[rows, columns]</c> matrix as <see cref="RowStride{T}(in ReadOnlyTensorSpan{T}, string, nint, nint)"/> reads one.</summary>
    private static bool IsRowOf(ReadOnlySpan<nint> lengths, nint rows, nint columns)
        => (lengths.Length == 2 && lengths[0] == rows && lengths[1] == columns)
            || (lengths.Length == 1 && lengths[0] == columns)
            || (lengths.Length == 2 && lengths[0] == 1 && lengths[1] == columns)
            || (lengths.Length == 2 && lengths[0] == rows && lengths[1] == 1)
            || (lengths.Length == 1 && lengths[0] == 1 && rows == 1);

    /// <summary>Whether two tensors have one shape.</summary>
    /// <param name="first">One tensor.</param>
    /// <param name="second">The other.</param>
    /// <returns>Whether their lengths are equal, axis by axis.</returns>
    public static bool HaveSameShape<T>(in ReadOnlyTensorSpan<T> first, in ReadOnlyTensorSpan<T> second) => first.Lengths.SequenceEqual(second.Lengths);

    /// <summary>Whether the axes a method's rank-3 form names fold <paramref name="tensor"/> onto one rank-3 view (see <see cref="AnyRankSplit"/>).</summary>
    /// <param name="tensor">The tensor passed.</param>
    /// <param name="axes">The axes the method reduces along, as written.</param>
    /// <returns>Whether there is such a view.</returns>
    public static bool AnyRankFolds<T>(in ReadOnlyTensorSpan<T> tensor, ReadOnlySpan<int> axes) => TrySplit(tensor.Rank, axes, out _, out _);

    /// <summary>Whether <paramref name="tensor"/> broadcasts to the shape of <paramref name="anchor"/> by PyTorch's rules (see <see cref="AnyRankExpandedLength"/>).</summary>
    /// <param name="tensor">The tensor passed.</param>
    /// <param name="anchor">The tensor whose shape it meets.</param>
    /// <returns>Whether it has that shape or stretches to it.</returns>
    public static bool BroadcastsTo<T>(in ReadOnlyTensorSpan<T> tensor, in ReadOnlyTensorSpan<T> anchor) => StretchesTo(tensor.Lengths, anchor.Lengths);

    /// <summary>
    /// Whether <paramref name="tensor"/> broadcasts to the shape of a reduction along the last axis of
    /// <paramref name="cube"/>, which has elements (see <see cref="AnyRankLeadingExpandedLength"/>).
    /// </summary>
    /// <param name="tensor">The tensor meeting the results.</param>
    /// <param name="cube">The tensor reduced.</param>
    /// <returns>Whether it has the reduction's shape, or stretches to it and the reduction has elements.</returns>
    public static bool BroadcastsToLeading<T>(in ReadOnlyTensorSpan<T> tensor, in ReadOnlyTensorSpan<T> cube)
    {
        ReadOnlySpan<nint> target = cube.Lengths[..^1];
        if (tensor.Lengths.SequenceEqual(target))
        {
            return true;
        }

        nint count = 1;
        foreach (nint length in target)
        {
            count *= length;
        }

        return count != 0 && StretchesTo(tensor.Lengths, target);
    }

    /// <summary>Whether <paramref name="lengths"/> stretch to <paramref name="target"/>: no more axes, each 1 or equal to the one it aligns with from the end.</summary>
    private static bool StretchesTo(ReadOnlySpan<nint> lengths, ReadOnlySpan<nint> target)
    {
        if (lengths.Length > target.Length)
        {
            return false;
        }

        for (int axis = 0; axis < lengths.Length; axis++)
        {
            nint length = lengths[axis];
            if (length != 1 && length != target[axis + target.Length - lengths.Length])
            {
                return false;
            }
        }

        return true;
    }
}
