using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SymGrad.Kernels;

namespace SymGrad;

// Element-wise functions: a tensor overload and a scalar overload per element type.
public static partial class TensorMath
{
    /// <summary>The square <c>x * x</c> of each element. Derivative: <c>2x</c>.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<float> Square(in ReadOnlyTensorSpan<float> x) => Map(x, SquareInto);

    /// <summary>The square <c>x * x</c> of each element. Derivative: <c>2x</c>.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<double> Square(in ReadOnlyTensorSpan<double> x) => Map(x, SquareInto);

    /// <summary>The square <c>x * x</c>. Derivative: <c>2x</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static float Square(float x) => x * x;

    /// <summary>The square <c>x * x</c>. Derivative: <c>2x</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static double Square(double x) => x * x;

    /// <summary>The square root of each element; NaN for negative elements. Derivative: <c>1 / (2 sqrt(x))</c>, infinite at 0.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<float> Sqrt(in ReadOnlyTensorSpan<float> x) => Map(x, TensorPrimitives.Sqrt);

    /// <summary>The square root of each element; NaN for negative elements. Derivative: <c>1 / (2 sqrt(x))</c>, infinite at 0.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<double> Sqrt(in ReadOnlyTensorSpan<double> x) => Map(x, TensorPrimitives.Sqrt);

    /// <summary>The square root; NaN for a negative <paramref name="x"/>. Derivative: <c>1 / (2 sqrt(x))</c>, infinite at 0.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static float Sqrt(float x) => MathF.Sqrt(x);

    /// <summary>The square root; NaN for a negative <paramref name="x"/>. Derivative: <c>1 / (2 sqrt(x))</c>, infinite at 0.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static double Sqrt(double x) => Math.Sqrt(x);

    /// <summary>e raised to each element. Derivative: <c>exp(x)</c>.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<float> Exp(in ReadOnlyTensorSpan<float> x) => Map(x, TensorPrimitives.Exp);

    /// <summary>e raised to each element. Derivative: <c>exp(x)</c>.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<double> Exp(in ReadOnlyTensorSpan<double> x) => Map(x, TensorPrimitives.Exp);

    /// <summary>e raised to <paramref name="x"/>. Derivative: <c>exp(x)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static float Exp(float x) => MathF.Exp(x);

    /// <summary>e raised to <paramref name="x"/>. Derivative: <c>exp(x)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static double Exp(double x) => Math.Exp(x);

    /// <summary>The natural logarithm of each element; -infinity at 0, NaN for negative elements. Derivative: <c>1 / x</c>.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<float> Log(in ReadOnlyTensorSpan<float> x) => Map(x, TensorPrimitives.Log);

    /// <summary>The natural logarithm of each element; -infinity at 0, NaN for negative elements. Derivative: <c>1 / x</c>.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<double> Log(in ReadOnlyTensorSpan<double> x) => Map(x, TensorPrimitives.Log);

    /// <summary>The natural logarithm; -infinity at 0, NaN for a negative <paramref name="x"/>. Derivative: <c>1 / x</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static float Log(float x) => MathF.Log(x);

    /// <summary>The natural logarithm; -infinity at 0, NaN for a negative <paramref name="x"/>. Derivative: <c>1 / x</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static double Log(double x) => Math.Log(x);

    /// <summary>The absolute value of each element. Derivative: <c>sign(x)</c>, taken as 0 at 0 like PyTorch.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<float> Abs(in ReadOnlyTensorSpan<float> x) => Map(x, TensorPrimitives.Abs);

    /// <summary>The absolute value of each element. Derivative: <c>sign(x)</c>, taken as 0 at 0 like PyTorch.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<double> Abs(in ReadOnlyTensorSpan<double> x) => Map(x, TensorPrimitives.Abs);

    /// <summary>The absolute value. Derivative: <c>sign(x)</c>, taken as 0 at 0 like PyTorch.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static float Abs(float x) => MathF.Abs(x);

    /// <summary>The absolute value. Derivative: <c>sign(x)</c>, taken as 0 at 0 like PyTorch.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static double Abs(double x) => Math.Abs(x);

    /// <summary>The sine of each element, in radians. Derivative: <c>cos(x)</c>.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<float> Sin(in ReadOnlyTensorSpan<float> x) => Map(x, TensorPrimitives.Sin);

