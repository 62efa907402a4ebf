using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// The natural logarithm of 512-bit and 256-bit float vectors, inlined into the kernel that calls it.
/// </summary>
/// <remarks>
/// <para>
/// <c>Vector512.Log</c> and <c>Vector256.Log</c> are not inlined: their argument and result cross the call through the
/// stack, and where the stack slot straddles a cache line each call stalls on the split store and the load that reads
/// it back. Which slot a call gets depends on how deep the caller's stack is, so the same loop over 1,000 floats ran at
/// about 0.45 or 1.7 ns per element depending on where it was called from; and every vector live across the call is
/// spilled to the stack too. Inlined, the lanes stay in registers.
/// </para>
/// <para>
/// Positive normal lanes: <c>x = 2^e * m</c> with <c>m</c> in [sqrt(1/2), sqrt(2)), <c>f = m - 1</c> (exact), and
/// <c>log(1 + f) = 2 atanh(s) = 2s + s * R(s^2)</c> with <c>s = f / (2 + f)</c>, <c>|s| &lt;= 0.1716</c>; R is the series
/// <c>2z/3 + 2z^2/5 + 2z^3/7 + 2z^4/9</c>, whose first omitted term is below 2^-27 of the result. The result is
/// assembled as <c>e ln2_hi + (f - (f^2/2 - s (f^2/2 + R) - e ln2_lo))</c>: the large terms are added last, the
/// last in one fused multiply-add. Within one unit in the last place (InlineLogTests).
/// Subnormal lanes are scaled into the normal range first; 0, negative, infinite and NaN lanes get the IEEE results
/// by selection, without a branch or a call (a call in a loop makes the JIT spill every live vector to the stack).
/// </para>
/// </remarks>
internal static partial class InlineLog
{
    private const int SqrtHalfBits = 0x3F3504F3;

    private const float Ln2High = 0.6931471824645996f; // ln 2 rounded to float; e * Ln2High is exact inside the final fused multiply-add

    private const float Ln2Low = -1.904654323148236e-09f; // ln 2 - Ln2High

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x)
    {
        // Subnormal lanes (and +0) are scaled by 2^23 into the normal range, their exponent corrected below.
        Vector512<uint> subnormal = Vector512.LessThan(x.AsUInt32(), Vector512.Create(0x00800000u));
        Vector512<int> bits = Vector512.ConditionalSelect(subnormal.AsSingle(), x * Vector512.Create(8388608f), x).AsInt32();

        // e = exponent relative to sqrt(1/2); m = x / 2^e in [sqrt(1/2), sqrt(2)).
        Vector512<int> e = Vector512.ShiftRightArithmetic(bits - Vector512.Create(SqrtHalfBits), 23);
        Vector512<float> m = (bits - Vector512.ShiftLeft(e, 23)).AsSingle();
        Vector512<float> f = m - Vector512<float>.One;
        Vector512<float> s = f / (Vector512.Create(2f) + f);
        Vector512<float> z = s * s;
        Vector512<float> r = z * Vector512.FusedMultiplyAdd(
            z,
            Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.Create(2f / 9), Vector512.Create(2f / 7)), Vector512.Create(2f / 5)),
            Vector512.Create(2f / 3));
        Vector512<float> halfSquare = Vector512.Create(0.5f) * f * f;
        Vector512<float> exponent = Vector512.ConvertToSingle(e - (subnormal.AsInt32() & Vector512.Create(23)));
        Vector512<float> small = Vector512.FusedMultiplyAdd(s, halfSquare + r, exponent * Vector512.Create(Ln2Low));
        Vector512<float> log = Vector512.FusedMultiplyAdd(exponent, Vector512.Create(Ln2High), f - (halfSquare - small));

        // Lanes that are not positive and finite: log(±0) = -inf, log(+inf) = +inf, NaN below 0 and for NaN.
        Vector512<float> special = Vector512.ConditionalSelect(
            Vector512.Equals(x, Vector512<float>.Zero),
            Vector512.Create(float.NegativeInfinity),
            Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), Vector512.Create(float.NaN), x));
        Vector512<uint> finitePositive = Vector512.LessThan(x.AsUInt32() - Vector512<uint>.One, Vector512.Create(0x7F7FFFFFu));
        return Vector512.ConditionalSelect(finitePositive.AsSingle(), log, special);
    }

    /// <summary>The same at 256 bits: the short path of a 512-bit loop and the main path where 512 bits are not accelerated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x)
    {
        // Subnormal lanes (and +0) are scaled by 2^23 into the normal range, their exponent corrected below.
        Vector256<uint> subnormal = Vector256.LessThan(x.AsUInt32(), Vector256.Create(0x00800000u));
        Vector256<int> bits = Vector256.ConditionalSelect(subnormal.AsSingle(), x * Vector256.Create(8388608f), x).AsInt32();

        // e = exponent relative to sqrt(1/2); m = x / 2^e in [sqrt(1/2), sqrt(2)).
        Vector256<int> e = Vector256.ShiftRightArithmetic(bits - Vector256.Create(SqrtHalfBits), 23);
        Vector256<float> m = (bits - Vector256.ShiftLeft(e, 23)).AsSingle();
        Vector256<float> f = m - Vector256<float>.One;
        Vector256<float> s = f / (Vector256.Create(2f) + f);
        Vector256<float> z = s * s;
        Vector256<float> r = z * Vector256.FusedMultiplyAdd(
            z,
            Vector256.FusedMultiplyAdd(z, Vector256.FusedMultiplyAdd(z, Vector256.Create(2f / 9), Vector256.Create(2f / 7)), Vector256.Create(2f / 5)),
            Vector256.Create(2f / 3));
        Vector256<float> halfSquare = Vector256.Create(0.5f) * f * f;
        Vector256<float> exponent = Vector256.ConvertToSingle(e - (subnormal.AsInt32() & Vector256.Create(23)));
        Vector256<float> small = Vector256.FusedMultiplyAdd(s, halfSquare + r, exponent * Vector256.Create(Ln2Low));
        Vector256<float> log = Vector256.FusedMultiplyAdd(exponent, Vector256.Create(Ln2High), f - (halfSquare - small));

        // Lanes that are not positive and finite: log(±0) = -inf, log(+inf) = +inf, NaN below 0 and for NaN.
        Vector256<float> special = Vector256.ConditionalSelect(
            Vector256.Equals(x, Vector256<float>.Zero),
            Vector256.Create(float.NegativeInfinity),
            Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), Vector256.Create(float.NaN), x));
        Vector256<uint> finitePositive = Vector256.LessThan(x.AsUInt32() - Vector256<uint>.One, Vector256.Create(0x7F7FFFFFu));
        return Vector256.ConditionalSelect(finitePositive.AsSingle(), log, special);
    }
}
