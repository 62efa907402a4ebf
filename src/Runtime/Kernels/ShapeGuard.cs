using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace SymGrad.Kernels;

/// <summary>
/// Argument checks that generated methods run before they compute anything, so a bad call throws an
/// <see cref="ArgumentException"/> that names the parameter, the shapes and the fix, and never writes half a gradient.
/// </summary>
public static partial class ShapeGuard
{
    /// <summary>Requires <paramref name="tensor"/> to be dense (contiguous, no broadcast strides).</summary>
    /// <returns>The number of elements.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint Dense<T>(in ReadOnlyTensorSpan<T> tensor, string name)
    {
        if (!tensor.IsDense)
        {
            ThrowNotDense<T>(tensor.Lengths, tensor.Strides, name);
        }

        return tensor.FlattenedLength;
    }

    /// <summary>Requires <paramref name="gradient"/> to be dense and to have the shape of <paramref name="input"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Gradient<T>(in TensorSpan<T> gradient, string gradientName, in ReadOnlyTensorSpan<T> input, string inputName)
    {
        if (!gradient.Lengths.SequenceEqual(input.Lengths))
        {
            ThrowGradientShape<T>(gradient.Lengths, gradientName, input.Lengths, inputName);
        }

        if (!gradient.IsDense)
        {
            ThrowGradientNotDense<T>(gradient.Lengths, gradient.Strides, gradientName, inputName);
        }
    }

    /// <summary>Requires two tensors that meet in an element-wise operation to have the same shape.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SameShape<T>(in ReadOnlyTensorSpan<T> first, string firstName, in ReadOnlyTensorSpan<T> second, string secondName)
    {
        if (!first.Lengths.SequenceEqual(second.Lengths))
        {
            ThrowDifferentShapes(first.Lengths, firstName, second.Lengths, secondName);
        }
    }

    /// <summary>
    /// Requires two tensors of a method with loops or branches to have the same shape where they do not broadcast: the
    /// two sides of a conditional (one of them is picked whole), or a tensor local and a tensor assigned to it (the local
    /// keeps the shape it was first given). Tensors that meet in element-wise operations broadcast (see <see cref="LoopShape"/>).
    /// </summary>
    public static void SameShapeInLoops<T>(in ReadOnlyTensorSpan<T> first, string firstName, in ReadOnlyTensorSpan<T> second, string secondName)
    {
        if (!first.Lengths.SequenceEqual(second.Lengths))
        {
            throw new ArgumentException(
                $"'{firstName}' and '{secondName}' must have the same shape in a method with loops or branches, where one is chosen or assigned in place of the other, " +
                $"but '{firstName}' is {Format(first.Lengths)} and '{secondName}' is {Format(second.Lengths)}. Pass tensors of the same shape " +
                "(a conditional picks one tensor whole, and a tensor local keeps the shape it was first given).",
                secondName);
        }
    }

    /// <summary>Requires two spans that meet in an element-wise operation to have the same length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SameLength<T>(ReadOnlySpan<T> first, string firstName, ReadOnlySpan<T> second, string secondName)
    {
        if (first.Length != second.Length)
        {
            ThrowDifferentLengths(first.Length, firstName, second.Length, secondName);
        }
    }

    /// <summary>Requires <paramref name="gradient"/> to have the length of <paramref name="input"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GradientLength<T>(Span<T> gradient, string gradientName, ReadOnlySpan<T> input, string inputName)
    {
        if (gradient.Length != input.Length)
        {
            ThrowGradientLength<T>(gradient.Length, gradientName, input.Length, inputName);
        }
    }

