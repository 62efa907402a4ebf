using System;
using System.Numerics.Tensors;
using SymGrad.Kernels;

namespace SymGrad;

/// <summary>
/// The eager vocabulary of differentiable bodies: element-wise functions, reductions and matrix products over
/// <see cref="float"/> and <see cref="double"/> tensors and scalars. Import it with
/// <c>using static SymGrad.TensorMath;</c> and write bodies such as <c>Mean(Square(x - target))</c>.
/// </summary>
/// <remarks>
/// <para>
/// Arithmetic operators (<c>+</c>, <c>-</c>, <c>*</c>, <c>/</c>, with broadcasting) come from
/// System.Numerics.Tensors. Every function here has separate <see cref="float"/> and <see cref="double"/> overloads
/// rather than one generic method, because arguments are usually <see cref="Tensor{T}"/> values that convert
/// implicitly to <see cref="ReadOnlyTensorSpan{T}"/>, a conversion generic type inference does not look through.
/// </para>
/// <para>
/// Inputs may have any layout (dense, sliced, transposed or broadcast views); results are new dense tensors.
/// Values follow PyTorch, including at NaN and infinities. Each function's documentation also states the derivative
/// that <see cref="DifferentiableAttribute">[Differentiable]</see> methods use for it.
/// </para>
/// </remarks>
public static partial class TensorMath
{
    /// <summary>Writes one element-wise function of <c>x</c> to <c>destination</c>, both spans of the same length.</summary>
    private delegate void ElementwiseMap<T>(ReadOnlySpan<T> x, Span<T> destination);

    /// <summary>Applies <paramref name="map"/> to the elements of <paramref name="x"/> into a new dense tensor of its shape.</summary>
    private static Tensor<T> Map<T>(in ReadOnlyTensorSpan<T> x, ElementwiseMap<T> map)
    {
        using DenseElements<T> input = DenseElements<T>.Of(x);
        T[] result = GC.AllocateUninitializedArray<T>(input.Span.Length);
        if (result.Length != 0)
        {
            // Some TensorPrimitives functions (Sigmoid) reject empty spans.
            map(input.Span, result);
        }

        return Tensor.Create(result, x.Lengths);
    }

    /// <summary>Requires two tensors whose elements pair up one to one to have the same shape.</summary>
    private static void RequireSameShape<T>(in ReadOnlyTensorSpan<T> x, string xName, in ReadOnlyTensorSpan<T> y, string yName, string operation)
    {
        if (!x.Lengths.SequenceEqual(y.Lengths))
        {
            throw new ArgumentException(
                $"{operation}({xName}, {yName}) pairs elements one to one and does not broadcast: '{xName}' and '{yName}' must have the same shape, " +
                $"but '{xName}' is {ShapeGuard.Format(x.Lengths)} and '{yName}' is {ShapeGuard.Format(y.Lengths)}. Pass tensors of the same shape.",
                yName);
        }
    }

    /// <summary>Requires a matrix operand to be 2-D.</summary>
    private static void RequireMatrix<T>(in ReadOnlyTensorSpan<T> tensor, string name, string operation)
    {
        if (tensor.Rank != 2)
        {
            throw new ArgumentException(
                $"{operation} works on matrices: '{name}' must be 2-D, but it has rank {tensor.Rank} (shape {ShapeGuard.Format(tensor.Lengths)}). " +
                $"Reshape it to [rows, columns] first, for example {SuggestedFix.ReshapeToMatrix(name, tensor.Lengths)}.",
                name);
        }
    }
}
