namespace SymGrad.Generator.Frontend;

/// <summary>
/// The general form of a method: its body lowered to regions whatever it holds, as a method with loops is. Every
/// tensor's shape is then worked out when the method is called, so it computes tensors of any rank and operands that
/// broadcast in any direction, which the fused lowering specializes away (a matrix, a rank-3 tensor, two tensors of
/// one shape). A method whose fused lowering refuses its shapes at build time takes it as its only form; a method whose
/// fused form assumes shapes a call may not have calls it where the arguments do not fit (see MethodReader).
/// </summary>
internal sealed partial class BodyLowering
{
    /// <summary>Whether the body is lowered to regions although it has no statement of control flow.</summary>
    public bool LowersToRegions { get; init; }

    /// <summary>
    /// How many axis calls were refused for naming an axis past those of a matrix or a rank-3 tensor: valid for a tensor
    /// of higher rank, which only the general form computes.
    /// </summary>
    public int AxisRefusals { get; private set; }
}
