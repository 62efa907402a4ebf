using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Axis work on rank-3 tensors: axis 0 and the last axis reduce a matrix view of the same elements ([a, b*c] or
/// [a*b, c]), whose results keep that view's matrix but not its shape; the middle axis is one step over the [b, c]
/// blocks. What would read them with the wrong shape (another axis of a result, a product, a transpose, a size, values
/// of another reduction, the middle axis of a reshape) is refused at the expression with what to write instead.
/// </summary>
public sealed class RankThreeTests
{
    public static TheoryData<string, string> Refused() => new()
    {
        { "Sum([|Sum(Reshape(w, 2, 3, -1), 1)|])", "axis 1 (the middle axis) of a reshape to rank 3" },
        { "Sum([|x * Sum(x, 1, keepDims: true)|]) + Sum(Sum(x, 2))", "values of the same reduction" },
        { "Sum([|Sum(x, 1) * Sum(x, 2)|])", "values of the same reduction" },
        { "Sum([|Max(Sum(x, 1), 1)|]) + Sum(Sum(x, 2))", "reduce that value whole" },
        { "[|Sum(x, 3)|].Lengths[0] + x.Lengths[2]", "pass axis 0, 1, 2" },
        { "Sum([|Sum(x, 2) * x|])", "values of the same reduction" },
        { "Sum([|Sum(x, 2, keepDims: true) + Sum(x, 0, keepDims: true)|])", "values of the same reduction" },
        { "Sum([|Sum(x, 2) * Sum(x, 2, keepDims: true)|])", "values of the same reduction" },
        { "Sum(MatMul([|Sum(x, 2, keepDims: true)|], w))", "values of the same reduction" },
        { "Sum([|Transpose(Sum(x, -3, keepDims: true))|])", "values of the same reduction" },
        { "[|Sum(x, 2).Lengths[0]|]", "values of the same reduction" },
        { "Sum([|Sum(Sum(x, 2) * 2f, 1)|])", "reduce the reduction itself again" },
        { "Sum([|Max(Sum(x, 2), 1)|])", "along neighbouring axes with one function" },
        { "Sum([|Sum(Sum(x, 2), 0)|])", "along neighbouring axes with one function" },
        { "Sum([|Sum(Softmax(x, 2), 0)|])", "reduce along the same axis" },
        { "Sum([|Sum(Reshape(w, 2, 3, -1), 2)|])", "give that length" },
        { "Sum(Sum([|Reshape(w, 2, 3, 2, -1)|], 2))", "reshape to rank 4" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void What_would_read_a_fold_with_the_wrong_shape_is_refused(string body, string fix)
    {
        (string source, ImmutableArray<TextSpan> spans) = Markup.Parse(Method(body));
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, source);

        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SG0008", diagnostic.Id);
        Assert.Equal(spans.Single(), diagnostic.Location.SourceSpan);
        Assert.Contains(fix, diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_parameter_read_as_a_matrix_and_as_rank_3_is_refused_where_the_body_says_rank_3()
    {
        (string source, ImmutableArray<TextSpan> spans) = Markup.Parse(Method("Sum(Sum([|x|], 2)) + Sum(MatMul(x, w))"));
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, source);

        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SG0008", diagnostic.Id);
        Assert.Equal(spans.Single(), diagnostic.Location.SourceSpan);
        Assert.Contains("read it with one rank", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sum(Square(Sum(x, 2)))")]
    [InlineData("Sum(Square(Sum(x, 0))) + Mean(LogSumExp(x, -1)) + Sum(Sum(x, -3))")]
    [InlineData("Sum(Softmax(x, 2) * w)")]
    [InlineData("Sum(Sum(x, 2) * w) + Sum(Square(Max(x, -1) - w))")]
    [InlineData("Sum(x * Max(x, 2, keepDims: true)) + Sum(Min(x, 0) * x)")]
    [InlineData("Sum(Sum(x, 2, keepDims: true) * w) + Sum(LogSoftmax(x, -1) - Softmax(x, 2))")]
    [InlineData("Sum(Square(Sum(Sum(x, 2), 1))) + Sum(Max(Max(x, 0), 0, keepDims: true))")]
    [InlineData("Sum(Square(Mean(Reshape(w, 2, -1, 3), 0))) + Sum(Reshape(w * 2f, 2, 3, -1))")]
    [InlineData("Sum(Square(Sum(x, 1))) + Mean(Mean(x, -2, keepDims: true)) + Sum(Sum(x, 2))")]
    [InlineData("Sum(Max(x * w, 1) * Min(x, -2)) + Sum(LogSumExp(x, 1, keepDims: true)) + x.Lengths[2]")]
    [InlineData("Sum(Square(Softmax(x, 1) - w)) + Sum(Sum(LogSoftmax(x, -2), 2))")]
    public void Axis_work_on_rank_3_tensors_compiles(string body)
    {
        string source = Method(body).Replace("[|", string.Empty).Replace("|]", string.Empty);
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.GeneratedCodeCompiles(run);
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void Each_rank_3_parameter_is_checked_for_rank_3_when_the_method_is_called()
    {
        GeneratorRun run = GeneratorRun.Of(Method("Sum(Softmax(x, 2) * w)"));
        GeneratorAssert.GeneratedCodeCompiles(run);
        string generated = string.Join("\n", run.Sources.Select(s => s.SourceText.ToString()));
        Assert.Contains("ShapeGuard.RankThree(x, \"x\");", generated, System.StringComparison.Ordinal);
        Assert.Contains("ShapeGuard.RankThree(w, \"w\");", generated, System.StringComparison.Ordinal);
        Assert.Contains("ShapeGuard.SameShape(x, \"x\", w, \"w\");", generated, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("total += Sum(Square(Sum(x, 2)));")]
    [InlineData("total += Sum(Square(Softmax(x, 1))) + Sum(Max(x, -2)) + x.Lengths[2];")]
    public void In_a_method_with_loops_a_rank_3_reduction_runs_as_an_axis_pass(string statement)
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
                        STATEMENT
                    }

                    return total;
                }
            }
            """.Replace("STATEMENT", statement, System.StringComparison.Ordinal);
        // Any axis of any rank, on the axis kernels (LoopAxisTests checks the values and gradients of such a method).
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.GeneratedCodeCompiles(run);
        string generated = string.Join("\n", run.Sources.Select(s => s.SourceText.ToString()));
        Assert.Contains("LoopAxes.Compute<float>", generated, System.StringComparison.Ordinal);
    }

    private static string Method(string body) => ExampleSources.Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float F(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w) => 
        """ + body + """
        ;
        }
        """;
}
