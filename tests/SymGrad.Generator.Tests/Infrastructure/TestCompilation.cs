using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>
/// Builds the compilations the generator runs on: C# 14 with documentation comments checked, referencing the
/// platform, System.Numerics.Tensors and the SymGrad runtime (attributes and the TensorMath vocabulary).
/// </summary>
internal static class TestCompilation
{
    public const string UserPath = "User.cs";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp14, DocumentationMode.Diagnose);

    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        deterministic: true);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    // One compilation whose reference binding later compilations reuse: adding trees keeps the bound references.
    private static readonly Lazy<CSharpCompilation> LazyEmpty = new(() => CSharpCompilation.Create(
        "SymGrad.UserCode",
        Array.Empty<SyntaxTree>(),
        LazyReferences.Value,
        Options));

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>A compilation of <paramref name="source"/> (as <see cref="UserPath"/>).</summary>
    public static CSharpCompilation Create(string source) => Create((UserPath, source));

    /// <summary>A compilation of several files, each with its path.</summary>
    public static CSharpCompilation Create(params (string Path, string Source)[] files)
        => LazyEmpty.Value.AddSyntaxTrees(files.Select(f => Parse(f.Source, f.Path)));

    public static SyntaxTree Parse(string source, string path)
        => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>The errors of a compilation, formatted one per line with their locations, for assertion messages.</summary>
    public static string Format(IEnumerable<Diagnostic> diagnostics)
        => string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string platform = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        var paths = platform.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
        paths.Add(typeof(System.Numerics.Tensors.Tensor).Assembly.Location);
        paths.Add(typeof(DifferentiableAttribute).Assembly.Location);

        // The generator and these tests are not what user code sees; one reference per assembly name.
        var excluded = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            typeof(DifferentiableGenerator).Assembly.GetName().Name!,
            typeof(TestCompilation).Assembly.GetName().Name!,
        };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (string path in paths)
        {
            string name = Path.GetFileNameWithoutExtension(path);
            if (!excluded.Contains(name) && seen.Add(name))
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
        }

        return references.ToImmutable();
    }
}
