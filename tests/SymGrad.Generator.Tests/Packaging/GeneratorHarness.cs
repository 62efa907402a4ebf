using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SymGrad.Generator.Tests.Packaging;

/// <summary>
/// Runs the generator the way a compiler or an IDE hosts it: a compilation of user code against SymGrad and the
/// framework, and a <see cref="GeneratorDriver"/>, with optional generators ahead of SymGrad's.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp14);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>A compilation of <paramref name="sources"/>, named <c>File0.cs</c>, <c>File1.cs</c>, ... in order.</summary>
    public static CSharpCompilation Compile(params string[] sources)
        => CSharpCompilation.Create(
            "UserCode",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: "File" + i + ".cs", encoding: Encoding.UTF8)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    /// <summary>A driver that runs <paramref name="before"/>, then SymGrad's generator.</summary>
    public static GeneratorDriver Driver(params IIncrementalGenerator[] before)
        => CSharpGeneratorDriver.Create(
            before.Append(new DifferentiableGenerator()).Select(GeneratorExtensions.AsSourceGenerator),
            parseOptions: ParseOptions);

    /// <summary>Runs <paramref name="driver"/> on <paramref name="compilation"/> and returns the advanced driver.</summary>
    public static GeneratorDriver Run(GeneratorDriver driver, Compilation compilation, CancellationToken cancellationToken = default)
        => driver.RunGenerators(compilation, cancellationToken);

    /// <summary>
    /// SymGrad's output from the last run of <paramref name="driver"/> as one text: every generated file by hint name,
    /// then every diagnostic with its place and its message in the invariant culture. Equal texts mean equal output.
    /// </summary>
    public static string Render(GeneratorDriver driver)
    {
        GeneratorRunResult result = driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(DifferentiableGenerator));
        if (result.Exception is not null)
        {
            throw new InvalidOperationException("The generator threw: " + result.Exception);
        }

        var text = new StringBuilder();
        foreach (GeneratedSourceResult source in result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            text.Append("==== ").Append(source.HintName).Append('\n').Append(source.SourceText.ToString()).Append('\n');
        }

        foreach (Diagnostic diagnostic in result.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal))
        {
            FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
            text.Append("==== ").Append(diagnostic.Id).Append(' ').Append(span.Path).Append(span.StartLinePosition.ToString())
                .Append(": ").Append(diagnostic.GetMessage(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The hint names of SymGrad's files and the IDs of its diagnostics from the last run of <paramref name="driver"/>.</summary>
    public static (IReadOnlyList<string> HintNames, IReadOnlyList<string> DiagnosticIds) Summary(GeneratorDriver driver)
    {
        GeneratorRunResult result = driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(DifferentiableGenerator));
        return (
            result.GeneratedSources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal).ToList(),
            result.Diagnostics.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal).ToList());
    }

    /// <summary>The framework, System.Numerics.Tensors and SymGrad, as the test process loaded them.</summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string trusted)
        {
            foreach (string path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                paths.Add(path);
            }
        }

        paths.Add(typeof(TensorMath).Assembly.Location);
        paths.Add(typeof(System.Numerics.Tensors.Tensor).Assembly.Location);
        return paths
            .Where(path => !Path.GetFileName(path).StartsWith("SymGrad.Generator", StringComparison.Ordinal))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>User code that exercises every stage: tensors and scalars, constants with fractions, a block body, a matrix product with a bias, and one method SymGrad must reject.</summary>
internal static class UserCode
{
    public const string Losses = """
        using System.Numerics.Tensors;
        using SymGrad;
        using static SymGrad.TensorMath;

        namespace Shop.Models;

        public static partial class Losses
        {
            [Differentiable]
            public static float Energy(ReadOnlyTensorSpan<float> x) => 10 * Sum(Pow(x, 2.5f)) + 0.125f * Mean(Log(x));

            [Differentiable]
            public static double Smooth(ReadOnlyTensorSpan<double> x, double scale)
            {
                var y = Tanh(x * 1.5);
                return scale * Sum(Square(y)) / 3.75;
            }

            [Differentiable]
            public static float Linear([NoGrad] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b, [NoGrad] ReadOnlyTensorSpan<float> y)
                => Mse(MatMul(x, Transpose(w)) + b, y);

            [Differentiable]
            public static float Noisy(ReadOnlyTensorSpan<float> x)
            {
                System.Console.WriteLine(x.FlattenedLength);
                return Sum(x);
            }
        }
        """;

    public const string Springs = """
        using System;
        using SymGrad;

        namespace Shop.Physics;

        public static partial class Springs
        {
            [Differentiable]
            public static float Energy(float k, float x, [NoGrad] float rest) => 0.5f * k * MathF.Pow(x - rest, 2f) + 1e-3f * MathF.Sin(x);
        }
        """;

    /// <summary><see cref="Losses"/> after an edit inside a method body, as a user types.</summary>
    public static string LossesEdited => Losses.Replace("10 * Sum(Pow(x, 2.5f))", "12 * Sum(Pow(x, 2.5f))", StringComparison.Ordinal);
}
