using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// <c>Reshape(x, lengths...)</c> in a method with loops or branches: a view of the same elements in order with a shape
/// of its own (see <see cref="LoopShapeKind.Reshape"/>), worked out when the method is called from lengths made of
/// constants, -1, int parameters and sizes, and checked where the statement runs, as TensorMath.Reshape checks it there.
/// A tensor parameter or a tensor local is read in place, with no copy; element-wise work is computed into an array
/// first. The reshape then takes part in element-wise work, reductions, axis passes and products as any tensor does.
/// </summary>
internal sealed partial class BodyLowering
{
    private const string LoopReshapeUses = "inside loops and branches, Reshape takes tensor parameters, tensor locals, products and element-wise expressions of them, with lengths from constants, -1, int parameters and sizes such as x.Lengths[1]; reshape a slice or a block of rows in a [Differentiable] method without loops and pass its value in";

    /// <summary>Lowers <c>Reshape(argument, lengths)</c> (<paramref name="node"/> the operand lowered) in a method with loops or branches.</summary>
    private int LoopReshape(InvocationExpressionSyntax invocation, int node, ExpressionSyntax argument, List<ExtentTerm> lengths)
    {
        string text = OneLine(invocation.ToString());
        if (!this.RegionsHere || this.regionParts is not { } parts)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + text + "' here", "assign it, or a reduction of it, to a local in a statement of its own first");
            return Poison;
        }

        if (lengths.Count is < 1 or > 8)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + text + "', a reshape to rank " + lengths.Count + ",", "reshape to between one and eight lengths");
            return Poison;
        }

        // A length read from an int parameter is its value when the method is called: one the body assigns is refused.
        foreach (ExtentTerm term in lengths.Where(t => t.Parameter >= 0 && t.Axis < 0))
        {
            if (term.Parameter >= this.root.Parameters.Length || this.AssignsParameter(term.Parameter))
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "A length of '" + text + "' that the body changes", "pass each length as a constant, -1, an int parameter the body does not assign, or a size such as x.Lengths[0]");
                return Poison;
            }
        }

        if (this.LoopOperand(node, argument, "Reshape", LoopReshapeUses) is not { } operand)
        {
            return Poison;
        }

        if (operand.IsRowBlock || operand.Transposed)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, argument, "The operand '" + OneLine(argument.ToString()) + "' of Reshape, a block of rows, in a method with loops or branches,", LoopReshapeUses);
            return Poison;
        }

        this.loopShapes.Add(new LoopShape(LoopShapeKind.Reshape, First: operand.Shape, FirstText: text, Terms: lengths.ToEquatableArray()));
        int entry = this.loopShapes.Count - 1;
        this.loopShapeTexts[entry] = text;
        parts.Add(new ShapeTest(entry));

        int domain = this.graph.AddDomain(new Domain(-1) { Shape = entry });
        this.Track(domain);
        this.loopShapeOf[domain] = entry;

        // The same elements in the same order: the parameter read in the new shape, or the array read so.
        return operand.Array >= 0 ? this.TensorLocalRead(operand.Array, domain) : this.graph.Add(this.graph[node] with { Domain = domain });
    }

    /// <summary>Whether the body assigns parameter <paramref name="parameter"/> (<c>=</c>, a compound assignment, <c>++</c>, <c>--</c>, or a ref or out argument).</summary>
    private bool AssignsParameter(int parameter)
    {
        string name = this.parameters[parameter].Name;
        return this.root.DeclaringSyntaxReferences.Select(r => r.GetSyntax(this.cancellationToken)).SelectMany(s => s.DescendantNodes()).OfType<IdentifierNameSyntax>().Any(use =>
            use.Identifier.ValueText == name
            && (use.Parent is AssignmentExpressionSyntax assignment && assignment.Left == use
                || use.Parent is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }
                || use.Parent is PostfixUnaryExpressionSyntax
                || use.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None }));
    }
}
