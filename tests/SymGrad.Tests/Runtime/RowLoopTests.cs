using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SymGrad.Kernels;

namespace SymGrad.Tests.Runtime;

/// <summary>The row drivers of a row pass (<c>MapRow</c>, <c>ReduceRow</c>, <c>LogSumExpRow</c>): one vector step per width, the last step overlapping.</summary>
public class RowLoopTests
{
    /// <summary>Every row length through the vector widths and their overlapping last steps, and rows longer than a block.</summary>
    public static TheoryData<int> Lengths()
    {
        var lengths = new TheoryData<int>();
        for (int length = 0; length <= 70; length++)
        {
            lengths.Add(length);
        }

        lengths.Add(1000);
        lengths.Add(FusedLoop.BlockLength + 1);
        lengths.Add(FusedLoop.ParallelThreshold + 5);
        return lengths;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MapRow_writes_every_element_and_nothing_past_the_end(int length)
    {
        MapRowMatchesScalar<float>(length);
        MapRowMatchesScalar<double>(length);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ReduceRow_counts_every_element_once(int length)
    {
        // Small integers sum exactly: a lane of the overlapping last step counted twice, or one skipped, changes the sum.
        double expected = 0;
        for (int i = 0; i < length; i++)
        {
            expected += (i % 17) + 1;
        }

        Assert.Equal(expected, double.CreateTruncating(RowSum<float>(length, i => (i % 17) + 1)));
        Assert.Equal(expected, RowSum<double>(length, i => (i % 17) + 1));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ReduceRow_max_is_exact_and_propagates_nan_wherever_it_is(int length)
    {
        foreach (int position in new[] { 0, length / 2, length - 9, length - 2, length - 1 })
        {
            if (position < 0 || position >= length)
            {
                continue;
            }

            float[] x = NumericAssert.Uniform<float>(length, -100, -1, seed: length);
            x[position] = -0.25f;
            Assert.Equal(-0.25f, RowMax(x));
            x[position] = float.NaN;
            Assert.True(float.IsNaN(RowMax(x)), $"NaN at {position} of {length}");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void LogSumExpRow_matches_a_double_reference(int length)
    {
        double[] x = NumericAssert.Uniform<double>(length, -30, 30, seed: length + 7);
        double max = double.NegativeInfinity;
        foreach (double v in x)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        foreach (double v in x)
        {
            sum += Math.Exp(v - max);
        }

        double expected = length == 0 ? double.NegativeInfinity : max + Math.Log(sum);
        double actual = FusedLoop.LogSumExpRow<ReadKernel<double>, double>(new ReadKernel<double>(x), length);
        if (length == 0)
        {
            Assert.Equal(double.NegativeInfinity, actual);
        }
        else
        {
            NumericAssert.Close(expected, actual, 1e-12, 1e-12, $"log-sum-exp of {length}");
        }
    }

    [Fact]
    public void LogSumExpRow_of_non_finite_rows_is_what_torch_logsumexp_gives()
    {
        float[] minusInfinity = [float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity];
        Assert.Equal(float.NegativeInfinity, FusedLoop.LogSumExpRow<ReadKernel<float>, float>(new ReadKernel<float>(minusInfinity), 3));

        float[] plusInfinity = new float[20];
        plusInfinity[17] = float.PositiveInfinity;
        Assert.Equal(float.PositiveInfinity, FusedLoop.LogSumExpRow<ReadKernel<float>, float>(new ReadKernel<float>(plusInfinity), 20));

        float[] nan = new float[20];
        nan[19] = float.NaN;
        Assert.True(float.IsNaN(FusedLoop.LogSumExpRow<ReadKernel<float>, float>(new ReadKernel<float>(nan), 20)));

        // Large logits do not overflow: the shift by the maximum keeps every exponential at most 1.
        float[] large = new float[33];
        Array.Fill(large, 100f);
        NumericAssert.Close(100 + Math.Log(33), FusedLoop.LogSumExpRow<ReadKernel<float>, float>(new ReadKernel<float>(large), 33), 1e-5, 1e-6, "33 logits of 100");
    }

    private static void MapRowMatchesScalar<T>(int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[] x = NumericAssert.Uniform<T>(length, -10, 10, seed: length);
        var y = new T[length + 3];
        Array.Fill(y, T.NaN);
        FusedLoop.MapRow<AffineKernel<T>, T>(new AffineKernel<T>(x, y), length);

        T two = T.CreateTruncating(2);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal((two * x[i]) + T.One, y[i]);
        }

        for (int i = length; i < y.Length; i++)
        {
            Assert.True(T.IsNaN(y[i]), $"element {i} past the end of {length} was written");
        }
    }

    private static T RowSum<T>(int length, Func<int, T> element)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var x = new T[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = element(i);
        }

        return FusedLoop.ReduceRow<ReadKernel<T>, SumReduction<T>, T>(new ReadKernel<T>(x), length);
    }

    private static float RowMax(float[] x) => FusedLoop.ReduceRow<ReadKernel<float>, MaxReduction<float>, float>(new ReadKernel<float>(x), x.Length);

    /// <summary>Writes <c>y = 2x + 1</c>.</summary>
    private readonly ref struct AffineKernel<T> : IFusedKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly ref readonly T _x;
        private readonly ref T _y;

        public AffineKernel(ReadOnlySpan<T> x, Span<T> y)
        {
            _x = ref MemoryMarshal.GetReference(x);
            _y = ref MemoryMarshal.GetReference(y);
        }

        public T Invoke(nint i)
            => Unsafe.Add(ref _y, i) = (T.CreateTruncating(2) * Unsafe.Add(ref Unsafe.AsRef(in _x), i)) + T.One;

        public TVector Invoke<TVector>(nint i)
            where TVector : struct, IVector<TVector, T>
        {
            TVector y = (TVector.Create(T.CreateTruncating(2)) * TVector.Load(in _x, i)) + TVector.Create(T.One);
            TVector.Store(y, ref _y, i);
            return y;
        }
    }

    /// <summary>Returns <c>x</c> unchanged, for reductions of the input itself.</summary>
    private readonly ref struct ReadKernel<T> : IFusedKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly ref readonly T _x;

        public ReadKernel(ReadOnlySpan<T> x) => _x = ref MemoryMarshal.GetReference(x);

        public T Invoke(nint i) => Unsafe.Add(ref Unsafe.AsRef(in _x), i);

        public TVector Invoke<TVector>(nint i)
            where TVector : struct, IVector<TVector, T>
            => TVector.Load(in _x, i);
    }
}
