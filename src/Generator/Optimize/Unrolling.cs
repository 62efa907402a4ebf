using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Optimize;

/// <summary>
/// Loop optimizations of a method with control flow, before its reverse mode: short counted loops are unrolled (inner
/// loops first), integer constants are propagated into the copies so that indexes become constants and integer-only
/// conditions fold, local arrays of constant length indexed only by constants become scalar slots (see
/// <see cref="Scalarization"/>), and adjacent blocks are fused into one (see <see cref="BlockFusion"/>). A loop whose
/// body became straight-line code is then one block per iteration, whose reverse sweep recomputes what it needs from
/// the slots where the iteration started, as a hand-written reverse sweep does.
/// </summary>
internal static class Unrolling
{
    /// <summary>The longest trip count unrolled.</summary>
    public const int MaxTrips = 8;

    /// <summary>
    /// The most nodes an unrolled loop may hold (its body's size times its trip count), so the generator's work stays
    /// within a constant factor of the method's size.
    /// </summary>
    public const int MaxNodes = 4096;

    public static StructuredBody Apply(StructuredBody body)
    {
        var rewrites = new List<string>();
        Region region = Unroll(body.Body, body.Slots, rewrites);
        var facts = new ConstantFacts();
        region = Propagate(region, body.Slots, new Dictionary<int, Node>(), facts);
        StructuredBody result = Scalarization.Apply(body with { Body = region }, facts, rewrites);
        return BlockFusion.Apply(result) with { Rewrites = rewrites.ToEquatableArray() };
    }

    /// <summary>The constants the propagation found where the arrays are created and written, by region reference.</summary>
    internal sealed class ConstantFacts
    {
        public Dictionary<ArrayReset, long?> Lengths { get; } = new(ReferenceComparer<ArrayReset>.Instance);

        public Dictionary<ArrayStore, long?[]> Indexes { get; } = new(ReferenceComparer<ArrayStore>.Instance);
    }

    /// <summary>Unrolls, inner loops first, each counted loop short enough (see <see cref="MaxTrips"/>, <see cref="MaxNodes"/>).</summary>
    private static Region Unroll(Region region, EquatableArray<Slot> slots, List<string> rewrites)
    {
        Region Recurse(Region r) => Unroll(r, slots, rewrites);

        Region output;
        switch (region)
        {
            case Sequence sequence:
                var parts = new List<Region>();
                foreach (Region original in sequence.Parts)
                {
                    Region part = Recurse(original);
                    if (part is Loop loop && parts.Count > 0 && parts[parts.Count - 1] is Block init
                        && Schedule.Recompute.Count(init, loop, slots) is { } counted && counted.Count <= MaxTrips
                        && counted.Count * (Size(loop.Body) + Size(loop.Step)) <= MaxNodes)
                    {
                        // The condition holds for exactly Count iterations and tests nothing with effects; no jump leaves the body.
                        for (long trip = 0; trip < counted.Count; trip++)
                        {
                            AddFlat(parts, Clone(loop.Body));
                            AddFlat(parts, Clone(loop.Step!));
                        }

                        rewrites.Add("Unrolled (" + counted.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " iterations): " + loop.Text + ".");
                        continue;
                    }

                    AddFlat(parts, part);
                }

                output = new Sequence(parts.ToEquatableArray());
                break;
            case Branch branch:
                output = new Branch(branch.Condition, Recurse(branch.Then), Recurse(branch.Else));
                break;
            case Guard guard:
                output = new Guard(Recurse(guard.Body));
                break;
            case Exit exit:
                output = exit with { Body = Recurse(exit.Body) };
                break;
            case Loop loop:
                output = loop with { Body = Recurse(loop.Body), Step = loop.Step is { } step ? Recurse(step) : null };
                break;
            default:
                output = region;
                break;
        }

        return output;
    }

    private static void AddFlat(List<Region> parts, Region part)
    {
        if (part is Sequence sequence)
        {
            parts.AddRange(sequence.Parts);
        }
        else
        {
            parts.Add(part);
        }
    }

