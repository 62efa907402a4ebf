using System;
using System.Runtime.Intrinsics;
using SymGrad.Kernels;
using Xunit;

namespace SymGrad.Tests.Runtime;

/// <summary>
/// The inlined double exponential and logarithm <see cref="SimdMath"/> uses at 512, 256 and 128 bits: within one unit
/// in the last place of <see cref="Math.Exp(double)"/> and <see cref="Math.Log(double)"/> over seeded samples of their
/// whole ranges (subnormal results and arguments included), the same in every width, and the IEEE results for
/// infinities, NaN, 0, negatives, overflow and underflow, in any lane.
/// </summary>
public class InlineDoubleTests
{
    public static TheoryData<string, double, double> ExpRanges => new()
    {
        { "the whole range", -746, 710 },
        { "near 0", -2, 2 },
        { "the subnormal results", -746, -708 },
        { "across the overflow", 709, 710 },
    };

    public static TheoryData<string, long, long> LogBitRanges => new()
    {
        { "the normal range", 0x0010000000000000, 0x7FF0000000000000 },
        { "the subnormals", 1, 0x0010000000000000 },
        { "[1/2, 2)", 0x3FE0000000000000, 0x4000000000000000 },
    };

    [Theory]
    [MemberData(nameof(ExpRanges))]
    public void ExpIsWithinOneUlpOfMathExp(string range, double low, double high)
    {
        var random = new Random(17);
        AssertWithinOneUlp(range, () => low + ((high - low) * random.NextDouble()), InlineExp.Exp, InlineExp.Exp, InlineExp.Exp, Math.Exp);
    }

    [Theory]
    [MemberData(nameof(LogBitRanges))]
    public void LogIsWithinOneUlpOfMathLog(string range, long lowBits, long highBits)
    {
        // Uniform in the bits: every exponent of the range is sampled as often.
        var random = new Random(29);
        AssertWithinOneUlp(
            range, () => BitConverter.Int64BitsToDouble(random.NextInt64(lowBits, highBits)), InlineLog.Log, InlineLog.Log, InlineLog.Log, Math.Log);
    }

    [Fact]
    public void GiveTheIeeeResultsAtTheEdges()
    {
        double[] inputs =
        [
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -0d, double.MaxValue, -double.MaxValue,
            double.Epsilon, -double.Epsilon, 709.782712893384, 709.7827128933841, -708.3964185322641, -744.4400719213812,
            -745.2, 1, -1,
        ];

        // Every edge in every lane, next to ordinary lanes.
        for (int shift = 0; shift < 16; shift++)
        {
            var lanes = new double[8];
            for (int k = 0; k < 8; k++)
            {
                lanes[k] = inputs[(k + shift) % 16];
            }

            Vector512<double> exp = InlineExp.Exp(Vector512.Create(lanes));
            Vector512<double> log = InlineLog.Log(Vector512.Create(lanes));
            for (int k = 0; k < 8; k++)
            {
                Assert.True(Ulps(exp[k], Math.Exp(lanes[k])) <= 1, $"exp({lanes[k]:R}) gave {exp[k]:R}, expected {Math.Exp(lanes[k]):R}.");
                Assert.True(Ulps(log[k], Math.Log(lanes[k])) <= 1, $"log({lanes[k]:R}) gave {log[k]:R}, expected {Math.Log(lanes[k]):R}.");
            }
        }

        Assert.Equal(0d, InlineExp.Exp(Vector256.Create(double.NegativeInfinity))[0]);
        Assert.Equal(double.PositiveInfinity, InlineExp.Exp(Vector128.Create(709.7827128933841))[0]);
        Assert.Equal(double.Epsilon, InlineExp.Exp(Vector512.Create(-744.4400719213812))[0]);
        Assert.Equal(double.NegativeInfinity, InlineLog.Log(Vector128.Create(-0d))[0]);
        Assert.True(double.IsNaN(InlineLog.Log(Vector256.Create(double.NegativeInfinity))[0]));
    }

    private static void AssertWithinOneUlp(
        string range,
        Func<double> next,
        Func<Vector512<double>, Vector512<double>> wide,
        Func<Vector256<double>, Vector256<double>> half,
        Func<Vector128<double>, Vector128<double>> quarter,
        Func<double, double> reference)
    {
        var lanes = new double[8];
        double worst = 0;
        double worstInput = 0;
        for (int round = 0; round < 200_000; round++)
        {
            for (int k = 0; k < 8; k++)
            {
                lanes[k] = next();
            }

            Vector512<double> result = wide(Vector512.Create(lanes));
            Vector256<double> upper = half(Vector256.Create(lanes.AsSpan(4, 4)));
            Vector128<double> second = quarter(Vector128.Create(lanes.AsSpan(2, 2)));
            for (int k = 0; k < 8; k++)
            {
                if (k >= 4)
                {
                    Assert.Equal(result[k], upper[k - 4]);
                }
                else if (k >= 2)
                {
                    Assert.Equal(result[k], second[k - 2]);
                }

                double error = Ulps(result[k], reference(lanes[k]));
                if (error > worst)
                {
                    worst = error;
                    worstInput = lanes[k];
                }
            }
        }

        Assert.True(worst <= 1, $"Over {range}, the input {worstInput:R} gave a result {worst:F3} ulp from the reference.");
    }

    /// <summary>The distance from <paramref name="result"/> to <paramref name="reference"/> in units of the reference's last place; infinities and NaN must match.</summary>
    private static double Ulps(double result, double reference)
    {
        if (double.IsNaN(reference) || double.IsInfinity(reference) || double.IsInfinity(result))
        {
            return result.Equals(reference) ? 0 : double.PositiveInfinity;
        }

        double magnitude = Math.Abs(reference);
        double ulp = magnitude < 2.2250738585072014e-308 ? double.Epsilon : Math.BitIncrement(magnitude) - magnitude;
        return Math.Abs(result - reference) / ulp;
    }
}
