using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

public static partial class ShapeGuard
{
    /// <summary>Requires <paramref name="tensor"/> to be a dense matrix (rank 2), for a matrix product or a transpose.</summary>
    public static void Matrix<T>(in ReadOnlyTensorSpan<T> tensor, string name, out nint rows, out nint columns)
    {
        if (tensor.Rank != 2)
        {
            ThrowNotMatrix(tensor.Lengths, name);
        }

        Dense(tensor, name);
        rows = tensor.Lengths[0];
        columns = tensor.Lengths[1];
    }

    /// <summary>
    /// Requires two dimensions that must agree (a product's inner dimension, or matrices meeting element-wise) to be
    /// equal: dimension <paramref name="firstAxis"/> of <paramref name="firstName"/> and <paramref name="secondAxis"/> of <paramref name="secondName"/>.
    /// </summary>
    public static void SameDimension(nint first, string firstName, int firstAxis, nint second, string secondName, int secondAxis)
    {
        if (first != second)
        {
            ThrowDifferentDimensions(first, firstName, firstAxis, second, secondName, secondAxis);
        }
    }

    /// <summary>
    /// Resolves how <paramref name="tensor"/> meets a <paramref name="rows"/> x <paramref name="columns"/> matrix
    /// element-wise: as a matrix of that shape (row stride <paramref name="columns"/>), or as a vector of
    /// <paramref name="columns"/> elements (or a [1, <paramref name="columns"/>] matrix) repeated over every row, like a
    /// bias (row stride 0).
    /// </summary>
    /// <returns>The row stride, or <see cref="ColumnStride"/> for a matrix of one column repeated across each row.</returns>
    public static nint RowStride<T>(in ReadOnlyTensorSpan<T> tensor, string name, nint rows, nint columns)
    {
        ReadOnlySpan<nint> lengths = tensor.Lengths;
        if (lengths.Length == 2 && lengths[0] == rows && lengths[1] == columns)
        {
            return columns;
        }

        // A vector, or a matrix of one row: NumPy broadcasts either down the rows.
        if ((lengths.Length == 1 && lengths[0] == columns) || (lengths.Length == 2 && lengths[0] == 1 && lengths[1] == columns))
        {
            return 0;
        }

        // A matrix of one column: NumPy broadcasts it across each row, read as one value per row.
        if (lengths.Length == 2 && lengths[0] == rows && lengths[1] == 1)
        {
            return ColumnStride;
        }

        // One element [1] meeting a single row (a vector, such as Sum(x, 1)): the row's one value, repeated across it.
        if (lengths.Length == 1 && lengths[0] == 1 && rows == 1)
        {
            return ColumnStride;
        }

        ThrowNotRowOperand(lengths, name, rows, columns);
        return 0;
    }

    /// <summary>
    /// Requires <paramref name="tensor"/>, read at <paramref name="stride"/> over a <paramref name="rows"/> x
    /// <paramref name="columns"/> matrix, to span its rows (<paramref name="spanRows"/>: not one row repeated) or its
    /// columns (<paramref name="spanColumns"/>: not one column repeated) where a value made from it without that matrix is
    /// reduced: run as written that value would have <paramref name="tensor"/>'s own, narrower shape there.
    /// </summary>
    public static void RowOperandSpans<T>(in ReadOnlyTensorSpan<T> tensor, string name, nint stride, nint rows, nint columns, bool spanRows, bool spanColumns)
    {
        if ((spanRows && stride == 0 && rows != 1) || (spanColumns && stride == ColumnStride && columns != 1))
        {
            ThrowNarrowRowOperand(tensor.Lengths, name, rows, columns, spanRows && stride == 0 ? 0 : 1);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNarrowRowOperand(ReadOnlySpan<nint> lengths, string name, nint rows, nint columns, int axis)
        => throw new ArgumentException(
            $"'{name}' has shape {Format(lengths)} and meets a [{rows}, {columns}] matrix element-wise, but this method reduces a value made from '{name}' without that matrix along axis {axis}, " +
            $"which run as written keeps '{name}''s length 1 there instead of {(axis == 0 ? rows : columns)}; the generated code computes such a value in the matrix's shape only. " +
            $"Pass '{name}' with shape [{rows}, {columns}]{(axis == 0 ? $" or [{rows}, 1]" : $" or [{columns}]")}, or rewrite the value so it reads the matrix.",
            name);

    /// <summary>
    /// The row stride <see cref="RowStride{T}(in ReadOnlyTensorSpan{T}, string, nint, nint)"/> gives a <c>[rows, 1]</c>
    /// operand: each row's one value is repeated across that row (a kernel reads element <c>Row</c>).
    /// </summary>
    public const nint ColumnStride = -1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotMatrix(ReadOnlySpan<nint> lengths, string name)
        => throw new ArgumentException(
            $"'{name}' takes part in a matrix product, a transpose or a reduction along an axis and must be a matrix (rank 2), but its shape is {Format(lengths)}. " +
            "Reshape it to [rows, columns].",
            name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDifferentDimensions(nint first, string firstName, int firstAxis, nint second, string secondName, int secondAxis)
        => throw new ArgumentException(
            $"Dimension {firstAxis} of '{firstName}' is {first} but dimension {secondAxis} of '{secondName}' is {second}; they must be equal because " +
            "they meet in a matrix product or an element-wise operation. Check the shapes, or transpose one of the matrices.",
            secondName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotRowOperand(ReadOnlySpan<nint> lengths, string name, nint rows, nint columns)
        => throw new ArgumentException(
            $"'{name}' meets a [{rows}, {columns}] matrix element-wise, so it must have shape [{rows}, {columns}], be a vector of {columns} elements repeated over the rows (a bias; [{columns}] or [1, {columns}]), " +
            $"or a column of {rows} elements repeated across each row ([{rows}, 1]), " +
            $"but its shape is {Format(lengths)}.",
            name);
}
