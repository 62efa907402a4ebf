using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace SymGrad.Benchmarks;

/// <summary>Shared inputs: <c>x</c> in (0.5, 1.5) so Log is defined, a target, and gradient buffers.</summary>
public abstract class ElementwiseBenchmark
{
    [Params(9, 1_000, 1_000_000, 10_000_000)]
    public int N { get; set; }

    protected float[] X { get; private set; } = [];

    protected float[] Target { get; private set; } = [];

    protected float[] Gradient { get; private set; } = [];

    protected Tensor<float> XTensor { get; private set; } = null!;

    protected Tensor<float> TargetTensor { get; private set; } = null!;

    protected Tensor<float> GradientTensor { get; private set; } = null!;

    /// <summary>A copy of the gradient the last call wrote.</summary>
    public float[] GradientOf() => (float[])this.Gradient.Clone();

    [GlobalSetup]
    public void Setup()
    {
        this.X = new float[this.N];
        this.Target = new float[this.N];
        this.Gradient = new float[this.N];
        for (int i = 0; i < this.N; i++)
        {
            this.X[i] = 1f + (0.5f * MathF.Sin(i));
            this.Target[i] = 0.5f * MathF.Cos(i);
        }

        this.XTensor = Tensor.Create(this.X, [this.N]);
        this.TargetTensor = Tensor.Create(this.Target, [this.N]);
        this.GradientTensor = Tensor.Create(this.Gradient, [this.N]);

        // The tensors wrap the arrays: both kinds of call read and write the same memory.
    }
}

/// <summary><c>Mean(Square(x - target))</c>: value and gradient.</summary>
public class MseBenchmarks : ElementwiseBenchmark
{
    [Benchmark(Baseline = true)]
    public float HandWrittenFused() => HandWritten.Mse(this.XTensor, this.TargetTensor, this.GradientTensor);

    [Benchmark]
    public float HandWrittenLoopOnly() => HandWritten.Mse(this.X, this.Target, this.Gradient);

    [Benchmark]
    public float Generated() => Losses.MseValueAndGradient(this.XTensor, this.TargetTensor, this.GradientTensor);

    [Benchmark]
    public float EagerTensors()
    {
        Tensor<float> difference = Tensor.Subtract<float>(this.XTensor, this.TargetTensor);
        float loss = Tensor.Average<float>(Tensor.Multiply<float>(difference, difference));
        Tensor.Multiply<float>(difference, 2f / this.N, this.GradientTensor);
        return loss;
    }
}

/// <summary><c>10 * Sum(Pow(x, 2))</c>: value and gradient.</summary>
public class SumOfSquaresBenchmarks : ElementwiseBenchmark
{
    [Benchmark(Baseline = true)]
    public float HandWrittenFused() => HandWritten.SumOfSquares(this.XTensor, this.GradientTensor);

    [Benchmark]
    public float HandWrittenLoopOnly() => HandWritten.SumOfSquares(this.X, this.Gradient);

    [Benchmark]
    public float Generated() => Losses.SumOfSquaresValueAndGradient(this.XTensor, this.GradientTensor);

    [Benchmark]
    public float EagerTensors()
    {
        float value = 10f * Tensor.Sum<float>(Tensor.Pow<float>(this.XTensor, 2f));
        Tensor.Multiply<float>(this.XTensor, 20f, this.GradientTensor);
        return value;
    }
}

/// <summary><c>Sum(Log(x))</c>: value and gradient.</summary>
public class SumOfLogsBenchmarks : ElementwiseBenchmark
{
    [Benchmark(Baseline = true)]
    public float HandWrittenFused() => HandWritten.SumOfLogs(this.XTensor, this.GradientTensor);

    [Benchmark]
    public float HandWrittenLoopOnly() => HandWritten.SumOfLogs(this.X, this.Gradient);

    [Benchmark]
    public float Generated() => Losses.SumOfLogsValueAndGradient(this.XTensor, this.GradientTensor);

    [Benchmark]
    public float EagerTensors()
    {
        float value = Tensor.Sum<float>(Tensor.Log<float>(this.XTensor));
        Tensor.Reciprocal<float>(this.XTensor, this.GradientTensor);
        return value;
    }
}
