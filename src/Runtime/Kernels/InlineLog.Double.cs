using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// The natural logarithm of 512-, 256- and 128-bit double vectors, inlined: the float algorithm of
/// <see cref="InlineLog"/> with a degree-7 series <c>R(z) = z (L1 + L2 z + ... + L7 z^6)</c>, a Remez fit whose error is
/// at most 2.5e-18 over the reduced range. Within one unit in the last place of <see cref="System.Math.Log(double)"/>
/// (InlineDoubleTests).
/// </summary>
internal static partial class InlineLog
{
    private const long DoubleSqrtHalfBits = 0x3FE6A09E667F3BCD;

    private const double DoubleLn2High = 0.6931471805599453; // ln 2 rounded to double

    private const double DoubleLn2Low = 2.3190468138462996e-17; // ln 2 - DoubleLn2High

    private const double L1 = 0.6666666666666734;

    private const double L2 = 0.39999999999414554;

    private const double L3 = 0.2857142874241788;

    private const double L4 = 0.22222198569834867;

    private const double L5 = 0.18183564512283143;

    private const double L6 = 0.1531404549374713;

    private const double L7 = 0.14796003152160933;

    /// <summary>The natural logarithm of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x)
    {
        // Subnormal lanes (and +0) are scaled by 2^54 into the normal range, their exponent corrected below.
        Vector512<ulong> subnormal = Vector512.LessThan(x.AsUInt64(), Vector512.Create(0x0010000000000000UL));
        Vector512<long> bits = Vector512.ConditionalSelect(subnormal.AsDouble(), x * Vector512.Create(18014398509481984d), x).AsInt64();

        // e = exponent relative to sqrt(1/2); m = x / 2^e in [sqrt(1/2), sqrt(2)).
        Vector512<long> e = Vector512.ShiftRightArithmetic(bits - Vector512.Create(DoubleSqrtHalfBits), 52);
        Vector512<double> m = (bits - Vector512.ShiftLeft(e, 52)).AsDouble();
        Vector512<double> f = m - Vector512<double>.One;
        Vector512<double> s = f / (Vector512.Create(2d) + f);
        Vector512<double> z = s * s;
        Vector512<double> r = z * Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(
            z, Vector512.Create(L7), Vector512.Create(L6)), z, Vector512.Create(L5)), z, Vector512.Create(L4)), z, Vector512.Create(L3)), z, Vector512.Create(L2)), z, Vector512.Create(L1));
        Vector512<double> halfSquare = Vector512.Create(0.5d) * f * f;
        Vector512<double> exponent = Vector512.ConvertToDouble(e - (subnormal.AsInt64() & Vector512.Create(54L)));
        Vector512<double> small = Vector512.FusedMultiplyAdd(s, halfSquare + r, exponent * Vector512.Create(DoubleLn2Low));
        Vector512<double> log = Vector512.FusedMultiplyAdd(exponent, Vector512.Create(DoubleLn2High), f - (halfSquare - small));

        // Lanes that are not positive and finite: log(±0) = -inf, log(+inf) = +inf, NaN below 0 and for NaN.
        Vector512<double> special = Vector512.ConditionalSelect(
            Vector512.Equals(x, Vector512<double>.Zero),
            Vector512.Create(double.NegativeInfinity),
            Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<double>.Zero), Vector512.Create(double.NaN), x));
        Vector512<ulong> finitePositive = Vector512.LessThan(x.AsUInt64() - Vector512<ulong>.One, Vector512.Create(0x7FEFFFFFFFFFFFFFUL));
        return Vector512.ConditionalSelect(finitePositive.AsDouble(), log, special);
    }

    /// <summary>The same at 256 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x)
    {
        // Subnormal lanes (and +0) are scaled by 2^54 into the normal range, their exponent corrected below.
        Vector256<ulong> subnormal = Vector256.LessThan(x.AsUInt64(), Vector256.Create(0x0010000000000000UL));
        Vector256<long> bits = Vector256.ConditionalSelect(subnormal.AsDouble(), x * Vector256.Create(18014398509481984d), x).AsInt64();

        // e = exponent relative to sqrt(1/2); m = x / 2^e in [sqrt(1/2), sqrt(2)).
        Vector256<long> e = Vector256.ShiftRightArithmetic(bits - Vector256.Create(DoubleSqrtHalfBits), 52);
        Vector256<double> m = (bits - Vector256.ShiftLeft(e, 52)).AsDouble();
        Vector256<double> f = m - Vector256<double>.One;
        Vector256<double> s = f / (Vector256.Create(2d) + f);
        Vector256<double> z = s * s;
        Vector256<double> r = z * Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(
            z, Vector256.Create(L7), Vector256.Create(L6)), z, Vector256.Create(L5)), z, Vector256.Create(L4)), z, Vector256.Create(L3)), z, Vector256.Create(L2)), z, Vector256.Create(L1));
        Vector256<double> halfSquare = Vector256.Create(0.5d) * f * f;
        Vector256<double> exponent = Vector256.ConvertToDouble(e - (subnormal.AsInt64() & Vector256.Create(54L)));
        Vector256<double> small = Vector256.FusedMultiplyAdd(s, halfSquare + r, exponent * Vector256.Create(DoubleLn2Low));
        Vector256<double> log = Vector256.FusedMultiplyAdd(exponent, Vector256.Create(DoubleLn2High), f - (halfSquare - small));

        // Lanes that are not positive and finite: log(±0) = -inf, log(+inf) = +inf, NaN below 0 and for NaN.
        Vector256<double> special = Vector256.ConditionalSelect(
            Vector256.Equals(x, Vector256<double>.Zero),
            Vector256.Create(double.NegativeInfinity),
            Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero), Vector256.Create(double.NaN), x));
        Vector256<ulong> finitePositive = Vector256.LessThan(x.AsUInt64() - Vector256<ulong>.One, Vector256.Create(0x7FEFFFFFFFFFFFFFUL));
        return Vector256.ConditionalSelect(finitePositive.AsDouble(), log, special);
    }

    /// <summary>The same at 128 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Log(Vector128<double> x)
    {
        // Subnormal lanes (and +0) are scaled by 2^54 into the normal range, their exponent corrected below.
        Vector128<ulong> subnormal = Vector128.LessThan(x.AsUInt64(), Vector128.Create(0x0010000000000000UL));
        Vector128<long> bits = Vector128.ConditionalSelect(subnormal.AsDouble(), x * Vector128.Create(18014398509481984d), x).AsInt64();

        // e = exponent relative to sqrt(1/2); m = x / 2^e in [sqrt(1/2), sqrt(2)).
        Vector128<long> e = Vector128.ShiftRightArithmetic(bits - Vector128.Create(DoubleSqrtHalfBits), 52);
        Vector128<double> m = (bits - Vector128.ShiftLeft(e, 52)).AsDouble();
        Vector128<double> f = m - Vector128<double>.One;
        Vector128<double> s = f / (Vector128.Create(2d) + f);
        Vector128<double> z = s * s;
        Vector128<double> r = z * Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(
            z, Vector128.Create(L7), Vector128.Create(L6)), z, Vector128.Create(L5)), z, Vector128.Create(L4)), z, Vector128.Create(L3)), z, Vector128.Create(L2)), z, Vector128.Create(L1));
        Vector128<double> halfSquare = Vector128.Create(0.5d) * f * f;
        Vector128<double> exponent = Vector128.ConvertToDouble(e - (subnormal.AsInt64() & Vector128.Create(54L)));
        Vector128<double> small = Vector128.FusedMultiplyAdd(s, halfSquare + r, exponent * Vector128.Create(DoubleLn2Low));
        Vector128<double> log = Vector128.FusedMultiplyAdd(exponent, Vector128.Create(DoubleLn2High), f - (halfSquare - small));

        // Lanes that are not positive and finite: log(±0) = -inf, log(+inf) = +inf, NaN below 0 and for NaN.
        Vector128<double> special = Vector128.ConditionalSelect(
            Vector128.Equals(x, Vector128<double>.Zero),
            Vector128.Create(double.NegativeInfinity),
            Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<double>.Zero), Vector128.Create(double.NaN), x));
        Vector128<ulong> finitePositive = Vector128.LessThan(x.AsUInt64() - Vector128<ulong>.One, Vector128.Create(0x7FEFFFFFFFFFFFFFUL));
        return Vector128.ConditionalSelect(finitePositive.AsDouble(), log, special);
    }
}
