using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator;

namespace SymGrad.GeneratorBenchmarks;

/// <summary>The shapes of long methods whose every line reuses the value before it, so the graph shares each node.</summary>
public enum RecurrenceKind
{
    /// <summary><c>float a = x0 * x1; a = a * a + a; ... return a;</c></summary>
    Scalar,

    /// <summary><c>var t = Square(x); t = t * t + t; ... return Sum(t);</c></summary>
    Tensor,

    /// <summary><c>float r = s; r = 0.5f * (r + s / r); ... return r;</c>: Newton's square root, unrolled.</summary>
    Newton,

    /// <summary><c>return 1f * a + 2f * b + 3f * c + ...;</c>: one expression as deep as the method is long.</summary>
    Sum,

    /// <summary><c>float s = Sum(x); s = Sum(x * s); ... return s;</c>: each line a loop that needs the line before.</summary>
    Reductions,
}

/// <summary>
/// One [Differentiable] method of a given number of lines, in a file of its own, for the generator's scaling
/// benchmark: a generator that walked the graph as a tree would take time exponential in the number of lines.
/// </summary>
internal sealed class Recurrences
{
    private readonly SyntaxTree tree;
    private readonly ImmutableArray<MetadataReference> references;

    public Recurrences(RecurrenceKind kind, int lines, ImmutableArray<MetadataReference> references)
    {
        this.tree = CSharpSyntaxTree.ParseText(Source(kind, lines), Corpus.ParseOptions, "Recurrence.cs");
        this.references = references;
    }

    /// <summary>The user's file: usings, a class and the one method.</summary>
    public static string Source(RecurrenceKind kind, int lines)
    {
        var text = new StringBuilder();
        text.Append("using System;\nusing System.Numerics.Tensors;\nusing SymGrad;\nusing static SymGrad.TensorMath;\n\n");
        text.Append("namespace Corpus;\n\npublic static partial class Recurrence\n{\n    [Differentiable]\n");
        switch (kind)
        {
            case RecurrenceKind.Scalar:
                text.Append("    public static float F(float x0, float x1)\n    {\n        float a = x0 * x1;\n");
                Repeat(text, "        a = a * a + a;\n", lines - 2);
                text.Append("        return a;\n    }\n");
                break;
            case RecurrenceKind.Tensor:
                text.Append("    public static float F(ReadOnlyTensorSpan<float> x)\n    {\n        var t = Square(x);\n");
                Repeat(text, "        t = t * t + t;\n", lines - 2);
                text.Append("        return Sum(t);\n    }\n");
                break;
            case RecurrenceKind.Newton:
                text.Append("    public static float F(float s)\n    {\n        float r = s;\n");
                Repeat(text, "        r = 0.5f * (r + s / r);\n", lines - 2);
                text.Append("        return r;\n    }\n");
                break;
            case RecurrenceKind.Reductions:
                text.Append("    public static float F(ReadOnlyTensorSpan<float> x)\n    {\n        float s = Sum(x);\n");
                Repeat(text, "        s = Sum(x * s);\n", lines - 2);
                text.Append("        return s;\n    }\n");
                break;
            default:
                text.Append("    public static float F(float a, float b, float c, float d) =>\n        ");
                for (int term = 1; term <= lines; term++)
                {
                    text.Append(term == 1 ? string.Empty : " + ").Append(term.ToString(CultureInfo.InvariantCulture)).Append("f * ").Append((char)('a' + (term % 4)));
                    if (term % 16 == 0 && term < lines)
                    {
                        text.Append("\n       ");
                    }
                }

                text.Append(";\n");
                break;
        }

        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>A new compilation of the file, nothing bound yet.</summary>
    public CSharpCompilation NewCompilation() => CSharpCompilation.Create("Recurrence", new[] { this.tree }, this.references, Corpus.Options);

    /// <summary>A driver as the compiler makes one.</summary>
    public static GeneratorDriver NewDriver(bool trackSteps = false)
        => CSharpGeneratorDriver.Create(
            new[] { new DifferentiableGenerator().AsSourceGenerator() },
            parseOptions: Corpus.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    private static void Repeat(StringBuilder text, string line, int count)
    {
        for (int i = 0; i < count; i++)
        {
            text.Append(line);
        }
    }
}
