using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

public sealed partial class SnapshotTests
{
    /// <summary>
    /// A tensor carried through a loop: the local is an array rented once per call, each assignment a loop that writes
    /// its elements in place (keeping each element it overwrites), and the final reduction a loop into a slot.
    /// </summary>
    [Fact]
    public void LoopCarriedTensor() => Verify(ExampleSources.Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static double EulerOfTensor(ReadOnlyTensorSpan<double> x0, ReadOnlyTensorSpan<double> a, [NoGrad] ReadOnlyTensorSpan<double> target)
            {
                var h = x0;
                for (int t = 0; t < 20; t++)
                {
                    h = h + (0.05 * (a - (h * h)));
                }

                return Sum(Square(h - target));
            }
        }
        """);
}
