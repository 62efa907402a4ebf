using System;
using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SymGrad.Kernels;

namespace SymGrad;

// Element-wise functions of two or three operands that broadcast by NumPy/PyTorch rules, comparisons and masks.
//
// A mask is a Tensor<bool>, as in PyTorch (torch.bool) and as System.Numerics.Tensors' own Tensor.LessThan returns:
// its type says it holds truth values, it cannot be passed by mistake where numbers are expected, and it carries no
// gradient because bool is not differentiable. Where(mask, a, b) turns it back into numbers.
public static partial class TensorMath
{
    /// <summary>
    /// The larger of <c>a</c> and <c>b</c> at each position, broadcast by NumPy rules (trailing dimensions aligned,
    /// size-1 dimensions stretched), as <c>torch.maximum</c>: NaN where either is NaN.
    /// </summary>
    /// <param name="a">The first operand, of any shape.</param>
    /// <param name="b">The second operand, of a shape that broadcasts with <paramref name="a"/>.</param>
    /// <returns>A new dense tensor of the broadcast shape.</returns>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor<float> Maximum(in ReadOnlyTensorSpan<float> a, in ReadOnlyTensorSpan<float> b) => Zip<float, Larger>(a, b, nameof(Maximum));

    /// <inheritdoc cref="Maximum(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>
    public static Tensor<double> Maximum(in ReadOnlyTensorSpan<double> a, in ReadOnlyTensorSpan<double> b) => Zip<double, Larger>(a, b, nameof(Maximum));

    /// <summary>The larger of each element of <c>a</c> and the scalar <c>b</c>, as <c>torch.maximum</c>: NaN where either is NaN.</summary>
    /// <param name="a">The tensor, of any shape.</param>
    /// <param name="b">The scalar.</param>
    /// <returns>A new dense tensor of the shape of <paramref name="a"/>.</returns>
    public static Tensor<float> Maximum(in ReadOnlyTensorSpan<float> a, float b) => Zip<float, Larger>(a, b);

    /// <inheritdoc cref="Maximum(in ReadOnlyTensorSpan{float}, float)"/>
    public static Tensor<double> Maximum(in ReadOnlyTensorSpan<double> a, double b) => Zip<double, Larger>(a, b);

    /// <inheritdoc cref="Maximum(in ReadOnlyTensorSpan{float}, float)"/>
    public static Tensor<float> Maximum(float a, in ReadOnlyTensorSpan<float> b) => Zip<float, Larger>(b, a);

    /// <inheritdoc cref="Maximum(in ReadOnlyTensorSpan{float}, float)"/>
    public static Tensor<double> Maximum(double a, in ReadOnlyTensorSpan<double> b) => Zip<double, Larger>(b, a);

    /// <summary>
    /// The smaller of <c>a</c> and <c>b</c> at each position, broadcast by NumPy rules (trailing dimensions aligned,
    /// size-1 dimensions stretched), as <c>torch.minimum</c>: NaN where either is NaN.
    /// </summary>
    /// <param name="a">The first operand, of any shape.</param>
    /// <param name="b">The second operand, of a shape that broadcasts with <paramref name="a"/>.</param>
    /// <returns>A new dense tensor of the broadcast shape.</returns>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor<float> Minimum(in ReadOnlyTensorSpan<float> a, in ReadOnlyTensorSpan<float> b) => Zip<float, Smaller>(a, b, nameof(Minimum));

    /// <inheritdoc cref="Minimum(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>
    public static Tensor<double> Minimum(in ReadOnlyTensorSpan<double> a, in ReadOnlyTensorSpan<double> b) => Zip<double, Smaller>(a, b, nameof(Minimum));

    /// <summary>The smaller of each element of <c>a</c> and the scalar <c>b</c>, as <c>torch.minimum</c>: NaN where either is NaN.</summary>
    /// <param name="a">The tensor, of any shape.</param>
    /// <param name="b">The scalar.</param>
    /// <returns>A new dense tensor of the shape of <paramref name="a"/>.</returns>
    public static Tensor<float> Minimum(in ReadOnlyTensorSpan<float> a, float b) => Zip<float, Smaller>(a, b);

