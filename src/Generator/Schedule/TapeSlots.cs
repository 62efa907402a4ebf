using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Schedule;

/// <summary>
/// The slots the reverse sweep needs restored. A block's adjoint reads the values its slots had where the block
/// started (and an array write's reverse reads its index slots); when it runs, the reverse sweep has undone every
/// block that ran after it. A slot needs its old values stored only where a block that assigns it may run after a
/// region whose reverse reads it: later in the body, the same block, or anywhere in a loop around both. Other slots are
/// never stored, as a hand-written reverse sweep would not store them: a loop counter that only counts, an Euler step's
/// position read only by the loss after the loop.
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
            // A region this does not know: every slot is stored, as before this analysis.
            for (int i = 0; i < restored.Length; i++)
            {
                restored[i] = true;
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

    /// <summary>The slots whose values a block's adjoint reads.</summary>
    private static IEnumerable<int> AdjointReads(Block block)
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

    /// <summary>The regions that assign or read slots in reverse, in the order they are written, each with the loops around it.</summary>
    private static bool Collect(Region region, List<int> loops, List<Step> steps, ref int loopCount)
    {
        switch (region)
        {
            case Block block:
                steps.Add(new Step(AdjointReads(block).ToArray(), block.Slots.ToArray(), loops.ToArray()));
                return true;
            case ArrayStore store:
                // Its reverse puts the overwritten elements back at the indexes it wrote.
                steps.Add(new Step(store.Indexes.ToArray(), new int[0], loops.ToArray()));
                return true;
            case ArrayReset or Jump or Throw:
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
            default:
                return false;
        }
    }

    private sealed record Step(int[] Reads, int[] Writes, int[] Loops);
}
