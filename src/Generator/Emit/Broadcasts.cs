using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Schedule;

namespace SymGrad.Generator.Emit;

/// <summary>
/// Broadcasting between tensor parameters. A method whose tensor parameters meet element-wise writes its passes once,
/// in a private method generic over the loop (<c>SymGrad.Kernels.IElementLoop</c>): tensors of one shape run it over a
/// <c>FlatLoop</c>, which compiles to the loops the method has without broadcasting; tensors of shapes that broadcast
/// run the same passes and kernels over a <c>BroadcastLoop</c>, which walks the broadcast block by block and binds
/// each kernel's fields to each block. The generated file grows by a line per kernel and a few per method.
/// </summary>
internal sealed partial class Emitter
{
    private bool? broadcasts;

    /// <summary>The method that runs a tensor span overload's broadcast path, written right after the overload.</summary>
    private string? broadcastEntry;

    /// <summary>Whether the passes being written run over the method's loop parameter (in the generic method).</summary>
    private bool overLoop;

    /// <summary>
    /// Whether the method broadcasts its tensor parameters: it has span overloads, two or more tensor parameters meet in
    /// one element-wise domain, every pass runs over that domain reading parameters and writing gradients only, and
    /// every reduction reduces a value that depends on every tensor parameter (so it spans the broadcast shape, as it
    /// does run eagerly), and no function that requires one shape run eagerly (<c>Dot</c>, <c>Mse</c>) meets them.
    /// Otherwise tensors that meet must have one shape, as the argument checks say.
    /// </summary>
    private bool Broadcasts => this.broadcasts ??= this.CanBroadcast();

    /// <summary>The name of the loop parameter: one no parameter of the method has.</summary>
    private string LoopName
    {
        get
        {
            string name = "loop";
            while (this.taken.Contains(name))
            {
                name += "_";
            }

            return name;
        }
    }

    /// <summary>What a pass over the loop parameter walks, for its comment.</summary>
    private string BroadcastElements => "the elements of " + string.Join(" and ", this.TensorParameters.Select(p => this.method.Parameters[p].Name)) + " (broadcast where their shapes differ)";

    private List<int> TensorParameters => Enumerable.Range(0, this.method.Parameters.Count).Where(p => this.method.Parameters[p].IsTensor).ToList();

    private List<int> TensorGradients => this.TensorParameters.Where(p => this.method.Parameters[p].IsDifferentiable).ToList();

    private bool CanBroadcast()
    {
        // A vector read element by element (x[i]) is read at its own indexes, never stretched over another tensor.
        if (this.plan.StructuredBody is not null || !this.TakesSpans || this.method.ShapeChecks.Count is 0 or > 3 || this.ForwardArguments(gradients: false) is null || this.RankOneReads.Count > 0
            || this.method.ShapeChecks.Any(c => c.OneShape) || this.TensorParameters.Count + this.TensorGradients.Count > 8)
        {
            return false;
        }

        uint all = 0;
        foreach (int p in this.TensorParameters)
        {
            all |= 1u << p;
        }

        foreach (Plan plan in new[] { this.plan.ValuePlan, this.plan.GradientPlan })
        {
            Graph graph = plan.Graph;
            var tensorDomains = graph.Nodes.Where(n => n.IsTensor).Select(n => n.Domain).Distinct().ToList();
            if (tensorDomains.Count != 1 || graph.Domains[tensorDomains[0]].IsSlice || graph.Domains[tensorDomains[0]].IsMatrix)
            {
                return false;
            }

            var written = new HashSet<int>();
            var depends = new uint?[graph.Count];
            foreach (PlanStep step in plan.Steps)
            {
                if (step is ScalarStep)
                {
                    continue;
                }

                if (step is not PassStep pass || pass.RowReads.Count > 0
                    || pass.Inputs.Any(i => graph[i].Op != Op.Parameter) || pass.Writes.Any(w => !w.IsGradient)
                    || pass.Reduced.Any(r => Parameters(graph, r, depends) != all))
                {
                    return false;
                }

                written.UnionWith(pass.Writes.Select(w => w.Parameter));
            }

            if (plan.Gradients.Any(g => graph[g.Node].IsTensor && !written.Contains(g.Parameter)))
            {
                return false;
            }
        }

        return true;

        // The tensor parameters a node reads, one bit each.
        static uint Parameters(Graph graph, int id, uint?[] memo)
        {
            if (memo[id] is { } known)
            {
                return known;
            }

            Node node = graph[id];
            uint bits = node.Op == Op.Parameter && node.IsTensor ? 1u << node.Parameter : 0;
            foreach (int arg in node.Args)
            {
                bits |= Parameters(graph, arg, memo);
            }

            memo[id] = bits;
            return bits;
        }
    }

