using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad.Kernels;

/// <summary>
/// The matrix product <c>C = op(A) · op(B)</c> for products large enough to block, in the layout of Goto's GEMM:
/// op(B) is packed a block at a time (<see cref="Depth"/> rows of the inner dimension by up to a column block, in
/// panels of <see cref="Width{T}"/> columns), op(A) a micro-panel of <see cref="Rows"/> rows at a time, and the
/// micro-kernel keeps a <see cref="Rows"/> x <see cref="Width{T}"/> tile of C in Vector512 registers while it runs
/// down the inner dimension with fused multiply-adds. The transposes are handled while packing, so one micro-kernel
/// serves all four combinations.
/// </summary>
/// <remarks>
/// Large products are shared between two cores by tiles of C, never by the inner dimension: every element of C is
/// the same chain of fused multiply-adds over the inner dimension in order, whichever core computes it, so the result
/// is bit-identical to a single-core run. The number of cores follows <see cref="Environment.ProcessorCount"/>
/// (set the environment variable <c>DOTNET_PROCESSOR_COUNT=1</c> to keep products on the calling thread).
/// </remarks>
internal static unsafe class Gemm
{
    /// <summary>Products with at least this many multiply-adds are blocked; smaller ones take the simple loops.</summary>
    public const long BlockedThreshold = 1 << 8;

    /// <summary>Products with at least this many multiply-adds are shared with a second core.</summary>
    public const long SharedThreshold = 1 << 21;

    /// <summary>Rows of C in one register tile (MR): 2 x 12 accumulators, two panel vectors and a broadcast fit the 32 registers.</summary>
    private const int Rows = 12;

    /// <summary>Rows of packed op(B) per block (KC): a micro-panel of op(A) (<c>Rows x Depth</c>) stays in L1.</summary>
    private const int Depth = 256;

    /// <summary>Bytes of one packed block of op(B): half of the 1 MiB L2, so it stays there while op(A) streams past.</summary>
    private const int BlockBytes = 512 * 1024;

    /// <summary>Packed panels of the calling thread: pinned, reused by every call on that thread.</summary>
    [ThreadStatic]
    private static byte[]? workspace;

    public static bool Applies<T>(long multiplyAdds)
        => Vector512.IsHardwareAccelerated && multiplyAdds >= BlockedThreshold && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <summary>How many cores a product of this many multiply-adds uses when the caller does not say.</summary>
    public static int DefaultThreads(long multiplyAdds)
        => multiplyAdds >= SharedThreshold && Environment.ProcessorCount > 1 ? 2 : 1;

    /// <summary>
    /// Writes <c>op(A) · op(B)</c> to <paramref name="c"/> (<paramref name="m"/> x <paramref name="n"/>, row-major),
    /// where op(A) is <paramref name="m"/> x <paramref name="k"/> and op(B) is <paramref name="k"/> x <paramref name="n"/>.
    /// </summary>
    /// <remarks>The number of cores is <c>threads</c> (1 or 2), or chosen by size (<see cref="DefaultThreads"/>) when 0.</remarks>
    public static void Multiply<T>(
        ReadOnlySpan<T> a, int m, int k, bool transposeA,
        ReadOnlySpan<T> b, int n, bool transposeB,
        Span<T> c, int threads = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Multiply(new Operand<T>(a, transposeA ? m : k), m, k, transposeA, new Operand<T>(b, transposeB ? k : n), n, transposeB, c, n, threads);

    /// <summary>
    /// Writes <c>op(A) · op(B)</c> to the <paramref name="m"/> x <paramref name="n"/> matrix whose rows start
    /// <paramref name="strideC"/> elements apart in <paramref name="c"/>; each operand's rows start its
    /// <see cref="Operand{T}.Stride"/> apart, so a block of a larger matrix is read in place.
    /// </summary>
    public static void Multiply<T>(
        Operand<T> a, int m, int k, bool transposeA,
        Operand<T> b, int n, bool transposeB,
        Span<T> c, int strideC, int threads = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Require(a, m, k, transposeA, b, n, transposeB, c, strideC);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            for (int i = 0; i < m; i++)
            {
                c.Slice(i * strideC, n).Clear();
            }

            return;
        }

        if (threads <= 0)
        {
            threads = DefaultThreads((long)m * n * k);
        }

        fixed (T* pa = a.Elements)
        fixed (T* pb = b.Elements)
        fixed (T* pc = c)
        {
            Job job = Plan(pa, a.Stride, m, k, transposeA, pb, b.Stride, n, transposeB, pc, strideC, threads);
            if (threads > 1 && job.Tiles > 1)
            {
                BlockParallel.For(job.Tiles, &job, &Tile<T>);
            }
            else
            {
                for (int tile = 0; tile < job.Tiles; tile++)
                {
                    Tile<T>(&job, tile);
                }
            }
        }
    }

