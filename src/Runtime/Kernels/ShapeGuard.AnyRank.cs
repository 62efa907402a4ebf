using System;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SymGrad.Kernels;

/// <summary>
/// Tensors of rank 3 or more passed to a method whose body reduces them along axes without showing their rank: the
/// axes the body names fold the tensor onto a rank-3 view <c>[a, b, c]</c> of the same elements in order, which the
/// method's rank-3 form computes. The last axis of <c>[d0, ..., dn-1]</c> is the last axis of
/// <c>[d0, d1*...*dn-2, dn-1]</c>, axis 0 the first, and a middle axis <c>k</c> the middle axis of
/// <c>[d0*...*dk-1, dk, dk+1*...*dn-1]</c>.
/// </summary>
public static partial class ShapeGuard
{
    /// <summary>
    /// Whether <paramref name="tensor"/> has rank 3 or more: the method then computes it through its rank-3 form.
    /// </summary>
    /// <param name="tensor">The tensor passed.</param>
    /// <returns>Whether its rank is above 2.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AboveMatrix<T>(in ReadOnlyTensorSpan<T> tensor) => tensor.Rank > 2;

    /// <summary>
    /// Works out the rank-3 view of <paramref name="tensor"/> the axes the method reduces it along
    /// fold it onto: the view's middle axis spans the tensor's axes <paramref name="first"/> up to (without)
    /// <paramref name="last"/>. Each axis is as written: 0 and -3 (read as axis 0), 1 and -2 (the middle axis), 2 and -1
    /// (the last axis) of the method's rank-3 form, each of which must name the same axis of the tensor. A tensor of
    /// lower rank (a matrix passed with a tensor of rank 3) is viewed with an axis of length 1 where no work names one.
    /// </summary>
    /// <param name="tensor">The tensor passed.</param>
    /// <param name="name">Its parameter's name.</param>
    /// <param name="axes">The axes the method reduces along, as written.</param>
    /// <param name="first">The first axis the view's middle axis spans.</param>
    /// <param name="last">The axis after the last one the view's middle axis spans.</param>
    /// <exception cref="ArgumentException">No rank-3 view reads every axis as written.</exception>
    public static void AnyRankSplit<T>(in ReadOnlyTensorSpan<T> tensor, string name, ReadOnlySpan<int> axes, out int first, out int last)
    {
        if (!TrySplit(tensor.Rank, axes, out first, out last))
        {
            ThrowNoFold(tensor.Lengths, name, axes);
        }
    }

    /// <summary>The split <see cref="AnyRankSplit"/> works out for a tensor of rank <paramref name="rank"/>; false where there is none.</summary>
    private static bool TrySplit(int rank, ReadOnlySpan<int> axes, out int first, out int last)
    {
        int? low = null;
        int? high = null;
        first = 0;
        last = 0;
        foreach (int written in axes)
        {
            int read = written < 0 ? written + 3 : written;
            int real = written < 0 ? written + rank : written;
            bool fits = read switch
            {
                0 => real == 0 && Agree(ref low, 1),
                2 => real == rank - 1 && Agree(ref high, rank - 1),
                _ => real >= 0 && real < rank && Agree(ref low, real) && Agree(ref high, real + 1),
            };
            if (!fits)
            {
                return false;
            }
        }

        // An axis no work names may be empty: a matrix reduced along its last axis is [d0, 1, d1].
        first = low ?? Math.Min(1, rank);
        last = high ?? Math.Max(rank - 1, first);
        return first <= last;

        static bool Agree(ref int? bound, int value)
        {
            if (bound is { } known && known != value)
            {
                return false;
            }

            bound = value;
            return true;
        }
    }

    /// <summary>
    /// The rank-3 view <c>[d0*...*d(first-1), d(first)*...*d(last-1), d(last)*...*dn-1]</c> of the dense
    /// <paramref name="tensor"/>: the same elements in order.
    /// </summary>
    /// <param name="tensor">The tensor passed (rank 3 or more).</param>
    /// <param name="name">Its parameter's name.</param>
    /// <param name="first">The first axis the view's middle axis spans.</param>
    /// <param name="last">The axis after the last one the view's middle axis spans.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentException">The tensor is not dense, or its rank differs from the one the split was worked out for.</exception>
    public static ReadOnlyTensorSpan<T> AnyRankView<T>(in ReadOnlyTensorSpan<T> tensor, string name, int first, int last)
    {
        Dense(tensor, name);
        Span<nint> lengths = stackalloc nint[3];
        Group(tensor.Lengths, first, last, lengths);
        ReadOnlySpan<T> elements = MemoryMarshal.CreateReadOnlySpan(in tensor.GetPinnableReference(), checked((int)tensor.FlattenedLength));
        return new ReadOnlyTensorSpan<T>(elements, lengths, []);
    }

