using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;

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
        if (!Collect(body.Body, new List<int>(), steps, ref loopCount))
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

    /// <summary>The slots whose values a block's adjoint reads.</summary>
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
            if (live[i] && graph[i] is { Op: Op.Parameter, Bits: 0 } node)
            {
                yield return node.Parameter;
            }
        }
    }

    /// <summary>
    /// The steps in the order they are written, each with the loops around it; false for a region it does not know.
    /// An array write's reverse sweep reads the index it wrote at (the element comes back there, and its adjoint moves
    /// to the value's adjoint without reading the value).
    /// </summary>
    private static bool Collect(Region region, List<int> loops, List<Step> steps, ref int loopCount)
    {
        switch (region)
        {
            case Block block:
                steps.Add(new Step(ReadSlots(block).ToArray(), block.Slots.ToArray(), loops.ToArray()));
                return true;
            case ArrayStore store:
                steps.Add(new Step(store.Indexes.ToArray(), System.Array.Empty<int>(), loops.ToArray()));
                return true;
            case ArrayReset:
                // Its reverse sweep pops the array it replaced and that array's length: it reads no slot.
                return true;
            case Sequence sequence:
                foreach (Region part in sequence.Parts)
                {
                    if (!Collect(part, loops, steps, ref loopCount))
                    {
                        return false;
                    }
                }

                return true;
            case Branch branch:
                return Collect(branch.Then, loops, steps, ref loopCount) && Collect(branch.Else, loops, steps, ref loopCount);
            case Guard guard:
                return Collect(guard.Body, loops, steps, ref loopCount);
            case Exit exit:
                return Collect(exit.Body, loops, steps, ref loopCount);
            case Loop loop:
                loops.Add(loopCount++);
                bool known = Collect(loop.Body, loops, steps, ref loopCount) && (loop.Step is not { } step || Collect(step, loops, steps, ref loopCount));
                loops.RemoveAt(loops.Count - 1);
                return known;
            case Throw or Jump:
                return true;
            default:
                return false;
        }
    }
}
