using System;

namespace SymGrad;

/// <summary>
/// Marks a parameter of a <see cref="DifferentiableAttribute">[Differentiable]</see> method as a constant:
/// no gradient is computed for it and <c>{Name}ValueAndGradient</c> takes no gradient argument for it.
/// </summary>
/// <remarks>Use it for targets, labels and inputs that are data rather than parameters.</remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class NoGradAttribute : Attribute
{
}
