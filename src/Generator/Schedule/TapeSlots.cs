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
        var blocks = new List<(Block Block, int[] Loops)>();
        int loopCount = 0;
        Collect(body.Body, new List<int>(), blocks, ref loopCount);
        var restored = new bool[body.Slots.Count];
        for (int reader = 0; reader < blocks.Count; reader++)
        {
            foreach (int slot in ReadSlots(blocks[reader].Block))
            {
                for (int writer = 0; writer < blocks.Count && !restored[slot]; writer++)
                {
                    bool after = writer >= reader || blocks[writer].Loops.Intersect(blocks[reader].Loops).Any();
                    restored[slot] = after && blocks[writer].Block.Slots.Contains(slot);
                }
            }
        }

        return restored;
    }

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

    /// <summary>The blocks in the order they are written, each with the loops around it.</summary>
    private static void Collect(Region region, List<int> loops, List<(Block Block, int[] Loops)> blocks, ref int loopCount)
    {
        switch (region)
        {
            case Block block:
                blocks.Add((block, loops.ToArray()));
                break;
            case Sequence sequence:
                foreach (Region part in sequence.Parts)
                {
                    Collect(part, loops, blocks, ref loopCount);
                }

                break;
            case Branch branch:
                Collect(branch.Then, loops, blocks, ref loopCount);
                Collect(branch.Else, loops, blocks, ref loopCount);
                break;
            case Guard guard:
                Collect(guard.Body, loops, blocks, ref loopCount);
                break;
            case Loop loop:
                loops.Add(loopCount++);
                Collect(loop.Body, loops, blocks, ref loopCount);
                if (loop.Step is { } step)
                {
                    Collect(step, loops, blocks, ref loopCount);
                }

                loops.RemoveAt(loops.Count - 1);
                break;
        }
    }
}
