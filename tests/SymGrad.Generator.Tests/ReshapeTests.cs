using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// <c>Reshape(x, lengths...)</c> in a [Differentiable] body: what compiles (views of parameters with lengths from
/// constants, -1, int parameters and sizes), and what is refused at its own location with what to write instead.
/// </summary>
public sealed class ReshapeTests
{
    public static TheoryData<string> Accepted() => new()
    {
        "Sum(Square(Reshape(x, -1)))",
        "Sum(Reshape(x, 2, -1) * 3f)",
        "Sum(LogSumExp(Reshape(x, n, -1), 1))",
        "Sum(Mean(Reshape(x, -1, x.Lengths[0]), 0, keepDims: true))",
        "Sum(Reshape(x, [n, -1]))",
        "Sum(Reshape((x * 2f) - y, -1) * Reshape(y, -1))",
        "Sum(Reshape(Reshape(x, -1), 3, -1))",
        "Sum(MatMul(Reshape(x, n, -1), y))",
        "Sum(Reshape(x, -1, 1) * Reshape(y, 1, -1))",
        "Reshape(x, -1).Lengths[0] + Reshape(x, -1).Rank * s",
        "Sum(Softmax(Reshape(x, -1, 2), 0) * Max(Reshape(x, -1, 2), 1, keepDims: true))",
        "Sum(Transpose(Reshape(x, n, -1)) * 2f)",
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
        { "Sum([|Reshape(x, 2, 3, 2, -1)|])", "reshape to at most three lengths" },
        { "Sum(Reshape(x, [|n + 1|]))", "pass each length as a constant, -1, an int parameter or a size" },
        { "Sum([|Reshape(x, -1, -1)|])", "at most one -1" },
        { "Sum([|Reshape(x, 2, -3)|])", "at most one -1" },
        { "Sum([|Reshape(Sum(x, 1), -1)|])", "reshape the parameters before the operation" },
        { "Sum([|Reshape(MatMul(x, y), -1)|])", "reshape the parameters before the operation" },
        { "Sum([|Reshape(x[1..], -1)|])", "reshape the parameters before the operation" },
        { "Sum([|Reshape(x, 1, 1)|])", "reduce the tensor to a scalar" },
        { "Sum(Square([|Sum(Reshape(x, -1), 0)|]))", "reduce the whole vector with Sum(x)" },
        { "Sum([|Softmax(Reshape(x, -1), 0)|] * 2f)", "reduce the whole vector with Softmax(x)" },
        { "Sum([|Transpose(Reshape(x, -1))|])", "reshape to [rows, columns] instead" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Is_refused_at_the_construct_with_what_to_write_instead(string body, string fix)
    {
        (string source, ImmutableArray<TextSpan> spans) = Markup.Parse(ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> y, float s, int n) => 
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

    [Fact]
    public void In_a_method_with_a_loop_is_a_view_with_a_shape_worked_out_when_called()
    {
        string source = ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x, int n)
                {
                    float total = 0f;
                    for (int i = 0; i < n; i++)
                    {
                        total += Sum(Square(Reshape(x, -1))) * i + Sum(LogSumExp(Reshape(x, n, -1), 1));
                    }

                    return total;
                }
            }
            """;
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, source);
        Assert.Empty(run.Diagnostics);
        GeneratorAssert.GeneratedCodeCompiles(run);
        string code = string.Concat(run.Sources.Select(s => s.SourceText.ToString()));
        Assert.Contains("LoopShape.ReshapeOf(", code, System.StringComparison.Ordinal);
        Assert.Contains("LoopShape.Reshape(", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_method_with_a_loop_a_reshaped_block_of_rows_is_refused_with_what_to_write_instead()
    {
        string source = ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x, int n)
                {
                    float total = 0f;
                    for (int i = 0; i < n; i++)
                    {
                        total += Sum(Reshape(x[i..(i + 1), ..], -1));
                    }

                    return total;
                }
            }
            """;
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, source);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SG0008", diagnostic.Id);
        Assert.Contains("a block of rows", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Contains("reshape a slice or a block of rows in a [Differentiable] method without loops", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }
}
