using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xunit.Abstractions;

namespace SymGrad.Generator.Tests.ControlFlow;

/// <summary>
/// The control-flow gradient suite. The PyTorch references must agree with the methods run as written (values, and
/// gradients by central differences), whatever the generator does; the generator's result for each function must be
/// right wherever it generates code, and no worse than <c>baseline.txt</c>.
/// </summary>
public sealed class ControlFlowSuiteTests(ITestOutputHelper output)
{
    public static TheoryData<string> FunctionNames => new(SuiteSources.Declared().Select(d => d.Name));

    [Fact]
    public void The_suite_has_at_least_150_functions_each_with_references_for_its_signature()
    {
        SuiteRun run = SuiteRun.Instance;
        Assert.True(run.Functions.Count >= 150, "The suite has " + run.Functions.Count + " functions.");
        Assert.Equal(run.Functions.Count, run.Functions.Select(f => f.Name).Distinct().Count());

        var problems = new List<string>();
        foreach (SuiteFunction function in run.Functions)
        {
            if (!run.References.TryGetValue(function.Name, out SuiteReference? reference))
            {
                problems.Add(function.Name + ": no reference in control_flow.json; mirror it in tools/reference/control_flow.py");
                continue;
            }

            if (reference.Signature != function.Signature || reference.IsFloat != function.IsFloat)
            {
                problems.Add(function.Name + ": the C# method is '" + function.Signature + (function.IsFloat ? "' float" : "' double") + ", the mirror '" + reference.Signature + (reference.IsFloat ? "' float" : "' double"));
            }

            if (reference.Points.Count < 2)
            {
                problems.Add(function.Name + ": " + reference.Points.Count + " point(s); take at least two");
            }
        }

        problems.AddRange(run.References.Keys.Where(name => run.Functions.All(f => f.Name != name)).Select(name => name + ": a reference for no method of the suite"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void The_reference_agrees_with_the_method_run_as_written(string name)
    {
        SuiteRun run = SuiteRun.Instance;
        SuiteFunction function = run.Function(name);
        SuiteReference reference = run.References[name];
        Tolerance mirror = Tolerance.Mirror(function.IsFloat);
        Tolerance differences = Tolerance.FiniteDifference(function.IsFloat);
        foreach (ReferencePoint point in reference.Points)
        {
            double value = run.Eager(name, point.Arguments, point.Shapes);
            Assert.True(mirror.ValueAgrees(value, point.Value), name + point + ": the method as written gives " + ReferencePoint.Format(value) + ", the mirror " + ReferencePoint.Format(point.Value));

            double[] numeric = CentralDifferences(run, function, point);
            Assert.Equal(point.Gradient.Length, numeric.Length);
            double scale = Tolerance.Scale(point.Gradient.Append(value));
            for (int i = 0; i < numeric.Length; i++)
            {
                Assert.True(
                    differences.GradientAgrees(numeric[i], point.Gradient[i], scale),
                    name + point + ": gradient element " + i + " is " + ReferencePoint.Format(point.Gradient[i]) + " in PyTorch, " + ReferencePoint.Format(numeric[i]) + " by central differences of the method as written");
            }
        }
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void The_generated_code_is_right_and_no_worse_than_the_baseline(string name)
    {
        string status = SuiteRun.Instance.Status(name);
        IReadOnlyDictionary<string, string> baseline = BaselineEntries.Value;
        if (Baseline.IsWrong(status))
        {
            Assert.True(
                baseline.TryGetValue(name, out string? known) && Baseline.IsWrong(known),
                name + " is " + status + "\nA wrong value or gradient is never accepted into the baseline.");
            return;
        }

        if (Baseline.Accepting)
        {
            return;
        }

        Assert.True(baseline.TryGetValue(name, out string? recorded), name + " is not in " + Baseline.FilePath() + "; it is " + status + ". Run with " + Baseline.AcceptVariable + "=1 to record it.");
        Assert.False(Baseline.IsOk(recorded) && !Baseline.IsOk(status), name + " passed and now is " + status);
        Assert.False(!Baseline.IsOk(recorded) && Baseline.IsOk(status), name + " now passes (it was " + recorded + "). Run with " + Baseline.AcceptVariable + "=1 to record it.");
    }

    [Fact]
    public void The_baseline_records_every_function_and_nothing_else()
    {
        SuiteRun run = SuiteRun.Instance;
        IReadOnlyDictionary<string, string> baseline = BaselineEntries.Value;
        output.WriteLine(Summary(run));
        if (Baseline.Accepting)
        {
            var entries = new List<(string Category, string Name, string Status)>();
            foreach (SuiteFunction function in run.Functions)
            {
                string status = run.Status(function.Name);
                if (Baseline.IsWrong(status))
                {
                    // Never recorded from a run: only a line written by hand survives.
                    if (baseline.TryGetValue(function.Name, out string? known) && Baseline.IsWrong(known))
                    {
                        entries.Add((function.Category, function.Name, known));
                    }

                    continue;
                }

                entries.Add((function.Category, function.Name, status));
            }

            Baseline.Write(entries);
            return;
        }

        var names = run.Functions.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        string[] stale = baseline.Keys.Where(n => !names.Contains(n)).ToArray();
        string[] missing = names.Where(n => !baseline.ContainsKey(n)).ToArray();
        Assert.True(
            stale.Length == 0 && missing.Length == 0,
            "The baseline names functions the suite does not have (" + string.Join(", ", stale) + ") or misses some ("
            + string.Join(", ", missing) + "). Run with " + Baseline.AcceptVariable + "=1 to rewrite it.");
    }

    private static readonly Lazy<IReadOnlyDictionary<string, string>> BaselineEntries = new(Baseline.Read);

    /// <summary>Per category, how many functions are ok, refused, broken and wrong now.</summary>
    private static string Summary(SuiteRun run)
    {
        static string Kind(string status) => status.Split(' ', ':')[0];
        var lines = new List<string> { "category     functions  ok  refused  broken  wrong" };
        foreach (IGrouping<string, SuiteFunction> category in run.Functions.GroupBy(f => f.Category).Append(run.Functions.GroupBy(_ => "all").Single()))
        {
            string[] kinds = category.Select(f => Kind(run.Status(f.Name))).ToArray();
            lines.Add(string.Format(
                CultureInfo.InvariantCulture,
                "{0,-12} {1,9} {2,3} {3,8} {4,7} {5,6}",
                category.Key,
                kinds.Length,
                kinds.Count(k => k == "ok"),
                kinds.Count(k => k == "refused"),
                kinds.Count(k => k == "broken"),
                kinds.Count(k => k == "wrong")));
        }

        return string.Join("\n", lines);
    }

    /// <summary>
    /// The fourth-order central difference (f(x-2h) - 8f(x-h) + 8f(x+h) - f(x+2h)) / 12h of the method as written, per
    /// element of each differentiable parameter in declaration order.
    /// </summary>
    private static double[] CentralDifferences(SuiteRun run, SuiteFunction function, ReferencePoint point)
    {
        double[][] arguments = point.Arguments;
        var result = new List<double>();
        for (int k = 0; k < function.Signature.Length; k++)
        {
            if (function.Signature[k] is not ('d' or 'v'))
            {
                continue;
            }

            for (int i = 0; i < arguments[k].Length; i++)
            {
                double x = arguments[k][i];
                double h = (function.IsFloat ? 1e-2 : 1e-4) * Math.Max(1, Math.Abs(x));
                double At(double offset)
                {
                    double[][] moved = arguments.Select(a => (double[])a.Clone()).ToArray();
                    moved[k][i] = x + offset;
                    return run.Eager(function.Name, moved, point.Shapes);
                }

                result.Add((At(-2 * h) - (8 * At(-h)) + (8 * At(h)) - At(2 * h)) / (12 * h));
            }
        }

        return result.ToArray();
    }
}
