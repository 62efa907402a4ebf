using System;
using System.Text;

namespace SymGrad;

/// <summary>
/// The C# that error messages suggest as a fix, written in one place: a test compiles each one against this library,
/// so no message suggests code that does not build. A method's summary shows what it writes for a tensor named <c>x</c>.
/// </summary>
internal static class SuggestedFix
{
    /// <summary>A zeroed dense tensor shaped like another: <c>Tensor.CreateFromShape&lt;float&gt;(x.Lengths)</c>.</summary>
    public static string AllocateLike<T>(string like) => $"Tensor.CreateFromShape<{Keyword<T>()}>({like}.Lengths)";

    /// <summary>An array as long as a span or an array: <c>new float[x.Length]</c>.</summary>
    public static string AllocateArrayLike<T>(string like) => $"new {Keyword<T>()}[{like}.Length]";

    /// <summary>
    /// A dense copy of a tensor or a tensor span, whichever the caller holds:
    /// <c>Tensor&lt;float&gt; xDense = Tensor.CreateFromShape&lt;float&gt;(x.Lengths); x.CopyTo(xDense);</c>.
    /// </summary>
    public static string DenseCopy<T>(string name) => $"Tensor<{Keyword<T>()}> {name}Dense = {AllocateLike<T>(name)}; {name}.CopyTo({name}Dense);";

    /// <summary>A dense copy of a <c>Tensor&lt;T&gt;</c>: <c>x.ToDenseTensor()</c>.</summary>
    public static string DenseTensor(string name) => $"{name}.ToDenseTensor()";

    /// <summary>
    /// A matrix view of a tensor of another rank, keeping its elements in order: <c>Tensor.Reshape(x, [6, 4])</c> for a
    /// <c>[2, 3, 4]</c> tensor (the last dimension becomes the columns), <c>[1, n]</c> for a vector.
    /// </summary>
    public static string ReshapeToMatrix(string name, ReadOnlySpan<nint> lengths)
    {
        nint rows = 1;
        nint columns = lengths.Length == 0 ? 1 : lengths[^1];
        for (int d = 0; d < lengths.Length - 1; d++)
        {
            rows *= lengths[d];
        }

        return new StringBuilder("Tensor.Reshape(").Append(name).Append(", [").Append(rows).Append(", ").Append(columns).Append("])").ToString();
    }

    /// <summary>A product with its second operand transposed: <c>MatMul(a, Transpose(b))</c>.</summary>
    public static string MatMulTransposed(string first, string second) => $"MatMul({first}, Transpose({second}))";

    /// <summary>A layer's bias, the one place a vector is repeated over rows: <c>MatMul(x, Transpose(w)) + b</c>.</summary>
    public static string BiasOverProduct() => "MatMul(x, Transpose(w)) + b";

    /// <summary>An optimizer of this library over two parameters: <c>new Sgd&lt;float&gt;([w, b], learningRate: 0.01)</c>.</summary>
    public static string NewOptimizer<T>(string optimizer) => $"new {optimizer}<{Keyword<T>()}>([w, b], learningRate: 0.01)";

    /// <summary>The C# keyword for an element type, or its name.</summary>
    private static string Keyword<T>()
        => typeof(T) == typeof(float) ? "float"
        : typeof(T) == typeof(double) ? "double"
        : typeof(T) == typeof(int) ? "int"
        : typeof(T).Name;
}
