using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>Shapes: alignment and broadcasting of operands, matrix products, canonical domains, over the shape classes of <see cref="Shapes.ShapeClasses"/>.</summary>
internal sealed partial class BodyLowering
{
    /// <summary>
    /// Brings two operands to one kind: a scalar meeting a tensor is broadcast; two parameter shapes share a domain;
    /// a parameter shape meeting a matrix is expanded into it (as the same matrix, or a repeated bias).
    /// </summary>
    private (int Left, int Right) Align(int left, int right, SyntaxNode where)
    {
        (left, right) = (this.OneElement(left, right), this.OneElement(right, left));
        if (this.graph[left].IsTensor && this.graph[right].IsTensor && !this.AlignRankThree(ref left, ref right, where))
        {
            return (Poison, Poison);
        }

        Node l = this.graph[left];
        Node r = this.graph[right];
        if (l.IsTensor && r.IsTensor)
        {
            int a = this.Find(l.Domain);
            int b = this.Find(r.Domain);
            bool aMatrix = this.graph.Domains[a].IsMatrix;
            bool bMatrix = this.graph.Domains[b].IsMatrix;
            if (a == b)
            {
                return (left, right);
            }

            if (aMatrix && bMatrix && this.shapes.Stretches(a, b))
            {
                return this.BroadcastMatrices(left, right, a, b, where);
            }

            if (aMatrix != bMatrix && this.graph.Domains[aMatrix ? b : a].IsSlice)
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "'" + where + "', where a slice of a vector meets a matrix,", "meet a slice with whole vectors, other slices, scalars and reductions, or slice the matrix along its axes (m[1.., ..])");
                return (Poison, Poison);
            }

            if (aMatrix && !bMatrix)
            {
                return (left, this.Expand(right, a));
            }

            if (bMatrix && !aMatrix)
            {
                return (this.Expand(left, b), right);
            }

            if (this.graph.Domains[a].IsSlice != this.graph.Domains[b].IsSlice)
            {
                // A slice meeting a whole vector: the vector is read whole in the slice's shape, its length checked equal.
                (left, right) = this.graph.Domains[a].IsSlice ? (left, this.Reslice(right, a, where)) : (this.Reslice(left, b, where), right);
                return left == Poison || right == Poison ? (Poison, Poison) : (left, right);
            }

            if (this.AlignInLoops(ref left, ref right, a, b, where))
            {
                return (left, right);
            }

