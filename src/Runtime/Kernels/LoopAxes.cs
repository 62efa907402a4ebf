using System;
using System.Globalization;
using System.Numerics;

namespace SymGrad.Kernels;

/// <summary>The shapes of reductions along an axis in a method with loops or branches, worked out when it is called.</summary>
public partial struct LoopShape
{
    /// <summary>
    /// The shape of <c>{function}(x, axis, keepDims)</c> of an operand of shape <paramref name="operand"/> (named
    /// <paramref name="text"/>), as PyTorch gives it: the axis removed, or kept with length 1, and a vector reduced to
    /// <c>[1]</c> (there are no rank-0 tensors); the operand's shape for <c>Softmax</c> and <c>LogSoftmax</c>
    /// (<paramref name="whole"/>). An <see cref="ArgumentException"/> when the operand has no such axis.
    /// </summary>
    /// <param name="operand">The operand's shape.</param>
    /// <param name="text">The call, as written.</param>
    /// <param name="axis">The axis, as written.</param>
    /// <param name="keepDims">Whether the reduced axis is kept with length 1.</param>
    /// <param name="whole">Whether the result has the operand's shape (Softmax, LogSoftmax).</param>
    /// <param name="blamed">The parameter an axis the operand does not have is blamed on (the first tensor parameter it reads).</param>
    public static LoopShape Axis(in LoopShape operand, string text, int axis, bool keepDims, bool whole, string blamed)
    {
        if (operand.Count == UnfitReshape)
        {
            // A reshape whose lengths do not fit: its own statement throws, as TensorMath.Reshape throws, before this pass runs.
            return operand;
        }

        if (!operand.Broadcasts)
        {
            operand.ThrowFailure();
            throw new ArgumentException(
                $"{text} is worked out when the method is called, but its operand meets tensors whose shapes do not broadcast. Pass tensors whose shapes broadcast (trailing lengths equal or 1).",
                text);
        }

        int resolved = LoopAxes.Resolve(operand, axis, text, blamed);
        if (whole)
        {
            return operand;
        }

        var shape = new LoopShape();
        long count = 1;
        for (int d = 0; d < operand.Rank; d++)
        {
            if (d != resolved || keepDims)
            {
                nint length = d == resolved ? 1 : operand.lengths[d];
                shape.lengths[shape.Rank++] = length;
                count *= length;
            }
        }

        if (shape.Rank == 0)
        {
            // A vector reduced without keepDims: TensorMath gives its one value as a [1] tensor.
            shape.lengths[shape.Rank++] = 1;
        }

        shape.Count = checked((int)count);
        return shape;
    }
}

/// <summary>
/// Reductions along an axis (<c>Sum</c>, <c>Mean</c>, <c>Max</c>, <c>Min</c>, <c>LogSumExp</c>), <c>Softmax</c> and
/// <c>LogSoftmax</c> in a method with loops or branches: a dense row-major operand read in place as
/// <c>[outer, n, inner]</c> around its axis, on the eager <c>TensorMath</c> code, so a value is the one the method
/// computes as written; the reverse sweep adds the operand's adjoint with PyTorch's rules (ties of a maximum or a
/// minimum share its adjoint evenly).
/// </summary>
public static class LoopAxes
{
    /// <summary>The axis <paramref name="axis"/> names in <paramref name="shape"/>, a negative one counted from the end; throws for none.</summary>
    internal static int Resolve(in LoopShape shape, int axis, string text, string blamed)
    {
        int resolved = axis < 0 ? axis + shape.Rank : axis;
        if (resolved < 0 || resolved >= shape.Rank)
        {
            throw new ArgumentException(
                $"{text} takes axis {axis.ToString(CultureInfo.InvariantCulture)}, but its operand is {shape}, of rank {shape.Rank.ToString(CultureInfo.InvariantCulture)}: the axis must be in " +
                $"[{(-shape.Rank).ToString(CultureInfo.InvariantCulture)}, {(shape.Rank - 1).ToString(CultureInfo.InvariantCulture)}] (a negative axis counts from the end). Pass an axis of the operand, for example -1 for the last.",
                blamed);
        }

        return resolved;
    }

    /// <summary>
    /// Writes <paramref name="function"/> along <paramref name="axis"/> of <paramref name="x"/> (of shape
    /// <paramref name="shape"/>) to <paramref name="result"/>; the shapes were worked out by <see cref="LoopShape.Axis(in LoopShape, string, int, bool, bool, string)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Max or Min along an empty axis, which has no value (as torch.amax raises).</exception>
    public static void Compute<T>(ReadOnlySpan<T> x, in LoopShape shape, int axis, AxisFunction function, string text, Span<T> result)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (int outer, int n, int inner) = Around(shape, axis, text);
        if (n == 0 && function is AxisFunction.Max or AxisFunction.Min)
        {
            throw new ArgumentException(
                $"{text} of an empty axis has no value: its operand is {shape} and its axis {axis.ToString(CultureInfo.InvariantCulture)} has length 0. " +
                "Reduce along an axis whose length is not 0, or take the maximum of a tensor that has elements.",
                text);
        }

