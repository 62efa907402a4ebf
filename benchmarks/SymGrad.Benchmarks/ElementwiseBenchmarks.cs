using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace SymGrad.Benchmarks;

/// <summary>What <c>--check</c> needs from a benchmark class: its gradients, and a way to spoil them before a call.</summary>
public interface IGradientWorkload
{
    /// <summary>A copy of every gradient the last call wrote, one after another.</summary>
    float[] Gradients();

    /// <summary>Fills the gradients with NaN, so a call that leaves an element unwritten is caught.</summary>
    void PoisonGradients();
}

/// <summary>
/// Shared inputs: <c>x</c> in (0.5, 1.5) so Log is defined, a target, and a gradient buffer, each held as a
/// <c>float[]</c> and as a <see cref="Tensor{T}"/> over the same array. Each workload is timed once per way a user
/// calls it (see docs/getting-started.md), generated and hand-written alike:
/// <list type="bullet">
/// <item><c>...Arrays</c>: <c>float[]</c> arguments; the generated methods' span overloads take them as spans, and the
/// hand-written side is its span form (<c>HandWritten.MseOverSpans</c>), so neither converts to tensor spans.</item>
/// <item><c>...Tensors</c>: <see cref="Tensor{T}"/> arguments; the generated methods' overloads generic over the tensor
/// types take them as they are, and so does the hand-written side (<c>HandWritten.Mse(Tensor&lt;float&gt;, ...)</c>,
/// reading the tensors' elements as flat spans). <c>HandWrittenTensorsAsTensorSpans</c> is the hand-written method over
/// tensor spans called with the same tensors, each converted to a tensor span by the call.</item>
/// <item><c>...TensorSpans</c>: tensor spans the caller builds from its arrays inside the timed region.</item>
/// </list>
/// <c>HandWrittenLoop</c> is the fused loop alone over spans of the arrays, with no tensors and no checks: the limit.
/// </summary>
public abstract class ElementwiseBenchmark : IGradientWorkload
{
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>
    /// 9, 1,000, 1,000,000 and 10,000,000 elements; or the comma-separated sizes in <c>SYMGRAD_BENCHMARK_SIZES</c>, so a
    /// targeted run (<c>SYMGRAD_BENCHMARK_SIZES=9,1000 dotnet run ... --filter '*MseBenchmarks*'</c>) times only those.
    /// </summary>
    public static IEnumerable<int> Sizes
        => Environment.GetEnvironmentVariable("SYMGRAD_BENCHMARK_SIZES") is { Length: > 0 } sizes
            ? sizes.Split(',').Select(int.Parse)
            : [9, 1_000, 1_000_000, 10_000_000];

    protected float[] X { get; private set; } = [];

    protected float[] Target { get; private set; } = [];

    protected float[] Gradient { get; private set; } = [];

    protected Tensor<float> XTensor { get; private set; } = null!;

    protected Tensor<float> TargetTensor { get; private set; } = null!;

    protected Tensor<float> GradientTensor { get; private set; } = null!;

    public float[] Gradients() => (float[])this.Gradient.Clone();

    public void PoisonGradients() => this.Gradient.AsSpan().Fill(float.NaN);

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

        // The tensors wrap the arrays: every calling style reads and writes the same memory.
        this.XTensor = Tensor.Create(this.X, [this.N]);
        this.TargetTensor = Tensor.Create(this.Target, [this.N]);
        this.GradientTensor = Tensor.Create(this.Gradient, [this.N]);
    }
}

/// <summary><c>Mean(Square(x - target))</c>: value and gradient.</summary>
public class MseBenchmarks : ElementwiseBenchmark
{
    [Benchmark]
    public float GeneratedArrays() => Losses.MseValueAndGradient(this.X, this.Target, this.Gradient);

    [Benchmark]
    public float HandWrittenArrays() => HandWritten.MseOverSpans(this.X, this.Target, this.Gradient);

    [Benchmark]
    public float GeneratedTensors() => Losses.MseValueAndGradient(this.XTensor, this.TargetTensor, this.GradientTensor);