    /// <summary>
    /// The rank-3 view of the gradient <paramref name="gradient"/> of <paramref name="input"/>, which must be dense and of
    /// its shape.
    /// </summary>
    /// <param name="gradient">The gradient.</param>
    /// <param name="gradientName">Its parameter's name.</param>
    /// <param name="input">The parameter it is the gradient of.</param>
    /// <param name="inputName">That parameter's name.</param>
    /// <param name="first">The first axis the view's middle axis spans.</param>
    /// <param name="last">The axis after the last one the view's middle axis spans.</param>
    /// <returns>The view.</returns>
    public static TensorSpan<T> AnyRankGradientView<T>(in TensorSpan<T> gradient, string gradientName, in ReadOnlyTensorSpan<T> input, string inputName, int first, int last)
    {
        Gradient(gradient, gradientName, input, inputName);
        Span<nint> lengths = stackalloc nint[3];
        Group(gradient.Lengths, first, last, lengths);
        Span<T> elements = MemoryMarshal.CreateSpan(ref gradient.GetPinnableReference(), checked((int)gradient.FlattenedLength));
        return new TensorSpan<T>(elements, lengths, []);
    }

    /// <summary>
    /// The matrix view <c>[d0*...*d(first-1), d(first)*...*dn-2]</c> of <paramref name="tensor"/>, which meets a
    /// reduction along the last axis of <paramref name="cube"/> <c>[d0, ..., dn-1]</c> without keepDims and so must be
    /// <c>[d0, ..., dn-2]</c> (the real shape is checked, not only the element count).
    /// </summary>
    /// <param name="tensor">The tensor meeting the results.</param>
    /// <param name="name">Its parameter's name.</param>
    /// <param name="cube">The tensor reduced.</param>
    /// <param name="cubeName">Its parameter's name.</param>
    /// <param name="first">The first axis the view's middle axis spans.</param>
    /// <returns>The view.</returns>
    public static ReadOnlyTensorSpan<T> AnyRankLeadingView<T>(in ReadOnlyTensorSpan<T> tensor, string name, in ReadOnlyTensorSpan<T> cube, string cubeName, int first)
    {
        Dense(tensor, name);
        ReadOnlySpan<nint> reduced = cube.Lengths[..^1];
        if (!tensor.Lengths.SequenceEqual(reduced))
        {
            ThrowLeadingAxesAnyRank(tensor.Lengths, name, cube.Lengths, cubeName);
        }

        Span<nint> lengths = stackalloc nint[3];
        Group(reduced, first, reduced.Length, lengths);
        ReadOnlySpan<T> elements = MemoryMarshal.CreateReadOnlySpan(in tensor.GetPinnableReference(), checked((int)tensor.FlattenedLength));
        return new ReadOnlyTensorSpan<T>(elements, lengths[..2], []);
    }

    /// <summary>
    /// The elements a copy of <paramref name="tensor"/> broadcast to the shape of a reduction along the last axis of
    /// <paramref name="cube"/> <c>[d0, ..., dn-1]</c> without keepDims, <c>[d0, ..., dn-2]</c>, needs: 0 where it has that
    /// shape already, else that shape's element count. It must broadcast to exactly that shape by PyTorch's rules
    /// (trailing lengths aligned, a length of 1 stretched, no more axes), as it meets the reduction element-wise.
    /// </summary>
    /// <param name="tensor">The tensor meeting the results.</param>
    /// <param name="name">Its parameter's name.</param>
    /// <param name="cube">The tensor reduced.</param>
    /// <param name="cubeName">Its parameter's name.</param>
    /// <returns>The length of the copy, or 0 for none.</returns>
    public static nint AnyRankLeadingExpandedLength<T>(in ReadOnlyTensorSpan<T> tensor, string name, in ReadOnlyTensorSpan<T> cube, string cubeName)
    {
        Dense(tensor, name);
        ReadOnlySpan<nint> lengths = tensor.Lengths;
        ReadOnlySpan<nint> target = cube.Lengths[..^1];
        if (lengths.SequenceEqual(target))
        {
            return 0;
        }

        nint count = 1;
        for (int axis = 0; axis < target.Length; axis++)
        {
            count *= target[axis];
        }

        if (!StretchesTo(lengths, target) || count == 0)
        {
            ThrowLeadingAxesAnyRank(lengths, name, cube.Lengths, cubeName);
        }

        return count;
    }

