using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>An associative reduction with an identity, at every vector width.</summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IReduction<T>
{
    /// <summary>The element that leaves any value unchanged.</summary>
    static abstract T Identity { get; }

    /// <summary>Combines two partial results.</summary>
    static abstract T Combine(T left, T right);

    /// <summary>Combines two partial results lane by lane.</summary>
    static abstract Vector128<T> Combine(Vector128<T> left, Vector128<T> right);

    /// <summary>Combines two partial results lane by lane.</summary>
    static abstract Vector256<T> Combine(Vector256<T> left, Vector256<T> right);

    /// <summary>Combines two partial results lane by lane.</summary>
    static abstract Vector512<T> Combine(Vector512<T> left, Vector512<T> right);

    /// <summary>Combines the lanes of a vector into one result.</summary>
    static abstract T Combine(Vector128<T> lanes);

    /// <summary>Combines the lanes of a vector into one result.</summary>
    static abstract T Combine(Vector256<T> lanes);

    /// <summary>Combines the lanes of a vector into one result.</summary>
    static abstract T Combine(Vector512<T> lanes);
}

/// <summary>Addition: the reduction behind <c>Sum</c>, <c>Mean</c>, <c>Dot</c> and <c>Mse</c>.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct SumReduction<T> : IReduction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static T Identity => T.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Combine(T left, T right) => left + right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Combine(Vector128<T> left, Vector128<T> right) => left + right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Combine(Vector256<T> left, Vector256<T> right) => left + right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Combine(Vector512<T> left, Vector512<T> right) => left + right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Combine(Vector128<T> lanes) => Vector128.Sum(lanes);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Combine(Vector256<T> lanes) => Vector128.Sum(lanes.GetLower() + lanes.GetUpper());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Combine(Vector512<T> lanes) => Combine(lanes.GetLower() + lanes.GetUpper());
}

/// <summary>Maximum, propagating NaN: the reduction behind the shift of a stable <c>LogSumExp</c>.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct MaxReduction<T> : IReduction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static T Identity => T.NegativeInfinity;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Combine(T left, T right) => T.Max(left, right);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Combine(Vector128<T> left, Vector128<T> right) => Vector128.Max(left, right);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Combine(Vector256<T> left, Vector256<T> right) => Vector256.Max(left, right);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Combine(Vector512<T> left, Vector512<T> right) => Vector512.Max(left, right);

    /// <inheritdoc/>
    public static T Combine(Vector128<T> lanes)
    {
        T result = T.NegativeInfinity;
        for (int i = 0; i < Vector128<T>.Count; i++)
        {
            result = T.Max(result, lanes.GetElement(i));
        }

        return result;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Combine(Vector256<T> lanes) => Combine(Vector128.Max(lanes.GetLower(), lanes.GetUpper()));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Combine(Vector512<T> lanes) => Combine(Vector256.Max(lanes.GetLower(), lanes.GetUpper()));
}

/// <summary>Minimum, propagating NaN: the reduction behind <c>Min(x, axis)</c> in a row pass.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct MinReduction<T> : IReduction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static T Identity => T.PositiveInfinity;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Combine(T left, T right) => T.Min(left, right);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Combine(Vector128<T> left, Vector128<T> right) => Vector128.Min(left, right);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Combine(Vector256<T> left, Vector256<T> right) => Vector256.Min(left, right);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Combine(Vector512<T> left, Vector512<T> right) => Vector512.Min(left, right);

    /// <inheritdoc/>
    public static T Combine(Vector128<T> lanes)
    {
        T result = T.PositiveInfinity;
        for (int i = 0; i < Vector128<T>.Count; i++)
        {
            result = T.Min(result, lanes.GetElement(i));
        }

        return result;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Combine(Vector256<T> lanes) => Combine(Vector128.Min(lanes.GetLower(), lanes.GetUpper()));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Combine(Vector512<T> lanes) => Combine(Vector256.Min(lanes.GetLower(), lanes.GetUpper()));
}
