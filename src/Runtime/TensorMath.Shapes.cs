using System;
using System.Numerics.Tensors;
using SymGrad.Kernels;

namespace SymGrad;

// Reshaping.
public static partial class TensorMath
{
    /// <summary>
    /// The elements of <paramref name="x"/> in row-major order, in a new dense tensor of shape
    /// <paramref name="lengths"/>, as <c>torch.reshape</c>: one length may be -1, inferred from the others.
    /// Derivative: the upstream gradient reshaped back to the shape of <paramref name="x"/>.
    /// </summary>
    /// <param name="x">The input, of any shape and layout.</param>
    /// <param name="lengths">The new shape, with as many elements as <paramref name="x"/>; at most one -1.</param>
    /// <returns>A new dense tensor.</returns>
    /// <exception cref="ArgumentException">The lengths are negative, hold more than one -1, or do not match the number of elements.</exception>
    public static Tensor<float> Reshape(in ReadOnlyTensorSpan<float> x, params ReadOnlySpan<int> lengths) => ReshapeCore(x, Widen(lengths));

    /// <inheritdoc cref="Reshape(in ReadOnlyTensorSpan{float}, ReadOnlySpan{int})"/>
    public static Tensor<double> Reshape(in ReadOnlyTensorSpan<double> x, params ReadOnlySpan<int> lengths) => ReshapeCore(x, Widen(lengths));

    /// <inheritdoc cref="Reshape(in ReadOnlyTensorSpan{float}, ReadOnlySpan{int})"/>
    public static Tensor<float> Reshape(in ReadOnlyTensorSpan<float> x, params ReadOnlySpan<nint> lengths) => ReshapeCore(x, lengths.ToArray());

    /// <inheritdoc cref="Reshape(in ReadOnlyTensorSpan{float}, ReadOnlySpan{int})"/>
    public static Tensor<double> Reshape(in ReadOnlyTensorSpan<double> x, params ReadOnlySpan<nint> lengths) => ReshapeCore(x, lengths.ToArray());

    private static nint[] Widen(ReadOnlySpan<int> lengths)
    {
        nint[] wide = new nint[lengths.Length];
        for (int i = 0; i < lengths.Length; i++)
        {
            wide[i] = lengths[i];
        }

        return wide;
    }

    private static Tensor<T> ReshapeCore<T>(in ReadOnlyTensorSpan<T> x, nint[] lengths)
    {
        if (ReshapeProblem(x.Lengths, lengths) is { } problem)
        {
            throw new ArgumentException(problem, nameof(lengths));
        }

        T[] result = GC.AllocateUninitializedArray<T>(checked((int)x.FlattenedLength));
        x.FlattenTo(result);
        return Tensor.Create(result, lengths);
    }

    /// <summary>
    /// What is wrong with <c>Reshape(x, lengths)</c> of an <c>x</c> of lengths <paramref name="source"/>, as the message
    /// of the <see cref="ArgumentException"/> it throws; null when nothing is, with the -1 in <paramref name="lengths"/>
    /// replaced by the length it stands for.
    /// </summary>
    internal static string? ReshapeProblem(ReadOnlySpan<nint> source, Span<nint> lengths)
    {
        nint count = 1;
        foreach (nint length in source)
        {
            count *= length;
        }

        if (lengths.Length == 0)
        {
            return $"Reshape(x, lengths) needs at least one length (tensors have rank 1 or more), but none was given for 'x' of shape {ShapeGuard.Format(source)}. " +
                $"Pass the new shape, for example Reshape(x, {count}) for a vector.";
        }

        int inferred = -1;
        nint known = 1;
        for (int d = 0; d < lengths.Length; d++)
        {
            if (lengths[d] == -1)
            {
                if (inferred >= 0)
                {
                    return $"Reshape(x, {ShapeGuard.Format(lengths)}) has more than one -1, so the shape is ambiguous. Give every length but one.";
                }

                inferred = d;
            }
            else if (lengths[d] < 0)
            {
                return $"Reshape(x, {ShapeGuard.Format(lengths)}) has the negative length {lengths[d]} at position {d}. Lengths are 0 or more, or -1 for the one inferred from the others.";
            }
            else
            {
                known *= lengths[d];
            }
        }

        if (inferred >= 0)
        {
            if (known == 0 || count % known != 0)
            {
                return $"Reshape(x, {ShapeGuard.Format(lengths)}) cannot infer the -1: 'x' is {ShapeGuard.Format(source)} with {count} elements, which the other lengths (product {known}) do not divide. " +
                    "Pass lengths whose product divides the number of elements.";
            }

            lengths[inferred] = count / known;
        }
        else if (known != count)
        {
            return $"Reshape(x, {ShapeGuard.Format(lengths)}) needs {known} elements, but 'x' is {ShapeGuard.Format(source)} with {count}. Pass lengths whose product is {count}, or -1 for one of them.";
        }

        return null;
    }
}
