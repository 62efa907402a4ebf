using System;
using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using SymGrad.Kernels;

namespace SymGrad;

// Reductions along one axis, softmax along an axis, and the whole-tensor maximum and minimum.
//
// System.Numerics.Tensors has no rank-0 tensors, so reducing the only axis of a vector without keepDims gives a
// one-element [1] tensor where PyTorch gives a 0-d tensor; the whole-tensor overloads (Sum(x), Max(x)) give scalars.
public static partial class TensorMath
{
    /// <summary>
    /// The sums along <paramref name="axis"/>, as <c>torch.sum(x, dim, keepdim)</c>; 0 where the axis is empty.
    /// Derivative: 1 for every element of the reduced axis.
    /// </summary>
    /// <param name="x">The input, of any rank.</param>
    /// <param name="axis">The axis to reduce; a negative axis counts from the end (-1 is the last).</param>
    /// <param name="keepDims">Whether the reduced axis stays, with length 1 (PyTorch's <c>keepdim</c>).</param>
    /// <returns>A new dense tensor: the shape of <paramref name="x"/> without the axis, or with it as 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is not an axis of <paramref name="x"/>.</exception>
    public static Tensor<float> Sum(in ReadOnlyTensorSpan<float> x, int axis, bool keepDims = false) => ReduceAxis(x, axis, keepDims, AxisReduction.Sum, nameof(Sum));

    /// <inheritdoc cref="Sum(in ReadOnlyTensorSpan{float}, int, bool)"/>
    public static Tensor<double> Sum(in ReadOnlyTensorSpan<double> x, int axis, bool keepDims = false) => ReduceAxis(x, axis, keepDims, AxisReduction.Sum, nameof(Sum));

    /// <summary>
    /// The means along <paramref name="axis"/>, as <c>torch.mean(x, dim, keepdim)</c>; NaN where the axis is empty.
    /// Derivative: <c>1 / n</c> for every element of the reduced axis of length <c>n</c>.
    /// </summary>
    /// <inheritdoc cref="Sum(in ReadOnlyTensorSpan{float}, int, bool)"/>
    public static Tensor<float> Mean(in ReadOnlyTensorSpan<float> x, int axis, bool keepDims = false) => ReduceAxis(x, axis, keepDims, AxisReduction.Mean, nameof(Mean));

    /// <inheritdoc cref="Mean(in ReadOnlyTensorSpan{float}, int, bool)"/>
    public static Tensor<double> Mean(in ReadOnlyTensorSpan<double> x, int axis, bool keepDims = false) => ReduceAxis(x, axis, keepDims, AxisReduction.Mean, nameof(Mean));

    /// <summary>
    /// The largest elements along <paramref name="axis"/>, as <c>torch.amax(x, dim, keepdim)</c>: NaN where the axis
    /// holds a NaN. Derivative (PyTorch's <c>amax</c>): the upstream gradient shared evenly among the elements equal to
    /// the maximum.
    /// </summary>
    /// <inheritdoc cref="Sum(in ReadOnlyTensorSpan{float}, int, bool)"/>
    /// <exception cref="ArgumentException">The axis is empty, so it has no maximum.</exception>
    public static Tensor<float> Max(in ReadOnlyTensorSpan<float> x, int axis, bool keepDims = false) => ReduceAxis(x, axis, keepDims, AxisReduction.Max, nameof(Max));

    /// <inheritdoc cref="Max(in ReadOnlyTensorSpan{float}, int, bool)"/>
    public static Tensor<double> Max(in ReadOnlyTensorSpan<double> x, int axis, bool keepDims = false) => ReduceAxis(x, axis, keepDims, AxisReduction.Max, nameof(Max));

    /// <summary>
    /// The smallest elements along <paramref name="axis"/>, as <c>torch.amin(x, dim, keepdim)</c>: NaN where the axis
    /// holds a NaN. Derivative (PyTorch's <c>amin</c>): the upstream gradient shared evenly among the elements equal to
    /// the minimum.
    /// </summary>
    /// <inheritdoc cref="Sum(in ReadOnlyTensorSpan{float}, int, bool)"/>
    /// <exception cref="ArgumentException">The axis is empty, so it has no minimum.</exception>
    public static Tensor<float> Min(in ReadOnlyTensorSpan<float> x, int axis, bool keepDims = false) => ReduceAxis(x, axis, keepDims, AxisReduction.Min, nameof(Min));

