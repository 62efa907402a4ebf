using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

public sealed partial class SnapshotTests
{
    /// <summary>
    /// A softmax over the last axis of a rank-3 tensor: the tensor checked for rank 3, read in place as the [a*b, c]
    /// matrix of its rows, and the row pass that normalizes each row with its log-sum-exp.
    /// </summary>
    [Fact]
    public void RankThreeSoftmax() => Verify(ExampleSources.Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float BatchedAttention(ReadOnlyTensorSpan<float> s, ReadOnlyTensorSpan<float> v)
                => Sum(Softmax(s, 2) * v);
        }
        """);

    /// <summary>
    /// A softmax along the middle axis of a rank-3 tensor, and the maxima along it: one step over the [b, c] blocks for
    /// each, and for each a step of its adjoint from the operand, the result and the result's adjoint.
    /// </summary>
    [Fact]
    public void RankThreeMiddleAxis() => Verify(ExampleSources.Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float MiddleAxis(ReadOnlyTensorSpan<float> s, ReadOnlyTensorSpan<float> t)
                => Sum(Square(Softmax(s, 1) - t)) + Mean(Max(s, -2)) / s.Lengths[2];
        }
        """);
}
