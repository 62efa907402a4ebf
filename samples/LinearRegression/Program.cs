using System;
using System.Globalization;
using System.IO;
using System.Numerics.Tensors;
using Spectre.Console;
using SymGrad.Optimization;
using static SymGrad.TensorMath;

namespace SymGrad.Samples.LinearRegression;

/// <summary>
/// Seed 004: <c>nn.Linear(3, 2)</c> on ten random samples, its MSE loss and gradients, one SGD step (lr 0.01), then
/// training to convergence. The layer and its loss are one <c>[Differentiable]</c> method, so SymGrad derives
/// <c>dL/dW</c> and <c>dL/db</c> through the matrix product at build time.
/// </summary>
public static partial class Program
{
    /// <summary>The seed of the data and of the layer's initial parameters, so every run prints the same numbers.</summary>
    public const ulong Seed = 6;

    /// <summary>The learning rate of <c>torch.optim.SGD(linear.parameters(), lr=0.01)</c>.</summary>
    public const double LearningRate = 0.01;

    /// <summary>Training stops once the gradient of all parameters together is this small.</summary>
    public const double GradientNormLimit = 1e-3;

    /// <summary>Training stops after this many steps at most.</summary>
    public const int MaxSteps = 5000;

    /// <summary>Plain progress lines come every this many steps.</summary>
    public const int ReportEvery = 200;

    /// <summary>
    /// The loss of <c>nn.MSELoss()(linear(x), y)</c>: the layer computes <c>x Wᵀ + b</c>, the bias broadcast over
    /// the rows.
    /// </summary>
    [Differentiable]
    public static float Loss(
        ReadOnlyTensorSpan<float> w,
        ReadOnlyTensorSpan<float> b,
        [NoGrad] ReadOnlyTensorSpan<float> x,
        [NoGrad] ReadOnlyTensorSpan<float> y)
        => Mean(Square(MatMul(x, Transpose(w)) + b - y));

    /// <summary>Runs the sample; on a terminal, training shows a live progress bar instead of periodic lines.</summary>
    public static void Main(string[] args)
        => Run(Console.Out, progressBar: !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive);

    /// <summary>Runs the sample, writing what the notebook prints, then the training's progress and result.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="progressBar">
    /// Shows training on a Spectre.Console progress bar on the console instead of writing a line every
    /// <see cref="ReportEvery"/> steps.
    /// </param>
    public static void Run(TextWriter output, bool progressBar = false)
    {
        ArgumentNullException.ThrowIfNull(output);

        // x = torch.randn(10, 3); y = torch.randn(10, 2); linear = nn.Linear(3, 2), in that order from one generator.
        var random = new Uniform(Seed);
        Tensor<float> x = random.Normal(10, 3);
        Tensor<float> y = random.Normal(10, 2);

        // nn.Linear's initialisation: W and b uniform in ±1/sqrt(in_features).
        double bound = 1 / Math.Sqrt(3);
        var weight = new Parameter<float>("weight", random.Symmetric(bound, 2, 3));
        var bias = new Parameter<float>("bias", random.Symmetric(bound, 2));
        output.WriteLine("Weight  Parameter containing:");
        output.WriteLine(TorchStyle.Tensor(weight.Value, "requires_grad=True"));
        output.WriteLine("Bias  Parameter containing:");
        output.WriteLine(TorchStyle.Tensor(bias.Value, "requires_grad=True"));

        var optimizer = new Sgd<float>([weight, bias], learningRate: LearningRate);
        float Evaluate() => LossValueAndGradient(weight.Value, bias.Value, x, y, weight.Gradient, bias.Gradient);

        // Forward and backward at once: the generated method returns the loss and writes dL/dW and dL/db.
        float loss = Evaluate();
        output.WriteLine("Loss before step BackPropagation  " + TorchStyle.Scalar(loss, "grad_fn=<MseLossBackward0>"));
        output.WriteLine("Loss before step BackPropagation  " + TorchStyle.Repr(loss));
        output.WriteLine("dL/dW :  " + TorchStyle.Tensor(weight.Gradient));
        output.WriteLine("dL/db :  " + TorchStyle.Tensor(bias.Gradient));

        optimizer.Step();
        loss = Evaluate();
        output.WriteLine("Loss after Step BackPropagation  " + TorchStyle.Repr(loss));

        output.WriteLine();
        foreach (string line in SymbolicGradients.Describe(typeof(Program), nameof(LossValueAndGradient)))
        {
            output.WriteLine(line);
        }

        output.WriteLine();
        output.WriteLine(
            $"Training: SGD, lr {TorchStyle.Repr(LearningRate)}, until the gradient norm is at most {TorchStyle.Repr(GradientNormLimit)} " +
            $"or {MaxSteps.ToString(CultureInfo.InvariantCulture)} steps");
        var options = new MinimizeOptions<float> { GradientNormLimit = (float)GradientNormLimit, MaxSteps = MaxSteps };
        MinimizeResult<float> result = progressBar
            ? TrainWithProgressBar(optimizer, Evaluate, options)
            : Minimizer.Minimize(optimizer, Evaluate, options, progress =>
            {
                if (progress.Step % ReportEvery == 0)
                {
                    output.WriteLine(
                        $"step {progress.Step.ToString(CultureInfo.InvariantCulture)} | loss = {TorchStyle.Repr(progress.Loss)} | " +
                        $"gradient norm = {TorchStyle.Repr(progress.GradientNorm)}");
                }
            });

        output.WriteLine(
            $"Stopped after {result.Steps.ToString(CultureInfo.InvariantCulture)} more steps ({Describe(result.StopReason)}): " +
            $"loss = {TorchStyle.Repr(result.Loss)}");
        output.WriteLine("Weight  Parameter containing:");
        output.WriteLine(TorchStyle.Tensor(weight.Value, "requires_grad=True"));
        output.WriteLine("Bias  Parameter containing:");
        output.WriteLine(TorchStyle.Tensor(bias.Value, "requires_grad=True"));
    }

    /// <summary>Trains with a live Spectre.Console progress bar that shows the step and the current loss.</summary>
    private static MinimizeResult<float> TrainWithProgressBar(Optimizer<float> optimizer, Func<float> evaluate, MinimizeOptions<float> options)
    {
        MinimizeResult<float> result = default;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask("training", maxValue: options.MaxSteps);
                result = Minimizer.Minimize(optimizer, evaluate, options, progress =>
                {
                    task.Value = progress.Step;
                    task.Description = $"step {progress.Step.ToString(CultureInfo.InvariantCulture),5}  loss {progress.Loss.ToString("F6", CultureInfo.InvariantCulture)}";
                });

                // Converging before the step budget leaves the bar short of full: it has finished all the same.
                task.Value = task.MaxValue;
            });
        return result;
    }

    private static string Describe(MinimizeStopReason reason) => reason switch
    {
        MinimizeStopReason.SmallGradient => "the gradient norm reached the limit",
        MinimizeStopReason.MaxSteps => "the step budget ran out",
        MinimizeStopReason.Converged => "the loss reached the threshold",
        _ => reason.ToString(),
    };
}
