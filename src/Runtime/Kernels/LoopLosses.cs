using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace SymGrad.Kernels;

/// <summary>
/// <c>CrossEntropy</c> (against int labels or class probabilities) and <c>BinaryCrossEntropyWithLogits</c> in a method
/// with loops or branches: dense row-major operands read in place, checked and computed by the eager <c>TensorMath</c>
/// code, so a value, and an exception for labels or shapes that do not fit, is the one the method throws as written;
/// the loss goes to element 0 of its array. The reverse sweep adds the operands' adjoints with PyTorch's rules.
/// </summary>
public static class LoopLosses
{
    /// <summary><c>CrossEntropy(logits, labels)</c> of logits of shape <paramref name="shape"/> against class indices.</summary>
    /// <exception cref="ArgumentException">The logits are not 2-D, or there are not as many labels as rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is not a class index.</exception>
    public static void CrossEntropy<T>(ReadOnlySpan<T> logits, in LoopShape shape, ReadOnlySpan<int> labels, Span<T> result)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Span<nint> lengths = stackalloc nint[shape.Rank];
        shape.CopyLengths(lengths);
        TensorMath.RequireLabels(lengths, labels);
        int rows = (int)lengths[0];
        result[0] = rows == 0 ? T.NaN : TensorMath.CrossEntropyOf(logits, rows, (int)lengths[1], labels);
    }

    /// <summary><c>CrossEntropy(logits, labels)</c> against class indices given as an int tensor, which must be 1-D.</summary>
    /// <exception cref="ArgumentException">The labels are not 1-D, the logits are not 2-D, or there are not as many labels as rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is not a class index.</exception>
    public static void CrossEntropy<T>(ReadOnlySpan<T> logits, in LoopShape shape, in ReadOnlyTensorSpan<int> labels, Span<T> result)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Span<nint> lengths = stackalloc nint[shape.Rank];
        shape.CopyLengths(lengths);
        TensorMath.RequireLabelVector(lengths, labels.Lengths);
        using DenseElements<int> indices = DenseElements<int>.Of(labels);
        CrossEntropy(logits, shape, indices.Span, result);
    }

    /// <summary><c>CrossEntropy(logits, probabilities)</c> of logits of shape <paramref name="shape"/> against probabilities of shape <paramref name="targetShape"/>.</summary>
    /// <exception cref="ArgumentException">The logits are not 2-D, or the shapes differ.</exception>
    public static void CrossEntropy<T>(ReadOnlySpan<T> logits, in LoopShape shape, ReadOnlySpan<T> probabilities, in LoopShape targetShape, Span<T> result)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Span<nint> lengths = stackalloc nint[shape.Rank];
        shape.CopyLengths(lengths);
        Span<nint> targetLengths = stackalloc nint[targetShape.Rank];
        targetShape.CopyLengths(targetLengths);
        TensorMath.RequireLogits(lengths);
        TensorMath.RequireSameLengths(lengths, "logits", targetLengths, "probabilities", "CrossEntropy");
        int rows = (int)lengths[0];
        result[0] = rows == 0 ? T.NaN : TensorMath.CrossEntropyOf(logits, probabilities, rows, (int)lengths[1]);
    }

    /// <summary><c>BinaryCrossEntropyWithLogits(z, y)</c> of <paramref name="z"/> of shape <paramref name="zShape"/> against <paramref name="y"/> of shape <paramref name="yShape"/>.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static void BinaryCrossEntropyWithLogits<T>(ReadOnlySpan<T> z, in LoopShape zShape, ReadOnlySpan<T> y, in LoopShape yShape, Span<T> result)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Span<nint> zLengths = stackalloc nint[zShape.Rank];
        zShape.CopyLengths(zLengths);
        Span<nint> yLengths = stackalloc nint[yShape.Rank];
        yShape.CopyLengths(yLengths);
        TensorMath.RequireSameLengths(zLengths, "z", yLengths, "y", "BinaryCrossEntropyWithLogits");
        result[0] = TensorMath.BinaryCrossEntropyOf(z, y);
    }

    /// <summary>
    /// The reverse of <see cref="CrossEntropy{T}(ReadOnlySpan{T}, in LoopShape, ReadOnlySpan{int}, Span{T})"/>: adds
    /// <c>ȳ (softmax(logits[n]) - onehot(labels[n])) / N</c> to <paramref name="logitsAdjoint"/>.
    /// </summary>
    public static void AddCrossEntropyAdjoint<T>(ReadOnlySpan<T> logits, in LoopShape shape, ReadOnlySpan<int> labels, T adjoint, Span<T> logitsAdjoint)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int rows = (int)shape.Length(0);
        int classes = (int)shape.Length(1);
        T share = adjoint / T.CreateTruncating(rows);
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<T> row = logits.Slice(n * classes, classes);
            Span<T> rowAdjoint = logitsAdjoint.Slice(n * classes, classes);
            T total = TensorMath.LogSumExpOf(row);
            for (int c = 0; c < classes; c++)
            {
                rowAdjoint[c] += T.Exp(row[c] - total) * share;
            }

            rowAdjoint[labels[n]] -= share;
        }
    }

    /// <summary>The reverse of the int-tensor-labels <c>CrossEntropy</c>, read densely.</summary>
    public static void AddCrossEntropyAdjoint<T>(ReadOnlySpan<T> logits, in LoopShape shape, in ReadOnlyTensorSpan<int> labels, T adjoint, Span<T> logitsAdjoint)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using DenseElements<int> indices = DenseElements<int>.Of(labels);
        AddCrossEntropyAdjoint(logits, shape, indices.Span, adjoint, logitsAdjoint);
    }

    /// <summary>
    /// The reverse of <c>CrossEntropy(logits, probabilities)</c> for the logits: adds
    /// <c>ȳ (softmax(logits[n]) sum(p[n]) - p[n]) / N</c> to <paramref name="logitsAdjoint"/>.
    /// </summary>
    public static void AddCrossEntropyLogitsAdjoint<T>(ReadOnlySpan<T> logits, in LoopShape shape, ReadOnlySpan<T> probabilities, T adjoint, Span<T> logitsAdjoint)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int rows = (int)shape.Length(0);
        int classes = (int)shape.Length(1);
        T share = adjoint / T.CreateTruncating(rows);
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<T> row = logits.Slice(n * classes, classes);
            ReadOnlySpan<T> target = probabilities.Slice(n * classes, classes);
            Span<T> rowAdjoint = logitsAdjoint.Slice(n * classes, classes);
            T total = TensorMath.LogSumExpOf(row);
            T mass = TensorPrimitives.Sum(target);
            for (int c = 0; c < classes; c++)
            {
                rowAdjoint[c] += ((T.Exp(row[c] - total) * mass) - target[c]) * share;
            }
        }
    }

    /// <summary>
    /// The reverse of <c>CrossEntropy(logits, probabilities)</c> for the probabilities: adds
    /// <c>-ȳ log_softmax(logits[n]) / N</c> to <paramref name="probabilitiesAdjoint"/>.
    /// </summary>
    public static void AddCrossEntropyTargetAdjoint<T>(ReadOnlySpan<T> logits, in LoopShape shape, T adjoint, Span<T> probabilitiesAdjoint)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int rows = (int)shape.Length(0);
        int classes = (int)shape.Length(1);
        T share = adjoint / T.CreateTruncating(rows);
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<T> row = logits.Slice(n * classes, classes);
            Span<T> rowAdjoint = probabilitiesAdjoint.Slice(n * classes, classes);
            T total = TensorMath.LogSumExpOf(row);
            for (int c = 0; c < classes; c++)
            {
                rowAdjoint[c] -= (row[c] - total) * share;
            }
        }
    }

    /// <summary>The reverse of <c>BinaryCrossEntropyWithLogits(z, y)</c> for <c>z</c>: adds <c>ȳ (sigmoid(z) - y) / n</c> to <paramref name="zAdjoint"/>.</summary>
    public static void AddBinaryCrossEntropyLogitsAdjoint<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, T adjoint, Span<T> zAdjoint)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T share = adjoint / T.CreateTruncating(z.Length);
        for (int i = 0; i < z.Length; i++)
        {
            // sigmoid(z) in the form that does not overflow for either sign.
            T e = T.Exp(-T.Abs(z[i]));
            T sigmoid = z[i] >= T.Zero ? T.One / (T.One + e) : e / (T.One + e);
            zAdjoint[i] += (sigmoid - y[i]) * share;
        }
    }

    /// <summary>The reverse of <c>BinaryCrossEntropyWithLogits(z, y)</c> for <c>y</c>: adds <c>-ȳ z / n</c> to <paramref name="yAdjoint"/>.</summary>
    public static void AddBinaryCrossEntropyTargetAdjoint<T>(ReadOnlySpan<T> z, T adjoint, Span<T> yAdjoint)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T share = adjoint / T.CreateTruncating(z.Length);
        for (int i = 0; i < z.Length; i++)
        {
            yAdjoint[i] -= z[i] * share;
        }
    }
}
