using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace SymGrad.Benchmarks;

/// <summary>
/// A linear layer's MSE loss, value and gradients for x, w and b: <c>Mean(Square(MatMul(x, Transpose(w)) + b - y))</c>.
/// Called with <see cref="Tensor{T}"/> arguments, and with tensor spans the caller builds from its arrays (with their
/// shapes) inside the timed region; a <c>float[]</c> alone has no rank-2 shape, so it is no calling style here.
/// </summary>
/// <remarks>
/// Three processes, not one: the two-core matrix products vary more from process to process than within one.
/// <see cref="GemmBenchmarks.OneCore"/> adds a job on one core (<c>DOTNET_PROCESSOR_COUNT=1</c>), to set beside
/// PyTorch at one thread.
/// </remarks>
[ProcessCount(3)]
[Config(typeof(GemmBenchmarks.OneCore))]
public class LinearBenchmarks : IGradientWorkload
{
    [Params("10x3->2", "128x784->128", "1024x256->64")]
    public string Shape { get; set; } = "10x3->2";

    private int batch;
    private int inputs;
    private int outputs;
    private float[] xValues = [];
    private float[] yValues = [];
    private float[] wValues = [];
    private float[] bValues = [];
    private float[] dxValues = [];
    private float[] dwValues = [];
    private float[] dbValues = [];
    private Tensor<float> x = null!;
    private Tensor<float> y = null!;
    private Tensor<float> w = null!;
    private Tensor<float> b = null!;
    private Tensor<float> dx = null!;
    private Tensor<float> dw = null!;
    private Tensor<float> db = null!;
    private float[] scratch = [];

    [GlobalSetup]
    public void Setup()
    {
        (this.batch, this.inputs, this.outputs) = this.Shape switch
        {
            "10x3->2" => (10, 3, 2),
            "128x784->128" => (128, 784, 128),
            "1024x256->64" => (1024, 256, 64),
            _ => throw new ArgumentException($"Unknown shape '{this.Shape}'; use 10x3->2, 128x784->128 or 1024x256->64.", nameof(this.Shape)),
        };
        this.xValues = Values(this.batch * this.inputs, 1);
        this.yValues = Values(this.batch * this.outputs, 2);
        this.wValues = Values(this.outputs * this.inputs, 3);
        this.bValues = Values(this.outputs, 4);
        this.dxValues = new float[this.batch * this.inputs];
        this.dwValues = new float[this.outputs * this.inputs];
        this.dbValues = new float[this.outputs];

        // The tensors wrap the arrays: both calling styles read and write the same memory.
        this.x = Tensor.Create(this.xValues, [this.batch, this.inputs]);
        this.y = Tensor.Create(this.yValues, [this.batch, this.outputs]);
        this.w = Tensor.Create(this.wValues, [this.outputs, this.inputs]);
        this.b = Tensor.Create(this.bValues, [this.outputs]);
        this.dx = Tensor.Create(this.dxValues, [this.batch, this.inputs]);
        this.dw = Tensor.Create(this.dwValues, [this.outputs, this.inputs]);
        this.db = Tensor.Create(this.dbValues, [this.outputs]);
        this.scratch = new float[this.batch * this.outputs];
    }

    public float[] Gradients() => [.. this.dxValues, .. this.dwValues, .. this.dbValues];

    public void PoisonGradients()
    {
        this.dxValues.AsSpan().Fill(float.NaN);
        this.dwValues.AsSpan().Fill(float.NaN);
        this.dbValues.AsSpan().Fill(float.NaN);
    }

    [Benchmark]
    public float GeneratedTensors() => Losses.LinearValueAndGradient(this.x, this.y, this.w, this.b, this.dx, this.dw, this.db);

    [Benchmark]
    public float HandWrittenTensors() => HandWritten.Linear(this.x, this.y, this.w, this.b, this.dx, this.dw, this.db, this.scratch);

    [Benchmark]
    public float GeneratedTensorSpans()
        => Losses.LinearValueAndGradient(
            new ReadOnlyTensorSpan<float>(this.xValues, [this.batch, this.inputs]),
            new ReadOnlyTensorSpan<float>(this.yValues, [this.batch, this.outputs]),
            new ReadOnlyTensorSpan<float>(this.wValues, [this.outputs, this.inputs]),
            new ReadOnlyTensorSpan<float>(this.bValues),
            new TensorSpan<float>(this.dxValues, [this.batch, this.inputs]),
            new TensorSpan<float>(this.dwValues, [this.outputs, this.inputs]),
            new TensorSpan<float>(this.dbValues));

    [Benchmark]
    public float HandWrittenTensorSpans()
        => HandWritten.Linear(
            new ReadOnlyTensorSpan<float>(this.xValues, [this.batch, this.inputs]),
            new ReadOnlyTensorSpan<float>(this.yValues, [this.batch, this.outputs]),
            new ReadOnlyTensorSpan<float>(this.wValues, [this.outputs, this.inputs]),
            new ReadOnlyTensorSpan<float>(this.bValues),
            new TensorSpan<float>(this.dxValues, [this.batch, this.inputs]),
            new TensorSpan<float>(this.dwValues, [this.outputs, this.inputs]),
            new TensorSpan<float>(this.dbValues),
            this.scratch);

    private static float[] Values(int count, int seed)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = 0.5f * MathF.Sin((seed * 7919) + i);
        }

        return values;
    }
}
