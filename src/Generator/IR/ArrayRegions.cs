using SymGrad.Generator.Model;

namespace SymGrad.Generator.IR;

/// <summary>
/// A local array's creation (<c>new T[n]</c>, an initializer, <c>stackalloc</c>): array slot <see cref="Array"/> becomes
/// zeroed elements, as many as its length slot holds. In a loop it runs again each time, a new array each time, as C#
/// creates one. <see cref="Text"/> is the creation as written.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record ArrayReset(int Array, string Text) : Region;

/// <summary>
/// Element writes of array slot <see cref="Array"/>, in order: element <c>slot Indexes[i]</c> gets <c>slot Values[i]</c>.
/// The block before it assigns those slots, so its adjoint carries each written element's adjoint back into the value.
/// <see cref="Text"/> is the statement as written.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record ArrayStore(int Array, EquatableArray<int> Indexes, EquatableArray<int> Values, string Text) : Region;

/// <summary>
/// A matrix product in a method with loops or branches, on the runtime's matrix kernels: array slot <see cref="Result"/>
/// (created just before, of the product's shape) gets <c>MatMul(Left, Right)</c> with torch.matmul's rules for vectors.
/// <see cref="Shape"/> is the entry of <see cref="StructuredBody.Shapes"/> that computes the product's shape. Its
/// reverse sweep adds <c>C̄·Bᵀ</c> to the left operand's adjoint and <c>Aᵀ·C̄</c> to the right one's, reading the
/// operands as they were when it ran. <see cref="Text"/> is the product as written.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record MatrixProduct(int Result, ProductOperand Left, ProductOperand Right, int Shape, string Text) : Region
{
    /// <summary>The slots the product reads: its operand arrays and the bounds of its row blocks.</summary>
    public System.Collections.Generic.IEnumerable<int> Reads() => System.Linq.Enumerable.Concat(this.Left.Reads(), this.Right.Reads());

    /// <summary>The product with its slots numbered again by <paramref name="map"/>.</summary>
    public MatrixProduct Renumber(int[] map) => this with { Result = map[this.Result], Left = this.Left.Renumber(map), Right = this.Right.Renumber(map) };
}

/// <summary>
/// An operand of a <see cref="MatrixProduct"/>, read in place: array slot <see cref="Array"/> (a tensor local, or a
/// value computed into one), or tensor parameter <see cref="Parameter"/>, whole or, with <see cref="Start"/> and
/// <see cref="End"/> (int slots), its rows <c>[start, end)</c> (<c>x[a..b, ..]</c>, <see cref="Text"/> as written).
/// <see cref="Shape"/> is the entry of <see cref="StructuredBody.Shapes"/> that computes its shape; with
/// <see cref="Transposed"/> (<c>Transpose(k)</c> as an operand of a product), a matrix read in place as its transpose,
/// <see cref="Shape"/> the transpose's.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record ProductOperand(int Array, int Parameter, int Shape, int Start = -1, int End = -1, string Text = "", bool Transposed = false)
{
    public bool IsRowBlock => this.Start >= 0;

    public System.Collections.Generic.IEnumerable<int> Reads()
    {
        if (this.Array >= 0)
        {
            yield return this.Array;
        }

        if (this.IsRowBlock)
        {
            yield return this.Start;
            yield return this.End;
        }
    }

    public ProductOperand Renumber(int[] map) => this with
    {
        Array = this.Array >= 0 ? map[this.Array] : -1,
        Start = this.Start >= 0 ? map[this.Start] : -1,
        End = this.End >= 0 ? map[this.End] : -1,
    };
}

/// <summary>
/// A reduction along an axis (<c>Sum</c>, <c>Mean</c>, <c>Max</c>, <c>Min</c>, <c>LogSumExp</c>), a <c>Softmax</c> or a
/// <c>LogSoftmax</c> in a method with loops or branches, on the runtime's axis kernels: array slot <see cref="Result"/>
/// (created just before, of the result's shape) gets <see cref="Function"/> along <see cref="Axis"/> (as written, a
/// negative one counted from the end when it runs) of <see cref="Operand"/>, read in place. <see cref="Shape"/> is the
/// entry of <see cref="StructuredBody.Shapes"/> that computes the operand's shape. Its reverse sweep adds the operand's
/// adjoint by the function's rule, from the operand as it was and the result. <see cref="Text"/> is the call as written.
/// A loss (<see cref="Function"/> <c>CrossEntropy</c> or <c>BinaryCrossEntropyWithLogits</c>) writes its one value to
/// element 0 of its array: its logits are <see cref="Operand"/>, its targets <see cref="Second"/> (probabilities, or
/// <c>y</c>) or the int array slot <see cref="Labels"/> (class indices, a parameter); its <see cref="Axis"/> is 0.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record AxisPass(int Result, ProductOperand Operand, string Function, int Axis, int Shape, string Text, ProductOperand? Second = null, int Labels = -1) : Region
{
    /// <summary>Whether this is a loss, one value from its logits and targets, rather than work along an axis.</summary>
    public bool IsLoss => this.Function is "CrossEntropy" or "BinaryCrossEntropyWithLogits";

    /// <summary>The slots the pass reads: its operands' arrays (and row bounds) and labels, and in its reverse sweep its own result.</summary>
    public System.Collections.Generic.IEnumerable<int> Reads()
    {
        System.Collections.Generic.IEnumerable<int> reads = this.Operand.Reads();
        if (this.Second is { } second)
        {
            reads = System.Linq.Enumerable.Concat(reads, second.Reads());
        }

        return this.Labels >= 0 ? System.Linq.Enumerable.Append(reads, this.Labels) : reads;
    }

    /// <summary>The pass with its slots numbered again by <paramref name="map"/>.</summary>
    public AxisPass Renumber(int[] map) => this with
    {
        Result = map[this.Result],
        Operand = this.Operand.Renumber(map),
        Second = this.Second?.Renumber(map),
        Labels = this.Labels >= 0 ? map[this.Labels] : -1,
    };
}
