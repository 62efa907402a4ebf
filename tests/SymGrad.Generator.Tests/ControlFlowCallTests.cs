using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Calls to [Differentiable] methods with loops, branches and early returns, from a method with regions: the callee's
/// regions are inlined once per call, and a return inside them returns from the callee only.
/// </summary>
public sealed class ControlFlowCallTests
{
    private static GeneratorRun Run(string members)
        => GeneratorRun.Of(ExampleSources.Usings + "public static partial class C\n{\n" + members + "\n}\n");

    private static string GeneratedFor(string members, string method)
    {
        GeneratorRun run = Run(members);
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        GeneratorAssert.GeneratedCodeCompiles(run);
        return run.Sources.Single(s => s.HintName.Contains("." + method + ".")).SourceText.ToString();
    }

    private const string FirstAbove = """
        [Differentiable] public static double FirstAbove(double u, int n)
        {
            double v = u;
            for (int i = 0; i < n; i++)
            {
                v = v * 1.5;
                if (v > 2) return v - 2;
            }

            return v;
        }
        """;

    [Fact]
    public void A_callee_with_a_loop_is_inlined_once_per_call_and_its_return_ends_only_the_callee()
    {
        string code = GeneratedFor(FirstAbove + """
            [Differentiable] public static double F(double a)
            {
                double s = 0;
                for (int k = 0; k < 3; k++)
                {
                    s += FirstAbove(a + k, 4);
                }

                return s;
            }
            """, "F");

        // The caller's loop and the callee's, in each of the two methods: never unrolled.
        Assert.Equal(4, Regex.Matches(code, @"while \(true\)").Count);
        Assert.Equal(2, Regex.Matches(code, @"= 0; // the call of FirstAbove ends here").Count);
    }

    [Fact]
    public void A_call_with_loops_in_a_loop_condition_is_refused_with_the_local_to_write()
    {
        GeneratorRun run = Run(FirstAbove + """
            [Differentiable] public static double F(double a)
            {
                double s = a;
                while (FirstAbove(s, 3) < 1) { s += 0.5; }
                return s;
            }
            """);

        Diagnostic error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("SG0008", error.Id);
        Assert.Contains("FirstAbove(s, 3)", error.GetMessage());
        Assert.Contains("assign its value to a local", error.GetMessage());
    }

    [Fact]
    public void A_callee_with_a_product_in_a_loop_condition_is_refused_at_the_call_naming_the_product()
    {
        GeneratorRun run = Run("""
            [Differentiable] public static double Inner(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> w) => Sum(Square(MatMul(a, w)));

            [Differentiable] public static double F(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> w)
            {
                double s = 0;
                while (Inner(a, w) > s) { s += 1; }
                return s;
            }
            """);

        Diagnostic error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("SG0008", error.Id);
        Assert.Contains("The call 'Inner(a, w)'", error.GetMessage());
        Assert.Contains("The product 'MatMul(a, w)' here", error.GetMessage());
        Assert.Contains("assign it, or a reduction of it, to a local in a statement of its own first", error.GetMessage());
    }

    [Fact]
    public void Recursion_through_a_callee_with_loops_stays_SG0011_at_the_call()
    {
        GeneratorRun run = Run("""
            [Differentiable] public static double G(double u, int n)
            {
                double s = u;
                for (int i = 0; i < n; i++) { s = H(s) * 0.5; }
                return s;
            }

            [Differentiable] public static double H(double u)
            {
                if (u > 1) return G(u, 2);
                return u;
            }
            """);

        Assert.Contains(run.Diagnostics, d => d.Id == "SG0011" && d.GetMessage().Contains("'G'"));
        Assert.Contains(run.Diagnostics, d => d.Id == "SG0011" && d.GetMessage().Contains("'H'"));
    }
}