    /// <inheritdoc cref="Minimum(in ReadOnlyTensorSpan{float}, float)"/>
    public static Tensor<double> Minimum(in ReadOnlyTensorSpan<double> a, double b) => Zip<double, Smaller>(a, b);

    /// <inheritdoc cref="Minimum(in ReadOnlyTensorSpan{float}, float)"/>
    public static Tensor<float> Minimum(float a, in ReadOnlyTensorSpan<float> b) => Zip<float, Smaller>(b, a);

    /// <inheritdoc cref="Minimum(in ReadOnlyTensorSpan{float}, float)"/>
    public static Tensor<double> Minimum(double a, in ReadOnlyTensorSpan<double> b) => Zip<double, Smaller>(b, a);

    /// <summary>
    /// <c>a &lt; b</c> at each position, broadcast by NumPy rules, as a mask (<c>torch.lt</c>); false where either is NaN.
    /// </summary>
    /// <param name="a">The first operand, of any shape.</param>
    /// <param name="b">The second operand, of a shape that broadcasts with <paramref name="a"/>.</param>
    /// <returns>A new dense mask of the broadcast shape.</returns>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor<bool> LessThan(in ReadOnlyTensorSpan<float> a, in ReadOnlyTensorSpan<float> b) => Compare<float, Less>(a, b, nameof(LessThan));

    /// <inheritdoc cref="LessThan(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>
    public static Tensor<bool> LessThan(in ReadOnlyTensorSpan<double> a, in ReadOnlyTensorSpan<double> b) => Compare<double, Less>(a, b, nameof(LessThan));

    /// <summary><c>a &lt; b</c> for each element of <c>a</c>, as a mask; false where it is NaN.</summary>
    /// <param name="a">The tensor, of any shape.</param>
    /// <param name="b">The scalar.</param>
    /// <returns>A new dense mask of the shape of <paramref name="a"/>.</returns>
    public static Tensor<bool> LessThan(in ReadOnlyTensorSpan<float> a, float b) => Compare<float, Less>(a, b);

    /// <inheritdoc cref="LessThan(in ReadOnlyTensorSpan{float}, float)"/>
    public static Tensor<bool> LessThan(in ReadOnlyTensorSpan<double> a, double b) => Compare<double, Less>(a, b);

    /// <summary>
    /// <c>a &lt;= b</c> at each position, broadcast by NumPy rules, as a mask (<c>torch.le</c>); false where either is NaN.
    /// </summary>
    /// <param name="a">The first operand, of any shape.</param>
    /// <param name="b">The second operand, of a shape that broadcasts with <paramref name="a"/>.</param>
    /// <returns>A new dense mask of the broadcast shape.</returns>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor<bool> LessThanOrEqual(in ReadOnlyTensorSpan<float> a, in ReadOnlyTensorSpan<float> b) => Compare<float, LessOrEqual>(a, b, nameof(LessThanOrEqual));

    /// <inheritdoc cref="LessThanOrEqual(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>
    public static Tensor<bool> LessThanOrEqual(in ReadOnlyTensorSpan<double> a, in ReadOnlyTensorSpan<double> b) => Compare<double, LessOrEqual>(a, b, nameof(LessThanOrEqual));

    /// <summary><c>a &lt;= b</c> for each element of <c>a</c>, as a mask; false where it is NaN.</summary>
    /// <param name="a">The tensor, of any shape.</param>
    /// <param name="b">The scalar.</param>
    /// <returns>A new dense mask of the shape of <paramref name="a"/>.</returns>
    public static Tensor<bool> LessThanOrEqual(in ReadOnlyTensorSpan<float> a, float b) => Compare<float, LessOrEqual>(a, b);

    /// <inheritdoc cref="LessThanOrEqual(in ReadOnlyTensorSpan{float}, float)"/>
    public static Tensor<bool> LessThanOrEqual(in ReadOnlyTensorSpan<double> a, double b) => Compare<double, LessOrEqual>(a, b);

    /// <summary>
    /// <c>a &gt; b</c> at each position, broadcast by NumPy rules, as a mask (<c>torch.gt</c>); false where either is NaN.
    /// </summary>
    /// <param name="a">The first operand, of any shape.</param>
    /// <param name="b">The second operand, of a shape that broadcasts with <paramref name="a"/>.</param>
    /// <returns>A new dense mask of the broadcast shape.</returns>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor<bool> GreaterThan(in ReadOnlyTensorSpan<float> a, in ReadOnlyTensorSpan<float> b) => Compare<float, Greater>(a, b, nameof(GreaterThan));

