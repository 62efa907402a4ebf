using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Every operation of the vocabulary on its own, in double and in float: each element-wise function summed, each
/// reduction and matrix function with the smallest body that shows its gradient. The generator adds
/// <c>{Name}Value</c> and <c>{Name}ValueAndGradient</c> to this class. A name ending in F is the float variant;
/// <c>tools/reference/gradients.py</c> defines every function of this file in PyTorch under the same name.
/// </summary>
public static partial class Ops
{
    [Differentiable] public static double OpSum(ReadOnlyTensorSpan<double> x) => Sum(x);
    [Differentiable] public static double OpMean(ReadOnlyTensorSpan<double> x) => Mean(x);
    [Differentiable] public static double OpSquare(ReadOnlyTensorSpan<double> x) => Sum(Square(x));
    [Differentiable] public static double OpSqrt(ReadOnlyTensorSpan<double> x) => Sum(Sqrt(x));
    [Differentiable] public static double OpExp(ReadOnlyTensorSpan<double> x) => Sum(Exp(x));
    [Differentiable] public static double OpLog(ReadOnlyTensorSpan<double> x) => Sum(Log(x));
    [Differentiable] public static double OpAbs(ReadOnlyTensorSpan<double> x) => Sum(Abs(x));
    [Differentiable] public static double OpSin(ReadOnlyTensorSpan<double> x) => Sum(Sin(x));
    [Differentiable] public static double OpCos(ReadOnlyTensorSpan<double> x) => Sum(Cos(x));
    [Differentiable] public static double OpTanh(ReadOnlyTensorSpan<double> x) => Sum(Tanh(x));
    [Differentiable] public static double OpSigmoid(ReadOnlyTensorSpan<double> x) => Sum(Sigmoid(x));
    [Differentiable] public static double OpRelu(ReadOnlyTensorSpan<double> x) => Sum(Relu(x));
    [Differentiable] public static double OpPowConstant(ReadOnlyTensorSpan<double> x) => Sum(Pow(x, 3));
    [Differentiable] public static double OpPowFractional(ReadOnlyTensorSpan<double> x) => Sum(Pow(x, 2.5));
    [Differentiable] public static double OpPowParameter(ReadOnlyTensorSpan<double> x, double p) => Sum(Pow(x, p));
    [Differentiable] public static double OpDot(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => Dot(x, y);
    [Differentiable] public static double OpLogSumExp(ReadOnlyTensorSpan<double> x) => LogSumExp(x);
    [Differentiable] public static double OpMse(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> target) => Mse(x, target);
    [Differentiable] public static double OpMatMul(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b) => Sum(MatMul(a, b));
    [Differentiable] public static double OpTranspose(ReadOnlyTensorSpan<double> a, [NoGrad] ReadOnlyTensorSpan<double> weights) => Sum(Transpose(a) * weights);
    [Differentiable] public static double OpAdd(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => Sum(Square(x + y));
    [Differentiable] public static double OpSubtract(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => Sum(Square(x - y));
    [Differentiable] public static double OpMultiply(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => Sum(x * y);
    [Differentiable] public static double OpDivide(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => Sum(x / y);
    [Differentiable] public static double OpNegate(ReadOnlyTensorSpan<double> x) => Sum(-x * x);

    [Differentiable] public static float OpSumF(ReadOnlyTensorSpan<float> x) => Sum(x);
    [Differentiable] public static float OpMeanF(ReadOnlyTensorSpan<float> x) => Mean(x);
    [Differentiable] public static float OpSquareF(ReadOnlyTensorSpan<float> x) => Sum(Square(x));
    [Differentiable] public static float OpSqrtF(ReadOnlyTensorSpan<float> x) => Sum(Sqrt(x));
    [Differentiable] public static float OpExpF(ReadOnlyTensorSpan<float> x) => Sum(Exp(x));
    [Differentiable] public static float OpLogF(ReadOnlyTensorSpan<float> x) => Sum(Log(x));
    [Differentiable] public static float OpAbsF(ReadOnlyTensorSpan<float> x) => Sum(Abs(x));
    [Differentiable] public static float OpSinF(ReadOnlyTensorSpan<float> x) => Sum(Sin(x));
    [Differentiable] public static float OpCosF(ReadOnlyTensorSpan<float> x) => Sum(Cos(x));
    [Differentiable] public static float OpTanhF(ReadOnlyTensorSpan<float> x) => Sum(Tanh(x));
    [Differentiable] public static float OpSigmoidF(ReadOnlyTensorSpan<float> x) => Sum(Sigmoid(x));
    [Differentiable] public static float OpReluF(ReadOnlyTensorSpan<float> x) => Sum(Relu(x));
    [Differentiable] public static float OpPowConstantF(ReadOnlyTensorSpan<float> x) => Sum(Pow(x, 3f));
    [Differentiable] public static float OpPowParameterF(ReadOnlyTensorSpan<float> x, float p) => Sum(Pow(x, p));
    [Differentiable] public static float OpDotF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y) => Dot(x, y);
    [Differentiable] public static float OpLogSumExpF(ReadOnlyTensorSpan<float> x) => LogSumExp(x);
    [Differentiable] public static float OpMseF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> target) => Mse(x, target);
    [Differentiable] public static float OpMatMulF(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b) => Sum(MatMul(a, b));
    [Differentiable] public static float OpTransposeF(ReadOnlyTensorSpan<float> a, [NoGrad] ReadOnlyTensorSpan<float> weights) => Sum(Transpose(a) * weights);
}

/// <summary>
/// Functions built from several operations: the seed notebooks' functions, transcendental mixes, small networks,
/// calls between [Differentiable] methods, block bodies, a piecewise function, scalar parameters and constants.
/// </summary>
public static partial class Composed
{
    /// <summary>A differentiable argument passed to a [NoGrad] parameter of a called method: inlined, the gradient flows through it.</summary>
    [Differentiable]
    public static double ArgumentOfNoGradParameter(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => WeightedSum(x, y);

    /// <summary>The System.Numerics.Tensors.Tensor spelling of the vocabulary.</summary>
    [Differentiable]
    public static double TensorCalls(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
        => Tensor.Sum<double>(Tensor.Multiply<double>(Tensor.Exp<double>(x), y));

    // The seed notebooks, in float as they run them (Sum(Log(x)) in double, as its notebook does).
    [Differentiable] public static float SeedTenSumPow2(ReadOnlyTensorSpan<float> x) => 10 * Sum(Pow(x, 2));
    [Differentiable] public static double SeedSumLog(ReadOnlyTensorSpan<double> x) => Sum(Log(x));
    [Differentiable] public static float SeedMse(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target) => Mean(Square(x - target));
    [Differentiable] public static float SeedDifferenceOfSquares(ReadOnlyTensorSpan<float> x) => Sum((x + 2) * (x - 2));
    [Differentiable] public static float SeedShiftedSquare(ReadOnlyTensorSpan<float> x) => Sum(Square(x - 3));

    // Transcendental mixes.
    [Differentiable] public static double ExpSinTimesCos(ReadOnlyTensorSpan<double> x) => Sum(Exp(Sin(x)) * Cos(x));
    [Differentiable] public static double SigmoidTimesTanh(ReadOnlyTensorSpan<double> x) => Sum(Sigmoid(x) * Tanh(x));
    [Differentiable] public static double LogSumExpMinusMean(ReadOnlyTensorSpan<double> x) => LogSumExp(x * 2) - Mean(x);
    [Differentiable] public static double LogOfSumExp(ReadOnlyTensorSpan<double> x) => Math.Log(Sum(Exp(x)));
    [Differentiable] public static double Softplus(ReadOnlyTensorSpan<double> x) => Sum(Log(1 + Exp(x)));
    [Differentiable] public static double NegatedExp(ReadOnlyTensorSpan<double> x) => Sum(-x * Exp(-x));
    [Differentiable] public static double GeluTanh(ReadOnlyTensorSpan<double> x)
        => Sum(0.5 * x * (1 + Tanh(0.7978845608028654 * (x + 0.044715 * x * x * x))));
    [Differentiable] public static double ScalarMathChain(ReadOnlyTensorSpan<double> x) => Math.Tanh(Mean(x)) * Sum(Cos(x)) + Math.Exp(-Mean(Square(x)));
    [Differentiable] public static double Norm(ReadOnlyTensorSpan<double> x) => Math.Sqrt(Sum(Square(x)));
    [Differentiable] public static float ExpSinTimesCosF(ReadOnlyTensorSpan<float> x) => Sum(Exp(Sin(x)) * Cos(x));
    [Differentiable] public static float SoftplusF(ReadOnlyTensorSpan<float> x) => Sum(Log(1 + Exp(x)));
    [Differentiable] public static float LogOfSumExpF(ReadOnlyTensorSpan<float> x) => MathF.Log(Sum(Exp(x)));

    // Elements up to 150 overflow float's Exp: LogSumExp must shift by the maximum.
    [Differentiable] public static float LogSumExpSharpF(ReadOnlyTensorSpan<float> x) => LogSumExp(x * 100);

    // Several tensors.
    [Differentiable] public static double SeveralTensors(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y, ReadOnlyTensorSpan<double> z)
        => Sum(x * y + Sin(z) * x) + Dot(y, z);
    [Differentiable] public static double QuotientRule(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => Sum(x / (1 + Square(y)));
    [Differentiable] public static double PseudoHuber(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<double> target)
        => Sum(Sqrt(1 + Square(x - target)) - 1);
    [Differentiable] public static double CosineSimilarity(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
        => Dot(x, y) / Math.Sqrt(Dot(x, x) * Dot(y, y));
    [Differentiable] public static double SoftmaxCrossEntropy(ReadOnlyTensorSpan<double> logits, [NoGrad] ReadOnlyTensorSpan<double> labels)
        => LogSumExp(logits) - Dot(logits, labels);
    [Differentiable] public static double WeightedAbs(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<double> target, [NoGrad] ReadOnlyTensorSpan<double> weights)
        => Sum(Abs(x - target) * weights);
    [Differentiable] public static double ShiftedRelu(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => Sum(Relu(x - 0.3) * y);
    [Differentiable] public static double TensorParameters(Tensor<double> x, Tensor<double> y) => Mean(Square(x * y - 1));
    [Differentiable] public static double DotSelf(ReadOnlyTensorSpan<double> x) => Dot(x, x) + Sum(x * x);

    // Scalar parameters and constants.
    [Differentiable] public static double ScalarBroadcast(ReadOnlyTensorSpan<double> x, double c) => Sum(Square(x - c)) * c;
    [Differentiable] public static double IntConstant(ReadOnlyTensorSpan<double> x, int k) => Sum(Pow(x, k)) / k;
    [Differentiable] public static double RidgeMse(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<double> target, double lambda)
        => Mse(x, target) + lambda * Sum(Square(x));
    [Differentiable] public static double ScalarRegression([NoGrad] ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<double> y, double slope, double intercept)
        => Mean(Square(slope * x + intercept - y));
    [Differentiable] public static float ScalarBroadcastF(ReadOnlyTensorSpan<float> x, float c) => Sum(Square(x - c)) * c;
    [Differentiable] public static double ScalarDivide(ReadOnlyTensorSpan<double> x, double c) => Sum(x) / c + c / Sum(Square(x));
    [Differentiable] public static double ScalarOperands(ReadOnlyTensorSpan<double> x) => Sum(1 / x) + Sum(2 - x) * Sum(x / 2);
    [Differentiable] public static double UnaryOperators(ReadOnlyTensorSpan<double> x) => -Sum(x) + +Mean(Square(x));
    [Differentiable] public static double ScalarMaxMin(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
        => Math.Max(Sum(x), Sum(Square(y))) + Math.Min(Sum(x), Mean(y));
    [Differentiable] public static double ScalarMathFunctions(ReadOnlyTensorSpan<double> x)
        => Math.Pow(Sum(Square(x)), 1.5) + Math.Sqrt(Math.Abs(Sum(x)) + 1) + Sigmoid(Sum(x)) + Math.Log(1 + Math.Exp(Mean(x)))
            + (Math.Sin(Sum(x)) * Math.Cos(Mean(x)));

    // Calls between [Differentiable] methods.
    [Differentiable] public static double SumOfSquares(ReadOnlyTensorSpan<double> x) => Sum(Square(x));
    [Differentiable] public static double CallsSumOfSquares(ReadOnlyTensorSpan<double> x) => SumOfSquares(x * 2) + Sum(Sin(x));
    [Differentiable] public static double CallsSumOfSquaresTwice(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
        => SumOfSquares(x) * SumOfSquares(x - y) + ExpSinTimesCos(y);
    [Differentiable] public static double ScaledSumOfSquares(ReadOnlyTensorSpan<double> x, double c) => Sum(Square(x * c));
    [Differentiable] public static double CallsScaledSumOfSquares(ReadOnlyTensorSpan<double> x, double c) => ScaledSumOfSquares(x, c * 2) + c;
    [Differentiable] public static double WeightedSum(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<double> weights) => Sum(x * weights);
    [Differentiable] public static double CallsAcrossClasses(ReadOnlyTensorSpan<double> x) => Ops.OpSquare(x) + Ops.OpSin(x);

    // Block bodies.
    [Differentiable]
    public static double LocalsUsedTwice(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<double> target)
    {
        var d = x - target;
        double s = Sum(Square(d));
        return s + Mean(d * Sin(d)) + Math.Sqrt(s);
    }

    [Differentiable]
    public static double Variance(ReadOnlyTensorSpan<double> x)
    {
        double m = Mean(x);
        return Mean(Square(x - m));
    }

    [Differentiable]
    public static double CompoundAssignments(ReadOnlyTensorSpan<double> x)
    {
        double s = Sum(x);
        s += Sum(Square(x));
        s *= 0.5;
        s -= Mean(Cos(x));
        return s;
    }

    [Differentiable]
    public static double ReassignedTensorLocal(ReadOnlyTensorSpan<double> x)
    {
        var y = x * 2;
        y = y + Sin(y);
        return Sum(y * x);
    }

    [Differentiable]
    public static double ScalarLocalsAndNestedBlock(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        s = s + Sum(x);
        s = s * s;
        {
            double t = Mean(Square(x));
            s /= 1 + t;
        }

        return s;
    }

    [Differentiable]
    public static double Piecewise(ReadOnlyTensorSpan<double> x)
    {
        double s = Sum(Square(x));
        return s > 1 ? Math.Sqrt(s) : 0.5 * (1 + s);
    }

    // The condition is a scalar; the branches are tensors.
    [Differentiable] public static double TensorBranches(ReadOnlyTensorSpan<double> x) => Sum(Sum(x) > 1 ? Square(x) : Exp(x));

    // Matrices: layers and products.
    [Differentiable]
    public static double LinearLayer([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b, [NoGrad] ReadOnlyTensorSpan<double> y)
        => Mean(Square(MatMul(x, Transpose(w)) + b - y));

    [Differentiable]
    public static float LinearLayerF([NoGrad] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b, [NoGrad] ReadOnlyTensorSpan<float> y)
        => Mean(Square(MatMul(x, Transpose(w)) + b - y));

    [Differentiable]
    public static double LinearFullBias([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b, [NoGrad] ReadOnlyTensorSpan<double> y)
        => Mean(Square(MatMul(x, w) + b - y));

    [Differentiable]
    public static double TwoLayerTanh(
        [NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w1, ReadOnlyTensorSpan<double> b1,
        ReadOnlyTensorSpan<double> w2, ReadOnlyTensorSpan<double> b2, [NoGrad] ReadOnlyTensorSpan<double> y)
    {
        var hidden = Tanh(MatMul(x, Transpose(w1)) + b1);
        return Mean(Square(MatMul(hidden, Transpose(w2)) + b2 - y));
    }

    [Differentiable]
    public static double TwoLayerRelu(
        [NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w1, ReadOnlyTensorSpan<double> b1,
        ReadOnlyTensorSpan<double> w2, ReadOnlyTensorSpan<double> b2, [NoGrad] ReadOnlyTensorSpan<double> y)
    {
        var hidden = Relu(MatMul(x, Transpose(w1)) + b1);
        return Mean(Square(MatMul(hidden, Transpose(w2)) + b2 - y));
    }

    [Differentiable]
    public static float TwoLayerTanhF(
        [NoGrad] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w1, ReadOnlyTensorSpan<float> b1,
        ReadOnlyTensorSpan<float> w2, ReadOnlyTensorSpan<float> b2, [NoGrad] ReadOnlyTensorSpan<float> y)
    {
        var hidden = Tanh(MatMul(x, Transpose(w1)) + b1);
        return Mean(Square(MatMul(hidden, Transpose(w2)) + b2 - y));
    }

    [Differentiable]
    public static double LogisticRegression([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b, [NoGrad] ReadOnlyTensorSpan<double> y)
    {
        var z = MatMul(x, w) + b;
        return Mean(Log(1 + Exp(z)) - y * z);
    }

    [Differentiable]
    public static double MatMulChain(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, ReadOnlyTensorSpan<double> c)
        => Sum(Square(MatMul(MatMul(a, b), c)));

    [Differentiable]
    public static double Gram(ReadOnlyTensorSpan<double> a) => Sum(Square(MatMul(Transpose(a), a)));

    [Differentiable]
    public static double SelfProduct(ReadOnlyTensorSpan<double> a) => Sum(Sin(MatMul(a, a)));

    [Differentiable]
    public static double TransposeOfProduct(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, [NoGrad] ReadOnlyTensorSpan<double> weights)
        => Sum(Transpose(MatMul(a, b)) * weights);

    [Differentiable]
    public static double ProductOfTransposes(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b) => Sum(Square(MatMul(Transpose(a), Transpose(b))));

    [Differentiable]
    public static double MeanOfProduct(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b) => Mean(MatMul(a, b) * 2);

    [Differentiable]
    public static double ReluOfProduct(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b) => Sum(Relu(MatMul(a, b) - 0.1));

    [Differentiable]
    public static double MseOfProduct(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, [NoGrad] ReadOnlyTensorSpan<double> y) => Mse(MatMul(a, b), y);

    [Differentiable]
    public static double LogSumExpOfProduct(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b) => LogSumExp(MatMul(a, b));

    [Differentiable]
    public static double DotOfProduct(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b, [NoGrad] ReadOnlyTensorSpan<double> y) => Dot(MatMul(a, b), y);

    [Differentiable]
    public static double ScaledProduct([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, double c) => Mean(Square(MatMul(x, w) * c));

    [Differentiable]
    public static double BiasOnTheLeft([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b)
        => Mean(Square(b + MatMul(x, w)));

    [Differentiable]
    public static double BiasInSubtraction(
        [NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b, [NoGrad] ReadOnlyTensorSpan<double> y)
        => Mean(Square(y - (MatMul(x, w) + b)));

    [Differentiable]
    public static double BiasMinusProduct([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b)
        => Sum(Square(b - MatMul(x, w)));

    [Differentiable]
    public static double BiasAsDivisor([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b)
        => Sum(MatMul(x, w) / b);

    [Differentiable]
    public static double BiasAsFactor([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b)
        => Sum(Square(MatMul(x, w) * b));

    [Differentiable]
    public static double TransposedInputBias([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> b) => Sum(Square(Transpose(x) + b));

    [Differentiable]
    public static double ElementwiseMatrix(ReadOnlyTensorSpan<double> a) => Sum(Exp(a) * Cos(a)) + Mean(Square(a));

    [Differentiable]
    public static double ScalarTimesMatrix(ReadOnlyTensorSpan<double> a, double c) => Sum(a * c) * Mean(Transpose(a));
}
