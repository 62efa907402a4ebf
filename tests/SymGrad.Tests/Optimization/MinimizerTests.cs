using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using SymGrad.Optimization;

namespace SymGrad.Tests.Optimization;

public sealed class MinimizerTests
{
    [Fact]
    public void Stops_once_the_loss_is_below_the_threshold()
    {
        var problem = new Parabola([5f, -1f, 2.5f]);
        var sgd = new Sgd<float>([problem.X], learningRate: 0.1f);
        var progress = new List<MinimizeProgress<float>>();

        MinimizeResult<float> result = Minimizer.Minimize(
            sgd, problem.LossAndGradient, new MinimizeOptions<float> { LossThreshold = 1e-5f, MaxSteps = 1000 }, progress.Add);

        Assert.Equal(MinimizeStopReason.Converged, result.StopReason);
        Assert.True(result.Loss < 1e-5f);
        Assert.Equal(progress.Count, result.Steps);
        Assert.Equal(result.Steps, sgd.StepCount);
        Assert.Equal(Enumerable.Range(1, progress.Count).Select(step => (long)step), progress.Select(p => p.Step));
        Assert.All(progress.SkipLast(1), p => Assert.True(p.Loss >= 1e-5f));
        Assert.Equal(result.Loss, progress[^1].Loss);
        Assert.Equal(problem.Loss(), result.Loss);
        Assert.Equal(18.25f, result.InitialLoss);
    }

    [Fact]
    public void Takes_no_step_when_the_starting_loss_already_meets_the_threshold()
    {
        var problem = new Parabola([2f, 2f, 2f]);
        var sgd = new Sgd<float>([problem.X], learningRate: 0.1f);
        int reports = 0;

        MinimizeResult<float> result = Minimizer.Minimize(
            sgd, problem.LossAndGradient, new MinimizeOptions<float> { LossThreshold = 1e-5f }, _ => reports++);

        Assert.Equal(MinimizeStopReason.Converged, result.StopReason);
        Assert.Equal(0, result.Steps);
        Assert.Equal(0, reports);
        Assert.Equal(0, sgd.StepCount);
        Assert.Equal(0f, result.Loss);
        Assert.Equal(0f, result.InitialLoss);
    }

