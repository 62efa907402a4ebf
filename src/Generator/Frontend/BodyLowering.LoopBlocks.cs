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
/// Blocks of a matrix parameter sliced along both axes (<c>x[.., 1..]</c>, <c>u[1..^1, 2..]</c>, <c>x[..n, ^2..]</c>) in a
/// method with loops or branches. A block is a view: element k of <c>x[a..b, c..d]</c> is element
/// <c>(a + k / (d - c)) * columns + c + k % (d - c)</c> of <c>x</c>, read in the element loop of the work it is part of,
/// so its adjoint is added to the elements of <c>x</c>'s gradient the block reaches. Its bounds are computed into slots
/// where the statement runs and their ranges checked there, as C#'s ranges check them
/// (<c>ArgumentOutOfRangeException</c>), in the forward sweep, before any gradient is written. Its row and column counts
/// are made of constants, int parameters and sizes (the same in every iteration), so its shape is worked out when the
/// method is called (see <see cref="LoopShapeKind.Block"/>) and it meets other tensors by broadcasting. An axis function
/// or a product reads its elements computed into an array first, as it reads other element-wise work.
/// </summary>
internal sealed partial class BodyLowering
{
    private const string LoopBlockUses = "inside loops and branches, slice a matrix parameter x[a..b, c..d] with row and column counts (b - a, d - c) that stay the same from one iteration to the next, made of constants, int parameters and sizes; bounds may read loop counters, as in x[.., i..(i + 2)]";

    // The blocks of a matrix made, by node: the matrix parameter and the slots of their row start and column bounds.
    private readonly Dictionary<int, (int Parameter, int RowStart, int ColumnStart, int ColumnEnd)> matrixBlocks = new();

    /// <summary>Whether <paramref name="access"/> is <c>x[a..b, c..d]</c> on a tensor with a column range other than <c>..</c>, in a method with loops or branches.</summary>
    private bool IsLoopMatrixBlock(ElementAccessExpressionSyntax access)
        => this.controlFlow is not null
            && access.ArgumentList.Arguments is { Count: 2 } indexes
            && indexes[0].Expression is RangeExpressionSyntax
            && indexes[1].Expression is RangeExpressionSyntax columns && (columns.LeftOperand is not null || columns.RightOperand is not null)
            && this.IsTensorExpression(access.Expression);

    /// <summary>
    /// A block <c>x[a..b, c..d]</c> of a matrix parameter in a method with loops or branches: its four bounds computed
    /// into slots where the statement runs and their ranges checked there; a tensor of the block's shape, read element by element.
    /// </summary>
    private int LoopMatrixBlock(ElementAccessExpressionSyntax access)
    {
        var rowRange = (RangeExpressionSyntax)access.ArgumentList.Arguments[0].Expression;
        var columnRange = (RangeExpressionSyntax)access.ArgumentList.Arguments[1].Expression;
        string text = OneLine(access.ToString());
        if (!this.RegionsHere || this.regionParts is not { } parts)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The block '" + text + "' here", "assign it, or a reduction of it, to a local in a statement of its own first");
            return Poison;
        }

        int source = this.Lower(access.Expression);
        if (source == Poison)
        {
            return Poison;
        }

