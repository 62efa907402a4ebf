// Keeps docs/diagnostics.md true. The page follows one convention, read by DiagnosticsDoc:
//
// - Each diagnostic has a section whose heading is "## SGxxxx: Title", with the descriptor's ID and exact title.
//   Any other heading ends the section.
// - A section has one line "Message: `...`": the descriptor's message format, with each {n} written as a
//   <placeholder> (angle brackets around words, no brackets inside).
// - Examples are fenced ```csharp blocks, each preceded by a line "Wrong:" or "Fixed:" (optionally with a note in
//   parentheses before the colon, as in "Fixed (a const field would do as well):"), with only blank lines between.
//   Each block is a complete file: usings included, nothing is added before it is compiled.
// - A Wrong example must get its section's ID from the generator, and no other SG diagnostic, at a location in
//   the source. A Fixed example must get no diagnostic at all, generate {Name}Value and {Name}ValueAndGradient for
//   every [Differentiable] method in it that returns a scalar, and compile without errors together with the
//   generated code.
// - Every C# block on the page is an example: one outside a section or without a label fails the tests. Blocks in
//   other languages are not compiled.
// - Every descriptor has a section; each one but SG9999 (a SymGrad bug, which has no example) has at least one
//   Wrong and one Fixed example.
//
// Test names carry the ID and the line of the example's opening fence, so a failure points into the page.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.Tests.Infrastructure;

namespace SymGrad.Generator.Tests.Docs;

/// <summary>Every example in docs/diagnostics.md gets exactly what the page says, and every diagnostic is documented.</summary>
public sealed class DiagnosticsDocTests
{
    private const string DifferentiableAttribute = "SymGrad.DifferentiableAttribute";

    private static readonly Lazy<DiagnosticsDoc> Doc = new(() => DiagnosticsDoc.Load(RepositoryRoot()));

    public static TheoryData<string, int> WrongExamples => Rows(wrong: true);

    public static TheoryData<string, int> FixedExamples => Rows(wrong: false);

    [Fact]
    public void ThePageFollowsItsConvention()
        => Assert.True(Doc.Value.Problems.Count == 0, string.Join("\n", Doc.Value.Problems));

    [Fact]
    public void EveryDescriptorHasASection()
    {
        string[] missing = DiagnosticDescriptors.All
            .Select(d => d.Id)
            .Where(id => Doc.Value.Sections.All(s => s.Id != id))
            .ToArray();
        Assert.True(missing.Length == 0, DiagnosticsDoc.RelativePath + " has no section for " + string.Join(", ", missing));
    }

