using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// The result of a reduction along an axis without keepDims is a vector (rank 1): met with a vector parameter, it must
/// give what the method run as written gives. A second reduction along an axis of it is refused by the generator
/// (<c>AxisVectorTests</c>).
/// </summary>
public static partial class AxisChains
{
    [Differentiable]
    public static double RowSumsTimesVector(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> v) => Sum(Square(Sum(x, 1) + v));

    [Differentiable]
    public static double ColumnMeansTimesVector(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> v) => Sum(Mean(x, 0) * v);

    [Differentiable]
    public static double RowSumsAgainstKeptRowSums(ReadOnlyTensorSpan<double> x) => Sum(Square(Sum(x, 1) - Sum(x, 1, keepDims: true)));

    /// <summary>A reduced vector stretched over the rows of a product: the difference is a matrix, reduced along its rows.</summary>
    [Differentiable]
    public static double ProductRowsLessReducedVector(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b)
        => Sum(Square(LogSumExp(MatMul(x, w) - LogSumExp(b, -1), 1)));
}

public sealed class AxisChainTests
{
    private static Tensor<double> Matrix(int r, int c, int seed)
    {
        var random = new Random(seed);
        var data = new double[r * c];
        for (int i = 0; i < data.Length; i++) data[i] = (random.NextDouble() * 2) - 1;
        return Tensor.Create(data, [r, c]);
    }

    private static Tensor<double> Vector(int n, int seed)
    {
        var random = new Random(seed);
        var data = new double[n];
        for (int i = 0; i < data.Length; i++) data[i] = (random.NextDouble() * 2) - 1;
        return Tensor.Create(data, [n]);
    }

    private static void CheckGradient(Func<Tensor<double>, double> f, Tensor<double> x, Tensor<double> dx)
    {
        var data = x.ToArray();
        for (int i = 0; i < data.Length; i++)
        {
            double saved = data[i];
            data[i] = saved + 1e-6;
            double up = f(Tensor.Create(data, x.Lengths));
            data[i] = saved - 1e-6;
            double down = f(Tensor.Create(data, x.Lengths));
            data[i] = saved;
            Assert.Equal((up - down) / 2e-6, dx.ToArray()[i], 1e-6);
        }
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(4, 1)]
    [InlineData(1, 4)]
    public void A_reduced_vector_meets_a_vector_parameter_as_written(int r, int c)
    {
        var x = Matrix(r, c, 2);
        var dx = Tensor.Create(new double[r * c], [r, c]);
        var v = Vector(r, 3);
        var dv = Tensor.Create(new double[r], [r]);
        Assert.Equal(AxisChains.RowSumsTimesVector(x, v), AxisChains.RowSumsTimesVectorValueAndGradient(x, v, dx, dv), 1e-12);
        CheckGradient(t => AxisChains.RowSumsTimesVector(t, v), x, dx);
        CheckGradient(t => AxisChains.RowSumsTimesVector(x, t), v, dv);

        var w = Vector(c, 4);
        var dw = Tensor.Create(new double[c], [c]);
        Assert.Equal(AxisChains.ColumnMeansTimesVector(x, w), AxisChains.ColumnMeansTimesVectorValueAndGradient(x, w, dx, dw), 1e-12);
        CheckGradient(t => AxisChains.ColumnMeansTimesVector(t, w), x, dx);
        CheckGradient(t => AxisChains.ColumnMeansTimesVector(x, t), w, dw);

        // [r] - [r, 1] broadcasts to [r, r], as in PyTorch.
        Assert.Equal(AxisChains.RowSumsAgainstKeptRowSums(x), AxisChains.RowSumsAgainstKeptRowSumsValueAndGradient(x, dx), 1e-12);
        CheckGradient(t => AxisChains.RowSumsAgainstKeptRowSums(t), x, dx);
    }

    [Theory]
    [InlineData(3, 4, 5, 7)]
    [InlineData(1, 2, 1, 3)]
    [InlineData(4, 1, 6, 1)]
    public void A_reduced_vector_stretched_over_a_product_s_rows_is_a_matrix_reduced_along_its_rows(int n, int d, int k, int m)
    {
        var x = Matrix(n, d, 5);
        var w = Matrix(d, k, 6);
        var b = Matrix(k, m, 7);
        var dx = Tensor.Create(new double[n * d], [n, d]);
        var dw = Tensor.Create(new double[d * k], [d, k]);
        var db = Tensor.Create(new double[k * m], [k, m]);
        Assert.Equal(AxisChains.ProductRowsLessReducedVector(x, w, b), AxisChains.ProductRowsLessReducedVectorValueAndGradient(x, w, b, dx, dw, db), 1e-12);
        CheckGradient(t => AxisChains.ProductRowsLessReducedVector(t, w, b), x, dx);
        CheckGradient(t => AxisChains.ProductRowsLessReducedVector(x, t, b), w, dw);
        CheckGradient(t => AxisChains.ProductRowsLessReducedVector(x, w, t), b, db);
    }
}
