using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Schedule;

namespace SymGrad.Generator.Emit;

/// <summary>
/// Row passes: an outer loop over a matrix's rows, in host code, whose steps are the row's loops (each a kernel of the
/// same kind a flat pass has, run by <c>FusedLoop</c> over the row's elements), the row's scalars between them, and the
/// row's share of whole-tensor totals.
/// </summary>
internal sealed partial class Emitter
{
    /// <summary>The host loop variable of the row pass being written: kernels read the row's labels at it.</summary>
    private string row = "row";

    private void WriteRowPass(CodeWriter w, Graph graph, RowPassStep pass, Names names, Printer printer, string stage, Storage storage)
    {
        Domain domain = graph.Domains[pass.Domain];
        string rows = names.Dim(domain.Rows!);
        string columns = names.Dim(domain.Columns!);
        var loops = pass.Steps.OfType<RowLoop>().Select(l => l.Pass).ToList();
        var what = new List<string>();
        what.AddRange(pass.Totals.Select(r => printer.OneNode(r, names.Locals)));
        what.AddRange(loops.SelectMany(l => l.Writes).Concat(pass.Steps.OfType<RowStore>().Select(s => s.Write))
            .Select(x => x.IsGradient ? this.method.Parameters[x.Parameter].GradientName : printer.OneNode(x.Node, names.Locals) + " into memory"));
        // A pass of row scalars alone (a row's value stretched back over a stored matrix product) has no loops to number.
        string numbers = loops.Count == 0 ? "Row scalars" : loops.Count == 1 ? "Pass " + Number(loops[0]) : "Passes " + Number(loops[0]) + " to " + Number(loops[loops.Count - 1]);
        w.Line("// " + numbers + ", row by row over the " + rows + " x " + columns + " elements (a row stays in cache between its loops): " + string.Join("; ", what) + ".");
        foreach (int total in pass.Totals)
        {
            w.Line(this.t + " " + names.Declare(total) + " = " + this.method.Element.Literal(graph[total].Op == Op.Max ? double.NegativeInfinity : 0) + ";");
        }

        foreach (Op extreme in loops.SelectMany(l => l.Reductions).Select(r => graph[r].Op).Where(op => op is Op.MaxAxis or Op.MinAxis).Distinct())
        {
            w.Line(Kernels + "FusedLoop.RequireRowElements(" + rows + ", " + columns + ", \"" + Primitives.Of(extreme).Printed + "\");");
        }

        foreach (int invariant in pass.Invariants)
        {
            w.Line("// " + printer.OneNode(invariant, names.Locals) + ", the same in every row" + Note(graph, invariant));
            w.Line(this.t + " " + names.Declare(invariant) + " = " + this.RowExpression(graph, invariant, names) + ";");
        }

        this.row = names.Fresh("row");
        w.Open("for (nint " + this.row + " = 0; " + this.row + " < " + rows + "; " + this.row + "++)");
        var kernels = new Dictionary<int, string>();
        foreach (RowStep step in pass.Steps)
        {
            switch (step)
            {
                case RowLoop loop:
                    this.WriteRowLoop(w, graph, loop.Pass, names, printer, stage, storage, columns, kernels);
                    break;
                case RowValue value:
                    w.Line("// " + printer.OneNode(value.Node, names.Locals) + Note(graph, value.Node));
                    w.Line(this.t + " " + names.Declare(value.Node) + " = " + this.RowExpression(graph, value.Node, names) + ";");
                    break;
                case RowPick pick:
                    string kernel = kernels.TryGetValue(pick.Kernel.Number, out string? built) ? built : this.RowKernel(graph, pick.Kernel, names, printer, stage, storage, kernels);
                    w.Line("// " + printer.OneNode(pick.Node, names.Locals) + ": the row's element at its label" + Note(graph, pick.Node));
                    w.Line(this.t + " " + names.Declare(pick.Node) + " = " + kernel + ".Invoke(" + names.Labels(graph[pick.Node].Parameter) + "[(int)" + this.row + "]);");
                    break;
                case RowLoad load:
                    w.Line("// " + printer.OneNode(load.Node, names.Locals) + ", stored by an earlier pass");
                    w.Line(this.t + " " + names.Declare(load.Node) + " = " + storage.Span(load.Node) + "[(int)" + this.row + "];");
                    break;
                case RowStore store:
                    string destination = store.Write.IsGradient
                        ? Kernels + "ShapeGuard.Elements(" + Identifier(this.method.Parameters[store.Write.Parameter].GradientName) + ")"
                        : storage.Span(store.Write.Node);
                    w.Line(destination + "[(int)" + this.row + "] = " + names.Scalar(store.Write.Node) + ";");
                    break;
                case RowTotal total:
                    w.Line(this.Accumulate(graph, total.Reduction, names, names.Scalar(graph[total.Reduction].Args[0])));
                    break;
            }
        }

        w.Close();
    }

    private static string Number(PassStep pass) => pass.Number.ToString(CultureInfo.InvariantCulture);

    private static string Note(Graph graph, int id) => graph.Note(id).Length > 0 ? ": " + graph.Note(id) : string.Empty;

    /// <summary>A total's share of the current row: added in, or kept if larger.</summary>
    private string Accumulate(Graph graph, int total, Names names, string share)
    {
        string name = names.Scalar(total);
        return graph[total].Op == Op.Max ? name + " = " + this.t + ".Max(" + name + ", " + share + ");" : name + " += " + share + ";";
    }

