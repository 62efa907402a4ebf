using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Autodiff;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Optimize;

namespace SymGrad.Generator.Schedule;

/// <summary>
/// The schedule stage: groups element-wise work into fused loops. Tensor nodes are never stored; each loop recomputes
/// the element-wise nodes it needs. A new loop starts only where a reduction's result is needed by later element-wise
/// work, so <c>Mse</c>'s value and gradient take one pass, and <c>Log(Sum(x))</c>'s take two.
/// </summary>
internal static class Scheduler
{
    public static MethodPlan Schedule(MethodModel method, Derivative derivative)
    {
        Plan value = Build(derivative.Graph, derivative.Value, EquatableArray<GradientWrite>.Empty);
        var writes = new List<GradientWrite>();
        int g = 0;
        for (int p = 0; p < method.Parameters.Count; p++)
        {
            if (method.Parameters[p].IsDifferentiable)
            {
                writes.Add(new GradientWrite(p, derivative.Gradients[g++]));
            }
        }

        Plan gradient = Build(derivative.Graph, derivative.Value, writes.ToEquatableArray());
        var roots = new List<(string, int)>();
        foreach (GradientWrite write in gradient.Gradients)
        {
            roots.Add(("∂f/∂" + method.Parameters[write.Parameter].Name, write.Node));
        }

        List<string> docs = Printer.PrintShared(gradient.Graph, method.Parameters, roots);
        return new MethodPlan(method, value, gradient, docs.ToEquatableArray());
    }

    private static Plan Build(Graph full, int valueNode, EquatableArray<GradientWrite> gradients)
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

        int[] level = Levels(graph);
        var steps = new List<PlanStep>();

        // Reductions and tensor writes, keyed by the pass they can run in: after every scalar they read.
        var reductions = new SortedDictionary<(int Pass, int Domain), List<int>>();
        var tensorWrites = new SortedDictionary<(int Pass, int Domain), List<GradientWrite>>();
        for (int i = 0; i < graph.Count; i++)
        {
            if (graph[i].Op.IsReduction())
            {
                Add(reductions, (level[i], graph[graph[i].Args[0]].Domain), i);
            }
        }

        foreach (GradientWrite write in writes)
        {
            if (graph[write.Node].IsTensor)
            {
                Add(tensorWrites, (level[write.Node] + 1, graph[write.Node].Domain), write);
            }
        }

        int maxPass = reductions.Keys.Concat(tensorWrites.Keys).Select(k => k.Pass).DefaultIfEmpty(0).Max();
        int number = 0;
        for (int pass = 0; pass <= maxPass; pass++)
        {
            // Scalars of level pass - 1 are known once the previous passes ran.
            for (int i = 0; i < graph.Count; i++)
            {
                if (graph[i].IsScalar && level[i] == pass - 1 && NeedsStatement(graph[i]) && !graph[i].Op.IsReduction())
                {
                    steps.Add(new ScalarStep(i));
                }
            }

            var domains = reductions.Keys.Concat(tensorWrites.Keys).Where(k => k.Pass == pass).Select(k => k.Domain).Distinct().OrderBy(d => d);
            foreach (int domain in domains)
            {
                List<int> reduced = reductions.TryGetValue((pass, domain), out List<int>? r) ? r : new List<int>();
                List<GradientWrite> stores = tensorWrites.TryGetValue((pass, domain), out List<GradientWrite>? w) ? w : new List<GradientWrite>();
                if (reduced.Count == 0)
                {
                    steps.Add(Pass(graph, ++number, domain, -1, stores));
                    continue;
                }

                // The first reduction's loop also writes the gradients; further reductions get loops of their own.
                for (int k = 0; k < reduced.Count; k++)
                {
                    steps.Add(Pass(graph, ++number, domain, reduced[k], k == 0 ? stores : new List<GradientWrite>()));
                }
            }
        }

        // Scalars at the last level (the value, scalar gradients) come after every pass.
        for (int i = 0; i < graph.Count; i++)
        {
            if (graph[i].IsScalar && level[i] == maxPass && NeedsStatement(graph[i]) && !graph[i].Op.IsReduction())
            {
                steps.Add(new ScalarStep(i));
            }
        }

        return new Plan(graph, steps.ToEquatableArray(), value, writes.ToEquatableArray());
    }

    private static bool NeedsStatement(Node node) => node.Arity > 0;

    private static void Add<T>(SortedDictionary<(int, int), List<T>> map, (int, int) key, T item)
    {
        if (!map.TryGetValue(key, out List<T>? list))
        {
            list = new List<T>();
            map.Add(key, list);
        }

        list.Add(item);
    }

    /// <summary>
    /// The level of a node: 0 for what is known before any loop; a reduction is one more than the level of its
    /// operand; anything else takes the highest level of its operands. A reduction of level k runs in pass k.
    /// </summary>
    private static int[] Levels(Graph graph)
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

            level[i] = node.Op.IsReduction() ? max + 1 : max;
        }

        return level;
    }

    private static PassStep Pass(Graph graph, int number, int domain, int reduction, List<GradientWrite> writes)
    {
        var roots = new List<int>();
        int reduced = -1;
        if (reduction >= 0)
        {
            reduced = graph[reduction].Args[0];
            roots.Add(reduced);
        }

        roots.AddRange(writes.Select(w => w.Node));

        // Tensor nodes the loop computes, and the scalars it reads.
        var inBody = new bool[graph.Count];
        var captured = new bool[graph.Count];
        var stack = new Stack<int>(roots);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (inBody[id])
            {
                continue;
            }

            inBody[id] = true;
            foreach (int arg in graph[id].Args)
            {
                if (graph[arg].IsTensor)
                {
                    stack.Push(arg);
                }
                else if (graph[arg].Op != Op.Constant)
                {
                    captured[arg] = true;
                }
            }
        }

        var body = new List<int>();
        var captures = new List<int>();
        var loads = new List<int>();
        for (int i = 0; i < graph.Count; i++)
        {
            if (inBody[i])
            {
                body.Add(i);
                if (graph[i].Op == Op.Parameter)
                {
                    loads.Add(graph[i].Parameter);
                }
            }

            if (captured[i])
            {
                captures.Add(i);
            }
        }

        return new PassStep(number, domain, reduction, reduced, body.ToEquatableArray(), captures.ToEquatableArray(), loads.ToEquatableArray(), writes.ToEquatableArray());
    }
}
