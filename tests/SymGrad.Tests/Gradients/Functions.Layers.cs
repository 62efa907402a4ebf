using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Networks whose layer is a [Differentiable] method returning a tensor: the layer gets no generated methods of its
/// own, and each loss that calls it (twice, or once before a linear output) gets the layer's body inlined.
/// <c>tools/reference/gradients.py</c> defines the losses in PyTorch under the same names.
/// </summary>
public static partial class Composed
{
    [Differentiable]
    public static Tensor<double> TanhLayer(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b)
        => Tanh(MatMul(x, w) + b);

    [Differentiable]
    public static Tensor<float> TanhLayerF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b)
        => Tanh(MatMul(x, w) + b);

    // The layer twice: its output is the second call's input.
    [Differentiable]
    public static double TwoTanhLayers(
        [NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w1, ReadOnlyTensorSpan<double> b1,
        ReadOnlyTensorSpan<double> w2, ReadOnlyTensorSpan<double> b2, [NoGrad] ReadOnlyTensorSpan<double> y)
        => Mse(TanhLayer(TanhLayer(x, w1, b1), w2, b2), y);

    [Differentiable]
    public static float TwoTanhLayersF(
        [NoGrad] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w1, ReadOnlyTensorSpan<float> b1,
        ReadOnlyTensorSpan<float> w2, ReadOnlyTensorSpan<float> b2, [NoGrad] ReadOnlyTensorSpan<float> y)
        => Mse(TanhLayerF(TanhLayerF(x, w1, b1), w2, b2), y);

    // The layer, then a linear output; a block body that keeps the hidden layer in a local.
    [Differentiable]
    public static double TanhLayerThenLinear(
        [NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w1, ReadOnlyTensorSpan<double> b1,
        ReadOnlyTensorSpan<double> w2, ReadOnlyTensorSpan<double> b2, [NoGrad] ReadOnlyTensorSpan<double> y)
    {
        var hidden = TanhLayer(x, w1, b1);
        return Mse(MatMul(hidden, w2) + b2, y);
    }

    [Differentiable]
    public static float TanhLayerThenLinearF(
        [NoGrad] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w1, ReadOnlyTensorSpan<float> b1,
        ReadOnlyTensorSpan<float> w2, ReadOnlyTensorSpan<float> b2, [NoGrad] ReadOnlyTensorSpan<float> y)
        => Mse(MatMul(TanhLayerF(x, w1, b1), w2) + b2, y);
}
