using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// e raised to each lane of 512-, 256- and 128-bit float vectors, inlined into the kernel that calls it.
/// </summary>
/// <remarks>
/// <para>
/// <c>Vector512.Exp</c> and its narrower forms are calls whose argument and result go through the stack, with the
/// same cost as <c>Vector512.Log</c> had (<see cref="InlineLog"/>): a split stack slot on some calls, and every live
/// vector spilled around the call. Softmax, log-sum-exp, cross-entropy, sigmoid, tanh, softplus and general powers
/// all run through Exp.
/// </para>
/// <para>
/// <c>x = k ln2 + r</c> with <c>k</c> the nearest integer to <c>x / ln2</c> and <c>|r| &lt;= ln2/2</c>, the product
/// <c>k ln2</c> split in two (Cody-Waite): <c>k Ln2High</c> is exact inside a fused multiply-add, <c>k Ln2Low</c> adds
/// the rest. <c>e^r = 1 + r + r^2 Q(r)</c> with Q the degree-4 minimax polynomial for the relative error of e^r over
/// [-ln2/2, ln2/2] (at most 3.1e-9, 0.03 ulp, before the coefficients are rounded to float); <c>2^k</c> is built in
/// the exponent bits, as two factors so that results near overflow and subnormal results round once, as
/// <see cref="System.MathF.Exp(float)"/> gives them. Within one unit in the last place of the result over the whole
/// range, subnormal results included (InlineExpTests). exp(-inf) = 0, exp(+inf) = +inf, NaN stays NaN, all without a
/// branch or a call.
/// </para>
/// <para>
/// One body per width: <c>System.Runtime.Intrinsics.ISimdVector</c> is internal, and a body generic over the
/// project's <see cref="IVector{TSelf, T}"/> would need reinterpretation between float and integer lanes there.
/// </para>
/// </remarks>
internal static partial class InlineExp
{
    private const float MaxInput = 100f; // exp(88.73) already overflows

    private const float MinInput = -110f; // exp(-103.98) already rounds to 0

    private const float Log2E = 1.44269502f; // 1 / ln 2 rounded to float

    private const float Shifter = 12582912f; // 1.5 * 2^23: adding it rounds to an integer, kept in the low mantissa bits

    private const int ShifterBits = 0x4B400000;

    private const float Ln2High = 0.693147182f; // ln 2 rounded to float

    private const float Ln2Low = -1.90465432e-09f; // ln 2 - Ln2High

    // Q(r) = C2 + C3 r + C4 r^2 + C5 r^3 + C6 r^4 (a Remez fit, rounded to float).
    private const float C2 = 0.49999994f;

    private const float C3 = 0.166665211f;

    private const float C4 = 0.041668389f;

    private const float C5 = 0.00836871192f;

    private const float C6 = 0.00138146093f;

