using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Schedule;

namespace SymGrad.Generator.Emit;

/// <summary>
/// Where the body of a span overload is compiled: into each caller, or once, in a method of its own.
/// </summary>
/// <remarks>
/// A call costs a few nanoseconds (the arguments spilled, the callee's frame and saved registers, the loop's count read
/// back from memory), a third of a whole call of <c>Mse</c> on nine elements. A body of one fused loop of a few
/// arithmetic operations is inlined into its callers, as a hand-written loop is. Any other body keeps a method of its
/// own: inlined, its loop drivers and kernels would share the caller's inlining budget, and a kernel, or a vector
/// <c>Log</c> inside one, that the JIT stops inlining costs far more than the call; and where a kernel calls a
/// <c>SimdMath</c> function, that function costs more than the call anyway.
/// </remarks>
internal sealed partial class Emitter
{
    /// <summary>The most operations a kernel inlined into callers computes per element.</summary>
    private const int InlinedKernelOperations = 12;

    /// <summary>
    /// Whether <paramref name="plan"/> is one fused loop with scalars around it (no products, no buffers), whose kernel
    /// is at most <see cref="InlinedKernelOperations"/> operators (<c>+ - * /</c>, negation, squares).
    /// </summary>
    private static bool InlinesIntoCallers(Plan plan)
    {
        var passes = plan.Steps.OfType<PassStep>().ToList();
        if (plan.Buffers.Count > 0 || plan.Steps.Any(s => s is not (ScalarStep or PassStep)) || passes.Count != 1)
        {
            return false;
        }

        // Leaves are loads and constants, and a repeated scalar is one broadcast: none is an operation.
        var operations = passes[0].Body.Select(id => plan.Graph[id].Op).Where(op => op != Op.Broadcast).Select(Primitives.Of).Where(p => p.Kind != PrimitiveKind.Leaf).ToList();
        return operations.Count <= InlinedKernelOperations
            && operations.All(p => p.Emitted is Form.Infix or Form.Prefix or Form.Square or Form.Identity);
    }

    /// <summary>The body's inlining attribute: see <see cref="InlinesIntoCallers"/>.</summary>
    private static string BodyInlining(Plan plan) => InlinesIntoCallers(plan) ? AggressiveInlining : NoInlining;
}
