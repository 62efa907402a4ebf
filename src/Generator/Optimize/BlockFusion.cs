using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Optimize;

/// <summary>
/// Fuses adjacent blocks into one, so that a loop body without control flow is a single block: its reverse sweep then
/// restores only the slots read where the iteration starts and recomputes everything in between, instead of storing
/// each intermediate slot a block overwrites. Then drops the assignments of slots nothing reads, and the slots nothing
/// uses. A run is left as it was where fusing would drop a check that throws (an index, a division, a checked
/// conversion) or mixes tensor values.
/// </summary>
internal static class BlockFusion
{
    public static StructuredBody Apply(StructuredBody body)
    {
        Region region = Fuse(body.Body);
        var read = new bool[body.Slots.Count];
        MarkReads(region, body.Slots, read);
        read[body.Result] = true;
        region = DropDead(region, read);
        return Compact(body with { Body = region });
    }

    private static Region Fuse(Region region)
    {
        switch (region)
        {
            case Sequence sequence:
                var parts = new List<Region>();
                var run = new List<Block>();
                void Flush()
                {
                    if (run.Count > 1 && Fuse(run) is { } fused)
                    {
                        parts.Add(fused);
                    }
                    else
                    {
                        parts.AddRange(run);
                    }

                    run.Clear();
                }

                foreach (Region original in sequence.Parts)
                {
                    Region part = Fuse(original);
                    IEnumerable<Region> flat = part is Sequence inner ? inner.Parts : new[] { part };
                    foreach (Region piece in flat)
                    {
                        if (piece is Block block && !block.Values.Graph.Nodes.Any(n => n.IsTensor && n.Op != Op.Parameter))
                        {
                            run.Add(block);
                        }
                        else
                        {
                            Flush();
                            parts.Add(piece);
                        }
                    }
                }

                Flush();
                return parts.Count == 1 ? parts[0] : new Sequence(parts.ToEquatableArray());
            case Branch branch:
                return new Branch(branch.Condition, Fuse(branch.Then), Fuse(branch.Else));
            case Guard guard:
                return new Guard(Fuse(guard.Body));
            case Exit exit:
                return exit with { Body = Fuse(exit.Body) };
            case Loop loop:
                return loop with { Body = Fuse(loop.Body), Step = loop.Step is { } step ? Fuse(step) : null };
            default:
                return region;
        }
    }

    /// <summary>One block doing what the run does, each block reading what the ones before it assigned; null if it cannot.</summary>
    private static Block? Fuse(List<Block> run)
    {
        // The blocks' tensor nodes (parameters read by element) name domains of one list; a block made without it has none.
        EquatableArray<Domain> domains = run.Select(b => b.Values.Graph.Domains).OrderByDescending(d => d.Count).First();
        if (run.Any(b => !b.Values.Graph.Domains.Equals(domains) && (b.Values.Graph.Domains.Count > 0 || b.Values.Graph.Nodes.Any(n => n.IsTensor))))
        {
            return null;
        }

        var builder = new GraphBuilder(domains);
        var current = new Dictionary<int, int>();
        var order = new List<int>();
        var maps = new List<int[]>();
        foreach (Block block in run)
        {
            Graph graph = block.Values.Graph;
            var map = new int[graph.Count];
            for (int i = 0; i < graph.Count; i++)
            {
                builder.CurrentNote = graph.Note(i);
                Node node = graph[i];
                if (node.Op == Op.Parameter && current.TryGetValue(node.Parameter, out int assigned))
                {
                    if (node.Bits != 0 || node.IsTensor || builder[assigned].Type != node.Type || builder[assigned].IsTensor)
                    {
                        return null;
                    }

                    map[i] = assigned;
                }
                else
                {
                    map[i] = builder.Add(node.Arity == 0 ? node : node with { Args = node.Args.Select(a => map[a]).ToEquatableArray() });
                }
            }

            for (int k = 0; k < block.Slots.Count; k++)
            {
                if (!current.ContainsKey(block.Slots[k]))
                {
                    order.Add(block.Slots[k]);
                }

                current[block.Slots[k]] = map[block.Values.Roots[k]];
            }

            maps.Add(map);
        }

        Graph fused = builder.ToGraph();
        int[] roots = order.Select(s => current[s]).ToArray();
        bool[] live = Simplifier.Live(fused, roots);
        for (int b = 0; b < run.Count; b++)
        {
            Graph graph = run[b].Values.Graph;
            bool[] own = Simplifier.Live(graph, run[b].Values.Roots);
            for (int i = 0; i < graph.Count; i++)
            {
                if (own[i] && !live[maps[b][i]] && MayThrow(graph[i]))
                {
                    return null;
                }
            }
        }

        Graph pruned = Simplifier.Simplify(fused, roots, out int[] kept);
        return Unrolling.FoldsEveryConstant(pruned) ? new Block(new Computation(pruned, kept.ToEquatableArray()), order.ToEquatableArray()) : null;
    }

