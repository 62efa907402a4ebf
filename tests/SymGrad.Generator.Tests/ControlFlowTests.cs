using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Loops, branches and jumps become regions: the generated code runs a loop's body once per iteration (never unrolled),
/// keeps on a tape what the reverse sweep needs, and says how many bytes that is.
/// </summary>
public sealed class ControlFlowTests
{
    private static string Generated(string members)
    {
        GeneratorRun run = GeneratorRun.Of(ExampleSources.Usings + "public static partial class C\n{\n" + members + "\n}\n");
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        GeneratorAssert.GeneratedCodeCompiles(run);
        return string.Join("\n", run.Sources.Select(s => s.SourceText.ToString()));
    }

    private static Diagnostic SingleError(string members)
    {
        GeneratorRun run = GeneratorRun.Of(ExampleSources.Usings + "public static partial class C\n{\n" + members + "\n}\n");
        return Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_loop_body_is_written_once_whatever_the_trip_count()
    {
        string code = Generated("""
            [Differentiable] public static double F(double x)
            {
                double s = 0;
                for (int i = 0; i < 1000000; i++)
                {
                    s += Math.Sin(x * i);
                }

                return s;
            }
            """);

        // One loop forward in each method, each computing one sine; one backward in the gradient method, one cosine.
        // Its trip count is known: the backward loop counts it down and sets i itself.
        Assert.Equal(2, Regex.Matches(code, @"while \(true\)").Count);
        Assert.Single(Regex.Matches(code, @"for \(int iteration = 1000000 - 1; iteration >= 0; iteration--\)"));
        Assert.Single(Regex.Matches(code, @"i = 0 \+ \(iteration \* 1\);"));
        Assert.Equal(2, Regex.Matches(code, @"SimdMath\.Sin\(").Count);
        Assert.Single(Regex.Matches(code, @"SimdMath\.Cos\("));
        Assert.True(code.Length < 12000, "generated " + code.Length + " characters");
    }

    [Fact]
    public void The_remarks_give_the_bytes_stored_per_call_as_a_function_of_the_trip_counts()
    {
        string code = Generated("""
            [Differentiable] public static double F(double x, int n, int m)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < m; j++)
                    {
                        s = s * x + j;
                    }
                }

                return s;
            }
            """);

        // Only values an adjoint reads are stored: s (the adjoint of s * x reads it), never the counters i and j or the
        // result. s (8) before the loops and the outer loop's count (8); per outer iteration the inner count (8); per
        // inner iteration s (8).
        Assert.Contains("Bytes stored per call: 16 + N1·(8 + 8·N2), where", code);
        Assert.Contains("N1 = iterations of for (int i = 0; i &lt; n; i++),", code);
        Assert.Contains("N2 = iterations of for (int j = 0; j &lt; m; j++).", code);
    }

    [Fact]
    public void A_branch_around_nothing_to_reverse_records_nothing()
    {
        string code = Generated("""
            [Differentiable] public static double F(double x, int n)
            {
                double s = x;
                for (int i = 0; i < n; i++)
                {
                    if (i > 3)
                    {
                        break;
                    }

                    s = s * s;
                }

                return s;
            }
            """);

        // The 'if' holds only a break: its branch is not stored. The guard of s = s * s is, and s: 8 bytes each per
        // iteration. The guard of i++ is not: its block stores nothing (no adjoint reads i) and has no adjoint.
        Assert.DoesNotMatch(new Regex(@"jump = 2; // break\s*\n\s*tape\.PushInteger"), code);
        Assert.DoesNotMatch(new Regex(@"i = v\d+;\s*\n\s*tape\.PushInteger"), code);
        Assert.Contains("Bytes stored per call: 16 + 16·N1, where", code);
    }

    [Fact]
    public void Conditions_are_written_as_CSharp_conditions()
    {
        string code = Generated("""
            [Differentiable] public static double F(double x, int n)
            {
                double s = x;
                int k = 0;
                while (k < n && s < 100)
                {
                    s = s * 2;
                    k++;
                }

                return s;
            }
            """);

        Assert.Matches(new Regex(@"if \(!\(v\d+ != 0\.0 && v\d+ != 0\.0\)\) break;"), code);
        Assert.Contains("if (!(k < n)) break;", Generated("""
            [Differentiable] public static double G(double x, int n)
            {
                double s = x;
                int k = 0;
                while (k < n) { s = s * 2; k++; }
                return s;
            }
            """));
    }

    [Fact]
    public void A_foreach_loop_in_a_scalar_method_is_refused_with_the_loop_to_write()
    {
        Diagnostic error = SingleError("""
            [Differentiable] public static double F(double x)
            {
                double s = 0;
                foreach (int i in new[] { 1, 2, 3 })
                {
                    s += x * i;
                }

                return s;
            }
            """);

        Assert.Equal("SG0007", error.Id);
        Assert.Contains("A 'foreach' loop", error.GetMessage());
        Assert.Contains("for (int i = 0; i < n; i++)", error.GetMessage());
    }

    [Fact]
    public void A_when_clause_is_tested_only_where_its_pattern_matched()
    {
        string code = Generated("""
            [Differentiable] public static double F(double x, int mode)
            {
                switch (mode)
                {
                    case int m when m > 2: return x * m;
                    default: return x * x;
                }
            }
            """);

        // The clause assigns a 0/1 slot inside the branch of its pattern, and the section tests the slot.
        Assert.Contains("matched", code);
        Assert.Matches(@"> 2", code);
    }

    [Fact]
    public void A_switch_expression_without_a_discard_arm_throws_as_CSharp_does_when_no_arm_matches()
    {
        string code = Generated("""
            [Differentiable] public static double F(double x) => x switch { < 0 => -x, >= 0 => x };
            """);

        // NaN matches no arm: C# throws SwitchExpressionException, and so does the generated code.
        Assert.Equal(2, Regex.Matches(code, @"throw new global::System\.Runtime\.CompilerServices\.SwitchExpressionException\(\);").Count);
    }

    [Fact]
    public void A_loop_in_a_method_with_labels_for_CrossEntropy_runs_the_loss_on_the_loss_kernels()
    {
        string code = Generated("""
            [Differentiable] public static float F(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlySpan<int> labels, int n)
            {
                float s = CrossEntropy(x, labels);
                for (int i = 0; i < n; i++) { s = s * 0.5f + CrossEntropy(x * i, labels); }
                return s;
            }
            """);

        Assert.Contains("LoopLosses.CrossEntropy<float>(", code);
        Assert.Contains("LoopLosses.AddCrossEntropyAdjoint<float>(", code);
    }

    [Fact]
    public void A_loop_in_a_layer_stays_refused_and_says_where_loops_work()
    {
        Diagnostic error = SingleError("""
            [Differentiable] public static Tensor<float> F(ReadOnlyTensorSpan<float> x, int n)
            {
                var s = Tanh(x);
                for (int i = 0; i < n; i++) { s = s * 0.5f; }
                return s;
            }
            """);

        Assert.Equal("SG0007", error.Id);
        Assert.Contains("A 'for' loop", error.GetMessage());
        Assert.Contains("supported in the body of a method that returns float or double; int labels (an int[], ReadOnlySpan<int>, ReadOnlyTensorSpan<int> or Tensor<int>) are fine read only by element or passed to CrossEntropy", error.GetMessage());
    }

    [Fact]
    public void An_int_array_parameter_written_in_a_loop_stays_refused()
    {
        Diagnostic error = SingleError("""
            [Differentiable] public static double F(ReadOnlyTensorSpan<double> x, [NoGrad] int[] idx)
            {
                double s = 0;
                for (int i = 0; i < idx.Length; i++) { idx[i] = 0; s += x[idx[i]]; }
                return s;
            }
            """);

        Assert.Equal("SG0007", error.Id);
        Assert.Contains("A 'for' loop", error.GetMessage());
    }

    [Fact]
    public void An_int_tensor_parameter_written_in_a_loop_stays_refused()
    {
        Diagnostic error = SingleError("""
            [Differentiable] public static double F(ReadOnlyTensorSpan<double> x, [NoGrad] Tensor<int> idx)
            {
                double s = 0;
                for (int i = 0; i < idx.FlattenedLength; i++) { idx[i] = 0; s += x[idx[i]]; }
                return s;
            }
            """);

        Assert.Equal("SG0007", error.Id);
        Assert.Contains("A 'for' loop", error.GetMessage());
        Assert.Contains("ReadOnlyTensorSpan<int> or Tensor<int>) are fine read only by element or passed to CrossEntropy", error.GetMessage());
    }

    [Fact]
    public void An_int_tensor_parameter_read_by_element_in_a_loop_is_read_through_its_own_indexer()
    {
        string code = Generated("""
            [Differentiable] public static double F(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<int> idx)
            {
                double s = 0;
                for (int i = 0; i < idx.Lengths[0]; i++) { s += x[idx[i, 0]] * x[idx[i, 1]]; }
                return s;
            }
            """);

        Assert.Contains("(long)idx.Lengths[0]", code);
        Assert.Matches(@"int v\d+ = idx\[\(nint\)\(v\d+\), \(nint\)\(0L\)\]", code);
        Assert.Matches(@"int v\d+ = idx\[\(nint\)\(v\d+\), \(nint\)\(1L\)\]", code);
    }

    [Fact]
    public void A_write_in_a_conditional_to_a_variable_read_left_of_it_stays_refused()
    {
        Diagnostic error = SingleError("""
            [Differentiable] public static double F(double x, int n)
            {
                double s = 0;
                int i = 0;
                while (i < n) { s += x * (i + (s > 1 ? ++i : i++)); }
                return s;
            }
            """);

        Assert.Equal("SG0008", error.Id);
        Assert.Contains("An assignment or '++'/'--' inside", error.GetMessage());
    }

    [Fact]
    public void An_increment_right_of_or_is_made_in_the_branch_csharp_takes()
    {
        string code = Generated("""
            [Differentiable] public static double F(double x, int n)
            {
                double s = 0;
                int it = 0;
                while (s < 3 || ++it < n) { s += x * x; }
                return s * it;
            }
            """);

        Assert.Matches(@"if \(s < 3\.0\)\s*\{\s*logical\d+ = 1\.0;\s*\}\s*else\s*\{\s*int v\d+ = it \+ 1;", code);
    }

    [Fact]
    public void An_int_array_parameter_read_by_element_in_a_loop_is_read_through_its_own_indexer()
    {
        string code = Generated("""
            [Differentiable] public static double F(ReadOnlyTensorSpan<double> x, [NoGrad] int[] idx)
            {
                double s = 0;
                for (int i = 0; i < idx.Length; i++) { s += x[idx[i]] * x[idx[^1]]; }
                return s;
            }
            """);

        Assert.Contains("idx.Length", code);
        Assert.Matches(@"int v\d+ = idx\[", code);
    }

    [Fact]
    public void A_goto_is_refused_at_the_statement()
    {
        GeneratorRun run = GeneratorRun.Of(ExampleSources.Usings + """
            public static partial class C
            {
                [Differentiable] public static double F(double x)
                {
                    double s = x;
                    if (s > 1) goto done;
                    s = s * 2;
                    done:
                    return s;
                }
            }
            """);

        Assert.Contains(run.Diagnostics, d => d.Id == "SG0007" && d.GetMessage().Contains("A 'goto' statement") && d.GetMessage().Contains("a loop's 'break' or 'continue'"));
    }
}
