using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Optimize;

namespace SymGrad.Generator.Autodiff;

/// <summary>
/// Reverse mode for a method with control flow. The regions stay as they are; each <see cref="Block"/> gets its
/// adjoint, derived by the same <see cref="DerivativeRules"/> as a whole method, over the block's own graph: the
/// adjoints of the slots it assigns are its seeds (block arguments), and the adjoints it sends to the slots it reads
/// are its results. The reverse sweep restores each block's slots to their values where it started, then runs its
/// adjoint; branches and loops replay the forward sweep's path backwards.
/// </summary>
internal static class ReverseLoops
{
    public static Derivative Differentiate(MethodModel method)
    {
        StructuredBody body = Unrolling.Apply(method.StructuredBody!);
        bool[] active = SlotActivity(body, method.Parameters);
        var slots = body.Slots.Select((slot, i) => slot with { Active = active[i] }).ToEquatableArray();
        Region region = Transform(body.Body, slots);
        return new Derivative(new GraphBuilder().ToGraph(), -1, EquatableArray<int>.Empty, body with { Slots = slots, Body = region });
    }

    /// <summary>
    /// Which slots carry a derivative: the differentiable parameters, and every floating slot assigned a value that
    /// depends on one, through any number of loop iterations (a fixed point over the blocks).
    /// </summary>
    private static bool[] SlotActivity(StructuredBody body, EquatableArray<ParameterModel> parameters)
    {
        var active = new bool[body.Slots.Count];
        for (int i = 0; i < body.Slots.Count; i++)
        {
            Slot slot = body.Slots[i];
            active[i] = slot.Parameter >= 0 && parameters[slot.Parameter].IsDifferentiable && slot.Type.IsFloating();
        }

        var blocks = new List<Block>();
        CollectBlocks(body.Body, blocks);
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (Block block in blocks)
            {
                bool[] nodes = NodeActivity(block.Values.Graph, active);
                for (int i = 0; i < block.Slots.Count; i++)
                {
                    int slot = block.Slots[i];
                    if (!active[slot] && body.Slots[slot].Type.IsFloating() && nodes[block.Values.Roots[i]])
                    {
                        active[slot] = true;
                        changed = true;
                    }
                }
            }

            changed |= ArrayActivity.Propagate(body.Body, active);
        }

