using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace SymGrad.Benchmarks;

/// <summary>
/// One step of a two-layer perceptron, 784 -> 128 (ReLU) -> 10 with softmax cross-entropy on a batch of 128
/// (<see cref="Losses.Mlp"/>): the loss and the gradients of both layers' weights and biases, called with
/// <see cref="Tensor{T}"/> arguments, beside the same step written by hand (<see cref="HandWritten.Mlp"/>).
/// benchmarks/torch/bench.py times <c>F.cross_entropy(F.linear(F.relu(F.linear(x, w1, b1)), w2, b2), labels)</c> and
/// its backward on the same shapes.
/// </summary>
/// <remarks>
/// Three processes, as <see cref="LinearBenchmarks"/>: the two-core matrix products vary from process to process.
/// <see cref="GemmBenchmarks.OneCore"/> adds a job on one core, to set beside PyTorch at one thread.
/// </remarks>
[ProcessCount(3)]
[Config(typeof(GemmBenchmarks.OneCore))]
public class MlpBenchmarks : IGradientWorkload
{
    private const int Batch = 128;
    private const int Inputs = 784;
    private const int Units = 128;
    private const int Classes = 10;

    private float[] xValues = [];
    private int[] labels = [];
    private float[] w1Values = [];
    private float[] b1Values = [];
    private float[] w2Values = [];
    private float[] b2Values = [];
    private float[] dw1Values = [];
    private float[] db1Values = [];
    private float[] dw2Values = [];
    private float[] db2Values = [];
    private Tensor<float> x = null!;
    private Tensor<float> w1 = null!;
    private Tensor<float> b1 = null!;
    private Tensor<float> w2 = null!;
    private Tensor<float> b2 = null!;
    private Tensor<float> dw1 = null!;
    private Tensor<float> db1 = null!;
    private Tensor<float> dw2 = null!;
    private Tensor<float> db2 = null!;
    private float[] hidden = [];
    private float[] dhidden = [];
    private float[] logits = [];
    private float[] dlogits = [];

    /// <summary>x = 0.5 sin(i), w1 = 0.05 sin(i + 1), b1 = 0.1 cos(i), w2 = 0.1 sin(i + 2), b2 = 0.1 cos(i + 3), labels (7 r) mod 10.</summary>
    [GlobalSetup]
    public void Setup()
    {
        this.xValues = Ramp(Batch * Inputs, 0.5f, 0, MathF.Sin);
        this.w1Values = Ramp(Units * Inputs, 0.05f, 1, MathF.Sin);
        this.b1Values = Ramp(Units, 0.1f, 0, MathF.Cos);
        this.w2Values = Ramp(Classes * Units, 0.1f, 2, MathF.Sin);
        this.b2Values = Ramp(Classes, 0.1f, 3, MathF.Cos);
        this.labels = new int[Batch];
        for (int r = 0; r < Batch; r++)
        {
            this.labels[r] = (7 * r) % Classes;
        }

        this.dw1Values = new float[Units * Inputs];
        this.db1Values = new float[Units];
        this.dw2Values = new float[Classes * Units];
        this.db2Values = new float[Classes];

        // The tensors wrap the arrays: both versions read and write the same memory.
        this.x = Tensor.Create(this.xValues, [Batch, Inputs]);
        this.w1 = Tensor.Create(this.w1Values, [Units, Inputs]);
        this.b1 = Tensor.Create(this.b1Values, [Units]);
        this.w2 = Tensor.Create(this.w2Values, [Classes, Units]);
        this.b2 = Tensor.Create(this.b2Values, [Classes]);
        this.dw1 = Tensor.Create(this.dw1Values, [Units, Inputs]);
        this.db1 = Tensor.Create(this.db1Values, [Units]);
        this.dw2 = Tensor.Create(this.dw2Values, [Classes, Units]);
        this.db2 = Tensor.Create(this.db2Values, [Classes]);
        this.hidden = new float[Batch * Units];
        this.dhidden = new float[Batch * Units];
        this.logits = new float[Batch * Classes];
        this.dlogits = new float[Batch * Classes];
    }

    public float[] Gradients() => [.. this.dw1Values, .. this.db1Values, .. this.dw2Values, .. this.db2Values];

    public void PoisonGradients()
    {
        this.dw1Values.AsSpan().Fill(float.NaN);
        this.db1Values.AsSpan().Fill(float.NaN);
        this.dw2Values.AsSpan().Fill(float.NaN);
        this.db2Values.AsSpan().Fill(float.NaN);
    }

    [Benchmark]
    public float GeneratedTensors()
        => Losses.MlpValueAndGradient(this.x, this.labels, this.w1, this.b1, this.w2, this.b2, this.dw1, this.db1, this.dw2, this.db2);

    [Benchmark(Baseline = true)]
    public float HandWrittenTensors()
        => HandWritten.Mlp(
            this.x, this.labels, this.w1, this.b1, this.w2, this.b2, this.dw1, this.db1, this.dw2, this.db2,
            this.hidden, this.dhidden, this.logits, this.dlogits);

    private static float[] Ramp(int count, float scale, int offset, Func<float, float> wave)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = scale * wave(i + offset);
        }

        return values;
    }
}
