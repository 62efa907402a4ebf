using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

/// <summary>
/// The checks of a tensor span overload that hands its elements to the span overload: each returns the elements of
/// the tensor it checked, so the overload is one call whose arguments check every tensor before anything runs.
/// </summary>
public static partial class ShapeGuard
{
    /// <summary>Requires <paramref name="tensor"/> to be dense and returns its elements.</summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="name">Its parameter's name, for the message.</param>
    /// <returns>The elements in row-major order.</returns>
    public static ReadOnlySpan<T> Elements<T>(in ReadOnlyTensorSpan<T> tensor, string name)
    {
        Dense(tensor, name);
        return Elements(tensor);
    }

    /// <summary>
    /// Requires <paramref name="tensor"/> to be dense and to have the shape of <paramref name="first"/>, which it meets
    /// element-wise, and returns its elements.
    /// </summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="name">Its parameter's name, for the message.</param>
    /// <param name="first">The tensor it meets, checked before it.</param>
    /// <param name="firstName">That tensor's parameter's name.</param>
    /// <returns>The elements in row-major order.</returns>
    public static ReadOnlySpan<T> Elements<T>(in ReadOnlyTensorSpan<T> tensor, string name, in ReadOnlyTensorSpan<T> first, string firstName)
    {
        Dense(tensor, name);
        SameShape(first, firstName, tensor, name);
        return Elements(tensor);
    }

    /// <summary>Requires <paramref name="gradient"/> to be dense and of <paramref name="input"/>'s shape, and returns its elements.</summary>
    /// <param name="gradient">The gradient.</param>
    /// <param name="gradientName">Its parameter's name, for the message.</param>
    /// <param name="input">The parameter it is the gradient of.</param>
    /// <param name="inputName">That parameter's name.</param>
    /// <returns>The elements in row-major order.</returns>
    public static Span<T> GradientElements<T>(in TensorSpan<T> gradient, string gradientName, in ReadOnlyTensorSpan<T> input, string inputName)
    {
        Gradient(gradient, gradientName, input, inputName);
        return Elements(gradient);
    }

    /// <summary>Requires a gradient span not to share memory with an input span it is computed from.</summary>
    /// <param name="gradient">The gradient.</param>
    /// <param name="gradientName">Its parameter's name, for the message.</param>
    /// <param name="input">The input.</param>
    /// <param name="inputName">Its parameter's name.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Disjoint<T>(Span<T> gradient, string gradientName, ReadOnlySpan<T> input, string inputName)
        => Disjoint(Memory(gradient), gradientName, Memory(input), inputName);

    /// <summary>Requires two gradient spans not to share memory.</summary>
    /// <param name="gradient">The first gradient.</param>
    /// <param name="gradientName">Its parameter's name, for the message.</param>
    /// <param name="other">The second gradient.</param>
    /// <param name="otherName">Its parameter's name.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DisjointGradients<T>(Span<T> gradient, string gradientName, Span<T> other, string otherName)
        => DisjointGradients(Memory(gradient), gradientName, Memory(other), otherName);
}
