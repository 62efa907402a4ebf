using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator;

namespace SymGrad.GeneratorBenchmarks;

/// <summary>
/// A user project with <see cref="MethodCount"/> distinct [Differentiable] methods in <see cref="FileCount"/> files
/// (element-wise losses, block bodies with locals, linear layers with a bias, scalar functions), and the edits
/// the incremental benchmarks make to it.
/// </summary>
internal sealed class Corpus
{
    public const int FileCount = 10;
    public const int MethodsPerFile = 10;
    public const int MethodCount = FileCount * MethodsPerFile;

    private const string Usings = """
        using System;
        using System.Numerics.Tensors;
        using SymGrad;
        using static SymGrad.TensorMath;

        """;

    /// <summary>A file the generator has no reason to look at.</summary>
    private const string UnrelatedSource = """
        namespace Corpus;

        public static class Unrelated
        {
            public static int Answer() => 42;
        }
        """;

    internal static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp14);

    internal static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        deterministic: true);

    private Corpus(ImmutableArray<SyntaxTree> trees, ImmutableArray<MetadataReference> references)
    {
        this.Trees = trees;
        this.References = references;
        this.UnrelatedTree = CSharpSyntaxTree.ParseText(UnrelatedSource, ParseOptions, "Unrelated.cs");

        // A new member above the first file's methods: the file changes and its methods move, but none of them changes.
        SyntaxTree first = trees[0];
        string edited = first.GetText().ToString().Replace(
            "public static partial class Models0\n{\n",
            "public static partial class Models0\n{\n    public static int Version() => 2;\n\n",
            StringComparison.Ordinal);
        if (edited == first.GetText().ToString())
        {
            throw new InvalidOperationException("The edit beside the methods did not apply.");
        }

        this.EditedFirstTree = CSharpSyntaxTree.ParseText(edited, ParseOptions, first.FilePath);
    }

    /// <summary>The parsed files, parsed once: parsing is the compiler's work, not the generator's.</summary>
    public ImmutableArray<SyntaxTree> Trees { get; }

    /// <summary>The platform, System.Numerics.Tensors and the SymGrad runtime.</summary>
    public ImmutableArray<MetadataReference> References { get; }

    public SyntaxTree UnrelatedTree { get; }

    /// <summary>The first file with one more member, beside (not in) its [Differentiable] methods.</summary>
    public SyntaxTree EditedFirstTree { get; }

    public static Corpus Create() => Create(FileCount);

    /// <summary>A corpus of <paramref name="fileCount"/> files of <see cref="MethodsPerFile"/> methods each.</summary>
    public static Corpus Create(int fileCount)
    {
        var trees = ImmutableArray.CreateBuilder<SyntaxTree>(fileCount);
        for (int file = 0; file < fileCount; file++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(FileSource(file), ParseOptions, $"Models{file}.cs"));
        }

        return new Corpus(trees.MoveToImmutable(), LoadReferences());
    }

    /// <summary>
    /// A new compilation of the corpus, with no semantic information bound yet (the same syntax trees and references,
    /// so a driver that ran before recognises them).
    /// </summary>
    public CSharpCompilation NewCompilation() => CSharpCompilation.Create("Corpus", this.Trees, this.References, Options);

    /// <summary>The corpus plus <see cref="UnrelatedTree"/>.</summary>
    public CSharpCompilation WithUnrelatedFile() => this.NewCompilation().AddSyntaxTrees(this.UnrelatedTree);

    /// <summary>The corpus with its first file replaced by <see cref="EditedFirstTree"/>.</summary>
    public CSharpCompilation WithEditBesideMethods() => this.NewCompilation().ReplaceSyntaxTree(this.Trees[0], this.EditedFirstTree);

    /// <summary>A driver as the compiler makes one: no step tracking unless asked for.</summary>
    public GeneratorDriver NewDriver(bool trackSteps = false)
        => CSharpGeneratorDriver.Create(
            new[] { new DifferentiableGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>One file: <see cref="MethodsPerFile"/> methods, one of each shape, with constants that make them distinct.</summary>
    private static string FileSource(int file)
    {
        var source = new System.Text.StringBuilder(Usings);
        source.Append("namespace Corpus;\n\n");
        source.Append("public static partial class Models").Append(file).Append("\n{\n");
        for (int shape = 0; shape < MethodsPerFile; shape++)
        {
            int index = (file * MethodsPerFile) + shape;
            string c = (0.05 * (file + 1)).ToString("0.0#", CultureInfo.InvariantCulture);
            source.Append("    [Differentiable]\n    ").Append(Method(shape, index, c).Replace("\n", "\n    ", StringComparison.Ordinal)).Append("\n\n");
        }

        source.Length -= 1;
        source.Append("}\n");
        return source.ToString();
    }

    private static string Method(int shape, int index, string c) => shape switch
    {
        0 => $"public static float Mse{index}(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target)\n"
           + $"    => {c}f + Mean(Square(x - target));",
        1 => $"public static float SumOfSquares{index}(ReadOnlyTensorSpan<float> x) => {c}f * Sum(Pow(x, 2)) + Sum(x);",
        2 => $"public static double LogBarrier{index}(ReadOnlyTensorSpan<double> x) => -Sum(Log(x + {c}));",
        3 => $"public static float Smooth{index}(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target)\n"
           + "{\n"
           + "    var d = x - target;\n"
           + $"    float scale = {c}f;\n"
           + "    return scale * Sum(d * d) + Sum(Abs(d));\n"
           + "}",
        4 => $"public static float Linear{index}(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> y, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b)\n"
           + $"    => Mean(Square(MatMul(x, Transpose(w)) + b - y)) + {c}f * Sum(Square(w));",
        5 => $"public static float TanhLayer{index}(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> y, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b)\n"
           + "{\n"
           + "    var z = MatMul(x, Transpose(w)) + b;\n"
           + "    var r = Tanh(z) - y;\n"
           + $"    return Mean(r * r) + {c}f * Sum(Square(b));\n"
           + "}",
        6 => $"public static float SoftMaximum{index}(ReadOnlyTensorSpan<float> x) => LogSumExp(x * {c}f) - Mean(x);",
        7 => $"public static float Logistic{index}(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target)\n"
           + $"    => -Mean(target * Log(Sigmoid(x) + {c}f)) + Mean(Relu(x - target));",
        8 => $"public static float Scalar{index}(float a, float b) => a * b + MathF.Sin({c}f * a) / (b * b + 1);",
        _ => $"public static float Blend{index}(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y)\n"
           + "{\n"
           + "    float dot = Dot(x, y);\n"
           + $"    var s = Sqrt(Square(x) + {c}f);\n"
           + "    return dot * dot + Sum(s) + Mse(x, y) + Mean(Exp(Cos(y)));\n"
           + "}",
    };

    /// <summary>The platform's assemblies (not this program's), System.Numerics.Tensors and the SymGrad runtime.</summary>
    internal static ImmutableArray<MetadataReference> LoadReferences()
    {
        string platformDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string platform = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        IEnumerable<string> paths = platform
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => string.Equals(Path.GetDirectoryName(p), platformDirectory, StringComparison.Ordinal))
            .Append(typeof(System.Numerics.Tensors.Tensor).Assembly.Location)
            .Append(typeof(DifferentiableAttribute).Assembly.Location);
        return paths
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .DistinctBy(Path.GetFileNameWithoutExtension, StringComparer.OrdinalIgnoreCase)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