    [Fact]
    public void EverySectionHasItsDescriptorsTitleAndMessage()
    {
        Assert.All(Doc.Value.Sections, section =>
        {
            DiagnosticDescriptor? descriptor = DiagnosticDescriptors.Find(section.Id);
            Assert.True(descriptor is not null, $"{Where(section)}: {section.Id} is not a SymGrad diagnostic");
            Assert.Equal(descriptor!.Title.ToString(CultureInfo.InvariantCulture), section.Title);

            string format = descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture);
            Assert.True(section.Message is not null, $"{Where(section)}: {section.Id} has no 'Message: `...`' line");
            Assert.True(
                MessageShape(format).IsMatch(section.Message!),
                $"{Where(section)}: the message of {section.Id} is\n  {section.Message}\nbut the descriptor's format is\n  {format}");
        });
    }

    [Fact]
    public void EveryDiagnosticButTheInternalErrorHasAWrongAndAFixedExample()
    {
        Assert.All(Doc.Value.Sections, section =>
        {
            if (section.Id == DiagnosticDescriptors.InternalError.Id)
            {
                Assert.True(section.Examples.Count == 0, $"{Where(section)}: {section.Id} is a SymGrad bug; fix the bug rather than show it");
                return;
            }

            Assert.True(section.Examples.Any(e => e.IsWrong), $"{Where(section)}: {section.Id} has no 'Wrong:' example");
            Assert.True(section.Examples.Any(e => !e.IsWrong), $"{Where(section)}: {section.Id} has no 'Fixed:' example");
        });
    }

    [Theory]
    [MemberData(nameof(WrongExamples))]
    public void WrongExampleGetsItsSectionsDiagnostic(string id, int line)
    {
        DocExample example = Doc.Value.Example(id, line);
        GeneratorRun run = GeneratorRun.Of(example.Code);
        GeneratorAssert.DidNotCrash(run, example.Code);

        Diagnostic[] reported = run.Diagnostics.Where(d => d.Id.StartsWith("SG", StringComparison.Ordinal)).ToArray();
        string got = reported.Length == 0 ? "nothing" : "\n" + TestCompilation.Format(reported);
        Assert.True(reported.Any(d => d.Id == id), $"{example} should get {id}, but the generator reported {got}");
        Assert.True(reported.All(d => d.Id == id), $"{example} should get {id} and nothing else, but the generator reported {got}");

        // Diagnostics travel as plain file-and-span data, so their locations name the file rather than hold its tree.
        Assert.All(reported, d => Assert.True(
            d.Location.Kind != LocationKind.None
                && d.Location.GetLineSpan().Path == TestCompilation.UserPath
                && d.Location.SourceSpan.Length > 0
                && d.Location.SourceSpan.End <= example.Code.Length,
            $"{example}: {d.Id} is not located on the example's code: {d}"));
    }

    [Theory]
    [MemberData(nameof(FixedExamples))]
    public void FixedExampleGeneratesCodeThatCompiles(string id, int line)
    {
        DocExample example = Doc.Value.Example(id, line);
        GeneratorRun run = GeneratorRun.Of(example.Code);
        GeneratorAssert.DidNotCrash(run, example.Code);
        Assert.True(run.Diagnostics.IsEmpty, $"{example} should get no diagnostic, but the generator reported:\n{TestCompilation.Format(run.Diagnostics)}");
        GeneratorAssert.GeneratedCodeCompiles(run);

        SyntaxTree user = run.Input.SyntaxTrees.Single(t => t.FilePath == TestCompilation.UserPath);
        SemanticModel model = run.Output.GetSemanticModel(user);
        IMethodSymbol[] differentiable = user.GetRoot().DescendantNodes()
            .OfType<MethodDeclarationSyntax>()
            .Select(m => model.GetDeclaredSymbol(m))
            .OfType<IMethodSymbol>()
            .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DifferentiableAttribute))
            .ToArray();
        Assert.True(differentiable.Length > 0, $"{example} has no [Differentiable] method");

        // A method returning a tensor (a layer) has no scalar to differentiate: its callers inline it instead.
        foreach (IMethodSymbol method in differentiable.Where(m => m.ReturnType.Name != "Tensor"))
        {
            foreach (string generated in new[] { method.Name + "Value", method.Name + "ValueAndGradient" })
            {
                Assert.True(
                    method.ContainingType.GetMembers(generated).OfType<IMethodSymbol>().Any(),
                    $"{example}: SymGrad generated no {method.ContainingType.Name}.{generated}");
            }
        }
    }

    /// <summary>The descriptor's format as a pattern: its text verbatim, each <c>{n}</c> matching a <c>&lt;placeholder&gt;</c>.</summary>
    private static Regex MessageShape(string format)
        => new("^" + string.Join("<[^<>]+>", Regex.Split(format, @"\{[0-9]+\}").Select(Regex.Escape)) + "$");

    private static TheoryData<string, int> Rows(bool wrong)
    {
        var rows = new TheoryData<string, int>();
        foreach (DocExample example in Doc.Value.Examples.Where(e => e.IsWrong == wrong))
        {
            rows.Add(example.Id, example.Line);
        }

        return rows;
    }

    private static string Where(DocSection section) => DiagnosticsDoc.RelativePath + ":" + section.Line;

    /// <summary>The repository root: the folder with SymGrad.sln, above this file or, in builds that map source paths, above the test binaries.</summary>
    internal static string RepositoryRoot([CallerFilePath] string testFile = "")
    {
        IEnumerable<string?> starts = new[] { Path.GetDirectoryName(testFile), AppContext.BaseDirectory };
        foreach (string? start in starts)
        {
            if (start is null || !Directory.Exists(start))
            {
                continue;
            }

            for (DirectoryInfo? up = new(start); up is not null; up = up.Parent)
            {
                if (File.Exists(Path.Combine(up.FullName, "SymGrad.sln")))
                {
                    return up.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (the folder with SymGrad.sln) above '" + testFile + "'.");
    }
}
