using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace SymGrad.Kernels;

/// <summary>The functions generated code computes along the middle axis of a rank-3 tensor (see <see cref="MiddleAxisKernels"/>).</summary>
public enum AxisFunction
{
    /// <summary><c>Sum(x, 1)</c>; an empty axis sums to 0.</summary>
    Sum,

    /// <summary><c>Mean(x, 1)</c>; an empty axis gives NaN, as torch.mean.</summary>
    Mean,

    /// <summary><c>Max(x, 1)</c>, as torch.amax: an empty axis throws, ties share the gradient evenly.</summary>
    Max,

    /// <summary><c>Min(x, 1)</c>, as torch.amin.</summary>
    Min,

    /// <summary><c>LogSumExp(x, 1)</c>, shifted by the maximum; an empty axis gives -infinity.</summary>
    LogSumExp,

    /// <summary><c>Softmax(x, 1)</c>: the shape of x.</summary>
    Softmax,

    /// <summary><c>LogSoftmax(x, 1)</c>: the shape of x.</summary>
    LogSoftmax,
}

/// <summary>
/// Functions along the middle axis of a dense rank-3 tensor <c>[a, b, c]</c> for generated code, with PyTorch's
/// semantics (<c>dim=1</c>). Each of the <c>a</c> blocks <c>[b, c]</c> is a matrix reduced along its axis 0 by
/// <see cref="RowKernels"/>: the middle axis of a block is its rows, read a contiguous row at a time.
/// </summary>
public static class MiddleAxisKernels
{
    /// <summary>
    /// <paramref name="function"/> along axis 1 of <paramref name="x"/> <c>[a, b, c]</c> into <paramref name="destination"/>:
    /// <c>[a, c]</c> for a reduction, <c>[a, b, c]</c> for <c>Softmax</c> and <c>LogSoftmax</c>.
    /// </summary>
    public static void Compute<T>(ReadOnlySpan<T> x, nint a, nint b, nint c, AxisFunction function, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (int outer, int middle, int inner) = Shape(x, a, b, c, function, destination);
        int block = middle * inner;
        for (int i = 0; i < outer; i++)
        {
            ReadOnlySpan<T> slab = x.Slice(i * block, block);
            if (function is AxisFunction.Softmax or AxisFunction.LogSoftmax)
            {
                // x - LogSumExp(x, 1) along each column of the block, exponentiated for Softmax.
                Span<T> output = destination.Slice(i * block, block);
                for (int j = 0; j < inner; j++)
                {
                    T shift = ColumnLogSumExp(slab, middle, inner, j);
                    for (int k = 0; k < middle; k++)
                    {
                        T logarithm = slab[(k * inner) + j] - shift;
                        output[(k * inner) + j] = function == AxisFunction.Softmax ? T.Exp(logarithm) : logarithm;
                    }
                }

                continue;
            }

            Span<T> results = destination.Slice(i * inner, inner);
            switch (function)
            {
                case AxisFunction.Sum:
                    RowKernels.Sum(slab, middle, inner, 0, results);
                    break;
                case AxisFunction.Mean:
                    RowKernels.Sum(slab, middle, inner, 0, results);
                    TensorPrimitives.Divide(results, T.CreateTruncating(middle), results);
                    break;
                case AxisFunction.Max:
                    RowKernels.Max(slab, middle, inner, 0, results);
                    break;
                case AxisFunction.Min:
                    RowKernels.Min(slab, middle, inner, 0, results);
                    break;
                default:
                    RowKernels.LogSumExp(slab, middle, inner, 0, results);
                    break;
            }
        }
    }

    /// <summary>
    /// The gradient of <paramref name="function"/> along axis 1 of <paramref name="x"/> <c>[a, b, c]</c> with respect to
    /// <paramref name="x"/>, from its <paramref name="result"/> and the result's <paramref name="adjoint"/>, as PyTorch's:
    /// the elements equal to a maximum or minimum share its adjoint evenly.
    /// </summary>
    public static void Adjoint<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> result, ReadOnlySpan<T> adjoint, nint a, nint b, nint c, AxisFunction function, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (int outer, int middle, int inner) = Shape(x, a, b, c, function, adjoint);
        int block = middle * inner;
        int kept = function is AxisFunction.Softmax or AxisFunction.LogSoftmax ? block : inner;
        if (destination.Length < outer * block || result.Length < outer * kept)
        {
            throw new ArgumentException($"The gradient of {function}(x, 1) of a [{outer}, {middle}, {inner}] tensor got {result.Length} results and room for {destination.Length} elements.");
        }

