using System;
using System.Globalization;
using System.Numerics;

namespace SymGrad.Generator.IR;

/// <summary>
/// The C# numeric type of a scalar node. <see cref="Element"/> is the method's element type (every tensor has it);
/// the others are the types C# computes in where the body says so: integers, and the other floating type.
/// </summary>
internal enum ScalarType : byte
{
    Element,
    Float,
    Double,
    Int,
    UInt,
    Long,
    ULong,
    Short,
    UShort,
    Byte,
    SByte,
    Char,
}

/// <summary>The overflow context C# computes an integer operation or conversion in.</summary>
internal enum Overflow : byte
{
    /// <summary>No <c>checked</c> or <c>unchecked</c> around it: the project's default, in generated code as in the method.</summary>
    Default,
    Checked,
    Unchecked,
}

internal static class ScalarTypeFacts
{
    public static bool IsInteger(this ScalarType type) => type >= ScalarType.Int;

    public static bool IsFloating(this ScalarType type) => type <= ScalarType.Double;

    /// <summary>The floating type a node computes in: the element type, or the other one.</summary>
    public static ElementKind Floating(this ScalarType type, ElementKind element)
        => type switch
        {
            ScalarType.Float => ElementKind.Float,
            ScalarType.Double => ElementKind.Double,
            _ => element,
        };

    public static string Keyword(this ScalarType type, ElementKind element) => type switch
    {
        ScalarType.Element => element.Keyword(),
        ScalarType.Float => "float",
        ScalarType.Double => "double",
        ScalarType.Int => "int",
        ScalarType.UInt => "uint",
        ScalarType.Long => "long",
        ScalarType.ULong => "ulong",
        ScalarType.Short => "short",
        ScalarType.UShort => "ushort",
        ScalarType.Byte => "byte",
        ScalarType.SByte => "sbyte",
        ScalarType.Char => "char",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The smallest and largest value of an integer type.</summary>
    public static (BigInteger Min, BigInteger Max) Range(this ScalarType type) => type switch
    {
        ScalarType.Int => (int.MinValue, int.MaxValue),
        ScalarType.UInt => (uint.MinValue, uint.MaxValue),
        ScalarType.Long => (long.MinValue, long.MaxValue),
        ScalarType.ULong => (ulong.MinValue, ulong.MaxValue),
        ScalarType.Short => (short.MinValue, short.MaxValue),
        ScalarType.UShort => (ushort.MinValue, ushort.MaxValue),
        ScalarType.Byte => (byte.MinValue, byte.MaxValue),
        ScalarType.SByte => (sbyte.MinValue, sbyte.MaxValue),
        ScalarType.Char => (char.MinValue, char.MaxValue),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool Fits(this ScalarType type, BigInteger value)
    {
        (BigInteger min, BigInteger max) = type.Range();
        return value >= min && value <= max;
    }

    /// <summary>An integer reduced modulo 2^bits into the type's range, as unchecked C# arithmetic does.</summary>
    public static BigInteger Wrap(this ScalarType type, BigInteger value)
    {
        (BigInteger min, BigInteger max) = type.Range();
        BigInteger modulus = max - min + 1;
        BigInteger shifted = (value - min) % modulus;
        if (shifted < 0)
        {
            shifted += modulus;
        }

        return shifted + min;
    }

    /// <summary>The integer a constant node holds (its <see cref="Node.Bits"/>, read as the type's own value).</summary>
    public static BigInteger Integer(this Node node)
        => node.Type == ScalarType.ULong ? new BigInteger(unchecked((ulong)node.Bits)) : new BigInteger(node.Bits);

    /// <summary>How a constant of this type is written in C#.</summary>
    public static string Literal(this ScalarType type, ElementKind element, double value, long bits)
    {
        string digits = type == ScalarType.ULong
            ? unchecked((ulong)bits).ToString(CultureInfo.InvariantCulture)
            : bits.ToString(CultureInfo.InvariantCulture);
        return type switch
        {
            ScalarType.Int => digits,
            ScalarType.UInt => digits + "U",
            ScalarType.Long => digits + "L",
            ScalarType.ULong => digits + "UL",
            ScalarType.Short or ScalarType.UShort or ScalarType.Byte or ScalarType.SByte or ScalarType.Char => "((" + type.Keyword(element) + ")" + digits + ")",
            _ => type.Floating(element).Literal(value),
        };
    }
}
