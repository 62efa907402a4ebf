using System;
using System.Numerics;
using System.Numerics.Tensors;
using SymGrad.Optimization;

namespace SymGrad.Tests.Optimization;

/// <summary>After warm-up, optimizer steps and minimize steps allocate nothing on the calling thread.</summary>
public sealed class AllocationTests
{
    public static TheoryData<string> Optimizers() =>
    [
        "sgd", "sgd_momentum_nesterov_weight_decay", "sgd_dampening_maximize", "adam", "adam_amsgrad_weight_decay", "adamw_amsgrad_maximize",
    ];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_step_allocates_nothing(string configuration)
    {
        Assert.Equal(0, StepAllocations<float>(configuration));
        Assert.Equal(0, StepAllocations<double>(configuration));
    }

    [Fact]
    public void A_minimize_step_allocates_nothing()
    {
        var problem = new WeightedQuadratic<float>(TorchReference.Problem);
        var adam = new Adam<float>(problem.Parameters, learningRate: 1e-4);
        Func<float> lossAndGradient = problem.LossAndGradient;
        Action<MinimizeProgress<float>> onStep = static progress => _ = progress.Loss;
        var shortRun = new MinimizeOptions<float> { LossThreshold = 1e-12f, MaxSteps = 10 };
        var longRun = new MinimizeOptions<float> { LossThreshold = 1e-12f, MaxSteps = 2000 };
        Minimizer.Minimize(adam, lossAndGradient, shortRun, onStep);
        Minimizer.Minimize(adam, lossAndGradient, longRun, onStep);

        MinimizeResult<float> result = default;
        long allocated = Allocations.FewestBytes(() => result = Minimizer.Minimize(adam, lossAndGradient, longRun, onStep));

        Assert.Equal(MinimizeStopReason.MaxSteps, result.StopReason);
        Assert.Equal(2000, result.Steps);
        Assert.Equal(0, allocated);
    }

    private static long StepAllocations<T>(string configuration)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Parameter<T>[] parameters =
        [
            new("w", Tensor.CreateFromShape<T>([31, 33])),
            new("b", Tensor.CreateFromShape<T>([7])),
        ];
        foreach (Parameter<T> parameter in parameters)
        {
            WeightedQuadratic<T>.Elements(parameter.Gradient).Fill(T.CreateTruncating(0.25));
        }

        Optimizer<T> optimizer = configuration switch
        {
            "sgd" => new Sgd<T>(parameters, learningRate: 0.01),
            "sgd_momentum_nesterov_weight_decay" => new Sgd<T>(parameters, learningRate: 0.01, momentum: 0.9, weightDecay: 1e-4, nesterov: true),
            "sgd_dampening_maximize" => new Sgd<T>(parameters, learningRate: 0.01, momentum: 0.9, dampening: 0.5, maximize: true),
            "adam" => new Adam<T>(parameters),
            "adam_amsgrad_weight_decay" => new Adam<T>(parameters, weightDecay: 1e-2, amsgrad: true),
            "adamw_amsgrad_maximize" => new AdamW<T>(parameters, amsgrad: true, maximize: true),
            _ => throw new ArgumentOutOfRangeException(nameof(configuration), configuration, "Unknown configuration."),
        };

        for (int step = 0; step < 100; step++)
        {
            optimizer.Step();
        }

        int windows = 0;
        long allocated = Allocations.FewestBytes(() =>
        {
            windows++;
            for (int step = 0; step < 200; step++)
            {
                optimizer.Step();
            }
        });

        Assert.Equal(100 + (200 * windows), optimizer.StepCount);
        return allocated;
    }
}
