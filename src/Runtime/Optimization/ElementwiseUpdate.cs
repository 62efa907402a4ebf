using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Optimization;

/// <summary>
/// The per-element rule of an optimizer, written once against <see cref="IWidth{TVector, T}"/> so the same formula runs
/// on one element or on a whole vector of elements.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IElementwiseUpdate<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Updates the <c>TWidth.Count</c> elements starting at <paramref name="i"/>, in place.</summary>
    void Update<TWidth, TVector>(nint i)
        where TWidth : IWidth<TVector, T>;
}

/// <summary>
/// Runs an <see cref="IElementwiseUpdate{T}"/> over every element exactly once: full 512-bit vectors, then 256, then
/// 128, then single elements.
/// </summary>
/// <remarks>
/// Unlike <see cref="Kernels.FusedLoop"/>, the last partial vector is never recomputed with an overlap: an update reads
/// the state it writes (<c>p = p - lr * g</c>), so running an element twice would step it twice. Every operation an
/// update uses is correctly rounded (add, multiply, divide, square root, fused multiply-add, max), so an element gets
/// the same bits at every width.
/// </remarks>
internal static class ElementwiseUpdate
{
    /// <summary>Updates elements <c>[0, length)</c>.</summary>
    /// <typeparam name="TUpdate">The optimizer's rule.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="update">The rule, holding references to the parameter, its gradient and the optimizer state.</param>
    /// <param name="length">The number of elements.</param>
    public static void Run<TUpdate, T>(ref TUpdate update, nint length)
        where TUpdate : IElementwiseUpdate<T>, allows ref struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nint i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                update.Update<Width512<T>, Vector512<T>>(i);
            }
        }

        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                update.Update<Width256<T>, Vector256<T>>(i);
            }
        }

        if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported)
        {
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                update.Update<Width128<T>, Vector128<T>>(i);
            }
        }

        for (; i < length; i++)
        {
            update.Update<Width1<T>, T>(i);
        }
    }
}

/// <summary>
/// The arithmetic an optimizer's update needs, at one width: a single element (<see cref="Width1{T}"/>) or a vector
/// of 128, 256 or 512 bits. Every operation is correctly rounded, as PyTorch's CPU kernels are.
/// </summary>
/// <typeparam name="TVector">The element, or the vector of elements.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
internal interface IWidth<TVector, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Reads the elements at <paramref name="offset"/>.</summary>
    static abstract TVector Load(ref readonly T source, nint offset);

    /// <summary>Writes the elements at <paramref name="offset"/>.</summary>
    static abstract void Store(TVector value, ref T destination, nint offset);

    /// <summary><paramref name="value"/> in every lane.</summary>
    static abstract TVector Broadcast(T value);

    /// <summary><c>-x</c>.</summary>
    static abstract TVector Negate(TVector x);

    /// <summary><c>x + y</c>.</summary>
    static abstract TVector Add(TVector x, TVector y);

    /// <summary><c>x * y</c>.</summary>
    static abstract TVector Multiply(TVector x, TVector y);

    /// <summary><c>x / y</c>.</summary>
    static abstract TVector Divide(TVector x, TVector y);

    /// <summary><c>x * y + addend</c>, rounded once, as PyTorch's <c>add(other, alpha)</c> computes <c>other * alpha + self</c>.</summary>
    static abstract TVector FusedMultiplyAdd(TVector x, TVector y, TVector addend);

    /// <summary>The square root.</summary>
    static abstract TVector Sqrt(TVector x);

    /// <summary>The larger of <paramref name="x"/> and <paramref name="y"/>; NaN if either is NaN, as <c>torch.maximum</c>.</summary>
    static abstract TVector Max(TVector x, TVector y);
}

/// <summary>One element at a time: the tail after the last full vector, and types without vector support.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal readonly struct Width1<T> : IWidth<T, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load(ref readonly T source, nint offset) => Unsafe.Add(ref Unsafe.AsRef(in source), offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T value, ref T destination, nint offset) => Unsafe.Add(ref destination, offset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Broadcast(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Negate(T x) => -x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add(T x, T y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Multiply(T x, T y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Divide(T x, T y) => x / y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FusedMultiplyAdd(T x, T y, T addend) => T.FusedMultiplyAdd(x, y, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sqrt(T x) => T.Sqrt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Max(T x, T y) => T.Max(x, y);
}

/// <summary>128-bit vectors.</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
internal readonly struct Width128<T> : IWidth<Vector128<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref readonly T source, nint offset) => Vector128.LoadUnsafe(in source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Broadcast(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Negate(Vector128<T> x) => -x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Add(Vector128<T> x, Vector128<T> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Multiply(Vector128<T> x, Vector128<T> y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Divide(Vector128<T> x, Vector128<T> y) => x / y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> FusedMultiplyAdd(Vector128<T> x, Vector128<T> y, Vector128<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector128.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        return Vector128.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), addend.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Sqrt(Vector128<T> x) => Vector128.Sqrt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Max(Vector128<T> x, Vector128<T> y) => Vector128.Max(x, y);
}

/// <summary>256-bit vectors.</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
internal readonly struct Width256<T> : IWidth<Vector256<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref readonly T source, nint offset) => Vector256.LoadUnsafe(in source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Negate(Vector256<T> x) => -x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> x, Vector256<T> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Multiply(Vector256<T> x, Vector256<T> y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Divide(Vector256<T> x, Vector256<T> y) => x / y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> FusedMultiplyAdd(Vector256<T> x, Vector256<T> y, Vector256<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        return Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), addend.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sqrt(Vector256<T> x) => Vector256.Sqrt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Max(Vector256<T> x, Vector256<T> y) => Vector256.Max(x, y);
}

/// <summary>512-bit vectors.</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
internal readonly struct Width512<T> : IWidth<Vector512<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref readonly T source, nint offset) => Vector512.LoadUnsafe(in source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Negate(Vector512<T> x) => -x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> x, Vector512<T> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> x, Vector512<T> y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Divide(Vector512<T> x, Vector512<T> y) => x / y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> FusedMultiplyAdd(Vector512<T> x, Vector512<T> y, Vector512<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), addend.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sqrt(Vector512<T> x) => Vector512.Sqrt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Max(Vector512<T> x, Vector512<T> y) => Vector512.Max(x, y);
}