        for (int i = 0; i < outer; i++)
        {
            ReadOnlySpan<T> slab = x.Slice(i * block, block);
            ReadOnlySpan<T> y = result.Slice(i * kept, kept);
            ReadOnlySpan<T> dy = adjoint.Slice(i * kept, kept);
            Span<T> dx = destination.Slice(i * block, block);
            for (int j = 0; j < inner; j++)
            {
                switch (function)
                {
                    case AxisFunction.Sum:
                    case AxisFunction.Mean:
                        T share = function == AxisFunction.Mean ? dy[j] / T.CreateTruncating(middle) : dy[j];
                        for (int k = 0; k < middle; k++)
                        {
                            dx[(k * inner) + j] = share;
                        }

                        break;
                    case AxisFunction.Max:
                    case AxisFunction.Min:
                        // As torch.amax: dū over the number of elements equal to the extreme, to each of them.
                        T ties = T.Zero;
                        for (int k = 0; k < middle; k++)
                        {
                            ties += slab[(k * inner) + j] == y[j] ? T.One : T.Zero;
                        }

                        for (int k = 0; k < middle; k++)
                        {
                            dx[(k * inner) + j] = slab[(k * inner) + j] == y[j] ? dy[j] / ties : T.Zero;
                        }

                        break;
                    case AxisFunction.LogSumExp:
                        // d(LogSumExp(u, 1)) = Softmax(u, 1) dū.
                        for (int k = 0; k < middle; k++)
                        {
                            dx[(k * inner) + j] = T.Exp(slab[(k * inner) + j] - y[j]) * dy[j];
                        }

                        break;
                    case AxisFunction.Softmax:
                        // d(s) = s (dū - Sum(s dū, 1)).
                        T weighted = T.Zero;
                        for (int k = 0; k < middle; k++)
                        {
                            weighted += y[(k * inner) + j] * dy[(k * inner) + j];
                        }

                        for (int k = 0; k < middle; k++)
                        {
                            dx[(k * inner) + j] = y[(k * inner) + j] * (dy[(k * inner) + j] - weighted);
                        }

                        break;
                    default:
                        // d(LogSoftmax(u, 1)) = dū - Softmax(u, 1) Sum(dū, 1).
                        T total = T.Zero;
                        for (int k = 0; k < middle; k++)
                        {
                            total += dy[(k * inner) + j];
                        }

                        for (int k = 0; k < middle; k++)
                        {
                            dx[(k * inner) + j] = dy[(k * inner) + j] - (T.Exp(y[(k * inner) + j]) * total);
                        }

                        break;
                }
            }
        }
    }

    private static (int Outer, int Middle, int Inner) Shape<T>(ReadOnlySpan<T> x, nint a, nint b, nint c, AxisFunction function, ReadOnlySpan<T> results)
    {
        int outer = checked((int)a);
        int middle = checked((int)b);
        int inner = checked((int)c);
        int block = checked(middle * inner);
        int kept = function is AxisFunction.Softmax or AxisFunction.LogSoftmax ? block : inner;
        if (x.Length < checked(outer * block) || results.Length < checked(outer * kept))
        {
            throw new ArgumentException($"{function}(x, 1) of a [{outer}, {middle}, {inner}] tensor got {x.Length} elements and {results.Length} results.");
        }

        // As torch.amax and torch.amin: an empty axis throws, even when the result has no elements either.
        if (middle == 0 && function is AxisFunction.Max or AxisFunction.Min)
        {
            throw new ArgumentException(
                $"{function}(x, 1) of an empty axis has no value: the tensor is [{outer}, {middle}, {inner}] and its axis 1 has length 0. " +
                "Reduce along an axis whose length is not 0.");
        }

        return (outer, middle, inner);
    }

    /// <summary>The log-sum-exp of column <paramref name="column"/> of a <c>[rows, columns]</c> block, as RowKernels.LogSumExp gives along axis 0.</summary>
    private static T ColumnLogSumExp<T>(ReadOnlySpan<T> block, int rows, int columns, int column)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T max = T.NegativeInfinity;
        for (int k = 0; k < rows; k++)
        {
            T value = block[(k * columns) + column];
            max = T.IsNaN(value) || T.IsNaN(max) ? T.NaN : T.Max(max, value);
        }

        if (rows == 0 || !T.IsFinite(max))
        {
            return max;
        }

        T sum = T.Zero;
        for (int k = 0; k < rows; k++)
        {
            sum += T.Exp(block[(k * columns) + column] - max);
        }

        return max + T.Log(sum);
    }
}
