using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Emit;

/// <summary>
/// Reductions along an axis, Softmax and LogSoftmax in a method with loops or branches (see <see cref="AxisPass"/>): the
/// forward sweep writes each into its array on the runtime's axis kernels (the eager TensorMath code), reading its operand
/// in place; the reverse sweep adds the operand's adjoint by the function's rule, from the operand and the result.
/// </summary>
internal sealed partial class Emitter
{
    private sealed partial class StructuredWriter
    {
        private static IEnumerable<AxisPass> AxisPasses(Region region) => region switch
        {
            AxisPass pass => new[] { pass },
            Sequence sequence => sequence.Parts.SelectMany(AxisPasses),
            Branch branch => AxisPasses(branch.Then).Concat(AxisPasses(branch.Else)),
            Guard guard => AxisPasses(guard.Body),
            Exit exit => AxisPasses(exit.Body),
            Loop loop => AxisPasses(loop.Body).Concat(loop.Step is { } step ? AxisPasses(step) : Enumerable.Empty<AxisPass>()),
            _ => Enumerable.Empty<AxisPass>(),
        };

        private void ForwardAxisPass(CodeWriter w, AxisPass pass)
        {
            if (pass.IsLoss)
            {
                this.ForwardLoss(w, pass);
                return;
            }

            string result = this.slotNames[pass.Result];
            w.Line("// " + result + " = " + pass.Text + ", on the axis kernels (operand read in place)");
            string? rows = this.RowOffset(w, pass.Operand);
            w.Line(Kernels + "LoopAxes.Compute<" + this.emitter.t + ">(" + this.OperandElements(pass.Operand, this.ProductValues(pass.Operand), rows) + ", " + this.LoopShapeName(pass.Operand.Shape) + ", "
                + pass.Axis.ToString(CultureInfo.InvariantCulture) + ", " + Kernels + "AxisFunction." + pass.Function + ", " + Quoted(pass.Text) + ", " + result + ");");
        }

        private void ReverseAxisPass(CodeWriter w, AxisPass pass)
        {
            if (pass.IsLoss)
            {
                this.ReverseLoss(w, pass);
                return;
            }

            string? adjoint = this.ProductAdjoint(pass.Operand);
            if (!this.HasAdjoints(pass.Result) || adjoint is null)
            {
                return;
            }

            w.Line("// " + this.slotNames[pass.Result] + " = " + pass.Text + ", backwards: " + Rule(pass.Function) + " added to the operand's adjoint");
            string? rows = this.RowOffset(w, pass.Operand);
            w.Line(Kernels + "LoopAxes.AddAdjoint<" + this.emitter.t + ">(" + this.OperandElements(pass.Operand, this.ProductValues(pass.Operand), rows) + ", " + this.LoopShapeName(pass.Operand.Shape) + ", "
                + pass.Axis.ToString(CultureInfo.InvariantCulture) + ", " + Kernels + "AxisFunction." + pass.Function + ", " + Quoted(pass.Text) + ", "
                + this.slotNames[pass.Result] + ", " + this.adjointNames[pass.Result] + ", " + this.OperandElements(pass.Operand, adjoint, rows) + ");");
        }

        /// <summary>A loss's forward sweep: its checks and its value, on the eager code, into element 0 of its array.</summary>
        private void ForwardLoss(CodeWriter w, AxisPass pass)
        {
            string result = this.slotNames[pass.Result];
            w.Line("// " + result + "[0] = " + pass.Text + ", on the loss kernels (operands read in place, labels and shapes checked as TensorMath checks them)");
            string logits = this.OperandElements(pass.Operand, this.ProductValues(pass.Operand), this.RowOffset(w, pass.Operand));
            string shape = this.LoopShapeName(pass.Operand.Shape);
            string call = Kernels + "LoopLosses." + pass.Function + "<" + this.emitter.t + ">(" + logits + ", " + shape + ", ";
            if (pass.Labels >= 0)
            {
                w.Line(call + this.LabelsArgument(pass.Labels) + ", " + result + ");");
                return;
            }

            ProductOperand second = pass.Second!;
            string targets = this.OperandElements(second, this.ProductValues(second), this.RowOffset(w, second));
            w.Line(call + targets + ", " + this.LoopShapeName(second.Shape) + ", " + result + ");");
        }

