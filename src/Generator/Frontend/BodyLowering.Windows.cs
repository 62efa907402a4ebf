using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// Slices of a matrix parameter along both axes, <c>x[1.., ..]</c>, <c>x[.., ..^1]</c>, <c>x[1..^1, 2..]</c>: a strided
/// view read in place, as PyTorch's <c>x[1:, :]</c>. The slice is a matrix whose dimensions are the parameter's less
/// what the ranges drop, so slices that drop as much along each axis meet element-wise like any two matrices.
/// </summary>
internal sealed partial class BodyLowering
{
    private const string SupportedWindows = "slice a matrix parameter along both axes with ranges whose bounds are constants, int parameters and sizes, such as x[1.., ..], x[..^1, ..], x[.., k..], x[..n, ^2..] or x[1..^1, 2..^2]";

    // The length of each run-time dimension a slice of a matrix leaves, as a long node (end - start of its range).
    private readonly Dictionary<Dim, int> windowLengths = new();

    // The vectors sliced as operands of MatMul (x[1..] in MatMul(x[1..], w)), each with its first slice there.
    private readonly Dictionary<int, ElementAccessExpressionSyntax> productSlices = new();

    /// <summary>Lowers <c>x[a..b, c..d]</c> on a matrix parameter to a slice of it; null when the access has another form.</summary>
    private int? LowerWindow(ElementAccessExpressionSyntax access)
    {
        SeparatedSyntaxList<ArgumentSyntax> arguments = access.ArgumentList.Arguments;
        if (arguments.Count != 2 || arguments[0].Expression is not RangeExpressionSyntax rowRange || arguments[1].Expression is not RangeExpressionSyntax columnRange)
        {
            return null;
        }

        int source = this.Lower(access.Expression);
        if (source == Poison)
        {
            return Poison;
        }

        Node node = this.graph[source];
        if (node.Op != Op.Parameter)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The slice '" + access + "' of a computed value", SupportedWindows + ", and compute on the slices");
            return Poison;
        }

        // The parameter is a matrix (its rank is checked when the method is called); x[.., ..] is the parameter itself.
        this.MatrixDims(source);
        if (this.WindowAxis(access, rowRange, source, 0) is not { } rows || this.WindowAxis(access, columnRange, source, 1) is not { } columns)
        {
            return Poison;
        }

        if (rows.Dim.Trim == 0 && !rows.RunTime && columns.Dim.Trim == 0 && !columns.RunTime)
        {
            return source;
        }

