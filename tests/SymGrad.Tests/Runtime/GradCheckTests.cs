using System;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Runtime;

public class GradCheckTests
{
    // f(x) = sum(x² + sin x), with gradient 2x + cos x.
    private static double Value(Tensor<double> x) => Value(x, v => (v * v) + Math.Sin(v));

    private static double Value(Tensor<double> x, Func<double, double> term)
    {
        double sum = 0;
        foreach (double v in x)
        {
            sum += term(v);
        }

        return sum;
    }

    private static float Value(Tensor<float> x)
    {
        float sum = 0;
        foreach (float v in x)
        {
            sum += (v * v) + MathF.Sin(v);
        }

        return sum;
    }

    private static Tensor<T> Gradient<T>(Tensor<T> x, Func<T, T> derivative)
    {
        T[] gradient = NumericAssert.Flatten(x);
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = derivative(gradient[i]);
        }

        return Tensor.Create(gradient, x.Lengths);
    }

    [Fact]
    public void Correct_double_gradient_passes_and_input_is_restored_exactly()
    {
        double[] data = NumericAssert.Uniform<double>(12, -2, 2, seed: 1);
        double[] original = (double[])data.Clone();
        Tensor<double> x = Tensor.Create(data, [3, 4]);

        GradCheckResult result = GradCheck.Check(x, () => Value(x), Gradient(x, v => (2 * v) + Math.Cos(v)));

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(12, result.CheckedCount);
        Assert.Equal(0, result.FailedCount);
        Assert.Equal([3, 4], result.Shape);
        Assert.Equal(1e-6, result.Epsilon);
        Assert.Equal(1e-5, result.AbsoluteTolerance);
        Assert.Equal(1e-3, result.RelativeTolerance);
        Assert.Equal(5, result.WorstElements.Count);
        Assert.StartsWith("Gradient check passed", result.ToString(), StringComparison.Ordinal);
        Assert.Equal(original, data);
    }

    [Fact]
    public void Correct_float_gradient_passes_with_float_defaults()
    {
        float[] data = NumericAssert.Uniform<float>(20, -2, 2, seed: 2);
        float[] original = (float[])data.Clone();
        Tensor<float> x = Tensor.Create(data, [20]);

        GradCheckResult result = GradCheck.Check(x, () => Value(x), Gradient(x, v => (2 * v) + MathF.Cos(v)));

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(1e-3, result.Epsilon);
        Assert.Equal(1e-3, result.AbsoluteTolerance);
        Assert.Equal(1e-2, result.RelativeTolerance);
        Assert.Equal(original, data);
    }

    [Fact]
    public void Wrong_element_fails_and_is_named_in_the_message()
    {
        Tensor<double> x = Tensor.Create(NumericAssert.Uniform<double>(12, -2, 2, seed: 3), [3, 4]);
        Tensor<double> gradient = Gradient(x, v => (2 * v) + Math.Cos(v));
        gradient[1, 2] += 0.5;

        GradCheckResult result = GradCheck.Check(x, () => Value(x), gradient);
        var error = Assert.Throws<GradCheckException>(() => GradCheck.Assert(x, () => Value(x), gradient));

        Assert.False(result.Passed);
        Assert.Equal(1, result.FailedCount);
        GradCheckElement worst = result.WorstElements[0];
        Assert.Equal(6, worst.Index);
        Assert.Equal([1, 2], worst.Position);
        Assert.False(worst.Passed);
        Assert.Equal(gradient[1, 2], worst.Analytic);
        Assert.Equal(gradient[1, 2] - 0.5, worst.Numeric, 1e-6);
        Assert.True(result.WorstElements[1].Passed);
        Assert.NotNull(error.Result);
        Assert.Equal(1, error.Result.FailedCount);
        Assert.Contains("1 of 12 elements", error.Message, StringComparison.Ordinal);
        Assert.Contains("[1, 2] (index 6)", error.Message, StringComparison.Ordinal);
        Assert.Contains("analytic", error.Message, StringComparison.Ordinal);
        Assert.Contains("numeric", error.Message, StringComparison.Ordinal);
        Assert.Contains("tolerance", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("[0, 0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failures_are_ranked_worst_first_and_the_rest_are_counted()
    {
        // f(x) = 3 sum(x): every numeric derivative is 3, so every tolerance is the same and errors rank alone.
        Tensor<double> x = Tensor.Create(NumericAssert.Uniform<double>(10, -2, 2, seed: 4), [10]);
        var gradient = new double[10];
        for (int i = 0; i < 10; i++)
        {
            gradient[i] = 3 + i;
        }

        GradCheckResult result = GradCheck.Check(x, () => 3 * Value(x, v => v), Tensor.Create(gradient, [10]), new GradCheckOptions { MaxReported = 3 });

        Assert.Equal(9, result.FailedCount);
        Assert.Equal([9, 8, 7], [result.WorstElements[0].Index, result.WorstElements[1].Index, result.WorstElements[2].Index]);
        Assert.Contains("... and 6 more", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Nan_gradient_fails()
    {
        Tensor<double> x = Tensor.Create([1d, 2d], [2]);
        Tensor<double> gradient = Tensor.Create([2 + Math.Cos(1), double.NaN], [2]);

        GradCheckResult result = GradCheck.Check(x, () => Value(x), gradient);

        Assert.Equal(1, result.FailedCount);
        Assert.Equal(1, result.WorstElements[0].Index);
        Assert.Contains("analytic NaN", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Input_is_restored_when_the_function_throws()
    {
        double[] data = [1.5, -2.25, 3.125];
        Tensor<double> x = Tensor.Create(data, [3]);
        int calls = 0;

        Assert.Throws<InvalidOperationException>(() => GradCheck.Check(
            x,
            () => ++calls == 4 ? throw new InvalidOperationException("boom") : Value(x),
            Tensor.Create(new double[3], [3])));

        Assert.Equal(4, calls);
        Assert.Equal([1.5, -2.25, 3.125], data);
    }

    [Fact]
    public void Transposed_view_input_perturbs_elements_by_position()
    {
        double[] data = NumericAssert.Uniform<double>(6, -1, 1, seed: 5);
        double[] original = (double[])data.Clone();
        Tensor<double> view = Tensor.Transpose(Tensor.Create(data, [2, 3]));
        Assert.False(view.IsDense);
        double[,] weights = { { 1, 2 }, { 3, 4 }, { 5, 6 } };
        double WeightedSum()
        {
            double sum = 0;
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 2; j++)
                {
                    sum += weights[i, j] * view[i, j];
                }
            }

            return sum;
        }

        GradCheckResult result = GradCheck.Check(view, WeightedSum, Tensor.Create([1d, 2, 3, 4, 5, 6], [3, 2]));

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(original, data);
    }

    [Fact]
    public void Shape_mismatch_names_both_shapes()
    {
        Tensor<double> x = Tensor.Create(new double[6], [2, 3]);

        var error = Assert.Throws<ArgumentException>(() => GradCheck.Check(x, () => 0d, Tensor.Create(new double[6], [3, 2])));

        Assert.Equal("analyticGradient", error.ParamName);
        Assert.Contains("[2, 3]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[3, 2]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broadcast_input_is_rejected()
    {
        Tensor<double> x = Tensor.Create(new double[3], [2, 3], [0, 1]);

        var error = Assert.Throws<ArgumentException>(() => GradCheck.Check(x, () => 0d, Tensor.Create(new double[6], [2, 3])));

        Assert.Equal("input", error.ParamName);
        Assert.Contains("share memory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scalar_derivative_passes_and_fails()
    {
        GradCheckResult good = GradCheck.Check(2.0, x => x * x * x, 12.0);
        GradCheckResult bad = GradCheck.Check(2.0, x => x * x * x, 11.0);
        GradCheckResult single = GradCheck.Check(0.5f, MathF.Exp, MathF.Exp(0.5f));

        Assert.True(good.Passed, good.ToString());
        Assert.Empty(good.Shape);
        Assert.False(bad.Passed);
        Assert.Equal(12.0, bad.WorstElements[0].Numeric, 1e-8);
        Assert.True(single.Passed, single.ToString());
        Assert.Throws<GradCheckException>(() => GradCheck.Assert(2.0, x => x * x * x, 11.0));
        GradCheck.Assert(2.0, x => x * x * x, 12.0);
    }

    [Fact]
    public void Options_override_only_what_they_set()
    {
        Tensor<double> x = Tensor.Create([0.5, 1.5], [2]);
        Tensor<double> slightlyOff = Gradient(x, v => ((2 * v) + Math.Cos(v)) * (1 + 1e-4));

        GradCheckResult loose = GradCheck.Check(x, () => Value(x), slightlyOff);
        GradCheckResult tight = GradCheck.Check(x, () => Value(x), slightlyOff, new GradCheckOptions { RelativeTolerance = 1e-6 });

        Assert.True(loose.Passed, loose.ToString());
        Assert.False(tight.Passed);
        Assert.Equal(1e-6, tight.RelativeTolerance);
        Assert.Equal(1e-5, tight.AbsoluteTolerance);
        Assert.Equal(1e-6, tight.Epsilon);
    }

    [Fact]
    public void Invalid_options_and_element_types_are_rejected()
    {
        Tensor<double> x = Tensor.Create([1d], [1]);
        Tensor<double> gradient = Tensor.Create([1d], [1]);

        Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(x, () => 0d, gradient, new GradCheckOptions { Epsilon = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(x, () => 0d, gradient, new GradCheckOptions { AbsoluteTolerance = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(x, () => 0d, gradient, new GradCheckOptions { MaxReported = 0 }));
        Assert.Throws<NotSupportedException>(() => GradCheck.Check((Half)1, h => h, (Half)1));
    }

    [Fact]
    public void Empty_input_passes_trivially()
    {
        Tensor<double> x = Tensor.Create(Array.Empty<double>(), [0]);

        GradCheckResult result = GradCheck.Check(x, () => 0d, Tensor.Create(Array.Empty<double>(), [0]));

        Assert.True(result.Passed);
        Assert.Equal(0, result.CheckedCount);
        Assert.Empty(result.WorstElements);
    }
}
