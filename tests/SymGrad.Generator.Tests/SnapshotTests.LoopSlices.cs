using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

public sealed partial class SnapshotTests
{
    /// <summary>
    /// A sliding window inside a loop: the window's range checked and its start held in a slot ahead of the element
    /// loop, w's length checked against the window's, elements read at the start plus k, and each read's adjoint
    /// added at its element of the gradient, which is zeroed only once the forward sweep has finished.
    /// </summary>
    [Fact]
    public void SlidingWindowInALoop() => Verify(ExampleSources.Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static double SlidingWindow(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, int k)
            {
                double s = 0;
                for (int i = 0; i + k <= x.FlattenedLength; i++)
                {
                    s += Sum(x[i..(i + k)] * w);
                }

                return s;
            }
        }
        """);
}
