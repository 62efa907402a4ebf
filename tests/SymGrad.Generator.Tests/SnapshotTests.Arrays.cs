using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

public sealed partial class SnapshotTests
{
    /// <summary>
    /// Local arrays: a buffer rented once per call for each array and its adjoints, element writes that keep the
    /// element they overwrite, and an array created again on each iteration of a loop. The copy loop's bound is the
    /// array's length, not a constant written in the loop, so it is not unrolled and the arrays stay arrays.
    /// </summary>
    [Fact]
    public void LocalArrays() => Verify(ExampleSources.Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static double Rollout(double a, int n)
            {
                double[] v = { a, 1 };
                for (int i = 0; i < n; i++)
                {
                    double[] next = new double[2];
                    next[0] = v[0] * v[1];
                    next[1] = Math.Sin(v[0]) + a;
                    for (int j = 0; j < next.Length; j++)
                    {
                        v[j] = next[j];
                    }
                }

                return v[0] + v[^1];
            }
        }
        """);

    /// <summary>
    /// The same local arrays with a copy loop of two iterations: the loop is unrolled, every index is then a constant, and
    /// both arrays become scalar locals; the body of the outer loop is one block, whose reverse sweep stores only v's
    /// two elements where each iteration starts.
    /// </summary>
    [Fact]
    public void ScalarizedLocalArrays() => Verify(ExampleSources.Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static double Rollout(double a, int n)
            {
                double[] v = { a, 1 };
                for (int i = 0; i < n; i++)
                {
                    double[] next = new double[2];
                    next[0] = v[0] * v[1];
                    next[1] = Math.Sin(v[0]) + a;
                    for (int j = 0; j < 2; j++)
                    {
                        v[j] = next[j];
                    }
                }

                return v[0] + v[^1];
            }
        }
        """);
}