    /// <summary>One loop over the row's elements: the reductions it makes along the row are the row's scalars from here on.</summary>
    private void WriteRowLoop(CodeWriter w, Graph graph, PassStep pass, Names names, Printer printer, string stage, Storage storage, string columns, Dictionary<int, string> kernels)
    {
        var what = pass.Reductions.Select(r => printer.OneNode(r, names.Locals))
            .Concat(pass.Writes.Select(x => x.IsGradient ? this.method.Parameters[x.Parameter].GradientName : printer.OneNode(x.Node, names.Locals) + " into memory"));
        w.Line("// Pass " + Number(pass) + ": " + string.Join("; ", what) + ".");
        string variable = this.RowKernel(graph, pass, names, printer, stage, storage, kernels);
        string kernel = Kernels + this.KernelName(stage, pass);
        if (pass.Reductions.Count > 1)
        {
            string sums = names.Fresh("sums" + Number(pass));
            w.Line("var " + sums + " = " + Kernels + "FusedLoop.Sum<" + kernel + ", " + this.t + ">(" + variable + ", " + columns + ");");
            for (int k = 0; k < pass.Reductions.Count; k++)
            {
                string share = sums + ".S" + k.ToString(CultureInfo.InvariantCulture);
                int reduction = pass.Reductions[k];
                w.Line(graph[reduction].Op.IsAxisReduction() ? this.t + " " + names.Declare(reduction) + " = " + share + ";" : this.Accumulate(graph, reduction, names, share));
            }
        }
        else if (pass.Reductions.Count == 1)
        {
            int reduction = pass.Reductions[0];
            string call = graph[reduction].Op == Op.LogSumExpAxis
                ? Kernels + "FusedLoop.LogSumExpRow<" + kernel + ", " + this.t + ">(" + variable + ", " + columns + ")"
                : Kernels + "FusedLoop.ReduceRow<" + kernel + ", " + Kernels + ReductionOf(graph[reduction].Op) + "<" + this.t + ">, " + this.t + ">(" + variable + ", " + columns + ")";
            w.Line(graph[reduction].Op.IsAxisReduction() ? this.t + " " + names.Declare(reduction) + " = " + call + ";" : this.Accumulate(graph, reduction, names, call));
        }
        else
        {
            w.Line(Kernels + "FusedLoop.MapRow<" + kernel + ", " + this.t + ">(" + variable + ", " + columns + ");");
        }
    }

    private static string ReductionOf(Op op) => op switch
    {
        Op.Max or Op.MaxAxis => "MaxReduction",
        Op.MinAxis => "MinReduction",
        _ => "SumReduction",
    };

    private string KernelName(string stage, PassStep pass) => this.method.Name + stage + "Pass" + Number(pass);

    /// <summary>Writes a row loop's kernel once, and returns the expression that builds it for the current row.</summary>
    private string RowKernel(Graph graph, PassStep pass, Names names, Printer printer, string stage, Storage storage, Dictionary<int, string> kernels)
    {
        string name = this.KernelName(stage, pass);
        KernelLayout layout = this.Layout(graph, pass, names, storage, name);
        string variable = "new " + Kernels + name + " { " + string.Join(", ", layout.Fields.Select((f, k) => f.Name + " = " + layout.Arguments[k]).Append("Row = " + this.row)) + " }";
        if (!kernels.ContainsKey(pass.Number))
        {
            kernels[pass.Number] = variable;
            this.kernelTexts.Add(this.KernelText(graph, pass, name, printer, layout, rows: true));
        }

        return variable;
    }

    /// <summary>The row's value of a node with one element per row, from the row's values before it.</summary>
    private string RowExpression(Graph graph, int id, Names names)
    {
        Node node = graph[id];
        return node.Op switch
        {
            Op.Broadcast => names.Scalar(node.Args[0]),
            Op.Pow => Kernels + "SimdMath.Pow(" + names.Scalar(node.Args[0]) + ", " + names.Scalar(node.Args[1]) + ")",
            Op.Select when graph[node.Args[0]].IsScalar => names.Scalar(node.Args[0]) + " != " + this.method.Element.Literal(0) + " ? " + names.Scalar(node.Args[1]) + " : " + names.Scalar(node.Args[2]),
            Op.Select => Kernels + "SimdMath.Select(" + names.Scalar(node.Args[0]) + ", " + names.Scalar(node.Args[1]) + ", " + names.Scalar(node.Args[2]) + ")",
            _ => this.Elementwise(node, a => names.Scalar(node.Args[a])),
        };
    }

    /// <summary>The fields through which a row loop's kernel reads the row: its scalars, and its label for a one-hot row.</summary>
    private void LayoutRowReads(Graph graph, PassStep pass, Names names, System.Func<string, string> field, System.Action<string, string, string> value, Dictionary<int, string> scalars)
    {
        foreach (int read in pass.RowReads)
        {
            Node node = graph[read];
            string name;
            if (node.Op == Op.OneHot)
            {
                name = field(this.method.Parameters[node.Parameter].Name + "Label");
                value(name, "nint", names.Labels(node.Parameter) + "[(int)" + this.row + "]");
            }
            else
            {
                name = field("s" + node.Args[0].ToString(CultureInfo.InvariantCulture));
                value(name, this.t, names.Scalar(node.Args[0]));
            }

            scalars[read] = name;
        }
    }

    /// <summary>A row read in the scalar <c>Invoke</c> (<paramref name="width"/> empty) or the vector body: the row's scalar, repeated, or the one-hot row at the row's label.</summary>
    private string RowRead(Node node, string width, string field)
    {
        if (node.Op == Op.OneHot)
        {
            return "RowReads.OneHot<" + (width.Length == 0 ? string.Empty : width + ", ") + this.t + ">(i, " + field + ")";
        }

        return width.Length == 0 ? field : width + ".Create(" + field + ")";
    }
}
