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

/// <summary>Expressions: constants, names, conversions, operators and C# integer arithmetic.</summary>
internal sealed partial class BodyLowering
{
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
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } increment:
                return this.LowerEmbeddedEffect(increment);
            case PrefixUnaryExpressionSyntax unary:
                return this.LowerPrefix(unary);
            case ConditionalExpressionSyntax conditional:
                return this.LowerConditional(conditional);
            case SwitchExpressionSyntax switchExpression:
                return this.LowerSwitchExpression(switchExpression);
            case InvocationExpressionSyntax invocation:
                return this.LowerInvocation(invocation);
            case AssignmentExpressionSyntax assignment:
                return this.LowerEmbeddedEffect(assignment);
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix:
                return this.LowerEmbeddedEffect(postfix);
            case PostfixUnaryExpressionSyntax postfix:
                this.Report(DiagnosticDescriptors.UnsupportedExpression, postfix, "'" + postfix + "' inside an expression", "write the update as its own statement");
                return Poison;
            case ElementAccessExpressionSyntax or MemberAccessExpressionSyntax when this.LowerArrayUse(expression) is { } arrayUse:
                return arrayUse;
            case MemberAccessExpressionSyntax member when this.LowerSize(member) is { } size:
                return size;
            case ElementAccessExpressionSyntax access when this.LowerSize(access) is { } length:
                return length;
            case MemberAccessExpressionSyntax member:
                return this.LowerMemberRead(member, this.scope.Model.GetSymbolInfo(member, this.cancellationToken).Symbol);
            case ElementAccessExpressionSyntax access:
                return this.LowerIndexing(access);
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
        SpecialType.System_IntPtr => ScalarType.Long,
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
            case IParameterSymbol labels when this.labelParameters.ContainsKey(labels.OriginalDefinition):
                this.Report(DiagnosticDescriptors.UnsupportedExpression, identifier, "The int labels '" + identifier + "' used as a value", "pass them to CrossEntropy(logits, " + identifier + "), the operation that takes class indices");
                return Poison;
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
        for (int i = 0; first >= 0 && i < operands.Length && operands[first] != Poison; i++)
        {
            if (i != first)
            {
                (operands[first], operands[i]) = this.Align(operands[first], operands[i], where);
            }
        }

        return this.Make(op, operands);
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
        return this.Make(op, left, right);
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
}
