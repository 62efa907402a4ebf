using System;
using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;

namespace SymGrad.Kernels;

/// <summary>The shapes of matrix products and row blocks in a method with loops or branches, worked out when it is called.</summary>
public partial struct LoopShape
{
    /// <summary>
    /// The shape of <c>MatMul(a, b)</c> by torch.matmul's rules: <c>[m, k] · [k, n]</c> is <c>[m, n]</c>, <c>[m, k] · [k]</c>
    /// is <c>[m]</c>, <c>[k] · [k, n]</c> is <c>[n]</c>, and <c>[k] · [k]</c> is <c>[1]</c> (as <c>TensorMath.MatMul</c> gives it);
    /// an <see cref="ArgumentException"/> naming both operands and both shapes when an operand is not a vector or a matrix
    /// or their inner lengths differ.
    /// </summary>
    public static LoopShape Product(in LoopShape first, string firstName, in LoopShape second, string secondName)
    {
        if (!first.Broadcasts || !second.Broadcasts)
        {
            first.ThrowFailure();
            second.ThrowFailure();
            string name = first.Broadcasts ? secondName : firstName;
            throw new ArgumentException(
                $"MatMul({firstName}, {secondName}) is worked out when the method is called, but '{name}' meets tensors whose shapes do not broadcast. Pass tensors whose shapes broadcast (trailing lengths equal or 1).",
                name);
        }

        if (first.Rank is < 1 or > 2 || second.Rank is < 1 or > 2)
        {
            throw new ArgumentException(
                $"MatMul({firstName}, {secondName}) multiplies vectors and matrices, but '{firstName}' is {first} and '{secondName}' is {second}. Pass operands of rank 1 or 2.",
                first.Rank is < 1 or > 2 ? firstName : secondName);
        }

        nint inner = first.lengths[first.Rank - 1];
        if (second.lengths[0] != inner)
        {
            throw new ArgumentException(
                $"MatMul({firstName}, {secondName}) multiplies [m, k] by [k, n] (a vector is [k]): the last length of '{firstName}' must equal the first of '{secondName}', " +
                $"but '{firstName}' is {first} and '{secondName}' is {second}. Pass operands whose inner lengths agree, or transpose a matrix.",
                secondName);
        }

        var shape = new LoopShape();
        if (first.Rank == 2)
        {
            shape.lengths[shape.Rank++] = first.lengths[0];
        }

        if (second.Rank == 2)
        {
            shape.lengths[shape.Rank++] = second.lengths[1];
        }

        if (shape.Rank == 0)
        {
            // A dot product: TensorMath.MatMul gives it as a [1] tensor.
            shape.lengths[shape.Rank++] = 1;
        }

        shape.Count = checked((int)(shape.Rank == 2 ? shape.lengths[0] * shape.lengths[1] : shape.lengths[0]));
        return shape;
    }

    /// <summary>
    /// The shape of <c>MatMul(a, b)</c> (see <see cref="Product"/>), worked out when the method is called, or a shape that
    /// is none (<see cref="Broadcasts"/> false) where <see cref="Product"/> would throw: the statement that multiplies them
    /// throws, with <see cref="Product"/>'s exception for <paramref name="firstName"/> and <paramref name="secondName"/>,
    /// when it runs, as C# throws there; a branch that does not run them throws nothing. An operand that is none keeps
    /// what made it so.
    /// </summary>
    public static LoopShape ProductOf(in LoopShape first, string firstName, in LoopShape second, string secondName)
    {
        if (!first.Broadcasts)
        {
            return first;
        }

        if (!second.Broadcasts)
        {
            return second;
        }

        if (first.Rank is < 1 or > 2 || second.Rank is < 1 or > 2
            || second.lengths[0] != first.lengths[first.Rank - 1]
            || (first.Rank == 2 && second.Rank == 2 && (long)first.lengths[0] * second.lengths[1] > int.MaxValue))
        {
            return None(first, firstName, second, secondName, product: true);
        }

        return Product(first, firstName, second, secondName);
    }

    /// <summary>
    /// The shape of <c>Transpose(a)</c> read in place as an operand of a product, worked out when the method is called: a
    /// matrix's lengths swapped, or a shape that is none (<see cref="Broadcasts"/> false) when <paramref name="matrix"/>
    /// is not a matrix, so that the statement that multiplies it throws, with <see cref="Transpose"/>'s exception, when it runs.
    /// </summary>
    public static LoopShape TransposeOf(in LoopShape matrix)
    {
        if (!matrix.Broadcasts || matrix.Rank != 2)
        {
            return new LoopShape { Count = -1 };
        }

        var shape = new LoopShape { Rank = 2, Count = matrix.Count };
        shape.lengths[0] = matrix.lengths[1];
        shape.lengths[1] = matrix.lengths[0];
        return shape;
    }

