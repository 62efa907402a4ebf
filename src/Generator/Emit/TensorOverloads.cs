using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emit;

/// <summary>
/// The overload over any tensor type, and the attributes of the methods added to the user's type. A method with span
/// overloads also gets one generic over each tensor's type (<c>IReadOnlyTensor</c>, or <c>ITensor</c> for a gradient):
/// a <c>Tensor&lt;T&gt;</c> argument binds to it as itself, where the tensor span overload would convert it to a tensor
/// span, copying its lengths and strides, and every check would read them there again. It checks what the tensor span
/// overload checks, through <c>ShapeGuard&lt;T&gt;</c>, and the span overload computes. An array binds to the span
/// overload and never to it (an array is no tensor), so a call mixing tensors with arrays binds as it did. A method
/// with an overload gets none: its overload in another element type would get one of the same signature.
/// </summary>
internal sealed partial class Emitter
{
    private const string Priority = CompilerServices + "OverloadResolutionPriority(1)";
    private const string AggressiveInlining = CompilerServices + "MethodImpl(" + CompilerServices + "MethodImplOptions.AggressiveInlining)";
    private const string NoInlining = CompilerServices + "MethodImpl(" + CompilerServices + "MethodImplOptions.NoInlining)";

    private string GeneratedCode => CodeDom + "GeneratedCode(\"SymGrad.Generator\", \"" + Version + "\")";

    private string SymbolicGradient => "global::SymGrad.SymbolicGradient(" + SymbolDisplay.FormatLiteral(string.Join("\n", this.plan.GradientDocs), quote: true) + ")";

    /// <summary>A method's attributes, in one list on one line.</summary>
    private static string Attributes(params string[] attributes) => "[" + string.Join(", ", attributes) + "]";

    /// <summary>The checks a tensor span overload calls (<c>ShapeGuard</c>), or the generic overload (<c>ShapeGuard&lt;T&gt;</c>).</summary>
    private string ShapeGuardOf(bool generic) => Kernels + (generic ? "ShapeGuard<" + this.t + ">" : "ShapeGuard");

    /// <summary>
    /// The overload generic over its tensor types, right below the tensor span overload whose documentation it shares.
    /// When every argument is a tensor span the tensor span overload wins (it is not generic); when one is a
    /// <c>Tensor&lt;T&gt;</c> this one does, as no conversion beats a conversion.
    /// </summary>
    private void WriteTensorOverload(CodeWriter w, string name, bool gradients)
    {
        if (this.method.NameIsShared || this.ForwardsGenerically || this.ForwardArguments(gradients, generic: true) is not { } arguments)
        {
            return;
        }

        List<(string Tensor, string Type)> types = this.TypeParameters(gradients);
        string TypeOf(string tensor) => types.First(t => t.Tensor == tensor).Type;
        var parameters = new List<string>();
        var constraints = new List<string>();
        foreach (ParameterModel p in this.method.Parameters)
        {
            parameters.Add(p.IsTensor ? TypeOf(p.Name) + " " + Identifier(p.Name) : Aliased(p.Type) + " " + Identifier(p.Name));
        }

        if (gradients)
        {
            foreach (ParameterModel p in this.method.Parameters.Where(p => p.IsDifferentiable))
            {
                parameters.Add(p.IsTensor ? TypeOf(p.GradientName) + " " + Identifier(p.GradientName) : "out " + this.t + " " + Identifier(p.GradientName));
            }
        }

        foreach ((string tensor, string type) in types)
        {
            string face = this.method.Parameters.Any(p => p.Name == tensor) ? "IReadOnlyTensor" : "ITensor";
            constraints.Add("where " + type + " : " + Tensors + face + "<" + type + ", " + this.t + ">, allows ref struct");
        }

        string body = this.Broadcasts ? this.BroadcastForward(name, gradients, arguments, generic: true) : this.Qualified(name) + "(" + string.Join(", ", arguments) + ")";
        w.Line("/// <inheritdoc cref=\"" + this.Cref(name, gradients) + "\"/>");
        w.Line(gradients ? Attributes(this.GeneratedCode, this.SymbolicGradient, AggressiveInlining) : Attributes(this.GeneratedCode, AggressiveInlining));
        w.Line(this.method.Accessibility + " static " + this.t + " " + name + "<" + string.Join(", ", types.Select(t => t.Type)) + ">(" + string.Join(", ", parameters) + ") " + string.Join(" ", constraints) + " => " + body + ";");
    }

    /// <summary>
    /// A type parameter per tensor and per tensor gradient, in signature order: <c>T</c> and the name capitalized
    /// (<c>TX</c>, <c>TDx</c>), apart from every name the method's signature and type use.
    /// </summary>
    private List<(string Tensor, string Type)> TypeParameters(bool gradients)
    {
        var tensors = this.method.Parameters.Where(p => p.IsTensor).Select(p => p.Name).ToList();
        if (gradients)
        {
            tensors.AddRange(this.method.Parameters.Where(p => p.IsTensor && p.IsDifferentiable).Select(p => p.GradientName));
        }

        // Apart from the members the overloads call by their simple names, too (see Qualified).
        var used = new HashSet<string>(this.taken) { this.method.Name };
        foreach (string member in new[] { "Value", "ValueAndGradient" })
        {
            used.Add(this.method.Name + member);
            used.Add(this.method.Name + member + "Broadcast");
        }

        used.UnionWith(this.method.ContainingTypes.Select(t => t.Name));
        var types = new List<(string Tensor, string Type)>();
        foreach (string tensor in tensors)
        {
            string type = "T" + char.ToUpperInvariant(tensor[0]) + tensor.Substring(1);
            while (!used.Add(type))
            {
                type += "_";
            }

            types.Add((tensor, type));
        }

        return types;
    }
}
