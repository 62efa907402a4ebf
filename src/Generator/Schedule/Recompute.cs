using System.Collections.Generic;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Schedule;

/// <summary>
/// What the reverse sweep recomputes instead of storing, as a hand-written reverse sweep would: an integer step
/// (<c>i++</c>, <c>i -= 2</c>) is undone by the inverse step, and a branch whose condition reads only integer slots that
/// it does not assign takes the same side again. Both are exact: an integer step wraps, and its inverse wraps back.
/// </summary>
internal static class Recompute
{
    /// <summary>
    /// The inverse of the step that slot <c>Slots[i]</c> of <paramref name="block"/> takes, as an operation and its
    /// constant operand (<c>i = i + c</c> is undone by <c>i = i - c</c>); null when the slot is assigned anything else.
    /// </summary>
    public static (Op Op, Node Constant)? Inverse(Block block, int i, EquatableArray<Slot> slots)
    {
        int slot = block.Slots[i];
        ScalarType type = slots[slot].Type;
        if (slots[slot].IsArray || type is not (ScalarType.Int or ScalarType.UInt or ScalarType.Long or ScalarType.ULong))
        {
            return null;
        }

        Graph graph = block.Values.Graph;
        Node node = graph[block.Values.Roots[i]];
        if (node.Op is not (Op.Add or Op.Subtract) || node.Type != type || node.Arity != 2)
        {
            return null;
        }

        bool Reads(int id) => graph[id] is { Op: Op.Parameter, Bits: 0 } read && read.Parameter == slot && read.Type == type;
        bool IsConstant(int id) => graph[id] is { Op: Op.Constant } constant && constant.Type == type;
        if (Reads(node.Args[0]) && IsConstant(node.Args[1]))
        {
            return (node.Op == Op.Add ? Op.Subtract : Op.Add, graph[node.Args[1]]);
        }

        if (node.Op == Op.Add && IsConstant(node.Args[0]) && Reads(node.Args[1]))
        {
            return (Op.Subtract, graph[node.Args[0]]);
        }

        return null;
    }

    /// <summary>
    /// Whether the reverse sweep evaluates <paramref name="branch"/>'s condition again rather than storing the side it
    /// took: the condition reads only integer slots (no array element, no floating value), and neither side assigns
    /// one of them, so where the reverse sweep reaches the branch they hold what they held when it was tested (the
    /// reads keep those slots restored, see <see cref="TapeSlots"/>).
    /// </summary>
    public static bool Condition(Branch branch, EquatableArray<Slot> slots)
    {
        // Only a branch with work of its own to reverse (an adjoint, an array, a loop): one around blocks that only
        // restore slots is not worth the slots its condition would keep restored.
        var none = new bool[slots.Count];
        if (!branch.Then.Stores(none) && !branch.Else.Stores(none))
        {
            return false;
        }

        var reads = new HashSet<int>();
        Graph graph = branch.Condition.Graph;
        bool[] live = Optimize.Simplifier.Live(graph, branch.Condition.Roots);
        for (int id = 0; id < graph.Count; id++)
        {
            if (!live[id])
            {
                continue;
            }

            Node node = graph[id];
            switch (node.Op)
            {
                case Op.Parameter when node.Bits == 0 && !slots[node.Parameter].IsArray && slots[node.Parameter].Type.IsInteger():
                    reads.Add(node.Parameter);
                    break;
                case Op.Parameter or Op.Element:
                    return false;
            }

            if (!node.Type.IsInteger() && !node.Op.IsCondition())
            {
                return false;
            }
        }

        return !Assigns(branch.Then, reads) && !Assigns(branch.Else, reads);
    }

    /// <summary>The integer slots a branch's condition reads, for <see cref="TapeSlots"/>.</summary>
    public static IEnumerable<int> ConditionReads(Branch branch) => Reads(branch.Condition);

    /// <summary>The slots a computation reads.</summary>
    public static IEnumerable<int> Reads(Computation computation)
    {
        Graph graph = computation.Graph;
        bool[] live = Optimize.Simplifier.Live(graph, computation.Roots);
        for (int id = 0; id < graph.Count; id++)
        {
            if (live[id] && graph[id] is { Op: Op.Parameter, Bits: 0 } node)
            {
                yield return node.Parameter;
            }
        }
    }

