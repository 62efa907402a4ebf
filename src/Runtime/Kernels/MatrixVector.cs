using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Kernels;

/// <summary>
/// Matrix-vector and vector-matrix products. They read each matrix element once and do one multiply-add with it, so
/// they are bound by memory bandwidth, not arithmetic: the kernels stream the matrix in its storage order with
/// Vector512 loads and keep the vector and the partial sums in registers or L1.
/// </summary>
/// <remarks>
/// Two shapes of loop cover the four cases: <c>RowDots</c> (each output element is the dot product of one
/// contiguous matrix row with the vector) and <c>ColumnSums</c> (each output element sums one matrix column
/// scaled by the vector, walking the rows in order). Large matrices are shared between two cores by output elements,
/// never by the sum, so the result is bit-identical to a single-core run.
/// </remarks>
internal static unsafe class MatrixVector
{
    /// <summary>Matrices with at least this many elements are shared with a second core.</summary>
    public const long SharedThreshold = 1 << 18;

    /// <summary>Output rows per shared block of <c>RowDots</c>.</summary>
    private const int RowsPerBlock = 64;

    public static bool Applies<T>()
        => Vector512.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <summary>How many cores a product with a matrix of this many elements uses when the caller does not say.</summary>
    public static int DefaultThreads(long elements)
        => elements >= SharedThreshold && Environment.ProcessorCount > 1 ? 2 : 1;

    /// <summary>
    /// <c>y[i] = Σ_j matrix[i, j] · x[j]</c> for the row-major <paramref name="rows"/> x <paramref name="columns"/>
    /// matrix: <c>A · x</c>, or <c>x · Bᵀ</c> with B stored row-major.
    /// </summary>
    public static void RowDots<T>(ReadOnlySpan<T> matrix, int rows, int columns, ReadOnlySpan<T> x, Span<T> y, int threads = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => RowDots(new Operand<T>(matrix, columns), rows, columns, x, y, threads);

    /// <summary><see cref="RowDots{T}(ReadOnlySpan{T}, int, int, ReadOnlySpan{T}, Span{T}, int)"/> of a matrix whose rows start <see cref="Operand{T}.Stride"/> apart: a block of a larger one, read in place.</summary>
    public static void RowDots<T>(Operand<T> matrix, int rows, int columns, ReadOnlySpan<T> x, Span<T> y, int threads = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireLengths(matrix, rows, columns, x.Length, columns, y.Length, rows);
        if (threads <= 0)
        {
            threads = DefaultThreads((long)rows * columns);
        }

        fixed (T* pm = matrix.Elements)
        fixed (T* px = x)
        fixed (T* py = y)
        {
            var job = new Job { Matrix = pm, X = px, Y = py, Rows = rows, Columns = columns, Stride = matrix.Stride };
            int blocks = (rows + RowsPerBlock - 1) / RowsPerBlock;
            if (threads > 1 && blocks > 1)
            {
                BlockParallel.For(blocks, &job, &RowDotsBlock<T>);
            }
            else
            {
                RowDotsRange<T>(pm, matrix.Stride, 0, rows, columns, px, py);
            }
        }
    }

    /// <summary>
    /// <c>y[j] = Σ_i x[i] · matrix[i, j]</c> for the row-major <paramref name="rows"/> x <paramref name="columns"/>
    /// matrix: <c>x · B</c>, or <c>Aᵀ · x</c> with A stored row-major.
    /// </summary>
    public static void ColumnSums<T>(ReadOnlySpan<T> matrix, int rows, int columns, ReadOnlySpan<T> x, Span<T> y, int threads = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ColumnSums(new Operand<T>(matrix, columns), rows, columns, x, y, threads);

    /// <summary><see cref="ColumnSums{T}(ReadOnlySpan{T}, int, int, ReadOnlySpan{T}, Span{T}, int)"/> of a matrix whose rows start <see cref="Operand{T}.Stride"/> apart: a block of a larger one, read in place.</summary>
    public static void ColumnSums<T>(Operand<T> matrix, int rows, int columns, ReadOnlySpan<T> x, Span<T> y, int threads = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RequireLengths(matrix, rows, columns, x.Length, rows, y.Length, columns);
        if (threads <= 0)
        {
            threads = DefaultThreads((long)rows * columns);
        }

        int chunk = ChunkVectors * Vector512<T>.Count;
        fixed (T* pm = matrix.Elements)
        fixed (T* px = x)
        fixed (T* py = y)
        {
            var job = new Job { Matrix = pm, X = px, Y = py, Rows = rows, Columns = columns, Stride = matrix.Stride };
            int blocks = (columns + chunk - 1) / chunk;
            if (threads > 1 && blocks > 1)
            {
                BlockParallel.For(blocks, &job, &ColumnSumsBlock<T>);
            }
            else
            {
                ColumnSumsRange<T>(pm, matrix.Stride, rows, columns, 0, columns, px, py);
            }
        }
    }

    /// <summary>The kernels read and write through pointers: a short span must never be run past.</summary>
    private static void RequireLengths<T>(Operand<T> matrix, int rows, int columns, int x, int xNeeded, int y, int yNeeded)
    {
        if (!matrix.Holds(rows, columns) || x < xNeeded || y < yNeeded)
        {
            throw new ArgumentException($"Matrix-vector spans are too short for a [{rows}, {columns}] matrix: the matrix has {matrix.Elements.Length} elements (row stride {matrix.Stride}), x {x} (needs {xNeeded}), y {y} (needs {yNeeded}).");
        }
    }

    /// <summary>Columns per shared block of <c>ColumnSums</c>, in vectors (2 KiB of a float row).</summary>
    private const int ChunkVectors = 32;

    /// <summary>Matrix rows <c>ColumnSums</c> adds to the sums per sweep across the columns.</summary>
    private const int RowsPerSweep = 8;

    private static void RowDotsBlock<T>(void* state, int index)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var job = (Job*)state;
        int first = index * RowsPerBlock;
        RowDotsRange<T>((T*)job->Matrix, job->Stride, first, Math.Min(job->Rows, first + RowsPerBlock), job->Columns, (T*)job->X, (T*)job->Y);
    }

    private static void ColumnSumsBlock<T>(void* state, int index)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var job = (Job*)state;
        int chunk = ChunkVectors * Vector512<T>.Count;
        int first = index * chunk;
        ColumnSumsRange<T>((T*)job->Matrix, job->Stride, job->Rows, job->Columns, first, Math.Min(job->Columns, first + chunk), (T*)job->X, (T*)job->Y);
    }

