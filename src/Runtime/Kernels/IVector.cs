using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// A vector of <typeparamref name="T"/> lanes at one hardware width, so a kernel's vector body is written once as
/// <c>Invoke&lt;TVector&gt;</c> and <see cref="FusedLoop"/> runs it as <see cref="Width512{T}"/>,
/// <see cref="Width256{T}"/> or <see cref="Width128{T}"/>, whichever the hardware accelerates.
/// </summary>
/// <remarks>
/// The JIT compiles a generic method once per struct type argument, and every member here is inlined, so a body
/// written over <typeparamref name="TSelf"/> compiles to the code the same body written over
/// <see cref="Vector512{T}"/> gives. The element-wise functions are <see cref="SimdMath"/>'s, lane by lane: every
/// function a generated kernel calls has a member here (<c>System.Runtime.Intrinsics.ISimdVector</c>, which would
/// serve, is internal).
/// </remarks>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IVector<TSelf, T>
    where TSelf : struct, IVector<TSelf, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The number of lanes.</summary>
    static abstract int Count { get; }

    /// <summary>Reads the <see cref="Count"/> elements starting at element <paramref name="index"/> of <paramref name="source"/>.</summary>
    /// <param name="source">The first element of the memory.</param>
    /// <param name="index">The element to start at.</param>
    /// <returns>The lanes.</returns>
    static abstract TSelf Load(ref readonly T source, nint index);

    /// <summary>Writes the lanes of <paramref name="value"/> from element <paramref name="index"/> of <paramref name="destination"/> on.</summary>
    /// <param name="value">The lanes.</param>
    /// <param name="destination">The first element of the memory.</param>
    /// <param name="index">The element to start at.</param>
    static abstract void Store(TSelf value, ref T destination, nint index);

    /// <summary>Reads the lanes from element <paramref name="start"/> of a value of <paramref name="length"/> elements, 0 outside it (<see cref="SliceReads"/>).</summary>
    /// <param name="source">The first element of the value.</param>
    /// <param name="start">The element of the first lane; may be negative.</param>
    /// <param name="length">The number of elements of the value.</param>
    /// <returns>The lanes.</returns>
    static abstract TSelf LoadPadded(ref readonly T source, nint start, nint length);

    /// <summary>
    /// Reads the lanes from element <paramref name="column"/> of row <paramref name="row"/> of a dense
    /// <paramref name="rows"/> x <paramref name="columns"/> matrix, 0 outside it (the adjoint of a slice of a matrix).
    /// </summary>
    /// <param name="source">The first element of the matrix.</param>
    /// <param name="row">The row; may be outside the matrix.</param>
    /// <param name="column">The element of the first lane in the row; may be negative.</param>
    /// <param name="rows">The number of rows of the matrix.</param>
    /// <param name="columns">The number of elements per row.</param>
    /// <returns>The lanes.</returns>
    static virtual TSelf LoadPadded(ref readonly T source, nint row, nint column, nint rows, nint columns)
        => (nuint)row < (nuint)rows
            ? TSelf.LoadPadded(in Unsafe.Add(ref Unsafe.AsRef(in source), row * columns), column, columns)
            : TSelf.Create(T.Zero);

    /// <summary>The lanes from element <paramref name="i"/> of a value that is <paramref name="value"/> at element <paramref name="at"/> and 0 elsewhere (<see cref="ElementReads"/>).</summary>
    /// <param name="i">The element of the first lane.</param>
    /// <param name="at">The one element that is not 0.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The lanes.</returns>
    static abstract TSelf Scatter(nint i, nint at, T value);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    /// <param name="value">The lane value.</param>
    /// <returns>The lanes.</returns>
    static abstract TSelf Create(T value);

    /// <summary>Adds lane by lane.</summary>
    static abstract TSelf operator +(TSelf left, TSelf right);

    /// <summary>Subtracts lane by lane.</summary>
    static abstract TSelf operator -(TSelf left, TSelf right);

    /// <summary>Multiplies lane by lane.</summary>
    static abstract TSelf operator *(TSelf left, TSelf right);

    /// <summary>Divides lane by lane.</summary>
    static abstract TSelf operator /(TSelf left, TSelf right);

    /// <summary>Negates each lane.</summary>
    static abstract TSelf operator -(TSelf value);

    /// <summary>Each lane raised to <paramref name="p"/>: <see cref="SimdMath"/>'s <c>Pow</c>.</summary>
    static abstract TSelf Pow(TSelf x, T p);

    /// <summary>Each lane of <paramref name="x"/> limited to <c>[min, max]</c>: <see cref="SimdMath"/>'s <c>Clamp</c>.</summary>
    static abstract TSelf Clamp(TSelf x, TSelf min, TSelf max);

    /// <summary><c>x * y + addend</c> in each lane, rounded once: <see cref="SimdMath"/>'s <c>FusedMultiplyAdd</c>.</summary>
    static abstract TSelf FusedMultiplyAdd(TSelf x, TSelf y, TSelf addend);

    /// <summary>Lanes of <paramref name="a"/> where the mask's lane is nonzero, else of <paramref name="b"/>: <see cref="SimdMath"/>'s <c>Select</c>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf a, TSelf b);

    /// <summary>e raised to each lane: <see cref="SimdMath"/>'s <c>Exp</c>.</summary>
    static abstract TSelf Exp(TSelf x);

    /// <summary>The natural logarithm of each lane: <see cref="SimdMath"/>'s <c>Log</c>.</summary>
    static abstract TSelf Log(TSelf x);

    /// <summary>The sine of each lane: <see cref="SimdMath"/>'s <c>Sin</c>.</summary>
    static abstract TSelf Sin(TSelf x);

    /// <summary>The cosine of each lane: <see cref="SimdMath"/>'s <c>Cos</c>.</summary>
    static abstract TSelf Cos(TSelf x);

    /// <summary>The square root of each lane: <see cref="SimdMath"/>'s <c>Sqrt</c>.</summary>
    static abstract TSelf Sqrt(TSelf x);

    /// <summary>The absolute value of each lane: <see cref="SimdMath"/>'s <c>Abs</c>.</summary>
    static abstract TSelf Abs(TSelf x);

    /// <summary><c>max(x, 0)</c> of each lane: <see cref="SimdMath"/>'s <c>Relu</c>.</summary>
    static abstract TSelf Relu(TSelf x);

    /// <summary>1 where a lane is positive, else 0 (the derivative of <c>Relu</c>): <see cref="SimdMath"/>'s <c>Step</c>.</summary>
    static abstract TSelf Step(TSelf x);

    /// <summary>Each lane's <c>Math.Floor</c>: <see cref="SimdMath"/>'s <c>Floor</c>.</summary>
    static abstract TSelf Floor(TSelf x);

    /// <summary>Each lane's <c>Math.Ceiling</c>: <see cref="SimdMath"/>'s <c>Ceiling</c>.</summary>
    static abstract TSelf Ceiling(TSelf x);

    /// <summary>Each lane's <c>Math.Round</c>: <see cref="SimdMath"/>'s <c>Round</c>.</summary>
    static abstract TSelf Round(TSelf x);

    /// <summary>Each lane's <c>Math.Truncate</c>: <see cref="SimdMath"/>'s <c>Truncate</c>.</summary>
    static abstract TSelf Truncate(TSelf x);

    /// <summary>The sign of each lane, 0 at 0 (the derivative of <c>Abs</c>): <see cref="SimdMath"/>'s <c>Sign</c>.</summary>
    static abstract TSelf Sign(TSelf x);

    /// <summary>The logistic sigmoid of each lane: <see cref="SimdMath"/>'s <c>Sigmoid</c>.</summary>
    static abstract TSelf Sigmoid(TSelf x);

    /// <summary>The hyperbolic tangent of each lane: <see cref="SimdMath"/>'s <c>Tanh</c>.</summary>
    static abstract TSelf Tanh(TSelf x);

    /// <summary><c>log(1 + x)</c> of each lane: <see cref="SimdMath"/>'s <c>Log1p</c>.</summary>
    static abstract TSelf Log1p(TSelf x);

    /// <summary><c>exp(x) - 1</c> of each lane: <see cref="SimdMath"/>'s <c>Expm1</c>.</summary>
    static abstract TSelf Expm1(TSelf x);

    /// <summary><c>log(1 + exp(x))</c> of each lane: <see cref="SimdMath"/>'s <c>Softplus</c>.</summary>
    static abstract TSelf Softplus(TSelf x);

    /// <summary><c>log(sigmoid(x))</c> of each lane: <see cref="SimdMath"/>'s <c>LogSigmoid</c>.</summary>
    static abstract TSelf LogSigmoid(TSelf x);

    /// <summary>The larger lane of the two, NaN where either is: <see cref="SimdMath"/>'s <c>Maximum</c>.</summary>
    static abstract TSelf Maximum(TSelf a, TSelf b);

    /// <summary>The smaller lane of the two, NaN where either is: <see cref="SimdMath"/>'s <c>Minimum</c>.</summary>
    static abstract TSelf Minimum(TSelf a, TSelf b);

    /// <summary>1 where <c>a &lt; b</c>, else 0: <see cref="SimdMath"/>'s <c>LessThan</c>.</summary>
    static abstract TSelf LessThan(TSelf a, TSelf b);

    /// <summary>1 where <c>a &lt;= b</c>, else 0: <see cref="SimdMath"/>'s <c>LessThanOrEqual</c>.</summary>
    static abstract TSelf LessThanOrEqual(TSelf a, TSelf b);

    /// <summary>1 where <c>a &gt; b</c>, else 0: <see cref="SimdMath"/>'s <c>GreaterThan</c>.</summary>
    static abstract TSelf GreaterThan(TSelf a, TSelf b);

    /// <summary>1 where <c>a &gt;= b</c>, else 0: <see cref="SimdMath"/>'s <c>GreaterThanOrEqual</c>.</summary>
    static abstract TSelf GreaterThanOrEqual(TSelf a, TSelf b);

    /// <summary>1 where <c>a == b</c>, else 0: <see cref="SimdMath"/>'s <c>Equal</c>.</summary>
    static abstract TSelf Equal(TSelf a, TSelf b);

    /// <summary>1 where <c>a != b</c>, else 0: <see cref="SimdMath"/>'s <c>NotEqual</c>.</summary>
    static abstract TSelf NotEqual(TSelf a, TSelf b);
}

