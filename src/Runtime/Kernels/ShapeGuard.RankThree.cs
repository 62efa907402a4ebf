using System;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

public static partial class ShapeGuard
{
    /// <summary>
    /// Requires <paramref name="tensor"/>, reduced along an axis as a rank-3 tensor <c>[a, b, c]</c>, to have rank 3:
    /// its axes are read as that tensor's.
    /// </summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="name">Its parameter's name.</param>
    /// <exception cref="ArgumentException">The tensor's rank is not 3.</exception>
    public static void RankThree<T>(in ReadOnlyTensorSpan<T> tensor, string name)
    {
        if (tensor.Rank != 3)
        {
            ThrowRankThree(tensor.Lengths, name);
        }
    }

    /// <summary>
    /// Works out the lengths of <c>Reshape(x, first, second, third)</c> of <paramref name="tensor"/> (one -1 is inferred
    /// from the others) and requires them to hold every element, as <c>torch.reshape</c> does.
    /// </summary>
    /// <param name="tensor">The tensor reshaped.</param>
    /// <param name="name">Its parameter's name.</param>
    /// <param name="call">The call as written, for messages.</param>
    /// <param name="first">The first length asked for, or -1.</param>
    /// <param name="second">The second length asked for, or -1.</param>
    /// <param name="third">The third length asked for, or -1.</param>
    /// <param name="a">The first length of the result.</param>
    /// <param name="b">The second length of the result.</param>
    /// <param name="c">The third length of the result.</param>
    public static void Reshape<T>(in ReadOnlyTensorSpan<T> tensor, string name, string call, nint first, nint second, nint third, out nint a, out nint b, out nint c)
    {
        Span<nint> lengths = [first, second, third];
        ReshapeLengths(tensor.Lengths, tensor.FlattenedLength, name, call, lengths);
        a = lengths[0];
        b = lengths[1];
        c = lengths[2];
    }

    /// <summary>
    /// The rank-3 <paramref name="tensor"/> <c>[a, b, c]</c> read in order as a matrix for a reduction along
    /// <paramref name="axis"/>: <c>[a*b, c]</c> for axis 2, <c>[a, b*c]</c> for axis 0. Its rank is checked already.
    /// </summary>
    /// <param name="tensor">The rank-3 tensor.</param>
    /// <param name="axis">2 (the last axis) or 0.</param>
    /// <param name="rows">The rows of the matrix.</param>
    /// <param name="columns">The columns of the matrix.</param>
    public static void RankThreeFold<T>(in ReadOnlyTensorSpan<T> tensor, int axis, out nint rows, out nint columns)
    {
        ReadOnlySpan<nint> lengths = tensor.Lengths;
        rows = axis == 2 ? lengths[0] * lengths[1] : lengths[0];
        columns = axis == 2 ? lengths[2] : lengths[1] * lengths[2];
    }

    /// <summary>
    /// Requires the axis a maximum or minimum reduces to have elements: <c>torch.amax</c> and <c>torch.amin</c> raise
    /// for an empty axis, even where the result has no elements either.
    /// </summary>
    /// <param name="length">The length of the axis reduced (the product of the lengths of the axes, for several).</param>
    /// <param name="tensor">The parameter whose axis it is.</param>
    /// <param name="name">Its name.</param>
    /// <param name="axes">The axis in words, such as "axis 2".</param>
    /// <param name="function">The reduction as written: Max or Min.</param>
    /// <exception cref="ArgumentException">The axis is empty.</exception>
    public static void AxisNotEmpty<T>(nint length, in ReadOnlyTensorSpan<T> tensor, string name, string axes, string function)
    {
        if (length == 0)
        {
            ThrowEmptyAxis(tensor.Lengths, name, axes, function);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowEmptyAxis(ReadOnlySpan<nint> shape, string name, string axes, string function)
        => throw new ArgumentException(
            $"{function}(x, axis) of an empty axis has no value: '{name}' is {Format(shape)} and its {axes} has length 0 (torch.{(function == "Max" ? "amax" : "amin")} raises too). " +
            "Reduce along an axis whose length is not 0, or pass a tensor whose reduced axis has elements.",
            name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRankThree(ReadOnlySpan<nint> shape, string name)
        => throw new ArgumentException(
            $"'{name}' is reduced along an axis as a rank-3 tensor [a, b, c], but it has rank {shape.Length.ToString(CultureInfo.InvariantCulture)} (shape {Format(shape)}). " +
            "Pass a tensor of rank 3, or write the method for the rank it has.",
            name);
}
