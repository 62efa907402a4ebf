using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Numerics.Tensors;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace SymGrad.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--check"))
        {
            return Check();
        }

        if (args.Contains("--alternate"))
        {
            Alternate();
            return 0;
        }

        // Short, repeatable runs: enough iterations for stable medians on a 2-core machine in minutes, not hours.
        IConfig config = DefaultConfig.Instance
            .AddJob(Job.Default.WithWarmupCount(4).WithIterationCount(12).WithLaunchCount(1))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median)
            .WithOptions(ConfigOptions.JoinSummary);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }

    /// <summary>Runs every workload once through the generated and the hand-written code and compares the results.</summary>
    private static int Check()
    {
        int failures = 0;
        foreach (int n in new[] { 9, 1000, 1_000_003 })
        {
            var mse = new MseBenchmarks { N = n };
            mse.Setup();
            failures += Compare($"Mse n={n}", mse.Generated, mse.HandWrittenFused, mse.GradientOf);
            var squares = new SumOfSquaresBenchmarks { N = n };
            squares.Setup();
            failures += Compare($"10*Sum(Pow(x,2)) n={n}", squares.Generated, squares.HandWrittenFused, squares.GradientOf);
            var logs = new SumOfLogsBenchmarks { N = n };
            logs.Setup();
            failures += Compare($"Sum(Log(x)) n={n}", logs.Generated, logs.HandWrittenFused, logs.GradientOf);
        }

        foreach (string shape in new[] { "10x3->2", "1024x256->64" })
        {
            var linear = new LinearBenchmarks { Shape = shape };
            linear.Setup();
            failures += Compare($"Linear {shape}", linear.Generated, linear.HandWrittenFused, linear.Gradients);
        }

        Console.WriteLine(failures == 0 ? "All workloads agree." : $"{failures} workloads disagree.");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// Times the large linear step generated and hand-written in turn, in one process, so both see the same machine:
    /// its time moves from process to process more than between the two versions.
    /// </summary>
    private static void Alternate()
    {
        var linear = new LinearBenchmarks { Shape = "1024x256->64" };
        linear.Setup();
        var clock = new Stopwatch();
        const int Calls = 300;
        for (int round = 1; round <= 3; round++)
        {
            var hand = new List<double>(Calls);
            var generated = new List<double>(Calls);
            for (int i = 0; i < Calls; i++)
            {
                clock.Restart();
                linear.HandWrittenFused();
                hand.Add(clock.Elapsed.TotalMicroseconds);
                clock.Restart();
                linear.Generated();
                generated.Add(clock.Elapsed.TotalMicroseconds);
            }

            hand.Sort();
            generated.Sort();
            double ratio = generated[Calls / 2] / hand[Calls / 2];
            Console.WriteLine($"Linear 1024x256->64, round {round}: hand-written median {hand[Calls / 2]:F0} us, generated median {generated[Calls / 2]:F0} us, ratio {ratio:F2}");
        }
    }

    private static int Compare(string name, Func<float> generated, Func<float> handWritten, Func<float[]> gradient)
    {
        float value = generated();
        float[] first = gradient();
        float reference = handWritten();
        float[] second = gradient();
        double worst = Math.Abs(value - reference) / Math.Max(1e-6, Math.Abs(reference));
        for (int i = 0; i < first.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(first[i] - second[i]) / Math.Max(1e-3, Math.Abs(second[i])));
        }

        bool agree = worst < 1e-3;
        Console.WriteLine($"{(agree ? "ok  " : "FAIL")} {name}: value {value} vs {reference}, worst relative difference {worst:G3}");
        return agree ? 0 : 1;
    }
}