    /// <summary>Whether computing a node may throw: an index or bounds check, an array read, integer arithmetic or a conversion.</summary>
    private static bool MayThrow(Node node)
        => node.Op is Op.Index or Op.SliceBounds or Op.Element or Op.Convert
            || (node.Type.IsInteger() && node.Op is not (Op.Parameter or Op.Constant));

    /// <summary>Marks the slots something reads: a computation, an array write, an array's length.</summary>
    private static void MarkReads(Region region, EquatableArray<Slot> slots, bool[] read)
    {
        switch (region)
        {
            case Block block:
                MarkReads(block.Values, read);
                break;
            case Sequence sequence:
                foreach (Region part in sequence.Parts)
                {
                    MarkReads(part, slots, read);
                }

                break;
            case Branch branch:
                MarkReads(branch.Condition, read);
                MarkReads(branch.Then, slots, read);
                MarkReads(branch.Else, slots, read);
                break;
            case Guard guard:
                MarkReads(guard.Body, slots, read);
                break;
            case Exit exit:
                MarkReads(exit.Body, slots, read);
                break;
            case Loop loop:
                if (loop.Condition is { } condition)
                {
                    MarkReads(condition, read);
                }

                MarkReads(loop.Body, slots, read);
                if (loop.Step is { } step)
                {
                    MarkReads(step, slots, read);
                }

                break;
            case ArrayReset reset:
                read[reset.Array] = true;
                read[slots[reset.Array].Length] = true;
                break;
            case MatrixProduct product:
                read[product.Result] = true;
                read[slots[product.Result].Length] = true;
                foreach (int slot in product.Reads())
                {
                    read[slot] = true;
                }

                break;
            case AxisPass pass:
                read[pass.Result] = true;
                read[slots[pass.Result].Length] = true;
                foreach (int slot in pass.Reads())
                {
                    read[slot] = true;
                }

                break;
            case ArrayStore store:
                read[store.Array] = true;
                read[slots[store.Array].Length] = true;
                foreach (int slot in store.Indexes.Concat(store.Values))
                {
                    read[slot] = true;
                }

                break;
        }
    }

    private static void MarkReads(Computation computation, bool[] read)
    {
        Graph graph = computation.Graph;
        bool[] live = Simplifier.Live(graph, computation.Roots);
        for (int i = 0; i < graph.Count; i++)
        {
            if (live[i] && graph[i].Op is Op.Parameter or Op.Element && graph[i].Parameter >= 0 && graph[i].Parameter < read.Length)
            {
                read[graph[i].Parameter] = true;
            }
        }
    }

    /// <summary>Drops the assignments of slots nothing reads, unless that would drop a check that throws.</summary>
    private static Region DropDead(Region region, bool[] read)
    {
        switch (region)
        {
            case Block block when block.Slots.Any(s => !read[s]):
                Graph graph = block.Values.Graph;
                var keep = Enumerable.Range(0, block.Slots.Count).Where(k => read[block.Slots[k]]).ToList();
                bool[] all = Simplifier.Live(graph, block.Values.Roots);
                bool[] kept = Simplifier.Live(graph, keep.Select(k => block.Values.Roots[k]).ToList());
                if (Enumerable.Range(0, graph.Count).Any(i => all[i] && !kept[i] && MayThrow(graph[i])))
                {
                    return block;
                }

                if (keep.Count == 0)
                {
                    return new Sequence(EquatableArray<Region>.Empty);
                }

                Graph pruned = Simplifier.Prune(graph, keep.Select(k => block.Values.Roots[k]).ToList(), out int[] roots);
                return block with { Values = new Computation(pruned, roots.ToEquatableArray()), Slots = keep.Select(k => block.Slots[k]).ToEquatableArray() };
            case Sequence sequence:
                var parts = new List<Region>();
                foreach (Region part in sequence.Parts)
                {
                    Region dropped = DropDead(part, read);
                    if (dropped is Sequence inner)
                    {
                        parts.AddRange(inner.Parts);
                    }
                    else
                    {
                        parts.Add(dropped);
                    }
                }

                return new Sequence(parts.ToEquatableArray());
            case Branch branch:
                return new Branch(branch.Condition, DropDead(branch.Then, read), DropDead(branch.Else, read));
            case Guard guard:
                return new Guard(DropDead(guard.Body, read));
            case Exit exit:
                return exit with { Body = DropDead(exit.Body, read) };
            case Loop loop:
                return loop with { Body = DropDead(loop.Body, read), Step = loop.Step is { } step ? DropDead(step, read) : null };
            default:
                return region;
        }
    }

