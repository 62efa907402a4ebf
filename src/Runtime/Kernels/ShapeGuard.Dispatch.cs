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
    /// Whether <paramref name="tensor"/> may be an operand of a fused row pass: a vector or a matrix of more than one
    /// element (a single element over a matrix is broadcast by the general form).
    /// </summary>
    /// <param name="tensor">The tensor passed.</param>
    /// <returns>Whether its rank is 1 or 2 and it has other than one element.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsRowOperand<T>(in ReadOnlyTensorSpan<T> tensor) => tensor.Rank is 1 or 2 && tensor.FlattenedLength != 1;

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
