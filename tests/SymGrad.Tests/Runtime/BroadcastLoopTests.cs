using System;
using System.Linq;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using SymGrad.Kernels;

namespace SymGrad.Tests.Runtime;

/// <summary>
/// <see cref="BroadcastLoop{T}"/> runs a kernel written for operands of one shape over operands that broadcast: each
/// test kernel computes <c>s = a + b</c> per element, reduces <c>s²</c> and writes <c>da = 2s</c>, <c>db = 3s</c>; the
/// loop must give what the kernel gives over the materialized broadcast, with each gradient summed back over the
/// dimensions its input was stretched along.
/// </summary>
public sealed class BroadcastLoopTests
{
    public static TheoryData<int[], int[]> Pairs()
    {
        var pairs = new TheoryData<int[], int[]>();
        int[][][] shapes =
        {
            [[3, 5], [5]], [[3, 5], [1, 5]], [[3, 5], [3, 1]], [[3, 5], [1]], [[2, 3, 4], [1]], [[3, 5], [1, 1]],
            [[2, 3, 4], [3, 4]], [[2, 3, 4], [2, 1, 4]], [[2, 3, 4], [4]], [[2, 3, 4], [2, 3, 1]], [[2, 3, 4], [1, 3, 1]],
            [[3, 1], [1, 5]], [[2, 1, 4], [3, 1]], [[4, 300], [300]], [[4, 300], [4, 1]], [[700], [1]],
            [[2, 0], [0]], [[5, 3, 2, 7], [3, 1, 7]],
        };
        foreach (int[][] pair in shapes)
        {
            pairs.Add(pair[0], pair[1]);
            pairs.Add(pair[1], pair[0]);
        }

        pairs.Add([3, 70], [3, 70]);

        return pairs;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Reduces_and_sums_gradients_back_as_over_the_materialized_broadcast(int[] left, int[] right)
    {
        var (a, b) = (Tensor<double>(left, seed: 1), Tensor<double>(right, seed: 2));
        var (da, db) = (Filled(left, double.NaN), Filled(right, double.NaN));
        var loop = new BroadcastLoop<double>(a, "a", b, "b").Gradient(da, "da", 0).Gradient(db, "db", 1);
        double value = loop.Reduce<SumSquare<double>, SumReduction<double>>(default);

        var (expected, expectedDa, expectedDb) = Reference(a, b);
        Assert.Equal(expected, value, 1e-12 * (1 + Math.Abs(expected)));
        AllClose(expectedDa, da.ToArray(), 1e-12, 1e-12);
        AllClose(expectedDb, db.ToArray(), 1e-12, 1e-12);
        Assert.Equal(Broadcast(left, right).Aggregate(1L, (p, n) => p * n), (long)loop.Count);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Maps_and_sums_run_the_same_kernel_as_reductions(int[] left, int[] right)
    {
        var (a, b) = (Tensor<float>(left, seed: 3), Tensor<float>(right, seed: 4));
        var (da, db) = (Filled(left, float.NaN), Filled(right, float.NaN));
        var loop = new BroadcastLoop<float>(a, "a", b, "b").Gradient(da, "da", 0).Gradient(db, "db", 1);
        loop.Map<SumSquare<float>>(default);
        var (expected, expectedDa, expectedDb) = Reference(a, b);
        AllClose(expectedDa, da.ToArray(), 1e-4, 1e-5);
        AllClose(expectedDb, db.ToArray(), 1e-4, 1e-5);

        // The operand order of the loop decides which field each block binds: here the gradients come first.
        var swapped = new BroadcastLoop<float>(b, "b", a, "a").Gradient(db, "db", 0).Gradient(da, "da", 1);
        Sums<float> sums = swapped.Sum<SumsOfSquare<float>>(default);
        Assert.Equal(expected, sums.S0, 1e-4 * (1 + Math.Abs(expected)));
        Assert.Equal(swapped.Count, (nint)sums.S1);
        AllClose(expectedDa, da.ToArray(), 1e-4, 1e-5);
        AllClose(expectedDb, db.ToArray(), 1e-4, 1e-5);
    }

    [Fact]
    public void Tensors_of_one_shape_give_what_the_flat_loop_gives_bit_for_bit()
    {
        var (a, b) = (Tensor<float>([7, 37], seed: 5), Tensor<float>([7, 37], seed: 6));
        var (da, db, flatDa, flatDb) = (Filled([7, 37], 0f), Filled([7, 37], 0f), Filled([7, 37], 0f), Filled([7, 37], 0f));
        float broadcast = new BroadcastLoop<float>(a, "a", b, "b").Gradient(da, "da", 0).Gradient(db, "db", 1).Reduce<SumSquare<float>, SumReduction<float>>(default);
        var kernel = new SumSquare<float>
        {
            a = ref a.GetPinnableReference(), b = ref b.GetPinnableReference(),
            da = ref flatDa.GetPinnableReference(), db = ref flatDb.GetPinnableReference(),
        };
        float flat = new FlatLoop<float>(a.FlattenedLength).Reduce<SumSquare<float>, SumReduction<float>>(kernel);
        Assert.Equal(flat, broadcast);
        Assert.Equal(flatDa.ToArray(), da.ToArray());
        Assert.Equal(flatDb.ToArray(), db.ToArray());
    }

    [Fact]
    public void A_third_input_broadcasts_with_the_first_two()
    {
        var (a, b, c) = (Tensor<double>([2, 3, 4], seed: 7), Tensor<double>([3, 1], seed: 8), Tensor<double>([4], seed: 9));
        double value = new BroadcastLoop<double>(a, "a", b, "b").Input(c, "c").Reduce<ProductOfThree, SumReduction<double>>(default);
        double expected = 0;
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                for (int k = 0; k < 4; k++)
                {
                    expected += a[i, j, k] * b[j, 0] * c[k];
                }
            }
        }

        Assert.Equal(expected, value, 1e-12);
    }

