using System;
using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using SymGrad.Kernels;

namespace SymGrad;

// Matrix products and transposes of 2-D tensors.
public static partial class TensorMath
{
    /// <summary>
    /// The matrix product of an <c>[m, k]</c> and a <c>[k, n]</c> matrix, an <c>[m, n]</c> matrix; with vectors, as
    /// <c>torch.matmul</c>: <c>[m, k]</c> times <c>[k]</c> is <c>[m]</c>, <c>[k]</c> times <c>[k, n]</c> is <c>[n]</c>, and
    /// <c>[k]</c> times <c>[k]</c> is their dot product, as a <c>[1]</c> tensor (PyTorch's is 0-d; System.Numerics.Tensors
    /// has no rank-0 tensors). Derivatives, for an upstream gradient <c>g</c>: <c>g Transpose(b)</c> with respect to
    /// <paramref name="a"/>, <c>Transpose(a) g</c> with respect to <paramref name="b"/>.
    /// </summary>
    /// <param name="a">The left operand, <c>[m, k]</c> or <c>[k]</c>.</param>
    /// <param name="b">The right operand, <c>[k, n]</c> or <c>[k]</c>.</param>
    /// <returns>A new dense tensor; zeros when <c>k</c> is 0.</returns>
    /// <exception cref="ArgumentException">An operand is not 1-D or 2-D, or the columns of <paramref name="a"/> differ from the rows of <paramref name="b"/>.</exception>
    public static Tensor<float> MatMul(in ReadOnlyTensorSpan<float> a, in ReadOnlyTensorSpan<float> b) => MatMulCore(a, b);

    /// <inheritdoc cref="MatMul(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>
    public static Tensor<double> MatMul(in ReadOnlyTensorSpan<double> a, in ReadOnlyTensorSpan<double> b) => MatMulCore(a, b);

    /// <summary>
    /// The transpose of an <c>[m, n]</c> matrix, as a new dense <c>[n, m]</c> matrix (not a view).
    /// Derivative: the upstream gradient, transposed back.
    /// </summary>
    /// <param name="a">The matrix, <c>[m, n]</c>.</param>
    /// <returns>A new dense <c>[n, m]</c> tensor.</returns>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not 2-D.</exception>
    public static Tensor<float> Transpose(in ReadOnlyTensorSpan<float> a) => TransposeCore(a);

    /// <inheritdoc cref="Transpose(in ReadOnlyTensorSpan{float})"/>
    public static Tensor<double> Transpose(in ReadOnlyTensorSpan<double> a) => TransposeCore(a);

