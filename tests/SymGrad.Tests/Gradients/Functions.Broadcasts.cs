using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Tensor parameters of different shapes meeting element-wise, broadcast by NumPy's rules: a column [r, 1], a row
/// [1, c] or [c], a single value [1], either operand order, and both operands stretched ([r, 1] against [1, c]). The
/// catalog calls each function at several shapes; <c>tools/reference/gradients.py</c> defines each in PyTorch.
/// </summary>
public static partial class Broadcasts
{
    /// <summary>A fit to a broadcast shift, and a product of the two: the mean counts the broadcast shape's elements.</summary>
    [Differentiable]
    public static double BroadcastSum(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => Mean(Square(x - b)) + Sum(x * b);

    /// <summary><see cref="BroadcastSum"/> in float.</summary>
    [Differentiable]
    public static float BroadcastSumF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> b) => Mean(Square(x - b)) + Sum(x * b);

    /// <summary>Three operands of three shapes, one constant, with a quotient, a function of a product and a maximum.</summary>
    [Differentiable]
    public static double BroadcastThree(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b, [NoGrad] ReadOnlyTensorSpan<double> s) => Sum(Tanh(x * b) / s) + Max(x + b - s);

    /// <summary><see cref="BroadcastThree"/> in float, with a log-sum-exp for the maximum: float's finite differences cross a maximum's near ties.</summary>
    [Differentiable]
    public static float BroadcastThreeF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> b, [NoGrad] ReadOnlyTensorSpan<float> s) => Sum(Tanh(x * b) / s) + LogSumExp(x + b - s);

    /// <summary>A scalar parameter beside two broadcast tensors, and a mean and a log-sum-exp of the broadcast.</summary>
    [Differentiable]
    public static double BroadcastScaled(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b, double c) => LogSumExp(c * x - b) + Mean(Exp(x / (2 + b * b))) * c;

    /// <summary>Every element-wise operator of the contract between two broadcast parameters: + - * /, Maximum, Minimum, comparisons and Where (each term smooth where a mask or a maximum flips, for finite differences).</summary>
    [Differentiable]
    public static double BroadcastOperators(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b)
        => Sum((x * b) - (x / (2 + (b * b))) + Square(Maximum(x, b) - b) - Square(Minimum(x, 2 * b) - (2 * b)) + Where(x < b, Square(x - b), b * Square(x - b)) + Where(GreaterThanOrEqual(x, b), Square(x - b), 0.0));

    /// <summary><see cref="BroadcastOperators"/> with the stretched operand first.</summary>
    [Differentiable]
    public static double BroadcastOperatorsFirst(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => BroadcastOperators(x, b);

    /// <summary><see cref="BroadcastOperators"/> in float.</summary>
    [Differentiable]
    public static float BroadcastOperatorsF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> b)
        => Sum((x * b) - (x / (2 + (b * b))) + Square(Maximum(x, b) - b) - Square(Minimum(x, 2 * b) - (2 * b)) + Where(x < b, Square(x - b), b * Square(x - b)) + Where(GreaterThanOrEqual(x, b), Square(x - b), 0f));

    /// <summary>A bias added to a plain matrix parameter, not a matrix product.</summary>
    [Differentiable]
    public static double PlainMatrixBias([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => Sum(Square(x + b));

    /// <summary>[r, c] against [1, c].</summary>
    [Differentiable]
    public static double BroadcastSumRow(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => BroadcastSum(x, b);

    /// <summary>[r, c] against [c].</summary>
    [Differentiable]
    public static double BroadcastSumVector(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => BroadcastSum(x, b);

    /// <summary>[r, c] against [1].</summary>
    [Differentiable]
    public static double BroadcastSumOne(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => BroadcastSum(x, b);

    /// <summary>[r, 1] against [r, c]: the stretched operand first.</summary>
    [Differentiable]
    public static double BroadcastSumFirst(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => BroadcastSum(x, b);

    /// <summary>[r, 1] against [1, c]: both stretched.</summary>
    [Differentiable]
    public static double BroadcastSumOuter(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => BroadcastSum(x, b);

    /// <summary>[r, 1] against [c]: both stretched, one of lower rank.</summary>
    [Differentiable]
    public static double BroadcastSumOuterVector(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => BroadcastSum(x, b);

    /// <summary>[a, b, c] against [b, c].</summary>
    [Differentiable]
    public static double BroadcastSumCubeMatrix(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => BroadcastSum(x, b);

    /// <summary>[a, b, c] against [a, 1, 1].</summary>
    [Differentiable]
    public static double BroadcastSumCubeColumn(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => BroadcastSum(x, b);

    /// <summary>[a, 1, c] against [1, b, c]: each repeated along a different leading dimension.</summary>
    [Differentiable]
    public static double BroadcastSumCubeCross(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => BroadcastSum(x, b);

    /// <summary>[a, 1, c] against [b, c].</summary>
    [Differentiable]
    public static double BroadcastSumCubeCrossMatrix(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => BroadcastSum(x, b);

    /// <summary><see cref="BroadcastSumF"/> at [r, 1] against [1, c].</summary>
    [Differentiable]
    public static float BroadcastSumFOuter(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> b) => BroadcastSumF(x, b);
}

/// <summary>
/// <see cref="Broadcasts.BroadcastSum"/> declared over <c>Tensor&lt;T&gt;</c>, which broadcasts as the method over tensor
/// spans does: <see cref="BroadcastShapeTests"/> compares the two (the catalog holds the method over tensor spans).
/// </summary>
public static partial class TensorBroadcasts
{
    [Differentiable]
    public static double BroadcastSum(Tensor<double> x, Tensor<double> b) => Mean(Square(x - b)) + Sum(x * b);
}
