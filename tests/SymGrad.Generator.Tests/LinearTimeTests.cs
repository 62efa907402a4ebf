using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Schedule;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Long methods whose every line reuses the value before it share each node of their graph many times: no stage may
/// walk that graph as a tree (which takes time exponential in the number of lines), and no expression, however deep,
/// may overflow the stack. Work is counted, not timed: <see cref="Printer.Visits"/> counts the nodes a printer visits.
/// </summary>
public sealed class LinearTimeTests
{
    // Smaller than the 1.5 MB a .NET thread gets on Linux and the 1 MB it gets on Windows: the compiler may run
    // generators on any thread.
    private const int SmallStack = 768 * 1024;

    [Theory]
    [InlineData("a = a * a + a;")]
    [InlineData("a = 0.5f * (a + x0 / a);")]
    public void Printing_visits_grow_linearly_with_the_number_of_lines(string line)
    {
        var visits = new Dictionary<int, double>();
        foreach (int lines in new[] { 16, 64, 256, 1024 })
        {
            GeneratorRun run = GeneratorRun.Of(ScalarRecurrence("float", line, lines));
            GeneratorAssert.DidNotCrash(run);
            Assert.Empty(run.Diagnostics);
            MethodPlan plan = Plans(run).Single();
            int nodes = plan.ValuePlan.Graph.Count + plan.GradientPlan.Graph.Count;

            // What the stages print: a one-line comment on every node (the emitter's), and the symbolic gradient.
            long printed = BriefEveryNode(plan, plan.ValuePlan) + BriefEveryNode(plan, plan.GradientPlan);
            var roots = plan.GradientPlan.Gradients.Select(g => ("∂f/∂" + plan.Method.Parameters[g.Parameter].Name, g.Node)).ToList();
            Printer.PrintShared(plan.GradientPlan.Graph, plan.Method.Parameters, plan.Method.Element, roots, out long shared);
            printed += shared;

            // A comment looks at a bounded part of the graph; the symbolic gradient names what it reuses.
            Assert.True(printed <= 64L * nodes, $"{lines} lines: {printed} nodes printed for {nodes} nodes planned.");
            Assert.True(shared <= 4L * plan.GradientPlan.Graph.Count, $"{lines} lines: the symbolic gradient printed {shared} nodes of {plan.GradientPlan.Graph.Count}.");
            visits[lines] = printed;
        }

        Assert.True(visits[1024] / visits[256] < 4.5, $"Visits went from {visits[256]} to {visits[1024]} for four times the lines.");
        Assert.True(visits[256] / visits[64] < 4.5, $"Visits went from {visits[64]} to {visits[256]} for four times the lines.");
    }

    [Fact]
    public void A_comment_on_a_deep_expression_is_cut_short_after_a_bounded_number_of_visits()
    {
        GeneratorRun run = GeneratorRun.Of(ScalarRecurrence("float", "a = a * a + a;", 64));
        MethodPlan plan = Plans(run).Single();
        var printer = new Printer(plan.GradientPlan.Graph, plan.Method.Parameters, plan.Method.Element);
        string brief = printer.Brief(plan.GradientPlan.Value);

        Assert.EndsWith("…", brief, StringComparison.Ordinal);
        Assert.Equal(96, brief.Length);
        Assert.InRange(printer.Visits, 1, 2 * (Printer.BriefDepth + 96));
    }

    [Fact]
    public void A_comment_on_a_long_sum_elides_what_lies_deeper_than_it_looks()
    {
        // 1 + 2 * b + ... nests its first terms hundreds deep: the comment starts with an ellipsis, not a stack overflow.
        GeneratorRun run = GeneratorRun.Of(ExampleSources.Usings
            + "public static partial class Long\n{\n    [Differentiable]\n    public static float F(float a, float b, float c, float d) =>\n        "
            + LongSum(400).Replace(" * ", "f * ", StringComparison.Ordinal) + ";\n}\n");
        MethodPlan plan = Plans(run).Single();
        var printer = new Printer(plan.ValuePlan.Graph, plan.Method.Parameters, plan.Method.Element);
        string brief = printer.Brief(plan.ValuePlan.Value);

        Assert.StartsWith("… + ", brief, StringComparison.Ordinal);
        Assert.InRange(printer.Visits, 1, 2 * (Printer.BriefDepth + 96));
    }

