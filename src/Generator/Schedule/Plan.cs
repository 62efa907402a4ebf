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
internal sealed record PassStep(
    int Number,
    int Domain,
    EquatableArray<int> Reductions,
    EquatableArray<int> Reduced,
    EquatableArray<int> Body,
    EquatableArray<int> Captures,
    EquatableArray<int> Inputs,
    EquatableArray<PassWrite> Writes) : PlanStep;

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
