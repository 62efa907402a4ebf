using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SymGrad.Kernels;

namespace SymGrad.Optimization;

/// <summary>
/// A named trainable tensor and its gradient: what an <see cref="Optimizer{T}"/> updates.
/// </summary>
/// <remarks>
/// Generated <c>{Name}ValueAndGradient</c> methods write into <see cref="Gradient"/>, overwriting it, so there is no
/// <c>zero_grad</c>: pass <c>parameter.Gradient</c> as the method's gradient argument on every evaluation, then call
/// <see cref="Optimizer{T}.Step"/>. Both tensors are dense and keep their shape for life, which lets an optimizer walk
/// them as flat spans without checking again.
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Parameter<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates a parameter over <paramref name="value"/> and allocates a zeroed gradient of the same shape.</summary>
    /// <param name="name">The name used in messages, for example <c>"w"</c>.</param>
    /// <param name="value">The trainable tensor; the optimizer updates it in place. It must be dense.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or <paramref name="value"/> is not dense.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="value"/> is <see langword="null"/>.</exception>
    public Parameter(string name, Tensor<T> value)
    {
        RequireName(name);
        RequireDense(value, name, nameof(value));
        Name = name;
        Value = value;
        Gradient = Tensor.CreateFromShape<T>(value.Lengths);
    }

    /// <summary>Creates a parameter over <paramref name="value"/> whose gradient lives in <paramref name="gradient"/>.</summary>
    /// <param name="name">The name used in messages, for example <c>"w"</c>.</param>
    /// <param name="value">The trainable tensor; the optimizer updates it in place. It must be dense.</param>
    /// <param name="gradient">Where the gradient is written: dense, the shape of <paramref name="value"/>, and not sharing its memory.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="name"/> is empty, a tensor is not dense, the shapes differ, or the tensors share memory.
    /// </exception>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public Parameter(string name, Tensor<T> value, Tensor<T> gradient)
    {
        RequireName(name);
        RequireDense(value, name, nameof(value));
        RequireDense(gradient, name, nameof(gradient));
        if (!gradient.Lengths.SequenceEqual(value.Lengths))
        {
            throw new ArgumentException(
                $"The gradient of parameter '{name}' must have the shape of its value, {ShapeGuard.Format(value.Lengths)}, but it is {ShapeGuard.Format(gradient.Lengths)}. " +
                $"Allocate it like the value, for example {SuggestedFix.AllocateLike<T>(nameof(value))}, or use the constructor without a gradient.",
                nameof(gradient));
        }

        if (Elements(value).Overlaps(Elements(gradient)))
        {
            throw new ArgumentException(
                $"The gradient of parameter '{name}' shares memory with its value. Pass a separate tensor for the gradient.",
                nameof(gradient));
        }

        Name = name;
        Value = value;
        Gradient = gradient;
    }

    /// <summary>The name used in messages.</summary>
    public string Name { get; }

    /// <summary>The trainable tensor, dense. Optimizers update it in place.</summary>
    public Tensor<T> Value { get; }

    /// <summary>The gradient of the loss with respect to <see cref="Value"/>: dense, the same shape, overwritten by every evaluation.</summary>
    public Tensor<T> Gradient { get; }

    /// <summary>The value's elements in row-major order.</summary>
    internal Span<T> ValueElements => Elements(Value);

    /// <summary>The gradient's elements in row-major order.</summary>
    internal ReadOnlySpan<T> GradientElements => Elements(Gradient);

    /// <summary>The name and shape, for example <c>w [2, 3]</c>.</summary>
    /// <returns>The name and shape.</returns>
    public override string ToString() => $"{Name} {ShapeGuard.Format(Value.Lengths)}";

    /// <summary>A dense tensor's elements; its shape metadata is not copied, so this never allocates.</summary>
    /// <remarks>
    /// Through the tensor span: System.Numerics.Tensors 10.0's <c>Tensor&lt;T&gt;.GetPinnableReference</c> returns the
    /// start of the backing array even for a tensor created at an offset into it.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Span<T> Elements(Tensor<T> tensor)
        => MemoryMarshal.CreateSpan(ref tensor.AsTensorSpan().GetPinnableReference(), (int)tensor.FlattenedLength);

    private static void RequireName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A parameter needs a name for messages, for example \"w\" or \"bias\".", nameof(name));
        }
    }

    private static void RequireDense(Tensor<T> tensor, string name, string argument)
    {
        ArgumentNullException.ThrowIfNull(tensor, argument);
        if (!tensor.IsDense)
        {
            throw new ArgumentException(
                $"The {argument} of parameter '{name}' must be a dense tensor, but its lengths {ShapeGuard.Format(tensor.Lengths)} have strides {ShapeGuard.Format(tensor.Strides)} " +
                $"(a view, a slice or a broadcast). Pass a contiguous copy, for example {SuggestedFix.DenseTensor(argument)}.",
                argument);
        }
    }
}
