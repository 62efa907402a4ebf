using SymGrad.Generator.IR;

namespace SymGrad.Generator.Autodiff;

/// <summary>
/// The reverse-mode rules, one per primitive, kept in the primitive's row of <see cref="Primitives"/>: given a node
/// <c>y</c> and its adjoint <c>ȳ</c>, a rule adds each active operand's contribution. <c>u</c>, <c>v</c> are the
/// operands. The text is what the generated code prints beside each adjoint line.
/// </summary>
internal static class DerivativeRules
{
    public sealed record Rule(string Text, System.Action<RuleContext> Apply);

    public static Rule? For(Op op) => Primitives.Of(op).Rule;

    /// <summary>Whether a derivative never flows through <paramref name="op"/> (leaves and piecewise-constant ops).</summary>
    public static bool IsInactive(Op op) => Primitives.Of(op).Inactive;
}
