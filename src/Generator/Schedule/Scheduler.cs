using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Autodiff;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Optimize;

namespace SymGrad.Generator.Schedule;

/// <summary>
/// The schedule stage: groups element-wise work into fused loops. Element-wise tensor nodes are never stored; each
/// loop recomputes the ones it needs. A new loop starts only where a reduction's result, or a matrix product, is
/// needed by later element-wise work, so <c>Mse</c>'s value and gradient take one pass and <c>Log(Sum(x))</c>'s two.
/// </summary>
/// <remarks>
/// Work runs in stages. Stage k first computes the scalars of level k - 1, then runs the loops that reduce to level-k
/// scalars and store level-(k - 1) tensors (gradients, and operands a product needs in memory), then the matrix
/// products of level k. A node's level is the number of reductions or products on its longest path from the inputs.
/// </remarks>
internal static partial class Scheduler
{
    public static MethodPlan Schedule(MethodModel method, Derivative derivative)
    {
        Plan value = Build(method, derivative.Graph, derivative.Value, EquatableArray<GradientWrite>.Empty);
        var writes = new List<GradientWrite>();
        int g = 0;
        for (int p = 0; p < method.Parameters.Count; p++)
        {
            if (method.Parameters[p].IsDifferentiable)
            {
                writes.Add(new GradientWrite(p, derivative.Gradients[g++]));
            }
        }

        Plan gradient = Build(method, derivative.Graph, derivative.Value, writes.ToEquatableArray());
        var roots = new List<(string, int)>();
        foreach (GradientWrite write in gradient.Gradients)
        {
            roots.Add(("∂f/∂" + method.Parameters[write.Parameter].Name, write.Node));
        }

        List<string> docs = Printer.PrintShared(gradient.Graph, method.Parameters, method.Element, roots);
        return new MethodPlan(method, value, gradient, docs.ToEquatableArray());
    }

