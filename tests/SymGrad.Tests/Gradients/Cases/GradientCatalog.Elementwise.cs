using System.Collections.Generic;
using static SymGrad.Tests.Gradients.CaseParameter;

namespace SymGrad.Tests.Gradients;

public static partial class GradientCatalog
{
    /// <summary>The element-wise vocabulary of the contract's part 2 (Functions.Elementwise.cs), and the programs written with it.</summary>
    private static IEnumerable<GradientCase> ElementwiseCases() =>
    [
        Double(
            "OpExpm1", Vectors, [Tensor("x", Wide)],
            a => Ops.OpExpm1(a[0]), a => Ops.OpExpm1Value(a[0]),
            (a, g) => Ops.OpExpm1ValueAndGradient(a[0], g[0])),
        Double(
            "OpSoftplus", Vectors, [Tensor("x", Wide)],
            a => Ops.OpSoftplus(a[0]), a => Ops.OpSoftplusValue(a[0]),
            (a, g) => Ops.OpSoftplusValueAndGradient(a[0], g[0])),
        Double(
            "OpLogSigmoid", Vectors, [Tensor("x", Wide)],
            a => Ops.OpLogSigmoid(a[0]), a => Ops.OpLogSigmoidValue(a[0]),
            (a, g) => Ops.OpLogSigmoidValueAndGradient(a[0], g[0])),
        Double(
            "OpMaximum", Vectors, [Tensor("x", Domain.AwayFrom(0)), Tensor("y", Domain.Tiny)],
            a => Ops.OpMaximum(a[0], a[1]), a => Ops.OpMaximumValue(a[0], a[1]),
            (a, g) => Ops.OpMaximumValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "OpMinimum", Vectors, [Tensor("x", Domain.AwayFrom(0)), Tensor("y", Domain.Tiny)],
            a => Ops.OpMinimum(a[0], a[1]), a => Ops.OpMinimumValue(a[0], a[1]),
            (a, g) => Ops.OpMinimumValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "OpMaximumScalar", Vectors, [Tensor("x", Domain.AwayFrom(0)), Scalar("s", 0.05)],
            a => Ops.OpMaximumScalar(a[0], a.Scalar(1)), a => Ops.OpMaximumScalarValue(a[0], a.Scalar(1)),
            (a, g) => Ops.OpMaximumScalarValueAndGradient(a[0], a.Scalar(1), g[0], out g.Scalar(1))),
        Double(
            "OpClamp", Vectors, [Tensor("x", Domain.AwayFrom(0)), Scalar("lo", -0.5), Scalar("hi", 0.5)],
            a => Ops.OpClamp(a[0], a.Scalar(1), a.Scalar(2)), a => Ops.OpClampValue(a[0], a.Scalar(1), a.Scalar(2)),
            (a, g) => Ops.OpClampValueAndGradient(a[0], a.Scalar(1), a.Scalar(2), g[0], out g.Scalar(1), out g.Scalar(2))),
        Double(
            "OpFusedMultiplyAdd", Vectors, [Tensor("x", Wide), Scalar("a", 0.7), Scalar("b", -0.3)],
            a => Ops.OpFusedMultiplyAdd(a[0], a.Scalar(1), a.Scalar(2)), a => Ops.OpFusedMultiplyAddValue(a[0], a.Scalar(1), a.Scalar(2)),
            (a, g) => Ops.OpFusedMultiplyAddValueAndGradient(a[0], a.Scalar(1), a.Scalar(2), g[0], out g.Scalar(1), out g.Scalar(2))),
        Double(
            "OpWhere", Vectors, [Tensor("x", Domain.AwayFrom(0)), Tensor("y", Wide)],
            a => Ops.OpWhere(a[0], a[1]), a => Ops.OpWhereValue(a[0], a[1]),
            (a, g) => Ops.OpWhereValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "OpComparisons", Vectors, [Tensor("x", Domain.AwayFrom(0)), Tensor("y", Wide)],
            a => Ops.OpComparisons(a[0], a[1]), a => Ops.OpComparisonsValue(a[0], a[1]),
            (a, g) => Ops.OpComparisonsValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "OpMax", Vectors, [Tensor("x", Domain.Peaked)],
            a => Ops.OpMax(a[0]), a => Ops.OpMaxValue(a[0]),
            (a, g) => Ops.OpMaxValueAndGradient(a[0], g[0])),
        Double(
            "OpMin", Vectors, [Tensor("x", Domain.Peaked)],
            a => Ops.OpMin(a[0]), a => Ops.OpMinValue(a[0]),
            (a, g) => Ops.OpMinValueAndGradient(a[0], g[0])),
        Double(
            "OpBinaryCrossEntropyWithLogits", Vectors, [Tensor("z", Wide), NoGrad("y", Domain.Binary)],
            a => Ops.OpBinaryCrossEntropyWithLogits(a[0], a[1]), a => Ops.OpBinaryCrossEntropyWithLogitsValue(a[0], a[1]),
            (a, g) => Ops.OpBinaryCrossEntropyWithLogitsValueAndGradient(a[0], a[1], g[0])),
        Single(
            "OpExpm1F", Vectors, [Tensor("x", Wide)],
            a => Ops.OpExpm1F(a[0]), a => Ops.OpExpm1FValue(a[0]),
            (a, g) => Ops.OpExpm1FValueAndGradient(a[0], g[0])),
        Single(
            "OpSoftplusF", Vectors, [Tensor("x", Wide)],
            a => Ops.OpSoftplusF(a[0]), a => Ops.OpSoftplusFValue(a[0]),
            (a, g) => Ops.OpSoftplusFValueAndGradient(a[0], g[0])),
        Single(
            "OpLogSigmoidF", Vectors, [Tensor("x", Wide)],
            a => Ops.OpLogSigmoidF(a[0]), a => Ops.OpLogSigmoidFValue(a[0]),
            (a, g) => Ops.OpLogSigmoidFValueAndGradient(a[0], g[0])),
        Single(
            "OpMaximumF", Vectors, [Tensor("x", Domain.AwayFrom(0)), Tensor("y", Domain.Tiny)],
            a => Ops.OpMaximumF(a[0], a[1]), a => Ops.OpMaximumFValue(a[0], a[1]),
            (a, g) => Ops.OpMaximumFValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "OpMinimumF", Vectors, [Tensor("x", Domain.AwayFrom(0)), Tensor("y", Domain.Tiny)],
            a => Ops.OpMinimumF(a[0], a[1]), a => Ops.OpMinimumFValue(a[0], a[1]),
            (a, g) => Ops.OpMinimumFValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "OpMaximumScalarF", Vectors, [Tensor("x", Domain.AwayFrom(0)), Scalar("s", 0.05)],
            a => Ops.OpMaximumScalarF(a[0], a.Scalar(1)), a => Ops.OpMaximumScalarFValue(a[0], a.Scalar(1)),
            (a, g) => Ops.OpMaximumScalarFValueAndGradient(a[0], a.Scalar(1), g[0], out g.Scalar(1))),
        Single(
            "OpClampF", Vectors, [Tensor("x", Domain.AwayFrom(0)), Scalar("lo", -0.5), Scalar("hi", 0.5)],
            a => Ops.OpClampF(a[0], a.Scalar(1), a.Scalar(2)), a => Ops.OpClampFValue(a[0], a.Scalar(1), a.Scalar(2)),
            (a, g) => Ops.OpClampFValueAndGradient(a[0], a.Scalar(1), a.Scalar(2), g[0], out g.Scalar(1), out g.Scalar(2))),
        Single(
            "OpFusedMultiplyAddF", Vectors, [Tensor("x", Wide), Scalar("a", 0.7), Scalar("b", -0.3)],
            a => Ops.OpFusedMultiplyAddF(a[0], a.Scalar(1), a.Scalar(2)), a => Ops.OpFusedMultiplyAddFValue(a[0], a.Scalar(1), a.Scalar(2)),
            (a, g) => Ops.OpFusedMultiplyAddFValueAndGradient(a[0], a.Scalar(1), a.Scalar(2), g[0], out g.Scalar(1), out g.Scalar(2))),
        Single(
            "OpWhereF", Vectors, [Tensor("x", Domain.AwayFrom(0)), Tensor("y", Wide)],
            a => Ops.OpWhereF(a[0], a[1]), a => Ops.OpWhereFValue(a[0], a[1]),
            (a, g) => Ops.OpWhereFValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "OpComparisonsF", Vectors, [Tensor("x", Domain.AwayFrom(0)), Tensor("y", Wide)],
            a => Ops.OpComparisonsF(a[0], a[1]), a => Ops.OpComparisonsFValue(a[0], a[1]),
            (a, g) => Ops.OpComparisonsFValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "OpMaxF", Vectors, [Tensor("x", Domain.Peaked)],
            a => Ops.OpMaxF(a[0]), a => Ops.OpMaxFValue(a[0]),
            (a, g) => Ops.OpMaxFValueAndGradient(a[0], g[0])),
        Single(
            "OpMinF", Vectors, [Tensor("x", Domain.Peaked)],
            a => Ops.OpMinF(a[0]), a => Ops.OpMinFValue(a[0]),
            (a, g) => Ops.OpMinFValueAndGradient(a[0], g[0])),
        Single(
            "OpBinaryCrossEntropyWithLogitsF", Vectors, [Tensor("z", Wide), NoGrad("y", Domain.Binary)],
            a => Ops.OpBinaryCrossEntropyWithLogitsF(a[0], a[1]), a => Ops.OpBinaryCrossEntropyWithLogitsFValue(a[0], a[1]),
            (a, g) => Ops.OpBinaryCrossEntropyWithLogitsFValueAndGradient(a[0], a[1], g[0])),
        Double(
            "HuberWithWhere", Vectors, [Tensor("x", Wide), NoGrad("target", Wide)],
            a => Composed.HuberWithWhere(a[0], a[1]), a => Composed.HuberWithWhereValue(a[0], a[1]),
            (a, g) => Composed.HuberWithWhereValueAndGradient(a[0], a[1], g[0])),
        Single(
            "HuberWithWhereF", Vectors, [Tensor("x", Wide), NoGrad("target", Wide)],
            a => Composed.HuberWithWhereF(a[0], a[1]), a => Composed.HuberWithWhereFValue(a[0], a[1]),
            (a, g) => Composed.HuberWithWhereFValueAndGradient(a[0], a[1], g[0])),
        Double(
            "OpLog1p", Vectors, [Tensor("x", Domain.Small)],
            a => Ops.OpLog1p(a[0]), a => Ops.OpLog1pValue(a[0]),
            (a, g) => Ops.OpLog1pValueAndGradient(a[0], g[0])),
        Single(
            "OpLog1pF", Vectors, [Tensor("x", Domain.Small)],
            a => Ops.OpLog1pF(a[0]), a => Ops.OpLog1pFValue(a[0]),
            (a, g) => Ops.OpLog1pFValueAndGradient(a[0], g[0])),
        Double(
            "BceWithMaximum", Vectors, [Tensor("z", Wide), NoGrad("y", Domain.Binary)],
            a => Composed.BceWithMaximum(a[0], a[1]), a => Composed.BceWithMaximumValue(a[0], a[1]),
            (a, g) => Composed.BceWithMaximumValueAndGradient(a[0], a[1], g[0])),
        Single(
            "BceWithMaximumF", Vectors, [Tensor("z", Wide), NoGrad("y", Domain.Binary)],
            a => Composed.BceWithMaximumF(a[0], a[1]), a => Composed.BceWithMaximumFValue(a[0], a[1]),
            (a, g) => Composed.BceWithMaximumFValueAndGradient(a[0], a[1], g[0])),
    ];
}