    /// <inheritdoc cref="Min(in ReadOnlyTensorSpan{float}, int, bool)"/>
    public static Tensor<double> Min(in ReadOnlyTensorSpan<double> x, int axis, bool keepDims = false) => ReduceAxis(x, axis, keepDims, AxisReduction.Min, nameof(Min));

    /// <summary>
    /// <c>log(sum(exp(x)))</c> along <paramref name="axis"/>, as <c>torch.logsumexp(x, dim, keepdim)</c>, shifted by the
    /// largest element of each slice so large elements do not overflow: -infinity where the axis is empty or all
    /// -infinity, +infinity where it holds +infinity, NaN where it holds a NaN. Derivative: <c>softmax(x)</c> along the axis.
    /// </summary>
    /// <inheritdoc cref="Sum(in ReadOnlyTensorSpan{float}, int, bool)"/>
    public static Tensor<float> LogSumExp(in ReadOnlyTensorSpan<float> x, int axis, bool keepDims = false) => ReduceAxis(x, axis, keepDims, AxisReduction.LogSumExp, nameof(LogSumExp));

    /// <inheritdoc cref="LogSumExp(in ReadOnlyTensorSpan{float}, int, bool)"/>
    public static Tensor<double> LogSumExp(in ReadOnlyTensorSpan<double> x, int axis, bool keepDims = false) => ReduceAxis(x, axis, keepDims, AxisReduction.LogSumExp, nameof(LogSumExp));

    /// <summary>
    /// <c>exp(x) / sum(exp(x))</c> along <paramref name="axis"/>, as <c>torch.softmax(x, dim)</c>, computed as
    /// <c>exp(x - m) / sum(exp(x - m))</c> with <c>m</c> the slice's maximum; a slice holding a NaN or an infinity gives
    /// NaN, as in PyTorch. Derivative: <c>s * (g - sum(g * s))</c> along the axis for an upstream gradient <c>g</c>.
    /// </summary>
    /// <param name="x">The input, of any rank.</param>
    /// <param name="axis">The axis to normalise along; a negative axis counts from the end (-1 is the last).</param>
    /// <returns>A new dense tensor of the shape of <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is not an axis of <paramref name="x"/>.</exception>
    public static Tensor<float> Softmax(in ReadOnlyTensorSpan<float> x, int axis) => SoftmaxCore(x, axis, logarithm: false, nameof(Softmax));

    /// <inheritdoc cref="Softmax(in ReadOnlyTensorSpan{float}, int)"/>
    public static Tensor<double> Softmax(in ReadOnlyTensorSpan<double> x, int axis) => SoftmaxCore(x, axis, logarithm: false, nameof(Softmax));

    /// <summary>
    /// <c>x - log(sum(exp(x)))</c> along <paramref name="axis"/>, as <c>torch.log_softmax(x, dim)</c>, computed as
    /// <c>(x - m) - log(sum(exp(x - m)))</c> with <c>m</c> the slice's maximum, so it stays finite where a softmax
    /// underflows to 0. Derivative: <c>g - softmax(x) * sum(g)</c> along the axis for an upstream gradient <c>g</c>.
    /// </summary>
    /// <inheritdoc cref="Softmax(in ReadOnlyTensorSpan{float}, int)"/>
    public static Tensor<float> LogSoftmax(in ReadOnlyTensorSpan<float> x, int axis) => SoftmaxCore(x, axis, logarithm: true, nameof(LogSoftmax));

    /// <inheritdoc cref="LogSoftmax(in ReadOnlyTensorSpan{float}, int)"/>
    public static Tensor<double> LogSoftmax(in ReadOnlyTensorSpan<double> x, int axis) => SoftmaxCore(x, axis, logarithm: true, nameof(LogSoftmax));

    /// <summary>
    /// The largest element, as <c>torch.max(x)</c>: NaN when an element is NaN. Derivative (PyTorch's <c>amax</c>):
    /// the upstream gradient shared evenly among the elements equal to the maximum.
    /// </summary>
    /// <param name="x">The input, of any shape, not empty.</param>
    /// <returns>The maximum.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static float Max(in ReadOnlyTensorSpan<float> x) => Extreme(x, largest: true);

