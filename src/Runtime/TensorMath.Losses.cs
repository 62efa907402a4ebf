using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SymGrad.Kernels;

namespace SymGrad;

// Classification losses, each the mean over examples as PyTorch's default reduction.
public static partial class TensorMath
{
    /// <summary>
    /// The cross-entropy of <c>[N, C]</c> logits against class indices, the mean over the <c>N</c> rows of
    /// <c>logsumexp(logits[n]) - logits[n, labels[n]]</c>, as <c>torch.nn.functional.cross_entropy(logits, labels)</c>;
    /// NaN when <c>N</c> is 0. Unlike PyTorch, no label value is ignored: -100 is out of range like any other.
    /// Derivative with respect to the logits: <c>(softmax(logits[n]) - onehot(labels[n])) / N</c>.
    /// </summary>
    /// <param name="logits">The scores, <c>[N, C]</c>.</param>
    /// <param name="labels">The class of each row, <c>N</c> indices in <c>[0, C)</c>.</param>
    /// <returns>The mean loss.</returns>
    /// <exception cref="ArgumentException">The logits are not 2-D, or there are not <c>N</c> labels.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is not a class index.</exception>
    public static float CrossEntropy(in ReadOnlyTensorSpan<float> logits, ReadOnlySpan<int> labels) => CrossEntropyCore(logits, labels);

    /// <inheritdoc cref="CrossEntropy(in ReadOnlyTensorSpan{float}, ReadOnlySpan{int})"/>
    public static double CrossEntropy(in ReadOnlyTensorSpan<double> logits, ReadOnlySpan<int> labels) => CrossEntropyCore(logits, labels);

    /// <inheritdoc cref="CrossEntropy(in ReadOnlyTensorSpan{float}, ReadOnlySpan{int})"/>
    public static float CrossEntropy(in ReadOnlyTensorSpan<float> logits, in ReadOnlyTensorSpan<int> labels) => CrossEntropyCore(logits, labels);

    /// <inheritdoc cref="CrossEntropy(in ReadOnlyTensorSpan{float}, ReadOnlySpan{int})"/>
    public static double CrossEntropy(in ReadOnlyTensorSpan<double> logits, in ReadOnlyTensorSpan<int> labels) => CrossEntropyCore(logits, labels);

    /// <summary>
    /// The cross-entropy of <c>[N, C]</c> logits against class probabilities, the mean over the <c>N</c> rows of
    /// <c>-sum(probabilities[n] * log_softmax(logits[n]))</c>, as <c>torch.nn.functional.cross_entropy</c> with
    /// probability targets; NaN when <c>N</c> is 0. Derivative with respect to the logits:
    /// <c>(softmax(logits[n]) * sum(probabilities[n]) - probabilities[n]) / N</c>.
    /// </summary>
    /// <param name="logits">The scores, <c>[N, C]</c>.</param>
    /// <param name="probabilities">The target distribution of each row, <c>[N, C]</c>.</param>
    /// <returns>The mean loss.</returns>
    /// <exception cref="ArgumentException">The logits are not 2-D, or the shapes differ.</exception>
    public static float CrossEntropy(in ReadOnlyTensorSpan<float> logits, in ReadOnlyTensorSpan<float> probabilities) => CrossEntropyCore(logits, probabilities);

    /// <inheritdoc cref="CrossEntropy(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>
    public static double CrossEntropy(in ReadOnlyTensorSpan<double> logits, in ReadOnlyTensorSpan<double> probabilities) => CrossEntropyCore(logits, probabilities);

    /// <summary>
    /// The binary cross-entropy of logits <c>z</c> against targets <c>y</c>, the mean of
    /// <c>-(y log(sigmoid(z)) + (1 - y) log(1 - sigmoid(z)))</c>, computed stably as
    /// <c>max(z, 0) - z y + log1p(exp(-|z|))</c>, as <c>torch.nn.functional.binary_cross_entropy_with_logits</c>;
    /// NaN for empty tensors. Derivative with respect to <paramref name="z"/>: <c>(sigmoid(z) - y) / n</c>.
    /// </summary>
    /// <param name="z">The logits, of any shape.</param>
    /// <param name="y">The targets, usually in [0, 1], of the shape of <paramref name="z"/>.</param>
    /// <returns>The mean loss.</returns>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static float BinaryCrossEntropyWithLogits(in ReadOnlyTensorSpan<float> z, in ReadOnlyTensorSpan<float> y) => BinaryCrossEntropyCore(z, y);

