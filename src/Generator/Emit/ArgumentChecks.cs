using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Schedule;

namespace SymGrad.Generator.Emit;

/// <summary>
/// The checks every generated method makes before computing anything: dense tensors or span lengths, matching
/// shapes and dimensions, gradient shapes, and gradients that share no memory with any other tensor.
/// </summary>
internal sealed partial class Emitter
{
    /// <summary>
    /// Checks every argument before anything is computed: dense tensors (or span lengths), matching shapes, matrix
    /// dimensions, the row strides of repeated rows, then each gradient's shape and memory.
    /// </summary>
    private void WriteArgumentChecks(CodeWriter w, Graph graph, Names names, bool gradients)
    {
        for (int p = 0; p < this.method.Parameters.Count; p++)
        {
            ParameterModel parameter = this.method.Parameters[p];
            if (!parameter.IsTensor)
            {
                continue;
            }

            if (this.method.IsMatrixParameter(p) && RowOperandsMeeting(graph, p) is { Count: > 0 } others)
            {
                // Read at a row stride as the operands it meets are (Softmax(b + x, 1)): whichever is larger gives the matrix.
                string operands = string.Concat(others.Prepend(p).Select(o => this.Span(o) + ", \"" + this.method.Parameters[o].Name + "\", "));
                // An operand that may be a vector read as a row (LogSoftmax(b + x, -1)) lets every operand be a vector: one row.
                string guard = others.Prepend(p).Any(o => this.method.VectorOperandOf(o) is { Column: false }) ? "BroadcastMatrixOrRow(" : "BroadcastMatrix(";
                w.Line(Kernels + "ShapeGuard." + guard + operands + "out nint " + names.Dim(new Dim(p, 0)) + ", out nint " + names.Dim(new Dim(p, 1)) + ");");
            }
            else if (this.method.IsMatrixParameter(p))
            {
                // A product's operand may be a vector, read as a column (right operand) or a row (left), as torch.matmul reads it.
                string guard = this.method.VectorOperandOf(p) is { } vector ? (vector.Column ? "MatrixOrColumn(" : "MatrixOrRow(") : "Matrix(";
                w.Line(Kernels + "ShapeGuard." + guard + this.Span(p) + ", \"" + parameter.Name + "\", out nint " + names.Dim(new Dim(p, 0)) + ", out nint " + names.Dim(new Dim(p, 1)) + ");");
                if (this.method.VectorParameters.Contains(p))
                {
                    // Sliced with one range as a product's operand: a vector, or C#'s range would slice its rows.
                    w.Line(Kernels + "ShapeGuard.Rank(" + this.Span(p) + ", \"" + parameter.Name + "\", 1);");
                }

                continue;
            }

            int domain = FlatDomainOf(graph, p);
            if (this.spans)
            {
                // A span is dense by construction, and its count is its length (names.Count says so).
                continue;
            }

            string check = Kernels + "ShapeGuard.Dense(" + this.Span(p) + ", \"" + parameter.Name + "\")";
            w.Line(domain >= 0 ? "nint " + names.Count(domain) + " = " + check + ";" : check + ";");
            if (this.method.RankThreeParameters.Contains(p))
            {
                // Reduced along an axis as [a, b, c]: its folds name its lengths, which a tensor of another rank does not have.
                w.Line(Kernels + "ShapeGuard.RankThree(" + this.Span(p) + ", \"" + parameter.Name + "\");");
            }

            if (this.method.VectorParameters.Contains(p))
            {
                // Read element by element in an independent loop: a vector, as its indexer with one index requires.
                w.Line(Kernels + "ShapeGuard.Rank(" + this.Span(p) + ", \"" + parameter.Name + "\", 1);");
            }
        }

        this.WriteReshapeChecks(w, graph, names);
        this.WriteEmptyAxisChecks(w, graph, names);
        this.WriteWindowChecks(w, graph, names);
        for (int d = 0; d < graph.Domains.Count; d++)
        {
            Domain slice = graph.Domains[d];
            if (slice.IsRunTimeSlice)
            {
                // Slices whose bounds are known only now: each bound is checked where the slice starts; here, the length they share.
                string vector = this.spans ? this.Span(slice.Parameter) + ".Length" : this.Span(slice.Parameter);
                string dropped = Printer.Dropped(slice, p => this.method.Parameters[p].IsTensor ? Identifier(this.method.Parameters[p].Name) : "(nint)" + Identifier(this.method.Parameters[p].Name));
                w.Line("nint " + names.Count(d) + " = " + Kernels + "ShapeGuard.SliceCount(" + vector + ", \"" + this.method.Parameters[slice.Parameter].Name + "\", " + dropped + ");");
            }
            else if (slice.IsSlice)
            {
                // A vector long enough for every slice that drops this many elements, checked before anything is written.
                string trim = slice.Trim.ToString(CultureInfo.InvariantCulture);
                string length = this.spans ? this.Span(slice.Parameter) + ".Length" : this.Span(slice.Parameter);
                w.Line("nint " + names.Count(d) + " = " + Kernels + "ShapeGuard.SliceLength(" + length + ", \"" + this.method.Parameters[slice.Parameter].Name + "\", " + trim + ");");
            }
        }

        this.WriteSliceMeetings(w, graph, names);

        // Over a loop parameter the loop has checked them: its passes may broadcast.
        foreach (ShapeCheck check in this.method.ShapeChecks.Where(_ => !this.overLoop))
        {
            w.Line(Kernels + "ShapeGuard." + (this.spans ? "SameLength(" : "SameShape(") + this.Span(check.First) + ", \"" + this.method.Parameters[check.First].Name + "\", " + this.Span(check.Second) + ", \"" + this.method.Parameters[check.Second].Name + "\");");
        }

        foreach (DimCheck check in this.method.DimChecks)
        {
            // A reshape's length is named by the call, and the exception by the parameter it reshapes.
            string parameter = check.First.IsReshape || check.Second.IsReshape ? ", \"" + this.method.Parameters[check.Second.Parameter].Name + "\"" : string.Empty;
            w.Line(Kernels + "ShapeGuard.SameDimension(" + names.Dim(check.First) + ", \"" + this.DimOwner(check.First) + "\", " + this.DimAxis(check.First).ToString(CultureInfo.InvariantCulture)
                + ", " + names.Dim(check.Second) + ", \"" + this.DimOwner(check.Second) + "\", " + this.DimAxis(check.Second).ToString(CultureInfo.InvariantCulture) + parameter + ");");
        }

        // Max(x) and Min(x) of no elements have no value: run eagerly the method throws, and so does the generated one.
        // A maximum read only under StopGradient (LogSumExp's shift) is -infinity there, as LogSumExp's value needs.
        var readAsValue = new bool[graph.Count];
        for (int i = 0; i < graph.Count; i++)
        {
            foreach (int arg in graph[i].Args)
            {
                readAsValue[arg] |= graph[i].Op != Op.StopGradient;
            }
        }

        for (int i = 0; i < graph.Count; i++)
        {
            if (graph[i].Op == Op.Max && readAsValue[i])
            {
                Domain extreme = graph.Domains[graph[graph[i].Args[0]].Domain];
                string owner = this.method.Parameters[extreme.IsMatrix ? extreme.Rows!.Parameter : extreme.Parameter].Name;
                w.Line(Kernels + "ShapeGuard.NotEmpty(" + names.Size(graph[graph[i].Args[0]].Domain) + ", \"" + owner + "\");");
            }
        }

        for (int i = 0; i < graph.Count; i++)
        {
            if (graph[i].Op is Op.OneHot or Op.Pick && names.DeclareLabels(graph[i].Parameter, out string labels))
            {
                // Every label is checked before anything is computed, so a bad one never yields a number.
                Domain logits = graph.Domains[graph[i].Op == Op.OneHot ? graph[i].Domain : graph[graph[i].Args[0]].Domain];
                ParameterModel parameter = this.method.Parameters[graph[i].Parameter];
                w.Line("global::System.ReadOnlySpan<int> " + labels + " = " + Kernels + "ShapeGuard.Labels(" + Identifier(parameter.Name) + ", \"" + parameter.Name + "\", " + names.Dim(logits.Rows!) + ", " + names.Dim(logits.Columns!) + ");");
            }
        }

        for (int i = 0; i < graph.Count; i++)
        {
            if (graph[i].Op == Op.Expand && graph[i].IsReshapeView())
            {
                if (names.DeclareStride(graph[i].Parameter, ~graph[i].Domain, out string view))
                {
                    // Read in order as the reshaped matrix: every parameter it reads holds exactly that many elements.
                    Domain matrix = graph.Domains[graph[i].Domain];
                    this.WriteLeadingAxesCheck(w, graph[i].Parameter, matrix);
                    w.Line("nint " + view + " = " + Kernels + "ShapeGuard.ReshapeView(" + this.Span(graph[i].Parameter) + ", \"" + this.method.Parameters[graph[i].Parameter].Name + "\", " + names.Dim(matrix.Rows!) + ", " + names.Dim(matrix.Columns!) + ");");
                }
            }
            else if (graph[i].Op == Op.Expand && names.DeclareStride(graph[i].Parameter, graph[i].Domain, out string stride))
            {
                Domain matrix = graph.Domains[graph[i].Domain];
                string dims = names.Dim(matrix.Rows!) + ", " + names.Dim(matrix.Columns!);

                // Columns that are the 1 of a vector read as a column: the matrix is PyTorch's vector [rows].
                if (matrix.Columns is { Axis: 1 } columns && this.method.VectorOperandOf(columns.Parameter) is { Column: true })
                {
                    dims += ", " + this.Span(columns.Parameter) + ".Rank == 1";
                }

                w.Line("nint " + stride + " = " + Kernels + "ShapeGuard.RowStride(" + this.Span(graph[i].Parameter) + ", \"" + this.method.Parameters[graph[i].Parameter].Name + "\", " + dims + ");");
                if ((graph[i].Bits & (Frontend.BodyLowering.SpansRows | Frontend.BodyLowering.SpansColumns)) is long spans and not 0)
                {
                    // A value made from it without the matrix along an axis is reduced: run as written it would be narrower there.
                    w.Line(Kernels + "ShapeGuard.RowOperandSpans(" + this.Span(graph[i].Parameter) + ", \"" + this.method.Parameters[graph[i].Parameter].Name + "\", " + stride + ", " + names.Dim(matrix.Rows!) + ", " + names.Dim(matrix.Columns!)
                        + ", " + ((spans & Frontend.BodyLowering.SpansRows) != 0 ? "true" : "false") + ", " + ((spans & Frontend.BodyLowering.SpansColumns) != 0 ? "true" : "false") + ");");
                }
            }
        }

        if (gradients)
        {
            this.WriteGradientChecks(w, names);
        }
    }

