using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// Whole-tensor work in a method with loops or branches, lowered to loops over elements. A reduction to a scalar
/// (<c>Sum</c>, <c>Mean</c>, <c>Dot</c>, <c>Max</c>, <c>Min</c>, <c>LogSumExp</c>, <c>Mse</c>) of an element-wise expression
/// becomes a loop, ahead of its statement, that accumulates the elements into a slot the statement then reads. A tensor
/// local (<c>var h = x0;</c>, then <c>h = h + dt * (a - h * h);</c>) is a local array as long as the tensor assigned to
/// it: each assignment is a loop that writes its elements, so the local-array machinery stores what the reverse sweep
/// needs. Element-wise work reads element <c>k</c> of each operand at the same row-major position, so every tensor
/// that meets another here must have its shape (checked before anything is computed); a scalar is repeated.
/// </summary>
internal sealed partial class BodyLowering
{
    private const string TensorLoopUses = "inside loops and branches, combine tensors of one shape element-wise (+, -, *, /, Square, Exp, Where, ...) with scalars, and reduce them with Sum, Mean, Dot, Max or Min; compute anything else in a [Differentiable] method without loops and pass its value in";

    /// <summary>The array slot of each tensor local.</summary>
    private readonly Dictionary<ISymbol, int> tensorLocals = new(SymbolEqualityComparer.Default);

    /// <summary>The shape class of each tensor local's array slot, from its first assignment: every later one must share it.</summary>
    private readonly Dictionary<int, int> tensorLocalDomains = new();

    /// <summary>Nodes of whole-tensor work that loops over elements compute: not refused as whole-tensor operations.</summary>
    private readonly HashSet<int> elementized = new();

    /// <summary>The scalar each reduction of the statement being lowered became (a slot's read), by node.</summary>
    private readonly Dictionary<int, int> reduced = new();

    /// <summary>
    /// Makes the slots of a tensor local of the method's element type: its elements, as a local array, and their
    /// count. False if the local is not a tensor.
    /// </summary>
    private bool DeclareTensorLocal(ILocalSymbol local, List<Slot> slots, string? name = null)
    {
        if (!TypeFacts.IsTensor(local.Type) || TypeFacts.TensorElement(local.Type, out _, out _) != this.element)
        {
            return false;
        }

        name ??= local.Name;
        int length = slots.Count;
        slots.Add(new Slot(name + "Length", ScalarType.Int, -1, Active: false));
        this.tensorLocals[local.OriginalDefinition] = slots.Count;
        slots.Add(new Slot(name, ScalarType.Element, -1, Active: false, Length: length));
        return true;
    }

    /// <summary>
    /// Whether <paramref name="body"/> may be lowered to regions with whole-tensor work in it: a body with statements of
    /// control flow, one that calls a [Differentiable] method with them (inlined as regions, which it must take too), or
    /// any body lowered as a general form (<see cref="LowersToRegions"/>).
    /// </summary>
    private bool TakesTensorLoops(SyntaxNode body) => this.LowersToRegions || (body is BlockSyntax block && this.HasControlFlow(block)) || this.CallsCalleeWithRegions(body);

    /// <summary>
    /// The read of a tensor local: a tensor node of its shape class that names the array slot. It is never a
    /// <see cref="Op.Parameter"/>, so slices and calls that need a parameter refuse it as a computed value; element reads
    /// take it (<see cref="LowerTensorLocalElement"/>).
    /// </summary>
    private int TensorLocalRead(int slot, int domain)
        => this.graph.Add(new Node(Op.Element, EquatableArray.Create(this.graph.Add(Computation.Read(slot, ScalarType.Element))), domain, Parameter: slot));

