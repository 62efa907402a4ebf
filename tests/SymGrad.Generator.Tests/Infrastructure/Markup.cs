using System;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>
/// Source text with the spans a diagnostic must cover marked as <c>[|...|]</c>: the markers are removed and their
/// spans returned, so a test states where each diagnostic goes next to the code it is about.
/// </summary>
internal static class Markup
{
    private const string Open = "[|";
    private const string Close = "|]";

    public static (string Source, ImmutableArray<TextSpan> Spans) Parse(string markup)
    {
        var source = new StringBuilder(markup.Length);
        var spans = ImmutableArray.CreateBuilder<TextSpan>();
        int? start = null;
        int i = 0;
        while (i < markup.Length)
        {
            if (string.CompareOrdinal(markup, i, Open, 0, Open.Length) == 0)
            {
                if (start is not null)
                {
                    throw new ArgumentException("Marked spans cannot nest.", nameof(markup));
                }

                start = source.Length;
                i += Open.Length;
            }
            else if (string.CompareOrdinal(markup, i, Close, 0, Close.Length) == 0)
            {
                if (start is not { } begin)
                {
                    throw new ArgumentException("'|]' without '[|'.", nameof(markup));
                }

                spans.Add(TextSpan.FromBounds(begin, source.Length));
                start = null;
                i += Close.Length;
            }
            else
            {
                source.Append(markup[i]);
                i++;
            }
        }

        if (start is not null)
        {
            throw new ArgumentException("'[|' without '|]'.", nameof(markup));
        }

        return (source.ToString(), spans.ToImmutable());
    }
}
