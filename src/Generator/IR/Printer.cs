using System.Collections.Generic;
using System.Globalization;
using System.Text;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.IR;

/// <summary>Prints IR as readable math for generated comments and docs: <c>2 / n * (x - target)</c>.</summary>
internal sealed class Printer
{
    /// <summary>How deep below the printed node a one-line comment looks before it writes an ellipsis.</summary>
    public const int BriefDepth = 24;

    private readonly Graph graph;
    private readonly EquatableArray<ParameterModel> parameters;
    private readonly Dictionary<int, string> names;
    private readonly ElementKind element;

    public Printer(Graph graph, EquatableArray<ParameterModel> parameters, ElementKind element, Dictionary<int, string>? names = null)
    {
        this.graph = graph;
        this.parameters = parameters;
        this.element = element;
        this.names = names ?? new Dictionary<int, string>();
    }

    /// <summary>The nodes this printer has visited: what tests count to show printing is linear in the graph's size.</summary>
    public long Visits { get; private set; }

    /// <summary>
    /// Prints a node for a one-line comment: whole when short, else cut with an ellipsis. It stops as soon as the
    /// text is longer than <paramref name="limit"/> and prints operands deeper than <see cref="BriefDepth"/> as an
    /// ellipsis, so a comment costs a bounded number of visits however large the graph below it is.
    /// </summary>
    public string Brief(int id, int limit = 96) => this.Brief(id, null, limit);

    /// <summary>
    /// Prints a node for a one-line comment, as <see cref="Brief(int, int)"/> does; when that text would be cut,
    /// its operands are printed by the names in <paramref name="locals"/> (the locals that hold them), so each
    /// comment of a long chain says what it computes from the lines above.
    /// </summary>
    public string Brief(int id, IReadOnlyDictionary<int, string>? locals, int limit = 96)
    {
        var text = new StringBuilder();
        this.Write(text, id, 0, limit, BriefDepth);
        if (text.Length > limit && locals is not null)
        {
            text.Clear();
            this.Write(text, id, 0, limit, BriefDepth, locals);
        }

        return text.Length <= limit ? text.ToString() : text.ToString(0, limit - 1) + "…";
    }

    /// <summary>
    /// Prints one operation for a comment: operands held in <paramref name="locals"/> print as those names, so each
    /// comment says what its line computes from the lines above instead of repeating their text.
    /// </summary>
    public string OneNode(int id, IReadOnlyDictionary<int, string> locals, int limit = 96)
    {
        var text = new StringBuilder();
        this.Write(text, id, 0, limit, BriefDepth, locals);
        return text.Length <= limit ? text.ToString() : text.ToString(0, limit - 1) + "…";
    }

    /// <summary>The functions <see cref="Op.MiddleAxis"/> computes, by <see cref="Node.Parameter"/>: the runtime's <c>AxisFunction</c> in order.</summary>
    public static readonly string[] MiddleAxisFunctions = { "Sum", "Mean", "Max", "Min", "LogSumExp", "Softmax", "LogSoftmax" };

    /// <summary>The name of the function a <see cref="Op.MiddleAxis"/> node computes.</summary>
    public static string MiddleAxisFunction(int function) => MiddleAxisFunctions[function];

    /// <summary>The C# range of a slice that starts <paramref name="offset"/> elements in and drops <paramref name="trim"/> in all: <c>[1..]</c>, <c>[..^1]</c>, <c>[2..^3]</c>.</summary>
    public static string SliceText(long offset, int trim)
    {
        long fromEnd = trim - offset;
        return "[" + (offset > 0 ? offset.ToString(CultureInfo.InvariantCulture) : string.Empty) + ".." + (fromEnd > 0 ? "^" + fromEnd.ToString(CultureInfo.InvariantCulture) : string.Empty) + "]";
    }

    /// <summary>The two trims of a slice of a matrix (elements dropped along rows and along columns), packed into a node's <see cref="Node.Bits"/>.</summary>
    public static long WindowTrims(long rowTrim, long columnTrim) => (rowTrim << 32) | columnTrim;

    /// <summary>The <see cref="Node.Value"/> flag of a slice of a matrix whose range along rows is known only at run time.</summary>
    public const double RunTimeRows = 1;

    /// <summary>The <see cref="Node.Value"/> flag of a slice of a matrix whose range along columns is known only at run time.</summary>
    public const double RunTimeColumns = 2;

