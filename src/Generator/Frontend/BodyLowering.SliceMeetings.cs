using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// A slice meeting a whole vector element-wise, as in <c>x[1..] - y</c>: the whole vector is read as the slice of itself
/// that drops nothing (<c>y[..]</c>), in the slice's shape class, so the two lengths are checked equal when the method is
/// called, as slices with run-time bounds meeting each other are. The vector keeps its own shape class elsewhere.
/// A slice of one element by its bounds (<c>x[..1]</c>, <c>x[^1..]</c>, <c>x[k..(k + 1)]</c>) meeting another shape is
/// read as that element, a scalar repeated over the other operand, as PyTorch broadcasts a length of 1.
/// </summary>
internal sealed partial class BodyLowering
{
    // Each slice whose bounds always give one element, with its checked start.
    private readonly Dictionary<int, int> oneElementSlices = new();

    /// <summary>A one-element slice meeting a tensor of another shape class, read as its element (a scalar); else the node itself.</summary>
    private int OneElement(int node, int other)
    {
        if (!this.oneElementSlices.TryGetValue(node, out int start) || !this.graph[other].IsTensor || this.Find(this.graph[node].Domain) == this.Find(this.graph[other].Domain))
        {
            return node;
        }

        Node slice = this.graph[node];
        int index = this.graph.Add(new Node(Op.Index, EquatableArray.Create(start), -1, Value: 1, Parameter: slice.Parameter, Type: ScalarType.Long, Bits: 0));
        return this.graph.Add(new Node(Op.Element, EquatableArray.Create(slice.Args[0], index), -1, Parameter: slice.Parameter));
    }

    // Each whole vector read as a slice of itself, with the expression where it met a slice: it must stay a vector.
    private readonly List<(int Parameter, SyntaxNode Where)> wholeSlices = new();

    private readonly Dictionary<(int Node, int Domain), int> resliced = new();

    /// <summary>Rewrites an element-wise expression of whole vectors into the slice domain <paramref name="domain"/>, each vector read whole as a slice.</summary>
    private int Reslice(int node, int domain, SyntaxNode where)
    {
        if (node == Poison)
        {
            return Poison;
        }

        if (this.resliced.TryGetValue((node, domain), out int done))
        {
            return done;
        }

        Node n = this.graph[node];
        int result;
        if (n.IsScalar)
        {
            result = node;
        }
        else if (n.Op == Op.Parameter)
        {
            int start = this.graph.Integer(0, ScalarType.Long);
            result = this.graph.Add(new Node(Op.Slice, EquatableArray.Create(node, start), domain, Value: 0, Parameter: n.Parameter, Bits: 0));
            this.vectorParameters.Add(n.Parameter);
            this.wholeSlices.Add((n.Parameter, where));
        }
        else if (n.Op == Op.Broadcast)
        {
            result = this.graph.Broadcast(n.Args[0], domain);
        }
        else if (Primitives.Of(n.Op).Kind is PrimitiveKind.Elementwise or PrimitiveKind.Comparison)
        {
            int[] args = n.Args.Select(a => this.Reslice(a, domain, where)).ToArray();
            if (args.Contains(Poison))
            {
                return Poison;
            }

            result = this.graph.Add(n with { Args = EquatableArray.Create(args), Domain = domain });
        }
        else
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "'" + where + "', where a slice meets " + Primitives.Of(n.Op).Name + " of a whole vector,", "meet the slice with the vector's elements or an element-wise expression of them (x[1..] - y, x[1..] * Exp(y)), or slice the other operand too");
            return Poison;
        }

        this.resliced[(node, domain)] = result;
        return result;
    }

    /// <summary>Refuses a whole vector read as a slice that the body also uses as a matrix or a rank-3 tensor: it cannot be both.</summary>
    private void CheckWholeSlices()
    {
        foreach ((int parameter, SyntaxNode where) in this.wholeSlices)
        {
            if (this.shapes.MatrixParameters.Contains(parameter) || this.RankThreeParameters.Contains(parameter))
            {
                string name = this.parameters[parameter].Name;
                this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "'" + where + "', where a slice meets '" + name + "', which is also used as a matrix,", "a slice meets whole vectors only; slice '" + name + "' as a matrix (" + name + "[1.., ..]) or keep it a vector");
                return;
            }
        }
    }
}
