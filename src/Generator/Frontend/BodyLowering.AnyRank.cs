using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// The rank-3 form of a method whose body reduces tensor parameters along axes without showing their rank (axes 0, 1,
/// -1 or -2 only, no size read): lowered a second time with every such parameter read as a rank-3 tensor, it computes
/// a tensor of any rank 3 or more through the rank-3 view the axes fold it onto (see <c>ShapeGuard.AnyRankSplit</c>).
/// A matrix is still computed by the method's matrix form, unchanged.
/// </summary>
internal sealed partial class BodyLowering
{
    /// <summary>The axes written in the reductions, softmaxes and log-softmaxes of rank-3 tensors, in order, once each.</summary>
    private readonly List<int> rankThreeAxes = new();

    /// <summary>The parameters read in order as the results of a reduction along the last axis of a rank-3 parameter, with that parameter.</summary>
    private readonly List<(int Parameter, int Source)> leadingAxes = new();

    /// <summary>Whether the body does something with a rank-3 tensor that a fold of a tensor of higher rank would not compute as written.</summary>
    private bool notForAnyRank;

    /// <summary>
    /// Whether every tensor parameter the body reduces along an axis is read as a rank-3 tensor (the method's rank-3
    /// form), whatever the axis.
    /// </summary>
    public bool AssumeRankThree { get; init; }

    /// <summary>The axes written in the rank-3 form's axis work.</summary>
    public IReadOnlyList<int> RankThreeAxes => this.rankThreeAxes;

    /// <summary>The parameters meeting a reduction along the last axis of a rank-3 parameter, with that parameter.</summary>
    public IReadOnlyList<(int Parameter, int Source)> LeadingAxes => this.leadingAxes;

    /// <summary>
    /// Whether the rank-3 form computes a tensor of rank 3 or more through a fold as PyTorch would: no reduction of a
    /// reduction (whose axes count from the reduced rank), no reshape to rank 3, no size read.
    /// </summary>
    public bool FoldsAnyRank(Graph graph) => !this.notForAnyRank && this.reshapedToRankThree.Count == 0 && this.rankThreeAxes.Count > 0
        && !graph.Nodes.Any(n => n.Op == Op.Length);

    /// <summary>The parameters each axis call of the rank-3 form reads element-wise, once each set.</summary>
    private readonly List<int[]> axisOperands = new();

    /// <summary>Whether an axis call of the rank-3 form reads a value that is not an element-wise expression of parameters.</summary>
    private bool axisOfComputedValue;

    /// <summary>The parameters each axis call reads element-wise; null where one reads another value (then no parameter is broadcast).</summary>
    public IReadOnlyList<int[]>? AxisOperands => this.axisOfComputedValue ? null : this.axisOperands;

    private void NoteAxisOperand(int operand)
    {
        if (!this.InParameterShape(operand, out List<int> read) || read.Count == 0)
        {
            this.axisOfComputedValue = true;
            return;
        }

        if (!this.axisOperands.Any(r => r.SequenceEqual(read)))
        {
            this.axisOperands.Add(read.ToArray());
        }
    }

    private void NoteRankThreeAxis(int written)
    {
        if (!this.rankThreeAxes.Contains(written))
        {
            this.rankThreeAxes.Add(written);
        }
    }
}
