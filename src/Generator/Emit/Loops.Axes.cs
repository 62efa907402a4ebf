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
            string result = this.slotNames[pass.Result];
            w.Line("// " + result + " = " + pass.Text + ", on the axis kernels (operand read in place)");
            string? rows = this.RowOffset(w, pass.Operand);
            w.Line(Kernels + "LoopAxes.Compute<" + this.emitter.t + ">(" + this.OperandElements(pass.Operand, this.ProductValues(pass.Operand), rows) + ", " + this.LoopShapeName(pass.Operand.Shape) + ", "
                + pass.Axis.ToString(CultureInfo.InvariantCulture) + ", " + Kernels + "AxisFunction." + pass.Function + ", " + Quoted(pass.Text) + ", " + result + ");");
        }

        private void ReverseAxisPass(CodeWriter w, AxisPass pass)
        {
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
