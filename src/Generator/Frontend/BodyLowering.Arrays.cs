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
/// Local arrays in a method with regions: <c>T[] a = { ... }</c>, <c>new T[n]</c>, collection expressions and
/// <c>stackalloc T[n]</c> into a <c>Span&lt;T&gt;</c>, of the element type or <c>int</c>. Each array is a slot with an
/// int slot for its length; a creation is an <see cref="ArrayReset"/>, a read <c>a[i]</c> an <see cref="Op.Element"/>
/// node of the array slot, and a write <c>a[i] = v</c> a block that assigns the index and the value to slots of their
/// own, then an <see cref="ArrayStore"/>. An array is only ever read and written by index: it is never passed or
/// returned, and assigned to another local only where nothing can tell sharing from a copy (<see cref="MovesDeadArray"/>).
/// </summary>
internal sealed partial class BodyLowering
{
    private const string ArrayUses = "read and write its elements a[i] (an int index, or ^k), and read its length a.Length";

    /// <summary>The slot of each local array.</summary>
    private readonly Dictionary<ISymbol, int> arraySlots = new(SymbolEqualityComparer.Default);

    /// <summary>Local arrays of a type or rank reported where they are declared: their uses are not reported again.</summary>
    private readonly HashSet<ISymbol> refusedArrays = new(SymbolEqualityComparer.Default);

    /// <summary>Slots the next block assigns for an array creation or write: its length, or an index and a value.</summary>
    private readonly List<(int Slot, int Value)> pendingArrayWrites = new();

