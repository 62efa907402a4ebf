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

    /// <summary>A vector state <c>h</c> <c>[H]</c>: <c>MatMul(w, h)</c> (matrix-vector) and <c>MatMul(h, w)</c> (vector-matrix).</summary>
    [Differentiable]
    public static double VectorState(ReadOnlyTensorSpan<double> h0, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b, int steps)
    {
        var h = h0;
        double loss = 0;
        for (int t = 0; t < steps; t++)
        {
            h = Tanh(MatMul(w, h) + b);
            h = Sigmoid(MatMul(h, w)) - 0.5;
            loss += Sum(h * h);
        }

        return loss;
    }

    /// <summary>Minibatch least squares: blocks of n rows of x and y, one batch per iteration.</summary>
    [Differentiable]
    public static double Minibatches(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, [NoGrad] ReadOnlyTensorSpan<double> y, int n, int batches)
    {
        double loss = 0;
        for (int b = 0; b < batches; b++)
        {
            loss += Mse(MatMul(x[(b * n)..((b + 1) * n), ..], w), y[(b * n)..((b + 1) * n), ..]);
        }

        return loss;
    }

    /// <summary>Power iteration with normalization, then the Rayleigh quotient.</summary>
    [Differentiable]
    public static double Power(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> v0, int steps)
    {
        var v = v0;
        for (int k = 0; k < steps; k++)
        {
            v = MatMul(a, v);
            v = v / Sqrt(Sum(v * v));
        }

        return Dot(v, MatMul(a, v));
    }

    /// <summary>A Newton-like step with a fixed inverse Hessian, the gradient of a quadratic.</summary>
    [Differentiable]
    public static double Newton(ReadOnlyTensorSpan<double> x0, ReadOnlyTensorSpan<double> hinv, ReadOnlyTensorSpan<double> q, int steps)
    {
        var x = x0;
        for (int k = 0; k < steps; k++)
        {
            var g = MatMul(q, x) + Sin(x);
            x = x - (0.5 * MatMul(hinv, g));
        }

        return Sum(Square(x));
    }

    /// <summary>A product in one branch, a product of a product in the other.</summary>
    [Differentiable]
    public static double Branches(ReadOnlyTensorSpan<double> h0, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> u, int steps)
    {
        var h = h0;
        for (int t = 0; t < steps; t++)
        {
            if (t % 2 == 0)
            {
                h = Tanh(MatMul(h, w));
            }
            else
            {
                h = h + (0.1 * MatMul(MatMul(h, u), w));
            }
        }

        return Max(h) + Mean(h);
    }

    /// <summary>A method without loops passing a product to one with loops, which reads it as a tensor local.</summary>
    [Differentiable]
    public static double Outer(ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> x) => Inner(MatMul(w, x), 2);

    [Differentiable]
    public static double Inner(ReadOnlyTensorSpan<double> x, int steps)
    {
        var h = x;
        for (int t = 0; t < steps; t++)
        {
            h = (h * 0.5) + x;
        }

        return Sum(Square(h));
    }
}