    /// <summary>Removes the local slots nothing uses, numbering the rest again in order.</summary>
    private static StructuredBody Compact(StructuredBody body)
    {
        var used = new bool[body.Slots.Count];
        for (int s = 0; s < used.Length; s++)
        {
            used[s] = body.Slots[s].Parameter >= 0 || s == body.Result;
        }

        Walk(body.Body, r => Uses(r, used), c => Uses(c, used));
        for (int s = 0; s < used.Length; s++)
        {
            if (used[s] && body.Slots[s].IsArray)
            {
                used[body.Slots[s].Length] = true;
            }
        }

        if (used.All(u => u))
        {
            return body;
        }

        var map = new int[used.Length];
        var slots = new List<Slot>();
        for (int s = 0; s < used.Length; s++)
        {
            map[s] = used[s] ? slots.Count : -1;
            if (used[s])
            {
                slots.Add(body.Slots[s]);
            }
        }

        var renumbered = slots.Select(s => s.IsArray ? s with { Length = map[s.Length] } : s).ToEquatableArray();
        return body with { Slots = renumbered, Body = Renumber(body.Body, map), Result = map[body.Result] };
    }

    private static void Uses(Region region, bool[] used)
    {
        switch (region)
        {
            case Block block:
                foreach (int slot in block.Slots)
                {
                    used[slot] = true;
                }

                break;
            case ArrayReset reset:
                used[reset.Array] = true;
                break;
            case MatrixProduct product:
                used[product.Result] = true;
                foreach (int slot in product.Reads())
                {
                    used[slot] = true;
                }

                break;
            case AxisPass pass:
                used[pass.Result] = true;
                foreach (int slot in pass.Reads())
                {
                    used[slot] = true;
                }

                break;
            case ArrayStore store:
                used[store.Array] = true;
                foreach (int slot in store.Indexes.Concat(store.Values))
                {
                    used[slot] = true;
                }

                break;
        }
    }

    private static void Uses(Computation computation, bool[] used)
    {
        foreach (Node node in computation.Graph.Nodes)
        {
            if (node.Op is Op.Parameter or Op.Element && node.Parameter >= 0 && node.Parameter < used.Length)
            {
                used[node.Parameter] = true;
            }
        }
    }

    private static void Walk(Region region, System.Action<Region> regions, System.Action<Computation> computations)
    {
        regions(region);
        switch (region)
        {
            case Block block:
                computations(block.Values);
                break;
            case Sequence sequence:
                foreach (Region part in sequence.Parts)
                {
                    Walk(part, regions, computations);
                }

                break;
            case Branch branch:
                computations(branch.Condition);
                Walk(branch.Then, regions, computations);
                Walk(branch.Else, regions, computations);
                break;
            case Guard guard:
                Walk(guard.Body, regions, computations);
                break;
            case Exit exit:
                Walk(exit.Body, regions, computations);
                break;
            case Loop loop:
                if (loop.Condition is { } condition)
                {
                    computations(condition);
                }

                Walk(loop.Body, regions, computations);
                if (loop.Step is { } step)
                {
                    Walk(step, regions, computations);
                }

                break;
        }
    }

    private static Region Renumber(Region region, int[] map)
    {
        EquatableArray<int> Slots(EquatableArray<int> slots) => slots.Select(s => map[s]).ToEquatableArray();
        return region switch
        {
            Block block => block with { Values = Renumber(block.Values, map), Slots = Slots(block.Slots) },
            Sequence sequence => new Sequence(sequence.Parts.Select(p => Renumber(p, map)).ToEquatableArray()),
            Branch branch => new Branch(Renumber(branch.Condition, map), Renumber(branch.Then, map), Renumber(branch.Else, map)),
            Guard guard => new Guard(Renumber(guard.Body, map)),
            Exit exit => exit with { Body = Renumber(exit.Body, map) },
            Loop loop => loop with
            {
                Condition = loop.Condition is { } condition ? Renumber(condition, map) : null,
                Body = Renumber(loop.Body, map),
                Step = loop.Step is { } step ? Renumber(step, map) : null,
            },
            ArrayReset reset => reset with { Array = map[reset.Array] },
            MatrixProduct product => product.Renumber(map),
            AxisPass pass => pass.Renumber(map),
            ArrayStore store => store with { Array = map[store.Array], Indexes = Slots(store.Indexes), Values = Slots(store.Values) },
            _ => region,
        };
    }

    private static Computation Renumber(Computation computation, int[] map)
    {
        // Parameter slots come first and are all kept, so a node naming a tensor parameter keeps its number.
        Graph graph = computation.Graph;
        var nodes = graph.Nodes.Select(n => n.Op is Op.Parameter or Op.Element && n.Parameter >= 0 && n.Parameter < map.Length ? n with { Parameter = map[n.Parameter] } : n);
        return computation with { Graph = graph with { Nodes = nodes.ToEquatableArray() } };
    }
}
