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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRankThree(ReadOnlySpan<nint> shape, string name)
        => throw new ArgumentException(
            $"'{name}' is reduced along an axis as a rank-3 tensor [a, b, c], but it has rank {shape.Length.ToString(CultureInfo.InvariantCulture)} (shape {Format(shape)}). " +
            "Pass a tensor of rank 3, or write the method for the rank it has.",
            name);
}