    /// <inheritdoc cref="Max(in ReadOnlyTensorSpan{float})"/>
    public static double Max(in ReadOnlyTensorSpan<double> x) => Extreme(x, largest: true);

    /// <summary>
    /// The smallest element, as <c>torch.min(x)</c>: NaN when an element is NaN. Derivative (PyTorch's <c>amin</c>):
    /// the upstream gradient shared evenly among the elements equal to the minimum.
    /// </summary>
    /// <param name="x">The input, of any shape, not empty.</param>
    /// <returns>The minimum.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static float Min(in ReadOnlyTensorSpan<float> x) => Extreme(x, largest: false);

    /// <inheritdoc cref="Min(in ReadOnlyTensorSpan{float})"/>
    public static double Min(in ReadOnlyTensorSpan<double> x) => Extreme(x, largest: false);

    internal enum AxisReduction
    {
        Sum,
        Mean,
        Max,
        Min,
        LogSumExp,
    }

    private static T Extreme<T>(in ReadOnlyTensorSpan<T> x, bool largest)
        where T : IBinaryFloatingPointIeee754<T>
    {
        string operation = largest ? nameof(Max) : nameof(Min);
        using DenseElements<T> input = DenseElements<T>.Of(x);
        if (input.Span.IsEmpty)
        {
            throw new ArgumentException(
                $"{operation}(x) of an empty tensor has no value: 'x' is {ShapeGuard.Format(x.Lengths)}. Pass a tensor with at least one element, " +
                $"or reduce along an axis whose length is not 0 with {operation}(x, axis).",
                nameof(x));
        }

        // TensorPrimitives.Max and Min propagate NaN, as torch.max and torch.min do.
        return largest ? TensorPrimitives.Max(input.Span) : TensorPrimitives.Min(input.Span);
    }

    /// <summary>The axis <paramref name="axis"/> names in a tensor of rank <paramref name="rank"/>, counting a negative one from the end.</summary>
    private static int ResolveAxis(int axis, int rank, string operation)
    {
        int resolved = axis < 0 ? axis + rank : axis;
        if (resolved < 0 || resolved >= rank)
        {
            throw new ArgumentOutOfRangeException(
                nameof(axis),
                axis,
                $"{operation}(x, axis): 'x' has rank {rank}, so 'axis' must be in [{-rank}, {rank - 1}] (a negative axis counts from the end), but it is {axis}. " +
                $"Pass an axis of 'x', for example -1 for the last.");
        }

        return resolved;
    }

    /// <summary>The tensor as <c>[outer, n, inner]</c>: the dimensions before the axis, the axis, and the ones after it.</summary>
    private static (int Outer, int Length, int Inner) AroundAxis(ReadOnlySpan<nint> lengths, int axis)
    {
        nint outer = 1, inner = 1;
        for (int d = 0; d < axis; d++)
        {
            outer *= lengths[d];
        }

        for (int d = axis + 1; d < lengths.Length; d++)
        {
            inner *= lengths[d];
        }

        return (checked((int)outer), checked((int)lengths[axis]), checked((int)inner));
    }

    private static nint[] ReducedLengths(ReadOnlySpan<nint> lengths, int axis, bool keepDims)
    {
        if (keepDims)
        {
            nint[] kept = lengths.ToArray();
            kept[axis] = 1;
            return kept;
        }

        if (lengths.Length == 1)
        {
            // No rank-0 tensors: the one value stays in a [1] tensor.
            return [1];
        }

        nint[] reduced = new nint[lengths.Length - 1];
        lengths[..axis].CopyTo(reduced);
        lengths[(axis + 1)..].CopyTo(reduced.AsSpan(axis));
        return reduced;
    }

    private static Tensor<T> ReduceAxis<T>(in ReadOnlyTensorSpan<T> x, int axis, bool keepDims, AxisReduction reduction, string operation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int resolved = ResolveAxis(axis, x.Rank, operation);
        (int outer, int n, int inner) = AroundAxis(x.Lengths, resolved);
        nint[] lengths = ReducedLengths(x.Lengths, resolved, keepDims);
        T[] result = new T[outer * inner];
        // torch.amax and torch.amin raise wherever the reduced axis is empty, even when the result has no elements either.
        if (n == 0 && reduction is AxisReduction.Max or AxisReduction.Min)
        {
            throw new ArgumentException(
                $"{operation}(x, axis) of an empty axis has no value: 'x' is {ShapeGuard.Format(x.Lengths)} and its axis {axis} has length 0. " +
                "Reduce along an axis whose length is not 0, or take the maximum of a tensor that has elements.",
                nameof(x));
        }

        using DenseElements<T> input = DenseElements<T>.Of(x);
        ReduceAxisInto(input.Span, outer, n, inner, reduction, result);
        return Tensor.Create(result, lengths);
    }

