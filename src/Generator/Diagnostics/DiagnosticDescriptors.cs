using Microsoft.CodeAnalysis;

namespace SymGrad.Generator.Diagnostics;

/// <summary>
/// Every diagnostic SymGrad reports. IDs are stable: never renumber or reuse one. Each message names the construct
/// and says what to do instead; docs/diagnostics.md shows a wrong and a fixed example of each.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "SymGrad";

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "SG0001",
        "The containing type must be partial",
        "'{0}' contains [Differentiable] method '{1}' and must be declared partial, so SymGrad can add '{1}Value' and '{1}ValueAndGradient' to it; add the 'partial' modifier to '{0}'");

    public static readonly DiagnosticDescriptor MethodNotStatic = Error(
        "SG0002",
        "A [Differentiable] method must be static",
        "[Differentiable] method '{0}' must be static; make it static and pass everything it reads as parameters");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "SG0003",
        "A [Differentiable] method must return float, double or a tensor of them",
        "[Differentiable] method '{0}' returns '{1}', but it must return a scalar loss (float or double), or a Tensor<float> or Tensor<double> that [Differentiable] callers inline; reduce a tensor result with Sum or Mean, or return it as a Tensor<float> or Tensor<double>");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Error(
        "SG0004",
        "Unsupported parameter",
        "Parameter '{0}' of type '{1}' is not supported: {2}");

    public static readonly DiagnosticDescriptor MissingBody = Error(
        "SG0005",
        "A [Differentiable] method needs a body",
        "[Differentiable] method '{0}' has no body to differentiate; give it an expression body or a block body");

    public static readonly DiagnosticDescriptor UnsupportedCall = Error(
        "SG0006",
        "Call to a method SymGrad cannot differentiate",
        "'{0}' is neither in SymGrad's vocabulary nor a [Differentiable] method; use a TensorMath function ({1}), or mark '{0}' [Differentiable]");

    public static readonly DiagnosticDescriptor UnsupportedStatement = Error(
        "SG0007",
        "Unsupported statement",
        "{0} cannot be differentiated by SymGrad; {1}");

    public static readonly DiagnosticDescriptor UnsupportedExpression = Error(
        "SG0008",
        "Unsupported expression",
        "{0} cannot be differentiated by SymGrad; {1}");

    public static readonly DiagnosticDescriptor SideEffect = Error(
        "SG0009",
        "A [Differentiable] method must not have side effects",
        "{0} has a side effect; a [Differentiable] method must be a pure function of its parameters, so move it to the caller");

    public static readonly DiagnosticDescriptor TensorMutation = Error(
        "SG0010",
        "A [Differentiable] method must not mutate a tensor",
        "{0} mutates tensor '{1}'; compute a new value instead (for example 'var y = x * 2;')");

    public static readonly DiagnosticDescriptor Recursion = Error(
        "SG0011",
        "Recursive [Differentiable] call",
        "[Differentiable] method '{0}' calls itself through '{1}'; SymGrad inlines calls, so recursion cannot be differentiated; write it as a loop (for or while) that carries in locals the values each call passes to the next");

    public static readonly DiagnosticDescriptor OperandKindMismatch = Error(
        "SG0012",
        "A tensor is used where a scalar is required, or the reverse",
        "{0} needs {1}, but '{2}' is {3}; {4}");

    public static readonly DiagnosticDescriptor GeneratedNameConflict = Error(
        "SG0013",
        "A generated method name is already taken",
        "SymGrad generates '{0}' for [Differentiable] method '{1}', but '{2}' already declares a member named '{0}'; rename '{1}' or the existing member");

    public static readonly DiagnosticDescriptor GenericNotSupported = Error(
        "SG0014",
        "Generic [Differentiable] methods are not supported",
        "[Differentiable] method '{0}' is generic or in a generic type '{1}'; write it for float or double in a non-generic class");

    public static readonly DiagnosticDescriptor ElementTypeMismatch = Error(
        "SG0015",
        "Mixed element types",
        "'{0}' has element type '{1}', but [Differentiable] method '{2}' computes in '{3}'; use {3} throughout the method");

    public static readonly DiagnosticDescriptor GradientNameConflict = Error(
        "SG0016",
        "A parameter is named like a gradient",
        "Parameter '{0}' has the name SymGrad gives the gradient of '{1}' in '{2}ValueAndGradient'; rename '{0}'");

    public static readonly DiagnosticDescriptor UnsupportedDeclaration = Error(
        "SG0017",
        "[Differentiable] on a declaration SymGrad cannot extend",
        "[Differentiable] on {0} is not supported: {1}");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "SG9999",
        "SymGrad could not generate code",
        "SymGrad could not generate code for [Differentiable] method '{0}' ({1}); this is a bug in SymGrad: please report it with the method");

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static DiagnosticDescriptor? Find(string id)
    {
        foreach (DiagnosticDescriptor descriptor in All)
        {
            if (descriptor.Id == id)
            {
                return descriptor;
            }
        }

        return null;
    }

    public static readonly DiagnosticDescriptor[] All =
    {
        ContainingTypeNotPartial, MethodNotStatic, UnsupportedReturnType, UnsupportedParameter, MissingBody,
        UnsupportedCall, UnsupportedStatement, UnsupportedExpression, SideEffect, TensorMutation, Recursion,
        OperandKindMismatch, GeneratedNameConflict, GenericNotSupported, ElementTypeMismatch, GradientNameConflict, UnsupportedDeclaration, InternalError,
    };
}