    /// <inheritdoc cref="GreaterThan(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>
    public static Tensor<bool> GreaterThan(in ReadOnlyTensorSpan<double> a, in ReadOnlyTensorSpan<double> b) => Compare<double, Greater>(a, b, nameof(GreaterThan));

    /// <summary><c>a &gt; b</c> for each element of <c>a</c>, as a mask; false where it is NaN.</summary>
    /// <param name="a">The tensor, of any shape.</param>
    /// <param name="b">The scalar.</param>
    /// <returns>A new dense mask of the shape of <paramref name="a"/>.</returns>
    public static Tensor<bool> GreaterThan(in ReadOnlyTensorSpan<float> a, float b) => Compare<float, Greater>(a, b);

    /// <inheritdoc cref="GreaterThan(in ReadOnlyTensorSpan{float}, float)"/>
    public static Tensor<bool> GreaterThan(in ReadOnlyTensorSpan<double> a, double b) => Compare<double, Greater>(a, b);

    /// <summary>
    /// <c>a &gt;= b</c> at each position, broadcast by NumPy rules, as a mask (<c>torch.ge</c>); false where either is NaN.
    /// </summary>
    /// <param name="a">The first operand, of any shape.</param>
    /// <param name="b">The second operand, of a shape that broadcasts with <paramref name="a"/>.</param>
    /// <returns>A new dense mask of the broadcast shape.</returns>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor<bool> GreaterThanOrEqual(in ReadOnlyTensorSpan<float> a, in ReadOnlyTensorSpan<float> b) => Compare<float, GreaterOrEqual>(a, b, nameof(GreaterThanOrEqual));

    /// <inheritdoc cref="GreaterThanOrEqual(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>
    public static Tensor<bool> GreaterThanOrEqual(in ReadOnlyTensorSpan<double> a, in ReadOnlyTensorSpan<double> b) => Compare<double, GreaterOrEqual>(a, b, nameof(GreaterThanOrEqual));

    /// <summary><c>a &gt;= b</c> for each element of <c>a</c>, as a mask; false where it is NaN.</summary>
    /// <param name="a">The tensor, of any shape.</param>
    /// <param name="b">The scalar.</param>
    /// <returns>A new dense mask of the shape of <paramref name="a"/>.</returns>
    public static Tensor<bool> GreaterThanOrEqual(in ReadOnlyTensorSpan<float> a, float b) => Compare<float, GreaterOrEqual>(a, b);

    /// <inheritdoc cref="GreaterThanOrEqual(in ReadOnlyTensorSpan{float}, float)"/>
    public static Tensor<bool> GreaterThanOrEqual(in ReadOnlyTensorSpan<double> a, double b) => Compare<double, GreaterOrEqual>(a, b);

    /// <summary>
    /// <c>a</c> where <paramref name="mask"/> is true and <c>b</c> elsewhere, the three broadcast together by NumPy
    /// rules, as <c>torch.where</c>. The mask carries no gradient.
    /// </summary>
    /// <param name="mask">Which operand to take at each position, for example <c>x &gt; 0</c>.</param>
    /// <param name="a">The values where the mask is true.</param>
    /// <param name="b">The values where the mask is false.</param>
    /// <returns>A new dense tensor of the broadcast shape.</returns>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor<float> Where(in ReadOnlyTensorSpan<bool> mask, in ReadOnlyTensorSpan<float> a, in ReadOnlyTensorSpan<float> b) => WhereCore(mask, a, b);

    /// <inheritdoc cref="Where(in ReadOnlyTensorSpan{bool}, in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>
    public static Tensor<double> Where(in ReadOnlyTensorSpan<bool> mask, in ReadOnlyTensorSpan<double> a, in ReadOnlyTensorSpan<double> b) => WhereCore(mask, a, b);

    /// <inheritdoc cref="Where(in ReadOnlyTensorSpan{bool}, in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>
    public static Tensor<float> Where(in ReadOnlyTensorSpan<bool> mask, in ReadOnlyTensorSpan<float> a, float b) => WhereCore(mask, a, Scalar(b));

