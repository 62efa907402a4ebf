namespace SymGrad.Generator.Tests;

/// <summary>
/// Reductions along an axis, Softmax and LogSoftmax in a method with loops or branches run on regions of their own: what
/// those cannot express stays refused where it is written, saying what to write instead.
/// </summary>
public sealed partial class DiagnosticTests
{
    [Fact]
    public void SG0008_TransposeAsAnAxisOperandInsideALoop() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x, int steps)
            {
                float s = 0;
                for (int k = 0; k < steps; k++)
                {
                    s += Sum(Softmax([|Transpose(x)|], 1));
                }

                return s;
            }
        }
        """, "'Transpose(x)' of Softmax", "in a method with loops or branches", "reductions along an axis, Softmax and LogSoftmax take", "[Differentiable] method without loops");

    [Fact]
    public void SG0008_VectorSliceAsAnAxisOperandInsideALoop() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> y, int steps)
            {
                float s = 0;
                for (int k = 0; k + 2 <= steps; k++)
                {
                    s += Sum(y * LogSoftmax([|x[k..(k + 2)]|], 0));
                }

                return s;
            }
        }
        """, "'x[k..(k + 2)]' of LogSoftmax, a slice of a vector", "reduce a slice of a vector whole");

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
    public void SG0008_CrossEntropyOfAVectorSliceInsideALoop() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlySpan<int> labels, int steps)
            {
                float s = 0;
                for (int k = 0; k + 2 <= steps; k++)
                {
                    s += CrossEntropy([|x[k..(k + 2)]|], labels);
                }

                return s;
            }
        }
        """, "'x[k..(k + 2)]' of CrossEntropy, a slice of a vector", "CrossEntropy and BinaryCrossEntropyWithLogits take");
}
