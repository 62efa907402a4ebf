using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

// The checks of methods that broadcast: which loop a call takes, and the flat loop over spans of matching lengths.
public static partial class ShapeGuard
{
    /// <summary>Whether two tensors have the same shape: a method that broadcasts runs them over a flat loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSameShape<T>(in ReadOnlyTensorSpan<T> first, in ReadOnlyTensorSpan<T> second)
        => first.Lengths.SequenceEqual(second.Lengths);

    /// <summary>The flat loop over two spans, which must have the same length (spans have no shape to broadcast).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FlatLoop<T> FlatLoop<T>(ReadOnlySpan<T> first, string firstName, ReadOnlySpan<T> second, string secondName)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SameLength(first, firstName, second, secondName);
        return new FlatLoop<T>(first.Length);
    }

    /// <summary>The flat loop over spans whose lengths must match pairwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FlatLoop<T> FlatLoop<T>(ReadOnlySpan<T> first, string firstName, ReadOnlySpan<T> second, string secondName, ReadOnlySpan<T> third, string thirdName, ReadOnlySpan<T> fourth, string fourthName)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SameLength(first, firstName, second, secondName);
        SameLength(third, thirdName, fourth, fourthName);
        return new FlatLoop<T>(first.Length);
    }

    /// <summary>The flat loop over spans whose lengths must match pairwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FlatLoop<T> FlatLoop<T>(ReadOnlySpan<T> first, string firstName, ReadOnlySpan<T> second, string secondName, ReadOnlySpan<T> third, string thirdName, ReadOnlySpan<T> fourth, string fourthName, ReadOnlySpan<T> fifth, string fifthName, ReadOnlySpan<T> sixth, string sixthName)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SameLength(first, firstName, second, secondName);
        SameLength(third, thirdName, fourth, fourthName);
        SameLength(fifth, fifthName, sixth, sixthName);
        return new FlatLoop<T>(first.Length);
    }
}
