using System;
using System.Buffers;

namespace SymGrad.Kernels;

/// <summary>
/// A temporary buffer from <see cref="ArrayPool{T}.Shared"/> for intermediate matrices (a product that feeds
/// another product). Renting and returning allocate nothing once the pool is warm.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public struct PooledBuffer<T> : IDisposable
{
    private T[]? array;
    private readonly int length;

    private PooledBuffer(T[] array, int length)
    {
        this.array = array;
        this.length = length;
    }

    /// <summary>
    /// Elements <c>[start, start + length)</c> of the buffer: generated methods rent one buffer per call and cut it into a
    /// slice per intermediate matrix.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The slice does not lie inside the buffer.</exception>
    /// <exception cref="ObjectDisposedException">The buffer was returned.</exception>
    public readonly Span<T> Slice(nint start, nint length)
    {
        ObjectDisposedException.ThrowIf(this.array is null, typeof(PooledBuffer<T>));
        return this.array.AsSpan(0, this.length).Slice(checked((int)start), checked((int)length));
    }

    /// <summary>Rents a buffer of at least <paramref name="length"/> elements; its contents are unspecified.</summary>
    public static PooledBuffer<T> Rent(nint length)
    {
        int count = checked((int)length);
        return new PooledBuffer<T>(count == 0 ? Array.Empty<T>() : ArrayPool<T>.Shared.Rent(count), count);
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        if (this.array is { Length: > 0 } rented)
        {
            ArrayPool<T>.Shared.Return(rented);
        }

        this.array = null;
    }
}
