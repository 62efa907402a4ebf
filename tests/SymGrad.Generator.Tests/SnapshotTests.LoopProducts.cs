using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

public sealed partial class SnapshotTests
{
    /// <summary>
    /// A recurrent network inside a loop: each product computed on the matrix kernels into an array of its own, its
    /// operands read in place (h, w, the row block xs[t..(t + 1), ..] at its offset), the shapes worked out when the
    /// method is called; the reverse sweep adds C̄·Bᵀ and Aᵀ·C̄ into h's adjoint and the gradients of w, u and xs's row.
    /// </summary>
    [Fact]
    public void RecurrentNetworkInALoop() => Verify(ExampleSources.Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static double Rnn(ReadOnlyTensorSpan<double> h0, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> u, ReadOnlyTensorSpan<double> xs, int steps)
            {
                var h = h0;
                double loss = 0;
                for (int t = 0; t < steps; t++)
                {
                    h = Tanh(MatMul(h, w) + MatMul(xs[t..(t + 1), ..], u));
                    loss += Sum(Square(h));
                }

                return loss;
            }
        }
        """);
}