            this.shapes.Unify(a, b, leftLead: true);
        }
        else if (l.IsTensor)
        {
            right = this.graph.Broadcast(right, l.Domain);
        }
        else if (r.IsTensor)
        {
            left = this.graph.Broadcast(left, r.Domain);
        }

        return (left, right);
    }

    /// <summary>
    /// Two matrices broadcast by NumPy's rules (see <see cref="Shapes.ShapeClasses.Broadcast"/>): each operand with a
    /// stretched dimension is read repeated along it.
    /// </summary>
    private (int Left, int Right) BroadcastMatrices(int left, int right, int a, int b, SyntaxNode where)
    {
        if (this.shapes.Broadcast(a, b) is not { } broadcast)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "'" + where + "', where a [1, 1] matrix meets a larger one,", "reduce the [1, 1] operand to a scalar with Sum(x) first");
            return (Poison, Poison);
        }

        return (this.graph.Stretch(left, broadcast.LeftAxis, broadcast.Domain), this.graph.Stretch(right, broadcast.RightAxis, broadcast.Domain));
    }

    /// <summary>Rewrites an element-wise expression of parameter shapes into a matrix domain, expanding its parameters.</summary>
    private int Expand(int node, int domain)
    {
        if (this.expanded.TryGetValue((node, domain), out int done))
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
            result = this.graph.Add(new Node(Op.Expand, EquatableArray.Create(node), domain, Parameter: n.Parameter));
        }
        else if (n.Op == Op.Broadcast)
        {
            result = this.graph.Broadcast(n.Args[0], domain);
        }
        else
        {
            int[] args = n.Args.Select(a => this.Expand(a, domain)).ToArray();
            result = this.graph.Add(n with { Args = EquatableArray.Create(args), Domain = domain });
        }

        this.expanded[(node, domain)] = result;
        return result;
    }

    private int NewDomain(int parameter) => this.shapes.NewDomain(parameter);

    private int Track(int domain) => this.shapes.Track(domain);

    private int Find(int domain) => this.shapes.Find(domain);

    private void Unify(int a, int b) => this.shapes.Unify(a, b);

    private Dim FindDim(Dim dim) => this.shapes.FindDim(dim);

    private void UnifyDims(Dim a, Dim b) => this.shapes.UnifyDims(a, b);

    /// <summary>
    /// The rows and columns of a tensor node; a parameter's shape used as a matrix becomes one, which must have rank 2
    /// unless <paramref name="strict"/> is false (an operand of a product, see <see cref="NoteProductOperand"/>).
    /// </summary>
    private (Dim Rows, Dim Columns) MatrixDims(int node, bool strict = true)
    {
        int root = this.Find(this.graph[node].Domain);
        Domain domain = this.graph.Domains[root];
        if (domain.IsMatrix)
        {
            return (this.FindDim(domain.Rows!), this.FindDim(domain.Columns!));
        }

        int parameter = this.shapes.Lead(root);
        this.shapes.MatrixParameters.Add(parameter);
        if (strict)
        {
            this.strictMatrices.Add(parameter);
        }

        var rows = new Dim(parameter, 0);
        var columns = new Dim(parameter, 1);
        this.Unify(this.Track(this.graph.MatrixDomain(rows, columns)), root);
        return (this.FindDim(rows), this.FindDim(columns));
    }

    private int MatMul(int a, int b, List<ExpressionSyntax?> arguments)
    {
        if (a == Poison || b == Poison || !this.RequireTensor(a, arguments[0], "MatMul") | !this.RequireTensor(b, arguments[1], "MatMul"))
        {
            return Poison;
        }

        for (int side = 0; side < 2; side++)
        {
            if (!this.NotFolded(side == 0 ? a : b, arguments[side]!, "an operand of MatMul"))
            {
                return Poison;
            }

            if (this.IsAxisVector(side == 0 ? a : b))
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, arguments[side]!, "'" + arguments[side] + "', a vector made by a reduction along an axis, as an operand of MatMul", "pass keepDims: true to the reduction, which gives a [rows, 1] column or a [1, columns] row, and multiply by that matrix");
                return Poison;
            }
        }

        // A transposed operand becomes a flag of the product rather than a copy.
        int flags = 0;
        if (this.graph[a].Op == Op.Transpose)
        {
            a = this.graph[a].Args[0];
            flags |= 1;
        }

        if (this.graph[b].Op == Op.Transpose)
        {
            b = this.graph[b].Args[0];
            flags |= 2;
        }

        this.NoteProductOperand(a, column: false, transposed: (flags & 1) != 0);
        this.NoteProductOperand(b, column: true, transposed: (flags & 2) != 0);
        (Dim aRows, Dim aColumns) = this.MatrixDims(a);
        (Dim bRows, Dim bColumns) = this.MatrixDims(b);
        this.UnifyDims((flags & 1) != 0 ? aRows : aColumns, (flags & 2) != 0 ? bColumns : bRows);
        Dim rows = this.FindDim((flags & 1) != 0 ? aColumns : aRows);
        Dim columns = this.FindDim((flags & 2) != 0 ? bRows : bColumns);
        int domain = this.Track(this.graph.MatrixDomain(rows, columns));
        return this.graph.Add(new Node(Op.MatMul, EquatableArray.Create(a, b), domain, Parameter: flags));
    }

    private int Transpose(int a)
    {
        (Dim rows, Dim columns) = this.MatrixDims(a);
        int domain = this.Track(this.graph.MatrixDomain(columns, rows));
        return this.graph.Add(new Node(Op.Transpose, EquatableArray.Create(a), domain));
    }

    private bool RequireTensor(int node, SyntaxNode? syntax, string construct)
    {
        if (node == Poison || this.graph[node].IsTensor)
        {
            return true;
        }

        this.Report(DiagnosticDescriptors.OperandKindMismatch, syntax!, construct, "a matrix", syntax?.ToString() ?? string.Empty, "a scalar", "pass a rank-2 tensor");
        return false;
    }

    /// <summary>Rewrites the graph so each shape class is one domain, with canonical dimensions, and only what the result needs remains.</summary>
    private Output Canonicalize(int result)
    {
        var domains = new List<Domain>();
        var compact = new Dictionary<int, int>();
        for (int domain = 0; domain < this.graph.Domains.Count; domain++)
        {
            int root = this.Find(domain);
            Domain canonical = this.graph.Domains[root];
            if (canonical.IsMatrix)
            {
                canonical = Domain.Matrix(this.FindDim(canonical.Rows!), this.FindDim(canonical.Columns!));
            }

            int index = domains.IndexOf(canonical);
            if (index < 0)
            {
                domains.Add(canonical);
                index = domains.Count - 1;
            }

            compact[domain] = index;
        }

        EquatableArray<VectorOperand> vectorOperands = this.VectorOperands();
        Dictionary<int, int> rowOperands = this.RowOperands(domains, compact, vectorOperands);
        Dictionary<int, long> spans = this.RowOperandSpans(rowOperands, compact, domains, result);
        var builder = new GraphBuilder(domains);
        var map = new int[this.graph.Count];
        for (int i = 0; i < this.graph.Count; i++)
        {
            Node node = this.graph[i];
            int[] args = node.Args.Select(a => map[a]).ToArray();
            int domain = node.Domain < 0 ? -1 : compact[node.Domain];
            int parameter = node.Op == Op.Count ? compact[node.Parameter] : node.Parameter;
            if (node.Op == Op.Parameter && rowOperands.TryGetValue(node.Parameter, out int own))
            {
                // In its own shape, and read in its matrix class as that matrix or a repeated row.
                map[i] = builder.Add(node with { Domain = own });
                continue;
            }

            for (int a = 0; a < args.Length; a++)
            {
                if (builder[args[a]] is { Op: Op.Parameter } operand && rowOperands.ContainsKey(operand.Parameter))
                {
                    args[a] = builder.Add(new Node(Op.Expand, EquatableArray.Create(args[a]), domain, Parameter: operand.Parameter, Bits: spans.TryGetValue(operand.Parameter, out long span) ? span : 0));
                }
            }

            map[i] = builder.Add(node with { Args = new EquatableArray<int>(ImmutableArray.Create(args)), Domain = domain, Parameter = parameter });
        }

        Graph canonicalGraph = Optimize.Simplifier.Prune(builder.ToGraph(), new[] { map[result] }, out int[] kept);
        return new Output(canonicalGraph, kept[0], this.RowOperandChecks(rowOperands), this.shapes.DimChecks.ToEquatableArray(), this.shapes.MatrixParameters.ToEquatableArray(), VectorOperands: vectorOperands, VectorParameters: this.vectorParameters.ToEquatableArray(), RankThreeParameters: this.RankThreeParameters);
    }
}
