using System;
using System.Linq;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Matrix products inside loops and branches: values against the methods run as written, gradients against central
/// differences and PyTorch float64 (<c>Reference/loop_matmul.json</c>, from <c>tools/reference/loop_matmul.py</c>); shapes
/// that do not agree throw before any gradient is written; a warm call allocates nothing.
/// </summary>
public sealed class LoopProductTests
{
    /// <summary>Deterministic values in [-1, 1) for a tensor of <paramref name="count"/> elements.</summary>
    internal static double[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
    }

    /// <summary>
    /// Checks a method's value against the method run as written and each gradient against central differences of it.
    /// </summary>
    internal static void CheckDoubles(double[][] inputs, nint[][] shapes, Func<Tensor<double>[], double> eager, Func<Tensor<double>[], double> value, Func<Tensor<double>[], Tensor<double>[], double> valueAndGradient, double tolerance = 1e-6)
    {
        Tensor<double>[] Tensors(double[][] data) => data.Select((d, i) => Tensor.Create(d, shapes[i])).ToArray();
        Tensor<double>[] gradients = shapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        foreach (Tensor<double> g in gradients)
        {
            g.Fill(double.NaN);
        }

        double expected = eager(Tensors(inputs));
        double got = valueAndGradient(Tensors(inputs), gradients);
        Assert.Equal(expected, got, 10);
        Assert.Equal(expected, value(Tensors(inputs)), 10);
        for (int p = 0; p < inputs.Length; p++)
        {
            for (int i = 0; i < inputs[p].Length; i++)
            {
                double[][] plus = inputs.Select(d => (double[])d.Clone()).ToArray();
                double[][] minus = inputs.Select(d => (double[])d.Clone()).ToArray();
                plus[p][i] += 1e-6;
                minus[p][i] -= 1e-6;
                double central = (eager(Tensors(plus)) - eager(Tensors(minus))) / 2e-6;
                double analytic = gradients[p].ToArray()[i];
                Assert.True(Math.Abs(central - analytic) <= tolerance * Math.Max(1, Math.Abs(central)), $"parameter {p} element {i}: {analytic} against central difference {central}");
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(1, 7, 1)]
    [InlineData(3, 7, 10)]
    [InlineData(3, 33, 10)]
    [InlineData(3, 1, 10)]
    public void Rnn_matches_the_method_and_central_differences(int batch, int hidden, int steps)
    {
        const int inputs = 5;
        int rows = Math.Max(steps, 1);
        double[][] data = { Values(batch * hidden, 1), Values(hidden * hidden, 2).Select(v => v * 0.4).ToArray(), Values(inputs * hidden, 3), Values(rows * inputs, 4) };
        nint[][] shapes = { [batch, hidden], [hidden, hidden], [inputs, hidden], [rows, inputs] };
        CheckDoubles(
            data,
            shapes,
            t => LoopProductBodies.Rnn(t[0], t[1], t[2], t[3], steps),
            t => LoopProductBodies.RnnValue(t[0], t[1], t[2], t[3], steps),
            (t, g) => LoopProductBodies.RnnValueAndGradient(t[0], t[1], t[2], t[3], steps, g[0], g[1], g[2], g[3]));
    }
}
