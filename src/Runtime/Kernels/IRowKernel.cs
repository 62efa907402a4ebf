using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// The per-element work of a fused loop over a matrix, row by row: the kernel reads each operand at
/// <c>row * stride + j</c>, where a bias vector repeated over rows has stride 0. See <see cref="IFusedKernel{T}"/>
/// for the contract every <c>Invoke</c> keeps.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IRowKernel<T>
{
    /// <summary>Computes element <paramref name="j"/> of row <paramref name="row"/>.</summary>
    T Invoke(nint row, nint j);

    /// <summary>Computes the <see cref="Vector128{T}.Count"/> elements of <paramref name="row"/> starting at <paramref name="j"/>.</summary>
    Vector128<T> Invoke128(nint row, nint j);

    /// <summary>Computes the <see cref="Vector256{T}.Count"/> elements of <paramref name="row"/> starting at <paramref name="j"/>.</summary>
    Vector256<T> Invoke256(nint row, nint j);

    /// <summary>Computes the <see cref="Vector512{T}.Count"/> elements of <paramref name="row"/> starting at <paramref name="j"/>.</summary>
    Vector512<T> Invoke512(nint row, nint j);
}

/// <summary>One row of a <see cref="IRowKernel{T}"/>, seen as a flat kernel so the flat drivers run it.</summary>
internal ref struct RowView<TKernel, T> : IFusedKernel<T>
    where TKernel : IRowKernel<T>, allows ref struct
{
    private ref TKernel kernel;
    private readonly nint row;

    public RowView(ref TKernel kernel, nint row)
    {
        this.kernel = ref kernel;
        this.row = row;
    }

    public T Invoke(nint i) => this.kernel.Invoke(this.row, i);

    public Vector128<T> Invoke128(nint i) => this.kernel.Invoke128(this.row, i);

    public Vector256<T> Invoke256(nint i) => this.kernel.Invoke256(this.row, i);

    public Vector512<T> Invoke512(nint i) => this.kernel.Invoke512(this.row, i);
}
