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

    /// <summary>The arguments that pass the body's own parameters on, as the body takes them.</summary>
    /// <remarks>Tensors by reference to a local function that takes them so (<paramref name="byReference"/>), else by value.</remarks>
    private List<string> BodyArguments(bool gradients, bool byReference = true)
    {
        string tensor = byReference ? "in " : string.Empty;
        var arguments = this.method.Parameters.Select(p => (p.IsTensor ? tensor : string.Empty) + Identifier(p.Name)).ToList();
        if (gradients)
        {
            arguments.AddRange(this.method.Parameters.Where(p => p.IsDifferentiable).Select(p => (p.IsTensor ? tensor : "out ") + Identifier(p.GradientName)));
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

        string Length(int p) => Identifier(P(p).Name + "ExpandedLength");
        string Buffer(int p) => Identifier(P(p).Name + "Expanded");
        string Full(int p) => anyRank.Broadcast.Any(b => b.Parameter == p) ? Identifier(P(p).Name + "Full") : Name(p);
        string LeadingFull(int p) => Identifier(P(p).Name + "Full");
        foreach (LeadingOperand broadcast in anyRank.Broadcast)
        {
            // Passed with a shape that broadcasts to its anchor's: copied to that shape, as PyTorch stretches it.
            int p = broadcast.Parameter;
            w.Line("nint " + Length(p) + " = " + Kernels + "ShapeGuard.AnyRankExpandedLength(" + Name(p) + ", " + Quoted(p) + ", " + Name(broadcast.Source) + ", " + Quoted(broadcast.Source) + ");");
            w.Line("using var " + Buffer(p) + " = " + Kernels + "PooledBuffer<" + this.t + ">.Rent(" + Length(p) + ");");
            w.Line("var " + Full(p) + " = " + Kernels + "ShapeGuard.AnyRankExpand(" + Name(p) + ", " + Name(broadcast.Source) + ", " + Buffer(p) + ".Slice(0, " + Length(p) + "));");
        }

        string axes = "[" + string.Join(", ", anyRank.Axes.Select(a => a.ToString(CultureInfo.InvariantCulture))) + "]";
        foreach (int p in anyRank.Folded)
        {
            w.Line(Kernels + "ShapeGuard.AnyRankSplit(" + Full(p) + ", " + Quoted(p) + ", " + axes + ", out int " + Identifier(P(p).Name + "First") + ", out int " + Identifier(P(p).Name + "Last") + ");");
            w.Line("var " + View(p) + " = " + Kernels + "ShapeGuard.AnyRankView(" + Full(p) + ", " + Quoted(p) + ", " + Identifier(P(p).Name + "First") + ", " + Identifier(P(p).Name + "Last") + ");");
        }

        foreach (LeadingOperand leading in anyRank.Leading)
        {
            // Read in order as the results of a reduction along the last axis: its shape is the reduced tensor's leading
            // lengths, or broadcasts to them (copied to that shape, as PyTorch stretches it).
            int p = leading.Parameter;
            w.Line("nint " + Length(p) + " = " + Kernels + "ShapeGuard.AnyRankLeadingExpandedLength(" + Name(p) + ", " + Quoted(p) + ", " + Name(leading.Source) + ", " + Quoted(leading.Source) + ");");
            w.Line("using var " + Buffer(p) + " = " + Kernels + "PooledBuffer<" + this.t + ">.Rent(" + Length(p) + ");");
            w.Line("var " + LeadingFull(p) + " = " + Kernels + "ShapeGuard.AnyRankLeadingExpand(" + Name(p) + ", " + Name(leading.Source) + ", " + Buffer(p) + ".Slice(0, " + Length(p) + "));");
            w.Line("var " + View(p) + " = " + Kernels + "ShapeGuard.AnyRankLeadingView(" + LeadingFull(p) + ", " + Quoted(p) + ", "
                + Name(leading.Source) + ", " + Quoted(leading.Source) + ", " + Identifier(P(leading.Source).Name + "First") + ");");
        }

        var viewed = new HashSet<int>(anyRank.Folded.Concat(anyRank.Leading.Select(l => l.Parameter)));
        var arguments = new List<string>();
        for (int p = 0; p < this.method.Parameters.Count; p++)
        {
            arguments.Add(viewed.Contains(p) ? View(p) : Name(p));
        }

        var reduceBack = new List<string>();
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
                string gradient = Identifier(P(p).GradientName);
                if (anyRank.Broadcast.FirstOrDefault(b => b.Parameter == p) is { } broadcast)
                {
                    // The gradient of the copy, summed back over the stretched axes after the call; it is written only then,
                    // so it is checked here not to share memory with the tensors as passed.
                    this.WriteAnyRankDisjoint(w, p);
                    string expanded = Identifier(P(p).GradientName + "Expanded");
                    w.Line("using var " + expanded + " = " + Kernels + "PooledBuffer<" + this.t + ">.Rent(" + Length(p) + ");");
                    gradient = Identifier(P(p).GradientName + "Full");
                    w.Line("var " + gradient + " = " + Kernels + "ShapeGuard.AnyRankExpandedGradient(" + Identifier(P(p).GradientName) + ", \"" + P(p).GradientName + "\", " + Name(p) + ", " + Quoted(p) + ", "
                        + Name(broadcast.Source) + ", " + expanded + ".Slice(0, " + Length(p) + "));");
                    reduceBack.Add(Kernels + "ShapeGuard.AnyRankReduceBack<" + this.t + ">(" + expanded + ".Slice(0, " + Length(p) + "), " + Name(broadcast.Source) + ", " + Identifier(P(p).GradientName) + ");");
                }

                if (leading is not null)
                {
                    // The gradient of the copy, summed back over the stretched axes after the call, as above.
                    this.WriteAnyRankDisjoint(w, p);
                    string expanded = Identifier(P(p).GradientName + "Expanded");
                    w.Line("using var " + expanded + " = " + Kernels + "PooledBuffer<" + this.t + ">.Rent(" + Length(p) + ");");
                    gradient = Identifier(P(p).GradientName + "Full");
                    w.Line("var " + gradient + " = " + Kernels + "ShapeGuard.AnyRankLeadingExpandedGradient(" + Identifier(P(p).GradientName) + ", \"" + P(p).GradientName + "\", " + Name(p) + ", " + Quoted(p) + ", "
                        + Name(leading.Source) + ", " + expanded + ".Slice(0, " + Length(p) + "));");
                    reduceBack.Add(Kernels + "ShapeGuard.AnyRankLeadingReduceBack<" + this.t + ">(" + expanded + ".Slice(0, " + Length(p) + "), " + Name(leading.Source) + ", " + Identifier(P(p).GradientName) + ");");
                }

                w.Line("var " + GradientView(p) + " = " + Kernels + (leading is null
                    ? "ShapeGuard.AnyRankGradientView(" + gradient + ", \"" + P(p).GradientName + "\", " + Full(p) + ", " + Quoted(p) + ", " + Identifier(P(p).Name + "First") + ", " + Identifier(P(p).Name + "Last") + ");"
                    : "ShapeGuard.AnyRankLeadingGradientView(" + gradient + ", \"" + P(p).GradientName + "\", " + LeadingFull(p) + ", " + Quoted(p) + ", " + View(p) + ");"));
                arguments.Add(GradientView(p));
            }
        }

        string call = this.Qualified(anyRank.Name + (gradients ? "ValueAndGradient" : "Value")) + "(" + string.Join(", ", arguments) + ")";
        if (reduceBack.Count == 0)
        {
            w.Line("return " + call + ";");
        }
        else
        {
            w.Line(this.t + " value = " + call + ";");
            foreach (string line in reduceBack)
            {
                w.Line(line);
            }

            w.Line("return value;");
        }

        w.Close();
    }

    /// <summary>Checks the gradient of <paramref name="parameter"/> as passed shares no memory with a tensor passed or another gradient.</summary>
    private void WriteAnyRankDisjoint(CodeWriter w, int parameter)
    {
        ParameterModel gradient = this.method.Parameters[parameter];
        string memory = Kernels + "ShapeGuard.Memory(" + Identifier(gradient.GradientName) + ")";
        foreach (ParameterModel other in this.method.Parameters.Where(p => p.IsTensor))
        {
            w.Line(Kernels + "ShapeGuard.Disjoint(" + memory + ", \"" + gradient.GradientName + "\", " + Kernels + "ShapeGuard.Memory(" + Identifier(other.Name) + "), \"" + other.Name + "\");");
        }

        foreach (ParameterModel other in this.method.Parameters.Where(p => p.IsTensor && p.IsDifferentiable && p != gradient))
        {
            w.Line(Kernels + "ShapeGuard.DisjointGradients(" + memory + ", \"" + gradient.GradientName + "\", " + Kernels + "ShapeGuard.Memory(" + Identifier(other.GradientName) + "), \"" + other.GradientName + "\");");
        }
    }
}
