using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

public static partial class ShapeGuard
{
    /// <summary>
    /// Requires <paramref name="labels"/> to hold one class index in [0, <paramref name="columns"/>) per row of a
    /// <paramref name="rows"/> x <paramref name="columns"/> matrix of logits, as <c>CrossEntropy(logits, labels)</c> does.
    /// </summary>
    /// <returns>The labels, as a span.</returns>
    public static ReadOnlySpan<int> Labels(ReadOnlySpan<int> labels, string name, nint rows, nint columns)
    {
        if (labels.Length != rows)
        {
            ThrowLabelCount(labels.Length, name, rows, columns);
        }

        for (int n = 0; n < labels.Length; n++)
        {
            if ((uint)labels[n] >= (ulong)columns)
            {
                ThrowLabelOutOfRange(labels[n], n, name, rows, columns);
            }
        }

        return labels;
    }

    /// <summary>As the overload over spans; the labels must be a dense vector.</summary>
    /// <returns>The labels, as a span.</returns>
    public static ReadOnlySpan<int> Labels(in ReadOnlyTensorSpan<int> labels, string name, nint rows, nint columns)
    {
        if (labels.Rank != 1)
        {
            throw new ArgumentException(
                $"CrossEntropy(logits, labels) takes one class index per row: '{name}' must be 1-D, but it is {Format(labels.Lengths)}. " +
                $"Pass a vector of {rows} indices, or probabilities of the shape of the logits as a float tensor.",
                name);
        }

        Dense(labels, name);
        return Labels(Elements(labels), name, rows, columns);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLabelCount(int count, string name, nint rows, nint columns)
        => throw new ArgumentException(
            $"CrossEntropy(logits, labels) takes one label per row of the logits: the logits are [{rows}, {columns}], so '{name}' needs {rows} " +
            $"class indices, but it has {count}. Pass one label per row.",
            name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLabelOutOfRange(int label, int row, string name, nint rows, nint columns)
        => throw new ArgumentOutOfRangeException(
            name,
            label,
            $"CrossEntropy(logits, labels): row {row} of '{name}' has label {label}, but the logits are [{rows}, {columns}], so a label must be a class index in [0, {columns - 1}]. " +
            "Pass class indices counted from 0.");
}
