using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Malformed, half-typed and mutated code: the generator must never throw (no CS8785, no exception from the driver)
/// and never claim an internal error (SG9999) for what is the user's mistake.
/// </summary>
public sealed class RobustnessTests
{
    private const string InternalError = "SG9999";

    public static TheoryData<string, string> MalformedSources => new()
    {
        { "Unclosed call", "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => Sum(" },
        { "Unclosed call and class", "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => Sum(x" },
        { "Unknown parameter type", "[Differentiable] public static float F(Vector x) => Sum(x);" },
        { "Unknown generic parameter type", "[Differentiable] public static float F(ReadOnlyTensorSpan<Half2> x) => Sum(x);" },
        { "Unfinished parameter type", "[Differentiable] public static float F(ReadOnlyTensorSpan< x) => Sum(x);" },
        { "Missing return type", "[Differentiable] public static F(ReadOnlyTensorSpan<float> x) => Sum(x);" },
        { "Unknown return type", "[Differentiable] public static Scalar F(ReadOnlyTensorSpan<float> x) => Sum(x);" },
        { "Unknown names", "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => Sum(y) * z;" },
        { "Unknown function", "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => Sum(Softplus(x));" },
        { "Wrong argument count", "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => Sum(x, x) + Pow(x);" },
        { "Missing semicolon", "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => Sum(x) }" },
        { "Stray tokens", "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => Sum(x)) ;; + ;" },
        { "Empty block body", "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) { }" },
        { "Return without value", "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) { return; }" },
        { "Attribute alone", "public static float G(float a) => a; [Differentiable]" },
        { "Attribute on a property", "[Differentiable] public static float P => 1;" },
        { "Attribute on a field", "[Differentiable] public static float f = 1;" },
        { "Attribute on a constructor", "[Differentiable] static Examples() { }" },
        { "Attribute on an operator", "public struct V { [Differentiable] public static V operator +(V a, V b) => a; }" },
        { "Attribute on a nested class", "[Differentiable] public partial class Inner { }" },
        { "Attribute on a local function", "public static float G(float a) { [Differentiable] static float L(float v) => v * v; return L(a); }" },
        { "Unfinished local function", "public static float G(float a) { [Differentiable] static float L(float v) => ; return L(a); }" },
        { "Attribute on a lambda", "public static float G(float a) { var f = [Differentiable] (float v) => v * v; return f(a); }" },
        { "Attribute with arguments, twice", "[Differentiable(1)] [Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => Sum(x);" },
        { "Call to a method with errors", "static float H(float v) => v * undefined; [Differentiable] public static float F(float a) => H(a);" },
        { "Call to a [Differentiable] method with errors", "[Differentiable] static float H(float v) => v * undefined; [Differentiable] public static float F(float a) => H(a) + a;" },
        { "Call to a [Differentiable] method with SG errors", "[Differentiable] static float H(float v) { for (;;) { } } [Differentiable] public static float F(float a) => H(a) + a;" },
        { "Call to a [Differentiable] method without body", "[Differentiable] static extern float H(float v); [Differentiable] public static float F(float a) => H(a) + a;" },
        { "Missing argument", "[Differentiable] static float H(float v, float w) => v * w; [Differentiable] public static float F(float a) => H(a);" },
        { "Local used before its declaration", "[Differentiable] public static float F(float a) { float b = c; float c = a; return b; }" },
        { "Local without type", "[Differentiable] public static float F(float a) { b = a; return b; }" },
        { "Tensor compared with tensor", "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => x > x ? 1 : 0;" },
        { "Tensor as condition", "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => x ? 1 : 0;" },
        { "Min of tensors", "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => MathF.Min(x, x);" },
        { "Void method", "[Differentiable] public static void F(ReadOnlyTensorSpan<float> x) { }" },
        { "Async method", "[Differentiable] public static async System.Threading.Tasks.Task<float> F(float a) { await System.Threading.Tasks.Task.Yield(); return a; }" },
        { "Ref return", "static float f; [Differentiable] public static ref float F(float a) => ref f;" },
        { "Unsafe pointer parameter", "[Differentiable] public static unsafe float F(float* a) => *a;" },
        { "Params span parameter", "[Differentiable] public static float F(params ReadOnlySpan<float> a) => a[0];" },
        { "Nullable scalar parameter", "[Differentiable] public static float F(float? a) => a ?? 0;" },
        { "String constant parameter", "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x, string name) => name.Length * Sum(x);" },
        { "Throw expression", "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => throw new NotImplementedException();" },
        { "Anonymous method", "[Differentiable] public static float F(float a) { Func<float, float> g = delegate (float v) { return v; }; return g(a); }" },
        { "Collection expression", "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) { float[] w = [1, 2]; return Sum(x) * Sum(w); }" },
        { "Checked, default, sizeof, nameof", "[Differentiable] public static float F(float a) => checked(a * 2) + default(float) + sizeof(float) + nameof(a).Length;" },
        { "Stackalloc", "[Differentiable] public static float F(float a) { Span<float> s = stackalloc float[2]; return a; }" },
        { "Goto and labels", "[Differentiable] public static float F(float a) { again: a = a * 2; if (a < 10) goto again; return a; }" },
        { "Deeply nested parentheses", "[Differentiable] public static float F(float a) => " + new string('(', 200) + "a" + new string(')', 200) + ";" },
        { "Deeply nested calls", "[Differentiable] public static float F(float a) => " + string.Concat(Enumerable.Repeat("MathF.Sin(", 100)) + "a" + new string(')', 100) + ";" },
    };

