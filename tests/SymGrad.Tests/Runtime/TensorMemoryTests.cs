using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SymGrad.Kernels;

namespace SymGrad.Tests.Runtime;

/// <summary>The memory checks generated methods make before writing a gradient, and the scratch buffer they cut up.</summary>
public class TensorMemoryTests
{
    private static readonly float[] Storage = new float[64];

    /// <summary>Two element ranges of one array, and whether they share an element.</summary>
    public static TheoryData<int, int, int, int, bool> Ranges() => new()
    {
        { 0, 8, 8, 8, false },   // adjacent, first before second
        { 8, 8, 0, 8, false },   // adjacent, second before first
        { 0, 8, 7, 8, true },    // last element of the first is the first of the second
        { 7, 8, 0, 8, true },    // the reverse
        { 0, 16, 4, 2, true },   // second inside first
        { 4, 2, 0, 16, true },   // first inside second
        { 3, 5, 3, 5, true },    // the same range
        { 3, 5, 3, 1, true },    // same start, different lengths
        { 0, 1, 63, 1, false },  // far apart
        { 0, 0, 0, 8, false },   // an empty range overlaps nothing, even where it points into another
        { 4, 0, 0, 8, false },
        { 0, 8, 4, 0, false },
        { 0, 0, 0, 0, false },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Ranges_overlap_exactly_when_they_share_an_element(int firstStart, int firstLength, int secondStart, int secondLength, bool shared)
    {
        ReadOnlyTensorSpan<float> first = Range(firstStart, firstLength);
        TensorSpan<float> second = new(Storage.AsSpan(secondStart, secondLength));
        TensorMemory a = ShapeGuard.Memory(first);
        TensorMemory b = ShapeGuard.Memory(second);
        Assert.Equal(shared, a.Overlaps(b));
        Assert.Equal(shared, b.Overlaps(a));
    }

    [Fact]
    public void Ranges_in_different_arrays_never_overlap()
    {
        float[] other = new float[64];
        TensorMemory a = ShapeGuard.Memory(Range(0, 64));
        TensorMemory b = ShapeGuard.Memory(new TensorSpan<float>(other));
        Assert.False(a.Overlaps(b));
        Assert.False(b.Overlaps(a));
    }

    [Fact]
    public void The_checks_name_the_gradient_and_the_tensor_it_shares_memory_with()
    {
        var input = Assert.Throws<ArgumentException>(() => ShapeGuard.Disjoint(Memory(0, 8), "dx", Memory(4, 8), "target"));
        Assert.Equal("dx", input.ParamName);
        Assert.Contains("'target'", input.Message);
        Assert.Contains("separate buffer", input.Message);

        var gradients = Assert.Throws<ArgumentException>(() => ShapeGuard.DisjointGradients(Memory(0, 8), "dw", Memory(7, 2), "db"));
        Assert.Equal("dw", gradients.ParamName);
        Assert.Contains("'db'", gradients.Message);

        ShapeGuard.Disjoint(Memory(0, 8), "dx", Memory(8, 8), "x");
        ShapeGuard.DisjointGradients(Memory(0, 8), "dw", Memory(8, 8), "db");
    }

    [Fact]
    public void A_pooled_buffer_is_cut_into_slices_inside_it()
    {
        using PooledBuffer<float> buffer = PooledBuffer<float>.Rent(10);
        Span<float> first = buffer.Slice(0, 4);
        Span<float> second = buffer.Slice(4, 6);
        first.Fill(1);
        second.Fill(2);
        Assert.Equal([1, 1, 1, 1], first.ToArray());
        Assert.Equal(4, first.Length);
        Assert.Equal(6, second.Length);
        Assert.False(first.Overlaps(second));
        Assert.True(Unsafe.AreSame(ref Unsafe.Add(ref MemoryMarshal.GetReference(first), 4), ref MemoryMarshal.GetReference(second)));
        Assert.Equal(0, buffer.Slice(10, 0).Length);

        // The rented array may be longer than asked for: a slice still ends at the requested length.
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Slice(4, 7).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Slice(-1, 2).Length);
    }

    [Fact]
    public void A_returned_pooled_buffer_gives_no_slices()
    {
        PooledBuffer<float> buffer = PooledBuffer<float>.Rent(8);
        buffer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => buffer.Slice(0, 1).Length);
    }

    private static ReadOnlyTensorSpan<float> Range(int start, int length) => new(Storage.AsSpan(start, length));

    private static TensorMemory Memory(int start, int length) => ShapeGuard.Memory(Range(start, length));
}
