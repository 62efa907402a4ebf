using Microsoft.CodeAnalysis;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Frontend;

/// <summary>What SymGrad sees in a C# type: a scalar, a tensor of some element type, or neither.</summary>
internal static class TypeFacts
{
    private const string TensorsNamespace = "System.Numerics.Tensors";

    public static ElementKind? Element(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Single => ElementKind.Float,
        SpecialType.System_Double => ElementKind.Double,
        _ => null,
    };

    /// <summary>The element type of a tensor type (<c>ReadOnlyTensorSpan&lt;T&gt;</c>, <c>TensorSpan&lt;T&gt;</c>, <c>Tensor&lt;T&gt;</c>).</summary>
    public static ElementKind? TensorElement(ITypeSymbol? type, out bool isTensorClass, out bool isWritable)
    {
        isTensorClass = false;
        isWritable = false;
        if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            || named.ContainingNamespace?.ToDisplayString() != TensorsNamespace)
        {
            return null;
        }

        switch (named.Name)
        {
            case "ReadOnlyTensorSpan":
                break;
            case "TensorSpan":
                isWritable = true;
                break;
            case "Tensor":
                isTensorClass = true;
                break;
            default:
                return null;
        }

        return Element(named.TypeArguments[0]);
    }

    public static bool IsTensor(ITypeSymbol? type) => TensorElement(type, out _, out _) is not null;

    /// <summary>The element type of a <c>Tensor&lt;float&gt;</c> or <c>Tensor&lt;double&gt;</c>, the tensors a [Differentiable] method may return.</summary>
    public static ElementKind? ReturnedTensorElement(ITypeSymbol? type)
        => TensorElement(type, out bool isTensorClass, out _) is { } tensorElement && isTensorClass ? tensorElement : null;

    public static bool IsSpanOfFloating(ITypeSymbol type)
        => type is INamedTypeSymbol { IsGenericType: true, Name: "Span" or "ReadOnlySpan", TypeArguments.Length: 1 } named
            && named.ContainingNamespace?.ToDisplayString() == "System"
            && Element(named.TypeArguments[0]) is not null;

    /// <summary>
    /// Whether <paramref name="type"/> holds class labels: <c>ReadOnlyTensorSpan&lt;int&gt;</c>, <c>ReadOnlySpan&lt;int&gt;</c>,
    /// or what converts to one of them without a copy, <c>Tensor&lt;int&gt;</c> and <c>int[]</c>.
    /// </summary>
    public static bool IsIntLabels(ITypeSymbol? type)
        => type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Int32 }
            || (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
                && named.TypeArguments[0].SpecialType == SpecialType.System_Int32
                && (((named.Name is "ReadOnlyTensorSpan" or "Tensor") && named.ContainingNamespace?.ToDisplayString() == TensorsNamespace)
                    || (named.Name == "ReadOnlySpan" && named.ContainingNamespace?.ToDisplayString() == "System")));

    /// <summary>Whether a constant of this type converts to a floating value (numbers and bool).</summary>
    public static bool IsNumericOrBool(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16
            or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
            or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal => true,
        _ => false,
    };
}
