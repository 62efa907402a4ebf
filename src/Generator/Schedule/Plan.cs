using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Schedule;

/// <summary>A gradient output: parameter <see cref="Parameter"/> receives the value of <see cref="Node"/>.</summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record GradientWrite(int Parameter, int Node);

/// <summary>
/// A value a fused loop stores per element: into parameter <see cref="Parameter"/>'s gradient, or, when it is -1,
/// into the temporary buffer of <see cref="Node"/> (an operand of a matrix product).
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record PassWrite(int Node, int Parameter)
{
    public bool IsGradient => this.Parameter >= 0;
}

/// <summary>One step of a generated method, in order.</summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal abstract record PlanStep;

/// <summary>Host code computes scalar node <see cref="Node"/> from scalars already known.</summary>
internal sealed record ScalarStep(int Node) : PlanStep;

/// <summary>
/// One fused loop over the elements of <see cref="Domain"/>: computes <see cref="Body"/> per element (tensor nodes in
/// order), stores <see cref="Writes"/>, and reduces each of <see cref="Reduced"/> into the matching scalar node of
/// <see cref="Reductions"/> (several sums share one loop). <see cref="Inputs"/> are the nodes it reads from memory
/// (parameters and materialized matrices); <see cref="Captures"/> are the scalars it reads.
/// </summary>
/// <remarks>
/// In a row pass, <see cref="RowReads"/> are the nodes the kernel reads from the current row rather than from memory:
/// a value with one element per row (the row's scalar), or a one-hot row of labels (the row's label).
/// </remarks>
internal sealed record PassStep(
    int Number,
    int Domain,
    EquatableArray<int> Reductions,
    EquatableArray<int> Reduced,
    EquatableArray<int> Body,
    EquatableArray<int> Captures,
    EquatableArray<int> Inputs,
    EquatableArray<PassWrite> Writes,
    EquatableArray<int> RowReads = default) : PlanStep;

/// <summary>
/// A materialized node (a matrix product or transpose) computed whole, into parameter <see cref="Destination"/>'s
/// gradient when it is that gradient, else into its temporary buffer (-1).
/// </summary>
internal sealed record MatrixStep(int Node, int Destination) : PlanStep;

/// <summary>
/// How to compute one generated method: the steps in order, the node of the value, the gradients, and the nodes that
/// need temporary buffers.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record Plan(Graph Graph, EquatableArray<PlanStep> Steps, int Value, EquatableArray<GradientWrite> Gradients, EquatableArray<int> Buffers);

/// <summary>
/// Everything the emitter needs for one method: the model, both plans, and the printed math for the docs. A method with
/// control flow has its differentiated regions instead of plans, and its docs say what its reverse sweep stores.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record MethodPlan(MethodModel Method, Plan ValuePlan, Plan GradientPlan, EquatableArray<string> GradientDocs, StructuredBody? StructuredBody = null);

/// <summary>
/// A row pass: one outer loop over the rows of matrix domain <see cref="Domain"/> that runs <see cref="Steps"/> for each
/// row, so a reduction along the row (a row's sum, maximum or log-sum-exp) is a step inside the loop, not a matrix
/// written to memory and read back. <see cref="Totals"/> are whole-tensor reductions accumulated over the rows.
/// </summary>
internal sealed record RowPassStep(int Domain, EquatableArray<int> Totals, EquatableArray<RowStep> Steps) : PlanStep;

/// <summary>One step of a row pass, for the current row.</summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal abstract record RowStep;

/// <summary>
/// A fused loop over the row's elements, as a flat pass's: it reduces each of its reductions (along the row, or into
/// a total) and stores its writes. Its kernel reads the row's values (<see cref="PassStep.RowReads"/>) as scalars.
/// </summary>
internal sealed record RowLoop(PassStep Pass) : RowStep;

/// <summary>A value with one element per row (<see cref="Node"/>), computed for the current row from row values already known.</summary>
internal sealed record RowValue(int Node) : RowStep;

/// <summary>
/// <c>Pick</c> node <see cref="Node"/>: the element at the row's label, computed by <see cref="Kernel"/> (whose only
/// reduced value is the pick's operand) at that one column.
/// </summary>
internal sealed record RowPick(int Node, PassStep Kernel) : RowStep;

/// <summary>A row value stored at the row's element of its buffer or gradient.</summary>
internal sealed record RowStore(PassWrite Write) : RowStep;

/// <summary>A row value added into whole-tensor reduction <see cref="Reduction"/>, one of the pass's totals.</summary>
internal sealed record RowTotal(int Reduction) : RowStep;
