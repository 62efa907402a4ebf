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

/// <summary>
/// Lowers a method body to IR: statements bind locals, expressions become nodes, calls to other [Differentiable]
/// methods are inlined. Every construct it cannot read gets an SG diagnostic at its own location; lowering then
/// goes on with a poison value so one pass reports every problem.
/// </summary>
internal sealed class BodyLowering
{
    /// <summary>The lowered method: its graph, the node of its value, and the shape checks its operations need.</summary>
    internal sealed record Output(Graph Graph, int Result, EquatableArray<ShapeCheck> ShapeChecks, EquatableArray<DimCheck> DimChecks, EquatableArray<int> MatrixParameters);

    /// <summary>Stands for a value that could not be lowered; operations on it stay poison without new diagnostics.</summary>
    private const int Poison = -1;

    private readonly IMethodSymbol root;
    private readonly ElementKind element;
    private readonly ImmutableArray<ParameterModel> parameters;
    private readonly List<DiagnosticInfo> diagnostics;
    private readonly CancellationToken cancellationToken;
    private readonly GraphBuilder graph = new();
    private readonly List<int> domainParent = new();
    private readonly List<ShapeCheck> shapeChecks = new();
    private readonly Dictionary<Dim, Dim> dimParent = new();
    private readonly List<DimCheck> dimChecks = new();
    private readonly SortedSet<int> matrixParameters = new();
    private readonly Dictionary<(int Node, int Domain), int> expanded = new();
    private readonly List<IMethodSymbol> callStack = new();

    // Left operands of long chains, lowered before the chain's outer operators ask for them (see LowerLeftOperandsAhead).
    private readonly Dictionary<ExpressionSyntax, int> loweredAhead = new();
    private Scope scope;
    private bool unreadable;

    /// <summary>The <c>checked</c> or <c>unchecked</c> context around the expression being lowered.</summary>
    private Overflow overflow = Overflow.Default;

    // The expression being lowered, for a diagnostic if the stack runs out.
    private ExpressionSyntax? lowering;
    private InvocationExpressionSyntax? rootCallSite;
    private string? rootCallee;

    public BodyLowering(SemanticModel model, IMethodSymbol root, ElementKind element, ImmutableArray<ParameterModel> parameters, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        this.root = root;
        this.element = element;
        this.parameters = parameters;
        this.diagnostics = diagnostics;
        this.cancellationToken = cancellationToken;
        this.scope = new Scope(model);
        for (int i = 0; i < root.Parameters.Length; i++)
        {
            ParameterModel parameter = parameters[i];
            int domain = parameter.IsTensor ? this.NewDomain(i) : -1;

            // A scalar computes in its own type (an int stays an int); bool and decimal keep the element type.
            ScalarType type = parameter.IsTensor ? ScalarType.Element : this.TypeOf(root.Parameters[i].Type) ?? ScalarType.Element;
            int node = this.graph.Add(new Node(Op.Parameter, EquatableArray<int>.Empty, domain, Parameter: i, Type: type));
            this.scope.Bind(root.Parameters[i], node);

            // A partial method's body refers to its implementing part's parameters.
            if (root.PartialImplementationPart is { } implementation)
            {
                this.scope.Bind(implementation.Parameters[i], node);
            }
        }
    }