    private static Plan Build(MethodModel method, Graph full, int valueNode, EquatableArray<GradientWrite> gradients)
    {
        var roots = new List<int> { valueNode };
        roots.AddRange(gradients.Select(w => w.Node));
        Graph graph = Simplifier.Prune(full, roots, out int[] kept);
        int value = kept[0];
        var writes = new List<GradientWrite>();
        for (int i = 0; i < gradients.Count; i++)
        {
            writes.Add(new GradientWrite(gradients[i].Parameter, kept[i + 1]));
        }

        RowFusion rows = RowFusion.Of(graph);
        int[] level = Levels(graph, rows);

        // A product that is itself a matrix parameter's gradient is computed straight into that gradient.
        var destination = new Dictionary<int, int>();
        var stores = new List<PassWrite>();
        foreach (GradientWrite write in writes)
        {
            Node node = graph[write.Node];
            if (node.IsScalar)
            {
                continue;
            }

            if (rows.IsMaterialized(write.Node) && node.Domain == ParameterDomain(graph, write.Parameter) && !destination.ContainsKey(write.Node))
            {
                destination[write.Node] = write.Parameter;
            }
            else
            {
                stores.Add(new PassWrite(write.Node, write.Parameter));
            }
        }

        // Operands of products, transposes and axis reductions must be in memory, as must what a loop reads stretched:
        // parameters are; other element-wise values are stored.
        var buffers = new SortedSet<int>();
        for (int i = 0; i < graph.Count; i++)
        {
            if (!rows.IsMaterialized(i) && !rows.ReadsMemory(i))
            {
                continue;
            }

            if (!destination.ContainsKey(i) && !rows.ReadsMemory(i))
            {
                buffers.Add(i);
            }

            foreach (int operand in graph[i].Args)
            {
                // A parameter, or a reshape of one, is read in place from the parameter's memory; so is a slice of a
                // matrix that a product reads, at the parameter's row stride.
                bool inPlace = graph[operand].Op == Op.Parameter || graph[operand].IsReshapeView() || (graph[i].Op is Op.MatMul or Op.Stretch && graph[operand].IsMatrixWindow());
                if (graph[operand].IsTensor && !inPlace && !rows.IsMaterialized(operand) && buffers.Add(operand))
                {
                    stores.Add(new PassWrite(operand, -1));
                }
            }
        }

        StoreRowValuesForLaterStages(graph, rows, level, buffers, stores);

        // Reductions and stores, keyed by the stage whose loops can compute them.
        var reductions = new SortedDictionary<(int Stage, int Domain), List<int>>();
        var storesByStage = new SortedDictionary<(int Stage, int Domain), List<PassWrite>>();
        for (int i = 0; i < graph.Count; i++)
        {
            if (graph[i].Op.IsReduction())
            {
                Add(reductions, (level[i], graph[graph[i].Args[0]].Domain), i);
            }
        }

        foreach (PassWrite store in stores)
        {
            Add(storesByStage, (level[store.Node] + 1, graph[store.Node].Domain), store);
        }

        int lastStage = reductions.Keys.Concat(storesByStage.Keys).Select(k => k.Stage)
            .Concat(Enumerable.Range(0, graph.Count).Where(rows.IsMaterialized).Select(i => level[i]))
            .DefaultIfEmpty(0).Max();

        // What each stage does, sorted into stages once: a method of a thousand stages must not scan the graph a thousand times.
        var scalarsByLevel = new List<int>[lastStage + 1];
        var productsByStage = new List<int>[lastStage + 1];
        var domainsByStage = new SortedSet<int>[lastStage + 1];
        for (int i = 0; i < graph.Count; i++)
        {
            Node node = graph[i];
            if (node.IsScalar && node.Arity > 0 && !node.Op.IsReduction())
            {
                (scalarsByLevel[level[i]] ??= new List<int>()).Add(i);
            }

            if (rows.IsMaterialized(i))
            {
                (productsByStage[level[i]] ??= new List<int>()).Add(i);
            }
        }

        foreach ((int stage, int domain) in reductions.Keys.Concat(storesByStage.Keys))
        {
            (domainsByStage[stage] ??= new SortedSet<int>()).Add(domain);
        }

        var steps = new List<PlanStep>();
        var walk = new PassWalk(graph.Count);
        int number = 0;
        for (int stage = 1; stage <= lastStage; stage++)
        {
            AddScalars(scalarsByLevel[stage - 1], steps);
            var rowPasses = new HashSet<int>();
            foreach (int domain in domainsByStage[stage] ?? Enumerable.Empty<int>())
            {
                // A fused matrix and its rows' values share one row pass per stage.
                int host = rows.Host(domain);
                if (host >= 0)
                {
                    if (rowPasses.Add(host))
                    {
                        steps.Add(RowPass(graph, rows, walk, ref number, stage, host, domainsByStage[stage]!, reductions, storesByStage, level, buffers));
                    }

                    continue;
                }

                List<int> reduced = reductions.TryGetValue((stage, domain), out List<int>? r) ? r : new List<int>();
                List<PassWrite> stored = storesByStage.TryGetValue((stage, domain), out List<PassWrite>? w) ? w : new List<PassWrite>();
                foreach (List<int> group in LoopGroups(graph, domain, reduced))
                {
                    // The first loop of the stage also stores.
                    steps.Add(Pass(graph, walk, ++number, domain, group, stored));
                    stored = new List<PassWrite>();
                }
            }

            foreach (int i in productsByStage[stage] ?? Enumerable.Empty<int>())
            {
                steps.Add(new MatrixStep(i, destination.TryGetValue(i, out int parameter) ? parameter : -1));
            }
        }

        // The value and the scalar gradients come after every loop.
        AddScalars(scalarsByLevel[lastStage], steps);
        return new Plan(graph, steps.ToEquatableArray(), value, writes.ToEquatableArray(), buffers.ToEquatableArray());
    }