    /// <inheritdoc cref="BinaryCrossEntropyWithLogits(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>
    public static double BinaryCrossEntropyWithLogits(in ReadOnlyTensorSpan<double> z, in ReadOnlyTensorSpan<double> y) => BinaryCrossEntropyCore(z, y);

    private static T CrossEntropyCore<T>(in ReadOnlyTensorSpan<T> logits, in ReadOnlyTensorSpan<int> labels)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireLabelVector(logits.Lengths, labels.Lengths);
        using DenseElements<int> indices = DenseElements<int>.Of(labels);
        return CrossEntropyCore(logits, indices.Span);
    }

    private static T CrossEntropyCore<T>(in ReadOnlyTensorSpan<T> logits, ReadOnlySpan<int> labels)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireLabels(logits.Lengths, labels);
        int rows = checked((int)logits.Lengths[0]);
        int classes = checked((int)logits.Lengths[1]);
        if (rows == 0)
        {
            return T.NaN;
        }

        using DenseElements<T> scores = DenseElements<T>.Of(logits);
        return CrossEntropyOf(scores.Span, rows, classes, labels);
    }

    /// <summary>
    /// Requires int labels given as a tensor to be 1-D, as <c>CrossEntropy(logits, labels)</c> does, from the lengths of
    /// <c>logits</c> and of <c>labels</c>.
    /// </summary>
    internal static void RequireLabelVector(ReadOnlySpan<nint> logits, ReadOnlySpan<nint> labels)
    {
        if (labels.Length != 1)
        {
            throw new ArgumentException(
                $"CrossEntropy(logits, labels) takes one class index per row: 'labels' must be 1-D, but it is {ShapeGuard.Format(labels)}. " +
                $"Pass a vector of {(logits.Length == 2 ? logits[0] : 0)} indices, or probabilities of the shape of 'logits' as a float tensor.",
                nameof(labels));
        }
    }

    /// <summary>
    /// Requires logits of lengths <paramref name="logits"/> to be <c>[N, C]</c> and <paramref name="labels"/> to be
    /// <c>N</c> class indices in <c>[0, C)</c>, as <c>CrossEntropy(logits, labels)</c> does, every label checked
    /// before anything is computed.
    /// </summary>
    internal static void RequireLabels(ReadOnlySpan<nint> logits, ReadOnlySpan<int> labels)
    {
        RequireLogits(logits);
        int rows = checked((int)logits[0]);
        int classes = checked((int)logits[1]);
        if (labels.Length != rows)
        {
            throw new ArgumentException(
                $"CrossEntropy(logits, labels) takes one label per row of 'logits': 'logits' is {ShapeGuard.Format(logits)}, so 'labels' needs {rows} " +
                $"class indices, but it has {labels.Length}. Pass one label per row.",
                nameof(labels));
        }

        // Every label is checked before anything is computed, so a bad one never yields a number.
        for (int n = 0; n < rows; n++)
        {
            if ((uint)labels[n] >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(labels),
                    labels[n],
                    $"CrossEntropy(logits, labels): row {n} has label {labels[n]}, but 'logits' is {ShapeGuard.Format(logits)}, so a label must be a class index in [0, {classes - 1}]. " +
                    "Pass class indices counted from 0 (PyTorch's ignore_index -100 is not supported: leave such rows out).");
            }
        }
    }

    /// <summary>The mean over <paramref name="rows"/> rows of <c>logsumexp(row) - row[label]</c>, of dense row-major scores whose labels were checked.</summary>
    internal static T CrossEntropyOf<T>(ReadOnlySpan<T> scores, int rows, int classes, ReadOnlySpan<int> labels)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T total = T.Zero;
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<T> row = scores.Slice(n * classes, classes);
            total += LogSumExpOf(row) - row[labels[n]];
        }

        return total / T.CreateTruncating(rows);
    }

    private static T CrossEntropyCore<T>(in ReadOnlyTensorSpan<T> logits, in ReadOnlyTensorSpan<T> probabilities)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireLogits(logits.Lengths);
        RequireSameLengths(logits.Lengths, nameof(logits), probabilities.Lengths, nameof(probabilities), nameof(CrossEntropy));
        int rows = checked((int)logits.Lengths[0]);
        int classes = checked((int)logits.Lengths[1]);
        if (rows == 0)
        {
            return T.NaN;
        }

        using DenseElements<T> scores = DenseElements<T>.Of(logits);
        using DenseElements<T> targets = DenseElements<T>.Of(probabilities);
        return CrossEntropyOf(scores.Span, targets.Span, rows, classes);
    }

    /// <summary>The mean over <paramref name="rows"/> rows of <c>-sum(p * log_softmax(row))</c>, of dense row-major scores and targets of one shape.</summary>
    internal static T CrossEntropyOf<T>(ReadOnlySpan<T> scores, ReadOnlySpan<T> targets, int rows, int classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T total = T.Zero;
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<T> row = scores.Slice(n * classes, classes);
            ReadOnlySpan<T> target = targets.Slice(n * classes, classes);

            // -sum(p * (x - lse)) = lse * sum(p) - sum(p * x).
            total += (LogSumExpOf(row) * TensorPrimitives.Sum(target)) - TensorPrimitives.Dot(target, row);
        }

        return total / T.CreateTruncating(rows);
    }

    /// <summary>Requires logits of lengths <paramref name="lengths"/> to be <c>[N, C]</c>, as <c>CrossEntropy</c> does.</summary>
    internal static void RequireLogits(ReadOnlySpan<nint> lengths)
    {
        if (lengths.Length != 2)
        {
            string logits = nameof(logits);
            throw new ArgumentException(
                $"CrossEntropy(logits, labels) takes logits of shape [N, C], one row of class scores per example: 'logits' must be 2-D, but it is {ShapeGuard.Format(lengths)}. " +
                $"Reshape it to [N, C], for example {SuggestedFix.ReshapeToMatrix(logits, lengths)}.",
                logits);
        }
    }

    /// <summary>Requires two operands of an element-pairing operation to have the same lengths, as the eager functions do.</summary>
    internal static void RequireSameLengths(ReadOnlySpan<nint> x, string xName, ReadOnlySpan<nint> y, string yName, string operation)
    {
        if (!x.SequenceEqual(y))
        {
            throw new ArgumentException(
                $"{operation}({xName}, {yName}) pairs elements one to one and does not broadcast: '{xName}' and '{yName}' must have the same shape, " +
                $"but '{xName}' is {ShapeGuard.Format(x)} and '{yName}' is {ShapeGuard.Format(y)}. Pass tensors of the same shape.",
                yName);
        }
    }

    private static T BinaryCrossEntropyCore<T>(in ReadOnlyTensorSpan<T> z, in ReadOnlyTensorSpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireSameShape(z, nameof(z), y, nameof(y), nameof(BinaryCrossEntropyWithLogits));
        using DenseElements<T> logits = DenseElements<T>.Of(z);
        using DenseElements<T> targets = DenseElements<T>.Of(y);
        return BinaryCrossEntropyOf(logits.Span, targets.Span);
    }

    /// <summary>The mean of <c>max(z, 0) - z y + log1p(exp(-|z|))</c> over dense elements of one count; NaN for none.</summary>
    internal static T BinaryCrossEntropyOf<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (z.IsEmpty)
        {
            return T.NaN;
        }

        var kernel = new BinaryCrossEntropyKernel<T>(z, y);
        T total = FusedLoop.Reduce<BinaryCrossEntropyKernel<T>, SumReduction<T>, T>(ref kernel, z.Length);
        return total / T.CreateTruncating(z.Length);
    }

    /// <summary><c>max(z, 0) - z y + log1p(exp(-|z|))</c>, the terms of a binary cross-entropy with logits.</summary>
    private readonly ref struct BinaryCrossEntropyKernel<T> : IFusedKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly ref readonly T _z;
        private readonly ref readonly T _y;

        public BinaryCrossEntropyKernel(ReadOnlySpan<T> z, ReadOnlySpan<T> y)
        {
            _z = ref MemoryMarshal.GetReference(z);
            _y = ref MemoryMarshal.GetReference(y);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(nint i)
        {
            T z = Unsafe.Add(ref Unsafe.AsRef(in _z), i);
            return T.Max(z, T.Zero) - (z * Unsafe.Add(ref Unsafe.AsRef(in _y), i)) + Log1pOf(T.Exp(-T.Abs(z)));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVector Invoke<TVector>(nint i)
            where TVector : struct, IVector<TVector, T>
        {
            TVector z = TVector.Load(in _z, i);
            return TVector.Maximum(z, TVector.Create(T.Zero)) - (z * TVector.Load(in _y, i)) + TVector.Log1p(TVector.Exp(-TVector.Abs(z)));
        }
    }
}
