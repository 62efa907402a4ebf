using System.Collections.Generic;
using System.Numerics.Tensors;
using SymGrad.Optimization;

namespace SymGrad.Tests.Optimization;

/// <summary>
/// Seed 003 runs <c>torch.optim.SGD([x], lr=0.1)</c> on <c>((x - 3) ** 2).sum()</c> from <c>x = 10</c> in float32 for
/// 100 steps and prints x every 10 steps. SymGrad must reproduce it digit for digit.
/// </summary>
public sealed class Seed003Tests
{
    /// <summary>The notebook's printout: x before steps 0, 10, ..., 90, as float32 values printed as doubles.</summary>
    private static readonly double[] NotebookPrintout =
    [
        10.0, 3.751619338989258, 3.0807044506073, 3.0086655616760254, 3.0009303092956543,
        3.0000996589660645, 3.0000107288360596, 3.0000011920928955, 3.000000476837158, 3.000000476837158,
    ];

    [Fact]
    public void Sgd_reproduces_the_notebook_and_torch_digit_for_digit()
    {
        var x = new Parameter<float>("x", Tensor.Create([10f], [1]));
        var sgd = new Sgd<float>([x], learningRate: 0.1f);
        var trajectory = new List<double> { X(x) };
        for (int step = 0; step < 100; step++)
        {
            Gradient(x);
            sgd.Step();
            trajectory.Add(X(x));
        }

        for (int printed = 0; printed < NotebookPrintout.Length; printed++)
        {
            Assert.Equal(NotebookPrintout[printed], trajectory[printed * 10]);
        }

        Assert.Equal(TorchReference.Seed003Trajectory, trajectory);
        Assert.Equal(3.000000476837158, trajectory[100]);
    }

    [Fact]
    public void Minimizer_runs_the_same_trajectory()
    {
        var x = new Parameter<float>("x", Tensor.Create([10f], [1]));
        var sgd = new Sgd<float>([x], learningRate: 0.1f);
        var trajectory = new List<double> { X(x) };

        MinimizeResult<float> result = Minimizer.Minimize(
            sgd,
            () => Gradient(x),
            new MinimizeOptions<float> { MaxSteps = 100 },
            progress => trajectory.Add(X(x)));

        Assert.Equal(MinimizeStopReason.MaxSteps, result.StopReason);
        Assert.Equal(100, result.Steps);
        Assert.Equal(49f, result.InitialLoss);
        Assert.Equal(TorchReference.Seed003Trajectory, trajectory);
    }

    private static double X(Parameter<float> x) => x.Value[0];

    /// <summary>Autograd's gradient of <c>(x - 3)^2</c> in float32: <c>2 * (x - 3)</c>, after computing <c>x - 3</c>.</summary>
    private static float Gradient(Parameter<float> x)
    {
        float difference = x.Value[0] - 3f;
        x.Gradient[0] = 2f * difference;
        return difference * difference;
    }
}
