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
/// Matrix products in a method with loops or branches (<c>h = Tanh(MatMul(h, w) + MatMul(xs[t..(t + 1), ..], u));</c>):
/// each <c>MatMul</c> becomes a <see cref="MatrixProduct"/> region ahead of its statement, on the runtime's matrix
/// kernels, into an array of its own that the statement then reads element by element, as it reads a tensor local. Its
/// operands are read in place: tensor parameters, tensor locals, and blocks of rows of a matrix parameter
/// (<c>x[a..b, ..]</c>, bounds from loop counters, whose row count <c>b - a</c> is the same in every iteration); any other
/// operand (element-wise work, a block <c>x[a..b, c..d]</c>, a slice of a vector, a transpose of a block of rows) is
/// computed into an array of its own first. The product's shape, torch.matmul's for vectors and
/// matrices, is worked out when the method is called (see <see cref="LoopShapeKind.Product"/>), so operands whose inner
/// lengths differ throw before anything is computed.
/// </summary>
internal sealed partial class BodyLowering
{
    private const string LoopProductUses = "inside loops and branches, MatMul takes tensor parameters, tensor locals, element-wise expressions of them and products, slices of a vector parameter, and blocks of a matrix parameter x[a..b, c..d] (a row is x[t..(t + 1), ..]) whose row and column counts are the same in every iteration (made of constants, int parameters and sizes), and Transpose(k) of a tensor parameter or tensor local k or of such a block; compute anything else in a [Differentiable] method without loops and pass its value in";

