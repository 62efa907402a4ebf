using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Schedule;

/// <summary>
/// Row passes: the work of one stage over a fused matrix (see <see cref="RowFusion"/>), run one row at a time. Each
/// reduction along the row is a boundary inside the row: the loops before it compute the row's scalar, the loops after
/// it read that scalar, and the row stays in cache in between. So a softmax cross-entropy reads its logits from memory
/// once per row for its maximum, and from cache for the rest.
/// </summary>
internal static partial class Scheduler
{
    private static RowPassStep RowPass(
        Graph graph,
        RowFusion rows,
        PassWalk walk,
        ref int number,
        int stage,
        int host,
        SortedSet<int> domains,
        SortedDictionary<(int Stage, int Domain), List<int>> reductions,
        SortedDictionary<(int Stage, int Domain), List<PassWrite>> stores,
        int[] level,
        SortedSet<int> buffers)
    {
        var totals = new List<int>();
        var writes = new List<PassWrite>();
        foreach (int domain in domains.Where(d => rows.Host(d) == host))
        {
            totals.AddRange(reductions.TryGetValue((stage, domain), out List<int>? r) ? r : new List<int>());
            writes.AddRange(stores.TryGetValue((stage, domain), out List<PassWrite>? w) ? w : new List<PassWrite>());
        }

        totals.Sort();

        // What the pass computes for each row: element-wise work of the matrix and of its rows' values, up to what is in memory.
        bool OfMatrix(int id) => graph[id].Domain == host;
        var region = new SortedSet<int>();
        var loads = new SortedSet<int>();
        var stack = new Stack<int>(totals.Select(t => graph[t].Args[0]).Concat(writes.Select(w => w.Node)));
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (graph[id].IsScalar || rows.IsMaterialized(id) || (graph[id].Op.IsView() && !rows.IsRowLocal(id)) || graph[id].Op == Op.Parameter || !region.Add(id))
            {
                continue;
            }

            // A row's value an earlier stage stored is read back, not recomputed.
            if (level[id] < stage - 1 && buffers.Contains(id) && graph[id].Domain != host)
            {
                loads.Add(id);
                continue;
            }

            foreach (int arg in graph[id].Args)
            {
                stack.Push(arg);
            }
        }

        // A node's step is the number of row reductions before it: the loops of step k run once the row's values of step k are known.
        var step = new Dictionary<int, int>();
        int Step(int id) => step.TryGetValue(id, out int k) ? k : 0;
        foreach (int id in region)
        {
            int k = graph[id].Args.Select(Step).DefaultIfEmpty(0).Max();
            step[id] = loads.Contains(id) ? 0 : rows.IsRowReduction(id) ? k + 1 : k;
        }

        // A row value computed from scalars alone is the same in every row: computed once, before the loop.
        var invariants = new SortedSet<int>();
        foreach (int id in region)
        {
            if (!OfMatrix(id) && !loads.Contains(id) && !rows.IsRowReduction(id) && graph[id].Args.All(a => graph[a].IsScalar || invariants.Contains(a)))
            {
                invariants.Add(id);
            }
        }

