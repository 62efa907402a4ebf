using System.Numerics;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

/// <summary>
/// A fused kernel whose tensor references can be pointed at one block of its operands, so that
/// <see cref="BroadcastLoop{T}"/> runs the same kernel over operands of different shapes: block by block, each operand
/// read where the broadcast puts it. Generated kernels implement it in one line, naming which operand each field holds.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IBroadcastKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Points each of the kernel's tensor fields at the start of its operand's block.</summary>
    /// <param name="block">Where each operand's block starts, by the operand's number in the loop.</param>
    void Bind(scoped in BroadcastBlock<T> block);
}

/// <summary>
/// Where each operand of a <see cref="BroadcastLoop{T}"/> is read or written in one block: its inputs in the order the
/// loop took them, then their gradients. Each block is contiguous over the block's length.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public ref struct BroadcastBlock<T>
{
    /// <summary>The most operands (inputs and gradients) one loop takes.</summary>
    public const int MaxOperands = 8;

    /// <summary>Operand 0.</summary>
    public ref T R0;

    /// <summary>Operand 1.</summary>
    public ref T R1;

    /// <summary>Operand 2.</summary>
    public ref T R2;

    /// <summary>Operand 3.</summary>
    public ref T R3;

    /// <summary>Operand 4.</summary>
    public ref T R4;

    /// <summary>Operand 5.</summary>
    public ref T R5;

    /// <summary>Operand 6.</summary>
    public ref T R6;

    /// <summary>Operand 7.</summary>
    public ref T R7;

    /// <summary>Operand <paramref name="k"/>.</summary>
    internal readonly ref T this[int k]
    {
        get
        {
            switch (k)
            {
                case 0: return ref this.R0;
                case 1: return ref this.R1;
                case 2: return ref this.R2;
                case 3: return ref this.R3;
                case 4: return ref this.R4;
                case 5: return ref this.R5;
                case 6: return ref this.R6;
                default: return ref this.R7;
            }
        }
    }

    /// <summary>Points operand <paramref name="k"/> at <paramref name="value"/>.</summary>
    internal void Set(int k, ref T value)
    {
        switch (k)
        {
            case 0: this.R0 = ref Unsafe.AsRef(in value); break;
            case 1: this.R1 = ref Unsafe.AsRef(in value); break;
            case 2: this.R2 = ref Unsafe.AsRef(in value); break;
            case 3: this.R3 = ref Unsafe.AsRef(in value); break;
            case 4: this.R4 = ref Unsafe.AsRef(in value); break;
            case 5: this.R5 = ref Unsafe.AsRef(in value); break;
            case 6: this.R6 = ref Unsafe.AsRef(in value); break;
            default: this.R7 = ref Unsafe.AsRef(in value); break;
        }
    }
}
