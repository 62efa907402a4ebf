using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>The length of a slice read as a loop bound or a factor: it is the slice's length, never the whole tensor's.</summary>
public static partial class SliceLengthBodies
{
    /// <summary>Neighbouring products up to the length of x[1..].</summary>
    [Differentiable]
    public static double Neighbours(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x[1..].FlattenedLength; i++)
        {
            s += x[i + 1] * x[i];
        }

        return s;
    }

    [Differentiable]
    public static float NeighboursFloat(ReadOnlyTensorSpan<float> x)
    {
        float s = 0;
        for (int i = 0; i < x[1..].FlattenedLength; i++)
        {
            s += x[i + 1] * x[i];
        }

        return s;
    }

    /// <summary>Products two apart, up to the first length of x[..^2].</summary>
    [Differentiable]
    public static double TwoApart(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x[..^2].Lengths[0]; i++)
        {
            s += x[i] * x[i + 2];
        }

        return s;
    }

    /// <summary>Squares of the first x[1..3].FlattenedLength elements, weighted by the length.</summary>
    [Differentiable]
    public static double FirstTwo(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x[1..3].FlattenedLength; i++)
        {
            s += x[i] * x[i] * x[1..3].FlattenedLength;
        }

        return s;
    }

    /// <summary>Without a loop: a sum scaled by the slices' lengths.</summary>
    [Differentiable]
    public static double Scaled(ReadOnlyTensorSpan<double> x)
    {
        return Sum(x) * x[1..].FlattenedLength + Sum(Square(x)) * x[..^2].Lengths[0] - x[1..3].FlattenedLength * Sum(x[1..3]);
    }

    [Differentiable]
    public static float ScaledFloat(ReadOnlyTensorSpan<float> x)
    {
        return Sum(x) * x[1..].FlattenedLength + Sum(Square(x)) * x[..^2].Lengths[0] - x[1..3].FlattenedLength * Sum(x[1..3]);
    }
}

public sealed class SliceLengthTests
{
    private static readonly double[] X = { 0.5, -0.2, 0.9, 0.1, -0.7, 0.3, 0.6 };

    public static TheoryData<int> Lengths => new() { 3, 4, 7 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void A_loop_bound_from_a_slice_length_reads_the_slice_and_matches_central_differences(int n)
    {
        Tensor<double> x = Tensor.Create(X[..n], [n]);
        Check(x, SliceLengthBodies.Neighbours, SliceLengthBodies.NeighboursValueAndGradient);
        Check(x, SliceLengthBodies.TwoApart, SliceLengthBodies.TwoApartValueAndGradient);
        Check(x, SliceLengthBodies.FirstTwo, SliceLengthBodies.FirstTwoValueAndGradient);
        Check(x, SliceLengthBodies.Scaled, SliceLengthBodies.ScaledValueAndGradient);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Float_slice_lengths_read_the_slice_and_match_central_differences(int n)
    {
        Tensor<float> x = Tensor.Create(System.Array.ConvertAll(X[..n], v => (float)v), [n]);
        foreach ((Func<ReadOnlyTensorSpan<float>, float> method, GradientOf<float> generated) in new (Func<ReadOnlyTensorSpan<float>, float>, GradientOf<float>)[]
        {
            (SliceLengthBodies.NeighboursFloat, SliceLengthBodies.NeighboursFloatValueAndGradient),
            (SliceLengthBodies.ScaledFloat, SliceLengthBodies.ScaledFloatValueAndGradient),
        })
        {
            Tensor<float> dx = Tensor.CreateFromShape<float>([n]);
            float value = generated(x, dx);
            Assert.Equal(method(x), value, 4);
            GradCheck.Assert(x, () => method(x), dx);
        }
    }

    [Fact]
    public void The_neighbour_gradient_is_the_sum_of_the_two_neighbours()
    {
        Tensor<double> x = Tensor.Create(X, [X.Length]);
        Tensor<double> dx = Tensor.CreateFromShape<double>([X.Length]);

        SliceLengthBodies.NeighboursValueAndGradient(x, dx);

        for (int j = 0; j < X.Length; j++)
        {
            double expected = (j > 0 ? X[j - 1] : 0) + (j < X.Length - 1 ? X[j + 1] : 0);
            Assert.Equal(expected, dx[j], 12);
        }
    }

    [Fact]
    public void A_slice_past_the_end_throws_where_its_length_is_read_as_the_method_does_and_writes_no_gradient()
    {
        // x[..^2] of a length-1 x: C# throws when the loop's condition reads its length.
        Tensor<double> x = Tensor.Create(new[] { 0.5 }, [1]);
        var dx = new double[] { 7 };

        Assert.Throws<ArgumentOutOfRangeException>(() => SliceLengthBodies.TwoApart(x));
        Assert.Throws<ArgumentOutOfRangeException>(() => SliceLengthBodies.TwoApartValueAndGradient(x, new TensorSpan<double>(dx)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SliceLengthBodies.TwoApartValue(x));
        Assert.Equal(7, dx[0]);
    }

    private delegate T GradientOf<T>(ReadOnlyTensorSpan<T> x, TensorSpan<T> dx);

    private static void Check(Tensor<double> x, Func<ReadOnlyTensorSpan<double>, double> method, GradientOf<double> generated)
    {
        Tensor<double> dx = Tensor.CreateFromShape<double>(x.Lengths);
        double value = generated(x, dx);
        Assert.Equal(method(x), value, 12);
        GradCheck.Assert(x, () => method(x), dx);
    }
}
