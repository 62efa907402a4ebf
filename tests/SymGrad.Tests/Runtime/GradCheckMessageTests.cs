using System;
using System.Globalization;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Runtime;

public sealed class GradCheckMessageTests
{
    [Fact]
    public void A_tensor_created_at_an_offset_into_its_array_is_perturbed_where_it_lies()
    {
        // x = [1, 2, 3] sits after two other numbers; sum(x²) has gradient [2, 4, 6].
        double[] storage = [100, 100, 1, 2, 3];
        Tensor<double> x = Tensor.Create(storage, 2, [3], [1]);
        double Value() => (x[0] * x[0]) + (x[1] * x[1]) + (x[2] * x[2]);

        GradCheckResult result = GradCheck.Check(x, Value, Tensor.Create([2.0, 4.0, 6.0], [3]));

        Assert.True(result.Passed, result.ToString());
        Assert.Equal([100.0, 100.0, 1.0, 2.0, 3.0], storage);
    }

    [Fact]
    public void Bad_options_are_quoted_in_the_invariant_culture_whatever_the_current_one()
    {
        Tensor<double> x = Tensor.Create([1.0], [1]);
        CultureInfo before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var error = Assert.Throws<ArgumentOutOfRangeException>(
                () => GradCheck.Check(x, () => x[0], Tensor.Create([1.0], [1]), new GradCheckOptions { Epsilon = -0.5 }));

            Assert.Contains("but got Epsilon -0.5,", error.Message);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
