using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>Loops of independent element-wise work into sums, compiled as the whole-tensor reductions they are.</summary>
public static partial class IndependentLoopBodies
{
    [Differentiable]
    public static float SquaredErrorLoop(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> t)
    {
        float s = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            float d = x[i] - t[i];
            s += d * d;
        }

        return s;
    }

    [Differentiable]
    public static float SquaredErrorWhole(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> t) => Sum(Square(x - t));

    /// <summary>On <c>Tensor&lt;T&gt;</c> parameters, which a scalar loop does not take.</summary>
    [Differentiable]
    public static double WeightedExpLoop(Tensor<double> x, Tensor<double> w, double scale)
    {
        double s = 0;
        for (int i = 0; i < x.Lengths[0]; i++)
        {
            s += scale * w[i] * Math.Exp(x[i] / 4);
        }

        return Math.Log(s);
    }
}

public sealed class IndependentLoopTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(1000)]
    public void A_loop_of_element_reads_into_a_sum_matches_the_method_and_the_whole_tensor_spelling(int n)
    {
        float[] x = new float[n];
        float[] t = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = MathF.Sin(0.37f * i);
            t[i] = MathF.Cos(0.11f * i);
        }

        float[] dx = new float[n];
        float[] wholeDx = new float[n];
        float written = IndependentLoopBodies.SquaredErrorLoop(new ReadOnlyTensorSpan<float>(x), new ReadOnlyTensorSpan<float>(t));
        float value = IndependentLoopBodies.SquaredErrorLoopValueAndGradient(x, t, dx);
        float whole = IndependentLoopBodies.SquaredErrorWholeValueAndGradient(x, t, wholeDx);

        // The fused loop adds in another order than the loop as written: equal within float rounding.
        Assert.Equal(written, value, written * 1e-5f);
        Assert.Equal(whole, value);
        Assert.Equal(value, IndependentLoopBodies.SquaredErrorLoopValue(x, t));
        Assert.Equal(wholeDx, dx);
    }

    [Fact]
    public void Tensor_parameters_read_in_an_independent_loop_get_their_gradients()
    {
        Tensor<double> x = Tensor.Create(new double[] { 0.5, -1.2, 2.0, 0.3 }, [4]);
        Tensor<double> w = Tensor.Create(new double[] { 1.5, 0.25, 0.75, 2.0 }, [4]);
        double[] dx = new double[4];
        double[] dw = new double[4];
        double value = IndependentLoopBodies.WeightedExpLoopValueAndGradient(x, w, 0.8, new TensorSpan<double>(dx), new TensorSpan<double>(dw), out double dscale);

        double sum = 0;
        for (int i = 0; i < 4; i++)
        {
            sum += 0.8 * w[i] * Math.Exp(x[i] / 4);
        }

        Assert.Equal(IndependentLoopBodies.WeightedExpLoop(x, w, 0.8), value, 1e-12);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(0.8 * w[i] * Math.Exp(x[i] / 4) / 4 / sum, dx[i], 1e-12);
            Assert.Equal(0.8 * Math.Exp(x[i] / 4) / sum, dw[i], 1e-12);
        }

        Assert.Equal(1 / 0.8, dscale, 1e-12);
    }

    [Fact]
    public void A_vector_of_another_length_is_refused_before_anything_is_written()
    {
        float[] x = [1, 2, 3];
        float[] dx = [7, 7, 7];

        // Run as written, the loop reads past the end of t; the generated method says which shapes differ.
        Assert.ThrowsAny<Exception>(() => IndependentLoopBodies.SquaredErrorLoop(new ReadOnlyTensorSpan<float>(x), new ReadOnlyTensorSpan<float>(new float[] { 1, 2 })));
        ArgumentException shortTarget = Assert.ThrowsAny<ArgumentException>(() => IndependentLoopBodies.SquaredErrorLoopValueAndGradient(new ReadOnlyTensorSpan<float>(x), new ReadOnlyTensorSpan<float>(new float[] { 1, 2 }), new TensorSpan<float>(dx)));
        Assert.Contains("t", shortTarget.Message, StringComparison.Ordinal);

        // A length-1 target is not stretched over x, as the whole-tensor spelling would: the loop reads t[1].
        Assert.ThrowsAny<ArgumentException>(() => IndependentLoopBodies.SquaredErrorLoopValue(new ReadOnlyTensorSpan<float>(x), new ReadOnlyTensorSpan<float>(new float[] { 1 })));
        Assert.Equal([7f, 7f, 7f], dx);
    }

    [Fact]
    public void A_matrix_read_with_one_index_is_refused_as_the_indexer_refuses_it()
    {
        Tensor<float> x = Tensor.Create(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        Tensor<float> t = Tensor.Create(new float[6], [2, 3]);

        Assert.ThrowsAny<Exception>(() => IndependentLoopBodies.SquaredErrorLoop(x, t));
        Assert.ThrowsAny<ArgumentException>(() => IndependentLoopBodies.SquaredErrorLoopValue(x, t));
    }

    [Fact]
    public void Every_overload_refuses_a_matrix_read_with_one_index_naming_it_before_anything_is_written()
    {
        Tensor<float> x = Tensor.Create(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        Tensor<float> t = Tensor.Create(new float[6], [2, 3]);
        float[] gradient = [7, 7, 7, 7, 7, 7];
        Tensor<float> dx = Tensor.Create(gradient, [2, 3]);

        // Tensor<T> arguments bind to the overload over any tensor type; tensor spans to the tensor span overload.
        ArgumentException tensors = Assert.ThrowsAny<ArgumentException>(() => IndependentLoopBodies.SquaredErrorLoopValueAndGradient(x, t, dx));
        ArgumentException spans = Assert.ThrowsAny<ArgumentException>(
            () => IndependentLoopBodies.SquaredErrorLoopValueAndGradient(x.AsReadOnlyTensorSpan(), t.AsReadOnlyTensorSpan(), dx.AsTensorSpan()));
        foreach (ArgumentException refused in new[] { tensors, spans })
        {
            Assert.Equal("x", refused.ParamName);
            Assert.Contains("is read with 1 index, but it has rank 2", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal([7f, 7f, 7f, 7f, 7f, 7f], gradient);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(33)]
    [InlineData(1000)]
    public void Tensors_give_what_arrays_give_and_allocate_nothing(int n)
    {
        float[] x = new float[n];
        float[] t = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = MathF.Sin(i) + 0.5f;
            t[i] = MathF.Cos(3 * i);
        }

        float[] fromArrays = new float[n];
        float[] fromTensors = new float[n];
        Tensor<float> xTensor = Tensor.Create(x, [n]);
        Tensor<float> tTensor = Tensor.Create(t, [n]);
        Tensor<float> dxTensor = Tensor.Create(fromTensors, [n]);
        float value = IndependentLoopBodies.SquaredErrorLoopValueAndGradient(x, t, fromArrays);

        Assert.Equal(value, IndependentLoopBodies.SquaredErrorLoopValueAndGradient(xTensor, tTensor, dxTensor));
        Assert.Equal(fromArrays, fromTensors);
        Assert.Equal(value, IndependentLoopBodies.SquaredErrorLoopValue(xTensor, tTensor));
        long bytes = Allocations.FewestBytes(() =>
        {
            for (int k = 0; k < 10; k++)
            {
                IndependentLoopBodies.SquaredErrorLoopValueAndGradient(xTensor, tTensor, dxTensor);
            }
        });

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void An_independent_loop_allocates_nothing_per_call()
    {
        float[] x = new float[1000];
        float[] t = new float[1000];
        float[] dx = new float[1000];
        x.AsSpan().Fill(0.5f);
        long bytes = Allocations.FewestBytes(() =>
        {
            for (int k = 0; k < 10; k++)
            {
                IndependentLoopBodies.SquaredErrorLoopValueAndGradient(x, t, dx);
                IndependentLoopBodies.SquaredErrorLoopValue(new ReadOnlyTensorSpan<float>(x), new ReadOnlyTensorSpan<float>(t));
            }
        });

        Assert.Equal(0, bytes);
    }
}
