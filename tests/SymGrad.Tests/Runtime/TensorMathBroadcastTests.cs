using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Runtime;

/// <summary>
/// Every broadcast direction of the operators the contract uses (System.Numerics.Tensors' + - * / and TensorMath's
/// Maximum, Minimum, comparisons and Where) against a naive reference that indexes each operand by NumPy rules.
/// System.Numerics.Tensors 10.0.x computed [2,3] - [2,1] as a [2,1] tensor; these pin the 11.0 behaviour.
/// </summary>
public class TensorMathBroadcastTests
{
    public static TheoryData<int[], int[]> Pairs() => new()
    {
        { [2, 3], [2, 1] },
        { [2, 1], [2, 3] },
        { [2, 3], [3] },
        { [3], [2, 3] },
        { [3, 1], [1, 4] },
        { [1, 4], [3, 1] },
        { [1], [2, 3] },
        { [2, 3], [1] },
        { [2, 3], [2, 3] },
        { [2, 1, 3], [4, 1] },
        { [4, 1], [2, 1, 3] },
        { [1, 1], [5] },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Arithmetic_broadcasts_like_numpy(int[] left, int[] right)
    {
        Tensor<double> a = Create(left, 1);
        Tensor<double> b = Create(right, 2);
        Check(a, b, a + b, (x, y) => x + y, "+");
        Check(a, b, a - b, (x, y) => x - y, "-");
        Check(a, b, a * b, (x, y) => x * y, "*");
        Check(a, b, a / b, (x, y) => x / y, "/");
        Check(a, b, Maximum(a, b), Math.Max, "Maximum");
        Check(a, b, Minimum(a, b), Math.Min, "Minimum");
        Check(a, b, Bits(a < b), (x, y) => x < y ? 1 : 0, "<");
        Check(a, b, Bits(LessThanOrEqual(a, b)), (x, y) => x <= y ? 1 : 0, "<=");
        Check(a, b, Bits(a > b), (x, y) => x > y ? 1 : 0, ">");
        Check(a, b, Bits(GreaterThanOrEqual(a, b)), (x, y) => x >= y ? 1 : 0, ">=");
        Check(a, b, Where(a < b, a, b), (x, y) => x < y ? x : y, "Where");

        Tensor<float> af = Single(a), bf = Single(b);
        Check(a, b, Double(af + bf), (x, y) => (float)x + (float)y, "float +");
        Check(a, b, Double(af - bf), (x, y) => (float)x - (float)y, "float -");
        Check(a, b, Double(af * bf), (x, y) => (float)x * (float)y, "float *");
        Check(a, b, Double(af / bf), (x, y) => (float)x / (float)y, "float /");
    }

    [Fact]
    public void Scalars_broadcast_on_either_side()
    {
        Tensor<double> a = Create([2, 3], 3);
        Tensor<double> s = Tensor.Create([0.25], [1]);
        Check(a, s, a - 0.25, (x, y) => x - y, "tensor - scalar");
        Check(s, a, 0.25 - a, (x, y) => x - y, "scalar - tensor");
        Check(a, s, a / 0.25, (x, y) => x / y, "tensor / scalar");
        Check(s, a, 0.25 / a, (x, y) => x / y, "scalar / tensor");
        Check(s, a, Maximum(0.25, a), Math.Max, "Maximum(scalar, tensor)");
        Check(a, s, Minimum(a, 0.25), Math.Min, "Minimum(tensor, scalar)");
        Check(s, a, Bits(0.25 < a), (x, y) => x < y ? 1 : 0, "scalar < tensor");
        Check(a, s, Bits(a >= 0.25), (x, y) => x >= y ? 1 : 0, "tensor >= scalar");
    }

    [Fact]
    public void Incompatible_shapes_name_both_operands_and_shapes()
    {
        Tensor<float> a = Tensor.Create(new float[6], [2, 3]);
        Tensor<float> b = Tensor.Create(new float[4], [4]);
        foreach (Func<object> call in new Func<object>[] { () => Maximum(a, b), () => Minimum(a, b), () => LessThan(a, b), () => a >= b, () => Where(LessThan(a, a), a, b) })
        {
            var error = Assert.Throws<ArgumentException>(call);
            Assert.Contains("'a' is [2, 3]", error.Message, StringComparison.Ordinal);
            Assert.Contains("'b' is [4]", error.Message, StringComparison.Ordinal);
            Assert.Contains("size-1 dimensions", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Views_broadcast_from_their_strides()
    {
        // A transposed view: its elements are not in row-major order in memory.
        Tensor<double> matrix = Create([3, 2], 4);
        ReadOnlyTensorSpan<double> transposed = Tensor.PermuteDimensions(matrix, [1, 0]);
        Tensor<double> dense = Tensor.Create(NumericAssert.Flatten(transposed), [2, 3]);
        Tensor<double> column = Create([2, 1], 5);
        Assert.Equal(NumericAssert.Flatten(Maximum(dense, column)), NumericAssert.Flatten(Maximum(transposed, column)));
    }

    private static Tensor<double> Create(int[] lengths, int seed)
    {
        nint[] shape = lengths.Select(l => (nint)l).ToArray();
        int count = lengths.Aggregate(1, (p, l) => p * l);

        // Values in float precision so the float operators see the same numbers; a few ties for the comparisons.
        double[] values = NumericAssert.Uniform<float>(count, -2, 2, seed).Select(v => (double)v).ToArray();
        if (count > 0)
        {
            values[0] = 0.25;
        }

        return Tensor.Create(values, shape);
    }

    private static Tensor<float> Single(Tensor<double> x) => Tensor.Create(NumericAssert.Flatten(x).Select(v => (float)v).ToArray(), x.Lengths);

    private static Tensor<double> Double(Tensor<float> x) => Tensor.Create(NumericAssert.Flatten(x).Select(v => (double)v).ToArray(), x.Lengths);

    private static Tensor<double> Bits(Tensor<bool> mask) => Tensor.Create(NumericAssert.Flatten(mask).Select(m => m ? 1d : 0d).ToArray(), mask.Lengths);

    /// <summary>Compares <paramref name="actual"/> with <paramref name="f"/> applied to the operands indexed by NumPy's rules.</summary>
    private static void Check(Tensor<double> a, Tensor<double> b, Tensor<double> actual, Func<double, double, double> f, string operation)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        nint[] shape = new nint[rank];
        for (int d = 1; d <= rank; d++)
        {
            nint x = d <= a.Rank ? a.Lengths[^d] : 1, y = d <= b.Rank ? b.Lengths[^d] : 1;
            shape[rank - d] = Math.Max(x, y);
        }

        Assert.Equal(shape, actual.Lengths.ToArray());
        double[] left = NumericAssert.Flatten(a), right = NumericAssert.Flatten(b), result = NumericAssert.Flatten(actual);
        var index = new nint[rank];
        for (int flat = 0; flat < result.Length; flat++)
        {
            nint rest = flat;
            for (int d = rank - 1; d >= 0; d--)
            {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }

            double expected = f(left[Offset(a, index)], right[Offset(b, index)]);
            Assert.True(expected.Equals(result[flat]), $"{operation} of {Format(a)} and {Format(b)}: element {flat} is {result[flat]}, expected {expected}");
        }
    }

    /// <summary>The row-major position in <paramref name="x"/> of the output index, its size-1 and missing dimensions read at 0.</summary>
    private static int Offset(Tensor<double> x, nint[] index)
    {
        int offset = 0;
        for (int d = 0; d < x.Rank; d++)
        {
            nint i = index[index.Length - x.Rank + d];
            offset = (int)((offset * x.Lengths[d]) + (x.Lengths[d] == 1 ? 0 : i));
        }

        return offset;
    }

    private static string Format(Tensor<double> x) => "[" + string.Join(", ", x.Lengths.ToArray()) + "]";
}
