using System.Collections.Generic;
using static SymGrad.Tests.Gradients.CaseParameter;

namespace SymGrad.Tests.Gradients;

public static partial class GradientCatalog
{
    /// <summary>A matrix [n, m] and vectors [m] and [n]: one row or column, odd sizes, SIMD tails. A property: the catalog is built by a field initializer of another file.</summary>
    private static SizeSet MatrixVectors => new([new(1, 1), new(3, 5), new(17, 15), new(40, 33)], new(131, 1031));

    /// <summary>A least-squares problem with several right-hand sides: t [n, m], x [m, p], s [n, p].</summary>
    private static SizeSet ColumnProducts => new([new(1, 1, 1), new(3, 5, 1), new(17, 15, 2)], new(131, 127, 3));

    /// <summary>A chain a [p, n], b [n, m], x [m].</summary>
    private static SizeSet VectorChains => new([new(1, 1, 1), new(3, 5, 4), new(17, 15, 16)], new(33, 131, 127));

    /// <summary>A network on one sample: inputs m, hidden units h, outputs o.</summary>
    private static SizeSet OneSampleNetworks => new([new(1, 1, 1), new(5, 4, 2), new(15, 17, 3)], new(127, 131, 5));

    private static IEnumerable<GradientCase> ProductCases() =>
    [
        Double(
            "LeastSquares", MatrixVectors, [Tensor("t", Wide, 0, 1), Tensor("x", Wide, 1), Tensor("s", Wide, 0)],
            a => VectorProducts.LeastSquares(a[0], a[1], a[2]), a => VectorProducts.LeastSquaresValue(a[0], a[1], a[2]), (a, g) => VectorProducts.LeastSquaresValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
        Single(
            "LeastSquaresF", MatrixVectors, [Tensor("t", Wide, 0, 1), Tensor("x", Wide, 1), Tensor("s", Wide, 0)],
            a => VectorProducts.LeastSquaresF(a[0], a[1], a[2]), a => VectorProducts.LeastSquaresFValue(a[0], a[1], a[2]), (a, g) => VectorProducts.LeastSquaresFValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
        Double(
            "LeastSquaresColumns", ColumnProducts, [Tensor("t", Wide, 0, 1), Tensor("x", Wide, 1, 2), Tensor("s", Wide, 0, 2)],
            a => VectorProducts.LeastSquaresColumns(a[0], a[1], a[2]), a => VectorProducts.LeastSquaresColumnsValue(a[0], a[1], a[2]), (a, g) => VectorProducts.LeastSquaresColumnsValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
        Double(
            "VectorMatrix", MatrixVectors, [Tensor("x", Wide, 0), Tensor("w", Small, 0, 1), Tensor("b", Small, 1)],
            a => VectorProducts.VectorMatrix(a[0], a[1], a[2]), a => VectorProducts.VectorMatrixValue(a[0], a[1], a[2]), (a, g) => VectorProducts.VectorMatrixValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
        Single(
            "VectorMatrixF", MatrixVectors, [Tensor("x", Wide, 0), Tensor("w", Small, 0, 1), Tensor("b", Small, 1)],
            a => VectorProducts.VectorMatrixF(a[0], a[1], a[2]), a => VectorProducts.VectorMatrixFValue(a[0], a[1], a[2]), (a, g) => VectorProducts.VectorMatrixFValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
        Double(
            "VectorDot", MatrixVectors, [Tensor("x", Small, 1), Tensor("y", Small, 1)],
            a => VectorProducts.VectorDot(a[0], a[1]), a => VectorProducts.VectorDotValue(a[0], a[1]), (a, g) => VectorProducts.VectorDotValueAndGradient(a[0], a[1], g[0], g[1])),
        Single(
            "VectorDotF", MatrixVectors, [Tensor("x", Small, 1), Tensor("y", Small, 1)],
            a => VectorProducts.VectorDotF(a[0], a[1]), a => VectorProducts.VectorDotFValue(a[0], a[1]), (a, g) => VectorProducts.VectorDotFValueAndGradient(a[0], a[1], g[0], g[1])),
        Double(
            "MatrixVectorChain", VectorChains, [Tensor("a", Small, 0, 1), Tensor("b", Small, 1, 2), Tensor("x", Wide, 2)],
            a => VectorProducts.MatrixVectorChain(a[0], a[1], a[2]), a => VectorProducts.MatrixVectorChainValue(a[0], a[1], a[2]), (a, g) => VectorProducts.MatrixVectorChainValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
        Single(
            "MatrixVectorChainF", VectorChains, [Tensor("a", Small, 0, 1), Tensor("b", Small, 1, 2), Tensor("x", Wide, 2)],
            a => VectorProducts.MatrixVectorChainF(a[0], a[1], a[2]), a => VectorProducts.MatrixVectorChainFValue(a[0], a[1], a[2]), (a, g) => VectorProducts.MatrixVectorChainFValueAndGradient(a[0], a[1], a[2], g[0], g[1], g[2])),
            Double(
            "OneSampleNetwork", OneSampleNetworks, [Tensor("x", Wide, 0), Tensor("w1", Small, 1, 0), Tensor("b1", Small, 1), Tensor("w2", Small, 2, 1), NoGrad("y", Wide, 2)],
            a => VectorProducts.OneSampleNetwork(a[0], a[1], a[2], a[3], a[4]), a => VectorProducts.OneSampleNetworkValue(a[0], a[1], a[2], a[3], a[4]),
            (a, g) => VectorProducts.OneSampleNetworkValueAndGradient(a[0], a[1], a[2], a[3], a[4], g[0], g[1], g[2], g[3])),
        Single(
            "OneSampleNetworkF", OneSampleNetworks, [Tensor("x", Wide, 0), Tensor("w1", Small, 1, 0), Tensor("b1", Small, 1), Tensor("w2", Small, 2, 1), NoGrad("y", Wide, 2)],
            a => VectorProducts.OneSampleNetworkF(a[0], a[1], a[2], a[3], a[4]), a => VectorProducts.OneSampleNetworkFValue(a[0], a[1], a[2], a[3], a[4]),
            (a, g) => VectorProducts.OneSampleNetworkFValueAndGradient(a[0], a[1], a[2], a[3], a[4], g[0], g[1], g[2], g[3])),
    ];
}
