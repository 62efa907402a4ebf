using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SymGrad.Kernels;

namespace SymGrad;

// Reductions to a scalar.
public static partial class TensorMath
{

    /// <summary>The sum of all elements; 0 for an empty tensor. Derivative: 1 for every element.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>The sum.</returns>
    public static float Sum(in ReadOnlyTensorSpan<float> x) => SumCore(x);

    /// <summary>The sum of all elements; 0 for an empty tensor. Derivative: 1 for every element.</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>The sum.</returns>
    public static double Sum(in ReadOnlyTensorSpan<double> x) => SumCore(x);

    /// <summary>
    /// The mean of all elements; NaN for an empty tensor, as in PyTorch. Derivative: <c>1 / n</c> for every element
    /// of the <c>n</c>.
    /// </summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>The mean.</returns>
    public static float Mean(in ReadOnlyTensorSpan<float> x) => MeanCore(x);

    /// <summary>
    /// The mean of all elements; NaN for an empty tensor, as in PyTorch. Derivative: <c>1 / n</c> for every element
    /// of the <c>n</c>.
    /// </summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>The mean.</returns>
    public static double Mean(in ReadOnlyTensorSpan<double> x) => MeanCore(x);

    /// <summary>
    /// The dot product of two tensors of the same shape, flattened: the sum of <c>x[i] * y[i]</c>.
    /// Derivatives: <c>y</c> with respect to <paramref name="x"/>, <c>x</c> with respect to <paramref name="y"/>.
    /// </summary>
    /// <param name="x">The first tensor.</param>
    /// <param name="y">The second tensor, of the shape of <paramref name="x"/>.</param>
    /// <returns>The dot product; 0 for empty tensors.</returns>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static float Dot(in ReadOnlyTensorSpan<float> x, in ReadOnlyTensorSpan<float> y) => DotCore(x, y);

    /// <summary>
    /// The dot product of two tensors of the same shape, flattened: the sum of <c>x[i] * y[i]</c>.
    /// Derivatives: <c>y</c> with respect to <paramref name="x"/>, <c>x</c> with respect to <paramref name="y"/>.
    /// </summary>
    /// <param name="x">The first tensor.</param>
    /// <param name="y">The second tensor, of the shape of <paramref name="x"/>.</param>
    /// <returns>The dot product; 0 for empty tensors.</returns>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static double Dot(in ReadOnlyTensorSpan<double> x, in ReadOnlyTensorSpan<double> y) => DotCore(x, y);

    /// <summary>
    /// <c>log(sum(exp(x)))</c> over all elements, computed stably as <c>m + log(sum(exp(x - m)))</c> with <c>m</c> the
    /// largest element, so large elements do not overflow. -infinity for an empty tensor or when every element is
    /// -infinity; +infinity when an element is +infinity; NaN when an element is NaN. Derivative: <c>softmax(x)</c>.
    /// </summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>The log-sum-exp.</returns>
    public static float LogSumExp(in ReadOnlyTensorSpan<float> x) => LogSumExpCore(x);

    /// <summary>
    /// <c>log(sum(exp(x)))</c> over all elements, computed stably as <c>m + log(sum(exp(x - m)))</c> with <c>m</c> the
    /// largest element, so large elements do not overflow. -infinity for an empty tensor or when every element is
    /// -infinity; +infinity when an element is +infinity; NaN when an element is NaN. Derivative: <c>softmax(x)</c>.
    /// </summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>The log-sum-exp.</returns>
    public static double LogSumExp(in ReadOnlyTensorSpan<double> x) => LogSumExpCore(x);

    /// <summary>
    /// The mean squared error <c>mean((x - target)^2)</c> of two tensors of the same shape; NaN for empty tensors, as
    /// in PyTorch. Derivative with respect to <paramref name="x"/>: <c>2 (x - target) / n</c>.
    /// </summary>
    /// <param name="x">The prediction.</param>
    /// <param name="target">The target, of the shape of <paramref name="x"/>.</param>
    /// <returns>The mean squared error.</returns>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static float Mse(in ReadOnlyTensorSpan<float> x, in ReadOnlyTensorSpan<float> target) => MseCore(x, target);

    /// <summary>
    /// The mean squared error <c>mean((x - target)^2)</c> of two tensors of the same shape; NaN for empty tensors, as
    /// in PyTorch. Derivative with respect to <paramref name="x"/>: <c>2 (x - target) / n</c>.
    /// </summary>
    /// <param name="x">The prediction.</param>
    /// <param name="target">The target, of the shape of <paramref name="x"/>.</param>
    /// <returns>The mean squared error.</returns>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static double Mse(in ReadOnlyTensorSpan<double> x, in ReadOnlyTensorSpan<double> target) => MseCore(x, target);

