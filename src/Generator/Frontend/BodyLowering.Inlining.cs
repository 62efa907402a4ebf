using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// Calls to [Differentiable] methods with loops, branches or early returns, in a method with regions: the callee's
/// regions are inlined in the caller's, ahead of the statement that reads the call's value (as conditionals are, see
/// HoistConditionals). Its parameters and locals get slots of their own at each call, assigned its arguments in C#'s
/// order; its <c>return</c> assigns its own result slot and returns from the callee only (an <see cref="Exit"/>
/// region). A callee without control flow is inlined in the expression as everywhere else.
/// </summary>
internal sealed partial class BodyLowering
{
    // Whether each [Differentiable] method met so far needs regions when inlined: it has control flow, or calls one that does.
    private readonly Dictionary<IMethodSymbol, bool> needsRegions = new(SymbolEqualityComparer.Default);

    /// <summary>How many callees are being inlined inside an expression: there a conditional has no statement to precede.</summary>
    private int expressionInlines;

    /// <summary>Whether <paramref name="body"/> calls a [Differentiable] method whose body needs regions.</summary>
    private bool CallsCalleeWithRegions(SyntaxNode body)
        => body.DescendantNodesAndSelf(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<InvocationExpressionSyntax>()
            .Any(call => this.IsCallWithRegions(call, this.scope.Model));

    /// <summary>Whether <paramref name="invocation"/> calls a [Differentiable] method, not one being lowered, whose body needs regions.</summary>
    private bool IsCallWithRegions(InvocationExpressionSyntax invocation, SemanticModel model)
        => this.DifferentiableCallee(invocation, model) is { } callee
            && !this.callStack.Contains(callee.Method.OriginalDefinition, SymbolEqualityComparer.Default)
            && TypeFacts.Element(callee.Method.ReturnType) is not null
            && this.NeedsRegions(callee.Method, callee.Declaration);

    /// <summary>
    /// Whether every call with regions in <paramref name="body"/> can be inlined as regions: each callee (and each it
    /// calls) reads its tensor parameters by element or size only. A whole-tensor operation there keeps the caller
    /// without regions, where the callee's own diagnostic is reported at the call.
    /// </summary>
    private bool CalleesReadTensorsByElement(SyntaxNode body, SemanticModel model)
    {
        foreach (InvocationExpressionSyntax call in body.DescendantNodesAndSelf(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax)).OfType<InvocationExpressionSyntax>())
        {
            if (this.DifferentiableCallee(call, model) is not { } callee || !this.NeedsRegions(callee.Method, callee.Declaration)
                || this.callStack.Contains(callee.Method.OriginalDefinition, SymbolEqualityComparer.Default))
            {
                continue;
            }

            SemanticModel calleeModel = this.scope.Model.Compilation.GetSemanticModel(callee.Declaration.SyntaxTree);
            SyntaxNode calleeBody = (SyntaxNode?)callee.Declaration.Body ?? callee.Declaration.ExpressionBody!.Expression;
            var tensors = new HashSet<string>(callee.Method.Parameters.Where(p => TypeFacts.IsTensor(p.Type)).Select(p => p.Name));

            // Deeper callees, with the callee on the stack so that a cycle ends here (it is reported as recursion).
            // A callee with statements of control flow lowers its whole-tensor work to loops, inlined or not.
            this.callStack.Add(callee.Method.OriginalDefinition);
            bool readable = this.ReadsByElement(calleeBody, tensors, calleeModel) || (calleeBody is BlockSyntax block && this.HasControlFlow(block))
                || calleeBody.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(inner => this.IsCallWithRegions(inner, calleeModel));
            bool deeper = readable && this.CalleesReadTensorsByElement(calleeBody, calleeModel);
            this.callStack.RemoveAt(this.callStack.Count - 1);
            if (!deeper)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether every use of the tensors named <paramref name="tensors"/> in <paramref name="body"/> reads an element or a size, or passes it to a [Differentiable] method.</summary>
    private bool ReadsByElement(SyntaxNode body, HashSet<string> tensors, SemanticModel model)
    {
        foreach (IdentifierNameSyntax name in body.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (!tensors.Contains(name.Identifier.ValueText) || name.Parent is MemberAccessExpressionSyntax { Name: var member } && member == name)
            {
                continue;
            }

            bool element = name.Parent is ElementAccessExpressionSyntax access && access.Expression == name;
            bool size = name.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FlattenedLength" or "Lengths" or "Rank" } sizeAccess && sizeAccess.Expression == name;
            bool passed = name.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax call } && this.DifferentiableCallee(call, model) is not null;
            bool iterated = name.Parent is ForEachStatementSyntax loop && loop.Expression == name;
            if (!element && !size && !passed && !iterated)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The [Differentiable] method an invocation calls, with the declaration that has its body; null for any other call.</summary>
    private (IMethodSymbol Method, MethodDeclarationSyntax Declaration)? DifferentiableCallee(InvocationExpressionSyntax invocation, SemanticModel model)
    {
        if (model.GetSymbolInfo(invocation, this.cancellationToken).Symbol is not IMethodSymbol method
            || !method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Vocabulary.DifferentiableAttribute))
        {
            return null;
        }

        method = method.ReducedFrom ?? method;
        MethodDeclarationSyntax? declaration = method.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(this.cancellationToken))
            .OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(m => m.Body is not null || m.ExpressionBody is not null);
        return declaration is null ? null : (method, declaration);
    }

    private bool NeedsRegions(IMethodSymbol method, MethodDeclarationSyntax declaration)
    {
        IMethodSymbol definition = method.OriginalDefinition;
        if (this.needsRegions.TryGetValue(definition, out bool known))
        {
            return known;
        }

        // A cycle of calls is recursion, reported where it is inlined; meanwhile the method counts as straight.
        this.needsRegions[definition] = false;
        SemanticModel model = this.scope.Model.Compilation.GetSemanticModel(declaration.SyntaxTree);
        SyntaxNode body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody!.Expression;
        // On the call stack while it is read, the callee's loops are all control flow (none is read as whole-tensor work).
        this.callStack.Add(definition);
        bool needs = (body is BlockSyntax block && this.HasControlFlow(block))
            || HasLocalArrays(body)
            || body.DescendantNodesAndSelf(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax))
                .OfType<InvocationExpressionSyntax>()
                .Any(call => this.DifferentiableCallee(call, model) is { } inner && this.NeedsRegions(inner.Method, inner.Declaration));
        this.callStack.RemoveAt(this.callStack.Count - 1);
        this.needsRegions[definition] = needs;
        return needs;
    }

