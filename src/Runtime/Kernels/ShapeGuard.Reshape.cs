using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

public static partial class ShapeGuard
{
    /// <summary>
    /// Works out the length of <c>Reshape(x, length)</c> of <paramref name="tensor"/> (a -1 infers it) and requires it
    /// to hold every element, as <c>torch.reshape</c> does.
    /// </summary>
    /// <param name="tensor">The tensor reshaped.</param>
    /// <param name="name">Its parameter's name.</param>
    /// <param name="call">The call as written, for messages.</param>
    /// <param name="length">The length asked for, or -1.</param>
    /// <param name="count">The length of the result.</param>
    public static void Reshape<T>(in ReadOnlyTensorSpan<T> tensor, string name, string call, nint length, out nint count)
    {
        Span<nint> lengths = [length];
        ReshapeLengths(tensor.Lengths, tensor.FlattenedLength, name, call, lengths);
        count = lengths[0];
    }

    /// <summary>
    /// Works out the rows and columns of <c>Reshape(x, first, second)</c> of <paramref name="tensor"/> (one -1 is
    /// inferred from the other length) and requires them to hold every element, as <c>torch.reshape</c> does.
    /// </summary>
    /// <param name="tensor">The tensor reshaped.</param>
    /// <param name="name">Its parameter's name.</param>
    /// <param name="call">The call as written, for messages.</param>
    /// <param name="first">The rows asked for, or -1.</param>
    /// <param name="second">The columns asked for, or -1.</param>
    /// <param name="rows">The rows of the result.</param>
    /// <param name="columns">The columns of the result.</param>
    public static void Reshape<T>(in ReadOnlyTensorSpan<T> tensor, string name, string call, nint first, nint second, out nint rows, out nint columns)
    {
        Span<nint> lengths = [first, second];
        ReshapeLengths(tensor.Lengths, tensor.FlattenedLength, name, call, lengths);
        rows = lengths[0];
        columns = lengths[1];
    }

    /// <summary>
    /// Requires <paramref name="tensor"/>, read in order as a reshaped <paramref name="rows"/> x <paramref name="columns"/>
    /// matrix, to have exactly that many elements.
    /// </summary>
    /// <returns>The row stride of the view: <paramref name="columns"/>.</returns>
    public static nint ReshapeView<T>(in ReadOnlyTensorSpan<T> tensor, string name, nint rows, nint columns)
    {
        if (tensor.FlattenedLength != rows * columns)
        {
            ThrowReshapeView(tensor.Lengths, tensor.FlattenedLength, name, rows, columns);
        }

        return columns;
    }

    /// <summary>
    /// Requires two dimensions that must agree to be equal, where one is a length of a reshape: the exception names
    /// <paramref name="parameter"/>, the parameter whose shape decides it.
    /// </summary>
    public static void SameDimension(nint first, string firstName, int firstAxis, nint second, string secondName, int secondAxis, string parameter)
    {
        if (first != second)
        {
            ThrowDifferentReshapedDimensions(first, firstName, firstAxis, second, secondName, secondAxis, parameter);
        }
    }

    private static void ReshapeLengths(ReadOnlySpan<nint> shape, nint count, string name, string call, Span<nint> lengths)
    {
        int inferred = -1;
        nint known = 1;
        for (int d = 0; d < lengths.Length; d++)
        {
            if (lengths[d] == -1 && inferred < 0)
            {
                inferred = d;
            }
            else if (lengths[d] < 0)
            {
                ThrowReshapeLength(shape, name, call, lengths, d);
            }
            else
            {
                known *= lengths[d];
            }
        }

        if (inferred >= 0)
        {
            if (known == 0 || count % known != 0)
            {
                ThrowReshapeIndivisible(shape, count, name, call, lengths, known);
            }

            lengths[inferred] = count / known;
        }
        else if (known != count)
        {
            ThrowReshapeCount(shape, count, name, call, lengths, known);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowReshapeLength(ReadOnlySpan<nint> shape, string name, string call, ReadOnlySpan<nint> lengths, int position)
        => throw new ArgumentException(
            $"{call} asks for the shape {Format(lengths)} of '{name}' (shape {Format(shape)}), with the length {lengths[position]} at position {position}. " +
            "Lengths are 0 or more, with at most one -1 for the length inferred from the others.",
            name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowReshapeIndivisible(ReadOnlySpan<nint> shape, nint count, string name, string call, ReadOnlySpan<nint> lengths, nint known)
        => throw new ArgumentException(
            $"{call} cannot infer the -1 of the shape {Format(lengths)}: '{name}' is {Format(shape)} with {count} elements, which the other lengths (product {known}) do not divide. " +
            "Pass lengths whose product divides the number of elements.",
            name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowReshapeCount(ReadOnlySpan<nint> shape, nint count, string name, string call, ReadOnlySpan<nint> lengths, nint known)
        => throw new ArgumentException(
            $"{call} asks for the shape {Format(lengths)}, {known} elements, but '{name}' is {Format(shape)} with {count}. " +
            $"Pass lengths whose product is {count}, or -1 for one of them.",
            name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDifferentReshapedDimensions(nint first, string firstName, int firstAxis, nint second, string secondName, int secondAxis, string parameter)
        => throw new ArgumentException(
            $"Dimension {firstAxis} of '{firstName}' is {first} but dimension {secondAxis} of '{secondName}' is {second}; they must be equal because " +
            $"they meet in a matrix product or an element-wise operation. Check the shape of '{parameter}' and the lengths the body reshapes it to.",
            parameter);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowReshapeView(ReadOnlySpan<nint> shape, nint count, string name, nint rows, nint columns)
        => throw new ArgumentException(
            $"'{name}' is reshaped to [{rows}, {columns}] ({rows * columns} elements) but its shape is {Format(shape)} with {count}. " +
            "Pass tensors with as many elements as the shape they are reshaped to (a tensor broadcast against another before Reshape is not reshaped in place: reshape each one first).",
            name);
}
