using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>Matrix products inside loops and branches: a recurrent network, minibatches of rows, a power iteration, a Newton-like step.</summary>
public static partial class LoopProductBodies
{
    /// <summary>A recurrent network: <c>h</c> <c>[B, H]</c> (or <c>[H]</c>), one row of <c>xs</c> <c>[T, D]</c> per step.</summary>
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

    [Differentiable]
    public static float RnnFloat(ReadOnlyTensorSpan<float> h0, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> u, ReadOnlyTensorSpan<float> xs, int steps)
    {
        var h = h0;
        float loss = 0;
        for (int t = 0; t < steps; t++)
        {
            h = Tanh(MatMul(h, w) + MatMul(xs[t..(t + 1), ..], u));
            loss += Sum(Square(h));
        }

        return loss;
    }
}
