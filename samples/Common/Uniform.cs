using System;
using System.Numerics.Tensors;

namespace SymGrad.Samples;

/// <summary>
/// A small seeded uniform generator (a 64-bit linear congruential generator, 24 random bits per float), simple
/// enough that the PyTorch reference scripts reproduce it exactly in Python.
/// </summary>
public sealed class Uniform
{
    private ulong state;

    public Uniform(ulong seed) => this.state = seed;

    /// <summary>The next number in [0, 1), a multiple of 2^-24, so it is exact in float and double.</summary>
    public double Next()
    {
        this.state = unchecked((this.state * 6364136223846793005UL) + 1442695040888963407UL);
        return (this.state >> 40) / 16777216.0;
    }

    /// <summary>A tensor of the given shape filled with <see cref="Next"/> values, like <c>torch.rand</c>.</summary>
    public Tensor<float> Tensor(params nint[] lengths)
    {
        Tensor<float> tensor = System.Numerics.Tensors.Tensor.CreateFromShape<float>(lengths);
        Span<float> values = SymGrad.Kernels.ShapeGuard.Elements(tensor.AsTensorSpan());
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)this.Next();
        }

        return tensor;
    }

    /// <summary>
    /// A tensor of values uniform in [-bound, bound), <c>bound * (2u - 1)</c> for each <see cref="Next"/> value u, like
    /// the <c>uniform_(-bound, bound)</c> that initialises <c>nn.Linear</c>.
    /// </summary>
    public Tensor<float> Symmetric(double bound, params nint[] lengths)
    {
        Tensor<float> tensor = System.Numerics.Tensors.Tensor.CreateFromShape<float>(lengths);
        Span<float> values = SymGrad.Kernels.ShapeGuard.Elements(tensor.AsTensorSpan());
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(bound * ((2.0 * this.Next()) - 1.0));
        }

        return tensor;
    }

    /// <summary>A tensor of standard normal values (Box-Muller over <see cref="Next"/>), like <c>torch.randn</c>.</summary>
    public Tensor<float> Normal(params nint[] lengths)
    {
        Tensor<float> tensor = System.Numerics.Tensors.Tensor.CreateFromShape<float>(lengths);
        Span<float> values = SymGrad.Kernels.ShapeGuard.Elements(tensor.AsTensorSpan());
        for (int i = 0; i < values.Length; i++)
        {
            double u1 = 1.0 - this.Next();
            double u2 = this.Next();
            values[i] = (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }

        return tensor;
    }
}
