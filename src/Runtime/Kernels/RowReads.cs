using System.Numerics;
using System.Runtime.CompilerServices;

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

    /// <summary>The vector of columns from <paramref name="i"/>: 1 at column <paramref name="label"/>, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector OneHot<TVector, T>(nint i, nint label)
        where TVector : struct, IVector<TVector, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nint lane = label - i;
        if ((nuint)lane >= (nuint)TVector.Count)
        {
            return TVector.Create(T.Zero);
        }

        return TVector.Equal(TVector.Load(in Lanes<T>.Indices[0], 0), TVector.Create(T.CreateTruncating(lane)));
    }

    /// <summary>0, 1, 2, ...: the index of each lane, for the widest vector of either element type.</summary>
    private static class Lanes<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public static readonly T[] Indices = CreateIndices();

        private static T[] CreateIndices()
        {
            var indices = new T[64];
            for (int k = 0; k < indices.Length; k++)
            {
                indices[k] = T.CreateTruncating(k);
            }

            return indices;
        }
    }
}
