using SymGrad.Generator.Model;

namespace SymGrad.Generator.IR;

/// <summary>
/// A straight-line computation of a method with control flow: a small graph and the nodes it produces. Its
/// <see cref="Op.Parameter"/> nodes are block arguments: <see cref="Node.Parameter"/> names a <see cref="Slot"/>, and
/// <see cref="Node.Bits"/> is 0 for the slot's value where the computation starts and 1 for the slot's adjoint.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record Computation(Graph Graph, EquatableArray<int> Roots)
{
    /// <summary>The leaf that reads slot <paramref name="slot"/>'s value.</summary>
    public static Node Read(int slot, ScalarType type) => new(Op.Parameter, EquatableArray<int>.Empty, -1, Parameter: slot, Type: type);

    /// <summary>The leaf that reads slot <paramref name="slot"/>'s adjoint.</summary>
    public static Node ReadAdjoint(int slot, ScalarType type) => new(Op.Parameter, EquatableArray<int>.Empty, -1, Parameter: slot, Type: type, Bits: 1);
}

/// <summary>
/// A variable of a method with control flow: a scalar parameter (<see cref="Parameter"/> its index) or a local
/// (<see cref="Parameter"/> -1). <see cref="Active"/> slots carry a derivative and get an adjoint. A local array of
/// <see cref="Type"/> has <see cref="Length"/>, the int slot that holds its length; its elements are read by
/// <see cref="Op.Element"/> nodes and written by <see cref="ArrayStore"/> regions.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record Slot(string Name, ScalarType Type, int Parameter, bool Active, int Length = -1)
{
    public bool IsArray => this.Length >= 0;
}

/// <summary>
/// A structured region of a method body, as MLIR's scf dialect has them: straight-line blocks, branches and loops,
/// nested. Loops are not unrolled: a loop's body is one region, whatever its trip count.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal abstract record Region;

/// <summary>
/// Assignments that happen together: slot <c>Slots[i]</c> gets root <c>i</c> of <see cref="Values"/>, computed from the
/// slots' values where the block starts. <see cref="Adjoint"/>, set by the autodiff stage, runs it backwards.
/// </summary>
internal sealed record Block(Computation Values, EquatableArray<int> Slots, BlockAdjoint? Adjoint = null) : Region;

/// <summary>
/// The reverse of a <see cref="Block"/>, with the slots' values restored to where the block started: root <c>i</c> of
/// <see cref="Adjoints"/> becomes slot <c>Slots[i]</c>'s adjoint (<c>Replace[i]</c>) or is added to it. Then, for each
/// element read <c>x[k]</c> in the block, the next two roots are <c>k</c> and the read's adjoint, added to element
/// <c>k</c> of the gradient of tensor parameter <c>Scatters[j]</c>.
/// </summary>
internal sealed record BlockAdjoint(Computation Adjoints, EquatableArray<int> Slots, EquatableArray<bool> Replace, EquatableArray<int> Scatters);

/// <summary>Regions run one after the other.</summary>
internal sealed record Sequence(EquatableArray<Region> Parts) : Region;

/// <summary>An <c>if</c>: <see cref="Then"/> where the 0/1 root of <see cref="Condition"/> is nonzero, else <see cref="Else"/>.</summary>
internal sealed record Branch(Computation Condition, Region Then, Region Else) : Region;

/// <summary>A region that runs only when no <c>break</c>, <c>continue</c> or <c>return</c> before it is pending.</summary>
internal sealed record Guard(Region Body) : Region;

/// <summary>
/// A loop: <see cref="Body"/> runs while no jump is pending and <see cref="Condition"/> (null: always) holds, tested
/// before each iteration, or after it when <see cref="TestAfter"/> (a <c>do</c> loop). <see cref="Step"/> (a <c>for</c>
/// loop's iterators, or the test of a <c>do</c> loop whose condition short-circuits, which breaks when false) runs after
/// the body unless a <c>break</c> or <c>return</c> left it. <see cref="Text"/> is the loop's
/// header as written, to name its trip count.
/// </summary>
internal sealed record Loop(Computation? Condition, Region Body, Region? Step, bool TestAfter, string Text) : Region;

/// <summary>
/// A region that a jump of kind <see cref="Ends"/> leaves for what follows it, with no jump pending after it: the body of
/// an inlined call (its <c>return</c> returns from the callee only) or a <c>switch</c> statement (its <c>break</c> ends
/// the switch). <see cref="Text"/> names it.
/// </summary>
internal sealed record Exit(Region Body, JumpKind Ends, string Text) : Region;

/// <summary>A <c>throw</c> of <see cref="Exception"/> (a C# expression), as C# throws it: a switch expression no arm matched.</summary>
internal sealed record Throw(string Exception) : Region;

/// <summary>
/// A check of run-time shape entry <see cref="Shape"/> of <see cref="StructuredBody.Shapes"/> (a broadcast that must
/// exist, or two shapes that must be one), where the statement that needs it runs, as C# throws there: an
/// <c>ArgumentException</c> naming both operands and both shapes, in the forward sweep, before any gradient is written.
/// It assigns nothing, and the reverse sweep has nothing of it to undo.
/// </summary>
internal sealed record ShapeTest(int Shape) : Region;

/// <summary>A <c>break</c>, <c>continue</c> or <c>return</c> (after its value is assigned to the result slot).</summary>
internal sealed record Jump(JumpKind Kind) : Region;

internal enum JumpKind : byte
{
    Continue = 1,
    Break = 2,
    Return = 3,
}

/// <summary>
/// The body of a method with control flow: its slots, its region, and the slot its <c>return</c> statements assign.
/// <see cref="Rewrites"/> says, for the generated file's remarks, what the loop optimizations did (see Optimize.Unrolling).
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record StructuredBody(EquatableArray<Slot> Slots, Region Body, int Result, EquatableArray<string> Rewrites = default, EquatableArray<LoopShape> Shapes = default)
{
    /// <summary>What the loop optimizations did, never a default array (the model walk enumerates it).</summary>
    public EquatableArray<string> Rewrites { get; init; } = Rewrites.Count == 0 ? EquatableArray<string>.Empty : Rewrites;

    /// <summary>The run-time shapes, checks and index maps of broadcasting loops, never a default array (see <see cref="LoopShape"/>).</summary>
    public EquatableArray<LoopShape> Shapes { get; init; } = Shapes.Count == 0 ? EquatableArray<LoopShape>.Empty : Shapes;
}

/// <summary>Facts of regions.</summary>
internal static class RegionFacts
{
    /// <summary>
    /// Whether a region's reverse sweep has work: a block that stores a slot (<paramref name="restored"/>, see
    /// Schedule.TapeSlots) or has an adjoint, an array write or creation, a loop. A branch or a guard around none
    /// records nothing: not the branch it took, nor whether it ran.
    /// </summary>
    public static bool Stores(this Region region, bool[] restored) => region switch
    {
        Block block => System.Linq.Enumerable.Any(block.Slots, s => restored[s])
            || (block.Adjoint is { } adjoint && (adjoint.Slots.Count > 0 || adjoint.Scatters.Count > 0)),
        Loop => true,
        ArrayReset or ArrayStore or MatrixProduct or AxisPass => true,
        Sequence sequence => System.Linq.Enumerable.Any(sequence.Parts, p => p.Stores(restored)),
        Branch branch => branch.Then.Stores(restored) || branch.Else.Stores(restored),
        Guard guard => guard.Body.Stores(restored),
        Exit exit => exit.Body.Stores(restored),
        _ => false,
    };
}
