using System;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Runtime;

/// <summary>
/// The vectorized eager paths (masks, Where, Maximum, Minimum, Clamp, the stable functions, the binary cross-entropy)
/// at lengths around every vector width, so the full vectors, each narrower width and the single-element tail all
/// meet NaN, infinities, signed zeros and ties, against an element-by-element reference.
/// </summary>
public class TensorMathSimdTests
{
    public static TheoryData<int> Lengths() => [1, 7, 8, 15, 16, 17, 33, 1000];

    private static readonly double[] Specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1.0, -1.0, 1e-10, -1e-10, 20.0, 21.0, -30.0, 100.0, -100.0];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Comparisons_match_the_element_by_element_operators(int length)
    {
        CheckComparisons<float>(length);
        CheckComparisons<double>(length);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Where_takes_each_element_from_the_operand_its_mask_names(int length)
    {
        CheckWhere<float>(length);
        CheckWhere<double>(length);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Maximum_and_minimum_propagate_nan_from_either_operand(int length)
    {
        double[] x = Values(length, seed: 1), y = Partner(x, seed: 2);
        CheckPairs<float>(x, y);
        CheckPairs<double>(x, y);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Stable_functions_match_their_scalar_forms(int length)
    {
        double[] x = Values(length, seed: 3);
        CheckUnary(x, v => Log1p(v), v => Log1p(v), Log1p, "Log1p");
        CheckUnary(x, v => Expm1(v), v => Expm1(v), Expm1, "Expm1");
        CheckUnary(x, v => Softplus(v), v => Softplus(v), Softplus, "Softplus");
        CheckUnary(x, v => LogSigmoid(v), v => LogSigmoid(v), LogSigmoid, "LogSigmoid");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Binary_cross_entropy_sums_every_element_once(int length)
    {
        double[] z = NumericAssert.Uniform<double>(length, -30, 30, seed: length);
        double[] y = NumericAssert.Uniform<double>(length, 0, 1, seed: length + 1);
        double reference = 0;
        for (int i = 0; i < length; i++)
        {
            reference += Math.Max(z[i], 0) - (z[i] * y[i]) + Log1p(Math.Exp(-Math.Abs(z[i])));
        }

        reference /= length;
        double actual = BinaryCrossEntropyWithLogits(Tensor.Create(z, [length]), Tensor.Create(y, [length]));
        NumericAssert.Close(reference, actual, 1e-13, 1e-15, $"double, length {length}");
        float single = BinaryCrossEntropyWithLogits(Tensor.Create(z.Select(v => (float)v).ToArray(), [length]), Tensor.Create(y.Select(v => (float)v).ToArray(), [length]));
        NumericAssert.Close(reference, single, 2e-6, 2e-6, $"float, length {length}");

        z[length / 2] = double.NaN;
        Assert.True(double.IsNaN(BinaryCrossEntropyWithLogits(Tensor.Create(z, [length]), Tensor.Create(y, [length]))));
    }

    [Fact]
    public void A_one_element_operand_broadcasts_without_changing_results()
    {
        double[] x = Values(33, seed: 4);
        Tensor<double> a = Tensor.Create(x, [3, 11]);
        foreach (double s in new[] { 0.5, double.NaN, double.NegativeInfinity, -0.0 })
        {
            Tensor<double> one = Tensor.Create([s], [1, 1]);
            Assert.Equal(Bits(LessThan(a, s)), Bits(LessThan(a, one)));
            Assert.Equal(Bits(s > a), Bits(LessThan(a, one)));
            Assert.Equal(Bits(GreaterThanOrEqual(one, a)), Bits(LessThanOrEqual(a, s)));
            Assert.Equal(Raw(Maximum(a, s)), Raw(Maximum(one, a)));
            Assert.Equal(Raw(Minimum(s, a)), Raw(Minimum(a, one)));
            Assert.Equal(Raw(Where(a > 0, a, s)), Raw(Where(a > 0, a, one)));
            Assert.Equal(Raw(Where(a > 0, s, a)), Raw(Where(a > 0, one, a)));
        }
    }

    private static void CheckComparisons<T>(int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double[] xd = Values(length, seed: 5), yd = Partner(xd, seed: 6);
        Tensor<T> x = Create<T>(xd), y = Create<T>(yd);
        T[] xs = NumericAssert.Flatten(x), ys = NumericAssert.Flatten(y);
        T s = xs[length / 2];
        Func<T, T, bool>[] elements = [(a, b) => a < b, (a, b) => a <= b, (a, b) => a > b, (a, b) => a >= b];
        Operations<T> operations = Operations<T>.Instance;
        for (int k = 0; k < elements.Length; k++)
        {
            Func<T, T, bool> element = elements[k];
            Assert.Equal(xs.Select((v, i) => element(v, ys[i])).ToArray(), Bits(operations.Compare[k](x, y)));
            Assert.Equal(xs.Select(v => element(v, s)).ToArray(), Bits(operations.CompareScalar[k](x, s)));
            Assert.Equal(xs.Select(v => element(v, T.NaN)).ToArray(), Bits(operations.CompareScalar[k](x, T.NaN)));
        }
    }

    private static void CheckWhere<T>(int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Tensor<T> a = Create<T>(Values(length, seed: 7)), b = Create<T>(Values(length, seed: 8));
        T[] x = NumericAssert.Flatten(a), y = NumericAssert.Flatten(b);
        var random = new Random(length);
        bool[] selector = Enumerable.Range(0, length).Select(_ => random.Next(2) == 1).ToArray();
        Tensor<bool> mask = Tensor.Create(selector, [length]);
        T s = T.CreateTruncating(-0.0);
        T[] expected = x.Select((v, i) => selector[i] ? v : y[i]).ToArray();
        Assert.Equal(Raw(expected), Raw(NumericAssert.Flatten(WhereOf(mask, a, b))));
        Assert.Equal(Raw(x.Select((v, i) => selector[i] ? v : s).ToArray()), Raw(NumericAssert.Flatten(WhereOf(mask, a, Tensor.Create([s], [1])))));
        Assert.Equal(Raw(y.Select((v, i) => selector[i] ? s : v).ToArray()), Raw(NumericAssert.Flatten(WhereOf(mask, Tensor.Create([s], [1]), b))));
    }

    private static void CheckPairs<T>(double[] xd, double[] yd)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Tensor<T> x = Create<T>(xd), y = Create<T>(yd);
        T[] xs = NumericAssert.Flatten(x), ys = NumericAssert.Flatten(y);
        T s = xs[xs.Length / 2];

        // torch.maximum and torch.minimum: NaN when either operand is NaN, otherwise the larger (smaller) value.
        static T Larger(T a, T b) => T.IsNaN(a) || T.IsNaN(b) ? T.NaN : T.Max(a, b);
        static T Smaller(T a, T b) => T.IsNaN(a) || T.IsNaN(b) ? T.NaN : T.Min(a, b);
        Assert.Equal(Raw(xs.Select((v, i) => Larger(v, ys[i])).ToArray()), Raw(NumericAssert.Flatten(PairOf(x, y, larger: true))));
        Assert.Equal(Raw(xs.Select((v, i) => Smaller(v, ys[i])).ToArray()), Raw(NumericAssert.Flatten(PairOf(x, y, larger: false))));
        Assert.Equal(Raw(xs.Select(v => Larger(v, s)).ToArray()), Raw(NumericAssert.Flatten(PairOf(x, Tensor.Create([s], [1]), larger: true))));
        Assert.Equal(Raw(xs.Select(v => Smaller(s, v)).ToArray()), Raw(NumericAssert.Flatten(PairOf(Tensor.Create([s], [1]), x, larger: false))));
        T low = T.CreateTruncating(-1.0), high = T.CreateTruncating(20.0);
        Assert.Equal(Raw(xs.Select(v => Smaller(Larger(v, low), high)).ToArray()), Raw(NumericAssert.Flatten(ClampOf(x, low, high))));
        Assert.Equal(Raw(xs.Select(v => Larger(v, T.NaN)).ToArray()), Raw(NumericAssert.Flatten(ClampOf(x, T.NaN, high))));
    }

    private static void CheckUnary(
        double[] x,
        Func<Tensor<float>, Tensor<float>> single,
        Func<Tensor<double>, Tensor<double>> twice,
        Func<double, double> reference,
        string name)
    {
        float[] xs = x.Select(v => (float)v).ToArray();
        float[] singles = NumericAssert.Flatten(single(Tensor.Create(xs, [xs.Length])));
        double[] doubles = NumericAssert.Flatten(twice(Tensor.Create(x, [x.Length])));
        for (int i = 0; i < x.Length; i++)
        {
            string context = string.Create(CultureInfo.InvariantCulture, $"{name}({x[i]:R}) at {i} of {x.Length}");
            NumericAssert.Close(reference(x[i]), doubles[i], 1e-14, 1e-300, context);
            NumericAssert.Close((float)reference(xs[i]), singles[i], 1e-6, 1e-38, context + " in float");
        }
    }

    private static Tensor<T> WhereOf<T>(Tensor<bool> mask, Tensor<T> a, Tensor<T> b) => Operations<T>.Instance.Where(mask, a, b);

    private static Tensor<T> PairOf<T>(Tensor<T> a, Tensor<T> b, bool larger) => (larger ? Operations<T>.Instance.Maximum : Operations<T>.Instance.Minimum)(a, b);

    private static Tensor<T> ClampOf<T>(Tensor<T> x, T min, T max) => Operations<T>.Instance.Clamp(x, min, max);

    /// <summary>The functions under test at one element type.</summary>
    private sealed record Operations<T>(
        Func<Tensor<T>, Tensor<T>, Tensor<bool>>[] Compare,
        Func<Tensor<T>, T, Tensor<bool>>[] CompareScalar,
        Func<Tensor<bool>, Tensor<T>, Tensor<T>, Tensor<T>> Where,
        Func<Tensor<T>, Tensor<T>, Tensor<T>> Maximum,
        Func<Tensor<T>, Tensor<T>, Tensor<T>> Minimum,
        Func<Tensor<T>, T, T, Tensor<T>> Clamp)
    {
        public static Operations<T> Instance => (Operations<T>)(typeof(T) == typeof(float) ? Single : (object)Double);
    }

    private static readonly Operations<float> Single = new(
        [(a, b) => LessThan(a, b), (a, b) => LessThanOrEqual(a, b), (a, b) => GreaterThan(a, b), (a, b) => GreaterThanOrEqual(a, b)],
        [(a, b) => LessThan(a, b), (a, b) => LessThanOrEqual(a, b), (a, b) => GreaterThan(a, b), (a, b) => GreaterThanOrEqual(a, b)],
        (m, a, b) => TensorMath.Where(m, a, b),
        (a, b) => TensorMath.Maximum(a, b),
        (a, b) => TensorMath.Minimum(a, b),
        (x, low, high) => TensorMath.Clamp(x, low, high));

    private static readonly Operations<double> Double = new(
        [(a, b) => LessThan(a, b), (a, b) => LessThanOrEqual(a, b), (a, b) => GreaterThan(a, b), (a, b) => GreaterThanOrEqual(a, b)],
        [(a, b) => LessThan(a, b), (a, b) => LessThanOrEqual(a, b), (a, b) => GreaterThan(a, b), (a, b) => GreaterThanOrEqual(a, b)],
        (m, a, b) => TensorMath.Where(m, a, b),
        (a, b) => TensorMath.Maximum(a, b),
        (a, b) => TensorMath.Minimum(a, b),
        (x, low, high) => TensorMath.Clamp(x, low, high));

    /// <summary>Seeded values with a special value at every fifth position, so specials land in vectors and tails alike.</summary>
    private static double[] Values(int length, int seed)
    {
        double[] values = NumericAssert.Uniform<double>(length, -25, 25, seed);
        for (int i = 0; i < length; i += 5)
        {
            values[i] = Specials[((i / 5) + seed) % Specials.Length];
        }

        return values;
    }

    /// <summary>A second operand equal to the first at every third position (ties), with its own specials elsewhere.</summary>
    private static double[] Partner(double[] x, int seed)
    {
        double[] y = Values(x.Length, seed);
        for (int i = 1; i < x.Length; i += 3)
        {
            y[i] = x[i];
        }

        return y;
    }

    private static Tensor<T> Create<T>(double[] values)
        where T : IBinaryFloatingPointIeee754<T>
        => Tensor.Create(values.Select(T.CreateTruncating).ToArray(), [values.Length]);

    private static bool[] Bits(Tensor<bool> mask) => NumericAssert.Flatten(mask);

    /// <summary>Bit patterns, so every NaN equals every other (whatever its payload) and -0 differs from +0.</summary>
    private static long[] Raw<T>(T[] values)
        where T : IBinaryFloatingPointIeee754<T>
        => values.Select(v => T.IsNaN(v) ? long.MinValue : BitConverter.DoubleToInt64Bits(double.CreateTruncating(v))).ToArray();

    private static long[] Raw<T>(Tensor<T> values)
        where T : IBinaryFloatingPointIeee754<T>
        => Raw(NumericAssert.Flatten(values));
}
