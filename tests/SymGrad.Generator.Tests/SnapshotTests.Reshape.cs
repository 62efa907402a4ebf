using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

public sealed partial class SnapshotTests
{
    /// <summary>
    /// Reshape: the lengths worked out and checked before anything is computed (a -1 inferred), the parameter read in
    /// place as the reshaped matrix, and its gradient written back in the parameter's own shape.
    /// </summary>
    [Fact]
    public void ReshapeRows() => Verify(ExampleSources.Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float RowEnergy(ReadOnlyTensorSpan<float> x, int n)
                => Sum(Square(LogSumExp(Reshape(x, n, -1), 1)));
        }
        """);
}
