using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Schedule;

/// <summary>
/// The slots the reverse sweep needs restored. A block's adjoint reads the values its slots had where the block
/// started; when it runs, the reverse sweep has undone every block that ran after it. A slot needs its old values
/// stored only where a block that assigns it may run after a block whose adjoint reads it: later in the body, the same
/// block, or any block of a loop around both. Other slots are never stored, as a hand-written reverse sweep would not
/// store them: a loop counter that only counts, an Euler step's position read by the loss after the loop only.
/// </summary>
internal static class TapeSlots
{
    public static bool[] Restored(StructuredBody body)
    {
        var steps = new List<Step>();
        int loopCount = 0;
        var restored = new bool[body.Slots.Count];
        var context = new Context(body.Slots, Recompute.CountedLoops(body), Recompute.Indexes(body));
        if (!Collect(body.Body, context, new List<int>(), steps, ref loopCount))
        {
            // A region this analysis does not know: store every slot, as the reverse sweep did before it.
            for (int slot = 0; slot < restored.Length; slot++)
            {
                restored[slot] = true;
            }

            return restored;
        }

        for (int reader = 0; reader < steps.Count; reader++)
        {
            foreach (int slot in steps[reader].Reads)
            {
                for (int writer = 0; writer < steps.Count && !restored[slot]; writer++)
                {
                    bool after = writer >= reader || steps[writer].Loops.Intersect(steps[reader].Loops).Any();
                    restored[slot] = after && steps[writer].Writes.Contains(slot);
                }
            }
        }

        return restored;
    }

    /// <summary>A region's reverse sweep as this analysis sees it: the slots it reads, those it writes, the loops around it.</summary>
    private sealed record Step(int[] Reads, int[] Writes, int[] Loops);

    private sealed record Context(EquatableArray<Slot> Slots, Dictionary<Loop, Recompute.Counted> Counted, Dictionary<ArrayStore, Computation?[]> Indexes);

    /// <summary>The slots whose values a block's adjoint reads, and the arrays whose elements it reads.</summary>
    private static IEnumerable<int> ReadSlots(Block block)
    {
        if (block.Adjoint is not { } adjoint)
        {
            yield break;
        }

        Graph graph = adjoint.Adjoints.Graph;
        bool[] live = Optimize.Simplifier.Live(graph, adjoint.Adjoints.Roots);
        for (int i = 0; i < graph.Count; i++)
        {
            if (live[i] && graph[i] is { Op: Op.Parameter, Bits: 0 } or { Op: Op.Element })
            {
                // An element read reads its array (a tensor parameter's slot is never written).
                yield return graph[i].Parameter;
            }
        }
    }

    /// <summary>
    /// The steps in the order they are written, each with the loops around it; false for a region it does not know.
    /// An array write's reverse sweep reads the index it wrote at (the element comes back there, and its adjoint moves
    /// to the value's adjoint without reading the value); an array is a slot that its writes and creations assign, so
    /// its old elements are stored only where a later write may overwrite what an adjoint reads. A branch whose
    /// condition the reverse sweep evaluates again (see <see cref="Recompute"/>) reads the slots of its condition.
    /// </summary>
    private static bool Collect(Region region, Context context, List<int> loops, List<Step> steps, ref int loopCount)
    {
        switch (region)
        {
            case Block block:
                steps.Add(new Step(ReadSlots(block).ToArray(), block.Slots.ToArray(), loops.ToArray()));
                return true;
            case ArrayStore store:
                // An index computed again reads what it is computed from.
                Computation?[] again = context.Indexes.TryGetValue(store, out Computation?[]? computed) ? computed : new Computation?[store.Indexes.Count];
                int[] reads = store.Indexes.SelectMany((slot, m) => again[m] is { } index ? Recompute.Reads(index) : new[] { slot }).ToArray();
                steps.Add(new Step(reads, new[] { store.Array }, loops.ToArray()));
                return true;
            case MatrixProduct product:
                // Its reverse sweep reads its operands as they were, and the bounds of its row blocks; it writes its own array.
                steps.Add(new Step(product.Reads().ToArray(), new[] { product.Result }, loops.ToArray()));
                return true;
            case AxisPass pass:
                // Its reverse sweep reads its operand as it was and its own result; it writes its own array.
                steps.Add(new Step(pass.Reads().Append(pass.Result).ToArray(), new[] { pass.Result }, loops.ToArray()));
                return true;
            case ArrayReset reset:
                // Its reverse sweep pops the array it replaced and that array's length: it reads no slot.
                steps.Add(new Step(System.Array.Empty<int>(), new[] { reset.Array }, loops.ToArray()));
                return true;
            case Sequence sequence:
                foreach (Region part in sequence.Parts)
                {
                    if (!Collect(part, context, loops, steps, ref loopCount))
                    {
                        return false;
                    }
                }

                return true;
            case Branch branch:
                if (Recompute.Condition(branch, context.Slots))
                {
                    steps.Add(new Step(Recompute.ConditionReads(branch).ToArray(), System.Array.Empty<int>(), loops.ToArray()));
                }

                return Collect(branch.Then, context, loops, steps, ref loopCount) && Collect(branch.Else, context, loops, steps, ref loopCount);
            case Guard guard:
                return Collect(guard.Body, context, loops, steps, ref loopCount);
            case Exit exit:
                return Collect(exit.Body, context, loops, steps, ref loopCount);
            case Loop loop when context.Counted.TryGetValue(loop, out Recompute.Counted counted):
                // The reverse sweep sets the counter at each iteration: what the body reads of it is never restored,
                // and the step, which only moves it, has no reverse sweep.
                loops.Add(loopCount++);
                int first = steps.Count;
                bool collected = Collect(loop.Body, context, loops, steps, ref loopCount);
                for (int i = first; i < steps.Count; i++)
                {
                    steps[i] = steps[i] with { Reads = steps[i].Reads.Where(slot => slot != counted.Counter).ToArray() };
                }

                loops.RemoveAt(loops.Count - 1);
                steps.Add(new Step(System.Array.Empty<int>(), new[] { counted.Counter }, loops.ToArray()));
                return collected;
            case Loop loop:
                loops.Add(loopCount++);
                bool known = Collect(loop.Body, context, loops, steps, ref loopCount) && (loop.Step is not { } step || Collect(step, context, loops, steps, ref loopCount));
                loops.RemoveAt(loops.Count - 1);
                return known;
            case Throw or Jump or ShapeTest:
                return true;
            default:
                return false;
        }
    }
}