/// <summary>The <see cref="IVector{TSelf, T}"/> of <see cref="Vector128{T}"/>: 128-bit vectors.</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly struct Width128<T> : IVector<Width128<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The lanes.</summary>
    public readonly Vector128<T> Value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    /// <param name="value">The lanes.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Width128(Vector128<T> value) => this.Value = value;

    /// <inheritdoc/>
    public static int Count => Vector128<T>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Load(ref readonly T source, nint index) => new(Vector128.LoadUnsafe(in source, (nuint)index));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Width128<T> value, ref T destination, nint index) => Vector128.StoreUnsafe(value.Value, ref destination, (nuint)index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> LoadPadded(ref readonly T source, nint start, nint length) => new(SliceReads.Padded128(in source, start, length));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Scatter(nint i, nint at, T value) => new(ElementReads.Scatter128(i, at, value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Create(T value) => new(Vector128.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> operator +(Width128<T> left, Width128<T> right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> operator -(Width128<T> left, Width128<T> right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> operator *(Width128<T> left, Width128<T> right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> operator /(Width128<T> left, Width128<T> right) => new(left.Value / right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> operator -(Width128<T> value) => new(-value.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Pow(Width128<T> x, T p) => new(SimdMath.Pow(x.Value, p));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Clamp(Width128<T> x, Width128<T> min, Width128<T> max) => new(SimdMath.Clamp(x.Value, min.Value, max.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> FusedMultiplyAdd(Width128<T> x, Width128<T> y, Width128<T> addend) => new(SimdMath.FusedMultiplyAdd(x.Value, y.Value, addend.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Select(Width128<T> mask, Width128<T> a, Width128<T> b) => new(SimdMath.Select(mask.Value, a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Exp(Width128<T> x) => new(SimdMath.Exp(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Log(Width128<T> x) => new(SimdMath.Log(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Sin(Width128<T> x) => new(SimdMath.Sin(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Cos(Width128<T> x) => new(SimdMath.Cos(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Sqrt(Width128<T> x) => new(SimdMath.Sqrt(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Abs(Width128<T> x) => new(SimdMath.Abs(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Relu(Width128<T> x) => new(SimdMath.Relu(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Step(Width128<T> x) => new(SimdMath.Step(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Floor(Width128<T> x) => new(SimdMath.Floor(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Ceiling(Width128<T> x) => new(SimdMath.Ceiling(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Round(Width128<T> x) => new(SimdMath.Round(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Truncate(Width128<T> x) => new(SimdMath.Truncate(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Sign(Width128<T> x) => new(SimdMath.Sign(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Sigmoid(Width128<T> x) => new(SimdMath.Sigmoid(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Tanh(Width128<T> x) => new(SimdMath.Tanh(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Log1p(Width128<T> x) => new(SimdMath.Log1p(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Expm1(Width128<T> x) => new(SimdMath.Expm1(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Softplus(Width128<T> x) => new(SimdMath.Softplus(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> LogSigmoid(Width128<T> x) => new(SimdMath.LogSigmoid(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Maximum(Width128<T> a, Width128<T> b) => new(SimdMath.Maximum(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Minimum(Width128<T> a, Width128<T> b) => new(SimdMath.Minimum(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> LessThan(Width128<T> a, Width128<T> b) => new(SimdMath.LessThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> LessThanOrEqual(Width128<T> a, Width128<T> b) => new(SimdMath.LessThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> GreaterThan(Width128<T> a, Width128<T> b) => new(SimdMath.GreaterThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> GreaterThanOrEqual(Width128<T> a, Width128<T> b) => new(SimdMath.GreaterThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> Equal(Width128<T> a, Width128<T> b) => new(SimdMath.Equal(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width128<T> NotEqual(Width128<T> a, Width128<T> b) => new(SimdMath.NotEqual(a.Value, b.Value));
}

/// <summary>The <see cref="IVector{TSelf, T}"/> of <see cref="Vector256{T}"/>: 256-bit vectors.</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly struct Width256<T> : IVector<Width256<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The lanes.</summary>
    public readonly Vector256<T> Value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    /// <param name="value">The lanes.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Width256(Vector256<T> value) => this.Value = value;

    /// <inheritdoc/>
    public static int Count => Vector256<T>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Load(ref readonly T source, nint index) => new(Vector256.LoadUnsafe(in source, (nuint)index));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Width256<T> value, ref T destination, nint index) => Vector256.StoreUnsafe(value.Value, ref destination, (nuint)index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> LoadPadded(ref readonly T source, nint start, nint length) => new(SliceReads.Padded256(in source, start, length));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Scatter(nint i, nint at, T value) => new(ElementReads.Scatter256(i, at, value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Create(T value) => new(Vector256.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> operator +(Width256<T> left, Width256<T> right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> operator -(Width256<T> left, Width256<T> right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> operator *(Width256<T> left, Width256<T> right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> operator /(Width256<T> left, Width256<T> right) => new(left.Value / right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> operator -(Width256<T> value) => new(-value.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Pow(Width256<T> x, T p) => new(SimdMath.Pow(x.Value, p));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Clamp(Width256<T> x, Width256<T> min, Width256<T> max) => new(SimdMath.Clamp(x.Value, min.Value, max.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> FusedMultiplyAdd(Width256<T> x, Width256<T> y, Width256<T> addend) => new(SimdMath.FusedMultiplyAdd(x.Value, y.Value, addend.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Select(Width256<T> mask, Width256<T> a, Width256<T> b) => new(SimdMath.Select(mask.Value, a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Exp(Width256<T> x) => new(SimdMath.Exp(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Log(Width256<T> x) => new(SimdMath.Log(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Sin(Width256<T> x) => new(SimdMath.Sin(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Cos(Width256<T> x) => new(SimdMath.Cos(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Sqrt(Width256<T> x) => new(SimdMath.Sqrt(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Abs(Width256<T> x) => new(SimdMath.Abs(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Relu(Width256<T> x) => new(SimdMath.Relu(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Step(Width256<T> x) => new(SimdMath.Step(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Floor(Width256<T> x) => new(SimdMath.Floor(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Ceiling(Width256<T> x) => new(SimdMath.Ceiling(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Round(Width256<T> x) => new(SimdMath.Round(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Truncate(Width256<T> x) => new(SimdMath.Truncate(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Sign(Width256<T> x) => new(SimdMath.Sign(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Sigmoid(Width256<T> x) => new(SimdMath.Sigmoid(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Tanh(Width256<T> x) => new(SimdMath.Tanh(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Log1p(Width256<T> x) => new(SimdMath.Log1p(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Expm1(Width256<T> x) => new(SimdMath.Expm1(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Softplus(Width256<T> x) => new(SimdMath.Softplus(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> LogSigmoid(Width256<T> x) => new(SimdMath.LogSigmoid(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Maximum(Width256<T> a, Width256<T> b) => new(SimdMath.Maximum(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Minimum(Width256<T> a, Width256<T> b) => new(SimdMath.Minimum(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> LessThan(Width256<T> a, Width256<T> b) => new(SimdMath.LessThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> LessThanOrEqual(Width256<T> a, Width256<T> b) => new(SimdMath.LessThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> GreaterThan(Width256<T> a, Width256<T> b) => new(SimdMath.GreaterThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> GreaterThanOrEqual(Width256<T> a, Width256<T> b) => new(SimdMath.GreaterThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> Equal(Width256<T> a, Width256<T> b) => new(SimdMath.Equal(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width256<T> NotEqual(Width256<T> a, Width256<T> b) => new(SimdMath.NotEqual(a.Value, b.Value));
}

/// <summary>The <see cref="IVector{TSelf, T}"/> of <see cref="Vector512{T}"/>: 512-bit vectors.</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly struct Width512<T> : IVector<Width512<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The lanes.</summary>
    public readonly Vector512<T> Value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    /// <param name="value">The lanes.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Width512(Vector512<T> value) => this.Value = value;

    /// <inheritdoc/>
    public static int Count => Vector512<T>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Load(ref readonly T source, nint index) => new(Vector512.LoadUnsafe(in source, (nuint)index));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Width512<T> value, ref T destination, nint index) => Vector512.StoreUnsafe(value.Value, ref destination, (nuint)index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> LoadPadded(ref readonly T source, nint start, nint length) => new(SliceReads.Padded512(in source, start, length));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Scatter(nint i, nint at, T value) => new(ElementReads.Scatter512(i, at, value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Create(T value) => new(Vector512.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> operator +(Width512<T> left, Width512<T> right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> operator -(Width512<T> left, Width512<T> right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> operator *(Width512<T> left, Width512<T> right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> operator /(Width512<T> left, Width512<T> right) => new(left.Value / right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> operator -(Width512<T> value) => new(-value.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Pow(Width512<T> x, T p) => new(SimdMath.Pow(x.Value, p));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Clamp(Width512<T> x, Width512<T> min, Width512<T> max) => new(SimdMath.Clamp(x.Value, min.Value, max.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> FusedMultiplyAdd(Width512<T> x, Width512<T> y, Width512<T> addend) => new(SimdMath.FusedMultiplyAdd(x.Value, y.Value, addend.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Select(Width512<T> mask, Width512<T> a, Width512<T> b) => new(SimdMath.Select(mask.Value, a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Exp(Width512<T> x) => new(SimdMath.Exp(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Log(Width512<T> x) => new(SimdMath.Log(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Sin(Width512<T> x) => new(SimdMath.Sin(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Cos(Width512<T> x) => new(SimdMath.Cos(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Sqrt(Width512<T> x) => new(SimdMath.Sqrt(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Abs(Width512<T> x) => new(SimdMath.Abs(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Relu(Width512<T> x) => new(SimdMath.Relu(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Step(Width512<T> x) => new(SimdMath.Step(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Floor(Width512<T> x) => new(SimdMath.Floor(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Ceiling(Width512<T> x) => new(SimdMath.Ceiling(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Round(Width512<T> x) => new(SimdMath.Round(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Truncate(Width512<T> x) => new(SimdMath.Truncate(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Sign(Width512<T> x) => new(SimdMath.Sign(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Sigmoid(Width512<T> x) => new(SimdMath.Sigmoid(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Tanh(Width512<T> x) => new(SimdMath.Tanh(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Log1p(Width512<T> x) => new(SimdMath.Log1p(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Expm1(Width512<T> x) => new(SimdMath.Expm1(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Softplus(Width512<T> x) => new(SimdMath.Softplus(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> LogSigmoid(Width512<T> x) => new(SimdMath.LogSigmoid(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Maximum(Width512<T> a, Width512<T> b) => new(SimdMath.Maximum(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Minimum(Width512<T> a, Width512<T> b) => new(SimdMath.Minimum(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> LessThan(Width512<T> a, Width512<T> b) => new(SimdMath.LessThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> LessThanOrEqual(Width512<T> a, Width512<T> b) => new(SimdMath.LessThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> GreaterThan(Width512<T> a, Width512<T> b) => new(SimdMath.GreaterThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> GreaterThanOrEqual(Width512<T> a, Width512<T> b) => new(SimdMath.GreaterThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> Equal(Width512<T> a, Width512<T> b) => new(SimdMath.Equal(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width512<T> NotEqual(Width512<T> a, Width512<T> b) => new(SimdMath.NotEqual(a.Value, b.Value));
}
