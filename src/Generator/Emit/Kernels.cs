using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Schedule;

namespace SymGrad.Generator.Emit;

/// <summary>
/// The fused loops: each pass's call into <c>SymGrad.Kernels.FusedLoop</c> and its file-local kernel struct, whose
/// scalar <c>Invoke</c> comments each line with the node it computes and whose one vector body, generic over the width, follows it line
/// by line.
/// </summary>
internal sealed partial class Emitter
{
    /// <summary>The scalar <c>Invoke</c>, then the vector body <c>Invoke&lt;TVector&gt;</c> the loop runs at every width.</summary>
    private static readonly string[] Widths = { string.Empty, Vector };

    /// <summary>The vector body's type parameter: an <c>IVector</c> of 128, 256 or 512 bits.</summary>
    private const string Vector = "TVector";

    /// <summary>The simple names kernel code uses; a field of the same name would hide them, so fields step aside.</summary>
    private static readonly string[] KernelScopeNames =
    {
        "Unsafe", "MethodImpl", "MethodImplOptions", "GeneratedCode", "SimdMath", "SliceReads", "Sums", "IFusedKernel",
        "IRowKernel", "ISumsKernel", "IVector", "RowReads", Vector, "IBroadcastKernel", "BroadcastBlock", "Bind", "block",
    };

    /// <summary>A row kernel's field holding the row length; reserved, so no parameter's field takes it.</summary>
    private const string RowLength = "columns";

    private void WritePass(CodeWriter w, Graph graph, PassStep pass, Names names, Printer printer, string stage, Storage storage)
    {
        string kernelName = this.method.Name + stage + "Pass" + pass.Number.ToString(CultureInfo.InvariantCulture);

        // Named in full: a type of the same name that the user nests in the class would capture the simple name.
        string kernel = Kernels + kernelName;
        Domain domain = graph.Domains[pass.Domain];
        var what = new List<string>();
        what.AddRange(pass.Reductions.Select(r => printer.OneNode(r, names.Locals)));

        what.AddRange(pass.Writes.Select(x => x.IsGradient ? this.method.Parameters[x.Parameter].GradientName : printer.OneNode(x.Node, names.Locals) + " into memory"));
        string over = domain.IsMatrix ? "the " + names.Dim(domain.Rows!) + " x " + names.Dim(domain.Columns!) + " elements"
            : domain.IsSlice ? "the " + names.Count(pass.Domain) + " elements of the slices of " + this.method.Parameters[domain.Parameter].Name
            : this.overLoop ? this.BroadcastElements
            : "the elements of " + this.method.Parameters[domain.Parameter].Name;
        w.Line("// Pass " + pass.Number.ToString(CultureInfo.InvariantCulture) + ", one loop over " + over + ": " + string.Join("; ", what) + ".");

        KernelLayout layout = this.Layout(graph, pass, names, storage, kernelName);

        // The kernel goes to the loop by value: built in the argument, it stays in registers (see FusedLoop.Reduce).
        string variable = "new " + kernel + " { " + string.Join(", ", layout.Fields.Select((f, k) => f.Name + " = " + layout.Arguments[k])) + " }";
        string loop = domain.IsMatrix ? "Rows" : string.Empty;
        string extent = domain.IsMatrix ? names.Dim(domain.Rows!) + ", " + names.Dim(domain.Columns!) : names.Count(pass.Domain);
        if (this.overLoop)
        {
            this.WriteLoopCall(w, graph, pass, names, kernel, variable);
        }
        else if (pass.Reductions.Count > 1)
        {
            string sums = names.Fresh("sums" + pass.Number.ToString(CultureInfo.InvariantCulture));
            w.Line("var " + sums + " = " + Kernels + "FusedLoop.Sum<" + kernel + ", " + this.t + ">(" + variable + ", " + extent + ");");
            for (int k = 0; k < pass.Reductions.Count; k++)
            {
                w.Line(this.t + " " + names.Declare(pass.Reductions[k]) + " = " + sums + ".S" + k.ToString(CultureInfo.InvariantCulture) + ";");
            }
        }
        else if (pass.Reductions.Count == 1)
        {
            string reduction = graph[pass.Reductions[0]].Op == Op.Max ? "MaxReduction" : "SumReduction";
            w.Line(this.t + " " + names.Declare(pass.Reductions[0]) + " = " + Kernels + "FusedLoop.Reduce" + loop + "<" + kernel + ", " + Kernels + reduction + "<" + this.t + ">, " + this.t + ">(" + variable + ", " + extent + ");");
        }
        else
        {
            w.Line(Kernels + "FusedLoop.Map" + loop + "<" + kernel + ", " + this.t + ">(" + variable + ", " + extent + ");");
        }

        // Each pass is written once: by the span overload where there is one (the tensor span overload forwards to it).
        this.kernelTexts.Add(this.KernelText(graph, pass, kernelName, printer, layout, domain.IsMatrix, this.overLoop ? this.BindLine(graph, pass, layout) : null));
    }