    /// <inheritdoc cref="Where(in ReadOnlyTensorSpan{bool}, in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>
    public static Tensor<double> Where(in ReadOnlyTensorSpan<bool> mask, in ReadOnlyTensorSpan<double> a, double b) => WhereCore(mask, a, Scalar(b));

    /// <inheritdoc cref="Where(in ReadOnlyTensorSpan{bool}, in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>
    public static Tensor<float> Where(in ReadOnlyTensorSpan<bool> mask, float a, in ReadOnlyTensorSpan<float> b) => WhereCore(mask, Scalar(a), b);

    /// <inheritdoc cref="Where(in ReadOnlyTensorSpan{bool}, in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>
    public static Tensor<double> Where(in ReadOnlyTensorSpan<bool> mask, double a, in ReadOnlyTensorSpan<double> b) => WhereCore(mask, Scalar(a), b);

    /// <summary>A one-element tensor standing for a scalar operand: it broadcasts against any shape.</summary>
    private static Tensor<T> Scalar<T>(T value) => Tensor.Create([value], [1]);

    /// <summary>Applies <typeparamref name="TPair"/> to <paramref name="a"/> and <paramref name="b"/> broadcast to their common shape.</summary>
    private static Tensor<T> Zip<T, TPair>(in ReadOnlyTensorSpan<T> a, in ReadOnlyTensorSpan<T> b, string operation)
        where T : IBinaryFloatingPointIeee754<T>
        where TPair : IElementPair
    {
        nint[] lengths = BroadcastLengths(a.Lengths, nameof(a), b.Lengths, nameof(b), operation);
        using BroadcastElements<T> left = BroadcastElements<T>.OrScalar(a, lengths);
        using BroadcastElements<T> right = BroadcastElements<T>.OrScalar(b, lengths);
        T[] result = GC.AllocateUninitializedArray<T>(checked((int)ElementCount(lengths)));
        if (result.Length == 0)
        {
            return Tensor.Create(result, lengths);
        }

        if (left.Span.Length == result.Length && right.Span.Length == result.Length)
        {
            TPair.Apply(left.Span, right.Span, result);
        }
        else if (right.Span.Length == 1)
        {
            TPair.Apply(left.Span, right.Span[0], result);
        }
        else
        {
            // The pair is symmetric, so a scalar on the left is applied from the right.
            TPair.Apply(right.Span, left.Span[0], result);
        }

        return Tensor.Create(result, lengths);
    }

    /// <summary>Applies <typeparamref name="TPair"/> to each element of <paramref name="a"/> and the scalar <paramref name="b"/>.</summary>
    private static Tensor<T> Zip<T, TPair>(in ReadOnlyTensorSpan<T> a, T b)
        where T : IBinaryFloatingPointIeee754<T>
        where TPair : IElementPair
    {
        using DenseElements<T> input = DenseElements<T>.Of(a);
        T[] result = GC.AllocateUninitializedArray<T>(input.Span.Length);
        TPair.Apply(input.Span, b, result);
        return Tensor.Create(result, a.Lengths);
    }

