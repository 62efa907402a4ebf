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
        SortedDictionary<(int Stage, int Domain), List<PassWrite>> stores)
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
        var region = new SortedSet<int>();
        var stack = new Stack<int>(totals.Select(t => graph[t].Args[0]).Concat(writes.Select(w => w.Node)));
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (graph[id].IsScalar || rows.IsMaterialized(id) || (graph[id].Op.IsView() && !rows.IsRowLocal(id)) || graph[id].Op == Op.Parameter || !region.Add(id))
            {
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
            step[id] = rows.IsRowReduction(id) ? k + 1 : k;
        }

        int last = region.Select(Step).Concat(totals.Select(t => Step(graph[t].Args[0]))).DefaultIfEmpty(0).Max();
        var steps = new List<RowStep>();
        var loops = new List<PassStep>();
        bool OfMatrix(int id) => graph[id].Domain == host;
        for (int k = 0; k <= last; k++)
        {
            // The row's values of step k, in graph order: each reads only values before it.
            foreach (int id in region.Where(id => !OfMatrix(id) && Step(id) == k && !(rows.IsRowReduction(id) && graph[id].Op != Op.Pick)))
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
            var reduced = region.Where(id => rows.IsRowReduction(id) && graph[id].Op != Op.Pick && Step(graph[id].Args[0]) == k)
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

        return new RowPassStep(host, totals.ToEquatableArray(), steps.ToEquatableArray());
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
