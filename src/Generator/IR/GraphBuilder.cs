using System.Collections.Generic;
using System.Collections.Immutable;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.IR;

/// <summary>
/// Builds a <see cref="Graph"/> one node at a time. Structurally equal nodes are created once (hash-consing), so
/// common subexpressions are shared from the start and later stages can compare nodes by index.
/// </summary>
internal sealed class GraphBuilder
{
    private readonly List<Node> nodes = new();
    private readonly List<string> notes = new();
    private readonly List<Domain> domains = new();
    private readonly Dictionary<Node, int> index = new();

    public GraphBuilder()
    {
    }

    public GraphBuilder(IEnumerable<Domain> domains) => this.domains.AddRange(domains);

    /// <summary>The rule text attached to nodes created from now on (see <see cref="Graph.Notes"/>).</summary>
    public string CurrentNote { get; set; } = string.Empty;

    public int Count => this.nodes.Count;

    public Node this[int id] => this.nodes[id];

    public IReadOnlyList<Domain> Domains => this.domains;

    public int DomainOf(int parameter)
    {
        for (int i = 0; i < this.domains.Count; i++)
        {
            if (this.domains[i].Parameter == parameter && !this.domains[i].IsSlice)
            {
                return i;
            }
        }

        this.domains.Add(new Domain(parameter));
        return this.domains.Count - 1;
    }

    /// <summary>The domain of the slices of vector parameter <paramref name="parameter"/> that drop <paramref name="trim"/> elements, created if new.</summary>
    public int SliceDomain(int parameter, int trim, EquatableArray<ExtentTerm> terms = default)
    {
        var domain = new Domain(parameter, Trim: trim, Terms: terms);
        int index = this.domains.IndexOf(domain);
        if (index >= 0)
        {
            return index;
        }

        this.domains.Add(domain);
        return this.domains.Count - 1;
    }

    /// <summary>The index of <paramref name="domain"/>, added if new.</summary>
    public int AddDomain(Domain domain)
    {
        int index = this.domains.IndexOf(domain);
        if (index >= 0)
        {
            return index;
        }

        this.domains.Add(domain);
        return this.domains.Count - 1;
    }

    /// <summary>The matrix domain with these dimensions, created if new.</summary>
    public int MatrixDomain(Dim rows, Dim columns)
    {
        var domain = Domain.Matrix(rows, columns);
        int index = this.domains.IndexOf(domain);
        if (index >= 0)
        {
            return index;
        }

        this.domains.Add(domain);
        return this.domains.Count - 1;
    }

    /// <summary>The rows and columns of a node in a matrix domain.</summary>
    public (Dim Rows, Dim Columns) MatrixDims(int node)
    {
        Domain domain = this.domains[this.nodes[node].Domain];
        return domain.IsMatrix ? (domain.Rows!, domain.Columns!) : throw new System.InvalidOperationException("Node " + node + " is not a matrix.");
    }

    /// <summary>The product <c>op(a) · op(b)</c>; <paramref name="flags"/> 1 transposes a, 2 transposes b.</summary>
    public int MatMul(int a, int b, int flags)
    {
        (Dim aRows, Dim aColumns) = this.MatrixDims(a);
        (Dim bRows, Dim bColumns) = this.MatrixDims(b);
        Dim rows = (flags & 1) != 0 ? aColumns : aRows;
        Dim columns = (flags & 2) != 0 ? bRows : bColumns;
        return this.Add(new Node(Op.MatMul, EquatableArray.Create(a, b), this.MatrixDomain(rows, columns), Parameter: flags));
    }

    public int Transpose(int a)
    {
        (Dim rows, Dim columns) = this.MatrixDims(a);
        return this.Add(new Node(Op.Transpose, EquatableArray.Create(a), this.MatrixDomain(columns, rows)));
    }

    /// <summary>
    /// Matrix <paramref name="operand"/> reduced along <paramref name="axis"/> (0 or 1) by <paramref name="op"/>, into
    /// <paramref name="domain"/>: the reduced shape, [rows, 1] or [1, rows] for axis 1 and [1, columns] for axis 0.
    /// </summary>
    public int ReduceAxis(Op op, int operand, int axis, int domain)
        => this.Add(new Node(op, EquatableArray.Create(operand), domain, Parameter: axis));

    /// <summary>
    /// The reduced shape of a <paramref name="rows"/> x <paramref name="columns"/> matrix along <paramref name="axis"/>: a size-1 dimension with
    /// <paramref name="keepDims"/>, else the vector of results, which broadcasts as [1, n].
    /// </summary>
    public int ReducedDomain(Dim rows, Dim columns, int axis, bool keepDims)
    {
        return axis == 0 ? this.MatrixDomain(Dim.One, columns) : keepDims ? this.MatrixDomain(rows, Dim.One) : this.MatrixDomain(Dim.One, rows);
    }

    /// <summary>
    /// <paramref name="operand"/>, one value per row (<paramref name="axis"/> 1) or per column (0) of
    /// <paramref name="domain"/>, repeated along that axis.
    /// </summary>
    /// <remarks>An <paramref name="axis"/> of -1 leaves <paramref name="operand"/> as it is: it already has the shape.</remarks>
    public int Stretch(int operand, int axis, int domain)
        => axis < 0 ? operand
            : this.nodes[operand].IsScalar ? this.Broadcast(operand, domain)
            : this.Add(new Node(Op.Stretch, EquatableArray.Create(operand), domain, Parameter: axis));

    public int Add(Node node)
    {
        if (this.index.TryGetValue(node, out int existing))
        {
            return existing;
        }

        this.nodes.Add(node);
        this.notes.Add(this.CurrentNote);
        this.index.Add(node, this.nodes.Count - 1);
        return this.nodes.Count - 1;
    }

