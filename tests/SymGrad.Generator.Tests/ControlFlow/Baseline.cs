using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;

namespace SymGrad.Generator.Tests.ControlFlow;

/// <summary>
/// What the generator does today with each function of the control-flow suite, committed in <c>baseline.txt</c> beside
/// this file: one line per function, <c>Category/Name: status</c>, where the status is <c>ok</c>, <c>refused SGnnnn:
/// message</c> or <c>broken: reason</c> (a generator bug that is not a wrong number), or, written by hand for a known
/// bug, <c>wrong: reason</c>. A run with <c>SYMGRAD_ACCEPT_BASELINE=1</c> rewrites the file from what the generator
/// does now, except that it never records a wrong value or gradient.
/// </summary>
internal static class Baseline
{
    public const string AcceptVariable = "SYMGRAD_ACCEPT_BASELINE";

    private const string FileName = "baseline.txt";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    /// <summary>Function name to its recorded status; empty when the file does not exist yet.</summary>
    public static IReadOnlyDictionary<string, string> Read()
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        string path = FilePath();
        if (!File.Exists(path))
        {
            return entries;
        }

        foreach (string line in File.ReadAllLines(path, Utf8))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            int slash = line.IndexOf('/');
            if (colon < 0 || slash < 0 || slash > colon)
            {
                throw new InvalidDataException("Malformed line in " + FileName + ": '" + line + "'. Expected 'Category/Name: status'.");
            }

            entries[line[(slash + 1)..colon]] = line[(colon + 2)..];
        }

        return entries;
    }

    public static void Write(IEnumerable<(string Category, string Name, string Status)> entries)
    {
        var text = new StringBuilder();
        text.Append("# What the generator does with each function of tests/SymGrad.Tests/ControlFlow/Functions*.cs.\n");
        text.Append("# ok: value and gradient match the method as written and the PyTorch references at every point.\n");
        text.Append("# refused: the generator reports the diagnostic shown. broken: a generator bug other than a wrong number.\n");
        text.Append("# wrong (by hand only): a known wrong value or gradient. Rewrite with " + AcceptVariable + "=1.\n");
        foreach ((string category, string name, string status) in entries.OrderBy(e => e.Category, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal))
        {
            text.Append(category).Append('/').Append(name).Append(": ").Append(status).Append('\n');
        }

        File.WriteAllText(FilePath(), text.ToString(), Utf8);
    }

    public static bool IsOk(string status) => status == "ok";

    public static bool IsWrong(string status) => status.StartsWith("wrong", StringComparison.Ordinal);

    public static string FilePath([CallerFilePath] string callerFile = "")
    {
        string? directory = Path.GetDirectoryName(callerFile);
        if (directory is not null && Directory.Exists(directory))
        {
            return Path.Combine(directory, FileName);
        }

        for (DirectoryInfo? up = new(AppContext.BaseDirectory); up is not null; up = up.Parent)
        {
            if (File.Exists(Path.Combine(up.FullName, "SymGrad.Generator.Tests.csproj")))
            {
                return Path.Combine(up.FullName, "ControlFlow", FileName);
            }
        }

        throw new InvalidOperationException("Cannot find the test project's folder from '" + callerFile + "'.");
    }
}
