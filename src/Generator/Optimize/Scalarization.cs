using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Optimize;

/// <summary>
/// Local arrays of a constant length (up to <see cref="MaxLength"/>) whose every read and write has a constant index
/// in range become one scalar slot per element: no buffer, no element tape, no adjoint array. An array read or written
/// at an index known only at run time, assigned whole, or created with different lengths stays an array.
/// </summary>
internal static class Scalarization
{
    /// <summary>The longest array made scalars.</summary>
    public const int MaxLength = 32;

    public static StructuredBody Apply(StructuredBody body, Unrolling.ConstantFacts facts, List<string> rewrites)
    {
        Dictionary<int, long> arrays = Candidates(body, facts);
        if (arrays.Count == 0)
        {
            return body;
        }

        var slots = body.Slots.ToList();
        var elements = new Dictionary<int, int[]>();
        foreach (KeyValuePair<int, long> array in arrays.OrderBy(a => a.Key))
        {
            Slot slot = slots[array.Key];
            var ids = new int[array.Value];
            for (int c = 0; c < ids.Length; c++)
            {
                ids[c] = slots.Count;
                slots.Add(new Slot(slot.Name + "_" + c.ToString(System.Globalization.CultureInfo.InvariantCulture), slot.Type, -1, Active: false));
            }

            elements[array.Key] = ids;
            rewrites.Add("Local array " + slot.Name + " (" + array.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + " elements, every index a constant) is the locals " + slot.Name + "_0, ...: no buffer, no element tape.");
        }

        var rewriter = new Rewriter(body.Slots, elements, facts);
        return body with { Slots = slots.ToEquatableArray(), Body = rewriter.Rewrite(body.Body) };
    }

    /// <summary>The arrays to make scalars, with their lengths.</summary>
    private static Dictionary<int, long> Candidates(StructuredBody body, Unrolling.ConstantFacts facts)
    {
        var lengths = new Dictionary<int, long>();
        var refused = new HashSet<int>();
        foreach (KeyValuePair<ArrayReset, long?> reset in facts.Lengths)
        {
            int array = reset.Key.Array;
            if (reset.Value is not { } length || length < 0 || length > MaxLength || (lengths.TryGetValue(array, out long other) && other != length))
            {
                refused.Add(array);
            }
            else
            {
                lengths[array] = length;
            }
        }

        foreach (KeyValuePair<ArrayStore, long?[]> store in facts.Indexes)
        {
            int array = store.Key.Array;
            for (int m = 0; m < store.Value.Length; m++)
            {
                bool inRange = lengths.TryGetValue(array, out long length) && store.Value[m] is { } index && index >= 0 && index < length;
                if (!inRange || body.Slots[store.Key.Values[m]].Type != body.Slots[array].Type)
                {
                    refused.Add(array);
                }
            }
        }

        CheckUses(body.Body, body.Slots, lengths, refused);
        return lengths.Where(a => !refused.Contains(a.Key) && body.Slots[a.Key].IsArray).ToDictionary(a => a.Key, a => a.Value);
    }

    /// <summary>Refuses each array used otherwise than read at a constant index in range, created, or written by element.</summary>
    private static void CheckUses(Region region, EquatableArray<Slot> slots, Dictionary<int, long> lengths, HashSet<int> refused)
    {
        switch (region)
        {
            case Block block:
                foreach (int slot in block.Slots)
                {
                    refused.Add(slot);
                }

                CheckUses(block.Values, slots, lengths, refused);
                break;
            case Sequence sequence:
                foreach (Region part in sequence.Parts)
                {
                    CheckUses(part, slots, lengths, refused);
                }

                break;
            case Branch branch:
                CheckUses(branch.Condition, slots, lengths, refused);
                CheckUses(branch.Then, slots, lengths, refused);
                CheckUses(branch.Else, slots, lengths, refused);
                break;
            case Guard guard:
                CheckUses(guard.Body, slots, lengths, refused);
                break;
            case Exit exit:
                CheckUses(exit.Body, slots, lengths, refused);
                break;
            case Loop loop:
                if (loop.Condition is { } condition)
                {
                    CheckUses(condition, slots, lengths, refused);
                }

                CheckUses(loop.Body, slots, lengths, refused);
                if (loop.Step is { } step)
                {
                    CheckUses(step, slots, lengths, refused);
                }

                break;
            case MatrixProduct product:
                // A product reads and writes whole arrays in memory.
                refused.Add(product.Result);
                refused.UnionWith(product.Reads());
                break;
            case AxisPass pass:
                // So does a pass along an axis.
                refused.Add(pass.Result);
                refused.UnionWith(pass.Reads());
                break;
        }
    }

