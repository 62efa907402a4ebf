using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SymGrad.Kernels;

/// <summary>
/// The loop over tensors of different shapes that broadcast by NumPy/PyTorch rules (shapes aligned from the last
/// dimension, a length of 1 or a missing dimension stretched to the others' length). It runs the same generated kernel
/// as <see cref="FlatLoop{T}"/>, block by block: the broadcast shape splits into an inner run of last dimensions, along
/// which every operand is either read in full (contiguous) or stretched, and the outer dimensions, walked with one
/// stride per operand (0 along a stretched dimension). No operand is ever copied to the broadcast shape.
/// </summary>
/// <remarks>
/// <para>
/// An operand stretched along the inner run is read from a block of at most <see cref="ChunkLength"/> copies of its
/// one value. A gradient is summed back over the dimensions its input was stretched along: its block is computed into
/// a scratch block and added to the gradient (the first visit of each gradient element sets it, so gradients are
/// overwritten, never accumulated across calls). Scratch blocks live on the stack: a call allocates nothing.
/// </para>
/// <para>
/// Every check (dense tensors, shapes that broadcast, gradients shaped like their inputs and sharing no memory) runs as
/// the loop is built, before any pass writes anything.
/// </para>
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
[SkipLocalsInit]
public ref struct BroadcastLoop<T> : IElementLoop<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The highest rank an input may have.</summary>
    public const int MaxRank = 8;

    /// <summary>The longest block of a stretched operand or of a summed-back gradient.</summary>
    public const int ChunkLength = 256;

    private BroadcastBlock<T> bases;
    private Ints owners;
    private Ints ranks;
    private Lengths lengths;
    private Grid own;
    private Grid strides;
    private Lengths counts;
    private Names names;
    private int inputs;
    private int operands;
    private int rank;
    private uint gradients;

    /// <summary>Takes the first two inputs.</summary>
    /// <param name="first">The first input.</param>
    /// <param name="firstName">Its parameter name, for messages.</param>
    /// <param name="second">The second input.</param>
    /// <param name="secondName">Its parameter name, for messages.</param>
    /// <exception cref="ArgumentException">A tensor is not dense, or the shapes do not broadcast.</exception>
    public BroadcastLoop(in ReadOnlyTensorSpan<T> first, string firstName, in ReadOnlyTensorSpan<T> second, string secondName)
    {
        this.AddInput(first, firstName);
        this.AddInput(second, secondName);
    }

    /// <inheritdoc/>
    public readonly nint Count
    {
        get
        {
            nint count = 1;
            for (int e = 0; e < this.rank; e++)
            {
                count *= this.lengths[e];
            }

            return count;
        }
    }

    /// <summary>The loop with one more input, which must broadcast with the inputs before it.</summary>
    /// <param name="input">The input.</param>
    /// <param name="name">Its parameter name, for messages.</param>
    /// <returns>The loop over the inputs so far and this one.</returns>
    /// <exception cref="ArgumentException">The tensor is not dense, or the shapes do not broadcast.</exception>
    public BroadcastLoop<T> Input(in ReadOnlyTensorSpan<T> input, string name)
    {
        if (this.operands != this.inputs)
        {
            throw new InvalidOperationException("A broadcast loop takes its inputs before their gradients.");
        }

        BroadcastLoop<T> loop = this;
        loop.AddInput(input, name);
        return loop;
    }

    /// <summary>The loop with the gradient of input number <paramref name="input"/>, which it sums back over the dimensions that input is stretched along.</summary>
    /// <param name="gradient">The gradient: dense, of the input's shape, sharing no memory with any other operand.</param>
    /// <param name="name">Its parameter name, for messages.</param>
    /// <param name="input">The number of the input, in the order the loop took them.</param>
    /// <returns>The loop over its operands so far and this gradient.</returns>
    /// <exception cref="ArgumentException">The gradient is not dense, is shaped unlike its input, or shares memory with another operand.</exception>
    public BroadcastLoop<T> Gradient(in TensorSpan<T> gradient, string name, int input)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(input);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(input, this.inputs);
        ReadOnlySpan<nint> shape = gradient.Lengths;
        bool same = shape.Length == this.RankOf(input);
        for (int d = 0; same && d < shape.Length; d++)
        {
            same = shape[d] == this.own[(input * MaxRank) + (shape.Length - 1 - d)];
        }

        if (!same)
        {
            ThrowGradientShape(shape, name, this.ShapeOf(input), this.names[input]);
        }

        if (!gradient.IsDense)
        {
            ThrowGradientNotDense(shape, name, this.names[input]);
        }

        ref T start = ref gradient.GetPinnableReference();
        var memory = new TensorMemory(ref Unsafe.As<T, byte>(ref start), gradient.FlattenedLength * Unsafe.SizeOf<T>());
        for (int k = 0; k < this.operands; k++)
        {
            var other = new TensorMemory(ref Unsafe.As<T, byte>(ref this.bases[k]), this.counts[this.owners[k]] * Unsafe.SizeOf<T>());
            if (memory.Overlaps(other))
            {
                ThrowShared(name, this.names[k], (this.gradients & (1u << k)) != 0);
            }
        }

        BroadcastLoop<T> loop = this;
        loop.Add(ref start, input, name, gradient: true);
        return loop;
    }

    /// <inheritdoc/>
    public readonly void Map<TKernel>(TKernel kernel)
        where TKernel : IFusedKernel<T>, IBroadcastKernel<T>, allows ref struct
        => this.Walk<TKernel, MapBlock<TKernel>>(kernel, default);

    /// <inheritdoc/>
    public readonly T Reduce<TKernel, TReduction>(TKernel kernel)
        where TKernel : IFusedKernel<T>, IBroadcastKernel<T>, allows ref struct
        where TReduction : IReduction<T>
        => this.Walk<TKernel, ReduceBlock<TKernel, TReduction>>(kernel, new Sums<T> { S0 = TReduction.Identity }).S0;

    /// <inheritdoc/>
    public readonly Sums<T> Sum<TKernel>(TKernel kernel)
        where TKernel : ISumsKernel<T>, IBroadcastKernel<T>, allows ref struct
        => this.Walk<TKernel, SumBlock<TKernel>>(kernel, default);

    /// <summary>Walks the broadcast shape block by block, running <typeparamref name="TRun"/> on each block.</summary>
    private readonly Sums<T> Walk<TKernel, TRun>(TKernel kernel, Sums<T> total)
        where TKernel : IBroadcastKernel<T>, allows ref struct
        where TRun : IBlockRun<TKernel>
    {
        nint count = this.Count;
        if (count == 0)
        {
            return total;
        }

        // The inner run: the last dimensions along which each input is either read in full or stretched throughout.
        int e = 0;
        while (e < this.rank && this.lengths[e] == 1)
        {
            e++;
        }

        uint stretchedInner = e < this.rank ? this.StretchedAt(e) : 0;
        nint inner = 1;
        while (e < this.rank && (this.lengths[e] == 1 || this.StretchedAt(e) == stretchedInner))
        {
            inner *= this.lengths[e];
            e++;
        }

        // The outer dimensions, innermost first, with each input's stride along them (0 where it is stretched).
        Lengths outer = default;
        Grid outerStrides = default;
        int outerRank = 0;
        for (; e < this.rank; e++)
        {
            if (this.lengths[e] == 1)
            {
                continue;
            }

            outer[outerRank] = this.lengths[e];
            for (int j = 0; j < this.inputs; j++)
            {
                outerStrides[(j * MaxRank) + outerRank] = this.own[(j * MaxRank) + e] == 1 ? 0 : this.strides[(j * MaxRank) + e];
            }

            outerRank++;
        }

        // Which operands read a block of copies or write a block that is summed back, each into its own scratch block.
        uint scratched = 0;
        uint summed = 0;
        for (int k = 0; k < this.operands; k++)
        {
            int j = this.owners[k];
            bool stretched = (stretchedInner & (1u << j)) != 0;
            for (int m = 0; m < outerRank; m++)
            {
                stretched |= outerStrides[(j * MaxRank) + m] == 0;
            }

            bool gradient = (this.gradients & (1u << k)) != 0;
            if (gradient ? stretched : (stretchedInner & (1u << j)) != 0)
            {
                scratched |= 1u << k;
            }

            if (gradient && stretched)
            {
                summed |= 1u << k;
            }
        }

        nint chunk = scratched != 0 ? nint.Min(inner, ChunkLength) : inner;
        Span<T> scratch = scratched != 0 ? stackalloc T[ChunkLength * BroadcastBlock<T>.MaxOperands] : default;

        Lengths index = default;
        Lengths offsets = default;
        BroadcastBlock<T> block = default;
        while (true)
        {
            // Whether this outer position is the first to reach each summed gradient's elements: it sets them, later ones add.
            uint first = 0;
            for (int k = 0; k < this.operands; k++)
            {
                int j = this.owners[k];
                nint offset = 0;
                bool firstVisit = true;
                for (int m = 0; m < outerRank; m++)
                {
                    nint stride = outerStrides[(j * MaxRank) + m];
                    offset += index[m] * stride;
                    firstVisit &= stride != 0 || index[m] == 0;
                }

                offsets[k] = offset;
                first |= firstVisit ? 1u << k : 0;
            }

            for (nint start = 0; start < inner; start += chunk)
            {
                nint length = nint.Min(chunk, inner - start);
                for (int k = 0; k < this.operands; k++)
                {
                    bool stretched = (stretchedInner & (1u << this.owners[k])) != 0;
                    if ((scratched & (1u << k)) == 0)
                    {
                        block.Set(k, ref Unsafe.Add(ref this.bases[k], offsets[k] + start));
                        continue;
                    }

                    Span<T> own = scratch.Slice(k * ChunkLength, (int)length);
                    if ((this.gradients & (1u << k)) == 0)
                    {
                        own.Fill(Unsafe.Add(ref this.bases[k], offsets[k]));
                    }

                    block.Set(k, ref MemoryMarshal.GetReference(own));
                }

                kernel.Bind(in block);
                TRun.Run(kernel, length, ref total);

                for (int k = 0; k < this.operands; k++)
                {
                    if ((summed & (1u << k)) == 0)
                    {
                        continue;
                    }

                    ReadOnlySpan<T> computed = scratch.Slice(k * ChunkLength, (int)length);
                    bool sets = (first & (1u << k)) != 0;
                    if ((stretchedInner & (1u << this.owners[k])) != 0)
                    {
                        // Stretched along the whole inner run: the block's values all belong to one element.
                        ref T target = ref Unsafe.Add(ref this.bases[k], offsets[k]);
                        T sum = TensorPrimitives.Sum(computed);
                        target = sets && start == 0 ? sum : target + sum;
                    }
                    else
                    {
                        Span<T> target = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref this.bases[k], offsets[k] + start), (int)length);
                        if (sets)
                        {
                            computed.CopyTo(target);
                        }
                        else
                        {
                            TensorPrimitives.Add(target, computed, target);
                        }
                    }
                }
            }

            // The next outer position, innermost dimension fastest.
            int next = 0;
            while (next < outerRank && ++index[next] == outer[next])
            {
                index[next] = 0;
                next++;
            }

            if (next == outerRank)
            {
                return total;
            }
        }
    }

    /// <summary>The inputs stretched along dimension <paramref name="e"/> (counted from the last), one bit each.</summary>
    private readonly uint StretchedAt(int e)
    {
        uint bits = 0;
        for (int j = 0; j < this.inputs; j++)
        {
            if (this.own[(j * MaxRank) + e] == 1 && this.lengths[e] != 1)
            {
                bits |= 1u << j;
            }
        }

        return bits;
    }

    private void AddInput(in ReadOnlyTensorSpan<T> input, string name)
    {
        ShapeGuard.Dense(input, name);
        ReadOnlySpan<nint> shape = input.Lengths;
        if (shape.Length > MaxRank || this.operands == BroadcastBlock<T>.MaxOperands)
        {
            throw new ArgumentException(
                $"'{name}' {ShapeGuard.Format(shape)} broadcasts against other tensors; a broadcast takes at most {BroadcastBlock<T>.MaxOperands} tensors and gradients of rank at most {MaxRank}. " +
                "Reshape it to a lower rank, or pass tensors of the same shape.",
                name);
        }

        int j = this.inputs;
        int rank = Math.Max(this.rank, shape.Length);
        nint stride = 1;
        for (int e = 0; e < MaxRank; e++)
        {
            nint length = e < shape.Length ? shape[shape.Length - 1 - e] : 1;
            this.own[(j * MaxRank) + e] = length;
            this.strides[(j * MaxRank) + e] = stride;
            stride *= length;
            nint before = e < this.rank ? this.lengths[e] : 1;
            if (e >= rank)
            {
                continue;
            }

            if (length != before && length != 1 && before != 1)
            {
                int other = 0;
                while (this.own[(other * MaxRank) + e] != before)
                {
                    other++;
                }

                ThrowMismatch(this.ShapeOf(other), this.names[other], shape, name, e);
            }

            this.lengths[e] = length == 1 ? before : length;
        }

        for (int e = shape.Length; e < MaxRank; e++)
        {
            this.own[(j * MaxRank) + e] = 1;
        }

        this.rank = rank;
        this.counts[j] = input.FlattenedLength;
        this.inputs++;
        this.ranks[j] = shape.Length;
        this.Add(ref Unsafe.AsRef(in input.GetPinnableReference()), j, name, gradient: false);
    }

    private void Add(ref T start, int input, string name, bool gradient)
    {
        if (this.operands == BroadcastBlock<T>.MaxOperands)
        {
            throw new ArgumentException(
                $"'{name}' is one operand too many: a broadcast takes at most {BroadcastBlock<T>.MaxOperands} tensors and gradients. Pass tensors of the same shape.",
                name);
        }

        int k = this.operands++;
        this.bases.Set(k, ref start);
        this.owners[k] = input;
        this.names[k] = name;
        this.gradients |= gradient ? 1u << k : 0;
    }

    private readonly int RankOf(int input) => this.ranks[input];

    private readonly nint[] ShapeOf(int input)
    {
        var shape = new nint[this.RankOf(input)];
        for (int d = 0; d < shape.Length; d++)
        {
            shape[d] = this.own[(input * MaxRank) + (shape.Length - 1 - d)];
        }

        return shape;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowMismatch(nint[] first, string firstName, ReadOnlySpan<nint> second, string secondName, int fromEnd)
    {
        nint a = first.Length > fromEnd ? first[first.Length - 1 - fromEnd] : 1;
        nint b = second[second.Length - 1 - fromEnd];
        throw new ArgumentException(
            $"'{firstName}' {ShapeGuard.Format(first)} and '{secondName}' {ShapeGuard.Format(second)} meet element-wise but do not broadcast: " +
            $"dimension {-1 - fromEnd} (counted from the end) is {a} in '{firstName}' and {b} in '{secondName}'. " +
            "Shapes broadcast when, aligned from the last dimension, each pair of lengths is equal or one of them is 1 (NumPy and PyTorch rules): " +
            $"pass '{secondName}' with length {a} or 1 there, or reshape one of them.",
            secondName);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowGradientShape(ReadOnlySpan<nint> gradient, string gradientName, nint[] input, string inputName)
        => throw new ArgumentException(
            $"Gradient '{gradientName}' must have the shape of '{inputName}', {ShapeGuard.Format(input)}, but it is {ShapeGuard.Format(gradient)}. " +
            $"Allocate it like the input, for example {SuggestedFix.AllocateLike<T>(inputName)}.",
            gradientName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowGradientNotDense(ReadOnlySpan<nint> gradient, string gradientName, string inputName)
        => throw new ArgumentException(
            $"Gradient '{gradientName}' {ShapeGuard.Format(gradient)} must be dense (contiguous, no broadcast strides). " +
            $"Allocate it like the input, for example {SuggestedFix.AllocateLike<T>(inputName)}.",
            gradientName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShared(string gradientName, string otherName, bool otherIsGradient)
        => throw new ArgumentException(
            otherIsGradient
                ? $"Gradients '{gradientName}' and '{otherName}' share memory: each gradient is written in full, so one would overwrite the other. Pass a separate tensor for each gradient."
                : $"Gradient '{gradientName}' shares memory with input '{otherName}': the gradient is written while the input is still read. Pass a separate tensor for the gradient.",
            gradientName);

    /// <summary>What a walk does with one block.</summary>
    private interface IBlockRun<TKernel>
        where TKernel : allows ref struct
    {
        static abstract void Run(TKernel kernel, nint length, ref Sums<T> total);
    }

    private readonly struct MapBlock<TKernel> : IBlockRun<TKernel>
        where TKernel : IFusedKernel<T>, allows ref struct
    {
        public static void Run(TKernel kernel, nint length, ref Sums<T> total) => FusedLoop.Map<TKernel, T>(kernel, length);
    }

    private readonly struct ReduceBlock<TKernel, TReduction> : IBlockRun<TKernel>
        where TKernel : IFusedKernel<T>, allows ref struct
        where TReduction : IReduction<T>
    {
        public static void Run(TKernel kernel, nint length, ref Sums<T> total)
            => total.S0 = TReduction.Combine(total.S0, FusedLoop.Reduce<TKernel, TReduction, T>(kernel, length));
    }

    private readonly struct SumBlock<TKernel> : IBlockRun<TKernel>
        where TKernel : ISumsKernel<T>, allows ref struct
    {
        public static void Run(TKernel kernel, nint length, ref Sums<T> total)
        {
            Sums<T> sums = FusedLoop.Sum<TKernel, T>(kernel, length);
            total.S0 += sums.S0;
            total.S1 += sums.S1;
            total.S2 += sums.S2;
            total.S3 += sums.S3;
        }
    }

    [InlineArray(MaxRank)]
    private struct Lengths
    {
        private nint element;
    }

    [InlineArray(MaxRank * BroadcastBlock<T>.MaxOperands)]
    private struct Grid
    {
        private nint element;
    }

    [InlineArray(BroadcastBlock<T>.MaxOperands)]
    private struct Ints
    {
        private int element;
    }

    [InlineArray(BroadcastBlock<T>.MaxOperands)]
    private struct Names
    {
        private string element;
    }
}