    /// <summary>
    /// The span overloads of a method that broadcasts: each checks its lengths and runs the generic method over a flat
    /// loop; the generic method holds the passes, written once.
    /// </summary>
    private void WriteBroadcastSpanMethods(CodeWriter w)
    {
        this.spans = true;
        foreach (bool gradients in new[] { false, true })
        {
            string name = this.method.Name + (gradients ? "ValueAndGradient" : "Value");
            Plan plan = gradients ? this.plan.GradientPlan : this.plan.ValuePlan;
            w.Line();
            w.Line("/// <inheritdoc cref=\"" + this.Cref(name, gradients) + "\"/>");
            string member = this.ElementsMember(name);
            w.Line(Attributes(gradients ? this.SpanAttributes(AggressiveInlining, this.GeneratedCode, this.SymbolicGradient) : this.SpanAttributes(AggressiveInlining, this.GeneratedCode)));
            w.Line(this.ElementsAccessibility + " static " + this.t + " " + member + "(" + this.Signature(gradients) + ") => " + this.Qualified(member) + "(" + this.FlatLoop() + ", " + this.LoopArguments(gradients) + ");");

            // The body, right below the overload that forwards to it; the tensor span overload forwards to it too.
            // Inlined into callers only when it is one loop (see InlinesIntoCallers).
            w.Open(Attributes(BodyInlining(plan)) + " private static " + this.t + " " + member + "<TLoop>(scoped in TLoop " + this.LoopName + ", " + this.Signature(gradients) + ") where TLoop : " + Kernels + "IElementLoop<" + this.t + ">, allows ref struct");
            this.overLoop = true;
            this.WriteBody(w, plan, new Names(this, plan.Graph), gradients ? "Gradient" : "Value", gradients);
            this.overLoop = false;
            w.Close();
        }

        this.spans = false;
    }

    /// <summary>The flat loop over spans, built as their lengths are checked to match.</summary>
    private string FlatLoop()
    {
        string Quoted(int p) => "\"" + this.method.Parameters[p].Name + "\"";
        var pairs = this.method.ShapeChecks.Select(c => this.Span(c.First) + ", " + Quoted(c.First) + ", " + this.Span(c.Second) + ", " + Quoted(c.Second));
        return Kernels + "ShapeGuard.FlatLoop(" + string.Join(", ", pairs) + ")";
    }

    /// <summary>The arguments after the loop, passed on as they are (spans) or as their elements (tensor spans).</summary>
    private string LoopArguments(bool gradients)
    {
        var arguments = new List<string>();
        foreach (ParameterModel p in this.method.Parameters)
        {
            arguments.Add(p.IsTensor && !this.spans ? Kernels + "ShapeGuard.Elements(" + Identifier(p.Name) + ")" : Identifier(p.Name));
        }

        if (gradients)
        {
            foreach (ParameterModel p in this.method.Parameters.Where(p => p.IsDifferentiable))
            {
                arguments.Add(p.IsTensor ? (this.spans ? Identifier(p.GradientName) : Kernels + "ShapeGuard.Elements(" + Identifier(p.GradientName) + ")") : "out " + Identifier(p.GradientName));
            }
        }

        return string.Join(", ", arguments);
    }

