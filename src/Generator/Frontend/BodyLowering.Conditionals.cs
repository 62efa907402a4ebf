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
/// Conditional expressions in a method with regions: <c>c ? a : b</c> becomes a <see cref="Branch"/> that assigns a
/// temporary slot, placed before the statement that reads it, so only the arm C# takes is evaluated forward and
/// differentiated backward. A select of both arms would evaluate the other arm too (a division by zero or a checked
/// overflow C# never reaches) and multiply its derivative by zero, which is NaN when that derivative is not finite.
/// Moving the branch ahead of the rest of its statement keeps C#'s values: expressions here have no side effects
/// (assignments inside expressions are refused), so only the order in which two failing operands would throw differs.
/// </summary>
internal sealed partial class BodyLowering
{
    /// <summary>The regions of the statement list being lowered, where a conditional's branch goes; null outside regions.</summary>
    private List<Region>? regionParts;

    private int conditionalSlots;

    /// <summary>Whether <paramref name="body"/> has a conditional expression whose condition is not a C# constant.</summary>
    private bool HasBranchingConditional(SyntaxNode body)
        => body.DescendantNodesAndSelf(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax))
                .Any(n => n is SwitchExpressionSyntax || (n is ConditionalExpressionSyntax c && !this.scope.Model.GetConstantValue(c.Condition, this.cancellationToken).HasValue));

    /// <summary>
    /// Lowers each conditional expression of <paramref name="expression"/> (outside lambdas and the arms of another
    /// conditional, which their own branch lowers) to a branch in the current regions; the expression then reads its slot.
    /// </summary>
    private void HoistConditionals(SyntaxNode expression)
    {
        // An inlined callee's conditional sits inside the caller's expression, which has no statement to precede: it stays a select.
        if (this.controlFlow is null || this.regionParts is not { } parts || this.expressionInlines > 0)
        {
            return;
        }

        List<ExpressionSyntax> hoisted = this.OutermostHoisted(expression).ToList();
        if (hoisted.Count > 0 && HasEmbeddedEffects(expression) && !this.EffectsStayInHoisted(expression, hoisted))
        {
            // What goes ahead of the statement would see the variables before the statement's own writes.
            this.Report(DiagnosticDescriptors.UnsupportedExpression, expression, "An assignment or '++'/'--' inside '" + expression + "', which also has a conditional or a call to a method with loops", "make the update in a statement of its own");
            this.controlFlow.Poisoned = true;
            foreach (ExpressionSyntax refused in hoisted)
            {
                // Reported once, here: the statement does not lower them again.
                this.loweredAhead[refused] = Poison;
            }

            return;
        }

        foreach (ExpressionSyntax conditional in hoisted)
        {
            if (conditional is InvocationExpressionSyntax call)
            {
                this.HoistCall(call, parts);
            }
            else if (conditional is BinaryExpressionSyntax logical)
            {
                this.HoistLogical(logical, parts);
            }
            else if (conditional is SwitchExpressionSyntax switchExpression)
            {
                this.HoistSwitchExpression(switchExpression, parts);
            }
            else
            {
                this.HoistConditional((ConditionalExpressionSyntax)conditional, parts);
            }
        }

        this.HoistTensorReductions(expression);
    }

    /// <summary>The conditional expressions whose arms (or right operands) are being lowered as branches: a write in one of them happens only where C# makes it.</summary>
    private readonly HashSet<SyntaxNode> armsLowering = new();

    /// <summary>
    /// Whether every assignment and <c>++</c>/<c>--</c> inside <paramref name="expression"/> lies in one of the
    /// <paramref name="hoisted"/> conditionals, and no variable such a conditional writes is named elsewhere in the
    /// expression: then lowering each conditional ahead of the rest, in order, makes the writes where C# makes them and
    /// every read sees the value C# reads (a read left of the conditional would see the write too early, so it is refused).
    /// </summary>
    private bool EffectsStayInHoisted(SyntaxNode expression, List<ExpressionSyntax> hoisted)
    {
        static bool IsEffect(SyntaxNode n) => n is AssignmentExpressionSyntax
            || n is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression }
            || n is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression };
        bool Inside(SyntaxNode n) => hoisted.Any(h => h.Span.Contains(n.Span) && h.SyntaxTree == n.SyntaxTree);
        if (hoisted.Any(h => h is InvocationExpressionSyntax)
            || expression.DescendantNodes(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax)).Any(n => IsEffect(n) && !Inside(n)))
        {
            return false;
        }

        foreach (ExpressionSyntax conditional in hoisted)
        {
            var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (SyntaxNode effect in conditional.DescendantNodes().Where(IsEffect))
            {
                ExpressionSyntax target = effect switch
                {
                    AssignmentExpressionSyntax assignment => assignment.Left,
                    PostfixUnaryExpressionSyntax postfix => postfix.Operand,
                    _ => ((PrefixUnaryExpressionSyntax)effect).Operand,
                };
                if (target is not IdentifierNameSyntax || this.scope.Model.GetSymbolInfo(target, this.cancellationToken).Symbol is not (ILocalSymbol or IParameterSymbol) and { } symbol)
                {
                    return false;
                }

                written.Add(this.scope.Model.GetSymbolInfo(target, this.cancellationToken).Symbol!.OriginalDefinition);
            }

            bool namedOutside = expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Any(name => !conditional.Span.Contains(name.Span) && this.scope.Model.GetSymbolInfo(name, this.cancellationToken).Symbol is { } symbol && written.Contains(symbol.OriginalDefinition));
            if (namedOutside)
            {
                return false;
            }
        }

        return true;
    }

    private void HoistConditional(ConditionalExpressionSyntax conditional, List<Region> parts)
    {
        if (this.loweredAhead.ContainsKey(conditional) || this.TypeOf(this.scope.Model.GetTypeInfo(conditional, this.cancellationToken).Type) is not { } type)
        {
            // A tensor-valued conditional stays a select, as in methods without regions.
            return;
        }

        Optional<object?> known = this.scope.Model.GetConstantValue(conditional.Condition, this.cancellationToken);
        if (known.HasValue)
        {
            // A constant condition folds as it does elsewhere; the arm it takes may still hold a branch.
            this.HoistConditionals(known.Value is true ? conditional.WhenTrue : conditional.WhenFalse);
            return;
        }

        this.HoistConditionals(conditional.Condition);
        this.FlushBlock(parts);
        int condition = this.Lower(conditional.Condition);
        if (condition == Poison || !this.RequireScalar(condition, conditional.Condition, "The condition of '?:'", "decide on a scalar, for example Sum(x) > 0 ? a : b"))
        {
            this.controlFlow!.Poisoned = true;
            return;
        }

        if (this.graph[condition].Op == Op.Constant)
        {
            ExpressionSyntax taken = this.graph[condition].Value != 0 ? conditional.WhenTrue : conditional.WhenFalse;
            this.HoistConditionals(taken);
            this.loweredAhead[conditional] = this.Lower(taken);
            return;
        }

        ControlFlowState state = this.controlFlow!;
        int slot = state.Slots.Count;
        state.Slots.Add(new Slot("conditional" + (++this.conditionalSlots).ToString(System.Globalization.CultureInfo.InvariantCulture), type, -1, Active: false));
        Computation test = this.Extract(new[] { condition });
        this.armsLowering.Add(conditional);
        Region whenTrue = this.LowerArm(conditional.WhenTrue, slot, type);
        Region whenFalse = this.LowerArm(conditional.WhenFalse, slot, type);
        this.armsLowering.Remove(conditional);
        parts.Add(new Branch(test, whenTrue, whenFalse));
        this.loweredAhead[conditional] = this.graph.Add(Computation.Read(slot, type));
    }

    /// <summary>
    /// Whether <paramref name="logical"/> is <c>a &amp;&amp; b</c> or <c>a || b</c> whose right operand could throw or
    /// branch where C# would not evaluate it: an element read (<c>i &lt; n &amp;&amp; x[i] &gt; 0</c>), an integer division, a
    /// checked operation, a call, or a conditional. Such an operator is a branch, as C# evaluates it; any other is computed
    /// whole, which gives the same value.
    /// </summary>
    private static bool SkipsWhatMayFail(BinaryExpressionSyntax logical)
        => logical.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression
            && logical.Right.DescendantNodesAndSelf(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax))
                .Any(n => n is ElementAccessExpressionSyntax or InvocationExpressionSyntax or CheckedExpressionSyntax or ConditionalExpressionSyntax or SwitchExpressionSyntax
                    || n.IsKind(SyntaxKind.DivideExpression) || n.IsKind(SyntaxKind.ModuloExpression)
                    || n is AssignmentExpressionSyntax
                    || n is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression }
                    || n is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression });

    /// <summary>Whether a loop's condition holds an operator <see cref="SkipsWhatMayFail"/> makes a branch.</summary>
    private static bool ConditionShortCircuits(ExpressionSyntax condition)
        => condition.DescendantNodesAndSelf(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax))
            .OfType<BinaryExpressionSyntax>().Any(SkipsWhatMayFail);

    /// <summary>
    /// <c>a &amp;&amp; b</c> as <c>a ? b : false</c>, and <c>a || b</c> as <c>a ? true : b</c>: a branch that assigns a temporary
    /// slot, so the right operand runs only where C# runs it.
    /// </summary>
    private void HoistLogical(BinaryExpressionSyntax logical, List<Region> parts)
    {
        if (this.loweredAhead.ContainsKey(logical))
        {
            return;
        }

        bool and = logical.IsKind(SyntaxKind.LogicalAndExpression);
        this.HoistConditionals(logical.Left);
        this.FlushBlock(parts);
        int left = this.Lower(logical.Left);
        if (left == Poison || !this.RequireScalar(left, logical.Left, "The operand of '" + logical.OperatorToken.Text + "'", "compare scalars"))
        {
            this.controlFlow!.Poisoned = true;
            return;
        }

        if (this.graph[left].Op == Op.Constant)
        {
            bool decided = this.graph[left].Value != 0;
            if (decided == and)
            {
                // true && b is b, false || b is b.
                this.HoistConditionals(logical.Right);
                this.loweredAhead[logical] = this.Lower(logical.Right);
            }
            else
            {
                this.loweredAhead[logical] = this.graph.Constant(and ? 0 : 1, ScalarType.Element);
            }

            return;
        }

        ControlFlowState state = this.controlFlow!;
        int slot = state.Slots.Count;
        state.Slots.Add(new Slot("logical" + (++this.conditionalSlots).ToString(System.Globalization.CultureInfo.InvariantCulture), ScalarType.Element, -1, Active: false));
        Computation test = this.Extract(new[] { left });
        this.armsLowering.Add(logical);
        Region evaluated = this.LowerArm(logical.Right, slot, ScalarType.Element);
        this.armsLowering.Remove(logical);
        Region decidedByLeft = new Block(this.Extract(new[] { this.graph.Constant(and ? 0 : 1, ScalarType.Element) }), new[] { slot }.ToEquatableArray());
        parts.Add(and ? new Branch(test, evaluated, decidedByLeft) : new Branch(test, decidedByLeft, evaluated));
        this.loweredAhead[logical] = this.graph.Add(Computation.Read(slot, ScalarType.Element));
    }

    /// <summary>One arm of a conditional: its own conditionals' branches, then the block that assigns its value to <paramref name="slot"/>.</summary>
    private Region LowerArm(ExpressionSyntax arm, int slot, ScalarType type)
    {
        var parts = new List<Region>();
        List<Region>? outer = this.regionParts;
        this.regionParts = parts;
        this.HoistConditionals(arm);
        this.FlushBlock(parts);
        int value = this.Lower(arm);
        if (value != Poison && this.graph[value].IsScalar && this.graph[value].Type != type)
        {
            value = this.Convert(value, type, arm);
        }

        if (value != Poison && !this.graph[value].IsScalar)
        {
            this.unreadable = true;
        }

        if (value != Poison && (HasEmbeddedEffects(arm) || arm is AssignmentExpressionSyntax or PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }))
        {
            // The arm writes variables: its value and their new values go to their slots together, in this arm only.
            this.pendingArrayWrites.Add((slot, value));
            this.FlushBlock(parts);
        }
        else
        {
            parts.Add(new Block(this.Extract(new[] { value }), new[] { slot }.ToEquatableArray()));
        }

        this.regionParts = outer;
        return parts.Count == 1 ? parts[0] : new Sequence(parts.ToEquatableArray());
    }

    /// <summary>
    /// A switch expression, as a chain of branches that test its arms in order and assign the first match's value to a
    /// temporary slot; an arm's 'when' clause is evaluated only where its pattern matched. When no arm matches, the chain
    /// ends in the SwitchExpressionException C# throws.
    /// </summary>
    private void HoistSwitchExpression(SwitchExpressionSyntax switchExpression, List<Region> parts)
    {
        SeparatedSyntaxList<SwitchExpressionArmSyntax> arms = switchExpression.Arms;
        if (this.loweredAhead.ContainsKey(switchExpression) || arms.Count == 0 || this.TypeOf(this.scope.Model.GetTypeInfo(switchExpression, this.cancellationToken).Type) is not { } type)
        {
            return;
        }

        this.HoistConditionals(switchExpression.GoverningExpression);
        this.FlushBlock(parts);
        ControlFlowState state = this.controlFlow!;
        this.BindDesignations(switchExpression.GoverningExpression, arms.Select(a => a.Pattern), parts);
        int slot = state.Slots.Count;
        state.Slots.Add(new Slot("switched" + (++this.conditionalSlots).ToString(System.Globalization.CultureInfo.InvariantCulture), type, -1, Active: false));

        this.armsLowering.Add(switchExpression);
        var tests = new int[arms.Count];
        for (int i = 0; i < arms.Count; i++)
        {
            tests[i] = this.Match(switchExpression.GoverningExpression, arms[i].Pattern);
            if (tests[i] == Poison)
            {
                state.Poisoned = true;
                return;
            }
        }

        // From the last arm back: each arm is the 'else' of the one before.
        Region chain = new Throw("new global::System.Runtime.CompilerServices.SwitchExpressionException()");
        for (int i = arms.Count - 1; i >= 0; i--)
        {
            int test = tests[i];
            if (arms[i].WhenClause is null && (test == -2 || (this.graph[test].Op == Op.Constant && this.graph[test].Value != 0)))
            {
                chain = this.LowerArm(arms[i].Expression, slot, type);
            }
            else if (arms[i].WhenClause is { } when)
            {
                (List<Region> matching, int matched) = this.TestLabels(new List<(int, WhenClauseSyntax?)> { (test, when) });
                matching.Add(new Branch(this.Extract(new[] { matched }), this.LowerArm(arms[i].Expression, slot, type), chain));
                chain = Combine(matching);
            }
            else if (this.graph[test].Op != Op.Constant)
            {
                chain = new Branch(this.Extract(new[] { test }), this.LowerArm(arms[i].Expression, slot, type), chain);
            }
        }

        this.armsLowering.Remove(switchExpression);
        parts.Add(chain);
        this.loweredAhead[switchExpression] = this.graph.Add(Computation.Read(slot, type));
    }
}
