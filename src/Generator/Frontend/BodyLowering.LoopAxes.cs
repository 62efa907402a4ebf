using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// Reductions along an axis (<c>Sum(x, axis)</c>, <c>Mean</c>, <c>Max</c>, <c>Min</c>, <c>LogSumExp</c>, with or without
/// <c>keepDims</c>), <c>Softmax(x, axis)</c> and <c>LogSoftmax(x, axis)</c> in a method with loops or branches: as a
/// product does (see <see cref="LoopMatMul"/>), each becomes an <see cref="AxisPass"/> region ahead of its statement,
/// on the runtime's axis kernels, into an array of its own that the statement then reads element by element, as it reads
/// a tensor local. Its operand is read in place (a tensor parameter, a tensor local, a product, a block of a matrix
/// parameter's rows) or computed into an array first (element-wise work). The result's shape, PyTorch's for any rank,
/// is worked out when the method is called (see <see cref="LoopShapeKind.Axis"/>), so an axis the operand does not have
/// throws before anything is computed; a Softmax has its operand's shape class.
/// </summary>
internal sealed partial class BodyLowering
{
    private const string LoopAxisUses = "inside loops and branches, reductions along an axis, Softmax and LogSoftmax take tensor parameters, tensor locals, products, element-wise expressions of them, slices of a vector parameter, blocks of a matrix parameter x[a..b, c..d] and transposes; compute anything else in a [Differentiable] method without loops and pass its value in";

    // Whether the expression being lowered goes ahead of its statement whole (a reduction hoisted out of it, or the value
    // of a tensor local's assignment): the regions of a [Differentiable] method it inlines may go there too.
    private bool loweringAhead;

    /// <summary>Whether regions may be added for what is being lowered: in a statement's own expression, or in a callee inlined into one that goes ahead of it.</summary>
    private bool RegionsHere => this.regionParts is not null && (this.expressionInlines == 0 || this.loweringAhead);

    /// <summary>
    /// Lowers <paramref name="name"/> along axis <paramref name="axis"/> (as written) of <c>arguments[0]</c> in a method
    /// with loops or branches: computed ahead of the statement into an array, read as a tensor of the result's run-time
    /// shape.
    /// </summary>
    private int LoopAxisCall(InvocationExpressionSyntax invocation, string name, ExpressionSyntax argument, int node, int axis, bool keepDims)
    {
        string text = OneLine(invocation.ToString());
        if (!this.RegionsHere || this.regionParts is not { } parts)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + text + "' here", "assign it, or a reduction of it, to a local in a statement of its own first");
            return Poison;
        }

        if (this.LoopOperand(node, argument, name, LoopAxisUses) is not { } operand)
        {
            return Poison;
        }

        bool whole = name is "Softmax" or "LogSoftmax";
        // An axis the operand does not have is blamed on the first tensor parameter the operand reads, else on the call.
        var tensorNames = new HashSet<string>(this.parameters.Where(p => p.IsTensor).Select(p => p.Name));
        string blamed = argument.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Select(id => id.Identifier.ValueText).FirstOrDefault(tensorNames.Contains) ?? text;
        this.loopShapes.Add(new LoopShape(LoopShapeKind.Axis, First: operand.Shape, FirstText: text, SecondText: blamed, Axis: axis, KeepDims: keepDims, Function: name));
        int entry = this.loopShapes.Count - 1;
        this.loopShapeTexts[entry] = text;

        // A Softmax has its operand's shape (its entry only checks the axis); a reduction the shape the entry works out.
        int shape = whole ? operand.Shape : entry;
        int domain = this.graph.AddDomain(new Domain(-1) { Shape = shape });
        this.Track(domain);
        this.loopShapeOf[domain] = shape;

        int result = this.NewArraySlot(whole ? "softmax" : "reduced");
        parts.Add(new Block(this.Extract(new[] { this.DomainCount(domain) }), EquatableArray.Create(this.controlFlow!.Slots[result].Length)));
        parts.Add(new ArrayReset(result, text));
        parts.Add(new AxisPass(result, operand, name, axis, operand.Shape, text));
        return this.TensorLocalRead(result, domain);
    }
}