    /// <summary>A copy of a region made of new objects: regions are told apart by reference downstream.</summary>
    private static Region Clone(Region region) => region switch
    {
        Block block => block with { },
        Sequence sequence => new Sequence(sequence.Parts.Select(Clone).ToEquatableArray()),
        Branch branch => new Branch(branch.Condition, Clone(branch.Then), Clone(branch.Else)),
        Guard guard => new Guard(Clone(guard.Body)),
        Exit exit => exit with { Body = Clone(exit.Body) },
        Loop loop => loop with { Body = Clone(loop.Body), Step = loop.Step is { } step ? Clone(step) : null },
        ArrayStore store => store with { },
        ArrayReset reset => reset with { },
        MatrixProduct product => product with { },
        AxisPass pass => pass with { },
        Throw @throw => @throw with { },
        ShapeTest test => test with { },
        Jump jump => jump with { },
        _ => region,
    };

    /// <summary>A region's size in nodes and regions.</summary>
    private static long Size(Region? region) => region switch
    {
        null => 0,
        Block block => 1 + block.Values.Graph.Count,
        Sequence sequence => 1 + sequence.Parts.Sum(Size),
        Branch branch => 1 + branch.Condition.Graph.Count + Size(branch.Then) + Size(branch.Else),
        Guard guard => 1 + Size(guard.Body),
        Exit exit => 1 + Size(exit.Body),
        Loop loop => 1 + (loop.Condition?.Graph.Count ?? 0) + Size(loop.Body) + Size(loop.Step),
        ArrayStore store => 1 + store.Indexes.Count,
        _ => 1,
    };

    /// <summary>
    /// Propagates integer constants forward: a block reading an integer slot known to hold a constant reads the constant,
    /// folded; a branch whose condition folds to a constant becomes the side it takes. <paramref name="known"/> holds,
    /// where the region starts, the integer slots known to hold a constant, and where it ends on return.
    /// </summary>
    private static Region Propagate(Region region, EquatableArray<Slot> slots, Dictionary<int, Node> known, ConstantFacts facts)
    {
        switch (region)
        {
            case Block block:
                Computation values = Substitute(block.Values, known);
                for (int i = 0; i < block.Slots.Count; i++)
                {
                    int slot = block.Slots[i];
                    Node root = values.Graph[values.Roots[i]];
                    if (root.Op == Op.Constant && root.IsScalar && slots[slot].Type.IsInteger() && !slots[slot].IsArray && root.Type == slots[slot].Type)
                    {
                        known[slot] = root;
                    }
                    else
                    {
                        known.Remove(slot);
                    }
                }

                return ReferenceEquals(values, block.Values) ? block : block with { Values = values };
            case Sequence sequence:
                var parts = new List<Region>();
                foreach (Region part in sequence.Parts)
                {
                    AddFlat(parts, Propagate(part, slots, known, facts));
                }

                return new Sequence(parts.ToEquatableArray());
            case Branch branch:
                Computation condition = Substitute(branch.Condition, known);
                if (condition.Graph[condition.Roots[0]] is { Op: Op.Constant } constant)
                {
                    return Propagate(constant.Value != 0 ? branch.Then : branch.Else, slots, known, facts);
                }

                var otherwise = new Dictionary<int, Node>(known);
                Region then = Propagate(branch.Then, slots, known, facts);
                Region @else = Propagate(branch.Else, slots, otherwise, facts);
                foreach (int slot in known.Keys.ToList())
                {
                    if (!otherwise.TryGetValue(slot, out Node? other) || !other.Equals(known[slot]))
                    {
                        known.Remove(slot);
                    }
                }

                return new Branch(condition, then, @else);
            case Guard guard:
                // It may not run, or stop part way: what it assigns is unknown after it.
                Region guarded = Propagate(guard.Body, slots, new Dictionary<int, Node>(known), facts);
                Forget(known, guard.Body);
                return new Guard(guarded);
            case Exit exit:
                Region exited = Propagate(exit.Body, slots, new Dictionary<int, Node>(known), facts);
                Forget(known, exit.Body);
                return exit with { Body = exited };
            case Loop loop:
                // What the loop assigns changes from one iteration to the next; the rest holds throughout.
                Forget(known, loop.Body);
                if (loop.Step is { } step)
                {
                    Forget(known, step);
                }

                return loop with
                {
                    Condition = loop.Condition is { } test ? Substitute(test, known) : null,
                    Body = Propagate(loop.Body, slots, new Dictionary<int, Node>(known), facts),
                    Step = loop.Step is { } iterator ? Propagate(iterator, slots, new Dictionary<int, Node>(known), facts) : null,
                };
            case ArrayReset reset:
                var created = reset with { };
                facts.Lengths[created] = known.TryGetValue(slots[reset.Array].Length, out Node? length) ? length.Bits : null;
                return created;
            case ArrayStore store:
                var written = store with { };
                facts.Indexes[written] = store.Indexes.Select(index => known.TryGetValue(index, out Node? value) ? value.Bits : (long?)null).ToArray();
                return written;
            default:
                return region;
        }
    }