    /// <summary>
    /// Splits a stage's reductions over one domain into loops: up to four sums share a loop over a flat domain; a
    /// maximum, or a reduction over a matrix, takes a loop of its own. No reductions still make one (storing) loop.
    /// </summary>
    private static List<List<int>> LoopGroups(Graph graph, int domain, List<int> reductions)
    {
        var groups = new List<List<int>>();
        var sums = new List<int>();
        foreach (int reduction in reductions)
        {
            if (graph[reduction].Op == Op.Sum && !graph.Domains[domain].IsMatrix)
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

    private static int ParameterDomain(Graph graph, int parameter)
    {
        for (int i = 0; i < graph.Count; i++)
        {
            if (graph[i].Op == Op.Parameter && graph[i].Parameter == parameter)
            {
                return graph[i].Domain;
            }
        }

        return -2;
    }

    private static void AddScalars(List<int>? scalars, List<PlanStep> steps)
    {
        foreach (int i in scalars ?? Enumerable.Empty<int>())
        {
            steps.Add(new ScalarStep(i));
        }
    }

    private static void Add<T>(SortedDictionary<(int, int), List<T>> map, (int, int) key, T item)
    {
        if (!map.TryGetValue(key, out List<T>? list))
        {
            list = new List<T>();
            map.Add(key, list);
        }

        list.Add(item);
    }

    /// <summary>0 for what is known before any loop; reductions and products add one; anything else takes its operands' highest.</summary>
    private static int[] Levels(Graph graph, RowFusion rows)
    {
        var level = new int[graph.Count];
        for (int i = 0; i < graph.Count; i++)
        {
            Node node = graph[i];
            int max = 0;
            foreach (int arg in node.Args)
            {
                max = System.Math.Max(max, level[arg]);
            }

            // A stretched or padded value computed element-wise is stored by one loop and read by a later one.
            bool stored = rows.ReadsMemory(i) && graph[node.Args[0]].Op != Op.Parameter && !graph[node.Args[0]].IsReshapeView() && !rows.IsMaterialized(node.Args[0])
                && !(node.Op == Op.Stretch && graph[node.Args[0]].IsMatrixWindow());
            level[i] = node.Op.IsReduction() || rows.IsMaterialized(i) || stored ? max + 1 : max;
        }

        return level;
    }

    /// <summary>
    /// Marks shared by every loop of a plan: each loop's walk touches only the nodes it marks and clears them after,
    /// so a plan of many loops costs what its loops contain, not loops times graph.
    /// </summary>
    private sealed class PassWalk
    {
        public PassWalk(int count)
        {
            this.InBody = new bool[count];
            this.Captured = new bool[count];
        }

        public bool[] InBody { get; }

        public bool[] Captured { get; }
    }

    /// <remarks>
    /// With <paramref name="rows"/>, the loop is one of a row pass: a row's scalar stretched along the row and a one-hot
    /// row are read from the row (<see cref="PassStep.RowReads"/>), not from memory.
    /// </remarks>
    private static PassStep Pass(Graph graph, PassWalk walk, int number, int domain, List<int> reductions, List<PassWrite> writes, RowFusion? rows = null)
    {
        bool Leaf(int id) => rows is null
            ? graph[id].Op.IsMaterialized() || graph[id].Op.IsView()
            : rows.IsMaterialized(id) || graph[id].Op.IsView() || rows.IsRowLocal(id);

        var reduced = reductions.Select(r => graph[r].Args[0]).ToList();
        var roots = new List<int>(reduced);
        roots.AddRange(writes.Select(w => w.Node));

        // The tensor nodes the loop computes, stopping at what is already in memory; and the scalars it reads.
        bool[] inBody = walk.InBody;
        bool[] captured = walk.Captured;
        var body = new List<int>();
        var captures = new List<int>();
        var stack = new Stack<int>(roots);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (inBody[id])
            {
                continue;
            }

            inBody[id] = true;
            body.Add(id);
            bool view = graph[id].Op.IsView();
            if (Leaf(id) && !view)
            {
                continue;
            }

            foreach (int arg in graph[id].Args)
            {
                // A view reads its tensor in place; a scalar it takes (a slice's start) is read like any other.
                if (graph[arg].IsTensor && view)
                {
                    // A stretched slice of a matrix is read in place too: its starts are read like the view's own.
                    foreach (int start in graph[arg].Op == Op.Slice && graph[id].Op == Op.Stretch ? graph[arg].Args : EquatableArray<int>.Empty)
                    {
                        if (graph[start].IsScalar && graph[start].Op != Op.Constant && !captured[start])
                        {
                            captured[start] = true;
                            captures.Add(start);
                        }
                    }

                    continue;
                }

                if (graph[arg].IsTensor)
                {
                    stack.Push(arg);
                }
                else if (graph[arg].Op != Op.Constant && !captured[arg])
                {
                    captured[arg] = true;
                    captures.Add(arg);
                }
            }
        }

        // In graph order, as the emitter writes them; then the marks are cleared for the next loop.
        body.Sort();
        captures.Sort();
        var inputs = new List<int>();
        var rowReads = new List<int>();
        foreach (int i in body)
        {
            inBody[i] = false;
            if (rows is not null && rows.IsRowLocal(i))
            {
                rowReads.Add(i);
            }
            else if (graph[i].Op == Op.Parameter || graph[i].Op.IsView() || graph[i].Op.IsMaterialized())
            {
                inputs.Add(i);
            }
        }

        foreach (int i in captures)
        {
            captured[i] = false;
        }

        return new PassStep(number, domain, reductions.ToEquatableArray(), reduced.ToEquatableArray(), body.ToEquatableArray(), captures.ToEquatableArray(), inputs.ToEquatableArray(), writes.ToEquatableArray(), rowReads.ToEquatableArray());
    }
}