    /// <summary>The sine of each element, in radians. Derivative: <c>cos(x)</c>.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<double> Sin(in ReadOnlyTensorSpan<double> x) => Map(x, TensorPrimitives.Sin);

    /// <summary>The sine, in radians. Derivative: <c>cos(x)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static float Sin(float x) => MathF.Sin(x);

    /// <summary>The sine, in radians. Derivative: <c>cos(x)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static double Sin(double x) => Math.Sin(x);

    /// <summary>The cosine of each element, in radians. Derivative: <c>-sin(x)</c>.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<float> Cos(in ReadOnlyTensorSpan<float> x) => Map(x, TensorPrimitives.Cos);

    /// <summary>The cosine of each element, in radians. Derivative: <c>-sin(x)</c>.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<double> Cos(in ReadOnlyTensorSpan<double> x) => Map(x, TensorPrimitives.Cos);

    /// <summary>The cosine, in radians. Derivative: <c>-sin(x)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static float Cos(float x) => MathF.Cos(x);

    /// <summary>The cosine, in radians. Derivative: <c>-sin(x)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static double Cos(double x) => Math.Cos(x);

    /// <summary>The hyperbolic tangent of each element, accurate to a few units in the last place near 0. Derivative: <c>1 - tanh(x)^2</c>.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<float> Tanh(in ReadOnlyTensorSpan<float> x) => Map(x, TanhInto);

    /// <summary>The hyperbolic tangent of each element, accurate to a few units in the last place near 0. Derivative: <c>1 - tanh(x)^2</c>.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<double> Tanh(in ReadOnlyTensorSpan<double> x) => Map(x, TanhInto);

    /// <summary>The hyperbolic tangent. Derivative: <c>1 - tanh(x)^2</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static float Tanh(float x) => MathF.Tanh(x);

    /// <summary>The hyperbolic tangent. Derivative: <c>1 - tanh(x)^2</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static double Tanh(double x) => Math.Tanh(x);

    /// <summary>The logistic function <c>1 / (1 + exp(-x))</c> of each element. Derivative: <c>s (1 - s)</c> with <c>s = sigmoid(x)</c>.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<float> Sigmoid(in ReadOnlyTensorSpan<float> x) => Map(x, TensorPrimitives.Sigmoid);

    /// <summary>The logistic function <c>1 / (1 + exp(-x))</c> of each element. Derivative: <c>s (1 - s)</c> with <c>s = sigmoid(x)</c>.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<double> Sigmoid(in ReadOnlyTensorSpan<double> x) => Map(x, TensorPrimitives.Sigmoid);

    /// <summary>The logistic function <c>1 / (1 + exp(-x))</c>. Derivative: <c>s (1 - s)</c> with <c>s = sigmoid(x)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    /// <summary>The logistic function <c>1 / (1 + exp(-x))</c>. Derivative: <c>s (1 - s)</c> with <c>s = sigmoid(x)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static double Sigmoid(double x) => 1d / (1d + Math.Exp(-x));

    /// <summary><c>max(x, 0)</c> of each element; NaN stays NaN, as in PyTorch. Derivative: 1 where <c>x &gt; 0</c>, else 0 (0 at 0, as in PyTorch).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<float> Relu(in ReadOnlyTensorSpan<float> x) => Map(x, ReluInto);

    /// <summary><c>max(x, 0)</c> of each element; NaN stays NaN, as in PyTorch. Derivative: 1 where <c>x &gt; 0</c>, else 0 (0 at 0, as in PyTorch).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<double> Relu(in ReadOnlyTensorSpan<double> x) => Map(x, ReluInto);

    /// <summary><c>max(x, 0)</c>; NaN stays NaN, as in PyTorch. Derivative: 1 where <c>x &gt; 0</c>, else 0 (0 at 0, as in PyTorch).</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static float Relu(float x) => MathF.Max(x, 0f);

    /// <summary><c>max(x, 0)</c>; NaN stays NaN, as in PyTorch. Derivative: 1 where <c>x &gt; 0</c>, else 0 (0 at 0, as in PyTorch).</summary>
    /// <param name="x">The input.</param>
    /// <returns>The function's value at <paramref name="x"/>.</returns>
    public static double Relu(double x) => Math.Max(x, 0d);

