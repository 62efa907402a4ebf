using System;
using System.Globalization;
using System.Numerics;
using SymGrad.Optimization;
using Xunit.Abstractions;

namespace SymGrad.Tests.Optimization;

/// <summary>
/// Replays every run of <c>Reference/optimizers.json</c> (recorded from PyTorch 1.13's <c>torch.optim</c>) and compares
/// the parameters after every step.
/// </summary>
public sealed class TorchReferenceTests(ITestOutputHelper output)
{
    /// <summary>float32: within 1e-6, relative above 1 and absolute below.</summary>
    private const double SingleTolerance = 1e-6;

    /// <summary>float64: within 1e-12, relative above 1 and absolute below.</summary>
    private const double DoubleTolerance = 1e-12;

    public static TheoryData<string, string> Runs()
    {
        var runs = new TheoryData<string, string>();
        foreach (ReferenceRun run in TorchReference.Runs)
        {
            runs.Add(run.Name, run.DType);
        }

        return runs;
    }

    [Fact]
    public void The_reference_file_holds_every_optimizer_configuration_in_both_precisions()
    {
        string[] expected =
        [
            "sgd", "sgd_momentum", "sgd_dampening", "sgd_nesterov", "sgd_weight_decay", "sgd_maximize", "sgd_momentum_weight_decay",
            "adam", "adam_weight_decay", "adam_amsgrad", "adamw", "adamw_amsgrad",
        ];
        foreach (string name in expected)
        {
            foreach (string dtype in new[] { "float32", "float64" })
            {
                ReferenceRun run = TorchReference.Run(name, dtype);
                Assert.Equal(21, run.Parameters.Length);
                Assert.Equal(20, run.Losses.Length);
            }
        }

        Assert.Equal(expected.Length * 2, TorchReference.Runs.Count);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Trajectory_matches_torch_at_every_step(string name, string dtype)
    {
        ReferenceRun run = TorchReference.Run(name, dtype);
        (double largest, int exact, int total) = dtype == "float32"
            ? Replay<float>(run, SingleTolerance)
            : Replay<double>(run, DoubleTolerance);

        output.WriteLine($"{name} {dtype}: {exact} of {total} elements bit-identical to torch; largest difference {largest.ToString("R", CultureInfo.InvariantCulture)}.");
        Assert.True(exact > 0);
    }

    private static (double Largest, int Exact, int Total) Replay<T>(ReferenceRun run, double tolerance)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var problem = new WeightedQuadratic<T>(TorchReference.Problem);
        Optimizer<T> optimizer = Create(run, problem.Parameters);
        double largest = 0;
        int exact = 0;
        int total = 0;
        Compare(0);
        for (int step = 1; step < run.Parameters.Length; step++)
        {
            double loss = double.CreateTruncating(problem.LossAndGradient());
            AssertClose(run.Losses[step - 1], loss, tolerance, $"{run.Name} {run.DType}: loss before step {step}");
            optimizer.Step();
            Compare(step);
        }

        Assert.Equal(run.Parameters.Length - 1, optimizer.StepCount);
        return (largest, exact, total);

        void Compare(int step)
        {
            for (int k = 0; k < problem.Parameters.Length; k++)
            {
                Span<T> actual = WeightedQuadratic<T>.Elements(problem.Parameters[k].Value);
                double[] expected = run.Parameters[step][k];
                Assert.Equal(expected.Length, actual.Length);
                for (int i = 0; i < actual.Length; i++)
                {
                    double value = double.CreateTruncating(actual[i]);
                    AssertClose(expected[i], value, tolerance, $"{run.Name} {run.DType}: {problem.Parameters[k].Name}[{i}] after step {step}");
                    largest = Math.Max(largest, Math.Abs(value - expected[i]));
                    exact += value == expected[i] ? 1 : 0;
                    total++;
                }
            }
        }
    }

    private static Optimizer<T> Create<T>(ReferenceRun run, Parameter<T>[] parameters)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => run.Optimizer switch
        {
            "SGD" => new Sgd<T>(
                parameters,
                learningRate: run.Option("lr", double.NaN),
                momentum: run.Option("momentum", 0),
                dampening: run.Option("dampening", 0),
                weightDecay: run.Option("weight_decay", 0),
                nesterov: run.Flag("nesterov"),
                maximize: run.Flag("maximize")),
            "Adam" => new Adam<T>(
                parameters,
                learningRate: run.Option("lr", 1e-3),
                beta1: run.Beta(0, 0.9),
                beta2: run.Beta(1, 0.999),
                epsilon: run.Option("eps", 1e-8),
                weightDecay: run.Option("weight_decay", 0),
                amsgrad: run.Flag("amsgrad"),
                maximize: run.Flag("maximize")),
            "AdamW" => new AdamW<T>(
                parameters,
                learningRate: run.Option("lr", 1e-3),
                beta1: run.Beta(0, 0.9),
                beta2: run.Beta(1, 0.999),
                epsilon: run.Option("eps", 1e-8),
                weightDecay: run.Option("weight_decay", 1e-2),
                amsgrad: run.Flag("amsgrad"),
                maximize: run.Flag("maximize")),
            _ => throw new InvalidOperationException($"The reference file names an unknown optimizer '{run.Optimizer}'."),
        };

    private static void AssertClose(double expected, double actual, double tolerance, string what)
    {
        double allowed = tolerance * Math.Max(1, Math.Abs(expected));
        Assert.True(
            Math.Abs(actual - expected) <= allowed,
            $"{what}: torch has {expected.ToString("R", CultureInfo.InvariantCulture)}, SymGrad {actual.ToString("R", CultureInfo.InvariantCulture)} (allowed difference {allowed.ToString("R", CultureInfo.InvariantCulture)}).");
    }
}
