using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// A reduction along an axis without keepDims gives a vector (rank 1), which the generator keeps as a matrix of one
/// row. Reducing that vector again along an axis would read the axis of the matrix, not the vector's (PyTorch and the
/// method as written reduce the whole vector), so it is refused at the call with what to write instead; so is axis 1
/// (or -2) of such a vector, which PyTorch refuses. A dimension of size 1 of a matrix (a one-row slice, a keepDims
/// result) is the matrix's own and may be reduced.
/// </summary>
public sealed class AxisVectorTests
{
    public static TheoryData<string> Refused() => new()
    {
        "Sum(Square([|Sum(Sum(x, 0), 0)|]))",
        "Sum(Square([|Sum(Sum(x, 1), 0)|]))",
        "Sum([|Sum(Mean(Square(x), 1) * 2f, 0)|])",
        "Sum([|Softmax(Sum(x, 0) + 1f, 0)|])",
        "Sum([|Max(Exp(Sum(x, 1)), 0)|])",
        "Sum([|LogSumExp(Sum(x, 1), -1)|])",
    };

    [Theory]
    [InlineData("Sum(MatMul(x, [|Sum(x, 1)|]))", "pass keepDims: true")]
    [InlineData("Sum(MatMul([|Mean(x, 0)|], x))", "pass keepDims: true")]
    [InlineData("Sum([|Transpose(Sum(x, 1))|])", "pass keepDims: true")]
    public void A_reduced_vector_in_a_product_or_a_transpose_is_refused(string body, string fix)
    {
        Assert.Contains(fix, RefusalAtTheMarkedCall(body), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sum([|Sum(Sum(x, 1), 1)|])", "Sum(Sum(x, 1), 1)', axis 1 of a vector (rank 1)", "Sum(v)")]
    [InlineData("Sum([|Mean(Sum(x, 0) * 2f, -2)|])", "axis -2 of a vector (rank 1)", "Mean(v)")]
    [InlineData("Sum([|LogSumExp(Reshape(x, -1), 1)|])", "axis 1 of a vector (rank 1)", "LogSumExp(v)")]
    [InlineData("Sum([|Softmax(Max(x, 1), 1)|])", "axis 1 of a vector (rank 1)", "pass keepDims: true")]
    [InlineData("Sum([|LogSoftmax(Reshape(x, -1), -2)|])", "axis -2 of a vector (rank 1)", "Reshape(x, 1, -1)")]
    public void An_axis_a_vector_does_not_have_is_refused_naming_the_axis_and_the_rank(string body, string construct, string fix)
    {
        string message = RefusalAtTheMarkedCall(body);
        Assert.Contains(construct, message, System.StringComparison.Ordinal);
        Assert.Contains("PyTorch raises IndexError", message, System.StringComparison.Ordinal);
        Assert.Contains(fix, message, System.StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_second_axis_reduction_of_a_reduced_vector_is_refused(string body)
    {
        Assert.Contains("reduce the whole vector with", RefusalAtTheMarkedCall(body), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sum(Square(Sum(x, 1)))")]
    [InlineData("Sum(Sum(x, 0, keepDims: true) * x)")]
    [InlineData("Sum(Mean(x, 1, keepDims: true) - Max(x, 1, keepDims: true))")]
    [InlineData("Sum(Sum(x - Mean(x, 0, keepDims: true), 0))")]
    [InlineData("Sum(Sum(Sum(x, 0, keepDims: true), 1))")]
    [InlineData("Sum(Sum(x[..1, ..], 1)) + Sum(Mean(x[.., 2..3], 0)) + Sum(LogSumExp(x[1..2, ..], 1))")]
    [InlineData("Sum(Softmax(x[^1.., ..], 1)) + Sum(LogSoftmax(x[.., ..1], 0))")]
    [InlineData("Sum(LogSumExp(MatMul(x, x) - LogSumExp(x, -1), 1))")]
    [InlineData("Sum(Softmax(MatMul(x, x) * Sum(x, 0), -1))")]
    public void Reductions_of_matrices_still_compile(string body)
    {
        string source = ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x) => 
            """ + body + """
            ;
            }
            """;
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.GeneratedCodeCompiles(run);
        Assert.Empty(run.Diagnostics);
    }

    /// <summary>The message of the one SG0008 the generator reports for <paramref name="body"/>, checked to be at its marked span, with nothing generated.</summary>
    private static string RefusalAtTheMarkedCall(string body)
    {
        (string source, ImmutableArray<TextSpan> spans) = Markup.Parse(ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x) => 
            """ + body + """
            ;
            }
            """);
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, source);

        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SG0008", diagnostic.Id);
        Assert.Equal(spans.Single(), diagnostic.Location.SourceSpan);
        Assert.Empty(run.Sources);
        return diagnostic.GetMessage(CultureInfo.InvariantCulture);
    }
}
