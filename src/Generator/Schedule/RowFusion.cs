using System.Collections.Generic;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Schedule;

/// <summary>
/// Which matrices are computed row by row. A matrix domain is fused when every value with one element per row that is
/// reduced from it (a row's sum, maximum, minimum or log-sum-exp, or the element a label picks) can be computed for one
/// row at a time: such a value then never goes to memory; it is a scalar of the row pass, and where the matrix reads it
/// back stretched along the row it reads that scalar.
/// </summary>
/// <remarks>
/// A row domain (the <c>[r, 1]</c> or <c>[r]</c> shape of those values) whose values are not all element-wise in the
/// row, or that more than one matrix reduces into, leaves its matrix unfused: the reductions then run as materialized
/// row kernels, as before.
/// </remarks>
internal sealed class RowFusion
{
    private readonly Graph graph;
    private readonly int[] host;
    private readonly bool[] rowLocal;

    private RowFusion(Graph graph, int[] host, bool[] rowLocal)
    {
        this.graph = graph;
        this.host = host;
        this.rowLocal = rowLocal;
    }

    public static RowFusion Of(Graph graph)
    {
        int domains = graph.Domains.Count;
        var owner = new int[domains];
        var bad = new bool[domains];
        for (int d = 0; d < domains; d++)
        {
            owner[d] = -1;
        }

        for (int i = 0; i < graph.Count; i++)
        {
            if (!ReducesRow(graph, i))
            {
                continue;
            }

            int matrix = graph[graph[i].Args[0]].Domain;
            int row = graph[i].Domain;
            if (owner[row] >= 0 && owner[row] != matrix)
            {
                bad[row] = true;
            }

            owner[row] = matrix;
        }

        // A row domain takes only values computed from its row: reductions of its own matrix, and element-wise work on them.
        for (int i = 0; i < graph.Count; i++)
        {
            Node node = graph[i];
            if (node.IsScalar || owner[node.Domain] < 0)
            {
                continue;
            }

            bool computed = ReducesRow(graph, i)
                ? graph[node.Args[0]].Domain == owner[node.Domain]
                : node.Op != Op.Parameter && !node.Op.IsMaterialized() && !node.Op.IsView() && !node.Op.IsReduction();
            if (!computed || owner[owner[node.Domain]] >= 0)
            {
                bad[node.Domain] = true;
            }
        }

        var host = new int[domains];
        for (int d = 0; d < domains; d++)
        {
            host[d] = -1;
        }

        var unfused = new HashSet<int>();
        for (int d = 0; d < domains; d++)
        {
            if (owner[d] >= 0 && bad[d])
            {
                unfused.Add(owner[d]);
            }
        }

        for (int d = 0; d < domains; d++)
        {
            if (owner[d] >= 0 && !unfused.Contains(owner[d]))
            {
                host[d] = owner[d];
                host[owner[d]] = owner[d];
            }
        }

        var rowLocal = new bool[graph.Count];
        for (int i = 0; i < graph.Count; i++)
        {
            Node node = graph[i];
            rowLocal[i] = node.Op switch
            {
                _ when ReducesRow(graph, i) => host[node.Domain] >= 0,
                Op.OneHot => host[node.Domain] == node.Domain,
                Op.Stretch => node.Parameter == 1 && host[node.Domain] == node.Domain && graph[node.Args[0]].Domain != node.Domain && host[graph[node.Args[0]].Domain] == node.Domain
                    && graph[node.Args[0]].Op != Op.Slice,
                _ => false,
            };
        }

        return new RowFusion(graph, host, rowLocal);
    }

    /// <summary>The fused matrix domain whose row pass computes values of <paramref name="domain"/>, or -1.</summary>
    public int Host(int domain) => domain < 0 ? -1 : this.host[domain];

    /// <summary>
    /// Whether node <paramref name="id"/> is computed inside a row pass where a flat schedule would need memory: a
    /// reduction along the row or a pick (a scalar of the row), a one-hot row (read from the row's label), or a row's
    /// scalar stretched along the row.
    /// </summary>
    public bool IsRowLocal(int id) => this.rowLocal[id];

    /// <summary>Whether node <paramref name="id"/> is a reduction along the row, or a pick, computed by a row pass.</summary>
    public bool IsRowReduction(int id) => this.rowLocal[id] && ReducesRow(this.graph, id);

    /// <summary>Computed whole into memory before later work reads it: materialized, and not computed in a row pass.</summary>
    public bool IsMaterialized(int id) => this.graph[id].Op.IsMaterialized() && !this.rowLocal[id];

    /// <summary>Read from memory at other elements than its own (stretched, or a slice's adjoint), and not from the row.</summary>
    public bool ReadsMemory(int id) => this.graph[id].Op is Op.Stretch or Op.Pad && !this.rowLocal[id];

    /// <summary>A reduction along axis 1 of a matrix (one value per row), or the element a label picks from each row.</summary>
    private static bool ReducesRow(Graph graph, int id)
    {
        Node node = graph[id];
        return (node.Op.IsAxisReduction() && node.Parameter == 1) || node.Op == Op.Pick;
    }
}
