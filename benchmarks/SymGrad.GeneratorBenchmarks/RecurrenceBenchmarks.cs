using System;
using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace SymGrad.GeneratorBenchmarks;

/// <summary>
/// The generator over one method of <see cref="Lines"/> lines whose every line reuses the value before it: a stage
/// that walked the shared graph as a tree would take time exponential in the lines; the time must grow in proportion.
/// Each run starts from a new compilation, so the frontend binds the method as a build would.
/// </summary>
public class RecurrenceBenchmarks
{
    private static readonly ImmutableArray<MetadataReference> References = Corpus.LoadReferences();

    private Recurrences recurrence = null!;

    [Params(RecurrenceKind.Scalar, RecurrenceKind.Tensor)]
    public RecurrenceKind Kind { get; set; }

    [Params(16, 64, 256, 1024)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        this.recurrence = new Recurrences(this.Kind, this.Lines, References);
        GeneratorRunResult result = Recurrences.NewDriver().RunGenerators(this.recurrence.NewCompilation()).GetRunResult().Results[0];
        if (result.Exception is not null || result.GeneratedSources.Length != 1 || !result.Diagnostics.IsEmpty)
        {
            throw new InvalidOperationException($"The generator did not generate {this.Kind} {this.Lines} cleanly: {result.Exception}{string.Join("\n", result.Diagnostics)}");
        }
    }

    /// <summary>A new driver over a new compilation of the one file: what a clean build of it costs.</summary>
    [Benchmark(Description = "full run, one method")]
    public GeneratorDriver FullRun() => Recurrences.NewDriver().RunGenerators(this.recurrence.NewCompilation());
}
