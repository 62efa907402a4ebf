using System.Linq;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>A bias of shape [1, c] broadcasts down the rows as one of shape [c] does, and gets the same gradient.</summary>
public sealed class BiasShapeTests
{
    [Fact]
    public void A_one_row_bias_gives_the_value_and_gradient_of_a_vector_bias()
    {
        var x = Tensor.Create(Enumerable.Range(0, 15).Select(i => System.Math.Sin(i)).ToArray(), [5, 3]);
        var w = Tensor.Create(Enumerable.Range(0, 6).Select(i => System.Math.Cos(i)).ToArray(), [2, 3]);
        var y = Tensor.Create(Enumerable.Range(0, 10).Select(i => 0.1 * i).ToArray(), [5, 2]);
        var vector = Tensor.Create([0.3, -0.2], [2]);
        var row = Tensor.Create([0.3, -0.2], [1, 2]);
        var dwVector = Tensor.CreateFromShape<double>([2, 3]);
        var dwRow = Tensor.CreateFromShape<double>([2, 3]);
        var dbVector = Tensor.CreateFromShape<double>([2]);
        var dbRow = Tensor.CreateFromShape<double>([1, 2]);

        double expected = Composed.LinearLayerValueAndGradient(x, w, vector, y, dwVector, dbVector);
        double value = Composed.LinearLayerValueAndGradient(x, w, row, y, dwRow, dbRow);

        Assert.Equal(expected, value);
        Assert.Equal(Composed.LinearLayer(x, w, row, y), value, 12);
        Assert.Equal(dwVector.ToArray(), dwRow.ToArray());
        Assert.Equal(dbVector.ToArray(), dbRow.ToArray());
    }
}