    private static Tensor<bool> Compare<T, TComparison>(in ReadOnlyTensorSpan<T> a, in ReadOnlyTensorSpan<T> b, string operation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TComparison : IElementComparison
    {
        nint[] lengths = BroadcastLengths(a.Lengths, nameof(a), b.Lengths, nameof(b), operation);
        using BroadcastElements<T> left = BroadcastElements<T>.OrScalar(a, lengths);
        using BroadcastElements<T> right = BroadcastElements<T>.OrScalar(b, lengths);
        bool[] mask = new bool[checked((int)ElementCount(lengths))];
        MaskLoop.Compare<T, TComparison>(left.Span, right.Span, mask);
        return Tensor.Create(mask, lengths);
    }

    private static Tensor<bool> Compare<T, TComparison>(in ReadOnlyTensorSpan<T> a, T b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TComparison : IElementComparison
    {
        using DenseElements<T> input = DenseElements<T>.Of(a);
        bool[] mask = new bool[input.Span.Length];
        MaskLoop.Compare<T, TComparison>(input.Span, new ReadOnlySpan<T>(in b), mask);
        return Tensor.Create(mask, a.Lengths);
    }

    private static Tensor<T> WhereCore<T>(in ReadOnlyTensorSpan<bool> mask, in ReadOnlyTensorSpan<T> a, in ReadOnlyTensorSpan<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nint[] valueLengths = BroadcastLengths(a.Lengths, nameof(a), b.Lengths, nameof(b), nameof(Where));
        nint[] lengths = BroadcastLengths(mask.Lengths, nameof(mask), valueLengths, "a and b broadcast", nameof(Where));
        using BroadcastElements<bool> selector = BroadcastElements<bool>.Of(mask, lengths);
        using BroadcastElements<T> whenTrue = BroadcastElements<T>.OrScalar(a, lengths);
        using BroadcastElements<T> whenFalse = BroadcastElements<T>.OrScalar(b, lengths);
        T[] result = GC.AllocateUninitializedArray<T>(selector.Span.Length);
        MaskLoop.Select(selector.Span, whenTrue.Span, whenFalse.Span, result);
        return Tensor.Create(result, lengths);
    }

    private static nint ElementCount(ReadOnlySpan<nint> lengths)
    {
        nint count = 1;
        foreach (nint length in lengths)
        {
            count *= length;
        }

        return count;
    }

    /// <summary>
    /// The shape two operands broadcast to by NumPy rules: trailing dimensions aligned, each pair equal or one of
    /// them 1. Throws before anything is computed when a pair differs.
    /// </summary>
    private static nint[] BroadcastLengths(ReadOnlySpan<nint> first, string firstName, ReadOnlySpan<nint> second, string secondName, string operation)
    {
        int rank = Math.Max(first.Length, second.Length);
        nint[] lengths = new nint[rank];
        for (int d = 1; d <= rank; d++)
        {
            nint x = d <= first.Length ? first[^d] : 1;
            nint y = d <= second.Length ? second[^d] : 1;
            if (x != y && x != 1 && y != 1)
            {
                throw new ArgumentException(
                    $"{operation} broadcasts its operands by NumPy rules (trailing dimensions aligned, size-1 dimensions stretched), but '{firstName}' is " +
                    $"{ShapeGuard.Format(first)} and '{secondName}' is {ShapeGuard.Format(second)}: their dimension {-d} (from the end) is {x} in '{firstName}' and {y} in '{secondName}'. " +
                    $"Make each pair of trailing dimensions equal or 1, for example by reshaping one operand with Reshape(x, ...) to put a 1 where it should be repeated.",
                    secondName);
            }

            lengths[rank - d] = x == 1 ? y : x;
        }

        return lengths;
    }

    /// <summary>A symmetric element-wise function of two operands, as a type so its loops specialise per function.</summary>
    private interface IElementPair
    {
        static abstract void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
            where T : IBinaryFloatingPointIeee754<T>;

        static abstract void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> destination)
            where T : IBinaryFloatingPointIeee754<T>;
    }

    // TensorPrimitives.Max and Min are IEEE 754:2019 maximum and minimum: NaN when either operand is NaN, as
    // torch.maximum and torch.minimum, and +0 above -0.
    private readonly struct Larger : IElementPair
    {
        public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : IBinaryFloatingPointIeee754<T> => TensorPrimitives.Max(x, y, destination);

        public static void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> destination) where T : IBinaryFloatingPointIeee754<T> => TensorPrimitives.Max(x, y, destination);
    }