    /// <summary>
    /// <paramref name="tensor"/> broadcast to the shape of a reduction along the last axis of <paramref name="cube"/>:
    /// itself where <paramref name="buffer"/> is empty (it has that shape), else a copy written into <paramref name="buffer"/>.
    /// </summary>
    /// <param name="tensor">The tensor passed, checked by <see cref="AnyRankLeadingExpandedLength"/>.</param>
    /// <param name="cube">The tensor reduced.</param>
    /// <param name="buffer">The copy's elements, of the length <see cref="AnyRankLeadingExpandedLength"/> gave.</param>
    /// <returns>The tensor of the reduction's shape.</returns>
    public static ReadOnlyTensorSpan<T> AnyRankLeadingExpand<T>(in ReadOnlyTensorSpan<T> tensor, in ReadOnlyTensorSpan<T> cube, Span<T> buffer)
    {
        if (buffer.IsEmpty)
        {
            return tensor;
        }

        ReadOnlySpan<nint> target = cube.Lengths[..^1];
        ReadOnlySpan<T> source = MemoryMarshal.CreateReadOnlySpan(in tensor.GetPinnableReference(), checked((int)tensor.FlattenedLength));
        Span<nint> strides = stackalloc nint[target.Length];
        Span<nint> index = stackalloc nint[target.Length];
        BroadcastStrides(tensor.Lengths, target, strides);
        nint offset = 0;
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = source[(int)offset];
            offset = Step(target, strides, index, offset);
        }

