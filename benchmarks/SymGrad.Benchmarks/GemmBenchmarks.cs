using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using SymGrad.Kernels;

namespace SymGrad.Benchmarks;

/// <summary>
/// Float matrix products <c>C = A · B</c> (m x k times k x n) through <see cref="MatrixKernels.Multiply{T}"/>, the call
/// generated code makes, at the shapes compared with NumPy+OpenBLAS by benchmarks/numpy/gemm.py.
/// </summary>
/// <remarks>
/// SymGrad shares a large product between two cores when <see cref="Environment.ProcessorCount"/> is more than one.
/// The run's own job uses every core; <see cref="OneCore"/> adds a job whose process starts with
/// <c>DOTNET_PROCESSOR_COUNT=1</c>, which keeps every product on the calling thread. GFLOP/s = 2mnk / time.
/// </remarks>
[Config(typeof(OneCore))]
public class GemmBenchmarks
{
    [Params("1024x256x64", "128x784x128", "512x512x512", "1024x1024x1024")]
    public string Shape { get; set; } = "1024x256x64";

    [Params(false, true)]
    public bool TransposeA { get; set; }

    [Params(false, true)]
    public bool TransposeB { get; set; }

    private float[] a = [];
    private float[] b = [];
    private float[] c = [];
    private int m;
    private int k;
    private int n;

    [GlobalSetup]
    public void Setup()
    {
        string[] sizes = this.Shape.Split('x');
        (this.m, this.k, this.n) = (int.Parse(sizes[0]), int.Parse(sizes[1]), int.Parse(sizes[2]));
        this.a = Values(this.m * this.k, 1);
        this.b = Values(this.k * this.n, 2);
        this.c = new float[this.m * this.n];
    }

    /// <summary>op(A) · op(B), each operand stored as its transpose when marked transposed.</summary>
    [Benchmark]
    public void Multiply()
        => MatrixKernels.Multiply<float>(
            this.a, this.TransposeA ? this.k : this.m, this.TransposeA ? this.m : this.k, this.TransposeA,
            this.b, this.TransposeB ? this.n : this.k, this.TransposeB ? this.k : this.n, this.TransposeB,
            this.c);

    internal static float[] Values(int count, int seed)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = 0.5f * MathF.Sin((seed * 7919) + i);
        }

        return values;
    }

    /// <summary>Adds a job on one core (<c>DOTNET_PROCESSOR_COUNT=1</c>) beside the run's own job.</summary>
    public sealed class OneCore : ManualConfig
    {
        public OneCore()
            => this.AddJob(Job.Default.WithWarmupCount(4).WithIterationCount(12).WithLaunchCount(1)
                .WithEnvironmentVariables(new EnvironmentVariable("DOTNET_PROCESSOR_COUNT", "1")).WithId("OneCore"));
    }
}

/// <summary>
/// Float matrix-vector <c>A · x</c> and vector-matrix <c>x · A</c> products with a 4096 x 4096 matrix (64 MiB, larger
/// than the caches): bound by memory bandwidth, so the figure to compare is the bytes of matrix read per second.
/// </summary>
[Config(typeof(GemmBenchmarks.OneCore))]
public class MatrixVectorBenchmarks
{
    private const int Size = 4096;
    private float[] matrix = [];
    private float[] vector = [];
    private float[] product = [];

    [GlobalSetup]
    public void Setup()
    {
        this.matrix = GemmBenchmarks.Values(Size * Size, 3);
        this.vector = GemmBenchmarks.Values(Size, 4);
        this.product = new float[Size];
    }

    [Benchmark]
    public void MatrixTimesVector() => MatrixKernels.Multiply<float>(this.matrix, Size, Size, false, this.vector, Size, 1, false, this.product);

    [Benchmark]
    public void VectorTimesMatrix() => MatrixKernels.Multiply<float>(this.vector, 1, Size, false, this.matrix, Size, Size, false, this.product);
}