    /// <summary>Rows <c>[first, last)</c> of <c>y = matrix · x</c>, four rows per pass so each load of x serves four.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowDotsRange<T>(T* matrix, nint stride, int first, int last, int columns, T* x, T* y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nint lanes = Vector512<T>.Count;
        int i = first;
        for (; i + 4 <= last; i += 4)
        {
            T* r0 = matrix + (i * stride);
            T* r1 = r0 + stride;
            T* r2 = r1 + stride;
            T* r3 = r2 + stride;
            Vector512<T> s0 = default, s1 = default, s2 = default, s3 = default;
            Vector512<T> t0 = default, t1 = default, t2 = default, t3 = default;
            nint j = 0;
            for (; j + (2 * lanes) <= columns; j += 2 * lanes)
            {
                Vector512<T> x0 = Vector512.Load(x + j);
                Vector512<T> x1 = Vector512.Load(x + j + lanes);
                s0 = Gemm.MultiplyAdd(Vector512.Load(r0 + j), x0, s0);
                t0 = Gemm.MultiplyAdd(Vector512.Load(r0 + j + lanes), x1, t0);
                s1 = Gemm.MultiplyAdd(Vector512.Load(r1 + j), x0, s1);
                t1 = Gemm.MultiplyAdd(Vector512.Load(r1 + j + lanes), x1, t1);
                s2 = Gemm.MultiplyAdd(Vector512.Load(r2 + j), x0, s2);
                t2 = Gemm.MultiplyAdd(Vector512.Load(r2 + j + lanes), x1, t2);
                s3 = Gemm.MultiplyAdd(Vector512.Load(r3 + j), x0, s3);
                t3 = Gemm.MultiplyAdd(Vector512.Load(r3 + j + lanes), x1, t3);
            }

            if (j + lanes <= columns)
            {
                Vector512<T> x0 = Vector512.Load(x + j);
                s0 = Gemm.MultiplyAdd(Vector512.Load(r0 + j), x0, s0);
                s1 = Gemm.MultiplyAdd(Vector512.Load(r1 + j), x0, s1);
                s2 = Gemm.MultiplyAdd(Vector512.Load(r2 + j), x0, s2);
                s3 = Gemm.MultiplyAdd(Vector512.Load(r3 + j), x0, s3);
                j += lanes;
            }

            y[i] = Tail(r0, x, j, columns, Vector512.Sum(s0 + t0));
            y[i + 1] = Tail(r1, x, j, columns, Vector512.Sum(s1 + t1));
            y[i + 2] = Tail(r2, x, j, columns, Vector512.Sum(s2 + t2));
            y[i + 3] = Tail(r3, x, j, columns, Vector512.Sum(s3 + t3));
        }

