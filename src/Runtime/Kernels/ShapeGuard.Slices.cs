using System;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

/// <summary>The checks of slices: a vector long enough for what its slices drop.</summary>
public static partial class ShapeGuard
{
    /// <summary>Requires <paramref name="vector"/> to have rank 1 and at least <paramref name="trimmed"/> elements.</summary>
    /// <returns>The length of its slices that drop <paramref name="trimmed"/> elements.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint SliceLength<T>(in ReadOnlyTensorSpan<T> vector, string name, nint trimmed)
    {
        if (vector.Rank != 1)
        {
            ThrowSliceRank(vector.Rank, name);
        }

        return SliceLength(vector.FlattenedLength, name, trimmed);
    }

    /// <summary>Requires a vector of <paramref name="length"/> elements to have at least <paramref name="trimmed"/>.</summary>
    /// <returns>The length of its slices that drop <paramref name="trimmed"/> elements.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint SliceLength(nint length, string name, nint trimmed)
    {
        if (length < trimmed)
        {
            ThrowSliceTooShort(length, name, trimmed);
        }

        return length - trimmed;
    }

    /// <summary>
    /// Requires <paramref name="vector"/> to have rank 1 and at least <paramref name="trimmed"/> elements, a count known
    /// only at run time (<c>x[k..]</c> drops k).
    /// </summary>
    /// <returns>The length of its slices that drop <paramref name="trimmed"/> elements.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The slices would drop more elements than the vector has, or a negative count.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint SliceCount<T>(in ReadOnlyTensorSpan<T> vector, string name, nint trimmed)
    {
        if (vector.Rank != 1)
        {
            ThrowSliceRank(vector.Rank, name);
        }

        return SliceCount(vector.FlattenedLength, name, trimmed);
    }

    /// <summary>Requires a vector of <paramref name="length"/> elements to have at least <paramref name="trimmed"/>, a count known only at run time.</summary>
    /// <returns>The length of its slices that drop <paramref name="trimmed"/> elements.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The slices would drop more elements than the vector has, or a negative count.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint SliceCount(nint length, string name, nint trimmed)
    {
        if ((nuint)trimmed > (nuint)length)
        {
            ThrowSliceOutside(length, name, "its slices drop " + trimmed.ToString(CultureInfo.InvariantCulture) + " elements");
        }

        return length - trimmed;
    }

    /// <summary>Requires the slice <c>[start..end]</c> of <paramref name="vector"/> to lie within it, as C#'s range slicing does.</summary>
    /// <returns><paramref name="start"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not <c>0 &lt;= start &lt;= end &lt;= length</c>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint SliceBounds<T>(in ReadOnlyTensorSpan<T> vector, string name, nint start, nint end)
        => SliceBounds(vector.FlattenedLength, name, start, end);

    /// <summary>Requires the slice <c>[start..end]</c> of <paramref name="elements"/> to lie within it, as C#'s range slicing does.</summary>
    /// <returns><paramref name="start"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not <c>0 &lt;= start &lt;= end &lt;= length</c>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint SliceBounds<T>(ReadOnlySpan<T> elements, string name, nint start, nint end)
        => SliceBounds(elements.Length, name, start, end);

    private static nint SliceBounds(nint length, string name, nint start, nint end)
    {
        if (start < 0 || start > end || end > length)
        {
            ThrowSliceOutside(length, name, "it is sliced as " + name + "[" + start.ToString(CultureInfo.InvariantCulture) + ".." + end.ToString(CultureInfo.InvariantCulture) + "]");
        }

        return start;
    }

    /// <summary>
    /// Requires a <paramref name="rows"/> x <paramref name="columns"/> matrix to have at least <paramref name="trimmed"/>
    /// elements along <paramref name="axis"/>, as C#'s ranges need for its slices that drop that many along it (such as
    /// <paramref name="slice"/>).
    /// </summary>
    /// <returns>The length of those slices along <paramref name="axis"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The slices would drop more elements than the axis has.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint SliceAxis(nint rows, nint columns, string name, int axis, nint trimmed, string slice)
    {
        nint length = axis == 0 ? rows : columns;
        if (length < trimmed)
        {
            ThrowSliceAxis(rows, columns, name, axis, trimmed, slice);
        }

        return length - trimmed;
    }

