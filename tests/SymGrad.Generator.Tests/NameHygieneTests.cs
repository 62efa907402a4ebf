using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// No user identifier collides with a generated one. The names the emitter writes are collected from its own output
/// (every declared local, parameter, field, property, method and type, and every member read through <c>this.</c>),
/// then each one is given to each parameter of methods that exercise every kind of kernel, and the result must
/// compile without a diagnostic.
/// </summary>
public sealed class NameHygieneTests
{
    // {0}, {1} and {2} are parameter names; each template reaches a different part of the emitter.
    private static readonly string[] Templates =
    {
        // Flat loops over a span and a Tensor<float>, with a scalar parameter captured by the kernels.
        "[Differentiable] public static float {M}(ReadOnlyTensorSpan<float> {0}, Tensor<float> {1}, float {2}) => Sum(Square({0} * {2} - {1})) + Dot({0}, {1});",

        // A product, a transpose and a bias repeated over rows: row kernels, strides and the row length.
        "[Differentiable] public static float {M}(ReadOnlyTensorSpan<float> {0}, ReadOnlyTensorSpan<float> {1}, ReadOnlyTensorSpan<float> {2}) => Mean(Square(MatMul({0}, Transpose({1})) + {2}));",

        // Several sums in one loop, a [NoGrad] tensor and an int constant.
        "[Differentiable] public static float {M}(ReadOnlyTensorSpan<float> {0}, [NoGrad] ReadOnlyTensorSpan<float> {1}, int {2}) => {2} * Sum({0} * {1}) + Sum(Exp({0})) + LogSumExp({0});",

        // Scalars only: no kernels, the body in the public method.
        "[Differentiable] public static double {M}(double {0}, double {1}, bool {2}) => {2} ? Math.Sin({0}) * {1} : {0} / {1};",
    };

    private static readonly string[] Defaults = { "alpha", "beta", "gamma", "delta", "omega" };

    /// <summary>Names the emitter uses that the collection below might not reach in one run.</summary>
    private static readonly string[] Fixed = { "Compute", "Row", "Invoke", "Invoke128", "Invoke256", "Invoke512", "columns", "i", "at", "sums", "scratch", "global", "System", "SymGrad", "var", "nint", "value", "SGKernels", "SGTensors", "SGCompilerServices", "SGCodeDom" };

    [Fact]
    public void ParametersMayTakeEveryNameTheEmitterWrites()
    {
        string baseline = Source(name: null);
        GeneratorRun reference = GeneratorRun.Of(baseline);
        GeneratorAssert.GeneratedCodeCompiles(reference);
        SortedSet<string> generated = GeneratedNames(reference);
        Assert.True(generated.Count > 30, "Only " + generated.Count + " generated names were found: " + string.Join(", ", generated));
        generated.UnionWith(Fixed);

        // Numbered names (s3, s24, pass1, T0S1ValuePass2) and names made from a parameter's (alphaCount, betaCount) come
        // from one pattern each: the first of each pattern stands for it.
        string[] names = generated
            .GroupBy(n => Regex.Replace(Regex.Replace(n, "^d?(" + string.Join("|", Defaults) + ")(?=[A-Z])", "<p>"), "[0-9]+", "#"))
            .Select(g => g.First())
            .ToArray();

        var failures = new List<string>();
        foreach (string name in names)
        {
            string source = Source(name);
            GeneratorRun run = GeneratorRun.Of(source);
            try
            {
                GeneratorAssert.GeneratedCodeCompiles(run);
                Assert.Equal(Templates.Length * 3, run.MethodSources.Length);
            }
            catch (Xunit.Sdk.XunitException failure)
            {
                failures.Add("A parameter named '" + name + "': " + failure.Message);
            }
        }

        Assert.True(failures.Count == 0, failures.Count + " names failed:\n" + string.Join("\n\n", failures.Take(5)));
    }

    [Fact]
    public void KernelMembersStepAsideForParametersNamedLikeThem()
    {
        // Before, these made fields that clashed with Invoke and Row, or made 'columns' read a parameter's data.
        string source = ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> Row, ReadOnlyTensorSpan<float> Invoke, float Invoke128, float FValuePass1)
                    => Sum(Square(Row * Invoke128 - Invoke)) * FValuePass1;

