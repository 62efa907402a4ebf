using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace SymGrad.GeneratorBenchmarks;

/// <summary>
/// The generator's own speed, with a driver as the compiler and the IDE make it (no step tracking):
/// a full run over <see cref="Corpus.MethodCount"/> methods, and re-runs after edits that must regenerate nothing,
/// beside the compiler's own binding of the same files for scale.
/// Each benchmark starts from a new compilation of the same parsed files, so nothing bound by a previous invocation
/// is reused; the setup fails if an edit does not leave every tracked step Cached or Unchanged.
/// </summary>
public class GeneratorBenchmarks
{
    // BenchmarkDotNet sets up each benchmark in this same process: the checks run each time, the report prints once.
    private static bool reported;

    private Corpus corpus = null!;
    private GeneratorDriver afterFullRun = null!;

    [GlobalSetup]
    public void Setup()
    {
        this.corpus = Corpus.Create();
        (string report, IReadOnlyList<string> problems) = Verification.Run(this.corpus, compileGeneratedCode: false);
        if (!reported)
        {
            Console.WriteLine(report);
            reported = true;
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The incremental benchmarks would not measure cached runs:\n" + string.Join("\n", problems));
        }

        this.afterFullRun = this.corpus.NewDriver().RunGenerators(this.corpus.NewCompilation());
    }

    /// <summary>A new driver over the whole corpus: what a clean build does.</summary>
    [Benchmark(Description = "full run, 100 methods")]
    public GeneratorDriver FullRun() => this.corpus.NewDriver().RunGenerators(this.corpus.NewCompilation());

    /// <summary>For scale: what the compiler itself spends binding the same files (declarations and method bodies), without the generator.</summary>
    [Benchmark(Description = "compiler binding the corpus, no generator")]
    public int BindWithoutGenerator() => this.corpus.NewCompilation().GetDiagnostics().Length;

    /// <summary>The driver of the full run, after a file with no [Differentiable] method is added.</summary>
    [Benchmark(Description = "re-run, unrelated file added")]
    public GeneratorDriver RerunAfterUnrelatedFile() => this.afterFullRun.RunGenerators(this.corpus.WithUnrelatedFile());

    /// <summary>The driver of the full run, after a member is added beside the methods of one file (10 methods move).</summary>
    [Benchmark(Description = "re-run, member added beside 10 methods")]
    public GeneratorDriver RerunAfterEditBesideMethods() => this.afterFullRun.RunGenerators(this.corpus.WithEditBesideMethods());
}