    /// <summary>
    /// The check of <c>Transpose(a)</c> where its product runs: an <see cref="ArgumentException"/> naming the operand and
    /// its shape when <paramref name="matrix"/> is not a matrix.
    /// </summary>
    public static void Transpose(in LoopShape matrix, string name, string transpose)
    {
        if (!matrix.Broadcasts)
        {
            matrix.ThrowFailure();
            throw new ArgumentException(
                $"{transpose} is worked out when the method is called, but '{name}' meets tensors whose shapes do not broadcast. Pass tensors whose shapes broadcast (trailing lengths equal or 1).",
                Blamed(name, name));
        }

        if (matrix.Rank != 2)
        {
            throw new ArgumentException(
                $"{transpose} transposes a matrix, but '{name}' is {matrix}. Pass '{name}' as a [rows, columns] matrix.",
                Blamed(name, name));
        }
    }

    /// <summary>
    /// The shape of <paramref name="rows"/> rows of matrix <paramref name="matrix"/> (parameter <paramref name="name"/>),
    /// all its columns: a row block <paramref name="slice"/> whose range is checked where it is read. An
    /// <see cref="ArgumentException"/> when the parameter is not a matrix.
    /// </summary>
    public static LoopShape Rows(in LoopShape matrix, string name, long rows, string slice)
    {
        if (matrix.Rank != 2)
        {
            throw new ArgumentException(
                $"'{name}' is {matrix}, but {slice} reads a block of its rows, which needs a matrix. Pass '{name}' as a [rows, columns] matrix.",
                name);
        }

        // A count outside the matrix throws where the block is read, as C#'s ranges do; until then it holds no elements.
        var shape = new LoopShape { Rank = 2 };
        shape.lengths[0] = (nint)Math.Clamp(rows, 0, matrix.lengths[0]);
        shape.lengths[1] = matrix.lengths[1];
        shape.Count = checked((int)(shape.lengths[0] * shape.lengths[1]));
        return shape;
    }
}

/// <summary>
/// Matrix products in a method with loops or branches: dense row-major operands read in place (tensor locals, parameters,
/// blocks of a matrix parameter's rows), with torch.matmul's rules for vectors, on <see cref="MatrixKernels"/>.
/// </summary>
public static class LoopProducts
{
    /// <summary>
    /// The offset of rows <c>[start, end)</c> of <paramref name="matrix"/> (parameter <paramref name="name"/>) in its
    /// elements, after checking the range as C#'s ranges check it and its row count against <paramref name="block"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not <c>0 &lt;= start &lt;= end &lt;= rows</c>.</exception>
    /// <exception cref="ArgumentException">The block has another number of rows than in the iterations before.</exception>
    public static int RowOffset(in LoopShape matrix, in LoopShape block, string name, long start, long end, string slice)
    {
        nint rows = matrix.Length(0);
        nint columns = matrix.Length(1);
        nint count = ShapeGuard.SliceAxisRange(rows, columns, name, 0, (nint)start, (nint)end, slice);
        if (count != block.Length(0))
        {
            throw new ArgumentException(
                $"{slice} reads {count.ToString(CultureInfo.InvariantCulture)} rows of '{name}' here, but {block.Length(0).ToString(CultureInfo.InvariantCulture)} when the method was called: " +
                "a block of rows must have the same number of rows in every iteration.",
                name);
        }

        return checked((int)(start * columns));
    }

    /// <summary>Writes <c>MatMul(a, b)</c> to <paramref name="product"/>; the shapes were checked by <see cref="LoopShape.Product"/>.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, in LoopShape aShape, ReadOnlySpan<T> b, in LoopShape bShape, Span<T> product)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Multiply(a, aShape, false, b, bShape, false, product);