    /// <summary>e raised to each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        // Below MinInput every result rounds to 0 and above MaxInput to +inf, so clamping changes no result and keeps
        // k in [-159, 145]. NaN lanes compare false, pass through and stay NaN to the end.
        x = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(MaxInput)), Vector512.Create(MaxInput), x);
        x = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(MinInput)), Vector512.Create(MinInput), x);

        // k = x / ln 2 rounded to the nearest integer, which the addition of Shifter leaves in the low bits of t;
        // r = x - k ln 2 = high + low in [-ln2/2, ln2/2], high exact.
        Vector512<float> t = Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(Shifter));
        Vector512<float> k = t - Vector512.Create(Shifter);
        Vector512<float> high = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2High), x);
        Vector512<float> low = k * Vector512.Create(-Ln2Low);
        Vector512<float> r = high + low;

        // e^r = 1 + (high + (low + r^2 Q(r))): the rounding of r reaches only the small term.
        Vector512<float> q = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(
            r, Vector512.Create(C6), Vector512.Create(C5)), r, Vector512.Create(C4)), r, Vector512.Create(C3)), r, Vector512.Create(C2));
        Vector512<float> p = (high + Vector512.FusedMultiplyAdd(r * r, q, low)) + Vector512<float>.One;

        // 2^k as 2^h 2^(k - h) with h = floor(k / 2): both factors are normal floats, the first product is exact and
        // the second rounds once, to +inf on overflow and to a subnormal or 0 on underflow.
        Vector512<int> biased = t.AsInt32() - Vector512.Create(ShifterBits - 127);
        Vector512<int> half = Vector512.ShiftRightArithmetic(biased - Vector512.Create(127), 1);
        Vector512<float> scale = Vector512.ShiftLeft(half + Vector512.Create(127), 23).AsSingle();
        Vector512<float> rest = Vector512.ShiftLeft(biased - half, 23).AsSingle();
        return p * scale * rest;
    }

    /// <summary>The same at 256 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        // Below MinInput every result rounds to 0 and above MaxInput to +inf, so clamping changes no result and keeps
        // k in [-159, 145]. NaN lanes compare false, pass through and stay NaN to the end.
        x = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(MaxInput)), Vector256.Create(MaxInput), x);
        x = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(MinInput)), Vector256.Create(MinInput), x);

        // k = x / ln 2 rounded to the nearest integer, which the addition of Shifter leaves in the low bits of t;
        // r = x - k ln 2 = high + low in [-ln2/2, ln2/2], high exact.
        Vector256<float> t = Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(Shifter));
        Vector256<float> k = t - Vector256.Create(Shifter);
        Vector256<float> high = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2High), x);
        Vector256<float> low = k * Vector256.Create(-Ln2Low);
        Vector256<float> r = high + low;

        // e^r = 1 + (high + (low + r^2 Q(r))): the rounding of r reaches only the small term.
        Vector256<float> q = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(
            r, Vector256.Create(C6), Vector256.Create(C5)), r, Vector256.Create(C4)), r, Vector256.Create(C3)), r, Vector256.Create(C2));
        Vector256<float> p = (high + Vector256.FusedMultiplyAdd(r * r, q, low)) + Vector256<float>.One;

        // 2^k as 2^h 2^(k - h) with h = floor(k / 2): both factors are normal floats, the first product is exact and
        // the second rounds once, to +inf on overflow and to a subnormal or 0 on underflow.
        Vector256<int> biased = t.AsInt32() - Vector256.Create(ShifterBits - 127);
        Vector256<int> half = Vector256.ShiftRightArithmetic(biased - Vector256.Create(127), 1);
        Vector256<float> scale = Vector256.ShiftLeft(half + Vector256.Create(127), 23).AsSingle();
        Vector256<float> rest = Vector256.ShiftLeft(biased - half, 23).AsSingle();
        return p * scale * rest;
    }

    /// <summary>The same at 128 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        // Below MinInput every result rounds to 0 and above MaxInput to +inf, so clamping changes no result and keeps
        // k in [-159, 145]. NaN lanes compare false, pass through and stay NaN to the end.
        x = Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128.Create(MaxInput)), Vector128.Create(MaxInput), x);
        x = Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128.Create(MinInput)), Vector128.Create(MinInput), x);

        // k = x / ln 2 rounded to the nearest integer, which the addition of Shifter leaves in the low bits of t;
        // r = x - k ln 2 = high + low in [-ln2/2, ln2/2], high exact.
        Vector128<float> t = Vector128.FusedMultiplyAdd(x, Vector128.Create(Log2E), Vector128.Create(Shifter));
        Vector128<float> k = t - Vector128.Create(Shifter);
        Vector128<float> high = Vector128.FusedMultiplyAdd(k, Vector128.Create(-Ln2High), x);
        Vector128<float> low = k * Vector128.Create(-Ln2Low);
        Vector128<float> r = high + low;

        // e^r = 1 + (high + (low + r^2 Q(r))): the rounding of r reaches only the small term.
        Vector128<float> q = Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(
            r, Vector128.Create(C6), Vector128.Create(C5)), r, Vector128.Create(C4)), r, Vector128.Create(C3)), r, Vector128.Create(C2));
        Vector128<float> p = (high + Vector128.FusedMultiplyAdd(r * r, q, low)) + Vector128<float>.One;

        // 2^k as 2^h 2^(k - h) with h = floor(k / 2): both factors are normal floats, the first product is exact and
        // the second rounds once, to +inf on overflow and to a subnormal or 0 on underflow.
        Vector128<int> biased = t.AsInt32() - Vector128.Create(ShifterBits - 127);
        Vector128<int> half = Vector128.ShiftRightArithmetic(biased - Vector128.Create(127), 1);
        Vector128<float> scale = Vector128.ShiftLeft(half + Vector128.Create(127), 23).AsSingle();
        Vector128<float> rest = Vector128.ShiftLeft(biased - half, 23).AsSingle();
        return p * scale * rest;
    }
}