    /// <summary>
    /// <paramref name="reduction"/> along the middle axis of dense <paramref name="elements"/> read as
    /// <c>[outer, n, inner]</c>, into the <c>outer * inner</c> elements of <paramref name="result"/>; an empty axis of
    /// Max or Min was refused by the caller.
    /// </summary>
    internal static void ReduceAxisInto<T>(ReadOnlySpan<T> elements, int outer, int n, int inner, AxisReduction reduction, Span<T> result)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        result = result.Slice(0, outer * inner);
        if (result.Length == 0)
        {
            return;
        }

        if (n == 0)
        {
            // Empty sums are 0, an empty mean 0/0 = NaN, an empty log-sum-exp log(0) = -infinity, as in PyTorch.
            result.Fill(reduction switch
            {
                AxisReduction.Sum => T.Zero,
                AxisReduction.Mean => T.NaN,
                _ => T.NegativeInfinity,
            });
            return;
        }

        if (inner == 1)
        {
            // Each slice is one contiguous row.
            for (int o = 0; o < outer; o++)
            {
                ReadOnlySpan<T> row = elements.Slice(o * n, n);
                result[o] = reduction switch
                {
                    AxisReduction.Sum => TensorPrimitives.Sum(row),
                    AxisReduction.Mean => TensorPrimitives.Sum(row) / T.CreateTruncating(n),
                    AxisReduction.Max => TensorPrimitives.Max(row),
                    AxisReduction.Min => TensorPrimitives.Min(row),
                    _ => LogSumExpOf(row),
                };
            }

            return;
        }

