using System.Numerics;

namespace SymGrad.Kernels;

/// <summary>
/// A fused loop that computes up to four sums in one pass over memory (for example <c>Dot(x, y) + Sum(Square(x))</c>):
/// each <c>Invoke</c> computes its elements, writes the outputs, and adds each sum's terms to <c>sums</c>. The driver
/// keeps the accumulators, and masks the terms of an overlapping last vector so nothing counts twice.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ISumsKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Computes element <paramref name="i"/> and adds its terms.</summary>
    void Invoke(nint i, ref Sums<T> sums);

    /// <summary>Computes the vector of elements starting at <paramref name="i"/> and adds their terms lane by lane.</summary>
    /// <typeparam name="TVector">The width: <see cref="Width128{T}"/>, <see cref="Width256{T}"/> or <see cref="Width512{T}"/>.</typeparam>
    void Invoke<TVector>(nint i, ref Sums<TVector> sums)
        where TVector : struct, IVector<TVector, T>;
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
