using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// Control flow: a body with loops, branches or an early <c>return</c> becomes a <see cref="IR.StructuredBody"/> of regions.
/// Every local and scalar parameter is a slot; straight-line statements bind slots to nodes as elsewhere, and each
/// control statement ends the current block. <c>break</c>, <c>continue</c> and <c>return</c> set a pending jump, and
/// the statements after one run under a <see cref="Guard"/>, which keeps C#'s order exactly.
/// </summary>
internal sealed partial class BodyLowering
{
    private ControlFlowState? controlFlow;

    /// <summary>
    /// Whether the method is lowered to regions: a scalar method whose body has control flow (or any body, for a general
    /// form), of scalar parameters and tensors (ReadOnlyTensorSpan or Tensor); whole-tensor work in it becomes loops over
    /// elements (see TensorLoops).
    /// </summary>
    private bool TakesRegions(SyntaxNode body)
        => (this.LowersToRegions || (body is BlockSyntax block && HasControlFlow(block)) || this.HasBranchingConditional(body) || HasLocalArrays(body) || this.CallsCalleeWithRegions(body))
            && TypeFacts.Element(this.root.ReturnType) is not null
            && Enumerable.Range(0, this.parameters.Length).All(i => this.parameters[i].Kind is ParameterKind.Scalar or ParameterKind.Constant or ParameterKind.TensorSpan or ParameterKind.Tensor || this.IsIntArrayParameter(i, body))
            && (this.TensorsReadByElement(body) || this.TakesTensorLoops(body))
            && this.CalleesReadTensorsByElement(body, this.scope.Model);

    /// <summary>Whether every use of a tensor parameter in the body reads an element (<c>x[i]</c>) or a size.</summary>
    private bool TensorsReadByElement(SyntaxNode body)
    {
        var tensors = new HashSet<string>(this.parameters.Where(p => p.IsTensor).Select(p => p.Name));
        if (tensors.Count == 0)
        {
            return true;
        }

        foreach (IdentifierNameSyntax name in body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (!tensors.Contains(name.Identifier.ValueText) || name.Parent is MemberAccessExpressionSyntax { Name: var member } && member == name)
            {
                continue;
            }

            bool element = name.Parent is ElementAccessExpressionSyntax access && access.Expression == name;
            bool size = name.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FlattenedLength" or "Lengths" or "Rank" } sizeAccess && sizeAccess.Expression == name;
            bool passed = name.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax call } && this.DifferentiableCallee(call, this.scope.Model) is not null;
            bool iterated = name.Parent is ForEachStatementSyntax loop && loop.Expression == name;
            if (!element && !size && !passed && !iterated)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a body needs regions: a loop, a branch, a jump, or a <c>return</c> before its last statement.</summary>
    private bool HasControlFlow(BlockSyntax body)
    {
        foreach (SyntaxNode node in body.DescendantNodes(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case ForStatementSyntax loop when this.IsIndependentLoop(loop):
                    // Whole-tensor work in disguise (see LoopPatterns.cs): lowered as such.
                    break;
                case IfStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax
                    or SwitchStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax:
                    return true;
                case ReturnStatementSyntax ret when ret.Parent != body || body.Statements.Last() != ret:
                    return true;
            }
        }

        return false;
    }

    private Output? LowerProgram(SyntaxNode body)
    {
        var state = new ControlFlowState();
        this.controlFlow = state;
        for (int i = 0; i < this.root.Parameters.Length; i++)
        {
            ParameterModel parameter = this.parameters[i];
            ScalarType type = parameter.IsTensor || parameter.Kind == ParameterKind.Labels ? ScalarType.Element : this.TypeOf(this.root.Parameters[i].Type) ?? ScalarType.Element;
            if (parameter.Kind == ParameterKind.Labels)
            {
                // An int array or span read by element (TakesRegions): an array slot that is the parameter itself.
                state.Slots.Add(new Slot(parameter.Name, ScalarType.Int, i, Active: false, Length: i));
                this.DeclareIntArrayParameter(i);
                continue;
            }

            state.Slots.Add(new Slot(parameter.Name, type, i, Active: false));
            if (!parameter.IsTensor && parameter.Kind != ParameterKind.Labels)
            {
                state.SlotOf[this.root.Parameters[i].OriginalDefinition] = i;
                if (this.root.PartialImplementationPart is { } implementation)
                {
                    state.SlotOf[implementation.Parameters[i].OriginalDefinition] = i;
                }
            }
        }

        foreach (VariableDeclaratorSyntax variable in body.DescendantNodes(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax)).OfType<VariableDeclaratorSyntax>())
        {
            if (this.scope.Model.GetDeclaredSymbol(variable, this.cancellationToken) is not ILocalSymbol local || local.IsConst || local.Type.TypeKind == TypeKind.Delegate)
            {
                // A delegate local is a lambda, inlined where it is called (see DeclareLambda).
                continue;
            }

            if (this.DeclareArraySlot(local, variable, state.Slots) || this.DeclareTensorLocal(local, state.Slots))
            {
                continue;
            }

            if (this.TypeOf(local.Type) is not { } type || TypeFacts.IsTensor(local.Type))
            {
                this.Report(DiagnosticDescriptors.UnsupportedStatement, variable, "The local '" + local.Name + "' of type '" + local.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "' in a method with loops or branches", "locals in loops and branches are numbers, bool, local arrays, or tensors of the method's element type; compute the rest in a [Differentiable] method without loops");
                continue;
            }

            int slot = state.Slots.Count;
            state.Slots.Add(new Slot(local.Name, type, -1, Active: false));
            state.SlotOf[local.OriginalDefinition] = slot;
            this.scope.Bind(local, this.graph.Add(Computation.Read(slot, type)));
        }

        if (body.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } member)
        {
            // The body lowered is the implementation part's where the method is partial: its writes bind to its own parameters.
            HashSet<ISymbol> assigned = this.AssignedIn(member);
            for (int i = 0; i < this.root.Parameters.Length; i++)
            {
                if (assigned.Contains(this.root.Parameters[i].OriginalDefinition)
                    || (this.root.PartialImplementationPart is { } implementation && assigned.Contains(implementation.Parameters[i].OriginalDefinition)))
                {
                    state.AssignedParameters.Add(i);
                }
            }
        }

