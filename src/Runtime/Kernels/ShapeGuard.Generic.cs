using System;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SymGrad.Kernels;

/// <summary>
/// The checks of a generated method's overload over any tensor type (<see cref="Tensor{T}"/>, <see cref="TensorSpan{T}"/>,
/// ...): each reads a tensor's shape where it lives, where converting a <see cref="Tensor{T}"/> to a tensor span first
/// would copy its lengths and strides. They check what <see cref="ShapeGuard"/>'s checks over tensor spans check, and a
/// failing check throws through those, so the messages are the same.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public static partial class ShapeGuard<T>
{
    /// <summary>Whether two tensors have the same shape (false if either is null: the broadcast path then throws for it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSameShape<TFirst, TSecond>(in TFirst first, in TSecond second)
        where TFirst : IReadOnlyTensor<TFirst, T>, allows ref struct
        where TSecond : IReadOnlyTensor<TSecond, T>, allows ref struct
        => first is not null && second is not null && first.Lengths.SequenceEqual(second.Lengths);

    /// <summary>Requires <paramref name="tensor"/> to be non-null and dense, and returns its elements.</summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="name">Its parameter's name, for the message.</param>
    /// <returns>The elements in row-major order.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<T> Elements<TTensor>(in TTensor tensor, string name)
        where TTensor : IReadOnlyTensor<TTensor, T>, allows ref struct
    {
        if (tensor is null || !tensor.IsDense)
        {
            Reject(tensor, name);
        }

        return MemoryMarshal.CreateReadOnlySpan(in tensor.GetPinnableReference(), checked((int)tensor.FlattenedLength));
    }

    /// <summary>
    /// Requires <paramref name="tensor"/> to be non-null, dense and of the shape of <paramref name="first"/>, which it
    /// meets element-wise, and returns its elements.
    /// </summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="name">Its parameter's name, for the message.</param>
    /// <param name="first">The tensor it meets, checked before it.</param>
    /// <param name="firstName">That tensor's parameter's name.</param>
    /// <returns>The elements in row-major order.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<T> Elements<TTensor, TFirst>(in TTensor tensor, string name, in TFirst first, string firstName)
        where TTensor : IReadOnlyTensor<TTensor, T>, allows ref struct
        where TFirst : IReadOnlyTensor<TFirst, T>, allows ref struct
    {
        if (tensor is null || !tensor.IsDense || !tensor.Lengths.SequenceEqual(first.Lengths))
        {
            Reject(tensor, name, first, firstName);
        }

        return MemoryMarshal.CreateReadOnlySpan(in tensor.GetPinnableReference(), checked((int)tensor.FlattenedLength));
    }

    /// <summary>Requires <paramref name="gradient"/> to be non-null, dense and of <paramref name="input"/>'s shape, and returns its elements.</summary>
    /// <param name="gradient">The gradient.</param>
    /// <param name="gradientName">Its parameter's name, for the message.</param>
    /// <param name="input">The parameter it is the gradient of, already checked.</param>
    /// <param name="inputName">That parameter's name.</param>
    /// <returns>The elements in row-major order.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<T> GradientElements<TGradient, TInput>(in TGradient gradient, string gradientName, in TInput input, string inputName)
        where TGradient : ITensor<TGradient, T>, allows ref struct
        where TInput : IReadOnlyTensor<TInput, T>, allows ref struct
    {
        if (gradient is null || !gradient.Lengths.SequenceEqual(input.Lengths) || !gradient.IsDense)
        {
            RejectGradient(gradient, gradientName, input, inputName);
        }

        return MemoryMarshal.CreateSpan(ref gradient.GetPinnableReference(), checked((int)gradient.FlattenedLength));
    }

    /// <summary>A non-null input as a tensor span, for the path that broadcasts.</summary>
    /// <remarks>
    /// Never inlined: the path that broadcasts is the cold one where a call inlines the overload, and inlined there it
    /// would spend the caller's inlining budget that the path for tensors of one shape needs for its loop.
    /// </remarks>
    /// <param name="tensor">The tensor.</param>
    /// <param name="name">Its parameter's name, for the message.</param>
    /// <returns>The tensor span over it.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ReadOnlyTensorSpan<T> Input<TTensor>(in TTensor? tensor, string name)
        where TTensor : IReadOnlyTensor<TTensor, T>, allows ref struct
    {
        if (tensor is null)
        {
            throw new ArgumentNullException(name);
        }

        return tensor.AsReadOnlyTensorSpan();
    }

    /// <summary>A non-null gradient as a tensor span, for the path that broadcasts.</summary>
    /// <remarks>Never inlined, as <see cref="Input{TTensor}"/>.</remarks>
    /// <param name="gradient">The gradient.</param>
    /// <param name="name">Its parameter's name, for the message.</param>
    /// <returns>The tensor span over it.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static TensorSpan<T> Gradient<TGradient>(in TGradient? gradient, string name)
        where TGradient : ITensor<TGradient, T>, allows ref struct
    {
        if (gradient is null)
        {
            throw new ArgumentNullException(name);
        }

        return gradient.AsTensorSpan();
    }

    // A failing check throws through ShapeGuard's checks over tensor spans, out of line; they throw for every tensor
    // these are called with, which a check above found null, not dense or of another shape.
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Reject<TTensor>(in TTensor? tensor, string name)
        where TTensor : IReadOnlyTensor<TTensor, T>, allows ref struct
    {
        ShapeGuard.Dense(Input(tensor, name), name);
        throw new UnreachableException();
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Reject<TTensor, TFirst>(in TTensor? tensor, string name, in TFirst first, string firstName)
        where TTensor : IReadOnlyTensor<TTensor, T>, allows ref struct
        where TFirst : IReadOnlyTensor<TFirst, T>, allows ref struct
    {
        ReadOnlyTensorSpan<T> span = Input(tensor, name);
        ShapeGuard.Dense(span, name);
        ShapeGuard.SameShape(first.AsReadOnlyTensorSpan(), firstName, span, name);
        throw new UnreachableException();
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RejectGradient<TGradient, TInput>(in TGradient? gradient, string gradientName, in TInput input, string inputName)
        where TGradient : ITensor<TGradient, T>, allows ref struct
        where TInput : IReadOnlyTensor<TInput, T>, allows ref struct
    {
        ShapeGuard.Gradient(Gradient(gradient, gradientName), gradientName, input.AsReadOnlyTensorSpan(), inputName);
        throw new UnreachableException();
    }
}
