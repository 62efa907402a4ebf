using Microsoft.CodeAnalysis;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>Whether a method shares its name with another member of its type, read while its symbol is at hand.</summary>
internal static class Namesakes
{
    /// <summary>The result, its model marked <see cref="MethodModel.NameIsShared"/> when the method has an overload.</summary>
    public static FrontendResult Mark(FrontendResult result, ISymbol symbol)
        => result.Method is { } method && symbol is IMethodSymbol { ContainingType: { } type } && type.GetMembers(symbol.Name).Length > 1
            ? result with { Method = method with { NameIsShared = true } }
            : result;
}
