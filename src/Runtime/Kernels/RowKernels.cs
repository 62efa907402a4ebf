using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// Reductions along one axis of a dense row-major matrix for generated code, with PyTorch's semantics: axis 1 gives
/// one value per row (SIMD over the contiguous row), axis 0 one value per column. Also the one-hot matrix of class
/// labels and the element each label picks from its row, for <c>CrossEntropy</c>.
/// </summary>
public static class RowKernels
{
    /// <summary>The sums of <paramref name="x"/> along <paramref name="axis"/>; an empty axis sums to 0.</summary>
    public static void Sum<T>(ReadOnlySpan<T> x, nint rows, nint columns, int axis, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (int r, int c) = Shape(x, rows, columns, axis, destination);
        if (axis == 1)
        {
            for (int i = 0; i < r; i++)
            {
                destination[i] = TensorPrimitives.Sum(x.Slice(i * c, c));
            }

            return;
        }

        destination = destination.Slice(0, c);
        destination.Clear();
        for (int i = 0; i < r; i++)
        {
            TensorPrimitives.Add(destination, x.Slice(i * c, c), destination);
        }
    }

    /// <summary>The largest element of <paramref name="x"/> along <paramref name="axis"/>; NaN propagates, as in torch.amax.</summary>
    public static void Max<T>(ReadOnlySpan<T> x, nint rows, nint columns, int axis, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Extreme(x, rows, columns, axis, destination, largest: true);

    /// <summary>The smallest element of <paramref name="x"/> along <paramref name="axis"/>; NaN propagates, as in torch.amin.</summary>
    public static void Min<T>(ReadOnlySpan<T> x, nint rows, nint columns, int axis, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Extreme(x, rows, columns, axis, destination, largest: false);

    /// <summary>
    /// <c>log(sum(exp(x)))</c> along <paramref name="axis"/>, shifted by the maximum so no exponential overflows. A
    /// non-finite maximum is the answer (NaN, +infinity, or -infinity when every element is -infinity); an empty axis
    /// gives -infinity, as torch.logsumexp.
    /// </summary>
    public static void LogSumExp<T>(ReadOnlySpan<T> x, nint rows, nint columns, int axis, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (int r, int c) = Shape(x, rows, columns, axis, destination);
        if (axis == 1)
        {
            for (int i = 0; i < r; i++)
            {
                destination[i] = LogSumExpOf(x.Slice(i * c, c));
            }

            return;
        }

        // Along the columns the elements are strided: each column is reduced on its own.
        for (int j = 0; j < c; j++)
        {
            T max = T.NegativeInfinity;
            for (int i = 0; i < r; i++)
            {
                T value = x[(i * c) + j];
                max = T.IsNaN(value) || T.IsNaN(max) ? T.NaN : T.Max(max, value);
            }

            if (r == 0 || !T.IsFinite(max))
            {
                destination[j] = max;
                continue;
            }

            T sum = T.Zero;
            for (int i = 0; i < r; i++)
            {
                sum += T.Exp(x[(i * c) + j] - max);
            }

            destination[j] = max + T.Log(sum);
        }
    }

    /// <summary>The one-hot matrix of <paramref name="labels"/>: row i is 1 at column <c>labels[i]</c> and 0 elsewhere.</summary>
    /// <remarks>The labels were checked by <see cref="ShapeGuard.Labels(ReadOnlySpan{int}, string, nint, nint)"/>.</remarks>
    public static void OneHot<T>(ReadOnlySpan<int> labels, nint rows, nint columns, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int r = checked((int)rows);
        int c = checked((int)columns);
        destination = destination.Slice(0, r * c);
        destination.Clear();
        for (int i = 0; i < r; i++)
        {
            destination[(i * c) + labels[i]] = T.One;
        }
    }

    /// <summary>Element <c>x[i, labels[i]]</c> of each row i of <paramref name="x"/>.</summary>
    /// <remarks>The labels were checked by <see cref="ShapeGuard.Labels(ReadOnlySpan{int}, string, nint, nint)"/>.</remarks>
    public static void Pick<T>(ReadOnlySpan<T> x, nint rows, nint columns, ReadOnlySpan<int> labels, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int r = checked((int)rows);
        int c = checked((int)columns);
        for (int i = 0; i < r; i++)
        {
            destination[i] = x[(i * c) + labels[i]];
        }
    }

    private static (int Rows, int Columns) Shape<T>(ReadOnlySpan<T> x, nint rows, nint columns, int axis, Span<T> destination)
    {
        int r = checked((int)rows);
        int c = checked((int)columns);
        if ((uint)axis > 1 || x.Length < r * c || destination.Length < (axis == 1 ? r : c))
        {
            throw new ArgumentException($"A reduction along axis {axis} of a [{r}, {c}] matrix got {x.Length} elements and room for {destination.Length} results.");
        }

        return (r, c);
    }

    private static void Extreme<T>(ReadOnlySpan<T> x, nint rows, nint columns, int axis, Span<T> destination, bool largest)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (int r, int c) = Shape(x, rows, columns, axis, destination);
        // As torch.amax and torch.amin: an empty axis throws, even when the result has no elements either.
        if ((axis == 1 ? c : r) == 0)
        {
            throw new ArgumentException(
                $"{(largest ? "Max" : "Min")}(x, axis) of an empty axis has no value: the matrix is [{r}, {c}] and its axis {axis} has length 0. " +
                "Reduce along an axis whose length is not 0.");
        }

        if (axis == 1)
        {
            for (int i = 0; i < r; i++)
            {
                ReadOnlySpan<T> row = x.Slice(i * c, c);
                destination[i] = largest ? TensorPrimitives.Max(row) : TensorPrimitives.Min(row);
            }

            return;
        }

        if (r == 0)
        {
            return;
        }

        destination = destination.Slice(0, c);
        x.Slice(0, c).CopyTo(destination);
        for (int i = 1; i < r; i++)
        {
            ReadOnlySpan<T> row = x.Slice(i * c, c);
            if (largest)
            {
                TensorPrimitives.Max(destination, row, destination);
            }
            else
            {
                TensorPrimitives.Min(destination, row, destination);
            }
        }
    }

    private static T LogSumExpOf<T>(ReadOnlySpan<T> row)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (row.IsEmpty)
        {
            return T.NegativeInfinity;
        }

        T max = TensorPrimitives.Max(row);
        if (!T.IsFinite(max))
        {
            return max;
        }

        var kernel = new ShiftedExp<T>(row, max);
        return max + T.Log(FusedLoop.Reduce<ShiftedExp<T>, SumReduction<T>, T>(ref kernel, row.Length));
    }
}

/// <summary><c>exp(x[i] - shift)</c>: the terms of a shifted log-sum-exp.</summary>
file readonly ref struct ShiftedExp<T> : IFusedKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ref readonly T x;
    private readonly T shift;

    public ShiftedExp(ReadOnlySpan<T> x, T shift)
    {
        this.x = ref MemoryMarshal.GetReference(x);
        this.shift = shift;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(nint i) => SimdMath.Exp(Unsafe.Add(ref Unsafe.AsRef(in this.x), i) - this.shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Invoke<TVector>(nint i)
        where TVector : struct, IVector<TVector, T>
        => TVector.Exp(TVector.Load(in this.x, i) - TVector.Create(this.shift));
}
