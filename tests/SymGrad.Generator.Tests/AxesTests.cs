using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Reductions along an axis, softmax, CrossEntropy with int labels and sizes read as scalars: what compiles, and
/// what is refused at its own location with what to write instead.
/// </summary>
public sealed class AxesTests
{
    public static TheoryData<string> Accepted() => new()
    {
        "Sum(Sum(x, 0))",
        "Sum(Square(Sum(x, -1, keepDims: true) - x))",
        "Sum(Mean(x, 1) * 2f)",
        "Sum(LogSumExp(x, 1, true))",
        "Sum(Max(x, 0)) + Sum(Min(x, 1, keepDims: true))",
        "Sum(Softmax(x, -1) * y)",
        "Sum(LogSoftmax(x, 0) * y)",
        "CrossEntropy(x, y)",
        "Sum(x) / x.FlattenedLength + x.Rank * s - x.Lengths[0]",
        "Sum(Square(Sum(MatMul(y, x), 1)))",

        // An axis past a rank-3 tensor's: a tensor of higher rank has it, and the general form reduces along it.
        "Sum(Sum(x, 3))",
        "Sum(Sum(x, -4))",
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Compiles_to_code_without_diagnostics(string body)
    {
        string source = ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> y, float s) => 
            """ + body + """
            ;
            }
            """;
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.GeneratedCodeCompiles(run);
        Assert.Empty(run.Diagnostics);
        Assert.NotEmpty(run.Sources);
    }

    public static TheoryData<string, string> Refused() => new()
    {
        { "Sum(Sum(x, [|axis|]))", "pass the axis as a constant" },
        { "Sum(Sum(x, 1, [|keep|]))", "pass true or false" },
        { "Sum(Sum(MatMul(x, x), [|2|]))", "and rank-3 tensors" },
        { "[|x.Lengths[axis]|]", "index Lengths with a constant" },
        { "Sum([|Sum(Sum(x, 1), 1)|])", "reduce the whole vector" },
        { "CrossEntropy(x, [|writable|])", "pass class indices as a [NoGrad] ReadOnlyTensorSpan<int>, ReadOnlySpan<int>, Tensor<int> or int[] parameter" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Is_refused_at_the_construct_with_what_to_write_instead(string body, string fix)
    {
        (string source, ImmutableArray<TextSpan> spans) = Markup.Parse(ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x, int axis, bool keep, [NoGrad] ReadOnlySpan<int> labels, [NoGrad] Span<int> writable) => 
            """ + body + """
            ;
            }
            """);
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, source);

        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SG0008", diagnostic.Id);
        Assert.Equal(spans.Single(), diagnostic.Location.SourceSpan);
        Assert.Contains(fix, diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }
}
