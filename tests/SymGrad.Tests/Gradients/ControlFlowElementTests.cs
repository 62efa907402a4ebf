using System;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>Loops that read tensor parameters element by element.</summary>
public static partial class ControlFlowElementBodies
{
    [Differentiable]
    public static double SumOfSquares(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            s += x[i] * x[i];
        }

        return s;
    }

    /// <summary>Horner's rule with coefficients c: c[0] + c[1] t + ... , a recurrence through the loop.</summary>
    [Differentiable]
    public static float Polynomial(ReadOnlyTensorSpan<float> c, float t)
    {
        float p = 0;
        for (int i = (int)c.Lengths[0] - 1; i >= 0; i--)
        {
            p = p * t + c[i];
        }

        return p;
    }

    /// <summary>The product of the elements up to the first negative one.</summary>
    [Differentiable]
    public static double ProductUntilNegative(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<double> w)
    {
        double p = 1;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            if (x[i] < 0)
            {
                break;
            }

            p *= x[i] * w[i];
        }

        return p;
    }
}

public sealed class ControlFlowElementTests
{
    [Fact]
    public void A_loop_of_element_reads_gives_each_element_its_adjoint()
    {
        double[] x = [1.5, -2, 0.25];
        double[] dx = [9, 9, 9];
        double value = ControlFlowElementBodies.SumOfSquaresValueAndGradient(new ReadOnlyTensorSpan<double>(x), new TensorSpan<double>(dx));

        Assert.Equal(ControlFlowElementBodies.SumOfSquares(new ReadOnlyTensorSpan<double>(x)), value);
        Assert.Equal(value, ControlFlowElementBodies.SumOfSquaresValue(new ReadOnlyTensorSpan<double>(x)));
        Assert.Equal([3, -4, 0.5], dx);
    }

    [Fact]
    public void A_recurrence_over_coefficients_gives_the_powers_of_t()
    {
        float[] c = [1, -2, 3, 0.5f];
        float[] dc = new float[4];
        float value = ControlFlowElementBodies.PolynomialValueAndGradient(new ReadOnlyTensorSpan<float>(c), 1.5f, new TensorSpan<float>(dc), out float dt);

        Assert.Equal(ControlFlowElementBodies.Polynomial(new ReadOnlyTensorSpan<float>(c), 1.5f), value);
        Assert.Equal([1f, 1.5f, 2.25f, 3.375f], dc);
        Assert.Equal(-2 + (2 * 3 * 1.5f) + (3 * 0.5f * 2.25f), dt, 5);
    }

    [Fact]
    public void A_break_leaves_the_elements_after_it_with_a_zero_gradient()
    {
        double[] x = [2, 3, -1, 5];
        double[] w = [0.5, 2, 1, 1];
        double[] dx = [7, 7, 7, 7];
        double value = ControlFlowElementBodies.ProductUntilNegativeValueAndGradient(new ReadOnlyTensorSpan<double>(x), new ReadOnlyTensorSpan<double>(w), new TensorSpan<double>(dx));

        Assert.Equal(ControlFlowElementBodies.ProductUntilNegative(new ReadOnlyTensorSpan<double>(x), new ReadOnlyTensorSpan<double>(w)), value);
        Assert.Equal(6, value);
        Assert.Equal([3, 2, 0, 0], dx);
    }

    [Fact]
    public void A_read_past_the_end_throws_as_the_indexer_does()
    {
        double[] x = [1, 2];
        Assert.Throws<IndexOutOfRangeException>(() => ControlFlowElementBodies.PolynomialValue(new ReadOnlyTensorSpan<float>(new float[] { 1, 2 }), 2f) + ControlFlowBodiesOutOfRange.Read(x));
    }
}

public static partial class ControlFlowBodiesOutOfRange
{
    public static double Read(double[] x) => ReadPastEndValue(new ReadOnlyTensorSpan<double>(x));

    [Differentiable]
    public static double ReadPastEnd(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        for (int i = 0; i <= x.FlattenedLength; i++)
        {
            s += x[i];
        }

        return s;
    }
}
