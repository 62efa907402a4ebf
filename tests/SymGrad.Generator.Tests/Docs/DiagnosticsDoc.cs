using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace SymGrad.Generator.Tests.Docs;

/// <summary>One C# example of the diagnostics reference: Wrong or Fixed, with the line of its opening fence.</summary>
internal sealed record DocExample(string Id, bool IsWrong, int Line, string Code)
{
    public string Kind => this.IsWrong ? "Wrong" : "Fixed";

    public override string ToString() => $"{DiagnosticsDoc.RelativePath}:{this.Line} ({this.Id}, {this.Kind})";
}

/// <summary>One <c>## SGxxxx: Title</c> section of the diagnostics reference.</summary>
internal sealed record DocSection(string Id, string Title, int Line, string? Message, IReadOnlyList<DocExample> Examples);

/// <summary>
/// docs/diagnostics.md read by the convention described at the top of <see cref="DiagnosticsDocTests"/>. Anything
/// that breaks the convention is collected in <see cref="Problems"/> rather than thrown, so one test lists it all.
/// </summary>
internal sealed class DiagnosticsDoc
{
    public const string RelativePath = "docs/diagnostics.md";

    private static readonly Regex SectionHeading = new(@"^## (SG[0-9]{4}): (.+)$");
    private static readonly Regex Label = new(@"^(Wrong|Fixed)( \(.*\))?:$");
    private static readonly Regex MessageLine = new(@"^Message: `(.+)`$");

    private DiagnosticsDoc(IReadOnlyList<DocSection> sections, IReadOnlyList<string> problems)
    {
        this.Sections = sections;
        this.Problems = problems;
    }

    public IReadOnlyList<DocSection> Sections { get; }

    public IReadOnlyList<string> Problems { get; }

    public IEnumerable<DocExample> Examples => this.Sections.SelectMany(s => s.Examples);

    public static DiagnosticsDoc Load(string repositoryRoot)
        => Parse(File.ReadAllText(Path.Combine(repositoryRoot, RelativePath)));

    public DocExample Example(string id, int line)
        => this.Examples.Single(e => e.Id == id && e.Line == line);

    public static DiagnosticsDoc Parse(string markdown)
    {
        string[] lines = markdown.Replace("\r\n", "\n").Split('\n');
        var sections = new List<DocSection>();
        var problems = new List<string>();

        // The section being read, and the label waiting for its code block.
        (string Id, string Title, int Line, string? Message, List<DocExample> Examples)? section = null;
        (bool IsWrong, int Line)? label = null;

        void CloseSection()
        {
            if (section is { } open)
            {
                sections.Add(new DocSection(open.Id, open.Title, open.Line, open.Message, open.Examples));
            }

            section = null;
        }

        void Problem(int line, string what) => problems.Add($"{RelativePath}:{line}: {what}");

        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            int number = i + 1;

            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                string language = line.Trim().Substring(3).Trim();
                int start = i + 1;
                int end = start;
                while (end < lines.Length && lines[end].Trim() != "```")
                {
                    end++;
                }

                if (end == lines.Length)
                {
                    Problem(number, "a code block that is never closed");
                    break;
                }

                if (language == "csharp")
                {
                    if (section is not { } open)
                    {
                        Problem(number, "a csharp block outside an SG section: every C# block is a tested example");
                    }
                    else if (label is not { } pending)
                    {
                        Problem(number, "a csharp block without a 'Wrong:' or 'Fixed:' line before it");
                    }
                    else
                    {
                        string code = string.Join("\n", lines, start, end - start);
                        open.Examples.Add(new DocExample(open.Id, pending.IsWrong, number, code));
                    }
                }
                else if (label is { } pending)
                {
                    Problem(pending.Line, "a label followed by a '" + language + "' block rather than a csharp one");
                }

                label = null;
                i = end;
                continue;
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (label is { } unused)
            {
                Problem(unused.Line, "a 'Wrong:' or 'Fixed:' line that is not followed by a csharp block");
                label = null;
            }

            if (line.StartsWith("#", StringComparison.Ordinal))
            {
                CloseSection();
                Match heading = SectionHeading.Match(line);
                if (heading.Success)
                {
                    string id = heading.Groups[1].Value;
                    if (sections.Any(s => s.Id == id))
                    {
                        Problem(number, "a second section for " + id);
                    }

                    section = (id, heading.Groups[2].Value, number, null, new List<DocExample>());
                }

                continue;
            }

            if (section is not { } current)
            {
                continue;
            }

            Match labelMatch = Label.Match(line);
            if (labelMatch.Success)
            {
                label = (labelMatch.Groups[1].Value == "Wrong", number);
                continue;
            }

            Match message = MessageLine.Match(line);
            if (message.Success)
            {
                if (current.Message is not null)
                {
                    Problem(number, "a second 'Message:' line in " + current.Id);
                }

                section = current with { Message = message.Groups[1].Value };
            }
        }

        if (label is { } last)
        {
            Problem(last.Line, "a 'Wrong:' or 'Fixed:' line that is not followed by a csharp block");
        }

        CloseSection();
        return new DiagnosticsDoc(sections, problems);
    }
}