    private static T SumCore<T>(in ReadOnlyTensorSpan<T> x)
        where T : IBinaryFloatingPointIeee754<T>
    {
        using DenseElements<T> input = DenseElements<T>.Of(x);
        return TensorPrimitives.Sum(input.Span);
    }

    private static T MeanCore<T>(in ReadOnlyTensorSpan<T> x)
        where T : IBinaryFloatingPointIeee754<T>
    {
        using DenseElements<T> input = DenseElements<T>.Of(x);
        return input.Span.IsEmpty ? T.NaN : TensorPrimitives.Sum(input.Span) / T.CreateTruncating(input.Span.Length);
    }

    private static T DotCore<T>(in ReadOnlyTensorSpan<T> x, in ReadOnlyTensorSpan<T> y)
        where T : IBinaryFloatingPointIeee754<T>
    {
        RequireSameShape(x, nameof(x), y, nameof(y), nameof(Dot));
        using DenseElements<T> first = DenseElements<T>.Of(x);
        using DenseElements<T> second = DenseElements<T>.Of(y);
        return TensorPrimitives.Dot(first.Span, second.Span);
    }

    private static T LogSumExpCore<T>(in ReadOnlyTensorSpan<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using DenseElements<T> input = DenseElements<T>.Of(x);
        return LogSumExpOf(input.Span);
    }

    /// <summary>The max-shifted log-sum-exp of a span; -infinity when it is empty.</summary>
    internal static T LogSumExpOf<T>(ReadOnlySpan<T> elements)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (elements.IsEmpty)
        {
            return T.NegativeInfinity;
        }

        // Max propagates NaN. A non-finite maximum is the answer: NaN, +inf, or -inf when every element is -inf
        // (where the shift would compute -inf - -inf = NaN).
        T max = TensorPrimitives.Max(elements);
        if (!T.IsFinite(max))
        {
            return max;
        }

        var kernel = new ShiftedExpKernel<T>(elements, max);
        return max + T.Log(FusedLoop.Reduce<ShiftedExpKernel<T>, SumReduction<T>, T>(ref kernel, elements.Length));
    }

    private static T MseCore<T>(in ReadOnlyTensorSpan<T> x, in ReadOnlyTensorSpan<T> target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireSameShape(x, nameof(x), target, nameof(target), nameof(Mse));
        using DenseElements<T> prediction = DenseElements<T>.Of(x);
        using DenseElements<T> expected = DenseElements<T>.Of(target);
        if (prediction.Span.IsEmpty)
        {
            return T.NaN;
        }

        var kernel = new SquaredDifferenceKernel<T>(prediction.Span, expected.Span);
        T sum = FusedLoop.Reduce<SquaredDifferenceKernel<T>, SumReduction<T>, T>(ref kernel, prediction.Span.Length);
        return sum / T.CreateTruncating(prediction.Span.Length);
    }
}

/// <summary><c>exp(x - shift)</c>, the terms of a max-shifted log-sum-exp.</summary>
file readonly ref struct ShiftedExpKernel<T> : IFusedKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ref readonly T _x;
    private readonly T _shift;

    public ShiftedExpKernel(ReadOnlySpan<T> x, T shift)
    {
        _x = ref MemoryMarshal.GetReference(x);
        _shift = shift;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(nint i) => SimdMath.Exp(Unsafe.Add(ref Unsafe.AsRef(in _x), i) - _shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Invoke<TVector>(nint i)
        where TVector : struct, IVector<TVector, T>
        => TVector.Exp(TVector.Load(in _x, i) - TVector.Create(_shift));
}

/// <summary><c>(x - y)^2</c>, the terms of a mean squared error.</summary>
file readonly ref struct SquaredDifferenceKernel<T> : IFusedKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ref readonly T _x;
    private readonly ref readonly T _y;

    public SquaredDifferenceKernel(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
    {
        _x = ref MemoryMarshal.GetReference(x);
        _y = ref MemoryMarshal.GetReference(y);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(nint i)
    {
        T d = Unsafe.Add(ref Unsafe.AsRef(in _x), i) - Unsafe.Add(ref Unsafe.AsRef(in _y), i);
        return d * d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Invoke<TVector>(nint i)
        where TVector : struct, IVector<TVector, T>
    {
        TVector d = TVector.Load(in _x, i) - TVector.Load(in _y, i);
        return d * d;
    }
}