        if (this.graph[source] is not { Op: Op.Parameter, IsTensor: true } matrix)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The block '" + text + "' of a computed value", LoopBlockUses);
            return Poison;
        }

        int parameter = matrix.Parameter;
        int rows = this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: parameter, Type: ScalarType.Long, Bits: 0));
        int columns = this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: parameter, Type: ScalarType.Long, Bits: 1));
        if (this.RangeBounds(access, rowRange, rows) is not { } rowBounds || this.RangeBounds(access, columnRange, columns) is not { } columnBounds)
        {
            return Poison;
        }

        if (!this.FixedCount(rowBounds.Start, rowBounds.End, out long rowCount, out List<ExtentTerm> rowTerms)
            || !this.FixedCount(columnBounds.Start, columnBounds.End, out long columnCount, out List<ExtentTerm> columnTerms))
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The block '" + text + "', whose row or column count may change from one iteration to the next,", LoopBlockUses);
            return Poison;
        }

        this.loopShapes.Add(new LoopShape(LoopShapeKind.Block, Parameter: parameter, First: this.LoopShapeOf(matrix.Domain), FirstText: text, Rows: rowCount, Terms: rowTerms.ToEquatableArray(), Columns: columnCount, ColumnTerms: columnTerms.ToEquatableArray()));
        int entry = this.loopShapes.Count - 1;
        this.loopShapeTexts[entry] = text;

        string name = this.parameters[parameter].Name;
        string number = (++this.conditionalSlots).ToString(CultureInfo.InvariantCulture);
        int rowStart = this.NewSlot(name + "BlockRowStart" + number, ScalarType.Long);
        int rowEnd = this.NewSlot(name + "BlockRowEnd" + number, ScalarType.Long);
        int columnStart = this.NewSlot(name + "BlockColumnStart" + number, ScalarType.Long);
        int columnEnd = this.NewSlot(name + "BlockColumnEnd" + number, ScalarType.Long);
        parts.Add(new Block(this.Extract(new[] { rowBounds.Start, rowBounds.End, columnBounds.Start, columnBounds.End }), EquatableArray.Create(rowStart, rowEnd, columnStart, columnEnd)));
        int Read(int slot) => this.graph.Add(Computation.Read(slot, ScalarType.Long));
        int Outside(int start, int end, int length)
            => this.graph.Make(Op.Or, this.graph.Make(Op.Less, start, this.graph.Integer(0, ScalarType.Long)), this.graph.Make(Op.Or, this.graph.Make(Op.Greater, start, end), this.graph.Make(Op.Greater, end, length)));
        int outside = this.graph.Make(Op.Or, Outside(Read(rowStart), Read(rowEnd), rows), Outside(Read(columnStart), Read(columnEnd), columns));
        string message = "'" + name + "' is sliced as " + text + " with a range outside it: a range start..end needs 0 <= start <= end <= the length of its axis (rows, then columns). Pass bounds within it, or a larger '" + name + "'.";
        parts.Add(new Branch(
            this.Extract(new[] { outside }),
            new Throw("new global::System.ArgumentOutOfRangeException(\"" + name + "\", " + SymbolDisplay.FormatLiteral(message, quote: true) + ")"),
            new Sequence(EquatableArray<Region>.Empty)));

        int domain = this.graph.AddDomain(new Domain(-1) { Shape = entry });
        this.Track(domain);
        this.loopShapeOf[domain] = entry;
        int node = this.graph.Add(new Node(Op.Slice, EquatableArray.Create(source, Read(rowStart), Read(columnStart)), domain, Parameter: parameter));
        this.matrixBlocks[node] = (parameter, rowStart, columnStart, columnEnd);
        return node;
    }

    /// <summary>Element <paramref name="k"/> of a block: element <c>(rowStart + k / width) * columns + columnStart + k % width</c> of its matrix, whose ranges were checked.</summary>
    private int MatrixBlockElement(int node, int k)
    {
        (int parameter, int rowStart, int columnStart, int columnEnd) = this.matrixBlocks[node];
        int columns = this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: parameter, Type: ScalarType.Long, Bits: 1));
        int first = this.graph.Add(Computation.Read(columnStart, ScalarType.Long));
        int width = this.graph.Make(Op.Subtract, this.graph.Add(Computation.Read(columnEnd, ScalarType.Long)), first);
        int position = this.graph.Convert(k, ScalarType.Long, Overflow.Default);
        int row = this.graph.Make(Op.Add, this.graph.Add(Computation.Read(rowStart, ScalarType.Long)), this.graph.Make(Op.Divide, position, width));
        int column = this.graph.Make(Op.Add, first, this.graph.Make(Op.Remainder, position, width));
        int at = this.graph.Make(Op.Add, this.graph.Make(Op.Multiply, row, columns), column);
        return this.graph.Add(new Node(Op.Element, EquatableArray.Create(this.graph[node].Args[0], at), -1, Parameter: parameter));
    }

    /// <summary>The bounds of <paramref name="range"/> along an axis of <paramref name="length"/> elements, as long nodes; null, reported, where a bound is not an integer.</summary>
    private (int Start, int End)? RangeBounds(ElementAccessExpressionSyntax access, RangeExpressionSyntax range, int length)
    {
        int? first = range.LeftOperand is null ? this.graph.Integer(0, ScalarType.Long) : this.RowBound(access, range.LeftOperand, length);
        int? last = first is null ? null : range.RightOperand is null ? length : this.RowBound(access, range.RightOperand, length);
        return first is { } start && last is { } end ? (start, end) : null;
    }

    /// <summary>
    /// Whether <c>end - start</c> is made of constants, int parameters and sizes (the same in every iteration): then
    /// <paramref name="constant"/> plus <paramref name="terms"/>.
    /// </summary>
    private bool FixedCount(int start, int end, out long constant, out List<ExtentTerm> terms)
    {
        constant = 0;
        terms = new List<ExtentTerm>();
        Dictionary<string, long>? count = this.Polynomial(end);
        Dictionary<string, long>? from = count is null ? null : this.Polynomial(start);
        if (count is null || from is null)
        {
            return false;
        }

        foreach (KeyValuePair<string, long> monomial in from)
        {
            count[monomial.Key] = (count.TryGetValue(monomial.Key, out long c) ? c : 0) - monomial.Value;
        }

        foreach (KeyValuePair<string, long> monomial in count.Where(m => m.Value != 0).OrderBy(m => m.Key, System.StringComparer.Ordinal))
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
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A slice of a vector parameter as an operand of an axis function or a product: its elements computed into an array
    /// of their own (its range checked there), of a shape worked out when the method is called (see <see cref="LoopShapeKind.VectorSlice"/>).
    /// </summary>
    private ProductOperand? VectorSliceOperand(int node, ExpressionSyntax argument)
    {
        Node n = this.graph[node];
        int held = this.Find(n.Domain);
        Domain domain = this.graph.Domains[held];
        long dropped = domain.Trim;
        var terms = domain.Terms.ToList();
        this.loopShapes.Add(new LoopShape(LoopShapeKind.VectorSlice, Parameter: domain.Parameter, First: this.LoopShapeOf(this.ParameterDomain(domain.Parameter)), FirstText: OneLine(argument.ToString()), Rows: dropped, Terms: terms.ToEquatableArray()));
        int entry = this.loopShapes.Count - 1;
        this.loopShapeTexts[entry] = OneLine(argument.ToString());

        // The array has the length worked out when the method was called (none where the range is outside the vector,
        // which the loop that writes it checks first, as C# checks it): its elements are the slice's, k for k.
        int shaped = this.graph.AddDomain(new Domain(-1) { Shape = entry });
        this.Track(shaped);
        this.loopShapeOf[shaped] = entry;
        int array = this.NewArraySlot("slice");
        return this.WriteTensorElements(array, node, shaped, this.controlFlow!.Slots[array].Name, argument) ? new ProductOperand(array, -1, entry) : null;
    }

    /// <summary>
    /// <c>Transpose(a)</c> outside a product in a method with loops or branches, of a tensor parameter, a tensor local or
    /// work of their shapes: its elements computed into an array of their own, each read from <c>a</c> at the index a
    /// run-time map gives (see <see cref="LoopShapeKind.TransposeIndex"/>), so its adjoint goes back to where it was read.
    /// An operand that is not a matrix throws where the statement runs, as C# throws there.
    /// </summary>
    private int LoopTranspose(int node, ExpressionSyntax operand, SyntaxNode at)
    {
        string text = OneLine(at.ToString());
        if (!this.RegionsHere || this.regionParts is not { } parts)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, at, "The transpose '" + text + "' here", "assign it, or a reduction of it, to a local in a statement of its own first");
            return Poison;
        }

        Node n = this.graph[node];
        Domain domain = n.IsTensor ? this.graph.Domains[this.Find(n.Domain)] : new Domain(-1);
        if (n.IsScalar || domain.IsMatrix || domain.IsSlice || !(domain.Parameter >= 0 || domain.IsLoopShape))
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, at, "The transpose '" + text + "' of a scalar, a slice of a vector or work of another shape, in a method with loops or branches,", "transpose matrix parameters, tensor locals, blocks of a matrix parameter and element-wise work of them");
            return Poison;
        }

        int source = this.LoopShapeOf(n.Domain);
        this.loopShapes.Add(new LoopShape(LoopShapeKind.Transpose, First: source, FirstText: OneLine(operand.ToString()), SecondText: text));
        int entry = this.loopShapes.Count - 1;
        this.loopShapeTexts[entry] = text;
        this.loopShapes.Add(new LoopShape(LoopShapeKind.TransposeIndex, First: source));
        int map = this.loopShapes.Count - 1;
        int transposed = this.graph.AddDomain(new Domain(-1) { Shape = entry });
        this.Track(transposed);
        this.loopShapeOf[transposed] = entry;

        // An operand that is not a matrix throws here, where the statement runs, before its elements are read.
        parts.Add(new ShapeTest(entry));
        int array = this.NewArraySlot("transpose");
        return this.WriteTensorElements(array, node, transposed, this.controlFlow!.Slots[array].Name, (ExpressionSyntax)at, map) ? this.TensorLocalRead(array, transposed) : Poison;
    }
}
