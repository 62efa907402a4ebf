using System;
using System.Globalization;
using System.IO;
using System.Numerics.Tensors;
using SymGrad.Optimization;
using static SymGrad.TensorMath;

namespace SymGrad.Samples.ScalarDescent;

/// <summary>
/// Seed 003's two loops in float32, printing every tenth step digit for digit as the notebook does: a hand-written
/// update <c>x -= 0.1 * grad</c> on <c>(x - 2)^2</c>, then <see cref="Sgd{T}"/> on <c>(x - 3)^2</c>, both from
/// <c>x = 10</c> for 100 steps. The gradients are the ones SymGrad generated at build time.
/// </summary>
public static partial class Program
{
    /// <summary>The learning rate of both loops.</summary>
    public const float LearningRate = 0.1f;

    /// <summary>The number of steps of both loops.</summary>
    public const int Steps = 100;

    /// <summary>The first loop's function: <c>((x - 2) ** 2).sum()</c>.</summary>
    [Differentiable]
    public static float ShiftedSquare(ReadOnlyTensorSpan<float> x) => Sum(Pow(x - 2f, 2f));

    /// <summary>The second loop's function: <c>((variable - 3) ** 2).sum()</c>.</summary>
    [Differentiable]
    public static float Func(ReadOnlyTensorSpan<float> variable) => Sum(Pow(variable - 3f, 2f));

    /// <summary>Runs the sample on the console.</summary>
    public static void Main(string[] args) => Run(Console.Out);

    /// <summary>Runs both loops, writing what the notebook prints.</summary>
    public static void Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ManualDescent(output);
        output.WriteLine();
        OptimizerDescent(output);
    }

    /// <summary>
    /// Seed 003, cell 16. The notebook prints x after the step's update but y computed before it, and so does this.
    /// </summary>
    private static void ManualDescent(TextWriter output)
    {
        Tensor<float> x = Tensor.Create([10f], [1]);
        Tensor<float> gradient = Tensor.CreateFromShape<float>(x.Lengths);
        Span<float> value = SymGrad.Kernels.ShapeGuard.Elements(x.AsTensorSpan());
        ReadOnlySpan<float> slope = SymGrad.Kernels.ShapeGuard.Elements(gradient.AsReadOnlyTensorSpan());
        for (int step = 0; step < Steps; step++)
        {
            float fun = ShiftedSquareValueAndGradient(x, gradient);

            // x.data -= 0.1 * x.grad: PyTorch rounds the product to float32, then subtracts (no fused multiply-add).
            value[0] -= LearningRate * slope[0];
            if (step % 10 == 0)
            {
                Print(output, value[0], fun, step);
            }
        }
    }

    /// <summary>Seed 003, cell 18: <c>torch.optim.SGD([x], lr=0.1)</c>, printing x and y before each tenth step.</summary>
    private static void OptimizerDescent(TextWriter output)
    {
        var x = new Parameter<float>("x", Tensor.Create([10f], [1]));
        var optimizer = new Sgd<float>([x], learningRate: LearningRate);
        for (int step = 0; step < Steps; step++)
        {
            // No zero_grad: the generated method overwrites the gradient.
            float y = FuncValueAndGradient(x.Value, x.Gradient);
            if (step % 10 == 0)
            {
                Print(output, x.Value[0], y, step);
            }

            optimizer.Step();
        }
    }

    /// <summary>The notebook's line: <c>'x = {} | y = {} | step = {}'.format(float(x), float(y), step)</c>.</summary>
    private static void Print(TextWriter output, float x, float y, int step)
        => output.WriteLine($"x = {TorchStyle.Repr(x)} | y = {TorchStyle.Repr(y)} | step = {step.ToString(CultureInfo.InvariantCulture)}");
}
