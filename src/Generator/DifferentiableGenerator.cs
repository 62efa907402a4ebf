using Microsoft.CodeAnalysis;

namespace SymGrad.Generator;

/// <summary>Generates <c>{Name}Value</c> and <c>{Name}ValueAndGradient</c> for every <c>[Differentiable]</c> method.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
