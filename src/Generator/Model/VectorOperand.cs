namespace SymGrad.Generator.Model;

/// <summary>
/// A tensor parameter that is an operand of <c>MatMul</c> and may be a vector at run time, as <c>torch.matmul</c>
/// allows: read as a column <c>[m, 1]</c> when it is the right operand (<see cref="Column"/>), as a row <c>[1, m]</c>
/// when it is the left, and as the matrix it is when it has rank 2.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record VectorOperand(int Parameter, bool Column)
{
    /// <summary>The axis of the parameter's matrix view that is 1 when it is a vector: its columns as a right operand, its rows as a left one.</summary>
    public int VectorAxis => this.Column ? 1 : 0;
}
