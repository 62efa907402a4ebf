using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emit;

/// <summary>
/// The checks of rank-3 folds and of empty axes: a rank-3 parameter read as the matrix of its axis 0 or its last axis
/// (its lengths multiplied, so an empty tensor folds too), and <c>Max</c>/<c>Min</c> along an axis of length 0, which
/// throw before anything is written, as <c>torch.amax</c> and <c>torch.amin</c> raise.
/// </summary>
internal sealed partial class Emitter
{
    /// <summary>
    /// The axis a reshape of <paramref name="parameter"/> to <paramref name="lengths"/> folds it along, when it is the
    /// fold of a rank-3 parameter: <c>[a*b, c]</c> (2) or <c>[a, b*c]</c> (0); null for a reshape of another kind.
    /// </summary>
    private int? RankThreeFoldAxis(int parameter, EquatableArray<ExtentTerm> lengths)
    {
        if (!this.method.RankThreeParameters.Contains(parameter) || lengths.Count != 2)
        {
            return null;
        }

        static bool Inferred(ExtentTerm term) => term is { Parameter: < 0, Coefficient: -1 };
        bool Length(ExtentTerm term, int axis) => term.Parameter == parameter && term.Axis == axis && term.Coefficient == 1 && term.Divisor == 1;
        return Inferred(lengths[0]) && Length(lengths[1], 2) ? 2
            : Length(lengths[0], 0) && Inferred(lengths[1]) ? 0
            : null;
    }

    /// <summary>
    /// The fold of a rank-3 parameter: its rows and columns are products of its lengths, so an empty tensor folds as
    /// well as any other (a -1 inferred from no elements would be ambiguous).
    /// </summary>
    private void WriteRankThreeFold(CodeWriter w, Names names, int parameter, EquatableArray<ExtentTerm> lengths, int axis)
    {
        var dim = new Dim(parameter, 0, Reshape: lengths);
        w.Line(Kernels + "ShapeGuard.RankThreeFold(" + this.Span(parameter) + ", " + axis.ToString(CultureInfo.InvariantCulture)
            + ", out nint " + names.Dim(dim) + ", out nint " + names.Dim(dim with { Axis = 1 }) + ");");
    }

    /// <summary>
    /// A parameter read in order as the results of a reduction along the last axis of a rank-3 parameter (<c>w</c>
    /// meeting <c>Sum(x, 2)</c>): it must be <c>[a, b]</c> where <c>x</c> is <c>[a, b, c]</c>, as PyTorch's broadcasting
    /// requires; the same count in another shape would pair the wrong elements.
    /// </summary>
    private void WriteLeadingAxesCheck(CodeWriter w, int parameter, Domain matrix)
    {
        if (matrix is { Rows.IsOne: true, Columns: { Axis: 0, IsReshape: true } columns } && columns.Parameter != parameter
            && !this.method.RankThreeParameters.Contains(parameter) && this.RankThreeFoldAxis(columns.Parameter, columns.Reshape) == 2)
        {
            w.Line(Kernels + "ShapeGuard.LeadingAxes(" + this.Span(parameter) + ", \"" + this.method.Parameters[parameter].Name + "\", "
                + this.Span(columns.Parameter) + ", \"" + this.method.Parameters[columns.Parameter].Name + "\");");
        }
    }

    /// <summary>
    /// <c>Max(x, axis)</c> and <c>Min(x, axis)</c> along an axis of length 0 have no value: checked with the other
    /// arguments, naming the parameter whose axis it is, its shape and the axis, where the reduced dimension is one of a
    /// parameter as passed or of a rank-3 fold. Other reductions are checked where they run.
    /// </summary>
    private void WriteEmptyAxisChecks(CodeWriter w, Graph graph, Names names)
    {
        if (this.spans || this.overLoop)
        {
            return;
        }

        var written = new HashSet<(Dim, Op)>();
        for (int i = 0; i < graph.Count; i++)
        {
            Node node = graph[i];
            if (node.Op == Op.MiddleAxis && Printer.MiddleAxisFunction(node.Parameter) is "Max" or "Min" && written.Add((new Dim((int)node.Bits, 1), node.Op)))
            {
                // Along the middle axis of a rank-3 parameter, checked for rank 3 above.
                string tensor = this.Span((int)node.Bits);
                w.Line(Kernels + "ShapeGuard.AxisNotEmpty(" + tensor + ".Lengths[1], " + tensor + ", \"" + this.method.Parameters[(int)node.Bits].Name + "\", \"axis 1\", \""
                    + Printer.MiddleAxisFunction(node.Parameter) + "\");");
                continue;
            }

            if (node.Op is not (Op.MaxAxis or Op.MinAxis))
            {
                continue;
            }

            Domain operand = graph.Domains[graph[node.Args[0]].Domain];
            if (!operand.IsMatrix || (node.Parameter == 0 ? operand.Rows : operand.Columns) is not { IsOne: false, Trim: 0, IsRunTimeSlice: false } dim
                || this.DescribeAxis(dim) is not { } axes || !written.Add((dim, node.Op)))
            {
                continue;
            }

            string function = Primitives.Of(node.Op).Printed;
            w.Line(Kernels + "ShapeGuard.AxisNotEmpty(" + names.Dim(dim) + ", " + this.Span(dim.Parameter) + ", \"" + this.method.Parameters[dim.Parameter].Name + "\", "
                + SymbolDisplay.FormatLiteral(axes, quote: true) + ", \"" + function + "\");");
        }
    }

    /// <summary>The axes of its parameter that <paramref name="dim"/> spans, in words; null where that is not known here.</summary>
    private string? DescribeAxis(Dim dim)
    {
        if (!this.method.Parameters[dim.Parameter].IsTensor)
        {
            return null;
        }

        if (!dim.IsReshape)
        {
            // A parameter that may be a vector read as a row or a column has its axis numbered by its rank.
            return this.method.VectorOperandOf(dim.Parameter) is null ? "axis " + dim.Axis.ToString(CultureInfo.InvariantCulture) : "axis reduced";
        }

        return this.RankThreeFoldAxis(dim.Parameter, dim.Reshape) switch
        {
            2 => dim.Axis == 1 ? "axis 2" : "axes 0 and 1",
            0 => dim.Axis == 0 ? "axis 0" : "axes 1 and 2",
            _ => null,
        };
    }
}
