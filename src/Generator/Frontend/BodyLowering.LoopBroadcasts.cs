using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// Broadcasting in a method with loops or branches, where whole-tensor work runs as loops over elements: tensors of
/// different shapes that meet element-wise (<c>s + bias</c> with <c>s</c> <c>[r, c]</c> and <c>bias</c> <c>[c]</c>)
/// make a domain of their broadcast shape, computed when the method is called (see <see cref="LoopShape"/>). Each loop
/// over elements is preceded by a <see cref="ShapeTest"/> of every broadcast and check it relies on, so shapes that do
/// not broadcast throw where the statement that meets them runs, as C# throws there, naming both operands and both
/// shapes; a statement that does not run checks nothing. The loop runs over that shape; the
/// smaller operand, wrapped in <see cref="Op.LoopBroadcast"/>, is read at the index a run-time map gives for each
/// element (stride 0 along its stretched axes), so its adjoint adds up over those axes where the element reads scatter.
/// Two parameters of one shape pay a map that returns k itself.
/// </summary>
internal sealed partial class BodyLowering
{
    private readonly List<LoopShape> loopShapes = new();

    // The shape tests of the loop over elements being built, in the order they run, and those added ahead of it already.
    private readonly List<int> pendingShapeTests = new();
    private readonly HashSet<int> flushedShapeTests = new();

    // The entry of loopShapes that computes each domain's shape, by the domain (a parameter's or a broadcast).
    private readonly Dictionary<int, int> loopShapeOf = new();

    // The broadcast domain of two entries, and the index map from one entry into another.
    private readonly Dictionary<(int, int), int> broadcastDomains = new();
    private readonly Dictionary<(int, int), int> loopIndexes = new();

    /// <summary>
    /// Aligns two tensors of different shape classes in a method with loops or branches: both read in the domain of
    /// their broadcast. False where they are not both whole parameter shapes or broadcasts of them (the caller goes
    /// on as without loops), or where they must have one shape (a conditional's sides, Dot's operands) and are both
    /// parameters (the caller merges their shape classes, with a check).
    /// </summary>
    private bool AlignInLoops(ref int left, ref int right, int a, int b, SyntaxNode where)
    {
        if (this.controlFlow is null || !this.IsLoopOperand(a) || !this.IsLoopOperand(b))
        {
            return false;
        }

        (string leftText, string rightText) = where switch
        {
            BinaryExpressionSyntax binary => (OneLine(binary.Left.ToString()), OneLine(binary.Right.ToString())),
            ConditionalExpressionSyntax conditional => (OneLine(conditional.WhenTrue.ToString()), OneLine(conditional.WhenFalse.ToString())),
            _ => (this.LoopShapeText(a), this.LoopShapeText(b)),
        };
        if (where is ConditionalExpressionSyntax or SwitchExpressionArmSyntax || this.shapes.OneShape)
        {
            // C# picks one side whole, and Dot and Mse pair elements one to one, as run eagerly: one shape, checked where
            // the elements are read. Two parameters keep shape classes of their own: either is counted alone elsewhere.
            this.loopShapes.Add(new LoopShape(LoopShapeKind.Same, First: this.LoopShapeOf(a), Second: this.LoopShapeOf(b), FirstText: leftText, SecondText: rightText));
            right = this.graph.Add(new Node(Op.LoopBroadcast, EquatableArray.Create(right), a, Parameter: this.loopShapes.Count - 1));
            return true;
        }

        int domain = this.BroadcastDomain(a, b, leftText, rightText, where);
        left = domain == a ? left : this.WrapInLoops(left, domain);
        right = domain == b ? right : this.WrapInLoops(right, domain);
        return true;
    }

    /// <summary>
    /// Requires a tensor of shape class <paramref name="domain"/> assigned to a tensor local that holds
    /// <paramref name="held"/> to have that shape: a check where the assignment runs, ahead of its loop. False when
    /// either is not a parameter's shape or a broadcast (the caller merges the two shape classes, as without loops).
    /// </summary>
    private bool KeepShapeInLoops(int held, int domain, string local, string value)
    {
        held = this.Find(held);
        domain = this.Find(domain);
        if (held == domain || !this.IsLoopOperand(held) || !this.IsLoopOperand(domain))
        {
            return false;
        }

        int first = this.LoopShapeOf(held);
        int second = this.LoopShapeOf(domain);
        if (first != second)
        {
            this.loopShapes.Add(new LoopShape(LoopShapeKind.Keeps, First: first, Second: second, FirstText: local, SecondText: OneLine(value)));
            this.RequireShape(this.loopShapes.Count - 1);
        }

        return true;
    }

