using System.Collections.Generic;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Optimize;

namespace SymGrad.Generator.Autodiff;

/// <summary>
/// The value and gradients of a method as one graph: the value node, and one gradient node per differentiable parameter.
/// A method with control flow has its regions instead, each block with its adjoint (see <see cref="ReverseLoops"/>).
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record Derivative(Graph Graph, int Value, EquatableArray<int> Gradients, StructuredBody? StructuredBody = null);

/// <summary>
/// The autodiff stage: reverse mode over the IR. Walks the graph from the result back to the parameters, applying
/// one <see cref="DerivativeRules"/> entry per node, and adds the adjoint nodes to the same graph.
/// </summary>
internal static class ReverseMode
{
    public static Derivative Differentiate(MethodModel method)
    {
        Graph forward = Simplifier.Simplify(method.Graph, new[] { method.Result }, out int[] roots);
        int result = roots[0];
        GraphBuilder builder = GraphBuilder.From(forward);
        bool[] active = Activity(forward, method.Parameters);
        var adjoints = new Dictionary<int, int>();
        var context = new RuleContext(builder, adjoints, active);

        if (active[result])
        {
            builder.CurrentNote = "d(f)/d(f) = 1";
            adjoints[result] = builder.Constant(1);
        }

        for (int i = result; i >= 0; i--)
        {
            if (!active[i] || !adjoints.TryGetValue(i, out int adjoint))
            {
                continue;
            }

            Node node = forward[i];
            if (node.Op == Op.Parameter)
            {
                continue;
            }

            DerivativeRules.Rule rule = DerivativeRules.For(node.Op) ?? throw OpFacts.Unexpected(node.Op);
            builder.CurrentNote = rule.Text;
            context.Output = i;
            context.Adjoint = adjoint;
            rule.Apply(context);
        }

        var outputs = new List<int> { result };
        for (int p = 0; p < method.Parameters.Count; p++)
        {
            ParameterModel parameter = method.Parameters[p];
            if (!parameter.IsDifferentiable)
            {
                continue;
            }

            int? node = FindParameter(forward, p);
            if (node is { } id && adjoints.TryGetValue(id, out int gradient))
            {
                outputs.Add(gradient);
                continue;
            }

            // The value does not depend on this parameter: its gradient is zero, and is still written.
            builder.CurrentNote = "f does not depend on " + parameter.Name;
            int zero = builder.Constant(0);
            outputs.Add(parameter.IsTensor ? builder.Broadcast(zero, builder.DomainOf(p)) : zero);
        }

        // Unsimplified: the optimize stage cleans up the adjoint graph.
        Graph graph = Simplifier.Prune(builder.ToGraph(), outputs, out int[] kept);
        var gradients = new int[kept.Length - 1];
        System.Array.Copy(kept, 1, gradients, 0, gradients.Length);
        return new Derivative(graph, kept[0], EquatableArray.Create(gradients));
    }

    private static int? FindParameter(Graph graph, int parameter)
    {
        for (int i = 0; i < graph.Count; i++)
        {
            if (graph[i].Op == Op.Parameter && graph[i].Parameter == parameter)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>Which nodes depend on a differentiable parameter through differentiable operations.</summary>
    private static bool[] Activity(Graph graph, EquatableArray<ParameterModel> parameters)
    {
        var active = new bool[graph.Count];
        for (int i = 0; i < graph.Count; i++)
        {
            Node node = graph[i];
            if (node.Op == Op.Parameter)
            {
                active[i] = parameters[node.Parameter].IsDifferentiable;
            }
            else if (!DerivativeRules.IsInactive(node.Op) && !node.Type.IsInteger())
            {
                // An integer value has no derivative: one converted from a floating value stops the gradient (d = 0).
                foreach (int arg in node.Args)
                {
                    active[i] |= active[arg];
                }
            }
        }

        return active;
    }
}
