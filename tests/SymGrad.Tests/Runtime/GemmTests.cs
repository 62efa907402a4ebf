using System;
using System.Numerics;
using SymGrad.Kernels;

namespace SymGrad.Tests.Runtime;

/// <summary>
/// The packed product against a double-accumulated reference: shapes of 1, primes, and one less, equal and one more
/// than the register tile (12 rows, 2 vectors of columns), the packed depth (256) and the float column block (512),
/// in all four transpose combinations, float and double, on one core and on two (split by rows, by column blocks, and
/// within one column block).
/// </summary>
public class GemmTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 1, 1, 1 },
        { 1, 300, 1 },
        { 7, 1, 5 },
        { 11, 255, 31 },
        { 12, 256, 32 },
        { 13, 257, 33 },
        { 24, 3, 16 },
        { 25, 17, 15 },
        { 25, 40, 128 },
        { 97, 101, 103 },
        { 131, 37, 1 },
        { 1, 64, 700 },
        { 36, 513, 545 },
        { 200, 520, 66 },
        { 128, 128, 784 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_products_match_the_reference_on_one_core_and_bit_for_bit_on_two(int m, int k, int n)
    {
        foreach ((bool transposeA, bool transposeB) in Combinations)
        {
            Check<float>(m, k, n, transposeA, transposeB);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_products_match_the_reference_on_one_core_and_bit_for_bit_on_two(int m, int k, int n)
    {
        foreach ((bool transposeA, bool transposeB) in Combinations)
        {
            Check<double>(m, k, n, transposeA, transposeB);
        }
    }

    [Theory]
    [InlineData(33, 17, 20)]
    [InlineData(13, 300, 70)]
    [InlineData(128, 128, 784)]
    public void Blocks_of_larger_matrices_are_read_and_written_in_place_with_the_bits_of_dense_ones(int m, int k, int n)
    {
        foreach ((bool transposeA, bool transposeB) in Combinations)
        {
            foreach (int threads in new[] { 1, 2 })
            {
                CheckStrided(m, k, n, transposeA, transposeB, threads);
            }
        }
    }

    [Fact]
    public void An_empty_inner_dimension_gives_zeros()
    {
        float[] product = [1, 2, 3, 4, 5, 6, 7];
        Gemm.Multiply<float>([], 2, 0, false, [], 3, false, product);
        Assert.Equal([0, 0, 0, 0, 0, 0, 7], product);
    }

    [Fact]
    public void Spans_too_short_for_the_shapes_are_refused_before_any_pointer_runs_past_them()
    {
        float[] a = new float[6];
        float[] b = new float[6];
        Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(a, 2, 3, false, b, 2, false, new float[3]));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(a, 3, 3, false, b, 2, false, new float[6]));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(a, 2, 3, false, b, 3, false, new float[6]));
    }

    [Fact]
    public void Not_a_number_and_infinity_reach_only_their_own_row_and_column()
    {
        (int m, int k, int n) = (13, 20, 33);
        float[] a = NumericAssert.Uniform<float>(m * k, -1, 1, seed: 3);
        float[] b = NumericAssert.Uniform<float>(k * n, -1, 1, seed: 4);
        a[(12 * k) + 5] = float.NaN;
        b[(7 * n) + 32] = float.PositiveInfinity;
        float[] product = new float[m * n];
        Gemm.Multiply<float>(a, m, k, false, b, n, false, product, threads: 1);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float value = product[(i * n) + j];
                Assert.True(i == 12 || j == 32 ? !float.IsFinite(value) : float.IsFinite(value), $"({i}, {j}) is {value}");
            }
        }
    }

    [Fact]
    public void Steady_state_products_allocate_nothing_on_one_core_or_two()
    {
        (int m, int k, int n) = (300, 280, 200);
        float[] a = NumericAssert.Uniform<float>(m * k, -1, 1, seed: 5);
        float[] b = NumericAssert.Uniform<float>(k * n, -1, 1, seed: 6);
        float[] product = new float[m * n];
        foreach (int threads in new[] { 1, 2 })
        {
            Gemm.Multiply<float>(a, m, k, true, b, n, false, product, threads);
            Assert.Equal(0, Allocations.FewestBytes(() =>
            {
                for (int i = 0; i < 3; i++)
                {
                    Gemm.Multiply<float>(a, m, k, true, b, n, false, product, threads);
                }
            }));
        }
    }

    /// <summary>A first large product ran for seconds in unoptimized tier-0 code before tiered compilation caught up.</summary>
    [Theory]
    [InlineData(typeof(Gemm), "Tile")]
    [InlineData(typeof(Gemm), "PackA")]
    [InlineData(typeof(Gemm), "PackB")]
    [InlineData(typeof(Gemm), "PackTransposed")]
    [InlineData(typeof(Gemm), "MicroKernel")]
    [InlineData(typeof(Gemm), "EdgeKernel")]
    [InlineData(typeof(MatrixVector), "RowDotsRange")]
    [InlineData(typeof(MatrixVector), "ColumnSumsRange")]
    public void Kernel_loops_are_optimized_from_their_first_call(Type kernels, string name)
    {
        System.Reflection.MethodInfo method = kernels.GetMethod(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        Assert.True(method.MethodImplementationFlags.HasFlag(System.Reflection.MethodImplAttributes.AggressiveOptimization), $"{kernels.Name}.{name} starts in tier-0 code");
    }

    private static readonly (bool, bool)[] Combinations = [(false, false), (true, false), (false, true), (true, true)];

    /// <summary>
    /// Each operand is the block at row 2, column 3 of a matrix 5 columns wider than it, and the product goes to the
    /// block at row 1, column 2 of one 4 columns wider: the product equals the dense one bit for bit, and nothing
    /// outside its block is written.
    /// </summary>
    private static void CheckStrided(int m, int k, int n, bool transposeA, bool transposeB, int threads)
    {
        (int aRows, int aColumns) = transposeA ? (k, m) : (m, k);
        (int bRows, int bColumns) = transposeB ? (n, k) : (k, n);
        float[] a = NumericAssert.Uniform<float>(aRows * aColumns, -1, 1, seed: m + k);
        float[] b = NumericAssert.Uniform<float>(bRows * bColumns, -1, 1, seed: n + k);
        float[] dense = new float[m * n];
        Gemm.Multiply<float>(a, m, k, transposeA, b, n, transposeB, dense, threads);

        float[] wideA = Embed(a, aRows, aColumns, aColumns + 5, out int aOffset);
        float[] wideB = Embed(b, bRows, bColumns, bColumns + 5, out int bOffset);
        int strideC = n + 4;
        int cOffset = strideC + 2;
        float[] wideC = new float[(m + 2) * strideC];
        Array.Fill(wideC, float.NaN);
        Gemm.Multiply(
            new Operand<float>(wideA.AsSpan(aOffset), aColumns + 5), m, k, transposeA,
            new Operand<float>(wideB.AsSpan(bOffset), bColumns + 5), n, transposeB,
            wideC.AsSpan(cOffset), strideC, threads);

        string context = $"[{m}x{k}]·[{k}x{n}] (transposeA {transposeA}, transposeB {transposeB}, {threads} cores)";
        for (int index = 0; index < wideC.Length; index++)
        {
            int row = (index / strideC) - 1;
            int column = (index % strideC) - 2;
            bool inside = row >= 0 && row < m && column >= 0 && column < n;
            if (inside)
            {
                Assert.True(BitConverter.SingleToInt32Bits(wideC[index]) == BitConverter.SingleToInt32Bits(dense[(row * n) + column]), $"{context} at ({row}, {column}): {wideC[index]} vs {dense[(row * n) + column]}");
            }
            else
            {
                Assert.True(float.IsNaN(wideC[index]), $"{context}: wrote outside the block at element {index}");
            }
        }
    }

    /// <summary>The matrix at row 2, column 3 of a larger one with rows <paramref name="stride"/> apart, the rest not-a-number.</summary>
    private static float[] Embed(float[] matrix, int rows, int columns, int stride, out int offset)
    {
        offset = (2 * stride) + 3;
        var wide = new float[((rows + 3) * stride) + 3];
        Array.Fill(wide, float.NaN);
        for (int i = 0; i < rows; i++)
        {
            matrix.AsSpan(i * columns, columns).CopyTo(wide.AsSpan(offset + (i * stride)));
        }

        return wide;
    }

    private static void Check<T>(int m, int k, int n, bool transposeA, bool transposeB)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[] a = NumericAssert.Uniform<T>(m * k, -1, 1, seed: (m * 31) + k);
        T[] b = NumericAssert.Uniform<T>(k * n, -1, 1, seed: (n * 37) + k);
        const int guard = 5;
        var single = new T[(m * n) + guard];
        var shared = new T[(m * n) + guard];
        Array.Fill(single, T.NaN);
        Array.Fill(shared, T.NaN);
        Gemm.Multiply<T>(a, m, k, transposeA, b, n, transposeB, single.AsSpan(0, m * n), threads: 1);
        Gemm.Multiply<T>(a, m, k, transposeA, b, n, transposeB, shared.AsSpan(0, m * n), threads: 2);

        string context = $"{typeof(T).Name} [{m}x{k}]·[{k}x{n}] (transposeA {transposeA}, transposeB {transposeB})";
        Assert.True(single.AsSpan().SequenceEqual(shared), $"{context}: two cores differ from one");
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

                // k rounded multiply-adds err by at most k units of roundoff relative to the sum of |products|.
                double allowed = k * epsilon * magnitude;
                double actual = double.CreateTruncating(single[(i * n) + j]);
                Assert.True(Math.Abs(actual - expected) <= allowed, $"{context} at ({i}, {j}): {actual} vs {expected}, allowed {allowed}");
            }
        }

        for (int i = m * n; i < single.Length; i++)
        {
            Assert.True(T.IsNaN(single[i]) && T.IsNaN(shared[i]), $"{context}: wrote past the product");
        }
    }
}