    /// <summary>The fields of one kernel and the host expressions that fill them.</summary>
    private sealed partial class KernelLayout
    {
        public List<string> Arguments { get; } = new();

        /// <summary>Each field's type and name; the host sets them in an object initializer, from <see cref="Arguments"/>.</summary>
        public List<(string Type, string Name)> Fields { get; } = new();

        /// <summary>How the kernel reads each input node: the field and the stride field (null for the loop's own layout).</summary>
        public Dictionary<int, (string Field, string? Stride)> Reads { get; } = new();

        public Dictionary<PassWrite, string> Writes { get; } = new();

        public Dictionary<int, string> Scalars { get; } = new();
    }

    private KernelLayout Layout(Graph graph, PassStep pass, Names names, Storage storage, string kernel)
    {
        var layout = new KernelLayout();

        // Fields are named after what they hold (often a parameter): they step aside from the kernel's own members.
        var used = new HashSet<string>(KernelScopeNames) { kernel, "Invoke", "Row", RowLength };
        string Field(string name)
        {
            while (!used.Add(name))
            {
                name += "_";
            }

            return name;
        }

        void Reference(string field, string type, string argument)
        {
            layout.Fields.Add((type + " " + this.t, field));
            layout.Arguments.Add("ref " + argument);
        }

        void Value(string field, string type, string argument)
        {
            layout.Fields.Add((type, field));
            layout.Arguments.Add(argument);
        }

        var sliced = new Dictionary<int, string>();
        foreach (int input in pass.Inputs)
        {
            Node node = graph[input];
            if (this.LayoutWindowRead(graph, input, names, storage, Field, Reference, Value, layout))
            {
                continue;
            }

            if (node.Op is Op.Parameter or Op.Expand)
            {
                string field = Field(Identifier(this.method.Parameters[node.Parameter].Name));
                Reference(field, "ref readonly", this.Span(node.Parameter) + ".GetPinnableReference()");
                string? stride = null;
                if (node.Op == Op.Expand)
                {
                    stride = Field(this.method.Parameters[node.Parameter].Name + "Stride");
                    Value(stride, "nint", names.Stride(node.Parameter, node.IsReshapeView() ? ~node.Domain : node.Domain));
                }

                layout.Reads[input] = (field, stride);
            }
            else if (node.Op == Op.Slice)
            {
                // A slice reads its parameter in place, at an offset written into the read; slices of one vector share its field.
                if (!sliced.TryGetValue(node.Parameter, out string? field))
                {
                    field = Field(Identifier(this.method.Parameters[node.Parameter].Name));
                    Reference(field, "ref readonly", this.Span(node.Parameter) + ".GetPinnableReference()");
                    sliced[node.Parameter] = field;
                }

                layout.Reads[input] = (field, null);
            }
            else if (node.Op == Op.Pad)
            {
                // A slice's adjoint reads the slice-shaped value in memory, and needs its length to read 0 past its ends.
                int memory = node.Args[0];
                string field = Field(graph[memory].Op == Op.Parameter ? Identifier(this.method.Parameters[graph[memory].Parameter].Name) : storage.FieldName(memory));
                Reference(field, "ref readonly", (graph[memory].Op == Op.Parameter ? this.Span(graph[memory].Parameter) + ".GetPinnableReference()" : storage.Reference(memory)));
                string length = Field(field + "Length");
                Value(length, "nint", names.Size(graph[memory].Domain));
                layout.Reads[input] = (field, length);
            }
            else if (node.Op == Op.Stretch && graph[node.Args[0]] is { Op: Op.Slice, Arity: >= 3 })
            {
                // A slice of a matrix one row or one column wide, stretched: read in place like the slice.
                this.LayoutWindowRead(graph, node.Args[0], names, storage, Field, Reference, Value, layout);
                layout.Reads[input] = layout.Reads[node.Args[0]];
            }
            else if (node.Op == Op.Stretch && (graph[node.Args[0]].Op == Op.Parameter || graph[node.Args[0]].IsReshapeView()))
            {
                // A parameter (or a reshape of one, its elements in order) is stretched from its own memory.
                int parameter = graph[node.Args[0]].Parameter;
                string field = Field(Identifier(this.method.Parameters[parameter].Name));
                Reference(field, "ref readonly", this.Span(parameter) + ".GetPinnableReference()");
                layout.Reads[input] = (field, null);
            }
            else
            {
                // A stretched value is read from the memory of the value it repeats.
                int memory = node.Op == Op.Stretch ? node.Args[0] : input;
                string field = Field(storage.FieldName(memory));
                Reference(field, "ref readonly", storage.Reference(memory));
                layout.Reads[input] = (field, null);
            }
        }

        foreach (PassWrite write in pass.Writes)
        {
            string field = Field(write.IsGradient ? Identifier(this.method.Parameters[write.Parameter].GradientName) : storage.FieldName(write.Node));
            Reference(field, "ref", write.IsGradient ? Identifier(this.method.Parameters[write.Parameter].GradientName) + ".GetPinnableReference()" : storage.Reference(write.Node));
            layout.Writes[write] = field;
        }

        foreach (int capture in pass.Captures)
        {
            Node node = graph[capture];
            string field = Field(node.Op == Op.Parameter ? Identifier(this.method.Parameters[node.Parameter].Name) : "s" + capture.ToString(CultureInfo.InvariantCulture));
            if (node.Type.IsInteger())
            {
                // An index (a scattered adjoint's element) stays an integer.
                Value(field, "nint", "(nint)(" + names.Scalar(capture) + ")");
            }
            else
            {
                Value(field, this.t, names.Scalar(capture));
            }

            layout.Scalars[capture] = field;
        }

        this.LayoutRowReads(graph, pass, names, Field, Value, layout.Scalars);
        Domain domain = graph.Domains[pass.Domain];
        if (domain.IsMatrix)
        {
            Value(RowLength, "nint", names.Dim(domain.Columns!));
        }

        return layout;
    }

