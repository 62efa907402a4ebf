using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Tests.Infrastructure;

namespace SymGrad.Generator.Tests.ControlFlow;

/// <summary>
/// The files of the control-flow suite (<c>tests/SymGrad.Tests/ControlFlow/Functions*.cs</c>), embedded in this test
/// assembly, and the [Differentiable] methods they declare. A file's name after <c>Functions</c> is its category.
/// </summary>
internal static class SuiteSources
{
    public const string Namespace = "SymGrad.Tests.ControlFlow";
    public const string ClassName = "ControlFlowSuite";

    private const string ResourcePrefix = "ControlFlow.Suite.";

    private static readonly Lazy<IReadOnlyList<(string Path, string Text)>> LazyFiles = new(LoadFiles);

    public static IReadOnlyList<(string Path, string Text)> Files => LazyFiles.Value;

    /// <summary>Each [Differentiable] method's name and category, in file order, from the syntax alone.</summary>
    public static IEnumerable<(string Category, string Name)> Declared()
    {
        foreach ((string path, string text) in Files)
        {
            SyntaxTree tree = TestCompilation.Parse(text, path);
            foreach (MethodDeclarationSyntax method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (method.AttributeLists.SelectMany(list => list.Attributes).Any(a => a.Name.ToString() is "Differentiable" or "DifferentiableAttribute"))
                {
                    yield return (Category(path), method.Identifier.ValueText);
                }
            }
        }
    }

    public static string Category(string path)
        => Path.GetFileNameWithoutExtension(path)["Functions".Length..];

    private static IReadOnlyList<(string Path, string Text)> LoadFiles()
    {
        var assembly = typeof(SuiteSources).Assembly;
        var files = new List<(string Path, string Text)>();
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
        {
            using Stream stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files.Add((name[ResourcePrefix.Length..], reader.ReadToEnd()));
        }

        if (files.Count == 0)
        {
            throw new InvalidOperationException("The test assembly embeds no control-flow suite files (" + ResourcePrefix + "Functions*.cs).");
        }

        return files;
    }
}
