using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace SymGrad.GeneratorBenchmarks;

/// <summary>
/// What the benchmarks rely on, checked with a step-tracking driver: the full run generates one file per method
/// and reports nothing, and each edit the incremental benchmarks make leaves every output of the generator's tracked
/// steps Cached or Unchanged and the generated text the same.
/// </summary>
internal static class Verification
{
    /// <summary>Checks the corpus and both edits; returns a markdown report and the problems found (none when all holds).</summary>
    public static (string Report, IReadOnlyList<string> Problems) Run(Corpus corpus, bool compileGeneratedCode)
    {
        var problems = new List<string>();
        var report = new StringBuilder();

        // Once through everything first, so that the step times below are not the JIT's.
        GeneratorDriver warmUp = corpus.NewDriver(trackSteps: true).RunGenerators(corpus.NewCompilation());
        foreach ((_, Compilation edited) in Edits(corpus))
        {
            warmUp.RunGenerators(edited);
        }

        GeneratorDriver first = corpus.NewDriver(trackSteps: true).RunGenerators(corpus.NewCompilation());
        GeneratorRunResult firstResult = first.GetRunResult().Results.Single();
        int generated = firstResult.GeneratedSources.Length;
        int lines = firstResult.GeneratedSources.Sum(s => s.SourceText.Lines.Count);
        int kilobytes = firstResult.GeneratedSources.Sum(s => s.SourceText.Length) / 1024;
        report.AppendLine($"Full run over {Corpus.MethodCount} [Differentiable] methods in {Corpus.FileCount} files: "
            + $"{generated} generated files ({lines} lines, {kilobytes} KB), {firstResult.Diagnostics.Length} diagnostics.");
        if (generated != Corpus.MethodCount)
        {
            problems.Add($"the full run generated {generated} files, not {Corpus.MethodCount}");
        }

        problems.AddRange(firstResult.Diagnostics.Select(d => "the generator reported " + d));
        if (compileGeneratedCode)
        {
            corpus.NewDriver().RunGeneratorsAndUpdateCompilation(corpus.NewCompilation(), out Compilation output, out _);
            Diagnostic[] errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            report.AppendLine($"The corpus with the generated code compiles with {errors.Length} errors.");
            problems.AddRange(errors.Take(10).Select(d => "the generated code does not compile: " + d));
        }

        report.AppendLine();
        report.AppendLine("Step outputs of the full run (times: each step's runs summed, as the driver tracks them, after a warm-up):");
        report.AppendLine();
        report.Append(StepReasons.Of(first).ToMarkdown());

        foreach ((string name, Compilation edited) in Edits(corpus))
        {
            GeneratorDriver again = first.RunGenerators(edited);
            StepReasons reasons = StepReasons.Of(again);
            IReadOnlyList<string> wrong = reasons.ProblemsForCachedRun();
            if (!Texts(first).SequenceEqual(Texts(again)))
            {
                wrong = wrong.Append("the generated text changed").ToArray();
            }

            report.AppendLine();
            report.AppendLine($"Re-run after {name}: {(wrong.Count == 0 ? "every output of the generator's steps is Cached or Unchanged" : "NOT CACHED")}.");
            report.AppendLine();
            report.Append(reasons.ToMarkdown());
            problems.AddRange(wrong.Select(w => name + ": " + w));
        }

        return (report.ToString(), problems);
    }

    /// <summary>The edits the incremental benchmarks make, each from the corpus the driver ran on first.</summary>
    public static IEnumerable<(string Name, Compilation Edited)> Edits(Corpus corpus)
    {
        yield return ("adding an unrelated file", corpus.WithUnrelatedFile());
        yield return ("adding a member beside the methods of one file", corpus.WithEditBesideMethods());
    }

    /// <summary>Rough wall-clock times for the docs' sanity checks; BenchmarkDotNet gives the real numbers.</summary>
    public static string Timings(Corpus corpus)
    {
        var clock = Stopwatch.StartNew();
        GeneratorDriver warm = corpus.NewDriver().RunGenerators(corpus.NewCompilation());
        double cold = clock.Elapsed.TotalMilliseconds;

        double full = Median(9, () => corpus.NewDriver().RunGenerators(corpus.NewCompilation()));
        double binding = Median(9, () => corpus.NewCompilation().GetDiagnostics());
        double unrelated = Median(25, () => warm.RunGenerators(corpus.WithUnrelatedFile()));
        double beside = Median(25, () => warm.RunGenerators(corpus.WithEditBesideMethods()));
        return "Stopwatch medians (rough; BenchmarkDotNet gives the real numbers):\n"
            + $"- first run in this process (includes JIT): {cold:F1} ms\n"
            + $"- full run: {full:F1} ms, {full * 1000 / Corpus.MethodCount:F0} us per method\n"
            + $"- re-run after adding an unrelated file: {unrelated:F2} ms\n"
            + $"- re-run after adding a member beside the methods of one file: {beside:F2} ms\n"
            + $"- for scale, the compiler binding the same files without the generator: {binding:F1} ms\n";
    }

    private static double Median(int count, Func<object> run)
    {
        var times = new double[count];
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            GC.KeepAlive(run());
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[count / 2];
    }

    private static IEnumerable<string> Texts(GeneratorDriver driver)
        => driver.GetRunResult().Results.Single().GeneratedSources.Select(s => s.HintName + "\n" + s.SourceText);
}
