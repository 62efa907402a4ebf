using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

public sealed partial class SnapshotTests
{
    /// <summary>
    /// A log-softmax along the last axis of a tensor whose rank the body does not show, with a bias: the matrix form as
    /// before, which hands a tensor of rank 3 or more to a local function that checks the shapes as passed, copies a
    /// bias that broadcasts, views each tensor at rank 3 and calls the method's rank-3 form (the second file).
    /// </summary>
    [Fact]
    public void AnyRankLogSoftmax() => Verify(ExampleSources.Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float Logits(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> b, [NoGrad] ReadOnlyTensorSpan<float> t)
                => -Sum(LogSoftmax(x + b, -1) * t);
        }
        """);
}
