using System;
using System.Numerics;
using SymGrad.Kernels;

namespace SymGrad.Tests.Runtime;

/// <summary>
/// Matrix-vector (<c>[m, k] · [k, 1]</c>) and vector-matrix (<c>[1, k] · [k, n]</c>) products through the entry point
/// generated code calls, with either operand transposed, against a double-accumulated reference; lengths around the
/// four-row pass, the eight-row sweep, one and two vectors, and the shared column block; one core and two bit for bit.
/// </summary>
public class MatrixVectorTests
{
    public static TheoryData<int, int> Shapes() => new()
    {
        { 1, 1 },
        { 1, 17 },
        { 3, 5 },
        { 4, 16 },
        { 5, 15 },
        { 7, 33 },
        { 9, 64 },
        { 31, 127 },
        { 64, 128 },
        { 67, 129 },
        { 130, 1 },
        { 257, 263 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Matrix_times_vector_matches_the_reference(int rows, int length)
    {
        foreach (bool transposeA in new[] { false, true })
        {
            foreach (bool transposeB in new[] { false, true })
            {
                Check<float>(rows, length, 1, transposeA, transposeB);
                Check<double>(rows, length, 1, transposeA, transposeB);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Vector_times_matrix_matches_the_reference(int columns, int length)
    {
        foreach (bool transposeA in new[] { false, true })
        {
            foreach (bool transposeB in new[] { false, true })
            {
                Check<float>(1, length, columns, transposeA, transposeB);
                Check<double>(1, length, columns, transposeA, transposeB);
            }
        }
    }

    [Theory]
    [InlineData(1000, 700)]
    [InlineData(301, 1025)]
    public void Two_cores_give_the_same_bits_as_one_and_allocate_nothing(int rows, int columns)
    {
        float[] matrix = NumericAssert.Uniform<float>(rows * columns, -1, 1, seed: 7);
        float[] byRows = NumericAssert.Uniform<float>(columns, -1, 1, seed: 8);
        float[] byColumns = NumericAssert.Uniform<float>(rows, -1, 1, seed: 9);
        var dotsSingle = new float[rows];
        var dotsShared = new float[rows];
        var sumsSingle = new float[columns];
        var sumsShared = new float[columns];
        MatrixVector.RowDots<float>(matrix, rows, columns, byRows, dotsSingle, threads: 1);
        MatrixVector.ColumnSums<float>(matrix, rows, columns, byColumns, sumsSingle, threads: 1);
        MatrixVector.RowDots<float>(matrix, rows, columns, byRows, dotsShared, threads: 2);
        MatrixVector.ColumnSums<float>(matrix, rows, columns, byColumns, sumsShared, threads: 2);
        Assert.Equal(dotsSingle, dotsShared);
        Assert.Equal(sumsSingle, sumsShared);

        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            MatrixVector.RowDots<float>(matrix, rows, columns, byRows, dotsShared, threads: 2);
            MatrixVector.ColumnSums<float>(matrix, rows, columns, byColumns, sumsShared, threads: 2);
        }));
    }

    [Fact]
    public void Spans_too_short_for_the_shapes_are_refused_before_any_pointer_runs_past_them()
    {
        float[] matrix = new float[12];
        Assert.Throws<ArgumentException>(() => MatrixVector.RowDots<float>(matrix, 4, 4, new float[4], new float[4]));
        Assert.Throws<ArgumentException>(() => MatrixVector.RowDots<float>(matrix, 3, 4, new float[3], new float[3]));
        Assert.Throws<ArgumentException>(() => MatrixVector.ColumnSums<float>(matrix, 3, 4, new float[3], new float[3]));
        Assert.Throws<ArgumentException>(() => MatrixVector.ColumnSums<float>(matrix, 3, 4, new float[2], new float[4]));
    }

    private static void Check<T>(int m, int k, int n, bool transposeA, bool transposeB)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[] a = NumericAssert.Uniform<T>(m * k, -1, 1, seed: (m * 31) + k);
        T[] b = NumericAssert.Uniform<T>(k * n, -1, 1, seed: (n * 37) + k);
        const int guard = 3;
        var product = new T[(m * n) + guard];
        Array.Fill(product, T.NaN);
        MatrixKernels.Multiply<T>(
            a, transposeA ? k : m, transposeA ? m : k, transposeA,
            b, transposeB ? n : k, transposeB ? k : n, transposeB,
            product);

        string context = $"{typeof(T).Name} [{m}x{k}]·[{k}x{n}] (transposeA {transposeA}, transposeB {transposeB})";
        double epsilon = double.CreateTruncating(T.BitIncrement(T.One) - T.One);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    double left = double.CreateTruncating(transposeA ? a[(p * m) + i] : a[(i * k) + p]);
                    double right = double.CreateTruncating(transposeB ? b[(j * k) + p] : b[(p * n) + j]);
                    expected += left * right;
                    magnitude += Math.Abs(left * right);
                }

                // k rounded multiply-adds and a pairwise vector sum: within k + 5 units of roundoff of the sum of |products|.
                double allowed = (k + 5) * epsilon * magnitude;
                double actual = double.CreateTruncating(product[(i * n) + j]);
                Assert.True(Math.Abs(actual - expected) <= allowed, $"{context} at ({i}, {j}): {actual} vs {expected}, allowed {allowed}");
            }
        }

        for (int i = m * n; i < product.Length; i++)
        {
            Assert.True(T.IsNaN(product[i]), $"{context}: wrote past the product");
        }
    }
}
