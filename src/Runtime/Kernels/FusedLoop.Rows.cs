using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

/// <summary>
/// The reductions of a row pass that need more than one walk over the row: a stable log-sum-exp, and the check that
/// a maximum or minimum along a row has elements to look at.
/// </summary>
public static unsafe partial class FusedLoop
{
    /// <summary>
    /// <c>log(sum(exp(v)))</c> of the values <paramref name="kernel"/> computes over elements <c>[0, length)</c>,
    /// shifted by their maximum so no exponential overflows: one walk for the maximum, one for the shifted sum (a row
    /// is still in cache for the second). A non-finite maximum is the answer (NaN, +infinity, or -infinity when every
    /// value is -infinity); no elements give -infinity, as torch.logsumexp.
    /// </summary>
    /// <typeparam name="TKernel">The generated kernel.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="kernel">The kernel, taken by value as <see cref="Map{TKernel, T}(TKernel, nint)"/> takes it.</param>
    /// <param name="length">The number of elements.</param>
    /// <returns>The log of the sum of the exponentials.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LogSumExp<TKernel, T>(TKernel kernel, nint length)
        where TKernel : IFusedKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T max = Reduce<TKernel, MaxReduction<T>, T>(kernel, length);
        if (!T.IsFinite(max))
        {
            return max;
        }

        return max + T.Log(Reduce<ShiftedExp<TKernel, T>, SumReduction<T>, T>(new ShiftedExp<TKernel, T>(kernel, max), length));
    }

    /// <summary>
    /// Throws where a maximum or minimum along rows would look at no elements: <paramref name="rows"/> rows of
    /// <paramref name="columns"/> = 0 elements each. No rows at all have nothing to reduce and pass.
    /// </summary>
    /// <param name="rows">The number of rows.</param>
    /// <param name="columns">The number of elements per row.</param>
    /// <param name="function">The reduction, as the method wrote it (<c>Max</c> or <c>Min</c>).</param>
    /// <exception cref="ArgumentException">Every row is empty.</exception>
    public static void RequireRowElements(nint rows, nint columns, string function)
    {
        if (columns == 0 && rows != 0)
        {
            throw new ArgumentException(
                $"{function}(x, axis) of an empty axis has no value: the matrix is [{rows}, {columns}] and its axis 1 has length 0. " +
                "Reduce along an axis whose length is not 0.");
        }
    }

    /// <summary><c>exp(v - shift)</c> of what the kernel computes: the terms of a shifted log-sum-exp.</summary>
    private ref struct ShiftedExp<TKernel, T> : IFusedKernel<T>
        where TKernel : IFusedKernel<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // Not readonly: the generated kernel's methods are not, and a readonly field would be copied before each call.
        private TKernel kernel;
        private readonly T shift;

        public ShiftedExp(TKernel kernel, T shift)
        {
            this.kernel = kernel;
            this.shift = shift;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(nint i) => SimdMath.Exp(this.kernel.Invoke(i) - this.shift);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVector Invoke<TVector>(nint i)
            where TVector : struct, IVector<TVector, T>
            => TVector.Exp(this.kernel.Invoke<TVector>(i) - TVector.Create(this.shift));
    }
}