    /// <summary>
    /// Writes <c>MatMul(op(a), op(b))</c> to <paramref name="product"/>, where op transposes a matrix whose flag is set,
    /// read in place; <paramref name="aShape"/> and <paramref name="bShape"/> are op(a)'s and op(b)'s shapes, checked by
    /// <see cref="LoopShape.Product"/>.
    /// </summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, in LoopShape aShape, bool aTransposed, ReadOnlySpan<T> b, in LoopShape bShape, bool bTransposed, Span<T> product)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (int m, int k, int n) = Dimensions(aShape, bShape);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            product.Slice(0, m * n).Clear();
            return;
        }

        MatrixKernels.Multiply(a.Slice(0, m * k), aTransposed ? k : m, aTransposed ? m : k, aTransposed, b.Slice(0, k * n), bTransposed ? n : k, bTransposed ? k : n, bTransposed, product.Slice(0, m * n));
    }

    /// <summary>
    /// The reverse of <c>Multiply</c>: adds <c>C̄·Bᵀ</c> to <paramref name="aAdjoint"/> and <c>Aᵀ·C̄</c> to
    /// <paramref name="bAdjoint"/>, each skipped when empty (an operand with no derivative).
    /// </summary>
    public static void AddAdjoints<T>(ReadOnlySpan<T> a, in LoopShape aShape, ReadOnlySpan<T> b, in LoopShape bShape, ReadOnlySpan<T> productAdjoint, Span<T> aAdjoint, Span<T> bAdjoint)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => AddAdjoints(a, aShape, false, b, bShape, false, productAdjoint, aAdjoint, bAdjoint);

    /// <summary>
    /// The reverse of <c>MatMul(op(a), op(b))</c> (the <c>Multiply</c> with transpose flags): adds <c>C̄·op(b)ᵀ</c> to <paramref name="aAdjoint"/>, or its transpose <c>op(b)·C̄ᵀ</c> for a transposed
    /// a, and <c>op(a)ᵀ·C̄</c> to <paramref name="bAdjoint"/>, or <c>C̄ᵀ·op(a)</c> for a transposed b; each skipped when
    /// empty (an operand with no derivative).
    /// </summary>
    public static void AddAdjoints<T>(ReadOnlySpan<T> a, in LoopShape aShape, bool aTransposed, ReadOnlySpan<T> b, in LoopShape bShape, bool bTransposed, ReadOnlySpan<T> productAdjoint, Span<T> aAdjoint, Span<T> bAdjoint)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (int m, int k, int n) = Dimensions(aShape, bShape);
        if (m == 0 || n == 0 || k == 0)
        {
            return;
        }

        T[] scratch = ArrayPool<T>.Shared.Rent(Math.Max(m, n) * k);
        try
        {
            ReadOnlySpan<T> adjoint = productAdjoint.Slice(0, m * n);
            if (!aAdjoint.IsEmpty)
            {
                Span<T> added = scratch.AsSpan(0, m * k);
                ReadOnlySpan<T> right = b.Slice(0, k * n);
                if (aTransposed)
                {
                    // a is stored [k, m]: its adjoint is op(b)·C̄ᵀ.
                    MatrixKernels.Multiply(right, bTransposed ? n : k, bTransposed ? k : n, bTransposed, adjoint, m, n, true, added);
                }
                else
                {
                    MatrixKernels.Multiply(adjoint, m, n, false, right, bTransposed ? n : k, bTransposed ? k : n, !bTransposed, added);
                }

                TensorPrimitives.Add(aAdjoint.Slice(0, m * k), added, aAdjoint.Slice(0, m * k));
            }

            if (!bAdjoint.IsEmpty)
            {
                Span<T> added = scratch.AsSpan(0, k * n);
                ReadOnlySpan<T> left = a.Slice(0, m * k);
                if (bTransposed)
                {
                    // b is stored [n, k]: its adjoint is C̄ᵀ·op(a).
                    MatrixKernels.Multiply(adjoint, m, n, true, left, aTransposed ? k : m, aTransposed ? m : k, aTransposed, added);
                }
                else
                {
                    MatrixKernels.Multiply(left, aTransposed ? k : m, aTransposed ? m : k, !aTransposed, adjoint, m, n, false, added);
                }

                TensorPrimitives.Add(bAdjoint.Slice(0, k * n), added, bAdjoint.Slice(0, k * n));
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <summary>op(a) as [m, k] and b as [k, n]: a vector on the left is a row, on the right a column.</summary>
    private static (int M, int K, int N) Dimensions(in LoopShape a, in LoopShape b)
    {
        int m = a.Rank == 2 ? (int)a.Length(0) : 1;
        int k = (int)a.Length(a.Rank - 1);
        int n = b.Rank == 2 ? (int)b.Length(1) : 1;
        return (m, k, n);
    }
}