    /// <summary>
    /// Lowers <c>MatMul(a, b)</c> in a method with loops or branches: the product computed ahead of the statement into an
    /// array, read as a tensor of the product's run-time shape.
    /// </summary>
    private int LoopMatMul(List<ExpressionSyntax?> arguments, InvocationExpressionSyntax invocation)
    {
        if (!this.RegionsHere || this.regionParts is not { } parts)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "The product '" + OneLine(invocation.ToString()) + "' here", "assign it, or a reduction of it, to a local in a statement of its own first");
            return Poison;
        }

        ProductOperand? left = arguments[0] is { } first ? this.LoopProductOperand(first, parts) : null;
        ProductOperand? right = left is not null && arguments[1] is { } second ? this.LoopProductOperand(second, parts) : null;
        if (left is null || right is null)
        {
            return Poison;
        }

        string text = OneLine(invocation.ToString());
        this.loopShapes.Add(new LoopShape(LoopShapeKind.Product, First: left.Shape, Second: right.Shape, FirstText: OneLine(arguments[0]!.ToString()), SecondText: OneLine(arguments[1]!.ToString())));
        int entry = this.loopShapes.Count - 1;
        int domain = this.graph.AddDomain(new Domain(-1) { Shape = entry });
        this.Track(domain);
        this.loopShapeOf[domain] = entry;
        this.loopShapeTexts[entry] = text;

        int result = this.NewArraySlot("product");

        // Its inner lengths are checked where the statement runs, as C# checks them there (worked out when the method is called).
        parts.Add(new ShapeTest(entry));
        parts.Add(new Block(this.Extract(new[] { this.DomainCount(domain) }), EquatableArray.Create(this.controlFlow!.Slots[result].Length)));
        parts.Add(new ArrayReset(result, text));
        parts.Add(new MatrixProduct(result, left, right, entry, text));
        return this.TensorLocalRead(result, domain);
    }

    /// <summary>
    /// An operand of a product in a method with loops, read in place or computed into an array first; null, reported,
    /// where it cannot be. <c>Transpose(k)</c> is its operand read in place as its transpose (no copy), its shape the
    /// transpose's, checked where the product runs (see <see cref="LoopShapeKind.Transpose"/>); the transpose of a block
    /// of rows, read at an offset, is computed into an array of its own first (see <see cref="LoopTranspose"/>).
    /// </summary>
    private ProductOperand? LoopProductOperand(ExpressionSyntax argument, List<Region> parts)
    {
        if (!this.IsTransposeCall(argument, out ExpressionSyntax? matrix))
        {
            return this.LoopOperand(this.Lower(argument), argument, "MatMul", LoopProductUses);
        }

        int lowered = this.Lower(matrix!);
        if (lowered != Poison && this.rowBlocks.ContainsKey(lowered))
        {
            // A block of rows is read in place at its offset, which a transpose read in place cannot take: its transpose is
            // computed into an array of its own first.
            return this.LoopOperand(this.LoopTranspose(lowered, matrix!, argument), argument, "MatMul", LoopProductUses);
        }

        ProductOperand? operand = this.LoopOperand(lowered, matrix!, "Transpose", LoopProductUses);
        if (operand is null)
        {
            return null;
        }

        this.loopShapes.Add(new LoopShape(LoopShapeKind.Transpose, First: operand.Shape, FirstText: OneLine(matrix!.ToString()), SecondText: OneLine(argument.ToString())));
        int entry = this.loopShapes.Count - 1;
        this.loopShapeTexts[entry] = OneLine(argument.ToString());
        parts.Add(new ShapeTest(entry));
        return operand with { Shape = entry, Transposed = true };
    }

    /// <summary>Whether <paramref name="argument"/> is <c>TensorMath.Transpose(matrix)</c>, and its operand.</summary>
    private bool IsTransposeCall(ExpressionSyntax argument, out ExpressionSyntax? matrix)
    {
        matrix = null;
        while (argument is ParenthesizedExpressionSyntax parenthesized)
        {
            argument = parenthesized.Expression;
        }

        if (argument is InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } list } invocation
            && list[0] is { NameColon: null, RefKindKeyword.RawKind: 0 } only
            && this.scope.Model.GetSymbolInfo(invocation, this.cancellationToken).Symbol is IMethodSymbol { Name: "Transpose", IsStatic: true } method
            && method.ContainingType?.ToDisplayString() == Vocabulary.TensorMathType)
        {
            matrix = only.Expression;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Lowered node <paramref name="node"/> (of <paramref name="argument"/>) as an operand of <paramref name="function"/>
    /// read in place by a region, or computed into an array first; null, reported with <paramref name="uses"/>, where it cannot be.
    /// </summary>
    private ProductOperand? LoopOperand(int node, ExpressionSyntax argument, string function, string uses)
    {
        if (node == Poison)
        {
            return null;
        }

        if (this.rowBlocks.TryGetValue(node, out ProductOperand? block))
        {
            return block;
        }

        Node n = this.graph[node];
        Domain domain = n.IsTensor ? this.graph.Domains[this.Find(n.Domain)] : new Domain(-1);
        if (n.IsTensor && domain.IsSlice && !domain.IsMatrix && domain.Parameter >= 0)
        {
            // A slice of a vector, or work of its length: its elements computed into an array first.
            return this.VectorSliceOperand(node, argument);
        }

        if (n.IsScalar || domain.IsMatrix || domain.IsSlice || !(domain.Parameter >= 0 || domain.IsLoopShape))
        {
            string what = n.IsScalar ? "a scalar" : domain.IsSlice ? "a slice of a vector" : "a transpose, a slice or an axis reduction";
            this.Report(DiagnosticDescriptors.UnsupportedExpression, argument, "The operand '" + OneLine(argument.ToString()) + "' of " + function + ", " + what + " in a method with loops or branches,", uses);
            return null;
        }

        int shape = this.LoopShapeOf(n.Domain);
        if (n.Op == Op.Parameter)
        {
            return new ProductOperand(-1, n.Parameter, shape);
        }

        if (n.Op == Op.Element)
        {
            // A tensor local, or a product before: its array, read in place.
            return new ProductOperand(n.Parameter, -1, shape);
        }

        // Element-wise work: its elements computed into an array of their own, then read in place.
        int array = this.NewArraySlot("operand");
        return this.WriteTensorElements(array, node, this.Find(n.Domain), this.controlFlow!.Slots[array].Name, argument) ? new ProductOperand(array, -1, shape) : null;
    }

    // The blocks of rows made, by node: read in place by a product, element by element by other work.
    private readonly Dictionary<int, ProductOperand> rowBlocks = new();

    /// <summary>Whether <paramref name="access"/> is <c>x[a..b, ..]</c> on a tensor, in a method with loops or branches.</summary>
    private bool IsLoopRowBlock(ElementAccessExpressionSyntax access)
        => this.controlFlow is not null
            && access.ArgumentList.Arguments is { Count: 2 } indexes
            && indexes[0].Expression is RangeExpressionSyntax
            && indexes[1].Expression is RangeExpressionSyntax { LeftOperand: null, RightOperand: null }
            && this.IsTensorExpression(access.Expression);

    /// <summary>
    /// A block of rows <c>x[a..b, ..]</c> of a matrix parameter in a method with loops or branches: its bounds computed
    /// into two slots where the statement runs and their range checked there, as C#'s ranges check it; its row count
    /// <c>b - a</c> made of constants, int parameters and sizes, worked out when the method is called. A tensor of that
    /// shape, read in place.
    /// </summary>
    private int LoopRowBlock(ElementAccessExpressionSyntax access)
    {
        var range = (RangeExpressionSyntax)access.ArgumentList.Arguments[0].Expression;
        int source = this.Lower(access.Expression);
        if (source == Poison)
        {
            return Poison;
        }

        if (this.graph[source] is not { Op: Op.Parameter, IsTensor: true } matrix)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The block of rows '" + OneLine(access.ToString()) + "' of a computed value", LoopProductUses);
            return Poison;
        }

        int parameter = matrix.Parameter;
        int length = this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: parameter, Type: ScalarType.Long, Bits: 0));
        int? first = range.LeftOperand is null ? this.graph.Integer(0, ScalarType.Long) : this.RowBound(access, range.LeftOperand, length);
        int? last = first is null ? null : range.RightOperand is null ? length : this.RowBound(access, range.RightOperand, length);
        if (first is not { } start || last is not { } end)
        {
            return Poison;
        }

        Dictionary<string, long>? count = this.Polynomial(end);
        Dictionary<string, long>? from = count is null ? null : this.Polynomial(start);
        var terms = new List<ExtentTerm>();
        long constant = 0;
        bool fixedCount = count is not null && from is not null;
        if (fixedCount)
        {
            foreach (KeyValuePair<string, long> monomial in from!)
            {
                count![monomial.Key] = (count.TryGetValue(monomial.Key, out long c) ? c : 0) - monomial.Value;
            }

            foreach (KeyValuePair<string, long> monomial in count!.Where(m => m.Value != 0).OrderBy(m => m.Key, System.StringComparer.Ordinal))
            {
                if (monomial.Key.Length == 0)
                {
                    constant = monomial.Value;
                }
                else if (this.polynomialAtoms.TryGetValue(monomial.Key, out ExtentTerm? atom))
                {
                    terms.Add(atom with { Coefficient = monomial.Value });
                }
                else
                {
                    fixedCount = false;
                }
            }
        }

        string text = OneLine(access.ToString());
        if (!fixedCount)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The block of rows '" + text + "', whose row count may change from one iteration to the next,", LoopProductUses);
            return Poison;
        }

        this.loopShapes.Add(new LoopShape(LoopShapeKind.Rows, Parameter: parameter, First: this.LoopShapeOf(matrix.Domain), FirstText: text, Rows: constant, Terms: terms.ToEquatableArray()));
        int entry = this.loopShapes.Count - 1;
        this.loopShapeTexts[entry] = text;
        string number = (++this.conditionalSlots).ToString(CultureInfo.InvariantCulture);
        int startSlot = this.NewSlot(this.parameters[parameter].Name + "RowStart" + number, ScalarType.Long);
        int endSlot = this.NewSlot(this.parameters[parameter].Name + "RowEnd" + number, ScalarType.Long);
        List<Region> parts = this.regionParts!;
        parts.Add(new Block(this.Extract(new[] { start, end }), EquatableArray.Create(startSlot, endSlot)));
        int startRead = this.graph.Add(Computation.Read(startSlot, ScalarType.Long));
        int endRead = this.graph.Add(Computation.Read(endSlot, ScalarType.Long));
        int outside = this.graph.Make(Op.Or, this.graph.Make(Op.Less, startRead, this.graph.Integer(0, ScalarType.Long)), this.graph.Make(Op.Or, this.graph.Make(Op.Greater, startRead, endRead), this.graph.Make(Op.Greater, endRead, length)));
        string message = "'" + this.parameters[parameter].Name + "' is sliced as " + text + " with a range of rows outside it: a range start..end of rows needs 0 <= start <= end <= its rows. Pass bounds within it, or a larger '" + this.parameters[parameter].Name + "'.";
        parts.Add(new Branch(
            this.Extract(new[] { outside }),
            new Throw("new global::System.ArgumentOutOfRangeException(\"" + this.parameters[parameter].Name + "\", " + SymbolDisplay.FormatLiteral(message, quote: true) + ")"),
            new Sequence(EquatableArray<Region>.Empty)));

        int domain = this.graph.AddDomain(new Domain(-1) { Shape = entry });
        this.Track(domain);
        this.loopShapeOf[domain] = entry;
        int node = this.graph.Add(new Node(Op.Slice, EquatableArray.Create(source, startRead), domain, Parameter: parameter));
        this.rowBlocks[node] = new ProductOperand(-1, parameter, entry, startSlot, endSlot, text);
        return node;
    }

    /// <summary>Element <paramref name="k"/> of a block of rows: element <c>start * columns + k</c> of its matrix, whose range was checked.</summary>
    private int RowBlockElement(int node, ProductOperand block, int k)
    {
        Node slice = this.graph[node];
        int columns = this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: block.Parameter, Type: ScalarType.Long, Bits: 1));
        int position = this.graph.Make(Op.Add, this.graph.Make(Op.Multiply, this.graph.Add(Computation.Read(block.Start, ScalarType.Long)), columns), this.graph.Convert(k, ScalarType.Long, Overflow.Default));
        return this.graph.Add(new Node(Op.Element, EquatableArray.Create(slice.Args[0], position), -1, Parameter: block.Parameter));
    }

    /// <summary>A bound of a block of rows as a long node: <c>^k</c> counts from the end; null, reported, if it is not an integer.</summary>
    private int? RowBound(ElementAccessExpressionSyntax access, ExpressionSyntax bound, int length)
    {
        bool hat = bound is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression };
        int value = this.Lower(hat ? ((PrefixUnaryExpressionSyntax)bound).Operand : bound);
        if (value == Poison)
        {
            return null;
        }

        if (this.graph[value].IsTensor || !this.graph[value].Type.IsInteger())
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The block of rows '" + OneLine(access.ToString()) + "'", LoopProductUses);
            return null;
        }

        value = this.graph.Convert(value, ScalarType.Long, Overflow.Default);
        return hat ? this.graph.Make(Op.Subtract, length, value) : value;
    }

    // The int parameters and sizes that polynomials of bounds are made of, by the key that names them.
    private readonly Dictionary<string, ExtentTerm> polynomialAtoms = new();

    /// <summary>
    /// Integer node <paramref name="id"/> as a sum of monomials (the factors' keys joined by <c>*</c>, "" for the
    /// constant) with coefficients: constants, locals, int parameters and sizes under +, -, * and conversions, an
    /// int parameter or size divided by a constant; null for anything else.
    /// </summary>
    private Dictionary<string, long>? Polynomial(int id)
    {
        Node node = this.graph[id];
        Dictionary<string, long>? Atom(string key, ExtentTerm? term)
        {
            if (term is not null)
            {
                this.polynomialAtoms[key] = term;
            }

            return new Dictionary<string, long> { [key] = 1 };
        }

        Dictionary<string, long>? Combine(Dictionary<string, long>? a, Dictionary<string, long>? b, long sign)
        {
            if (a is null || b is null)
            {
                return null;
            }

            var sum = new Dictionary<string, long>(a);
            foreach (KeyValuePair<string, long> monomial in b)
            {
                sum[monomial.Key] = (sum.TryGetValue(monomial.Key, out long c) ? c : 0) + (sign * monomial.Value);
            }

            return sum;
        }

        switch (node.Op)
        {
            case Op.Constant when node.Type.IsInteger():
                return new Dictionary<string, long> { [string.Empty] = node.Bits };
            case Op.Convert when this.graph[node.Args[0]].Type.IsInteger():
                return this.Polynomial(node.Args[0]);
            case Op.Parameter when node.IsScalar && node.Type.IsInteger():
                // A local (a loop counter) has no term: a count that keeps it varies between iterations.
                string slot = "s" + node.Parameter.ToString(CultureInfo.InvariantCulture);
                return Atom(slot, node.Parameter < this.root.Parameters.Length ? new ExtentTerm(node.Parameter, -1, 1) : null);
            case Op.Length when node.Bits >= 0:
                return Atom("l" + node.Parameter.ToString(CultureInfo.InvariantCulture) + ":" + node.Bits.ToString(CultureInfo.InvariantCulture), new ExtentTerm(node.Parameter, (int)node.Bits, 1));
            case Op.Count when this.FlattenedLengthOf(node) is int counted and >= 0:
                return Atom("c" + counted.ToString(CultureInfo.InvariantCulture), new ExtentTerm(counted, ExtentTerm.FlattenedLength, 1));
            case Op.Divide when node.Type.IsInteger() && this.graph[node.Args[1]] is { Op: Op.Constant, Bits: > 0 } divisor
                && this.Polynomial(node.Args[0]) is { Count: 1 } numerator && numerator.First() is { Value: 1 } only && this.polynomialAtoms.TryGetValue(only.Key, out ExtentTerm? divided) && divided.Divisor == 1:
                return Atom(only.Key + "/" + divisor.Bits.ToString(CultureInfo.InvariantCulture), divided with { Divisor = divisor.Bits });
            case Op.Add:
                return Combine(this.Polynomial(node.Args[0]), this.Polynomial(node.Args[1]), 1);
            case Op.Subtract:
                return Combine(this.Polynomial(node.Args[0]), this.Polynomial(node.Args[1]), -1);
            case Op.Negate:
                return Combine(new Dictionary<string, long>(), this.Polynomial(node.Args[0]), -1);
            case Op.Multiply when node.Type.IsInteger():
                Dictionary<string, long>? a = this.Polynomial(node.Args[0]);
                Dictionary<string, long>? b = a is null ? null : this.Polynomial(node.Args[1]);
                if (b is null)
                {
                    return null;
                }

                var product = new Dictionary<string, long>();
                foreach (KeyValuePair<string, long> x in a!)
                {
                    foreach (KeyValuePair<string, long> y in b)
                    {
                        string key = string.Join("*", x.Key.Split('*').Concat(y.Key.Split('*')).Where(f => f.Length > 0).OrderBy(f => f, System.StringComparer.Ordinal));
                        product[key] = (product.TryGetValue(key, out long c) ? c : 0) + (x.Value * y.Value);
                    }
                }

                return product;
            default:
                return null;
        }
    }

    /// <summary>A new local array of the element type, with its length slot, named from <paramref name="stem"/>.</summary>
    private int NewArraySlot(string stem)
    {
        ControlFlowState state = this.controlFlow!;
        string name = stem + (++this.conditionalSlots).ToString(CultureInfo.InvariantCulture);
        int length = this.NewSlot(name + "Length", ScalarType.Int);
        state.Slots.Add(new Slot(name, ScalarType.Element, -1, Active: false, Length: length));
        return state.Slots.Count - 1;
    }
}