    public int Parameter(int parameter, int domain) => this.Add(new Node(Op.Parameter, EquatableArray<int>.Empty, domain, Parameter: parameter));

    public int Constant(double value) => this.Add(new Node(Op.Constant, EquatableArray<int>.Empty, -1, Value: value));

    /// <summary>A constant of <paramref name="type"/>: an integer type keeps <paramref name="value"/> truncated, exactly, in its bits.</summary>
    public int Constant(double value, ScalarType type)
        => type.IsInteger() ? this.Integer(new System.Numerics.BigInteger(value), type) : this.Add(new Node(Op.Constant, EquatableArray<int>.Empty, -1, Value: value, Type: type));

    /// <summary>An integer constant; <paramref name="value"/> must fit <paramref name="type"/>.</summary>
    public int Integer(System.Numerics.BigInteger value, ScalarType type)
    {
        long bits = type == ScalarType.ULong ? unchecked((long)(ulong)value) : (long)value;
        return this.Add(new Node(Op.Constant, EquatableArray<int>.Empty, -1, Value: (double)value, Type: type, Bits: bits));
    }

    /// <summary>Scalar <paramref name="operand"/> converted to <paramref name="type"/>; itself when it already has that type.</summary>
    public int Convert(int operand, ScalarType type, Overflow overflow)
    {
        if (this.nodes[operand].Type == type)
        {
            return operand;
        }

        // The context matters only where a conversion can overflow: into an integer type too narrow for every value.
        ScalarType from = this.nodes[operand].Type;
        bool widening = from.IsInteger() && type.IsInteger() && type.Range().Min <= from.Range().Min && type.Range().Max >= from.Range().Max;
        return this.Add(new Node(Op.Convert, EquatableArray.Create(operand), -1, Type: type, Overflow: type.IsInteger() && !widening ? overflow : Overflow.Default));
    }

    public int ElementCount(int domain) => this.Add(new Node(Op.Count, EquatableArray<int>.Empty, -1, Parameter: domain));

    /// <summary>A node of <paramref name="op"/> over <paramref name="args"/>, taking its domain and type from them.</summary>
    public int Make(Op op, params int[] args) => this.Make(op, Overflow.Default, args);

    /// <summary>
    /// A node of <paramref name="op"/> over <paramref name="args"/>. Its type is its operands' (a condition's is the
    /// element type); a constant operand of another type (a 0, 1 or 2 a rule or identity wrote) takes the operands'
    /// type, but two computed operands of different types are a bug: C# would have converted one.
    /// </summary>
    public int Make(Op op, Overflow overflow, params int[] args)
    {
        ScalarType type = this.Unify(op, args);
        PrimitiveKind kind = Primitives.Of(op).Kind;
        int domain = -1;
        if (kind is PrimitiveKind.Elementwise or PrimitiveKind.Comparison)
        {
            // The shape of the first tensor operand: element-wise operands share one domain, or are scalars.
            foreach (int arg in args)
            {
                if (this.nodes[arg].Domain >= 0)
                {
                    domain = this.nodes[arg].Domain;
                    break;
                }
            }
        }

        ScalarType result = kind is PrimitiveKind.Comparison or PrimitiveKind.Logic or PrimitiveKind.Reduction ? ScalarType.Element : type;
        return this.Add(new Node(op, new EquatableArray<int>(ImmutableArray.Create(args)), domain, Type: result, Overflow: result.IsInteger() ? overflow : Overflow.Default));
    }

    /// <summary>The type <paramref name="op"/>'s value operands share; constants of another type are rewritten to it in <paramref name="args"/>.</summary>
    private ScalarType Unify(Op op, int[] args)
    {
        // A selection's condition and a logic operation's operands are 0/1 conditions, never converted.
        int first = op == Op.Select ? 1 : 0;
        if (op.IsLogic())
        {
            return ScalarType.Element;
        }

        ScalarType? computed = null;
        for (int i = first; i < args.Length; i++)
        {
            Node node = this.nodes[args[i]];
            if (node.Op == Op.Constant)
            {
                continue;
            }

            ScalarType type = node.IsTensor ? ScalarType.Element : node.Type;
            if (computed is { } other && other != type)
            {
                throw new System.InvalidOperationException("Operands of " + op + " have types " + other + " and " + type + ".");
            }

            computed = type;
        }

        ScalarType target = computed ?? this.nodes[args[first]].Type;
        for (int i = first; i < args.Length; i++)
        {
            Node node = this.nodes[args[i]];
            if (node.Op == Op.Constant && node.Type != target)
            {
                args[i] = this.Constant(node.Value, target);
            }
        }

        return target;
    }

    public int Broadcast(int scalar, int domain) => this.Add(new Node(Op.Broadcast, EquatableArray.Create(scalar), domain));

    public Graph ToGraph() => new(
        new EquatableArray<Node>(this.nodes.ToImmutableArray()),
        new EquatableArray<string>(this.notes.ToImmutableArray()),
        new EquatableArray<Domain>(this.domains.ToImmutableArray()));

    /// <summary>Starts a builder holding a copy of <paramref name="graph"/>, with the same node indexes.</summary>
    public static GraphBuilder From(Graph graph)
    {
        var builder = new GraphBuilder(graph.Domains);
        for (int i = 0; i < graph.Count; i++)
        {
            builder.CurrentNote = graph.Note(i);
            builder.Add(graph[i]);
        }

        builder.CurrentNote = string.Empty;
        return builder;
    }
}