        /// <summary>A loss's reverse sweep: each operand's adjoint, where it has one, by PyTorch's rules, from the operands as they were.</summary>
        private void ReverseLoss(CodeWriter w, AxisPass pass)
        {
            string? logitsAdjoint = this.ProductAdjoint(pass.Operand);
            string? targetsAdjoint = pass.Second is { } other ? this.ProductAdjoint(other) : null;
            if (!this.HasAdjoints(pass.Result) || (logitsAdjoint is null && targetsAdjoint is null))
            {
                return;
            }

            string t = this.emitter.t;
            string adjoint = this.adjointNames[pass.Result] + "[0]";
            w.Line("// " + this.slotNames[pass.Result] + "[0] = " + pass.Text + ", backwards: " + (pass.Function == "CrossEntropy" ? "ȳ (softmax - target) / N" : "ȳ (sigmoid(z) - y) / n") + " added to the logits' adjoint");
            string? rows = this.RowOffset(w, pass.Operand);
            string logits = this.OperandElements(pass.Operand, this.ProductValues(pass.Operand), rows);
            string shape = this.LoopShapeName(pass.Operand.Shape);
            string losses = Kernels + "LoopLosses.";
            if (pass.Labels >= 0)
            {
                w.Line(losses + "AddCrossEntropyAdjoint<" + t + ">(" + logits + ", " + shape + ", " + this.LabelsArgument(pass.Labels) + ", " + adjoint + ", " + this.OperandElements(pass.Operand, logitsAdjoint!, rows) + ");");
                return;
            }

            ProductOperand second = pass.Second!;
            string? secondRows = this.RowOffset(w, second);
            string targets = this.OperandElements(second, this.ProductValues(second), secondRows);
            bool crossEntropy = pass.Function == "CrossEntropy";
            if (logitsAdjoint is not null)
            {
                w.Line(crossEntropy
                    ? losses + "AddCrossEntropyLogitsAdjoint<" + t + ">(" + logits + ", " + shape + ", " + targets + ", " + adjoint + ", " + this.OperandElements(pass.Operand, logitsAdjoint, rows) + ");"
                    : losses + "AddBinaryCrossEntropyLogitsAdjoint<" + t + ">(" + logits + ", " + targets + ", " + adjoint + ", " + this.OperandElements(pass.Operand, logitsAdjoint, rows) + ");");
            }

            if (targetsAdjoint is not null)
            {
                w.Line(crossEntropy
                    ? losses + "AddCrossEntropyTargetAdjoint<" + t + ">(" + logits + ", " + shape + ", " + adjoint + ", " + this.OperandElements(second, targetsAdjoint, secondRows) + ");"
                    : losses + "AddBinaryCrossEntropyTargetAdjoint<" + t + ">(" + logits + ", " + adjoint + ", " + this.OperandElements(second, targetsAdjoint, secondRows) + ");");
            }
        }

        /// <summary>Int labels parameter slot <paramref name="slot"/> as the loss kernels take it: a span, or an int tensor span.</summary>
        private string LabelsArgument(int slot)
        {
            var parameter = this.emitter.method.Parameters[this.body.Slots[slot].Parameter];
            bool tensor = parameter.Type.Contains("TensorSpan<") || parameter.Type.Contains("Tensor<");
            return (tensor ? "(global::System.Numerics.Tensors.ReadOnlyTensorSpan<int>)" : "(global::System.ReadOnlySpan<int>)") + Identifier(parameter.Name);
        }

        private static string Rule(string function) => function switch
        {
            "Sum" => "ȳ repeated along the axis",
            "Mean" => "ȳ / n repeated along the axis",
            "Max" or "Min" => "ȳ shared evenly among the elements equal to y",
            "LogSumExp" => "exp(x - y) ȳ",
            "Softmax" => "y (ȳ - Sum(y ȳ))",
            _ => "ȳ - exp(y) Sum(ȳ)",
        };
    }
}
