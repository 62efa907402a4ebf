using System;
using System.Numerics;
using SymGrad.Kernels;

namespace SymGrad.Tests.Runtime;

/// <summary>
/// Products whose operands and result are blocks of larger matrices, read and written in place at their row strides,
/// through every kernel (matrix-vector, blocked, and the loops for small products): the product of the blocks within
/// the rounding of k multiply-adds (the same bits as the dense product wherever the same kernel serves both), and
/// nothing written outside the result's block.
/// </summary>
public class StridedProductTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 3, 2, 5 },
        { 1, 17, 20 },
        { 33, 17, 1 },
        { 1, 17, 1 },
        { 33, 17, 20 },
        { 40, 1, 20 },
        { 13, 300, 70 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Blocks_are_multiplied_in_place(int m, int k, int n)
    {
        foreach (bool transposeA in new[] { false, true })
        {
            foreach (bool transposeB in new[] { false, true })
            {
                Check<float>(m, k, n, transposeA, transposeB);
                Check<double>(m, k, n, transposeA, transposeB);
            }
        }
    }

    [Fact]
    public void A_stride_shorter_than_a_row_or_a_span_too_short_is_refused()
    {
        float[] a = new float[12];
        float[] b = new float[12];
        Assert.Throws<ArgumentException>(() => MatrixKernels.Multiply<float>(a, 3, 4, 3, false, b, 4, 3, 3, false, new float[9], 3));
        Assert.Throws<ArgumentException>(() => MatrixKernels.Multiply<float>(a, 3, 4, 5, false, b, 4, 3, 3, false, new float[9], 3));
        Assert.Throws<ArgumentException>(() => MatrixKernels.Multiply<float>(a, 3, 4, 4, false, b, 4, 3, 3, false, new float[9], 4));
    }

    [Fact]
    public void Strided_products_allocate_nothing()
    {
        (int m, int k, int n) = (33, 17, 20);
        float[] a = new float[(m + 1) * (k + 3)];
        float[] b = new float[(k + 1) * (n + 3)];
        float[] c = new float[(m + 1) * (n + 3)];
        float[] column = new float[(m + 1) * (k + 3)];
        float[] vector = new float[k];
        MatrixKernels.Multiply<float>(a.AsSpan(1), m, k, k + 3, false, b.AsSpan(2), k, n, n + 3, false, c.AsSpan(3), n + 3);
        MatrixKernels.Multiply<float>(column.AsSpan(1), m, k, k + 3, false, vector, k, 1, 1, false, c, n + 3);
        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            MatrixKernels.Multiply<float>(a.AsSpan(1), m, k, k + 3, false, b.AsSpan(2), k, n, n + 3, false, c.AsSpan(3), n + 3);
            MatrixKernels.Multiply<float>(column.AsSpan(1), m, k, k + 3, false, vector, k, 1, 1, false, c, n + 3);
        }));
    }

    private static void Check<T>(int m, int k, int n, bool transposeA, bool transposeB)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (int aRows, int aColumns) = transposeA ? (k, m) : (m, k);
        (int bRows, int bColumns) = transposeB ? (n, k) : (k, n);
        T[] a = NumericAssert.Uniform<T>(aRows * aColumns, -1, 1, seed: (m * 7) + k);
        T[] b = NumericAssert.Uniform<T>(bRows * bColumns, -1, 1, seed: (n * 11) + k);
        var dense = new T[m * n];
        MatrixKernels.Multiply<T>(a, aRows, aColumns, transposeA, b, bRows, bColumns, transposeB, dense);

        // Each operand is the block at row 1, column 2 of a matrix 3 columns wider; the product goes to the block at
        // row 2, column 1 of a matrix 2 columns wider, the rest of which is not-a-number and must stay so.
        (T[] wideA, int aStride) = Embed(a, aRows, aColumns);
        (T[] wideB, int bStride) = Embed(b, bRows, bColumns);
        int stride = n + 2;
        int offset = (2 * stride) + 1;
        var wide = new T[(m + 3) * stride];
        Array.Fill(wide, T.NaN);
        MatrixKernels.Multiply<T>(wideA.AsSpan(aStride + 2), aRows, aColumns, aStride, transposeA, wideB.AsSpan(bStride + 2), bRows, bColumns, bStride, transposeB, wide.AsSpan(offset), stride);

        double epsilon = double.CreateTruncating(T.BitIncrement(T.One) - T.One);

        // A one-column operand or product read at a stride is no contiguous vector: that product takes the blocked
        // kernel, whose sums round differently from the matrix-vector kernel's.
        int denseKernel = n == 1 ? 1 : m == 1 ? 2 : 0;
        int stridedKernel = n == 1 && (transposeB || k <= 1) && m <= 1 ? 1 : m == 1 && (!transposeA || k <= 1) ? 2 : 0;
        bool sameKernel = denseKernel == stridedKernel;
        string context = $"{typeof(T).Name} [{m}x{k}]·[{k}x{n}] (transposeA {transposeA}, transposeB {transposeB})";
        for (int index = 0; index < wide.Length; index++)
        {
            int row = (index / stride) - 2;
            int column = (index % stride) - 1;
            if (row >= 0 && row < m && column >= 0 && column < n)
            {
                double expected = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    double left = double.CreateTruncating(transposeA ? a[(p * m) + row] : a[(row * k) + p]);
                    double right = double.CreateTruncating(transposeB ? b[(column * k) + p] : b[(p * n) + column]);
                    expected += left * right;
                    magnitude += Math.Abs(left * right);
                }

                double actual = double.CreateTruncating(wide[index]);
                Assert.True(Math.Abs(actual - expected) <= k * epsilon * magnitude, $"{context} at ({row}, {column}): {actual} vs {expected}");
                Assert.True(!sameKernel || wide[index].Equals(dense[(row * n) + column]), $"{context} at ({row}, {column}): {wide[index]}, dense {dense[(row * n) + column]}");
            }
            else
            {
                Assert.True(T.IsNaN(wide[index]), $"{context}: wrote outside the product's block at element {index}");
            }
        }
    }

    private static (T[] Wide, int Stride) Embed<T>(T[] matrix, int rows, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int stride = columns + 3;
        var wide = new T[(rows + 2) * stride];
        Array.Fill(wide, T.NaN);
        for (int i = 0; i < rows; i++)
        {
            matrix.AsSpan(i * columns, columns).CopyTo(wide.AsSpan(((i + 1) * stride) + 2));
        }

        return (wide, stride);
    }
}
