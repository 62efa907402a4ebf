using System;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using SymGrad.Optimization;
using static SymGrad.TensorMath;

namespace SymGrad.Samples.GradientDescent;

/// <summary>
/// Fits a random 3x3 tensor to a target by gradient descent on the mean squared error: learning rate 1.0, until the
/// loss is below 1e-5, printing each step as the notebook does. The gradient is the one SymGrad generated for
/// <see cref="Mse"/> at build time.
/// </summary>
public static partial class Program
{
    /// <summary>The seed of the starting point, so every run prints the same numbers.</summary>
    public const ulong Seed = 7;

    /// <summary>The notebook's own starting point, as it printed it (four decimals).</summary>
    private static readonly float[] NotebookStart =
    {
        0.2829f, 0.9466f, 0.5937f,
        0.6624f, 0.9006f, 0.6616f,
        0.1761f, 0.2541f, 0.2936f,
    };

    /// <summary>The loss: PyTorch's <c>F.mse_loss(x, target)</c>.</summary>
    [Differentiable]
    public static float Mse(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target)
        => Mean(Square(x - target));

    /// <summary>Runs the sample; <c>--notebook</c> starts from the notebook's printed starting point instead of the seeded one.</summary>
    public static void Main(string[] args) => Run(Console.Out, args.Contains("--notebook"));

    /// <summary>Runs the sample, writing what the notebook prints.</summary>
    public static void Run(TextWriter output, bool notebookStart = false)
    {
        Tensor<float> target = Tensor.Create(new[] { .1f, .2f, .3f, .4f, .5f, .6f, .7f, .8f, .9f }, [3, 3]);
        Tensor<float> start = notebookStart ? Tensor.Create((float[])NotebookStart.Clone(), [3, 3]) : new Uniform(Seed).Tensor(3, 3);
        var x = new Parameter<float>("x", start);
        output.WriteLine(TorchStyle.Tensor(x.Value, "requires_grad=True"));

        // Gradients are overwritten on every call: there is no zero_grad to forget.
        float loss = MseValueAndGradient(x.Value, target, x.Gradient);
        output.WriteLine("tensor(" + TorchStyle.Fixed(loss) + ", grad_fn=<MseLossBackward0>)");

        var sgd = new Sgd<float>([x], learningRate: 1.0);
        var options = new MinimizeOptions<float> { LossThreshold = 1e-5f, MaxSteps = 10_000 };
        Minimizer.Minimize(
            sgd,
            () => MseValueAndGradient(x.Value, target, x.Gradient),
            options,
            step =>
            {
                output.WriteLine($"{step.Step}-th Loss: {TorchStyle.Scientific(step.Loss)}");
                output.WriteLine(TorchStyle.Tensor(x.Value, "requires_grad=True"));
            });
    }
}
