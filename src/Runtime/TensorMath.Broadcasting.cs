using System;
using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
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
    public static Tensor<float> Maximum(in ReadOnlyTensorSpan<float> a, in ReadOnlyTensorSpan<float> b) => Zip(a, b, TensorPrimitives.Max, nameof(Maximum));

    /// <inheritdoc cref="Maximum(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>
    public static Tensor<double> Maximum(in ReadOnlyTensorSpan<double> a, in ReadOnlyTensorSpan<double> b) => Zip(a, b, TensorPrimitives.Max, nameof(Maximum));

    /// <summary>The larger of each element of <c>a</c> and the scalar <c>b</c>, as <c>torch.maximum</c>: NaN where either is NaN.</summary>
    /// <param name="a">The tensor, of any shape.</param>
    /// <param name="b">The scalar.</param>
    /// <returns>A new dense tensor of the shape of <paramref name="a"/>.</returns>
    public static Tensor<float> Maximum(in ReadOnlyTensorSpan<float> a, float b) => Map(a, (x, d) => TensorPrimitives.Max(x, b, d));

    /// <inheritdoc cref="Maximum(in ReadOnlyTensorSpan{float}, float)"/>
    public static Tensor<double> Maximum(in ReadOnlyTensorSpan<double> a, double b) => Map(a, (x, d) => TensorPrimitives.Max(x, b, d));

    /// <inheritdoc cref="Maximum(in ReadOnlyTensorSpan{float}, float)"/>
    public static Tensor<float> Maximum(float a, in ReadOnlyTensorSpan<float> b) => Map(b, (x, d) => TensorPrimitives.Max(x, a, d));

    /// <inheritdoc cref="Maximum(in ReadOnlyTensorSpan{float}, float)"/>
    public static Tensor<double> Maximum(double a, in ReadOnlyTensorSpan<double> b) => Map(b, (x, d) => TensorPrimitives.Max(x, a, d));

    /// <summary>
    /// The smaller of <c>a</c> and <c>b</c> at each position, broadcast by NumPy rules (trailing dimensions aligned,
    /// size-1 dimensions stretched), as <c>torch.minimum</c>: NaN where either is NaN.
    /// </summary>
    /// <param name="a">The first operand, of any shape.</param>
    /// <param name="b">The second operand, of a shape that broadcasts with <paramref name="a"/>.</param>
    /// <returns>A new dense tensor of the broadcast shape.</returns>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor<float> Minimum(in ReadOnlyTensorSpan<float> a, in ReadOnlyTensorSpan<float> b) => Zip(a, b, TensorPrimitives.Min, nameof(Minimum));

    /// <inheritdoc cref="Minimum(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>
    public static Tensor<double> Minimum(in ReadOnlyTensorSpan<double> a, in ReadOnlyTensorSpan<double> b) => Zip(a, b, TensorPrimitives.Min, nameof(Minimum));

    /// <summary>The smaller of each element of <c>a</c> and the scalar <c>b</c>, as <c>torch.minimum</c>: NaN where either is NaN.</summary>
    /// <param name="a">The tensor, of any shape.</param>
    /// <param name="b">The scalar.</param>
    /// <returns>A new dense tensor of the shape of <paramref name="a"/>.</returns>
    public static Tensor<float> Minimum(in ReadOnlyTensorSpan<float> a, float b) => Map(a, (x, d) => TensorPrimitives.Min(x, b, d));

    /// <inheritdoc cref="Minimum(in ReadOnlyTensorSpan{float}, float)"/>
    public static Tensor<double> Minimum(in ReadOnlyTensorSpan<double> a, double b) => Map(a, (x, d) => TensorPrimitives.Min(x, b, d));

    /// <inheritdoc cref="Minimum(in ReadOnlyTensorSpan{float}, float)"/>
    public static Tensor<float> Minimum(float a, in ReadOnlyTensorSpan<float> b) => Map(b, (x, d) => TensorPrimitives.Min(x, a, d));

    /// <inheritdoc cref="Minimum(in ReadOnlyTensorSpan{float}, float)"/>
    public static Tensor<double> Minimum(double a, in ReadOnlyTensorSpan<double> b) => Map(b, (x, d) => TensorPrimitives.Min(x, a, d));

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

    /// <summary>Writes one element-wise function of two same-length spans to <c>destination</c>.</summary>
    private delegate void ElementwiseZip<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);

    /// <summary>A one-element tensor standing for a scalar operand: it broadcasts against any shape.</summary>
    private static Tensor<T> Scalar<T>(T value) => Tensor.Create([value], [1]);

    /// <summary>Applies <paramref name="zip"/> to <paramref name="a"/> and <paramref name="b"/> broadcast to their common shape.</summary>
    private static Tensor<T> Zip<T>(in ReadOnlyTensorSpan<T> a, in ReadOnlyTensorSpan<T> b, ElementwiseZip<T> zip, string operation)
    {
        nint[] lengths = BroadcastLengths(a.Lengths, nameof(a), b.Lengths, nameof(b), operation);
        using BroadcastElements<T> left = BroadcastElements<T>.Of(a, lengths);
        using BroadcastElements<T> right = BroadcastElements<T>.Of(b, lengths);
        T[] result = GC.AllocateUninitializedArray<T>(left.Span.Length);
        if (result.Length != 0)
        {
            zip(left.Span, right.Span, result);
        }

        return Tensor.Create(result, lengths);
    }

    private static Tensor<bool> Compare<T, TComparison>(in ReadOnlyTensorSpan<T> a, in ReadOnlyTensorSpan<T> b, string operation)
        where T : IBinaryFloatingPointIeee754<T>
        where TComparison : IElementComparison
    {
        nint[] lengths = BroadcastLengths(a.Lengths, nameof(a), b.Lengths, nameof(b), operation);
        using BroadcastElements<T> left = BroadcastElements<T>.Of(a, lengths);
        using BroadcastElements<T> right = BroadcastElements<T>.Of(b, lengths);
        bool[] mask = new bool[left.Span.Length];
        ReadOnlySpan<T> x = left.Span, y = right.Span;
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = TComparison.Holds(x[i], y[i]);
        }

        return Tensor.Create(mask, lengths);
    }

    private static Tensor<bool> Compare<T, TComparison>(in ReadOnlyTensorSpan<T> a, T b)
        where T : IBinaryFloatingPointIeee754<T>
        where TComparison : IElementComparison
    {
        using DenseElements<T> input = DenseElements<T>.Of(a);
        bool[] mask = new bool[input.Span.Length];
        ReadOnlySpan<T> x = input.Span;
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = TComparison.Holds(x[i], b);
        }

        return Tensor.Create(mask, a.Lengths);
    }

    private static Tensor<T> WhereCore<T>(in ReadOnlyTensorSpan<bool> mask, in ReadOnlyTensorSpan<T> a, in ReadOnlyTensorSpan<T> b)
    {
        nint[] valueLengths = BroadcastLengths(a.Lengths, nameof(a), b.Lengths, nameof(b), nameof(Where));
        nint[] lengths = BroadcastLengths(mask.Lengths, nameof(mask), valueLengths, "a and b broadcast", nameof(Where));
        using BroadcastElements<bool> selector = BroadcastElements<bool>.Of(mask, lengths);
        using BroadcastElements<T> whenTrue = BroadcastElements<T>.Of(a, lengths);
        using BroadcastElements<T> whenFalse = BroadcastElements<T>.Of(b, lengths);
        T[] result = GC.AllocateUninitializedArray<T>(selector.Span.Length);
        ReadOnlySpan<bool> m = selector.Span;
        ReadOnlySpan<T> x = whenTrue.Span, y = whenFalse.Span;
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = m[i] ? x[i] : y[i];
        }

        return Tensor.Create(result, lengths);
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

    /// <summary>A comparison of two elements, as a type so the comparison loops specialise per operator.</summary>
    private interface IElementComparison
    {
        static abstract bool Holds<T>(T x, T y)
            where T : IBinaryFloatingPointIeee754<T>;
    }

    private readonly struct Less : IElementComparison
    {
        public static bool Holds<T>(T x, T y) where T : IBinaryFloatingPointIeee754<T> => x < y;
    }

    private readonly struct LessOrEqual : IElementComparison
    {
        public static bool Holds<T>(T x, T y) where T : IBinaryFloatingPointIeee754<T> => x <= y;
    }

    private readonly struct Greater : IElementComparison
    {
        public static bool Holds<T>(T x, T y) where T : IBinaryFloatingPointIeee754<T> => x > y;
    }

    private readonly struct GreaterOrEqual : IElementComparison
    {
        public static bool Holds<T>(T x, T y) where T : IBinaryFloatingPointIeee754<T> => x >= y;
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
