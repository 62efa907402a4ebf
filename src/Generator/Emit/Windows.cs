using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emit;

/// <summary>
/// Slices of a matrix parameter along both axes (<c>x[1.., ..]</c>): the check of each sliced dimension, and the
/// reads of a row pass over a slice (the parameter in place, at its row stride) and over the parameter (the slice's
/// adjoint, 0 where the slice does not reach).
/// </summary>
internal sealed partial class Emitter
{
    /// <summary>
    /// Declares each dimension a slice of a matrix leaves, checked as C#'s ranges check it before anything is written:
    /// <c>nint xRows1 = ShapeGuard.SliceAxis(xRows, xColumns, "x", 0, 1, "x[1.., ..]")</c>. A range known only at run time
    /// is checked where it starts and ends (<c>ShapeGuard.SliceAxisRange</c>), and its dimension is the parameter's less
    /// what its slices drop.
    /// </summary>
    private void WriteWindowChecks(CodeWriter w, Graph graph, Names names)
    {
        var declared = new HashSet<Dim>();
        var ranges = new HashSet<(int Parameter, int Axis, string Start, string End)>();
        var printer = new Printer(graph, this.method.Parameters, this.method.Element);
        for (int i = 0; i < graph.Count; i++)
        {
            Node node = graph[i];
            if (node.Op == Op.Slice && graph[node.Args[1]] is { Op: Op.SliceBounds } bounds)
            {
                // A slice of a vector from run-time bounds: its range in numbers, before the length its slices share.
                string start = this.HostInteger(graph, bounds.Args[0], names);
                string end = this.HostInteger(graph, bounds.Args[1], names);
                if (ranges.Add((node.Parameter, -1, start, end)))
                {
                    w.Line(Kernels + "ShapeGuard.SliceBounds(" + this.Span(node.Parameter) + ", \"" + this.method.Parameters[node.Parameter].Name + "\", " + start + ", " + end + ");");
                }

                continue;
            }

            if (node.Op != Op.Slice || node.Arity < 3)
            {
                continue;
            }

            string name = this.method.Parameters[node.Parameter].Name;
            string shape = names.Dim(new Dim(node.Parameter, 0)) + ", " + names.Dim(new Dim(node.Parameter, 1)) + ", \"" + name + "\", ";
            long[] trims = { node.Bits >> 32, node.Bits & 0xFFFFFFFFL };
            if (Printer.VectorAxis(node) is var along and >= 0)
            {
                // A slice of a vector read as a row or a column: checked as the vector's slices are, along its only axis.
                this.WriteVectorWindowCheck(w, graph, names, node, along, trims[along], declared, ranges);
                continue;
            }

            for (int axis = 0; axis < 2; axis++)
            {
                string at = axis.ToString(CultureInfo.InvariantCulture);
                if (Printer.IsRunTimeAxis(node, axis))
                {
                    string start = this.HostInteger(graph, node.Args[1 + axis], names);
                    string end = this.HostInteger(graph, node.Args[3 + axis], names);
                    if (ranges.Add((node.Parameter, axis, start, end)))
                    {
                        w.Line(Kernels + "ShapeGuard.SliceAxisRange(" + shape + at + ", " + start + ", " + end + ", \"" + name + printer.WindowText(node) + "\");");
                    }

                    continue;
                }

                var dim = new Dim(node.Parameter, axis, (int)trims[axis]);
                if (trims[axis] > 0 && declared.Add(dim))
                {
                    w.Line("nint " + names.Dim(dim) + " = " + Kernels + "ShapeGuard.SliceAxis(" + shape + at + ", " + trims[axis].ToString(CultureInfo.InvariantCulture) + ", \"" + name + printer.WindowText(node) + "\");");
                }
            }
        }

        // Each range is within its axis now: the dimensions of slices with run-time bounds, as the domains and checks name them.
        var dims = new List<Dim>();
        foreach (Domain domain in graph.Domains.Where(d => d.IsMatrix))
        {
            dims.Add(domain.Rows!);
            dims.Add(domain.Columns!);
        }

        foreach (DimCheck check in this.method.DimChecks)
        {
            dims.Add(check.First);
            dims.Add(check.Second);
        }

        foreach (Dim dim in dims)
        {
            if (dim.IsRunTimeSlice && declared.Add(dim))
            {
                string dropped = Printer.Dropped(dim.Terms, dim.Trim, p => this.method.Parameters[p].IsTensor ? Identifier(this.method.Parameters[p].Name) : "(nint)" + Identifier(this.method.Parameters[p].Name));
                w.Line("nint " + names.Dim(dim) + " = " + names.Dim(new Dim(dim.Parameter, dim.Axis)) + " - " + (dropped.IndexOf(' ') >= 0 ? "(" + dropped + ")" : dropped) + ";");
            }
        }
    }

