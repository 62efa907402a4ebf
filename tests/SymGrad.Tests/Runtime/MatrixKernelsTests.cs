using System;
using System.Numerics;
using SymGrad.Kernels;

namespace SymGrad.Tests.Runtime;

public class MatrixKernelsTests
{
    /// <summary>Small products, odd sizes around the blocked kernel's 4-row and one/two-vector panels, and a product large enough to share.</summary>
    public static TheoryData<int, int, int, bool, bool> Products()
    {
        var data = new TheoryData<int, int, int, bool, bool>();
        (int M, int K, int N)[] shapes = [(1, 1, 1), (3, 2, 5), (10, 3, 2), (5, 33, 17), (37, 41, 33), (64, 256, 64), (131, 96, 70), (300, 130, 129)];
        foreach ((int m, int k, int n) in shapes)
        {
            foreach (bool ta in new[] { false, true })
            {
                foreach (bool tb in new[] { false, true })
                {
                    data.Add(m, k, n, ta, tb);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Products))]
    public void Multiply_matches_the_naive_product(int m, int k, int n, bool transposeA, bool transposeB)
    {
        Check<double>(m, k, n, transposeA, transposeB, 1e-12);
        Check<float>(m, k, n, transposeA, transposeB, 2e-5);
    }

    [Fact]
    public void Large_products_do_not_depend_on_sharing_between_cores()
    {
        (int m, int k, int n) = (256, 300, 96);
        float[] a = NumericAssert.Uniform<float>(m * k, -1, 1, seed: 1);
        float[] b = NumericAssert.Uniform<float>(k * n, -1, 1, seed: 2);
        float[] first = new float[m * n];
        float[] second = new float[m * n];
        MatrixKernels.Multiply<float>(a, m, k, false, b, k, n, false, first);
        System.Threading.Tasks.Parallel.For(0, 4, _ =>
        {
            float[] mine = new float[m * n];
            MatrixKernels.Multiply<float>(a, m, k, false, b, k, n, false, mine);
            Assert.Equal(first, mine);
        });
        MatrixKernels.Multiply<float>(a, m, k, false, b, k, n, false, second);
        Assert.Equal(first, second);
    }

    private static void Check<T>(int m, int k, int n, bool transposeA, bool transposeB, double tolerance)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[] a = NumericAssert.Uniform<T>(m * k, -1, 1, seed: m + k);
        T[] b = NumericAssert.Uniform<T>(k * n, -1, 1, seed: n + k);
        var product = new T[(m * n) + 3];
        Array.Fill(product, T.NaN);
        MatrixKernels.Multiply<T>(
            a, transposeA ? k : m, transposeA ? m : k, transposeA,
            b, transposeB ? n : k, transposeB ? k : n, transposeB,
            product);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = 0;
                for (int p = 0; p < k; p++)
                {
                    double left = double.CreateTruncating(transposeA ? a[(p * m) + i] : a[(i * k) + p]);
                    double right = double.CreateTruncating(transposeB ? b[(j * k) + p] : b[(p * n) + j]);
                    expected += left * right;
                }

                double actual = double.CreateTruncating(product[(i * n) + j]);
                Assert.True(Math.Abs(actual - expected) <= tolerance * (1 + Math.Sqrt(k)), $"[{m}x{k}]·[{k}x{n}] ({transposeA}, {transposeB}) at ({i}, {j}): {actual} vs {expected}");
            }
        }

        for (int i = m * n; i < product.Length; i++)
        {
            Assert.True(T.IsNaN(product[i]), "wrote past the product");
        }
    }
}
