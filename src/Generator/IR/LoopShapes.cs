using SymGrad.Generator.Model;

namespace SymGrad.Generator.IR;

/// <summary>What a <see cref="LoopShape"/> entry computes when the method is called.</summary>
internal enum LoopShapeKind : byte
{
    /// <summary>The shape of tensor parameter <see cref="LoopShape.Parameter"/>.</summary>
    Parameter,

    /// <summary>The broadcast of entries <see cref="LoopShape.First"/> and <see cref="LoopShape.Second"/>, which throws if they do not broadcast.</summary>
    Broadcast,

    /// <summary>A check that entry <see cref="LoopShape.Second"/> has the shape of entry <see cref="LoopShape.First"/> (a tensor local keeps its shape).</summary>
    Keeps,

    /// <summary>A check that entries <see cref="LoopShape.First"/> and <see cref="LoopShape.Second"/> are one shape (a conditional's sides, Dot's operands).</summary>
    Same,

    /// <summary>The map from element k of a loop over entry <see cref="LoopShape.Second"/> to the index of that element in entry <see cref="LoopShape.First"/>.</summary>
    Index,

    /// <summary>The shape of <c>MatMul</c> of entries <see cref="LoopShape.First"/> and <see cref="LoopShape.Second"/> (torch.matmul's rules for vectors), which throws if their inner lengths differ.</summary>
    Product,

    /// <summary>
    /// The shape of a block of rows of matrix entry <see cref="LoopShape.First"/> (a parameter's, <see cref="LoopShape.Parameter"/>):
    /// <see cref="LoopShape.Rows"/> plus <see cref="LoopShape.Terms"/> rows, all its columns.
    /// </summary>
    Rows,

    /// <summary>
    /// The shape of <see cref="LoopShape.Function"/> along axis <see cref="LoopShape.Axis"/> of entry
    /// <see cref="LoopShape.First"/> (<see cref="LoopShape.FirstText"/> the call as written), with
    /// <see cref="LoopShape.KeepDims"/>; the operand's own for Softmax and LogSoftmax. It throws if the operand has no
    /// such axis.
    /// </summary>
    Axis,

    /// <summary>
    /// The shape of <c>Transpose(a)</c> of matrix entry <see cref="LoopShape.First"/> (<see cref="LoopShape.FirstText"/>
    /// the operand as written, <see cref="LoopShape.SecondText"/> the transpose), read in place by a product; none when
    /// the operand is not a matrix, which the product's statement throws for when it runs.
    /// </summary>
    Transpose,

    /// <summary>
    /// The shape of a block <c>x[a..b, c..d]</c> of matrix entry <see cref="LoopShape.First"/> (a parameter's,
    /// <see cref="LoopShape.Parameter"/>): <see cref="LoopShape.Rows"/> plus <see cref="LoopShape.Terms"/> rows,
    /// <see cref="LoopShape.Columns"/> plus <see cref="LoopShape.ColumnTerms"/> columns.
    /// </summary>
    Block,

    /// <summary>
    /// The shape of a slice of vector entry <see cref="LoopShape.First"/> (a parameter's, <see cref="LoopShape.Parameter"/>):
    /// its length less <see cref="LoopShape.Rows"/> plus <see cref="LoopShape.Terms"/> elements.
    /// </summary>
    VectorSlice,

    /// <summary>The map from element k of <c>Transpose(a)</c> to the index of that element in matrix entry <see cref="LoopShape.First"/>.</summary>
    TransposeIndex,

    /// <summary>
    /// The shape of <c>Reshape(x, lengths)</c> of entry <see cref="LoopShape.First"/> (<see cref="LoopShape.FirstText"/>
    /// the reshape as written), its lengths <see cref="LoopShape.Terms"/> (constants, -1, int parameters and sizes), the
    /// -1 inferred; none when the lengths do not fit, which the reshape's statement throws for when it runs.
    /// </summary>
    Reshape,
}

/// <summary>
/// One value a method with loops or branches computes when it is called, before anything else, where tensors of
/// different shapes meet element-wise (NumPy/PyTorch broadcasting): a shape, a broadcast of two, a check, or an index
/// map. Entries refer to earlier entries by position; <see cref="FirstText"/> and <see cref="SecondText"/> name the
/// operands in the exceptions they throw.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record LoopShape(LoopShapeKind Kind, int Parameter = -1, int First = -1, int Second = -1, string FirstText = "", string SecondText = "", long Rows = 0, EquatableArray<ExtentTerm> Terms = default, int Axis = 0, bool KeepDims = false, string Function = "", long Columns = 0, EquatableArray<ExtentTerm> ColumnTerms = default)
{
    /// <summary>The run-time terms of a block's column count, never a default array.</summary>
    public EquatableArray<ExtentTerm> ColumnTerms { get; init; } = ColumnTerms.Count == 0 ? EquatableArray<ExtentTerm>.Empty : ColumnTerms;

    /// <summary>The run-time terms of a row block's row count (int parameters and sizes, each times a constant), never a default array.</summary>
    public EquatableArray<ExtentTerm> Terms { get; init; } = Terms.Count == 0 ? EquatableArray<ExtentTerm>.Empty : Terms;
}