    private static Tensor<T> MatMulCore<T>(in ReadOnlyTensorSpan<T> a, in ReadOnlyTensorSpan<T> b)
        where T : IBinaryFloatingPointIeee754<T>
    {
        RequireMatrixOrVector(a, nameof(a));
        RequireMatrixOrVector(b, nameof(b));
        if (a.Rank == 1 || b.Rank == 1)
        {
            return MatMulWithVector(a, b);
        }

        if (a.Lengths[1] != b.Lengths[0])
        {
            throw new ArgumentException(
                $"MatMul(a, b) multiplies [m, k] by [k, n]: the columns of 'a' must equal the rows of 'b', but 'a' is " +
                $"{ShapeGuard.Format(a.Lengths)} and 'b' is {ShapeGuard.Format(b.Lengths)}. " +
                $"Pass a 'b' with {a.Lengths[1]} rows, or transpose an operand, for example {SuggestedFix.MatMulTransposed(nameof(a), nameof(b))}.",
                nameof(b));
        }

        int m = checked((int)a.Lengths[0]);
        int k = checked((int)a.Lengths[1]);
        int n = checked((int)b.Lengths[1]);
        T[] product = new T[checked(m * n)];
        if (product.Length != 0 && k != 0)
        {
            using DenseElements<T> left = DenseElements<T>.Of(a);

            // Transposing b once makes every product element one contiguous dot product.
            T[] pooled = ArrayPool<T>.Shared.Rent(checked(n * k));
            try
            {
                Span<T> columns = pooled.AsSpan(0, n * k);
                TransposeInto(b, columns);
                for (int i = 0; i < m; i++)
                {
                    ReadOnlySpan<T> row = left.Span.Slice(i * k, k);
                    Span<T> destination = product.AsSpan(i * n, n);
                    for (int j = 0; j < n; j++)
                    {
                        destination[j] = TensorPrimitives.Dot(row, columns.Slice(j * k, k));
                    }
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(pooled);
            }
        }

        return Tensor.Create(product, [m, n]);
    }

    /// <summary>The torch.matmul products with a 1-D operand: matrix-vector, vector-matrix and vector-vector.</summary>
    private static Tensor<T> MatMulWithVector<T>(in ReadOnlyTensorSpan<T> a, in ReadOnlyTensorSpan<T> b)
        where T : IBinaryFloatingPointIeee754<T>
    {
        nint k = a.Lengths[^1];
        if (b.Lengths[0] != k)
        {
            string form = a.Rank == 1 ? (b.Rank == 1 ? "[k] by [k] (a dot product)" : "[k] by [k, n]") : "[m, k] by [k]";
            throw new ArgumentException(
                $"MatMul(a, b) multiplies {form}: the last dimension of 'a' must equal the first of 'b', but 'a' is " +
                $"{ShapeGuard.Format(a.Lengths)} and 'b' is {ShapeGuard.Format(b.Lengths)}. Pass operands whose inner lengths agree, or transpose the matrix.",
                nameof(b));
        }

        using DenseElements<T> left = DenseElements<T>.Of(a);
        using DenseElements<T> right = DenseElements<T>.Of(b);
        if (a.Rank == 1 && b.Rank == 1)
        {
            return Tensor.Create([TensorPrimitives.Dot(left.Span, right.Span)], [1]);
        }

        if (b.Rank == 1)
        {
            // Each output element is a row of 'a' dotted with the vector.
            int m = checked((int)a.Lengths[0]);
            T[] product = new T[m];
            for (int i = 0; i < m; i++)
            {
                product[i] = TensorPrimitives.Dot(left.Span.Slice(i * (int)k, (int)k), right.Span);
            }

            return Tensor.Create(product, [m]);
        }

        // The vector scales each row of 'b' and the rows add up.
        int n = checked((int)b.Lengths[1]);
        T[] combination = new T[n];
        for (int j = 0; j < k; j++)
        {
            TensorPrimitives.MultiplyAdd(right.Span.Slice(j * n, n), left.Span[j], combination, combination);
        }

        return Tensor.Create(combination, [n]);
    }

    /// <summary>Requires a MatMul operand to be a matrix or a vector.</summary>
    private static void RequireMatrixOrVector<T>(in ReadOnlyTensorSpan<T> tensor, string name)
    {
        if (tensor.Rank > 2)
        {
            throw new ArgumentException(
                $"MatMul works on matrices and vectors: '{name}' must be 1-D or 2-D, but it has rank {tensor.Rank} (shape {ShapeGuard.Format(tensor.Lengths)}). " +
                $"Reshape it to [rows, columns] first, for example {SuggestedFix.ReshapeToMatrix(name, tensor.Lengths)}.",
                name);
        }
    }

    private static Tensor<T> TransposeCore<T>(in ReadOnlyTensorSpan<T> a)
    {
        RequireMatrix(a, nameof(a), nameof(Transpose));
        T[] transposed = GC.AllocateUninitializedArray<T>(checked((int)a.FlattenedLength));
        TransposeInto(a, transposed);
        return Tensor.Create(transposed, [a.Lengths[1], a.Lengths[0]]);
    }

    /// <summary>Writes the transpose of a 2-D tensor of any layout, row-major, to <paramref name="destination"/>.</summary>
    private static void TransposeInto<T>(in ReadOnlyTensorSpan<T> source, Span<T> destination)
    {
        // Walking the source through its strides reads dense tensors and views alike, without a dense copy first.
        nint rows = source.Lengths[0], columns = source.Lengths[1];
        nint rowStride = source.Strides[0], columnStride = source.Strides[1];
        ref T origin = ref Unsafe.AsRef(in source.GetPinnableReference());
        for (nint j = 0; j < columns; j++)
        {
            Span<T> row = destination.Slice((int)(j * rows), (int)rows);
            for (nint i = 0; i < rows; i++)
            {
                row[(int)i] = Unsafe.Add(ref origin, (i * rowStride) + (j * columnStride));
            }
        }
    }
}
