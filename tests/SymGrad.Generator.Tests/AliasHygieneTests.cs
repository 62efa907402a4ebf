using System.Linq;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// The generated file names the runtime's and the platform's namespaces by aliases (<c>SGKernels::ShapeGuard</c>). A
/// name qualified with <c>::</c> looks up aliases only, so a user's type, member or namespace of the same name does not
/// stand in for one: these methods must compile whatever the user calls things.
/// </summary>
public sealed class AliasHygieneTests
{
    private static readonly string[] Aliases = { "SGKernels", "SGTensors", "SGCompilerServices", "SGCodeDom" };

    // A broadcast method (tensor span, generic and span overloads, kernels with Bind), a row pass with a product, and
    // a structured body with loops: between them every kind of method the emitter writes.
    private const string Methods = """
            [Differentiable]
            public static float Mse(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target) => Mean(Square(x - target));

            [Differentiable]
            public static float Linear(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b) => Mean(Square(MatMul(x, Transpose(w)) + b));

            [Differentiable]
            public static double Loop(double x, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    s += Math.Sin(x * i);
                }

                return s;
            }
        """;

    [Fact]
    public void TypesNamedLikeTheAliasesInTheUsersNamespace()
    {
        string types = string.Concat(Aliases.Select(a => "    public sealed class " + a + " { }\n"));
        string source = ExampleSources.Usings + "namespace Models\n{\n" + types + "\n    public static partial class Losses\n    {\n" + Indent(Methods) + "    }\n}\n";
        AssertCompiles(source, 3);
    }

    [Fact]
    public void TypesNamedLikeTheAliasesInTheGlobalNamespace()
    {
        string types = string.Concat(Aliases.Select(a => "public sealed class " + a + " { }\n"));
        string source = ExampleSources.Usings + types + "\npublic static partial class Losses\n{\n" + Methods + "}\n";
        AssertCompiles(source, 3);
    }

    [Fact]
    public void MembersAndNamespacesNamedLikeTheAliases()
    {
        // Nested types and static properties of the user's own type, and namespaces, all named like the aliases.
        string members = string.Concat(Aliases.Select((a, i) => i % 2 == 0
            ? "    public sealed class " + a + " { }\n"
            : "    public static int " + a + " => 0;\n"));
        string namespaces = string.Concat(Aliases.Select(a => "namespace " + a + " { public sealed class Marker { } }\n"));
        string source = ExampleSources.Usings + namespaces + "\npublic static partial class Losses\n{\n" + members + "\n" + Methods + "}\n";
        AssertCompiles(source, 3);
    }

    private static void AssertCompiles(string source, int files)
    {
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.GeneratedCodeCompiles(run);
        Assert.Equal(files, run.MethodSources.Length);
        foreach (GeneratedSourceResult file in run.Sources)
        {
            Assert.Contains("using SGKernels = global::SymGrad.Kernels;", file.SourceText.ToString(), System.StringComparison.Ordinal);
        }
    }

    private static string Indent(string text)
        => string.Join("\n", text.Split('\n').Select(line => line.Length == 0 ? line : "    " + line));
}
