using System.Collections.Generic;
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
        int parameter = node.Parameter;
        this.MatrixDims(source);
        if (this.WindowAxis(access, rowRange, source, 0) is not { } rows || this.WindowAxis(access, columnRange, source, 1) is not { } columns)
        {
            return Poison;
        }

        if (rows.Dim.Trim == 0 && !rows.RunTime && columns.Dim.Trim == 0 && !columns.RunTime)
        {
            return source;
        }

        // Bounds known only at run time add where the slice ends along each axis, checked before anything is written.
        int domain = this.Track(this.graph.MatrixDomain(rows.Dim, columns.Dim));
        long bits = Printer.WindowTrims(rows.RunTime ? 0 : rows.Dim.Trim, columns.RunTime ? 0 : columns.Dim.Trim);
        var args = rows.RunTime || columns.RunTime
            ? EquatableArray.Create(source, rows.Start, columns.Start, rows.End, columns.End)
            : EquatableArray.Create(source, rows.Start, columns.Start);
        double runTime = (rows.RunTime ? Printer.RunTimeRows : 0) + (columns.RunTime ? Printer.RunTimeColumns : 0);
        return this.graph.Add(new Node(Op.Slice, args, domain, Value: runTime, Parameter: parameter, Bits: bits));
    }

    /// <summary>
    /// The range along one axis of a slice of a matrix: where it starts and ends (long nodes) and the dimension it leaves,
    /// the parameter's less what the range drops (a constant, or run-time terms), or <see cref="Dim.One"/> for a range of
    /// one element (<c>..1</c>, <c>^1..</c>, <c>k..(k + 1)</c>), which broadcasts as PyTorch's <c>m[:, :1]</c> does; and
    /// whether its bounds are known only at run time. Null (reported) for other bounds.
    /// </summary>
    private (int Start, int End, Dim Dim, bool RunTime)? WindowAxis(ElementAccessExpressionSyntax access, RangeExpressionSyntax range, int source, int axis)
    {
        int parameter = this.graph[source].Parameter;
        if (!this.Bound(access, range.LeftOperand, out bool leftHat, out int left, out Extent leftValue) || !this.Bound(access, range.RightOperand, out bool rightHat, out int right, out Extent rightValue))
        {
            return null;
        }

        // What each end drops: a.. drops a from the start, ..^b drops b from the end, ..b drops Lengths[axis] - b.
        Extent length = Extent.Size(parameter, axis);
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
        int n = this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: parameter, Type: ScalarType.Long, Bits: axis));
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
