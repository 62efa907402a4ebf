using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace SymGrad.Benchmarks;

/// <summary>
/// The squared error <c>Σ (x - t)²</c>, value and gradient, written as a <c>for</c> loop over the elements
/// (<see cref="Losses.SquaredErrorLoop"/>) and as whole-tensor operations (<see cref="Losses.SquaredError"/>); the
/// loop compiles to the whole-tensor spelling's fused loop, so the two should take the same time. Called with
/// <c>float[]</c> arrays and with <see cref="Tensor{T}"/>, on the inputs of <see cref="ElementwiseBenchmark"/>.
/// </summary>
public class ElementLoopBenchmarks : IGradientWorkload
{
    [Params(1_000, 1_000_000)]
    public int N { get; set; }

    private float[] x = [];
    private float[] target = [];
    private float[] gradient = [];
    private Tensor<float> xTensor = null!;
    private Tensor<float> targetTensor = null!;
    private Tensor<float> gradientTensor = null!;

    public float[] Gradients() => (float[])this.gradient.Clone();

    public void PoisonGradients() => this.gradient.AsSpan().Fill(float.NaN);

    [GlobalSetup]
    public void Setup()
    {
        this.x = new float[this.N];
        this.target = new float[this.N];
        this.gradient = new float[this.N];
        for (int i = 0; i < this.N; i++)
        {
            this.x[i] = 1f + (0.5f * MathF.Sin(i));
            this.target[i] = 0.5f * MathF.Cos(i);
        }

        this.xTensor = Tensor.Create(this.x, [this.N]);
        this.targetTensor = Tensor.Create(this.target, [this.N]);
        this.gradientTensor = Tensor.Create(this.gradient, [this.N]);
    }

    [Benchmark]
    public float LoopArrays() => Losses.SquaredErrorLoopValueAndGradient(this.x, this.target, this.gradient);

    [Benchmark(Baseline = true)]
    public float WholeTensorArrays() => Losses.SquaredErrorValueAndGradient(this.x, this.target, this.gradient);

    [Benchmark]
    public float LoopTensors() => Losses.SquaredErrorLoopValueAndGradient(this.xTensor, this.targetTensor, this.gradientTensor);

    [Benchmark]
    public float WholeTensorTensors() => Losses.SquaredErrorValueAndGradient(this.xTensor, this.targetTensor, this.gradientTensor);
}

/// <summary>
/// The Euler rollout (20 steps, learned damping rate; <see cref="Losses.EulerRollout"/>): the generated value and
/// value+gradient beside the hand-written forward loop and reverse sweep (<see cref="HandWritten.EulerRollout"/>).
/// benchmarks/torch/bench.py times the same rollout in PyTorch.
/// </summary>
public class EulerRolloutBenchmarks
{
    // Fields, not constants: the JIT must not fold the rollout away.
    private double rate = 0.3;
    private double x0 = 1.0;
    private double v0 = -0.5;

    [Benchmark]
    public double GeneratedValue() => Losses.EulerRolloutValue(this.rate, this.x0, this.v0);

    [Benchmark]
    public double HandWrittenValue() => HandWritten.EulerRolloutValue(this.rate, this.x0, this.v0);

    [Benchmark]
    public double GeneratedValueAndGradient()
        => Losses.EulerRolloutValueAndGradient(this.rate, this.x0, this.v0, out double drate, out double dx0, out double dv0) + drate + dx0 + dv0;

    [Benchmark(Baseline = true)]
    public double HandWrittenValueAndGradient()
        => HandWritten.EulerRollout(this.rate, this.x0, this.v0, out double drate, out double dx0, out double dv0) + drate + dx0 + dv0;

    /// <summary>The generated and hand-written value and gradient, for <c>--check</c>.</summary>
    public (double Value, double Rate, double X0, double V0, double HandValue, double HandRate, double HandX0, double HandV0) Both()
    {
        double value = Losses.EulerRolloutValueAndGradient(this.rate, this.x0, this.v0, out double drate, out double dx0, out double dv0);
        double hand = HandWritten.EulerRollout(this.rate, this.x0, this.v0, out double handRate, out double handX0, out double handV0);
        return (value, drate, dx0, dv0, hand, handRate, handX0, handV0);
    }
}

/// <summary>
/// Classical RK4 over a two-element state, 20 steps, learned damping (<see cref="Losses.Rk4DampedOscillator"/>): the
/// generated value and value+gradient beside the hand-written forward loop and reverse sweep
/// (<see cref="HandWritten.Rk4DampedOscillator"/>). benchmarks/torch/bench.py times the same integrator in PyTorch.
/// </summary>
public class Rk4Benchmarks
{
    // Fields, not constants: the JIT must not fold the integrator away.
    private double damping = 0.3;
    private double x0 = 1.0;
    private double v0 = -0.5;

    [Benchmark]
    public double GeneratedValue() => Losses.Rk4DampedOscillatorValue(this.damping, this.x0, this.v0);

    [Benchmark]
    public double HandWrittenValue() => HandWritten.Rk4DampedOscillatorValue(this.damping, this.x0, this.v0);

    [Benchmark]
    public double GeneratedValueAndGradient()
        => Losses.Rk4DampedOscillatorValueAndGradient(this.damping, this.x0, this.v0, out double ddamping, out double dx0, out double dv0) + ddamping + dx0 + dv0;

    [Benchmark(Baseline = true)]
    public double HandWrittenValueAndGradient()
        => HandWritten.Rk4DampedOscillator(this.damping, this.x0, this.v0, out double ddamping, out double dx0, out double dv0) + ddamping + dx0 + dv0;

