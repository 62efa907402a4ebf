using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// Independent loops: a <c>for</c> over every element of vector parameters whose iterations only add element-wise
/// work into scalars, such as <c>for (int i = 0; i &lt; x.FlattenedLength; i++) s += x[i] * x[i];</c>. Such a loop
/// is the whole-tensor <c>s += Sum(x * x)</c>, and is lowered as that, so it compiles to the same fused SIMD loop.
/// The pattern is matched strictly; any loop that does not match stays a scalar loop of regions.
/// </summary>
internal sealed partial class BodyLowering
{
    // The element functions whose tensor forms compute what the scalar Math and MathF functions do, element by element.
    private static readonly HashSet<string> IndependentFunctions = new() { "Exp", "Log", "Sqrt", "Abs", "Sin", "Cos", "Tanh" };

    // The tensor parameters read element by element in independent loops: each must be a vector, checked at the call.
    private readonly SortedSet<int> vectorParameters = new();

    // The index and bound tensor of the independent loop being lowered: x[index] reads all of x, of the bound's shape.
    private (ILocalSymbol Index, int Bound)? independentLoop;

    /// <summary>Whether <paramref name="loop"/> is an independent loop (see <see cref="MatchIndependentLoop"/>).</summary>
    private bool IsIndependentLoop(ForStatementSyntax loop) => this.MatchIndependentLoop(loop) is not null;

    /// <summary>
    /// Matches <c>for (int i = 0; i &lt; p.FlattenedLength (or p.Lengths[0]); i++)</c> whose body only declares locals
    /// of the element type and adds (<c>+=</c>, <c>-=</c>) into scalar locals declared before the loop, with expressions
    /// of <c>+ - * /</c>, unary minus, literals, element-typed values fixed during the loop, Math/MathF element functions
    /// and reads <c>q[i]</c> of tensor parameters, p among them. The index is read nowhere else, nothing accumulated
    /// is read in the loop, and every expression has the element type (no conversions that the fused loop would skip).
    /// </summary>
    /// <returns>The loop's index, or null where the loop is not independent.</returns>
    private ILocalSymbol? MatchIndependentLoop(ForStatementSyntax loop)
    {
        SemanticModel model = this.scope.Model;
        if (this.callStack.Count != 1
            || loop.Initializers.Count != 0
            || loop.Declaration is not { Variables.Count: 1 } declaration
            || declaration.Variables[0].Initializer is not { } start
            || model.GetDeclaredSymbol(declaration.Variables[0], this.cancellationToken) is not ILocalSymbol index
            || index.Type.SpecialType != SpecialType.System_Int32
            || model.GetConstantValue(start.Value, this.cancellationToken) is not { HasValue: true, Value: 0 }
            || loop.Condition is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LessThanExpression } condition
            || !this.IsSymbol(condition.Left, index)
            || this.BoundTensor(condition.Right) is not { } bound
            || loop.Incrementors.Count != 1
            || !this.IsUnitStep(loop.Incrementors[0], index))
        {
            return null;
        }

