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
        if (labels.Rank != 1)
        {
            throw new ArgumentException(
                $"CrossEntropy(logits, labels) takes one class index per row: 'labels' must be 1-D, but it is {ShapeGuard.Format(labels.Lengths)}. " +
                $"Pass a vector of {(logits.Rank == 2 ? logits.Lengths[0] : 0)} indices, or probabilities of the shape of 'logits' as a float tensor.",
                nameof(labels));
        }

        using DenseElements<int> indices = DenseElements<int>.Of(labels);
        return CrossEntropyCore(logits, indices.Span);
    }

    private static T CrossEntropyCore<T>(in ReadOnlyTensorSpan<T> logits, ReadOnlySpan<int> labels)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireLogits(logits);
        int rows = checked((int)logits.Lengths[0]);
        int classes = checked((int)logits.Lengths[1]);
        if (labels.Length != rows)
        {
            throw new ArgumentException(
                $"CrossEntropy(logits, labels) takes one label per row of 'logits': 'logits' is {ShapeGuard.Format(logits.Lengths)}, so 'labels' needs {rows} " +
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
                    $"CrossEntropy(logits, labels): row {n} has label {labels[n]}, but 'logits' is {ShapeGuard.Format(logits.Lengths)}, so a label must be a class index in [0, {classes - 1}]. " +
                    "Pass class indices counted from 0 (PyTorch's ignore_index -100 is not supported: leave such rows out).");
            }
        }

        if (rows == 0)
        {
            return T.NaN;
        }

        using DenseElements<T> scores = DenseElements<T>.Of(logits);
        T total = T.Zero;
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<T> row = scores.Span.Slice(n * classes, classes);
            total += LogSumExpOf(row) - row[labels[n]];
        }

        return total / T.CreateTruncating(rows);
    }

    private static T CrossEntropyCore<T>(in ReadOnlyTensorSpan<T> logits, in ReadOnlyTensorSpan<T> probabilities)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireLogits(logits);
        RequireSameShape(logits, nameof(logits), probabilities, nameof(probabilities), nameof(CrossEntropy));
        int rows = checked((int)logits.Lengths[0]);
        int classes = checked((int)logits.Lengths[1]);
        if (rows == 0)
        {
            return T.NaN;
        }

        using DenseElements<T> scores = DenseElements<T>.Of(logits);
        using DenseElements<T> targets = DenseElements<T>.Of(probabilities);
        T total = T.Zero;
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<T> row = scores.Span.Slice(n * classes, classes);
            ReadOnlySpan<T> target = targets.Span.Slice(n * classes, classes);

            // -sum(p * (x - lse)) = lse * sum(p) - sum(p * x).
            total += (LogSumExpOf(row) * TensorPrimitives.Sum(target)) - TensorPrimitives.Dot(target, row);
        }

        return total / T.CreateTruncating(rows);
    }

    private static void RequireLogits<T>(in ReadOnlyTensorSpan<T> logits)
    {
        if (logits.Rank != 2)
        {
            throw new ArgumentException(
                $"CrossEntropy(logits, labels) takes logits of shape [N, C], one row of class scores per example: 'logits' must be 2-D, but it is {ShapeGuard.Format(logits.Lengths)}. " +
                $"Reshape it to [N, C], for example {SuggestedFix.ReshapeToMatrix(nameof(logits), logits.Lengths)}.",
                nameof(logits));
        }
    }

    private static T BinaryCrossEntropyCore<T>(in ReadOnlyTensorSpan<T> z, in ReadOnlyTensorSpan<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireSameShape(z, nameof(z), y, nameof(y), nameof(BinaryCrossEntropyWithLogits));
        using DenseElements<T> logits = DenseElements<T>.Of(z);
        using DenseElements<T> targets = DenseElements<T>.Of(y);
        if (logits.Span.IsEmpty)
        {
            return T.NaN;
        }

        var kernel = new BinaryCrossEntropyKernel<T>(logits.Span, targets.Span);
        T total = FusedLoop.Reduce<BinaryCrossEntropyKernel<T>, SumReduction<T>, T>(ref kernel, logits.Span.Length);
        return total / T.CreateTruncating(logits.Span.Length);
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
