using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

/// <summary>
/// The bytes a dense tensor occupies: where they start and how many there are. Generated methods take one per tensor
/// argument, once, and then check every gradient against every other tensor with two comparisons per pair.
/// </summary>
/// <remarks>
/// An empty tensor's memory starts at the null reference (<c>GetPinnableReference</c> returns it) and has no bytes, so
/// it overlaps nothing: the start distance to any real address is larger, unsigned, than any tensor's size.
/// </remarks>
public readonly ref struct TensorMemory
{
    private readonly ref readonly byte start;
    private readonly nint bytes;

    internal TensorMemory(ref readonly byte start, nint bytes)
    {
        this.start = ref start;
        this.bytes = bytes;
    }

    /// <summary>Whether the two ranges share at least one byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Overlaps(TensorMemory other)
    {
        // The distance from this range's start to the other's: they overlap when the other starts inside this range,
        // or this one starts inside the other.
        nint distance = Unsafe.ByteOffset(ref Unsafe.AsRef(in this.start), ref Unsafe.AsRef(in other.start));
        return (nuint)distance < (nuint)this.bytes || (nuint)(-distance) < (nuint)other.bytes;
    }
}
