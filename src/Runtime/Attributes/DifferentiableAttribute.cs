using System;

namespace SymGrad;

/// <summary>
/// Marks a static method of a <see langword="partial"/> class whose body SymGrad differentiates at build time.
/// </summary>
/// <remarks>
/// For a method <c>F</c> the generator adds <c>FValue</c> (same parameters, fused, allocation-free) and
/// <c>FValueAndGradient</c> (same parameters, then one gradient per differentiable parameter in declaration order:
/// <c>TensorSpan&lt;T&gt; d{param}</c> for a tensor, <c>out T d{param}</c> for a scalar). Gradients are overwritten,
/// never accumulated. The method itself stays ordinary C#: run as written it computes the same value eagerly.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DifferentiableAttribute : Attribute
{
}
