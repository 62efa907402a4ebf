using System.Collections.Generic;
using static SymGrad.Tests.Gradients.CaseParameter;

namespace SymGrad.Tests.Gradients;

public static partial class GradientCatalog
{
    // Networks through a [Differentiable] layer method: x [n, in], w1 [in, hidden], b1 [hidden], w2 [hidden, out], b2 [out], y [n, out].
    private static CaseParameter[] LayeredNetwork() =>
        [NoGrad("x", Wide, 0, 1), Tensor("w1", Small, 1, 2), Tensor("b1", Small, 2), Tensor("w2", Small, 2, 3), Tensor("b2", Small, 3), NoGrad("y", Wide, 0, 3)];

    private static IEnumerable<GradientCase> LayerCases() =>
    [
        Double(
            "TwoTanhLayers", Networks, LayeredNetwork(),
            a => Composed.TwoTanhLayers(a[0], a[1], a[2], a[3], a[4], a[5]), a => Composed.TwoTanhLayersValue(a[0], a[1], a[2], a[3], a[4], a[5]),
            (a, g) => Composed.TwoTanhLayersValueAndGradient(a[0], a[1], a[2], a[3], a[4], a[5], g[1], g[2], g[3], g[4])),
        Single(
            "TwoTanhLayersF", Networks, LayeredNetwork(),
            a => Composed.TwoTanhLayersF(a[0], a[1], a[2], a[3], a[4], a[5]), a => Composed.TwoTanhLayersFValue(a[0], a[1], a[2], a[3], a[4], a[5]),
            (a, g) => Composed.TwoTanhLayersFValueAndGradient(a[0], a[1], a[2], a[3], a[4], a[5], g[1], g[2], g[3], g[4])),
        Double(
            "TanhLayerThenLinear", Networks, LayeredNetwork(),
            a => Composed.TanhLayerThenLinear(a[0], a[1], a[2], a[3], a[4], a[5]), a => Composed.TanhLayerThenLinearValue(a[0], a[1], a[2], a[3], a[4], a[5]),
            (a, g) => Composed.TanhLayerThenLinearValueAndGradient(a[0], a[1], a[2], a[3], a[4], a[5], g[1], g[2], g[3], g[4])),
        Single(
            "TanhLayerThenLinearF", Networks, LayeredNetwork(),
            a => Composed.TanhLayerThenLinearF(a[0], a[1], a[2], a[3], a[4], a[5]), a => Composed.TanhLayerThenLinearFValue(a[0], a[1], a[2], a[3], a[4], a[5]),
            (a, g) => Composed.TanhLayerThenLinearFValueAndGradient(a[0], a[1], a[2], a[3], a[4], a[5], g[1], g[2], g[3], g[4])),
    ];
}
