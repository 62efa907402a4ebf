using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>
/// One run of the generator over a compilation: the driver (to run again), the output compilation and what the
/// generator reported (SG diagnostics, and CS8785 if it crashed).
/// </summary>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    Compilation Input,
    Compilation Output,
    ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>The ID of the diagnostic Roslyn reports when a generator throws.</summary>
    public const string GeneratorCrash = "CS8785";

    public GeneratorDriverRunResult Result => this.Driver.GetRunResult();

    public GeneratorRunResult Generator => this.Result.Results.Single();

    public ImmutableArray<GeneratedSourceResult> Sources => this.Generator.GeneratedSources;

    /// <summary>The files of the [Differentiable] methods themselves: one each, without their private forms (rank-3, general).</summary>
    public ImmutableArray<GeneratedSourceResult> MethodSources => this.Sources.Where(s => !IsForm(s.HintName)).ToImmutableArray();

    /// <summary>Whether a generated file is a method's private form: its rank-3 form or its general form.</summary>
    public static bool IsForm(string hintName)
        => hintName.Contains("AtRankThree.", System.StringComparison.Ordinal) || hintName.Contains("AtAnyShape.", System.StringComparison.Ordinal);

    /// <summary>A driver that tracks every step, as the caching tests need, with the compilations' parse options.</summary>
    public static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            new[] { new DifferentiableGenerator().AsSourceGenerator() },
            parseOptions: TestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Of(string source, CancellationToken cancellationToken = default)
        => Of(TestCompilation.Create(source), cancellationToken);

    public static GeneratorRun Of(Compilation compilation, CancellationToken cancellationToken = default)
        => Continue(CreateDriver(), compilation, cancellationToken);

    /// <summary>Runs <paramref name="driver"/> (which may hold a previous run's state) over <paramref name="compilation"/>.</summary>
    public static GeneratorRun Continue(GeneratorDriver driver, Compilation compilation, CancellationToken cancellationToken = default)
    {
        GeneratorDriver next = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics, cancellationToken);
        return new GeneratorRun(next, compilation, output, diagnostics);
    }

    /// <summary>A new run over a compilation derived from this run's input, reusing this run's driver state.</summary>
    public GeneratorRun Then(Compilation compilation) => Continue(this.Driver, compilation);
}
