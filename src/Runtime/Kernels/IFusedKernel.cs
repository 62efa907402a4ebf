using System.Numerics;

namespace SymGrad.Kernels;

/// <summary>
/// The per-element work of one fused loop: what to compute at an element index. Generated code implements it as a
/// <see langword="ref struct"/> holding references to its inputs and outputs; <see cref="FusedLoop"/> says how to loop.
/// </summary>
/// <remarks>
/// Each <c>Invoke</c> computes the elements starting at <c>i</c> (one element, or one full vector of elements: the
/// vector body is written once, over <see cref="IVector{TSelf, T}"/>, and runs at every width the hardware has), writes
/// every output at those elements, and returns the elements' contribution to the loop's reduction (anything, when the
/// loop has none). Computing an element twice must write the same values: the driver recomputes an overlapping last
/// vector instead of running a scalar tail, and masks that vector's reduction contribution so nothing counts twice.
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IFusedKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Computes element <paramref name="i"/>.</summary>
    T Invoke(nint i);

    /// <summary>Computes the <c>TVector.Count</c> elements starting at <paramref name="i"/>, one per lane.</summary>
    /// <typeparam name="TVector">The width: <see cref="Width128{T}"/>, <see cref="Width256{T}"/> or <see cref="Width512{T}"/>.</typeparam>
    TVector Invoke<TVector>(nint i)
        where TVector : struct, IVector<TVector, T>;
}