    [Theory]
    [MemberData(nameof(MalformedSources))]
    public void MalformedCodeDoesNotCrashTheGenerator(string what, string members)
    {
        string source = ExampleSources.Usings + "public static partial class Examples\n{\n" + members + "\n}\n";
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, what + ":\n" + source);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == InternalError);
    }

    [Fact]
    public void TopLevelStatementsWithADifferentiableLocalFunctionDoNotCrashTheGenerator()
    {
        string source = ExampleSources.Usings + """
            [Differentiable] static float Square(float v) => v * v;
            Console.WriteLine(Square(2));
            """;
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, source);
        Assert.Contains(run.Diagnostics, d => d.Id == "SG0007");
    }

    [Fact]
    public void DuplicateDefinitionsDoNotCrashTheGenerator()
    {
        string source = ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable] public static float F(float a) => a;
            }

            public static partial class Examples
            {
                [Differentiable] public static float F(float a) => a * 2;
            }
            """;
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, source);
    }

    [Fact]
    public void TensorValuedBodyIsNotAnInternalError()
    {
        string source = ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => Square(x);
            }
            """;
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, source);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == InternalError);
    }

    /// <summary>
    /// Every example source, truncated at sampled points and mutated (a token deleted, a line duplicated, two
    /// characters swapped), deterministically. None may crash the generator; when a mutant still compiles, the
    /// generator must not report an internal error and the code it generates must compile too.
    /// </summary>
    [Fact]
    public void TruncatedAndMutatedExamplesDoNotCrashTheGenerator()
    {
        int runs = 0;
        int compilingMutants = 0;
        for (int example = 0; example < ExampleSources.All.Count; example++)
        {
            (string name, string source) = ExampleSources.All[example];
            foreach ((string mutation, string mutant) in Mutants(source, seed: example))
            {
                string context = name + ", " + mutation + ":\n" + mutant;
                GeneratorRun run = GeneratorRun.Of(mutant);
                GeneratorAssert.DidNotCrash(run, context);
                if (!run.Input.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
                {
                    Assert.False(run.Diagnostics.Any(d => d.Id == InternalError), "SG9999 for " + context);
                    Diagnostic[] errors = run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
                    Assert.True(errors.Length == 0, "Generated code does not compile for " + context + "\n" + TestCompilation.Format(errors));
                    compilingMutants++;
                }

                runs++;
            }
        }

        Assert.True(runs >= ExampleSources.All.Count * 20, "Only " + runs + " mutants ran.");
        Assert.True(compilingMutants > 0, "No mutant compiled, so the generated-code check never ran.");
    }

    /// <summary>
    /// Mutants that stay valid C#: one identifier the source declares (a type, method, parameter or local) renamed to
    /// a keyword written with '@', renamed to a name the emitter uses itself, written with a unicode escape, or with
    /// the case of its first letter changed, over the examples, every example of docs/diagnostics.md, the inputs above
    /// and the valid sources of <see cref="GeneratedCodeTests"/>. None may crash the generator or get SG9999; where
    /// the mutant compiles, the generated code compiles too.
    /// </summary>
    [Fact]
    public void RenamedIdentifiersDoNotCrashTheGenerator()
    {
        var inputs = new List<(string Name, string Source)>(ExampleSources.All);
        inputs.AddRange(Docs.DiagnosticsDoc.Load(Docs.DiagnosticsDocTests.RepositoryRoot()).Examples.Select(e => (e.ToString(), e.Code)));
        foreach (object[] row in MalformedSources.Concat(GeneratedCodeTests.ValidSources))
        {
            inputs.Add(((string)row[0], ExampleSources.Usings + "public static partial class Examples\n{\n" + (string)row[1] + "\n}\n"));
        }

        int runs = 0;
        int compilingMutants = 0;
        var crashes = new List<string>();
        for (int input = 0; input < inputs.Count; input++)
        {
            (string name, string source) = inputs[input];
            foreach ((string mutation, string mutant) in Renamings(source, seed: input))
            {
                string context = name + ", " + mutation + ":\n" + mutant;
                GeneratorRun run = GeneratorRun.Of(mutant);
                runs++;
                if (run.Generator.Exception is not null || run.Diagnostics.Any(d => d.Id is GeneratorRun.GeneratorCrash or InternalError))
                {
                    crashes.Add(context + "\n" + (run.Generator.Exception?.Message ?? TestCompilation.Format(run.Diagnostics)));
                    continue;
                }

                if (!run.Input.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
                {
                    Diagnostic[] errors = run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
                    Assert.True(errors.Length == 0, "Generated code does not compile for " + context + "\n" + TestCompilation.Format(errors));
                    compilingMutants++;
                }
            }
        }

        Assert.True(crashes.Count == 0, crashes.Count + " of " + runs + " mutants crashed the generator or got SG9999:\n\n" + string.Join("\n\n", crashes.Take(5)));
        Assert.True(runs >= inputs.Count * 3, "Only " + runs + " mutants ran.");
        Assert.True(compilingMutants >= runs / 4, "Only " + compilingMutants + " of " + runs + " mutants compiled: the renamings should keep most code valid.");
    }

    private static readonly string[] KeywordNames = { "@in", "@float", "@class", "@default", "@params", "@checked", "@this", "@return" };

    private static readonly string[] GeneratedNames = { "Compute", "Row", "Invoke", "columns", "scratch", "pass1", "s3", "v0", "i", "sums", "xCount", "buffer3" };

    /// <summary>Four renamings of identifiers <paramref name="source"/> declares, one of each kind, chosen deterministically.</summary>
    private static IEnumerable<(string Mutation, string Source)> Renamings(string source, int seed)
    {
        var random = new Random(seed);
        IReadOnlyList<(string Name, IReadOnlyList<Microsoft.CodeAnalysis.Text.TextSpan> Spans)> identifiers = Renamer.Identifiers(source);
        if (identifiers.Count == 0)
        {
            yield break;
        }

        (string Name, IReadOnlyList<Microsoft.CodeAnalysis.Text.TextSpan> Spans) Pick() => identifiers[random.Next(identifiers.Count)];
        string Unused(string[] names)
        {
            string[] free = names.Where(n => !source.Contains(n.TrimStart('@'), StringComparison.Ordinal)).ToArray();
            return free.Length > 0 ? free[random.Next(free.Length)] : names[random.Next(names.Length)];
        }

        var keyword = Pick();
        string keywordName = Unused(KeywordNames);
        yield return ("'" + keyword.Name + "' renamed to " + keywordName, Renamer.Replace(source, keyword.Spans, _ => keywordName));

        var generated = Pick();
        string generatedName = Unused(GeneratedNames);
        yield return ("'" + generated.Name + "' renamed to " + generatedName, Renamer.Replace(source, generated.Spans, _ => generatedName));

        var escaped = Pick();
        yield return ("'" + escaped.Name + "' written with a unicode escape", Renamer.Replace(source, escaped.Spans, Renamer.Escaped));

        var cased = Pick();
        yield return ("'" + cased.Name + "' with its first letter's case changed", Renamer.Replace(source, cased.Spans, FlipFirstLetter));
    }

    private static string FlipFirstLetter(string token)
    {
        int at = token.StartsWith('@') ? 1 : 0;
        if (at >= token.Length || !char.IsLetter(token[at]))
        {
            return token;
        }

        char c = token[at];
        char flipped = char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c);
        string renamed = token.Substring(0, at) + flipped + token.Substring(at + 1);

        // A lower-case letter made upper may turn a keyword written with '@' into an identifier: drop the '@' then.
        return at == 1 && SyntaxFacts.GetKeywordKind(renamed.Substring(1)) == SyntaxKind.None ? renamed.Substring(1) : renamed;
    }

    private static IEnumerable<(string Mutation, string Source)> Mutants(string source, int seed)
    {
        const int EvenCuts = 10;
        const int RandomCuts = 6;
        const int EachEdit = 4;
        var random = new Random(seed);
        int start = ExampleSources.Usings.Length;
        int length = source.Length - start;

        for (int k = 1; k <= EvenCuts; k++)
        {
            int cut = start + (int)((long)length * k / (EvenCuts + 1));
            yield return ("cut at " + cut, source.Substring(0, cut));
        }

        for (int k = 0; k < RandomCuts; k++)
        {
            int cut = start + random.Next(length);
            yield return ("cut at " + cut, source.Substring(0, cut));
        }

        SyntaxToken[] tokens = CSharpSyntaxTree.ParseText(source, TestCompilation.ParseOptions).GetRoot()
            .DescendantTokens().Where(t => t.SpanStart >= start && t.Span.Length > 0).ToArray();
        for (int k = 0; k < EachEdit; k++)
        {
            SyntaxToken token = tokens[random.Next(tokens.Length)];
            yield return ("token '" + token.Text + "' at " + token.SpanStart + " deleted", source.Remove(token.SpanStart, token.Span.Length));
        }

        string[] lines = source.Split('\n');
        int firstLine = ExampleSources.Usings.Count(c => c == '\n');
        for (int k = 0; k < EachEdit; k++)
        {
            int line = random.Next(firstLine, lines.Length);
            var duplicated = lines.Take(line + 1).Append(lines[line]).Concat(lines.Skip(line + 1));
            yield return ("line " + line + " duplicated", string.Join("\n", duplicated));
        }

        for (int k = 0; k < EachEdit; k++)
        {
            int at = start + random.Next(length - 1);
            char[] chars = source.ToCharArray();
            (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
            yield return ("characters at " + at + " swapped", new string(chars));
        }
    }
}
