using System.Linq;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// The overloads generic over the tensor types: their type parameters keep apart from every name of the method and
/// its type, and a method with an overload gets none (its overload in the other element type would get the same
/// signature).
/// </summary>
public sealed class TensorOverloadTests
{
    [Fact]
    public void Type_parameters_keep_apart_from_parameter_and_type_names()
    {
        GeneratorRun run = GeneratorRun.Of(ExampleSources.Usings + """
            public static partial class TX
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> TDx, ReadOnlyTensorSpan<float> tX) => Sum(x * TDx) + Sum(tX);
            }

            """);
        GeneratorAssert.GeneratedCodeCompiles(run);
        IMethodSymbol generic = run.Output.GetTypeByMetadataName("TX")!.GetMembers("FValueAndGradient").OfType<IMethodSymbol>().Single(m => m.IsGenericMethod);
        Assert.Equal(6, generic.TypeParameters.Select(t => t.Name).Distinct().Count());
        Assert.DoesNotContain("TX", generic.TypeParameters.Select(t => t.Name));
    }

    [Fact]
    public void A_method_with_an_overload_gets_no_generic_overload()
    {
        GeneratorRun run = GeneratorRun.Of(ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float Energy(ReadOnlyTensorSpan<float> x) => Sum(Square(x));

                [Differentiable]
                public static double Energy(ReadOnlyTensorSpan<double> x) => Sum(Square(x));

                [Differentiable]
                public static float Alone(ReadOnlyTensorSpan<float> x) => Sum(Square(x));
            }

            """);
        GeneratorAssert.GeneratedCodeCompiles(run);
        INamedTypeSymbol examples = run.Output.GetTypeByMetadataName("Examples")!;
        Assert.DoesNotContain(examples.GetMembers("EnergyValue").OfType<IMethodSymbol>(), m => m.IsGenericMethod);
        Assert.Single(examples.GetMembers("AloneValue").OfType<IMethodSymbol>(), m => m.IsGenericMethod);
    }
}
