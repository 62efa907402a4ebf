using System;
using System.Collections.Generic;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Autodiff;

/// <summary>
/// The derivative of <c>c ? u : v</c> is the derivative of the branch taken, not the sum of both with the other
/// multiplied by zero: where <c>u</c> is <c>a / k</c> at <c>k = 0</c>, or <c>Math.Sqrt(s)</c> at <c>s &lt; 0</c>, the
/// branch not taken has an infinite or NaN derivative, and zero times it is NaN. So a node used only inside one arm of
/// a scalar selection is conditional on it; a contribution that leaves such a node for one outside the arm is selected,
/// <c>condition ? contribution : 0</c>, which drops whatever the branch not taken computed.
/// </summary>
internal static class BranchMasks
{
    /// <summary>
    /// The mask for <see cref="RuleContext.Mask"/> over <paramref name="forward"/> (copied into
    /// <paramref name="builder"/> with the same indexes), whose values <paramref name="roots"/> are used unconditionally.
    /// </summary>
    public static Func<int, int, int, int>? For(GraphBuilder builder, Graph forward, IReadOnlyList<int> roots)
    {
        int count = forward.Count;
        var condition = new int[count];
        var depth = new int[count];
        var seen = new bool[count];
        bool any = false;
        foreach (int root in roots)
        {
            if (root >= 0 && root < count)
            {
                seen[root] = true;
                condition[root] = -1;
            }
        }

        for (int u = count - 1; u >= 0; u--)
        {
            if (!seen[u])
            {
                continue;
            }

            Node node = forward[u];
            bool scalarSelect = node.Op == Op.Select && forward[node.Args[0]].IsScalar;
            for (int a = 0; a < node.Arity; a++)
            {
                int useCondition = condition[u];
                int useDepth = depth[u];
                if (scalarSelect && a > 0)
                {
                    int test = a == 1 ? node.Args[0] : builder.Make(Op.Not, node.Args[0]);
                    useCondition = useCondition < 0 ? test : builder.Make(Op.And, useCondition, test);
                    useDepth++;
                    any = true;
                }

                int arg = node.Args[a];
                if (!seen[arg])
                {
                    seen[arg] = true;
                    condition[arg] = useCondition;
                    depth[arg] = useDepth;
                }
                else if (condition[arg] != useCondition)
                {
                    // Used under different conditions (or unconditionally): its own adjoint is not masked.
                    condition[arg] = -1;
                    depth[arg] = 0;
                }
            }
        }

        if (!any)
        {
            return null;
        }

        return (output, target, contribution) =>
        {
            if (depth[target] >= depth[output] || condition[output] < 0 || builder[contribution].IsTensor)
            {
                return contribution;
            }

            string note = builder.CurrentNote;
            builder.CurrentNote = "the derivative of the branch taken: a branch not taken contributes nothing";
            int masked = builder.Make(Op.Select, condition[output], contribution, builder.Constant(0));
            builder.CurrentNote = note;
            return masked;
        };
    }
}
