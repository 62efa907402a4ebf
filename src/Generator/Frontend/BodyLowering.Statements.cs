using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>Statements: declarations, assignments, increments and returns bind locals in the scope.</summary>
internal sealed partial class BodyLowering
{
    private int? LowerStatements(SyntaxList<StatementSyntax> statements, bool isMethodBody)
    {
        int? result = null;
        for (int i = 0; i < statements.Count; i++)
        {
            this.cancellationToken.ThrowIfCancellationRequested();
            StatementSyntax statement = statements[i];
            switch (statement)
            {
                case LocalDeclarationStatementSyntax declaration:
                    this.LowerDeclaration(declaration);
                    break;
                case ExpressionStatementSyntax expression:
                    this.LowerExpressionStatement(expression.Expression);
                    break;
                case ReturnStatementSyntax ret:
                    if (!isMethodBody || i != statements.Count - 1)
                    {
                        this.Report(DiagnosticDescriptors.UnsupportedStatement, ret, "A 'return' before the end of the method", "compute the value with conditional expressions and return it once, as the last statement" + ScalarOnly);
                        return Poison;
                    }

                    result = ret.Expression is null ? Poison : this.Lower(ret.Expression);
                    break;
                case BlockSyntax nested:
                    int? inner = this.LowerStatements(nested.Statements, isMethodBody: false);
                    if (inner == Poison)
                    {
                        return Poison;
                    }

                    break;
                case CheckedStatementSyntax checkedBlock:
                    Overflow outer = this.overflow;
                    this.overflow = checkedBlock.IsKind(SyntaxKind.CheckedStatement) ? Overflow.Checked : Overflow.Unchecked;
                    int? innerChecked = this.LowerStatements(checkedBlock.Block.Statements, isMethodBody: false);
                    this.overflow = outer;
                    if (innerChecked == Poison)
                    {
                        return Poison;
                    }

                    break;
                case EmptyStatementSyntax:
                case LocalFunctionStatementSyntax:
                    // A local function is inlined where it is called.
                    break;
                case ForStatementSyntax loop when this.MatchIndependentLoop(loop) is { } index:
                    this.LowerIndependentLoop(loop, index);
                    break;
                default:
                    this.ReportStatement(statement);
                    break;
            }
        }

        return result;
    }

    /// <summary>Where control flow is supported: a method whose body is lowered to regions (see TakesRegions).</summary>
    private const string ScalarOnly = " (loops, branches and early returns are supported in the body of a method that returns float or double; int labels (an int[], ReadOnlySpan<int>, ReadOnlyTensorSpan<int> or Tensor<int>) are fine read only by element or passed to CrossEntropy)";

    private void ReportStatement(StatementSyntax statement)
    {
        (string what, string fix) = statement switch
        {
            IfStatementSyntax => ("An 'if' statement", "use a conditional expression 'condition ? a : b' on a scalar condition" + ScalarOnly),
            ForStatementSyntax => ("A 'for' loop", "express the loop with tensor operations such as Sum, Mean or Dot" + ScalarOnly),
            CommonForEachStatementSyntax => ("A 'foreach' loop", "express the loop with tensor operations such as Sum, Mean or Dot" + ScalarOnly),
            WhileStatementSyntax => ("A 'while' loop", "express the loop with tensor operations such as Sum, Mean or Dot" + ScalarOnly),
            DoStatementSyntax => ("A 'do' loop", "express the loop with tensor operations such as Sum, Mean or Dot" + ScalarOnly),
            LocalFunctionStatementSyntax => ("A local function", "make it a static [Differentiable] method of the class and call it"),
            ThrowStatementSyntax => ("A 'throw' statement", "validate arguments in the caller"),
            TryStatementSyntax => ("A 'try' statement", "remove it: a [Differentiable] body cannot catch or clean up; validate the arguments or handle errors in the caller"),
            SwitchStatementSyntax => ("A 'switch' statement", "use conditional expressions on scalar conditions"),
            UsingStatementSyntax => ("A 'using' statement", "manage resources in the caller"),
            LockStatementSyntax => ("A 'lock' statement", "a [Differentiable] method is pure and needs no lock"),
            _ => ("The statement '" + statement.Kind() + "'", "use local variables, expressions and one 'return'"),
        };
        this.Report(DiagnosticDescriptors.UnsupportedStatement, statement, what, fix);
    }

    private void LowerDeclaration(LocalDeclarationStatementSyntax declaration)
    {
        if (declaration.IsConst)
        {
            // Constant locals are read through their constant values.
            return;
        }

        if (declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword))
        {
            this.Report(DiagnosticDescriptors.UnsupportedStatement, declaration, "A 'using' declaration", "manage resources in the caller");
            return;
        }

