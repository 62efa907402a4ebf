using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

public sealed partial class SnapshotTests
{
    /// <summary>
    /// A one-layer LSTM over ten steps: the inner loops unrolled, each step one block. The weights and inputs the step
    /// reads are at constant indexes and at the counter, so their checks run once before the loop (the largest index
    /// per tensor, and all of them in order only when that fails) and the loop reads its elements with no check; the
    /// reverse sweep reads again the elements the forward sweep checked.
    /// </summary>
    [Fact]
    public void LstmSequence() => Verify(ExampleSources.Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static double LstmSequence(ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> x)
            {
                const int H = 2;
                const int Row = H + 2;
                double[] h = new double[H];
                double[] c = new double[H];
                double[] gates = new double[4 * H];
                for (int t = 0; t < 10; t++)
                {
                    for (int r = 0; r < 4 * H; r++)
                    {
                        double z = (w[r * Row] * x[t]) + w[(r * Row) + H + 1];
                        for (int j = 0; j < H; j++)
                        {
                            z += w[(r * Row) + 1 + j] * h[j];
                        }

                        gates[r] = r / H == 2 ? Math.Tanh(z) : 1 / (1 + Math.Exp(-z));
                    }

                    for (int j = 0; j < H; j++)
                    {
                        c[j] = (gates[H + j] * c[j]) + (gates[j] * gates[(2 * H) + j]);
                        h[j] = gates[(3 * H) + j] * Math.Tanh(c[j]);
                    }
                }

                return ((h[0] - 0.2) * (h[0] - 0.2)) + ((h[1] + 0.1) * (h[1] + 0.1));
            }
        }
        """);
}