    [Benchmark]
    public float HandWrittenTensors() => HandWritten.Mse(this.XTensor, this.TargetTensor, this.GradientTensor);

    [Benchmark]
    public float HandWrittenTensorsAsTensorSpans() => HandWritten.Mse((ReadOnlyTensorSpan<float>)this.XTensor, (ReadOnlyTensorSpan<float>)this.TargetTensor, (TensorSpan<float>)this.GradientTensor);

    [Benchmark]
    public float GeneratedTensorSpans()
        => Losses.MseValueAndGradient(new ReadOnlyTensorSpan<float>(this.X), new ReadOnlyTensorSpan<float>(this.Target), new TensorSpan<float>(this.Gradient));

    [Benchmark]
    public float HandWrittenTensorSpans()
        => HandWritten.Mse(new ReadOnlyTensorSpan<float>(this.X), new ReadOnlyTensorSpan<float>(this.Target), new TensorSpan<float>(this.Gradient));

    [Benchmark]
    public float HandWrittenLoop() => HandWritten.MseLoop(this.X, this.Target, this.Gradient);

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
    [Benchmark]
    public float GeneratedArrays() => Losses.SumOfSquaresValueAndGradient(this.X, this.Gradient);

    [Benchmark]
    public float HandWrittenArrays() => HandWritten.SumOfSquaresOverSpans(this.X, this.Gradient);

    [Benchmark]
    public float GeneratedTensors() => Losses.SumOfSquaresValueAndGradient(this.XTensor, this.GradientTensor);

    [Benchmark]
    public float HandWrittenTensors() => HandWritten.SumOfSquares(this.XTensor, this.GradientTensor);

    [Benchmark]
    public float HandWrittenTensorsAsTensorSpans() => HandWritten.SumOfSquares((ReadOnlyTensorSpan<float>)this.XTensor, (TensorSpan<float>)this.GradientTensor);

    [Benchmark]
    public float GeneratedTensorSpans()
        => Losses.SumOfSquaresValueAndGradient(new ReadOnlyTensorSpan<float>(this.X), new TensorSpan<float>(this.Gradient));

    [Benchmark]
    public float HandWrittenTensorSpans()
        => HandWritten.SumOfSquares(new ReadOnlyTensorSpan<float>(this.X), new TensorSpan<float>(this.Gradient));

    [Benchmark]
    public float HandWrittenLoop() => HandWritten.SumOfSquaresLoop(this.X, this.Gradient);

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
    [Benchmark]
    public float GeneratedArrays() => Losses.SumOfLogsValueAndGradient(this.X, this.Gradient);

    [Benchmark]
    public float HandWrittenArrays() => HandWritten.SumOfLogsOverSpans(this.X, this.Gradient);

    [Benchmark]
    public float GeneratedTensors() => Losses.SumOfLogsValueAndGradient(this.XTensor, this.GradientTensor);

    [Benchmark]
    public float HandWrittenTensors() => HandWritten.SumOfLogs(this.XTensor, this.GradientTensor);

    [Benchmark]
    public float HandWrittenTensorsAsTensorSpans() => HandWritten.SumOfLogs((ReadOnlyTensorSpan<float>)this.XTensor, (TensorSpan<float>)this.GradientTensor);

    [Benchmark]
    public float GeneratedTensorSpans()
        => Losses.SumOfLogsValueAndGradient(new ReadOnlyTensorSpan<float>(this.X), new TensorSpan<float>(this.Gradient));

    [Benchmark]
    public float HandWrittenTensorSpans()
        => HandWritten.SumOfLogs(new ReadOnlyTensorSpan<float>(this.X), new TensorSpan<float>(this.Gradient));

    [Benchmark]
    public float HandWrittenLoop() => HandWritten.SumOfLogsLoop(this.X, this.Gradient);

    [Benchmark]
    public float EagerTensors()
    {
        float value = Tensor.Sum<float>(Tensor.Log<float>(this.XTensor));
        Tensor.Reciprocal<float>(this.XTensor, this.GradientTensor);
        return value;
    }
}
