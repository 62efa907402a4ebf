using System;
using System.Reflection;

namespace SymGrad.Samples;

/// <summary>Reads the symbolic gradient the generator put on a generated <c>{Name}ValueAndGradient</c> method.</summary>
public static class SymbolicGradients
{
    /// <summary>The lines of <see cref="SymbolicGradientAttribute.Formula"/>, one per parameter: <c>∂f/∂x = 2 * x</c>.</summary>
    /// <exception cref="InvalidOperationException">The method does not exist or carries no <see cref="SymbolicGradientAttribute"/>.</exception>
    public static string[] Of(Type type, string generatedMethod)
    {
        ArgumentNullException.ThrowIfNull(type);
        // A method over spans has two overloads (tensor spans, spans) with the same formula: either one will do.
        MethodInfo method = Array.Find(type.GetMethods(BindingFlags.Public | BindingFlags.Static), m => m.Name == generatedMethod)
            ?? throw new InvalidOperationException($"{type.FullName} has no public static method {generatedMethod}: is it a [Differentiable] method's generated ValueAndGradient?");
        SymbolicGradientAttribute attribute = method.GetCustomAttribute<SymbolicGradientAttribute>()
            ?? throw new InvalidOperationException($"{type.FullName}.{generatedMethod} carries no [SymbolicGradient]: only generated ValueAndGradient methods do.");
        return attribute.Formula.Split('\n');
    }

    /// <summary>
    /// The gradient as the samples print it: <c>SymGrad derived: ∂f/∂x = ...</c> for each parameter's line, and
    /// the lines that define shared terms (<c>where</c>, <c>t1 = ...</c>) indented under them.
    /// </summary>
    public static string[] Describe(Type type, string generatedMethod)
    {
        const string Marker = "SymGrad derived: ";
        string[] lines = Of(type, generatedMethod);
        for (int i = 0; i < lines.Length; i++)
        {
            lines[i] = (lines[i].StartsWith('∂') ? Marker : new string(' ', Marker.Length)) + lines[i];
        }

        return lines;
    }
}
