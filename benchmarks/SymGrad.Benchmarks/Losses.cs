using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Benchmarks;

/// <summary>The benchmarked workloads, as a user writes them.</summary>
public static partial class Losses
{
    [Differentiable]
    public static float Mse(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target) => Mean(Square(x - target));

    [Differentiable]
    public static float SumOfSquares(ReadOnlyTensorSpan<float> x) => 10 * Sum(Pow(x, 2));

    [Differentiable]
    public static float SumOfLogs(ReadOnlyTensorSpan<float> x) => Sum(Log(x));

    [Differentiable]
    public static float Linear(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> y, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b)
        => Mean(Square(MatMul(x, Transpose(w)) + b - y));

    [Differentiable]
    public static float SoftmaxCrossEntropy(ReadOnlyTensorSpan<float> logits, [NoGrad] ReadOnlySpan<int> labels) => CrossEntropy(logits, labels);

    /// <summary>
    /// A two-layer perceptron's loss: <c>x</c> <c>[N, 784]</c> through a ReLU layer of 128 units and a linear layer of
    /// 10, then softmax cross-entropy against int labels. Gradients for both layers' weights and biases.
    /// </summary>
    [Differentiable]
    public static float Mlp(
        [NoGrad] ReadOnlyTensorSpan<float> x,
        [NoGrad] ReadOnlySpan<int> labels,
        ReadOnlyTensorSpan<float> w1,
        ReadOnlyTensorSpan<float> b1,
        ReadOnlyTensorSpan<float> w2,
        ReadOnlyTensorSpan<float> b2)
        => CrossEntropy(MatMul(Relu(MatMul(x, Transpose(w1)) + b1), Transpose(w2)) + b2, labels);
}