    /// <summary>
    /// A <c>for</c> loop whose trip count is known at compile time: its counter starts at a constant in the block just
    /// before it, is tested against a constant with <c>&lt;</c> or <c>&lt;=</c>, steps by a positive constant in the
    /// loop's step and nowhere else, and no jump leaves or skips the body. Its reverse sweep counts down from
    /// <see cref="Count"/> and sets the counter to each iteration's value itself: neither the count nor the counter is
    /// stored.
    /// </summary>
    public sealed record Counted(int Counter, long Start, long Step, long Count);

    /// <summary>The counted loops of a body, by reference (two equal loops may follow different blocks).</summary>
    public static Dictionary<Loop, Counted> CountedLoops(StructuredBody body)
    {
        var found = new Dictionary<Loop, Counted>(ByReference<Loop>.Instance);
        FindCounted(body.Body, body.Slots, found);
        return found;
    }

    private static void FindCounted(Region region, EquatableArray<Slot> slots, Dictionary<Loop, Counted> found)
    {
        switch (region)
        {
            case Sequence sequence:
                for (int j = 0; j < sequence.Parts.Count; j++)
                {
                    if (j > 0 && sequence.Parts[j] is Loop loop && sequence.Parts[j - 1] is Block init && Count(init, loop, slots) is { } counted)
                    {
                        found[loop] = counted;
                    }

                    FindCounted(sequence.Parts[j], slots, found);
                }

                break;
            case Branch branch:
                FindCounted(branch.Then, slots, found);
                FindCounted(branch.Else, slots, found);
                break;
            case Guard guard:
                FindCounted(guard.Body, slots, found);
                break;
            case Exit exit:
                FindCounted(exit.Body, slots, found);
                break;
            case Loop loop:
                FindCounted(loop.Body, slots, found);
                if (loop.Step is { } step)
                {
                    FindCounted(step, slots, found);
                }

                break;
        }
    }

    /// <summary>The trip count of <paramref name="loop"/> after <paramref name="init"/>, when it is counted (see <see cref="Counted"/>).</summary>
    public static Counted? Count(Block init, Loop loop, EquatableArray<Slot> slots)
    {
        Block? step = loop.Step switch
        {
            Block block => block,
            Sequence { Parts.Count: 1 } sequence => sequence.Parts[0] as Block,
            _ => null,
        };
        if (loop.TestAfter || loop.Condition is not { } condition || step is not { Slots.Count: 1 } || Inverse(step, 0, slots) is not { } inverse)
        {
            return null;
        }

        int counter = step.Slots[0];
        long stride = inverse.Op == Op.Subtract ? inverse.Constant.Bits : -inverse.Constant.Bits;
        if (slots[counter].Type != ScalarType.Int || stride <= 0 || (step.Adjoint is { } adjoint && (adjoint.Slots.Count > 0 || adjoint.Scatters.Count > 0)))
        {
            return null;
        }

        int at = System.Linq.Enumerable.ToList(init.Slots).IndexOf(counter);
        if (at < 0 || init.Values.Graph[init.Values.Roots[at]] is not { Op: Op.Constant, Type: ScalarType.Int } start)
        {
            return null;
        }

        Graph graph = condition.Graph;
        Node test = graph[condition.Roots[0]];
        if (test.Op is not (Op.Less or Op.LessOrEqual) || graph[test.Args[0]] is not { Op: Op.Parameter, Bits: 0 } read || read.Parameter != counter
            || graph[test.Args[1]] is not { Op: Op.Constant, Type: ScalarType.Int } bound)
        {
            return null;
        }

        if (HasJumps(loop.Body) || Assigns(loop.Body, new HashSet<int> { counter }))
        {
            return null;
        }

        // The last value the counter takes must not wrap: the loop would not end where the count says.
        long end = test.Op == Op.Less ? bound.Bits : bound.Bits + 1;
        long count = end > start.Bits ? (end - start.Bits + stride - 1) / stride : 0;
        return start.Bits + (count * stride) > int.MaxValue || count > int.MaxValue ? null : new Counted(counter, start.Bits, stride, count);
    }

