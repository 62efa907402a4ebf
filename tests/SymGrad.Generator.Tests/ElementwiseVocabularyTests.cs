using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// The element-wise vocabulary of the contract's part 2 in every spelling a body may use: it generates code that
/// compiles, with no diagnostic, in float and double, for tensors meeting tensors and scalars (a scalar of another
/// numeric type converted as C# converts it).
/// </summary>
public sealed class ElementwiseVocabularyTests
{
    public static TheoryData<string> Bodies() =>
    [
        "Sum(Log1p(x) + Expm1(x) + Softplus(x) + LogSigmoid(x))",
        "Log1p(s) + Expm1(s) + Softplus(s) + LogSigmoid(s)",
        "Sum(Maximum(x, y) - Minimum(x, 0) + Maximum(s, y) + Clamp(x, -1, s))",
        "Sum(Where(x < y, x, y) + Where(x <= 0, 1, x) + Where(s > x, y, 2) + Where(x >= n, x * x, s))",
        "Sum(Where(LessThan(x, y), x, y) + Where(LessThanOrEqual(x, s), x, y) + Where(GreaterThan(x, n), x, y) + Where(GreaterThanOrEqual(x, y), x, s))",
        "Max(x) - Min(y) + Max(x * y)",
        "BinaryCrossEntropyWithLogits(x, y)",
        "Mean(Maximum(x, 0) - x * y + Log1p(Exp(-Abs(x))))",
    ];

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Generates_code_that_compiles_in_float_and_double(string body)
    {
        foreach (string t in new[] { "float", "double" })
        {
            string source = ExampleSources.Usings + $$"""
                public static partial class Examples
                {
                    [Differentiable]
                    public static {{t}} F(ReadOnlyTensorSpan<{{t}}> x, ReadOnlyTensorSpan<{{t}}> y, {{t}} s, int n) => {{body}};
                }
                """;
            GeneratorRun run = GeneratorRun.Of(source);
            GeneratorAssert.DidNotCrash(run, source);
            Assert.Empty(run.Diagnostics);
            Assert.NotEmpty(run.Sources);
            GeneratorAssert.GeneratedCodeCompiles(run);
        }
    }
}
