using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// e raised to each lane of 512-, 256- and 128-bit double vectors, inlined: the float algorithm of
/// <see cref="InlineExp"/> with a degree-9 Q (relative error at most 3.7e-18, 0.03 ulp, before rounding the
/// coefficients). Within one unit in the last place of <see cref="System.Math.Exp(double)"/> (InlineDoubleTests).
/// </summary>
internal static partial class InlineExp
{
    private const double DoubleMaxInput = 720; // exp(709.79) already overflows

    private const double DoubleMinInput = -760; // exp(-745.14) already rounds to 0

    private const double DoubleLog2E = 1.4426950408889634; // 1 / ln 2 rounded to double

    private const double DoubleShifter = 6755399441055744; // 1.5 * 2^52

    private const long DoubleShifterBits = 0x4338000000000000;

    private const double DoubleLn2High = 0.6931471805599453; // ln 2 rounded to double

    private const double DoubleLn2Low = 2.3190468138462996e-17; // ln 2 - DoubleLn2High

    // Q(r) = D2 + D3 r + ... + D11 r^9 (a Remez fit, rounded to double).
    private const double D2 = 0.5000000000000011;

    private const double D3 = 0.16666666666666413;

    private const double D4 = 0.041666666666530267;

    private const double D5 = 0.008333333333494343;

    private const double D6 = 0.00138888889435985;

    private const double D7 = 0.0001984126950675913;

    private const double D8 = 2.480149313524595e-05;

    private const double D9 = 2.755758628414972e-06;

    private const double D10 = 2.763023428895787e-07;

    private const double D11 = 2.5000066966348093e-08;

    /// <summary>e raised to each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        // As the float body, with the double constants: clamping changes no result and keeps k in [-1097, 1039].
        x = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(DoubleMaxInput)), Vector512.Create(DoubleMaxInput), x);
        x = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(DoubleMinInput)), Vector512.Create(DoubleMinInput), x);

        Vector512<double> t = Vector512.FusedMultiplyAdd(x, Vector512.Create(DoubleLog2E), Vector512.Create(DoubleShifter));
        Vector512<double> k = t - Vector512.Create(DoubleShifter);
        Vector512<double> high = Vector512.FusedMultiplyAdd(k, Vector512.Create(-DoubleLn2High), x);
        Vector512<double> low = k * Vector512.Create(-DoubleLn2Low);
        Vector512<double> r = high + low;

        Vector512<double> q = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(
            Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(
            r, Vector512.Create(D11), Vector512.Create(D10)), r, Vector512.Create(D9)), r, Vector512.Create(D8)), r, Vector512.Create(D7)), r, Vector512.Create(D6)),
            r, Vector512.Create(D5)), r, Vector512.Create(D4)), r, Vector512.Create(D3)), r, Vector512.Create(D2));
        Vector512<double> p = (high + Vector512.FusedMultiplyAdd(r * r, q, low)) + Vector512<double>.One;

        Vector512<long> biased = t.AsInt64() - Vector512.Create(DoubleShifterBits - 1023);
        Vector512<long> half = Vector512.ShiftRightArithmetic(biased - Vector512.Create(1023L), 1);
        Vector512<double> scale = Vector512.ShiftLeft(half + Vector512.Create(1023L), 52).AsDouble();
        Vector512<double> rest = Vector512.ShiftLeft(biased - half, 52).AsDouble();
        return p * scale * rest;
    }

    /// <summary>The same at 256 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        // As the float body, with the double constants: clamping changes no result and keeps k in [-1097, 1039].
        x = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(DoubleMaxInput)), Vector256.Create(DoubleMaxInput), x);
        x = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(DoubleMinInput)), Vector256.Create(DoubleMinInput), x);

        Vector256<double> t = Vector256.FusedMultiplyAdd(x, Vector256.Create(DoubleLog2E), Vector256.Create(DoubleShifter));
        Vector256<double> k = t - Vector256.Create(DoubleShifter);
        Vector256<double> high = Vector256.FusedMultiplyAdd(k, Vector256.Create(-DoubleLn2High), x);
        Vector256<double> low = k * Vector256.Create(-DoubleLn2Low);
        Vector256<double> r = high + low;

        Vector256<double> q = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(
            Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(
            r, Vector256.Create(D11), Vector256.Create(D10)), r, Vector256.Create(D9)), r, Vector256.Create(D8)), r, Vector256.Create(D7)), r, Vector256.Create(D6)),
            r, Vector256.Create(D5)), r, Vector256.Create(D4)), r, Vector256.Create(D3)), r, Vector256.Create(D2));
        Vector256<double> p = (high + Vector256.FusedMultiplyAdd(r * r, q, low)) + Vector256<double>.One;

        Vector256<long> biased = t.AsInt64() - Vector256.Create(DoubleShifterBits - 1023);
        Vector256<long> half = Vector256.ShiftRightArithmetic(biased - Vector256.Create(1023L), 1);
        Vector256<double> scale = Vector256.ShiftLeft(half + Vector256.Create(1023L), 52).AsDouble();
        Vector256<double> rest = Vector256.ShiftLeft(biased - half, 52).AsDouble();
        return p * scale * rest;
    }

    /// <summary>The same at 128 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Exp(Vector128<double> x)
    {
        // As the float body, with the double constants: clamping changes no result and keeps k in [-1097, 1039].
        x = Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128.Create(DoubleMaxInput)), Vector128.Create(DoubleMaxInput), x);
        x = Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128.Create(DoubleMinInput)), Vector128.Create(DoubleMinInput), x);

        Vector128<double> t = Vector128.FusedMultiplyAdd(x, Vector128.Create(DoubleLog2E), Vector128.Create(DoubleShifter));
        Vector128<double> k = t - Vector128.Create(DoubleShifter);
        Vector128<double> high = Vector128.FusedMultiplyAdd(k, Vector128.Create(-DoubleLn2High), x);
        Vector128<double> low = k * Vector128.Create(-DoubleLn2Low);
        Vector128<double> r = high + low;

        Vector128<double> q = Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(
            Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(
            r, Vector128.Create(D11), Vector128.Create(D10)), r, Vector128.Create(D9)), r, Vector128.Create(D8)), r, Vector128.Create(D7)), r, Vector128.Create(D6)),
            r, Vector128.Create(D5)), r, Vector128.Create(D4)), r, Vector128.Create(D3)), r, Vector128.Create(D2));
        Vector128<double> p = (high + Vector128.FusedMultiplyAdd(r * r, q, low)) + Vector128<double>.One;

        Vector128<long> biased = t.AsInt64() - Vector128.Create(DoubleShifterBits - 1023);
        Vector128<long> half = Vector128.ShiftRightArithmetic(biased - Vector128.Create(1023L), 1);
        Vector128<double> scale = Vector128.ShiftLeft(half + Vector128.Create(1023L), 52).AsDouble();
        Vector128<double> rest = Vector128.ShiftLeft(biased - half, 52).AsDouble();
        return p * scale * rest;
    }
}
