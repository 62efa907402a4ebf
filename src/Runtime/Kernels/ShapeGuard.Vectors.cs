using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

public static partial class ShapeGuard
{
    /// <summary>
    /// Requires <paramref name="tensor"/>, the right operand of a matrix product, to be a dense matrix or vector: a
    /// vector of <c>m</c> elements is read as the column <c>[m, 1]</c>, as <c>torch.matmul</c> reads it.
    /// </summary>
    public static void MatrixOrColumn<T>(in ReadOnlyTensorSpan<T> tensor, string name, out nint rows, out nint columns)
    {
        if (tensor.Rank == 1)
        {
            Dense(tensor, name);
            rows = tensor.Lengths[0];
            columns = 1;
            return;
        }

        Matrix(tensor, name, out rows, out columns);
    }

    /// <summary>
    /// Requires <paramref name="tensor"/>, the left operand of a matrix product, to be a dense matrix or vector: a
    /// vector of <c>m</c> elements is read as the row <c>[1, m]</c>, as <c>torch.matmul</c> reads it.
    /// </summary>
    public static void MatrixOrRow<T>(in ReadOnlyTensorSpan<T> tensor, string name, out nint rows, out nint columns)
    {
        if (tensor.Rank == 1)
        {
            Dense(tensor, name);
            rows = 1;
            columns = tensor.Lengths[0];
            return;
        }

        Matrix(tensor, name, out rows, out columns);
    }

    /// <summary>
    /// Resolves how <paramref name="tensor"/> meets a <paramref name="rows"/> x <paramref name="columns"/> matrix
    /// element-wise, as <see cref="RowStride{T}(in ReadOnlyTensorSpan{T}, string, nint, nint)"/>; when
    /// <paramref name="vector"/> is true the matrix is a product with a vector, PyTorch's vector <c>[rows]</c> held as
    /// <c>[rows, 1]</c>, and <paramref name="tensor"/> meets it as a vector does: <c>[rows]</c> or <c>[1, rows]</c>
    /// element by element (row stride 1), or one element repeated (row stride 0).
    /// </summary>
    /// <returns>The row stride.</returns>
    public static nint RowStride<T>(in ReadOnlyTensorSpan<T> tensor, string name, nint rows, nint columns, bool vector)
    {
        if (!vector)
        {
            return RowStride(tensor, name, rows, columns);
        }

        ReadOnlySpan<nint> lengths = tensor.Lengths;
        nint last = lengths[lengths.Length - 1];
        if (lengths.Length == 1 || (lengths.Length == 2 && lengths[0] == 1))
        {
            if (last == rows)
            {
                return 1;
            }

            if (last == 1)
            {
                return 0;
            }
        }

        ThrowNotVectorOperand(lengths, name, rows);
        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotVectorOperand(ReadOnlySpan<nint> lengths, string name, nint rows)
        => throw new ArgumentException(
            $"'{name}' meets the product of a matrix and a vector, a vector of {rows} elements, element-wise, so it must have shape [{rows}] (or [1, {rows}], or one element), " +
            $"but its shape is {Format(lengths)}.",
            name);
}
