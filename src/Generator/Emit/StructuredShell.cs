using System.Linq;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emit;

/// <summary>
/// The public methods of a method with loops and branches. Its regions read tensors as <c>ReadOnlyTensorSpan&lt;T&gt;</c>:
/// a method that takes a <c>Tensor&lt;T&gt;</c> gets the shell of a straight-line method (<see cref="WriteShell"/>), which
/// checks the tensor for null and passes it on as a tensor span, so the regions are written once for both kinds.
/// </summary>
internal sealed partial class Emitter
{
    private bool TakesTensorClass => this.method.Parameters.Any(p => p.Kind == ParameterKind.Tensor);

    private void OpenStructured(CodeWriter w, string name, bool gradients)
    {
        if (this.TakesTensorClass)
        {
            this.WriteShell(w, name, gradients, this.GeneratedCode);
            return;
        }

        w.Line(Attributes(this.GeneratedCode));
        w.Open(this.method.Accessibility + " static " + this.t + " " + name + "(" + this.Signature(gradients) + ")");
    }

    private void CloseStructured(CodeWriter w)
    {
        if (this.TakesTensorClass)
        {
            this.CloseShell(w);
            return;
        }

        w.Close();
    }
}