    private readonly struct Smaller : IElementPair
    {
        public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : IBinaryFloatingPointIeee754<T> => TensorPrimitives.Min(x, y, destination);

        public static void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> destination) where T : IBinaryFloatingPointIeee754<T> => TensorPrimitives.Min(x, y, destination);
    }

    /// <summary>A comparison of two elements or vectors, as a type so the comparison loops specialise per operator.</summary>
    /// <remarks>The vector forms are ordered comparisons: a lane holding NaN compares false, as the scalar form does.</remarks>
    internal interface IElementComparison
    {
        static abstract bool Holds<T>(T x, T y)
            where T : IBinaryFloatingPointIeee754<T>;

        static abstract Vector128<T> Holds<T>(Vector128<T> x, Vector128<T> y);

        static abstract Vector256<T> Holds<T>(Vector256<T> x, Vector256<T> y);

        static abstract Vector512<T> Holds<T>(Vector512<T> x, Vector512<T> y);
    }

    private readonly struct Less : IElementComparison
    {
        public static bool Holds<T>(T x, T y) where T : IBinaryFloatingPointIeee754<T> => x < y;

        public static Vector128<T> Holds<T>(Vector128<T> x, Vector128<T> y) => Vector128.LessThan(x, y);

        public static Vector256<T> Holds<T>(Vector256<T> x, Vector256<T> y) => Vector256.LessThan(x, y);

        public static Vector512<T> Holds<T>(Vector512<T> x, Vector512<T> y) => Vector512.LessThan(x, y);
    }

    private readonly struct LessOrEqual : IElementComparison
    {
        public static bool Holds<T>(T x, T y) where T : IBinaryFloatingPointIeee754<T> => x <= y;

        public static Vector128<T> Holds<T>(Vector128<T> x, Vector128<T> y) => Vector128.LessThanOrEqual(x, y);

        public static Vector256<T> Holds<T>(Vector256<T> x, Vector256<T> y) => Vector256.LessThanOrEqual(x, y);

        public static Vector512<T> Holds<T>(Vector512<T> x, Vector512<T> y) => Vector512.LessThanOrEqual(x, y);
    }

    private readonly struct Greater : IElementComparison
    {
        public static bool Holds<T>(T x, T y) where T : IBinaryFloatingPointIeee754<T> => x > y;

        public static Vector128<T> Holds<T>(Vector128<T> x, Vector128<T> y) => Vector128.GreaterThan(x, y);

        public static Vector256<T> Holds<T>(Vector256<T> x, Vector256<T> y) => Vector256.GreaterThan(x, y);

        public static Vector512<T> Holds<T>(Vector512<T> x, Vector512<T> y) => Vector512.GreaterThan(x, y);
    }

    private readonly struct GreaterOrEqual : IElementComparison
    {
        public static bool Holds<T>(T x, T y) where T : IBinaryFloatingPointIeee754<T> => x >= y;

        public static Vector128<T> Holds<T>(Vector128<T> x, Vector128<T> y) => Vector128.GreaterThanOrEqual(x, y);

        public static Vector256<T> Holds<T>(Vector256<T> x, Vector256<T> y) => Vector256.GreaterThanOrEqual(x, y);

        public static Vector512<T> Holds<T>(Vector512<T> x, Vector512<T> y) => Vector512.GreaterThanOrEqual(x, y);
    }
}

/// <summary>
/// The elements of a tensor broadcast to a larger shape, in row-major order: the tensor's own memory when it is dense
/// and already of that shape, otherwise a pooled copy that <see cref="Dispose"/> returns.
/// </summary>
file ref struct BroadcastElements<T>
{
    private T[]? _pooled;

    private BroadcastElements(ReadOnlySpan<T> span, T[]? pooled)
    {
        Span = span;
        _pooled = pooled;
    }

    public ReadOnlySpan<T> Span { get; }

    public static BroadcastElements<T> Of(in ReadOnlyTensorSpan<T> tensor, ReadOnlySpan<nint> lengths)
    {
        if (tensor.IsDense && tensor.Lengths.SequenceEqual(lengths))
        {
            return new BroadcastElements<T>(ShapeGuard.Elements(tensor), null);
        }

        nint count = 1;
        foreach (nint length in lengths)
        {
            count *= length;
        }

        int total = checked((int)count);
        T[] pooled = ArrayPool<T>.Shared.Rent(total);
        Span<T> copy = pooled.AsSpan(0, total);
        if (total != 0)
        {
            Expand(tensor, lengths, copy);
        }

        return new BroadcastElements<T>(copy, pooled);
    }

    /// <summary>
    /// Like <see cref="Of"/>, but a one-element tensor stays one element, a scalar the loops broadcast themselves,
    /// instead of being copied out to the whole shape.
    /// </summary>
    public static BroadcastElements<T> OrScalar(in ReadOnlyTensorSpan<T> tensor, ReadOnlySpan<nint> lengths)
        => tensor.FlattenedLength == 1 ? new BroadcastElements<T>(new ReadOnlySpan<T>(in tensor.GetPinnableReference()), null) : Of(tensor, lengths);

    public void Dispose()
    {
        if (_pooled is not null)
        {
            ArrayPool<T>.Shared.Return(_pooled);
            _pooled = null;
        }
    }

    /// <summary>Writes <paramref name="source"/> repeated along its size-1 and missing leading dimensions.</summary>
    private static void Expand(in ReadOnlyTensorSpan<T> source, ReadOnlySpan<nint> lengths, Span<T> destination)
    {
        int rank = lengths.Length;
        int offset = rank - source.Rank;

        // A stride of 0 reads the same element again along a stretched dimension.
        Span<nint> strides = stackalloc nint[rank];
        for (int d = 0; d < rank; d++)
        {
            int s = d - offset;
            strides[d] = s < 0 || source.Lengths[s] == 1 ? 0 : source.Strides[s];
        }

        ref T origin = ref Unsafe.AsRef(in source.GetPinnableReference());
        Span<nint> index = stackalloc nint[rank];
        nint inner = lengths[rank - 1], innerStride = strides[rank - 1];
        int written = 0;
        while (written < destination.Length)
        {
            nint start = 0;
            for (int d = 0; d < rank - 1; d++)
            {
                start += index[d] * strides[d];
            }

            for (nint i = 0; i < inner; i++)
            {
                destination[written++] = Unsafe.Add(ref origin, start + (i * innerStride));
            }

            // The odometer over every dimension but the last.
            for (int d = rank - 2; d >= 0; d--)
            {
                if (++index[d] < lengths[d])
                {
                    break;
                }

                index[d] = 0;
            }
        }
    }
}

