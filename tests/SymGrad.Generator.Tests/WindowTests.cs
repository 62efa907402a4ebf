using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Slices of matrices along both axes with C# ranges (<c>x[1.., ..]</c>): what compiles, and what is refused at its
/// own location with what to write instead.
/// </summary>
public sealed class WindowTests
{
    public static TheoryData<string> Accepted() => new()
    {
        "Sum(Square(x[1.., ..] - x[..^1, ..])) + Sum(Square(x[.., 1..] - x[.., ..^1]))",
        "Sum(Exp(x[1..^1, 2..]) * s) + Mean(x[..^2, ..^2])",
        "Sum(x[.., ..]) + Sum(x[1.., ..] * y[..^1, ..])",
        "Sum(Square(x[1.., ..] + w))",
        "Sum(LogSumExp(x[.., 1..], 1)) + Sum(Mean(x[1.., ..], 0))",
        "Sum(Softmax(x[1.., 1..], 1) * y[..^1, ..^1])",
        "Sum(Square(x[1.., ..] - x[..^1, ..])) + Sum(Square(x - y))",
        "Sum(MatMul(x[1.., ..], w))",
        "Sum(x[1.., ..] - Mean(x[1.., ..], 1, keepDims: true))",
        "x[0, 1] * Sum(x[1.., 1..])",
        "Sum(x[..n, ..]) + Sum(Square(x[n.., ^2..]))",
        "Sum(Square(x[^2.., ..] - x[..2, ..]))",
        "Sum(x[n..(n + 2), 1..^1] * y[..2, ..^2])",
        "Sum(Mean(x[..((int)x.Lengths[0] / 2), ..], 1)) + Sum(LogSumExp(x[.., n..], 1))",
        "Sum(Square(x[.., ..n] - x[.., ((int)x.Lengths[1] - n)..]))",
        "Sum(Softmax(x[..n, ..], 1) * y[n.., ..])",
        "Sum(Square(x[.., ..1] + x)) + Sum(x[..1, ..] * y)",
        "Sum(Softmax(x - x[.., ^1..], 1) * y) + Sum(Exp(x[n..(n + 1), ..] - x))",
        "Sum(x[.., ..1]) + Sum(Square(x[^1.., ..]))",
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Compiles_to_code_without_diagnostics(string body)
    {
        string source = ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> y, ReadOnlyTensorSpan<float> w, float s, int n) => 
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
        { "Sum([|Square(x)[1.., ..]|])", "The slice 'Square(x)[1.., ..]' of a computed value" },
        { "Sum(Square([|MatMul(x, w)[1.., ..]|]))", "The slice 'MatMul(x, w)[1.., ..]' of a computed value" },
        { "Sum([|x[..(n * n), ..]|])", "a bound may add and subtract constants, int parameters and sizes, each times a constant or divided by one" },
        { "Sum([|x[.., -1..]|])", "The slice 'x[.., -1..]' with a negative bound" },
        { "Sum([|x[1.., .., ..]|])", "indexes mixed with ranges, and ranges along more than two axes, are not supported yet" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Is_refused_at_the_construct_with_what_to_write_instead(string body, string fix)
    {
        (string source, ImmutableArray<TextSpan> spans) = Markup.Parse(ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, int n) => 
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