        int last = region.Select(Step).Concat(totals.Select(t => Step(graph[t].Args[0]))).DefaultIfEmpty(0).Max();
        var steps = new List<RowStep>(loads.Select(id => new RowLoad(id)));
        var loops = new List<PassStep>();
        for (int k = 0; k <= last; k++)
        {
            // The row's values of step k, in graph order: each reads only values before it.
            foreach (int id in region.Where(id => !OfMatrix(id) && !loads.Contains(id) && !invariants.Contains(id) && Step(id) == k && !(rows.IsRowReduction(id) && graph[id].Op != Op.Pick)))
            {
                if (graph[id].Op == Op.Pick)
                {
                    // The loop that reduced the pick's operand can compute it at the label's column; else a kernel of its own.
                    int operand = graph[id].Args[0];
                    PassStep? kernel = loops.FirstOrDefault(l => l.Reductions.Count == 1 && l.Reduced[0] == operand);
                    steps.Add(new RowPick(id, kernel ?? Pass(graph, walk, ++number, host, new List<int> { id }, new List<PassWrite>(), rows)));
                }
                else
                {
                    steps.Add(new RowValue(id));
                }
            }

            steps.AddRange(writes.Where(w => !OfMatrix(w.Node) && Step(w.Node) == k).Select(w => new RowStore(w)));
            steps.AddRange(totals.Where(t => !OfMatrix(graph[t].Args[0]) && Step(graph[t].Args[0]) == k).Select(t => new RowTotal(t)));

            // The loops of step k: reductions along the row of step-k values, totals over the matrix, and stores.
            var reduced = region.Where(id => rows.IsRowReduction(id) && graph[id].Op != Op.Pick && !loads.Contains(id) && Step(graph[id].Args[0]) == k)
                .Concat(totals.Where(t => OfMatrix(graph[t].Args[0]) && Step(graph[t].Args[0]) == k))
                .OrderBy(id => id).ToList();
            List<PassWrite> stored = writes.Where(w => OfMatrix(w.Node) && Step(w.Node) == k).ToList();
            if (reduced.Count == 0 && stored.Count == 0)
            {
                continue;
            }

            foreach (List<int> group in RowLoopGroups(graph, reduced))
            {
                // The first loop of the step also stores.
                PassStep loop = Pass(graph, walk, ++number, host, group, stored, rows);
                loops.Add(loop);
                steps.Add(new RowLoop(loop));
                stored = new List<PassWrite>();
            }
        }

        return new RowPassStep(host, totals.ToEquatableArray(), invariants.ToEquatableArray(), steps.ToEquatableArray());
    }

    /// <summary>
    /// A row's value (one element per row) that a later stage reads again is stored by the row pass that computes it,
    /// one element per row, and the later pass reads it back: recomputing it would walk its rows again.
    /// </summary>
    private static void StoreRowValuesForLaterStages(Graph graph, RowFusion rows, int[] level, SortedSet<int> buffers, List<PassWrite> stores)
    {
        // The latest level at which a row pass computes each node again: its own, or that of a node computed from it per row.
        var latest = (int[])level.Clone();
        for (int i = graph.Count - 1; i >= 0; i--)
        {
            if (graph[i].IsScalar || rows.Host(graph[i].Domain) < 0 || rows.IsMaterialized(i) || graph[i].Op == Op.Parameter || (graph[i].Op.IsView() && !rows.IsRowLocal(i)))
            {
                continue;
            }

            foreach (int arg in graph[i].Args)
            {
                latest[arg] = System.Math.Max(latest[arg], latest[i]);
            }
        }

        for (int i = 0; i < graph.Count; i++)
        {
            int host = rows.Host(graph[i].Domain);
            if (host >= 0 && graph[i].Domain != host && latest[i] > level[i] && buffers.Add(i))
            {
                stores.Add(new PassWrite(i, -1));
            }
        }
    }

    /// <summary>Up to four sums share a loop over the row; a maximum, minimum or log-sum-exp takes a loop of its own.</summary>
    private static List<List<int>> RowLoopGroups(Graph graph, List<int> reductions)
    {
        var groups = new List<List<int>>();
        var sums = new List<int>();
        foreach (int reduction in reductions)
        {
            if (graph[reduction].Op is Op.Sum or Op.SumAxis)
            {
                if (sums.Count == 4)
                {
                    groups.Add(sums);
                    sums = new List<int>();
                }

                sums.Add(reduction);
            }
            else
            {
                groups.Add(new List<int> { reduction });
            }
        }

        if (sums.Count > 0)
        {
            groups.Insert(0, sums);
        }

        if (groups.Count == 0)
        {
            groups.Add(new List<int>());
        }

        return groups;
    }
}
