extern alias GradientDescentSample;

using System.Linq;
using System.Numerics.Tensors;
using NumpyStyle = GradientDescentSample::SymGrad.Samples.NumpyStyle;
using TorchStyle = GradientDescentSample::SymGrad.Samples.TorchStyle;

namespace SymGrad.Tests.Samples;

/// <summary>
/// The samples' printers against what PyTorch 1.13 and NumPy 1.24 print for the same values (each expected string
/// is <c>repr</c> of the same tensor or array in Python), on layouts the samples' own outputs do not reach.
/// </summary>
public sealed class SamplePrintingTests
{
    [Fact]
    public void Rows_wrap_at_as_many_values_as_torch_fits_in_80_columns()
        => Assert.Equal(
            "tensor([[0.0000, 0.3814, 0.7629, 0.1031, 0.4845, 0.8660, 0.2062, 0.5876, 0.9691,\n" +
            "         0.3093, 0.6907, 0.0309],\n" +
            "        [0.4124, 0.7938, 0.1340, 0.5155, 0.8969, 0.2371, 0.6186, 1.0000, 0.3402,\n" +
            "         0.7216, 0.0619, 0.4433]])",
            TorchStyle.Tensor(Tensor.Create(Values<float>(24), [2, 12])));

    [Fact]
    public void A_suffix_that_does_not_fit_goes_to_its_own_line()
        => Assert.Equal(
            "tensor([0.0000, 0.3814, 0.7629, 0.1031, 0.4845, 0.8660, 0.2062, 0.5876, 0.9691],\n" +
            "       requires_grad=True)",
            TorchStyle.Tensor(Tensor.Create(Values<float>(9), [9]), "requires_grad=True"));

    [Fact]
    public void Float64_names_its_dtype_before_the_other_suffixes()
        => Assert.Equal(
            "tensor([[0.0000, 0.3814, 0.7629, 0.1031, 0.4845, 0.8660, 0.2062, 0.5876, 0.9691],\n" +
            "        [0.3093, 0.6907, 0.0309, 0.4124, 0.7938, 0.1340, 0.5155, 0.8969, 0.2371]],\n" +
            "       dtype=torch.float64, grad_fn=<MulBackward0>)",
            TorchStyle.Tensor(Tensor.Create(Values<double>(18), [2, 9]), "grad_fn=<MulBackward0>"));

    [Fact]
    public void Wide_ranges_print_in_scientific_notation()
    {
        Assert.Equal("tensor([1.0000e+00, 2.0000e+03])", TorchStyle.Tensor(Tensor.Create([1f, 2000f], [2])));
        Assert.Equal("tensor([ 5.0000e-01, -1.0000e-05])", TorchStyle.Tensor(Tensor.Create([0.5f, -0.00001f], [2])));
    }

    [Fact]
    public void A_scalar_prints_like_a_0_d_tensor()
        => Assert.Equal("tensor(6.5000, grad_fn=<MulBackward0>)", TorchStyle.Scalar(6.5f, "grad_fn=<MulBackward0>"));

    [Fact]
    public void Arrays_align_on_the_point_and_wrap_at_75_columns()
    {
        Assert.Equal(
            "array([0.        , 3.814433  , 7.628866  , 1.0309278 , 4.8453608 ,\n" +
            "       8.659794  , 2.0618556 , 5.876289  , 9.6907215 , 3.0927835 ,\n" +
            "       6.9072165 , 0.30927834], dtype=float32)",
            NumpyStyle.Array(Tensor.Create(Values<double>(12).Select(v => (float)(v * 10)).ToArray(), [12])));
        Assert.Equal("array([-1.5 ,  0.25,  3.  ], dtype=float32)", NumpyStyle.Array(Tensor.Create([-1.5f, 0.25f, 3f], [3])));
    }

    /// <summary>Python's <c>[((i * 37) % 101) / 97 for i in range(n)]</c>, rounded to <typeparamref name="T"/>.</summary>
    private static T[] Values<T>(int count)
        where T : System.Numerics.IBinaryFloatingPointIeee754<T>
        => Enumerable.Range(0, count).Select(i => T.CreateTruncating(((i * 37) % 101) / 97.0)).ToArray();
}