    /// <summary>The kernels read and write through pointers: a short span or a stride shorter than a row must never be run past.</summary>
    private static void Require<T>(Operand<T> a, int m, int k, bool transposeA, Operand<T> b, int n, bool transposeB, Span<T> c, int strideC)
    {
        if (!a.Holds(transposeA ? k : m, transposeA ? m : k) || !b.Holds(transposeB ? n : k, transposeB ? k : n) || !Holds(c.Length, strideC, m, n))
        {
            throw new ArgumentException($"Matrix product spans are too short for [{m}, {k}] · [{k}, {n}]: a has {a.Elements.Length} (row stride {a.Stride}), b {b.Elements.Length} (row stride {b.Stride}), c {c.Length} (row stride {strideC}) elements.");
        }
    }

    /// <summary>Whether <paramref name="length"/> elements hold <paramref name="rows"/> rows of <paramref name="columns"/> starting <paramref name="stride"/> apart.</summary>
    internal static bool Holds(int length, int stride, int rows, int columns)
        => rows == 0 || columns == 0 || (stride >= columns && length >= ((long)(rows - 1) * stride) + columns);

    /// <summary>
    /// Blocks the product for <paramref name="threads"/> cores. Each tile packs its own panels, so a split duplicates
    /// packing: two tiles per core only when each keeps at least eight register tiles along the split, else one.
    /// </summary>
    private static Job Plan<T>(
        T* a, int strideA, int m, int k, bool transposeA,
        T* b, int strideB, int n, bool transposeB,
        T* c, int strideC, int threads)
        where T : unmanaged
    {
        int width = Width<T>();
        int columnBlock = ColumnBlock<T>();
        int rowPanels = (m + Rows - 1) / Rows;
        int rowBlock = rowPanels * Rows;
        int columnBlocks = (n + columnBlock - 1) / columnBlock;
        int rowBlocks = 1;
        if (threads > 1 && columnBlocks < 2 * threads)
        {
            // Split whichever of the rows and the columns (within one column block) shares the register tiles out
            // more evenly.
            int columnPanels = (n + width - 1) / width;
            int along = columnBlocks == 1 ? Math.Max(rowPanels, columnPanels) : rowPanels;
            int wanted = along >= 2 * threads * 8 ? 2 * threads : threads;
            double rowShare = Math.Ceiling((double)rowPanels / wanted) / rowPanels;
            double columnShare = Math.Ceiling((double)columnPanels / wanted) / columnPanels;
            if (columnBlocks == 1 && columnShare < rowShare)
            {
                // One column block holds all of op(B), so the narrower blocks fit the workspace too.
                columnBlock = Math.Min(columnBlock, ((columnPanels + wanted - 1) / wanted) * width);
                columnBlocks = (n + columnBlock - 1) / columnBlock;
            }
            else
            {
                if (columnBlocks > 1)
                {
                    // As many blocks of equal width as a multiple of the cores: 784 columns as 512 + 272 left one
                    // core with two thirds of the work.
                    int evenBlocks = (columnBlocks + threads - 1) / threads * threads;
                    columnBlock = ((columnPanels + evenBlocks - 1) / evenBlocks) * width;
                    columnBlocks = (n + columnBlock - 1) / columnBlock;
                }

                rowBlocks = Math.Min(rowPanels, (wanted + columnBlocks - 1) / columnBlocks);
                rowBlock = ((rowPanels + rowBlocks - 1) / rowBlocks) * Rows;
                rowBlocks = (m + rowBlock - 1) / rowBlock;
            }
        }

        return new Job
        {
            A = a, B = b, C = c, M = m, K = k, N = n, TransposeA = transposeA, TransposeB = transposeB,
            StrideA = strideA, StrideB = strideB, StrideC = strideC,
            RowBlock = rowBlock, RowBlocks = rowBlocks, ColumnBlock = columnBlock, Tiles = rowBlocks * columnBlocks,
        };
    }

