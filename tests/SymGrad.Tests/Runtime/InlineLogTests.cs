using System;
using System.Runtime.Intrinsics;
using SymGrad.Kernels;
using Xunit;

namespace SymGrad.Tests.Runtime;

/// <summary>
/// The inlined float logarithm <see cref="SimdMath"/> uses at 512 and 256 bits: within one unit in the last place of
/// the logarithm rounded from double, over every float in [1/4, 4) and a sweep of the whole positive range including
/// subnormals, and the IEEE results of <see cref="MathF.Log(float)"/> for 0, negatives, infinities and NaN, in any lane.
/// </summary>
public class InlineLogTests
{
    [Theory]
    [InlineData(0x3E800000u, 0x40800000u, 1u)] // [1/4, 4): every float
    [InlineData(0x00800000u, 0x7F800000u, 101u)] // the normal range
    [InlineData(1u, 0x00800000u, 7u)] // the subnormals
    public void IsWithinOneUlp(uint firstBits, uint endBits, uint step)
    {
        var lanes = new float[16];
        double worst = 0;
        float worstInput = 0;
        for (ulong bits = firstBits; bits < endBits; bits += 16UL * step)
        {
            for (int k = 0; k < 16; k++)
            {
                lanes[k] = BitConverter.UInt32BitsToSingle((uint)Math.Min(bits + ((ulong)k * step), endBits - 1));
            }

            Vector512<float> wide = InlineLog.Log(Vector512.Create(lanes));
            Vector256<float> low = InlineLog.Log(Vector256.Create(lanes.AsSpan(0, 8)));
            Vector256<float> high = InlineLog.Log(Vector256.Create(lanes.AsSpan(8, 8)));
            for (int k = 0; k < 16; k++)
            {
                double exact = Math.Log(lanes[k]);
                float rounded = MathF.Abs((float)exact);
                double ulp = MathF.BitIncrement(rounded) - rounded;
                Assert.Equal(wide[k], k < 8 ? low[k] : high[k - 8]);
                double error = Math.Abs(wide[k] - exact) / ulp;
                if (error > worst)
                {
                    worst = error;
                    worstInput = lanes[k];
                }
            }
        }

        Assert.True(worst <= 1, $"log({worstInput:R}) is {worst:F2} ulp from the logarithm rounded from double.");
    }

    [Fact]
    public void GivesTheIeeeResultsOutsideThePositiveFiniteRange()
    {
        float[] inputs =
        [
            0f, -0f, -1f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, -float.Epsilon, float.Epsilon,
            1f, 2f, float.MaxValue, -float.MaxValue, 1.17549435e-38f, 0.5f, -0.5f, 3f,
        ];

        // Every special value in every lane, next to ordinary lanes.
        for (int shift = 0; shift < 16; shift++)
        {
            var lanes = new float[16];
            for (int k = 0; k < 16; k++)
            {
                lanes[k] = inputs[(k + shift) % 16];
            }

            Vector512<float> wide = InlineLog.Log(Vector512.Create(lanes));
            for (int k = 0; k < 16; k++)
            {
                float expected = MathF.Log(lanes[k]);
                Assert.True(
                    float.IsNaN(expected) ? float.IsNaN(wide[k]) : wide[k] == expected || Math.Abs(wide[k] - expected) <= 1e-7 * Math.Abs(expected),
                    $"log({lanes[k]:R}) gave {wide[k]:R}, expected {expected:R}.");
            }
        }
    }
}
