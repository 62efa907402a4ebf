using System;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using SymGrad.Kernels;

namespace SymGrad.Benchmarks;

/// <summary>
/// The two-layer perceptron step of <see cref="Losses.Mlp"/> written by hand: five matrix products through the
/// kernel generated code calls (<see cref="MatrixKernels.Multiply{T}"/>), the ReLU, biases and their gradients in plain
/// loops, and the softmax cross-entropy by <see cref="SoftmaxCrossEntropyLoop"/>. The caller passes the scratch
/// buffers (the hidden activations, the logits and their gradients), so a call allocates nothing.
/// </summary>
public static partial class HandWritten
{
    public static float Mlp(
        ReadOnlyTensorSpan<float> x, ReadOnlySpan<int> labels,
        ReadOnlyTensorSpan<float> w1, ReadOnlyTensorSpan<float> b1, ReadOnlyTensorSpan<float> w2, ReadOnlyTensorSpan<float> b2,
        TensorSpan<float> dw1, TensorSpan<float> db1, TensorSpan<float> dw2, TensorSpan<float> db2,
        float[] hidden, float[] dhidden, float[] logits, float[] dlogits)
    {
        int batch = (int)x.Lengths[0];
        int inputs = (int)x.Lengths[1];
        int units = (int)w1.Lengths[0];
        int classes = (int)w2.Lengths[0];
        Require(x.Rank == 2 && w1.Rank == 2 && w1.Lengths[1] == inputs && b1.Rank == 1 && b1.Lengths[0] == units
            && w2.Rank == 2 && w2.Lengths[1] == units && b2.Rank == 1 && b2.Lengths[0] == classes && labels.Length == batch
            && dw1.Lengths.SequenceEqual(w1.Lengths) && dw2.Lengths.SequenceEqual(w2.Lengths)
            && db1.Lengths.SequenceEqual(b1.Lengths) && db2.Lengths.SequenceEqual(b2.Lengths)
            && hidden.Length >= batch * units && dhidden.Length >= batch * units && logits.Length >= batch * classes && dlogits.Length >= batch * classes);
        foreach (int label in labels)
        {
            Require((uint)label < (uint)classes);
        }

        ReadOnlySpan<float> xs = Elements(x);
        ReadOnlySpan<float> w1s = Elements(w1);
        ReadOnlySpan<float> b1s = Elements(b1);
        ReadOnlySpan<float> w2s = Elements(w2);
        ReadOnlySpan<float> b2s = Elements(b2);
        Span<float> h = hidden.AsSpan(0, batch * units);
        Span<float> z = logits.AsSpan(0, batch * classes);
        Span<float> g = dlogits.AsSpan(0, batch * classes);

        // h = relu(x w1ᵀ + b1), z = h w2ᵀ + b2.
        MatrixKernels.Multiply<float>(xs, batch, inputs, false, w1s, units, inputs, true, h);
        for (int r = 0; r < batch; r++)
        {
            Span<float> row = h.Slice(r * units, units);
            TensorPrimitives.Add(row, b1s, row);
            TensorPrimitives.Max(row, 0f, row);
        }

        MatrixKernels.Multiply<float>(h, batch, units, false, w2s, classes, units, true, z);
        for (int r = 0; r < batch; r++)
        {
            Span<float> row = z.Slice(r * classes, classes);
            TensorPrimitives.Add(row, b2s, row);
        }

        // g = (softmax(z) - onehot) / N; db2 = Σ_rows g, dw2 = gᵀ h.
        float loss = SoftmaxCrossEntropyLoop(z, labels, classes, g);
        Span<float> db2s = Elements(db2);
        db2s.Clear();
        for (int r = 0; r < batch; r++)
        {
            TensorPrimitives.Add(db2s, g.Slice(r * classes, classes), db2s);
        }

        MatrixKernels.Multiply<float>(g, batch, classes, true, h, batch, units, false, Elements(dw2));

        // dh = (g w2) where h > 0; db1 = Σ_rows dh, dw1 = dhᵀ x.
        Span<float> dh = dhidden.AsSpan(0, batch * units);
        MatrixKernels.Multiply<float>(g, batch, classes, false, w2s, classes, units, false, dh);
        int i = 0;
        for (; i <= dh.Length - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            Vector512<float> active = Vector512.GreaterThan(Vector512.Create(h.Slice(i, Vector512<float>.Count)), Vector512<float>.Zero);
            Vector512.ConditionalSelect(active, Vector512.Create(dh.Slice(i, Vector512<float>.Count)), Vector512<float>.Zero)
                .CopyTo(dh.Slice(i, Vector512<float>.Count));
        }

        for (; i < dh.Length; i++)
        {
            dh[i] = h[i] > 0 ? dh[i] : 0;
        }

        Span<float> db1s = Elements(db1);
        db1s.Clear();
        for (int r = 0; r < batch; r++)
        {
            TensorPrimitives.Add(db1s, dh.Slice(r * units, units), db1s);
        }

        MatrixKernels.Multiply<float>(dh, batch, units, true, xs, batch, inputs, false, Elements(dw1));
        return loss;
    }
}
