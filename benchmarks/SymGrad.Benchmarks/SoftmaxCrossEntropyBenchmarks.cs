using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace SymGrad.Benchmarks;

/// <summary>
/// <c>CrossEntropy(logits, labels)</c> over <c>[N, C]</c> logits with int labels: value and gradient, as
/// <c>F.cross_entropy</c> forward and backward (benchmarks/torch/bench.py times those on the same shapes). Timed as
/// users call it: with <see cref="Tensor{T}"/> arguments, and with tensor spans built inside the call; beside the
/// hand-written two-pass Vector512 loop (<see cref="HandWritten.SoftmaxCrossEntropy"/>) called the same ways, and
/// that loop alone over spans.
/// </summary>
public class SoftmaxCrossEntropyBenchmarks : IGradientWorkload
{
    [Params("128x10", "4096x1000")]
    public string Shape { get; set; } = "128x10";

    private int rows;
    private int classes;
    private float[] logits = [];
    private int[] labels = [];
    private float[] gradient = [];
    private Tensor<float> logitsTensor = null!;
    private Tensor<float> gradientTensor = null!;

    public float[] Gradients() => (float[])this.gradient.Clone();

    public void PoisonGradients() => this.gradient.AsSpan().Fill(float.NaN);

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = this.Shape.Split('x');
        this.rows = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        this.classes = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        this.logits = new float[this.rows * this.classes];
        this.gradient = new float[this.rows * this.classes];
        this.labels = new int[this.rows];
        for (int i = 0; i < this.logits.Length; i++)
        {
            this.logits[i] = 3f * MathF.Sin(0.7f * i);
        }

        for (int r = 0; r < this.rows; r++)
        {
            this.labels[r] = (r * 7) % this.classes;
        }

        // The tensors wrap the arrays: every calling style reads and writes the same memory.
        this.logitsTensor = Tensor.Create(this.logits, [this.rows, this.classes]);
        this.gradientTensor = Tensor.Create(this.gradient, [this.rows, this.classes]);
    }

    [Benchmark]
    public float GeneratedTensors() => Losses.SoftmaxCrossEntropyValueAndGradient(this.logitsTensor, this.labels, this.gradientTensor);

    [Benchmark]
    public float HandWrittenTensors() => HandWritten.SoftmaxCrossEntropy(this.logitsTensor, this.labels, this.gradientTensor);

    [Benchmark]
    public float GeneratedTensorSpans()
        => Losses.SoftmaxCrossEntropyValueAndGradient(
            new ReadOnlyTensorSpan<float>(this.logits, [this.rows, this.classes]), this.labels, new TensorSpan<float>(this.gradient, [this.rows, this.classes]));

    [Benchmark]
    public float HandWrittenTensorSpans()
        => HandWritten.SoftmaxCrossEntropy(
            new ReadOnlyTensorSpan<float>(this.logits, [this.rows, this.classes]), this.labels, new TensorSpan<float>(this.gradient, [this.rows, this.classes]));

    [Benchmark]
    public float HandWrittenLoop() => HandWritten.SoftmaxCrossEntropyLoop(this.logits, this.labels, this.classes, this.gradient);
}
