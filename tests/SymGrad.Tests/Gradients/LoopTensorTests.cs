using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Tensors in methods with loops and branches: <c>Tensor&lt;T&gt;</c> parameters, as a user passes them, and element
/// reads of tensor locals.
/// </summary>
public static partial class LoopTensorBodies
{
    /// <summary><see cref="WholeTensorLoopBodies.Euler"/> over <c>Tensor&lt;T&gt;</c> parameters.</summary>
    [Differentiable]
    public static double Euler(Tensor<double> x0, Tensor<double> a, [NoGrad] Tensor<double> target, int steps)
    {
        var h = x0;
        for (int t = 0; t < steps; t++)
        {
            h = h + (0.05 * (a - (h * h)));
        }

        return Sum(Square(h - target));
    }

    /// <summary>Element reads of a <c>Tensor&lt;T&gt;</c> matrix in nested loops, beside a tensor span.</summary>
    [Differentiable]
    public static float RowNorms(Tensor<float> m, ReadOnlyTensorSpan<float> scale)
    {
        float s = 0;
        for (int i = 0; i < m.Lengths[0]; i++)
        {
            float row = 0;
            for (int j = 0; j < m.Lengths[1]; j++)
            {
                row += m[i, j] * m[i, j];
            }

            s += scale[i] * MathF.Sqrt(row);
        }

        return s;
    }

    /// <summary>Element reads of a tensor local, and a local assigned from its own first element.</summary>
    [Differentiable]
    public static double Rescaled(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, int n)
    {
        var h = x * 2;
        for (int t = 0; t < 2; t++)
        {
            h = h / h[0];
        }

        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += h[i] * w[i];
        }

        return s;
    }
}

