using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Incremental caching: an edit that does not touch a [Differentiable] method leaves every tracked step Cached or
/// Unchanged, a real change regenerates, and nothing that flows through the pipeline holds a symbol, syntax or a
/// compilation (which would both leak memory and defeat the cache).
/// </summary>
public sealed class CachingTests
{
    private const string LossesPath = "Losses.cs";
    private const string OtherPath = "Other.cs";

    private const string Other = """
        public static class Other
        {
            public static int Answer() => 42;
        }
        """;

    /// <summary>The steps every run over a [Differentiable] method goes through.</summary>
    private static readonly string[] MethodSteps =
    {
        TrackingNames.Frontend, TrackingNames.Methods, TrackingNames.Autodiff, TrackingNames.Optimize, TrackingNames.Schedule, TrackingNames.Emit,
    };

    [Fact]
    public void AddingAnUnrelatedFileLeavesEveryStepCachedOrUnchanged()
    {
        Compilation compilation = TestCompilation.Create((LossesPath, ExampleSources.MseWrittenOut));
        GeneratorRun first = GeneratorRun.Of(compilation);
        GeneratorAssert.GeneratedCodeCompiles(first);

        GeneratorRun second = first.Then(compilation.AddSyntaxTrees(TestCompilation.Parse(Other, OtherPath)));

        AssertEveryStepCachedOrUnchanged(second);
        Assert.Equal(Texts(first), Texts(second));
    }

    [Fact]
    public void EditingAnUnrelatedFileLeavesEveryStepCachedOrUnchanged()
    {
        Compilation compilation = TestCompilation.Create((LossesPath, ExampleSources.MseWrittenOut), (OtherPath, Other));
        GeneratorRun first = GeneratorRun.Of(compilation);
        GeneratorAssert.GeneratedCodeCompiles(first);

        SyntaxTree other = compilation.SyntaxTrees.Single(t => t.FilePath == OtherPath);
        Compilation edited = compilation.ReplaceSyntaxTree(other, TestCompilation.Parse(Other.Replace("42", "43 + 1", StringComparison.Ordinal), OtherPath));
        GeneratorRun second = first.Then(edited);

        AssertEveryStepCachedOrUnchanged(second);
        Assert.Equal(Texts(first), Texts(second));
    }

    [Fact]
    public void EditingAnotherMemberOfTheSameFileLeavesEveryStepCachedOrUnchanged()
    {
        string source = ExampleSources.MseWrittenOut.Replace(
            "public static partial class Losses\n{\n",
            "public static partial class Losses\n{\n    public static int Version() => 1;\n\n",
            StringComparison.Ordinal);
        Assert.NotEqual(ExampleSources.MseWrittenOut, source);
        Compilation compilation = TestCompilation.Create((LossesPath, source));
        GeneratorRun first = GeneratorRun.Of(compilation);
        GeneratorAssert.GeneratedCodeCompiles(first);

        // A longer edit moves the [Differentiable] method down the file: its model must not depend on positions.
        Compilation edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(t => t.FilePath == LossesPath),
            TestCompilation.Parse(source.Replace("=> 1;", "=> 1 + 1 + 1 + 1;\n\n    // A comment.\n", StringComparison.Ordinal), LossesPath));
        GeneratorRun second = first.Then(edited);

