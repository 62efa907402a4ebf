using System;
using System.Globalization;

namespace SymGrad.Kernels;

/// <summary>The shapes of reshapes in a method with loops or branches, worked out when it is called.</summary>
public partial struct LoopShape
{
    /// <summary>The <see cref="Count"/> of the shape that is none of a reshape whose lengths do not fit.</summary>
    internal const int UnfitReshape = -2;

    /// <summary>
    /// The shape of <c>Reshape(x, lengths)</c> of an operand of shape <paramref name="operand"/>, its -1 inferred, when
    /// the method is called; a shape that is none (<see cref="Broadcasts"/> false) where the lengths do not fit, and the
    /// reshape's statement throws, with <see cref="Reshape"/>'s exception, when it runs.
    /// </summary>
    public static LoopShape ReshapeOf(in LoopShape operand, ReadOnlySpan<nint> lengths)
    {
        if (!operand.Broadcasts || lengths.Length > MaxRank)
        {
            return new LoopShape { Count = operand.Broadcasts || operand.Count == UnfitReshape ? UnfitReshape : -1 };
        }

        Span<nint> source = stackalloc nint[operand.Rank];
        operand.CopyLengths(source);
        Span<nint> result = stackalloc nint[lengths.Length];
        lengths.CopyTo(result);
        if (TensorMath.ReshapeProblem(source, result) is not null)
        {
            return new LoopShape { Count = UnfitReshape };
        }

        var shape = new LoopShape { Rank = result.Length, Count = operand.Count };
        for (int d = 0; d < result.Length; d++)
        {
            shape.lengths[d] = result[d];
        }

        return shape;
    }

    /// <summary>
    /// Throws what <c>TensorMath.Reshape(x, lengths)</c> throws for an operand of shape <paramref name="operand"/>
    /// (<paramref name="text"/> the reshape as written), where <see cref="ReshapeOf"/> made a shape that is none.
    /// </summary>
    public static void Reshape(in LoopShape operand, ReadOnlySpan<nint> lengths, string text)
    {
        if (!operand.Broadcasts)
        {
            throw new ArgumentException($"{text} reshapes a tensor whose shape could not be worked out: its operands do not broadcast. Pass tensors whose shapes broadcast.", text);
        }

        if (lengths.Length > MaxRank)
        {
            throw new ArgumentException(
                $"{text} has {lengths.Length.ToString(CultureInfo.InvariantCulture)} lengths, but in a method with loops or branches a tensor has rank {MaxRank.ToString(CultureInfo.InvariantCulture)} at most. " +
                "Reshape to fewer axes, or do this work in a [Differentiable] method without loops and pass its value in.",
                text);
        }

        Span<nint> source = stackalloc nint[operand.Rank];
        operand.CopyLengths(source);
        Span<nint> result = stackalloc nint[lengths.Length];
        lengths.CopyTo(result);
        if (TensorMath.ReshapeProblem(source, result) is { } problem)
        {
            throw new ArgumentException(problem, "lengths");
        }
    }
}