    private static bool HasJumps(Region region) => region switch
    {
        Jump => true,
        Sequence sequence => System.Linq.Enumerable.Any(sequence.Parts, HasJumps),
        Branch branch => HasJumps(branch.Then) || HasJumps(branch.Else),
        Guard guard => HasJumps(guard.Body),
        Loop loop => HasJumps(loop.Body) || (loop.Step is { } step && HasJumps(step)),
        Exit exit => HasJumps(exit.Body),
        _ => false,
    };

    private sealed class ByReference<T> : IEqualityComparer<T>
        where T : class
    {
        public static readonly ByReference<T> Instance = new();

        public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

        public int GetHashCode(T obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    /// <summary>
    /// The indexes of array writes that the reverse sweep computes again rather than storing: for write
    /// <c>a[e] = ...</c>, the block just before it puts <c>e</c> in a local that only that write reads; when <c>e</c>
    /// is integer arithmetic on locals that block does not assign (<c>s * 2</c>, <c>i</c>), the reverse sweep of the
    /// write computes <c>e</c> from them, which hold what they held when it ran. Entry <c>m</c> (null: stored) is for
    /// <c>Indexes[m]</c>.
    /// </summary>
    public static Dictionary<ArrayStore, Computation?[]> Indexes(StructuredBody body)
    {
        var assigned = new int[body.Slots.Count];
        var read = new int[body.Slots.Count];
        var indexes = new int[body.Slots.Count];
        CountUses(body.Body, body.Slots, assigned, read, indexes);
        var found = new Dictionary<ArrayStore, Computation?[]>(ByReference<ArrayStore>.Instance);
        FindIndexes(body.Body, body.Slots, slot => assigned[slot] == 1 && read[slot] == 0 && indexes[slot] == 1, found);
        return found;
    }

    private static void CountUses(Region region, EquatableArray<Slot> slots, int[] assigned, int[] read, int[] indexes)
    {
        switch (region)
        {
            case Block block:
                foreach (int slot in block.Slots)
                {
                    assigned[slot]++;
                }

                if (block.Adjoint is { } adjoint)
                {
                    Graph graph = adjoint.Adjoints.Graph;
                    bool[] live = Optimize.Simplifier.Live(graph, adjoint.Adjoints.Roots);
                    for (int id = 0; id < graph.Count; id++)
                    {
                        if (live[id] && graph[id] is { Op: Op.Parameter, Bits: 0 } node)
                        {
                            read[node.Parameter]++;
                        }
                    }
                }

                break;
            case ArrayStore store:
                foreach (int slot in store.Indexes)
                {
                    indexes[slot]++;
                }

                break;
            case MatrixProduct product:
                foreach (int slot in product.Reads())
                {
                    read[slot]++;
                }

                break;
            case AxisPass pass:
                foreach (int slot in pass.Reads())
                {
                    read[slot]++;
                }

                break;
            case Sequence sequence:
                foreach (Region part in sequence.Parts)
                {
                    CountUses(part, slots, assigned, read, indexes);
                }

                break;
            case Branch branch:
                if (Condition(branch, slots))
                {
                    foreach (int slot in ConditionReads(branch))
                    {
                        read[slot]++;
                    }
                }

                CountUses(branch.Then, slots, assigned, read, indexes);
                CountUses(branch.Else, slots, assigned, read, indexes);
                break;
            case Guard guard:
                CountUses(guard.Body, slots, assigned, read, indexes);
                break;
            case Exit exit:
                CountUses(exit.Body, slots, assigned, read, indexes);
                break;
            case Loop loop:
                CountUses(loop.Body, slots, assigned, read, indexes);
                if (loop.Step is { } step)
                {
                    CountUses(step, slots, assigned, read, indexes);
                }

                break;
        }
    }

    private static void FindIndexes(Region region, EquatableArray<Slot> slots, System.Func<int, bool> onlyIndex, Dictionary<ArrayStore, Computation?[]> found)
    {
        switch (region)
        {
            case Sequence sequence:
                for (int j = 0; j < sequence.Parts.Count; j++)
                {
                    if (j > 0 && sequence.Parts[j] is ArrayStore store && sequence.Parts[j - 1] is Block block)
                    {
                        var computations = new Computation?[store.Indexes.Count];
                        for (int m = 0; m < store.Indexes.Count; m++)
                        {
                            computations[m] = onlyIndex(store.Indexes[m]) ? IndexFrom(block, store.Indexes[m], slots) : null;
                        }

                        found[store] = computations;
                    }

                    FindIndexes(sequence.Parts[j], slots, onlyIndex, found);
                }

                break;
            case Branch branch:
                FindIndexes(branch.Then, slots, onlyIndex, found);
                FindIndexes(branch.Else, slots, onlyIndex, found);
                break;
            case Guard guard:
                FindIndexes(guard.Body, slots, onlyIndex, found);
                break;
            case Exit exit:
                FindIndexes(exit.Body, slots, onlyIndex, found);
                break;
            case Loop loop:
                FindIndexes(loop.Body, slots, onlyIndex, found);
                if (loop.Step is { } step)
                {
                    FindIndexes(step, slots, onlyIndex, found);
                }

                break;
        }
    }

    /// <summary>What <paramref name="block"/> assigns <paramref name="slot"/>, if it is integer arithmetic on slots the block does not assign.</summary>
    private static Computation? IndexFrom(Block block, int slot, EquatableArray<Slot> slots)
    {
        int at = System.Linq.Enumerable.ToList(block.Slots).IndexOf(slot);
        if (at < 0)
        {
            return null;
        }

        var computation = new Computation(block.Values.Graph, EquatableArray.Create(block.Values.Roots[at]));
        Graph graph = computation.Graph;
        bool[] live = Optimize.Simplifier.Live(graph, computation.Roots);
        for (int id = 0; id < graph.Count; id++)
        {
            if (!live[id])
            {
                continue;
            }

            Node node = graph[id];
            bool pure = node.Type.IsInteger() && node.Op != Op.Element
                && (node.Op != Op.Parameter || (node.Bits == 0 && !slots[node.Parameter].IsArray && !System.Linq.Enumerable.Contains(block.Slots, node.Parameter)));
            if (!pure)
            {
                return null;
            }
        }

        return computation;
    }

    /// <summary>
    /// The arrays created once per call: one creation, outside every loop. What it replaces is always the empty array
    /// the method starts with, so its reverse sweep empties the array again and nothing is stored for it.
    /// </summary>
    public static HashSet<int> CreatedOnce(StructuredBody body)
    {
        var creations = new Dictionary<int, int>();
        var inLoops = new HashSet<int>();
        CountCreations(body.Body, false, creations, inLoops);
        var once = new HashSet<int>();
        foreach (KeyValuePair<int, int> creation in creations)
        {
            if (creation.Value == 1 && !inLoops.Contains(creation.Key))
            {
                once.Add(creation.Key);
            }
        }

        return once;
    }

    private static void CountCreations(Region region, bool inLoop, Dictionary<int, int> creations, HashSet<int> inLoops)
    {
        switch (region)
        {
            case ArrayReset reset:
                creations[reset.Array] = creations.TryGetValue(reset.Array, out int count) ? count + 1 : 1;
                if (inLoop)
                {
                    inLoops.Add(reset.Array);
                }

                break;
            case Sequence sequence:
                foreach (Region part in sequence.Parts)
                {
                    CountCreations(part, inLoop, creations, inLoops);
                }

                break;
            case Branch branch:
                CountCreations(branch.Then, inLoop, creations, inLoops);
                CountCreations(branch.Else, inLoop, creations, inLoops);
                break;
            case Guard guard:
                CountCreations(guard.Body, inLoop, creations, inLoops);
                break;
            case Exit exit:
                CountCreations(exit.Body, inLoop, creations, inLoops);
                break;
            case Loop loop:
                CountCreations(loop.Body, true, creations, inLoops);
                if (loop.Step is { } step)
                {
                    CountCreations(step, true, creations, inLoops);
                }

                break;
        }
    }

    private static bool Assigns(Region region, HashSet<int> slots) => region switch
    {
        Block block => System.Linq.Enumerable.Any(block.Slots, slots.Contains),
        Sequence sequence => System.Linq.Enumerable.Any(sequence.Parts, p => Assigns(p, slots)),
        Branch branch => Assigns(branch.Then, slots) || Assigns(branch.Else, slots),
        Guard guard => Assigns(guard.Body, slots),
        Exit exit => Assigns(exit.Body, slots),
        Loop loop => Assigns(loop.Body, slots) || (loop.Step is { } step && Assigns(step, slots)),
        ArrayStore or ArrayReset or MatrixProduct or AxisPass or Throw or Jump or ShapeTest => false,
        _ => true,
    };
}