    [Fact]
    public void Comments_of_a_long_recurrence_name_the_locals_of_earlier_lines()
    {
        GeneratorRun run = GeneratorRun.Of(ScalarRecurrence("float", "a = a * a + a;", 64));
        GeneratorAssert.GeneratedCodeCompiles(run);
        // A scalar line's comment ends it: "float s5 = s4 * s4; // Square(s4)".
        string[] comments = run.Sources.Single().SourceText.Lines
            .Select(l => l.ToString().Trim())
            .Select(l => l.IndexOf("; // ", StringComparison.Ordinal) is int end and >= 0 ? l.Substring(end + 2) : l)
            .Where(l => l.StartsWith("// ", StringComparison.Ordinal))
            .ToArray();

        // Short values are printed whole; a value too long to print reads as one operation on the locals above it.
        Assert.Contains("// x0 * x1", comments);
        Assert.Contains(comments, c => System.Text.RegularExpressions.Regex.IsMatch(c, @"^// Square\(s\d+\)$"));
        Assert.Contains(comments, c => System.Text.RegularExpressions.Regex.IsMatch(c, @"^// s\d+ \+ s\d+$"));
        Assert.All(comments, c => Assert.True(c.Length <= 3 + 96 + 80, c));
    }

    [Fact]
    public void The_symbolic_gradient_of_a_long_recurrence_names_what_it_reuses()
    {
        GeneratorRun run = GeneratorRun.Of(ScalarRecurrence("float", "a = a * a + a;", 1024));
        GeneratorAssert.DidNotCrash(run);
        MethodPlan plan = Plans(run).Single();

        // Each reused value is one line "tK = ..." of bounded length: the text grows with the lines, not with the tree.
        Assert.Equal("where", plan.GradientDocs[2]);
        Assert.True(plan.GradientDocs.Count < 8 * 1024, plan.GradientDocs.Count + " lines of symbolic gradient");
        Assert.All(plan.GradientDocs, line => Assert.True(line.Length < 200, line));
    }

    [Fact]
    public void A_recurrence_of_1024_lines_computes_the_value_as_written_and_the_exact_gradient()
    {
        // Newton's square root, unrolled: r reaches Sqrt(s), and d r / d s reaches 1 / (2 Sqrt(s)).
        string source = ScalarRecurrence("double", "a = 0.5 * (a + x0 / a);", 1024, Wrappers("""
            public static double[] Check(double x0, double x1)
            {
                double value = Long.FValueAndGradient(x0, x1, out double d0, out double d1);
                return new[] { value, d0, d1, Long.F(x0, x1), Long.FValue(x0, x1) };
            }
            """));
        double[] result = (double[])CompileAndLoad(source).GetMethod("Check")!.Invoke(null, new object[] { 2.0, 1.0 })!;

        Assert.Equal(result[3], result[0]);
        Assert.Equal(result[3], result[4]);
        Assert.Equal(Math.Sqrt(2.0), result[0], 14);
        Assert.Equal(1 / (2 * Math.Sqrt(2.0)), result[1], 12);
        Assert.Equal(0, result[2], 12);
    }

