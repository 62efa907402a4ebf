using System.Collections.Generic;
using static SymGrad.Tests.Gradients.CaseParameter;

namespace SymGrad.Tests.Gradients;

public static partial class GradientCatalog
{
    private static IEnumerable<GradientCase> ComposedCases() =>
    [
        // The seed notebooks.
        Single(
            "SeedTenSumPow2", Vectors, [Tensor("x", Wide)],
            a => Composed.SeedTenSumPow2(a[0]), a => Composed.SeedTenSumPow2Value(a[0]), (a, g) => Composed.SeedTenSumPow2ValueAndGradient(a[0], g[0])),
        Double(
            "SeedSumLog", Vectors, [Tensor("x", Positive)],
            a => Composed.SeedSumLog(a[0]), a => Composed.SeedSumLogValue(a[0]), (a, g) => Composed.SeedSumLogValueAndGradient(a[0], g[0])),
        Single(
            "SeedMse", Vectors, [Tensor("x", Wide), NoGrad("target", Wide)],
            a => Composed.SeedMse(a[0], a[1]), a => Composed.SeedMseValue(a[0], a[1]), (a, g) => Composed.SeedMseValueAndGradient(a[0], a[1], g[0])),
        Single(
            "SeedDifferenceOfSquares", Vectors, [Tensor("x", Wide)],
            a => Composed.SeedDifferenceOfSquares(a[0]), a => Composed.SeedDifferenceOfSquaresValue(a[0]),
            (a, g) => Composed.SeedDifferenceOfSquaresValueAndGradient(a[0], g[0])),
        Single(
            "SeedShiftedSquare", Vectors, [Tensor("x", Wide)],
            a => Composed.SeedShiftedSquare(a[0]), a => Composed.SeedShiftedSquareValue(a[0]), (a, g) => Composed.SeedShiftedSquareValueAndGradient(a[0], g[0])),

        // Transcendental mixes.
        Double(
            "ExpSinTimesCos", Vectors, [Tensor("x", Wide)],
            a => Composed.ExpSinTimesCos(a[0]), a => Composed.ExpSinTimesCosValue(a[0]), (a, g) => Composed.ExpSinTimesCosValueAndGradient(a[0], g[0])),
        Double(
            "SigmoidTimesTanh", Vectors, [Tensor("x", Wide)],
            a => Composed.SigmoidTimesTanh(a[0]), a => Composed.SigmoidTimesTanhValue(a[0]), (a, g) => Composed.SigmoidTimesTanhValueAndGradient(a[0], g[0])),
        Double(
            "LogSumExpMinusMean", Vectors, [Tensor("x", Wide)],
            a => Composed.LogSumExpMinusMean(a[0]), a => Composed.LogSumExpMinusMeanValue(a[0]), (a, g) => Composed.LogSumExpMinusMeanValueAndGradient(a[0], g[0])),
        Double(
            "LogOfSumExp", Vectors, [Tensor("x", Wide)],
            a => Composed.LogOfSumExp(a[0]), a => Composed.LogOfSumExpValue(a[0]), (a, g) => Composed.LogOfSumExpValueAndGradient(a[0], g[0])),
        Double(
            "Softplus", Vectors, [Tensor("x", Wide)],
            a => Composed.Softplus(a[0]), a => Composed.SoftplusValue(a[0]), (a, g) => Composed.SoftplusValueAndGradient(a[0], g[0])),
        Double(
            "NegatedExp", Vectors, [Tensor("x", Wide)],
            a => Composed.NegatedExp(a[0]), a => Composed.NegatedExpValue(a[0]), (a, g) => Composed.NegatedExpValueAndGradient(a[0], g[0])),
        Double(
            "GeluTanh", Vectors, [Tensor("x", Wide)],
            a => Composed.GeluTanh(a[0]), a => Composed.GeluTanhValue(a[0]), (a, g) => Composed.GeluTanhValueAndGradient(a[0], g[0])),
        Double(
            "ScalarMathChain", Vectors, [Tensor("x", Wide)],
            a => Composed.ScalarMathChain(a[0]), a => Composed.ScalarMathChainValue(a[0]), (a, g) => Composed.ScalarMathChainValueAndGradient(a[0], g[0])),
        Double(
            "Norm", Vectors, [Tensor("x", Wide)],
            a => Composed.Norm(a[0]), a => Composed.NormValue(a[0]), (a, g) => Composed.NormValueAndGradient(a[0], g[0])),
        Single(
            "ExpSinTimesCosF", Vectors, [Tensor("x", Wide)],
            a => Composed.ExpSinTimesCosF(a[0]), a => Composed.ExpSinTimesCosFValue(a[0]), (a, g) => Composed.ExpSinTimesCosFValueAndGradient(a[0], g[0])),
        Single(
            "SoftplusF", Vectors, [Tensor("x", Wide)],
            a => Composed.SoftplusF(a[0]), a => Composed.SoftplusFValue(a[0]), (a, g) => Composed.SoftplusFValueAndGradient(a[0], g[0])),
        Single(
            "LogOfSumExpF", Vectors, [Tensor("x", Wide)],
            a => Composed.LogOfSumExpF(a[0]), a => Composed.LogOfSumExpFValue(a[0]), (a, g) => Composed.LogOfSumExpFValueAndGradient(a[0], g[0])),

        // Curved on the scale of 0.01, so finite differences need a smaller step than the float default.
        Single(
            "LogSumExpSharpF", Vectors, [Tensor("x", Wide)],
            a => Composed.LogSumExpSharpF(a[0]), a => Composed.LogSumExpSharpFValue(a[0]), (a, g) => Composed.LogSumExpSharpFValueAndGradient(a[0], g[0]),
            step: 1e-3),

        // Several tensors.
        Double(
            "SeveralTensors", Vectors, [Tensor("x", Wide), Tensor("y", Wide), Tensor("z", Wide)],
            a => Composed.SeveralTensors(a[0], a[1], a[2]), a => Composed.SeveralTensorsValue(a[0], a[1], a[2]),
            (a, g) => Composed.SeveralTensorsValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
        Double(
            "QuotientRule", Vectors, [Tensor("x", Wide), Tensor("y", Wide)],
            a => Composed.QuotientRule(a[0], a[1]), a => Composed.QuotientRuleValue(a[0], a[1]), (a, g) => Composed.QuotientRuleValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "PseudoHuber", Vectors, [Tensor("x", Wide), NoGrad("target", Wide)],
            a => Composed.PseudoHuber(a[0], a[1]), a => Composed.PseudoHuberValue(a[0], a[1]), (a, g) => Composed.PseudoHuberValueAndGradient(a[0], a[1], g[0])),
        Double(
            "CosineSimilarity", Vectors, [Tensor("x", Wide), Tensor("y", Wide)],
            a => Composed.CosineSimilarity(a[0], a[1]), a => Composed.CosineSimilarityValue(a[0], a[1]),
            (a, g) => Composed.CosineSimilarityValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "SoftmaxCrossEntropy", Vectors, [Tensor("logits", Wide), NoGrad("labels", Positive)],
            a => Composed.SoftmaxCrossEntropy(a[0], a[1]), a => Composed.SoftmaxCrossEntropyValue(a[0], a[1]),
            (a, g) => Composed.SoftmaxCrossEntropyValueAndGradient(a[0], a[1], g[0])),
        Double(
            "WeightedAbs", Vectors, [Tensor("x", Domain.AwayFrom(0)), NoGrad("target", Domain.Tiny), NoGrad("weights", Positive)],
            a => Composed.WeightedAbs(a[0], a[1], a[2]), a => Composed.WeightedAbsValue(a[0], a[1], a[2]),
            (a, g) => Composed.WeightedAbsValueAndGradient(a[0], a[1], a[2], g[0])),
        Double(
            "ShiftedRelu", Vectors, [Tensor("x", Domain.AwayFrom(0.3)), Tensor("y", Wide)],
            a => Composed.ShiftedRelu(a[0], a[1]), a => Composed.ShiftedReluValue(a[0], a[1]), (a, g) => Composed.ShiftedReluValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "TensorParameters", Vectors, [Tensor("x", Wide), Tensor("y", Wide)],
            a => Composed.TensorParameters(a[0], a[1]), a => Composed.TensorParametersValue(a[0], a[1]),
            (a, g) => Composed.TensorParametersValueAndGradient(a[0], a[1], g[0], g[1])),
        Double("DotSelf", Vectors, [Tensor("x", Wide)], a => Composed.DotSelf(a[0]), a => Composed.DotSelfValue(a[0]), (a, g) => Composed.DotSelfValueAndGradient(a[0], g[0])),

        // Scalar parameters and constants.
        Double(
            "ScalarBroadcast", Vectors, [Tensor("x", Wide), Scalar("c", 0.8)],
            a => Composed.ScalarBroadcast(a[0], a.Scalar(1)), a => Composed.ScalarBroadcastValue(a[0], a.Scalar(1)),
            (a, g) => Composed.ScalarBroadcastValueAndGradient(a[0], a.Scalar(1), g[0], out g.Scalar(1))),
        Double(
            "IntConstant", Vectors, [Tensor("x", Wide), Integer("k", 3)],
            a => Composed.IntConstant(a[0], a.Integer(1)), a => Composed.IntConstantValue(a[0], a.Integer(1)),
            (a, g) => Composed.IntConstantValueAndGradient(a[0], a.Integer(1), g[0])),
        Double(
            "RidgeMse", Vectors, [Tensor("x", Wide), NoGrad("target", Wide), Scalar("lambda", 0.1)],
            a => Composed.RidgeMse(a[0], a[1], a.Scalar(2)), a => Composed.RidgeMseValue(a[0], a[1], a.Scalar(2)),
            (a, g) => Composed.RidgeMseValueAndGradient(a[0], a[1], a.Scalar(2), g[0], out g.Scalar(2))),
        Double(
            "ScalarRegression", Vectors, [NoGrad("x", Wide), NoGrad("y", Wide), Scalar("slope", 0.7), Scalar("intercept", -0.2)],
            a => Composed.ScalarRegression(a[0], a[1], a.Scalar(2), a.Scalar(3)), a => Composed.ScalarRegressionValue(a[0], a[1], a.Scalar(2), a.Scalar(3)),
            (a, g) => Composed.ScalarRegressionValueAndGradient(a[0], a[1], a.Scalar(2), a.Scalar(3), out g.Scalar(2), out g.Scalar(3))),
        Single(
            "ScalarBroadcastF", Vectors, [Tensor("x", Wide), Scalar("c", 0.8)],
            a => Composed.ScalarBroadcastF(a[0], a.Scalar(1)), a => Composed.ScalarBroadcastFValue(a[0], a.Scalar(1)),
            (a, g) => Composed.ScalarBroadcastFValueAndGradient(a[0], a.Scalar(1), g[0], out g.Scalar(1))),
        Double(
            "ScalarDivide", Vectors, [Tensor("x", Positive), Scalar("c", 1.3)],
            a => Composed.ScalarDivide(a[0], a.Scalar(1)), a => Composed.ScalarDivideValue(a[0], a.Scalar(1)),
            (a, g) => Composed.ScalarDivideValueAndGradient(a[0], a.Scalar(1), g[0], out g.Scalar(1))),
        Double(
            "ScalarOperands", Vectors, [Tensor("x", Positive)],
            a => Composed.ScalarOperands(a[0]), a => Composed.ScalarOperandsValue(a[0]), (a, g) => Composed.ScalarOperandsValueAndGradient(a[0], g[0])),
        Double(
            "UnaryOperators", Vectors, [Tensor("x", Wide)],
            a => Composed.UnaryOperators(a[0]), a => Composed.UnaryOperatorsValue(a[0]), (a, g) => Composed.UnaryOperatorsValueAndGradient(a[0], g[0])),
        Double(
            "ScalarMaxMin", Vectors, [Tensor("x", Wide), Tensor("y", Small)],
            a => Composed.ScalarMaxMin(a[0], a[1]), a => Composed.ScalarMaxMinValue(a[0], a[1]), (a, g) => Composed.ScalarMaxMinValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "ScalarMathFunctions", Vectors, [Tensor("x", Small)],
            a => Composed.ScalarMathFunctions(a[0]), a => Composed.ScalarMathFunctionsValue(a[0]), (a, g) => Composed.ScalarMathFunctionsValueAndGradient(a[0], g[0])),

        // Calls between [Differentiable] methods.
        Double(
            "SumOfSquares", Vectors, [Tensor("x", Wide)],
            a => Composed.SumOfSquares(a[0]), a => Composed.SumOfSquaresValue(a[0]), (a, g) => Composed.SumOfSquaresValueAndGradient(a[0], g[0])),
        Double(
            "CallsSumOfSquares", Vectors, [Tensor("x", Wide)],
            a => Composed.CallsSumOfSquares(a[0]), a => Composed.CallsSumOfSquaresValue(a[0]), (a, g) => Composed.CallsSumOfSquaresValueAndGradient(a[0], g[0])),
        Double(
            "CallsSumOfSquaresTwice", Vectors, [Tensor("x", Small), Tensor("y", Wide)],
            a => Composed.CallsSumOfSquaresTwice(a[0], a[1]), a => Composed.CallsSumOfSquaresTwiceValue(a[0], a[1]),
            (a, g) => Composed.CallsSumOfSquaresTwiceValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "ScaledSumOfSquares", Vectors, [Tensor("x", Wide), Scalar("c", 0.6)],
            a => Composed.ScaledSumOfSquares(a[0], a.Scalar(1)), a => Composed.ScaledSumOfSquaresValue(a[0], a.Scalar(1)),
            (a, g) => Composed.ScaledSumOfSquaresValueAndGradient(a[0], a.Scalar(1), g[0], out g.Scalar(1))),
        Double(
            "CallsScaledSumOfSquares", Vectors, [Tensor("x", Wide), Scalar("c", 0.6)],
            a => Composed.CallsScaledSumOfSquares(a[0], a.Scalar(1)), a => Composed.CallsScaledSumOfSquaresValue(a[0], a.Scalar(1)),
            (a, g) => Composed.CallsScaledSumOfSquaresValueAndGradient(a[0], a.Scalar(1), g[0], out g.Scalar(1))),
        Double(
            "WeightedSum", Vectors, [Tensor("x", Wide), NoGrad("weights", Positive)],
            a => Composed.WeightedSum(a[0], a[1]), a => Composed.WeightedSumValue(a[0], a[1]), (a, g) => Composed.WeightedSumValueAndGradient(a[0], a[1], g[0])),
        Double(
            "CallsAcrossClasses", Vectors, [Tensor("x", Wide)],
            a => Composed.CallsAcrossClasses(a[0]), a => Composed.CallsAcrossClassesValue(a[0]), (a, g) => Composed.CallsAcrossClassesValueAndGradient(a[0], g[0])),

        // Block bodies.
        Double(
            "LocalsUsedTwice", Vectors, [Tensor("x", Wide), NoGrad("target", Small)],
            a => Composed.LocalsUsedTwice(a[0], a[1]), a => Composed.LocalsUsedTwiceValue(a[0], a[1]),
            (a, g) => Composed.LocalsUsedTwiceValueAndGradient(a[0], a[1], g[0])),
        Double(
            "Variance", Vectors, [Tensor("x", Wide)],
            a => Composed.Variance(a[0]), a => Composed.VarianceValue(a[0]), (a, g) => Composed.VarianceValueAndGradient(a[0], g[0])),
        Double(
            "CompoundAssignments", Vectors, [Tensor("x", Wide)],
            a => Composed.CompoundAssignments(a[0]), a => Composed.CompoundAssignmentsValue(a[0]), (a, g) => Composed.CompoundAssignmentsValueAndGradient(a[0], g[0])),
        Double(
            "ReassignedTensorLocal", Vectors, [Tensor("x", Wide)],
            a => Composed.ReassignedTensorLocal(a[0]), a => Composed.ReassignedTensorLocalValue(a[0]), (a, g) => Composed.ReassignedTensorLocalValueAndGradient(a[0], g[0])),
        Double(
            "ScalarLocalsAndNestedBlock", Vectors, [Tensor("x", Wide)],
            a => Composed.ScalarLocalsAndNestedBlock(a[0]), a => Composed.ScalarLocalsAndNestedBlockValue(a[0]),
            (a, g) => Composed.ScalarLocalsAndNestedBlockValueAndGradient(a[0], g[0])),

        // At one element Sum(Square(x)) is below 1 (the quadratic branch); at 15 and more it is above (the square root).
        Double(
            "Piecewise", Vectors, [Tensor("x", Small)],
            a => Composed.Piecewise(a[0]), a => Composed.PiecewiseValue(a[0]), (a, g) => Composed.PiecewiseValueAndGradient(a[0], g[0])),

        // Sum(x) is 0.44 at one element, 3.3 at 15 and 0.53 at 17: both branches run.
        Double(
            "TensorBranches", Vectors, [Tensor("x", Wide)],
            a => Composed.TensorBranches(a[0]), a => Composed.TensorBranchesValue(a[0]), (a, g) => Composed.TensorBranchesValueAndGradient(a[0], g[0])),

        // Matrices: layers and products.
        Double(
            "LinearLayer", Layers, [NoGrad("x", Wide, 0, 1), Tensor("w", Small, 2, 1), Tensor("b", Small, 2), NoGrad("y", Wide, 0, 2)],
            a => Composed.LinearLayer(a[0], a[1], a[2], a[3]), a => Composed.LinearLayerValue(a[0], a[1], a[2], a[3]),
            (a, g) => Composed.LinearLayerValueAndGradient(a[0], a[1], a[2], a[3], g[1], g[2])),
        Single(
            "LinearLayerF", Layers, [NoGrad("x", Wide, 0, 1), Tensor("w", Small, 2, 1), Tensor("b", Small, 2), NoGrad("y", Wide, 0, 2)],
            a => Composed.LinearLayerF(a[0], a[1], a[2], a[3]), a => Composed.LinearLayerFValue(a[0], a[1], a[2], a[3]),
            (a, g) => Composed.LinearLayerFValueAndGradient(a[0], a[1], a[2], a[3], g[1], g[2])),
        Double(
            "LinearFullBias", Layers, [NoGrad("x", Wide, 0, 1), Tensor("w", Small, 1, 2), Tensor("b", Small, 0, 2), NoGrad("y", Wide, 0, 2)],
            a => Composed.LinearFullBias(a[0], a[1], a[2], a[3]), a => Composed.LinearFullBiasValue(a[0], a[1], a[2], a[3]),
            (a, g) => Composed.LinearFullBiasValueAndGradient(a[0], a[1], a[2], a[3], g[1], g[2])),
        Double(
            "TwoLayerTanh", Networks,
            [NoGrad("x", Wide, 0, 1), Tensor("w1", Small, 2, 1), Tensor("b1", Small, 2), Tensor("w2", Small, 3, 2), Tensor("b2", Small, 3), NoGrad("y", Wide, 0, 3)],
            a => Composed.TwoLayerTanh(a[0], a[1], a[2], a[3], a[4], a[5]), a => Composed.TwoLayerTanhValue(a[0], a[1], a[2], a[3], a[4], a[5]),
            (a, g) => Composed.TwoLayerTanhValueAndGradient(a[0], a[1], a[2], a[3], a[4], a[5], g[1], g[2], g[3], g[4])),
        Double(
            "TwoLayerRelu", Networks,
            [NoGrad("x", Wide, 0, 1), Tensor("w1", Small, 2, 1), Tensor("b1", Small, 2), Tensor("w2", Small, 3, 2), Tensor("b2", Small, 3), NoGrad("y", Wide, 0, 3)],
            a => Composed.TwoLayerRelu(a[0], a[1], a[2], a[3], a[4], a[5]), a => Composed.TwoLayerReluValue(a[0], a[1], a[2], a[3], a[4], a[5]),
            (a, g) => Composed.TwoLayerReluValueAndGradient(a[0], a[1], a[2], a[3], a[4], a[5], g[1], g[2], g[3], g[4])),
        Single(
            "TwoLayerTanhF", Networks,
            [NoGrad("x", Wide, 0, 1), Tensor("w1", Small, 2, 1), Tensor("b1", Small, 2), Tensor("w2", Small, 3, 2), Tensor("b2", Small, 3), NoGrad("y", Wide, 0, 3)],
            a => Composed.TwoLayerTanhF(a[0], a[1], a[2], a[3], a[4], a[5]), a => Composed.TwoLayerTanhFValue(a[0], a[1], a[2], a[3], a[4], a[5]),
            (a, g) => Composed.TwoLayerTanhFValueAndGradient(a[0], a[1], a[2], a[3], a[4], a[5], g[1], g[2], g[3], g[4])),
        Double(
            "LogisticRegression", Classifiers, [NoGrad("x", Wide, 0, 1), Tensor("w", Small, 1, 2), Tensor("b", Small, 2), NoGrad("y", Domain.Binary, 0, 2)],
            a => Composed.LogisticRegression(a[0], a[1], a[2], a[3]), a => Composed.LogisticRegressionValue(a[0], a[1], a[2], a[3]),
            (a, g) => Composed.LogisticRegressionValueAndGradient(a[0], a[1], a[2], a[3], g[1], g[2])),
        Double(
            "MatMulChain", Chains, [Tensor("a", Small, 0, 1), Tensor("b", Small, 1, 2), Tensor("c", Small, 2, 3)],
            a => Composed.MatMulChain(a[0], a[1], a[2]), a => Composed.MatMulChainValue(a[0], a[1], a[2]),
            (a, g) => Composed.MatMulChainValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
        Double(
            "Gram", Matrices, [Tensor("a", Wide, 0, 1)],
            a => Composed.Gram(a[0]), a => Composed.GramValue(a[0]), (a, g) => Composed.GramValueAndGradient(a[0], g[0])),
        Double(
            "SelfProduct", Squares, [Tensor("a", Small, 0, 0)],
            a => Composed.SelfProduct(a[0]), a => Composed.SelfProductValue(a[0]), (a, g) => Composed.SelfProductValueAndGradient(a[0], g[0])),
        Double(
            "TransposeOfProduct", Products, [Tensor("a", Wide, 0, 1), Tensor("b", Wide, 1, 2), NoGrad("weights", Wide, 2, 0)],
            a => Composed.TransposeOfProduct(a[0], a[1], a[2]), a => Composed.TransposeOfProductValue(a[0], a[1], a[2]),
            (a, g) => Composed.TransposeOfProductValueAndGradient(a[0], a[1], a[2], g[0], g[1])),
        Double(
            "ProductOfTransposes", Products, [Tensor("a", Wide, 1, 0), Tensor("b", Wide, 2, 1)],
            a => Composed.ProductOfTransposes(a[0], a[1]), a => Composed.ProductOfTransposesValue(a[0], a[1]),
            (a, g) => Composed.ProductOfTransposesValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "MeanOfProduct", Products, [Tensor("a", Wide, 0, 1), Tensor("b", Wide, 1, 2)],
            a => Composed.MeanOfProduct(a[0], a[1]), a => Composed.MeanOfProductValue(a[0], a[1]), (a, g) => Composed.MeanOfProductValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "ReluOfProduct", Products, [Tensor("a", Wide, 0, 1), Tensor("b", Wide, 1, 2)],
            a => Composed.ReluOfProduct(a[0], a[1]), a => Composed.ReluOfProductValue(a[0], a[1]), (a, g) => Composed.ReluOfProductValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "MseOfProduct", Products, [Tensor("a", Wide, 0, 1), Tensor("b", Wide, 1, 2), NoGrad("y", Wide, 0, 2)],
            a => Composed.MseOfProduct(a[0], a[1], a[2]), a => Composed.MseOfProductValue(a[0], a[1], a[2]),
            (a, g) => Composed.MseOfProductValueAndGradient(a[0], a[1], a[2], g[0], g[1])),
        Double(
            "LogSumExpOfProduct", Products, [Tensor("a", Wide, 0, 1), Tensor("b", Wide, 1, 2)],
            a => Composed.LogSumExpOfProduct(a[0], a[1]), a => Composed.LogSumExpOfProductValue(a[0], a[1]),
            (a, g) => Composed.LogSumExpOfProductValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "DotOfProduct", Products, [Tensor("a", Wide, 0, 1), Tensor("b", Wide, 1, 2), NoGrad("y", Wide, 0, 2)],
            a => Composed.DotOfProduct(a[0], a[1], a[2]), a => Composed.DotOfProductValue(a[0], a[1], a[2]),
            (a, g) => Composed.DotOfProductValueAndGradient(a[0], a[1], a[2], g[0], g[1])),
        Double(
            "ScaledProduct", Products, [NoGrad("x", Wide, 0, 1), Tensor("w", Small, 1, 2), Scalar("c", 1.4)],
            a => Composed.ScaledProduct(a[0], a[1], a.Scalar(2)), a => Composed.ScaledProductValue(a[0], a[1], a.Scalar(2)),
            (a, g) => Composed.ScaledProductValueAndGradient(a[0], a[1], a.Scalar(2), g[1], out g.Scalar(2))),
        Double(
            "BiasOnTheLeft", Products, [NoGrad("x", Wide, 0, 1), Tensor("w", Small, 1, 2), Tensor("b", Small, 2)],
            a => Composed.BiasOnTheLeft(a[0], a[1], a[2]), a => Composed.BiasOnTheLeftValue(a[0], a[1], a[2]),
            (a, g) => Composed.BiasOnTheLeftValueAndGradient(a[0], a[1], a[2], g[1], g[2])),
        Double(
            "BiasInSubtraction", Products, [NoGrad("x", Wide, 0, 1), Tensor("w", Small, 1, 2), Tensor("b", Small, 2), NoGrad("y", Wide, 0, 2)],
            a => Composed.BiasInSubtraction(a[0], a[1], a[2], a[3]), a => Composed.BiasInSubtractionValue(a[0], a[1], a[2], a[3]),
            (a, g) => Composed.BiasInSubtractionValueAndGradient(a[0], a[1], a[2], a[3], g[1], g[2])),
        Double(
            "BiasMinusProduct", Products, [NoGrad("x", Wide, 0, 1), Tensor("w", Small, 1, 2), Tensor("b", Small, 2)],
            a => Composed.BiasMinusProduct(a[0], a[1], a[2]), a => Composed.BiasMinusProductValue(a[0], a[1], a[2]),
            (a, g) => Composed.BiasMinusProductValueAndGradient(a[0], a[1], a[2], g[1], g[2])),
        Double(
            "BiasAsDivisor", Products, [NoGrad("x", Wide, 0, 1), Tensor("w", Small, 1, 2), Tensor("b", Positive, 2)],
            a => Composed.BiasAsDivisor(a[0], a[1], a[2]), a => Composed.BiasAsDivisorValue(a[0], a[1], a[2]),
            (a, g) => Composed.BiasAsDivisorValueAndGradient(a[0], a[1], a[2], g[1], g[2])),
        Double(
            "BiasAsFactor", Products, [NoGrad("x", Wide, 0, 1), Tensor("w", Small, 1, 2), Tensor("b", Wide, 2)],
            a => Composed.BiasAsFactor(a[0], a[1], a[2]), a => Composed.BiasAsFactorValue(a[0], a[1], a[2]),
            (a, g) => Composed.BiasAsFactorValueAndGradient(a[0], a[1], a[2], g[1], g[2])),
        Double(
            "TransposedInputBias", Matrices, [NoGrad("x", Wide, 0, 1), Tensor("b", Wide, 0)],
            a => Composed.TransposedInputBias(a[0], a[1]), a => Composed.TransposedInputBiasValue(a[0], a[1]),
            (a, g) => Composed.TransposedInputBiasValueAndGradient(a[0], a[1], g[1])),
        Double(
            "ElementwiseMatrix", Matrices, [Tensor("a", Wide, 0, 1)],
            a => Composed.ElementwiseMatrix(a[0]), a => Composed.ElementwiseMatrixValue(a[0]), (a, g) => Composed.ElementwiseMatrixValueAndGradient(a[0], g[0])),
        Double(
            "ScalarTimesMatrix", Matrices, [Tensor("a", Wide, 0, 1), Scalar("c", 0.9)],
            a => Composed.ScalarTimesMatrix(a[0], a.Scalar(1)), a => Composed.ScalarTimesMatrixValue(a[0], a.Scalar(1)),
            (a, g) => Composed.ScalarTimesMatrixValueAndGradient(a[0], a.Scalar(1), g[0], out g.Scalar(1))),
        Double(
            "ArgumentOfNoGradParameter", Vectors, [Tensor("x", Wide), Tensor("y", Wide)],
            a => Composed.ArgumentOfNoGradParameter(a[0], a[1]), a => Composed.ArgumentOfNoGradParameterValue(a[0], a[1]),
            (a, g) => Composed.ArgumentOfNoGradParameterValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "TensorCalls", Vectors, [Tensor("x", Wide), Tensor("y", Wide)],
            a => Composed.TensorCalls(a[0], a[1]), a => Composed.TensorCallsValue(a[0], a[1]),
            (a, g) => Composed.TensorCallsValueAndGradient(a[0], a[1], g[0], g[1])),
    ];

    private static IEnumerable<GradientCase> LimitCases() =>
    [
        Double(
            "BroadcastBesideOwnSize", Matrices, [NoGrad("x", Wide, 0, 1), Tensor("b", Wide, 1)],
            a => GeneratorLimits.BroadcastBesideOwnSize(a[0], a[1]), a => GeneratorLimits.BroadcastBesideOwnSizeValue(a[0], a[1]),
            (a, g) => GeneratorLimits.BroadcastBesideOwnSizeValueAndGradient(a[0], a[1], g[1])),
    ];
}