    private void WriteGradientChecks(CodeWriter w, Names names)
    {
        var tensorGradients = this.method.Parameters.Select((p, i) => (p, i)).Where(x => x.p.IsDifferentiable && x.p.IsTensor).ToList();
        foreach ((ParameterModel parameter, int index) in tensorGradients)
        {
            w.Line(Kernels + "ShapeGuard." + (this.spans ? "GradientLength(" : "Gradient(") + Identifier(parameter.GradientName) + ", \"" + parameter.GradientName + "\", " + this.Span(index) + ", \"" + parameter.Name + "\");");
        }

        if (tensorGradients.Count == 0)
        {
            return;
        }

        if (this.spans)
        {
            // Where a span lies in memory costs nothing to take: each pair of spans is compared directly.
            foreach ((ParameterModel gradient, _) in tensorGradients)
            {
                for (int p = 0; p < this.method.Parameters.Count; p++)
                {
                    if (this.method.Parameters[p].IsTensor)
                    {
                        w.Line(Kernels + "ShapeGuard.Disjoint(" + Identifier(gradient.GradientName) + ", \"" + gradient.GradientName + "\", " + this.Span(p) + ", \"" + this.method.Parameters[p].Name + "\");");
                    }
                }
            }

            for (int a = 0; a < tensorGradients.Count; a++)
            {
                for (int b = a + 1; b < tensorGradients.Count; b++)
                {
                    string first = tensorGradients[a].p.GradientName, second = tensorGradients[b].p.GradientName;
                    w.Line(Kernels + "ShapeGuard.DisjointGradients(" + Identifier(first) + ", \"" + first + "\", " + Identifier(second) + ", \"" + second + "\");");
                }
            }

            return;
        }

        // Where every tensor lies in memory, taken once; then each gradient against every other tensor.
        w.Line("// No gradient may share memory with another tensor: gradients are written while inputs are still read.");
        var inputs = new List<(string Memory, string Name)>();
        for (int p = 0; p < this.method.Parameters.Count; p++)
        {
            ParameterModel parameter = this.method.Parameters[p];
            if (parameter.IsTensor)
            {
                string memory = names.Fresh(parameter.Name + "Memory");
                w.Line("var " + memory + " = " + Kernels + "ShapeGuard.Memory(" + this.Span(p) + ");");
                inputs.Add((memory, parameter.Name));
            }
        }

        var gradients = new List<(string Memory, string Name)>();
        foreach ((ParameterModel parameter, _) in tensorGradients)
        {
            string memory = names.Fresh(parameter.GradientName + "Memory");
            w.Line("var " + memory + " = " + Kernels + "ShapeGuard.Memory(" + Identifier(parameter.GradientName) + ");");
            gradients.Add((memory, parameter.GradientName));
        }

        foreach ((string gradient, string gradientName) in gradients)
        {
            foreach ((string input, string inputName) in inputs)
            {
                w.Line(Kernels + "ShapeGuard.Disjoint(" + gradient + ", \"" + gradientName + "\", " + input + ", \"" + inputName + "\");");
            }
        }

        for (int a = 0; a < gradients.Count; a++)
        {
            for (int b = a + 1; b < gradients.Count; b++)
            {
                w.Line(Kernels + "ShapeGuard.DisjointGradients(" + gradients[a].Memory + ", \"" + gradients[a].Name + "\", " + gradients[b].Memory + ", \"" + gradients[b].Name + "\");");
            }
        }
    }