    private string KernelText(Graph graph, PassStep pass, string name, Printer printer, KernelLayout layout, bool rows, string? bind = null)
    {
        var w = new CodeWriter();
        w.Line("[" + this.GeneratedCode + "]");
        string contract = pass.Reductions.Count > 1 ? "ISumsKernel<" : rows ? "IRowKernel<" : "IFusedKernel<";
        w.Open("file ref struct " + name + " : " + contract + this.t + ">" + (bind is null ? string.Empty : ", IBroadcastKernel<" + this.t + ">"));
        // Fields of one type share a declaration, in the order the host sets them.
        for (int f = 0; f < layout.Fields.Count;)
        {
            int next = f + 1;
            while (next < layout.Fields.Count && layout.Fields[next].Type == layout.Fields[f].Type)
            {
                next++;
            }

            w.Line("public " + layout.Fields[f].Type + " " + string.Join(", ", layout.Fields.Skip(f).Take(next - f).Select(x => x.Name)) + ";");
            f = next;
        }

        if (bind is not null)
        {
            w.Line(bind);
        }

        if (rows)
        {
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line("public nint Row { get; set; }");
        }

        for (int width = 0; width < Widths.Length; width++)
        {
            w.Gap();

            this.WriteInvoke(w, graph, pass, Widths[width], layout, printer, rows);
        }

        w.Close();
        return w.ToString();
    }

