using System.Collections.Generic;
using System.Globalization;
using System.Text;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.IR;

/// <summary>Prints IR as readable math for generated comments and docs: <c>2 / n * (x - target)</c>.</summary>
internal sealed class Printer
{
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

    /// <summary>Prints a node for a one-line comment: whole when short, else cut with an ellipsis.</summary>
    public string Brief(int id, int limit = 96)
    {
        string text = this.Print(id);
        return text.Length <= limit ? text : text.Substring(0, limit - 1) + "…";
    }

    /// <summary>The element count of a domain: <c>n</c> when there is one domain, else <c>n(x)</c>.</summary>
    public string Count(int domain)
    {
        Domain d = this.graph.Domains[domain];
        if (d.IsMatrix)
        {
            return this.Dimension(d.Rows!) + "·" + this.Dimension(d.Columns!);
        }

        return this.graph.Domains.Count == 1 ? "n" : "n(" + this.parameters[d.Parameter].Name + ")";
    }

    /// <summary>A run-time dimension: <c>rows(x)</c> or <c>cols(x)</c>.</summary>
    public string Dimension(Dim dim) => (dim.Axis == 0 ? "rows(" : "cols(") + this.parameters[dim.Parameter].Name + ")";

    public string Print(int id) => this.Print(id, 0);

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

    private string Print(int id, int outer)
    {
        if (this.names.TryGetValue(id, out string? name))
        {
            return name;
        }

        Node node = this.graph[id];
        int precedence = node.Op.Precedence();
        string text;
        switch (node.Op)
        {
            case Op.Parameter:
                return this.parameters[node.Parameter].Name;
            case Op.Constant when node.Type.IsInteger():
                return node.Integer().ToString(CultureInfo.InvariantCulture);
            case Op.Constant:
                ElementKind kind = node.Type.Floating(this.element);
                return Number(kind == ElementKind.Float ? (float)node.Value : node.Value, kind);
            case Op.Count:
                return this.graph.Domains[node.Parameter].IsMatrix && outer > 6 ? "(" + this.Count(node.Parameter) + ")" : this.Count(node.Parameter);
            case Op.Broadcast:
                return this.Print(node.Args[0], outer);
            case Op.Negate:
                text = "-" + this.Print(node.Args[0], precedence + 1);
                break;
            case Op.Not:
                text = "!" + this.Print(node.Args[0], precedence + 1);
                break;
            case Op.Convert:
                text = "(" + node.Type.Keyword(this.element) + ")" + this.Print(node.Args[0], precedence + 1);
                break;
            case Op.Pow:
                text = "Pow(" + this.Print(node.Args[0], 0) + ", " + this.Print(node.Args[1], 0) + ")";
                break;
            case Op.Select:
                precedence = 0;
                text = this.Print(node.Args[0], 1) + " ? " + this.Print(node.Args[1], 1) + " : " + this.Print(node.Args[2], 0);
                break;
            case Op.StopGradient:
                text = "stop(" + this.Print(node.Args[0], 0) + ")";
                break;
            case Op.Expand:
                return this.Print(node.Args[0], outer);
            case Op.Unexpand:
                text = "SumRowsIfRepeated(" + this.Print(node.Args[0], 0) + ")";
                break;
            case Op.MatMul:
                string first = (node.Parameter & 1) != 0 ? this.Print(node.Args[0], 9) + "ᵀ" : this.Print(node.Args[0], 0);
                string second = (node.Parameter & 2) != 0 ? this.Print(node.Args[1], 9) + "ᵀ" : this.Print(node.Args[1], 0);
                text = "MatMul(" + first + ", " + second + ")";
                break;
            default:
                if (node.Op.Symbol() is { } symbol)
                {
                    // Left-associative: the right operand of - and / needs parentheses at equal precedence.
                    text = this.Print(node.Args[0], precedence) + " " + symbol + " " + this.Print(node.Args[1], precedence + 1);
                }
                else
                {
                    text = node.Op.Name() + "(" + this.Print(node.Args[0], 0) + ")";
                }

                break;
        }

        return precedence < outer ? "(" + text + ")" : text;
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
            bool trivial = node.Arity == 0 || node.Op is Op.Broadcast or Op.StopGradient or Op.Expand;
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