        switch (function)
        {
            case AxisFunction.Softmax:
            case AxisFunction.LogSoftmax:
                TensorMath.SoftmaxInto(x, outer, n, inner, function == AxisFunction.LogSoftmax, result);
                break;
            default:
                TensorMath.ReduceAxisInto(x, outer, n, inner, function switch
                {
                    AxisFunction.Sum => TensorMath.AxisReduction.Sum,
                    AxisFunction.Mean => TensorMath.AxisReduction.Mean,
                    AxisFunction.Max => TensorMath.AxisReduction.Max,
                    AxisFunction.Min => TensorMath.AxisReduction.Min,
                    _ => TensorMath.AxisReduction.LogSumExp,
                }, result);
                break;
        }
    }

    /// <summary>
    /// The reverse of <see cref="Compute"/>: adds the gradient with respect to <paramref name="x"/>, from the
    /// <paramref name="result"/> it computed and the result's <paramref name="resultAdjoint"/>, to
    /// <paramref name="xAdjoint"/>. <c>Sum</c>: the adjoint repeated along the axis; <c>Mean</c>: over n;
    /// <c>Max</c>/<c>Min</c>: shared evenly among the elements equal to the extreme; <c>LogSumExp</c>:
    /// <c>exp(x - y) ȳ</c>; <c>Softmax</c>: <c>y (ȳ - Sum(y ȳ))</c>; <c>LogSoftmax</c>: <c>ȳ - exp(y) Sum(ȳ)</c>.
    /// </summary>
    public static void AddAdjoint<T>(ReadOnlySpan<T> x, in LoopShape shape, int axis, AxisFunction function, string text, ReadOnlySpan<T> result, ReadOnlySpan<T> resultAdjoint, Span<T> xAdjoint)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (int outer, int n, int inner) = Around(shape, axis, text);
        for (int o = 0; o < outer; o++)
        {
            int block = o * n * inner;
            for (int i = 0; i < inner; i++)
            {
                int at = block + i;
                int kept = (o * inner) + i;
                switch (function)
                {
                    case AxisFunction.Sum:
                    case AxisFunction.Mean:
                        T share = function == AxisFunction.Mean ? resultAdjoint[kept] / T.CreateTruncating(n) : resultAdjoint[kept];
                        for (int k = 0; k < n; k++)
                        {
                            xAdjoint[at + (k * inner)] += share;
                        }

                        break;
                    case AxisFunction.Max:
                    case AxisFunction.Min:
                        T extreme = result[kept];
                        T ties = T.Zero;
                        for (int k = 0; k < n; k++)
                        {
                            ties += x[at + (k * inner)] == extreme ? T.One : T.Zero;
                        }

                        if (ties > T.Zero)
                        {
                            T each = resultAdjoint[kept] / ties;
                            for (int k = 0; k < n; k++)
                            {
                                if (x[at + (k * inner)] == extreme)
                                {
                                    xAdjoint[at + (k * inner)] += each;
                                }
                            }
                        }

                        break;
                    case AxisFunction.LogSumExp:
                        T total = result[kept];
                        T adjoint = resultAdjoint[kept];
                        for (int k = 0; k < n; k++)
                        {
                            xAdjoint[at + (k * inner)] += T.Exp(x[at + (k * inner)] - total) * adjoint;
                        }

                        break;
                    default:
                        T sum = T.Zero;
                        for (int k = 0; k < n; k++)
                        {
                            int j = at + (k * inner);
                            sum += function == AxisFunction.Softmax ? result[j] * resultAdjoint[j] : resultAdjoint[j];
                        }

                        for (int k = 0; k < n; k++)
                        {
                            int j = at + (k * inner);
                            xAdjoint[j] += function == AxisFunction.Softmax ? result[j] * (resultAdjoint[j] - sum) : resultAdjoint[j] - (T.Exp(result[j]) * sum);
                        }

                        break;
                }
            }
        }
    }

    private static (int Outer, int N, int Inner) Around(in LoopShape shape, int axis, string text)
    {
        int resolved = Resolve(shape, axis, text, text);
        long outer = 1, inner = 1;
        for (int d = 0; d < resolved; d++)
        {
            outer *= shape.Length(d);
        }

        for (int d = resolved + 1; d < shape.Rank; d++)
        {
            inner *= shape.Length(d);
        }

        return (checked((int)outer), checked((int)shape.Length(resolved)), checked((int)inner));
    }
}
