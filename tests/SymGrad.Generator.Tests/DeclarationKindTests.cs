using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// [Differentiable] on every kind of C# member: each declaration gets generated code that compiles, or an error at
/// the declaration itself (SG, or C#'s own CS0592 where the attribute's targets exclude it). Never nothing.
/// </summary>
public sealed class DeclarationKindTests
{
    private const string Code = "code";

    public static TheoryData<string, string, string> Declarations => new()
    {
        { "Static method", Code, "public static partial class Examples { [Differentiable] public static float F(float a) => a * a; }" },
        { "Static method of a nested type", Code, "public static partial class Outer { public static partial class Inner { [Differentiable] public static float F(float a) => a * a; } }" },
        { "Extension method", Code, "public static partial class Examples { [Differentiable] public static float F(this float a) => a * a; }" },
        { "Partial method", Code, "public static partial class Examples { [Differentiable] public static partial float F(float a); public static partial float F(float a) => a * a; }" },
        { "Static method of an interface", Code, "public partial interface IShape { [Differentiable] static float F(float a) => a * a; }" },
        { "Static method of a ref struct", Code, "public ref partial struct Frame { [Differentiable] public static float F(float a) => a * a; }" },
        { "Callee with an optional scalar parameter left out", Code, "public static partial class Examples { [Differentiable] public static float G(float a, float scale = 2) => scale * a; [Differentiable] public static float F(float a) => G(a); }" },
        { "Callee with an unread optional tensor parameter left out", Code, "public static partial class Examples { [Differentiable] public static float G(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y = default) => Sum(x); [Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => G(x); }" },
        { "Callee with optional parameters of other types left out", Code, "public static partial class Examples { [Differentiable] public static float G(float a, string name = \"a\", System.DateTime when = default, params int[] rest) => a * a; [Differentiable] public static float F(float a) => G(a); }" },
        { "Callee with an optional tensor parameter left out", "SG0008", "public static partial class Examples { [Differentiable] public static float G(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y = default) => Sum(x) + Sum(y); [Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => G(x); }" },
        { "Callee with an optional nullable tensor parameter left out", "SG0008", "public static partial class Examples { [Differentiable] public static float G(ReadOnlyTensorSpan<float> x, Tensor<float>? y = null) => Sum(x) + Sum(y!); [Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => G(x); }" },
        { "Nullable scalar parameter", "SG0004", "public static partial class Examples { [Differentiable] public static float F(float a, float? b) => a * (float)b; }" },
        { "Nullable int parameter", "SG0004", "public static partial class Examples { [Differentiable] public static float F(float a, int? n) => a * (int)n; }" },
        { "Nullable scalar parameter read with ??", "SG0004", "public static partial class Examples { [Differentiable] public static float F(float a, float? b) => a * (b ?? 1); }" },
        { "Pointer parameter", "SG0004", "public static partial class Examples { [Differentiable] public static unsafe float F(float a, float* p) => a * a; }" },
        { "Function pointer parameter", "SG0004", "public static partial class Examples { [Differentiable] public static unsafe float F(float a, delegate*<float, float> p) => a * a; }" },
        { "Instance method", "SG0002", "public partial class Examples { [Differentiable] public float F(float a) => a * a; }" },
        { "Generic method", "SG0014", "public static partial class Examples { [Differentiable] public static float F<T>(float a) => a * a; }" },
        { "Abstract static interface method", "SG0005", "public partial interface IShape { [Differentiable] static abstract float F(float a); }" },
        { "Extern method", "SG0005", "public static partial class Examples { [Differentiable] public static extern float F(float a); }" },
        { "Local function", "SG0007", "public static partial class Examples { public static float G(float a) { [Differentiable] static float L(float v) => v * v; return L(a); } }" },
        { "Lambda", "SG0007", "public static partial class Examples { public static float G(float a) { var f = [Differentiable] static (float v) => v * v; return f(a); } }" },
        { "Operator", "SG0017", "public partial struct V { public float X; [Differentiable] public static float operator +(V a, float b) => a.X + b; }" },
        { "Checked operator", "SG0017", "public partial struct V { public float X; [Differentiable] public static float operator checked -(V a, float b) => a.X - b; [Differentiable] public static float operator -(V a, float b) => a.X - b; }" },
        { "Conversion operator", "SG0017", "public partial struct V { public float X; [Differentiable] public static explicit operator float(V a) => a.X; }" },
        { "Property getter", "SG0017", "public static partial class Examples { public static float P { [Differentiable] get => 1f; } }" },
        { "Property setter and init accessor", "SG0017", "public partial class Examples { public float P { get; [Differentiable] set; } public float Q { get; [Differentiable] init; } }" },
        { "Indexer getter", "SG0017", "public partial class Examples { public float this[float a] { [Differentiable] get => a * a; } }" },
        { "Event accessors", "SG0017", "public partial class Examples { public event System.Action E { [Differentiable] add { } [Differentiable] remove { } } }" },
        { "Explicit interface implementation", "SG0017", "public interface IX { static abstract float F(float a); } public partial class Examples : IX { [Differentiable] static float IX.F(float a) => a * a; }" },
        { "Member of an extension block", "SG0017", "public static partial class Examples { extension(float v) { [Differentiable] public static float F(float a) => a * a; } }" },
        { "Method of a file-local type", "SG0017", "file static partial class Examples { [Differentiable] public static float F(float a) => a * a; }" },
        { "Method of a type nested in a file-local type", "SG0017", "file static partial class Examples { public static partial class Inner { [Differentiable] public static float F(float a) => a * a; } }" },
        { "Constructor", "CS0592", "public partial class Examples { [Differentiable] public Examples() { } }" },
        { "Finalizer", "SG0017", "public partial class Examples { [Differentiable] ~Examples() { } }" },
        { "Delegate", "CS0592", "public partial class Examples { [Differentiable] public delegate float D(float a); }" },
        { "Field", "CS0592", "public partial class Examples { [Differentiable] public static float f = 1; }" },
        { "Property", "CS0592", "public partial class Examples { [Differentiable] public static float P => 1; }" },
        { "Type", "CS0592", "[Differentiable] public partial class Examples { }" },
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public void EveryDeclarationGetsCodeOrAnErrorAtTheDeclaration(string what, string expected, string members)
    {
        string source = ExampleSources.Usings + members;
        CSharpCompilation compilation = TestCompilation.Create(source);
        compilation = compilation.WithOptions(compilation.Options.WithAllowUnsafe(true));
        GeneratorRun run = GeneratorRun.Of(compilation);
        GeneratorAssert.DidNotCrash(run, source);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "SG9999");

        if (expected == Code)
        {
            GeneratorAssert.GeneratedCodeCompiles(run);
            Assert.Equal(Attributed(compilation).Count, run.Sources.Length);
            return;
        }

        Diagnostic[] errors = run.Diagnostics.Concat(compilation.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Diagnostic[] found = errors.Where(d => d.Id == expected).ToArray();
        Assert.True(found.Length > 0, what + ": expected " + expected + ", got:\n" + TestCompilation.Format(errors));
        Assert.All(found, d => Assert.Equal(TestCompilation.UserPath, d.Location.GetLineSpan().Path));

        // Each attributed declaration either got its file or holds an error: none is silently skipped.
        foreach (SyntaxNode declaration in Attributed(compilation))
        {
            string name = declaration is MethodDeclarationSyntax method ? method.Identifier.ValueText : string.Empty;
            bool generated = name.Length > 0 && run.Sources.Any(s => s.HintName.Contains("." + name + ".", System.StringComparison.Ordinal));
            bool reported = errors.Any(d => declaration.FullSpan.Contains(d.Location.SourceSpan));
            Assert.True(generated || reported, what + ": nothing for\n" + declaration + "\nerrors:\n" + TestCompilation.Format(errors));
        }
    }

    /// <summary>Every declaration that carries [Differentiable].</summary>
    private static List<SyntaxNode> Attributed(Compilation compilation)
        => compilation.SyntaxTrees.Single().GetRoot().DescendantNodes().OfType<AttributeSyntax>()
            .Where(a => a.Name.ToString() == "Differentiable")
            .Select(a => a.Parent!.Parent!)
            .ToList();
}
