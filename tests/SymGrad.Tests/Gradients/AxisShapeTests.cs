using System;
using System.Linq;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>A reduction along an axis takes a matrix: another rank is refused when the method is called, naming the tensor and its shape.</summary>
public sealed class AxisShapeTests
{
    [Theory]
    [InlineData(new[] { 2, 3, 4 }, "[2, 3, 4]")]
    [InlineData(new[] { 5 }, "[5]")]
    public void A_tensor_of_another_rank_is_refused_before_anything_is_written(int[] shape, string printed)
    {
        nint[] lengths = Array.ConvertAll(shape, l => (nint)l);
        var a = Tensor.CreateFromShape<double>(lengths);
        var da = Tensor.Create(new double[a.FlattenedLength], lengths);
        da.Fill(double.NaN);

        var error = Assert.Throws<ArgumentException>(() => Axes.SumRowsValueAndGradient(a, da));
        Assert.Equal("a", error.ParamName);
        Assert.Contains("reduction along an axis", error.Message, StringComparison.Ordinal);
        Assert.Contains(printed, error.Message, StringComparison.Ordinal);
        Assert.All(da.ToArray(), v => Assert.True(double.IsNaN(v)));
    }
}
