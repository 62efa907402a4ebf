using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SymGrad.GeneratorBenchmarks;

/// <summary>
/// What the generated code costs a build: the corpus grown to a number of methods (ten per file, each file's methods
/// distinct), run through the generator, then compiled with the generated code to an optimized assembly in memory,
/// as a Release build does. Prints the medians of five builds, after one to warm up, and the generated code's size.
/// </summary>
internal static class BuildSize
{
    public static int Run(int methods)
    {
        var corpus = Corpus.Create((methods + Corpus.MethodsPerFile - 1) / Corpus.MethodsPerFile);
        int count = corpus.Trees.Length * Corpus.MethodsPerFile;
        Build(corpus, out int lines, out long bytes, out long qualifiers, out int errors);

        var generator = new double[5];
        var compiler = new double[5];
        for (int run = 0; run < generator.Length; run++)
        {
            (generator[run], compiler[run]) = Build(corpus, out _, out _, out _, out _);
        }

        Array.Sort(generator);
        Array.Sort(compiler);
        Console.WriteLine($"{count} [Differentiable] methods in {corpus.Trees.Length} files: {lines:N0} generated lines ({bytes / 1024:N0} KB, {(double)lines / count:F0} a method), {errors} errors.");
        Console.WriteLine($"global:: is {100.0 * qualifiers * "global::".Length / bytes:F1}% of the generated text.");
        Console.WriteLine($"Median of 5 builds: generator {generator[2]:F0} ms, compiler emitting the project {compiler[2]:F0} ms, together {generator[2] + compiler[2]:F0} ms.");
        return errors == 0 ? 0 : 1;
    }

    private static (double Generator, double Compiler) Build(Corpus corpus, out int lines, out long bytes, out long qualifiers, out int errors)
    {
        long start = Stopwatch.GetTimestamp();
        GeneratorDriver driver = corpus.NewDriver().RunGeneratorsAndUpdateCompilation(corpus.NewCompilation(), out Compilation output, out _);
        double generator = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        lines = result.GeneratedSources.Sum(s => s.SourceText.Lines.Count);
        bytes = result.GeneratedSources.Sum(s => (long)s.SourceText.Length);
        qualifiers = result.GeneratedSources.Sum(s => (long)Occurrences(s.SourceText.ToString(), "global::"));

        start = Stopwatch.GetTimestamp();
        using var assembly = new MemoryStream();
        Compilation release = output.WithOptions(output.Options.WithOptimizationLevel(OptimizationLevel.Release));
        var emitted = release.Emit(assembly);
        double compiler = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        errors = emitted.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        foreach (Diagnostic error in emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5))
        {
            Console.Error.WriteLine(error);
        }

        return (generator, compiler);
    }

    private static int Occurrences(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