    private static void CheckUses(Computation computation, EquatableArray<Slot> slots, Dictionary<int, long> lengths, HashSet<int> refused)
    {
        Graph graph = computation.Graph;
        int? ArrayRead(int id) => graph[id] is { Op: Op.Parameter } read && read.IsScalar && slots[read.Parameter].IsArray ? read.Parameter : null;
        foreach (int root in computation.Roots)
        {
            if (ArrayRead(root) is { } array)
            {
                refused.Add(array);
            }
        }

        for (int id = 0; id < graph.Count; id++)
        {
            Node node = graph[id];
            if (node is { Op: Op.Parameter, Bits: not 0 } && slots[node.Parameter].IsArray)
            {
                refused.Add(node.Parameter);
            }

            if (node.Op == Op.Element && node.Parameter >= 0 && node.Parameter < slots.Count && slots[node.Parameter].IsArray
                && (node.IsTensor || node.Arity != 2 || ArrayRead(node.Args[0]) != node.Parameter))
            {
                refused.Add(node.Parameter);
            }

            for (int p = 0; p < node.Arity; p++)
            {
                if (ArrayRead(node.Args[p]) is not { } array)
                {
                    continue;
                }

                bool constantElement = node.Op == Op.Element && node.IsScalar && p == 0 && node.Arity == 2 && node.Parameter == array
                    && graph[node.Args[1]] is { Op: Op.Constant } index && index.IsScalar && index.Type.IsInteger()
                    && lengths.TryGetValue(array, out long length) && index.Bits >= 0 && index.Bits < length;
                if (!constantElement)
                {
                    refused.Add(array);
                }
            }
        }
    }

    /// <summary>Rewrites the regions: creations and element writes become blocks, element reads become slot reads.</summary>
    private sealed class Rewriter
    {
        private readonly EquatableArray<Slot> slots;
        private readonly Dictionary<int, int[]> elements;
        private readonly Unrolling.ConstantFacts facts;

        public Rewriter(EquatableArray<Slot> slots, Dictionary<int, int[]> elements, Unrolling.ConstantFacts facts)
        {
            this.slots = slots;
            this.elements = elements;
            this.facts = facts;
        }

        public Region Rewrite(Region region)
        {
            switch (region)
            {
                case Block block:
                    return block with { Values = this.Rewrite(block.Values) };
                case Sequence sequence:
                    return new Sequence(sequence.Parts.Select(this.Rewrite).ToEquatableArray());
                case Branch branch:
                    return new Branch(this.Rewrite(branch.Condition), this.Rewrite(branch.Then), this.Rewrite(branch.Else));
                case Guard guard:
                    return new Guard(this.Rewrite(guard.Body));
                case Exit exit:
                    return exit with { Body = this.Rewrite(exit.Body) };
                case Loop loop:
                    return loop with
                    {
                        Condition = loop.Condition is { } condition ? this.Rewrite(condition) : null,
                        Body = this.Rewrite(loop.Body),
                        Step = loop.Step is { } step ? this.Rewrite(step) : null,
                    };
                case ArrayReset reset when this.elements.TryGetValue(reset.Array, out int[]? ids):
                    // A new array: every element zero.
                    var zeros = new GraphBuilder();
                    zeros.CurrentNote = reset.Text;
                    int zero = zeros.Constant(0, this.slots[reset.Array].Type);
                    return new Block(new Computation(zeros.ToGraph(), ids.Select(_ => zero).ToEquatableArray()), ids.ToEquatableArray());
                case ArrayStore store when this.elements.TryGetValue(store.Array, out int[]? ids):
                    long?[] indexes = this.facts.Indexes[store];
                    var writes = new List<Region>();
                    for (int m = 0; m < store.Indexes.Count; m++)
                    {
                        var write = new GraphBuilder();
                        write.CurrentNote = store.Text;
                        int value = write.Add(Computation.Read(store.Values[m], this.slots[store.Values[m]].Type));
                        writes.Add(new Block(new Computation(write.ToGraph(), EquatableArray.Create(value)), EquatableArray.Create(ids[indexes[m]!.Value])));
                    }

                    return new Sequence(writes.ToEquatableArray());
                default:
                    return region;
            }
        }

        private Computation Rewrite(Computation computation)
        {
            Graph graph = computation.Graph;
            if (!graph.Nodes.Any(n => n.Op == Op.Element && n.IsScalar && this.elements.ContainsKey(n.Parameter) && n.Arity == 2 && graph[n.Args[0]].Op == Op.Parameter))
            {
                return computation;
            }

            var builder = new GraphBuilder(graph.Domains);
            var map = new int[graph.Count];
            for (int i = 0; i < graph.Count; i++)
            {
                builder.CurrentNote = graph.Note(i);
                Node node = graph[i];
                if (node.Op == Op.Element && node.IsScalar && node.Arity == 2 && graph[node.Args[0]].Op == Op.Parameter
                    && this.elements.TryGetValue(node.Parameter, out int[]? ids))
                {
                    map[i] = builder.Add(Computation.Read(ids[graph[node.Args[1]].Bits], node.Type));
                }
                else
                {
                    map[i] = builder.Add(node.Arity == 0 ? node : node with { Args = node.Args.Select(a => map[a]).ToEquatableArray() });
                }
            }

            Graph pruned = Simplifier.Prune(builder.ToGraph(), computation.Roots.Select(r => map[r]).ToList(), out int[] roots);
            return new Computation(pruned, roots.ToEquatableArray());
        }
    }
}
