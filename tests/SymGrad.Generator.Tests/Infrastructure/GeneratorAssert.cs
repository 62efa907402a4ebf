using System.Linq;
using Microsoft.CodeAnalysis;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>Assertions every kind of generator test shares.</summary>
internal static class GeneratorAssert
{
    /// <summary>The generator did not throw: no exception in its result and no CS8785.</summary>
    public static void DidNotCrash(GeneratorRun run, string? input = null)
    {
        string context = input is null ? string.Empty : "\nInput:\n" + input;
        Assert.True(run.Generator.Exception is null, "The generator threw: " + run.Generator.Exception + context);
        Diagnostic[] crashes = run.Diagnostics.Where(d => d.Id == GeneratorRun.GeneratorCrash).ToArray();
        Assert.True(crashes.Length == 0, "The generator crashed:\n" + TestCompilation.Format(crashes) + context);
    }

    /// <summary>
    /// The generator ran cleanly and what it generated compiles: no generator diagnostics, no errors in the output
    /// compilation, and no warnings in generated files.
    /// </summary>
    public static void GeneratedCodeCompiles(GeneratorRun run)
    {
        DidNotCrash(run);
        Assert.True(run.Diagnostics.IsEmpty, "The generator reported:\n" + TestCompilation.Format(run.Diagnostics));
        var generated = run.Sources.Select(s => s.SyntaxTree.FilePath).ToHashSet();
        Diagnostic[] problems = run.Output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error
                || (d.Severity == DiagnosticSeverity.Warning && generated.Contains(d.Location.SourceTree?.FilePath ?? string.Empty)))
            .ToArray();
        Assert.True(problems.Length == 0, "The output compilation has problems:\n" + TestCompilation.Format(problems));
    }
}
