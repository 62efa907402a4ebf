// Keeps the C# in README.md and docs/*.md true when pasted. Each page follows one convention, read by DocPage:
//
// - The ```csharp blocks of a page without a marker paste together into one Program.cs: their usings first, then
//   their statements in page order, then their classes in page order (a partial class may be declared more than
//   once). That file must compile with SymGrad's generator, without an error or an SG diagnostic, and run.
// - A line "<!-- docs-test: ... -->" right above a fence marks the block:
//     output                  a block of what the program prints; together, the page's output blocks are all it
//                             prints, in order, a line "..." standing for any number of lines;
//     whole page              C#: the page's program spelled out, which must be the blocks above pasted together;
//     generated signatures    C#: method declarations that the generator must have added, as written;
//     generated Type.Method   C#: lines of the file the generator writes for that method, in order, with "..." or
//                             "// ..." for lines left out and global:: and alias (SGKernels::) prefixes optional;
//     not compiled: reason    C#: a block that is not C# to paste (a sketch), saying why;
//     nuget.config            XML: the configuration a reader creates; it must be valid and name a local folder
//                             and nuget.org (build/check-package.sh uses it verbatim).
// - docs/diagnostics.md has its own convention (DiagnosticsDocTests): every example there is a complete file,
//   and its "Wrong" examples must fail with their diagnostic.
//
// Test names carry the page, so a failure points into it.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Threading;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Tests.Infrastructure;

namespace SymGrad.Generator.Tests.Docs;

public sealed class DocsCodeTests
{
    private static readonly string Root = RepositoryRoot();

    // Console output is process-wide: one program runs at a time.
    private static readonly Lock ConsoleLock = new();

    // Namespaces the generated files spell out and the pages may leave off.
    private static readonly System.Text.RegularExpressions.Regex KernelQualifier = new(@"\b(?:\w+\.)+(?=\w+Pass\d+\b)");

    private static readonly string[] GlobalPrefixes =
    [
        "SGCompilerServices::",
        "SGCodeDom::",
        "SGTensors::",
        "SGKernels::",
        "global::System.Runtime.CompilerServices.",
        "global::System.Runtime.Intrinsics.",
        "global::System.Numerics.Tensors.",
        "global::System.CodeDom.Compiler.",
        "global::SymGrad.Kernels.",
        "global::SymGrad.",
        "global::System.",
    ];

    private static readonly Dictionary<string, Lazy<PageRun>> Runs = Pages().ToDictionary(
        page => page,
        page => new Lazy<PageRun>(() => PageRun.Of(DocPage.Load(Root, page))));

    public static TheoryData<string> PageNames => new(Pages());

