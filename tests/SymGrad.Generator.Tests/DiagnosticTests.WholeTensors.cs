namespace SymGrad.Generator.Tests;

/// <summary>
/// Whole-tensor work in a method with loops or branches is element-wise expressions and reductions to scalars: anything
/// else is refused where it is written, saying what to write instead.
/// </summary>
public sealed partial class DiagnosticTests
{
    [Fact]
    public void SG0008_BlockWhoseColumnCountChangesInsideALoop() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> x, int steps)
            {
                float s = 0;
                for (int k = 0; k < steps; k++)
                {
                    s += Sum(MatMul(w, Transpose([|x[.., 0..k]|])));
                }

                return s;
            }
        }
        """, "The block 'x[.., 0..k]', whose row or column count may change from one iteration to the next", "inside loops and branches", "row and column counts (b - a, d - c)");

    [Fact]
    public void SG0008_BlockOfATensorLocalInsideALoop() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x, int steps)
            {
                var h = x;
                float s = 0;
                for (int k = 0; k < steps; k++)
                {
                    h = Tanh(h);
                    s += Sum([|h[.., 1..]|]);
                }

                return s;
            }
        }
        """, "The block 'h[.., 1..]' of a computed value", "slice a matrix parameter x[a..b, c..d]");

    [Fact]
    public void SG0008_RowBlockWhoseRowCountChangesInsideALoop() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> x, int steps)
            {
                float s = 0;
                for (int k = 1; k < steps; k++)
                {
                    s += Sum(MatMul([|x[0..k, ..]|], w));
                }

                return s;
            }
        }
        """, "'x[0..k, ..]'", "row count may change from one iteration to the next", "whose row and column counts are the same in every iteration");

    [Fact]
    public void SG0008_VectorSliceWhoseLengthChangesAsAProductOperandInsideALoop() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> x, int steps)
            {
                float s = 0;
                for (int k = 0; k < steps; k++)
                {
                    s += Sum(MatMul(w, [|x[0..k]|]));
                }

                return s;
            }
        }
        """, "The slice 'x[0..k]', whose length changes from one iteration to the next", "x[i..(i + k)]");

    [Fact]
    public void SG0007_ReductionInALoopCondition() => Expect("SG0007", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Shrink(ReadOnlyTensorSpan<float> x)
            {
                var h = x;
                while ([|Sum(Square(h)) > 1|])
                {
                    h = h * 0.5f;
                }

                return Sum(h);
            }
        }
        """, "whole-tensor operation", "not in a loop's condition");

    [Fact]
    public void SG0008_SliceOfATensorLocal() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x, int steps)
            {
                var h = x;
                for (int k = 0; k < steps; k++)
                {
                    h = h * 0.5f;
                }

                return Sum([|h[1..]|]);
            }
        }
        """, "of a computed value");

    [Fact]
    public void SG0007_ReductionInALoopConditionAlsoComputedBefore() => Expect("SG0007", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Shrink(ReadOnlyTensorSpan<float> x, float rate)
            {
                float s = Sum(Square(x));
                int k = 0;
                while ([|Sum(Square(x)) * k < 10|])
                {
                    k++;
                }

                return s * rate * k;
            }
        }
        """, "whole-tensor operation", "not in a loop's condition");
}
