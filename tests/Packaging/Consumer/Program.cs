// The program build/check-package.sh compiles in a fresh console project that references only the SymGrad package.
// Each line it prints is checked: a gradient that the package's generator wrote, the eager value of the same method,
// a finite-difference check, and two training loops.
using System;
using System.Globalization;
using System.Linq;
using System.Numerics.Tensors;
using SymGrad;
using SymGrad.Optimization;
using static SymGrad.TensorMath;

// 10 * sum(x^2) at x = [1, 1, 1]: the value is 30 and every element of the gradient is 20.
Tensor<float> x = Tensor.Create(new float[] { 1f, 1f, 1f }, [3]);
Tensor<float> dx = Tensor.CreateFromShape<float>([3]);
float energy = Losses.EnergyValueAndGradient(x, dx);
Console.WriteLine("energy: " + Format(energy));
Console.WriteLine("gradient: " + string.Join(" ", dx.Select(Format)));
Console.WriteLine("eager energy: " + Format(Losses.Energy(x)));
Console.WriteLine("gradcheck: " + (GradCheck.Check(x, () => Losses.Energy(x), dx).Passed ? "passed" : "failed"));

// Fit a tensor to a target by gradient descent on the mean squared error, lr 1.0, until the loss is below 1e-5.
Tensor<float> target = Tensor.Create(new[] { .1f, .2f, .3f, .4f, .5f, .6f, .7f, .8f, .9f }, [3, 3]);
var p = new Parameter<float>("p", Tensor.Create(new[] { .3f, .9f, .6f, .7f, .9f, .7f, .2f, .3f, .3f }, [3, 3]));
MinimizeResult<float> fit = Minimizer.Minimize(
    new Sgd<float>([p], learningRate: 1.0),
    () => Losses.MseValueAndGradient(p.Value, target, p.Gradient),
    new MinimizeOptions<float> { LossThreshold = 1e-5f, MaxSteps = 1000 });
Console.WriteLine("fit: " + fit.StopReason);

// nn.Linear(3, 2) trained with SGD and momentum: a matrix product, a broadcast bias and two gradients.
var w = new Parameter<float>("w", Tensor.Create(new[] { .1f, .2f, .3f, -.1f, -.2f, -.3f }, [2, 3]));
var b = new Parameter<float>("b", Tensor.CreateFromShape<float>([2]));
Tensor<float> input = Tensor.Create(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, [4, 3]);
Tensor<float> labels = Tensor.Create(new float[] { 1, 0, 2, 1, 3, 2, 4, 3 }, [4, 2]);
MinimizeResult<float> linear = Minimizer.Minimize(
    new Sgd<float>([w, b], learningRate: 0.01, momentum: 0.9),
    () => Losses.LinearValueAndGradient(input, w.Value, b.Value, labels, w.Gradient, b.Gradient),
    new MinimizeOptions<float> { LossThreshold = 1e-3f, MaxSteps = 5000 });
Console.WriteLine("linear: " + linear.StopReason);

static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);

public static partial class Losses
{
    [Differentiable]
    public static float Energy(ReadOnlyTensorSpan<float> x) => 10 * Sum(Pow(x, 2));

    [Differentiable]
    public static float Mse(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target)
        => Mean(Square(x - target));

    [Differentiable]
    public static float Linear([NoGrad] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b, [NoGrad] ReadOnlyTensorSpan<float> y)
        => Mse(MatMul(x, Transpose(w)) + b, y);
}