    [Fact]
    public void Shapes_that_do_not_broadcast_name_both_operands_both_shapes_and_the_fix()
    {
        var (a, b) = (Tensor<float>([2, 3], seed: 1), Tensor<float>([4], seed: 2));
        var error = Assert.Throws<ArgumentException>(() => new BroadcastLoop<float>(a, "x", b, "bias"));
        Assert.Equal("bias", error.ParamName);
        Assert.Contains("'x' [2, 3]", error.Message);
        Assert.Contains("'bias' [4]", error.Message);
        Assert.Contains("length 3 or 1", error.Message);

        var c = Tensor<float>([5, 1, 3], seed: 3);
        var third = Tensor<float>([4, 1], seed: 4);
        var later = Assert.Throws<ArgumentException>(() => new BroadcastLoop<float>(c, "c", a, "a").Input(third, "t"));
        Assert.Contains("'a' [2, 3] and 't' [4, 1]", later.Message);
    }

    [Fact]
    public void Bad_gradients_throw_before_anything_is_written()
    {
        var (a, b) = (Tensor<float>([3, 4], seed: 1), Tensor<float>([4], seed: 2));
        var wrongShape = Filled([3, 4], 7f);
        var error = Assert.Throws<ArgumentException>(() => new BroadcastLoop<float>(a, "x", b, "b").Gradient(wrongShape, "db", 1));
        Assert.Contains("'db' must have the shape of 'b', [4], but it is [3, 4]", error.Message);
        Assert.All(wrongShape.ToArray(), v => Assert.Equal(7f, v));

        var da = Filled([3, 4], 7f);
        Assert.Contains("share memory", Assert.Throws<ArgumentException>(() => new BroadcastLoop<float>(a, "x", b, "b").Gradient(da, "dx", 0).Gradient(da, "db2", 0)).Message);
        Assert.Contains("shares memory with input 'x'", Assert.Throws<ArgumentException>(() => new BroadcastLoop<float>(a, "x", b, "b").Gradient(a.AsTensorSpan(), "dx", 0)).Message);
        Assert.All(da.ToArray(), v => Assert.Equal(7f, v));
    }

