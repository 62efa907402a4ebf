namespace SymGrad.Generator.Tests;

/// <summary>Local arrays are read and written by index only: every other use is refused where it is written.</summary>
public sealed partial class DiagnosticTests
{
    [Fact]
    public void SG0008_LocalArrayPassedToCall() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static double Loss(double a)
            {
                double[] v = { a, 2 * a };
                for (int i = 0; i < 2; i++)
                {
                    v[i] *= a;
                }

                return Sum([|v|]);
            }
        }
        """, "local array 'v' passed to a call", "pass it the elements it needs");

    [Fact]
    public void SG0008_LocalArrayAssignedToAnotherThenWrittenThroughIt() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static double Loss(double a, int n)
            {
                double[] state = { a, 0 };
                for (int i = 0; i < n; i++)
                {
                    double[] next = new double[2];
                    next[0] = state[0] * 0.5;
                    state = [|next|];
                    next[1] = a;
                }

                return state[0] + state[1];
            }
        }
        """, "Assigning the local array 'next'", "with next not used after it; otherwise copy the elements in a loop");

    [Fact]
    public void SG0008_LocalArrayAssignedFromAnArrayCreatedInAnOuterBlock() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static double Loss(double a, int n)
            {
                double[] state = { a, 0 };
                double[] next = new double[2];
                for (int i = 0; i < n; i++)
                {
                    next[0] = state[0] * 0.5;
                    state = [|next|];
                }

                return state[0] + next[0];
            }
        }
        """, "Assigning the local array 'next'", "copy the elements in a loop");

    [Fact]
    public void SG0008_LocalArrayInitializedFromAnother() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static double Loss(double a)
            {
                double[] first = { a, 0 };
                double[] second = [|first|];
                second[1] = a;
                return first[1];
            }
        }
        """, "Assigning the local array 'first'", "copy the elements in a loop");

    [Fact]
    public void SG0008_LocalArrayDeclaredFromOneStillWritten() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static double Loss(double a, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    double[] scratch = new double[2];
                    double[] kept = [|scratch|];
                    scratch[0] = a;
                    s += kept[0];
                }

                return s;
            }
        }
        """, "Assigning the local array 'scratch'", "'double[] state = next;'");

    [Fact]
    public void SG0008_TwoLocalArraysDeclaredFromOne() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static double Loss(double a, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    double[] scratch = new double[2];
                    double[] kept = [|scratch|], other = [|scratch|];
                    kept[0] = a;
                    s += other[0];
                }

                return s;
            }
        }
        """, "Assigning the local array 'scratch'", "copy the elements in a loop");

    [Fact]
    public void SG0007_LocalArrayOfRankTwo() => Expect("SG0007", """
        public static partial class Examples
        {
            [Differentiable]
            public static double Loss(double a)
            {
                double[,] [|m = new double[2, 2]|];
                for (int i = 0; i < 2; i++)
                {
                    m[i, i] = a * i;
                }

                return m[1, 1] + m.Length;
            }
        }
        """, "local array 'm'", "a[(i * columns) + j]");
}
