using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// <c>Reshape</c> in generated code: views of a parameter's elements in order with new lengths (constants, -1, int
/// parameters, sizes), reduced along either axis, meeting matrices of their own shape, and of element-wise expressions.
/// <c>tools/reference/gradients.py</c> defines each in PyTorch under the same name.
/// </summary>
public static partial class Reshapes
{
    /// <summary>The rows of x [r, c] read as c rows of r elements, each reduced by LogSumExp.</summary>
    [Differentiable]
    public static double ReshapeRegroupedRows(ReadOnlyTensorSpan<double> x)
        => Sum(Square(LogSumExp(Reshape(x, x.Lengths[1], -1), 1)));

    [Differentiable]
    public static float ReshapeRegroupedRowsF(ReadOnlyTensorSpan<float> x)
        => Sum(Square(LogSumExp(Reshape(x, x.Lengths[1], -1), 1)));

    /// <summary>Two matrices of transposed shapes flattened to vectors and multiplied element by element.</summary>
    [Differentiable]
    public static double ReshapeFlatten(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
        => Sum(Reshape(x, -1) * Reshape(y, -1)) + Sum(Square(Reshape(x, -1)));

    /// <summary>x [r, c] read as n rows (an int parameter), then the mean of each column.</summary>
    [Differentiable]
    public static double ReshapeRowsParameter(ReadOnlyTensorSpan<double> x, int n)
        => Sum(Square(Mean(Reshape(x, n, -1), 0)));

    [Differentiable]
    public static float ReshapeRowsParameterF(ReadOnlyTensorSpan<float> x, int n)
        => Sum(Square(Mean(Reshape(x, n, -1), 0)));

    /// <summary>x [r, c] read as [c, r] meets a [c, r] matrix, and its row means broadcast back over it.</summary>
    [Differentiable]
    public static double ReshapeMeetsMatrix(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> a)
    {
        var m = Reshape(x, -1, x.Lengths[0]);
        return Sum(Square(m - a)) + Sum(Mean(m, 1, keepDims: true) * m);
    }

    /// <summary>A weight matrix of a product, also reshaped as an element-wise expression to a vector.</summary>
    [Differentiable]
    public static double ReshapeProductWeights(ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> v)
        => Sum(Square(MatMul(w, v))) + LogSumExp(Reshape((w * 2) - 1, -1));

    /// <summary>A column [a, 1] of x times a row [1, b c] of y: both stretched, read in place.</summary>
    [Differentiable]
    public static double ReshapeOuter(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
        => Sum(Square(Reshape(x, -1, 1) * Reshape(y, 1, -1)));

    /// <summary>x [m, k] read as [k, m], multiplied by w [m, p]: the product reads x in place.</summary>
    [Differentiable]
    public static double ReshapeProduct(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w)
        => Sum(Square(MatMul(Reshape(x, x.Lengths[1], -1), w)));

    [Differentiable]
    public static float ReshapeProductF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w)
        => Sum(Square(MatMul(Reshape(x, x.Lengths[1], -1), w)));
}