    /// <summary>The check of a slice of a vector that is an operand of a product (<see cref="Printer.VectorAxis"/>), as any slice of a vector is checked.</summary>
    private void WriteVectorWindowCheck(CodeWriter w, Graph graph, Names names, Node node, int along, long trim, HashSet<Dim> declared, HashSet<(int Parameter, int Axis, string Start, string End)> ranges)
    {
        string vector = this.Span(node.Parameter) + ", \"" + this.method.Parameters[node.Parameter].Name + "\", ";
        if (Printer.IsRunTimeAxis(node, along))
        {
            string start = this.HostInteger(graph, node.Args[1 + along], names);
            string end = this.HostInteger(graph, node.Args[3 + along], names);
            if (ranges.Add((node.Parameter, -1, start, end)))
            {
                w.Line(Kernels + "ShapeGuard.SliceBounds(" + vector + start + ", " + end + ");");
            }
        }
        else if (trim > 0 && declared.Add(new Dim(node.Parameter, along, (int)trim)))
        {
            w.Line("nint " + names.Dim(new Dim(node.Parameter, along, (int)trim)) + " = " + Kernels + "ShapeGuard.SliceLength(" + vector + trim.ToString(CultureInfo.InvariantCulture) + ");");
        }
    }

    /// <summary>
    /// Checks that slices of vectors meeting element-wise have one length when their bounds may give them different ones
    /// (<c>x[..n] * y[k..]</c>), naming both: <c>ShapeGuard.SameSliceLength(n0, "x[..n]", n1, "y[k..]", "y")</c>.
    /// </summary>
    private void WriteSliceMeetings(CodeWriter w, Graph graph, Names names)
    {
        var printer = new Printer(graph, this.method.Parameters, this.method.Element);
        var first = new Dictionary<int, (string Length, string Text)>();
        for (int i = 0; i < graph.Count; i++)
        {
            Node node = graph[i];
            if (node.Op != Op.Slice || node.Arity != 2)
            {
                continue;
            }

            string name = this.method.Parameters[node.Parameter].Name;
            string length;
            string text;
            if (graph[node.Args[1]] is { Op: Op.SliceBounds } bounds)
            {
                length = this.HostInteger(graph, bounds.Args[1], names) + " - " + this.HostInteger(graph, bounds.Args[0], names);
                text = name + "[" + printer.RangeText(bounds.Args[0], bounds.Args[1], node.Parameter, 0) + "]";
            }
            else
            {
                length = this.Span(node.Parameter) + (this.spans ? ".Length" : ".FlattenedLength") + (node.Value == 0 ? string.Empty : " - " + ((long)node.Value).ToString(CultureInfo.InvariantCulture));
                text = node.Value == 0 ? name : name + Printer.SliceText(node.Bits, (int)node.Value);
            }

            if (!first.TryGetValue(node.Domain, out (string Length, string Text) reference))
            {
                first[node.Domain] = (length, text);
            }
            else if (reference.Length != length)
            {
                w.Line(Kernels + "ShapeGuard.SameSliceLength(" + reference.Length + ", \"" + reference.Text + "\", " + length + ", \"" + text + "\", \"" + name + "\");");
            }
        }
    }

    /// <summary>An integer node written as C# over the host method's parameters and sizes, in the node's own types.</summary>
    private string HostInteger(Graph graph, int id, Names names)
    {
        Node node = graph[id];
        if (node.Op is Op.Constant or Op.Parameter or Op.Length or Op.Count)
        {
            return "(nint)(" + names.Scalar(id) + ")";
        }

        return "(nint)(" + this.ScalarExpression(graph, id, a => graph[a].Op is Op.Constant or Op.Parameter or Op.Length or Op.Count ? names.Scalar(a) : "(" + this.HostScalar(graph, a, names) + ")") + ")";
    }

    private string HostScalar(Graph graph, int id, Names names)
        => this.ScalarExpression(graph, id, a => graph[a].Op is Op.Constant or Op.Parameter or Op.Length or Op.Count ? names.Scalar(a) : "(" + this.HostScalar(graph, a, names) + ")");

