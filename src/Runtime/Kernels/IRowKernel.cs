using System.Numerics;

namespace SymGrad.Kernels;

/// <summary>
/// A fused kernel over a matrix, run one row at a time: <see cref="IFusedKernel{T}"/>'s index is the column, and
/// the kernel reads each operand at <c>Row * stride + column</c>, where a bias vector repeated over rows has stride 0.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IRowKernel<T> : IFusedKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The row the next calls compute.</summary>
    nint Row { get; set; }
}
