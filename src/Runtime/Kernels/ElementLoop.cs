using System.Numerics;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

/// <summary>
/// How a method's element-wise passes walk their tensors: over the elements of tensors of one shape
/// (<see cref="FlatLoop{T}"/>), or over the broadcast of tensors of different shapes (<see cref="BroadcastLoop{T}"/>).
/// Generated code that may broadcast writes its passes once, generic over the loop, so the path for tensors of one
/// shape compiles to exactly the loops it has without broadcasting.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IElementLoop<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The number of elements a pass computes: the element count of the broadcast shape.</summary>
    nint Count { get; }

    /// <summary>Runs a kernel over every element for its outputs.</summary>
    /// <typeparam name="TKernel">The generated kernel.</typeparam>
    /// <param name="kernel">The kernel, its fields pointing at the start of each operand.</param>
    void Map<TKernel>(TKernel kernel)
        where TKernel : IFusedKernel<T>, IBroadcastKernel<T>, allows ref struct;

    /// <summary>Runs a kernel over every element and reduces its results.</summary>
    /// <typeparam name="TKernel">The generated kernel.</typeparam>
    /// <typeparam name="TReduction">How the per-element results combine.</typeparam>
    /// <param name="kernel">The kernel, its fields pointing at the start of each operand.</param>
    /// <returns>The reduction; its identity when there are no elements.</returns>
    T Reduce<TKernel, TReduction>(TKernel kernel)
        where TKernel : IFusedKernel<T>, IBroadcastKernel<T>, allows ref struct
        where TReduction : IReduction<T>;

    /// <summary>Runs a kernel of several sums over every element.</summary>
    /// <typeparam name="TKernel">The generated kernel.</typeparam>
    /// <param name="kernel">The kernel, its fields pointing at the start of each operand.</param>
    /// <returns>The sums.</returns>
    Sums<T> Sum<TKernel>(TKernel kernel)
        where TKernel : ISumsKernel<T>, IBroadcastKernel<T>, allows ref struct;
}

/// <summary>The loop over tensors of one shape: each pass is one <see cref="FusedLoop"/> call over all the elements.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="count">The number of elements.</param>
public readonly struct FlatLoop<T>(nint count) : IElementLoop<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public nint Count => count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Map<TKernel>(TKernel kernel)
        where TKernel : IFusedKernel<T>, IBroadcastKernel<T>, allows ref struct
        => FusedLoop.Map<TKernel, T>(kernel, count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Reduce<TKernel, TReduction>(TKernel kernel)
        where TKernel : IFusedKernel<T>, IBroadcastKernel<T>, allows ref struct
        where TReduction : IReduction<T>
        => FusedLoop.Reduce<TKernel, TReduction, T>(kernel, count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Sums<T> Sum<TKernel>(TKernel kernel)
        where TKernel : ISumsKernel<T>, IBroadcastKernel<T>, allows ref struct
        => FusedLoop.Sum<TKernel, T>(kernel, count);
}
