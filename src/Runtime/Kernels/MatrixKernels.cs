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
        => Multiply(a, aRows, aColumns, aColumns, transposeA, b, bRows, bColumns, bColumns, transposeB, product, transposeB ? bRows : bColumns);

    /// <summary>
    /// Writes <c>op(a) · op(b)</c> to <paramref name="product"/>, where each matrix may be a block of a larger one read
    /// and written in place: <paramref name="a"/> starts at the block's first element and its rows start
    /// <paramref name="aStride"/> elements apart, and so on; nothing outside the product's block is written.
    /// </summary>
    public static void Multiply<T>(
        ReadOnlySpan<T> a, nint aRows, nint aColumns, nint aStride, bool transposeA,
        ReadOnlySpan<T> b, nint bRows, nint bColumns, nint bStride, bool transposeB,
        Span<T> product, nint productStride)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int m = (int)(transposeA ? aColumns : aRows);
        int k = (int)(transposeA ? aRows : aColumns);
        int n = (int)(transposeB ? bRows : bColumns);
        int lda = (int)aStride;
        int ldb = (int)bStride;
        int ldc = (int)productStride;
        if ((transposeB ? bColumns : bRows) != k)
        {
            throw new ArgumentException($"Matrix product shapes do not agree: op(a) is [{m}, {k}], op(b) is [{(transposeB ? bColumns : bRows)}, {n}].");
        }

        if (!Gemm.Holds(a.Length, lda, (int)aRows, (int)aColumns) || !Gemm.Holds(b.Length, ldb, (int)bRows, (int)bColumns) || !Gemm.Holds(product.Length, ldc, m, n))
        {
            throw new ArgumentException($"Matrix product spans are too short for op(a) [{m}, {k}] · op(b) [{k}, {n}]: a has {a.Length} elements (row stride {lda}), b {b.Length} (row stride {ldb}), the product {product.Length} (row stride {ldc}).");
        }

        if (MatrixVector.Applies<T>() && TryMultiplyByVector(a, m, k, lda, transposeA, b, n, ldb, transposeB, product, ldc))
        {
            return;
        }

        if (Gemm.Applies<T>((long)m * n * k))
        {
            Gemm.Multiply(new Operand<T>(a, lda), m, k, transposeA, new Operand<T>(b, ldb), n, transposeB, product, ldc);
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
                        sum += (transposeA ? a[(p * lda) + i] : a[(i * lda) + p]) * (transposeB ? b[(j * ldb) + p] : b[(p * ldb) + j]);
                    }

                    product[(i * ldc) + j] = sum;
                }
            }

            return;
        }

        if (!transposeB)
        {
            // Row i of the product accumulates a[i, p] * b[p, :]: contiguous rows of b, vectorized over n.
            for (int i = 0; i < m; i++)
            {
                Span<T> row = product.Slice(i * ldc, n);
                row.Clear();
                for (int p = 0; p < k; p++)
                {
                    T scale = transposeA ? a[(p * lda) + i] : a[(i * lda) + p];
                    TensorPrimitives.MultiplyAdd(b.Slice(p * ldb, n), scale, row, row);
                }
            }

            return;
        }

        if (!transposeA)
        {
            // product[i, j] = a[i, :] · b[j, :]: two contiguous rows.
            for (int i = 0; i < m; i++)
            {
                ReadOnlySpan<T> left = a.Slice(i * lda, k);
                for (int j = 0; j < n; j++)
                {
                    product[(i * ldc) + j] = TensorPrimitives.Dot(left, b.Slice(j * ldb, k));
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
                    sum += a[(p * lda) + i] * b[(j * ldb) + p];
                }

                product[(i * ldc) + j] = sum;
            }
        }
    }

    /// <summary>
    /// A product with one row or one column is a matrix-vector product when its vectors (the one-row or one-column
    /// operand and the product) are contiguous: the matrix is read once in its storage order. False when it is none.
    /// </summary>
    private static bool TryMultiplyByVector<T>(ReadOnlySpan<T> a, int m, int k, int lda, bool transposeA, ReadOnlySpan<T> b, int n, int ldb, bool transposeB, Span<T> product, int ldc)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (n == 1 && (transposeB || ldb == 1 || k <= 1) && (ldc == 1 || m <= 1))
        {
            // op(a) · x: rows of a stored [m, k] dot x, or columns of a stored [k, m] summed with weights x.
            if (transposeA)
            {
                MatrixVector.ColumnSums(new Operand<T>(a, lda), k, m, b.Slice(0, k), product.Slice(0, m));
            }
            else
            {
                MatrixVector.RowDots(new Operand<T>(a, lda), m, k, b.Slice(0, k), product.Slice(0, m));
            }

            return true;
        }

        if (m == 1 && (!transposeA || lda == 1 || k <= 1))
        {
            // x · op(b): columns of b stored [k, n] summed with weights x, or rows of b stored [n, k] dot x.
            if (transposeB)
            {
                MatrixVector.RowDots(new Operand<T>(b, ldb), n, k, a.Slice(0, k), product.Slice(0, n));
            }
            else
            {
                MatrixVector.ColumnSums(new Operand<T>(b, ldb), k, n, a.Slice(0, k), product.Slice(0, n));
            }

            return true;
        }

        return false;
    }

    /// <summary>
    /// The elements of a matrix from row <paramref name="firstRow"/>, column <paramref name="firstColumn"/> on, the
    /// rows <paramref name="stride"/> apart: a block of it read in place. A block that starts past the end is empty.
    /// </summary>
    public static ReadOnlySpan<T> Block<T>(ReadOnlySpan<T> elements, nint firstRow, nint firstColumn, nint stride)
        => elements.Slice((int)Math.Min((firstRow * stride) + firstColumn, elements.Length));

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
