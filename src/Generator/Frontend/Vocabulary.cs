using System.Linq;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Frontend;

/// <summary>The functions SymGrad differentiates, by the type that declares them.</summary>
internal static class Vocabulary
{
    public const string TensorMathType = "SymGrad.TensorMath";
    public const string TensorType = "System.Numerics.Tensors.Tensor";
    public const string DifferentiableAttribute = "SymGrad.DifferentiableAttribute";
    public const string NoGradAttribute = "SymGrad.NoGradAttribute";

    /// <summary>The composite functions of TensorMath and Tensor, which the lowering expands into primitives.</summary>
    public enum Composite
    {
        None,
        Sum,
        Mean,
        Dot,
        LogSumExp,
        Mse,
        MatMul,
        Transpose,
        Max,
        Min,
        TensorMax,
        TensorMin,
        Where,
        BinaryCrossEntropyWithLogits,
    }

    /// <summary>Element-wise functions of one operand shared by TensorMath, Tensor, Math, MathF, float and double: the callable rows of <see cref="Primitives"/>.</summary>
    public static Op? Unary(string name) => Primitives.Callable(name, 1);

    /// <summary>Binary arithmetic spelled as System.Numerics.Tensors.Tensor methods.</summary>
    public static Op? TensorBinary(string name) => name switch
    {
        "Add" => Op.Add,
        "Subtract" => Op.Subtract,
        "Multiply" => Op.Multiply,
        "Divide" => Op.Divide,
        "Pow" => Op.Pow,
        _ => null,
    };

    public static Composite TensorMathComposite(string name) => name switch
    {
        "Sum" => Composite.Sum,
        "Mean" => Composite.Mean,
        "Dot" => Composite.Dot,
        "LogSumExp" => Composite.LogSumExp,
        "Mse" => Composite.Mse,
        "MatMul" => Composite.MatMul,
        "Transpose" => Composite.Transpose,
        "Max" => Composite.TensorMax,
        "Min" => Composite.TensorMin,
        "Where" => Composite.Where,
        "BinaryCrossEntropyWithLogits" => Composite.BinaryCrossEntropyWithLogits,
        _ => Composite.None,
    };

    /// <summary>
    /// The TensorMath functions a [Differentiable] body may call, for messages: the composites above, then every
    /// callable row of <see cref="Primitives"/>, so a new row is listed without another edit.
    /// </summary>
    public static string Functions { get; } = string.Join(", ", new[] { "Sum", "Mean", "Dot", "Max", "Min", "LogSumExp", "Softmax", "LogSoftmax", "Mse", "CrossEntropy", "BinaryCrossEntropyWithLogits", "MatMul", "Transpose", "Where", "Reshape" }
        .Concat(Primitives.All.Where(p => p.Callable && p.Op != Op.Negate).Select(p => p.Name)));

    public static Composite TensorComposite(string name) => name switch
    {
        "Sum" => Composite.Sum,
        "Average" => Composite.Mean,
        "Dot" => Composite.Dot,
        _ => Composite.None,
    };

    public static Composite ScalarComposite(string name) => name switch
    {
        "Max" => Composite.Max,
        "Min" => Composite.Min,
        _ => Composite.None,
    };

    /// <summary>
    /// For a TensorMath function (or overload) that runs eagerly but has no derivative rule yet, what to write instead
    /// in a [Differentiable] body; null for the others. Overloads are told apart by their parameter count, so that
    /// Sum(x, axis) is refused rather than read as Sum(x).
    /// </summary>
    public static string? NotDifferentiableYet(string name, int parameterCount) => name switch
    {
        _ => null,
    };

    /// <summary>Whether <paramref name="typeName"/> is a type whose static methods are scalar math.</summary>
    public static bool IsScalarMathType(string typeName)
        => typeName is "System.Math" or "System.MathF" or "float" or "double" or "System.Single" or "System.Double";

    /// <summary>Types whose calls are I/O or other effects, reported as side effects rather than unknown calls.</summary>
    public static bool IsEffectfulType(string typeName)
        => typeName.StartsWith("System.Console", System.StringComparison.Ordinal)
            || typeName.StartsWith("System.IO.", System.StringComparison.Ordinal)
            || typeName.StartsWith("System.Diagnostics.Debug", System.StringComparison.Ordinal)
            || typeName.StartsWith("System.Diagnostics.Trace", System.StringComparison.Ordinal)
            || typeName.StartsWith("System.Threading.", System.StringComparison.Ordinal)
            || typeName == "System.Random"
            || typeName.StartsWith("System.Net.", System.StringComparison.Ordinal);
}
