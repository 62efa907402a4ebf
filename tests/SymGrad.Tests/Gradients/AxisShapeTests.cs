using System;
using System.Linq;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// A reduction along an axis takes a matrix or a tensor of rank 3 or more (the axes fold it onto a rank-3 view): a
/// vector, whose axis 1 PyTorch does not have either, is refused when the method is called, naming the tensor and its shape.
/// </summary>
public sealed class AxisShapeTests
{
    [Theory]
    [InlineData(new[] { 5 }, "[5]")]
    public void A_tensor_of_another_rank_is_refused_before_anything_is_written(int[] shape, string printed)
    {
        nint[] lengths = Array.ConvertAll(shape, l => (nint)l);
        var a = Tensor.CreateFromShape<double>(lengths);
        var da = Tensor.Create(new double[a.FlattenedLength], lengths);
        da.Fill(double.NaN);

        var error = Assert.Throws<ArgumentException>(() => Axes.SumRowsValueAndGradient(a, da));
        Assert.Equal("a", error.ParamName);
        Assert.Contains("takes axis 1", error.Message, StringComparison.Ordinal);
        Assert.Contains(printed, error.Message, StringComparison.Ordinal);
        Assert.All(da.ToArray(), v => Assert.True(double.IsNaN(v)));
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4 })]
    [InlineData(new[] { 2, 3, 1, 5 })]
    public void A_tensor_of_rank_three_or_more_is_reduced_along_axis_1_as_the_method_run_as_written(int[] shape)
    {
        nint[] lengths = Array.ConvertAll(shape, l => (nint)l);
        double[] values = Enumerable.Range(0, shape.Aggregate(1, (p, l) => p * l)).Select(i => Math.Sin(0.7 * i)).ToArray();
        var a = Tensor.Create(values, lengths);
        var da = Tensor.Create(new double[a.FlattenedLength], lengths);
        double expected = Axes.SumRows(a);
        Assert.Equal(expected, Axes.SumRowsValueAndGradient(a, da), 1e-12);

        // d/da of Sum(Square(Sum(a, 1))) is 2 Sum(a, 1) repeated along axis 1.
        int before = shape[0], along = shape[1], after = shape.Skip(2).Aggregate(1, (p, l) => p * l);
        for (int i = 0; i < before; i++)
        {
            for (int k = 0; k < after; k++)
            {
                double sum = Enumerable.Range(0, along).Sum(j => values[((i * along) + j) * after + k]);
                for (int j = 0; j < along; j++)
                {
                    Assert.Equal(2 * sum, da.ToArray()[((i * along) + j) * after + k], 1e-12);
                }
            }
        }
    }
}
