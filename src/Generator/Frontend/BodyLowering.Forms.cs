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
/// The rest of C#'s expression forms over scalars: assignments and <c>++</c>/<c>--</c> inside expressions (lowering
/// follows C#'s evaluation order, so each rebinds its local where C# makes the write), conditions that make such writes,
/// and deconstruction (every value on the right, left to right, before any assignment).
/// </summary>
internal sealed partial class BodyLowering
{
    /// <summary>An assignment or increment used as a value: it assigns, then gives the value C# gives.</summary>
    private int LowerEmbeddedEffect(ExpressionSyntax effect)
    {
        if (this.IsConditionallyEvaluated(effect))
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, effect, "'" + effect + "' where C# may not evaluate it (an arm of '?:' or a switch, or the right of '&&', '||' or '??')", "make the update in a statement of its own, under an 'if'");
            return Poison;
        }

        switch (effect)
        {
            case AssignmentExpressionSyntax { Left: IdentifierNameSyntax } assignment
                when this.scope.Model.GetSymbolInfo(assignment.Left, this.cancellationToken).Symbol is ILocalSymbol or IParameterSymbol:
                ISymbol target = this.scope.Model.GetSymbolInfo(assignment.Left, this.cancellationToken).Symbol!;
                this.LowerAssignment(assignment);
                return this.scope.Lookup(target);
            case PostfixUnaryExpressionSyntax postfix:
                return this.LowerIncrementValue(postfix.Operand, postfix, postfix.IsKind(SyntaxKind.PostIncrementExpression), prefix: false);
            case PrefixUnaryExpressionSyntax prefix:
                return this.LowerIncrementValue(prefix.Operand, prefix, prefix.IsKind(SyntaxKind.PreIncrementExpression), prefix: true);
            default:
                this.Report(DiagnosticDescriptors.UnsupportedExpression, effect, "An assignment inside an expression to '" + ((AssignmentExpressionSyntax)effect).Left + "'", "assign to a local variable or a parameter, or assign in its own statement");
                return Poison;
        }
    }

    private int LowerIncrementValue(ExpressionSyntax operand, ExpressionSyntax whole, bool increment, bool prefix)
    {
        ISymbol? target = this.scope.Model.GetSymbolInfo(operand, this.cancellationToken).Symbol;
        if (operand is not IdentifierNameSyntax || target is not (ILocalSymbol or IParameterSymbol))
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, whole, "'" + whole + "' inside an expression", "increment a local variable or a parameter, or write the update as its own statement");
            return Poison;
        }

        int old = this.scope.Lookup(target);
        this.LowerIncrement(operand, whole, increment);
        return prefix ? this.scope.Lookup(target) : old;
    }

    /// <summary>Whether C# may skip <paramref name="node"/>: it is in an arm of '?:' or a switch expression, or right of '&amp;&amp;', '||' or '??'.</summary>
    /// <remarks>
    /// One whose arms are being lowered as a branch (<see cref="armsLowering"/>) evaluates <paramref name="node"/> where C#
    /// does: the write happens in the arm C# takes, and only there.
    /// </remarks>
    private bool IsConditionallyEvaluated(SyntaxNode node)
    {
        for (SyntaxNode current = node; current.Parent is { } parent and not StatementSyntax; current = parent)
        {
            switch (parent)
            {
                case ConditionalExpressionSyntax conditional when current != conditional.Condition && !this.armsLowering.Contains(conditional):
                case SwitchExpressionArmSyntax arm when !(current == arm.Expression && arm.Parent is { } owner && this.armsLowering.Contains(owner)):
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression } logical when current == logical.Right && !this.armsLowering.Contains(logical):
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce when current == coalesce.Right:
                case LambdaExpressionSyntax or AnonymousMethodExpressionSyntax:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="node"/> writes a variable inside it (an assignment or an increment not at its top).</summary>
    private static bool HasEmbeddedEffects(SyntaxNode node)
        => node.DescendantNodes(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax))
            .Any(n => n is AssignmentExpressionSyntax
                || n is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression }
                || n is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression });

    /// <summary>
    /// A condition that writes variables (<c>if (++i &gt;= 5)</c>): the block that makes its writes and keeps its value in a
    /// slot goes to <paramref name="parts"/>, and the branch tests the slot.
    /// </summary>
    private Computation LowerConditionWithEffects(ExpressionSyntax condition, List<Region> parts)
    {
        this.HoistConditionals(condition);
        int before = this.graph.Count;
        int node = this.Lower(condition);
        this.RequireElementReads(condition, before);
        if (node == Poison || !this.RequireScalar(node, condition, "A condition", "compare scalars"))
        {
            return this.Extract(new[] { Poison });
        }

        int slot = this.NewSlot("condition", ScalarType.Element);
        this.pendingArrayWrites.Add((slot, this.graph[node].Type == ScalarType.Element ? node : this.graph.Convert(node, ScalarType.Element, this.overflow)));
        this.FlushBlock(parts);
        return this.Extract(new[] { this.graph.Add(Computation.Read(slot, ScalarType.Element)) });
    }

    /// <summary>
    /// A <c>while</c> or <c>for</c> loop whose condition writes variables: the condition is the start of the body, and a
    /// false one breaks out, so its writes happen once per test as in C#.
    /// </summary>
    private Region LowerLoopTestingWithEffects(ExpressionSyntax condition, StatementSyntax statement, Region? step, string text, out Exits exits)
    {
        var parts = new List<Region>();
        this.regionParts = parts;
        Computation test = this.LowerConditionWithEffects(condition, parts);
        Region body = this.LowerLoopBody(statement, out Exits bodyExits);
        parts.Add(new Branch(test, new Sequence(EquatableArray<Region>.Empty), new Jump(JumpKind.Break)));
        parts.Add(new Guard(body));
        exits = bodyExits & Exits.Return;
        return new Loop(null, Combine(parts), step is null ? null : new Guard(step), TestAfter: false, text);
    }

    /// <summary>
    /// <c>(a, b) = (b, a + b)</c> and <c>(double x, var y) = (u, v)</c>: every value on the right, left to right, then
    /// every assignment, as C# does. Nested tuples and a right side that is not a tuple literal are refused.
    /// </summary>
    private void LowerDeconstruction(AssignmentExpressionSyntax assignment)
    {
        int count = assignment.Left switch
        {
            TupleExpressionSyntax tuple when tuple.Arguments.All(a => a.Expression is not (TupleExpressionSyntax or DeclarationExpressionSyntax { Designation: ParenthesizedVariableDesignationSyntax })) => tuple.Arguments.Count,
            DeclarationExpressionSyntax { Designation: ParenthesizedVariableDesignationSyntax designations } when designations.Variables.All(v => v is not ParenthesizedVariableDesignationSyntax) => designations.Variables.Count,
            _ => 0,
        };
        if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.Right is not TupleExpressionSyntax values || values.Arguments.Count != count || count == 0)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, assignment, "The deconstruction '" + assignment + "'", "deconstruct a tuple literal of scalars into as many variables, (a, b) = (u, v), without nesting");
            return;
        }

        var symbols = new List<ISymbol?>();
        for (int i = 0; i < count; i++)
        {
            ISymbol? symbol = this.DeconstructionTarget(assignment, i);
            if (symbol is null && assignment.Left is TupleExpressionSyntax written && written.Arguments[i].Expression is not (DeclarationExpressionSyntax or IdentifierNameSyntax { Identifier.ValueText: "_" }))
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, written.Arguments[i].Expression, "Deconstructing into '" + written.Arguments[i].Expression + "'", "deconstruct into local variables or parameters");
                return;
            }

            symbols.Add(symbol);
        }

        var lowered = values.Arguments.Select(a => this.Lower(a.Expression)).ToList();
        for (int i = 0; i < symbols.Count; i++)
        {
            if (symbols[i] is not { } symbol)
            {
                continue;
            }

            ITypeSymbol? type = symbol is ILocalSymbol local ? local.Type : ((IParameterSymbol)symbol).Type;
            int value = lowered[i];
            if (value != Poison && this.TypeOf(type) is { } own && this.graph[value].IsScalar && this.graph[value].Type != own)
            {
                value = this.Convert(value, own, values.Arguments[i].Expression);
            }

            this.DeclareSlot(symbol);
            this.scope.Bind(symbol, value);
        }
    }

    /// <summary>The local or parameter element <paramref name="index"/> of a deconstruction assigns; null for a discard.</summary>
    private ISymbol? DeconstructionTarget(AssignmentExpressionSyntax assignment, int index)
    {
        SemanticModel model = this.scope.Model;
        return assignment.Left switch
        {
            TupleExpressionSyntax tuple => tuple.Arguments[index].Expression switch
            {
                DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax single } => model.GetDeclaredSymbol(single, this.cancellationToken),
                DeclarationExpressionSyntax => null,
                ExpressionSyntax target => model.GetSymbolInfo(target, this.cancellationToken).Symbol is { } symbol && symbol is ILocalSymbol or IParameterSymbol ? symbol : null,
            },
            DeclarationExpressionSyntax { Designation: ParenthesizedVariableDesignationSyntax designations } => designations.Variables[index] is SingleVariableDesignationSyntax variable
                ? model.GetDeclaredSymbol(variable, this.cancellationToken)
                : null,
            _ => null,
        };
    }

    /// <summary>In a method with regions, gives a local declared inside an expression (a pattern's or a deconstruction's) a slot of its own.</summary>
    private void DeclareSlot(ISymbol symbol)
    {
        if (this.controlFlow is not { } state || symbol is not ILocalSymbol local || state.SlotOf.ContainsKey(local.OriginalDefinition) || this.TypeOf(local.Type) is not { } type)
        {
            return;
        }

        state.SlotOf[local.OriginalDefinition] = this.NewSlot(local.Name, type);
    }

    /// <summary>
    /// <c>Math</c> and <c>MathF</c> functions lowered here: <c>Floor</c>, <c>Ceiling</c>, <c>Round</c> and <c>Truncate</c>
    /// (derivative 0, as PyTorch's), <c>Sign</c>, and <c>Clamp</c> and <c>FusedMultiplyAdd</c> as C# computes them; null for the others.
    /// </summary>
    private int? LowerScalarMath(InvocationExpressionSyntax invocation, IMethodSymbol method, List<ExpressionSyntax?> arguments)
    {
        Op? rounding = method.Name switch
        {
            "Floor" => Op.Floor,
            "Ceiling" => Op.Ceiling,
            "Round" => Op.Round,
            "Truncate" => Op.Truncate,
            _ => null,
        };
        if (rounding is { } op && arguments.Count == 1)
        {
            int operand = this.LowerArgument(arguments[0]);
            if (operand == Poison || !this.RequireScalar(operand, arguments[0], method.Name, "round the elements one by one"))
            {
                return Poison;
            }

            if (!this.graph[operand].Type.IsFloating())
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "' on a " + method.Parameters[0].Type.ToDisplayString(), "round a float or a double");
                return Poison;
            }

            return this.graph.Make(op, operand);
        }

        if (method.Name == "Sign" && arguments.Count == 1)
        {
            return this.LowerSign(invocation, arguments[0]);
        }

        if (method.Name == "Clamp" && arguments.Count == 3)
        {
            int value = this.LowerArgument(arguments[0]);
            int min = this.LowerArgument(arguments[1]);
            int max = this.LowerArgument(arguments[2]);
            if (value == Poison || min == Poison || max == Poison)
            {
                return Poison;
            }

            // C# throws ArgumentException when min > max; the generated code could not, so the bounds must be known.
            if (this.graph[min].Op != Op.Constant || this.graph[max].Op != Op.Constant || this.graph[min].Value > this.graph[max].Value)
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "' with bounds that are not constants with min <= max (C# throws when min > max)", "write 'v < lo ? lo : v > hi ? hi : v', which never throws, or clamp to constant bounds");
                return Poison;
            }

            // if (value < min) return min; else if (value > max) return max; return value; (NaN stays NaN).
            int above = this.graph.Make(Op.Select, this.graph.Make(Op.Greater, value, max), max, value);
            return this.graph.Make(Op.Select, this.graph.Make(Op.Less, value, min), min, above);
        }

        if (method.Name == "FusedMultiplyAdd" && arguments.Count == 3 && this.TypeOf(method.Parameters[0].Type) is { } fused && fused.IsFloating())
        {
            // a * b + c rounded once, as C# computes it: a primitive of its own, never a product and a sum (rounded twice).
            var operands = new int[3];
            for (int i = 0; i < 3; i++)
            {
                operands[i] = this.Convert(this.LowerArgument(arguments[i]), fused, arguments[i]!);
                if (operands[i] == Poison || !this.RequireScalar(operands[i], arguments[i], "FusedMultiplyAdd", "compute it on scalars"))
                {
                    return Poison;
                }
            }

            return this.graph.Make(Op.FusedMultiplyAdd, operands[0], operands[1], operands[2]);
        }

        return null;
    }

    /// <summary>
    /// <c>Math.Sign</c> and <c>MathF.Sign</c> as C# computes them: an <c>int</c> of -1, 0 or 1 (0 for -0.0), throwing for
    /// NaN. Its derivative is 0 wherever it has one, as torch.sign's.
    /// </summary>
    private int LowerSign(InvocationExpressionSyntax invocation, ExpressionSyntax? argument)
    {
        int operand = this.LowerArgument(argument);
        if (operand == Poison || !this.RequireScalar(operand, argument, "Sign", "take the sign of each element with Sign(x) from TensorMath"))
        {
            return Poison;
        }

        if (this.graph[operand].Type.IsFloating())
        {
            // Sign keeps NaN, and converting NaN to int under 'checked' throws OverflowException, an ArithmeticException
            // as Math.Sign's own; every other value converts exactly.
            return this.graph.Convert(this.graph.Make(Op.Sign, operand), ScalarType.Int, Overflow.Checked);
        }

        // An integer: compared with 0 in its own type, so a long never passes through a float.
        int zero = this.graph.Constant(0, this.graph[operand].Type);
        int below = this.graph.Make(Op.Select, this.graph.Make(Op.Less, operand, zero), this.graph.Constant(-1, ScalarType.Int), this.graph.Constant(0, ScalarType.Int));
        return this.graph.Make(Op.Select, this.graph.Make(Op.Greater, operand, zero), this.graph.Constant(1, ScalarType.Int), below);
    }
}
