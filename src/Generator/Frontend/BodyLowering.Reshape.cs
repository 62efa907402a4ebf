using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// <c>Reshape(x, lengths...)</c> of a dense tensor, as <c>torch.reshape</c>: a view of the same elements in order with
/// new lengths, one of which may be -1. The result is a vector or a matrix whose dimensions are the reshape's lengths
/// (<see cref="Dim.Reshape"/>), worked out and checked when the method is called; its adjoint is the reshape back.
/// </summary>
internal sealed partial class BodyLowering
{
    private const string SupportedReshapes = "reshape a tensor parameter (or an element-wise expression of parameters) to a vector, a matrix or a rank-3 tensor (reduced along axis 0 or its last axis, or whole), such as Reshape(x, -1), Reshape(x, rows, columns), Reshape(x, n, -1) or Reshape(x, a, -1, c), with lengths from constants, int parameters and sizes";

    private readonly Dictionary<(int Node, int Domain), int> reshaped = new();

    /// <summary>Lowers <c>Reshape(x, lengths...)</c> to a view of <c>x</c>'s parameters in a new vector or matrix domain.</summary>
    private int Reshape(InvocationExpressionSyntax invocation)
    {
        SeparatedSyntaxList<ArgumentSyntax> written = invocation.ArgumentList.Arguments;
        if (written.Count < 2 || written.Any(a => a.NameColon is not null))
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "'", SupportedReshapes + ", each length its own argument");
            return Poison;
        }

        IEnumerable<ExpressionSyntax> lengthSyntax = written.Skip(1).Select(a => a.Expression);
        if (written.Count == 2 && written[1].Expression is CollectionExpressionSyntax collection)
        {
            // Reshape(x, [r, c]) spells the same lengths as a collection.
            if (collection.Elements.Any(e => e is not ExpressionElementSyntax))
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "' with a spread of lengths", SupportedReshapes);
                return Poison;
            }

            lengthSyntax = collection.Elements.Cast<ExpressionElementSyntax>().Select(e => e.Expression);
        }

        int operand = this.Lower(written[0].Expression);
        if (operand == Poison || !this.RequireTensor(operand, written[0].Expression, "Reshape"))
        {
            return Poison;
        }

        var lengths = new List<ExtentTerm>();
        foreach (ExpressionSyntax length in lengthSyntax)
        {
            if (this.ReshapeLength(length) is not { } term)
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, length, "The length '" + length + "' of '" + invocation + "'", "pass each length as a constant, -1, an int parameter or a size such as x.Lengths[0]");
                return Poison;
            }

            lengths.Add(term);
        }

        if (this.controlFlow is not null)
        {
            // In a method with loops or branches: a view of any rank, its shape worked out when called.
            return this.LoopReshape(invocation, operand, written[0].Expression, lengths);
        }

        if (lengths.Count is < 1 or > 3)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "', a reshape to rank " + lengths.Count + ",", SupportedReshapes + "; reduce along an axis of the tensor itself, or reshape to at most three lengths");
            return Poison;
        }

        if (lengths.Count(t => t.Parameter < 0 && t.Coefficient == -1) > 1 || lengths.Any(t => t.Parameter < 0 && t.Coefficient < -1))
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "', whose lengths are negative or hold more than one -1,", "give lengths of 0 or more, with at most one -1 for the length inferred from the others");
            return Poison;
        }

        // The elements counted are those of a parameter the operand reads (each one read is checked to have as many).
        if (this.ReshapeSource(operand) is not { } source)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "' of a value computed in a matrix (a product, a reduction, a slice or a broadcast)", SupportedReshapes + "; reshape the parameters before the operation");
            return Poison;
        }

        if (lengths.Count == 3)
        {
            return this.ReshapeToRankThree(invocation, operand, source, lengths);
        }

        EquatableArray<ExtentTerm> spec = lengths.ToEquatableArray();
        Dim Length(int axis) => lengths.Count == 2 && lengths[axis] is { Parameter: < 0, Coefficient: 1 } ? Dim.One : new Dim(source, axis, Reshape: spec);
        int domain = this.Track(lengths.Count == 1 ? this.graph.MatrixDomain(Dim.One, Length(0)) : this.graph.MatrixDomain(Length(0), Length(1)));
        if (lengths.Count == 2 && this.graph.Domains[domain].Rows!.IsOne && this.graph.Domains[domain].Columns!.IsOne)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "', a [1, 1] matrix,", "reduce the tensor to a scalar with Sum(x) instead");
            return Poison;
        }

        return this.ReshapeInto(operand, domain);
    }

    /// <summary>
    /// Whether <paramref name="node"/> is not the vector of <c>Reshape(x, n)</c>, which is kept as a matrix of one row but
    /// has rank 1: reduced along an axis or transposed it would be read as that matrix. Reports where it is, if given.
    /// </summary>
    private bool NotReshapedVector(int node, SyntaxNode? where = null, string instead = "")
    {
        if (node == Poison || this.graph[node].IsScalar || !IsReshapedVector(this.graph.Domains[this.Find(this.graph[node].Domain)]))
        {
            return true;
        }

        if (where is not null)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "'" + where + "' of the vector of a reshape (rank 1)", instead + ": reshape to [rows, columns] instead, such as Reshape(x, 1, -1) or Reshape(x, -1, 1)");
        }

        return false;
    }

    /// <summary>A length of a reshape: a constant (-1 inferred), an int parameter, or a size of a tensor parameter; null otherwise.</summary>
    private ExtentTerm? ReshapeLength(ExpressionSyntax syntax)
    {
        Optional<object?> constant = this.scope.Model.GetConstantValue(syntax, this.cancellationToken);
        if (constant.HasValue)
        {
            return constant.Value is int or long or nint ? new ExtentTerm(-1, -1, System.Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture)) : null;
        }

        int lowered = this.Lower(syntax);
        while (lowered != Poison && this.graph[lowered] is { Op: Op.Convert } convert && this.graph[convert.Args[0]].Type.IsInteger())
        {
            lowered = convert.Args[0];
        }

        return lowered == Poison ? null : this.graph[lowered] switch
        {
            { Op: Op.Parameter, IsScalar: true } p when p.Type.IsInteger() => new ExtentTerm(p.Parameter, -1, 1),
            { Op: Op.Length, Bits: >= 0 } size => new ExtentTerm(size.Parameter, (int)size.Bits, 1),
            _ => null,
        };
    }

    /// <summary>The first tensor parameter <paramref name="node"/> reads as a whole, if it reads only parameters element-wise.</summary>
    private int? ReshapeSource(int node)
    {
        Node n = this.graph[node];
        if (n.IsScalar)
        {
            return null;
        }

        if (n.Op == Op.Parameter || n.IsReshapeView())
        {
            return n.Parameter;
        }

        if (!IsElementwise(n.Op))
        {
            return null;
        }

        int? found = null;
        foreach (int arg in n.Args)
        {
            // A scalar repeated over the operand's shape reads no elements.
            if (this.graph[arg].IsTensor && this.graph[arg].Op != Op.Broadcast)
            {
                if (this.ReshapeSource(arg) is not { } source)
                {
                    return null;
                }

                found ??= source;
            }
        }

        return found;
    }

    private static bool IsElementwise(Op op) => Primitives.Of(op).Kind is PrimitiveKind.Elementwise or PrimitiveKind.Comparison or PrimitiveKind.Logic;

    /// <summary>
    /// Rewrites an element-wise expression of parameters into a reshaped domain: each parameter (or earlier reshape of
    /// one) becomes a view that reads its elements in order with the new lengths.
    /// </summary>
    private int ReshapeInto(int node, int domain)
    {
        if (this.reshaped.TryGetValue((node, domain), out int done))
        {
            return done;
        }

        Node n = this.graph[node];
        int result;
        if (n.IsScalar)
        {
            result = node;
        }
        else if (n.Op == Op.Parameter || n.IsReshapeView())
        {
            int parameter = n.Op == Op.Parameter ? node : n.Args[0];
            result = this.graph.Add(new Node(Op.Expand, EquatableArray.Create(parameter), domain, Parameter: n.Parameter, Bits: OpFacts.ReshapeViewBits));
        }
        else if (n.Op == Op.Broadcast)
        {
            result = this.graph.Broadcast(n.Args[0], domain);
        }
        else
        {
            int[] args = n.Args.Select(a => this.ReshapeInto(a, domain)).ToArray();
            result = this.graph.Add(n with { Args = EquatableArray.Create(args), Domain = domain });
        }

        this.reshaped[(node, domain)] = result;
        return result;
    }
}