    /// <summary>Removes from <paramref name="known"/> every slot <paramref name="region"/> may assign.</summary>
    private static void Forget(Dictionary<int, Node> known, Region region)
    {
        switch (region)
        {
            case Block block:
                foreach (int slot in block.Slots)
                {
                    known.Remove(slot);
                }

                break;
            case Sequence sequence:
                foreach (Region part in sequence.Parts)
                {
                    Forget(known, part);
                }

                break;
            case Branch branch:
                Forget(known, branch.Then);
                Forget(known, branch.Else);
                break;
            case Guard guard:
                Forget(known, guard.Body);
                break;
            case Exit exit:
                Forget(known, exit.Body);
                break;
            case Loop loop:
                Forget(known, loop.Body);
                if (loop.Step is { } step)
                {
                    Forget(known, step);
                }

                break;
        }
    }

    /// <summary>The computation with the known slots' reads replaced by their constants, simplified; itself when it reads none.</summary>
    private static Computation Substitute(Computation computation, Dictionary<int, Node> known)
    {
        Graph graph = computation.Graph;
        if (known.Count == 0 || !graph.Nodes.Any(n => n is { Op: Op.Parameter, Bits: 0 } && n.IsScalar && known.ContainsKey(n.Parameter)))
        {
            return computation;
        }

        var builder = new GraphBuilder(graph.Domains);
        var map = new int[graph.Count];
        for (int i = 0; i < graph.Count; i++)
        {
            builder.CurrentNote = graph.Note(i);
            Node node = graph[i];
            if (node is { Op: Op.Parameter, Bits: 0 } && node.IsScalar && known.TryGetValue(node.Parameter, out Node? constant) && constant.Type == node.Type)
            {
                map[i] = builder.Add(constant);
            }
            else
            {
                map[i] = builder.Add(node.Arity == 0 ? node : node with { Args = node.Args.Select(a => map[a]).ToEquatableArray() });
            }
        }

        Graph simplified = Simplifier.Simplify(builder.ToGraph(), computation.Roots.Select(r => map[r]).ToList(), out int[] roots);

        // One that overflows: the block keeps reading the slots, and computes it at run time as written.
        return FoldsEveryConstant(simplified) ? new Computation(simplified, roots.ToEquatableArray()) : computation;
    }

    /// <summary>
    /// Whether no integer arithmetic or conversion of <paramref name="graph"/> is left on constants only: one that did not
    /// fold overflows, and would be a constant expression C# rejects rather than computes as the method does. (A check
    /// such as an index against a parameter's length is a call, computed at run time.)
    /// </summary>
    public static bool FoldsEveryConstant(Graph graph)
        => !graph.Nodes.Any(n => n.Arity > 0 && n.IsScalar && (n.Op == Op.Convert || (n.Type.IsInteger() && n.Op is Op.Add or Op.Subtract or Op.Multiply or Op.Divide or Op.Remainder or Op.Negate))
            && n.Args.All(a => graph[a].Op == Op.Constant));

    /// <summary>Compares by reference: two equal regions may stand in different places.</summary>
    internal sealed class ReferenceComparer<T> : IEqualityComparer<T>
        where T : class
    {
        public static readonly ReferenceComparer<T> Instance = new();

        public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

        public int GetHashCode(T obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