        for (; i < last; i++)
        {
            T* row = matrix + (i * stride);
            Vector512<T> s = default, t = default;
            nint j = 0;
            for (; j + (2 * lanes) <= columns; j += 2 * lanes)
            {
                s = Gemm.MultiplyAdd(Vector512.Load(row + j), Vector512.Load(x + j), s);
                t = Gemm.MultiplyAdd(Vector512.Load(row + j + lanes), Vector512.Load(x + j + lanes), t);
            }

            if (j + lanes <= columns)
            {
                s = Gemm.MultiplyAdd(Vector512.Load(row + j), Vector512.Load(x + j), s);
                j += lanes;
            }

            y[i] = Tail(row, x, j, columns, Vector512.Sum(s + t));
        }
    }

    /// <summary>Adds the products of the last columns, fewer than a vector, to <paramref name="sum"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Tail<T>(T* row, T* x, nint start, int columns, T sum)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (nint j = start; j < columns; j++)
        {
            sum = T.FusedMultiplyAdd(row[j], x[j], sum);
        }

        return sum;
    }

    /// <summary>
    /// Columns <c>[first, last)</c> of <c>y = x · matrix</c>. The rows are swept in order, eight at a time, across
    /// the columns: the matrix streams through in storage order (a pass down each column would touch a new page per
    /// row), and the sums make one round trip through L1 per eight rows. Each sum is the chain of fused multiply-adds
    /// over the rows in order, in the vector and in the scalar columns alike.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ColumnSumsRange<T>(T* matrix, nint stride, int rows, int columns, int first, int last, T* x, T* y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        nint lanes = Vector512<T>.Count;
        new Span<T>(y + first, last - first).Clear();
        int p = 0;
        for (; p + RowsPerSweep <= rows; p += RowsPerSweep)
        {
            T* r0 = matrix + (p * stride);
            T* r1 = r0 + stride;
            T* r2 = r1 + stride;
            T* r3 = r2 + stride;
            T* r4 = r3 + stride;
            T* r5 = r4 + stride;
            T* r6 = r5 + stride;
            T* r7 = r6 + stride;
            Vector512<T> x0 = Vector512.Create(x[p]), x1 = Vector512.Create(x[p + 1]);
            Vector512<T> x2 = Vector512.Create(x[p + 2]), x3 = Vector512.Create(x[p + 3]);
            Vector512<T> x4 = Vector512.Create(x[p + 4]), x5 = Vector512.Create(x[p + 5]);
            Vector512<T> x6 = Vector512.Create(x[p + 6]), x7 = Vector512.Create(x[p + 7]);
            nint j = first;
            for (; j + lanes <= last; j += lanes)
            {
                Vector512<T> sum = Vector512.Load(y + j);
                sum = Gemm.MultiplyAdd(x0, Vector512.Load(r0 + j), sum);
                sum = Gemm.MultiplyAdd(x1, Vector512.Load(r1 + j), sum);
                sum = Gemm.MultiplyAdd(x2, Vector512.Load(r2 + j), sum);
                sum = Gemm.MultiplyAdd(x3, Vector512.Load(r3 + j), sum);
                sum = Gemm.MultiplyAdd(x4, Vector512.Load(r4 + j), sum);
                sum = Gemm.MultiplyAdd(x5, Vector512.Load(r5 + j), sum);
                sum = Gemm.MultiplyAdd(x6, Vector512.Load(r6 + j), sum);
                sum = Gemm.MultiplyAdd(x7, Vector512.Load(r7 + j), sum);
                sum.Store(y + j);
            }

            for (; j < last; j++)
            {
                T sum = y[j];
                for (int q = 0; q < RowsPerSweep; q++)
                {
                    sum = T.FusedMultiplyAdd(x[p + q], matrix[((p + q) * stride) + j], sum);
                }

                y[j] = sum;
            }
        }

        for (; p < rows; p++)
        {
            T* row = matrix + (p * stride);
            Vector512<T> scale = Vector512.Create(x[p]);
            nint j = first;
            for (; j + lanes <= last; j += lanes)
            {
                Gemm.MultiplyAdd(scale, Vector512.Load(row + j), Vector512.Load(y + j)).Store(y + j);
            }

            for (; j < last; j++)
            {
                y[j] = T.FusedMultiplyAdd(x[p], row[j], y[j]);
            }
        }
    }

    private struct Job
    {
        public void* Matrix;
        public void* X;
        public void* Y;
        public int Rows;
        public int Columns;
        public int Stride;
    }
}
