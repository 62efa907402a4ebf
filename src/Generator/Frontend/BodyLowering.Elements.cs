using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>Element reads: <c>x[i]</c>, <c>x[^1]</c> and <c>x[i, j]</c> of a tensor parameter, as scalars.</summary>
internal sealed partial class BodyLowering
{
    private const string SupportedElementReads = "read an element of a vector or matrix parameter, such as x[i], x[^1] or x[i, j], with indexes from constants, int parameters and sizes";

    /// <summary>
    /// Lowers an element read of a tensor parameter: each index is checked along its axis (in the order C# evaluates
    /// them), then the element is read at the row-major position they give.
    /// </summary>
    private int LowerElementRead(ElementAccessExpressionSyntax access)
    {
        if (this.LowerIndependentRead(access) is { } whole)
        {
            return whole;
        }

        SeparatedSyntaxList<ArgumentSyntax> arguments = access.ArgumentList.Arguments;
        if (arguments.Count > 2)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The element read '" + access + "' of a tensor of rank " + arguments.Count + ",", SupportedElementReads);
            return Poison;
        }

        int source = this.Lower(access.Expression);
        if (source == Poison)
        {
            return Poison;
        }

        Node tensor = this.graph[source];
        if (this.IsTensorLocalRead(source))
        {
            return this.LowerTensorLocalElement(access, source);
        }

        if (tensor.Op != Op.Parameter)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The element read '" + access + "' of a computed value", SupportedElementReads + "; compute on the elements read");
            return Poison;
        }

        int parameter = tensor.Parameter;
        int rank = arguments.Count;
        int position = Poison;
        for (int axis = 0; axis < rank; axis++)
        {
            int index = this.ElementIndex(arguments[axis].Expression, source, axis);
            if (index == Poison)
            {
                return Poison;
            }

            int check = this.graph.Add(new Node(Op.Index, EquatableArray.Create(index), -1, Value: rank, Parameter: parameter, Type: ScalarType.Long, Bits: axis));

            // Row-major: the row's index times the row length, plus the column's (the length read after the row is checked).
            position = axis == 0 ? check : this.graph.Make(Op.Add, this.graph.Make(Op.Multiply, position, this.LengthOf(source, axis, access)), check);
        }

        return this.graph.Add(new Node(Op.Element, EquatableArray.Create(source, position), -1, Parameter: parameter));
    }

    /// <summary>An index as a <c>long</c> (C#'s <c>nint</c>): an integer, or <c>^k</c>, the length along the axis minus k.</summary>
    private int ElementIndex(ExpressionSyntax syntax, int tensor, int axis)
    {
        bool hat = syntax is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression };
        ExpressionSyntax operand = hat ? ((PrefixUnaryExpressionSyntax)syntax).Operand : syntax;
        int value = this.Lower(operand);
        if (value == Poison)
        {
            return Poison;
        }

        if (this.graph[value].IsTensor || !this.graph[value].Type.IsInteger())
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, syntax, "The index '" + syntax + "'", SupportedElementReads);
            return Poison;
        }

        int index = this.graph.Convert(value, ScalarType.Long, Overflow.Default);
        return hat ? this.graph.Make(Op.Subtract, this.LengthOf(tensor, axis, syntax), index) : index;
    }
}