    /// <summary>The axis a check names for <paramref name="dim"/>: a vector sliced as a product's operand has only axis 0, whichever it is read along.</summary>
    private int DimAxis(Dim dim)
        => !dim.IsOne && !dim.IsReshape && this.method.IsMatrixParameter(dim.Parameter) && this.method.VectorParameters.Contains(dim.Parameter) ? 0 : dim.Axis;

    /// <summary>
    /// The other parameters read at a row stride in the matrix class of <paramref name="matrix"/> when it is read so
    /// itself (it may be the smaller operand, see <c>BodyLowering.MayBeTheSmaller</c>); empty otherwise.
    /// </summary>
    private static List<int> RowOperandsMeeting(Graph graph, int matrix)
    {
        var others = new List<int>();
        int domain = graph.Nodes.FirstOrDefault(n => n.Op == Op.Expand && n.Parameter == matrix && !n.IsReshapeView() && graph.Domains[n.Domain] is { IsMatrix: true } d && d.Rows == new Dim(matrix, 0))?.Domain ?? -1;
        foreach (Node node in graph.Nodes)
        {
            if (domain >= 0 && node.Op == Op.Expand && node.Domain == domain && node.Parameter != matrix && !node.IsReshapeView() && !others.Contains(node.Parameter))
            {
                others.Add(node.Parameter);
            }
        }

        others.Sort();
        return others;
    }

    private static int FlatDomainOf(Graph graph, int parameter)
    {
        for (int i = 0; i < graph.Domains.Count; i++)
        {
            if (!graph.Domains[i].IsMatrix && !graph.Domains[i].IsSlice && graph.Domains[i].Parameter == parameter)
            {
                return i;
            }
        }

        return -1;
    }
}
