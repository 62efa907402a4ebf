using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace SymGrad.GeneratorBenchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/SymGrad.GeneratorBenchmarks</c> benchmarks the generator;
/// <c>... -- --build [methods]</c> times a build of the corpus grown to 500 methods (the generator, then the compiler
/// emitting the project with the generated code) and counts the generated lines; <c>... -- --verify</c> only checks the corpus, prints which step outputs each edit leaves Cached or Unchanged and
/// rough times, and exits non-zero if a check fails; <c>... -- --scaling [kinds...] [lines...]</c> times the generator over one
/// method of 16 to 1,024 lines per <see cref="RecurrenceKind"/>, stage by stage; <c>... -- --recurrences</c> runs
/// <see cref="RecurrenceBenchmarks"/> in BenchmarkDotNet. Other arguments go to BenchmarkDotNet.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--verify"))
        {
            return Verify();
        }

        if (args.Contains("--build"))
        {
            string[] counts = args.Where(a => a != "--build").ToArray();
            return BuildSize.Run(counts.Length > 0 ? int.Parse(counts[0], CultureInfo.InvariantCulture) : 500);
        }

        if (args.Contains("--scaling"))
        {
            string[] rest = args.Where(a => a != "--scaling").ToArray();
            RecurrenceKind[] kinds = rest.Where(a => !char.IsDigit(a[0])).Select(Enum.Parse<RecurrenceKind>).ToArray();
            int[] sizes = rest.Where(a => char.IsDigit(a[0])).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
            return Scale(kinds.Length > 0 ? kinds : Enum.GetValues<RecurrenceKind>(), sizes.Length > 0 ? sizes : Scaling.DefaultSizes);
        }

        if (args.Contains("--recurrences"))
        {
            // One operation takes up to seconds (the compiler binding a long method): few iterations, one call each.
            IConfig recurrences = DefaultConfig.Instance
                .AddJob(Job.Default.WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance))
                .AddDiagnoser(MemoryDiagnoser.Default)
                .AddColumn(StatisticColumn.Median);
            return BenchmarkRunner.Run<RecurrenceBenchmarks>(recurrences, args.Where(a => a != "--recurrences").ToArray()).Reports.All(r => r.Success) ? 0 : 1;
        }

        // In process: the benchmark is the generator's managed code, and a second build of it would only cost time.
        IConfig config = DefaultConfig.Instance
            .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median);
        Summary summary = BenchmarkRunner.Run<GeneratorBenchmarks>(config, args);
        foreach (BenchmarkReport report in summary.Reports.Where(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(GeneratorBenchmarks.FullRun)))
        {
            if (report.ResultStatistics is { } statistics)
            {
                Console.WriteLine($"Full run: {statistics.Median / 1e6:F1} ms median, {statistics.Median / 1e3 / Corpus.MethodCount:F0} us per method.");
            }
        }

        return summary.Reports.All(r => r.Success) ? 0 : 1;
    }

    private static int Scale(RecurrenceKind[] kinds, int[] sizes)
    {
        (string report, IReadOnlyList<string> problems) = Scaling.Run(kinds, sizes);
        Console.WriteLine(report);
        foreach (string problem in problems)
        {
            Console.Error.WriteLine("FAILED: " + problem);
        }

        return problems.Count == 0 ? 0 : 1;
    }

    private static int Verify()
    {
        var corpus = Corpus.Create();
        (string report, IReadOnlyList<string> problems) = Verification.Run(corpus, compileGeneratedCode: true);
        Console.WriteLine(report);
        Console.WriteLine(Verification.Timings(corpus));
        foreach (string problem in problems)
        {
            Console.Error.WriteLine("FAILED: " + problem);
        }

        return problems.Count == 0 ? 0 : 1;
    }
}
