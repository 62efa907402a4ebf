using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace SymGrad.GeneratorBenchmarks;

/// <summary>
/// Why each tracked step of one generator run produced its outputs: per step, how many outputs were New, Modified,
/// Unchanged (recomputed, equal to before), Cached (not recomputed) or Removed. The generator's own steps are listed
/// one by one; Roslyn's inside ForAttributeWithMetadataName, which see every new compilation as Modified, are summed.
/// </summary>
internal sealed class StepReasons
{
    /// <summary>The steps every [Differentiable] method goes through, named as the generator tracks them.</summary>
    public static readonly string[] MethodSteps = { "Frontend", "Methods", "Autodiff", "Optimize", "Schedule", "Emit" };

    /// <summary>
    /// The steps whose outputs an unrelated edit must leave Cached or Unchanged: the generator's own, its reported
    /// diagnostics, and Roslyn's node for the source output (which adds the files).
    /// </summary>
    public static readonly string[] CheckedSteps = MethodSteps.Append("Diagnostics").Append("SourceOutput").ToArray();

    private static readonly IncrementalStepRunReason[] Columns =
    {
        IncrementalStepRunReason.New,
        IncrementalStepRunReason.Modified,
        IncrementalStepRunReason.Unchanged,
        IncrementalStepRunReason.Cached,
        IncrementalStepRunReason.Removed,
    };

    private readonly IReadOnlyList<(string Step, Dictionary<IncrementalStepRunReason, int> Counts)> steps;

    private StepReasons(IReadOnlyList<(string Step, Dictionary<IncrementalStepRunReason, int> Counts)> steps) => this.steps = steps;

    /// <summary>The reasons of the single generator's last run; the driver must track steps.</summary>
    public static StepReasons Of(GeneratorDriver driver)
    {
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        if (result.Exception is { } exception)
        {
            throw new InvalidOperationException("The generator threw.", exception);
        }

        ImmutableDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> tracked = result.TrackedSteps;
        IEnumerable<string> names = CheckedSteps.Where(tracked.ContainsKey)
            .Concat(tracked.Keys.Where(k => !CheckedSteps.Contains(k)).Order(StringComparer.Ordinal));
        var steps = new List<(string, Dictionary<IncrementalStepRunReason, int>)>();
        foreach (string name in names)
        {
            Dictionary<IncrementalStepRunReason, int> counts = tracked[name]
                .SelectMany(run => run.Outputs)
                .GroupBy(output => output.Reason)
                .ToDictionary(g => g.Key, g => g.Count());
            steps.Add((name, counts));
        }

        return new StepReasons(steps);
    }

    /// <summary>What is wrong for an edit that must not regenerate anything; empty when nothing is.</summary>
    public IReadOnlyList<string> ProblemsForCachedRun()
    {
        var problems = new List<string>();
        foreach (string step in MethodSteps)
        {
            if (!this.steps.Any(s => s.Step == step && s.Counts.Values.Sum() > 0))
            {
                problems.Add($"step {step} reported no outputs");
            }
        }

        foreach ((string step, Dictionary<IncrementalStepRunReason, int> counts) in this.steps.Where(s => CheckedSteps.Contains(s.Step)))
        {
            foreach ((IncrementalStepRunReason reason, int count) in counts)
            {
                if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                {
                    problems.Add($"step {step}: {count} output(s) {reason}");
                }
            }
        }

        return problems;
    }

    /// <summary>A markdown table: one row per step, one column per reason.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| step | ").AppendJoin(" | ", Columns).AppendLine(" |");
        text.Append("| --- |").Append(string.Concat(Enumerable.Repeat(" ---: |", Columns.Length))).AppendLine();
        foreach ((string step, Dictionary<IncrementalStepRunReason, int> counts) in this.steps.Where(s => CheckedSteps.Contains(s.Step)))
        {
            AppendRow(text, step, counts);
        }

        var roslyn = this.steps.Where(s => !CheckedSteps.Contains(s.Step)).ToArray();
        if (roslyn.Length > 0)
        {
            Dictionary<IncrementalStepRunReason, int> sums = roslyn
                .SelectMany(s => s.Counts)
                .GroupBy(c => c.Key)
                .ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
            AppendRow(text, $"(Roslyn's {roslyn.Length} internal steps)", sums);
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, string step, Dictionary<IncrementalStepRunReason, int> counts)
        => text.Append("| ").Append(step).Append(" | ")
            .AppendJoin(" | ", Columns.Select(c => counts.TryGetValue(c, out int n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0"))
            .AppendLine(" |");
}
