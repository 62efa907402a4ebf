namespace SymGrad.Generator.Tests;

/// <summary>
/// Reductions along an axis, Softmax and LogSoftmax in a method with loops or branches run on regions of their own: what
/// those cannot express stays refused where it is written, saying what to write instead.
/// </summary>
public sealed partial class DiagnosticTests
{
    [Fact]
    public void SG0008_TransposeOfAVectorSliceAsAnAxisOperandInsideALoop() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x, int steps)
            {
                float s = 0;
                for (int k = 0; k < steps; k++)
                {
                    s += Sum(Softmax([|Transpose(x[1..])|], 1));
                }

                return s;
            }
        }
        """, "The transpose 'Transpose(x[1..])' of a scalar, a slice of a vector or work of another shape", "in a method with loops or branches", "transpose matrix parameters, tensor locals, blocks of a matrix parameter");

    [Fact]
    public void SG0008_VectorSliceWhoseLengthChangesAsAnAxisOperandInsideALoop() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x, int steps)
            {
                float s = 0;
                for (int k = 1; k < steps; k++)
                {
                    s += Sum(LogSoftmax([|x[..k]|], 0));
                }

                return s;
            }
        }
        """, "The slice 'x[..k]', whose length changes from one iteration to the next", "x[i..(i + k)]");

    [Fact]
    public void SG0007_AxisReductionInALoopCondition() => Expect("SG0007", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w)
            {
                var h = x;
                while ([|Max(Sum(h, 1)) > 0.5f|])
                {
                    h = h * 0.5f;
                }

                return Sum(h);
            }
        }
        """, "'Max(Sum(h, 1)) > 0.5f'", "not in a loop's condition");

    [Fact]
    public void SG0008_CrossEntropyOfAVectorSliceWhoseLengthChangesInsideALoop() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlySpan<int> labels, int steps)
            {
                float s = 0;
                for (int k = 0; k + 2 <= steps; k++)
                {
                    s += CrossEntropy([|x[0..k]|], labels);
                }

                return s;
            }
        }
        """, "'x[0..k]', whose length changes");
}