    /// <summary>Whether the range along <paramref name="axis"/> of a slice of a matrix (or its <c>Pad</c>) is known only at run time.</summary>
    public static bool IsRunTimeAxis(Node node, int axis) => ((int)node.Value & (axis == 0 ? (int)RunTimeRows : (int)RunTimeColumns)) != 0;

    /// <summary>The <see cref="Node.Value"/> flag of a slice of a vector read as a column <c>[n, 1]</c> (<c>MatMul(a, v[1..])</c>): written with one range, along rows.</summary>
    public const double VectorRows = 4;

    /// <summary>The <see cref="Node.Value"/> flag of a slice of a vector read as a row <c>[1, n]</c> (<c>MatMul(x[1..], w)</c>): written with one range, along columns.</summary>
    public const double VectorColumns = 8;

    /// <summary>The axis a slice of a vector read as a row or a column runs along (<see cref="VectorRows"/>), or -1 for a slice of a matrix.</summary>
    public static int VectorAxis(Node node) => ((int)node.Value & (int)VectorRows) != 0 ? 0 : ((int)node.Value & (int)VectorColumns) != 0 ? 1 : -1;

    /// <summary>The ranges of a slice of a matrix, or of its adjoint <c>Pad</c>: <c>[1.., ..]</c>, <c>[..^1, 2..^2]</c>, <c>[k..(k + m), ..]</c>.</summary>
    public string WindowText(Node node)
    {
        string Axis(int axis, long trim)
        {
            if (IsRunTimeAxis(node, axis))
            {
                // A vector's range counts along its own axis 0, whichever axis of the row or column it is read as.
                return this.RangeText(node.Args[1 + axis], node.Args[3 + axis], node.Parameter, VectorAxis(node) >= 0 ? 0 : axis);
            }

            string text = SliceText(this.graph[node.Args[1 + axis]].Bits, (int)trim);
            return text.Substring(1, text.Length - 2);
        }

        int vector = VectorAxis(node);
        return vector >= 0
            ? "[" + Axis(vector, vector == 0 ? node.Bits >> 32 : node.Bits & 0xFFFFFFFFL) + "]"
            : "[" + Axis(0, node.Bits >> 32) + ", " + Axis(1, node.Bits & 0xFFFFFFFFL) + "]";
    }

    /// <summary>A range from run-time bounds, as C# writes it: <c>k..</c>, <c>..n</c>, <c>i..(i + m)</c>.</summary>
    public string RangeText(int start, int end, int parameter, int axis)
    {
        Node first = this.graph[start];
        Node last = this.graph[end];
        return (first.Op == Op.Constant && first.Bits == 0 ? string.Empty : this.Bound(start))
            + ".." + (last.Op == Op.Length && last.Parameter == parameter && last.Bits == axis ? string.Empty : this.Bound(end));
    }

    private string Bound(int id)
    {
        // A bound is an int widened to nint as C# reads it: the conversion is not written.
        while (this.graph[id].Op == Op.Convert && this.graph[this.graph[id].Args[0]].Type.IsInteger())
        {
            id = this.graph[id].Args[0];
        }

        string text = this.Print(id);
        return this.graph[id].Op is Op.Constant or Op.Parameter or Op.Length ? text : "(" + text + ")";
    }

    /// <summary>
    /// The indexes of an element read at row-major <paramref name="position"/>: <c>i, j</c> for <c>i * Lengths[1] + j</c>
    /// of two checked indexes, else the position itself.
    /// </summary>
    private void Indexes(List<(int Node, int Outer, string? Text)> pieces, int position)
    {
        Node node = this.graph[position];
        if (node.Op == Op.Add && this.graph[node.Args[0]] is { Op: Op.Multiply } row && this.graph[row.Args[0]].Op == Op.Index && this.graph[node.Args[1]].Op == Op.Index)
        {
            pieces.Add((this.graph[row.Args[0]].Args[0], 0, null));
            pieces.Add((-1, 0, ", "));
            pieces.Add((this.graph[node.Args[1]].Args[0], 0, null));
            return;
        }

        pieces.Add((position, 0, null));
    }

    private static string Parenthesized(string sum) => sum.IndexOf(' ') >= 0 ? "(" + sum + ")" : sum;

    /// <summary>How many elements the slices of a slice domain drop, as C# reads it: <c>1</c>, <c>k + 1</c>, <c>x.Lengths[0] - n</c>.</summary>
    public static string Dropped(Domain domain, System.Func<int, string> name) => Dropped(domain.Terms, domain.Trim, name);

