using System.Collections.Generic;
using SymGrad.Generator.IR;
using SymGrad.Generator.Schedule;

namespace SymGrad.Generator.Emit;

/// <summary>The values a block's reverse sweep pops rather than computing again (see Schedule.StoredValues).</summary>
internal sealed partial class Emitter
{
    private sealed partial class StructuredWriter
    {
        /// <summary>Pushes the values <paramref name="block"/>'s reverse sweep reads, named by <paramref name="name"/>.</summary>
        private void PushStored(CodeWriter w, Block block, System.Func<int, string> name)
        {
            if (!this.gradients)
            {
                return;
            }

            foreach (StoredValues.Stored stored in StoredValues.Of(block))
            {
                w.Line(this.tape + ".PushValue(" + name(stored.Forward) + ");");
            }
        }

        /// <summary>Pops what <see cref="PushStored"/> pushed, last first; returns the names of the adjoint's nodes they stand for.</summary>
        private Dictionary<int, string> PopStored(CodeWriter w, Block block)
        {
            var names = new Dictionary<int, string>();
            IReadOnlyList<StoredValues.Stored> all = StoredValues.Of(block);
            for (int i = all.Count - 1; i >= 0; i--)
            {
                string keyword = all[i].Type.Keyword(this.Element);
                string local = this.Temporary();
                w.Line(keyword + " " + local + " = " + (keyword == "double" ? string.Empty : "(" + keyword + ")") + this.tape + ".PopValue(); // stored by the forward sweep");
                foreach (int id in all[i].Adjoints)
                {
                    names[id] = local;
                }
            }

            return names;
        }

        /// <summary>The nodes the roots read, through every node but those already <paramref name="known"/>.</summary>
        private static bool[] Live(Graph graph, IReadOnlyList<int> roots, Dictionary<int, string> known)
        {
            var live = new bool[graph.Count];
            foreach (int root in roots)
            {
                live[root] = true;
            }

            for (int id = graph.Count - 1; id >= 0; id--)
            {
                if (live[id] && !known.ContainsKey(id))
                {
                    foreach (int arg in graph[id].Args)
                    {
                        live[arg] = true;
                    }
                }
            }

            return live;
        }
    }
}
