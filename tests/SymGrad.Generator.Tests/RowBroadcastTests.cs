using System.Linq;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// A parameter meeting a matrix parameter element-wise before a row pass is read as a row repeated over it (or the
/// matrix's shape), decided at run time; where its own shape matters elsewhere (reduced alone, counted) it must
/// have the matrix's shape, as before.
/// </summary>
public sealed class RowBroadcastTests
{
    [Theory]
    [InlineData("Sum(LogSumExp(x * scale, 1))", "scale")]
    [InlineData("Sum(Softmax(x + bias, 1) * y)", "bias")]
    [InlineData("Sum(Softmax((x * scale) + bias, 1) * y)", "scale")]
    [InlineData("Sum(Softmax((x * scale) + bias, 1) * y)", "bias")]
    [InlineData("Sum(Square(x - bias)) + Sum(Max(x + bias, 1))", "bias")]
    [InlineData("CrossEntropy(x + bias, y)", "bias")]
    [InlineData("Sum(LogSumExp(x + Exp(bias), 1))", "bias")]
    [InlineData("-Sum(LogSumExp(Square(x - bias) / Square(scale), 1))", "scale")]
    [InlineData("Sum(LogSoftmax(x + bias, -1) * x)", "bias")]
    [InlineData("Sum(Square(LogSumExp(x - bias, -1, true) + x))", "bias")]
    public void A_row_operand_of_a_row_pass_is_read_with_a_row_stride(string body, string operand)
    {
        string text = Generated(body);
        Assert.Contains("ShapeGuard.RowStride(" + operand + ", \"" + operand + "\", xRows, xColumns)", text, System.StringComparison.Ordinal);
        Assert.DoesNotContain("SameShape(x, \"x\", " + operand, text, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sum(Square(Max(x + bias, 1, true) * bias))", "false, true")]
    public void A_row_operand_reduced_without_the_matrix_must_span_the_axis_it_is_reduced_along(string body, string axes)
    {
        // Run as written, Max(..., keepDims) * bias keeps bias's own length where the matrix was reduced: a column
        // [r, 1] (or a row [c]) there would make a narrower value than the one the generated code computes, so it throws.
        string text = Generated(body);
        Assert.Contains("ShapeGuard.RowOperandSpans(bias, \"bias\", biasStride, xRows, xColumns, " + axes + ");", text, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sum(Softmax((x * scale) + bias, 1) * y)")]
    [InlineData("Sum(Square(x - bias)) + Sum(Max(x + bias, 1))")]
    [InlineData("Sum(Square(LogSoftmax(x + bias, -1)))")]
    public void A_row_operand_read_only_with_the_matrix_needs_no_span_check(string body)
        => Assert.DoesNotContain("RowOperandSpans", Generated(body), System.StringComparison.Ordinal);

    [Theory]
    [InlineData("Sum(LogSumExp(x + bias, 1)) + Sum(bias)")]
    [InlineData("Sum(LogSumExp(x + bias, 1)) * bias.FlattenedLength")]
    [InlineData("Sum(LogSumExp(x + bias, 1)) * bias.Lengths[0]")]
    [InlineData("Sum(LogSumExp(x + bias, 1)) * bias.Rank")]
    [InlineData("Sum(LogSumExp(x + bias, 1)) * bias[0]")]
    [InlineData("Sum(LogSumExp(x + bias, 1)) + Dot(x, bias)")]
    public void An_operand_whose_own_shape_matters_elsewhere_keeps_the_matrix_shape(string body)
    {
        string text = Generated(body);
        Assert.Contains("SameShape(x, \"x\", bias, \"bias\")", text, System.StringComparison.Ordinal);
        Assert.DoesNotContain("RowStride(bias", text, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> bias")]
    [InlineData("ReadOnlyTensorSpan<float> bias, ReadOnlyTensorSpan<float> x")]
    public void Either_operand_may_be_the_matrix_whatever_order_the_parameters_are_declared_in(string parameters)
    {
        string source = ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(
            """ + parameters + """
            ) => Sum(Square(x - bias)) + Sum(LogSumExp(x + bias, 1));
            }
            """;
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.GeneratedCodeCompiles(run);
        Assert.Empty(run.Diagnostics);
        string text = string.Join("\n", run.Sources.Select(s => s.SourceText.ToString()));
        Assert.Contains("ShapeGuard.BroadcastMatrix(x, \"x\", bias, \"bias\", out nint xRows, out nint xColumns)", text, System.StringComparison.Ordinal);
        Assert.Contains("ShapeGuard.RowStride(x, \"x\", xRows, xColumns)", text, System.StringComparison.Ordinal);
        Assert.Contains("ShapeGuard.RowStride(bias, \"bias\", xRows, xColumns)", text, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sum(LogSumExp(x + bias, 1)) + Sum(Exp(x))")]
    [InlineData("Sum(LogSumExp(x + bias, 1)) + Sum(LogSumExp(x, 1))")]
    [InlineData("Sum(Softmax(x + Exp(bias), 1) * y)")]
    public void The_operand_written_first_is_the_matrix_where_it_is_read_alone(string body)
    {
        // A value of x alone reduced, or a sum that does not read every operand: x is the matrix and must be one.
        string text = Generated(body);
        Assert.Contains("ShapeGuard.Matrix(x, \"x\"", text, System.StringComparison.Ordinal);
        Assert.DoesNotContain("BroadcastMatrix", text, System.StringComparison.Ordinal);
    }

    private static string Generated(string body)
    {
        string source = ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> scale, ReadOnlyTensorSpan<float> bias, [NoGrad] ReadOnlyTensorSpan<float> y) => 
            """ + body + """
            ;
            }
            """;
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.GeneratedCodeCompiles(run);
        Assert.Empty(run.Diagnostics);
        // The matrix form only: not the rank-3 form (its own file) nor the local function that calls it for tensors of rank 3 or more.
        string text = string.Join("\n", run.Sources.Where(s => !s.HintName.Contains("AtRankThree.", System.StringComparison.Ordinal)).Select(s => s.SourceText.ToString()));
        return System.Text.RegularExpressions.Regex.Replace(text, @"(?ms)^([ ]*)static float AtRankThree\(.*?^\1\}$", string.Empty);
    }
}