    /// <summary>How many elements a count of run-time <paramref name="terms"/> plus <paramref name="trim"/> comes to, as C# reads it.</summary>
    public static string Dropped(EquatableArray<ExtentTerm> terms, int trim, System.Func<int, string> name)
    {
        var text = new StringBuilder();
        foreach (ExtentTerm term in terms)
        {
            string atom = term.Axis == -1 ? name(term.Parameter)
                : term.Axis == ExtentTerm.FlattenedLength ? name(term.Parameter) + ".FlattenedLength"
                : name(term.Parameter) + ".Lengths[" + term.Axis.ToString(CultureInfo.InvariantCulture) + "]";
            atom = term.Divisor == 1 ? atom : "(" + atom + " / " + term.Divisor.ToString(CultureInfo.InvariantCulture) + ")";
            long magnitude = System.Math.Abs(term.Coefficient);
            text.Append(text.Length == 0 ? (term.Coefficient < 0 ? "-" : string.Empty) : term.Coefficient < 0 ? " - " : " + ");
            text.Append(magnitude == 1 ? atom : magnitude.ToString(CultureInfo.InvariantCulture) + " * " + atom);
        }

        if (text.Length == 0 || trim != 0)
        {
            text.Append(text.Length == 0 ? trim.ToString(CultureInfo.InvariantCulture) : (trim < 0 ? " - " : " + ") + System.Math.Abs((long)trim).ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>The element count of a domain: <c>n</c> when there is one domain, else <c>n(x)</c>.</summary>
    public string Count(int domain)
    {
        Domain d = this.graph.Domains[domain];
        if (d.IsMatrix)
        {
            return this.Dimension(d.Rows!) + "·" + this.Dimension(d.Columns!);
        }

        if (d.IsLoopShape)
        {
            return "n(broadcast " + d.Shape.ToString(CultureInfo.InvariantCulture) + ")";
        }

        if (d.IsSlice)
        {
            return "(n(" + this.parameters[d.Parameter].Name + ") - " + Parenthesized(Dropped(d, p => this.parameters[p].Name)) + ")";
        }

        return this.graph.Domains.Count == 1 ? "n" : "n(" + this.parameters[d.Parameter].Name + ")";
    }

    /// <summary>A run-time dimension: <c>rows(x)</c> or <c>cols(x)</c>.</summary>
    public string Dimension(Dim dim)
        => dim.IsOne ? "1"
            : dim.IsRunTimeSlice ? "(" + (dim.Axis == 0 ? "rows(" : "cols(") + this.parameters[dim.Parameter].Name + ") - " + Parenthesized(Dropped(dim.Terms, dim.Trim, p => this.parameters[p].Name)) + ")"
            : dim.IsReshape ? "len" + dim.Axis.ToString(CultureInfo.InvariantCulture) + "(" + this.Reshape(dim) + ")"
            : (dim.Trim > 0 ? "(" : string.Empty) + (dim.Axis == 0 ? "rows(" : "cols(") + this.parameters[dim.Parameter].Name + ")"
                + (dim.Trim > 0 ? " - " + dim.Trim.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty);

    /// <summary>The call a reshape dimension comes from, as written: <c>Reshape(x, n, -1)</c>.</summary>
    public string Reshape(Dim dim) => ReshapeCall(dim, p => this.parameters[p].Name);

    /// <summary>The call a reshape dimension comes from, naming parameters with <paramref name="name"/>.</summary>
    public static string ReshapeCall(Dim dim, System.Func<int, string> name)
    {
        var text = new StringBuilder("Reshape(").Append(name(dim.Parameter));
        foreach (ExtentTerm length in dim.Reshape)
        {
            text.Append(", ").Append(ReshapeLength(length, name));
        }

        return text.Append(')').ToString();
    }

    /// <summary>One length of a reshape: a constant, an int parameter or a size.</summary>
    public static string ReshapeLength(ExtentTerm length, System.Func<int, string> name)
        => length.Parameter < 0 ? length.Coefficient.ToString(CultureInfo.InvariantCulture)
            : length.Axis < 0 ? name(length.Parameter)
            : name(length.Parameter) + ".Lengths[" + length.Axis.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Prints a node whole; nodes with a name are printed as their name.</summary>
    public string Print(int id)
    {
        var text = new StringBuilder();
        this.Write(text, id, 0, int.MaxValue, int.MaxValue);
        return text.ToString();
    }

    /// <summary>Prints the node at the top, and its operands by name when they have one.</summary>
    public string PrintShallow(int id)
    {
        string? own = null;
        if (this.names.TryGetValue(id, out string? name))
        {
            own = name;
            this.names.Remove(id);
        }

        string text = this.Print(id);
        if (own is not null)
        {
            this.names[id] = own;
        }

        return text;
    }

    /// <summary>
    /// Appends the text of node <paramref name="root"/> as an operand of precedence <paramref name="outer"/>, with an
    /// explicit stack rather than recursion, so an expression thousands of operations deep cannot overflow the stack.
    /// Stops once the text is longer than <paramref name="stop"/>; operands deeper than <paramref name="maxDepth"/>
    /// print as an ellipsis, and operands named in <paramref name="locals"/> by that name.
    /// </summary>
    private void Write(StringBuilder text, int root, int outer, int stop, int maxDepth, IReadOnlyDictionary<int, string>? locals = null)
    {
        // Pending work, last first: a piece of text (Node -1), or a node to print as an operand of precedence Outer.
        var work = new Stack<(int Node, int Outer, int Depth, string? Text)>();
        work.Push((root, outer, 0, null));
        while (work.Count > 0 && text.Length <= stop)
        {
            (int id, int context, int depth, string? piece) = work.Pop();
            if (piece is not null)
            {
                text.Append(piece);
                continue;
            }

            this.Visits++;
            if (this.names.TryGetValue(id, out string? name) || (depth > 0 && locals is not null && locals.TryGetValue(id, out name)))
            {
                text.Append(name);
                continue;
            }

            if (depth > maxDepth)
            {
                text.Append('…');
                continue;
            }

            Node node = this.graph[id];
            Primitive primitive = Primitives.Of(node.Op);
            int precedence = primitive.Precedence;
            int below = depth + 1;
            switch (node.Op)
            {
                case Op.Parameter:
                    text.Append(this.parameters[node.Parameter].Name);
                    continue;
                case Op.Constant when node.Type.IsInteger():
                    text.Append(node.Integer().ToString(CultureInfo.InvariantCulture));
                    continue;
                case Op.Constant:
                    ElementKind kind = node.Type.Floating(this.element);
                    text.Append(Number(kind == ElementKind.Float ? (float)node.Value : node.Value, kind));
                    continue;
                case Op.Count:
                    text.Append(this.graph.Domains[node.Parameter].IsMatrix && context > 6 ? "(" + this.Count(node.Parameter) + ")" : this.Count(node.Parameter));
                    continue;
                case Op.Length:
                    text.Append(this.parameters[node.Parameter].Name + (node.Bits == -2 ? ".FlattenedLength" : node.Bits < 0 ? ".Rank" : ".Lengths[" + node.Bits.ToString(CultureInfo.InvariantCulture) + "]"));
                    continue;
                case Op.Slice when node.Arity >= 3:
                    text.Append(this.parameters[node.Parameter].Name + this.WindowText(node));
                    continue;
                case Op.Slice when this.graph[node.Args[1]].Op == Op.Constant:
                    // A whole vector read as a slice (meeting one) is printed whole.
                    text.Append(this.parameters[node.Parameter].Name + (node.Value == 0 ? string.Empty : SliceText(node.Bits, (int)node.Value)));
                    continue;
                case Op.Expand when node.IsReshapeView():
                    // A reshape reads its parameter's elements in order: named so, since its rows are not the parameter's.
                    text.Append("reshape(" + this.parameters[node.Parameter].Name + ")");
                    continue;
                case Op.Broadcast:
                case Op.Expand:
                case Op.Stretch:
                case Op.Index:
                case Op.SliceBounds:
                case Op.LoopBroadcast:
                case Op.LoopIndex:
                    // Printed as its operand, at the same depth: these add no operation a reader would see.
                    work.Push((node.Args[0], context, depth, null));
                    continue;
            }

            // The node's pieces, in reading order; then pushed in reverse.
            var pieces = new List<(int Node, int Outer, string? Text)>(7);
            switch (primitive.Print)
            {
                case Form.Prefix:
                    pieces.Add((-1, 0, primitive.Symbol));
                    pieces.Add((node.Args[0], precedence + 1, null));
                    break;
                case Form.Infix:
                    // Left-associative: the right operand of - and / needs parentheses at equal precedence.
                    pieces.Add((node.Args[0], precedence, null));
                    pieces.Add((-1, 0, " " + primitive.Symbol + " "));
                    pieces.Add((node.Args[1], precedence + 1, null));
                    break;
                case Form.Call:
                    // The adjoint of a reshape is the reshape back to the parameter's shape.
                    pieces.Add((-1, 0, (node.IsReshapeView() ? "ReshapeBack" : primitive.Printed) + "("));
                    for (int a = 0; a < node.Arity; a++)
                    {
                        if (a > 0)
                        {
                            pieces.Add((-1, 0, ", "));
                        }

                        pieces.Add((node.Args[a], 0, null));
                    }

                    pieces.Add((-1, 0, ")"));
                    break;
                case Form.Special when node.Op == Op.Convert:
                    pieces.Add((-1, 0, "(" + node.Type.Keyword(this.element) + ")"));
                    pieces.Add((node.Args[0], precedence + 1, null));
                    break;
                case Form.Special when node.Op == Op.Select:
                    precedence = 0;
                    pieces.Add((node.Args[0], 1, null));
                    pieces.Add((-1, 0, " ? "));
                    pieces.Add((node.Args[1], 1, null));
                    pieces.Add((-1, 0, " : "));
                    pieces.Add((node.Args[2], 0, null));
                    break;
                case Form.Special when node.Op.IsAxisReduction():
                    pieces.Add((-1, 0, primitive.Printed + "("));
                    pieces.Add((node.Args[0], 0, null));
                    pieces.Add((-1, 0, ", " + node.Parameter.ToString(CultureInfo.InvariantCulture) + ")"));
                    break;
                case Form.Special when node.Op == Op.MiddleAxis:
                    pieces.Add((-1, 0, MiddleAxisFunction(node.Parameter) + "("));
                    pieces.Add((node.Args[0], 0, null));
                    pieces.Add((-1, 0, ", 1)"));
                    break;
                case Form.Special when node.Op == Op.MiddleAxisAdjoint:
                    // The gradient of f(u, 1) from u, f(u, 1) and its adjoint.
                    pieces.Add((-1, 0, MiddleAxisFunction(node.Parameter) + "Adjoint("));
                    for (int a = 0; a < node.Arity; a++)
                    {
                        pieces.Add((-1, 0, a > 0 ? ", " : string.Empty));
                        pieces.Add((node.Args[a], 0, null));
                    }

                    pieces.Add((-1, 0, ", 1)"));
                    break;
                case Form.Special when node.Op == Op.OneHot:
                    pieces.Add((-1, 0, "OneHot(" + this.parameters[node.Parameter].Name + ")"));
                    break;
                case Form.Special when node.Op == Op.Slice:
                    // Bounds known at run time: the elements from the start, as many as the slice's domain counts.
                    pieces.Add((-1, 0, this.parameters[node.Parameter].Name + "["));
                    pieces.Add((node.Args[1], 0, null));
                    pieces.Add((-1, 0, "..][.." + this.Count(node.Domain) + "]"));
                    break;
                case Form.Special when node.Op == Op.Pad && node.Arity >= 3:
                    pieces.Add((-1, 0, "Pad" + this.WindowText(node) + "("));
                    pieces.Add((node.Args[0], 0, null));
                    pieces.Add((-1, 0, ")"));
                    break;
                case Form.Special when node.Op == Op.Pad && this.graph[node.Args[1]].Op != Op.Constant:
                    pieces.Add((-1, 0, "Pad["));
                    pieces.Add((node.Args[1], 0, null));
                    pieces.Add((-1, 0, "..]("));
                    pieces.Add((node.Args[0], 0, null));
                    pieces.Add((-1, 0, ")"));
                    break;
                case Form.Special when node.Op == Op.Pad:
                    // Placed at the slice's elements of the parameter: Pad[1..](u) is u at x[1..], 0 elsewhere.
                    pieces.Add((-1, 0, "Pad" + SliceText(node.Bits, (int)node.Value) + "("));
                    pieces.Add((node.Args[0], 0, null));
                    pieces.Add((-1, 0, ")"));
                    break;
                case Form.Special when node.Op == Op.Element:
                    pieces.Add((-1, 0, this.parameters[node.Parameter].Name + "["));
                    this.Indexes(pieces, node.Args[1]);
                    for (int a = 2; a < node.Arity; a++)
                    {
                        // An int tensor read with several indexes: idx[i, j].
                        pieces.Add((-1, 0, ", "));
                        pieces.Add((node.Args[a], 0, null));
                    }

                    pieces.Add((-1, 0, "]"));
                    break;
                case Form.Special when node.Op == Op.Scatter:
                    // Placed at one element: Scatter[k](u) is u at element k, 0 elsewhere.
                    pieces.Add((-1, 0, "Scatter["));
                    this.Indexes(pieces, node.Args[1]);
                    pieces.Add((-1, 0, "]("));
                    pieces.Add((node.Args[0], 0, null));
                    pieces.Add((-1, 0, ")"));
                    break;
                case Form.Special when node.Op == Op.Pick:
                    pieces.Add((-1, 0, "Pick("));
                    pieces.Add((node.Args[0], 0, null));
                    pieces.Add((-1, 0, ", " + this.parameters[node.Parameter].Name + ")"));
                    break;
                case Form.Special when node.Op == Op.MatMul:
                    pieces.Add((-1, 0, "MatMul("));
                    pieces.Add((node.Args[0], (node.Parameter & 1) != 0 ? 9 : 0, null));
                    pieces.Add((-1, 0, (node.Parameter & 1) != 0 ? "ᵀ, " : ", "));
                    pieces.Add((node.Args[1], (node.Parameter & 2) != 0 ? 9 : 0, null));
                    pieces.Add((-1, 0, (node.Parameter & 2) != 0 ? "ᵀ)" : ")"));
                    break;
                default:
                    throw OpFacts.Unexpected(node.Op);
            }

            bool parenthesized = precedence < context;
            if (parenthesized)
            {
                work.Push((-1, 0, 0, ")"));
            }

            for (int i = pieces.Count - 1; i >= 0; i--)
            {
                work.Push((pieces[i].Node, pieces[i].Outer, below, pieces[i].Text));
            }

            if (parenthesized)
            {
                text.Append('(');
            }
        }
    }

    public static string Number(double value, ElementKind element)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "∞";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-∞";
        }

        return element == ElementKind.Float
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Prints several expressions that share subexpressions: a shared, non-trivial node is printed once as
    /// <c>t1 = ...</c> and referred to by name, so the text stays linear in the graph's size.
    /// </summary>
    public static List<string> PrintShared(Graph graph, EquatableArray<ParameterModel> parameters, ElementKind element, IReadOnlyList<(string Label, int Node)> roots)
        => PrintShared(graph, parameters, element, roots, out _);

    /// <summary>Prints as the overload above does, and says in <paramref name="visits"/> how many nodes it printed.</summary>
    public static List<string> PrintShared(Graph graph, EquatableArray<ParameterModel> parameters, ElementKind element, IReadOnlyList<(string Label, int Node)> roots, out long visits)
    {
        var uses = new int[graph.Count];
        var seen = new bool[graph.Count];
        var stack = new Stack<int>();
        foreach ((_, int root) in roots)
        {
            stack.Push(root);
        }

        while (stack.Count > 0)
        {
            int id = stack.Pop();
            Node node = graph[id];
            foreach (int arg in node.Args)
            {
                uses[arg]++;
                if (!seen[arg])
                {
                    seen[arg] = true;
                    stack.Push(arg);
                }
            }
        }

        var names = new Dictionary<int, string>();
        var lines = new List<string>();
        var printer = new Printer(graph, parameters, element, names);
        for (int id = 0; id < graph.Count; id++)
        {
            Node node = graph[id];
            // Leaves, and nodes printed as their operand, are never worth a name of their own.
            bool trivial = node.Arity == 0 || node.Op is Op.Broadcast or Op.StopGradient or Op.Expand or Op.Stretch;
            if (uses[id] > 1 && !trivial)
            {
                string name = "t" + (names.Count + 1).ToString(CultureInfo.InvariantCulture);
                lines.Add(name + " = " + printer.Print(id));
                names[id] = name;
            }
        }

        var result = new List<string>();
        foreach ((string label, int root) in roots)
        {
            result.Add(label + " = " + printer.PrintShallow(root));
        }

        visits = printer.Visits;
        if (lines.Count > 0)
        {
            result.Add("where");
            foreach (string line in lines)
            {
                result.Add("  " + line);
            }
        }

        return result;
    }
}
