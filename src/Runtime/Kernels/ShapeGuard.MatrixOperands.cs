using System;
using System.Numerics.Tensors;

namespace SymGrad.Kernels;

public static partial class ShapeGuard
{
    /// <summary>
    /// The <c>[rows, columns]</c> matrix that operands meeting element-wise before a reduction along an axis broadcast to,
    /// whichever of them is written first (<c>Softmax(b + x, 1)</c> with <c>b</c> <c>[c]</c> and <c>x</c> <c>[r, c]</c>):
    /// each dimension is the one that is not 1. <see cref="RowStride{T}(in ReadOnlyTensorSpan{T}, string, nint, nint)"/>
    /// then checks each operand against it. At least one operand must be a matrix, as the reduction needs.
    /// </summary>
    public static void BroadcastMatrix<T>(in ReadOnlyTensorSpan<T> first, string firstName, in ReadOnlyTensorSpan<T> second, string secondName, out nint rows, out nint columns)
    {
        rows = 1;
        columns = 1;
        bool matrix = Broaden(first.Lengths, firstName, ref rows, ref columns) | Broaden(second.Lengths, secondName, ref rows, ref columns);
        if (!matrix)
        {
            ThrowNotMatrix(first.Lengths, firstName);
        }
    }

    /// <inheritdoc cref="BroadcastMatrix{T}(in ReadOnlyTensorSpan{T}, string, in ReadOnlyTensorSpan{T}, string, out nint, out nint)"/>
    public static void BroadcastMatrix<T>(
        in ReadOnlyTensorSpan<T> first, string firstName, in ReadOnlyTensorSpan<T> second, string secondName, in ReadOnlyTensorSpan<T> third, string thirdName, out nint rows, out nint columns)
    {
        rows = 1;
        columns = 1;
        bool matrix = Broaden(first.Lengths, firstName, ref rows, ref columns) | Broaden(second.Lengths, secondName, ref rows, ref columns) | Broaden(third.Lengths, thirdName, ref rows, ref columns);
        if (!matrix)
        {
            ThrowNotMatrix(first.Lengths, firstName);
        }
    }

    /// <inheritdoc cref="BroadcastMatrix{T}(in ReadOnlyTensorSpan{T}, string, in ReadOnlyTensorSpan{T}, string, out nint, out nint)"/>
    public static void BroadcastMatrix<T>(
        in ReadOnlyTensorSpan<T> first, string firstName, in ReadOnlyTensorSpan<T> second, string secondName, in ReadOnlyTensorSpan<T> third, string thirdName, in ReadOnlyTensorSpan<T> fourth, string fourthName, out nint rows, out nint columns)
    {
        rows = 1;
        columns = 1;
        bool matrix = Broaden(first.Lengths, firstName, ref rows, ref columns) | Broaden(second.Lengths, secondName, ref rows, ref columns)
            | Broaden(third.Lengths, thirdName, ref rows, ref columns) | Broaden(fourth.Lengths, fourthName, ref rows, ref columns);
        if (!matrix)
        {
            ThrowNotMatrix(first.Lengths, firstName);
        }
    }

    /// <summary>
    /// As <see cref="BroadcastMatrix{T}(in ReadOnlyTensorSpan{T}, string, in ReadOnlyTensorSpan{T}, string, out nint, out nint)"/>
    /// before a pass along the last axis (<c>LogSoftmax(b + x, -1)</c>), which a vector has too: operands that are all
    /// vectors broadcast to one row <c>[1, n]</c>, PyTorch's vector.
    /// </summary>
    public static void BroadcastMatrixOrRow<T>(in ReadOnlyTensorSpan<T> first, string firstName, in ReadOnlyTensorSpan<T> second, string secondName, out nint rows, out nint columns)
    {
        rows = 1;
        columns = 1;
        Broaden(first.Lengths, firstName, ref rows, ref columns);
        Broaden(second.Lengths, secondName, ref rows, ref columns);
    }

    /// <inheritdoc cref="BroadcastMatrixOrRow{T}(in ReadOnlyTensorSpan{T}, string, in ReadOnlyTensorSpan{T}, string, out nint, out nint)"/>
    public static void BroadcastMatrixOrRow<T>(
        in ReadOnlyTensorSpan<T> first, string firstName, in ReadOnlyTensorSpan<T> second, string secondName, in ReadOnlyTensorSpan<T> third, string thirdName, out nint rows, out nint columns)
    {
        rows = 1;
        columns = 1;
        Broaden(first.Lengths, firstName, ref rows, ref columns);
        Broaden(second.Lengths, secondName, ref rows, ref columns);
        Broaden(third.Lengths, thirdName, ref rows, ref columns);
    }

    /// <inheritdoc cref="BroadcastMatrixOrRow{T}(in ReadOnlyTensorSpan{T}, string, in ReadOnlyTensorSpan{T}, string, out nint, out nint)"/>
    public static void BroadcastMatrixOrRow<T>(
        in ReadOnlyTensorSpan<T> first, string firstName, in ReadOnlyTensorSpan<T> second, string secondName, in ReadOnlyTensorSpan<T> third, string thirdName, in ReadOnlyTensorSpan<T> fourth, string fourthName, out nint rows, out nint columns)
    {
        rows = 1;
        columns = 1;
        Broaden(first.Lengths, firstName, ref rows, ref columns);
        Broaden(second.Lengths, secondName, ref rows, ref columns);
        Broaden(third.Lengths, thirdName, ref rows, ref columns);
        Broaden(fourth.Lengths, fourthName, ref rows, ref columns);
    }

    /// <summary>Widens <paramref name="rows"/> and <paramref name="columns"/> to an operand's where they are 1; whether it is a matrix.</summary>
    private static bool Broaden(ReadOnlySpan<nint> lengths, string name, ref nint rows, ref nint columns)
    {
        if (!Widen(lengths, ref rows, ref columns, out bool matrix))
        {
            ThrowNotMatrix(lengths, name);
        }

        return matrix;
    }
}