public sealed class LoopTensorTests
{
    private static readonly double[] X0 = { 0.5, -0.2, 0.9, 0.1 };
    private static readonly double[] A = { 0.3, 0.8, 0.1, -0.4 };
    private static readonly double[] Target = { 0.4, 0.4, 0.4, 0.0 };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20)]
    public void Tensor_parameters_give_the_gradient_of_tensor_spans(int steps)
    {
        var dx0 = new double[4];
        var da = new double[4];
        var ex0 = new double[4];
        var ea = new double[4];
        Tensor<double> x0 = Tensor.Create(X0);
        Tensor<double> a = Tensor.Create(A);
        Tensor<double> target = Tensor.Create(Target);

        double value = LoopTensorBodies.EulerValueAndGradient(x0, a, target, steps, dx0, da);
        double expected = WholeTensorLoopBodies.EulerValueAndGradient(new ReadOnlyTensorSpan<double>(X0), A, Target, steps, ex0, ea);

        Assert.Equal(LoopTensorBodies.Euler(x0, a, target, steps), value, 12);
        Assert.Equal(expected, value);
        Assert.Equal(value, LoopTensorBodies.EulerValue(x0, a, target, steps));
        Assert.Equal(ex0, dx0);
        Assert.Equal(ea, da);
    }

    [Fact]
    public void Element_reads_of_a_tensor_matrix_match_the_method_and_its_derivative()
    {
        float[] values = { 0.5f, -1.2f, 0.3f, 2.0f, 0.1f, -0.4f };
        float[] scale = { 1.5f, -0.5f };
        Tensor<float> m = Tensor.Create(values, [2, 3]);
        var dm = new float[6];
        var dscale = new float[2];

        float value = LoopTensorBodies.RowNormsValueAndGradient(m, scale, new TensorSpan<float>(dm, [2, 3]), dscale);

        Assert.Equal(LoopTensorBodies.RowNorms(m, scale), value, 5);
        for (int i = 0; i < 2; i++)
        {
            float norm = MathF.Sqrt((values[3 * i] * values[3 * i]) + (values[(3 * i) + 1] * values[(3 * i) + 1]) + (values[(3 * i) + 2] * values[(3 * i) + 2]));
            Assert.Equal(norm, dscale[i], 5);
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(scale[i] * values[(3 * i) + j] / norm, dm[(3 * i) + j], 5);
            }
        }
    }

    [Fact]
    public void A_null_tensor_throws_naming_the_parameter()
    {
        var dx0 = new double[4];
        var da = new double[4];

        ArgumentNullException error = Assert.Throws<ArgumentNullException>(() => LoopTensorBodies.EulerValueAndGradient(Tensor.Create(X0), null!, Tensor.Create(Target), 3, dx0, da));

        Assert.Equal("a", error.ParamName);
        Assert.Throws<ArgumentNullException>(() => LoopTensorBodies.EulerValue(null!, Tensor.Create(A), Tensor.Create(Target), 3));
    }

    [Fact]
    public void A_tensor_local_assigned_from_its_own_element_reads_it_once_as_the_method_does()
    {
        double[] x = { 0.5, -1.2, 0.3 };
        double[] w = { 1.0, 2.0, -0.5 };
        var dx = new double[3];
        var dw = new double[3];

        double value = LoopTensorBodies.RescaledValueAndGradient(x, w, 3, dx, dw);

        // h = 2x / (2 x0) = x / x0 after the first step, and the second divides by h[0] = 1.
        Assert.Equal(LoopTensorBodies.Rescaled(x, w, 3), value, 12);
        Assert.Equal(((x[0] * w[0]) + (x[1] * w[1]) + (x[2] * w[2])) / x[0], value, 12);
        Assert.Equal(-((x[1] * w[1]) + (x[2] * w[2])) / (x[0] * x[0]), dx[0], 12);
        Assert.Equal(w[1] / x[0], dx[1], 12);
        Assert.Equal(w[2] / x[0], dx[2], 12);
        Assert.Equal(new[] { 1.0, x[1] / x[0], x[2] / x[0] }, dw);
    }

    [Fact]
    public void An_element_read_past_the_end_of_a_tensor_local_throws_as_the_method_does()
    {
        double[] x = { 0.5, -1.2, 0.3 };
        double[] w = { 1.0, 2.0, -0.5, 4.0 };
        var dx = new double[3];
        var dw = new double[4];

        Assert.ThrowsAny<IndexOutOfRangeException>(() => LoopTensorBodies.Rescaled(x, w, 4));
        Assert.ThrowsAny<IndexOutOfRangeException>(() => LoopTensorBodies.RescaledValue(x, w, 4));
        Assert.ThrowsAny<IndexOutOfRangeException>(() => LoopTensorBodies.RescaledValueAndGradient(x, w, 4, dx, dw));
    }

    [Fact]
    public void Tensors_whose_shapes_do_not_broadcast_throw_naming_both_before_anything_is_written()
    {
        // A [3] vector meets the [4] state: as written, x0 + a throws; the generated methods throw first, naming both.
        Tensor<double> x0 = Tensor.Create(X0);
        Tensor<double> a = Tensor.Create(new double[] { 0.3, 0.8, 0.1 });
        Tensor<double> target = Tensor.Create(new double[4]);
        var dx0 = new double[] { 7, 7, 7, 7 };
        var da = new double[] { 7, 7, 7 };

        Assert.ThrowsAny<ArgumentException>(() => LoopTensorBodies.Euler(x0, a, target, 3));
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => LoopTensorBodies.EulerValueAndGradient(x0, a, target, 3, dx0, da));

        Assert.Contains("'a'", error.Message);
        Assert.Contains("'(h * h)'", error.Message);
        Assert.Contains("[3]", error.Message);
        Assert.Contains("[4]", error.Message);
        Assert.Contains("not broadcast", error.Message);
        Assert.All(dx0, d => Assert.Equal(7, d));
        Assert.All(da, d => Assert.Equal(7, d));
    }

    [Fact]
    public void A_local_that_would_grow_to_a_broadcast_shape_throws_naming_both()
    {
        // x0 + a broadcasts the [4] vector over the rows of the [2, 4] matrix, but h holds x0's [4]: as written it would
        // grow to [2, 4]; a tensor local in loops keeps its shape, so the call throws, naming both, before anything is written.
        Tensor<double> x0 = Tensor.Create(X0);
        Tensor<double> a = Tensor.Create(new double[] { 0.3, 0.8, 0.1, -0.4, 0.2, 0.5, -0.1, 0.9 }, [2, 4]);
        Tensor<double> target = Tensor.Create(new double[8], [2, 4]);
        var dx0 = new double[] { 7, 7, 7, 7 };
        var da = new double[] { 7, 7, 7, 7, 7, 7, 7, 7 };

        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => LoopTensorBodies.EulerValueAndGradient(x0, a, target, 3, dx0, new TensorSpan<double>(da, [2, 4])));

        Assert.Contains("'h'", error.Message);
        Assert.Contains("[4]", error.Message);
        Assert.Contains("[2, 4]", error.Message);
        Assert.All(dx0, d => Assert.Equal(7, d));
        Assert.All(da, d => Assert.Equal(7, d));
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        Tensor<double> x0 = Tensor.Create(X0);
        Tensor<double> a = Tensor.Create(A);
        Tensor<double> target = Tensor.Create(Target);
        Tensor<float> m = Tensor.Create(new[] { 0.5f, -1.2f, 0.3f, 2.0f, 0.1f, -0.4f }, [2, 3]);
        float[] scale = { 1.5f, -0.5f };
        var dx0 = new double[4];
        var da = new double[4];
        var dm = new float[6];
        var dscale = new float[2];
        LoopTensorBodies.EulerValueAndGradient(x0, a, target, 20, dx0, da);
        LoopTensorBodies.RowNormsValueAndGradient(m, scale, new TensorSpan<float>(dm, [2, 3]), dscale);
        LoopTensorBodies.RescaledValueAndGradient(X0, A, 4, dx0, da);
        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (int r = 0; r < 10; r++)
            {
                LoopTensorBodies.EulerValueAndGradient(x0, a, target, 20, dx0, da);
                LoopTensorBodies.EulerValue(x0, a, target, 20);
                LoopTensorBodies.RowNormsValueAndGradient(m, scale, new TensorSpan<float>(dm, [2, 3]), dscale);
                LoopTensorBodies.RescaledValueAndGradient(X0, A, 4, dx0, da);
            }
        }));
    }
}
