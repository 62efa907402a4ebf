using System.Collections.Generic;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Autodiff;

/// <summary>What a derivative rule sees: the node, its adjoint, and a way to pass contributions to its operands.</summary>
internal sealed class RuleContext
{
    private readonly Dictionary<int, int> adjoints;
    private readonly bool[] active;

    public RuleContext(GraphBuilder builder, Dictionary<int, int> adjoints, bool[] active)
    {
        this.B = builder;
        this.adjoints = adjoints;
        this.active = active;
    }

    public GraphBuilder B { get; }

    /// <summary>The node being differentiated.</summary>
    public int Output { get; set; }

    /// <summary>Its adjoint, ȳ.</summary>
    public int Adjoint { get; set; }

    public Node Node => this.B[this.Output];

    public int Arg(int index) => this.Node.Args[index];

    public Node ArgNode(int index) => this.B[this.Arg(index)];

    public bool IsActive(int index) => this.Arg(index) < this.active.Length && this.active[this.Arg(index)];

    /// <summary>A constant of operand <paramref name="index"/>'s kind.</summary>
    public int Like(int index, double value)
    {
        Node node = this.ArgNode(index);
        int constant = this.B.Constant(value, node.IsTensor ? ScalarType.Element : node.Type);
        return node.IsTensor ? this.B.Broadcast(constant, node.Domain) : constant;
    }

    /// <summary>Scalar <paramref name="scalar"/>, repeated to operand <paramref name="index"/>'s kind.</summary>
    public int Spread(int scalar, int index)
    {
        Node node = this.ArgNode(index);
        return node.IsTensor ? this.B.Broadcast(scalar, node.Domain) : scalar;
    }

    /// <summary>A tensor contribution summed to a scalar; a scalar one unchanged.</summary>
    public int ReduceToScalar(int value) => this.B[value].IsTensor ? this.B.Make(Op.Sum, value) : value;

    /// <summary>
    /// Rewrites a contribution of the node being differentiated (first argument) to an operand (second) before it is
    /// added: see <see cref="BranchMasks"/>. Null leaves contributions as they are.
    /// </summary>
    public System.Func<int, int, int, int>? Mask { get; set; }

    /// <summary>Adds <paramref name="contribution"/> to operand <paramref name="index"/>'s adjoint, if it is active.</summary>
    public void Accumulate(int index, int contribution)
    {
        if (!this.IsActive(index))
        {
            return;
        }

        int target = this.Arg(index);
        if (this.Mask is { } mask)
        {
            contribution = mask(this.Output, target, contribution);
        }

        if (this.adjoints.TryGetValue(target, out int existing))
        {
            string note = this.B.CurrentNote;
            this.B.CurrentNote = "a value used more than once: its adjoints add up";
            this.adjoints[target] = this.B.Make(Op.Add, existing, contribution);
            this.B.CurrentNote = note;
        }
        else
        {
            this.adjoints[target] = contribution;
        }
    }
}
