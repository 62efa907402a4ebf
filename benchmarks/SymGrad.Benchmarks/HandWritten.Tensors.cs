using System;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace SymGrad.Benchmarks;

/// <summary>
/// The <see cref="Tensor{T}"/> form as a careful user writes it by hand: the tensors taken as they are (no conversion
/// to tensor spans), checked dense and of the same shape, and their elements read as flat spans from
/// <c>GetPinnableReference</c> and <c>FlattenedLength</c>; then the same loops as the span forms.
/// </summary>
public static partial class HandWritten
{
    public static float Mse(Tensor<float> x, Tensor<float> target, Tensor<float> dx)
    {
        Require(x.IsDense && target.IsDense && dx.IsDense && x.Lengths.SequenceEqual(target.Lengths) && x.Lengths.SequenceEqual(dx.Lengths));
        return MseLoop(Elements(x), Elements(target), Elements(dx));
    }

    public static float SumOfSquares(Tensor<float> x, Tensor<float> dx)
    {
        Require(x.IsDense && dx.IsDense && x.Lengths.SequenceEqual(dx.Lengths));
        return SumOfSquaresLoop(Elements(x), Elements(dx));
    }

    public static float SumOfLogs(Tensor<float> x, Tensor<float> dx)
    {
        Require(x.IsDense && dx.IsDense && x.Lengths.SequenceEqual(dx.Lengths));
        return SumOfLogsLoop(Elements(x), Elements(dx));
    }

    private static Span<float> Elements(Tensor<float> tensor)
        => MemoryMarshal.CreateSpan(ref tensor.GetPinnableReference(), (int)tensor.FlattenedLength);
}