        foreach (VariableDeclaratorSyntax variable in declaration.Declaration.Variables)
        {
            if (this.scope.Model.GetDeclaredSymbol(variable, this.cancellationToken) is not ILocalSymbol local)
            {
                this.unreadable = true;
                continue;
            }

            if (this.controlFlow is not null && this.LowerArrayDeclaration(variable, local))
            {
                continue;
            }

            if (this.DeclareLambda(local, variable))
            {
                // Inlined where it is called.
                continue;
            }

            if (variable.Initializer is null && this.controlFlow is not null)
            {
                // Assigned later, in a branch or a loop: the slot holds its value from there.
                continue;
            }

            if (variable.Initializer is null)
            {
                // C# assigns it before any read (definite assignment): an assignment binds it.
                continue;
            }

            this.HoistConditionals(variable.Initializer.Value);
            int value = this.Lower(variable.Initializer.Value);
            this.scope.Bind(local, value);
            this.NoteInvariant(local, value);
        }
    }

    /// <summary>
    /// Records the value of an int local of a method with control flow that only its declaration assigns, if it is made
    /// of constants, int parameters and sizes (<c>int k = (int)w.FlattenedLength;</c>): see <see cref="ControlFlowState.Invariants"/>.
    /// </summary>
    private void NoteInvariant(ILocalSymbol local, int value)
    {
        if (this.controlFlow is not { } state || value == Poison || !this.graph[value].IsScalar || !this.graph[value].Type.IsInteger()
            || !state.SlotOf.TryGetValue(local.OriginalDefinition, out int slot)
            || local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(this.cancellationToken).FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member
            || this.AssignedIn(member).Contains(local.OriginalDefinition))
        {
            return;
        }

        // An int parameter's term reads the parameter where the slice is taken: the local keeps the value it had here,
        // so a parameter the body assigns does not stand for it.
        var extent = new Extent();
        if (this.Linear(value, 1, extent)
            && extent.Terms().All(t => t.Parameter < this.root.Parameters.Length && !this.ReadsAssignedParameter(t)))
        {
            state.Invariants[slot] = extent;
        }
    }

    /// <summary>Whether <paramref name="term"/> reads an int parameter the method body assigns (its value where it is read, not where the bound was written).</summary>
    private bool ReadsAssignedParameter(ExtentTerm term)
        => term.Axis == -1 && this.controlFlow?.AssignedParameters.Contains(term.Parameter) == true;

    /// <summary>
    /// The variables (locals and parameters, as their original definitions) that <paramref name="member"/>, read with the
    /// current scope's model, writes anywhere but a local's declaration: an assignment, ++ or --, a ref or out argument.
    /// One walk per member.
    /// </summary>
    private HashSet<ISymbol> AssignedIn(SyntaxNode member)
    {
        if (this.assignedIn.TryGetValue(member, out HashSet<ISymbol>? assigned))
        {
            return assigned;
        }

        assigned = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (IdentifierNameSyntax name in member.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            SyntaxNode target = name;
            while (target.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax } or TupleExpressionSyntax or ParenthesizedExpressionSyntax)
            {
                target = target.Parent;
            }

            bool written = target.Parent switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left == target,
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } => true,
                PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } => true,
                ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None) && !argument.RefKindKeyword.IsKind(SyntaxKind.InKeyword),
                RefExpressionSyntax => true,
                _ => false,
            };
            if (written && this.scope.Model.GetSymbolInfo(name, this.cancellationToken).Symbol is ILocalSymbol or IParameterSymbol)
            {
                assigned.Add(this.scope.Model.GetSymbolInfo(name, this.cancellationToken).Symbol!.OriginalDefinition);
            }
        }

        this.assignedIn[member] = assigned;
        return assigned;
    }

    private void LowerExpressionStatement(ExpressionSyntax expression)
    {
        this.HoistConditionals(expression);
        if (this.controlFlow is not null && this.LowerArrayWrite(expression))
        {
            return;
        }

        switch (expression)
        {
            case AssignmentExpressionSyntax assignment:
                this.LowerAssignment(assignment);
                return;
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix:
                this.LowerIncrement(postfix.Operand, postfix, postfix.IsKind(SyntaxKind.PostIncrementExpression));
                return;
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix:
                this.LowerIncrement(prefix.Operand, prefix, prefix.IsKind(SyntaxKind.PreIncrementExpression));
                return;
            case InvocationExpressionSyntax invocation:
                string name = this.scope.Model.GetSymbolInfo(invocation, this.cancellationToken).Symbol is IMethodSymbol method
                    ? "Calling '" + method.ContainingType.Name + "." + method.Name + "'"
                    : "Calling '" + invocation.Expression + "'";
                if (this.IsTensorMutator(invocation, out string tensor, out string call))
                {
                    this.Report(DiagnosticDescriptors.TensorMutation, invocation, call, tensor);
                    return;
                }

                this.Report(DiagnosticDescriptors.SideEffect, invocation, name + " as a statement");
                return;
            default:
                this.Report(DiagnosticDescriptors.UnsupportedStatement, expression, "The expression statement '" + expression + "'", "use local variables, expressions and one 'return'");
                return;
        }
    }

    private void LowerAssignment(AssignmentExpressionSyntax assignment)
    {
        if (assignment.Left is IdentifierNameSyntax { Identifier.ValueText: "_" } && this.scope.Model.GetSymbolInfo(assignment.Left, this.cancellationToken).Symbol is IDiscardSymbol)
        {
            // A discarded value changes nothing; lowering it still reports what cannot be differentiated in it.
            this.Lower(assignment.Right);
            return;
        }

        if (assignment.Left is TupleExpressionSyntax or DeclarationExpressionSyntax)
        {
            this.LowerDeconstruction(assignment);
            return;
        }

        ISymbol? target = this.scope.Model.GetSymbolInfo(assignment.Left, this.cancellationToken).Symbol;
        if (assignment.Left is IdentifierNameSyntax && target is ILocalSymbol or IParameterSymbol)
        {
            ITypeSymbol? type = target is ILocalSymbol local ? local.Type : ((IParameterSymbol)target!).Type;
            Op? compound = assignment.Kind() switch
            {
                SyntaxKind.SimpleAssignmentExpression => null,
                SyntaxKind.AddAssignmentExpression => Op.Add,
                SyntaxKind.SubtractAssignmentExpression => Op.Subtract,
                SyntaxKind.MultiplyAssignmentExpression => Op.Multiply,
                SyntaxKind.DivideAssignmentExpression => Op.Divide,
                SyntaxKind.ModuloAssignmentExpression => Op.Remainder,
                _ => Op.Constant,
            };

            if (compound == Op.Constant)
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, assignment, "The assignment '" + assignment.OperatorToken.Text + "'", "use '=', '+=', '-=', '*=', '/=' or '%='");
                return;
            }

            if (compound is not null && TypeFacts.IsTensor(type))
            {
                // Compound assignment on a tensor updates it in place, which could write a caller's tensor.
                this.Report(DiagnosticDescriptors.TensorMutation, assignment, "'" + assignment + "'", target!.Name);
                return;
            }

            // C# reads the target of a compound assignment before it evaluates the right side (which may write it).
            int old = this.scope.Lookup(target!);
            int value = this.Lower(assignment.Right);
            this.scope.Bind(target!, compound is { } op && this.TypeOf(type) is { } own ? this.Update(op, old, own, value, assignment) : value);
            return;
        }

        if (assignment.Left is ElementAccessExpressionSyntax access && TypeFacts.IsTensor(this.scope.Model.GetTypeInfo(access.Expression, this.cancellationToken).Type))
        {
            this.Report(DiagnosticDescriptors.TensorMutation, assignment, "Writing '" + access + "'", access.Expression.ToString());
            return;
        }

        if (target is IFieldSymbol or IPropertySymbol or IEventSymbol)
        {
            this.Report(DiagnosticDescriptors.SideEffect, assignment, "Writing '" + target.ContainingType?.Name + "." + target.Name + "'");
            return;
        }

        this.Report(DiagnosticDescriptors.SideEffect, assignment, "The assignment '" + assignment + "'");
    }

    private void LowerIncrement(ExpressionSyntax operand, ExpressionSyntax whole, bool increment)
    {
        ISymbol? target = this.scope.Model.GetSymbolInfo(operand, this.cancellationToken).Symbol;
        ITypeSymbol? type = target is ILocalSymbol local ? local.Type : (target as IParameterSymbol)?.Type;
        if (operand is IdentifierNameSyntax && target is ILocalSymbol or IParameterSymbol && this.TypeOf(type) is { } own && type!.SpecialType != SpecialType.System_Boolean)
        {
            // x++ is x = (T)(x + 1), with the + in T promoted with int: a short wraps (or throws, checked) as it does in C#.
            this.scope.Bind(target!, this.Update(increment ? Op.Add : Op.Subtract, this.scope.Lookup(target!), own, this.graph.Integer(1, ScalarType.Int), whole));
            return;
        }

        this.Report(DiagnosticDescriptors.SideEffect, whole, "'" + whole + "'");
    }
}
