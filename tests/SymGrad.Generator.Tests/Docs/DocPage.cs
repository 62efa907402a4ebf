using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SymGrad.Generator.Tests.Docs;

/// <summary>What a fenced block of a page is, by its language and the <c>&lt;!-- docs-test: ... --&gt;</c> line above it.</summary>
internal enum BlockKind
{
    /// <summary>C# without a marker: a part of the page's program.</summary>
    Program,

    /// <summary>C# marked <c>generated signatures</c>: declarations of methods the generator adds for the page's program.</summary>
    Signatures,

    /// <summary>C# marked <c>generated Type.Method</c>: lines of the file the generator writes for that method.</summary>
    Excerpt,

    /// <summary>C# marked <c>whole page</c>: the page's program, spelled out in one block.</summary>
    WholePage,

    /// <summary>C# marked <c>not compiled: reason</c>, or a sketch listed in <see cref="DocPage.Sketches"/>.</summary>
    NotCompiled,

    /// <summary>A block marked <c>output</c>: what the page's program prints at this point.</summary>
    Output,

    /// <summary>An XML block marked <c>nuget.config</c>: the configuration a reader creates.</summary>
    NuGetConfig,

    /// <summary>A block in another language without a marker (shell commands, XML, formulas): not checked.</summary>
    Text,
}

/// <summary>One fenced block of a page, with the line of its opening fence.</summary>
internal sealed record DocBlock(string Page, int Line, string Language, BlockKind Kind, string Argument, string Code)
{
    public override string ToString() => $"{this.Page}:{this.Line}";
}

/// <summary>
/// A page of the documentation and its fenced blocks, read by the convention described in <see cref="DocsCodeTests"/>.
/// </summary>
internal sealed class DocPage
{
    private const string MarkerStart = "<!-- docs-test: ";
    private const string MarkerEnd = " -->";

    /// <summary>
    /// C# sketches, with <c>...</c> where a reader fills in their own data, on pages whose text this test does not
    /// mark, named by page and first line. Each is a shape, not a program; a page's own marker does the same job.
    /// </summary>
    public static readonly IReadOnlyList<(string Page, string FirstLine)> Sketches =
    [
        ("docs/contract.md", "public static T FValue(p1 ... pn);"),
        ("docs/contract.md", "float[] x = ..., target = ..., dx = new float[x.Length];"),
    ];

    private DocPage(string path, IReadOnlyList<DocBlock> blocks, IReadOnlyList<string> problems)
    {
        this.Path = path;
        this.Blocks = blocks;
        this.Problems = problems;
    }

    /// <summary>The page's path from the repository root, with forward slashes.</summary>
    public string Path { get; }

    public IReadOnlyList<DocBlock> Blocks { get; }

    /// <summary>Breaks of the convention: unknown markers, markers on the wrong kind of block, unclosed fences.</summary>
    public IReadOnlyList<string> Problems { get; }

    public IEnumerable<DocBlock> Of(BlockKind kind) => this.Blocks.Where(b => b.Kind == kind);

    public static DocPage Load(string repositoryRoot, string path)
        => Parse(path, File.ReadAllText(System.IO.Path.Combine(repositoryRoot, path)));

    public static DocPage Parse(string path, string markdown)
    {
        string[] lines = markdown.Replace("\r\n", "\n").Split('\n');
        var blocks = new List<DocBlock>();
        var problems = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            int fence = i;
            string language = lines[i].Substring(3).Trim();
            int end = i + 1;
            while (end < lines.Length && lines[end] != "```")
            {
                end++;
            }

            if (end == lines.Length)
            {
                problems.Add($"{path}:{fence + 1}: a code block that is never closed");
                break;
            }

            string code = string.Join("\n", lines, fence + 1, end - fence - 1);
            string? marker = fence > 0 && lines[fence - 1].StartsWith(MarkerStart, StringComparison.Ordinal) && lines[fence - 1].EndsWith(MarkerEnd, StringComparison.Ordinal)
                ? lines[fence - 1].Substring(MarkerStart.Length, lines[fence - 1].Length - MarkerStart.Length - MarkerEnd.Length).Trim()
                : null;
            (BlockKind kind, string argument) = Classify(path, language, marker, code);
            if (kind == BlockKind.Text && marker is not null)
            {
                problems.Add($"{path}:{fence + 1}: the marker '{marker}' does not apply to a '{language}' block");
            }

            blocks.Add(new DocBlock(path, fence + 1, language, kind, argument, code));
            i = end;
        }

        return new DocPage(path, blocks, problems);
    }

    /// <summary>
    /// The page's program: every <see cref="BlockKind.Program"/> block pasted into one file. Usings go first (each
    /// once), then the blocks' statements in page order, then their type declarations in page order, as a reader
    /// assembles a <c>Program.cs</c> from the page.
    /// </summary>
    public string Program()
    {
        var usings = new List<string>();
        var statements = new List<string>();
        var types = new List<string>();
        foreach (DocBlock block in this.Of(BlockKind.Program))
        {
            var unit = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(block.Code, Infrastructure.TestCompilation.ParseOptions).GetRoot();
            foreach (UsingDirectiveSyntax directive in unit.Usings)
            {
                string text = directive.ToString().Trim();
                if (!usings.Contains(text))
                {
                    usings.Add(text);
                }
            }

            string blockStatements = string.Concat(unit.Members.OfType<GlobalStatementSyntax>().Select(s => s.ToFullString())).Trim('\n', '\r');
            string blockTypes = string.Concat(unit.Members.Where(m => m is not GlobalStatementSyntax).Select(m => m.ToFullString())).Trim('\n', '\r');
            if (blockStatements.Length > 0)
            {
                statements.Add(blockStatements);
            }

            if (blockTypes.Length > 0)
            {
                types.Add(blockTypes);
            }
        }

        var program = new StringBuilder();
        foreach (string part in new[] { string.Join("\n", usings) }.Concat(statements).Concat(types).Where(p => p.Length > 0))
        {
            program.Append(program.Length == 0 ? string.Empty : "\n\n").Append(part);
        }

        return program.Append('\n').ToString();
    }

    private static (BlockKind Kind, string Argument) Classify(string path, string language, string? marker, string code)
    {
        string firstLine = code.Split('\n')[0].Trim();
        return (language, marker) switch
        {
            ("csharp", null) when Sketches.Contains((path, firstLine)) => (BlockKind.NotCompiled, "a sketch"),
            ("csharp", null) => (BlockKind.Program, string.Empty),
            ("csharp", "generated signatures") => (BlockKind.Signatures, string.Empty),
            ("csharp", "whole page") => (BlockKind.WholePage, string.Empty),
            ("csharp", string m) when m.StartsWith("generated ", StringComparison.Ordinal) => (BlockKind.Excerpt, m.Substring("generated ".Length)),
            ("csharp", string m) when m.StartsWith("not compiled: ", StringComparison.Ordinal) => (BlockKind.NotCompiled, m.Substring("not compiled: ".Length)),
            ("xml", "nuget.config") => (BlockKind.NuGetConfig, string.Empty),
            (_, "output") when language != "csharp" => (BlockKind.Output, string.Empty),
            _ => (BlockKind.Text, string.Empty),
        };
    }
}
