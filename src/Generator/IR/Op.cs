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

    /// <summary>C#'s <c>Math.Floor</c>, <c>Ceiling</c>, <c>Round</c> (half to even) and <c>Truncate</c>: piecewise constant.</summary>
    Floor,
    Ceiling,
    Round,
    Truncate,

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
    Log1p,
    FusedMultiplyAdd,

    /// <summary>
    /// A size of a tensor parameter, read when the call starts: <c>Lengths[axis]</c> with the axis in
    /// <see cref="Node.Bits"/>, or its <c>Rank</c> when <see cref="Node.Bits"/> is -1. <see cref="Node.Parameter"/> names the parameter.
    /// </summary>
    Length,

    /// <summary>
    /// The sums of a matrix (operand 0) along axis <see cref="Node.Parameter"/> (1: one per row, 0: one per column),
    /// materialized in memory. The node's domain is the reduced shape (a size-1 dimension, or the vector of sums).
    /// </summary>
    SumAxis,

    /// <summary>The largest element along an axis of a matrix, as <see cref="SumAxis"/>; ties share its gradient.</summary>
    MaxAxis,

    /// <summary>The smallest element along an axis of a matrix, as <see cref="SumAxis"/>; ties share its gradient.</summary>
    MinAxis,

    /// <summary>A stable log of the sum of exponentials along an axis of a matrix, as <see cref="SumAxis"/>.</summary>
    LogSumExpAxis,

    /// <summary>
    /// Operand 0, a matrix with a dimension of size 1 (or a vector), repeated along that dimension to fill the node's
    /// matrix domain: NumPy broadcasting of a value already in memory. Never materialized: the loop reads it in place.
    /// </summary>
    Stretch,

    /// <summary>
    /// A function along the middle axis of a rank-3 tensor <c>[a, b, c]</c> (operand 0, kept as its fold
    /// <c>[a*b, c]</c>), materialized in memory: <see cref="Node.Parameter"/> is the <c>SymGrad.Kernels.AxisFunction</c>
    /// and <see cref="Node.Bits"/> the tensor parameter whose <c>Lengths</c> give <c>a</c>, <c>b</c> and <c>c</c>. A
    /// reduction's domain is <c>[a, c]</c>; <c>Softmax</c> and <c>LogSoftmax</c> keep the operand's.
    /// </summary>
    MiddleAxis,

    /// <summary>
    /// The adjoint of <see cref="MiddleAxis"/> with respect to its operand: operands are the operand, the result and the
    /// result's adjoint, <see cref="Node.Parameter"/> and <see cref="Node.Bits"/> as the forward node's. Materialized.
    /// </summary>
    MiddleAxisAdjoint,

    /// <summary>
    /// 1 at column <c>labels[row]</c> of each row and 0 elsewhere, over the node's matrix domain; the int labels are
    /// parameter <see cref="Node.Parameter"/>. Materialized in memory.
    /// </summary>
    OneHot,

    /// <summary>
    /// Element <c>labels[row]</c> of each row of a matrix (operand 0), one value per row; the int labels are parameter
    /// <see cref="Node.Parameter"/>. Materialized in memory.
    /// </summary>
    Pick,

    /// <summary>
    /// A slice of vector parameter <see cref="Node.Parameter"/> (operand 0): element i reads the parameter's element
    /// i + start, with start operand 1 (an integer; a constant start is also in <see cref="Node.Bits"/>). A view in the
    /// slice's domain, never a copy.
    /// </summary>
    Slice,

    /// <summary>
    /// The adjoint of <see cref="Slice"/>: operand 0, a value of the slice's domain in memory, read in the parameter's
    /// domain at element i - start (operand 1, and <see cref="Node.Bits"/> when constant), and 0 where the slice did not reach.
    /// </summary>
    Pad,

    /// <summary>
    /// Element operand 1 (an integer index into the dense elements, row-major) of tensor parameter operand 0, as a
    /// scalar: <c>x[i]</c>, <c>x[^1]</c>, <c>x[i, j]</c>. <see cref="Node.Parameter"/> names the parameter. The index
    /// comes checked from <see cref="Index"/> nodes; it may be any integer scalar, a loop's induction variable included.
    /// </summary>
    Element,

    /// <summary>
    /// Integer operand 0 as an index along axis <see cref="Node.Bits"/> of parameter <see cref="Node.Parameter"/>, read
    /// with <see cref="Node.Value"/> indexes in all: itself when the parameter has that rank and the index lies in
    /// <c>[0, length)</c>, else it throws as C#'s indexer does.
    /// </summary>
    Index,

    /// <summary>
    /// The adjoint of <see cref="Element"/>: scalar operand 0 at element operand 1 (an integer) of the node's domain, and
    /// 0 everywhere else.
    /// </summary>
    Scatter,

    /// <summary>
    /// The start of a slice of parameter <see cref="Node.Parameter"/> from bounds known only at run time: operand 0 (the
    /// start) when <c>0 &lt;= start &lt;= end &lt;= length</c> with end operand 1, else it throws as C#'s range slicing does.
    /// </summary>
    SliceBounds,

    /// <summary>
    /// Tensor operand 0, of a smaller shape, read in the node's domain: the broadcast shape of a loop over elements in a
    /// method with loops or branches (see <see cref="LoopShape"/>). It exists only while such loops are lowered.
    /// </summary>
    LoopBroadcast,

    /// <summary>
    /// Where element operand 0 (an integer) of a loop over a broadcast shape is found in a smaller operand: the run-time
    /// map <see cref="Node.Parameter"/> of the method's <see cref="StructuredBody.Shapes"/>.
    /// </summary>
    LoopIndex,
}
