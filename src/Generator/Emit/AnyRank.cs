using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emit;

/// <summary>
/// The call of a method's rank-3 form (<see cref="MethodModel.AnyRank"/>): where a tensor it reduces along an axis has
/// rank 3 or more, the method's matrix form hands the call to a local function that checks the shapes as passed,
/// works out the rank-3 view the axes fold each such tensor onto and calls the rank-3 form with the views. A matrix
/// never takes this path: the matrix form's checks and loops are as they were.
/// </summary>
internal sealed partial class Emitter
{
    /// <summary>The local function that calls the rank-3 form: <c>AtRankThree</c>, unless a parameter has that name.</summary>
    private string AnyRankBodyName()
    {
        string name = "AtRankThree";
        while (this.taken.Contains(name))
        {
            name += "_";
        }

        return name;
    }

    /// <summary>The first lines of the matrix form's body: a tensor of rank 3 or more is handed to the rank-3 form.</summary>
    private void WriteAnyRankDispatch(CodeWriter w, bool gradients)
    {
        if (this.method.AnyRank is not { } anyRank || this.spans)
        {
            return;
        }

        string condition = string.Join(" || ", anyRank.Folded.Select(p => Kernels + "ShapeGuard.AboveMatrix(" + Identifier(this.method.Parameters[p].Name) + ")"));
        w.Line("// A tensor of rank 3 or more is reduced along the axes the body names through the rank-3 view they fold it onto.");
        w.Open("if (" + condition + ")");
        w.Line("return " + this.AnyRankBodyName() + "(" + string.Join(", ", this.BodyArguments(gradients)) + ");");
        w.Close();
        w.Line();
    }

    /// <summary>The arguments that pass the body's own parameters on, as the body takes them.</summary>
    private List<string> BodyArguments(bool gradients)
    {
        var arguments = this.method.Parameters.Select(p => (p.IsTensor ? "in " : string.Empty) + Identifier(p.Name)).ToList();
        if (gradients)
        {
            arguments.AddRange(this.method.Parameters.Where(p => p.IsDifferentiable).Select(p => (p.IsTensor ? "in " : "out ") + Identifier(p.GradientName)));
        }

        return arguments;
    }

    /// <summary>The local function that checks the tensors as passed, views them at rank 3 and calls the rank-3 form.</summary>
    private void WriteAnyRankBody(CodeWriter w, bool gradients)
    {
        if (this.method.AnyRank is not { } anyRank || this.spans)
        {
            return;
        }

        w.Line();
        w.Line(Attributes(NoInlining));
        w.Open("static " + this.t + " " + this.AnyRankBodyName() + "(" + this.BodySignature(gradients) + ")");
        ParameterModel P(int p) => this.method.Parameters[p];
        string Name(int p) => Identifier(P(p).Name);
        string Quoted(int p) => "\"" + P(p).Name + "\"";
        string View(int p) => Identifier(P(p).Name + "AtRankThree");
        string GradientView(int p) => Identifier(P(p).GradientName + "AtRankThree");

        foreach (ShapeCheck check in anyRank.SameShapes)
        {
            // Tensors that meet element-wise in the rank-3 form have one shape as passed, not only one view.
            w.Line(Kernels + "ShapeGuard.SameShape(" + Name(check.First) + ", " + Quoted(check.First) + ", " + Name(check.Second) + ", " + Quoted(check.Second) + ");");
        }

        string axes = "[" + string.Join(", ", anyRank.Axes.Select(a => a.ToString(CultureInfo.InvariantCulture))) + "]";
        foreach (int p in anyRank.Folded)
        {
            w.Line(Kernels + "ShapeGuard.AnyRankSplit(" + Name(p) + ", " + Quoted(p) + ", " + axes + ", out int " + Identifier(P(p).Name + "First") + ", out int " + Identifier(P(p).Name + "Last") + ");");
            w.Line("var " + View(p) + " = " + Kernels + "ShapeGuard.AnyRankView(" + Name(p) + ", " + Quoted(p) + ", " + Identifier(P(p).Name + "First") + ", " + Identifier(P(p).Name + "Last") + ");");
        }

        foreach (LeadingOperand leading in anyRank.Leading)
        {
            // Read in order as the results of a reduction along the last axis: its shape is the reduced tensor's leading lengths.
            w.Line("var " + View(leading.Parameter) + " = " + Kernels + "ShapeGuard.AnyRankLeadingView(" + Name(leading.Parameter) + ", " + Quoted(leading.Parameter) + ", "
                + Name(leading.Source) + ", " + Quoted(leading.Source) + ", " + Identifier(P(leading.Source).Name + "First") + ");");
        }

        var viewed = new HashSet<int>(anyRank.Folded.Concat(anyRank.Leading.Select(l => l.Parameter)));
        var arguments = new List<string>();
        for (int p = 0; p < this.method.Parameters.Count; p++)
        {
            arguments.Add(viewed.Contains(p) ? View(p) : Name(p));
        }

        if (gradients)
        {
            for (int p = 0; p < this.method.Parameters.Count; p++)
            {
                if (!P(p).IsDifferentiable)
                {
                    continue;
                }

                if (!P(p).IsTensor)
                {
                    arguments.Add("out " + Identifier(P(p).GradientName));
                    continue;
                }

                if (!viewed.Contains(p))
                {
                    arguments.Add(Identifier(P(p).GradientName));
                    continue;
                }

                LeadingOperand? leading = anyRank.Leading.FirstOrDefault(l => l.Parameter == p);
                w.Line("var " + GradientView(p) + " = " + Kernels + (leading is null
                    ? "ShapeGuard.AnyRankGradientView(" + Identifier(P(p).GradientName) + ", \"" + P(p).GradientName + "\", " + Name(p) + ", " + Quoted(p) + ", " + Identifier(P(p).Name + "First") + ", " + Identifier(P(p).Name + "Last") + ");"
                    : "ShapeGuard.AnyRankLeadingGradientView(" + Identifier(P(p).GradientName) + ", \"" + P(p).GradientName + "\", " + Name(p) + ", " + Quoted(p) + ", " + View(p) + ");"));
                arguments.Add(GradientView(p));
            }
        }

        w.Line("return " + this.Qualified(anyRank.Name + (gradients ? "ValueAndGradient" : "Value")) + "(" + string.Join(", ", arguments) + ");");
        w.Close();
    }
}
