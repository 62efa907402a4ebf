using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>Indexing: slices of a vector parameter with C# ranges, as views read at an offset.</summary>
internal sealed partial class BodyLowering
{
    private const string SupportedSlices = "slice a vector parameter with constant bounds counted from its start and its end, such as x[1..], x[..^1] or x[2..^3]";

    // Each slice made, with its syntax: a slice whose domain later meets another shape is refused where it was written.
    private readonly List<(int Node, ElementAccessExpressionSyntax Syntax)> slices = new();

    /// <summary>Lowers <c>x[a..^b]</c> on a tensor parameter to a slice; refuses every other indexing with what to write instead.</summary>
    private int LowerIndexing(ElementAccessExpressionSyntax access)
    {
        SeparatedSyntaxList<ArgumentSyntax> arguments = access.ArgumentList.Arguments;
        bool tensor = this.IsTensorExpression(access.Expression);
        if (tensor && arguments.Count > 0 && arguments.All(a => a.Expression is not RangeExpressionSyntax))
        {
            return this.LowerElementRead(access);
        }

        if (!tensor || arguments.Count != 1 || arguments[0].Expression is not RangeExpressionSyntax range)
        {
            string fix = tensor
                ? "slices along more than one axis, and indexes mixed with ranges, are not supported yet; " + SupportedSlices + ", " + SupportedElementReads + ", or use whole-tensor operations (Sum, Dot, element-wise arithmetic)"
                : "use whole-tensor operations (Sum, Dot, element-wise arithmetic) on tensor parameters";
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "Indexing '" + access + "'", fix);
            return Poison;
        }

        int source = this.Lower(access.Expression);
        if (source == Poison)
        {
            return Poison;
        }

        Node node = this.graph[source];
        if (node.Op != Op.Parameter || this.graph.Domains[this.Find(node.Domain)].IsMatrix)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The slice '" + access + "' of a computed value or a matrix", SupportedSlices + ", and compute on the slices");
            return Poison;
        }

        if (!this.Bound(range.LeftOperand, fromEnd: false, out int start) || !this.Bound(range.RightOperand, fromEnd: true, out int end))
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The slice '" + access + "'", SupportedSlices + " (bounds from int parameters or sizes, or counted the other way, are not supported yet)");
            return Poison;
        }

        if (start + end == 0)
        {
            return source;
        }

        int domain = this.Track(this.graph.SliceDomain(node.Parameter, start + end));
        int slice = this.graph.Add(new Node(Op.Slice, EquatableArray.Create(source), domain, Parameter: node.Parameter, Bits: start));
        this.slices.Add((slice, access));
        return slice;
    }

    /// <summary>
    /// A bound of a range as a count of elements dropped: a constant from the start (<c>2</c>) for the left bound, one
    /// from the end (<c>^3</c>) for the right; a missing bound drops none.
    /// </summary>
    private bool Bound(ExpressionSyntax? bound, bool fromEnd, out int dropped)
    {
        dropped = 0;
        if (bound is null)
        {
            return true;
        }

        bool hat = bound is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression };
        if (hat != fromEnd)
        {
            return false;
        }

        ExpressionSyntax count = hat ? ((PrefixUnaryExpressionSyntax)bound).Operand : bound;
        Optional<object?> constant = this.scope.Model.GetConstantValue(count, this.cancellationToken);
        if (!constant.HasValue || constant.Value is not int value || value < 0)
        {
            return false;
        }

        dropped = value;
        return true;
    }

    /// <summary>
    /// Refuses each slice whose shape met another one: slices work element-wise with slices of the same parameter that
    /// drop as many elements, and reduce to scalars.
    /// </summary>
    private void CheckSlices()
    {
        foreach ((int node, ElementAccessExpressionSyntax syntax) in this.slices)
        {
            int domain = this.graph[node].Domain;
            int parameter = this.graph[this.graph[node].Args[0]].Domain;
            if (this.Find(domain) != domain || this.graph.Domains[this.Find(parameter)].IsMatrix)
            {
                string dropped = this.graph.Domains[domain].Trim.ToString(CultureInfo.InvariantCulture);
                this.Report(
                    DiagnosticDescriptors.UnsupportedExpression,
                    syntax,
                    "The slice '" + syntax + "' meeting a tensor of another length, or a matrix,",
                    "combine it element-wise only with slices of the same vector that drop as many elements in all (" + dropped + " here; x[1..] and x[..^1] both drop 1), or with scalars and reductions");
                return;
            }
        }
    }
}