    /// <summary>
    /// Lowers <c>var h = e;</c> or <c>h = e;</c> of a tensor local: the loop that writes each element of <c>e</c> into
    /// <c>h</c>'s array. False if <paramref name="statement"/> assigns no tensor local.
    /// </summary>
    private bool LowerTensorAssignment(StatementSyntax statement)
    {
        if (this.tensorLocals.Count == 0)
        {
            return false;
        }

        switch (statement)
        {
            case LocalDeclarationStatementSyntax declaration when declaration.Declaration.Variables.Any(v => this.TensorLocalOf(v) is not null):
                foreach (VariableDeclaratorSyntax variable in declaration.Declaration.Variables)
                {
                    if (this.TensorLocalOf(variable) is { } local && variable.Initializer is { } initializer)
                    {
                        this.AssignTensorLocal(local, initializer.Value, variable);
                    }
                }

                return true;
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax target } assignment }
                when this.scope.Model.GetSymbolInfo(target, this.cancellationToken).Symbol is ILocalSymbol local && this.tensorLocals.ContainsKey(local.OriginalDefinition):
                this.AssignTensorLocal(local, assignment.Right, assignment);
                return true;
            default:
                return false;
        }
    }

    private ILocalSymbol? TensorLocalOf(VariableDeclaratorSyntax variable)
        => this.scope.Model.GetDeclaredSymbol(variable, this.cancellationToken) is ILocalSymbol local && this.tensorLocals.ContainsKey(local.OriginalDefinition) ? local : null;

    private void AssignTensorLocal(ILocalSymbol local, ExpressionSyntax value, SyntaxNode at)
    {
        List<Region> parts = this.regionParts!;
        ControlFlowState state = this.controlFlow!;
        int slot = this.tensorLocals[local.OriginalDefinition];
        this.HoistConditionals(value);
        this.FlushBlock(parts);
        int before = this.graph.Count;
        bool ahead = this.loweringAhead;
        this.loweringAhead = true;
        int tensor = this.Lower(value);
        this.loweringAhead = ahead;
        this.reduced.Clear();
        if (tensor == Poison || this.graph[tensor].IsScalar || !this.RequirePlainDomain(tensor, value))
        {
            state.Poisoned = true;
            this.MarkElementized(before);
            return;
        }

        int domain = this.Find(this.graph[tensor].Domain);
        bool first = !this.tensorLocalDomains.TryGetValue(slot, out int held);
        if (first)
        {
            this.tensorLocalDomains[slot] = domain;
            held = domain;
        }
        else
        {
            // The local keeps one shape: the tensor assigned must have the shape it holds (checked before anything runs).
            if (this.MixesSliceAndWhole(held, domain, value))
            {
                state.Poisoned = true;
                this.MarkElementized(before);
                return;
            }

            if (!this.KeepShapeInLoops(held, domain, local.Name, value.ToString()))
            {
                this.Unify(held, domain);
            }
        }

        if (!this.WriteTensorElements(slot, tensor, held, local.Name, value))
        {
            state.Poisoned = true;
            this.MarkElementized(before);
            return;
        }

        this.scope.Bind(local, this.TensorLocalRead(slot, held));
        this.MarkElementized(before);
    }

    /// <summary>
    /// Adds the loop that writes each element of tensor <paramref name="tensor"/> into array slot <paramref name="slot"/>
    /// (named <paramref name="name"/>), a new array of the count of shape class <paramref name="held"/> unless the tensor
    /// reads the array itself. With <paramref name="map"/> (an index map's entry), element k is the tensor's element at
    /// the index the map gives (a transpose). False, reported, where an element cannot be computed.
    /// </summary>
    private bool WriteTensorElements(int slot, int tensor, int held, string name, ExpressionSyntax value, int map = -1)
    {
        List<Region> parts = this.regionParts!;
        ControlFlowState state = this.controlFlow!;

        // An element of the local read as a scalar operand (h = x * h[0]) is read once, before any element is written.
        var memo = new Dictionary<int, int>();
        if (!this.HoistElementReads(tensor, slot, memo, value))
        {
            return false;
        }

        // A new array where the local may not have one yet; one that reads the local writes its elements in place.
        bool readsItself = Reads(this.graph, tensor, slot);
        int length = this.DomainCount(this.Find(held));

        // The local's shape, and that the value keeps it, tested before the array is made of its length.
        this.FlushShapeTests(parts);
        if (!readsItself)
        {
            parts.Add(new Block(this.Extract(new[] { length }), EquatableArray.Create(state.Slots[slot].Length)));
            parts.Add(new ArrayReset(slot, value.ToString()));
        }

        int counter = this.NewSlot(name + "Position" + (++this.conditionalSlots).ToString(CultureInfo.InvariantCulture), ScalarType.Int);
        int k = this.graph.Add(Computation.Read(counter, ScalarType.Int));
        int read = map < 0 ? k : this.graph.Add(new Node(Op.LoopIndex, EquatableArray.Create(k), -1, Parameter: map, Type: ScalarType.Int));
        int element = this.Elementize(tensor, read, map < 0 ? memo : memo.Where(m => this.graph[m.Key].IsScalar).ToDictionary(m => m.Key, m => m.Value), value);
        if (element == Poison)
        {
            return false;
        }

        // The counter is the index: the reverse sweep restores it for each iteration before the store's adjoint reads it.
        int valueSlot = this.NewSlot(name + "Element" + this.conditionalSlots.ToString(CultureInfo.InvariantCulture), ScalarType.Element);
        var body = new Sequence(EquatableArray.Create<Region>(
            new Block(this.Extract(new[] { element }), EquatableArray.Create(valueSlot)),
            new ArrayStore(slot, EquatableArray.Create(counter), EquatableArray.Create(valueSlot), name + "[k] = element k of " + OneLine(value.ToString()))));
        this.AddElementLoop(parts, counter, length, body, name + " = " + value);
        return true;
    }

    /// <summary>Whether the tensor node <paramref name="node"/> reads tensor local <paramref name="slot"/>.</summary>
    private static bool Reads(GraphBuilder graph, int node, int slot)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (!seen.Add(id))
            {
                continue;
            }

            Node n = graph[id];
            if (n.Op == Op.Element && n.IsTensor && n.Parameter == slot)
            {
                return true;
            }

            foreach (int arg in n.Args)
            {
                stack.Push(arg);
            }
        }

        return false;
    }

    /// <summary>
    /// Lowers each reduction of tensors in <paramref name="expression"/> (outside lambdas and the branches that hoisting
    /// made of its conditionals) to loops over elements ahead of its statement; the expression then reads their slots.
    /// </summary>
    private void HoistTensorReductions(SyntaxNode expression)
    {
        if (this.controlFlow is not { } state || this.regionParts is not { } parts || this.expressionInlines > 0)
        {
            return;
        }

        List<InvocationExpressionSyntax> reductions = this.OutermostReductions(expression).ToList();
        if (reductions.Count == 0)
        {
            return;
        }

        if (HasEmbeddedEffects(expression))
        {
            // The loops go ahead of the statement: they would see the variables before the statement's own writes.
            this.Report(DiagnosticDescriptors.UnsupportedExpression, expression, "An assignment or '++'/'--' inside '" + expression + "', which also reduces a tensor", "make the update in a statement of its own");
            state.Poisoned = true;
            return;
        }

        this.FlushBlock(parts);
        foreach (InvocationExpressionSyntax call in reductions)
        {
            if (this.loweredAhead.ContainsKey(call))
            {
                continue;
            }

            int before = this.graph.Count;
            // The reduction goes ahead of the statement whole: a callee it inlines may add its regions there.
            bool ahead = this.loweringAhead;
            this.loweringAhead = true;
            int value = this.Lower(call);
            this.loweringAhead = ahead;
            this.reduced.Clear();
            int scalar = value == Poison ? Poison : this.Scalarize(value, call);
            this.MarkElementized(before);
            if (scalar == Poison)
            {
                // Reported here: the statement reads the poison without a second diagnostic.
                state.Poisoned = true;
            }

            this.loweredAhead[call] = scalar;
        }
    }

    /// <summary>The outermost calls in <paramref name="node"/> that take a tensor and give a floating scalar: the reductions.</summary>
    private IEnumerable<InvocationExpressionSyntax> OutermostReductions(SyntaxNode node)
    {
        bool Reduces(SyntaxNode n) => n is InvocationExpressionSyntax call
            && this.TypeOf(this.scope.Model.GetTypeInfo(call, this.cancellationToken).Type) is { } type && type.IsFloating()
            && call.ArgumentList.Arguments.Any(a => this.IsTensorExpression(a.Expression))
            && (this.DifferentiableCallee(call, this.scope.Model) is null || !this.IsCallWithRegions(call, this.scope.Model));
        bool Hoisted(SyntaxNode n) => n is LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax or SwitchExpressionSyntax
            || (n is ConditionalExpressionSyntax conditional && !this.IsTensorExpression(conditional))
            || (n is InvocationExpressionSyntax call && this.IsCallWithRegions(call, this.scope.Model))
            || (n is BinaryExpressionSyntax logical && SkipsWhatMayFail(logical));
        return node.DescendantNodesAndSelf(n => n == node || (!Reduces(n) && !Hoisted(n)))
            .Where(n => Reduces(n) && !(n != node && n.Ancestors().TakeWhile(a => a != node).Any(Hoisted)))
            .Cast<InvocationExpressionSyntax>();
    }

    /// <summary>
    /// Whether a node is a tensor, or a reduction of one that no loop computes (one lowered before, which the graph
    /// shares, read again where nothing hoists it: a loop's condition).
    /// </summary>
    private bool IsWholeTensorWork(int id)
    {
        Node node = this.graph[id];
        return node.IsTensor || (node.Op != Op.Element && node.Args.Any(a => this.graph[a].IsTensor));
    }

    private void MarkElementized(int before)
    {
        for (int id = before; id < this.graph.Count; id++)
        {
            this.elementized.Add(id);
        }
    }

    /// <summary>Whether a tensor's shape class is the shape of a parameter: not a matrix of a product, a slice or a row kernel's.</summary>
    private bool RequirePlainDomain(int tensor, SyntaxNode at)
    {
        Domain domain = this.graph.Domains[this.Find(this.graph[tensor].Domain)];
        if (!domain.IsMatrix && (domain.Parameter >= 0 || domain.IsLoopShape))
        {
            return true;
        }

        this.Report(DiagnosticDescriptors.UnsupportedExpression, at, "The tensor '" + at + "' (the shape of a product or an axis reduction), in a method with loops or branches,", TensorLoopUses);
        return false;
    }

    /// <summary>
    /// <paramref name="node"/>, a scalar, with each reduction of tensors in it computed by loops added to the current
    /// regions and read from their slots.
    /// </summary>
    private int Scalarize(int node, SyntaxNode at)
    {
        if (this.reduced.TryGetValue(node, out int done))
        {
            return done;
        }

        Node n = this.graph[node];
        int result;
        if (n.IsTensor)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, at, "The tensor in '" + at + "', in a method with loops or branches,", TensorLoopUses);
            result = Poison;
        }
        else if (n.Op is Op.Sum or Op.Max && n.Arity == 1 && this.graph[n.Args[0]].IsTensor)
        {
            result = !this.RequirePlainDomain(n.Args[0], at) ? Poison : n.Op == Op.Sum ? this.SumLoop(n.Args[0], at) : this.MaxLoops(n.Args[0], at);
        }
        else if (n.Op == Op.Count && this.graph.Domains[this.Find(n.Parameter)].IsSlice)
        {
            // The count of a slice's shape class (a mean's divisor): what its bounds leave, not the whole vector's length.
            result = this.graph.Convert(this.DomainCount(this.Find(n.Parameter)), n.Type, Overflow.Default);
        }
        else if (n.Op == Op.Element || n.Arity == 0)
        {
            // An element read of a parameter, a leaf, or a slot's read: already a scalar of the block.
            result = node;
        }
        else if (n.Args.Any(a => this.graph[a].IsTensor))
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, at, "The operation '" + Primitives.Of(n.Op).Name + "' in '" + at + "', in a method with loops or branches,", TensorLoopUses);
            result = Poison;
        }
        else
        {
            var args = new int[n.Arity];
            bool changed = false;
            for (int i = 0; i < n.Arity; i++)
            {
                args[i] = this.Scalarize(n.Args[i], at);
                if (args[i] == Poison)
                {
                    this.reduced[node] = Poison;
                    return Poison;
                }

                changed |= args[i] != n.Args[i];
            }

            result = changed ? this.graph.Add(n with { Args = EquatableArray.Create(args) }) : node;
        }

        this.reduced[node] = result;
        return result;
    }

    /// <summary>
    /// Element <paramref name="k"/> (an int node) of the element-wise tensor <paramref name="node"/>, as a scalar; each
    /// reduction a scalar operand holds is computed first, by loops of its own.
    /// </summary>
    private int Elementize(int node, int k, Dictionary<int, int> memo, SyntaxNode at)
    {
        if (memo.TryGetValue(node, out int done))
        {
            return done;
        }

        Node n = this.graph[node];
        int result;
        if (n.IsScalar)
        {
            result = this.Scalarize(node, at);
        }
        else if (n.Op == Op.Parameter)
        {
            result = this.graph.Add(new Node(Op.Element, EquatableArray.Create(node, this.graph.Convert(k, ScalarType.Long, Overflow.Default)), -1, Parameter: n.Parameter));
        }
        else if (this.rowBlocks.TryGetValue(node, out ProductOperand? block))
        {
            result = this.RowBlockElement(node, block, k);
        }
        else if (this.matrixBlocks.ContainsKey(node))
        {
            result = this.MatrixBlockElement(node, k);
        }
        else if (n.Op == Op.Slice && !this.graph.Domains[n.Domain].IsMatrix)
        {
            result = this.SliceElement(node, k, this.CountOf(node), at);
        }
        else if (n.Op == Op.Element)
        {
            result = this.ArrayElement(n.Parameter, k);
        }
        else if (n.Op == Op.Broadcast)
        {
            // A scalar repeated: through the memo, which may hold it computed ahead of the loop.
            result = this.Elementize(n.Args[0], k, memo, at);
        }
        else if (n.Op == Op.LoopBroadcast)
        {
            result = this.ElementizeBroadcast(n, k, memo, at);
        }
        else if (Primitives.Of(n.Op).Kind is PrimitiveKind.Elementwise or PrimitiveKind.Comparison or PrimitiveKind.Logic && n.Op is not (Op.Index or Op.SliceBounds))
        {
            var args = new int[n.Arity];
            for (int i = 0; i < n.Arity; i++)
            {
                args[i] = this.Elementize(n.Args[i], k, memo, at);
                if (args[i] == Poison)
                {
                    memo[node] = Poison;
                    return Poison;
                }
            }

            result = this.graph.Add(n with { Args = EquatableArray.Create(args), Domain = -1 });
        }
        else
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, at, "The operation '" + Primitives.Of(n.Op).Name + "' in '" + at + "', in a method with loops or branches,", TensorLoopUses);
            result = Poison;
        }

        memo[node] = result;
        return result;
    }

    /// <summary>The sum of the elements of <paramref name="tensor"/>: a loop that adds them, in order, to a slot.</summary>
    private int SumLoop(int tensor, SyntaxNode at)
    {
        List<Region> parts = this.regionParts!;
        string number = (++this.conditionalSlots).ToString(CultureInfo.InvariantCulture);
        int sum = this.NewSlot("sum" + number, ScalarType.Element);
        int counter = this.NewSlot("sumPosition" + number, ScalarType.Int);
        int k = this.graph.Add(Computation.Read(counter, ScalarType.Int));
        int element = this.Elementize(tensor, k, new Dictionary<int, int>(), at);
        if (element == Poison)
        {
            return Poison;
        }

        int read = this.graph.Add(Computation.Read(sum, ScalarType.Element));
        parts.Add(new Block(this.Extract(new[] { this.graph.Constant(0, ScalarType.Element) }), EquatableArray.Create(sum)));
        Region body = new Block(this.Extract(new[] { this.graph.Make(Op.Add, read, element) }), EquatableArray.Create(sum));
        this.AddElementLoop(parts, counter, this.CountOf(tensor), body, at.ToString());
        return read;
    }

    /// <summary>
    /// The largest element of <paramref name="tensor"/>, with torch.amax's gradient: a loop finds the maximum m (NaN if
    /// an element is NaN; C# throws for no elements), then a second loop adds, over the c elements equal to m, the
    /// element minus its own value (0, with a derivative of 1), so m + that sum / c has m's value and gives each tie
    /// 1/c of the adjoint. An infinite maximum is returned as it is, with no gradient.
    /// </summary>
    private int MaxLoops(int tensor, SyntaxNode at)
    {
        List<Region> parts = this.regionParts!;
        string number = (++this.conditionalSlots).ToString(CultureInfo.InvariantCulture);
        int count = this.CountOf(tensor);
        Domain shape = this.graph.Domains[this.Find(this.graph[tensor].Domain)];
        string owner = shape.IsLoopShape ? OneLine(at.ToString()) : this.parameters[shape.Parameter].Name;
        parts.Add(new Branch(
            this.Extract(new[] { this.graph.Make(Op.Equal, count, this.graph.Integer(0, ScalarType.Int)) }),
            new Throw("new global::System.ArgumentException(\"Max(x) or Min(x) of an empty tensor has no value: the elements it reads have the shape of '" + owner + "', which has no elements. Pass a tensor with at least one element.\", \"" + owner + "\")"),
            new Sequence(EquatableArray<Region>.Empty)));

        int max = this.NewSlot("max" + number, ScalarType.Element);
        int counter = this.NewSlot("maxPosition" + number, ScalarType.Int);
        int k = this.graph.Add(Computation.Read(counter, ScalarType.Int));
        int element = this.Elementize(tensor, k, new Dictionary<int, int>(), at);
        if (element == Poison)
        {
            return Poison;
        }

        int m = this.graph.Add(Computation.Read(max, ScalarType.Element));
        parts.Add(new Block(this.Extract(new[] { this.graph.Constant(double.NegativeInfinity, ScalarType.Element) }), EquatableArray.Create(max)));
        Region findMax = new Block(this.Extract(new[] { this.graph.Make(Op.Maximum, m, this.graph.Make(Op.StopGradient, element)) }), EquatableArray.Create(max));
        this.AddElementLoop(parts, counter, count, findMax, at + ", for the maximum");

        int ties = this.NewSlot("maxTies" + number, ScalarType.Element);
        int shares = this.NewSlot("maxShares" + number, ScalarType.Element);
        int again = this.NewSlot("maxPosition" + number + "b", ScalarType.Int);
        int k2 = this.graph.Add(Computation.Read(again, ScalarType.Int));
        int element2 = this.Elementize(tensor, k2, new Dictionary<int, int>(), at);
        int tieRead = this.graph.Add(Computation.Read(ties, ScalarType.Element));
        int shareRead = this.graph.Add(Computation.Read(shares, ScalarType.Element));
        int zero = this.graph.Constant(0, ScalarType.Element);
        parts.Add(new Block(this.Extract(new[] { zero, zero }), EquatableArray.Create(ties, shares)));
        int tied = this.graph.Make(Op.Equal, element2, m);
        int share = this.graph.Make(Op.Select, tied, this.graph.Make(Op.Subtract, element2, this.graph.Make(Op.StopGradient, element2)), zero);
        Region countTies = new Block(this.Extract(new[] { this.graph.Make(Op.Add, tieRead, tied), this.graph.Make(Op.Add, shareRead, share) }), EquatableArray.Create(ties, shares));
        this.AddElementLoop(parts, again, count, countTies, at + ", for the maximum's ties");

        int finite = this.graph.Make(Op.Less, this.graph.Make(Op.Abs, m), this.graph.Constant(double.PositiveInfinity, ScalarType.Element));
        return this.graph.Make(Op.Select, finite, this.graph.Make(Op.Add, m, this.graph.Make(Op.Divide, shareRead, tieRead)), m);
    }

    /// <summary>The number of elements of a tensor's shape class, as an int.</summary>
    private int CountOf(int tensor) => this.DomainCount(this.Find(this.graph[tensor].Domain));

    /// <summary>The number of elements of shape class <paramref name="domain"/> (a root), as an int.</summary>
    /// <remarks>A broadcast's count is read only where its statement runs: the loop that counts it tests it first.</remarks>
    private int DomainCount(int domain)
    {
        if (this.graph.Domains[domain].IsLoopShape)
        {
            this.RequireShape(this.graph.Domains[domain].Shape);
        }

        return this.graph.Domains[domain].IsSlice
            ? this.SliceCount(this.graph.Domains[domain])
            : this.graph.Add(new Node(Op.Count, EquatableArray<int>.Empty, -1, Parameter: domain, Type: ScalarType.Int));
    }

    /// <summary><c>for (k = 0; k &lt; count; k++) body</c>, with int slot <paramref name="counter"/> as k.</summary>
    private void AddElementLoop(List<Region> parts, int counter, int count, Region body, string text)
    {
        int k = this.graph.Add(Computation.Read(counter, ScalarType.Int));
        this.FlushSliceChecks(parts);
        parts.Add(new Block(this.Extract(new[] { this.graph.Integer(0, ScalarType.Int) }), EquatableArray.Create(counter)));
        Computation condition = this.Extract(new[] { this.graph.Make(Op.Less, k, count) });
        Region step = new Block(this.Extract(new[] { this.graph.Make(Op.Add, k, this.graph.Integer(1, ScalarType.Int)) }), EquatableArray.Create(counter));
        parts.Add(new Loop(condition, body, step, TestAfter: false, "each element k of " + OneLine(text)));
    }

    private static string OneLine(string text) => string.Join(" ", text.Split(new[] { '\r', '\n' }, System.StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
}
