using System;
using System.Numerics.Tensors;
using Xunit;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Reductions, <c>Softmax</c> and <c>LogSoftmax</c> along axis 0 or -1 of a vector (rank 1), as PyTorch's <c>dim=0</c>
/// and <c>dim=-1</c> of a 1-D tensor read them: the whole vector. The same methods still take matrices.
/// <see cref="VectorAxisReferenceTests"/> checks them against PyTorch (<c>tools/reference/vector_axes.py</c>).
/// </summary>
public static partial class VectorAxes
{
    [Differentiable]
    public static double SoftmaxFirst(ReadOnlyTensorSpan<double> y, [NoGrad] ReadOnlyTensorSpan<double> w) => Sum(Softmax(y, 0) * w);

    [Differentiable]
    public static float SoftmaxFirstF(ReadOnlyTensorSpan<float> y, [NoGrad] ReadOnlyTensorSpan<float> w) => Sum(Softmax(y, 0) * w);

    [Differentiable]
    public static double SoftmaxLast(ReadOnlyTensorSpan<double> y, [NoGrad] ReadOnlyTensorSpan<double> w) => Sum(Softmax(y * 2, -1) * w);

    [Differentiable]
    public static float SoftmaxLastF(ReadOnlyTensorSpan<float> y, [NoGrad] ReadOnlyTensorSpan<float> w) => Sum(Softmax(y * 2, -1) * w);

    [Differentiable]
    public static double LogSoftmaxFirst(ReadOnlyTensorSpan<double> y, [NoGrad] ReadOnlyTensorSpan<double> w) => Sum(LogSoftmax(y, 0) * w);

    [Differentiable]
    public static double LogSoftmaxLast(ReadOnlyTensorSpan<double> y, [NoGrad] ReadOnlyTensorSpan<double> w) => Sum(LogSoftmax(y, -1) * w);

    [Differentiable]
    public static float LogSoftmaxFirstF(ReadOnlyTensorSpan<float> y, [NoGrad] ReadOnlyTensorSpan<float> w) => Sum(LogSoftmax(y, 0) * w);

    [Differentiable]
    public static float LogSoftmaxLastF(ReadOnlyTensorSpan<float> y, [NoGrad] ReadOnlyTensorSpan<float> w) => Sum(LogSoftmax(y, -1) * w);

    [Differentiable]
    public static double ReduceFirst(ReadOnlyTensorSpan<double> y)
        => Sum(Square(Sum(y, 0))) + Sum(Mean(y, 0)) + Sum(Max(y, 0)) + Sum(Min(y * 2, 0)) + Sum(LogSumExp(y, 0));

    [Differentiable]
    public static float ReduceFirstF(ReadOnlyTensorSpan<float> y)
        => Sum(Square(Sum(y, 0))) + Sum(Mean(y, 0)) + Sum(Max(y, 0)) + Sum(Min(y * 2, 0)) + Sum(LogSumExp(y, 0));

    [Differentiable]
    public static double ReduceFirstKept(ReadOnlyTensorSpan<double> y)
        => Sum(Square(Sum(y, 0, keepDims: true))) + Sum(Mean(y, 0, keepDims: true)) + Sum(Max(y, 0, keepDims: true)) + Sum(Min(y, 0, keepDims: true)) + Sum(LogSumExp(y, 0, keepDims: true));

    [Differentiable]
    public static float ReduceFirstKeptF(ReadOnlyTensorSpan<float> y)
        => Sum(Square(Sum(y, 0, keepDims: true))) + Sum(Mean(y, 0, keepDims: true)) + Sum(Max(y, 0, keepDims: true)) + Sum(Min(y, 0, keepDims: true)) + Sum(LogSumExp(y, 0, keepDims: true));

    [Differentiable]
    public static double ReduceLast(ReadOnlyTensorSpan<double> y)
        => Sum(Square(Sum(y, -1))) + Sum(Mean(y, -1)) + Sum(Max(y, -1)) + Sum(Min(y, -1, keepDims: true)) + Sum(LogSumExp(y, -1));

    [Differentiable]
    public static float ReduceLastF(ReadOnlyTensorSpan<float> y)
        => Sum(Square(Sum(y, -1))) + Sum(Mean(y, -1)) + Sum(Max(y, -1)) + Sum(Min(y, -1, keepDims: true)) + Sum(LogSumExp(y, -1));

    /// <summary>A vector made by a matrix-vector product, reduced along its only axis.</summary>
    [Differentiable]
    public static double ProductSoftmax([NoGrad] ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> v, [NoGrad] ReadOnlyTensorSpan<double> w)
        => Sum(Softmax(MatMul(a, v), 0) * w) + Sum(LogSumExp(MatMul(a, v), 0));

