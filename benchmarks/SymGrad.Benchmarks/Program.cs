using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace SymGrad.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        // Short, repeatable runs: enough iterations for stable medians on a 2-core machine in minutes, not hours.
        IConfig config = DefaultConfig.Instance
            .AddJob(Job.Default.WithWarmupCount(4).WithIterationCount(12).WithLaunchCount(1))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median)
            .WithOptions(ConfigOptions.JoinSummary);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