    /// <summary>The memory a span occupies, for the checks that no gradient shares memory with another tensor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TensorMemory Memory<T>(ReadOnlySpan<T> elements)
        => new(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(elements)), (nint)elements.Length * Unsafe.SizeOf<T>());

    /// <summary>The memory a span occupies, for the checks that no gradient shares memory with another tensor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TensorMemory Memory<T>(Span<T> elements)
        => new(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(elements)), (nint)elements.Length * Unsafe.SizeOf<T>());

    /// <summary>The memory a dense tensor occupies, for the checks that no gradient shares memory with another tensor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TensorMemory Memory<T>(scoped in ReadOnlyTensorSpan<T> tensor)
        => new(ref Unsafe.As<T, byte>(ref Unsafe.AsRef(in tensor.GetPinnableReference())), tensor.FlattenedLength * Unsafe.SizeOf<T>());

    /// <summary>The memory a dense tensor occupies, for the checks that no gradient shares memory with another tensor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TensorMemory Memory<T>(scoped in TensorSpan<T> tensor)
        => new(ref Unsafe.As<T, byte>(ref tensor.GetPinnableReference()), tensor.FlattenedLength * Unsafe.SizeOf<T>());

    /// <summary>Requires a gradient not to share memory with an input it is computed from.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Disjoint(TensorMemory gradient, string gradientName, TensorMemory input, string inputName)
    {
        if (gradient.Overlaps(input))
        {
            ThrowSharedWithInput(gradientName, inputName);
        }
    }

    /// <summary>Requires two gradients not to share memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DisjointGradients(TensorMemory gradient, string gradientName, TensorMemory other, string otherName)
    {
        if (gradient.Overlaps(other))
        {
            ThrowSharedGradients(gradientName, otherName);
        }
    }

    /// <summary>The elements of a dense tensor as a span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<T> Elements<T>(in ReadOnlyTensorSpan<T> tensor)
        => MemoryMarshal.CreateReadOnlySpan(in tensor.GetPinnableReference(), checked((int)tensor.FlattenedLength));

    /// <summary>The elements of a dense tensor as a span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<T> Elements<T>(in TensorSpan<T> tensor)
        => MemoryMarshal.CreateSpan(ref tensor.GetPinnableReference(), checked((int)tensor.FlattenedLength));

    /// <summary>
    /// Throws, as TensorMath.Max(x) and Min(x) do, when the elements a whole-tensor maximum or minimum reads are none:
    /// over no elements neither has a value.
    /// </summary>
    /// <param name="count">The number of elements reduced.</param>
    /// <param name="name">The parameter whose shape they have.</param>
    public static void NotEmpty(nint count, string name)
    {
        if (count == 0)
        {
            throw new ArgumentException(
                $"Max(x) or Min(x) of an empty tensor has no value: the elements it reads have the shape of '{name}', which has no elements. " +
                "Pass a tensor with at least one element.",
                name);
        }
    }

    /// <summary>Formats lengths as <c>[3, 3]</c>.</summary>
    public static string Format(ReadOnlySpan<nint> lengths)
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < lengths.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(lengths[i]);
        }

        return text.Append(']').ToString();
    }

    // The throws live out of line, so the checks inlined into every generated method stay a few instructions.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowGradientShape<T>(ReadOnlySpan<nint> gradient, string gradientName, ReadOnlySpan<nint> input, string inputName)
        => throw new ArgumentException(
            $"Gradient '{gradientName}' must have the shape of '{inputName}', {Format(input)}, but it is {Format(gradient)}. " +
            $"Allocate it like the input, for example {SuggestedFix.AllocateLike<T>(inputName)}.",
            gradientName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDifferentShapes(ReadOnlySpan<nint> first, string firstName, ReadOnlySpan<nint> second, string secondName)
        => throw new ArgumentException(
            $"'{firstName}' and '{secondName}' meet in an element-wise operation and must have the same shape, " +
            $"but '{firstName}' is {Format(first)} and '{secondName}' is {Format(second)}. Pass tensors of the same shape " +
            $"(this method's generated code broadcasts tensor parameters only where every reduction spans all of them and no size, slice or element of one is read, " +
            $"as in Sum(Square(x - b)); a bias vector is also repeated over the rows of a matrix product, as in {SuggestedFix.BiasOverProduct()}).",
            secondName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDifferentLengths(int first, string firstName, int second, string secondName)
        => throw new ArgumentException(
            $"'{firstName}' and '{secondName}' meet in an element-wise operation and must have the same length, " +
            $"but '{firstName}' has {first} elements and '{secondName}' has {second}. Pass arrays or spans of the same length.",
            secondName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowGradientLength<T>(int gradient, string gradientName, int input, string inputName)
        => throw new ArgumentException(
            $"Gradient '{gradientName}' must have the length of '{inputName}', {input} elements, but it has {gradient}. " +
            $"Allocate it like the input, for example {SuggestedFix.AllocateArrayLike<T>(inputName)}.",
            gradientName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSharedWithInput(string gradientName, string inputName)
        => throw new ArgumentException(
            $"Gradient '{gradientName}' shares memory with input '{inputName}'. Gradients are written while inputs are still read: pass a separate buffer for '{gradientName}'.",
            gradientName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSharedGradients(string gradientName, string otherName)
        => throw new ArgumentException(
            $"Gradients '{gradientName}' and '{otherName}' share memory. Pass a separate buffer for each gradient.",
            gradientName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotDense<T>(ReadOnlySpan<nint> lengths, ReadOnlySpan<nint> strides, string name)
        => throw new ArgumentException(
            $"'{name}' must be a dense tensor, but its lengths {Format(lengths)} have strides {Format(strides)} (a view, a slice or a broadcast). " +
            $"Pass a contiguous copy, for example {SuggestedFix.DenseCopy<T>(name)} and pass {name}Dense.",
            name);

    // A copy of an output would take the gradient and drop it, so the fix for a gradient is a dense tensor to write into.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowGradientNotDense<T>(ReadOnlySpan<nint> lengths, ReadOnlySpan<nint> strides, string gradientName, string inputName)
        => throw new ArgumentException(
            $"Gradient '{gradientName}' must be a dense tensor, but its lengths {Format(lengths)} have strides {Format(strides)} (a view, a slice or a broadcast). " +
            $"Pass a dense tensor to write the gradient into, for example {SuggestedFix.AllocateLike<T>(inputName)}, and copy it into the view afterwards if it belongs there.",
            gradientName);
}