    /// <summary>Whether a body declares a local array: such a body is lowered to regions, where arrays live.</summary>
    private static bool HasLocalArrays(SyntaxNode body)
        => body.DescendantNodes(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax))
            .Any(n => n is VariableDeclarationSyntax { Type: ArrayTypeSyntax or GenericNameSyntax { Identifier.ValueText: "Span" or "ReadOnlySpan" } }
                || (n is VariableDeclarationSyntax { Type.IsVar: true } declaration && declaration.Variables.Any(v => v.Initializer?.Value is ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax)));

    /// <summary>
    /// Makes the slots of a local array (<c>T[]</c>, <c>Span&lt;T&gt;</c>): false if the local is not one. An array of a
    /// type other than the element type, the other floating type or int is reported.
    /// </summary>
    private bool DeclareArraySlot(ILocalSymbol local, VariableDeclaratorSyntax variable, List<Slot> slots, string? name = null)
    {
        name ??= local.Name;
        ITypeSymbol? elementType = local.Type switch
        {
            IArrayTypeSymbol array => array.ElementType,
            INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments.Length: 1 } span when span.ContainingNamespace?.ToDisplayString() == "System" => span.TypeArguments[0],
            _ => null,
        };
        if (elementType is null)
        {
            return false;
        }

        string display = local.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        if (local.Type is IArrayTypeSymbol { Rank: > 1 })
        {
            this.Report(DiagnosticDescriptors.UnsupportedStatement, variable, "The local array '" + local.Name + "' of type '" + display + "'", "use a one-dimensional array and index it a[(i * columns) + j]");
            this.refusedArrays.Add(local.OriginalDefinition);
            return true;
        }

        if (this.TypeOf(elementType) is not { } type || elementType.SpecialType == SpecialType.System_Boolean || !(type.IsFloating() || type == ScalarType.Int))
        {
            this.Report(DiagnosticDescriptors.UnsupportedStatement, variable, "The local array '" + local.Name + "' of type '" + display + "'", "local arrays hold float, double or int elements");
            this.refusedArrays.Add(local.OriginalDefinition);
            return true;
        }

        int length = slots.Count;
        slots.Add(new Slot(name + "Length", ScalarType.Int, -1, Active: false));
        int slot = slots.Count;
        slots.Add(new Slot(name, type, -1, Active: false, Length: length));
        this.arraySlots[local.OriginalDefinition] = slot;
        return true;
    }

    /// <summary>
    /// Reports each use of a local array other than <c>a[i]</c>, <c>a.Length</c> and <c>a = new T[n]</c>: passing it to
    /// a call, returning it, or assigning it to another local would let two names share its elements.
    /// </summary>
    private void CheckArrayUses(SyntaxNode body)
    {
        if (this.arraySlots.Count == 0)
        {
            return;
        }

        foreach (IdentifierNameSyntax name in body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (this.ArrayOf(name) is null)
            {
                continue;
            }

            switch (name.Parent)
            {
                case ElementAccessExpressionSyntax access when access.Expression == name:
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } member when member.Expression == name:
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Parent: ExpressionStatementSyntax } assignment when assignment.Left == name && IsArrayCreation(assignment.Right):
                    continue;
                case AssignmentExpressionSyntax alias when alias.Left == name && this.ArrayOf(alias.Right) is not null:
                    // a = b is reported once, at b.
                    continue;
                case AssignmentExpressionSyntax moved when moved.Right == name && this.ArrayOf(moved.Left) is not null && this.MovesDeadArray(moved):
                    continue;
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declared } when this.IsArrayDeclarator(declared) && this.MovesDeadArray(declared):
                    continue;
                case ForEachStatementSyntax loop when loop.Expression == name:
                    // Read element by element (see LowerForEachElementOf).
                    continue;
            }

            string array = "'" + name.Identifier.ValueText + "'";
            (string what, string fix) = name.Parent switch
            {
                ArgumentSyntax => ("The local array " + array + " passed to a call", "a [Differentiable] callee takes scalars and tensors, not arrays: pass it the elements it needs, or take the values as a ReadOnlyTensorSpan parameter"),
                ReturnStatementSyntax or ArrowExpressionClauseSyntax => ("Returning the local array " + array, "return a float or double computed from its elements"),
                AssignmentExpressionSyntax or EqualsValueClauseSyntax => ("Assigning the local array " + array + " to another local", "two names would share its elements, which SymGrad follows only where nothing can tell: 'state = next;' or 'double[] state = next;' in the block that creates next (double[] next = new double[n];), with next not used after it; otherwise copy the elements in a loop, or create the array where it is assigned (a = new double[n])"),
                CommonForEachStatementSyntax => ("A 'foreach' over the local array " + array, "loop over its indexes: for (int i = 0; i < " + name.Identifier.ValueText + ".Length; i++)"),
                _ => ("The local array " + array + " used as a value in '" + name.Parent + "'", ArrayUses),
            };
            this.Report(DiagnosticDescriptors.UnsupportedExpression, name, what, fix);
        }
    }

    /// <summary>
    /// Whether <c>a = b</c> (two local arrays) cannot be told from a copy: the statement stands in the block that
    /// declares <c>b</c> with a new array (or with one moved to it, as here), so each run of the block gives <c>b</c> an
    /// array of its own, and <c>b</c> is named
    /// nowhere after it (nor in a lambda or local function). Then no read or write reaches the shared elements through
    /// <c>b</c> again, and <c>a</c> holding a copy of them computes what C# computes.
    /// </summary>
    private bool MovesDeadArray(AssignmentExpressionSyntax assignment)
        => assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
            && assignment.Parent is ExpressionStatementSyntax { Parent: BlockSyntax block } statement
            && this.MovesDeadArray(block, statement, assignment.Right, this.scope.Model.GetSymbolInfo(assignment.Left, this.cancellationToken).Symbol);

    /// <summary><c>T[] a = b;</c>, the declaration, under the rule of the assignment <c>a = b;</c> (one declarator, so only <c>a</c> gets <c>b</c>).</summary>
    private bool MovesDeadArray(VariableDeclaratorSyntax variable)
        => variable is { Initializer.Value: var value, Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax { Parent: BlockSyntax block } statement } }
            && this.MovesDeadArray(block, statement, value, this.scope.Model.GetDeclaredSymbol(variable, this.cancellationToken));

    private bool MovesDeadArray(BlockSyntax block, StatementSyntax statement, ExpressionSyntax right, ISymbol? target)
    {
        SemanticModel model = this.scope.Model;
        if (right is not IdentifierNameSyntax source
            || model.GetSymbolInfo(source, this.cancellationToken).Symbol is not ILocalSymbol local
            || SymbolEqualityComparer.Default.Equals(target, local))
        {
            return false;
        }

        bool created = block.Statements.OfType<LocalDeclarationStatementSyntax>()
            .Where(d => d.SpanStart < statement.SpanStart)
            .SelectMany(d => d.Declaration.Variables)
            .Any(v => v.Initializer is { } initializer && SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(v, this.cancellationToken), local)
                && (IsArrayCreation(initializer.Value) || (this.ArrayOf(initializer.Value) is not null && this.MovesDeadArray(v))));
        if (!created)
        {
            return false;
        }

        foreach (IdentifierNameSyntax name in block.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (name.Identifier.ValueText != local.Name || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, this.cancellationToken).Symbol, local))
            {
                continue;
            }

            if (name.SpanStart >= statement.Span.End || name.Ancestors().Any(a => a is LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <c>a = b</c> where <see cref="MovesDeadArray"/> holds: <c>a</c> becomes a new array of <c>b</c>'s length (the
    /// reset, which keeps the array it replaces for the reverse sweep), then a loop copies <c>b</c>'s elements into it.
    /// </summary>
    private void LowerArrayCopy(int target, int source, string text)
    {
        ControlFlowState state = this.controlFlow!;
        List<Region> parts = this.regionParts!;
        this.pendingArrayWrites.Add((state.Slots[target].Length, this.ArrayLength(source)));
        this.FlushBlock(parts);
        parts.Add(new ArrayReset(target, text));

        int position = this.NewSlot(state.Slots[target].Name + "Copied", ScalarType.Int);
        parts.Add(new Block(this.Extract(new[] { this.graph.Integer(0, ScalarType.Int) }), EquatableArray.Create(position)));
        int read = this.graph.Add(Computation.Read(position, ScalarType.Int));
        Computation condition = this.Extract(new[] { this.graph.Make(Op.Less, read, this.ArrayLength(target)) });
        (int indexSlot, int valueSlot) = this.ElementSlots(target);
        var copy = new Block(this.Extract(new[] { read, this.ArrayElement(source, read) }), EquatableArray.Create(indexSlot, valueSlot));
        var store = new ArrayStore(target, EquatableArray.Create(indexSlot), EquatableArray.Create(valueSlot), "the elements of " + text);
        Region step = new Block(this.Extract(new[] { this.graph.Make(Op.Add, read, this.graph.Integer(1, ScalarType.Int)) }), EquatableArray.Create(position));
        parts.Add(new Loop(condition, new Sequence(EquatableArray.Create<Region>(copy, store)), step, TestAfter: false, "the copy of " + text));
    }

    private static bool IsArrayCreation(ExpressionSyntax expression)
        => expression is ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or StackAllocArrayCreationExpressionSyntax
            or ImplicitStackAllocArrayCreationExpressionSyntax or InitializerExpressionSyntax or CollectionExpressionSyntax;

    /// <summary>Whether <paramref name="expression"/> is <c>a</c>, <c>a[...]</c> or <c>a.Length</c> of a local array reported where it is declared.</summary>
    private bool IsRefusedArray(ExpressionSyntax expression)
        => this.refusedArrays.Count > 0
            && (expression is ElementAccessExpressionSyntax { Expression: var array } ? array : expression is MemberAccessExpressionSyntax { Expression: var owner } ? owner : expression) is IdentifierNameSyntax name
            && this.scope.Model.GetSymbolInfo(name, this.cancellationToken).Symbol is ILocalSymbol local
            && this.refusedArrays.Contains(local.OriginalDefinition);

    /// <summary>Whether <paramref name="variable"/> declares a local array.</summary>
    private bool IsArrayDeclarator(VariableDeclaratorSyntax variable)
        => this.scope.Model.GetDeclaredSymbol(variable, this.cancellationToken) is ILocalSymbol local && this.arraySlots.ContainsKey(local.OriginalDefinition);

    /// <summary>The slot of the local array <paramref name="expression"/> names, or null.</summary>
    private int? ArrayOf(ExpressionSyntax expression)
        => this.arraySlots.Count > 0 && expression is IdentifierNameSyntax
            && this.scope.Model.GetSymbolInfo(expression, this.cancellationToken).Symbol is ILocalSymbol local
            && this.arraySlots.TryGetValue(local.OriginalDefinition, out int slot)
                ? slot
                : null;

    /// <summary>
    /// Whether parameter <paramref name="parameter"/> is an <c>int[]</c> or <c>ReadOnlySpan&lt;int&gt;</c> that the body
    /// only reads by element (<c>idx[i]</c>, <c>idx[^1]</c>) and length (<c>idx.Length</c>), as integers: indexes and
    /// counts. One that <c>CrossEntropy</c> reads holds class labels, and one written, passed or iterated stays out of
    /// methods with loops.
    /// </summary>
    private bool IsIntArrayParameter(int parameter, SyntaxNode body)
    {
        if (this.parameters[parameter].Kind != ParameterKind.Labels
            || this.root.Parameters[parameter].Type is not (IArrayTypeSymbol { Rank: 1 } or INamedTypeSymbol { Name: "ReadOnlySpan" or "ReadOnlyTensorSpan" or "Tensor" }))
        {
            return false;
        }

        bool tensor = this.root.Parameters[parameter].Type is INamedTypeSymbol { Name: "ReadOnlyTensorSpan" or "Tensor" };

        string name = this.parameters[parameter].Name;
        foreach (IdentifierNameSyntax use in body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (use.Identifier.ValueText != name || use.Parent is MemberAccessExpressionSyntax { Name: var member } && member == use)
            {
                continue;
            }

            bool read = use.Parent is ElementAccessExpressionSyntax access && access.Expression == use
                && (access.ArgumentList.Arguments.Count == 1 || (tensor && access.ArgumentList.Arguments.Count == 2))
                && access.ArgumentList.Arguments.All(a => a.Expression is not RangeExpressionSyntax && a.RefKindKeyword.IsKind(SyntaxKind.None))
                && access.Parent is not (PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression })
                && !(access.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access)
                && !(access.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None });
            bool length = tensor
                ? use.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FlattenedLength" or "Rank" } tensorSize && tensorSize.Expression == use
                    || (use.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Lengths" } lengths && lengths.Expression == use
                        && lengths.Parent is ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } axis && axis.Expression == lengths
                        && this.scope.Model.GetConstantValue(axis.ArgumentList.Arguments[0].Expression, this.cancellationToken) is { HasValue: true, Value: int and >= 0 })
                : use.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } size && size.Expression == use;
            if (!read && !length && !this.IsCrossEntropyLabels(use))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="use"/> is the labels argument of <c>TensorMath.CrossEntropy(logits, labels)</c>, which reads them whole (see <see cref="LoopLoss"/>).</summary>
    private bool IsCrossEntropyLabels(IdentifierNameSyntax use)
        => use.Parent is ArgumentSyntax { NameColon: null, RefKindKeyword.RawKind: (int)SyntaxKind.None } argument
            && argument.Parent is ArgumentListSyntax { Arguments.Count: 2 } list && list.Arguments[1] == argument
            && list.Parent is InvocationExpressionSyntax call
            && this.scope.Model.GetSymbolInfo(call, this.cancellationToken).Symbol is IMethodSymbol { Name: "CrossEntropy", IsStatic: true } method
            && method.ContainingType?.ToDisplayString() == Vocabulary.TensorMathType;

    /// <summary>The int array parameters read by element, each the array slot of its own index.</summary>
    private readonly Dictionary<ISymbol, int> intArrayParameters = new(SymbolEqualityComparer.Default);

    private void DeclareIntArrayParameter(int parameter)
    {
        this.intArrayParameters[this.root.Parameters[parameter].OriginalDefinition] = parameter;
        if (this.root.PartialImplementationPart is { } implementation)
        {
            this.intArrayParameters[implementation.Parameters[parameter].OriginalDefinition] = parameter;
        }
    }

    /// <summary>The slot of the int array parameter <paramref name="expression"/> names, or null.</summary>
    private int? IntArrayParameterOf(ExpressionSyntax expression)
        => this.intArrayParameters.Count > 0 && expression is IdentifierNameSyntax
            && this.scope.Model.GetSymbolInfo(expression, this.cancellationToken).Symbol is IParameterSymbol parameter
            && this.intArrayParameters.TryGetValue(parameter.OriginalDefinition, out int slot)
                ? slot
                : null;

    /// <summary>Lowers a local array's declaration: true if <paramref name="local"/> is an array.</summary>
    private bool LowerArrayDeclaration(VariableDeclaratorSyntax variable, ILocalSymbol local)
    {
        if (!this.arraySlots.TryGetValue(local.OriginalDefinition, out int slot))
        {
            return this.refusedArrays.Contains(local.OriginalDefinition);
        }

        if (variable.Initializer is { } initializer && this.ArrayOf(initializer.Value) is { } source)
        {
            if (this.MovesDeadArray(variable))
            {
                this.LowerArrayCopy(slot, source, variable.ToString());
            }
            else
            {
                // T[] b = a, where sharing shows: CheckArrayUses reports it, once, at a.
                this.controlFlow!.Poisoned = true;
            }
        }
        else if (variable.Initializer is { } creation)
        {
            this.LowerArrayCreation(slot, creation.Value);
        }

        return true;
    }

    /// <summary>Lowers an array write statement (<c>a[i] = v</c>, <c>a[i] += v</c>, <c>a[i]++</c>, <c>a = new T[n]</c>): false if it is none.</summary>
    private bool LowerArrayWrite(ExpressionSyntax expression)
    {
        if (this.arraySlots.Count == 0 && this.refusedArrays.Count == 0)
        {
            return false;
        }

        switch (expression)
        {
            case AssignmentExpressionSyntax { Left: var written } when this.IsRefusedArray(written):
            case PostfixUnaryExpressionSyntax { Operand: var operand } when this.IsRefusedArray(operand):
            case PrefixUnaryExpressionSyntax { Operand: var prefixed } when this.IsRefusedArray(prefixed):
                this.controlFlow!.Poisoned = true;
                return true;
            case AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } creation when this.ArrayOf(target) is { } created:
                if (creation.IsKind(SyntaxKind.SimpleAssignmentExpression) && IsArrayCreation(creation.Right))
                {
                    this.LowerArrayCreation(created, creation.Right);
                }

                else if (this.ArrayOf(creation.Right) is { } source && this.MovesDeadArray(creation))
                {
                    this.LowerArrayCopy(created, source, creation.ToString());
                }

                // Otherwise the use is reported by CheckArrayUses.
                return true;
            case AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax access } assignment when this.ArrayOf(access.Expression) is { } slot:
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
                    return true;
                }

                int index = this.ArrayIndex(access, slot);
                int value = this.Lower(assignment.Right);
                if (compound is { } op && index != Poison)
                {
                    value = this.Update(op, this.ArrayElement(slot, index), this.controlFlow!.Slots[slot].Type, value, assignment);
                }

                this.StoreElement(slot, index, value, assignment.ToString());
                return true;
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression, Operand: ElementAccessExpressionSyntax access } postfix when this.ArrayOf(access.Expression) is { } slot:
                this.IncrementElement(slot, access, postfix, postfix.IsKind(SyntaxKind.PostIncrementExpression));
                return true;
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression, Operand: ElementAccessExpressionSyntax access } prefix when this.ArrayOf(access.Expression) is { } slot:
                this.IncrementElement(slot, access, prefix, prefix.IsKind(SyntaxKind.PreIncrementExpression));
                return true;
            default:
                return false;
        }
    }

    private void IncrementElement(int slot, ElementAccessExpressionSyntax access, ExpressionSyntax whole, bool increment)
    {
        int index = this.ArrayIndex(access, slot);
        int value = index == Poison
            ? Poison
            : this.Update(increment ? Op.Add : Op.Subtract, this.ArrayElement(slot, index), this.controlFlow!.Slots[slot].Type, this.graph.Integer(1, ScalarType.Int), whole);
        this.StoreElement(slot, index, value, whole.ToString());
    }

    /// <summary>Lowers <c>a[i]</c> and <c>a.Length</c> of a local array; null if <paramref name="expression"/> is neither.</summary>
    private int? LowerArrayUse(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case ElementAccessExpressionSyntax or MemberAccessExpressionSyntax when this.IsRefusedArray(expression):
                return Poison;
            case ElementAccessExpressionSyntax access when this.ArrayOf(access.Expression) is { } slot:
                int index = this.ArrayIndex(access, slot);
                return index == Poison ? Poison : this.ArrayElement(slot, index);
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } member when this.ArrayOf(member.Expression) is { } array:
                return this.ArrayLength(array);
            case ElementAccessExpressionSyntax access when this.IntArrayParameterOf(access.Expression) is { } slot && this.IsIntTensorParameter(slot):
                return this.IntTensorElement(access, slot);
            case ElementAccessExpressionSyntax access when this.IntArrayParameterOf(access.Expression) is { } slot:
                int at = this.ArrayIndex(access, slot);
                return at == Poison ? Poison : this.ArrayElement(slot, at);
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } member when this.IntArrayParameterOf(member.Expression) is { } array:
                return this.ArrayLength(array);
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FlattenedLength" } member when this.IntArrayParameterOf(member.Expression) is { } tensor:
                return this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: tensor, Type: ScalarType.Long, Bits: IntTensorFlattenedLength));
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Rank" } member when this.IntArrayParameterOf(member.Expression) is { } tensor:
                return this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: tensor, Type: ScalarType.Int, Bits: -1));
            case ElementAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Lengths" } lengths } axisRead
                when this.IntArrayParameterOf(lengths.Expression) is { } tensor
                    && this.scope.Model.GetConstantValue(axisRead.ArgumentList.Arguments[0].Expression, this.cancellationToken) is { HasValue: true, Value: int axis }:
                return this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: tensor, Type: ScalarType.Long, Bits: axis));
            default:
                return null;
        }
    }

    /// <summary>The <see cref="Node.Bits"/> of an <see cref="Op.Length"/> that reads an int tensor parameter's <c>FlattenedLength</c>.</summary>
    internal const int IntTensorFlattenedLength = -2;

    /// <summary>Whether parameter <paramref name="parameter"/> is an int tensor (<c>ReadOnlyTensorSpan&lt;int&gt;</c>, <c>Tensor&lt;int&gt;</c>), not an array or span.</summary>
    private bool IsIntTensorParameter(int parameter) => this.root.Parameters[parameter].Type is INamedTypeSymbol { Name: "ReadOnlyTensorSpan" or "Tensor" };

    private int ArrayLength(int slot)
    {
        if (this.controlFlow!.Slots[slot].Parameter >= 0 && this.IsIntTensorParameter(slot))
        {
            // idx[^k] of an int tensor: its indexer takes k from the end of axis 0 (and requires rank 1, which the read checks).
            return this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: slot, Type: ScalarType.Long, Bits: 0));
        }

        if (this.controlFlow!.Slots[slot].Parameter >= 0)
        {
            // An int array parameter: its own length, read where it is needed.
            return this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: slot, Type: ScalarType.Int, Bits: 0));
        }

        int length = this.controlFlow!.Slots[slot].Length;
        return this.graph.Add(Computation.Read(length, ScalarType.Int));
    }

    /// <summary>Element <paramref name="index"/> of array slot <paramref name="slot"/> where the current block starts.</summary>
    private int ArrayElement(int slot, int index)
    {
        ScalarType type = this.controlFlow!.Slots[slot].Type;
        int array = this.graph.Add(Computation.Read(slot, type));
        return this.graph.Add(new Node(Op.Element, EquatableArray.Create(array, index), -1, Parameter: slot, Type: type));
    }

    /// <summary>
    /// <c>idx[i]</c>, <c>idx[^k]</c> or <c>idx[i, j]</c> of an int tensor parameter: an element node whose arguments after the
    /// array are the indexes, read through the tensor's own indexer, which checks the rank and each index as C# does.
    /// </summary>
    private int IntTensorElement(ElementAccessExpressionSyntax access, int slot)
    {
        var arguments = new List<int> { this.graph.Add(Computation.Read(slot, ScalarType.Int)) };
        foreach (ArgumentSyntax argument in access.ArgumentList.Arguments)
        {
            int index = this.IntIndex(argument.Expression, access, slot, access.ArgumentList.Arguments.Count == 1);
            if (index == Poison)
            {
                return Poison;
            }

            arguments.Add(index);
        }

        return this.graph.Add(new Node(Op.Element, arguments.ToEquatableArray(), -1, Parameter: slot, Type: ScalarType.Int));
    }

    /// <summary>
    /// One index of <c>idx[i]</c> or <c>idx[i, j]</c> of an int tensor, as the <c>nint</c> its indexer takes; <c>idx[^k]</c>
    /// (one index only) is <c>Lengths[0] - k</c>, as the indexer takes it on a tensor of rank 1.
    /// </summary>
    private int IntIndex(ExpressionSyntax syntax, ElementAccessExpressionSyntax access, int slot, bool only)
    {
        bool hat = syntax is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression };
        if (hat && !only)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, syntax, "The index '" + syntax + "' from the end in '" + access + "'", "write " + access.Expression + ".Lengths[axis] - k");
            return Poison;
        }

        int value = this.Lower(hat ? ((PrefixUnaryExpressionSyntax)syntax).Operand : syntax);
        if (value == Poison)
        {
            return Poison;
        }

        if (this.graph[value].IsTensor || !this.graph[value].Type.IsInteger())
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, syntax, "The index '" + syntax + "' of '" + access.Expression + "'", "index it with an int");
            return Poison;
        }

        int index = this.graph.Convert(value, ScalarType.Long, Overflow.Default);
        return hat ? this.graph.Make(Op.Subtract, this.ArrayLength(slot), index) : index;
    }

    /// <summary>The int index of <c>a[i]</c> or <c>a[^k]</c> (the length minus k, as C# computes it); the span's indexer checks it.</summary>
    private int ArrayIndex(ElementAccessExpressionSyntax access, int slot)
    {
        SeparatedSyntaxList<ArgumentSyntax> arguments = access.ArgumentList.Arguments;
        ExpressionSyntax? syntax = arguments.Count == 1 ? arguments[0].Expression : null;
        if (syntax is null or RangeExpressionSyntax)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "Indexing the local array '" + access + "'", ArrayUses);
            return Poison;
        }

        bool hat = syntax is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression };
        ExpressionSyntax operand = hat ? ((PrefixUnaryExpressionSyntax)syntax).Operand : syntax;
        int value = this.Lower(operand);
        if (value == Poison)
        {
            return Poison;
        }

        if (this.graph[value].IsTensor || this.graph[value].Type != ScalarType.Int)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, syntax, "The index '" + syntax + "' of the local array '" + access.Expression + "'", "index local arrays with an int");
            return Poison;
        }

        return hat ? this.Arithmetic(Op.Subtract, this.ArrayLength(slot), value, syntax) : value;
    }

    /// <summary>
    /// A creation assigned to array slot <paramref name="slot"/>: the block that assigns its length, the reset that
    /// makes it that many zeroes, then, for an initializer, the block and the store that write its elements.
    /// </summary>
    private void LowerArrayCreation(int slot, ExpressionSyntax creation)
    {
        (ExpressionSyntax? size, IReadOnlyList<ExpressionSyntax>? elements) = creation switch
        {
            ArrayCreationExpressionSyntax array => (array.Type.RankSpecifiers.FirstOrDefault()?.Sizes.FirstOrDefault(), (IReadOnlyList<ExpressionSyntax>?)array.Initializer?.Expressions),
            ImplicitArrayCreationExpressionSyntax implicitArray => (null, implicitArray.Initializer.Expressions),
            StackAllocArrayCreationExpressionSyntax { Type: ArrayTypeSyntax stackType } onStack => (stackType.RankSpecifiers.FirstOrDefault()?.Sizes.FirstOrDefault(), onStack.Initializer?.Expressions),
            ImplicitStackAllocArrayCreationExpressionSyntax implicitStackalloc => (null, implicitStackalloc.Initializer.Expressions),
            InitializerExpressionSyntax initializer => (null, initializer.Expressions),
            CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax) => (null, collection.Elements.Select(e => ((ExpressionElementSyntax)e).Expression).ToList()),
            _ => (null, null),
        };

        List<Region> parts = this.regionParts!;
        ControlFlowState state = this.controlFlow!;
        if (elements is null && size is null or OmittedArraySizeExpressionSyntax)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, creation, "The array '" + creation + "'", "create a local array with new T[n], stackalloc T[n], or the elements { a, b, c }");
            state.Poisoned = true;
            return;
        }

        int length;
        if (elements is not null)
        {
            length = this.graph.Integer(elements.Count, ScalarType.Int);
        }
        else
        {
            this.HoistConditionals(size!);
            length = this.Lower(size!);
            if (length != Poison && (this.graph[length].IsTensor || !this.graph[length].Type.IsInteger()))
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, size!, "The array length '" + size + "'", "give the length as an int");
                length = Poison;
            }

            if (length != Poison && this.graph[length].Type != ScalarType.Int)
            {
                // new T[n] of a long or nint converts it as C# does, throwing where it does not fit.
                Overflow outer = this.overflow;
                this.overflow = Overflow.Checked;
                length = this.Convert(length, ScalarType.Int, size!);
                this.overflow = outer;
            }
        }

        if (length == Poison)
        {
            state.Poisoned = true;
            return;
        }

        this.pendingArrayWrites.Add((state.Slots[slot].Length, length));
        this.FlushBlock(parts);
        parts.Add(new ArrayReset(slot, creation.ToString()));
        if (elements is null || elements.Count == 0)
        {
            return;
        }

        foreach (ExpressionSyntax element in elements)
        {
            this.HoistConditionals(element);
        }

        var indexes = new List<int>();
        var values = new List<int>();
        for (int i = 0; i < elements.Count; i++)
        {
            int value = this.Lower(elements[i]);
            if (value == Poison)
            {
                state.Poisoned = true;
                return;
            }

            (int indexSlot, int valueSlot) = this.ElementSlots(slot);
            this.pendingArrayWrites.Add((indexSlot, this.graph.Integer(i, ScalarType.Int)));
            this.pendingArrayWrites.Add((valueSlot, value));
            indexes.Add(indexSlot);
            values.Add(valueSlot);
        }

        this.FlushBlock(parts);
        parts.Add(new ArrayStore(slot, indexes.ToEquatableArray(), values.ToEquatableArray(), "the elements of " + creation));
    }

    /// <summary>Ends the block with the write of element <paramref name="index"/> of array slot <paramref name="slot"/>.</summary>
    private void StoreElement(int slot, int index, int value, string text)
    {
        if (index == Poison || value == Poison)
        {
            this.controlFlow!.Poisoned = true;
            return;
        }

        (int indexSlot, int valueSlot) = this.ElementSlots(slot);
        this.pendingArrayWrites.Add((indexSlot, index));
        this.pendingArrayWrites.Add((valueSlot, value));
        List<Region> parts = this.regionParts!;
        this.FlushBlock(parts);
        parts.Add(new ArrayStore(slot, EquatableArray.Create(indexSlot), EquatableArray.Create(valueSlot), text));
    }

    /// <summary>Two new slots for one element write: its index and its value.</summary>
    private (int Index, int Value) ElementSlots(int slot)
    {
        List<Slot> slots = this.controlFlow!.Slots;
        Slot array = slots[slot];
        string number = slots.Count.ToString(CultureInfo.InvariantCulture);
        slots.Add(new Slot(array.Name + "Index" + number, ScalarType.Int, -1, Active: false));
        slots.Add(new Slot(array.Name + "Element" + number, array.Type, -1, Active: false));
        return (slots.Count - 2, slots.Count - 1);
    }

    /// <summary>Adds the pending array slots' assignments to the block <see cref="FlushBlock"/> is ending.</summary>
    private void FlushArrayWrites(List<int> slots, List<int> values)
    {
        foreach ((int slot, int value) in this.pendingArrayWrites)
        {
            slots.Add(slot);
            values.Add(value);
        }

        this.pendingArrayWrites.Clear();
    }
}
