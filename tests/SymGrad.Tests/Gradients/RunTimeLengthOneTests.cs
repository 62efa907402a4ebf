using System;
using System.Linq;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// A slice whose bounds are known only at run time and turn out to give one element, meeting a longer vector: run
/// eagerly it broadcasts as PyTorch's does, but which operands broadcast is fixed when the method is compiled, so the
/// generated methods throw before anything is written, naming the slice, both lengths and the spelling that broadcasts.
/// </summary>
public sealed class RunTimeLengthOneTests
{
    [Fact]
    public void A_run_time_slice_of_one_element_meeting_a_longer_vector_throws_naming_the_slice_the_lengths_and_the_fix()
    {
        double[] x = Enumerable.Range(0, 5).Select(i => Math.Sin(i + 0.5)).ToArray();
        double[] y = Enumerable.Range(0, 5).Select(i => Math.Cos(i + 0.5)).ToArray();
        double[] dx = Enumerable.Repeat(double.NaN, 5).ToArray();
        double[] dy = Enumerable.Repeat(double.NaN, 5).ToArray();
        Tensor<double> xs = Tensor.Create(x, [5]);
        Tensor<double> ys = Tensor.Create(y, [5]);

        // Run as written, x[4..] has one element and broadcasts over y.
        Assert.True(double.IsFinite(Slices.RunTimeSliceMeetsVector(xs, ys, 4)));

        ArgumentException error = Assert.Throws<ArgumentException>(() => Slices.RunTimeSliceMeetsVectorValueAndGradient(xs, ys, 4, Tensor.Create(dx, [5]), Tensor.Create(dy, [5])));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("'x[k..]' has 1 element and 'y' has 5", error.Message, StringComparison.Ordinal);
        Assert.Contains("x[k..(k + 1)]", error.Message, StringComparison.Ordinal);
        Assert.All(dx, d => Assert.True(double.IsNaN(d)));
        Assert.All(dy, d => Assert.True(double.IsNaN(d)));
    }
}
