using System;

namespace SymGrad;

/// <summary>
/// Put by the generator on every <c>{Name}ValueAndGradient</c> method: the symbolic gradient it derived, one line per
/// parameter, as in the method's documentation. Read it to show users the math behind the numbers.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SymbolicGradientAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="formula">The gradient, one line per parameter (<c>∂f/∂x = 2 / n * (x - target)</c>).</param>
    public SymbolicGradientAttribute(string formula) => this.Formula = formula;

    /// <summary>The gradient, one line per parameter.</summary>
    public string Formula { get; }
}