    /// <summary>Adds the shape tests required so far (see <see cref="RequireShape"/>), in order, ahead of what needs them.</summary>
    private void FlushShapeTests(List<Region> parts)
    {
        parts.AddRange(this.pendingShapeTests.Select(entry => new ShapeTest(entry)));
        this.flushedShapeTests.UnionWith(this.pendingShapeTests);
        this.pendingShapeTests.Clear();
    }

    /// <summary>
    /// Adds a <see cref="ShapeTest"/> of entry <paramref name="entry"/>, and first of the broadcasts it is made of, to
    /// the tests of the loop over elements being built (see <see cref="FlushSliceChecks"/>), each once.
    /// </summary>
    private void RequireShape(int entry)
    {
        if (entry < 0)
        {
            return;
        }

        LoopShape shape = this.loopShapes[entry];
        if (shape.Kind == LoopShapeKind.Parameter || this.pendingShapeTests.Contains(entry) || this.flushedShapeTests.Contains(entry))
        {
            return;
        }

        this.RequireShape(shape.First);
        this.RequireShape(shape.Second);

        // A product's shape, a row block's and an axis pass's are worked out, and checked, when the method is called: no test of their own.
        if (shape.Kind is not (LoopShapeKind.Index or LoopShapeKind.Product or LoopShapeKind.Rows or LoopShapeKind.Axis or LoopShapeKind.Transpose or LoopShapeKind.Block or LoopShapeKind.VectorSlice or LoopShapeKind.TransposeIndex or LoopShapeKind.Reshape))
        {
            this.pendingShapeTests.Add(entry);
        }
    }

    /// <summary>The run-time shapes, checks and index maps the body's broadcasts need.</summary>
    private EquatableArray<LoopShape> LoopShapes => this.loopShapes.ToEquatableArray();

    /// <summary>
    /// Element <paramref name="k"/> of <see cref="Op.LoopBroadcast"/> node <paramref name="n"/>: its operand's element at
    /// the mapped index; element k itself where the node stands for a check that the two shapes are one (its
    /// <see cref="Node.Parameter"/>), which the loop runs first.
    /// </summary>
    private int ElementizeBroadcast(Node n, int k, Dictionary<int, int> memo, SyntaxNode at)
    {
        int operand = n.Args[0];
        if (n.Parameter >= 0)
        {
            // The other side of a conditional, or Dot's other operand: of the loop's shape once the test has passed.
            this.RequireShape(n.Parameter);
            return this.Elementize(operand, k, memo, at);
        }

        int from = this.LoopShapeOf(this.Find(this.graph[operand].Domain));
        int to = this.LoopShapeOf(this.Find(n.Domain));
        if (!this.loopIndexes.TryGetValue((from, to), out int map))
        {
            this.loopShapes.Add(new LoopShape(LoopShapeKind.Index, First: from, Second: to));
            map = this.loopShapes.Count - 1;
            this.loopIndexes[(from, to)] = map;
        }

        this.RequireShape(map);
        int position = this.graph.Add(new Node(Op.LoopIndex, EquatableArray.Create(k), -1, Parameter: map, Type: ScalarType.Int));

        // The operand's nodes are read at another index: only the scalars known for the loop carry over.
        var inner = new Dictionary<int, int>();
        foreach (KeyValuePair<int, int> entry in memo)
        {
            if (this.graph[entry.Key].IsScalar)
            {
                inner[entry.Key] = entry.Value;
            }
        }

        return this.Elementize(operand, position, inner, at);
    }

