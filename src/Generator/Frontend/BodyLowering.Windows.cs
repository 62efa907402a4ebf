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
    private const string SupportedWindows = "slice a matrix parameter along both axes with ranges counted from its ends by constants, such as x[1.., ..], x[..^1, ..], x[.., 1..] or x[1..^1, 2..^2]";

    /// <summary>Lowers <c>x[a..^b, c..^d]</c> on a matrix parameter to a slice of it; null when the access has another form.</summary>
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

        int parameter = node.Parameter;
        if (!this.WindowAxis(access, rowRange, parameter, 0, out long rowStart, out long rowTrim)
            || !this.WindowAxis(access, columnRange, parameter, 1, out long columnStart, out long columnTrim))
        {
            return Poison;
        }

        // The parameter is a matrix (its rank is checked when the method is called); x[.., ..] is the parameter itself.
        this.MatrixDims(source);
        if (rowTrim == 0 && columnTrim == 0)
        {
            return source;
        }

        int domain = this.Track(this.graph.MatrixDomain(new Dim(parameter, 0, (int)rowTrim), new Dim(parameter, 1, (int)columnTrim)));
        var args = EquatableArray.Create(source, this.graph.Integer(rowStart, ScalarType.Long), this.graph.Integer(columnStart, ScalarType.Long));
        return this.graph.Add(new Node(Op.Slice, args, domain, Parameter: parameter, Bits: Printer.WindowTrims(rowTrim, columnTrim)));
    }

    /// <summary>
    /// The range along one axis of a slice of a matrix: where it starts and how many elements it drops in all, both
    /// constants; false (reported) for bounds known only at run time and negative bounds.
    /// </summary>
    private bool WindowAxis(ElementAccessExpressionSyntax access, RangeExpressionSyntax range, int parameter, int axis, out long start, out long trim)
    {
        start = 0;
        trim = 0;
        if (!this.Bound(access, range.LeftOperand, out bool leftHat, out _, out Extent left) || !this.Bound(access, range.RightOperand, out bool rightHat, out _, out Extent right))
        {
            return false;
        }

        // What each end drops: a.. drops a from the start, ..^b drops b from the end, ..b drops Lengths[axis] - b.
        Extent length = Extent.Size(parameter, axis);
        Extent dropStart = range.LeftOperand is null ? Extent.Zero : leftHat ? length.Minus(left) : left;
        Extent dropEnd = range.RightOperand is null ? Extent.Zero : rightHat ? right : length.Minus(right);
        if (!dropStart.IsConstant || !dropEnd.IsConstant)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The slice '" + access + "' with a bound counted from the other end, or known only at run time,", SupportedWindows + "; bounds from int parameters and sizes work on vectors (x[k..])");
            return false;
        }

        if (dropStart.Constant < 0 || dropEnd.Constant < 0 || dropStart.Constant + dropEnd.Constant > int.MaxValue)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The slice '" + access + "' with a negative bound", "C# throws for it when the method runs; " + SupportedWindows);
            return false;
        }

        start = dropStart.Constant;
        trim = dropStart.Constant + dropEnd.Constant;
        return true;
    }
}