    [Differentiable]
    public static float ProductSoftmaxF([NoGrad] ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> v, [NoGrad] ReadOnlyTensorSpan<float> w)
        => Sum(Softmax(MatMul(a, v), 0) * w) + Sum(LogSumExp(MatMul(a, v), 0));

    /// <summary>Axis 1 does not exist on a vector: a vector argument is refused at run time.</summary>
    [Differentiable]
    public static double SoftmaxSecond(ReadOnlyTensorSpan<double> y, [NoGrad] ReadOnlyTensorSpan<double> w) => Sum(Softmax(y, 1) * w);
}

public sealed class VectorAxisTests
{
    public static TheoryData<int> Lengths => new() { 1, 7, 33 };

    private delegate double Eager(ReadOnlyTensorSpan<double> x);

    private delegate double Gradient(ReadOnlyTensorSpan<double> x, TensorSpan<double> dx);

    private static T[] Values<T>(int n, int seed)
        where T : System.Numerics.IFloatingPoint<T>
    {
        var random = new Random(seed);
        var values = new T[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = T.CreateChecked((random.NextDouble() * 4) - 2);
        }

        return values;
    }

    private static ReadOnlyTensorSpan<T> Vector<T>(int n, int seed)
        where T : System.Numerics.IFloatingPoint<T>
        => new(Values<T>(n, seed));

    /// <summary>The value against the method run eagerly, the gradient against central differences of the eager method.</summary>
    private static void Check(Eager eager, Eager value, Gradient valueAndGradient, double[] x, nint[] lengths)
    {
        double expected = eager(new ReadOnlyTensorSpan<double>(x, lengths));
        double tolerance = 1e-12 * Math.Max(1, Math.Abs(expected));
        Assert.Equal(expected, value(new ReadOnlyTensorSpan<double>(x, lengths)), tolerance);
        var gradient = new double[x.Length];
        Assert.Equal(expected, valueAndGradient(new ReadOnlyTensorSpan<double>(x, lengths), new TensorSpan<double>(gradient, lengths)), tolerance);
        for (int i = 0; i < x.Length; i++)
        {
            const double h = 1e-6;
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (eager(new ReadOnlyTensorSpan<double>(plus, lengths)) - eager(new ReadOnlyTensorSpan<double>(minus, lengths))) / (2 * h);
            Assert.Equal(numeric, gradient[i], 1e-6 * Math.Max(1, Math.Abs(numeric)));
        }
    }

