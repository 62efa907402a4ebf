using System;
using System.Linq;
using System.Numerics.Tensors;
using SymGrad.Kernels;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Generated methods whose tensor parameters meet element-wise, called with shapes that broadcast and shapes that do
/// not: the value and gradients of the method run as written (gradients summed back over the stretched dimensions),
/// errors naming both tensors and both shapes before any gradient is written, and no allocation per call.
/// </summary>
public sealed class BroadcastShapeTests
{
    private const double Sentinel = -7777.25;

    [Theory]
    [InlineData(new[] { 2, 3 }, new[] { 4 }, -1)]
    [InlineData(new[] { 2, 3 }, new[] { 3, 3 }, -2)]
    [InlineData(new[] { 4 }, new[] { 2, 3 }, -1)]
    [InlineData(new[] { 2, 1, 3 }, new[] { 2, 2 }, -1)]
    public void Shapes_that_do_not_broadcast_throw_naming_both_before_writing(int[] xShape, int[] bShape, int axis)
    {
        Tensor<double> x = Filled(xShape, 0.5);
        Tensor<double> b = Filled(bShape, -0.25);
        Tensor<double> dx = Filled(xShape, Sentinel);
        Tensor<double> db = Filled(bShape, Sentinel);

        ArgumentException value = Assert.Throws<ArgumentException>(() => Broadcasts.BroadcastSumValue(x, b));
        ArgumentException error = Assert.Throws<ArgumentException>(() => Broadcasts.BroadcastSumValueAndGradient(x, b, dx, db));

        Assert.Equal(value.Message, error.Message);
        Assert.Equal("b", error.ParamName);
        Assert.Contains("'x' " + ShapeGuard.Format(x.Lengths), error.Message, StringComparison.Ordinal);
        Assert.Contains("'b' " + ShapeGuard.Format(b.Lengths), error.Message, StringComparison.Ordinal);
        Assert.Contains("dimension " + axis + " (counted from the end)", error.Message, StringComparison.Ordinal);
        Assert.All(dx.ToArray(), v => Assert.Equal(Sentinel, v));
        Assert.All(db.ToArray(), v => Assert.Equal(Sentinel, v));

        // Run as written, the method refuses the same shapes.
        Assert.ThrowsAny<Exception>(() => Broadcasts.BroadcastSum(x, b));
    }

    [Theory]
    [InlineData(new[] { 3, 4 }, new[] { 4 })]
    [InlineData(new[] { 3, 4 }, new[] { 1, 4 })]
    [InlineData(new[] { 3, 4 }, new[] { 3, 1 })]
    [InlineData(new[] { 3, 4 }, new[] { 1 })]
    [InlineData(new[] { 3, 4 }, new[] { 1, 1 })]
    [InlineData(new[] { 4 }, new[] { 3, 4 })]
    [InlineData(new[] { 3, 1 }, new[] { 3, 4 })]
    [InlineData(new[] { 3, 1 }, new[] { 1, 4 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 3, 4 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 2, 1, 4 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 4 })]
    [InlineData(new[] { 2, 1, 4 }, new[] { 3, 1 })]
    [InlineData(new[] { 3, 4 }, new[] { 1, 3, 4 })]
    [InlineData(new[] { 5, 300 }, new[] { 300 })]
    [InlineData(new[] { 5, 300 }, new[] { 5, 1 })]
    public void Broadcast_shapes_give_the_eager_value_and_gradients_summed_back(int[] xShape, int[] bShape)
    {
        Tensor<double> x = Ramp(xShape, 0.01);
        Tensor<double> b = Ramp(bShape, -0.02);
        Tensor<double> dx = Filled(xShape, Sentinel);
        Tensor<double> db = Filled(bShape, Sentinel);

        double value = Broadcasts.BroadcastSumValueAndGradient(x, b, dx, db);

        Assert.Equal(Broadcasts.BroadcastSum(x, b), value, 1e-10);
        Assert.Equal(value, Broadcasts.BroadcastSumValue(x, b), 1e-10);

        // d/dx of Mean(Square(x - b)) + Sum(x * b) is 2 (x - b) / n + b over the broadcast, summed back onto each
        // operand; checked element by element against central differences of the method run as written.
        double[] xs = x.ToArray(), bs = b.ToArray();
        for (int i = 0; i < xs.Length; i += Math.Max(1, xs.Length / 7))
        {
            double expected = Difference(xs, i, v => Broadcasts.BroadcastSum(Tensor.Create(v, x.Lengths), b));
            Assert.True(Math.Abs(expected - dx.ToArray()[i]) <= 1e-6 * (1 + Math.Abs(value)), $"dx[{i}]: {dx.ToArray()[i]} against the difference {expected}");
        }

        for (int i = 0; i < bs.Length; i += Math.Max(1, bs.Length / 7))
        {
            double expected = Difference(bs, i, v => Broadcasts.BroadcastSum(x, Tensor.Create(v, b.Lengths)));
            Assert.True(Math.Abs(expected - db.ToArray()[i]) <= 1e-6 * (1 + Math.Abs(value)), $"db[{i}]: {db.ToArray()[i]} against the difference {expected}");
        }
    }