        return active;
    }

    private static void CollectBlocks(Region region, List<Block> blocks)
    {
        switch (region)
        {
            case Block block:
                blocks.Add(block);
                break;
            case Sequence sequence:
                foreach (Region part in sequence.Parts)
                {
                    CollectBlocks(part, blocks);
                }

                break;
            case Branch branch:
                CollectBlocks(branch.Then, blocks);
                CollectBlocks(branch.Else, blocks);
                break;
            case Guard guard:
                CollectBlocks(guard.Body, blocks);
                break;
            case Exit exit:
                CollectBlocks(exit.Body, blocks);
                break;
            case Loop loop:
                CollectBlocks(loop.Body, blocks);
                if (loop.Step is { } step)
                {
                    CollectBlocks(step, blocks);
                }

                break;
        }
    }

    /// <summary>Which nodes of a block's graph depend on an active slot through differentiable operations.</summary>
    private static bool[] NodeActivity(Graph graph, bool[] activeSlots)
    {
        var active = new bool[graph.Count];
        for (int i = 0; i < graph.Count; i++)
        {
            Node node = graph[i];
            if (node.Op == Op.Parameter)
            {
                active[i] = node.Bits == 0 && activeSlots[node.Parameter] && node.Type.IsFloating();
            }
            else if (!DerivativeRules.IsInactive(node.Op) && !node.Type.IsInteger())
            {
                foreach (int arg in node.Args)
                {
                    active[i] |= active[arg];
                }
            }
        }

        return active;
    }

    private static Region Transform(Region region, EquatableArray<Slot> slots)
    {
        switch (region)
        {
            case Block block:
                return Reverse(block, slots);
            case Sequence sequence:
                return new Sequence(sequence.Parts.Select(p => Transform(p, slots)).ToEquatableArray());
            case Branch branch:
                return new Branch(Simplify(branch.Condition), Transform(branch.Then, slots), Transform(branch.Else, slots));
            case Guard guard:
                return new Guard(Transform(guard.Body, slots));
            case Exit exit:
                return exit with { Body = Transform(exit.Body, slots) };
            case Loop loop:
                return loop with
                {
                    Condition = loop.Condition is { } condition ? Simplify(condition) : null,
                    Body = Transform(loop.Body, slots),
                    Step = loop.Step is { } step ? Transform(step, slots) : null,
                };
            default:
                return region;
        }
    }

    private static Computation Simplify(Computation computation)
    {
        Graph graph = Simplifier.Simplify(computation.Graph, computation.Roots, out int[] roots);
        return new Computation(graph, roots.ToEquatableArray());
    }

    /// <summary>The block, simplified, with its adjoint.</summary>
    private static Block Reverse(Block block, EquatableArray<Slot> slots)
    {
        Computation values = Simplify(block.Values);
        Graph forward = values.Graph;
        bool[] activeSlots = slots.Select(s => s.Active).ToArray();
        bool[] active = NodeActivity(forward, activeSlots);
        GraphBuilder builder = GraphBuilder.From(forward);
        var adjoints = new Dictionary<int, int>();
        var context = new RuleContext(builder, adjoints, active) { Mask = BranchMasks.For(builder, forward, values.Roots) };

        // Seeds: the adjoint of each assigned slot flows into the node it was assigned.
        for (int i = 0; i < block.Slots.Count; i++)
        {
            int slot = block.Slots[i];
            int root = values.Roots[i];
            if (!slots[slot].Active || !active[root])
            {
                continue;
            }

            builder.CurrentNote = slots[slot].Name + " = ...: its adjoint flows into the value assigned";
            int seed = builder.Add(Computation.ReadAdjoint(slot, slots[slot].Type));
            adjoints[root] = adjoints.TryGetValue(root, out int existing) ? builder.Make(Op.Add, existing, seed) : seed;
        }

        var scatters = new List<(int Parameter, int Position, int Adjoint)>();
        for (int i = forward.Count - 1; i >= 0; i--)
        {
            if (!active[i] || !adjoints.TryGetValue(i, out int adjoint) || forward[i].Op == Op.Parameter)
            {
                continue;
            }

            if (forward[i].Op == Op.Element)
            {
                // x[k]: its adjoint goes to element k of dx, written in place by the reverse sweep.
                scatters.Add((forward[i].Parameter, forward[i].Args[1], adjoint));
                continue;
            }

            DerivativeRules.Rule rule = DerivativeRules.For(forward[i].Op) ?? throw OpFacts.Unexpected(forward[i].Op);
            builder.CurrentNote = rule.Text;
            context.Output = i;
            context.Adjoint = adjoint;
            rule.Apply(context);
        }

        // Results: the adjoint each read slot receives; a slot the block assigns loses the adjoint it had after the block.
        var updateSlots = new List<int>();
        var replace = new List<bool>();
        var roots = new List<int>();
        var assigned = new HashSet<int>(block.Slots.Where(s => slots[s].Active));
        for (int i = 0; i < forward.Count; i++)
        {
            Node node = forward[i];
            if (node.Op != Op.Parameter || node.Bits != 0 || node.IsTensor || !active[i] || !adjoints.TryGetValue(i, out int contribution))
            {
                continue;
            }

            updateSlots.Add(node.Parameter);
            bool replaced = assigned.Remove(node.Parameter);
            replace.Add(replaced);
            roots.Add(contribution);
        }

        foreach (int slot in block.Slots)
        {
            if (assigned.Remove(slot))
            {
                builder.CurrentNote = slots[slot].Name + " is overwritten here: its earlier value has no further adjoint";
                updateSlots.Add(slot);
                replace.Add(true);
                roots.Add(builder.Constant(0, slots[slot].Type));
            }
        }

        foreach ((int _, int position, int adjoint) in scatters)
        {
            roots.Add(position);
            roots.Add(adjoint);
        }

        Graph graph = Simplifier.Simplify(builder.ToGraph(), roots, out int[] kept);
        var reverse = new BlockAdjoint(new Computation(graph, kept.ToEquatableArray()), updateSlots.ToEquatableArray(), replace.ToEquatableArray(), scatters.Select(s => s.Parameter).ToEquatableArray());
        return new Block(values, block.Slots, reverse);
    }
}