    /// <summary>
    /// The conditionals and calls with regions of <paramref name="node"/> that go ahead of its statement, in source
    /// order: not those inside another one's arms or arguments (it places them itself) or inside a lambda.
    /// </summary>
    private IEnumerable<ExpressionSyntax> OutermostHoisted(SyntaxNode node)
    {
        bool Hoisted(SyntaxNode n) => n is ConditionalExpressionSyntax or SwitchExpressionSyntax
            || (n is InvocationExpressionSyntax call && this.IsCallWithRegions(call, this.scope.Model))
            || (n is BinaryExpressionSyntax logical && SkipsWhatMayFail(logical));
        return node.DescendantNodesAndSelf(n => !Hoisted(n) && n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax))
            .Where(Hoisted)
            .Cast<ExpressionSyntax>();
    }

    /// <summary>Inlines the regions of a call ahead of its statement; the statement then reads the callee's result slot.</summary>
    private void HoistCall(InvocationExpressionSyntax invocation, List<Region> parts)
    {
        if (this.loweredAhead.ContainsKey(invocation) || this.DifferentiableCallee(invocation, this.scope.Model) is not { } callee)
        {
            return;
        }

        List<ExpressionSyntax?> arguments = this.ArgumentsInOrder(invocation, callee.Method);
        foreach (ExpressionSyntax? argument in arguments)
        {
            if (argument is not null && argument != invocation)
            {
                this.HoistConditionals(argument);
            }
        }

        this.FlushBlock(parts);
        this.loweredAhead[invocation] = this.CheckCallee(invocation, callee.Method) is { } declaration
            ? this.InlineRegions(invocation, callee.Method, declaration, arguments, parts)
            : Poison;
    }

    private int InlineRegions(InvocationExpressionSyntax invocation, IMethodSymbol callee, MethodDeclarationSyntax declaration, List<ExpressionSyntax?> arguments, List<Region> parts)
    {
        ControlFlowState state = this.controlFlow!;
        string prefix = callee.Name + "_";

        // Arguments in C#'s order, read where the call starts.
        int before = this.graph.Count;
        List<(ISymbol Symbol, int Value)> bindings = this.BindArguments(invocation, callee, declaration, arguments);
        if (!this.ElementwiseArguments(bindings, arguments, invocation, before))
        {
            return Poison;
        }

        Scope caller = this.scope;
        List<Region>? outerParts = this.regionParts;
        int outerResult = state.Result;
        this.scope = new Scope(this.scope.Model.Compilation.GetSemanticModel(declaration.SyntaxTree)) { Written = state.Written };
        foreach ((ISymbol symbol, int value) in bindings)
        {
            // A scalar parameter is a slot assigned its argument (the callee may reassign it); a tensor names the caller's.
            if (value != Poison && this.graph[value].IsScalar && this.TypeOf(((IParameterSymbol)symbol).Type) is { } type)
            {
                state.SlotOf[symbol.OriginalDefinition] = this.NewSlot(prefix + symbol.Name, type);
            }

            this.scope.Bind(symbol, value);
        }

        SyntaxNode body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody!.Expression;
        this.DeclareCalleeLocals(body, prefix);
        this.CheckArrayUses(body);
        int result = this.NewSlot(prefix + "result", ScalarType.Element);
        state.Result = result;

        if (this.callStack.Count == 1)
        {
            this.rootCallSite = invocation;
            this.rootCallee = callee.Name;
            this.calleeProblem = null;
        }

        Overflow callerOverflow = this.overflow;
        this.overflow = Overflow.Default;
        this.callStack.Add(callee.OriginalDefinition);
        Region region = body is BlockSyntax block ? this.LowerRegion(block.Statements, out _) : this.LowerReturn((ExpressionSyntax)body, out _);
        this.callStack.RemoveAt(this.callStack.Count - 1);
        this.overflow = callerOverflow;
        this.scope = caller;
        this.regionParts = outerParts;
        state.Result = outerResult;
        parts.Add(new Exit(region, JumpKind.Return, "the call of " + callee.Name));

        if (this.callStack.Count == 1 && this.calleeProblem is { } problem)
        {
            this.Report(
                DiagnosticDescriptors.UnsupportedExpression,
                invocation,
                "The call '" + invocation + "'",
                "it inlines [Differentiable] method '" + callee.Name + "', which meets " + problem.Id + " in '" + problem.Method + "', reported there: " + problem.Message);
            return Poison;
        }

        return this.graph.Add(Computation.Read(result, ScalarType.Element));
    }

    /// <summary>Gives each local of an inlined callee's body a slot of this call's own, and each local array its own slots.</summary>
    private void DeclareCalleeLocals(SyntaxNode body, string prefix)
    {
        ControlFlowState state = this.controlFlow!;
        foreach (VariableDeclaratorSyntax variable in body.DescendantNodes(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax)).OfType<VariableDeclaratorSyntax>())
        {
            if (this.scope.Model.GetDeclaredSymbol(variable, this.cancellationToken) is not ILocalSymbol local || local.IsConst)
            {
                continue;
            }

            if (this.DeclareArraySlot(local, variable, state.Slots, prefix + local.Name))
            {
                // An array of this call's own, in a buffer of its own, as the callee creates it.
                continue;
            }

            if (this.DeclareTensorLocal(local, state.Slots, prefix + local.Name))
            {
                continue;
            }

            if (this.TypeOf(local.Type) is not { } type || TypeFacts.IsTensor(local.Type))
            {
                this.Report(DiagnosticDescriptors.UnsupportedStatement, variable, "The local '" + local.Name + "' of type '" + local.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "' in a method with loops or branches", "locals in loops and branches are numbers, bool, local arrays, or tensors of the method's element type; compute the rest in a [Differentiable] method without loops");
                continue;
            }

            int slot = this.NewSlot(prefix + local.Name, type);
            state.SlotOf[local.OriginalDefinition] = slot;
            this.scope.Bind(local, this.graph.Add(Computation.Read(slot, type)));
        }
    }

    private int NewSlot(string name, ScalarType type)
    {
        ControlFlowState state = this.controlFlow!;
        state.Slots.Add(new Slot(name, type, -1, Active: false));
        return state.Slots.Count - 1;
    }
}