    [Fact]
    public void Stops_after_the_maximum_number_of_steps()
    {
        var problem = new Parabola([5f, -1f, 2.5f]);
        var sgd = new Sgd<float>([problem.X], learningRate: 0.01f);
        var steps = new List<long>();

        MinimizeResult<float> result = Minimizer.Minimize(
            sgd, problem.LossAndGradient, new MinimizeOptions<float> { LossThreshold = 1e-5f, MaxSteps = 7 }, p => steps.Add(p.Step));

        Assert.Equal(MinimizeStopReason.MaxSteps, result.StopReason);
        Assert.Equal(7, result.Steps);
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], steps);
        Assert.Equal(7, sgd.StepCount);
        Assert.True(result.Loss < result.InitialLoss);
    }

    [Fact]
    public void Zero_maximum_steps_only_evaluates()
    {
        var problem = new Parabola([5f, -1f, 2.5f]);
        var sgd = new Sgd<float>([problem.X], learningRate: 0.1f);

        MinimizeResult<float> result = Minimizer.Minimize(sgd, problem.LossAndGradient, new MinimizeOptions<float> { MaxSteps = 0 });

        Assert.Equal(MinimizeStopReason.MaxSteps, result.StopReason);
        Assert.Equal(0, result.Steps);
        Assert.Equal([5f, -1f, 2.5f], problem.Values());
        Assert.Equal(1, problem.Evaluations);
    }

    [Fact]
    public void Stops_once_the_gradient_norm_reaches_the_limit()
    {
        var problem = new Parabola([5f, -1f, 2.5f]);
        var sgd = new Sgd<float>([problem.X], learningRate: 0.1f);
        var norms = new List<float>();

        MinimizeResult<float> result = Minimizer.Minimize(
            sgd, problem.LossAndGradient, new MinimizeOptions<float> { GradientNormLimit = 1e-3f }, p => norms.Add(p.GradientNorm));

        Assert.Equal(MinimizeStopReason.SmallGradient, result.StopReason);
        Assert.True(result.GradientNorm <= 1e-3f);
        Assert.All(norms.SkipLast(1), norm => Assert.True(norm > 1e-3f));
        Assert.Equal(problem.GradientNorm(), result.GradientNorm, 1e-7f);
    }

    [Fact]
    public void The_gradient_norm_covers_every_parameter()
    {
        var w = new Parameter<double>("w", Tensor.CreateFromShape<double>([2, 2]));
        var b = new Parameter<double>("b", Tensor.CreateFromShape<double>([1]));
        var sgd = new Sgd<double>([w, b], learningRate: 0.1);
        w.Gradient[0, 0] = 3;
        w.Gradient[1, 1] = 4;
        b.Gradient[0] = 12;

        Assert.Equal(13, Minimizer.GradientNorm(sgd));
    }

    [Fact]
    public void The_gradient_norm_does_not_overflow_for_large_finite_gradients()
    {
        var x = new Parameter<float>("x", Tensor.CreateFromShape<float>([2]));
        var sgd = new Sgd<float>([x], learningRate: 0.1f);
        x.Gradient[0] = 3e30f;
        x.Gradient[1] = 4e30f;

        Assert.Equal(5e30f, Minimizer.GradientNorm(sgd), 5e30f * 1e-6f);
    }

    [Fact]
    public void A_nan_loss_throws_naming_the_step_and_leaves_the_parameters_alone()
    {
        var problem = new Parabola([5f, -1f, 2.5f]) { NaNLossAtEvaluation = 3 };
        var sgd = new Sgd<float>([problem.X], learningRate: 0.1f);
        float[]? atDetection = null;

        var error = Assert.Throws<MinimizeDivergedException>(() => Minimizer.Minimize(
            sgd,
            () =>
            {
                float loss = problem.LossAndGradient();
                atDetection = problem.Values();
                return loss;
            },
            new MinimizeOptions<float> { MaxSteps = 100 }));

        Assert.Equal(3, error.Step);
        Assert.Null(error.ParameterName);
        Assert.Contains("NaN at step 3", error.Message);
        Assert.Contains("smaller learning rate", error.Message);
        Assert.Equal(3, sgd.StepCount);
        Assert.Equal(atDetection, problem.Values());
    }

    [Fact]
    public void A_nan_gradient_throws_naming_the_parameter_and_the_step()
    {
        var x = new Parameter<double>("x", Tensor.Create([1.0, 2.0], [2]));
        var b = new Parameter<double>("b", Tensor.Create([0.5], [1]));
        var sgd = new Sgd<double>([x, b], learningRate: 0.1);
        int evaluations = 0;

        var error = Assert.Throws<MinimizeDivergedException>(() => Minimizer.Minimize(
            sgd,
            () =>
            {
                x.Gradient[0] = x.Value[0];
                x.Gradient[1] = x.Value[1];
                b.Gradient[0] = evaluations++ == 2 ? double.NaN : b.Value[0];
                return 1.0;
            },
            new MinimizeOptions<double> { MaxSteps = 100 }));

        Assert.Equal(2, error.Step);
        Assert.Equal("b", error.ParameterName);
        Assert.Contains("'b'", error.Message);
        Assert.Contains("NaN at element 0 at step 2", error.Message);
        Assert.Equal(2, sgd.StepCount);
    }

    [Fact]
    public void A_learning_rate_too_large_diverges_with_a_clear_error_and_finite_parameters()
    {
        // Each step multiplies x - 2 by 1 - 2 * 1.5 = -2, until the square overflows float.
        var problem = new Parabola([3f, 3f, 3f]);
        var sgd = new Sgd<float>([problem.X], learningRate: 1.5f);

        var error = Assert.Throws<MinimizeDivergedException>(() => Minimizer.Minimize(
            sgd, problem.LossAndGradient, new MinimizeOptions<float> { LossThreshold = 1e-5f, MaxSteps = 1000 }));

        Assert.InRange(error.Step, 60, 70);
        Assert.Contains("smaller learning rate than 1.5", error.Message);
        Assert.All(problem.Values(), value => Assert.True(float.IsFinite(value)));
        Assert.Equal(error.Step, sgd.StepCount);
    }

    [Fact]
    public void A_loss_undefined_at_the_starting_point_throws_for_step_0()
    {
        var x = new Parameter<double>("x", Tensor.Create([-1.0], [1]));
        var sgd = new Sgd<double>([x], learningRate: 0.1);

        var error = Assert.Throws<MinimizeDivergedException>(() => Minimizer.Minimize(
            sgd, () => Math.Log(x.Value[0]), new MinimizeOptions<double>()));

        Assert.Equal(0, error.Step);
        Assert.Contains("starting point", error.Message);
        Assert.Equal(0, sgd.StepCount);
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_option_named()
    {
        var problem = new Parabola([1f]);
        var sgd = new Sgd<float>([problem.X], learningRate: 0.1f);

        var steps = Assert.Throws<ArgumentOutOfRangeException>(() => Minimizer.Minimize(sgd, problem.LossAndGradient, new MinimizeOptions<float> { MaxSteps = -1 }));
        var threshold = Assert.Throws<ArgumentOutOfRangeException>(() => Minimizer.Minimize(sgd, problem.LossAndGradient, new MinimizeOptions<float> { LossThreshold = float.NaN }));
        var norm = Assert.Throws<ArgumentOutOfRangeException>(() => Minimizer.Minimize(sgd, problem.LossAndGradient, new MinimizeOptions<float> { GradientNormLimit = -1f }));
        Assert.Throws<ArgumentNullException>(() => Minimizer.Minimize(sgd, null!, new MinimizeOptions<float>()));

        Assert.Contains("MaxSteps", steps.Message);
        Assert.Contains("LossThreshold", threshold.Message);
        Assert.Contains("GradientNormLimit", norm.Message);
        Assert.Equal(0, problem.Evaluations);
    }

    /// <summary><c>sum((x - 2)^2)</c> over a vector, with its gradient <c>2 * (x - 2)</c>.</summary>
    private sealed class Parabola(float[] start)
    {
        public Parameter<float> X { get; } = new("x", Tensor.Create(start, [start.Length]));

        public int Evaluations { get; private set; }

        /// <summary>The evaluation (0 for the starting point) that reports a NaN loss; -1 for none.</summary>
        public int NaNLossAtEvaluation { get; init; } = -1;

        public float LossAndGradient()
        {
            Span<float> x = WeightedQuadratic<float>.Elements(X.Value);
            Span<float> gradient = WeightedQuadratic<float>.Elements(X.Gradient);
            for (int i = 0; i < x.Length; i++)
            {
                gradient[i] = 2f * (x[i] - 2f);
            }

            return Evaluations++ == NaNLossAtEvaluation ? float.NaN : Loss();
        }

        public float Loss()
        {
            float loss = 0;
            foreach (float x in Values())
            {
                loss += (x - 2f) * (x - 2f);
            }

            return loss;
        }

        public float GradientNorm() => MathF.Sqrt(Values().Sum(x => 4f * (x - 2f) * (x - 2f)));

        public float[] Values() => WeightedQuadratic<float>.Elements(X.Value).ToArray();
    }
}