    /// <summary>
    /// The fields a row kernel reads a slice of a matrix with (the parameter and its row length) or the slice's adjoint
    /// (the slice-shaped value in memory and its dimensions); false for other nodes.
    /// </summary>
    private bool LayoutWindowRead(Graph graph, int input, Names names, Storage storage, Func<string, string> field, Action<string, string, string> reference, Action<string, string, string> value, KernelLayout layout)
    {
        Dictionary<int, (string Field, string? Stride)> reads = layout.Reads;
        Node node = graph[input];
        if (node.Op == Op.Slice && node.Arity >= 3)
        {
            // The slices of one matrix share its field and its row length.
            if (!layout.WindowSources.TryGetValue(node.Parameter, out (string Field, string? Stride) source))
            {
                string name = field(Identifier(this.method.Parameters[node.Parameter].Name));
                reference(name, "ref readonly", this.Span(node.Parameter) + ".GetPinnableReference()");
                string stride = field(name + "Columns");
                value(stride, "nint", names.Dim(new Dim(node.Parameter, 1)));
                layout.WindowSources[node.Parameter] = source = (name, stride);
            }

            reads[input] = source;
            return true;
        }

        if (node.Op == Op.Pad && node.Arity >= 3)
        {
            int memory = node.Args[0];
            Domain window = graph.Domains[graph[memory].Domain];
            string name = field(storage.FieldName(memory));
            reference(name, "ref readonly", storage.Reference(memory));
            string rows = field(name + "Rows");
            value(rows, "nint", names.Dim(window.Rows!));
            layout.WindowRows[input] = rows;
            string columns = field(name + "Columns");
            value(columns, "nint", names.Dim(window.Columns!));
            reads[input] = (name, columns);
            return true;
        }

        return false;
    }

    /// <summary>
    /// A row kernel's read of a slice of a matrix one column wide stretched across each row (element <c>(Row + a, c)</c>,
    /// repeated) or one row wide stretched down the rows (element <c>(a, i + c)</c>).
    /// </summary>
    private static string StretchedWindowRead(Graph graph, int id, KernelLayout layout, bool scalar, Func<string, string> repeat)
    {
        Node slice = graph[graph[id].Args[0]];
        (string field, string? stride) = layout.Reads[id];
        string row = WindowOffset(graph, slice.Args[1], layout);
        string column = WindowOffset(graph, slice.Args[2], layout);
        if (graph[id].Parameter == 1)
        {
            return repeat("Unsafe.Add(ref Unsafe.AsRef(in this." + field + "), ((this.Row" + row + ") * this." + stride + ")" + column + ")");
        }

        string at = "(" + (row.Length == 0 ? "0" : row.Substring(3)) + " * this." + stride + ") + i" + column;
        return scalar ? "Unsafe.Add(ref Unsafe.AsRef(in this." + field + "), " + at + ")" : Vector + ".Load(in this." + field + ", " + at + ")";
    }

    /// <summary>A slice's start added to an index: empty for 0, <c> + 2</c> for a constant, <c> + this.s4</c> for a start known at run time.</summary>
    private static string WindowOffset(Graph graph, int start, KernelLayout layout)
        => graph[start].Op != Op.Constant ? " + this." + layout.Scalars[start]
            : graph[start].Bits == 0 ? string.Empty : " + " + graph[start].Bits.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A row kernel's read of a slice of a matrix, element <c>(Row + a, i + c)</c> of the parameter, or of the slice's
    /// adjoint, element <c>(Row - a, i - c)</c> of the slice-shaped value and 0 outside it.
    /// </summary>
    private static string WindowRead(Graph graph, int id, KernelLayout layout, bool scalar)
    {
        Node node = graph[id];
        (string Field, string? Stride) read = layout.Reads[id];
        int row = node.Args[1];
        int column = node.Args[2];
        if (node.Op == Op.Slice)
        {
            string at = (Offset(row, 1) is { Length: 0 } ? "(this.Row * this." : "((this.Row" + Offset(row, 1) + ") * this.") + read.Stride + ") + i" + Offset(column, 1);
            return scalar ? "Unsafe.Add(ref Unsafe.AsRef(in this." + read.Field + "), " + at + ")" : Vector + ".Load(in this." + read.Field + ", " + at + ")";
        }

        string rows = layout.WindowRows[id];
        string arguments = "(in this." + read.Field + ", this.Row" + Offset(row, -1) + ", i" + Offset(column, -1) + ", this." + rows + ", this." + read.Stride + ")";
        return (scalar ? "SliceReads.Padded" : Vector + ".LoadPadded") + arguments;

        // A constant start is written into the read; one known only at run time is the kernel's field of it.
        string Offset(int start, long sign)
        {
            if (graph[start].Op != Op.Constant)
            {
                return (sign > 0 ? " + this." : " - this.") + layout.Scalars[start];
            }

            long offset = sign * graph[start].Bits;
            return offset == 0 ? string.Empty : (offset > 0 ? " + " : " - ") + Math.Abs(offset).ToString(CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>The row-count fields of the slice adjoints a row kernel reads.</summary>
internal sealed partial class Emitter
{
    private sealed partial class KernelLayout
    {
        /// <summary>For each slice adjoint of a matrix read, the field holding the slice's row count (its row length is the read's stride).</summary>
        public Dictionary<int, string> WindowRows { get; } = new();

        /// <summary>For each matrix parameter read through slices, its field and the field of its row length.</summary>
        public Dictionary<int, (string Field, string? Stride)> WindowSources { get; } = new();
    }
}