        // Otherwise the slices interleave: combine the n rows of length inner of each outer block element-wise.
        T[] pooled = ArrayPool<T>.Shared.Rent(2 * inner);
        try
        {
            Span<T> shift = pooled.AsSpan(0, inner);
            Span<T> terms = pooled.AsSpan(inner, inner);
            for (int o = 0; o < outer; o++)
            {
                ReadOnlySpan<T> block = elements.Slice(o * n * inner, n * inner);
                Span<T> destination = result.Slice(o * inner, inner);
                if (reduction is AxisReduction.LogSumExp)
                {
                    // Shift each slice by its maximum; an infinite or NaN maximum shifts by 0, and then the sum is
                    // +infinity, 0 (all -infinity) or NaN, whose logarithm is the answer.
                    MaxRows(block, n, inner, shift);
                    for (int i = 0; i < inner; i++)
                    {
                        if (!T.IsFinite(shift[i]))
                        {
                            shift[i] = T.Zero;
                        }
                    }

                    destination.Clear();
                    for (int k = 0; k < n; k++)
                    {
                        TensorPrimitives.Subtract(block.Slice(k * inner, inner), shift, terms);
                        TensorPrimitives.Exp(terms, terms);
                        TensorPrimitives.Add(destination, terms, destination);
                    }

                    TensorPrimitives.Log(destination, destination);
                    TensorPrimitives.Add(destination, shift, destination);
                    continue;
                }

                if (reduction is AxisReduction.Max)
                {
                    MaxRows(block, n, inner, destination);
                    continue;
                }

                block[..inner].CopyTo(destination);
                for (int k = 1; k < n; k++)
                {
                    ReadOnlySpan<T> next = block.Slice(k * inner, inner);
                    if (reduction is AxisReduction.Min)
                    {
                        TensorPrimitives.Min(destination, next, destination);
                    }
                    else
                    {
                        TensorPrimitives.Add(destination, next, destination);
                    }
                }

                if (reduction is AxisReduction.Mean)
                {
                    TensorPrimitives.Divide(destination, T.CreateTruncating(n), destination);
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(pooled);
        }
    }

    /// <summary>The element-wise maximum of the <paramref name="n"/> rows of length <paramref name="inner"/> of a block.</summary>
    private static void MaxRows<T>(ReadOnlySpan<T> block, int n, int inner, Span<T> destination)
        where T : IBinaryFloatingPointIeee754<T>
    {
        block[..inner].CopyTo(destination);
        for (int k = 1; k < n; k++)
        {
            // Max propagates NaN, as torch.amax does.
            TensorPrimitives.Max(destination, block.Slice(k * inner, inner), destination);
        }
    }

    /// <summary>Softmax or log-softmax of each contiguous row of length <paramref name="n"/>: the last axis, the usual case.</summary>
    private static void SoftmaxRows<T>(ReadOnlySpan<T> elements, int n, bool logarithm, Span<T> result)
        where T : IBinaryFloatingPointIeee754<T>
    {
        T[] pooled = ArrayPool<T>.Shared.Rent(n);
        try
        {
            Span<T> terms = pooled.AsSpan(0, n);
            for (int start = 0; start < elements.Length; start += n)
            {
                ReadOnlySpan<T> row = elements.Slice(start, n);
                Span<T> destination = result.Slice(start, n);
                TensorPrimitives.Subtract(row, TensorPrimitives.Max(row), destination);
                if (logarithm)
                {
                    TensorPrimitives.Exp(destination, terms);
                    TensorPrimitives.Subtract(destination, T.Log(TensorPrimitives.Sum<T>(terms)), destination);
                }
                else
                {
                    TensorPrimitives.Exp(destination, destination);
                    TensorPrimitives.Divide(destination, TensorPrimitives.Sum<T>(destination), destination);
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(pooled);
        }
    }

    private static Tensor<T> SoftmaxCore<T>(in ReadOnlyTensorSpan<T> x, int axis, bool logarithm, string operation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int resolved = ResolveAxis(axis, x.Rank, operation);
        (int outer, int n, int inner) = AroundAxis(x.Lengths, resolved);
        using DenseElements<T> input = DenseElements<T>.Of(x);
        T[] result = GC.AllocateUninitializedArray<T>(input.Span.Length);
        SoftmaxInto(input.Span, outer, n, inner, logarithm, result);
        return Tensor.Create(result, x.Lengths);
    }

    /// <summary>
    /// Softmax (or log-softmax) along the middle axis of dense <paramref name="elements"/> read as
    /// <c>[outer, n, inner]</c>, into <paramref name="result"/>, of as many elements.
    /// </summary>
    internal static void SoftmaxInto<T>(ReadOnlySpan<T> elements, int outer, int n, int inner, bool logarithm, Span<T> result)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        elements = elements.Slice(0, outer * n * inner);
        if (elements.Length == 0)
        {
            return;
        }

        if (inner == 1)
        {
            SoftmaxRows(elements, n, logarithm, result);
            return;
        }

        T[] pooled = ArrayPool<T>.Shared.Rent(3 * inner);
        try
        {
            Span<T> max = pooled.AsSpan(0, inner);
            Span<T> sum = pooled.AsSpan(inner, inner);
            Span<T> terms = pooled.AsSpan(2 * inner, inner);
            for (int o = 0; o < outer; o++)
            {
                ReadOnlySpan<T> block = elements.Slice(o * n * inner, n * inner);
                Span<T> destination = result.Slice(o * n * inner, n * inner);

                // destination = x - m, then sum = sum(exp(x - m)) over the axis, row by row of length inner.
                MaxRows(block, n, inner, max);
                sum.Clear();
                for (int k = 0; k < n; k++)
                {
                    Span<T> shifted = destination.Slice(k * inner, inner);
                    TensorPrimitives.Subtract(block.Slice(k * inner, inner), max, shifted);
                    TensorPrimitives.Exp(shifted, terms);
                    TensorPrimitives.Add(sum, terms, sum);
                }

                if (logarithm)
                {
                    TensorPrimitives.Log(sum, sum);
                }

                for (int k = 0; k < n; k++)
                {
                    Span<T> row = destination.Slice(k * inner, inner);
                    if (logarithm)
                    {
                        TensorPrimitives.Subtract(row, sum, row);
                    }
                    else
                    {
                        TensorPrimitives.Exp(row, row);
                        TensorPrimitives.Divide(row, sum, row);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(pooled);
        }

    }
}
