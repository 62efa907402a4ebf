using System;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SymGrad.Kernels;

/// <summary>The checks of a tensor span overload that hands a vector read element by element (<c>x[i]</c>) to the span overload.</summary>
public static partial class ShapeGuard
{
    /// <summary>
    /// Requires <paramref name="tensor"/>, read element by element with one index, to be dense and of rank 1, as its
    /// indexer requires, and returns its elements.
    /// </summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="name">Its parameter's name, for the message.</param>
    /// <returns>The elements.</returns>
    public static ReadOnlySpan<T> VectorElements<T>(in ReadOnlyTensorSpan<T> tensor, string name)
    {
        Dense(tensor, name);
        Rank(tensor, name, 1);
        return Elements(tensor);
    }
}

// The check of the overload over any tensor type for a vector read element by element.
public static partial class ShapeGuard<T>
{
    /// <summary>
    /// Requires <paramref name="tensor"/>, read element by element with one index, to be non-null, dense and of rank 1,
    /// and returns its elements.
    /// </summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="name">Its parameter's name, for the message.</param>
    /// <returns>The elements.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<T> VectorElements<TTensor>(in TTensor tensor, string name)
        where TTensor : IReadOnlyTensor<TTensor, T>, allows ref struct
    {
        if (tensor is null || !tensor.IsDense || tensor.Rank != 1)
        {
            RejectVector(tensor, name);
        }

        return MemoryMarshal.CreateReadOnlySpan(in tensor.GetPinnableReference(), checked((int)tensor.FlattenedLength));
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RejectVector<TTensor>(in TTensor? tensor, string name)
        where TTensor : IReadOnlyTensor<TTensor, T>, allows ref struct
    {
        ShapeGuard.VectorElements(Input(tensor, name), name);
        throw new UnreachableException();
    }
}