    /// <summary>Columns of C in one register tile (NR): two vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Width<T>() => 2 * Vector512<T>.Count;

    /// <summary>Columns of op(B) per packed block (NC): as many panels as fill <see cref="BlockBytes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ColumnBlock<T>()
        where T : unmanaged
        => (BlockBytes / sizeof(T) / Depth) / Width<T>() * Width<T>();

    /// <summary>The calling thread's packing buffers, 64-byte aligned: a block of op(B), then a micro-panel of op(A).</summary>
    private static byte* Workspace()
    {
        const int bytes = BlockBytes + (Rows * Depth * sizeof(double)) + 64;
        byte[] buffer = workspace ??= GC.AllocateUninitializedArray<byte>(bytes, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (byte*)((address + 63) & ~(nint)63);
    }

    /// <summary>Computes one tile of C (a row block by a column block) over the whole inner dimension.</summary>
    /// <remarks>
    /// The loops that do the work are compiled fully optimized from their first call: a large product may be
    /// the first call, and it spends seconds in unoptimized code before tiered compilation would replace it.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<T>(void* state, int index)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var job = (Job*)state;
        int width = Width<T>();
        int m = job->M;
        int n = job->N;
        int k = job->K;
        int firstRow = (index % job->RowBlocks) * job->RowBlock;
        int lastRow = Math.Min(m, firstRow + job->RowBlock);
        int firstColumn = (index / job->RowBlocks) * job->ColumnBlock;
        int columns = Math.Min(job->ColumnBlock, n - firstColumn);
        T* c = (T*)job->C;
        int strideC = job->StrideC;

        byte* space = Workspace();
        T* packedB = (T*)space;
        T* packedA = (T*)(space + BlockBytes);
        for (int depthStart = 0; depthStart < k; depthStart += Depth)
        {
            int depth = Math.Min(Depth, k - depthStart);
            bool accumulate = depthStart > 0;
            PackB(job, depthStart, depth, firstColumn, columns, packedB);
            for (int row = firstRow; row < lastRow; row += Rows)
            {
                int height = Math.Min(Rows, lastRow - row);
                PackA(job, row, height, depthStart, depth, packedA);
                T* target = c + ((nint)row * strideC) + firstColumn;
                for (int column = 0; column < columns; column += width)
                {
                    T* panel = packedB + ((nint)column * depth);
                    int count = Math.Min(width, columns - column);
                    if (height == Rows && count == width)
                    {
                        MicroKernel(depth, packedA, panel, target + column, strideC, accumulate);
                    }
                    else
                    {
                        EdgeKernel(depth, packedA, panel, target + column, strideC, height, count, accumulate);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Packs op(B)[depthStart.., firstColumn..] as panels of <see cref="Width{T}"/> columns, each panel
    /// <paramref name="depth"/> rows of <see cref="Width{T}"/> contiguous elements, zero past the last column.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB<T>(Job* job, int depthStart, int depth, int firstColumn, int columns, T* packed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int width = Width<T>();
        int lanes = Vector512<T>.Count;
        nint stride = job->StrideB;
        T* b = (T*)job->B;
        for (int column = 0; column < columns; column += width)
        {
            int count = Math.Min(width, columns - column);
            T* panel = packed + ((nint)column * depth);
            if (!job->TransposeB)
            {
                // op(B) rows are rows of b: copy each panel row whole.
                T* source = b + ((nint)depthStart * stride) + firstColumn + column;
                if (count == width)
                {
                    for (int p = 0; p < depth; p++)
                    {
                        Vector512.Store(Vector512.Load(source), panel);
                        Vector512.Store(Vector512.Load(source + lanes), panel + lanes);
                        source += stride;
                        panel += width;
                    }
                }
                else
                {
                    for (int p = 0; p < depth; p++)
                    {
                        for (int j = 0; j < width; j++)
                        {
                            panel[j] = j < count ? source[j] : T.Zero;
                        }

                        source += stride;
                        panel += width;
                    }
                }
            }
            else
            {
                // op(B) columns are rows of b, contiguous along the inner dimension: transpose them into the panel.
                PackTransposed(b + ((nint)(firstColumn + column) * stride) + depthStart, stride, count, width, depth, panel);
            }
        }
    }

    /// <summary>
    /// Packs op(A)[row .. row + height, depthStart ..] as <paramref name="depth"/> groups of <see cref="Rows"/>
    /// contiguous elements, zero past the last row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA<T>(Job* job, int row, int height, int depthStart, int depth, T* packed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nint stride = job->StrideA;
        T* a = (T*)job->A;
        if (!job->TransposeA)
        {
            // op(A) rows are rows of a, contiguous along the inner dimension: transpose them into the micro-panel.
            PackTransposed(a + ((nint)row * stride) + depthStart, stride, height, Rows, depth, packed);
            return;
        }

        // op(A) columns are rows of a: the rows of this micro-panel are contiguous for each step.
        T* source = a + ((nint)depthStart * stride) + row;
        if (height == Rows)
        {
            for (int p = 0; p < depth; p++)
            {
                Unsafe.CopyBlockUnaligned(packed, source, Rows * (uint)sizeof(T));
                source += stride;
                packed += Rows;
            }

            return;
        }

        for (int p = 0; p < depth; p++)
        {
            for (int r = 0; r < Rows; r++)
            {
                packed[r] = r < height ? source[r] : T.Zero;
            }

            source += stride;
            packed += Rows;
        }
    }

    /// <summary>
    /// <c>packed[p * width + r] = source[r * stride + p]</c> for <c>r &lt; count</c> and <c>p &lt; depth</c>, and zero
    /// for <c>count &lt;= r &lt; width</c>: the source's rows become the packed columns, by 4 x 4 (float) or
    /// 2 x 2 (double) register transposes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackTransposed<T>(T* source, nint stride, int count, int width, int depth, T* packed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int block = typeof(T) == typeof(float) ? 4 : 2;
        int r = 0;
        if (Sse2.IsSupported)
        {
            for (; r + block <= count; r += block)
            {
                T* from = source + (r * stride);
                T* to = packed + r;
                int p = 0;
                if (typeof(T) == typeof(float))
                {
                    for (; p + 4 <= depth; p += 4)
                    {
                        Vector128<float> r0 = Vector128.Load((float*)from + p);
                        Vector128<float> r1 = Vector128.Load((float*)(from + stride) + p);
                        Vector128<float> r2 = Vector128.Load((float*)(from + (2 * stride)) + p);
                        Vector128<float> r3 = Vector128.Load((float*)(from + (3 * stride)) + p);
                        Vector128<float> low01 = Sse.UnpackLow(r0, r1);
                        Vector128<float> low23 = Sse.UnpackLow(r2, r3);
                        Vector128<float> high01 = Sse.UnpackHigh(r0, r1);
                        Vector128<float> high23 = Sse.UnpackHigh(r2, r3);
                        float* target = (float*)(to + (p * width));
                        Sse.MoveLowToHigh(low01, low23).Store(target);
                        Sse.MoveHighToLow(low23, low01).Store(target + width);
                        Sse.MoveLowToHigh(high01, high23).Store(target + (2 * width));
                        Sse.MoveHighToLow(high23, high01).Store(target + (3 * width));
                    }
                }
                else
                {
                    for (; p + 2 <= depth; p += 2)
                    {
                        Vector128<double> r0 = Vector128.Load((double*)from + p);
                        Vector128<double> r1 = Vector128.Load((double*)(from + stride) + p);
                        double* target = (double*)(to + (p * width));
                        Sse2.UnpackLow(r0, r1).Store(target);
                        Sse2.UnpackHigh(r0, r1).Store(target + width);
                    }
                }

                for (; p < depth; p++)
                {
                    for (int q = 0; q < block; q++)
                    {
                        to[(p * width) + q] = from[(q * stride) + p];
                    }
                }
            }
        }

        for (; r < width; r++)
        {
            T* to = packed + r;
            if (r < count)
            {
                T* from = source + (r * stride);
                for (int p = 0; p < depth; p++)
                {
                    to[p * width] = from[p];
                }
            }
            else
            {
                for (int p = 0; p < depth; p++)
                {
                    to[p * width] = T.Zero;
                }
            }
        }
    }

    /// <summary>
    /// A tile at the bottom or right edge of C: the micro-kernel runs on a full tile on the stack, and only the
    /// elements inside C are read and written, so each computes exactly as in a full tile.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EdgeKernel<T>(int depth, T* packedA, T* panel, T* c, int stride, int height, int count, bool accumulate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int width = Width<T>();
        T* tile = stackalloc T[Rows * 2 * 16];
        if (accumulate)
        {
            for (int r = 0; r < height; r++)
            {
                new ReadOnlySpan<T>(c + ((nint)r * stride), count).CopyTo(new Span<T>(tile + (r * width), count));
            }
        }

        MicroKernel(depth, packedA, panel, tile, width, accumulate);
        for (int r = 0; r < height; r++)
        {
            new ReadOnlySpan<T>(tile + (r * width), count).CopyTo(new Span<T>(c + ((nint)r * stride), count));
        }
    }

    /// <summary>
    /// C[0..Rows, 0..Width] (+)= packed op(A) · packed op(B) over <paramref name="depth"/> steps, with the tile in
    /// 24 registers: each step loads two vectors of the op(B) panel and broadcasts each of the <see cref="Rows"/>
    /// elements of op(A).
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel<T>(int depth, T* a, T* b, T* c, nint stride, bool accumulate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nint lanes = Vector512<T>.Count;
        Vector512<T> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        Vector512<T> c60, c61, c70, c71, c80, c81, c90, c91, cA0, cA1, cB0, cB1;
        if (accumulate)
        {
            T* row = c;
            c00 = Vector512.Load(row); c01 = Vector512.Load(row + lanes); row += stride;
            c10 = Vector512.Load(row); c11 = Vector512.Load(row + lanes); row += stride;
            c20 = Vector512.Load(row); c21 = Vector512.Load(row + lanes); row += stride;
            c30 = Vector512.Load(row); c31 = Vector512.Load(row + lanes); row += stride;
            c40 = Vector512.Load(row); c41 = Vector512.Load(row + lanes); row += stride;
            c50 = Vector512.Load(row); c51 = Vector512.Load(row + lanes); row += stride;
            c60 = Vector512.Load(row); c61 = Vector512.Load(row + lanes); row += stride;
            c70 = Vector512.Load(row); c71 = Vector512.Load(row + lanes); row += stride;
            c80 = Vector512.Load(row); c81 = Vector512.Load(row + lanes); row += stride;
            c90 = Vector512.Load(row); c91 = Vector512.Load(row + lanes); row += stride;
            cA0 = Vector512.Load(row); cA1 = Vector512.Load(row + lanes); row += stride;
            cB0 = Vector512.Load(row); cB1 = Vector512.Load(row + lanes);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = Vector512<T>.Zero;
            c60 = c61 = c70 = c71 = c80 = c81 = c90 = c91 = cA0 = cA1 = cB0 = cB1 = Vector512<T>.Zero;
        }

        for (int p = 0; p < depth; p++)
        {
            Vector512<T> b0 = Vector512.Load(b);
            Vector512<T> b1 = Vector512.Load(b + lanes);
            Vector512<T> x = Vector512.Create(a[0]);
            c00 = MultiplyAdd(x, b0, c00); c01 = MultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[1]);
            c10 = MultiplyAdd(x, b0, c10); c11 = MultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[2]);
            c20 = MultiplyAdd(x, b0, c20); c21 = MultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[3]);
            c30 = MultiplyAdd(x, b0, c30); c31 = MultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[4]);
            c40 = MultiplyAdd(x, b0, c40); c41 = MultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[5]);
            c50 = MultiplyAdd(x, b0, c50); c51 = MultiplyAdd(x, b1, c51);
            x = Vector512.Create(a[6]);
            c60 = MultiplyAdd(x, b0, c60); c61 = MultiplyAdd(x, b1, c61);
            x = Vector512.Create(a[7]);
            c70 = MultiplyAdd(x, b0, c70); c71 = MultiplyAdd(x, b1, c71);
            x = Vector512.Create(a[8]);
            c80 = MultiplyAdd(x, b0, c80); c81 = MultiplyAdd(x, b1, c81);
            x = Vector512.Create(a[9]);
            c90 = MultiplyAdd(x, b0, c90); c91 = MultiplyAdd(x, b1, c91);
            x = Vector512.Create(a[10]);
            cA0 = MultiplyAdd(x, b0, cA0); cA1 = MultiplyAdd(x, b1, cA1);
            x = Vector512.Create(a[11]);
            cB0 = MultiplyAdd(x, b0, cB0); cB1 = MultiplyAdd(x, b1, cB1);
            a += Rows;
            b += 2 * lanes;
        }

        T* output = c;
        c00.Store(output); c01.Store(output + lanes); output += stride;
        c10.Store(output); c11.Store(output + lanes); output += stride;
        c20.Store(output); c21.Store(output + lanes); output += stride;
        c30.Store(output); c31.Store(output + lanes); output += stride;
        c40.Store(output); c41.Store(output + lanes); output += stride;
        c50.Store(output); c51.Store(output + lanes); output += stride;
        c60.Store(output); c61.Store(output + lanes); output += stride;
        c70.Store(output); c71.Store(output + lanes); output += stride;
        c80.Store(output); c81.Store(output + lanes); output += stride;
        c90.Store(output); c91.Store(output + lanes); output += stride;
        cA0.Store(output); cA1.Store(output + lanes); output += stride;
        cB0.Store(output); cB1.Store(output + lanes);
    }

    /// <summary>One fused multiply-add of a vector of <typeparamref name="T"/> (float or double); the matrix-vector kernels use it too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> MultiplyAdd<T>(Vector512<T> a, Vector512<T> b, Vector512<T> addend)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), addend.AsDouble()).As<double, T>();
    }

    private struct Job
    {
        public void* A;
        public void* B;
        public void* C;
        public int M;
        public int K;
        public int N;
        public bool TransposeA;
        public bool TransposeB;
        public int StrideA;
        public int StrideB;
        public int StrideC;
        public int RowBlock;
        public int RowBlocks;
        public int ColumnBlock;
        public int Tiles;
    }
}

/// <summary>A matrix operand as stored: its elements, row-major, with each row starting <see cref="Stride"/> elements after the last.</summary>
internal readonly ref struct Operand<T>
{
    public Operand(ReadOnlySpan<T> elements, int stride)
    {
        this.Elements = elements;
        this.Stride = stride;
    }

    public ReadOnlySpan<T> Elements { get; }

    public int Stride { get; }

    /// <summary>Whether the elements hold <paramref name="rows"/> rows of <paramref name="columns"/>.</summary>
    public bool Holds(int rows, int columns) => Gemm.Holds(this.Elements.Length, this.Stride, rows, columns);
}
