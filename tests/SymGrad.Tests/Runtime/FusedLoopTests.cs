using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SymGrad.Kernels;

namespace SymGrad.Tests.Runtime;

public class FusedLoopTests
{
    /// <summary>Every length through the vector widths and their tails, plus lengths that span several reduction blocks.</summary>
    public static TheoryData<int> Lengths()
    {
        var lengths = new TheoryData<int>();
        for (int length = 0; length <= 70; length++)
        {
            lengths.Add(length);
        }

        lengths.Add(FusedLoop.BlockLength);
        lengths.Add(FusedLoop.BlockLength + 1);
        lengths.Add((FusedLoop.BlockLength * 3) + 7);
        lengths.Add((FusedLoop.BlockLength * 4) + 13);

        // Large enough to share blocks with a second core.
        lengths.Add(FusedLoop.ParallelThreshold + 5);
        lengths.Add((FusedLoop.ParallelThreshold * 3) + 77);
        return lengths;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Map_writes_every_element_exactly_and_nothing_past_the_end(int length)
    {
        MapMatchesScalar<float>(length);
        MapMatchesScalar<double>(length);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Reduce_writes_outputs_and_sums_within_rounding(int length)
    {
        ReduceMatchesScalar<float>(length, unitRoundoff: Math.ScaleB(1, -24));
        ReduceMatchesScalar<double>(length, unitRoundoff: Math.ScaleB(1, -53));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Reduce_counts_every_element_once(int length)
    {
        // Small integers sum exactly, so a lane counted twice or skipped changes the result.
        Assert.Equal(length, SumOf<float>(length, _ => 1f));
        Assert.Equal(length, SumOf<double>(length, _ => 1d));

        double expectedModular = 0;
        for (int i = 0; i < length; i++)
        {
            expectedModular += (i % 17) + 1;
        }

        Assert.Equal(expectedModular, SumOf<float>(length, i => (i % 17) + 1));
        Assert.Equal((double)length * (length - 1) / 2, SumOf<double>(length, i => i));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Max_is_exact_wherever_the_maximum_is(int length)
    {
        var minusInfinity = new double[length];
        Array.Fill(minusInfinity, double.NegativeInfinity);
        Assert.Equal(double.NegativeInfinity, MaxOf(minusInfinity, -1, 0d));
        foreach (int position in Positions(length))
        {
            Assert.Equal(-0.25f, MaxOf(NumericAssert.Uniform<float>(length, -100, -1, seed: length), position, -0.25f));
            Assert.Equal(-0.25d, MaxOf(NumericAssert.Uniform<double>(length, -100, -1, seed: length), position, -0.25d));
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Max_propagates_nan_wherever_it_is(int length)
    {
        foreach (int position in Positions(length))
        {
            Assert.True(float.IsNaN(MaxOf(NumericAssert.Uniform<float>(length, -1, 1, seed: length), position, float.NaN)));
            Assert.True(double.IsNaN(MaxOf(NumericAssert.Uniform<double>(length, -1, 1, seed: length), position, double.NaN)));
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Several_sums_in_one_loop_count_every_element_once_and_write_every_output(int length)
    {
        double[] x = NumericAssert.Uniform<double>(length, -4, 4, seed: length + 1);
        var y = new double[length + 2];
        Array.Fill(y, double.NaN);
        var kernel = new MomentsKernel(x, y);
        Sums<double> sums = FusedLoop.Sum<MomentsKernel, double>(ref kernel, length);

        double sum = 0, squares = 0;
        for (int i = 0; i < length; i++)
        {
            sum += x[i];
            squares += x[i] * x[i];
            Assert.Equal(x[i] + 1, y[i]);
        }

        Assert.True(double.IsNaN(y[length]) && double.IsNaN(y[length + 1]), "wrote past the end");
        Assert.Equal(length, sums.S2);
        Assert.Equal(0, sums.S3);
        Assert.True(Math.Abs(sums.S0 - sum) <= 1e-12 * (1 + Math.Abs(sum) + length), $"sum {sums.S0} vs {sum}");
        Assert.True(Math.Abs(sums.S1 - squares) <= 1e-12 * (1 + squares), $"sum of squares {sums.S1} vs {squares}");
    }

    [Fact]
    public void Shared_loops_give_the_single_threaded_result_bit_for_bit()
    {
        int length = (FusedLoop.ParallelThreshold * 2) + 12345;
        float[] x = NumericAssert.Uniform<float>(length, -10, 10, seed: 3);
        float shared = SumOfSquares(x, share: true);
        float single = SumOfSquares(x, share: false);
        Assert.Equal(BitConverter.SingleToInt32Bits(single), BitConverter.SingleToInt32Bits(shared));

        // And again, racing another thread for the helper: the loser runs alone, with the same result.
        System.Threading.Tasks.Parallel.For(0, 8, _ => Assert.Equal(shared, SumOfSquares(x, share: true)));
    }

    [Fact]
    public void Shared_loops_allocate_nothing_even_when_the_caller_blocks()
    {
        int length = (FusedLoop.ParallelThreshold * 2) + 7;
        float[] x = NumericAssert.Uniform<float>(length, -1, 1, seed: 5);
        var kernel = new SquareSumKernel<float>(x, new float[length]);
        float expected = FusedLoop.Reduce<SquareSumKernel<float>, SumReduction<float>, float>(ref kernel, length);

        // Threads that keep every core busy make the helper late, so the caller's spinning runs out and it blocks.
        using var stop = new System.Threading.CancellationTokenSource();
        var busy = new System.Threading.Thread[Environment.ProcessorCount + 1];
        for (int t = 0; t < busy.Length; t++)
        {
            busy[t] = new System.Threading.Thread(() =>
            {
                double sink = 0;
                while (!stop.IsCancellationRequested)
                {
                    sink += Math.Sqrt(sink + 1);
                }
            }) { IsBackground = true };
            busy[t].Start();
        }

        try
        {
            // Two batches of 40 under the same load: what a thread or the runtime sets up once (the first time the
            // helper is found asleep, say) may fall in the first; the second is the steady state, and must allocate nothing.
            int differing = 0;
            long first = 0, second = 0;
            for (int batch = 0; batch < 2; batch++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int call = 0; call < 40; call++)
                {
                    differing += FusedLoop.Reduce<SquareSumKernel<float>, SumReduction<float>, float>(ref kernel, length) == expected ? 0 : 1;
                }

                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                (first, second) = batch == 0 ? (allocated, 0) : (first, allocated);
            }

            Assert.True(differing == 0, $"{differing} of 80 shared loops differed from the single-threaded result");
            Assert.True(second == 0, $"40 shared loops allocated {second} B in the steady state ({first} B in the 40 before them)");
        }
        finally
        {
            stop.Cancel();
            foreach (var thread in busy)
            {
                thread.Join();
            }
        }
    }

    private static float SumOfSquares(float[] x, bool share)
    {
        var output = new float[x.Length];
        var kernel = new SquareSumKernel<float>(x, output);
        FusedLoop.ShareLargeLoops = share;
        try
        {
            return FusedLoop.Reduce<SquareSumKernel<float>, SumReduction<float>, float>(ref kernel, x.Length);
        }
        finally
        {
            FusedLoop.ShareLargeLoops = true;
        }
    }

    /// <summary>Every position of a short input; the ends, block edges and the tail of a long one.</summary>
    private static int[] Positions(int length)
    {
        if (length <= 70)
        {
            int[] all = new int[length];
            for (int i = 0; i < length; i++)
            {
                all[i] = i;
            }

            return all;
        }

        return [0, 1, length / 2, FusedLoop.BlockLength - 1, FusedLoop.BlockLength % length, length - 20, length - 9, length - 2, length - 1];
    }

    private static void MapMatchesScalar<T>(int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[] x = NumericAssert.Uniform<T>(length, -10, 10, seed: length);
        var y = new T[length + 3];
        Array.Fill(y, T.NaN);

        var kernel = new AffineKernel<T>(x, y);
        FusedLoop.Map<AffineKernel<T>, T>(ref kernel, length);

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

    private static void ReduceMatchesScalar<T>(int length, double unitRoundoff)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[] x = NumericAssert.Uniform<T>(length, -2, 2, seed: length + 1);
        var y = new T[length + 3];
        Array.Fill(y, T.NaN);

        var kernel = new SquareSumKernel<T>(x, y);
        T sum = FusedLoop.Reduce<SquareSumKernel<T>, SumReduction<T>, T>(ref kernel, length);

        double expected = 0;
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(x[i] * x[i], y[i]);
            expected += double.CreateTruncating(x[i]) * double.CreateTruncating(x[i]);
        }

        for (int i = length; i < y.Length; i++)
        {
            Assert.True(T.IsNaN(y[i]), $"element {i} past the end of {length} was written");
        }

        // Each accumulator lane adds at most a block's share of the elements; then lanes, accumulators and blocks combine.
        double additions = (Math.Min(length, FusedLoop.BlockLength) / (4.0 * Vector128<T>.Count)) + Vector512<T>.Count + (length / FusedLoop.BlockLength) + 8;
        NumericAssert.Close(expected, double.CreateTruncating(sum), 0, 2 * additions * unitRoundoff * expected, $"sum of squares of {length}");
    }

    private static double SumOf<T>(int length, Func<int, T> element)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var x = new T[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = element(i);
        }

        var kernel = new ReadKernel<T>(x);
        return double.CreateTruncating(FusedLoop.Reduce<ReadKernel<T>, SumReduction<T>, T>(ref kernel, length));
    }

    private static T MaxOf<T>(T[] x, int position, T planted)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (position >= 0 && position < x.Length)
        {
            x[position] = planted;
        }

        var kernel = new ReadKernel<T>(x);
        return FusedLoop.Reduce<ReadKernel<T>, MaxReduction<T>, T>(ref kernel, x.Length);
    }

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

    /// <summary>Writes <c>y = x * x</c> and returns it for the loop's reduction.</summary>
    private readonly ref struct SquareSumKernel<T> : IFusedKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly ref readonly T _x;
        private readonly ref T _y;

        public SquareSumKernel(ReadOnlySpan<T> x, Span<T> y)
        {
            _x = ref MemoryMarshal.GetReference(x);
            _y = ref MemoryMarshal.GetReference(y);
        }

        public T Invoke(nint i)
        {
            T x = Unsafe.Add(ref Unsafe.AsRef(in _x), i);
            return Unsafe.Add(ref _y, i) = x * x;
        }

        public TVector Invoke<TVector>(nint i)
            where TVector : struct, IVector<TVector, T>
        {
            TVector x = TVector.Load(in _x, i);
            TVector y = x * x;
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

    /// <summary>Three sums at once (Σx, Σx², a count) and an output y = x + 1.</summary>
    private readonly ref struct MomentsKernel : ISumsKernel<double>
    {
        private readonly ref readonly double x;
        private readonly ref double y;

        public MomentsKernel(double[] x, double[] y)
        {
            this.x = ref MemoryMarshal.GetArrayDataReference(x);
            this.y = ref MemoryMarshal.GetArrayDataReference(y);
        }

        public void Invoke(nint i, ref Sums<double> sums)
        {
            double v = Unsafe.Add(ref Unsafe.AsRef(in this.x), i);
            Unsafe.Add(ref this.y, i) = v + 1;
            sums.S0 += v;
            sums.S1 += v * v;
            sums.S2 += 1;
        }

        public void Invoke<TVector>(nint i, ref Sums<TVector> sums)
            where TVector : struct, IVector<TVector, double>
        {
            TVector v = TVector.Load(in this.x, i);
            TVector one = TVector.Create(1);
            TVector.Store(v + one, ref this.y, i);
            sums.S0 += v;
            sums.S1 += v * v;
            sums.S2 += one;
        }
    }
}
