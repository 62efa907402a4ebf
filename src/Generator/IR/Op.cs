namespace SymGrad.Generator.IR;

/// <summary>
/// The identity of each primitive of the IR. Everything else about a primitive (arity, shape rule, fold, derivative
/// rule, printed and emitted forms, documentation) is its row in <see cref="Primitives"/>; nothing depends on the
/// order of these names, so a new one goes anywhere.
/// </summary>
internal enum Op : byte
{
    /// <summary>A method parameter; <see cref="Node.Parameter"/> says which.</summary>
    Parameter,

    /// <summary>A scalar constant; <see cref="Node.Value"/> holds it.</summary>
    Constant,

    /// <summary>The number of elements of a tensor domain, as a scalar (the <c>n</c> of <c>Mean</c>).</summary>
    Count,

    Negate,
    Square,
    Sqrt,
    Exp,
    Log,
    Abs,
    Sin,
    Cos,
    Tanh,
    Sigmoid,
    Relu,

    /// <summary>1 where the operand is positive, else 0: the derivative of <see cref="Relu"/>.</summary>
    Step,

    /// <summary>-1, 0 or 1: the derivative of <see cref="Abs"/>.</summary>
    Sign,

    Add,
    Subtract,
    Multiply,
    Divide,

    /// <summary>The remainder of an integer division, as C#'s <c>%</c> (the sign of the dividend). Integers only.</summary>
    Remainder,

    /// <summary>Operand 0 (scalar or tensor) raised to operand 1 (always a scalar).</summary>
    Pow,

    /// <summary>A scalar repeated over every element of a tensor domain.</summary>
    Broadcast,

    /// <summary>The sum of a tensor's elements.</summary>
    Sum,

    /// <summary>The largest of a tensor's elements (the shift of a stable LogSumExp; never differentiated).</summary>
    Max,

    /// <summary>
    /// The matrix product <c>op(a) · op(b)</c>; <see cref="Node.Parameter"/> holds flags: 1 transposes the first
    /// operand, 2 the second. Its result is materialized in memory.
    /// </summary>
    MatMul,

    /// <summary>The transpose of a matrix, materialized in memory.</summary>
    Transpose,

    /// <summary>
    /// A parameter (operand 0) seen in a matrix domain: the same matrix, or a vector repeated over the rows (a bias),
    /// decided at run time by the parameter's shape. <see cref="Node.Parameter"/> names the parameter.
    /// </summary>
    Expand,

    /// <summary>
    /// The adjoint of <see cref="Expand"/>: a matrix (operand 0) brought back to the parameter's shape, summed over
    /// rows where the parameter was repeated. Materialized in memory.
    /// </summary>
    Unexpand,

    /// <summary>Its operand's value, with no derivative: the adjoint stops here.</summary>
    StopGradient,

    /// <summary>Operand 1 where scalar condition operand 0 is nonzero, else operand 2.</summary>
    Select,

    /// <summary>Scalar comparisons, 1 for true and 0 for false (conditions of <see cref="Select"/>).</summary>
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,

    /// <summary>Scalar logic on 0/1 conditions.</summary>
    And,
    Or,
    Not,

    /// <summary>Its scalar operand converted to the node's <see cref="Node.Type"/>, as a C# cast or implicit conversion.</summary>
    Convert,

    Expm1,
    Softplus,
    LogSigmoid,
    Maximum,
    Minimum,
    Clamp,
}