    [Fact]
    public void A_broadcast_call_allocates_nothing()
    {
        var (a, b) = (Tensor<float>([64, 300], seed: 1), Tensor<float>([64, 1], seed: 2));
        var (da, db) = (Filled([64, 300], 0f), Filled([64, 1], 0f));
        float Run() => new BroadcastLoop<float>(a, "a", b, "b").Gradient(da, "da", 0).Gradient(db, "db", 1).Reduce<SumSquare<float>, SumReduction<float>>(default);
        Run();
        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (int i = 0; i < 10; i++)
            {
                Run();
            }
        }));
    }

    private static void AllClose<T>(double[] expected, T[] actual, double relative, double absolute)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            NumericAssert.Close(expected[i], double.CreateChecked(actual[i]), relative, absolute, "element " + i);
        }
    }

    private static int[] Broadcast(int[] left, int[] right)
    {
        int rank = Math.Max(left.Length, right.Length);
        var shape = new int[rank];
        for (int e = 0; e < rank; e++)
        {
            int l = e < left.Length ? left[left.Length - 1 - e] : 1;
            int r = e < right.Length ? right[right.Length - 1 - e] : 1;
            shape[rank - 1 - e] = l == 1 ? r : l;
        }

        return shape;
    }

    /// <summary>Sum((a + b)²) and its gradients, element by element over the broadcast shape, in double.</summary>
    private static (double Value, double[] Da, double[] Db) Reference<T>(Tensor<T> a, Tensor<T> b)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        int[] left = a.Lengths.ToArray().Select(n => (int)n).ToArray();
        int[] right = b.Lengths.ToArray().Select(n => (int)n).ToArray();
        int[] shape = Broadcast(left, right);
        T[] av = a.ToArray(), bv = b.ToArray();
        var da = new double[av.Length];
        var db = new double[bv.Length];
        double value = 0;
        long count = shape.Aggregate(1L, (p, n) => p * n);
        var index = new int[shape.Length];
        for (long flat = 0; flat < count; flat++)
        {
            long rest = flat;
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                index[d] = (int)(rest % shape[d]);
                rest /= shape[d];
            }

            int i = Offset(index, left), j = Offset(index, right);
            double s = double.CreateChecked(av[i]) + double.CreateChecked(bv[j]);
            value += s * s;
            da[i] += 2 * s;
            db[j] += 3 * s;
        }

        return (value, da, db);

        static int Offset(int[] index, int[] own)
        {
            int offset = 0;
            for (int d = 0; d < own.Length; d++)
            {
                int at = index[index.Length - own.Length + d];
                offset = (offset * own[d]) + (own[d] == 1 ? 0 : at);
            }

            return offset;
        }
    }

    private static Tensor<T> Tensor<T>(int[] shape, int seed)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        nint[] lengths = shape.Select(n => (nint)n).ToArray();
        int count = shape.Aggregate(1, (p, n) => p * n);
        return System.Numerics.Tensors.Tensor.Create(NumericAssert.Uniform<T>(count, -2, 2, seed), lengths);
    }

    private static Tensor<T> Filled<T>(int[] shape, T value)
    {
        nint[] lengths = shape.Select(n => (nint)n).ToArray();
        var tensor = System.Numerics.Tensors.Tensor.CreateFromShape<T>(lengths);
        tensor.Fill(value);
        return tensor;
    }

    /// <summary>s = a + b; returns s², writes da = 2s and db = 3s: the kind of kernel the generator writes.</summary>
    private ref struct SumSquare<T> : IFusedKernel<T>, IBroadcastKernel<T>
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        public ref readonly T a, b;
        public ref T da, db;

        public void Bind(scoped in BroadcastBlock<T> block) { this.a = ref block.R0; this.b = ref block.R1; this.da = ref block.R2; this.db = ref block.R3; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(nint i)
        {
            T s = Unsafe.Add(ref Unsafe.AsRef(in this.a), i) + Unsafe.Add(ref Unsafe.AsRef(in this.b), i);
            Unsafe.Add(ref this.da, i) = s + s;
            Unsafe.Add(ref this.db, i) = s + s + s;
            return s * s;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVector Invoke<TVector>(nint i)
            where TVector : struct, IVector<TVector, T>
        {
            var s = TVector.Load(in this.a, i) + TVector.Load(in this.b, i);
            TVector.Store(s + s, ref this.da, i);
            TVector.Store(s + s + s, ref this.db, i);
            return s * s;
        }
    }

    /// <summary>The kernel above as a kernel of sums (s² and a count), with its operands bound in the other order.</summary>
    private ref struct SumsOfSquare<T> : ISumsKernel<T>, IBroadcastKernel<T>
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        public ref readonly T a, b;
        public ref T da, db;

        public void Bind(scoped in BroadcastBlock<T> block) { this.b = ref block.R0; this.a = ref block.R1; this.db = ref block.R2; this.da = ref block.R3; }

        public void Invoke(nint i, ref Sums<T> sums)
        {
            T s = Unsafe.Add(ref Unsafe.AsRef(in this.a), i) + Unsafe.Add(ref Unsafe.AsRef(in this.b), i);
            Unsafe.Add(ref this.da, i) = s + s;
            Unsafe.Add(ref this.db, i) = s + s + s;
            sums.S0 += s * s;
            sums.S1 += T.One;
        }

        public void Invoke<TVector>(nint i, ref Sums<TVector> sums)
            where TVector : struct, IVector<TVector, T>
        {
            var s = TVector.Load(in this.a, i) + TVector.Load(in this.b, i);
            TVector.Store(s + s, ref this.da, i);
            TVector.Store(s + s + s, ref this.db, i);
            sums.S0 += s * s;
            sums.S1 += TVector.Create(T.One);
        }
    }

    private ref struct ProductOfThree : IFusedKernel<double>, IBroadcastKernel<double>
    {
        public ref readonly double a, b, c;

        public void Bind(scoped in BroadcastBlock<double> block) { this.a = ref block.R0; this.b = ref block.R1; this.c = ref block.R2; }

        public double Invoke(nint i) => Unsafe.Add(ref Unsafe.AsRef(in this.a), i) * Unsafe.Add(ref Unsafe.AsRef(in this.b), i) * Unsafe.Add(ref Unsafe.AsRef(in this.c), i);

        public TVector Invoke<TVector>(nint i)
            where TVector : struct, IVector<TVector, double>
            => TVector.Load(in this.a, i) * TVector.Load(in this.b, i) * TVector.Load(in this.c, i);
    }
}