    /// <summary>
    /// The body of a tensor span overload that broadcasts: tensors of one shape go to the span overload as before; others
    /// to the generic method over a broadcast loop, which checks them all (dense, shapes that broadcast, gradients) first.
    /// </summary>
    /// <param name="name">The method's name.</param>
    /// <param name="gradients">Whether the gradients follow the parameters.</param>
    /// <param name="sameShape">The arguments of the call to the span overload (<see cref="ForwardArguments"/>).</param>
    /// <param name="generic">
    /// Whether the overload is generic over its tensor types (<see cref="WriteTensorOverload"/>): its checks are
    /// <c>ShapeGuard&lt;T&gt;</c>'s, and it hands the broadcast path its tensors as tensor spans.
    /// </param>
    private string BroadcastForward(string name, bool gradients, List<string> sameShape, bool generic)
    {
        List<int> tensors = this.TensorParameters;
        string Quoted(string text) => "\"" + text + "\"";
        string guard = this.ShapeGuardOf(generic);
        string same = string.Join(" && ", this.method.ShapeChecks.Select(c => guard + ".IsSameShape(" + this.Span(c.First) + ", " + this.Span(c.Second) + ")"));
        string loop = "new " + Kernels + "BroadcastLoop<" + this.t + ">(" + this.Span(tensors[0]) + ", " + Quoted(this.method.Parameters[tensors[0]].Name) + ", " + this.Span(tensors[1]) + ", " + Quoted(this.method.Parameters[tensors[1]].Name) + ")";
        foreach (int p in tensors.Skip(2))
        {
            loop += ".Input(" + this.Span(p) + ", " + Quoted(this.method.Parameters[p].Name) + ")";
        }

        if (gradients)
        {
            foreach (int p in this.TensorGradients)
            {
                ParameterModel parameter = this.method.Parameters[p];
                loop += ".Gradient(" + Identifier(parameter.GradientName) + ", " + Quoted(parameter.GradientName) + ", " + tensors.IndexOf(p).ToString(CultureInfo.InvariantCulture) + ")";
            }
        }

        // Of one shape (compared once, here), each tensor is only checked dense as its elements are taken.
        var elements = this.method.Parameters.Select(p => p.IsTensor ? guard + ".Elements(" + Identifier(p.Name) + ", " + Quoted(p.Name) + ")" : Identifier(p.Name)).ToList();
        elements.AddRange(sameShape.Skip(elements.Count));
        var passed = this.method.Parameters.Select(p => p.IsTensor && generic ? guard + ".Input(" + Identifier(p.Name) + ", " + Quoted(p.Name) + ")" : Identifier(p.Name)).ToList();
        var declared = this.method.Parameters.Select(p => (p.IsTensor ? Tensors + "ReadOnlyTensorSpan<" + this.t + ">" : Aliased(p.Type)) + " " + Identifier(p.Name)).ToList();
        if (gradients)
        {
            foreach (ParameterModel p in this.method.Parameters.Where(p => p.IsDifferentiable))
            {
                passed.Add(!p.IsTensor ? "out " + Identifier(p.GradientName) : generic ? guard + ".Gradient(" + Identifier(p.GradientName) + ", " + Quoted(p.GradientName) + ")" : Identifier(p.GradientName));
                declared.Add((p.IsTensor ? Tensors + "TensorSpan<" + this.t + "> " : "out " + this.t + " ") + Identifier(p.GradientName));
            }
        }

        // The broadcast loop lives in a method of its own: in the caller's frame, the flat path would clear it on every call.
        string broadcast = name + "Broadcast";
        this.broadcastEntry = Attributes(NoInlining) + " private static " + this.t + " " + broadcast + "(" + string.Join(", ", declared) + ") => "
            + this.Qualified(this.ElementsMember(name)) + "(" + loop + ", " + this.LoopArguments(gradients) + ");";
        return same + " ? " + this.Qualified(this.ElementsMember(name)) + "(" + string.Join(", ", elements) + ") : " + this.Qualified(broadcast) + "(" + string.Join(", ", passed) + ")";
    }

    /// <summary>A kernel's <c>Bind</c>: each parameter field to its input's block, each gradient field to its gradient's.</summary>
    private string BindLine(Graph graph, PassStep pass, KernelLayout layout)
    {
        List<int> tensors = this.TensorParameters;
        List<int> gradients = this.TensorGradients;
        var binds = new List<string>();
        foreach (int input in pass.Inputs)
        {
            binds.Add("this." + layout.Reads[input].Field + " = ref block.R" + tensors.IndexOf(graph[input].Parameter).ToString(CultureInfo.InvariantCulture) + ";");
        }

        foreach (PassWrite write in pass.Writes)
        {
            binds.Add("this." + layout.Writes[write] + " = ref block.R" + (tensors.Count + gradients.IndexOf(write.Parameter)).ToString(CultureInfo.InvariantCulture) + ";");
        }

        return "public void Bind(scoped in BroadcastBlock<" + this.t + "> block) { " + string.Join(" ", binds) + " }";
    }

    /// <summary>A pass's call into the loop parameter, which runs it flat or block by block.</summary>
    private void WriteLoopCall(CodeWriter w, Graph graph, PassStep pass, Names names, string kernel, string variable)
    {
        string loop = this.LoopName;
        if (pass.Reductions.Count > 1)
        {
            string sums = names.Fresh("sums" + pass.Number.ToString(CultureInfo.InvariantCulture));
            w.Line("var " + sums + " = " + loop + ".Sum(" + variable + ");");
            for (int k = 0; k < pass.Reductions.Count; k++)
            {
                w.Line(this.t + " " + names.Declare(pass.Reductions[k]) + " = " + sums + ".S" + k.ToString(CultureInfo.InvariantCulture) + ";");
            }
        }
        else if (pass.Reductions.Count == 1)
        {
            string reduction = graph[pass.Reductions[0]].Op == Op.Max ? "MaxReduction" : "SumReduction";
            w.Line(this.t + " " + names.Declare(pass.Reductions[0]) + " = " + loop + ".Reduce<" + kernel + ", " + Kernels + reduction + "<" + this.t + ">>(" + variable + ");");
        }
        else
        {
            w.Line(loop + ".Map(" + variable + ");");
        }
    }
}