    [Theory]
    [MemberData(nameof(PageNames))]
    public void The_page_follows_the_convention(string page)
    {
        DocPage doc = Runs[page].Value.Page;
        var problems = doc.Problems.ToList();
        problems.AddRange(doc.Of(BlockKind.NotCompiled).Where(b => b.Argument.Length == 0).Select(b => $"{b}: 'not compiled:' needs a reason"));
        problems.AddRange(DocPage.Sketches
            .Where(sketch => sketch.Page == page && !doc.Blocks.Any(b => b.Code.Split('\n')[0].Trim() == sketch.FirstLine))
            .Select(sketch => $"{page}: no block starts with the listed sketch line '{sketch.FirstLine}'; update DocPage.Sketches"));
        if (doc.Of(BlockKind.WholePage).Count() > 1)
        {
            problems.Add($"{page}: more than one 'whole page' block");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void The_pages_code_pasted_together_compiles_with_the_generator(string page)
    {
        PageRun run = Runs[page].Value;
        if (!run.Page.Of(BlockKind.Program).Any())
        {
            return;
        }

        Diagnostic[] problems = run.Generated.Diagnostics
            .Concat(run.Generated.Output.GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error || d.Id.StartsWith("SG", StringComparison.Ordinal))
            .ToArray();
        Assert.True(
            problems.Length == 0,
            $"{page}: its C# blocks pasted together do not compile:\n{TestCompilation.Format(problems)}\n---- the program:\n{Numbered(run.Program)}");
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void The_page_shows_what_its_program_prints(string page)
    {
        PageRun run = Runs[page].Value;
        DocBlock[] outputs = run.Page.Of(BlockKind.Output).ToArray();
        bool hasStatements = run.Program.Length > 0 && run.IsExecutable;
        if (!hasStatements)
        {
            Assert.True(outputs.Length == 0, $"{page} shows output, but its C# has no statements to run");
            return;
        }

        string printed = run.Execute();
        string[] expected = outputs.SelectMany(b => b.Code.Split('\n')).ToArray();
        string[] actual = printed.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        Assert.True(
            Matches(expected, actual),
            $"{page}: the output blocks ({string.Join(", ", outputs.Select(o => o.Line))}) say the program prints\n{string.Join("\n", expected)}\n---- but it prints\n{printed}");
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void The_whole_page_block_is_the_sections_pasted_together(string page)
    {
        PageRun run = Runs[page].Value;
        foreach (DocBlock whole in run.Page.Of(BlockKind.WholePage))
        {
            Assert.True(
                NonBlankLines(whole.Code).SequenceEqual(NonBlankLines(run.Program)),
                $"{whole}: the whole program differs from the page's sections pasted together, which are:\n{run.Program}");
        }
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void Generated_signatures_are_the_ones_the_generator_adds(string page)
    {
        PageRun run = Runs[page].Value;
        foreach (DocBlock block in run.Page.Of(BlockKind.Signatures))
        {
            var declarations = CSharpSyntaxTree.ParseText("class Signatures {\n" + block.Code + "\n}", TestCompilation.ParseOptions)
                .GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().ToArray();
            Assert.True(declarations.Length > 0, $"{block}: no method declaration");
            foreach (MethodDeclarationSyntax declaration in declarations)
            {
                string shown = Signature(declaration.Identifier.Text, declaration.ReturnType.ToString(), declaration.ParameterList.Parameters.Select(p => p.ToString()));
                string[] generated = run.Generated.Output.GetSymbolsWithName(declaration.Identifier.Text, SymbolFilter.Member)
                    .OfType<IMethodSymbol>()
                    .Select(m => Signature(
                        m.Name,
                        m.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                        m.Parameters.Select(p => p.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat.WithParameterOptions(
                            SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeModifiers)))))
                    .ToArray();
                Assert.True(
                    generated.Contains(shown),
                    $"{block}: the page shows\n  {shown}\nbut the generator added\n  {(generated.Length == 0 ? "no such method" : string.Join("\n  ", generated))}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void Generated_excerpts_are_lines_the_generator_writes(string page)
    {
        PageRun run = Runs[page].Value;
        foreach (DocBlock block in run.Page.Of(BlockKind.Excerpt))
        {
            GeneratedSourceResult[] files = run.Generated.Sources
                .Where(s => IsFileOf(s.HintName, block.Argument))
                .ToArray();
            Assert.True(files.Length == 1, $"{block}: the page's program has no generated file for {block.Argument}; it has {string.Join(", ", run.Generated.Sources.Select(s => s.HintName))}");
            string[] generated = files[0].SourceText.ToString().Replace("\r\n", "\n").Split('\n').Select(Normalize).ToArray();

            // Each shown line is found after the one before it: the excerpt may leave lines out, but not reorder them.
            int next = 0;
            foreach (string line in block.Code.Split('\n').Select(Normalize))
            {
                if (line.Length == 0 || line == "..." || line.StartsWith("// ...", StringComparison.Ordinal))
                {
                    continue;
                }

                int found = Array.IndexOf(generated, line, next);
                Assert.True(
                    found >= 0,
                    $"{block}: the generator no longer writes, at this point of {files[0].HintName},\n  {line}\n---- it writes (global:: prefixes left out):\n{string.Join("\n", generated)}");
                next = found + 1;
            }
        }
    }

    /// <summary>Whether a generated file is the one of <paramref name="method"/> (<c>Type.Method</c>): its hint name is that, a hash, then <c>.g.cs</c>.</summary>
    private static bool IsFileOf(string hintName, string method)
        => hintName.StartsWith(method + ".", StringComparison.Ordinal)
            && hintName.EndsWith(".g.cs", StringComparison.Ordinal)
            && hintName.Length == method.Length + ".0123456789abcdef.g.cs".Length;

    [Theory]
    [MemberData(nameof(PageNames))]
    public void A_nuget_config_names_a_local_folder_and_nuget_org(string page)
    {
        foreach (DocBlock block in Runs[page].Value.Page.Of(BlockKind.NuGetConfig))
        {
            XElement configuration = XDocument.Parse(block.Code).Root!;
            string[] sources = configuration.Element("packageSources")!.Elements("add").Select(e => (string)e.Attribute("value")!).ToArray();
            Assert.Contains("https://api.nuget.org/v3/index.json", sources);
            Assert.Contains(sources, s => !s.Contains("://", StringComparison.Ordinal));
        }
    }

    private static IEnumerable<string> Pages()
    {
        yield return "README.md";

        // The package's own README, shown on its package page.
        yield return "build/package/README.md";
        foreach (string path in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            string page = "docs/" + Path.GetFileName(path);
            if (page != DiagnosticsDoc.RelativePath)
            {
                yield return page;
            }
        }
    }

    private static string Signature(string name, string returnType, IEnumerable<string> parameters)
        => $"{returnType} {name}({string.Join(", ", parameters.Select(p => string.Join(" ", p.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))))})";

    private static string Normalize(string line)
    {
        string text = line.Trim();
        foreach (string prefix in GlobalPrefixes)
        {
            text = text.Replace(prefix, string.Empty, StringComparison.Ordinal);
        }

        // Kernels are named in full (global::Namespace.MsePass1) so a user's type cannot capture them; pages show the short name.
        return KernelQualifier.Replace(text.Replace("global::", string.Empty, StringComparison.Ordinal), string.Empty);
    }

    /// <summary>Whether <paramref name="actual"/> is <paramref name="expected"/>, each "..." line standing for any lines.</summary>
    private static bool Matches(string[] expected, string[] actual)
    {
        bool Match(int e, int a)
        {
            if (e == expected.Length)
            {
                return a == actual.Length;
            }

            if (expected[e] == "...")
            {
                for (int skip = a; skip <= actual.Length; skip++)
                {
                    if (Match(e + 1, skip))
                    {
                        return true;
                    }
                }

                return false;
            }

            return a < actual.Length && expected[e] == actual[a] && Match(e + 1, a + 1);
        }

        return Match(0, 0);
    }

    private static IEnumerable<string> NonBlankLines(string text)
        => text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0);

    private static string Numbered(string text)
        => string.Join("\n", text.Split('\n').Select((line, i) => $"{i + 1,4}  {line}"));

    /// <summary>The repository root: the folder with SymGrad.sln, above this file or above the test binaries.</summary>
    private static string RepositoryRoot([CallerFilePath] string testFile = "")
    {
        foreach (string? start in new[] { Path.GetDirectoryName(testFile), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? up = start is null || !Directory.Exists(start) ? null : new(start); up is not null; up = up.Parent)
            {
                if (File.Exists(Path.Combine(up.FullName, "SymGrad.sln")))
                {
                    return up.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (the folder with SymGrad.sln) above '" + testFile + "'.");
    }

    /// <summary>A page, its program, and the generator's run over it (done once per page, shared by the tests).</summary>
    private sealed record PageRun(DocPage Page, string Program, bool IsExecutable, GeneratorRun Generated)
    {
        public static PageRun Of(DocPage page)
        {
            string program = page.Program();
            bool executable = CSharpSyntaxTree.ParseText(program, TestCompilation.ParseOptions).GetRoot()
                .ChildNodes().OfType<GlobalStatementSyntax>().Any();
            CSharpCompilation compilation = TestCompilation.Create(("Program.cs", program));
            if (executable)
            {
                compilation = compilation.WithOptions(compilation.Options.WithOutputKind(OutputKind.ConsoleApplication));
            }

            return new PageRun(page, program, executable, GeneratorRun.Of(compilation));
        }

        /// <summary>Runs the program in a context of its own, in the invariant culture, and returns what it printed.</summary>
        public string Execute()
        {
            using var image = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult emitted = this.Generated.Output.Emit(image);
            Assert.True(emitted.Success, $"{this.Page.Path}: the program does not emit:\n{TestCompilation.Format(emitted.Diagnostics)}");
            image.Position = 0;
            var context = new AssemblyLoadContext(this.Page.Path, isCollectible: true);
            try
            {
                MethodInfo entry = context.LoadFromStream(image).EntryPoint!;
                var printed = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
                lock (ConsoleLock)
                {
                    TextWriter console = Console.Out;
                    CultureInfo culture = CultureInfo.CurrentCulture;
                    try
                    {
                        Console.SetOut(printed);
                        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
                        entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
                    }
                    finally
                    {
                        Console.SetOut(console);
                        CultureInfo.CurrentCulture = culture;
                    }
                }

                return printed.ToString();
            }
            finally
            {
                context.Unload();
            }
        }
    }
}