    /// <summary>The generated and the hand-written value and gradient (value, ∂damping, ∂x0, ∂v0), for <c>--check</c>.</summary>
    public (double[] Generated, double[] HandWritten) Both()
    {
        double value = Losses.Rk4DampedOscillatorValueAndGradient(this.damping, this.x0, this.v0, out double ddamping, out double dx0, out double dv0);
        double hand = HandWritten.Rk4DampedOscillator(this.damping, this.x0, this.v0, out double handDamping, out double handX0, out double handV0);
        return ([value, ddamping, dx0, dv0], [hand, handDamping, handX0, handV0]);
    }
}

/// <summary>
/// A one-layer LSTM with two hidden units over ten scalars (<see cref="Losses.LstmSequence"/>), gradients for the 32
/// packed weights and the 10 inputs: the generated methods called with <c>double[]</c> arrays and with
/// <see cref="Tensor{T}"/>, beside the hand-written forward loop and reverse sweep over spans
/// (<see cref="HandWritten.LstmSequence"/>). benchmarks/torch/bench.py times the same LSTM in PyTorch.
/// </summary>
public class LstmBenchmarks
{
    private readonly double[] w = new double[32];
    private readonly double[] x = new double[10];
    private readonly double[] dw = new double[32];
    private readonly double[] dx = new double[10];
    private Tensor<double> wTensor = null!;
    private Tensor<double> xTensor = null!;
    private Tensor<double> dwTensor = null!;
    private Tensor<double> dxTensor = null!;

    /// <summary>The control-flow suite's points: w = 0.6 sin(0.9 i), x = cos(0.5 i).</summary>
    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < this.w.Length; i++)
        {
            this.w[i] = 0.6 * Math.Sin(0.9 * i);
        }

        for (int i = 0; i < this.x.Length; i++)
        {
            this.x[i] = Math.Cos(0.5 * i);
        }

        // The tensors wrap the arrays: both calling styles read and write the same memory.
        this.wTensor = Tensor.Create(this.w, [this.w.Length]);
        this.xTensor = Tensor.Create(this.x, [this.x.Length]);
        this.dwTensor = Tensor.Create(this.dw, [this.dw.Length]);
        this.dxTensor = Tensor.Create(this.dx, [this.dx.Length]);
    }

    [Benchmark]
    public double GeneratedValue() => Losses.LstmSequenceValue(this.w, this.x);

    [Benchmark]
    public double HandWrittenValue() => HandWritten.LstmSequenceValue(this.w, this.x);

    [Benchmark]
    public double GeneratedValueAndGradientArrays() => Losses.LstmSequenceValueAndGradient(this.w, this.x, this.dw, this.dx);

    [Benchmark]
    public double GeneratedValueAndGradientTensors() => Losses.LstmSequenceValueAndGradient(this.wTensor, this.xTensor, this.dwTensor, this.dxTensor);

    [Benchmark(Baseline = true)]
    public double HandWrittenValueAndGradient() => HandWritten.LstmSequence(this.w, this.x, this.dw, this.dx);

    /// <summary>
    /// What a call returned and wrote, for <c>--check</c>: the value, then the weights' and the inputs' gradients, each
    /// spoilt with NaN before the call.
    /// </summary>
    public double[] Run(Func<LstmBenchmarks, double> call)
    {
        this.dw.AsSpan().Fill(double.NaN);
        this.dx.AsSpan().Fill(double.NaN);
        double value = call(this);
        return [value, .. this.dw, .. this.dx];
    }
}

/// <summary>
/// A tensor local updated 20 times by element-wise work in a loop (<see cref="Losses.TensorRollout"/>), value and
/// gradient, called with <c>float[]</c> arrays and with <see cref="Tensor{T}"/>, beside the hand-written pass over
/// spans (<see cref="HandWritten.TensorRollout"/>).
/// </summary>
public class TensorRolloutBenchmarks : IGradientWorkload
{
    [Params(1_000, 100_000)]
    public int N { get; set; }

    private float[] x = [];
    private float[] target = [];
    private float[] gradient = [];
    private Tensor<float> xTensor = null!;
    private Tensor<float> targetTensor = null!;
    private Tensor<float> gradientTensor = null!;

    public float[] Gradients() => (float[])this.gradient.Clone();

    public void PoisonGradients() => this.gradient.AsSpan().Fill(float.NaN);

    [GlobalSetup]
    public void Setup()
    {
        this.x = new float[this.N];
        this.target = new float[this.N];
        this.gradient = new float[this.N];
        for (int i = 0; i < this.N; i++)
        {
            this.x[i] = 0.5f * MathF.Sin(i);
            this.target[i] = MathF.Cos(0.3f * i);
        }

        this.xTensor = Tensor.Create(this.x, [this.N]);
        this.targetTensor = Tensor.Create(this.target, [this.N]);
        this.gradientTensor = Tensor.Create(this.gradient, [this.N]);
    }

    [Benchmark]
    public float GeneratedArrays() => Losses.TensorRolloutValueAndGradient(this.x, this.target, this.gradient);

    [Benchmark]
    public float GeneratedTensors() => Losses.TensorRolloutValueAndGradient(this.xTensor, this.targetTensor, this.gradientTensor);

    [Benchmark(Baseline = true)]
    public float HandWrittenArrays() => HandWritten.TensorRollout(this.x, this.target, this.gradient);
}