        return new ReadOnlyTensorSpan<T>(buffer, target, []);
    }

    /// <summary>
    /// The gradient of a tensor broadcast by <see cref="AnyRankLeadingExpand"/>: itself where <paramref name="buffer"/>
    /// is empty, else the buffer, of the reduction's shape, that <see cref="AnyRankLeadingReduceBack"/> sums into it afterwards.
    /// </summary>
    /// <param name="gradient">The gradient.</param>
    /// <param name="gradientName">Its parameter's name.</param>
    /// <param name="input">The parameter it is the gradient of, as passed.</param>
    /// <param name="inputName">That parameter's name.</param>
    /// <param name="cube">The tensor reduced.</param>
    /// <param name="buffer">The broadcast gradient's elements, or empty.</param>
    /// <returns>The gradient of the reduction's shape.</returns>
    public static TensorSpan<T> AnyRankLeadingExpandedGradient<T>(in TensorSpan<T> gradient, string gradientName, in ReadOnlyTensorSpan<T> input, string inputName, in ReadOnlyTensorSpan<T> cube, Span<T> buffer)
    {
        Gradient(gradient, gradientName, input, inputName);
        return buffer.IsEmpty ? gradient : new TensorSpan<T>(buffer, cube.Lengths[..^1], []);
    }

    /// <summary>
    /// Sums the gradient <paramref name="buffer"/> of a copy made by <see cref="AnyRankLeadingExpand"/> back into
    /// <paramref name="gradient"/>, over the axes the input was stretched along; nothing where the buffer is empty.
    /// </summary>
    /// <param name="buffer">The gradient of the copy, of the reduction's shape.</param>
    /// <param name="cube">The tensor reduced.</param>
    /// <param name="gradient">The input's gradient, of its shape.</param>
    public static void AnyRankLeadingReduceBack<T>(ReadOnlySpan<T> buffer, in ReadOnlyTensorSpan<T> cube, in TensorSpan<T> gradient)
        where T : System.Numerics.INumberBase<T>
    {
        if (!buffer.IsEmpty)
        {
            ReduceBack(buffer, cube.Lengths[..^1], gradient);
        }
    }

    /// <summary>The gradient of a tensor read through <see cref="AnyRankLeadingView"/>, viewed alike once checked.</summary>
    /// <param name="gradient">The gradient.</param>
    /// <param name="gradientName">Its parameter's name.</param>
    /// <param name="input">The parameter it is the gradient of, as passed.</param>
    /// <param name="inputName">That parameter's name.</param>
    /// <param name="view">The input's view.</param>
    /// <returns>The view of the gradient.</returns>
    public static TensorSpan<T> AnyRankLeadingGradientView<T>(in TensorSpan<T> gradient, string gradientName, in ReadOnlyTensorSpan<T> input, string inputName, in ReadOnlyTensorSpan<T> view)
    {
        Gradient(gradient, gradientName, input, inputName);
        Span<T> elements = MemoryMarshal.CreateSpan(ref gradient.GetPinnableReference(), checked((int)gradient.FlattenedLength));
        return new TensorSpan<T>(elements, view.Lengths, []);
    }

    /// <summary>
    /// The elements a copy of <paramref name="tensor"/> broadcast to the shape of <paramref name="anchor"/> needs: 0
    /// where it has that shape already, else the anchor's element count. It must broadcast to exactly that shape by
    /// PyTorch's rules (trailing lengths aligned, a length of 1 stretched), as it meets the anchor element-wise.
    /// </summary>
    /// <param name="tensor">The tensor passed.</param>
    /// <param name="name">Its parameter's name.</param>
    /// <param name="anchor">The tensor whose shape it meets.</param>
    /// <param name="anchorName">That parameter's name.</param>
    /// <returns>The length of the copy, or 0 for none.</returns>
    public static nint AnyRankExpandedLength<T>(in ReadOnlyTensorSpan<T> tensor, string name, in ReadOnlyTensorSpan<T> anchor, string anchorName)
    {
        Dense(tensor, name);
        Dense(anchor, anchorName);
        ReadOnlySpan<nint> lengths = tensor.Lengths;
        ReadOnlySpan<nint> target = anchor.Lengths;
        if (lengths.SequenceEqual(target))
        {
            return 0;
        }

        if (!StretchesTo(lengths, target))
        {
            ThrowNotExpandable(lengths, name, target, anchorName);
        }

        return anchor.FlattenedLength;
    }

    /// <summary>
    /// <paramref name="tensor"/> broadcast to the shape of <paramref name="anchor"/>: itself where <paramref name="buffer"/>
    /// is empty (it has that shape), else a copy written into <paramref name="buffer"/>.
    /// </summary>
    /// <param name="tensor">The tensor passed, checked by <see cref="AnyRankExpandedLength"/>.</param>
    /// <param name="anchor">The tensor whose shape it takes.</param>
    /// <param name="buffer">The copy's elements, of the length <see cref="AnyRankExpandedLength"/> gave.</param>
    /// <returns>The tensor of the anchor's shape.</returns>
    public static ReadOnlyTensorSpan<T> AnyRankExpand<T>(in ReadOnlyTensorSpan<T> tensor, in ReadOnlyTensorSpan<T> anchor, Span<T> buffer)
    {
        if (buffer.IsEmpty)
        {
            return tensor;
        }

        ReadOnlySpan<T> source = MemoryMarshal.CreateReadOnlySpan(in tensor.GetPinnableReference(), checked((int)tensor.FlattenedLength));
        Span<nint> strides = stackalloc nint[anchor.Rank];
        Span<nint> index = stackalloc nint[anchor.Rank];
        BroadcastStrides(tensor.Lengths, anchor.Lengths, strides);
        ReadOnlySpan<nint> target = anchor.Lengths;
        nint offset = 0;
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = source[(int)offset];
            offset = Step(target, strides, index, offset);
        }

        return new ReadOnlyTensorSpan<T>(buffer, target, []);
    }

    /// <summary>
    /// The gradient of a tensor broadcast by <see cref="AnyRankExpand"/>: itself where <paramref name="buffer"/> is empty,
    /// else the buffer, of the anchor's shape, that <see cref="AnyRankReduceBack"/> sums into it afterwards.
    /// </summary>
    /// <param name="gradient">The gradient.</param>
    /// <param name="gradientName">Its parameter's name.</param>
    /// <param name="input">The parameter it is the gradient of, as passed.</param>
    /// <param name="inputName">That parameter's name.</param>
    /// <param name="anchor">The tensor whose shape the input was broadcast to.</param>
    /// <param name="buffer">The broadcast gradient's elements, or empty.</param>
    /// <returns>The gradient of the anchor's shape.</returns>
    public static TensorSpan<T> AnyRankExpandedGradient<T>(in TensorSpan<T> gradient, string gradientName, in ReadOnlyTensorSpan<T> input, string inputName, in ReadOnlyTensorSpan<T> anchor, Span<T> buffer)
    {
        Gradient(gradient, gradientName, input, inputName);
        return buffer.IsEmpty ? gradient : new TensorSpan<T>(buffer, anchor.Lengths, []);
    }

    /// <summary>
    /// Sums the gradient <paramref name="buffer"/> of a broadcast copy back into <paramref name="gradient"/>, over the
    /// axes the input was stretched along; nothing where the buffer is empty (the input was not copied).
    /// </summary>
    /// <param name="buffer">The gradient of the copy, of the anchor's shape.</param>
    /// <param name="anchor">The tensor whose shape the input was broadcast to.</param>
    /// <param name="gradient">The input's gradient, of its shape.</param>
    public static void AnyRankReduceBack<T>(ReadOnlySpan<T> buffer, in ReadOnlyTensorSpan<T> anchor, in TensorSpan<T> gradient)
        where T : System.Numerics.INumberBase<T>
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        ReduceBack(buffer, anchor.Lengths, gradient);
    }

    /// <summary>Sums <paramref name="buffer"/>, of the shape <paramref name="target"/>, into <paramref name="gradient"/>, which broadcasts to it.</summary>
    private static void ReduceBack<T>(ReadOnlySpan<T> buffer, ReadOnlySpan<nint> target, in TensorSpan<T> gradient)
        where T : System.Numerics.INumberBase<T>
    {
        Span<T> destination = MemoryMarshal.CreateSpan(ref gradient.GetPinnableReference(), checked((int)gradient.FlattenedLength));
        destination.Clear();
        Span<nint> strides = stackalloc nint[target.Length];
        Span<nint> index = stackalloc nint[target.Length];
        BroadcastStrides(gradient.Lengths, target, strides);
        nint offset = 0;
        for (int i = 0; i < buffer.Length; i++)
        {
            destination[(int)offset] += buffer[i];
            offset = Step(target, strides, index, offset);
        }
    }

    /// <summary>The stride of each axis of <paramref name="target"/> in a dense tensor of <paramref name="lengths"/> broadcast to it (0 along a stretched axis).</summary>
    private static void BroadcastStrides(ReadOnlySpan<nint> lengths, ReadOnlySpan<nint> target, Span<nint> strides)
    {
        strides.Clear();
        nint stride = 1;
        for (int axis = lengths.Length - 1; axis >= 0; axis--)
        {
            strides[axis + target.Length - lengths.Length] = lengths[axis] == 1 ? 0 : stride;
            stride *= lengths[axis];
        }
    }

    /// <summary>Moves <paramref name="index"/> to the next element of <paramref name="target"/> in order, and the offset with it.</summary>
    private static nint Step(ReadOnlySpan<nint> target, ReadOnlySpan<nint> strides, Span<nint> index, nint offset)
    {
        for (int axis = target.Length - 1; axis >= 0; axis--)
        {
            index[axis]++;
            offset += strides[axis];
            if (index[axis] < target[axis])
            {
                return offset;
            }

            offset -= strides[axis] * index[axis];
            index[axis] = 0;
        }

        return offset;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotExpandable(ReadOnlySpan<nint> shape, string name, ReadOnlySpan<nint> target, string anchorName)
        => throw new ArgumentException(
            $"'{name}' meets '{anchorName}' element-wise, but '{name}' is {Format(shape)} and '{anchorName}' is {Format(target)}: with '{anchorName}' reduced along an axis as a tensor of rank 3 or more, " +
            $"'{name}' must have the shape of '{anchorName}' or broadcast to it (its trailing lengths equal to those of '{anchorName}' or 1). Pass '{name}' with such a shape.",
            name);

    private static void Group(ReadOnlySpan<nint> shape, int first, int last, Span<nint> lengths)
    {
        lengths[0] = 1;
        lengths[1] = 1;
        lengths[2] = 1;
        for (int axis = 0; axis < shape.Length; axis++)
        {
            lengths[axis < first ? 0 : axis < last ? 1 : 2] *= shape[axis];
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNoFold(ReadOnlySpan<nint> shape, string name, ReadOnlySpan<int> axes)
    {
        string written = string.Join(", ", axes.ToArray());
        throw new ArgumentException(
            $"'{name}' has shape {Format(shape)} (rank {shape.Length.ToString(CultureInfo.InvariantCulture)}), but the method works along axes {written} of it, which do not fold onto one rank-3 view [a, b, c] " +
            "(axis 0, the last axis and one middle axis, each written once as counted from its own end: 0, -1 and either 1 or -2). " +
            $"Pass '{name}' with rank 2 or 3, or reshape it so the axes it is reduced along are axis 0, one middle axis and the last axis.",
            name);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLeadingAxesAnyRank(ReadOnlySpan<nint> shape, string name, ReadOnlySpan<nint> cube, string cubeName)
        => throw new ArgumentException(
            $"'{name}' meets a reduction along the last axis of '{cubeName}', which is {Format(cube)}, so it must be {Format(cube[..^1])} or broadcast to it (its trailing lengths equal to those or 1), but it is {Format(shape)}. " +
            $"Pass '{name}' with the leading lengths of '{cubeName}', or with some of them 1 or left out at the front.",
            name);
}