    /// <summary>
    /// Each element raised to <paramref name="exponent"/>, as <see cref="Math.Pow"/> computes it: a negative element
    /// with an integer exponent is defined, with a fractional exponent it is NaN. Derivative with respect to the
    /// element: <c>exponent * x^(exponent - 1)</c>.
    /// </summary>
    /// <param name="x">The base, of any shape.</param>
    /// <param name="exponent">The exponent, the same for every element.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<float> Pow(in ReadOnlyTensorSpan<float> x, float exponent) => PowCore(x, exponent);

    /// <summary>
    /// Each element raised to <paramref name="exponent"/>, as <see cref="Math.Pow"/> computes it: a negative element
    /// with an integer exponent is defined, with a fractional exponent it is NaN. Derivative with respect to the
    /// element: <c>exponent * x^(exponent - 1)</c>.
    /// </summary>
    /// <param name="x">The base, of any shape.</param>
    /// <param name="exponent">The exponent, the same for every element.</param>
    /// <returns>A new tensor of the shape of <paramref name="x"/>.</returns>
    public static Tensor<double> Pow(in ReadOnlyTensorSpan<double> x, double exponent) => PowCore(x, exponent);

    /// <summary>
    /// <paramref name="x"/> raised to <paramref name="exponent"/>, as <see cref="Math.Pow"/> computes it: a negative base
    /// with an integer exponent is defined, with a fractional exponent it is NaN. Derivative with respect to
    /// <paramref name="x"/>: <c>exponent * x^(exponent - 1)</c>.
    /// </summary>
    /// <param name="x">The base.</param>
    /// <param name="exponent">The exponent.</param>
    /// <returns><paramref name="x"/> raised to <paramref name="exponent"/>.</returns>
    public static float Pow(float x, float exponent) => MathF.Pow(x, exponent);

    /// <summary>
    /// <paramref name="x"/> raised to <paramref name="exponent"/>, as <see cref="Math.Pow"/> computes it: a negative base
    /// with an integer exponent is defined, with a fractional exponent it is NaN. Derivative with respect to
    /// <paramref name="x"/>: <c>exponent * x^(exponent - 1)</c>.
    /// </summary>
    /// <param name="x">The base.</param>
    /// <param name="exponent">The exponent.</param>
    /// <returns><paramref name="x"/> raised to <paramref name="exponent"/>.</returns>
    public static double Pow(double x, double exponent) => Math.Pow(x, exponent);

    private static void SquareInto<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : IBinaryFloatingPointIeee754<T>
        => TensorPrimitives.Multiply(x, x, destination);

    // Max propagates NaN, so relu(NaN) is NaN.
    private static void ReluInto<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : IBinaryFloatingPointIeee754<T>
        => TensorPrimitives.Max(x, T.Zero, destination);

    // TensorPrimitives.Tanh loses most digits near 0 (about 1e-2 relative error at 1e-5 in float); SimdMath's does not.
    private static void TanhInto<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var kernel = new TanhKernel<T>(x, destination);
        FusedLoop.Map<TanhKernel<T>, T>(ref kernel, x.Length);
    }

    private static Tensor<T> PowCore<T>(in ReadOnlyTensorSpan<T> x, T exponent)
        where T : IBinaryFloatingPointIeee754<T>
    {
        using DenseElements<T> input = DenseElements<T>.Of(x);
        T[] result = GC.AllocateUninitializedArray<T>(input.Span.Length);
        TensorPrimitives.Pow(input.Span, exponent, result);
        return Tensor.Create(result, x.Lengths);
    }
}

/// <summary>Writes <c>tanh(x)</c> to <c>y</c>.</summary>
file readonly ref struct TanhKernel<T> : IFusedKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ref readonly T _x;
    private readonly ref T _y;

    public TanhKernel(ReadOnlySpan<T> x, Span<T> y)
    {
        _x = ref MemoryMarshal.GetReference(x);
        _y = ref MemoryMarshal.GetReference(y);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(nint i) => Unsafe.Add(ref _y, i) = SimdMath.Tanh(Unsafe.Add(ref Unsafe.AsRef(in _x), i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Invoke<TVector>(nint i)
        where TVector : struct, IVector<TVector, T>
    {
        TVector y = TVector.Tanh(TVector.Load(in _x, i));
        TVector.Store(y, ref _y, i);
        return y;
    }
}