    /// <summary>
    /// One <c>Invoke</c> of a kernel: the scalar reference (<paramref name="width"/> empty), commented node by node, or
    /// the vector body (<paramref name="width"/> <see cref="Vector"/>), generic over the width, line for line the same.
    /// </summary>
    private void WriteInvoke(CodeWriter w, Graph graph, PassStep pass, string width, KernelLayout layout, Printer printer, bool rows)
    {
        bool scalar = width.Length == 0;
        string type = scalar ? this.t : Vector;
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        bool sums = pass.Reductions.Count > 1;
        string constraint = scalar ? string.Empty : " where " + Vector + " : struct, IVector<" + Vector + ", " + this.t + ">";
        w.Open(sums
            ? "public void Invoke" + (scalar ? string.Empty : "<" + Vector + ">") + "(nint i, ref Sums<" + type + "> sums)" + constraint
            : "public " + type + " Invoke" + (scalar ? string.Empty : "<" + Vector + ">") + "(nint i)" + constraint);
        string index = "i";
        if (rows)
        {
            w.Line("nint at = (this.Row * this." + RowLength + ") + i;");
            index = "at";
        }

        string ScalarOf(int id) => graph[id].Op == Op.Constant ? graph[id].Type.Literal(this.method.Element, graph[id].Value, graph[id].Bits) : "this." + layout.Scalars[id];
        // A parameter read used once is written where it is used: the comment there names the parameter.
        var inline = new Dictionary<int, string>();
        string ValueOf(int id) => inline.TryGetValue(id, out string? read) ? read : "v" + id.ToString(CultureInfo.InvariantCulture);
        string Offset(int input)
        {
            (string _, string? stride) = layout.Reads[input];
            return stride is null ? index : "(this.Row * this." + stride + ") + i";
        }

        // Element at of a field: a scalar read, or the vector of elements from at.
        string Read(string field, string at) => scalar
            ? "Unsafe.Add(ref Unsafe.AsRef(in this." + field + "), " + at + ")"
            : Vector + ".Load(in this." + field + ", " + at + ")";

        // A scalar repeated over the lanes.
        string Repeat(string value) => scalar ? value : Vector + ".Create(" + value + ")";

        // A function of SimdMath's, on scalars, or the vector type's.
        string math = scalar ? "SimdMath" : Vector;

        // A repeated scalar is written where it is used, not as a line of its own.
        string ValueOrScalar(int id) => graph[id].Op == Op.Broadcast ? Repeat(ScalarOf(graph[id].Args[0])) : ValueOf(id);

        // Each comment names the values above it (a parameter read stays its name): one operation per comment.
        var locals = new Dictionary<int, string>();
        bool Written(int id) => !(graph[id].Op == Op.Broadcast && !pass.Writes.Any(x => x.Node == id) && !pass.Reduced.Contains(id));

        // A reduced value computed last, with nothing to write after it, is returned where it is computed.
        int returned = !sums && pass.Writes.Count == 0 && pass.Reduced.Count == 1 && pass.Body.LastOrDefault(Written) == pass.Reduced[0] && pass.Body.Count > 0 ? pass.Reduced[0] : -1;
        var uses = new Dictionary<int, int>();
        foreach (int id in pass.Body.Where(Written))
        {
            foreach (int arg in graph[id].Args)
            {
                // A square writes its operand twice.
                uses[arg] = uses.TryGetValue(arg, out int count) ? count + (graph[id].Op == Op.Square ? 2 : 1) : graph[id].Op == Op.Square ? 2 : 1;
            }
        }

        foreach (int id in pass.Body)
        {
            Node node = graph[id];
            if (!Written(id))
            {
                continue;
            }

            string expression;
            if (pass.RowReads.Contains(id))
            {
                expression = this.RowRead(node, width, "this." + layout.Scalars[id]);
            }
            else if (node.Op == Op.Stretch && graph[node.Args[0]] is { Op: Op.Slice, Arity: >= 3 })
            {
                expression = StretchedWindowRead(graph, id, layout, scalar, Repeat);
            }
            else if (node.Op == Op.Stretch)
            {
                // One value per row is the same across the row; one value per column is read as the row's own elements.
                string field = layout.Reads[id].Field;
                expression = node.Parameter == 1
                    ? Repeat("Unsafe.Add(ref Unsafe.AsRef(in this." + field + "), this.Row)")
                    : Read(field, "i");
            }
            else if (node.Op is Op.Slice or Op.Pad && node.Arity >= 3)
            {
                expression = WindowRead(graph, id, layout, scalar);
            }
            else if (node.Op == Op.Slice)
            {
                string at = graph[node.Args[1]].Op != Op.Constant ? "(" + index + " + " + ScalarOf(node.Args[1]) + ")"
                    : node.Bits == 0 ? index : "(" + index + " + " + node.Bits.ToString(CultureInfo.InvariantCulture) + ")";
                expression = Read(layout.Reads[id].Field, at);
            }
            else if (node.Op == Op.Pad)
            {
                // Element i of the parameter is element i - offset of the slice, or 0 where the slice does not reach.
                (string field, string? length) = layout.Reads[id];
                string at = graph[node.Args[1]].Op != Op.Constant ? index + " - " + ScalarOf(node.Args[1])
                    : node.Bits == 0 ? index : index + " - " + node.Bits.ToString(CultureInfo.InvariantCulture);
                expression = (scalar ? "SliceReads.Padded" : Vector + ".LoadPadded") + "(in this." + field + ", " + at + ", this." + length + ")";
            }
            else if (node.Op == Op.Scatter)
            {
                // The adjoint of an element read: its value at that element, 0 at the others.
                string at = graph[node.Args[1]].Op == Op.Constant ? "(nint)" + ScalarOf(node.Args[1]) : ScalarOf(node.Args[1]);
                expression = (scalar ? "ElementReads.Scatter" : Vector + ".Scatter") + "(" + index + ", " + at + ", " + ScalarOf(node.Args[0]) + ")";
            }
            else if (node.Op == Op.Expand && !node.IsReshapeView())
            {
                // A row repeated down the rows, the matrix itself, or a column repeated across each row (stride -1).
                (string field, string? stride) = layout.Reads[id];
                expression = "(this." + stride + " < 0 ? " + Repeat("Unsafe.Add(ref Unsafe.AsRef(in this." + field + "), this.Row)") + " : " + Read(field, Offset(id)) + ")";
            }
            else if (layout.Reads.ContainsKey(id))
            {
                expression = Read(layout.Reads[id].Field, Offset(id));
            }
            else
            {
                switch (node.Op)
                {
                    case Op.Broadcast:
                        expression = Repeat(ScalarOf(node.Args[0]));
                        break;
                    case Op.Pow:
                        expression = math + ".Pow(" + ValueOrScalar(node.Args[0]) + ", " + ScalarOf(node.Args[1]) + ")";
                        break;
                    case Op.Select when graph[node.Args[0]].IsScalar:
                        expression = ScalarOf(node.Args[0]) + " != " + this.method.Element.Literal(0) + " ? " + ValueOrScalar(node.Args[1]) + " : " + ValueOrScalar(node.Args[2]);
                        break;
                    case Op.Select:
                        // A mask per element (Where): 0/1 lanes choose between the branches.
                        expression = math + ".Select(" + ValueOrScalar(node.Args[0]) + ", " + ValueOrScalar(node.Args[1]) + ", " + ValueOrScalar(node.Args[2]) + ")";
                        break;
                    default:
                        expression = this.Elementwise(node, a => ValueOrScalar(node.Args[a]), math);
                        break;
                }
            }

            // The scalar line says what it computes, after it: a read of a parameter says it in its field's name.
            string note = graph.Note(id);
            string comment = !scalar || (note.Length == 0 && node.Op is Op.Parameter or Op.Expand) ? string.Empty
                : " // " + (note.Length > 0 ? note : printer.OneNode(id, locals));
            if (node.Op is Op.Parameter or Op.Expand && id != returned && uses.TryGetValue(id, out int used) && used == 1
                && !pass.Writes.Any(x => x.Node == id) && !pass.Reduced.Contains(id))
            {
                inline[id] = expression;
                continue;
            }

            w.Line((id == returned ? "return " : (scalar ? this.t : "var") + " " + ValueOf(id) + " = ") + expression + ";" + comment);
            if (node.Op is not (Op.Parameter or Op.Expand))
            {
                locals[id] = ValueOf(id);
            }
        }

        foreach (PassWrite write in pass.Writes)
        {
            string field = layout.Writes[write];
            w.Line(scalar
                ? "Unsafe.Add(ref this." + field + ", " + index + ") = " + ValueOf(write.Node) + ";"
                : Vector + ".Store(" + ValueOf(write.Node) + ", ref this." + field + ", " + index + ");");
        }

        if (sums)
        {
            for (int k = 0; k < pass.Reduced.Count; k++)
            {
                w.Line("sums.S" + k.ToString(CultureInfo.InvariantCulture) + " += " + ValueOf(pass.Reduced[k]) + ";");
            }
        }
        else if (returned < 0)
        {
            w.Line(pass.Reduced.Count == 1 ? "return " + ValueOf(pass.Reduced[0]) + ";" : "return default;");
        }

        w.Close();
    }
}
