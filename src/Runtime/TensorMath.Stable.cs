using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace SymGrad;

// Element-wise functions whose naive formulas lose digits or overflow, written in their numerically stable forms.
public static partial class TensorMath
{
    /// <summary>
    /// Each element limited to <c>[min, max]</c>, as <c>torch.clamp</c>: NaN stays NaN, and when
    /// <paramref name="min"/> exceeds <paramref name="max"/> every element becomes <paramref name="max"/>.
    /// Derivative: 1 where <c>min &lt;= x &lt;= max</c>, else 0.
    /// </summary>
    /// <param name="x">The input, of any shape.</param>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<float> Clamp(in ReadOnlyTensorSpan<float> x, float min, float max) => Map(x, (v, d) => ClampInto(v, min, max, d));

    /// <inheritdoc cref="Clamp(in ReadOnlyTensorSpan{float}, float, float)"/>
    public static Tensor<double> Clamp(in ReadOnlyTensorSpan<double> x, double min, double max) => Map(x, (v, d) => ClampInto(v, min, max, d));

    /// <summary><c>log(1 + x)</c> of each element, accurate for tiny <c>x</c> where <c>Log(1 + x)</c> rounds to 0, as <c>torch.log1p</c>. Derivative: <c>1 / (1 + x)</c>.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<float> Log1p(in ReadOnlyTensorSpan<float> x) => Map(x, Log1pInto);

    /// <inheritdoc cref="Log1p(in ReadOnlyTensorSpan{float})"/>
    public static Tensor<double> Log1p(in ReadOnlyTensorSpan<double> x) => Map(x, Log1pInto);

    /// <summary><c>log(1 + x)</c>, accurate for tiny <paramref name="x"/>. Derivative: <c>1 / (1 + x)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static float Log1p(float x) => Log1pOf(x);

    /// <inheritdoc cref="Log1p(float)"/>
    public static double Log1p(double x) => Log1pOf(x);

    /// <summary><c>exp(x) - 1</c> of each element, accurate for tiny <c>x</c>, as <c>torch.expm1</c>. Derivative: <c>exp(x)</c>.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<float> Expm1(in ReadOnlyTensorSpan<float> x) => Map(x, Expm1Into);

    /// <inheritdoc cref="Expm1(in ReadOnlyTensorSpan{float})"/>
    public static Tensor<double> Expm1(in ReadOnlyTensorSpan<double> x) => Map(x, Expm1Into);

    /// <summary><c>exp(x) - 1</c>, accurate for tiny <paramref name="x"/>. Derivative: <c>exp(x)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static float Expm1(float x) => Expm1Of(x);

    /// <inheritdoc cref="Expm1(float)"/>
    public static double Expm1(double x) => Expm1Of(x);

    /// <summary>
    /// <c>log(1 + exp(x))</c> of each element, as <c>torch.nn.functional.softplus</c> (beta 1, threshold 20): <c>x</c>
    /// itself above 20, where the two agree to the type's precision, and no overflow anywhere. Derivative: <c>sigmoid(x)</c>.
    /// </summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<float> Softplus(in ReadOnlyTensorSpan<float> x) => Map(x, SoftplusInto);

    /// <inheritdoc cref="Softplus(in ReadOnlyTensorSpan{float})"/>
    public static Tensor<double> Softplus(in ReadOnlyTensorSpan<double> x) => Map(x, SoftplusInto);

    /// <summary><c>log(1 + exp(x))</c>, as PyTorch's softplus (beta 1, threshold 20). Derivative: <c>sigmoid(x)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static float Softplus(float x) => SoftplusOf(x);

    /// <inheritdoc cref="Softplus(float)"/>
    public static double Softplus(double x) => SoftplusOf(x);

    /// <summary>
    /// <c>log(sigmoid(x))</c> of each element, as <c>torch.nn.functional.logsigmoid</c>, computed as
    /// <c>min(x, 0) - log1p(exp(-|x|))</c> so it neither overflows nor rounds to -infinity. Derivative: <c>1 - sigmoid(x)</c>.
    /// </summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<float> LogSigmoid(in ReadOnlyTensorSpan<float> x) => Map(x, LogSigmoidInto);

    /// <inheritdoc cref="LogSigmoid(in ReadOnlyTensorSpan{float})"/>
    public static Tensor<double> LogSigmoid(in ReadOnlyTensorSpan<double> x) => Map(x, LogSigmoidInto);

    /// <summary><c>log(sigmoid(x))</c>, computed as <c>min(x, 0) - log1p(exp(-|x|))</c>. Derivative: <c>1 - sigmoid(x)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static float LogSigmoid(float x) => LogSigmoidOf(x);

    /// <inheritdoc cref="LogSigmoid(float)"/>
    public static double LogSigmoid(double x) => LogSigmoidOf(x);

    // Max then Min propagate NaN from x or a bound, and give max everywhere when min > max, as torch.clamp does.
    private static void ClampInto<T>(ReadOnlySpan<T> x, T min, T max, Span<T> destination)
        where T : IBinaryFloatingPointIeee754<T>
    {
        TensorPrimitives.Max(x, min, destination);
        TensorPrimitives.Min(destination, max, destination);
    }

    private static void Log1pInto<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = Log1pOf(x[i]);
        }
    }

    private static void Expm1Into<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = Expm1Of(x[i]);
        }
    }

    private static void SoftplusInto<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = SoftplusOf(x[i]);
        }
    }

    private static void LogSigmoidInto<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = LogSigmoidOf(x[i]);
        }
    }

    /// <summary>
    /// <c>log(1 + x)</c> by Kahan's correction: <c>u = 1 + x</c> rounds, and <c>log(u) * x / (u - 1)</c> cancels that
    /// rounding error to first order, where <c>T.LogP1</c> computes <c>log(1 + x)</c> as written.
    /// </summary>
    private static T Log1pOf<T>(T x)
        where T : IBinaryFloatingPointIeee754<T>
    {
        T u = T.One + x;
        if (u == T.One)
        {
            return x;
        }

        // Infinity and NaN need no correction (and the correction would compute infinity / infinity).
        return T.IsFinite(u) ? T.Log(u) * (x / (u - T.One)) : T.Log(u);
    }

    /// <summary><c>exp(x) - 1</c> by Kahan's correction: <c>(u - 1) * x / log(u)</c> with <c>u = exp(x)</c>.</summary>
    private static T Expm1Of<T>(T x)
        where T : IBinaryFloatingPointIeee754<T>
    {
        T u = T.Exp(x);
        if (u == T.One)
        {
            return x;
        }

        T um1 = u - T.One;
        if (um1 == -T.One || !T.IsFinite(u))
        {
            // exp(x) underflowed to 0 or overflowed (or x is NaN): exp(x) - 1 is exact there.
            return um1;
        }

        return um1 * (x / T.Log(u));
    }

    private static T SoftplusOf<T>(T x)
        where T : IBinaryFloatingPointIeee754<T>
        => x > T.CreateTruncating(20) ? x : Log1pOf(T.Exp(x));

    private static T LogSigmoidOf<T>(T x)
        where T : IBinaryFloatingPointIeee754<T>
        => T.Min(x, T.Zero) - Log1pOf(T.Exp(-T.Abs(x)));
}
