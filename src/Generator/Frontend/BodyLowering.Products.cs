using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// Products with vectors, as <c>torch.matmul</c> reads them: a parameter that is an operand of <c>MatMul</c> may be a
/// vector at run time. As the right operand it is read as a column <c>[m, 1]</c>, as the left one as a row
/// <c>[1, m]</c>, so <c>MatMul(a, x)</c> is the <c>[n]</c> result stored as <c>[n, 1]</c> and every product kernel and
/// derivative rule stays the one of matrices. Only where <c>[n]</c> and <c>[n, 1]</c> could give different numbers
/// (an axis reduction, a transpose, a broadcast, a dimension that must equal another) the parameter must be a matrix,
/// as before: the method then throws for a vector before anything is written.
/// </summary>
internal sealed partial class BodyLowering
{
    // The roles each parameter takes as an operand of a product: true for a right operand (a column), false for a left one.
    private readonly Dictionary<int, HashSet<bool>> productRoles = new();

    // Parameters used as matrices in a way a vector could not take part in.
    private readonly HashSet<int> strictMatrices = new();

    /// <summary>Notes that <paramref name="node"/> is an untransposed operand of a product, which a vector parameter may be.</summary>
    private void NoteProductOperand(int node, bool column, bool transposed)
    {
        Domain domain = this.graph.Domains[this.Find(this.graph[node].Domain)];
        if (transposed || domain.IsSlice)
        {
            return;
        }

        int parameter = -1;
        if (!domain.IsMatrix)
        {
            parameter = domain.Parameter;
            this.MatrixDims(node, strict: false);
        }
        else
        {
            // A parameter already seen as a matrix: its own shape, not a product's.
            foreach (int candidate in this.shapes.MatrixParameters)
            {
                if (this.FindDim(domain.Rows!) == this.FindDim(new Dim(candidate, 0)) && this.FindDim(domain.Columns!) == this.FindDim(new Dim(candidate, 1)))
                {
                    parameter = candidate;
                    break;
                }
            }
        }

        if (parameter >= 0)
        {
            if (!this.productRoles.TryGetValue(parameter, out HashSet<bool>? roles))
            {
                this.productRoles[parameter] = roles = new HashSet<bool>();
            }

            roles.Add(column);
        }
    }

    /// <summary>
    /// The product operands that may be vectors: parameters in one role only, whose vector dimension (the 1 of
    /// <c>[m, 1]</c> or <c>[1, m]</c>) meets nothing but element-wise work, whole reductions and products.
    /// </summary>
    private EquatableArray<VectorOperand> VectorOperands()
    {
        var candidates = new Dictionary<Dim, VectorOperand>();
        foreach (KeyValuePair<int, HashSet<bool>> entry in this.productRoles)
        {
            if (entry.Value.Count == 1 && !this.strictMatrices.Contains(entry.Key) && this.shapes.MatrixParameters.Contains(entry.Key))
            {
                var operand = new VectorOperand(entry.Key, entry.Value.First());
                candidates[new Dim(entry.Key, operand.VectorAxis)] = operand;
            }
        }

        if (candidates.Count == 0)
        {
            return EquatableArray<VectorOperand>.Empty;
        }

        var refused = new HashSet<int>();
        void Refuse(Dim dim)
        {
            if (candidates.TryGetValue(dim, out VectorOperand? operand))
            {
                refused.Add(operand.Parameter);
            }
        }

        // A dimension checked against another: a vector's 1 would pass where PyTorch broadcasts [n] against [n, 1].
        foreach (DimCheck check in this.shapes.DimChecks)
        {
            Refuse(check.First);
            Refuse(check.Second);
        }

        // Operations that tell [n] from [n, 1]: along an axis, transposed, stretched, or read by rows of labels.
        for (int i = 0; i < this.graph.Count; i++)
        {
            Node node = this.graph[i];
            if (node.Op == Op.Stretch || node.Op.IsAxisReduction())
            {
                // Along the axis a vector does not add: the 1 of [n, 1] or [1, n] is kept, not reduced or stretched.
                int along = node.Parameter;
                void RefuseAlong(Dim dim)
                {
                    if (candidates.TryGetValue(dim, out VectorOperand? operand) && operand.VectorAxis == along)
                    {
                        refused.Add(operand.Parameter);
                    }
                }

                this.RefuseDims(node.Domain, RefuseAlong);
                foreach (int arg in node.Args)
                {
                    this.RefuseDims(this.graph[arg].Domain, RefuseAlong);
                }
            }
            else if (node.Op is Op.Transpose or Op.OneHot or Op.Pick or Op.MiddleAxis or Op.MiddleAxisAdjoint)
            {
                this.RefuseDims(node.Domain, Refuse);
                foreach (int arg in node.Args)
                {
                    this.RefuseDims(this.graph[arg].Domain, Refuse);
                }
            }
        }

        return candidates.Values.Where(o => !refused.Contains(o.Parameter)).OrderBy(o => o.Parameter).ToEquatableArray();
    }

    private void RefuseDims(int domain, System.Action<Dim> refuse)
    {
        if (domain < 0)
        {
            return;
        }

        Domain root = this.graph.Domains[this.Find(domain)];
        if (root.IsMatrix)
        {
            refuse(this.FindDim(root.Rows!));
            refuse(this.FindDim(root.Columns!));
        }
    }
}
