using System;
using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using System.Text;
using SymGrad.Kernels;

namespace SymGrad.Samples;

/// <summary>
/// Prints tensors and numbers the way PyTorch 1.13 and Python print them, so a sample's output can be read side by
/// side with the notebook it follows.
/// </summary>
public static class TorchStyle
{
    private const int LineWidth = 80;

    /// <summary>
    /// A tensor as <c>repr(tensor)</c> prints it, with optional suffixes such as <c>requires_grad=True</c>, each
    /// moved to a new line when it would pass the line width, as PyTorch does.
    /// </summary>
    public static string Tensor<T>(Tensor<T> tensor, params string[] suffixes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> values = ShapeGuard.Elements(tensor.AsReadOnlyTensorSpan());
        var formatted = Format(values);
        int width = 0;
        foreach (string text in formatted)
        {
            width = Math.Max(width, text.Length);
        }

        var output = new StringBuilder(Prefix);
        ReadOnlySpan<nint> lengths = tensor.Lengths;
        int position = 0;
        Append(output, formatted, width, lengths, 0, ref position, indent: Prefix.Length);
        return WithSuffixes(output, DtypeSuffixes<T>(suffixes));
    }

    /// <summary>A 0-d tensor (what <c>sum()</c> or <c>mse_loss</c> returns) as <c>repr</c> prints it: <c>tensor(14., grad_fn=&lt;SumBackward0&gt;)</c>.</summary>
    public static string Scalar<T>(T value, params string[] suffixes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> single = [value];
        return WithSuffixes(new StringBuilder(Prefix).Append(Format(single)[0]), DtypeSuffixes<T>(suffixes));
    }

    /// <summary>A tuple of reprs as IPython displays it: one item a line, continuation lines indented by one.</summary>
    public static string Tuple(params string[] items)
    {
        var output = new StringBuilder("(");
        for (int i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                output.Append(",\n ");
            }

            output.Append(items[i].Replace("\n", "\n ", StringComparison.Ordinal));
        }

        return output.Append(')').ToString();
    }

    /// <summary>A number as <c>'%.4f'</c> prints it (PyTorch's default precision for a 0-d tensor).</summary>
    public static string Fixed(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>A number as <c>'%.4e'</c> prints it: <c>7.5240e-02</c>.</summary>
    public static string Scientific(double value) => value.ToString("0.0000e+00", CultureInfo.InvariantCulture);

    /// <summary>A number as Python's <c>repr(float)</c> prints it: shortest round trip, <c>64.0</c>, <c>9.8e-05</c>.</summary>
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        // Shortest round-trip digits, then Python's layout: fixed for 1e-4 <= |x| < 1e16, else d.ddde-XX.
        string shortest = value.ToString("R", CultureInfo.InvariantCulture);
        string sign = shortest.StartsWith('-') ? "-" : string.Empty;
        string[] parts = shortest.TrimStart('-').Split('E');
        string[] mantissa = parts[0].Split('.');
        string digits = mantissa[0] + (mantissa.Length > 1 ? mantissa[1] : string.Empty);
        int point = mantissa[0].Length + (parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0);
        int leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Substring(leading).TrimEnd('0');
        point -= leading;
        if (digits.Length == 0)
        {
            return sign + "0.0";
        }

        int exponent = point - 1;
        if (exponent < -4 || exponent >= 16)
        {
            string scientific = digits.Length == 1 ? digits : digits[0] + "." + digits.Substring(1);
            return sign + scientific + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        if (point <= 0)
        {
            return sign + "0." + new string('0', -point) + digits;
        }

        return point >= digits.Length
            ? sign + digits + new string('0', point - digits.Length) + ".0"
            : sign + digits.Substring(0, point) + "." + digits.Substring(point);
    }

    private const string Prefix = "tensor(";

    /// <summary>float64 tensors name their dtype first, as PyTorch does for any dtype but its default.</summary>
    private static string[] DtypeSuffixes<T>(string[] suffixes)
        => typeof(T) == typeof(double) ? ["dtype=torch.float64", .. suffixes] : suffixes;

    /// <summary>PyTorch's <c>_add_suffixes</c>: a suffix that would pass the line width starts a new line.</summary>
    private static string WithSuffixes(StringBuilder output, string[] suffixes)
    {
        string text = output.ToString();

        // PyTorch measures the last line one character longer than it is; the rule is kept as PyTorch has it.
        int lastLineLength = text.Length - text.LastIndexOf('\n') + 1;
        foreach (string suffix in suffixes)
        {
            if (lastLineLength + suffix.Length + 2 > LineWidth)
            {
                output.Append(",\n").Append(' ', Prefix.Length).Append(suffix);
                lastLineLength = Prefix.Length + suffix.Length;
            }
            else
            {
                output.Append(", ").Append(suffix);
                lastLineLength += suffix.Length + 2;
            }
        }

        return output.Append(')').ToString();
    }

    private static string[] Format<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        bool integral = true;
        double largest = 0;
        double smallest = double.PositiveInfinity;
        foreach (T value in values)
        {
            double v = double.CreateTruncating(value);
            integral &= double.IsFinite(v) && Math.Round(v) == v;
            if (v != 0 && double.IsFinite(v))
            {
                largest = Math.Max(largest, Math.Abs(v));
                smallest = Math.Min(smallest, Math.Abs(v));
            }
        }

        // PyTorch's rule: scientific when the nonzero magnitudes span more than 1000x or are very large, or, unless
        // every value is a whole number, very small.
        bool scientific = largest > 0 && (largest / smallest > 1000 || largest > 1e8 || (!integral && smallest < 1e-4));
        var texts = new string[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double v = double.CreateTruncating(values[i]);
            texts[i] = scientific
                ? v.ToString("0.0000e+00", CultureInfo.InvariantCulture)
                : integral ? v.ToString("0", CultureInfo.InvariantCulture) + "." : v.ToString("F4", CultureInfo.InvariantCulture);
        }

        return texts;
    }

    private static void Append(StringBuilder output, string[] texts, int width, ReadOnlySpan<nint> lengths, int axis, ref int position, int indent)
    {
        output.Append('[');
        int count = (int)lengths[axis];
        if (axis == lengths.Length - 1)
        {
            // Wrap long rows the way PyTorch does: as many elements as fit in the line width, less one column of
            // indent per enclosing bracket.
            int perLine = Math.Max(1, (LineWidth - indent - axis) / (width + 2));
            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    output.Append(i % perLine == 0 ? ",\n" + new string(' ', indent + axis + 1) : ", ");
                }

                output.Append(texts[position++].PadLeft(width));
            }
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    output.Append(',').Append('\n', lengths.Length - axis - 1).Append(' ', indent + axis + 1);
                }

                Append(output, texts, width, lengths, axis + 1, ref position, indent);
            }
        }

        output.Append(']');
    }
}