    /// <summary>Lowers the method; null when the body has C# errors that SymGrad leaves to the compiler, or SG errors.</summary>
    public Output? LowerMethod(MethodDeclarationSyntax syntax)
    {
        this.callStack.Add(this.root.OriginalDefinition);
        int result;
        try
        {
            result = this.LowerBody(syntax);
        }
        catch (InsufficientExecutionStackException)
        {
            // Lowering recurses into nested expressions: one nested past what the stack holds is refused, not a crash.
            this.diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedExpression, LocationInfo.From(this.lowering ?? (SyntaxNode)syntax), "An expression nested this deeply", "compute its inner parts in local variables"));
            return null;
        }

        if (this.unreadable || result == Poison || this.diagnostics.Count > 0 || this.graph[result].IsTensor)
        {
            // A tensor-valued body does not compile as a float method: the compiler reports it.
            return null;
        }

        return this.Canonicalize(result);
    }

    private int LowerBody(MethodDeclarationSyntax syntax)
    {
        if (syntax.ExpressionBody is { } arrow)
        {
            return this.Lower(arrow.Expression);
        }

        if (syntax.Body is { } block)
        {
            int? result = this.LowerStatements(block.Statements, isMethodBody: true);
            return result ?? Poison;
        }

        return Poison;
    }

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
                        this.Report(DiagnosticDescriptors.UnsupportedStatement, ret, "A 'return' before the end of the method", "compute the value with conditional expressions and return it once, as the last statement");
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
                    break;
                default:
                    this.ReportStatement(statement);
                    break;
            }
        }

        return result;
    }

    private void ReportStatement(StatementSyntax statement)
    {
        (string what, string fix) = statement switch
        {
            IfStatementSyntax => ("An 'if' statement", "use a conditional expression 'condition ? a : b' on a scalar condition"),
            ForStatementSyntax => ("A 'for' loop", "express the loop with tensor operations such as Sum, Mean or Dot"),
            CommonForEachStatementSyntax => ("A 'foreach' loop", "express the loop with tensor operations such as Sum, Mean or Dot"),
            WhileStatementSyntax => ("A 'while' loop", "express the loop with tensor operations such as Sum, Mean or Dot"),
            DoStatementSyntax => ("A 'do' loop", "express the loop with tensor operations such as Sum, Mean or Dot"),
            LocalFunctionStatementSyntax => ("A local function", "make it a static [Differentiable] method of the class and call it"),
            ThrowStatementSyntax => ("A 'throw' statement", "validate arguments in the caller"),
            TryStatementSyntax => ("A 'try' statement", "handle errors in the caller"),
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

            if (variable.Initializer is null)
            {
                this.Report(DiagnosticDescriptors.UnsupportedStatement, variable, "A local variable without a value", "declare '" + local.Name + "' where its value is computed");
                this.scope.Bind(local, Poison);
                continue;
            }

            this.scope.Bind(local, this.Lower(variable.Initializer.Value));
        }
    }

    private void LowerExpressionStatement(ExpressionSyntax expression)
    {
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
            this.Report(DiagnosticDescriptors.UnsupportedExpression, assignment, "A deconstruction", "declare each local with its own value");
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

            int value = this.Lower(assignment.Right);
            this.scope.Bind(target!, compound is { } op && this.TypeOf(type) is { } own ? this.Update(op, this.scope.Lookup(target!), own, value, assignment) : value);
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

    /// <summary>
    /// Lowers an expression to a node of the C# type the expression has, then applies the implicit conversion C#
    /// applies where it is used (an int operand of a float operation becomes a float there, and only there).
    /// </summary>
    private int Lower(ExpressionSyntax expression)
    {
        int value = this.LowerValue(expression);
        if (value == Poison || this.graph[value].IsTensor)
        {
            return value;
        }

        TypeInfo info = this.scope.Model.GetTypeInfo(expression, this.cancellationToken);
        if (this.TypeOf(info.Type) is { } own && own != this.graph[value].Type)
        {
            throw new InvalidOperationException("'" + expression + "' is " + info.Type + " in C# but was lowered as " + this.graph[value].Type + ".");
        }

        return this.TypeOf(info.ConvertedType) is { } converted ? this.Convert(value, converted, expression) : value;
    }

    private int LowerValue(ExpressionSyntax expression)
    {
        this.cancellationToken.ThrowIfCancellationRequested();
        if (this.loweredAhead.TryGetValue(expression, out int ahead))
        {
            this.loweredAhead.Remove(expression);
            return ahead;
        }

        this.lowering = expression;
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        Optional<object?> constant = this.scope.Model.GetConstantValue(expression, this.cancellationToken);
        if (constant.HasValue && this.ConstantOf(constant.Value) is { } value)
        {
            return value;
        }

        switch (expression)
        {
            // Roslyn records the conversion of a parenthesized expression on its inside too: the outside applies it once.
            case ParenthesizedExpressionSyntax parenthesized:
                return this.LowerValue(parenthesized.Expression);
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                return this.LowerValue(suppressed.Operand);
            case CheckedExpressionSyntax checkedExpression:
                Overflow outer = this.overflow;
                this.overflow = checkedExpression.IsKind(SyntaxKind.CheckedExpression) ? Overflow.Checked : Overflow.Unchecked;
                int inner = this.LowerValue(checkedExpression.Expression);
                this.overflow = outer;
                return inner;
            case CastExpressionSyntax cast:
                return this.LowerCast(cast);
            case IdentifierNameSyntax identifier:
                return this.LowerName(identifier);
            case BinaryExpressionSyntax binary:
                return this.LowerBinary(binary);
            case PrefixUnaryExpressionSyntax unary:
                return this.LowerPrefix(unary);
            case ConditionalExpressionSyntax conditional:
                return this.LowerConditional(conditional);
            case InvocationExpressionSyntax invocation:
                return this.LowerInvocation(invocation);
            case AssignmentExpressionSyntax assignment:
                this.Report(DiagnosticDescriptors.UnsupportedExpression, assignment, "An assignment inside an expression", "assign in its own statement");
                return Poison;
            case PostfixUnaryExpressionSyntax postfix:
                this.Report(DiagnosticDescriptors.UnsupportedExpression, postfix, "'" + postfix + "' inside an expression", "write the update as its own statement");
                return Poison;
            case MemberAccessExpressionSyntax member:
                return this.LowerMemberRead(member, this.scope.Model.GetSymbolInfo(member, this.cancellationToken).Symbol);
            case ElementAccessExpressionSyntax access:
                this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "Indexing '" + access + "'", "use whole-tensor operations (Sum, Dot, element-wise arithmetic) instead of single elements");
                return Poison;
            case LiteralExpressionSyntax literal:
                this.Report(DiagnosticDescriptors.UnsupportedExpression, literal, "The literal " + literal, "use a number");
                return Poison;
            default:
                string? construct = Describe(expression);
                if (construct is null && this.scope.Model.GetTypeInfo(expression, this.cancellationToken).Type is { TypeKind: TypeKind.Error } or null)
                {
                    // Broken code: the compiler reports it.
                    this.unreadable = true;
                    return Poison;
                }

                this.Report(DiagnosticDescriptors.UnsupportedExpression, expression, construct ?? "The expression '" + expression + "'", "compute the value with arithmetic and SymGrad's vocabulary on the method's parameters");
                return Poison;
        }
    }

    private static string? Describe(ExpressionSyntax expression) => expression switch
    {
        LambdaExpressionSyntax => "A lambda",
        AnonymousMethodExpressionSyntax => "An anonymous method",
        BaseObjectCreationExpressionSyntax => "Creating an object ('" + expression + "')",
        ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax => "Creating an array",
        CollectionExpressionSyntax => "A collection expression",
        InterpolatedStringExpressionSyntax => "An interpolated string",
        SwitchExpressionSyntax => "A switch expression",
        IsPatternExpressionSyntax => "A pattern match",
        ThrowExpressionSyntax => "A throw expression",
        AwaitExpressionSyntax => "'await'",
        RefExpressionSyntax => "A 'ref' expression",
        DefaultExpressionSyntax => "'default'",
        TypeOfExpressionSyntax => "'typeof'",
        _ => null,
    };

    /// <summary>A constant node of the constant's own C# type; a decimal becomes the element type (only a constant can be one).</summary>
    private int? ConstantOf(object? value) => value switch
    {
        float f => this.graph.Constant(f, this.element == ElementKind.Float ? ScalarType.Element : ScalarType.Float),
        double d => this.graph.Constant(d, this.element == ElementKind.Double ? ScalarType.Element : ScalarType.Double),
        int i => this.graph.Integer(i, ScalarType.Int),
        long l => this.graph.Integer(l, ScalarType.Long),
        short s => this.graph.Integer(s, ScalarType.Short),
        byte b => this.graph.Integer(b, ScalarType.Byte),
        sbyte sb => this.graph.Integer(sb, ScalarType.SByte),
        uint u => this.graph.Integer(u, ScalarType.UInt),
        ulong ul => this.graph.Integer(ul, ScalarType.ULong),
        ushort us => this.graph.Integer(us, ScalarType.UShort),
        char c => this.graph.Integer(c, ScalarType.Char),
        decimal m => this.graph.Constant(this.element == ElementKind.Float ? (float)m : (double)m),
        bool flag => this.graph.Constant(flag ? 1 : 0),
        _ => null,
    };

    /// <summary>The node type of a C# type: numbers, and bool as a 0/1 condition in the element type; null for anything else.</summary>
    private ScalarType? TypeOf(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Single => this.element == ElementKind.Float ? ScalarType.Element : ScalarType.Float,
        SpecialType.System_Double => this.element == ElementKind.Double ? ScalarType.Element : ScalarType.Double,
        SpecialType.System_Boolean => ScalarType.Element,
        SpecialType.System_Int32 => ScalarType.Int,
        SpecialType.System_UInt32 => ScalarType.UInt,
        SpecialType.System_Int64 => ScalarType.Long,
        SpecialType.System_UInt64 => ScalarType.ULong,
        SpecialType.System_Int16 => ScalarType.Short,
        SpecialType.System_UInt16 => ScalarType.UShort,
        SpecialType.System_Byte => ScalarType.Byte,
        SpecialType.System_SByte => ScalarType.SByte,
        SpecialType.System_Char => ScalarType.Char,
        _ => null,
    };

    /// <summary>The floating type a node type stands for: the element type spelled out.</summary>
    private ScalarType Spelled(ScalarType type)
        => type == ScalarType.Element ? (this.element == ElementKind.Float ? ScalarType.Float : ScalarType.Double) : type;

    private ScalarType Normalized(ScalarType type)
        => (type == ScalarType.Float && this.element == ElementKind.Float) || (type == ScalarType.Double && this.element == ElementKind.Double) ? ScalarType.Element : type;

    /// <summary>
    /// C#'s binary numeric promotion: the type both operands of a predefined arithmetic operator are converted to
    /// (double, float, ulong, long, uint or int; a uint meeting a signed type widens to long).
    /// </summary>
    private ScalarType Promote(ScalarType left, ScalarType right)
    {
        ScalarType a = this.Spelled(left);
        ScalarType b = this.Spelled(right);
        bool Either(ScalarType t) => a == t || b == t;
        ScalarType promoted =
            Either(ScalarType.Double) ? ScalarType.Double
            : Either(ScalarType.Float) ? ScalarType.Float
            : Either(ScalarType.ULong) ? ScalarType.ULong
            : Either(ScalarType.Long) ? ScalarType.Long
            : Either(ScalarType.UInt) ? (IsSigned(a) || IsSigned(b) ? ScalarType.Long : ScalarType.UInt)
            : ScalarType.Int;
        return this.Normalized(promoted);

        static bool IsSigned(ScalarType t) => t is ScalarType.Int or ScalarType.Short or ScalarType.SByte;
    }

    /// <summary>Whether an overflow in <paramref name="context"/> throws: checked, or the project's default is checked.</summary>
    private bool Throws(Overflow context)
        => context == Overflow.Checked || (context == Overflow.Default && this.scope.Model.Compilation.Options.CheckOverflow);

    /// <summary>
    /// Scalar <paramref name="value"/> converted to <paramref name="type"/> as C# converts it, in the current overflow
    /// context. A constant is converted now, exactly, the way the method converts it at run time.
    /// </summary>
    private int Convert(int value, ScalarType type, SyntaxNode where)
    {
        if (value == Poison || this.graph[value].Type == type)
        {
            return value;
        }

        Node node = this.graph[value];
        if (node.Op != Op.Constant)
        {
            return this.graph.Convert(value, type, this.overflow);
        }

        if (type.IsInteger())
        {
            System.Numerics.BigInteger integer;
            if (node.Type.IsInteger())
            {
                integer = node.Integer();
            }
            else if (!double.IsNaN(node.Value) && !double.IsInfinity(node.Value) && Math.Abs(node.Value) < 1e30)
            {
                // A floating value converts to an integer by truncation toward zero.
                integer = new System.Numerics.BigInteger(Math.Truncate(node.Value));
            }
            else
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "Converting " + node.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + " to '" + type.Keyword(this.element) + "' in '" + where + "'", "the value is out of the type's range; compute it in floating point");
                return Poison;
            }

            if (type.Fits(integer))
            {
                return this.graph.Integer(integer, type);
            }

            if (node.Type.IsInteger() && !this.Throws(this.overflow))
            {
                return this.graph.Integer(type.Wrap(integer), type);
            }

            this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "Converting " + integer + " to '" + type.Keyword(this.element) + "' in '" + where + "'", "the value is out of the type's range, so C# throws OverflowException or leaves the result unspecified; use a wider type");
            return Poison;
        }

        // To a floating type: C#'s own conversion, rounded once to float where the target is float.
        double converted = node.Type switch
        {
            ScalarType.ULong => this.Spelled(type) == ScalarType.Float ? (float)unchecked((ulong)node.Bits) : (double)unchecked((ulong)node.Bits),
            _ when node.Type.IsInteger() => this.Spelled(type) == ScalarType.Float ? (float)node.Bits : (double)node.Bits,
            _ => this.Spelled(type) == ScalarType.Float ? (float)node.Value : node.Value,
        };
        return this.graph.Constant(converted, type);
    }

    private int LowerCast(CastExpressionSyntax cast)
    {
        ITypeSymbol? type = this.scope.Model.GetTypeInfo(cast.Type, this.cancellationToken).Type;
        if (this.TypeOf(type) is { } target && type!.SpecialType != SpecialType.System_Boolean)
        {
            int operand = this.Lower(cast.Expression);
            if (operand != Poison && this.graph[operand].IsTensor)
            {
                this.Report(DiagnosticDescriptors.OperandKindMismatch, cast, "A cast to '" + type!.ToDisplayString() + "'", "a scalar", cast.Expression.ToString(), "a tensor", "reduce it first with Sum or Mean");
                return Poison;
            }

            return this.Convert(operand, target, cast);
        }

        if (TypeFacts.IsTensor(type))
        {
            return this.Lower(cast.Expression);
        }

        this.Report(DiagnosticDescriptors.UnsupportedExpression, cast, "A cast to '" + cast.Type + "'", "compute in " + this.element.Keyword());
        return Poison;
    }

    private int LowerName(IdentifierNameSyntax identifier)
    {
        ISymbol? symbol = this.scope.Model.GetSymbolInfo(identifier, this.cancellationToken).Symbol;
        switch (symbol)
        {
            case IParameterSymbol or ILocalSymbol:
                int bound = this.scope.Lookup(symbol);
                if (bound == Poison && !this.scope.IsBound(symbol))
                {
                    this.unreadable = true;
                }

                return bound;
            case null:
                this.unreadable = true;
                return Poison;
            default:
                return this.LowerMemberRead(identifier, symbol);
        }
    }

    private int LowerMemberRead(ExpressionSyntax syntax, ISymbol? symbol)
    {
        if (symbol is null)
        {
            this.unreadable = true;
            return Poison;
        }

        string what = symbol switch
        {
            IFieldSymbol => "Reading field '" + symbol.ContainingType?.Name + "." + symbol.Name + "'",
            IPropertySymbol => "Reading property '" + symbol.ContainingType?.Name + "." + symbol.Name + "'",
            _ => "'" + syntax + "'",
        };
        this.Report(DiagnosticDescriptors.UnsupportedExpression, syntax, what, "pass the value as a parameter (mark it [NoGrad] to keep it constant)");
        return Poison;
    }

    private int LowerBinary(BinaryExpressionSyntax binary)
    {
        Op? op = binary.Kind() switch
        {
            SyntaxKind.AddExpression => Op.Add,
            SyntaxKind.SubtractExpression => Op.Subtract,
            SyntaxKind.MultiplyExpression => Op.Multiply,
            SyntaxKind.DivideExpression => Op.Divide,
            SyntaxKind.ModuloExpression => Op.Remainder,
            SyntaxKind.LessThanExpression => Op.Less,
            SyntaxKind.LessThanOrEqualExpression => Op.LessOrEqual,
            SyntaxKind.GreaterThanExpression => Op.Greater,
            SyntaxKind.GreaterThanOrEqualExpression => Op.GreaterOrEqual,
            SyntaxKind.EqualsExpression => Op.Equal,
            SyntaxKind.NotEqualsExpression => Op.NotEqual,
            SyntaxKind.LogicalAndExpression => Op.And,
            SyntaxKind.LogicalOrExpression => Op.Or,
            _ => null,
        };

        if (op is null)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, binary, "The operator '" + binary.OperatorToken.Text + "'", "use + - * / % and comparisons");
            return Poison;
        }

        this.LowerLeftOperandsAhead(binary);
        int left = this.Lower(binary.Left);
        int right = this.Lower(binary.Right);
        if (op.Value is Op.Less or Op.LessOrEqual or Op.Greater or Op.GreaterOrEqual && left != Poison && right != Poison && (this.graph[left].IsTensor || this.graph[right].IsTensor))
        {
            // TensorMath's comparison operators: an element-wise mask, as LessThan(a, b) and the others give.
            return this.Elementwise(op.Value, new[] { left, right }, binary);
        }

        if (op.Value.IsComparison() || op.Value.IsLogic())
        {
            if (!this.RequireScalar(left, binary.Left, "The operator '" + binary.OperatorToken.Text + "'", "compare scalars, for example Sum(x) > 0")
                | !this.RequireScalar(right, binary.Right, "The operator '" + binary.OperatorToken.Text + "'", "compare scalars, for example Sum(x) > 0"))
            {
                return Poison;
            }

            return this.Make(op.Value, left, right);
        }

        return this.Arithmetic(op.Value, left, right, binary);
    }

    /// <summary>
    /// A sum of thousands of terms nests its left operands thousands deep: they are lowered here from the innermost
    /// out, in the order recursion would take, so the recursion below finds each one done and stays shallow.
    /// </summary>
    private void LowerLeftOperandsAhead(BinaryExpressionSyntax binary)
    {
        if (binary.Left is not BinaryExpressionSyntax || this.loweredAhead.ContainsKey(binary.Left))
        {
            return;
        }

        var spine = new Stack<BinaryExpressionSyntax>();
        for (ExpressionSyntax left = binary.Left; left is BinaryExpressionSyntax inner && IsArithmetic(inner) && !this.loweredAhead.ContainsKey(inner); left = inner.Left)
        {
            // A constant operand is lowered whole, as one number: nothing inside it is lowered.
            if (this.scope.Model.GetConstantValue(inner, this.cancellationToken).HasValue)
            {
                break;
            }

            spine.Push(inner);
        }

        while (spine.Count > 0)
        {
            BinaryExpressionSyntax next = spine.Pop();
            // Unconverted, as LowerValue returns it: Lower applies C#'s conversion when the chain asks for the operand.
            this.loweredAhead[next] = this.LowerValue(next);
        }
    }

    private static bool IsArithmetic(BinaryExpressionSyntax binary)
        => binary.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression or SyntaxKind.DivideExpression;

    private int LowerPrefix(PrefixUnaryExpressionSyntax unary)
    {
        switch (unary.Kind())
        {
            case SyntaxKind.UnaryMinusExpression:
                int negated = this.Lower(unary.Operand);
                if (negated != Poison && this.graph[negated].Type.IsInteger())
                {
                    return this.IntegerArithmetic(Op.Negate, negated, negated, unary);
                }

                return this.Make(Op.Negate, negated);
            case SyntaxKind.UnaryPlusExpression:
                return this.Lower(unary.Operand);
            case SyntaxKind.LogicalNotExpression:
                int operand = this.Lower(unary.Operand);
                return this.RequireScalar(operand, unary.Operand, "The operator '!'", "negate a scalar condition") ? this.Make(Op.Not, operand) : Poison;
            default:
                this.Report(DiagnosticDescriptors.UnsupportedExpression, unary, "The operator '" + unary.OperatorToken.Text + "'", "use arithmetic on a new value");
                return Poison;
        }
    }

    private int LowerConditional(ConditionalExpressionSyntax conditional)
    {
        int condition = this.Lower(conditional.Condition);
        if (!this.RequireScalar(condition, conditional.Condition, "The condition of '?:'", "decide on a scalar, for example Sum(x) > 0 ? a : b"))
        {
            return Poison;
        }

        int whenTrue = this.Lower(conditional.WhenTrue);
        int whenFalse = this.Lower(conditional.WhenFalse);
        if (whenTrue == Poison || whenFalse == Poison || condition == Poison)
        {
            return Poison;
        }

        (whenTrue, whenFalse) = this.Align(whenTrue, whenFalse, conditional);
        return this.Make(Op.Select, condition, whenTrue, whenFalse);
    }

    private int LowerInvocation(InvocationExpressionSyntax invocation)
    {
        if (this.scope.Model.GetSymbolInfo(invocation, this.cancellationToken).Symbol is not IMethodSymbol method)
        {
            if (invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" })
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'nameof'", "compute a number from the parameters");
                return Poison;
            }

            if (invocation.Expression is MemberAccessExpressionSyntax receiver
                && this.scope.Model.GetTypeInfo(receiver.Expression, this.cancellationToken).Type is { TypeKind: TypeKind.Dynamic })
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "A dynamic call", "give the parameter a tensor or scalar type");
                return Poison;
            }

            this.unreadable = true;
            return Poison;
        }

        // An extension method called as a.M(b) is M(a, b): its receiver is the first argument.
        method = method.ReducedFrom ?? method;

        string type = method.ContainingType?.ToDisplayString() ?? string.Empty;
        string display = method.ContainingType?.Name + "." + method.Name;
        List<ExpressionSyntax?> arguments = this.ArgumentsInOrder(invocation, method);

        if (method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Vocabulary.DifferentiableAttribute))
        {
            return this.Inline(invocation, method, arguments);
        }

        if (method.IsStatic && type == Vocabulary.TensorMathType)
        {
            return this.LowerVocabularyCall(invocation, method.Name, display, Vocabulary.TensorMathComposite(method.Name), arguments);
        }

        if (method.IsStatic && type == Vocabulary.TensorType)
        {
            if (Vocabulary.TensorBinary(method.Name) is { } binaryOp && arguments.Count == 2 && !method.ReturnsVoid && method.Parameters.All(IsReadOnlyParameter))
            {
                int left = this.LowerArgument(arguments[0]);
                int right = this.LowerArgument(arguments[1]);
                return binaryOp == Op.Pow ? this.Pow(left, right, invocation, arguments[1]) : this.Arithmetic(binaryOp, left, right, invocation);
            }

            if (method.Parameters.All(IsReadOnlyParameter) && !method.ReturnsVoid)
            {
                return this.LowerVocabularyCall(invocation, method.Name, display, Vocabulary.TensorComposite(method.Name), arguments);
            }
        }

        if (method.IsStatic && Vocabulary.IsScalarMathType(type))
        {
            return this.LowerVocabularyCall(invocation, method.Name, display, Vocabulary.ScalarComposite(method.Name), arguments);
        }

        if (this.IsTensorMutator(invocation, out string tensor, out string call))
        {
            this.Report(DiagnosticDescriptors.TensorMutation, invocation, call, tensor);
            return Poison;
        }

        if (Vocabulary.IsEffectfulType(type))
        {
            this.Report(DiagnosticDescriptors.SideEffect, invocation, "Calling '" + display + "'");
            return Poison;
        }

        this.Report(DiagnosticDescriptors.UnsupportedCall, invocation, display, Vocabulary.Functions);
        return Poison;
    }

    /// <summary>Tensor functions take their inputs by value or by <c>in</c>; an output span marks a writing overload.</summary>
    private static bool IsReadOnlyParameter(IParameterSymbol parameter)
        => parameter.RefKind is RefKind.None or RefKind.In or RefKind.RefReadOnlyParameter
            && !(TypeFacts.TensorElement(parameter.Type, out _, out bool writable) is not null && writable);

    private bool IsTensorMutator(InvocationExpressionSyntax invocation, out string tensor, out string call)
    {
        tensor = string.Empty;
        call = string.Empty;
        if (invocation.Expression is MemberAccessExpressionSyntax member
            && this.scope.Model.GetSymbolInfo(invocation, this.cancellationToken).Symbol is IMethodSymbol { IsStatic: false } method
            && TypeFacts.IsTensor(this.scope.Model.GetTypeInfo(member.Expression, this.cancellationToken).Type)
            && method.Name is "Fill" or "Clear" or "CopyTo" or "TryCopyTo" or "FlattenTo" or "TryFlattenTo" or "SetSlice")
        {
            tensor = member.Expression.ToString();
            call = "Calling '" + method.Name + "'";
            return true;
        }

        return false;
    }

    private int LowerVocabularyCall(InvocationExpressionSyntax invocation, string name, string display, Vocabulary.Composite composite, List<ExpressionSyntax?> arguments)
    {
        switch (composite)
        {
            case Vocabulary.Composite.Sum when arguments.Count == 1:
                return this.Sum(this.LowerArgument(arguments[0]));
            case Vocabulary.Composite.Mean when arguments.Count == 1:
                return this.Mean(this.LowerArgument(arguments[0]));
            case Vocabulary.Composite.Dot when arguments.Count == 2:
                return this.Sum(this.Arithmetic(Op.Multiply, this.LowerArgument(arguments[0]), this.LowerArgument(arguments[1]), invocation));
            case Vocabulary.Composite.Mse when arguments.Count == 2:
                return this.Mean(this.Make(Op.Square, this.Arithmetic(Op.Subtract, this.LowerArgument(arguments[0]), this.LowerArgument(arguments[1]), invocation)));
            case Vocabulary.Composite.LogSumExp when arguments.Count == 1:
                return this.LogSumExp(this.LowerArgument(arguments[0]));
            case Vocabulary.Composite.Max or Vocabulary.Composite.Min when arguments.Count == 2:
                int a = this.LowerArgument(arguments[0]);
                int b = this.LowerArgument(arguments[1]);
                if (!this.RequireScalar(a, arguments[0], name, "use Relu for tensors") | !this.RequireScalar(b, arguments[1], name, "use Relu for tensors"))
                {
                    return Poison;
                }

                return this.Make(Op.Select, this.Make(composite == Vocabulary.Composite.Max ? Op.GreaterOrEqual : Op.LessOrEqual, a, b), a, b);
            case Vocabulary.Composite.TensorMax or Vocabulary.Composite.TensorMin when arguments.Count == 1:
                int extreme = this.LowerArgument(arguments[0]);
                if (!this.RequireTensor(extreme, arguments[0], name))
                {
                    return Poison;
                }

                // Min(x) = -Max(-x): the same value exactly, and amin's gradient from amax's.
                return composite == Vocabulary.Composite.TensorMax
                    ? this.graph.Make(Op.Max, extreme)
                    : this.graph.Make(Op.Negate, this.graph.Make(Op.Max, this.graph.Make(Op.Negate, extreme)));
            case Vocabulary.Composite.Where when arguments.Count == 3:
                return this.Elementwise(Op.Select, arguments.Select(this.LowerArgument).ToArray(), invocation);
            case Vocabulary.Composite.BinaryCrossEntropyWithLogits when arguments.Count == 2:
                return this.BinaryCrossEntropyWithLogits(this.LowerArgument(arguments[0]), this.LowerArgument(arguments[1]), invocation);
            case Vocabulary.Composite.MatMul when arguments.Count == 2:
                return this.MatMul(this.LowerArgument(arguments[0]), this.LowerArgument(arguments[1]), arguments);
            case Vocabulary.Composite.Transpose when arguments.Count == 1:
                int transposed = this.LowerArgument(arguments[0]);
                return this.RequireTensor(transposed, arguments[0], "Transpose") ? this.Transpose(transposed) : Poison;
        }

        if (name == "Pow" && arguments.Count == 2)
        {
            return this.Pow(this.LowerArgument(arguments[0]), this.LowerArgument(arguments[1]), invocation, arguments[1]);
        }

        if (Vocabulary.Unary(name) is { } unary && arguments.Count == 1)
        {
            return this.Make(unary, this.LowerArgument(arguments[0]));
        }

        if (display == "TensorMath." + name && arguments.Count > 1 && Primitives.Callable(name, arguments.Count) is { } elementwise)
        {
            return this.Elementwise(elementwise, arguments.Select(this.LowerArgument).ToArray(), invocation);
        }

        if (display == "TensorMath." + name && Vocabulary.NotDifferentiableYet(name, arguments.Count) is { } instead)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "' (TensorMath." + name + ", which runs eagerly)", "it is not differentiable yet; " + instead);
            return Poison;
        }

        this.Report(DiagnosticDescriptors.UnsupportedCall, invocation, display, Vocabulary.Functions);
        return Poison;
    }

    private int LowerArgument(ExpressionSyntax? argument) => argument is null ? Poison : this.Lower(argument);

    private List<ExpressionSyntax?> ArgumentsInOrder(InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        var ordered = new ExpressionSyntax?[method.Parameters.Length];
        SeparatedSyntaxList<ArgumentSyntax> written = invocation.ArgumentList.Arguments;
        if (written.Count == ordered.Length && !method.Parameters.Any(p => p.IsParams) && !written.Any(a => a.NameColon is not null))
        {
            // One argument per parameter, in order. Asking the compiler's operations instead would build them for the
            // whole body at once, recursively, and calls nested thousands deep would overflow the stack there.
            for (int i = 0; i < written.Count; i++)
            {
                ordered[i] = written[i].Expression;
            }
        }
        else if (this.scope.Model.GetOperation(invocation, this.cancellationToken) is IInvocationOperation operation)
        {
            foreach (IArgumentOperation argument in operation.Arguments)
            {
                if (argument.Parameter is { } parameter && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    ordered[parameter.Ordinal] = argument.Syntax is ArgumentSyntax a ? a.Expression : argument.Value.Syntax as ExpressionSyntax;
                }
                else if (argument.Parameter is { } withDefault && argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    ordered[withDefault.Ordinal] = invocation;
                }
            }
        }
        else
        {
            for (int i = 0; i < invocation.ArgumentList.Arguments.Count && i < ordered.Length; i++)
            {
                ordered[i] = invocation.ArgumentList.Arguments[i].Expression;
            }
        }

        return ordered.ToList();
    }

    private int Inline(InvocationExpressionSyntax invocation, IMethodSymbol callee, List<ExpressionSyntax?> arguments)
    {
        IMethodSymbol definition = callee.OriginalDefinition;
        if (this.callStack.Contains(definition, SymbolEqualityComparer.Default))
        {
            // Reported at the root method's own call that leads into the cycle, so each method of a cycle gets it.
            bool direct = this.callStack.Count == 1;
            this.diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.Recursion,
                LocationInfo.From(direct ? invocation : this.rootCallSite ?? invocation),
                this.root.Name,
                direct ? callee.Name : this.rootCallee ?? callee.Name));
            return Poison;
        }

        if (callee.ReturnType.SpecialType != (this.element == ElementKind.Float ? SpecialType.System_Single : SpecialType.System_Double))
        {
            this.Report(DiagnosticDescriptors.ElementTypeMismatch, invocation, callee.Name + "(...)", callee.ReturnType.ToDisplayString(), this.root.Name, this.element.Keyword());
            return Poison;
        }

        MethodDeclarationSyntax? declaration = callee.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(this.cancellationToken))
            .OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(m => m.Body is not null || m.ExpressionBody is not null);
        if (declaration is null)
        {
            this.Report(DiagnosticDescriptors.UnsupportedCall, invocation, callee.ContainingType.Name + "." + callee.Name + " (declared without source in this compilation)", Vocabulary.Functions);
            return Poison;
        }

        var bindings = new List<(ISymbol, int)>();
        for (int i = 0; i < callee.Parameters.Length; i++)
        {
            IParameterSymbol parameter = callee.Parameters[i];
            ExpressionSyntax? argument = arguments[i];
            int value;
            if (argument == invocation)
            {
                if (parameter.HasExplicitDefaultValue && this.ConstantOf(parameter.ExplicitDefaultValue) is { } fallback && this.TypeOf(parameter.Type) is { } parameterType)
                {
                    value = this.Convert(fallback, parameterType, invocation);
                }
                else if (Reads(declaration, parameter))
                {
                    // A default tensor (or null) has no elements to inline: without this the caller silently gets no code.
                    this.Report(
                        DiagnosticDescriptors.UnsupportedExpression,
                        invocation,
                        "The call to '" + callee.Name + "' without argument '" + parameter.Name + "'",
                        "pass '" + parameter.Name + "' explicitly: SymGrad inlines '" + callee.Name + "', and only a number can stand in for an omitted argument");
                    value = Poison;
                }
                else
                {
                    // Never read, so nothing stands in for it.
                    value = Poison;
                }
            }
            else
            {
                value = this.LowerArgument(argument);
            }

            // A callee's [NoGrad] only drops that gradient from the callee's own generated methods; inlined, the
            // caller's derivative flows through it, so no gradient is silently zero.
            bindings.Add((parameter.OriginalDefinition, value));
        }

        Scope caller = this.scope;
        this.scope = new Scope(this.scope.Model.Compilation.GetSemanticModel(declaration.SyntaxTree));
        foreach ((ISymbol symbol, int value) in bindings)
        {
            this.scope.Bind(symbol, value);
        }

        if (this.callStack.Count == 1)
        {
            this.rootCallSite = invocation;
            this.rootCallee = callee.Name;
        }

        // A checked context does not reach into a called method's body: the callee computes in the project's default.
        Overflow callerOverflow = this.overflow;
        this.overflow = Overflow.Default;
        this.callStack.Add(definition);
        int result = this.LowerBody(declaration);
        this.callStack.RemoveAt(this.callStack.Count - 1);
        this.overflow = callerOverflow;
        this.scope = caller;
        return result;
    }

    /// <summary>Whether <paramref name="declaration"/>'s body names <paramref name="parameter"/>.</summary>
    private bool Reads(MethodDeclarationSyntax declaration, IParameterSymbol parameter)
    {
        SemanticModel model = this.scope.Model.Compilation.GetSemanticModel(declaration.SyntaxTree);
        return declaration.DescendantNodes().OfType<IdentifierNameSyntax>().Any(name =>
            name.Identifier.ValueText == parameter.Name
            && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, this.cancellationToken).Symbol?.OriginalDefinition, parameter.OriginalDefinition));
    }

    private int Sum(int operand)
    {
        if (operand == Poison)
        {
            return Poison;
        }

        return this.graph[operand].IsScalar ? operand : this.graph.Make(Op.Sum, operand);
    }

    private int Mean(int operand)
    {
        if (operand == Poison)
        {
            return Poison;
        }

        Node node = this.graph[operand];
        return node.IsScalar ? operand : this.graph.Make(Op.Divide, this.graph.Make(Op.Sum, operand), this.graph.ElementCount(node.Domain));
    }

    private int LogSumExp(int operand)
    {
        if (operand == Poison || this.graph[operand].IsScalar)
        {
            return operand;
        }

        // Shift by the maximum so no exponential overflows; the shift cancels, so no gradient flows through it.
        // An infinite maximum is not shifted (all -inf gives log 0 = -inf; +inf gives +inf).
        int domain = this.graph[operand].Domain;
        int max = this.graph.Make(Op.StopGradient, this.graph.Make(Op.Max, operand));
        int infinite = this.graph.Make(Op.Equal, this.graph.Make(Op.Abs, max), this.graph.Constant(double.PositiveInfinity));
        int shift = this.graph.Make(Op.Select, infinite, this.graph.Constant(0), max);
        int shifted = this.graph.Make(Op.Subtract, operand, this.graph.Broadcast(shift, domain));
        return this.graph.Make(Op.Add, shift, this.graph.Make(Op.Log, this.graph.Make(Op.Sum, this.graph.Make(Op.Exp, shifted))));
    }

    /// <summary>
    /// An element-wise primitive over <paramref name="operands"/>: its tensors meet as the operands of + do (one shape,
    /// or a scalar repeated), and a scalar among tensors is repeated over their shape.
    /// </summary>
    private int Elementwise(Op op, int[] operands, SyntaxNode where)
    {
        if (operands.Contains(Poison))
        {
            return Poison;
        }

        int first = System.Array.FindIndex(operands, a => this.graph[a].IsTensor);
        for (int i = 0; first >= 0 && i < operands.Length; i++)
        {
            if (i != first)
            {
                (operands[first], operands[i]) = this.Align(operands[first], operands[i], where);
            }
        }

        return this.graph.Make(op, operands);
    }

    /// <summary>PyTorch's stable form, mean over the elements: max(z, 0) - z y + log(1 + exp(-|z|)), the last term as Softplus(-|z|).</summary>
    private int BinaryCrossEntropyWithLogits(int z, int y, SyntaxNode where)
    {
        if (z == Poison || y == Poison)
        {
            return Poison;
        }

        int zero = this.graph.Constant(0);
        int margin = this.Arithmetic(Op.Subtract, this.Elementwise(Op.Maximum, new[] { z, zero }, where), this.Arithmetic(Op.Multiply, z, y, where), where);
        return this.Mean(this.Arithmetic(Op.Add, margin, this.graph.Make(Op.Softplus, this.graph.Make(Op.Negate, this.graph.Make(Op.Abs, z))), where));
    }

    private int Pow(int value, int exponent, SyntaxNode where, ExpressionSyntax? exponentSyntax)
    {
        if (value == Poison || exponent == Poison)
        {
            return Poison;
        }

        if (this.graph[exponent].IsTensor)
        {
            this.Report(DiagnosticDescriptors.OperandKindMismatch, (SyntaxNode?)exponentSyntax ?? where, "Pow's exponent", "a scalar", exponentSyntax?.ToString() ?? "exponent", "a tensor", "raise to a scalar power, or write Exp(y * Log(x))");
            return Poison;
        }

        return this.graph.Make(Op.Pow, value, exponent);
    }

    private int Arithmetic(Op op, int left, int right, SyntaxNode where)
    {
        if (left == Poison || right == Poison)
        {
            return Poison;
        }

        if (this.graph[left].Type.IsInteger() || this.graph[right].Type.IsInteger())
        {
            return this.IntegerArithmetic(op, left, right, where);
        }

        if (op == Op.Remainder)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "The operator '%' on floating-point values in '" + where + "'", "SymGrad computes '%' on integers only; compute the remainder of integer values");
            return Poison;
        }

        (left, right) = this.Align(left, right, where);
        return this.graph.Make(op, left, right);
    }

    /// <summary>
    /// A compound assignment or increment of a scalar of type <paramref name="own"/>: <c>x op= y</c> is
    /// <c>x = (T)(x op y)</c>, computed in the type C# promotes both operands to, then converted back to T.
    /// </summary>
    private int Update(Op op, int current, ScalarType own, int value, SyntaxNode where)
    {
        if (current == Poison || value == Poison)
        {
            return Poison;
        }

        if (this.graph[current].IsTensor || this.graph[value].IsTensor)
        {
            return this.Arithmetic(op, current, value, where);
        }

        ScalarType promoted = this.Promote(own, this.graph[value].Type);
        int result = this.Arithmetic(op, this.Convert(current, promoted, where), this.Convert(value, promoted, where), where);
        return this.Convert(result, own, where);
    }

    /// <summary>
    /// An operation on integers (C# converted both operands to one integer type), in the current overflow context.
    /// Constants are computed now, exactly as C# computes them at run time; what C# would throw on is reported.
    /// </summary>
    private int IntegerArithmetic(Op op, int left, int right, SyntaxNode where)
    {
        Node l = this.graph[left];
        Node r = this.graph[right];
        ScalarType type = l.Type;
        if (l.IsTensor || r.IsTensor || r.Type != type)
        {
            throw new InvalidOperationException("'" + where + "' mixes " + l.Type + " and " + r.Type + " operands.");
        }

        if (op is Op.Divide or Op.Remainder && r.Op == Op.Constant && r.Integer().IsZero)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "'" + where + "' divides by zero, which throws DivideByZeroException, and", "divide by a value that is not always zero");
            return Poison;
        }

        if (l.Op != Op.Constant || r.Op != Op.Constant)
        {
            return this.graph.Make(op, this.overflow, left, right);
        }

        System.Numerics.BigInteger a = l.Integer();
        System.Numerics.BigInteger b = r.Integer();
        System.Numerics.BigInteger result = op switch
        {
            Op.Add => a + b,
            Op.Subtract => a - b,
            Op.Multiply => a * b,
            Op.Divide => System.Numerics.BigInteger.Divide(a, b),
            Op.Remainder => System.Numerics.BigInteger.Remainder(a, b),
            Op.Negate => -a,
            _ => throw OpFacts.Unexpected(op),
        };

        // The smallest value divided by -1 overflows, and .NET throws for / and % even unchecked.
        bool divisionOverflow = op is Op.Divide or Op.Remainder && b == -1 && a == type.Range().Min && type.Range().Min < 0;
        if (type.Fits(result) && !divisionOverflow)
        {
            return this.graph.Integer(result, type);
        }

        if (!divisionOverflow && !this.Throws(this.overflow))
        {
            return this.graph.Integer(type.Wrap(result), type);
        }

        this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "'" + where + "' overflows '" + type.Keyword(this.element) + "' for the values it always has, so C# throws OverflowException, and it", "compute in a wider type such as long, or write unchecked(...) where wrapping is meant");
        return Poison;
    }

    /// <summary>
    /// Brings two operands to one kind: a scalar meeting a tensor is broadcast; two parameter shapes share a domain;
    /// a parameter shape meeting a matrix is expanded into it (as the same matrix, or a repeated bias).
    /// </summary>
    private (int Left, int Right) Align(int left, int right, SyntaxNode where)
    {
        Node l = this.graph[left];
        Node r = this.graph[right];
        if (l.IsTensor && r.IsTensor)
        {
            int a = this.Find(l.Domain);
            int b = this.Find(r.Domain);
            bool aMatrix = this.graph.Domains[a].IsMatrix;
            bool bMatrix = this.graph.Domains[b].IsMatrix;
            if (a == b)
            {
                return (left, right);
            }

            if (aMatrix && !bMatrix)
            {
                return (left, this.Expand(right, a));
            }

            if (bMatrix && !aMatrix)
            {
                return (this.Expand(left, b), right);
            }

            this.Unify(a, b);
        }
        else if (l.IsTensor)
        {
            right = this.graph.Broadcast(right, l.Domain);
        }
        else if (r.IsTensor)
        {
            left = this.graph.Broadcast(left, r.Domain);
        }

        return (left, right);
    }

    /// <summary>Rewrites an element-wise expression of parameter shapes into a matrix domain, expanding its parameters.</summary>
    private int Expand(int node, int domain)
    {
        if (this.expanded.TryGetValue((node, domain), out int done))
        {
            return done;
        }

        Node n = this.graph[node];
        int result;
        if (n.IsScalar)
        {
            result = node;
        }
        else if (n.Op == Op.Parameter)
        {
            result = this.graph.Add(new Node(Op.Expand, EquatableArray.Create(node), domain, Parameter: n.Parameter));
        }
        else if (n.Op == Op.Broadcast)
        {
            result = this.graph.Broadcast(n.Args[0], domain);
        }
        else
        {
            int[] args = n.Args.Select(a => this.Expand(a, domain)).ToArray();
            result = this.graph.Add(n with { Args = EquatableArray.Create(args), Domain = domain });
        }

        this.expanded[(node, domain)] = result;
        return result;
    }

    private int Make(Op op, params int[] args)
    {
        foreach (int arg in args)
        {
            if (arg == Poison)
            {
                return Poison;
            }
        }

        return this.graph.Make(op, args);
    }

    private bool RequireScalar(int node, SyntaxNode? syntax, string construct, string fix)
    {
        if (node == Poison || this.graph[node].IsScalar)
        {
            return true;
        }

        this.Report(DiagnosticDescriptors.OperandKindMismatch, syntax!, construct, "a scalar", syntax?.ToString() ?? string.Empty, "a tensor", fix);
        return false;
    }

    private int NewDomain(int parameter) => this.Track(this.graph.DomainOf(parameter));

    private int Track(int domain)
    {
        while (this.domainParent.Count <= domain)
        {
            this.domainParent.Add(this.domainParent.Count);
        }

        return domain;
    }

    private int Find(int domain)
    {
        while (this.domainParent[domain] != domain)
        {
            domain = this.domainParent[domain];
        }

        return domain;
    }

    /// <summary>
    /// Merges two shape classes that meet element-wise. Two parameter shapes must be equal (checked at run time);
    /// a parameter meeting a matrix joins it (as a matrix of that shape or a repeated bias, resolved at run time);
    /// two matrices must agree in rows and columns.
    /// </summary>
    private void Unify(int a, int b)
    {
        int rootA = this.Find(a);
        int rootB = this.Find(b);
        if (rootA == rootB)
        {
            return;
        }

        Domain first = this.graph.Domains[rootA];
        Domain second = this.graph.Domains[rootB];
        if (first.IsMatrix && second.IsMatrix)
        {
            this.UnifyDims(first.Rows!, second.Rows!);
            this.UnifyDims(first.Columns!, second.Columns!);
            this.domainParent[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
        }
        else if (first.IsMatrix || second.IsMatrix)
        {
            int matrix = first.IsMatrix ? rootA : rootB;
            this.domainParent[matrix == rootA ? rootB : rootA] = matrix;
        }
        else
        {
            int low = Math.Min(rootA, rootB);
            int high = Math.Max(rootA, rootB);
            this.domainParent[high] = low;
            this.shapeChecks.Add(new ShapeCheck(this.graph.Domains[low].Parameter, this.graph.Domains[high].Parameter));
        }
    }

    private Dim FindDim(Dim dim)
    {
        while (this.dimParent.TryGetValue(dim, out Dim? parent) && parent != dim)
        {
            dim = parent;
        }

        return dim;
    }

    private void UnifyDims(Dim a, Dim b)
    {
        a = this.FindDim(a);
        b = this.FindDim(b);
        if (a == b)
        {
            return;
        }

        (Dim low, Dim high) = a.CompareTo(b) < 0 ? (a, b) : (b, a);
        this.dimParent[high] = low;
        this.dimChecks.Add(new DimCheck(low, high));
    }

    /// <summary>The rows and columns of a tensor node; a parameter's shape used as a matrix becomes one.</summary>
    private (Dim Rows, Dim Columns) MatrixDims(int node)
    {
        int root = this.Find(this.graph[node].Domain);
        Domain domain = this.graph.Domains[root];
        if (domain.IsMatrix)
        {
            return (this.FindDim(domain.Rows!), this.FindDim(domain.Columns!));
        }

        int parameter = domain.Parameter;
        this.matrixParameters.Add(parameter);
        var rows = new Dim(parameter, 0);
        var columns = new Dim(parameter, 1);
        this.Unify(this.Track(this.graph.MatrixDomain(rows, columns)), root);
        return (this.FindDim(rows), this.FindDim(columns));
    }

    private int MatMul(int a, int b, List<ExpressionSyntax?> arguments)
    {
        if (a == Poison || b == Poison || !this.RequireTensor(a, arguments[0], "MatMul") | !this.RequireTensor(b, arguments[1], "MatMul"))
        {
            return Poison;
        }

        // A transposed operand becomes a flag of the product rather than a copy.
        int flags = 0;
        if (this.graph[a].Op == Op.Transpose)
        {
            a = this.graph[a].Args[0];
            flags |= 1;
        }

        if (this.graph[b].Op == Op.Transpose)
        {
            b = this.graph[b].Args[0];
            flags |= 2;
        }

        (Dim aRows, Dim aColumns) = this.MatrixDims(a);
        (Dim bRows, Dim bColumns) = this.MatrixDims(b);
        this.UnifyDims((flags & 1) != 0 ? aRows : aColumns, (flags & 2) != 0 ? bColumns : bRows);
        Dim rows = this.FindDim((flags & 1) != 0 ? aColumns : aRows);
        Dim columns = this.FindDim((flags & 2) != 0 ? bRows : bColumns);
        int domain = this.Track(this.graph.MatrixDomain(rows, columns));
        return this.graph.Add(new Node(Op.MatMul, EquatableArray.Create(a, b), domain, Parameter: flags));
    }

    private int Transpose(int a)
    {
        (Dim rows, Dim columns) = this.MatrixDims(a);
        int domain = this.Track(this.graph.MatrixDomain(columns, rows));
        return this.graph.Add(new Node(Op.Transpose, EquatableArray.Create(a), domain));
    }

    private bool RequireTensor(int node, SyntaxNode? syntax, string construct)
    {
        if (node == Poison || this.graph[node].IsTensor)
        {
            return true;
        }

        this.Report(DiagnosticDescriptors.OperandKindMismatch, syntax!, construct, "a matrix", syntax?.ToString() ?? string.Empty, "a scalar", "pass a rank-2 tensor");
        return false;
    }

    /// <summary>Rewrites the graph so each shape class is one domain, with canonical dimensions, and only what the result needs remains.</summary>
    private Output Canonicalize(int result)
    {
        var domains = new List<Domain>();
        var compact = new Dictionary<int, int>();
        for (int domain = 0; domain < this.graph.Domains.Count; domain++)
        {
            int root = this.Find(domain);
            Domain canonical = this.graph.Domains[root];
            if (canonical.IsMatrix)
            {
                canonical = Domain.Matrix(this.FindDim(canonical.Rows!), this.FindDim(canonical.Columns!));
            }

            int index = domains.IndexOf(canonical);
            if (index < 0)
            {
                domains.Add(canonical);
                index = domains.Count - 1;
            }

            compact[domain] = index;
        }

        var builder = new GraphBuilder(domains);
        var map = new int[this.graph.Count];
        for (int i = 0; i < this.graph.Count; i++)
        {
            Node node = this.graph[i];
            int[] args = node.Args.Select(a => map[a]).ToArray();
            int domain = node.Domain < 0 ? -1 : compact[node.Domain];
            int parameter = node.Op == Op.Count ? compact[node.Parameter] : node.Parameter;
            map[i] = builder.Add(node with { Args = new EquatableArray<int>(ImmutableArray.Create(args)), Domain = domain, Parameter = parameter });
        }

        Graph canonicalGraph = Optimize.Simplifier.Prune(builder.ToGraph(), new[] { map[result] }, out int[] kept);
        return new Output(canonicalGraph, kept[0], this.shapeChecks.ToEquatableArray(), this.dimChecks.ToEquatableArray(), this.matrixParameters.ToEquatableArray());
    }

    private void Report(DiagnosticDescriptor descriptor, SyntaxNode at, params string[] arguments)
    {
        if (this.callStack.Count > 1)
        {
            // Inside an inlined callee: the callee's own generation reports its problems at their locations, once.
            this.unreadable = true;
            return;
        }

        this.diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationInfo.From(at), arguments));
    }

    /// <summary>The variables in scope while lowering one method body (the root, or an inlined callee).</summary>
    private sealed class Scope
    {
        private readonly Dictionary<ISymbol, int> values = new(SymbolEqualityComparer.Default);

        public Scope(SemanticModel model) => this.Model = model;

        public SemanticModel Model { get; }

        public void Bind(ISymbol symbol, int value) => this.values[symbol.OriginalDefinition] = value;

        public bool IsBound(ISymbol symbol) => this.values.ContainsKey(symbol.OriginalDefinition);

        public int Lookup(ISymbol symbol) => this.values.TryGetValue(symbol.OriginalDefinition, out int value) ? value : Poison;
    }
}