    private static void Check(Eager eager, Eager value, Gradient valueAndGradient, int n, int seed)
        => Check(eager, value, valueAndGradient, Values<double>(n, seed), [n]);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SoftmaxAndLogSoftmaxOfAVectorAreOverTheWholeVector(int n)
    {
        double[] w = Values<double>(n, 2);
        Check(y => VectorAxes.SoftmaxFirst(y, w), y => VectorAxes.SoftmaxFirstValue(y, w), (y, g) => VectorAxes.SoftmaxFirstValueAndGradient(y, w, g), n, 1);
        Check(y => VectorAxes.SoftmaxLast(y, w), y => VectorAxes.SoftmaxLastValue(y, w), (y, g) => VectorAxes.SoftmaxLastValueAndGradient(y, w, g), n, 3);
        Check(y => VectorAxes.LogSoftmaxFirst(y, w), y => VectorAxes.LogSoftmaxFirstValue(y, w), (y, g) => VectorAxes.LogSoftmaxFirstValueAndGradient(y, w, g), n, 4);
        Check(y => VectorAxes.LogSoftmaxLast(y, w), y => VectorAxes.LogSoftmaxLastValue(y, w), (y, g) => VectorAxes.LogSoftmaxLastValueAndGradient(y, w, g), n, 5);

        // Softmax of a vector sums to 1, as torch.softmax(y, 0) does.
        double[] ones = new double[n];
        Array.Fill(ones, 1.0);
        Assert.Equal(1.0, VectorAxes.SoftmaxFirstValue(Vector<double>(n, 6), ones), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ReductionsOfAVectorAlongItsAxisAreWholeReductions(int n)
    {
        Check(VectorAxes.ReduceFirst, VectorAxes.ReduceFirstValue, VectorAxes.ReduceFirstValueAndGradient, n, 7);
        Check(VectorAxes.ReduceFirstKept, VectorAxes.ReduceFirstKeptValue, VectorAxes.ReduceFirstKeptValueAndGradient, n, 8);
        Check(VectorAxes.ReduceLast, VectorAxes.ReduceLastValue, VectorAxes.ReduceLastValueAndGradient, n, 9);

        // A reduction of a whole vector along axis 0 is the whole reduction: Sum(y, 0) is Sum(y), and so on.
        double[] x = Values<double>(n, 10);
        double sum = 0, max = double.NegativeInfinity, min = double.PositiveInfinity, exps = 0;
        foreach (double v in x)
        {
            sum += v;
            max = Math.Max(max, v);
            min = Math.Min(min, v);
        }

        foreach (double v in x)
        {
            exps += Math.Exp(v - max);
        }

        double expected = (sum * sum) + (sum / n) + max + (2 * min) + Math.Log(exps) + max;
        Assert.Equal(expected, VectorAxes.ReduceFirstValue(x), 1e-12 * Math.Max(1, Math.Abs(expected)));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void FloatVectorsMatchTheEagerMethod(int n)
    {
        float[] y = Values<float>(n, 11), w = Values<float>(n, 12);
        foreach ((float eager, float value) in new[]
        {
            (VectorAxes.SoftmaxFirstF(y, w), VectorAxes.SoftmaxFirstFValue(y, w)),
            (VectorAxes.SoftmaxLastF(y, w), VectorAxes.SoftmaxLastFValue(y, w)),
            (VectorAxes.ReduceFirstF(y), VectorAxes.ReduceFirstFValue(y)),
            (VectorAxes.ReduceLastF(y), VectorAxes.ReduceLastFValue(y)),
        })
        {
            Assert.Equal(eager, value, 1e-4f * Math.Max(1, Math.Abs(eager)));
        }

        // The float gradient against the double one.
        var single = new float[n];
        var twice = new double[n];
        VectorAxes.ReduceFirstFValueAndGradient(y, single);
        VectorAxes.ReduceFirstValueAndGradient(Array.ConvertAll(y, v => (double)v), twice);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(twice[i], single[i], 1e-3 * Math.Max(1, Math.Abs(twice[i])));
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AMatrixVectorProductIsReducedAsAVector(int n)
    {
        var a = new ReadOnlyTensorSpan<double>(Values<double>(n * 5, 13), [n, 5]);
        double[] w = Values<double>(n, 14);
        double[] a2 = Values<double>(n * 5, 13);
        Check(
            v => VectorAxes.ProductSoftmax(new ReadOnlyTensorSpan<double>(a2, [n, 5]), v, w),
            v => VectorAxes.ProductSoftmaxValue(new ReadOnlyTensorSpan<double>(a2, [n, 5]), v, w),
            (v, g) => VectorAxes.ProductSoftmaxValueAndGradient(new ReadOnlyTensorSpan<double>(a2, [n, 5]), v, w, g),
            5,
            15);
        Assert.Equal(n, (int)a.Lengths[0]);
    }

    [Fact]
    public void TheSameMethodsStillTakeMatrices()
    {
        double[] w = Values<double>(12, 17);
        Check(x => VectorAxes.SoftmaxFirst(x, new ReadOnlyTensorSpan<double>(w, [3, 4])), x => VectorAxes.SoftmaxFirstValue(x, new ReadOnlyTensorSpan<double>(w, [3, 4])), (x, g) => VectorAxes.SoftmaxFirstValueAndGradient(x, new ReadOnlyTensorSpan<double>(w, [3, 4]), g), Values<double>(12, 16), [3, 4]);
        Check(x => VectorAxes.SoftmaxLast(x, new ReadOnlyTensorSpan<double>(w, [3, 4])), x => VectorAxes.SoftmaxLastValue(x, new ReadOnlyTensorSpan<double>(w, [3, 4])), (x, g) => VectorAxes.SoftmaxLastValueAndGradient(x, new ReadOnlyTensorSpan<double>(w, [3, 4]), g), Values<double>(12, 18), [3, 4]);
        Check(VectorAxes.ReduceLast, VectorAxes.ReduceLastValue, VectorAxes.ReduceLastValueAndGradient, Values<double>(12, 19), [3, 4]);
    }

    [Fact]
    public void AxisOneOfAVectorIsRefusedNamingTheParameterAndItsShape()
    {
        double[] y = Values<double>(7, 20), w = Values<double>(7, 21);
        ArgumentException error = Assert.Throws<ArgumentException>(() => VectorAxes.SoftmaxSecondValue(y, w));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("takes axis 1", error.Message);
        Assert.Contains("[7], of rank 1", error.Message);
    }
}
