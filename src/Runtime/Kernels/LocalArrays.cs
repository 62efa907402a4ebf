using System;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

/// <summary>
/// The storage of a generated method's local arrays: each array lives in a buffer rented from
/// <see cref="ArrayPool{T}.Shared"/> the first time the method creates it in a call, reused when the method creates it
/// again (in a loop), and returned when the call ends, so a warm call allocates nothing.
/// </summary>
public static class LocalArrays
{
    /// <summary>
    /// C#'s <c>new T[length]</c>: <paramref name="length"/> zeroed elements of <paramref name="buffer"/>, grown from the
    /// pool when it is too small. A negative length throws <see cref="OverflowException"/>, as <c>new T[length]</c> does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<T> Create<T>(scoped ref T[]? buffer, int length)
    {
        if (buffer is null || (uint)length > (uint)buffer.Length)
        {
            Grow(ref buffer, length);
        }

        Span<T> elements = buffer.AsSpan(0, length);
        elements.Clear();
        return elements;
    }

    /// <summary>The first <paramref name="length"/> elements of <paramref name="buffer"/> (none of a buffer never rented).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<T> Restore<T>(T[]? buffer, int length) => buffer is null ? default : buffer.AsSpan(0, length);

    /// <summary>Returns a buffer to the pool, if one was rented.</summary>
    public static void Return<T>(T[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Grow<T>(ref T[]? buffer, int length)
    {
        if (length < 0)
        {
            throw new OverflowException();
        }

        T[] larger = ArrayPool<T>.Shared.Rent(Math.Max(length, 16));
        if (buffer is not null)
        {
            ArrayPool<T>.Shared.Return(buffer);
        }

        buffer = larger;
    }
}
