using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>
/// Compares text with a verified file committed beside the tests, in <c>Snapshots/{name}.verified.cs</c>. On a
/// mismatch it writes <c>{name}.received.cs</c> and fails with a diff; with <c>SYMGRAD_ACCEPT_SNAPSHOTS=1</c> it
/// overwrites the verified file instead (read what you accept).
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "SYMGRAD_ACCEPT_SNAPSHOTS";

    private const int Context = 3;
    private const int MaxDiffLines = 150;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    /// <summary>Asserts that <paramref name="actual"/> matches snapshot <paramref name="name"/> of the calling test file's folder.</summary>
    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        string directory = Path.Combine(SourceDirectory(callerFile), "Snapshots");
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        string received = Normalize(actual);

        if (Accepting)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, received, Utf8);
            File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(verifiedPath))
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(receivedPath, received, Utf8);
            Assert.Fail(
                $"Snapshot '{name}' has no verified file. Read {receivedPath}; if it is right, rename it to "
                + $"{Path.GetFileName(verifiedPath)} or run the tests with {AcceptVariable}=1.");
        }

        string verified = Normalize(File.ReadAllText(verifiedPath, Utf8));
        if (verified == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received, Utf8);
        Assert.Fail(
            $"Snapshot '{name}' differs from {verifiedPath} (- verified, + received; the received text is in "
            + $"{Path.GetFileName(receivedPath)}; run with {AcceptVariable}=1 to accept it):\n" + Diff(verified, received));
    }

    /// <summary>One line ending, so that checkouts with CRLF compare equal.</summary>
    public static string Normalize(string text)
        => GeneratorVersion.Replace(text.Replace("\r\n", "\n").Replace('\r', '\n'), "GeneratedCode(\"SymGrad.Generator\", \"(version)\")");

    /// <summary>The generator's version in <c>[GeneratedCode]</c>: a release bump must not change every snapshot.</summary>
    private static readonly System.Text.RegularExpressions.Regex GeneratorVersion = new("GeneratedCode\\(\"SymGrad\\.Generator\", \"[^\"]*\"\\)");

    /// <summary>A unified-style excerpt: changed lines with a few lines of context, under <c>@@ -old +new @@</c> headers.</summary>
    public static string Diff(string verified, string received)
    {
        List<DiffPiece> lines = new InlineDiffBuilder(new Differ()).BuildDiffModel(verified, received, ignoreWhitespace: false).Lines;
        var oldNumbers = new int[lines.Count];
        var newNumbers = new int[lines.Count];
        int oldLine = 0;
        int newLine = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type != ChangeType.Inserted)
            {
                oldLine++;
            }

            if (lines[i].Type != ChangeType.Deleted)
            {
                newLine++;
            }

            oldNumbers[i] = oldLine;
            newNumbers[i] = newLine;
        }

        var shown = new bool[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type != ChangeType.Unchanged)
            {
                for (int j = Math.Max(0, i - Context); j <= Math.Min(lines.Count - 1, i + Context); j++)
                {
                    shown[j] = true;
                }
            }
        }

        var diff = new StringBuilder();
        int written = 0;
        for (int i = 0; i < lines.Count && written < MaxDiffLines; i++)
        {
            if (!shown[i])
            {
                continue;
            }

            if (i == 0 || !shown[i - 1])
            {
                diff.Append("@@ -").Append(oldNumbers[i]).Append(" +").Append(newNumbers[i]).Append(" @@\n");
            }

            char marker = lines[i].Type switch
            {
                ChangeType.Deleted => '-',
                ChangeType.Inserted => '+',
                _ => ' ',
            };
            diff.Append(marker).Append(' ').Append(lines[i].Text).Append('\n');
            written++;
        }

        int remaining = shown.Count(s => s) - written;
        if (remaining > 0)
        {
            diff.Append("... ").Append(remaining).Append(" more lines of the diff\n");
        }

        return diff.ToString();
    }

    /// <summary>The test project's folder: where the calling test file is, or found upward from the test binaries.</summary>
    private static string SourceDirectory(string callerFile)
    {
        string? directory = Path.GetDirectoryName(callerFile);
        if (directory is not null && Directory.Exists(directory))
        {
            return directory;
        }

        // Builds that map source paths (deterministic CI builds) leave no usable caller path.
        for (DirectoryInfo? up = new(AppContext.BaseDirectory); up is not null; up = up.Parent)
        {
            if (File.Exists(Path.Combine(up.FullName, "SymGrad.Generator.Tests.csproj")))
            {
                return up.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the test project's folder from '" + callerFile + "'.");
    }
}
