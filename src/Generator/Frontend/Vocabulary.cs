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
    }

    /// <summary>Element-wise functions shared by TensorMath, Tensor, Math, MathF, float and double.</summary>
    public static Op? Unary(string name) => name switch
    {
        "Square" => Op.Square,
        "Sqrt" => Op.Sqrt,
        "Exp" => Op.Exp,
        "Log" => Op.Log,
        "Abs" => Op.Abs,
        "Sin" => Op.Sin,
        "Cos" => Op.Cos,
        "Tanh" => Op.Tanh,
        "Sigmoid" => Op.Sigmoid,
        "Relu" => Op.Relu,
        "Negate" => Op.Negate,
        _ => null,
    };

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
        _ => Composite.None,
    };

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