    /// <summary>
    /// Refuses a read of the lengths or elements of a tensor local of a broadcast shape, whose axes no parameter has.
    /// True if <paramref name="tensor"/> is not one.
    /// </summary>
    private bool RequireParameterShape(int tensor, SyntaxNode at)
    {
        if (!this.graph.Domains[this.Find(this.graph[tensor].Domain)].IsLoopShape)
        {
            return true;
        }

        this.Report(DiagnosticDescriptors.UnsupportedExpression, at, "'" + at + "', which reads the lengths or elements of a tensor of a broadcast shape in a method with loops or branches,", "read the lengths and elements of the parameter of the larger shape, or sum the tensor with Sum");
        return false;
    }

    /// <summary>Whether the tensor local or parameter shape class <paramref name="domain"/> can meet another in a broadcast.</summary>
    private bool IsLoopOperand(int domain)
    {
        Domain d = this.graph.Domains[domain];
        return !d.IsMatrix && !d.IsSlice && (d.Parameter >= 0 || d.IsLoopShape);
    }

    private int WrapInLoops(int node, int domain) => this.graph.Add(new Node(Op.LoopBroadcast, EquatableArray.Create(node), domain));

    /// <summary>The domain of the broadcast of shape classes <paramref name="a"/> and <paramref name="b"/>: one of them where it already covers the other.</summary>
    private int BroadcastDomain(int a, int b, string leftText, string rightText, SyntaxNode where)
    {
        int first = this.LoopShapeOf(a);
        int second = this.LoopShapeOf(b);
        if (Covers(this.loopShapes, first, second))
        {
            return a;
        }

        if (Covers(this.loopShapes, second, first))
        {
            return b;
        }

        if (this.broadcastDomains.TryGetValue((first, second), out int known))
        {
            return known;
        }

        this.loopShapes.Add(new LoopShape(LoopShapeKind.Broadcast, First: first, Second: second, FirstText: leftText, SecondText: rightText));
        int entry = this.loopShapes.Count - 1;
        int domain = this.graph.AddDomain(new Domain(-1) { Shape = entry });
        this.Track(domain);
        this.loopShapeOf[domain] = entry;
        this.broadcastDomains[(first, second)] = domain;
        this.loopShapeTexts[entry] = OneLine(where.ToString());
        return domain;
    }

    // What each broadcast entry is, as written, for the exceptions of later broadcasts that meet it.
    private readonly Dictionary<int, string> loopShapeTexts = new();

    private string LoopShapeText(int domain)
    {
        int entry = this.LoopShapeOf(domain);
        return this.loopShapes[entry].Kind == LoopShapeKind.Parameter ? this.parameters[this.loopShapes[entry].Parameter].Name : this.loopShapeTexts[entry];
    }

    /// <summary>The entry that computes the shape of <paramref name="domain"/>, added for a parameter's the first time.</summary>
    private int LoopShapeOf(int domain)
    {
        domain = this.Find(domain);
        if (this.loopShapeOf.TryGetValue(domain, out int entry))
        {
            return entry;
        }

        int parameter = this.graph.Domains[domain].Parameter;
        entry = this.loopShapes.FindIndex(s => s.Kind == LoopShapeKind.Parameter && s.Parameter == parameter);
        if (entry < 0)
        {
            this.loopShapes.Add(new LoopShape(LoopShapeKind.Parameter, Parameter: parameter));
            entry = this.loopShapes.Count - 1;
        }

        this.loopShapeOf[domain] = entry;
        return entry;
    }

    /// <summary>Whether shape entry <paramref name="outer"/> is <paramref name="inner"/> or a broadcast of it with others: then it is at least as large along every axis.</summary>
    /// <remarks>Entries share operands, so the walk visits each entry once rather than each path to it.</remarks>
    private static bool Covers(List<LoopShape> shapes, int outer, int inner)
    {
        var visited = new bool[shapes.Count];
        var pending = new Stack<int>();
        pending.Push(outer);
        while (pending.Count > 0)
        {
            int entry = pending.Pop();
            if (entry == inner)
            {
                return true;
            }

            if (!visited[entry] && shapes[entry].Kind == LoopShapeKind.Broadcast)
            {
                visited[entry] = true;
                pending.Push(shapes[entry].First);
                pending.Push(shapes[entry].Second);
            }
        }

        return false;
    }
}
