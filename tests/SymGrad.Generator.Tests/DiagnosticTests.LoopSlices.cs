namespace SymGrad.Generator.Tests;

/// <summary>Slices inside loops: a length that changes between iterations, and a tensor local given both kinds of value, are refused where written.</summary>
public sealed partial class DiagnosticTests
{
    [Fact]
    public void SG0008_ASliceWhoseLengthGrowsWithTheLoopCounter() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static double Prefixes(ReadOnlyTensorSpan<double> x, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    s += Sum([|x[..i]|]);
                }

                return s;
            }
        }
        """, "whose length changes from one iteration to the next", "x[i..(i + k)]");

    [Fact]
    public void SG0008_ATensorLocalAssignedASliceAfterAWholeVector() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static double Shifted(ReadOnlyTensorSpan<double> x, int n)
            {
                var h = x;
                for (int i = 0; i < n; i++)
                {
                    h = [|x[1..] * 2.0|];
                }

                return Sum(h);
            }
        }
        """, "a tensor local that held a whole vector", "use another local for the other");

    [Fact]
    public void SG0008_ASliceBoundedByAnIntParameterTheMethodAssigns() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static double Shrinking(ReadOnlyTensorSpan<double> x, int n)
            {
                var h = [|x[..n]|] * 2.0;
                n = 2;
                for (int i = 0; i < 3; i++)
                {
                    h = h * 0.5 + h;
                }

                return Sum(h);
            }
        }
        """, "reads the int parameter 'n', which the method assigns", "leave 'n' as it was passed");

    [Fact]
    public void SG0008_ASliceBoundedByALocalCopyOfAnIntParameterTheMethodAssigns() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static double Copied(ReadOnlyTensorSpan<double> x, int n)
            {
                int k = n;
                n = 1;
                double s = 0;
                for (int i = 0; i + k <= x.FlattenedLength; i++)
                {
                    s += Sum(Square([|x[i..(i + k)]|])) * n;
                }

                return s;
            }
        }
        """, "whose length changes from one iteration to the next");

    [Fact]
    public void SG0008_ASliceBoundedByAnIntParameterThatAPartialMethodsImplementationAssigns() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static partial double Shrinking(ReadOnlyTensorSpan<double> x, int n);

            public static partial double Shrinking(ReadOnlyTensorSpan<double> x, int n)
            {
                var h = [|x[..n]|] * 2.0;
                n = 2;
                for (int i = 0; i < 3; i++)
                {
                    h = h * 0.5 + h;
                }

                return Sum(h);
            }
        }
        """, "reads the int parameter 'n', which the method assigns");
}
