using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;
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
            int at = Array.IndexOf(args, "--alternate");
            Alternate(at + 1 < args.Length ? args[at + 1] : "1024x256->64");
            return 0;
        }

        // Short, repeatable runs: enough iterations for stable medians on a 2-core machine in minutes, not hours.
        // A job named on the command line (for example `--job dry` to prove the cases run) replaces this one.
        IConfig config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
        if (!args.Contains("--job") && !args.Contains("-j"))
        {
            config = config.AddJob(Job.Default.WithWarmupCount(4).WithIterationCount(12).WithLaunchCount(1));
        }

        config = config
            .AddColumn(StatisticColumn.Median)
            .WithOptions(ConfigOptions.JoinSummary);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }

    /// <summary>
    /// Runs every benchmark method of every workload once and compares its value and gradients with the reference
    /// (the loop alone over spans, or for the linear layer the hand-written call with tensors), with the gradients
    /// spoilt before each call; then checks that none but the eager one allocates.
    /// </summary>
    private static int Check()
    {
        int failures = 0;
        foreach (Type type in new[] { typeof(MseBenchmarks), typeof(SumOfSquaresBenchmarks), typeof(SumOfLogsBenchmarks) })
        {
            foreach (int n in new[] { 9, 1000, 1_000_003 })
            {
                var workload = (ElementwiseBenchmark)Activator.CreateInstance(type)!;
                workload.N = n;
                workload.Setup();
                failures += CheckWorkload($"{type.Name} n={n}", workload, nameof(MseBenchmarks.HandWrittenLoop), Math.Max(3, 100_000 / n));
            }
        }

        foreach (string shape in new[] { "10x3->2", "128x784->128", "1024x256->64" })
        {
            var linear = new LinearBenchmarks { Shape = shape };
            linear.Setup();
            failures += CheckWorkload($"{nameof(LinearBenchmarks)} {shape}", linear, nameof(LinearBenchmarks.HandWrittenTensors), 20);
        }

        foreach (string shape in new[] { "128x10", "4096x1000" })
        {
            var crossEntropy = new SoftmaxCrossEntropyBenchmarks { Shape = shape };
            crossEntropy.Setup();
            failures += CheckWorkload($"{nameof(SoftmaxCrossEntropyBenchmarks)} {shape}", crossEntropy, nameof(SoftmaxCrossEntropyBenchmarks.HandWrittenLoop), 20);
        }

        foreach (int n in new[] { 1_000, 1_000_003 })
        {
            var loop = new ElementLoopBenchmarks { N = n };
            loop.Setup();
            failures += CheckWorkload($"{nameof(ElementLoopBenchmarks)} n={n}", loop, nameof(ElementLoopBenchmarks.WholeTensorArrays), 20);
        }

        foreach (int n in new[] { 1, 7, 1_000, 100_003 })
        {
            var rollout = new TensorRolloutBenchmarks { N = n };
            rollout.Setup();
            failures += CheckWorkload($"{nameof(TensorRolloutBenchmarks)} n={n}", rollout, nameof(TensorRolloutBenchmarks.HandWrittenArrays), 20);
        }

        var mlp = new MlpBenchmarks();
        mlp.Setup();
        failures += CheckWorkload(nameof(MlpBenchmarks), mlp, nameof(MlpBenchmarks.HandWrittenTensors), 20);

        failures += CheckEulerRollout();
        failures += CheckRk4();
        failures += CheckLstm();

        Console.WriteLine(failures == 0 ? "All benchmarks agree and allocate nothing but the eager ones." : $"{failures} checks failed.");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>The generated Euler rollout's value and gradient against the hand-written reverse sweep, and neither allocating.</summary>
    private static int CheckEulerRollout()
    {
        var rollout = new EulerRolloutBenchmarks();
        var both = rollout.Both();
        double worst = new[] { (both.Value, both.HandValue), (both.Rate, both.HandRate), (both.X0, both.HandX0), (both.V0, both.HandV0) }
            .Max(pair => Math.Abs(pair.Item1 - pair.Item2) / Math.Max(1e-12, Math.Abs(pair.Item2)));
        long generated = AllocatedPerCall(() => (float)rollout.GeneratedValueAndGradient(), 1000);
        long hand = AllocatedPerCall(() => (float)rollout.HandWrittenValueAndGradient(), 1000);
        bool ok = worst < 1e-12 && generated == 0 && hand == 0;
        Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {nameof(EulerRolloutBenchmarks)}: value {both.Value} vs {both.HandValue}, worst relative difference {worst:G3}, {generated} B and {hand} B per call");
        return ok ? 0 : 1;
    }

    /// <summary>The generated RK4 integrator's value and gradient against the hand-written reverse sweep, and neither allocating.</summary>
    private static int CheckRk4()
    {
        var rk4 = new Rk4Benchmarks();
        (double[] generated, double[] hand) = rk4.Both();
        Console.WriteLine($"     {nameof(Rk4Benchmarks)}: gradient (damping, x0, v0) = ({generated[1]:R}, {generated[2]:R}, {generated[3]:R})");
        return CheckRecurrence(
            nameof(Rk4Benchmarks), [.. generated, rk4.GeneratedValue()], [.. hand, rk4.HandWrittenValue()],
            [rk4.GeneratedValue, rk4.HandWrittenValue, rk4.GeneratedValueAndGradient, rk4.HandWrittenValueAndGradient]);
    }

    /// <summary>
    /// The generated LSTM's value and gradients, called with arrays and with tensors, against the hand-written reverse
    /// sweep, and none of them allocating.
    /// </summary>
    private static int CheckLstm()
    {
        var lstm = new LstmBenchmarks();
        lstm.Setup();
        double[] hand = [.. lstm.Run(benchmark => benchmark.HandWrittenValueAndGradient()), lstm.HandWrittenValue()];
        double[] arrays = [.. lstm.Run(benchmark => benchmark.GeneratedValueAndGradientArrays()), lstm.GeneratedValue()];
        double[] tensors = [.. lstm.Run(benchmark => benchmark.GeneratedValueAndGradientTensors()), lstm.GeneratedValue()];
        Console.WriteLine(
            $"     {nameof(LstmBenchmarks)}: dw[0..4) = ({string.Join(", ", arrays[1..5].Select(v => v.ToString("R")))}), "
            + $"dx[0..4) = ({string.Join(", ", arrays[33..37].Select(v => v.ToString("R")))})");
        return CheckRecurrence(
                $"{nameof(LstmBenchmarks)} with arrays", arrays, hand,
                [lstm.GeneratedValue, lstm.HandWrittenValue, lstm.GeneratedValueAndGradientArrays, lstm.HandWrittenValueAndGradient])
            + CheckRecurrence($"{nameof(LstmBenchmarks)} with tensors", tensors, hand, [lstm.GeneratedValueAndGradientTensors]);
    }

    /// <summary>
    /// Fails unless each generated number (the value, the gradients, the value method's value) is within 1e-5 relative
    /// of the hand-written one (NaN, left by a gradient element the call did not write, fails) and no call allocates.
    /// </summary>
    private static int CheckRecurrence(string name, double[] generated, double[] hand, Func<double>[] calls)
    {
        double worst = 0;
        for (int i = 0; i < generated.Length; i++)
        {
            double difference = Math.Abs(generated[i] - hand[i]) / Math.Max(1e-9, Math.Abs(hand[i]));
            worst = double.IsNaN(difference) ? double.PositiveInfinity : Math.Max(worst, difference);
        }

        long[] allocated = calls.Select(call => AllocatedPerCall(() => (float)call(), 1000)).ToArray();
        bool ok = worst < 1e-5 && allocated.All(bytes => bytes == 0);
        Console.WriteLine(
            $"{(ok ? "ok  " : "FAIL")} {name}: value {generated[0]} vs {hand[0]}, worst relative difference over {generated.Length} numbers "
            + $"{worst:G3}; bytes per call: {string.Join(", ", calls.Select((call, i) => $"{call.Method.Name} {allocated[i]}"))}");
        return ok ? 0 : 1;
    }

    private static int CheckWorkload(string name, IGradientWorkload workload, string referenceName, int calls)
    {
        MethodInfo[] methods = workload.GetType().GetMethods()
            .Where(method => method.GetCustomAttribute<BenchmarkAttribute>() is not null)
            .ToArray();
        Func<float> Call(MethodInfo method) => method.CreateDelegate<Func<float>>(workload);

        workload.PoisonGradients();
        float reference = Call(methods.Single(method => method.Name == referenceName))();
        float[] referenceGradients = workload.Gradients();
        int failures = 0;
        foreach (MethodInfo method in methods)
        {
            Func<float> call = Call(method);
            workload.PoisonGradients();
            float value = call();
            float[] gradients = workload.Gradients();
            double worst = Math.Abs(value - reference) / Math.Max(1e-6, Math.Abs(reference));
            for (int i = 0; i < gradients.Length; i++)
            {
                // NaN fails the comparison: an element the call did not write keeps the NaN it was given.
                double difference = Math.Abs(gradients[i] - referenceGradients[i]) / Math.Max(1e-3, Math.Abs(referenceGradients[i]));
                worst = double.IsNaN(difference) ? double.PositiveInfinity : Math.Max(worst, difference);
            }

            // The eager version allocates its intermediates by design; every other call must allocate nothing.
            bool mayAllocate = method.Name == nameof(MseBenchmarks.EagerTensors);
            long allocated = AllocatedPerCall(call, calls);
            bool ok = worst < 1e-3 && (mayAllocate || allocated == 0);
            Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {name} {method.Name}: value {value} vs {reference}, worst relative difference {worst:G3}, {allocated} B per call");
            failures += ok ? 0 : 1;
        }

        return failures;
    }

    /// <summary>Bytes allocated per call on any thread (a large loop runs on two), the fewest over three rounds.</summary>
    private static long AllocatedPerCall(Func<float> call, int calls)
    {
        for (int i = 0; i < 3; i++)
        {
            call();
        }

        long fewest = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < calls; i++)
            {
                call();
            }

            fewest = Math.Min(fewest, (GC.GetTotalAllocatedBytes(precise: true) - before) / calls);
        }

        return fewest;
    }

    /// <summary>
    /// Times a linear step (<c>--alternate 128x784-&gt;128</c>; the large one by default) generated and hand-written in
    /// turn, in one process, so both see the same machine: its time moves from process to process more than between
    /// the two versions.
    /// </summary>
    private static void Alternate(string shape)
    {
        if (shape.Split(':') is [var workload, var size] && int.TryParse(size, System.Globalization.CultureInfo.InvariantCulture, out int n))
        {
            AlternateWorkload(workload switch
            {
                "loop" => new ElementLoopBenchmarks { N = n },
                "rollout" => new TensorRolloutBenchmarks { N = n },
                _ => throw new ArgumentException($"--alternate {shape}: name loop:N (ElementLoopBenchmarks) or rollout:N (TensorRolloutBenchmarks).", nameof(shape)),
            });
            return;
        }

        var linear = new LinearBenchmarks { Shape = shape };
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
                linear.HandWrittenTensors();
                hand.Add(clock.Elapsed.TotalMicroseconds);
                clock.Restart();
                linear.GeneratedTensors();
                generated.Add(clock.Elapsed.TotalMicroseconds);
            }

            hand.Sort();
            generated.Sort();
            double ratio = generated[Calls / 2] / hand[Calls / 2];
            Console.WriteLine($"Linear {shape}, round {round}: hand-written median {hand[Calls / 2]:F0} us, generated median {generated[Calls / 2]:F0} us, ratio {ratio:F2}");
        }
    }

    /// <summary>
    /// Times every benchmark of a workload (<c>--alternate loop:1000000</c>, <c>--alternate rollout:1000</c>) in turn, in
    /// one process, so all see the same machine and the same arrays, and gives each one's median over its baseline's.
    /// </summary>
    private static void AlternateWorkload(IGradientWorkload workload)
    {
        workload.GetType().GetMethod("Setup")!.Invoke(workload, null);
        MethodInfo[] methods = workload.GetType().GetMethods()
            .Where(method => method.GetCustomAttribute<BenchmarkAttribute>() is not null)
            .OrderByDescending(method => method.GetCustomAttribute<BenchmarkAttribute>()!.Baseline)
            .ToArray();
        Func<float>[] calls = methods.Select(method => method.CreateDelegate<Func<float>>(workload)).ToArray();
        var clock = Stopwatch.StartNew();

        // Long enough for every call to reach its final tier (a call still at tier 0 does not inline the overloads).
        while (clock.Elapsed.TotalSeconds < 2)
        {
            foreach (Func<float> call in calls)
            {
                call();
            }
        }

        System.Threading.Thread.Sleep(500);
        clock.Restart();
        calls[0]();
        double once = Math.Max(clock.Elapsed.TotalNanoseconds, 1);
        int repeat = (int)Math.Clamp(20_000 / once, 1, 1000);
        int rounds = (int)Math.Clamp(2e8 / (once * repeat * calls.Length), 50, 2000);
        string name = workload.GetType().Name + string.Concat(workload.GetType().GetProperties().Where(p => p.Name == "N").Select(p => " n = " + p.GetValue(workload)));
        for (int round = 1; round <= 3; round++)
        {
            var times = calls.Select(_ => new List<double>(rounds)).ToArray();
            for (int i = 0; i < rounds; i++)
            {
                for (int c = 0; c < calls.Length; c++)
                {
                    clock.Restart();
                    for (int r = 0; r < repeat; r++)
                    {
                        calls[c]();
                    }

                    times[c].Add(clock.Elapsed.TotalNanoseconds / repeat);
                }
            }

            double[] medians = times.Select(t => t.Order().ElementAt(rounds / 2)).ToArray();
            Console.WriteLine(
                $"{name}, round {round}: "
                + string.Join(", ", methods.Select((m, i) => $"{m.Name} {medians[i]:F0} ns ({medians[i] / medians[0]:F2})")));
        }
    }
}
