using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace SymGrad.Kernels;

/// <summary>
/// Matrix kernels for generated code: products with either operand transposed, transposition, and summing a
/// gradient over rows for a bias. Matrices are dense and row-major.
/// </summary>
public static class MatrixKernels
{
    /// <summary>
    /// Writes <c>op(a) · op(b)</c> to <paramref name="product"/>, where <c>op</c> transposes when asked.
    /// <paramref name="a"/> is stored as <paramref name="aRows"/> x <paramref name="aColumns"/>, and so on.
    /// </summary>
    public static void Multiply<T>(
        ReadOnlySpan<T> a, nint aRows, nint aColumns, bool transposeA,
        ReadOnlySpan<T> b, nint bRows, nint bColumns, bool transposeB,
        Span<T> product)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int m = (int)(transposeA ? aColumns : aRows);
        int k = (int)(transposeA ? aRows : aColumns);
        int n = (int)(transposeB ? bRows : bColumns);
        if ((transposeB ? bColumns : bRows) != k || product.Length < m * n || a.Length < m * k || b.Length < k * n)
        {
            throw new ArgumentException($"Matrix product shapes do not agree: op(a) is [{m}, {k}], op(b) is [{(transposeB ? bColumns : bRows)}, {n}].");
        }

        product = product.Slice(0, m * n);
        if ((m == 1 || n == 1) && MatrixVector.Applies<T>())
        {
            MultiplyByVector(a, m, k, transposeA, b, n, transposeB, product);
            return;
        }

        if (Gemm.Applies<T>((long)m * n * k))
        {
            Gemm.Multiply(a, m, k, transposeA, b, n, transposeB, product);
            return;
        }

        if ((long)m * n * k < Gemm.BlockedThreshold)
        {
            // Tiny products: a call per row or per element would cost more than the arithmetic.
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    T sum = T.Zero;
                    for (int p = 0; p < k; p++)
                    {
                        sum += (transposeA ? a[(p * m) + i] : a[(i * k) + p]) * (transposeB ? b[(j * k) + p] : b[(p * n) + j]);
                    }

                    product[(i * n) + j] = sum;
                }
            }

            return;
        }

        if (!transposeB)
        {
            // Row i of the product accumulates a[i, p] * b[p, :]: contiguous rows of b, vectorized over n.
            product.Clear();
            for (int i = 0; i < m; i++)
            {
                Span<T> row = product.Slice(i * n, n);
                for (int p = 0; p < k; p++)
                {
                    T scale = transposeA ? a[(p * m) + i] : a[(i * k) + p];
                    TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), scale, row, row);
                }
            }

            return;
        }

        if (!transposeA)
        {
            // product[i, j] = a[i, :] · b[j, :]: two contiguous rows.
            for (int i = 0; i < m; i++)
            {
                ReadOnlySpan<T> left = a.Slice(i * k, k);
                for (int j = 0; j < n; j++)
                {
                    product[(i * n) + j] = TensorPrimitives.Dot(left, b.Slice(j * k, k));
                }
            }

            return;
        }

        // Both transposed: product[i, j] = sum over p of a[p, i] * b[j, p].
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    sum += a[(p * m) + i] * b[(j * k) + p];
                }

                product[(i * n) + j] = sum;
            }
        }
    }

    /// <summary>
    /// A product with one row or one column is a matrix-vector product: a vector operand is contiguous whether or not
    /// it is marked transposed, and the matrix is read once in its storage order.
    /// </summary>
    private static void MultiplyByVector<T>(ReadOnlySpan<T> a, int m, int k, bool transposeA, ReadOnlySpan<T> b, int n, bool transposeB, Span<T> product)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (n == 1)
        {
            // op(a) · x: rows of a stored [m, k] dot x, or columns of a stored [k, m] summed with weights x.
            if (transposeA)
            {
                MatrixVector.ColumnSums(a, k, m, b.Slice(0, k), product);
            }
            else
            {
                MatrixVector.RowDots(a, m, k, b.Slice(0, k), product);
            }

            return;
        }

        // x · op(b): columns of b stored [k, n] summed with weights x, or rows of b stored [n, k] dot x.
        if (transposeB)
        {
            MatrixVector.RowDots(b, n, k, a.Slice(0, k), product);
        }
        else
        {
            MatrixVector.ColumnSums(b, k, n, a.Slice(0, k), product);
        }
    }

    /// <summary>Writes the transpose of the <paramref name="rows"/> x <paramref name="columns"/> matrix <paramref name="source"/>.</summary>
    public static void Transpose<T>(ReadOnlySpan<T> source, nint rows, nint columns, Span<T> destination)
    {
        int r = (int)rows;
        int c = (int)columns;
        for (int i = 0; i < r; i++)
        {
            for (int j = 0; j < c; j++)
            {
                destination[(j * r) + i] = source[(i * c) + j];
            }
        }
    }

    /// <summary>
    /// Brings the gradient of an operand that met a <paramref name="rows"/> x <paramref name="columns"/> matrix with
    /// row stride <paramref name="stride"/> back to the operand's shape: summed over rows when the operand was a
    /// repeated vector (stride 0), else copied.
    /// </summary>
    public static void ReduceRepeatedRows<T>(ReadOnlySpan<T> gradient, nint rows, nint columns, nint stride, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int c = (int)columns;
        if (stride == ShapeGuard.ColumnStride)
        {
            // A column repeated across each row: its gradient is the sum of each row.
            for (int i = 0; i < (int)rows; i++)
            {
                destination[i] = TensorPrimitives.Sum(gradient.Slice(i * c, c));
            }

            return;
        }

        if (stride != 0)
        {
            gradient.Slice(0, checked((int)(rows * columns))).CopyTo(destination);
            return;
        }

        destination = destination.Slice(0, c);
        destination.Clear();
        for (int i = 0; i < (int)rows; i++)
        {
            TensorPrimitives.Add(destination, gradient.Slice(i * c, c), destination);
        }
    }
}