        IReadOnlyList<StatementSyntax> statements = loop.Statement is BlockSyntax block ? block.Statements : new[] { loop.Statement };
        var inner = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var accumulators = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var reads = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
        var varying = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        // The accumulators first: no expression of the loop may read one.
        foreach (StatementSyntax statement in statements)
        {
            if (statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression or (int)SyntaxKind.SubtractAssignmentExpression, Left: IdentifierNameSyntax target } }
                && model.GetSymbolInfo(target, this.cancellationToken).Symbol is ILocalSymbol accumulator
                && TypeFacts.Element(accumulator.Type) == this.element
                && !accumulator.DeclaringSyntaxReferences.Any(r => loop.Span.Contains(r.Span)))
            {
                accumulators.Add(accumulator);
            }
        }

        foreach (StatementSyntax statement in statements)
        {
            switch (statement)
            {
                case LocalDeclarationStatementSyntax local when !local.IsConst && local.UsingKeyword.IsKind(SyntaxKind.None):
                    foreach (VariableDeclaratorSyntax variable in local.Declaration.Variables)
                    {
                        if (variable.Initializer is null
                            || model.GetDeclaredSymbol(variable, this.cancellationToken) is not ILocalSymbol declared
                            || TypeFacts.Element(declared.Type) != this.element
                            || this.IndependentTerm(variable.Initializer.Value, index, inner, accumulators, reads, varying) is not { } readsElements)
                        {
                            return null;
                        }

                        inner.Add(declared);
                        if (readsElements)
                        {
                            varying.Add(declared);
                        }
                    }

                    break;
                case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }
                    when model.GetSymbolInfo(assignment.Left, this.cancellationToken).Symbol is { } target && accumulators.Contains(target):
                    // A term that reads no element would be added once per iteration: a scalar loop says that exactly.
                    if (this.IndependentTerm(assignment.Right, index, inner, accumulators, reads, varying) is not true)
                    {
                        return null;
                    }

                    break;
                default:
                    return null;
            }
        }

        return accumulators.Count > 0 && reads.Contains(bound) ? index : null;
    }

    /// <summary>
    /// Whether <paramref name="expression"/> is element-wise work of one iteration (see <see cref="MatchIndependentLoop"/>):
    /// null when it is not; otherwise whether it reads an element, directly or through a local of the loop.
    /// </summary>
    private bool? IndependentTerm(ExpressionSyntax expression, ILocalSymbol index, HashSet<ISymbol> inner, HashSet<ISymbol> accumulators, HashSet<IParameterSymbol> reads, HashSet<ISymbol> varying)
    {
        SemanticModel model = this.scope.Model;
        TypeInfo type = model.GetTypeInfo(expression, this.cancellationToken);
        if (expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression })
        {
            return TypeFacts.Element(type.ConvertedType) == this.element ? false : null;
        }

        if (TypeFacts.Element(type.Type) != this.element || TypeFacts.Element(type.ConvertedType) != this.element)
        {
            return null;
        }

        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return this.IndependentTerm(parenthesized.Expression, index, inner, accumulators, reads, varying);
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression or (int)SyntaxKind.UnaryPlusExpression } unary:
                return this.IndependentTerm(unary.Operand, index, inner, accumulators, reads, varying);
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression or (int)SyntaxKind.SubtractExpression or (int)SyntaxKind.MultiplyExpression or (int)SyntaxKind.DivideExpression } binary:
                bool? left = this.IndependentTerm(binary.Left, index, inner, accumulators, reads, varying);
                bool? right = left is null ? null : this.IndependentTerm(binary.Right, index, inner, accumulators, reads, varying);
                return right is null ? null : left!.Value || right.Value;
            case IdentifierNameSyntax name:
                ISymbol? symbol = model.GetSymbolInfo(name, this.cancellationToken).Symbol;
                if (inner.Contains(symbol!))
                {
                    return varying.Contains(symbol!);
                }

                // A value fixed during the loop: a scalar parameter, or a local not accumulated into.
                return symbol is IParameterSymbol or ILocalSymbol && !accumulators.Contains(symbol) && !SymbolEqualityComparer.Default.Equals(symbol, index) ? false : null;
            case ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } access
                when this.IsSymbol(access.ArgumentList.Arguments[0].Expression, index) && this.TensorParameter(access.Expression) is { } tensor:
                reads.Add(tensor);
                return true;
            case InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } call
                when model.GetSymbolInfo(call, this.cancellationToken).Symbol is IMethodSymbol { IsStatic: true } method
                    && method.ContainingType?.ToDisplayString() is "System.Math" or "System.MathF"
                    && IndependentFunctions.Contains(method.Name)
                    && call.ArgumentList.Arguments[0].RefKindKeyword.IsKind(SyntaxKind.None):
                return this.IndependentTerm(call.ArgumentList.Arguments[0].Expression, index, inner, accumulators, reads, varying);
            default:
                return null;
        }
    }

    /// <summary>The tensor parameter whose size <paramref name="bound"/> reads: <c>p.FlattenedLength</c> or <c>p.Lengths[0]</c>.</summary>
    private IParameterSymbol? BoundTensor(ExpressionSyntax bound)
        => bound switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FlattenedLength" } member => this.TensorParameter(member.Expression),
            ElementAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Lengths" } lengths, ArgumentList.Arguments.Count: 1 } access
                when this.scope.Model.GetConstantValue(access.ArgumentList.Arguments[0].Expression, this.cancellationToken) is { HasValue: true, Value: 0 } => this.TensorParameter(lengths.Expression),
            _ => null,
        };

    /// <summary>The differentiable-typed tensor parameter <paramref name="expression"/> names, if it names one.</summary>
    private IParameterSymbol? TensorParameter(ExpressionSyntax expression)
    {
        if (expression is not IdentifierNameSyntax
            || this.scope.Model.GetSymbolInfo(expression, this.cancellationToken).Symbol is not IParameterSymbol parameter
            || this.labelParameters.ContainsKey(parameter.OriginalDefinition)
            || TypeFacts.TensorElement(parameter.Type, out _, out _) != this.element)
        {
            return null;
        }

        return parameter;
    }

    /// <summary><c>i++</c>, <c>++i</c> or <c>i += 1</c>.</summary>
    private bool IsUnitStep(ExpressionSyntax step, ILocalSymbol index)
        => step switch
        {
            PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression } postfix => this.IsSymbol(postfix.Operand, index),
            PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression } prefix => this.IsSymbol(prefix.Operand, index),
            AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression } add => this.IsSymbol(add.Left, index)
                && this.scope.Model.GetConstantValue(add.Right, this.cancellationToken) is { HasValue: true, Value: 1 },
            _ => false,
        };

    private bool IsSymbol(ExpressionSyntax expression, ISymbol symbol)
        => expression is IdentifierNameSyntax && SymbolEqualityComparer.Default.Equals(this.scope.Model.GetSymbolInfo(expression, this.cancellationToken).Symbol, symbol);

    /// <summary>
    /// Lowers an independent loop as whole-tensor work: each <c>q[i]</c> reads all of vector <c>q</c> (every vector read
    /// has the bound's shape, checked at the call), the body's locals are tensors, and each <c>s += e</c> adds <c>Sum(e)</c>.
    /// </summary>
    private void LowerIndependentLoop(ForStatementSyntax loop, ILocalSymbol index)
    {
        IReadOnlyList<StatementSyntax> statements = loop.Statement is BlockSyntax block ? block.Statements : new[] { loop.Statement };
        int bound = this.Lower(BoundTensorSyntax(loop));
        if (bound == Poison)
        {
            return;
        }

        this.vectorParameters.Add(this.graph[bound].Parameter);
        this.independentLoop = (index, bound);
        try
        {
            foreach (StatementSyntax statement in statements)
            {
                if (statement is LocalDeclarationStatementSyntax declaration)
                {
                    this.LowerDeclaration(declaration);
                    continue;
                }

                var assignment = (AssignmentExpressionSyntax)((ExpressionStatementSyntax)statement).Expression;
                ISymbol accumulator = this.scope.Model.GetSymbolInfo(assignment.Left, this.cancellationToken).Symbol!;
                int term = this.Sum(this.Lower(assignment.Right));
                Op op = assignment.IsKind(SyntaxKind.AddAssignmentExpression) ? Op.Add : Op.Subtract;
                this.scope.Bind(accumulator, this.Make(op, this.scope.Lookup(accumulator), term));
            }
        }
        finally
        {
            this.independentLoop = null;
        }
    }

    private static ExpressionSyntax BoundTensorSyntax(ForStatementSyntax loop)
        => ((BinaryExpressionSyntax)loop.Condition!).Right switch
        {
            MemberAccessExpressionSyntax member => member.Expression,
            ElementAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax lengths } => lengths.Expression,
            var other => other,
        };

    /// <summary>
    /// In an independent loop, <c>q[i]</c> with the loop's index reads all of vector parameter <c>q</c>, which must have the
    /// shape of the loop's bound tensor; null for every other read.
    /// </summary>
    private int? LowerIndependentRead(ElementAccessExpressionSyntax access)
    {
        if (this.independentLoop is not { } loop || access.ArgumentList.Arguments.Count != 1 || !this.IsSymbol(access.ArgumentList.Arguments[0].Expression, loop.Index))
        {
            return null;
        }

        int tensor = this.Lower(access.Expression);
        int bound = loop.Bound;
        if (tensor == Poison || this.graph[tensor].Op != Op.Parameter)
        {
            return Poison;
        }

        this.vectorParameters.Add(this.graph[tensor].Parameter);
        this.Unify(this.Find(this.graph[bound].Domain), this.Find(this.graph[tensor].Domain));
        return tensor;
    }
}