        AssertEveryStepCachedOrUnchanged(second);
        Assert.Equal(Texts(first), Texts(second));
    }

    [Fact]
    public void AnUnrelatedEditLeavesReportedDiagnosticsCached()
    {
        string broken = ExampleSources.Usings + """
            public static partial class Broken
            {
                static float scale = 2;

                [Differentiable]
                public static float Loss(ReadOnlyTensorSpan<float> x) => scale * Sum(x);
            }
            """;
        Compilation compilation = TestCompilation.Create((LossesPath, ExampleSources.MseWrittenOut), ("Broken.cs", broken));
        GeneratorRun first = GeneratorRun.Of(compilation);
        Assert.Contains(first.Diagnostics, d => d.Id == "SG0008");

        GeneratorRun second = first.Then(compilation.AddSyntaxTrees(TestCompilation.Parse(Other, OtherPath)));

        AssertEveryStepCachedOrUnchanged(second);
        Assert.Equal(first.Diagnostics.Select(d => d.ToString()), second.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void ChangingTheMethodBodyRegenerates()
    {
        Compilation compilation = TestCompilation.Create((LossesPath, ExampleSources.MseWrittenOut));
        GeneratorRun first = GeneratorRun.Of(compilation);
        GeneratorAssert.GeneratedCodeCompiles(first);

        string changed = ExampleSources.MseWrittenOut.Replace("Mean(Square(x - target))", "Sum(Square(x - target))", StringComparison.Ordinal);
        Assert.NotEqual(ExampleSources.MseWrittenOut, changed);
        GeneratorRun second = first.Then(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == LossesPath), TestCompilation.Parse(changed, LossesPath)));
        GeneratorAssert.GeneratedCodeCompiles(second);

        IncrementalStepRunReason[] emit = Reasons(second, TrackingNames.Emit);
        Assert.NotEmpty(emit);
        Assert.All(emit, reason => Assert.True(reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New, "Emit reported " + reason));
        Assert.NotEqual(Texts(first), Texts(second));
    }

    [Fact]
    public void NoStepOutputHoldsASymbolSyntaxOrCompilation()
    {
        GeneratorRun run = GeneratorRun.Of(AllExamplesAndADiagnostic());
        var problems = new List<string>();
        int walked = 0;
        foreach ((string step, object value) in StepOutputs(run))
        {
            walked += Walk(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance), problems);
        }

        Assert.True(problems.Count == 0, "Step outputs hold objects that must not flow through the pipeline:\n" + string.Join("\n", problems.Distinct()));
        Assert.True(walked > 100, "Only " + walked + " objects were walked.");
        foreach (string step in MethodSteps.Append(TrackingNames.Diagnostics))
        {
            Assert.Contains(StepOutputs(run), output => output.Step == step);
        }
    }

    [Fact]
    public void StepOutputsOfIdenticalCompilationsAreEqual()
    {
        // Two compilations parsed separately share no objects, so only value equality can make their outputs equal.
        GeneratorRun first = GeneratorRun.Of(AllExamplesAndADiagnostic());
        GeneratorRun second = GeneratorRun.Of(AllExamplesAndADiagnostic());
        foreach (string step in TrackingNames.All)
        {
            object[] a = Outputs(first, step);
            object[] b = Outputs(second, step);
            Assert.Equal(a.Length, b.Length);
            for (int i = 0; i < a.Length; i++)
            {
                Assert.True(a[i].Equals(b[i]), $"Output {i} of step {step} ({a[i].GetType().Name}) is not equal across identical compilations.");
                Assert.Equal(a[i].GetHashCode(), b[i].GetHashCode());
            }
        }
    }

    private static Compilation AllExamplesAndADiagnostic()
    {
        var files = ExampleSources.All.Select(e => (e.Name + ".cs", e.Source)).ToList();
        files.Add(("Broken.cs", ExampleSources.Usings + "public static class Broken { [Differentiable] public static float Loss(float a) => a; }"));
        return TestCompilation.Create(files.ToArray());
    }

    private static void AssertEveryStepCachedOrUnchanged(GeneratorRun run)
    {
        IReadOnlyDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> steps = run.Generator.TrackedSteps;
        foreach (string step in MethodSteps)
        {
            Assert.True(steps.ContainsKey(step), "Step " + step + " did not run.");
            Assert.True(Reasons(run, step).Length > 0, "Step " + step + " has no outputs.");
        }

        foreach (string step in TrackingNames.All.Where(steps.ContainsKey))
        {
            foreach (IncrementalStepRunReason reason in Reasons(run, step))
            {
                Assert.True(
                    reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Step {step} reported {reason} after an unrelated edit.");
            }
        }
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRun run, string step)
        => run.Generator.TrackedSteps.TryGetValue(step, out ImmutableArray<IncrementalGeneratorRunStep> runs)
            ? runs.SelectMany(r => r.Outputs).Select(o => o.Reason).ToArray()
            : Array.Empty<IncrementalStepRunReason>();

    private static object[] Outputs(GeneratorRun run, string step)
        => run.Generator.TrackedSteps.TryGetValue(step, out ImmutableArray<IncrementalGeneratorRunStep> runs)
            ? runs.SelectMany(r => r.Outputs).Select(o => o.Value).ToArray()
            : Array.Empty<object>();

    private static IEnumerable<(string Step, object Value)> StepOutputs(GeneratorRun run)
        => TrackingNames.All.SelectMany(step => Outputs(run, step).Select(value => (step, value)));

    private static string[] Texts(GeneratorRun run) => run.Sources.Select(s => s.HintName + "\n" + s.SourceText).ToArray();

    /// <summary>Walks an object graph through fields and collection elements; returns how many objects it visited.</summary>
    private static int Walk(object? value, string path, HashSet<object> seen, List<string> problems)
    {
        if (value is null)
        {
            return 0;
        }

        Type type = value.GetType();
        if (Forbidden(type) is { } what)
        {
            problems.Add(path + " is " + what + " (" + type.Name + ")");
            return 1;
        }

        if (type.IsPrimitive || type.IsEnum || value is string or decimal)
        {
            return 1;
        }

        if (!type.IsValueType && !seen.Add(value))
        {
            return 0;
        }

        int count = 1;
        if (value is IEnumerable items)
        {
            int index = 0;
            foreach (object? item in items)
            {
                count += Walk(item, path + "[" + index++ + "]", seen, problems);
            }
        }

        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                count += Walk(field.GetValue(value), path + "." + field.Name, seen, problems);
            }
        }

        return count;
    }

    private static string? Forbidden(Type type)
    {
        if (typeof(ISymbol).IsAssignableFrom(type))
        {
            return "a symbol";
        }

        if (typeof(SyntaxNode).IsAssignableFrom(type) || type == typeof(SyntaxToken) || type == typeof(SyntaxTrivia))
        {
            return "syntax";
        }

        if (typeof(SyntaxTree).IsAssignableFrom(type))
        {
            return "a syntax tree";
        }

        if (typeof(SemanticModel).IsAssignableFrom(type))
        {
            return "a semantic model";
        }

        if (typeof(Compilation).IsAssignableFrom(type))
        {
            return "a compilation";
        }

        if (typeof(Location).IsAssignableFrom(type))
        {
            return "a location (holds its syntax tree)";
        }

        if (typeof(Delegate).IsAssignableFrom(type) || typeof(MemberInfo).IsAssignableFrom(type))
        {
            return "not value-equatable";
        }

        return null;
    }
}
