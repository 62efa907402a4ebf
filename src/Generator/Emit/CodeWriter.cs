using System.Text;

namespace SymGrad.Generator.Emit;

/// <summary>A small indented text writer for generated C#.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder text = new();
    private int depth;

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            this.text.Append(' ', this.depth * 4);
        }

        this.text.Append(line).Append('\n');
    }

    /// <summary>A blank line between blocks of statements; none right after an opening brace.</summary>
    public void Gap()
    {
        int length = this.text.Length;
        if (length >= 2 && this.text[length - 2] == '{' && this.text[length - 1] == '\n')
        {
            return;
        }

        this.Line();
    }

    public void Open(string header)
    {
        this.Line(header);
        this.Line("{");
        this.depth++;
    }

    public void Close(string suffix = "")
    {
        this.depth--;
        this.Line("}" + suffix);
    }

    public override string ToString() => this.text.ToString();
}
