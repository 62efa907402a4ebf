using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Calls to [Differentiable] methods whose loops hold whole-tensor work: inlined as regions into any caller that can
/// take them, and otherwise refused at the caller's own construct, never with a message about a diagnostic that the
/// callee does not report. The values and gradients are in the control-flow suite (FunctionsTensorCalls.cs).
/// </summary>
public sealed class TensorLoopCallTests
{
    private const string Inner = """
        [Differentiable] public static float Inner(ReadOnlyTensorSpan<float> x, int steps)
        {
            var h = x;
            for (int t = 0; t < steps; t++) { h = (h * 0.5f) + x; }
            return Sum(Square(h));
        }
        """;

    private static GeneratorRun Run(string members)
        => GeneratorRun.Of(ExampleSources.Usings + "public static partial class C\n{\n" + members + "\n}\n");

    [Theory]
    [InlineData("[Differentiable] public static float Outer(ReadOnlyTensorSpan<float> x) => Inner(x, 3) * 2;")]
    [InlineData("[Differentiable] public static float Outer(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y) => Inner(x * y, 2) + Sum(x * y);")]
    [InlineData("""
        [Differentiable] public static float Outer(ReadOnlyTensorSpan<float> x, float a)
        {
            float e = Inner(Exp(x) * a, 2);
            return e * Mean(x);
        }
        """)]
    public void A_method_without_loops_calling_one_with_tensor_loops_compiles(string outer)
    {
        GeneratorRun run = Run(Inner + outer);

        Assert.Empty(run.Diagnostics);
        GeneratorAssert.GeneratedCodeCompiles(run);
        string code = run.Sources.Single(s => s.HintName.Contains(".Outer.", System.StringComparison.Ordinal)).SourceText.ToString();

        // The callee's recurrence stays a loop in the caller: its body once, not unrolled.
        Assert.Contains("// each element k of h = (h * 0.5f) + x", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_call_from_a_method_that_returns_a_tensor_is_refused_at_the_call_and_the_callee_compiles()
    {
        GeneratorRun run = Run(Inner + """
            [Differentiable] public static Tensor<float> Scaled(ReadOnlyTensorSpan<float> x) => x * Inner(x, 2);
            """);

        Diagnostic error = Assert.Single(run.Diagnostics);
        Assert.Equal("SG0008", error.Id);
        string message = error.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("'Inner(x, 2)'", message, System.StringComparison.Ordinal);
        Assert.Contains("returns float or double", message, System.StringComparison.Ordinal);
        Assert.DoesNotContain("reported there", message, System.StringComparison.Ordinal);
        Assert.Contains(run.Sources, s => s.HintName.Contains(".Inner.", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_tensor_argument_the_callee_cannot_read_by_element_is_refused_at_the_argument()
    {
        string source = ExampleSources.Usings + "public static partial class C\n{\n" + Inner + """
            [Differentiable] public static float Outer(ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> x) => Inner(w[.., 1..], 2);
            """ + "\n}\n";
        GeneratorRun run = GeneratorRun.Of(source);

        Diagnostic error = Assert.Single(run.Diagnostics);
        Assert.Equal("SG0008", error.Id);
        Assert.Equal("w[.., 1..]", source.Substring(error.Location.SourceSpan.Start, error.Location.SourceSpan.Length));
        Assert.Contains("pass a parameter, a tensor local, or an element-wise expression", error.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_that_says_reported_there_names_a_method_that_reports_it()
    {
        // A callee problem is repeated at the caller only when the callee's own generation reports it too.
        string source = ExampleSources.Usings + "public static partial class C\n{\n" + Inner + """
            [Differentiable] public static float Bad(ReadOnlyTensorSpan<float> x, int steps)
            {
                var h = x;
                for (int t = 0; t < steps; t++) { h = Transpose(h[1..]); }
                return Sum(h);
            }
            [Differentiable] public static float Outer(ReadOnlyTensorSpan<float> x) => Bad(x, 2) + Inner(x, 1);
            """ + "\n}\n";
        GeneratorRun run = GeneratorRun.Of(source);
        SyntaxNode root = TestCompilation.Parse(source, TestCompilation.UserPath).GetRoot();
        string MethodAt(Diagnostic d) => root.FindNode(d.Location.SourceSpan).AncestorsAndSelf()
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().First().Identifier.ValueText;

        Assert.Contains(run.Diagnostics, d => MethodAt(d) == "Bad");
        foreach (Diagnostic caller in run.Diagnostics.Where(d => d.GetMessage(CultureInfo.InvariantCulture).Contains("reported there", System.StringComparison.Ordinal)))
        {
            string method = Regex.Match(caller.GetMessage(CultureInfo.InvariantCulture), "in '([A-Za-z]+)', reported there").Groups[1].Value;
            Assert.Contains(run.Diagnostics, d => d != caller && MethodAt(d) == method);
        }
    }
}
