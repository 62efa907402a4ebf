using System;
using System.Runtime.Intrinsics;
using SymGrad.Kernels;
using Xunit;

namespace SymGrad.Tests.Runtime;

/// <summary>
/// The inlined float exponential <see cref="SimdMath"/> uses at 512, 256 and 128 bits: within 0.875 units in the last
/// place of the exact result (its largest error over every float from -104 to 89, measured once exhaustively), with
/// subnormal results measured in the subnormal unit, the same in every width, and the IEEE results of
/// <see cref="MathF.Exp(float)"/> for infinities, NaN, overflow and underflow, in any lane.
/// </summary>
public class InlineExpTests
{
    private const double MaxUlps = 0.875;

    [Theory]
    [InlineData(0x3F800000u, 0x40000000u, 1u)] // [1, 2): every float
    [InlineData(0xBF800000u, 0xC0000000u, 1u)] // (-2, -1]: every float
    [InlineData(0x30800000u, 0x42B20000u, 31u)] // [2^-30, 89)
    [InlineData(0xB0800000u, 0xC2D00000u, 31u)] // (-104, -2^-30]
    [InlineData(0xC2AE0000u, 0xC2D00000u, 1u)] // (-104, -87]: every float, the subnormal results among them
    [InlineData(0x42B00000u, 0x42B20000u, 1u)] // [88, 89): every float, across the overflow
    [InlineData(1u, 0x30800000u, 4099u)] // (0, 2^-30): the result rounds to 1
    public void IsWithinItsStatedUlps(uint firstBits, uint endBits, uint step)
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

            Vector512<float> wide = InlineExp.Exp(Vector512.Create(lanes));
            Vector256<float> half = InlineExp.Exp(Vector256.Create(lanes.AsSpan(8, 8)));
            Vector128<float> quarter = InlineExp.Exp(Vector128.Create(lanes.AsSpan(4, 4)));
            for (int k = 0; k < 16; k++)
            {
                if (k >= 8)
                {
                    Assert.Equal(wide[k], half[k - 8]);
                }
                else if (k >= 4)
                {
                    Assert.Equal(wide[k], quarter[k - 4]);
                }

                double error = UlpsFromExact(wide[k], lanes[k]);
                if (error > worst)
                {
                    worst = error;
                    worstInput = lanes[k];
                }
            }
        }

        Assert.True(worst <= MaxUlps, $"exp({worstInput:R}) is {worst:F3} ulp from the exact result.");
    }

    [Fact]
    public void GivesTheIeeeResultsAtTheEdges()
    {
        float[] inputs =
        [
            float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.MaxValue, -float.MaxValue, float.Epsilon,
            -float.Epsilon, 88.7228317f, 88.7228394f, -87.3365479f, -103.278931f, -104f, 1f, -1f,
        ];

        // Every edge in every lane, next to ordinary lanes.
        for (int shift = 0; shift < 16; shift++)
        {
            var lanes = new float[16];
            for (int k = 0; k < 16; k++)
            {
                lanes[k] = inputs[(k + shift) % 16];
            }

            Vector512<float> wide = InlineExp.Exp(Vector512.Create(lanes));
            for (int k = 0; k < 16; k++)
            {
                float expected = MathF.Exp(lanes[k]);
                Assert.True(
                    float.IsNaN(expected) ? float.IsNaN(wide[k]) : wide[k] == expected || UlpsFromExact(wide[k], lanes[k]) <= MaxUlps,
                    $"exp({lanes[k]:R}) gave {wide[k]:R}, expected {expected:R}.");
            }
        }

        Assert.Equal(0f, InlineExp.Exp(Vector512.Create(float.NegativeInfinity))[0]);
        Assert.Equal(float.PositiveInfinity, InlineExp.Exp(Vector256.Create(float.PositiveInfinity))[0]);
        Assert.Equal(float.PositiveInfinity, InlineExp.Exp(Vector128.Create(88.7228394f))[0]);
        Assert.True(float.IsNaN(InlineExp.Exp(Vector128.Create(float.NaN))[0]));
        Assert.Equal(float.Epsilon, InlineExp.Exp(Vector512.Create(-103.278931f))[0]);
    }

    /// <summary>
    /// The distance from <paramref name="result"/> to the exact <c>e^x</c> in units of the last place of the exact
    /// value rounded to float (2^-149 for subnormals); an overflow must give +inf.
    /// </summary>
    private static double UlpsFromExact(float result, float x)
    {
        double exact = Math.Exp(x);
        float rounded = (float)exact;
        if (float.IsPositiveInfinity(rounded) || float.IsPositiveInfinity(result))
        {
            return result == rounded ? 0 : double.PositiveInfinity;
        }

        double ulp = rounded < 1.17549435e-38f ? float.Epsilon : (double)MathF.BitIncrement(rounded) - rounded;
        return Math.Abs(result - exact) / ulp;
    }
}
