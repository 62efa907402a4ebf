using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// A fused loop that computes up to four sums in one pass over memory (for example <c>Dot(x, y) + Sum(Square(x))</c>):
/// each <c>Invoke</c> computes its elements, writes the outputs, and adds each sum's terms to <c>sums</c>. The driver
/// keeps the accumulators, and masks the terms of an overlapping last vector so nothing counts twice.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ISumsKernel<T>
{
    /// <summary>Computes element <paramref name="i"/> and adds its terms.</summary>
    void Invoke(nint i, ref Sums<T> sums);

    /// <summary>Computes the 128-bit vector of elements starting at <paramref name="i"/> and adds their terms.</summary>
    void Invoke128(nint i, ref Sums<Vector128<T>> sums);

    /// <summary>Computes the 256-bit vector of elements starting at <paramref name="i"/> and adds their terms.</summary>
    void Invoke256(nint i, ref Sums<Vector256<T>> sums);

    /// <summary>Computes the 512-bit vector of elements starting at <paramref name="i"/> and adds their terms.</summary>
    void Invoke512(nint i, ref Sums<Vector512<T>> sums);
}

/// <summary>Up to four running sums, of scalars or of vector lanes.</summary>
/// <typeparam name="TValue">A scalar or a vector.</typeparam>
public struct Sums<TValue>
{
    /// <summary>The first sum.</summary>
    public TValue S0;

    /// <summary>The second sum.</summary>
    public TValue S1;

    /// <summary>The third sum.</summary>
    public TValue S2;

    /// <summary>The fourth sum.</summary>
    public TValue S3;
}
