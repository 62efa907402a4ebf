using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Runtime;

/// <summary>The errors and layouts of the functions of tensors of any rank; their values are in <see cref="EagerReferenceTests"/>.</summary>
public class TensorMathAnyRankTests
{
    [Fact]
    public void An_axis_outside_the_tensor_names_the_rank_and_the_range()
    {
        Tensor<float> x = Tensor.Create(new float[6], [2, 3]);
        foreach (Func<object> call in new Func<object>[] { () => Sum(x, 2), () => Mean(x, -3), () => Max(x, 5, keepDims: true), () => Softmax(x, 2), () => LogSumExp(x, -3) })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(call);
            Assert.Equal("axis", error.ParamName);
            Assert.Contains("rank 2", error.Message, StringComparison.Ordinal);
            Assert.Contains("[-2, 1]", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Negative_axes_count_from_the_end()
    {
        Tensor<double> x = Tensor.Create(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        Assert.Equal(NumericAssert.Flatten(Sum(x, 1)), NumericAssert.Flatten(Sum(x, -1)));
        Assert.Equal(new double[] { 6, 15 }, NumericAssert.Flatten(Sum(x, -1)));
        Assert.Equal(new double[] { 4, 5, 6 }, NumericAssert.Flatten(Max(x, -2)));
    }

    [Fact]
    public void Reductions_read_views_through_their_strides()
    {
        Tensor<float> x = Tensor.Create(new float[] { 1, -2, 3, 4, 5, -6 }, [2, 3]);
        ReadOnlyTensorSpan<float> transposed = Tensor.PermuteDimensions(x, [1, 0]);
        Tensor<float> dense = Tensor.Create(NumericAssert.Flatten(transposed), [3, 2]);
        foreach (int axis in new[] { 0, 1 })
        {
            Assert.Equal(NumericAssert.Flatten(Sum(dense, axis)), NumericAssert.Flatten(Sum(transposed, axis)));
            Assert.Equal(NumericAssert.Flatten(Min(dense, axis)), NumericAssert.Flatten(Min(transposed, axis)));
            Assert.Equal(NumericAssert.Flatten(LogSoftmax(dense, axis)), NumericAssert.Flatten(LogSoftmax(transposed, axis)));
        }
    }

    [Fact]
    public void The_maximum_of_nothing_is_an_error_naming_the_shape()
    {
        var whole = Assert.Throws<ArgumentException>(() => Max(Tensor.Create(Array.Empty<float>(), [0, 3])));
        var alongAxis = Assert.Throws<ArgumentException>(() => Min(Tensor.Create(Array.Empty<double>(), [0, 3]), 0));

        Assert.Equal("x", whole.ParamName);
        Assert.Contains("[0, 3]", whole.Message, StringComparison.Ordinal);
        Assert.Contains("[0, 3]", alongAxis.Message, StringComparison.Ordinal);
        Assert.Contains("axis 0", alongAxis.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cross_entropy_names_the_row_and_the_label_out_of_range()
    {
        Tensor<float> logits = Tensor.Create(new float[6], [2, 3]);

        var tooLarge = Assert.Throws<ArgumentOutOfRangeException>(() => CrossEntropy(logits, new[] { 0, 3 }));
        var ignored = Assert.Throws<ArgumentOutOfRangeException>(() => CrossEntropy(logits, Tensor.Create(new[] { -100, 1 }, [2])));

        Assert.Equal("labels", tooLarge.ParamName);
        Assert.Contains("row 1 has label 3", tooLarge.Message, StringComparison.Ordinal);
        Assert.Contains("[0, 2]", tooLarge.Message, StringComparison.Ordinal);
        Assert.Contains("row 0 has label -100", ignored.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cross_entropy_names_bad_shapes()
    {
        var count = Assert.Throws<ArgumentException>(() => CrossEntropy(Tensor.Create(new double[6], [2, 3]), new[] { 0 }));
        var rank = Assert.Throws<ArgumentException>(() => CrossEntropy(Tensor.Create(new double[3], [3]), new[] { 0 }));
        var probabilities = Assert.Throws<ArgumentException>(() => CrossEntropy(Tensor.Create(new double[6], [2, 3]), Tensor.Create(new double[3], [1, 3])));

        Assert.Equal("labels", count.ParamName);
        Assert.Contains("needs 2 class indices, but it has 1", count.Message, StringComparison.Ordinal);
        Assert.Equal("logits", rank.ParamName);
        Assert.Contains("[N, C]", rank.Message, StringComparison.Ordinal);
        Assert.Contains("'probabilities' is [1, 3]", probabilities.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reshape_infers_one_length_and_reads_views_in_row_major_order()
    {
        Tensor<float> x = Tensor.Create(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        ReadOnlyTensorSpan<float> transposed = Tensor.PermuteDimensions(x, [1, 0]);

        Tensor<float> inferred = Reshape(x, 3, -1);
        Tensor<float> wide = Reshape(transposed, (nint)6);

        Assert.Equal(new nint[] { 3, 2 }, inferred.Lengths.ToArray());
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, NumericAssert.Flatten(inferred));
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, NumericAssert.Flatten(wide));
    }

    [Fact]
    public void Reshape_names_bad_lengths()
    {
        Tensor<double> x = Tensor.Create(new double[6], [2, 3]);

        Assert.Contains("more than one -1", Assert.Throws<ArgumentException>(() => Reshape(x, -1, -1)).Message, StringComparison.Ordinal);
        Assert.Contains("negative length -2", Assert.Throws<ArgumentException>(() => Reshape(x, -2, -3)).Message, StringComparison.Ordinal);
        Assert.Contains("needs 8 elements, but 'x' is [2, 3] with 6", Assert.Throws<ArgumentException>(() => Reshape(x, 2, 4)).Message, StringComparison.Ordinal);
        Assert.Contains("cannot infer the -1", Assert.Throws<ArgumentException>(() => Reshape(x, 4, -1)).Message, StringComparison.Ordinal);
        Assert.Equal("lengths", Assert.Throws<ArgumentException>(() => Reshape(x, 4, -1)).ParamName);
    }

    [Fact]
    public void MatMul_with_a_vector_names_both_shapes_when_the_lengths_disagree()
    {
        var error = Assert.Throws<ArgumentException>(() => MatMul(Tensor.Create(new float[6], [2, 3]), Tensor.Create(new float[4], [4])));

        Assert.Equal("b", error.ParamName);
        Assert.Contains("'a' is [2, 3]", error.Message, StringComparison.Ordinal);
        Assert.Contains("'b' is [4]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Log1p_and_expm1_keep_the_digits_of_tiny_arguments_in_float()
    {
        // log(1 + 1e-7f) computed as written is 1.19e-7 in float (1 + 1e-7f rounds to 1 + 2^-23): 19% off.
        NumericAssert.Close(1e-7 - 5e-15, Log1p(1e-7f), 1e-6, 0, "Log1p(1e-7f)");
        NumericAssert.Close(1e-7 + 5e-15, Expm1(1e-7f), 1e-6, 0, "Expm1(1e-7f)");
        NumericAssert.Close(-1e-7 - 5e-15, NumericAssert.Flatten(Log1p(Tensor.Create(new[] { -1e-7f }, [1])))[0], 1e-6, 0, "Log1p tensor");
    }
}
