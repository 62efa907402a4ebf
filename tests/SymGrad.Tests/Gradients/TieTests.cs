using System.Linq;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Elements equal to the maximum (or minimum) along an axis share its gradient evenly: the gradients PyTorch 1.13
/// gives for <c>torch.amax(a, 1)</c> and <c>torch.amin(a, 0)</c> of the same matrix.
/// </summary>
public sealed class TieTests
{
    [Fact]
    public void Tied_row_maxima_share_the_gradient_evenly()
    {
        var a = Tensor.Create([1.0, 3.0, 3.0, 2.0, 2.0, 2.0], [2, 3]);
        var weights = Tensor.Create([1.0, 2.0], [2]);
        var da = Tensor.CreateFromShape<double>([2, 3]);
        double value = Ties.RowMaximaValueAndGradient(a, weights, da);
        Assert.Equal(7.0, value);
        Assert.Equal(Ties.RowMaxima(a, weights), value);
        Assert.Equal([0.0, 0.5, 0.5, 2.0 / 3, 2.0 / 3, 2.0 / 3], da.ToArray(), (x, y) => System.Math.Abs(x - y) < 1e-15);
    }

    [Fact]
    public void Tied_column_minima_share_the_gradient_evenly()
    {
        var a = Tensor.Create([1f, 3f, 3f, 2f, 3f, 3f], [2, 3]);
        var da = Tensor.CreateFromShape<float>([2, 3]);
        float value = Ties.ColumnMinimaFValueAndGradient(a, da);
        Assert.Equal(7f, value);
        Assert.Equal([1f, 0.5f, 0.5f, 0f, 0.5f, 0.5f], da.ToArray());
    }
}
