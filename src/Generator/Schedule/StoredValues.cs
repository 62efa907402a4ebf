using System.Collections.Generic;
using System.Globalization;
using System.Text;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Schedule;

/// <summary>
/// The values a block's reverse sweep pops instead of computing again, as a hand-written reverse sweep keeps an LSTM's
/// gates: each exp, log, tanh (and the other transcendental functions) its adjoint reads that the block computed
/// forward too. The adjoint's recomputation of such a value is the same operation on the same values (the slots are
/// restored to where the block started, the tensors never change), so the stored value is the one it would compute.
/// </summary>
internal static class StoredValues
{
    /// <summary>A value the forward block pushes (its node <see cref="Forward"/>) and the adjoint's nodes <see cref="Adjoints"/> pop.</summary>
    public sealed record Stored(int Forward, IReadOnlyList<int> Adjoints, ScalarType Type);

    /// <summary>The values <paramref name="block"/> stores, in the order the forward sweep pushes them; none without an adjoint.</summary>
    public static IReadOnlyList<Stored> Of(Block block)
    {
        var stored = new List<Stored>();
        if (block.Adjoint is not { } adjoint || (adjoint.Slots.Count == 0 && adjoint.Scatters.Count == 0))
        {
            return stored;
        }

        var classes = new Dictionary<string, int>();
        Graph forward = block.Values.Graph;
        Graph backward = adjoint.Adjoints.Graph;
        int[] forwardClasses = Classify(forward, classes);
        int[] backwardClasses = Classify(backward, classes);
        bool[] forwardLive = Optimize.Simplifier.Live(forward, block.Values.Roots);
        bool[] backwardLive = Optimize.Simplifier.Live(backward, adjoint.Adjoints.Roots);

        var readers = new Dictionary<int, List<int>>();
        for (int id = 0; id < backward.Count; id++)
        {
            if (backwardLive[id] && IsWorthStoring(backward[id]))
            {
                if (!readers.TryGetValue(backwardClasses[id], out List<int>? ids))
                {
                    readers[backwardClasses[id]] = ids = new List<int>();
                }

                ids.Add(id);
            }
        }

        var seen = new HashSet<int>();
        for (int id = 0; id < forward.Count; id++)
        {
            if (forwardLive[id] && IsWorthStoring(forward[id]) && readers.TryGetValue(forwardClasses[id], out List<int>? ids) && seen.Add(forwardClasses[id]))
            {
                stored.Add(new Stored(id, ids, forward[id].Type));
            }
        }

        return stored;
    }

    /// <summary>A scalar floating value that costs far more to compute than to push and pop.</summary>
    private static bool IsWorthStoring(Node node)
        => node.IsScalar && node.Type.IsFloating()
            && node.Op is Op.Exp or Op.Log or Op.Tanh or Op.Sigmoid or Op.Sin or Op.Cos or Op.Expm1 or Op.Log1p or Op.Softplus or Op.LogSigmoid or Op.Pow or Op.Sqrt;

    /// <summary>
    /// Numbers each node by its structure: two nodes, of this graph or another classified with the same
    /// <paramref name="classes"/>, have one number when they apply one operation to operands of equal numbers.
    /// </summary>
    private static int[] Classify(Graph graph, Dictionary<string, int> classes)
    {
        var numbers = new int[graph.Count];
        for (int id = 0; id < graph.Count; id++)
        {
            Node node = graph[id];
            var key = new StringBuilder();
            key.Append((int)node.Op).Append('|').Append((int)node.Type).Append('|').Append(node.Value.ToString("R", CultureInfo.InvariantCulture))
                .Append('|').Append(node.Bits).Append('|').Append(node.Parameter).Append('|').Append((int)node.Overflow);
            if (node.IsTensor && node.Op != Op.Parameter)
            {
                // A whole tensor of this graph alone (its domain is this graph's): never the same as another's.
                key.Append("|tensor ").Append(classes.Count);
            }

            foreach (int arg in node.Args)
            {
                key.Append(',').Append(numbers[arg]);
            }

            string text = key.ToString();
            if (!classes.TryGetValue(text, out int number))
            {
                classes[text] = number = classes.Count;
            }

            numbers[id] = number;
        }

        return numbers;
    }
}
