using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

public sealed partial class SnapshotTests
{
    /// <summary>
    /// A recurrent classifier: the products of the loop on the matrix kernels, then LogSoftmax along the rows of the
    /// logits on the axis kernels into an array of its own (its shape worked out when the method is called), read by the
    /// sum element by element; the reverse sweep adds ȳ - exp(y) Sum(ȳ) into the logits' adjoint.
    /// </summary>
    [Fact]
    public void RecurrentClassifierWithALogSoftmax() => Verify(ExampleSources.Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static double RnnClassifier(ReadOnlyTensorSpan<double> xs, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> v, [NoGrad] ReadOnlyTensorSpan<double> y, int steps)
            {
                var h = xs;
                for (int t = 0; t < steps; t++)
                {
                    h = Tanh(MatMul(h, w));
                }

                return -Sum(y * LogSoftmax(MatMul(h, v), 1));
            }
        }
        """);
}
