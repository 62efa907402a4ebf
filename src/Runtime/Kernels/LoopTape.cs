using System;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

/// <summary>
/// What the forward sweep of a generated method with loops and branches keeps for its reverse sweep: the values its
/// assignments overwrite, and the branches and iteration counts it took, each popped in reverse order. Each of its two
/// stacks is rented from <see cref="ArrayPool{T}.Shared"/> when the call first pushes on it (a call that keeps no
/// integers rents no integer stack) and grows by doubling, so a warm call allocates nothing.
/// </summary>
/// <remarks>
/// A mutable struct: keep it in a local that is not <see langword="readonly"/> (not a <see langword="using"/> variable),
/// and call <see cref="Dispose"/> in a <see langword="finally"/>.
/// </remarks>
public struct LoopTape : IDisposable
{
    private const int InitialLength = 256;

    private double[]? values;
    private int valueCount;
    private long[]? integers;
    private int integerCount;

    /// <summary>An empty tape: its stacks are rented on the first push.</summary>
    public static LoopTape Rent() => new()
    {
        values = Array.Empty<double>(),
        integers = Array.Empty<long>(),
    };

    /// <summary>Pushes a floating value (a <see langword="float"/> widens exactly).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushValue(double value)
    {
        double[] array = this.values!;
        if (this.valueCount == array.Length)
        {
            array = Grow(ref this.values!, this.valueCount);
        }

        array[this.valueCount++] = value;
    }

    /// <summary>Pops the value pushed last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double PopValue() => this.values![--this.valueCount];

    /// <summary>Pushes an integer: a local of an integer type, a branch taken, or an iteration count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushInteger(long value)
    {
        long[] array = this.integers!;
        if (this.integerCount == array.Length)
        {
            array = Grow(ref this.integers!, this.integerCount);
        }

        array[this.integerCount++] = value;
    }

    /// <summary>Pops the integer pushed last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long PopInteger() => this.integers![--this.integerCount];

    /// <summary>Returns the stacks to the pool.</summary>
    public void Dispose()
    {
        if (this.values is { Length: > 0 } values)
        {
            ArrayPool<double>.Shared.Return(values);
        }

        if (this.integers is { Length: > 0 } integers)
        {
            ArrayPool<long>.Shared.Return(integers);
        }

        this.values = null;
        this.integers = null;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T[] Grow<T>(ref T[] array, int count)
    {
        // The first push finds the empty array, which is not the pool's.
        T[] larger = ArrayPool<T>.Shared.Rent(Math.Max(InitialLength, checked(array.Length * 2)));
        if (array.Length == 0)
        {
            array = larger;
            return larger;
        }

        Array.Copy(array, larger, count);
        ArrayPool<T>.Shared.Return(array);
        array = larger;
        return larger;
    }
}
