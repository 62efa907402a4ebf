using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emit;

/// <summary>
/// The first lines of a fused method's body: arguments of shapes its fused code is not written for go elsewhere. A
/// tensor of rank 3 or more that the body reduces along axes goes to the rank-3 form (<see cref="MethodModel.AnyRank"/>)
/// where the axes fold it onto a rank-3 view; any other shape the fused code does not take (a tensor of another rank,
/// tensors that broadcast where the fused code reads one shape) goes to the general form (<see cref="MethodModel.General"/>),
/// which works out every shape when called. Arguments that fit run the fused code as before, checks included.
/// </summary>
internal sealed partial class Emitter
{
    /// <summary>Writes the dispatch to the rank-3 form and the general form, where the method has them.</summary>
    private void WriteShapeDispatch(CodeWriter w, bool gradients)
    {
        if (this.spans || (this.method.AnyRank is null && this.method.General is null))
        {
            return;
        }

        string? general = this.method.General is { } form
            ? "return " + this.Qualified(form.Name + (gradients ? "ValueAndGradient" : "Value")) + "(" + string.Join(", ", this.BodyArguments(gradients, byReference: false)) + ");"
            : null;
        if (this.method.AnyRank is { } anyRank)
        {
            string above = string.Join(" || ", anyRank.Folded.Select(p => Kernels + "ShapeGuard.AboveMatrix(" + this.Param(p) + ")"));
            string rankThree = "return " + this.AnyRankBodyName() + "(" + string.Join(", ", this.BodyArguments(gradients)) + ");";
            w.Line("// A tensor of rank 3 or more is reduced along the axes the body names through the rank-3 view they fold it onto.");
            w.Open("if (" + above + ")");
            if (general is null)
            {
                w.Line(rankThree);
            }
            else
            {
                w.Open("if (" + string.Join(" && ", this.RankThreeFits(anyRank)) + ")");
                w.Line(rankThree);
                w.Close();
                w.Line();
                w.Line("// Axes that fold it onto no one view, or shapes that broadcast otherwise: the general form.");
                w.Line(general);
            }

            w.Close();
            w.Line();
        }

        if (general is not null && this.FusedFits() is { Count: > 0 } fits)
        {
            w.Line("// Shapes this fused code is not written for (another rank, tensors that broadcast) go to the general form, which works them out.");
            w.Open("if (!(" + string.Join(" && ", fits) + "))");
            w.Line(general);
            w.Close();
            w.Line();
        }
    }

    private string Param(int p) => Identifier(this.method.Parameters[p].Name);

    /// <summary>The conditions under which the fused code takes the tensors: each read at the rank it is written for, and tensors checked to share a shape sharing it.</summary>
    private List<string> FusedFits()
    {
        var fits = new List<string>();
        for (int p = 0; p < this.method.Parameters.Count; p++)
        {
            if (!this.method.Parameters[p].IsTensor)
            {
                continue;
            }

            string name = this.Param(p);
            if (this.method.VectorParameters.Contains(p))
            {
                fits.Add(Kernels + "ShapeGuard.HasRank(" + name + ", 1)");
            }
            else if (this.method.IsMatrixParameter(p))
            {
                // The operands of a row pass fit it as its checks take them (a bias, a column, one row); a product's operand that
                // may be a vector is a vector or a matrix.
                List<int> meeting = RowOperandsMeeting(this.plan.ValuePlan.Graph, p);
                if (meeting.Count > 0 && meeting.Count <= 3)
                {
                    bool orRow = meeting.Prepend(p).Any(o => this.method.VectorOperandOf(o) is { Column: false });
                    fits.Add(Kernels + "ShapeGuard.RowPassFits(" + (orRow ? "true" : "false") + ", " + string.Join(", ", meeting.Prepend(p).Select(this.Param)) + ")");
                }
                else if (meeting.Count > 0)
                {
                    fits.Add(Kernels + "ShapeGuard.IsVectorOrMatrix(" + name + ")");
                }
                else
                {
                    fits.Add(this.method.VectorOperandOf(p) is null ? Kernels + "ShapeGuard.HasRank(" + name + ", 2)" : Kernels + "ShapeGuard.IsVectorOrMatrix(" + name + ")");
                }
            }
            else if (this.method.RankThreeParameters.Contains(p))
            {
                fits.Add(Kernels + "ShapeGuard.HasRank(" + name + ", 3)");
            }
            else if (new[] { this.plan.ValuePlan.Graph, this.plan.GradientPlan.Graph }.Any(g => g.Nodes.Any(n => n.Op == Op.Expand && n.Parameter == p && !n.IsReshapeView() && g.Domains[n.Domain].IsMatrix)))
            {
                // Read at a row stride over a matrix (a bias over a product): a vector or a matrix.
                fits.Add(Kernels + "ShapeGuard.IsVectorOrMatrix(" + name + ")");
            }
        }

        foreach (ShapeCheck check in this.method.ShapeChecks)
        {
            fits.Add(Kernels + "ShapeGuard.HaveSameShape(" + this.Param(check.First) + ", " + this.Param(check.Second) + ")");
        }

        return fits.Distinct().ToList();
    }

    /// <summary>The conditions under which the rank-3 form takes the tensors as passed: its axes fold each, and its partners broadcast as it copies them.</summary>
    private List<string> RankThreeFits(AnyRankForm anyRank)
    {
        string axes = "[" + string.Join(", ", anyRank.Axes.Select(a => a.ToString(CultureInfo.InvariantCulture))) + "]";
        // A broadcast partner is folded as the copy of its anchor's shape, whose fold is checked with the anchor's.
        var fits = anyRank.Folded.Where(p => !anyRank.Broadcast.Any(b => b.Parameter == p)).Select(p => Kernels + "ShapeGuard.AnyRankFolds(" + this.Param(p) + ", " + axes + ")").ToList();
        fits.AddRange(anyRank.SameShapes.Select(c => Kernels + "ShapeGuard.HaveSameShape(" + this.Param(c.First) + ", " + this.Param(c.Second) + ")"));
        fits.AddRange(anyRank.Broadcast.Select(b => Kernels + "ShapeGuard.BroadcastsTo(" + this.Param(b.Parameter) + ", " + this.Param(b.Source) + ")"));
        fits.AddRange(anyRank.Leading.Select(l => Kernels + "ShapeGuard.BroadcastsToLeading(" + this.Param(l.Parameter) + ", " + this.Param(l.Source) + ")"));
        return fits;
    }
}