/// <summary>
/// The SIMD loops behind comparisons and <c>Where</c>. An operand span holds either every element or one element
/// standing for a scalar (a one-element tensor broadcast to the whole shape, read without being copied out).
/// </summary>
/// <remarks>
/// A mask is one byte per element (a <see cref="bool"/> is 0 or 1). Comparing one vector gives a bit per lane;
/// eight bits spread into eight bytes store eight mask elements at once, and the way back widens mask bytes to
/// lanes. Each width runs while a whole vector fits, then the next narrower one, then single elements.
/// </remarks>
file static class MaskLoop
{
    public static void Compare<T, TComparison>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<bool> mask)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TComparison : TensorMath.IElementComparison
    {
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ys = ref MemoryMarshal.GetReference(y);
        ref byte m = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(mask));
        bool xScalar = x.Length == 1, yScalar = y.Length == 1;
        nint n = mask.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                Vector512<T> a = xScalar ? Vector512.Create(xs) : Vector512.LoadUnsafe(ref xs, (nuint)i);
                Vector512<T> b = yScalar ? Vector512.Create(ys) : Vector512.LoadUnsafe(ref ys, (nuint)i);
                StoreBits(ref m, i, TComparison.Holds(a, b).ExtractMostSignificantBits(), Vector512<T>.Count);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256<T> a = xScalar ? Vector256.Create(xs) : Vector256.LoadUnsafe(ref xs, (nuint)i);
                Vector256<T> b = yScalar ? Vector256.Create(ys) : Vector256.LoadUnsafe(ref ys, (nuint)i);
                StoreBits(ref m, i, TComparison.Holds(a, b).ExtractMostSignificantBits(), Vector256<T>.Count);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                Vector128<T> a = xScalar ? Vector128.Create(xs) : Vector128.LoadUnsafe(ref xs, (nuint)i);
                Vector128<T> b = yScalar ? Vector128.Create(ys) : Vector128.LoadUnsafe(ref ys, (nuint)i);
                StoreBits(ref m, i, TComparison.Holds(a, b).ExtractMostSignificantBits(), Vector128<T>.Count);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref m, i) = TComparison.Holds(xScalar ? xs : Unsafe.Add(ref xs, i), yScalar ? ys : Unsafe.Add(ref ys, i)) ? (byte)1 : (byte)0;
        }
    }

    public static void Select<T>(ReadOnlySpan<bool> mask, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref byte m = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(mask));
        ref T xs = ref MemoryMarshal.GetReference(a);
        ref T ys = ref MemoryMarshal.GetReference(b);
        ref T d = ref MemoryMarshal.GetReference(destination);
        bool xScalar = a.Length == 1, yScalar = b.Length == 1;
        nint n = destination.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                Vector512<T> x = xScalar ? Vector512.Create(xs) : Vector512.LoadUnsafe(ref xs, (nuint)i);
                Vector512<T> y = yScalar ? Vector512.Create(ys) : Vector512.LoadUnsafe(ref ys, (nuint)i);
                Vector512.ConditionalSelect(Unselected512<T>(ref Unsafe.Add(ref m, i)), y, x).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256<T> x = xScalar ? Vector256.Create(xs) : Vector256.LoadUnsafe(ref xs, (nuint)i);
                Vector256<T> y = yScalar ? Vector256.Create(ys) : Vector256.LoadUnsafe(ref ys, (nuint)i);
                Vector256.ConditionalSelect(Unselected256<T>(ref Unsafe.Add(ref m, i)), y, x).StoreUnsafe(ref d, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                Vector128<T> x = xScalar ? Vector128.Create(xs) : Vector128.LoadUnsafe(ref xs, (nuint)i);
                Vector128<T> y = yScalar ? Vector128.Create(ys) : Vector128.LoadUnsafe(ref ys, (nuint)i);
                Vector128.ConditionalSelect(Unselected128<T>(ref Unsafe.Add(ref m, i)), y, x).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref m, i) != 0 ? (xScalar ? xs : Unsafe.Add(ref xs, i)) : (yScalar ? ys : Unsafe.Add(ref ys, i));
        }
    }

    /// <summary>Writes the low <paramref name="count"/> bits of <paramref name="bits"/> as mask bytes from element <paramref name="i"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreBits(ref byte mask, nint i, ulong bits, int count)
    {
        for (int k = 0; k < count; k += 8)
        {
            ulong bytes = Spread((byte)(bits >> k));
            ref byte at = ref Unsafe.Add(ref mask, i + k);
            if (count - k >= 8)
            {
                Unsafe.WriteUnaligned(ref at, bytes);
            }
            else if (count - k == 4)
            {
                Unsafe.WriteUnaligned(ref at, (uint)bytes);
            }
            else
            {
                Unsafe.WriteUnaligned(ref at, (ushort)bytes);
            }
        }
    }

    /// <summary>Bit j of <paramref name="bits"/> as byte j (0 or 1) of the result, little-endian.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Spread(byte bits)
    {
        ulong x = bits;
        x = (x | (x << 28)) & 0x0000000F0000000FUL;
        x = (x | (x << 14)) & 0x0003000300030003UL;
        return (x | (x << 7)) & 0x0101010101010101UL;
    }

    // Each Unselected reads one mask byte per lane, widens it to the lane's width, and gives all ones in the lanes
    // whose mask byte is 0 (where Where takes b).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Unselected512<T>(ref byte mask)
        where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() == 4)
        {
            Vector512<ushort> halves = Vector512.WidenLower(Vector128.LoadUnsafe(ref mask).ToVector256().ToVector512());
            return Vector512.Equals(Vector512.WidenLower(halves), Vector512<uint>.Zero).As<uint, T>();
        }

        Vector512<ushort> quarters = Vector512.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(ref mask)).AsByte().ToVector256().ToVector512());
        return Vector512.Equals(Vector512.WidenLower(Vector512.WidenLower(quarters)), Vector512<ulong>.Zero).As<ulong, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Unselected256<T>(ref byte mask)
        where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() == 4)
        {
            Vector256<ushort> halves = Vector256.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(ref mask)).AsByte().ToVector256());
            return Vector256.Equals(Vector256.WidenLower(halves), Vector256<uint>.Zero).As<uint, T>();
        }

        Vector256<ushort> quarters = Vector256.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(ref mask)).AsByte().ToVector256());
        return Vector256.Equals(Vector256.WidenLower(Vector256.WidenLower(quarters)), Vector256<ulong>.Zero).As<ulong, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> Unselected128<T>(ref byte mask)
        where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() == 4)
        {
            Vector128<ushort> halves = Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(ref mask)).AsByte());
            return Vector128.Equals(Vector128.WidenLower(halves), Vector128<uint>.Zero).As<uint, T>();
        }

        Vector128<ushort> quarters = Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<ushort>(ref mask)).AsByte());
        return Vector128.Equals(Vector128.WidenLower(Vector128.WidenLower(quarters)), Vector128<ulong>.Zero).As<ulong, T>();
    }
}
