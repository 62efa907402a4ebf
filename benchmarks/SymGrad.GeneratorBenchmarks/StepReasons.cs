using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace SymGrad.GeneratorBenchmarks;

/// <summary>
/// Why each tracked step of one generator run produced its outputs: per step, how many outputs were New, Modified,
/// Unchanged (recomputed, equal to before), Cached (not recomputed) or Removed, and the time the step took. The
/// generator's own steps are listed one by one; Roslyn's inside ForAttributeWithMetadataName, which see every new
/// compilation as Modified, are summed.
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

    private readonly IReadOnlyList<Step> steps;

    private StepReasons(IReadOnlyList<Step> steps) => this.steps = steps;

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
        return new StepReasons(names.Select(name => new Step(
            name,
            tracked[name].SelectMany(run => run.Outputs).GroupBy(output => output.Reason).ToDictionary(g => g.Key, g => g.Count()),
            TimeSpan.FromTicks(tracked[name].Sum(run => run.ElapsedTime.Ticks)))).ToArray());
    }

    /// <summary>What is wrong for an edit that must not regenerate anything; empty when nothing is.</summary>
    public IReadOnlyList<string> ProblemsForCachedRun()
    {
        var problems = new List<string>();
        foreach (string step in MethodSteps)
        {
            if (!this.steps.Any(s => s.Name == step && s.Counts.Values.Sum() > 0))
            {
                problems.Add($"step {step} reported no outputs");
            }
        }

        foreach (Step step in this.steps.Where(s => s.IsChecked))
        {
            foreach ((IncrementalStepRunReason reason, int count) in step.Counts)
            {
                if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                {
                    problems.Add($"step {step.Name}: {count} output(s) {reason}");
                }
            }
        }

        return problems;
    }

    /// <summary>A markdown table: one row per step, one column per reason, then the step's time.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| step | ").AppendJoin(" | ", Columns).AppendLine(" | time |");
        text.Append("| --- |").Append(string.Concat(Enumerable.Repeat(" ---: |", Columns.Length + 1))).AppendLine();
        foreach (Step step in this.steps.Where(s => s.IsChecked))
        {
            AppendRow(text, step);
        }

        Step[] roslyn = this.steps.Where(s => !s.IsChecked).ToArray();
        if (roslyn.Length > 0)
        {
            AppendRow(text, new Step(
                $"(Roslyn's {roslyn.Length} internal steps)",
                roslyn.SelectMany(s => s.Counts).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Sum(c => c.Value)),
                TimeSpan.FromTicks(roslyn.Sum(s => s.Elapsed.Ticks))));
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, Step step)
        => text.Append("| ").Append(step.Name).Append(" | ")
            .AppendJoin(" | ", Columns.Select(c => step.Counts.TryGetValue(c, out int n) ? n.ToString(CultureInfo.InvariantCulture) : "0"))
            .Append(" | ").Append(step.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)).AppendLine(" ms |");

    /// <summary>One tracked step: its outputs counted by reason, and the time its runs took, summed.</summary>
    private sealed record Step(string Name, Dictionary<IncrementalStepRunReason, int> Counts, TimeSpan Elapsed)
    {
        public bool IsChecked => CheckedSteps.Contains(this.Name);
    }
}
