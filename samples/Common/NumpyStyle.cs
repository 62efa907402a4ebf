using System;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using SymGrad.Kernels;

namespace SymGrad.Samples;

/// <summary>
/// Prints a float32 tensor the way NumPy 1.24's <c>repr(array)</c> prints it (what a notebook shows for
/// <c>x.data.numpy()</c>): shortest float32 digits, aligned on the decimal point, rows wrapped at 75 columns.
/// </summary>
public static class NumpyStyle
{
    private const int LineWidth = 75;
    private const string Prefix = "array(";
    private const string Separator = ", ";
    private const string DtypeSuffix = "dtype=float32)";

    /// <summary>A 1-d or 2-d float32 tensor as <c>repr(ndarray)</c> prints it, in NumPy's positional notation.</summary>
    /// <exception cref="NotSupportedException">
    /// The values need NumPy's scientific notation (magnitudes below 1e-4, above 1e8, or spanning more than 1000x),
    /// which this printer does not reproduce.
    /// </exception>
    public static string Array(Tensor<float> tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ReadOnlySpan<float> values = ShapeGuard.Elements(tensor.AsReadOnlyTensorSpan());
        string[] words = Words(values);
        ReadOnlySpan<nint> lengths = tensor.Lengths;
        if (lengths.Length is < 1 or > 2)
        {
            throw new NotSupportedException($"NumpyStyle prints 1-d and 2-d arrays, but the tensor has shape {ShapeGuard.Format(lengths)}.");
        }

        // array2string leaves room for the ',' that array_repr puts after the last bracket.
        int width = LineWidth - 1;
        string hangingIndent = new(' ', Prefix.Length + 1);
        int position = 0;
        string body;
        if (lengths.Length == 1)
        {
            body = Row(words, ref position, (int)lengths[0], hangingIndent, width);
        }
        else
        {
            var rows = new StringBuilder("[");
            for (int r = 0; r < lengths[0]; r++)
            {
                if (r > 0)
                {
                    rows.Append(",\n").Append(hangingIndent);
                }

                rows.Append(Row(words, ref position, (int)lengths[1], hangingIndent + " ", width - 1));
            }

            body = rows.Append(']').ToString();
        }

        string text = Prefix + body + ",";
        int lastLineLength = text.Length - (text.LastIndexOf('\n') + 1);
        string spacer = lastLineLength + DtypeSuffix.Length + 1 > LineWidth ? "\n" + new string(' ', Prefix.Length) : " ";
        return text + spacer + DtypeSuffix;
    }

    /// <summary>NumPy's <c>_formatArray</c> for the last axis: words are added while the line stays within the width.</summary>
    private static string Row(string[] words, ref int position, int count, string hangingIndent, int width)
    {
        // The room up to the separator or the closing bracket, both one character.
        int elementWidth = width - 1;
        var text = new StringBuilder();
        var line = new StringBuilder(hangingIndent);
        for (int i = 0; i < count; i++)
        {
            string word = words[position++];
            if (line.Length + word.Length > elementWidth && line.Length > hangingIndent.Length)
            {
                text.Append(line.ToString().TrimEnd()).Append('\n');
                line.Clear().Append(hangingIndent);
            }

            line.Append(word);
            if (i < count - 1)
            {
                line.Append(Separator);
            }
        }

        text.Append(line);
        return "[" + text.ToString(hangingIndent.Length, text.Length - hangingIndent.Length) + "]";
    }

    /// <summary>Each value's shortest float32 digits, padded so that the decimal points line up (NumPy's 'maxprec' mode).</summary>
    private static string[] Words(ReadOnlySpan<float> values)
    {
        double largest = 0;
        double smallest = double.PositiveInfinity;
        var parts = new (string Whole, string Fraction)[values.Length];
        int padLeft = 0;
        int padRight = 0;
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            if (!float.IsFinite(v))
            {
                throw new NotSupportedException("NumpyStyle prints finite values only.");
            }

            if (v != 0)
            {
                largest = Math.Max(largest, Math.Abs(v));
                smallest = Math.Min(smallest, Math.Abs(v));
            }

            parts[i] = Positional(v);
            if (parts[i].Fraction.Length > 8)
            {
                throw new NotSupportedException($"{v.ToString("R", CultureInfo.InvariantCulture)} has more than NumPy's 8 printed decimals, which NumpyStyle does not round.");
            }

            padLeft = Math.Max(padLeft, parts[i].Whole.Length);
            padRight = Math.Max(padRight, parts[i].Fraction.Length);
        }

        if (largest >= 1e8 || (largest > 0 && (smallest < 1e-4 || largest / smallest > 1000)))
        {
            throw new NotSupportedException("These values need NumPy's scientific notation, which NumpyStyle does not print.");
        }

        var words = new string[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            words[i] = parts[i].Whole.PadLeft(padLeft) + "." + parts[i].Fraction.PadRight(padRight);
        }

        return words;
    }

    /// <summary>The shortest digits that round-trip as float32, in positional notation, split at the point: 4.99 is ("4", "99").</summary>
    private static (string Whole, string Fraction) Positional(float value)
    {
        // "R" gives the shortest round-trip digits for float32; expand any exponent into positional notation.
        string shortest = value.ToString("R", CultureInfo.InvariantCulture);
        string sign = shortest.StartsWith('-') ? "-" : string.Empty;
        string[] parts = shortest.TrimStart('-').Split('E');
        string[] mantissa = parts[0].Split('.');
        string digits = mantissa[0] + (mantissa.Length > 1 ? mantissa[1] : string.Empty);
        int point = mantissa[0].Length + (parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0);
        if (point <= 0)
        {
            digits = new string('0', 1 - point) + digits;
            point = 1;
        }
        else if (point > digits.Length)
        {
            digits += new string('0', point - digits.Length);
        }

        string whole = digits.Substring(0, point).TrimStart('0');
        string fraction = digits.Substring(point).TrimEnd('0');
        return (sign + (whole.Length == 0 ? "0" : whole), fraction);
    }
}
