using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace SymGrad.Benchmarks;

/// <summary>A linear layer's MSE loss, value and gradients for x, w and b: <c>Mean(Square(MatMul(x, Transpose(w)) + b - y))</c>.</summary>
/// <remarks>Three processes, not one: the two-core matrix products vary more from process to process than within one.</remarks>
[ProcessCount(3)]
public class LinearBenchmarks
{
    [Params("10x3->2", "1024x256->64")]
    public string Shape { get; set; } = "10x3->2";

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
        (int batch, int inputs, int outputs) = this.Shape == "10x3->2" ? (10, 3, 2) : (1024, 256, 64);
        this.x = Filled(batch, inputs, 1);
        this.y = Filled(batch, outputs, 2);
        this.w = Filled(outputs, inputs, 3);
        this.b = Tensor.Create(Values(outputs, 4), [outputs]);
        this.dx = Tensor.CreateFromShape<float>([batch, inputs]);
        this.dw = Tensor.CreateFromShape<float>([outputs, inputs]);
        this.db = Tensor.CreateFromShape<float>([outputs]);
        this.scratch = new float[batch * outputs];
    }

    /// <summary>The three gradients the last call wrote, one after another.</summary>
    public float[] Gradients()
        => [.. SymGrad.Kernels.ShapeGuard.Elements(this.dx.AsReadOnlyTensorSpan()), .. SymGrad.Kernels.ShapeGuard.Elements(this.dw.AsReadOnlyTensorSpan()), .. SymGrad.Kernels.ShapeGuard.Elements(this.db.AsReadOnlyTensorSpan())];

    [Benchmark(Baseline = true)]
    public float HandWrittenFused() => HandWritten.Linear(this.x, this.y, this.w, this.b, this.dx, this.dw, this.db, this.scratch);

    [Benchmark]
    public float Generated() => Losses.LinearValueAndGradient(this.x, this.y, this.w, this.b, this.dx, this.dw, this.db);

    private static Tensor<float> Filled(int rows, int columns, int seed) => Tensor.Create(Values(rows * columns, seed), [rows, columns]);

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
