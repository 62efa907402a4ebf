using System;
using System.Buffers;
using System.Numerics.Tensors;

namespace SymGrad.Kernels;

/// <summary>
/// The elements of a tensor in row-major order as one span: the tensor's own memory when it is dense, otherwise a
/// pooled copy (of a view, a slice or a broadcast) that <see cref="Dispose"/> returns.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal ref struct DenseElements<T>
{
    private T[]? _pooled;

    private DenseElements(ReadOnlySpan<T> span, T[]? pooled)
    {
        Span = span;
        _pooled = pooled;
    }

    /// <summary>The elements in row-major order.</summary>
    public ReadOnlySpan<T> Span { get; }

    /// <summary>Reads the elements of <paramref name="tensor"/>, copying only when it is not dense.</summary>
    public static DenseElements<T> Of(in ReadOnlyTensorSpan<T> tensor)
    {
        if (tensor.IsDense)
        {
            return new DenseElements<T>(ShapeGuard.Elements(tensor), null);
        }

        int length = checked((int)tensor.FlattenedLength);
        T[] pooled = ArrayPool<T>.Shared.Rent(length);
        Span<T> copy = pooled.AsSpan(0, length);
        tensor.FlattenTo(copy);
        return new DenseElements<T>(copy, pooled);
    }

    /// <summary>Returns the pooled copy, if any.</summary>
    public void Dispose()
    {
        if (_pooled is not null)
        {
            ArrayPool<T>.Shared.Return(_pooled);
            _pooled = null;
        }
    }
}