        return this.Window(source, rows, columns, 0);
    }

    /// <summary>
    /// The operand of <c>MatMul</c> written as <paramref name="argument"/>: a slice of a vector parameter there
    /// (<c>MatMul(x[1..], w)</c>, <c>MatMul(a, v[..^1])</c>) is a slice of the vector read as torch.matmul reads it, a row
    /// <c>[1, n]</c> on the left or a column <c>[n, 1]</c> on the right (<paramref name="column"/>), sliced along its
    /// length in place as a slice of a matrix is; the vector must have rank 1, checked when the method is called.
    /// </summary>
    private int LowerProductOperand(ExpressionSyntax? argument, bool column)
    {
        if (argument is not ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } indexes } access
            || indexes[0].Expression is not RangeExpressionSyntax range || !this.IsTensorExpression(access.Expression))
        {
            return this.LowerArgument(argument);
        }

        int source = this.Lower(access.Expression);
        if (source == Poison || this.graph[source] is not { Op: Op.Parameter } node
            || (this.graph.Domains[this.Find(node.Domain)].IsMatrix && !this.productSlices.ContainsKey(node.Parameter)))
        {
            // A slice of a computed value, or of a parameter read as a matrix elsewhere: refused as any such slice is.
            return source == Poison ? Poison : this.LowerArgument(argument);
        }

        // The vector's length is axis 0 of it, and the axis of the row or column it is read as.
        this.NoteProductOperand(source, column, transposed: false);
        this.vectorParameters.Add(node.Parameter);
        if (!this.productSlices.ContainsKey(node.Parameter))
        {
            this.productSlices[node.Parameter] = access;
        }

        int along = column ? 0 : 1;
        if (this.WindowAxis(access, range, source, along, lengthAxis: 0) is not { } sliced)
        {
            return Poison;
        }

        (Dim rows, Dim columns) = this.MatrixDims(source, strict: false);
        int zero = this.graph.Integer(0, ScalarType.Long);
        var whole = (Start: zero, End: zero, Dim: column ? columns : rows, RunTime: false);
        if (sliced.Dim.Trim == 0 && !sliced.RunTime)
        {
            return source;
        }

        return column
            ? this.Window(source, sliced, whole, Printer.VectorRows)
            : this.Window(source, whole, sliced, Printer.VectorColumns);
    }

    /// <summary>
    /// Refuses a vector sliced as an operand of <c>MatMul</c> that must also be read as a matrix: as both a left and a
    /// right operand, along an axis, transposed, or where its vector dimension must equal another's. It would be checked
    /// to be a matrix and a vector at once when the method is called.
    /// </summary>
    private void CheckProductSlices()
    {
        if (this.productSlices.Count == 0 || this.diagnostics.Count > 0)
        {
            return;
        }

        EquatableArray<VectorOperand> vectors = this.VectorOperands();
        foreach (KeyValuePair<int, ElementAccessExpressionSyntax> entry in this.productSlices)
        {
            if (!vectors.Any(v => v.Parameter == entry.Key))
            {
                this.Report(
                    DiagnosticDescriptors.UnsupportedExpression,
                    entry.Value,
                    "The slice '" + entry.Value + "' as an operand of MatMul, of a vector also read as a matrix (the other operand of a product, along an axis, transposed),",
                    "slice a vector only as the left operands of its products or only as the right ones, and reduce it whole; or pass a matrix and slice it along both axes (x[1.., ..])");
                return;
            }
        }
    }

    /// <summary>The slice of matrix parameter <paramref name="source"/> along both axes; <paramref name="form"/> is how it was written (<see cref="Printer.VectorRows"/>, 0 for a matrix's).</summary>
    private int Window(int source, (int Start, int End, Dim Dim, bool RunTime) rows, (int Start, int End, Dim Dim, bool RunTime) columns, double form)
    {
        // Bounds known only at run time add where the slice ends along each axis, checked before anything is written.
        int domain = this.Track(this.graph.MatrixDomain(rows.Dim, columns.Dim));
        long bits = Printer.WindowTrims(rows.RunTime ? 0 : rows.Dim.Trim, columns.RunTime ? 0 : columns.Dim.Trim);
        var args = rows.RunTime || columns.RunTime
            ? EquatableArray.Create(source, rows.Start, columns.Start, rows.End, columns.End)
            : EquatableArray.Create(source, rows.Start, columns.Start);
        double runTime = (rows.RunTime ? Printer.RunTimeRows : 0) + (columns.RunTime ? Printer.RunTimeColumns : 0);
        return this.graph.Add(new Node(Op.Slice, args, domain, Value: runTime + form, Parameter: this.graph[source].Parameter, Bits: bits));
    }

    /// <summary>
    /// The range along one axis of a slice of a matrix: where it starts and ends (long nodes) and the dimension it leaves,
    /// the parameter's less what the range drops (a constant, or run-time terms), or <see cref="Dim.One"/> for a range of
    /// one element (<c>..1</c>, <c>^1..</c>, <c>k..(k + 1)</c>), which broadcasts as PyTorch's <c>m[:, :1]</c> does; and
    /// whether its bounds are known only at run time. Null (reported) for other bounds.
    /// </summary>
    private (int Start, int End, Dim Dim, bool RunTime)? WindowAxis(ElementAccessExpressionSyntax access, RangeExpressionSyntax range, int source, int axis, int lengthAxis = -1)
    {
        // A vector read as a row or a column is sliced along that axis, its length its own axis 0 (lengthAxis).
        lengthAxis = lengthAxis < 0 ? axis : lengthAxis;
        int parameter = this.graph[source].Parameter;
        if (!this.Bound(access, range.LeftOperand, out bool leftHat, out int left, out Extent leftValue) || !this.Bound(access, range.RightOperand, out bool rightHat, out int right, out Extent rightValue))
        {
            return null;
        }

        // What each end drops: a.. drops a from the start, ..^b drops b from the end, ..b drops Lengths[axis] - b.
        Extent length = Extent.Size(parameter, lengthAxis);
        Extent dropStart = range.LeftOperand is null ? Extent.Zero : leftHat ? length.Minus(leftValue) : leftValue;
        Extent dropEnd = range.RightOperand is null ? Extent.Zero : rightHat ? rightValue : length.Minus(rightValue);
        Extent trim = dropStart.Plus(dropEnd);
        if (dropStart.IsConstant && dropEnd.IsConstant)
        {
            if (dropStart.Constant < 0 || dropEnd.Constant < 0 || trim.Constant > int.MaxValue)
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The slice '" + access + "' with a negative bound", "C# throws for it when the method runs; " + SupportedWindows);
                return null;
            }

            int at = this.graph.Integer(dropStart.Constant, ScalarType.Long);
            return (at, at, new Dim(parameter, axis, (int)trim.Constant), false);
        }

        if (trim.Constant is > int.MaxValue or < int.MinValue)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The slice '" + access + "' with a bound beyond int's range", SupportedWindows);
            return null;
        }

        // Bounds known at run time: where the range starts and ends, checked when the method is called as C#'s ranges check them.
        int n = this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: parameter, Type: ScalarType.Long, Bits: lengthAxis));
        int first = range.LeftOperand is null ? this.graph.Integer(0, ScalarType.Long) : leftHat ? this.graph.Make(Op.Subtract, n, left) : left;
        int last = range.RightOperand is null ? n : rightHat ? this.graph.Make(Op.Subtract, n, right) : right;
        if (length.Minus(trim) is { IsConstant: true, Constant: 1 })
        {
            // One element whatever the axis's length (its range still checked when the method is called): a size-1 dimension.
            return (first, last, Dim.One, true);
        }

        var dim = new Dim(parameter, axis, (int)trim.Constant, Terms: trim.Terms());
        if (!this.windowLengths.ContainsKey(dim))
        {
            this.windowLengths[dim] = this.graph.Make(Op.Subtract, last, first);
        }

        return (first, last, dim, true);
    }

    /// <summary>The length of a dimension a slice with run-time bounds leaves, as a long node; null for other dimensions.</summary>
    private int? WindowLength(Dim dim) => this.windowLengths.TryGetValue(dim, out int length) ? length : null;
}
