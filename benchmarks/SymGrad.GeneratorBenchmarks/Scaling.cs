using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace SymGrad.GeneratorBenchmarks;

/// <summary>
/// The generator over one method of 16 to 1,024 lines of each <see cref="RecurrenceKind"/>: the time of a whole run
/// (median of a few, after a warm-up) and of each tracked step, as a markdown table, so growth can be read per stage.
/// </summary>
internal static class Scaling
{
    public static readonly int[] DefaultSizes = { 16, 64, 256, 1024 };

    /// <summary>Runs every kind at every size (median of 3 runs, 1 from 1,024 lines); returns the table and the problems found (diagnostics, missing output).</summary>
    public static (string Report, IReadOnlyList<string> Problems) Run(IReadOnlyList<RecurrenceKind> kinds, IReadOnlyList<int> sizes)
    {
        ImmutableArray<MetadataReference> references = Corpus.LoadReferences();
        var problems = new List<string>();
        var text = new StringBuilder();
        text.AppendLine("| method | lines | whole run | per line | " + string.Join(" | ", StepReasons.MethodSteps) + " | generated | compiler binding, no generator |");
        text.AppendLine("| --- | ---: | ---: | ---: |" + string.Concat(Enumerable.Repeat(" ---: |", StepReasons.MethodSteps.Length + 2)));

        // Once through a small method first, so that the first row does not time the JIT.
        Recurrences.NewDriver().RunGenerators(new Recurrences(RecurrenceKind.Scalar, 8, references).NewCompilation());
        foreach (RecurrenceKind kind in kinds)
        {
            foreach (int lines in sizes)
            {
                var recurrence = new Recurrences(kind, lines, references);

                // The largest methods spend seconds in the compiler's own binding: fewer runs keep the whole benchmark short.
                int repetitions = lines >= 1024 ? 1 : 3;
                var times = new double[repetitions];
                for (int i = 0; i < repetitions; i++)
                {
                    Compilation compilation = recurrence.NewCompilation();
                    long start = Stopwatch.GetTimestamp();
                    GC.KeepAlive(Recurrences.NewDriver().RunGenerators(compilation));
                    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }

                Array.Sort(times);
                double whole = times[repetitions / 2];

                GeneratorDriver tracked = Recurrences.NewDriver(trackSteps: true).RunGenerators(recurrence.NewCompilation());
                GeneratorRunResult result = tracked.GetRunResult().Results.Single();
                problems.AddRange(result.Diagnostics.Select(d => $"{kind} {lines}: the generator reported {d}"));
                if (result.Exception is { } exception)
                {
                    problems.Add($"{kind} {lines}: the generator threw {exception}");
                }

                if (result.GeneratedSources.Length != 1)
                {
                    problems.Add($"{kind} {lines}: {result.GeneratedSources.Length} generated files, not 1");
                }

                long bindStart = Stopwatch.GetTimestamp();
                GC.KeepAlive(recurrence.NewCompilation().GetDiagnostics());
                double binding = Stopwatch.GetElapsedTime(bindStart).TotalMilliseconds;

                int generatedLines = result.GeneratedSources.Sum(s => s.SourceText.Lines.Count);
                IEnumerable<string> steps = StepReasons.MethodSteps.Select(step => result.TrackedSteps.TryGetValue(step, out var runs)
                    ? Milliseconds(runs.Sum(r => r.ElapsedTime.TotalMilliseconds))
                    : "-");
                text.AppendLine($"| {kind} | {lines:N0} | {Milliseconds(whole)} | {(whole * 1000 / lines).ToString("F0", CultureInfo.InvariantCulture)} us | "
                    + string.Join(" | ", steps) + $" | {generatedLines:N0} lines | {Milliseconds(binding)} |");
            }
        }

        return (text.ToString(), problems);
    }

    private static string Milliseconds(double ms) => ms.ToString(ms < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) + " ms";
}