        state.Result = state.Slots.Count;
        state.Slots.Add(new Slot("result", ScalarType.Element, -1, Active: false));
        this.CheckArrayUses(body);
        this.scope.Written = state.Written;

        Region region;
        try
        {
            region = body is BlockSyntax block ? this.LowerRegion(block.Statements, out _) : this.LowerReturn((ExpressionSyntax)body, out _);
        }
        catch (System.InsufficientExecutionStackException)
        {
            this.diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedExpression, LocationInfo.From(this.lowering ?? (SyntaxNode)body), "An expression nested this deeply", "compute its inner parts in local variables"));
            return null;
        }
        finally
        {
            this.scope.Written = null;
        }

        if (this.unreadable || state.Poisoned || this.diagnostics.Count > 0)
        {
            return null;
        }

        var program = new StructuredBody(state.Slots.ToEquatableArray(), region, state.Result, Shapes: this.LoopShapes);
        return new Output(new GraphBuilder().ToGraph(), -1, this.shapes.ShapeChecks.ToEquatableArray(), EquatableArray<DimCheck>.Empty, EquatableArray<int>.Empty, program, VectorParameters: this.vectorParameters.ToEquatableArray());
    }

    /// <summary>Statements in order, as one region; <paramref name="exits"/> says what jumps may be pending after it.</summary>
    private Region LowerRegion(IReadOnlyList<StatementSyntax> statements, out Exits exits)
    {
        var parts = new List<Region>();
        exits = Exits.None;
        for (int i = 0; i < statements.Count; i++)
        {
            this.cancellationToken.ThrowIfCancellationRequested();
            StatementSyntax statement = statements[i];
            this.regionParts = parts;
            if (this.LowerTensorAssignment(statement))
            {
                continue;
            }

            int before = this.graph.Count;
            switch (statement)
            {
                case LocalDeclarationStatementSyntax declaration:
                    this.LowerDeclaration(declaration);
                    this.RequireElementReads(statement, before);
                    continue;
                case ExpressionStatementSyntax expression:
                    this.LowerExpressionStatement(expression.Expression);
                    this.RequireElementReads(statement, before);
                    continue;
                case EmptyStatementSyntax:
                case LocalFunctionStatementSyntax:
                    continue;
            }

            this.FlushBlock(parts);
            parts.Add(this.LowerControl(statement, out Exits own));
            exits |= own;
            if (own != Exits.None && i < statements.Count - 1)
            {
                // What follows a possible jump runs only if none is pending.
                Region rest = this.LowerRegion(statements.Skip(i + 1).ToList(), out Exits after);
                parts.Add(new Guard(rest));
                exits |= after;
                return Combine(parts);
            }
        }

        this.FlushBlock(parts);
        return Combine(parts);
    }

    private static Region Combine(List<Region> parts)
        => parts.Count == 1 ? parts[0] : new Sequence(parts.ToEquatableArray());

    private Region LowerControl(StatementSyntax statement, out Exits exits)
    {
        exits = Exits.None;
        ControlFlowState state = this.controlFlow!;
        switch (statement)
        {
            case BlockSyntax block:
                return this.LowerRegion(block.Statements, out exits);
            case CheckedStatementSyntax checkedBlock:
                Overflow outer = this.overflow;
                this.overflow = checkedBlock.IsKind(SyntaxKind.CheckedStatement) ? Overflow.Checked : Overflow.Unchecked;
                Region inner = this.LowerRegion(checkedBlock.Block.Statements, out exits);
                this.overflow = outer;
                return inner;
            case ReturnStatementSyntax ret:
                if (ret.Expression is null)
                {
                    this.unreadable = true;
                    return Empty(out exits);
                }

                return this.LowerReturn(ret.Expression, out exits);
            case BreakStatementSyntax:
                exits = Exits.Loop;
                return new Jump(JumpKind.Break);
            case ContinueStatementSyntax:
                exits = Exits.Loop;
                return new Jump(JumpKind.Continue);
        }

        switch (statement)
        {
            case IfStatementSyntax ifStatement:
                var ifParts = new List<Region>();
                this.regionParts = ifParts;
                this.HoistConditionals(ifStatement.Condition);
                Computation condition = HasEmbeddedEffects(ifStatement.Condition) ? this.LowerConditionWithEffects(ifStatement.Condition, ifParts) : this.LowerCondition(ifStatement.Condition);
                Region then = this.LowerRegion(new[] { ifStatement.Statement }, out Exits thenExits);
                Region otherwise = ifStatement.Else is { } elseClause ? this.LowerRegion(new[] { elseClause.Statement }, out Exits elseExits) : Empty(out elseExits);
                exits = thenExits | elseExits;
                ifParts.Add(new Branch(condition, then, otherwise));
                return Combine(ifParts);
            case WhileStatementSyntax whileLoop when HasEmbeddedEffects(whileLoop.Condition) || ConditionShortCircuits(whileLoop.Condition):
                return this.LowerLoopTestingWithEffects(whileLoop.Condition, whileLoop.Statement, null, "while (" + whileLoop.Condition + ")", out exits);
            case WhileStatementSyntax whileLoop:
                Computation whileCondition = this.LowerCondition(whileLoop.Condition);
                Region whileBody = this.LowerLoopBody(whileLoop.Statement, out exits);
                exits &= Exits.Return;
                return new Loop(whileCondition, whileBody, null, TestAfter: false, "while (" + whileLoop.Condition + ")");
            case DoStatementSyntax doLoop when HasEmbeddedEffects(doLoop.Condition) || ConditionShortCircuits(doLoop.Condition):
                return this.LowerDoTestingInStep(doLoop, out exits);
            case DoStatementSyntax doLoop:
                Region doBody = this.LowerLoopBody(doLoop.Statement, out exits);
                exits &= Exits.Return;
                Computation doCondition = this.LowerCondition(doLoop.Condition);
                return new Loop(doCondition, doBody, null, TestAfter: true, "do ... while (" + doLoop.Condition + ")");
            case ForStatementSyntax forLoop:
                return this.LowerFor(forLoop, out exits);
            case SwitchStatementSyntax switchStatement:
                return this.LowerSwitch(switchStatement, out exits);
            case ForEachStatementSyntax forEach:
                return this.LowerForEach(forEach, out exits);
            default:
                this.ReportControl(statement);
                state.Poisoned = true;
                return new Sequence(EquatableArray<Region>.Empty);
        }
    }

    /// <summary>A <c>return</c> of <paramref name="value"/>: the block that assigns it to the result slot, then the jump.</summary>
    private Region LowerReturn(ExpressionSyntax value, out Exits exits)
    {
        var parts = new List<Region>();
        this.regionParts = parts;
        int before = this.graph.Count;
        this.HoistConditionals(value);
        this.controlFlow!.PendingResult = this.Lower(value);
        this.RequireElementReads(value, before);
        this.FlushBlock(parts);
        parts.Add(new Jump(JumpKind.Return));
        exits = Exits.Return;
        return Combine(parts);
    }

    private static Region Empty(out Exits exits)
    {
        exits = Exits.None;
        return new Sequence(EquatableArray<Region>.Empty);
    }

    private Region LowerFor(ForStatementSyntax forLoop, out Exits exits)
    {
        var parts = new List<Region>();
        this.regionParts = parts;
        int before = this.graph.Count;
        if (forLoop.Declaration is { } declaration)
        {
            foreach (VariableDeclaratorSyntax variable in declaration.Variables)
            {
                if (this.scope.Model.GetDeclaredSymbol(variable, this.cancellationToken) is ILocalSymbol local && variable.Initializer is { } initializer)
                {
                    this.HoistConditionals(initializer.Value);
                    this.scope.Bind(local, this.Lower(initializer.Value));
                }
            }
        }

        foreach (ExpressionSyntax initializer in forLoop.Initializers)
        {
            this.LowerExpressionStatement(initializer);
        }

        this.RequireElementReads(forLoop, before);

        this.FlushBlock(parts);
        Computation? condition = null;
        Region body;
        Exits bodyExits;
        if (forLoop.Condition is { } branching && ConditionShortCircuits(branching))
        {
            // 'i < n && x[i] > 0': the test is the start of the body, with its right operand a branch; a false test breaks out.
            var testing = new List<Region>();
            this.regionParts = testing;
            Computation test = this.LowerConditionWithEffects(branching, testing);
            Region inner = this.LowerLoopBody(forLoop.Statement, out bodyExits);
            testing.Add(new Branch(test, new Sequence(EquatableArray<Region>.Empty), new Jump(JumpKind.Break)));
            testing.Add(new Guard(inner));
            body = Combine(testing);
            bodyExits |= Exits.Loop;
        }
        else
        {
            condition = forLoop.Condition is { } test ? this.LowerCondition(test) : null;
            body = this.LowerLoopBody(forLoop.Statement, out bodyExits);
        }

        var stepParts = new List<Region>();
        this.regionParts = stepParts;
        int beforeStep = this.graph.Count;
        foreach (ExpressionSyntax incrementor in forLoop.Incrementors)
        {
            this.LowerExpressionStatement(incrementor);
        }

        this.RequireElementReads(forLoop, beforeStep);

        this.FlushBlock(stepParts);
        Region? step = stepParts.Count == 0 ? null : Combine(stepParts);

        // After a break or a return the iterators do not run; after a continue they do (the loop resets it first).
        if (step is not null && bodyExits != Exits.None)
        {
            step = new Guard(step);
        }

        string header = "for (" + forLoop.Declaration + string.Join(", ", forLoop.Initializers) + "; " + forLoop.Condition + "; " + string.Join(", ", forLoop.Incrementors) + ")";
        parts.Add(new Loop(condition, body, step, TestAfter: false, header));
        exits = bodyExits & Exits.Return;
        return Combine(parts);
    }

    /// <summary>
    /// A <c>do</c> loop whose condition short-circuits or writes variables: the test is the loop's step, after the body
    /// (where a <c>continue</c> goes, as in C#), and a false one breaks out, so the right operand of <c>&amp;&amp;</c> runs only
    /// where C# runs it.
    /// </summary>
    private Region LowerDoTestingInStep(DoStatementSyntax doLoop, out Exits exits)
    {
        Region body = this.LowerLoopBody(doLoop.Statement, out Exits bodyExits);
        var testing = new List<Region>();
        this.regionParts = testing;
        Computation test = this.LowerConditionWithEffects(doLoop.Condition, testing);
        testing.Add(new Branch(test, new Sequence(EquatableArray<Region>.Empty), new Jump(JumpKind.Break)));
        Region step = Combine(testing);

        // After a break or a return the condition is not tested; after a continue it is (the loop resets it first).
        exits = bodyExits & Exits.Return;
        return new Loop(null, body, bodyExits == Exits.None ? step : new Guard(step), TestAfter: false, "do ... while (" + doLoop.Condition + ")");
    }

    /// <summary>A loop's body; a break or continue in it stays inside the loop (callers keep only a return in their exits).</summary>
    private Region LowerLoopBody(StatementSyntax statement, out Exits exits)
        => this.LowerRegion(new[] { statement }, out exits);

    /// <summary>
    /// Tensors in a method with control flow are read element by element (<c>x[i]</c>) and by their sizes: a whole-tensor
    /// operation lowered since node <paramref name="before"/> is refused at <paramref name="at"/>.
    /// </summary>
    private void RequireElementReads(SyntaxNode at, int before)
    {
        for (int id = before; id < this.graph.Count; id++)
        {
            Node node = this.graph[id];
            if (this.elementized.Contains(id))
            {
                continue;
            }

            if ((node.IsTensor && node.Op != Op.Parameter) || (node.Op != Op.Element && node.Args.Any(this.IsWholeTensorWork)))
            {
                this.Report(DiagnosticDescriptors.UnsupportedStatement, at, "A whole-tensor operation in '" + at + "', in a method with loops or branches,", "reduce tensors to scalars in statements, returns and 'if' conditions (double s = Sum(x);), not in a loop's condition; or compute the tensor part in a [Differentiable] method without loops and pass its value in");
                this.controlFlow!.Poisoned = true;
                return;
            }
        }
    }

    private Computation LowerCondition(ExpressionSyntax condition)
    {
        if (HasEmbeddedEffects(condition))
        {
            // Only an 'if', a 'while' and a 'do' test such a condition where its writes can go (LowerConditionWithEffects).
            this.Report(DiagnosticDescriptors.UnsupportedExpression, condition, "An assignment or '++'/'--' in the condition '" + condition + "' of a 'for' loop", "make the update in the loop's body or its iterators");
            this.controlFlow!.Poisoned = true;
        }

        int before = this.graph.Count;
        int node = this.Lower(condition);
        this.RequireElementReads(condition, before);
        if (node != Poison && !this.RequireScalar(node, condition, "A condition", "compare scalars"))
        {
            node = Poison;
        }

        return this.Extract(new[] { node });
    }

    /// <summary>Ends the current block: the slots assigned since the last one become a <see cref="Block"/> of <paramref name="parts"/>.</summary>
    private void FlushBlock(List<Region> parts)
    {
        ControlFlowState state = this.controlFlow!;
        var slots = new List<int>();
        var values = new List<int>();
        var seen = new HashSet<int>();
        foreach (ISymbol symbol in state.Written)
        {
            if (!state.SlotOf.TryGetValue(symbol.OriginalDefinition, out int slot) || !seen.Add(slot))
            {
                continue;
            }

            int value = this.scope.Lookup(symbol);
            int read = this.graph.Add(Computation.Read(slot, state.Slots[slot].Type));
            if (value == read)
            {
                continue;
            }

            slots.Add(slot);
            values.Add(value);
        }

        if (state.PendingResult is { } result)
        {
            slots.Add(state.Result);
            values.Add(result == Poison || this.graph[result].Type == ScalarType.Element ? result : this.graph.Convert(result, ScalarType.Element, this.overflow));
            state.PendingResult = null;
        }

        this.FlushArrayWrites(slots, values);

        foreach (ISymbol symbol in state.Written.ToList())
        {
            if (state.SlotOf.TryGetValue(symbol.OriginalDefinition, out int slot))
            {
                this.scope.Bind(symbol, this.graph.Add(Computation.Read(slot, state.Slots[slot].Type)));
            }
        }

        state.Written.Clear();
        if (slots.Count > 0)
        {
            parts.Add(new Block(this.Extract(values), slots.ToEquatableArray()));
        }
    }

    /// <summary>The nodes <paramref name="roots"/> need, copied out of the method's graph into a graph of their own.</summary>
    private Computation Extract(IReadOnlyList<int> roots)
    {
        if (roots.Contains(Poison))
        {
            this.controlFlow!.Poisoned = true;
            return new Computation(new GraphBuilder().ToGraph(), EquatableArray<int>.Empty);
        }

        var needed = new HashSet<int>();
        var stack = new Stack<int>(roots);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (needed.Add(id))
            {
                foreach (int arg in this.graph[id].Args)
                {
                    stack.Push(arg);
                }
            }
        }

        var order = needed.ToList();
        order.Sort();
        var builder = new GraphBuilder(this.graph.Domains);
        var map = new Dictionary<int, int>();
        foreach (int id in order)
        {
            Node node = this.graph[id];
            if (node.IsTensor && node.Op != Op.Parameter)
            {
                // A scalar program reads no tensor: a tensor here means a construct the checks above missed.
                this.controlFlow!.Poisoned = true;
                this.unreadable = true;
            }

            map[id] = builder.Add(node.Arity == 0 ? node : node with { Args = node.Args.Select(a => map[a]).ToEquatableArray() });
        }

        return new Computation(builder.ToGraph(), roots.Select(r => map[r]).ToEquatableArray());
    }

    private void ReportControl(StatementSyntax statement)
    {
        switch (statement)
        {
            case CommonForEachStatementSyntax:
                this.Report(DiagnosticDescriptors.UnsupportedStatement, statement, "A 'foreach' loop", "loop over the indexes with 'for (int i = 0; i < n; i++)'");
                break;
            case GotoStatementSyntax:
                this.Report(DiagnosticDescriptors.UnsupportedStatement, statement, "A 'goto' statement", "write the jump with 'if'/'else', a loop's 'break' or 'continue', or 'return'");
                break;
            case LabeledStatementSyntax:
                this.Report(DiagnosticDescriptors.UnsupportedStatement, statement, "A labeled statement", "remove the label; write jumps with 'if'/'else', a loop's 'break' or 'continue', or 'return'");
                break;
            default:
                this.ReportStatement(statement);
                break;
        }
    }

    /// <summary>The jumps that may be pending after a region: a break or continue of the enclosing loop, a return.</summary>
    [System.Flags]
    private enum Exits
    {
        None = 0,
        Loop = 1,
        Return = 2,
    }

    /// <summary>The slots of the method being lowered, and the block being built.</summary>
    private sealed class ControlFlowState
    {
        public List<Slot> Slots { get; } = new();

        public Dictionary<ISymbol, int> SlotOf { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>The symbols assigned since the current block started.</summary>
        public List<ISymbol> Written { get; } = new();

        public int Result { get; set; }

        /// <summary>The value of a <c>return</c> being lowered, assigned to the result slot by the block it ends.</summary>
        public int? PendingResult { get; set; }

        public bool Poisoned { get; set; }

        /// <summary>
        /// The int locals the method assigns only in their declarations, from constants, int parameters and sizes (the
        /// same value wherever they are read), by slot: a slice bounded by one keeps its length from one iteration to
        /// the next.
        /// </summary>
        public Dictionary<int, Extent> Invariants { get; } = new();

        /// <summary>The int parameters the method body assigns, by index: a slice bound that reads one is not a fixed length.</summary>
        public HashSet<int> AssignedParameters { get; } = new();
    }
}
