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
}