                [Differentiable]
                public static float G(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> columns)
                    => Mean(Square(MatMul(x, Transpose(w)) + columns));
            }
            """;
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.GeneratedCodeCompiles(run);
        Assert.Equal(2, run.MethodSources.Length);
    }

    [Fact]
    public void TypesTheUserNamesLikeKernelsDoNotCaptureThem()
    {
        // Before, host code named its kernel by its simple name, which a nested type of the same name took over.
        string source = ExampleSources.Usings + """
            namespace Models
            {
                public static partial class Examples
                {
                    public sealed class FValuePass1 { }

                    public sealed class FValueAndGradientPass1 { }

                    public sealed class FGradientPass1 { }

                    [Differentiable]
                    public static float F(ReadOnlyTensorSpan<float> x) => Sum(Square(x));
                }
            }

            public static partial class Examples
            {
                public sealed class GValuePass1 { }

                [Differentiable]
                public static float G(ReadOnlyTensorSpan<float> x) => Sum(Square(x));
            }
            """;
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.GeneratedCodeCompiles(run);
        Assert.Equal(2, run.MethodSources.Length);
    }

    [Fact]
    public void NamesakesOfTheMembersTheOverloadsCallDoNotCaptureThem()
    {
        // The overloads call their siblings by simple name (FValue, FValueBroadcast): a parameter of that name makes them
        // name the sibling in full, a generic overload's type parameter steps aside from it (TFoo's type parameter for
        // fooValue would be TFooValue), and a user's type of that name cannot stand in for a method of the class.
        string source = ExampleSources.Usings + """
            namespace Models
            {
                public sealed class FValue { }

                public sealed class FValueAndGradientBroadcast { }

                public static partial class Examples
                {
                    [Differentiable]
                    public static float F(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> b) => Sum(Square(x + b));

                    [Differentiable]
                    public static float G(ReadOnlyTensorSpan<float> GValue, ReadOnlyTensorSpan<float> GValueBroadcast) => Sum(Square(GValue - GValueBroadcast));

                    [Differentiable]
                    public static float H(ReadOnlyTensorSpan<float> HValueAndGradient, [NoGrad] ReadOnlyTensorSpan<float> HValue) => Mean(Square(HValueAndGradient - HValue));

                    [Differentiable]
                    public static float TFoo(ReadOnlyTensorSpan<float> fooValue, ReadOnlyTensorSpan<float> fooValueBroadcast) => Sum(fooValue * fooValueBroadcast);
                }
            }
            """;
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.GeneratedCodeCompiles(run);
        Assert.Equal(4, run.MethodSources.Length);
        string File(string method) => run.Sources.Select(s => s.SourceText.ToString())
            .Single(text => text.StartsWith("// <auto-generated/> by SymGrad from [Differentiable] method " + method + ".", System.StringComparison.Ordinal));
        Assert.Contains("? FValue(", File("F"), System.StringComparison.Ordinal);
        Assert.Contains("global::Models.Examples.GValue(", File("G"), System.StringComparison.Ordinal);
        Assert.Contains("global::Models.Examples.GValueBroadcast(", File("G"), System.StringComparison.Ordinal);
        Assert.Contains("TFooValue_", File("TFoo"), System.StringComparison.Ordinal);
    }

    /// <summary>One class with every template once per parameter position, that position named <paramref name="name"/>.</summary>
    private static string Source(string? name)
    {
        var members = new System.Text.StringBuilder();
        for (int t = 0; t < Templates.Length; t++)
        {
            for (int slot = 0; slot < 3; slot++)
            {
                string[] parameters = Parameters(name, slot);
                string method = Templates[t].Replace("{M}", "T" + t + "S" + slot, System.StringComparison.Ordinal);
                for (int p = 0; p < 3; p++)
                {
                    method = method.Replace("{" + p + "}", Escape(parameters[p]), System.StringComparison.Ordinal);
                }

                members.Append("    ").Append(method).Append('\n');
            }
        }

        return ExampleSources.Usings + "public static partial class Examples\n{\n" + members + "}\n";
    }

    /// <summary>Three parameter names, <paramref name="name"/> at <paramref name="slot"/>, none another's gradient name.</summary>
    private static string[] Parameters(string? name, int slot)
    {
        var result = new string[3];
        var chosen = new List<string>();
        if (name is not null)
        {
            result[slot] = name;
            chosen.Add(name);
        }

        IEnumerable<string> free = Defaults.Where(d => chosen.All(c => c != d && c != "d" + d && d != "d" + c));
        using IEnumerator<string> next = free.GetEnumerator();
        for (int p = 0; p < 3; p++)
        {
            if (result[p] is null)
            {
                next.MoveNext();
                result[p] = next.Current;
            }
        }

        return result;
    }

    private static string Escape(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>Every name the generated files declare, and every member they read through <c>this.</c>.</summary>
    private static SortedSet<string> GeneratedNames(GeneratorRun run)
    {
        var names = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (SyntaxTree tree in run.Sources.Select(s => s.SyntaxTree))
        {
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
            {
                SyntaxToken? declared = node switch
                {
                    VariableDeclaratorSyntax v => v.Identifier,
                    ParameterSyntax p => p.Identifier,
                    SingleVariableDesignationSyntax d => d.Identifier,
                    MethodDeclarationSyntax m => m.Identifier,
                    LocalFunctionStatementSyntax f => f.Identifier,
                    PropertyDeclarationSyntax p => p.Identifier,
                    BaseTypeDeclarationSyntax t => t.Identifier,
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax { Identifier.ValueText: "sums" } } m => m.Name.Identifier,
                    _ => null,
                };
                if (declared is { } token && token.ValueText.Length > 0)
                {
                    names.Add(token.ValueText);
                }
            }
        }

        return names;
    }
}