    [Theory]
    [InlineData(new[] { 3, 4 }, new[] { 4 })]
    [InlineData(new[] { 3, 4 }, new[] { 3, 4 })]
    [InlineData(new[] { 3, 1 }, new[] { 1, 4 })]
    [InlineData(new[] { 3, 1 }, new[] { 4 })]
    [InlineData(new[] { 4 }, new[] { 3, 4 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 3, 1 })]
    [InlineData(new[] { 1 }, new[] { 3, 2 })]
    public void A_method_over_Tensor_broadcasts_as_the_method_over_tensor_spans(int[] xShape, int[] bShape)
    {
        Tensor<double> x = Ramp(xShape, 0.01);
        Tensor<double> b = Ramp(bShape, -0.02);
        Tensor<double> dx = Filled(xShape, Sentinel);
        Tensor<double> db = Filled(bShape, Sentinel);
        Tensor<double> expectedDx = Filled(xShape, Sentinel);
        Tensor<double> expectedDb = Filled(bShape, Sentinel);

        double expected = Broadcasts.BroadcastSumValueAndGradient(x, b, expectedDx, expectedDb);
        double value = TensorBroadcasts.BroadcastSumValueAndGradient(x, b, dx, db);

        Assert.Equal(TensorBroadcasts.BroadcastSum(x, b), value, 1e-10);
        Assert.Equal(expected, value);
        Assert.Equal(expected, TensorBroadcasts.BroadcastSumValue(x, b));
        Assert.Equal(expectedDx.ToArray(), dx.ToArray());
        Assert.Equal(expectedDb.ToArray(), db.ToArray());
    }

    [Fact]
    public void A_method_over_Tensor_checks_for_null_and_shapes_before_writing()
    {
        Tensor<double> x = Ramp([2, 3], 0.01);
        Tensor<double> dx = Filled([2, 3], Sentinel);
        Tensor<double> db = Filled([4], Sentinel);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => TensorBroadcasts.BroadcastSumValue(x, null!)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => TensorBroadcasts.BroadcastSumValueAndGradient(null!, x, dx, dx)).ParamName);

        ArgumentException error = Assert.Throws<ArgumentException>(() => TensorBroadcasts.BroadcastSumValueAndGradient(x, Ramp([4], -0.02), dx, db));
        Assert.Equal("b", error.ParamName);
        Assert.All(dx.ToArray(), v => Assert.Equal(Sentinel, v));
        Assert.All(db.ToArray(), v => Assert.Equal(Sentinel, v));
    }

    [Fact]
    public void Equal_shapes_take_the_flat_loop_and_agree_with_the_broadcast_one()
    {
        // [3, 4] against [3, 4] runs the flat loop; [3, 4] against [1, 3, 4] the broadcast one, over the same elements.
        Tensor<double> x = Ramp([3, 4], 0.01);
        Tensor<double> b = Ramp([3, 4], -0.02);
        Tensor<double> b3 = Tensor.Create(b.ToArray(), [1, 3, 4]);
        Tensor<double> dx = Filled([3, 4], 0);
        Tensor<double> db = Filled([3, 4], 0);
        Tensor<double> dx3 = Filled([3, 4], 0);
        Tensor<double> db3 = Filled([1, 3, 4], 0);

        double flat = Broadcasts.BroadcastSumValueAndGradient(x, b, dx, db);
        double broadcast = Broadcasts.BroadcastSumValueAndGradient(x, b3, dx3, db3);

        Assert.Equal(flat, broadcast, 12);
        Assert.Equal(dx.ToArray(), dx3.ToArray());
        Assert.Equal(db.ToArray(), db3.ToArray());
    }

    [Fact]
    public void A_broadcast_call_allocates_nothing()
    {
        Tensor<float> x = Tensor.Create(Enumerable.Range(0, 64 * 33).Select(i => 0.01f * i).ToArray(), [64, 33]);
        Tensor<float> b = Tensor.Create(Enumerable.Range(0, 64).Select(i => -0.02f * i).ToArray(), [64, 1]);
        Tensor<float> dx = Tensor.CreateFromShape<float>([64, 33]);
        Tensor<float> db = Tensor.CreateFromShape<float>([64, 1]);

        // Past the JIT's tier-up threshold, then measured as the catalog's allocation tests measure.
        for (int i = 0; i < 40; i++)
        {
            Broadcasts.BroadcastSumFValueAndGradient(x, b, dx, db);
            Broadcasts.BroadcastSumFValue(x, b);
        }

        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                Broadcasts.BroadcastSumFValueAndGradient(x, b, dx, db);
                Broadcasts.BroadcastSumFValue(x, b);
            }
        }));
    }

    private static double Difference(double[] values, int i, Func<double[], double> f)
    {
        const double h = 1e-5;
        double[] plus = (double[])values.Clone(), minus = (double[])values.Clone();
        plus[i] += h;
        minus[i] -= h;
        return (f(plus) - f(minus)) / (2 * h);
    }

    private static Tensor<double> Filled(int[] shape, double value)
    {
        nint[] lengths = shape.Select(n => (nint)n).ToArray();
        return Tensor.Create(Enumerable.Repeat(value, shape.Aggregate(1, (a, n) => a * n)).ToArray(), lengths);
    }

    private static Tensor<double> Ramp(int[] shape, double step)
    {
        nint[] lengths = shape.Select(n => (nint)n).ToArray();
        return Tensor.Create(Enumerable.Range(0, shape.Aggregate(1, (a, n) => a * n)).Select(i => Math.Sin(i) + (step * i)).ToArray(), lengths);
    }
}
