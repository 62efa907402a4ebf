using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// The per-element work of one fused loop: what to compute at an element index. Generated code implements it as a
/// <see langword="ref struct"/> holding references to its inputs and outputs; <see cref="FusedLoop"/> says how to loop.
/// </summary>
/// <remarks>
/// Each <c>Invoke</c> computes the elements starting at <c>i</c> (one element, or one full vector of elements), writes
/// every output at those elements, and returns the elements' contribution to the loop's reduction (anything, when the
/// loop has none). Computing an element twice must write the same values: the driver recomputes an overlapping last
/// vector instead of running a scalar tail, and masks that vector's reduction contribution so nothing counts twice.
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IFusedKernel<T>
{
    /// <summary>Computes element <paramref name="i"/>.</summary>
    T Invoke(nint i);

    /// <summary>Computes the <see cref="Vector128{T}.Count"/> elements starting at <paramref name="i"/>.</summary>
    Vector128<T> Invoke128(nint i);

    /// <summary>Computes the <see cref="Vector256{T}.Count"/> elements starting at <paramref name="i"/>.</summary>
    Vector256<T> Invoke256(nint i);

    /// <summary>Computes the <see cref="Vector512{T}.Count"/> elements starting at <paramref name="i"/>.</summary>
    Vector512<T> Invoke512(nint i);
}