    /// <summary>
    /// Requires the range <c>start..end</c> along <paramref name="axis"/> of a <paramref name="rows"/> x
    /// <paramref name="columns"/> matrix to lie within it, as C#'s ranges check it (<paramref name="slice"/> as written).
    /// </summary>
    /// <returns>The length of the range, <c>end - start</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not <c>0 &lt;= start &lt;= end &lt;= length</c> along <paramref name="axis"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint SliceAxisRange(nint rows, nint columns, string name, int axis, nint start, nint end, string slice)
    {
        nint length = axis == 0 ? rows : columns;
        if (start < 0 || start > end || end > length)
        {
            ThrowSliceAxisRange(rows, columns, name, axis, start, end, slice);
        }

        return end - start;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSliceAxisRange(nint rows, nint columns, string name, int axis, nint start, nint end, string slice)
    {
        string range = start.ToString(CultureInfo.InvariantCulture) + ".." + end.ToString(CultureInfo.InvariantCulture);
        string length = (axis == 0 ? rows : columns).ToString(CultureInfo.InvariantCulture);
        throw new ArgumentOutOfRangeException(
            name,
            "'" + name + "' has shape [" + rows.ToString(CultureInfo.InvariantCulture) + ", " + columns.ToString(CultureInfo.InvariantCulture) + "], but " + slice + " is "
            + name + (axis == 0 ? "[" + range + ", ..]" : "[.., " + range + "]") + " here; a range start..end along axis " + axis.ToString(CultureInfo.InvariantCulture)
            + " needs 0 <= start <= end <= " + length + ": pass bounds within it, or a larger '" + name + "'.");
    }

    /// <summary>
    /// Requires two slices that meet element-wise (<paramref name="firstSlice"/> and <paramref name="secondSlice"/> as
    /// written) to have one length, as their bounds give it when the method is called.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ; named by <paramref name="name"/>, the second slice's tensor.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SameSliceLength(nint first, string firstSlice, nint second, string secondSlice, string name)
    {
        if (first != second)
        {
            ThrowSliceLengths(first, firstSlice, second, secondSlice, name);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSliceLengths(nint first, string firstSlice, nint second, string secondSlice, string name)
        => throw new ArgumentException(
            "'" + firstSlice + "' has " + first.ToString(CultureInfo.InvariantCulture) + (first == 1 ? " element and '" : " elements and '") + secondSlice + "' has " + second.ToString(CultureInfo.InvariantCulture)
            + ", but they meet element-wise, which needs one length: pass bounds that give both slices the same length."
            + (first == 1 || second == 1
                ? " PyTorch would broadcast the one element here, but which operands broadcast is decided when the method is compiled, from the bounds as written: "
                  + "write a slice of one element by its bounds (x[k..(k + 1)], x[..1], x[^1..]) or the element itself (x[k]) to repeat it over the other operand."
                : string.Empty),
            name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSliceAxis(nint rows, nint columns, string name, int axis, nint trimmed, string slice)
        => throw new ArgumentOutOfRangeException(
            name,
            "'" + name + "' has shape [" + rows.ToString(CultureInfo.InvariantCulture) + ", " + columns.ToString(CultureInfo.InvariantCulture) + "], but " + slice + " drops "
            + trimmed.ToString(CultureInfo.InvariantCulture) + (axis == 0 ? " rows" : " columns") + " (axis " + axis.ToString(CultureInfo.InvariantCulture)
            + "); a range a..^b along an axis needs a + b <= its length: pass at least " + trimmed.ToString(CultureInfo.InvariantCulture) + (axis == 0 ? " rows." : " columns."));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSliceOutside(nint length, string name, string slice)
        => throw new ArgumentOutOfRangeException(
            name,
            "'" + name + "' has " + length.ToString(CultureInfo.InvariantCulture) + " elements, but " + slice + "; a slice [start..end] needs 0 <= start <= end <= "
            + length.ToString(CultureInfo.InvariantCulture) + ".");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSliceRank(int rank, string name)
        => throw new ArgumentException(
            "'" + name + "' is sliced with one range, which needs a vector, but it has rank " + rank.ToString(CultureInfo.InvariantCulture) + "; pass a rank-1 tensor.",
            name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSliceTooShort(nint length, string name, nint trimmed)
        => throw new ArgumentException(
            "'" + name + "' has " + length.ToString(CultureInfo.InvariantCulture) + " elements, but its slices drop " + trimmed.ToString(CultureInfo.InvariantCulture)
            + " of them (a slice such as " + name + "[" + trimmed.ToString(CultureInfo.InvariantCulture) + "..] would have a negative length); pass at least " + trimmed.ToString(CultureInfo.InvariantCulture) + " elements.",
            name);
}
