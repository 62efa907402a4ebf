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

    /// <summary>
    /// For a TensorMath function (or overload) that runs eagerly but has no derivative rule yet, what to write instead
    /// in a [Differentiable] body; null for the others. Overloads are told apart by their parameter count, so that
    /// Sum(x, axis) is refused rather than read as Sum(x).
    /// </summary>
    public static string? NotDifferentiableYet(string name, int parameterCount) => name switch
    {
        "Sum" when parameterCount > 1 => "use Sum(x) over the whole tensor, or MatMul(x, ones) with a [NoGrad] [c, 1] tensor of ones for the row sums of an [n, c] matrix",
        "Mean" when parameterCount > 1 => "use Mean(x) over the whole tensor, or MatMul(x, ones) / c with a [NoGrad] [c, 1] tensor of ones for the row means of an [n, c] matrix",
        "LogSumExp" when parameterCount > 1 => "use LogSumExp(x) over the whole tensor",
        "Max" => "LogSumExp(x) is a smooth maximum that is differentiable",
        "Min" => "-LogSumExp(-x) is a smooth minimum that is differentiable",
        "Softmax" => "for a softmax over the whole tensor write Exp(x - LogSumExp(x))",
        "LogSoftmax" => "for a log-softmax over the whole tensor write x - LogSumExp(x)",
        "Maximum" => "write Maximum(a, b) as b + Relu(a - b)",
        "Minimum" => "write Minimum(a, b) as a - Relu(a - b)",
        "Clamp" => "write Clamp(x, min, max) as min + Relu(x - min) - Relu(x - max) (for min <= max)",
        "Log1p" => "write Log(1 + x), which loses accuracy for tiny x",
        "Expm1" => "write Exp(x) - 1, which loses accuracy for tiny x",
        "Softplus" => "write Relu(x) + Log(1 + Exp(-Abs(x))), the same stable form",
        "LogSigmoid" => "write -(Relu(-x) + Log(1 + Exp(-Abs(x)))), the same stable form",
        "LessThan" or "LessThanOrEqual" or "GreaterThan" or "GreaterThanOrEqual" or "Where"
            => "masks are not supported in differentiable bodies yet; express the selection with Relu, for example Maximum(a, b) as b + Relu(a - b)",
        "CrossEntropy" => "for one example write LogSumExp(logits) - Dot(logits, target) with a [NoGrad] one-hot or probability target",
        "BinaryCrossEntropyWithLogits" => "write Mean(Relu(z) - z * y + Log(1 + Exp(-Abs(z)))), the same stable form",
        "Reshape" => "pass the tensor already in the shape the body needs",
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
