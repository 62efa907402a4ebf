using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// <c>CrossEntropy(logits, labels)</c> (class indices, a [NoGrad] int span, array or tensor parameter, or probabilities
/// of the logits' shape) and <c>BinaryCrossEntropyWithLogits(z, y)</c> in a method with loops or branches: as a reduction
/// along an axis does (see <see cref="LoopAxisCall"/>), each becomes an <see cref="AxisPass"/> region ahead of its
/// statement, on the runtime's loss kernels (the eager TensorMath code, which checks labels and shapes as the method
/// throws as written), into an array of one element that the statement reads. Its operands are read in place (tensor
/// parameters, tensor locals, products, blocks of rows of a matrix parameter) or computed into an array first.
/// </summary>
internal sealed partial class BodyLowering
{
    private const string LoopLossUses = "inside loops and branches, CrossEntropy and BinaryCrossEntropyWithLogits take tensor parameters, tensor locals, products, element-wise expressions of them and blocks of rows of a matrix parameter x[a..b, ..], and CrossEntropy's class indices as a [NoGrad] ReadOnlySpan<int>, ReadOnlyTensorSpan<int>, Tensor<int> or int[] parameter; compute the rest in a [Differentiable] method without loops and pass its value in";

    /// <summary>
    /// Lowers <paramref name="function"/> (<c>CrossEntropy</c> or <c>BinaryCrossEntropyWithLogits</c>) of
    /// <paramref name="arguments"/> in a method with loops or branches: computed ahead of the statement into an array of
    /// one element, read as a scalar.
    /// </summary>
    private int LoopLoss(InvocationExpressionSyntax invocation, string function, List<ExpressionSyntax?> arguments)
    {
        string text = OneLine(invocation.ToString());
        if (!this.RegionsHere || this.regionParts is not { } parts)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + text + "' here", "assign it to a local in a statement of its own first");
            return Poison;
        }

        if (arguments[0] is not { } first || arguments[1] is not { } target)
        {
            return Poison;
        }

        if (this.LoopOperand(this.Lower(first), first, function, LoopLossUses) is not { } logits)
        {
            return Poison;
        }

        int labels = -1;
        ProductOperand? second = null;
        if (function == "CrossEntropy" && target is IdentifierNameSyntax identifier && this.scope.Model.GetSymbolInfo(identifier, this.cancellationToken).Symbol is IParameterSymbol parameter
            && this.labelParameters.TryGetValue(parameter.OriginalDefinition, out int index))
        {
            // Class indices: the parameter's own int array slot, read whole by the pass.
            labels = index;
        }
        else if (function == "CrossEntropy" && TypeFacts.IsIntLabels(this.scope.Model.GetTypeInfo(target, this.cancellationToken).Type))
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, target, "Labels computed in the body ('" + target + "')", "pass the labels as a [NoGrad] ReadOnlyTensorSpan<int> or ReadOnlySpan<int> parameter");
            return Poison;
        }
        else if (this.scope.Model.GetTypeInfo(target, this.cancellationToken).Type is { } targetType && !TypeFacts.IsTensor(targetType) && targetType.TypeKind != TypeKind.Error)
        {
            this.Report(
                DiagnosticDescriptors.UnsupportedExpression,
                target,
                function + "'s targets as '" + targetType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "' ('" + target + "')",
                function == "CrossEntropy"
                    ? "pass class indices as a [NoGrad] ReadOnlyTensorSpan<int>, ReadOnlySpan<int>, Tensor<int> or int[] parameter, or probabilities as a tensor of the logits' shape"
                    : "pass targets as a tensor of the logits' shape");
            return Poison;
        }
        else if ((second = this.LoopOperand(this.Lower(target), target, function, LoopLossUses)) is null)
        {
            return Poison;
        }

        int result = this.NewArraySlot("loss");
        parts.Add(new Block(this.Extract(new[] { this.graph.Integer(1, ScalarType.Int) }), EquatableArray.Create(this.controlFlow!.Slots[result].Length)));
        parts.Add(new ArrayReset(result, text));
        parts.Add(new AxisPass(result, logits, function, 0, logits.Shape, text, second, labels));
        return this.ArrayElement(result, this.graph.Integer(0, ScalarType.Int));
    }
}
