using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Slices of vectors with C# ranges: what compiles, and what is refused at its own location with what to write instead.
/// </summary>
public sealed class SliceTests
{
    public static TheoryData<string> Accepted() => new()
    {
        "Sum(x[1..] - x[..^1])",
        "Sum(Square(x[2..^3] * x[..^5]) + x[5..])",
        "Sum(x[..]) + Mean(x[1..]) * s",
        "Sum(Square(x[1..] - x[..^1])) + Sum(x * y)",
        "Sum(Exp(x[1..^1]) * 3f)",
        "Sum(x[..n]) + Sum(x[..5]) + Sum(x[^3..])",
        "Sum(Square(x[n..] - x[..^n])) + Sum(x[1..^(n + 1)])",
        "Sum(Exp(x[n..(n + 2)])) * Mean(x[..((int)x.Lengths[0] - 1)] * x[1..])",
        "x[3]",
        "x[^1] * x[n] + MathF.Sin(x[x.Lengths[0] - n - 1])",
        "x[0] * Sum(x[1..] - x[..^1]) + y[n]",
        "x[n / 2] + x[^(n % 3 + 1)] * s",
        "Sum(x[..(n / 2)]) + Sum(Square(x[((int)x.Lengths[0] / 2)..]))",
        "Sum(x[n..] - x[1..]) + Sum(x[..n] * y[1..(n + 1)]) + Sum(Square(x[2..] - y[..^2]))",
        "Sum(x[..((int)x.FlattenedLength - 1)]) + Sum(x[..(int)(y.FlattenedLength / 3)])",
        "Sum(x[1..] - y)",
        "Sum(x[..1] * y) + Sum(y - x[^1..]) + Sum(x[n..(n + 1)] * x)",
        "Sum(Square(y - x[..^1])) + Sum(x[n..] * Exp(y + s)) + Sum(y * y)",
        "Sum(MatMul(x[1..], y)) + Sum(Tanh(MatMul(x[..^1], y)))",
        "Sum(MatMul(y, x[n..])) + Sum(Square(MatMul(y, x[..^n]))) + Sum(x)",
        "Sum(MatMul(x[n..(n + 3)], y[2..^1]))",
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Compiles_to_code_without_diagnostics(string body)
    {
        string source = ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> y, float s, int n) => 
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
        { "[|Square(x)[3]|]", "The element read 'Square(x)[3]' of a computed value" },
        { "[|x[1, 2, 3]|]", "The element read 'x[1, 2, 3]' of a tensor of rank 3" },
        { "Sum([|x[..(n % 2)]|])", "a bound may add and subtract constants, int parameters and sizes" },
        { "Sum([|x[-1..]|])", "The slice 'x[-1..]' with a negative bound" },
        { "Sum([|Square(x)[1..]|])", "The slice 'Square(x)[1..]' of a computed value or a matrix" },
        { "Sum([|x[1..] - Softmax(y, 0)|])", "'x[1..] - Softmax(y, 0)', where a slice of a vector meets a matrix, cannot be differentiated by SymGrad; meet a slice with whole vectors" },
        { "Sum([|x[1..] - y|]) + Sum(Transpose(y))", "where a slice meets 'y', which is also used as a matrix, cannot be differentiated by SymGrad; a slice meets whole vectors only" },
        { "Sum(x[1..] - [|x[..^2]|])", "combine slices of one vector element-wise only when they drop as many elements in all (2 here;" },
        { "Sum(MatMul([|x[1..]|], y)) + Sum(MatMul(y, x[..^1]))", "The slice 'x[1..]' as an operand of MatMul, of a vector also read as a matrix" },
        { "Sum(MatMul([|x[1..]|], y)) + Sum(Transpose(x))", "slice a vector only as the left operands of its products or only as the right ones" },
        { "Sum(MatMul(y, [|x[1..]|])) + Sum(LogSumExp(x, 1))", "The slice 'x[1..]' as an operand of MatMul" },
        { "Sum(MatMul(Square(y), [|Square(x)[1..]|]))", "The slice 'Square(x)[1..]' of a computed value or a matrix" },
        { "Sum(MatMul(y, x[1..])) + Sum([|x[..^1]|])", "The slice 'x[..^1]' of a computed value or a matrix" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Is_refused_at_the_construct_with_what_to_write_instead(string body, string fix)
    {
        (string source, ImmutableArray<TextSpan> spans) = Markup.Parse(ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> y, int n) => 
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