    [Fact]
    public void A_tensor_recurrence_of_256_lines_computes_the_value_as_written_and_the_exact_gradient()
    {
        var source = new StringBuilder(ExampleSources.Usings);
        source.Append("public static partial class Long\n{\n    [Differentiable]\n    public static double F(ReadOnlyTensorSpan<double> x)\n    {\n        var t = x + 1;\n");
        // 256 lines, not 1,024: the compiler's own binding of tensor operators costs tens of milliseconds a line.
        for (int i = 2; i < 256; i++)
        {
            source.Append("        t = 0.5 * (t + x / t);\n");
        }

        source.Append("        return Sum(t);\n    }\n");
        source.Append(Wrappers("""
            public static double[] Check(double[] x)
            {
                var dx = new double[x.Length];
                double value = Long.FValueAndGradient(new ReadOnlyTensorSpan<double>(x), new TensorSpan<double>(dx));
                var result = new double[3 + x.Length];
                result[0] = value;
                result[1] = Long.F(new ReadOnlyTensorSpan<double>(x));
                result[2] = Long.FValue(new ReadOnlyTensorSpan<double>(x));
                dx.CopyTo(result, 3);
                return result;
            }
            """));
        double[] x = { 0.5, 2, 9, 30 };
        double[] result = (double[])CompileAndLoad(source.ToString()).GetMethod("Check")!.Invoke(null, new object[] { x })!;

        Assert.Equal(result[1], result[0], 12);
        Assert.Equal(result[1], result[2], 12);
        Assert.Equal(x.Sum(Math.Sqrt), result[0], 12);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(1 / (2 * Math.Sqrt(x[i])), result[3 + i], 12);
        }
    }

    [Fact]
    public void A_chain_of_256_reductions_each_needing_the_last_computes_the_value_as_written_and_the_exact_gradient()
    {
        // Every line is a loop of its own: s(k) = s(k - 1) * Sum(x). With Sum(x) = 1, s stays 1 and each line adds 1 to ds/dx.
        const int Lines = 256;
        var source = new StringBuilder(ExampleSources.Usings);
        source.Append("public static partial class Long\n{\n    [Differentiable]\n    public static double F(ReadOnlyTensorSpan<double> x)\n    {\n        double s = Sum(x);\n");
        for (int i = 2; i < Lines; i++)
        {
            source.Append("        s = Sum(x * s);\n");
        }

        source.Append("        return s;\n    }\n");
        source.Append(Wrappers("""
            public static double[] Check(double[] x)
            {
                var dx = new double[x.Length];
                double value = Long.FValueAndGradient(new ReadOnlyTensorSpan<double>(x), new TensorSpan<double>(dx));
                var result = new double[2 + x.Length];
                result[0] = value;
                result[1] = Long.F(new ReadOnlyTensorSpan<double>(x));
                dx.CopyTo(result, 2);
                return result;
            }
            """));
        double[] x = { 0.25, 0.5, 0.125, 0.125 };
        double[] result = (double[])CompileAndLoad(source.ToString()).GetMethod("Check")!.Invoke(null, new object[] { x })!;

        Assert.Equal(1.0, result[1]);
        Assert.Equal(result[1], result[0]);
        Assert.All(result.Skip(2), d => Assert.Equal(Lines - 1, d));
    }

    [Fact]
    public void A_sum_of_5000_terms_generates_code_that_computes_the_value_as_written_and_the_exact_gradient()
    {
        const int Terms = 5000;
        string source = ExampleSources.Usings
            + "public static partial class Long\n{\n    [Differentiable]\n    public static double F(double a, double b, double c, double d) =>\n        "
            + LongSum(Terms) + ";\n"
            + Wrappers("""
                public static double[] Check(double a, double b, double c, double d)
                {
                    double value = Long.FValueAndGradient(a, b, c, d, out double da, out double db, out double dc, out double dd);
                    return new[] { value, Long.F(a, b, c, d), da, db, dc, dd };
                }
                """);
        double[] result = (double[])CompileAndLoad(source).GetMethod("Check")!.Invoke(null, new object[] { 0.25, -0.5, 1.5, 2.0 })!;

        Assert.Equal(result[1], result[0], 9);
        for (int variable = 0; variable < 4; variable++)
        {
            // Term k multiplies variable k % 4 by k: the gradient is the sum of those k.
            double expected = Enumerable.Range(1, Terms).Where(k => k % 4 == variable).Sum(k => (double)k);
            Assert.Equal(expected, result[2 + variable], 9);
        }
    }

    [Fact]
    public void A_sum_of_5000_terms_does_not_overflow_a_small_stack()
    {
        string source = ExampleSources.Usings
            + "public static partial class Long\n{\n    [Differentiable]\n    public static float F(float a, float b, float c, float d) =>\n        "
            + LongSum(5000).Replace(" * ", "f * ", StringComparison.Ordinal) + ";\n}\n";
        GeneratorRun run = OnSmallStack(() => GeneratorRun.Of(source));
        GeneratorAssert.GeneratedCodeCompiles(run);
    }

    [Theory]
    [InlineData("MathF.Sin(", ")")]
    [InlineData("(1 + ", ")")]
    [InlineData("-(", ")")]
    [InlineData("(a * ", " + 1)")]
    public void A_deeply_nested_expression_never_crashes_the_generator(string open, string close)
    {
        foreach (int depth in new[] { 300, 3000 })
        {
            string body = string.Concat(Enumerable.Repeat(open, depth)) + "a" + string.Concat(Enumerable.Repeat(close, depth));
            string source = ExampleSources.Usings + "public static partial class Deep\n{\n    [Differentiable]\n    public static float F(float a) => " + body + ";\n}\n";
            GeneratorRun run = OnSmallStack(() => GeneratorRun.Of(source));
            GeneratorAssert.DidNotCrash(run, $"{depth} levels of {open}...{close}");
            Assert.DoesNotContain(run.Diagnostics, d => d.Id == "SG9999");

            // Either the methods are generated, or an error says why (the compiler's own, or SymGrad's SG0008).
            bool explained = run.Diagnostics.Concat(run.Input.GetDiagnostics()).Any(d => d.Severity == DiagnosticSeverity.Error);
            Assert.True(run.Sources.Length == 1 || explained, $"{depth} levels of {open}...{close}: nothing generated, and no error says why.");
        }
    }

    /// <summary><c>float a = x0 * x1;</c>, then <paramref name="line"/> until the method has <paramref name="lines"/> lines.</summary>
    private static string ScalarRecurrence(string type, string line, int lines, string after = "}\n")
    {
        var source = new StringBuilder(ExampleSources.Usings);
        source.Append("public static partial class Long\n{\n    [Differentiable]\n    public static ").Append(type)
            .Append(" F(").Append(type).Append(" x0, ").Append(type).Append(" x1)\n    {\n        ").Append(type).Append(" a = x0 * x1;\n");
        for (int i = 2; i < lines; i++)
        {
            source.Append("        ").Append(line).Append('\n');
        }

        source.Append("        return a;\n    }\n").Append(after);
        return source.ToString();
    }

    /// <summary><c>1 * b + 2 * c + 3 * d + 4 * a + ...</c>: term k multiplies variable k % 4 by k.</summary>
    private static string LongSum(int terms)
    {
        var text = new StringBuilder();
        for (int k = 1; k <= terms; k++)
        {
            text.Append(k == 1 ? string.Empty : k % 8 == 1 ? "\n        + " : " + ")
                .Append(k.ToString(CultureInfo.InvariantCulture)).Append(" * ").Append((char)('a' + (k % 4)));
        }

        return text.ToString();
    }

    /// <summary>Closes class <c>Long</c> with methods that call the generated code and return plain arrays (no spans cross reflection).</summary>
    private static string Wrappers(string methods)
        => "}\n\npublic static class Checks\n{\n" + string.Join("\n", methods.Split('\n').Select(l => "    " + l)) + "\n}\n";

    /// <summary>Runs the generator, compiles the user's code with the generated code, loads it and returns class <c>Checks</c>.</summary>
    private static Type CompileAndLoad(string source)
    {
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run);
        Assert.True(run.Diagnostics.IsEmpty, "The generator reported:\n" + TestCompilation.Format(run.Diagnostics));

        // Emitting reports every error and warning of the compilation: no need to bind these long methods twice.
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = run.Output.Emit(image);
        var generated = run.Sources.Select(s => s.SyntaxTree.FilePath).ToHashSet();
        Diagnostic[] problems = emitted.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error
                || (d.Severity == DiagnosticSeverity.Warning && generated.Contains(d.Location.SourceTree?.FilePath ?? string.Empty)))
            .ToArray();
        Assert.True(emitted.Success && problems.Length == 0, TestCompilation.Format(problems));
        image.Position = 0;
        var context = new AssemblyLoadContext("LinearTimeTests", isCollectible: true);
        Assembly assembly = context.LoadFromStream(image);
        return assembly.GetType("Checks")!;
    }

    /// <summary>Prints a one-line comment on every node of a plan, as the emitter does, and returns the nodes visited.</summary>
    private static long BriefEveryNode(MethodPlan method, Plan plan)
    {
        var printer = new Printer(plan.Graph, method.Method.Parameters, method.Method.Element);
        for (int id = 0; id < plan.Graph.Count; id++)
        {
            printer.Brief(id);
        }

        return printer.Visits;
    }

    private static IEnumerable<MethodPlan> Plans(GeneratorRun run)
        => run.Generator.TrackedSteps["Schedule"]
            .SelectMany(step => step.Outputs)
            .Select(output => ((Stage<MethodPlan>)output.Value).Value!);

    private static T OnSmallStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            },
            SmallStack);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        return result;
    }
}
