using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// Axis work on tensors of rank 3 (<c>[a, b, c]</c>): a tensor parameter, or <c>Reshape(x, a, b, c)</c>. Axis 0 and the
/// last axis are reductions of a matrix view of the same elements in order: the last axis reduces the rows of
/// <c>[a*b, c]</c>, axis 0 the columns of <c>[a, b*c]</c> (a fold). The middle axis of a parameter is one step over the
/// elements in order, reducing the columns of each <c>[b, c]</c> block (<see cref="LowerMiddleAxis"/>). The values this makes live in the fold's matrix
/// domains but have other shapes (<c>Sum(x, 2)</c> is <c>[a, b]</c>, kept as the <c>a*b</c> row sums), so they meet only
/// values of the same fold, and every use that reads a shape (another axis, a product, a transpose, a size) refuses them.
/// </summary>
internal sealed partial class BodyLowering
{
    private const string SupportedRankThree = "reduce a rank-3 tensor along any of its axes (0, 1 or 2, or -3, -2 or -1), as a parameter or an element-wise expression of parameters of its shape, and use the result element-wise with values of the same reduction or reduce it whole";

    /// <summary>The tensor parameters the body shows are rank 3 (reduced along axis 2 or -3, or their <c>Lengths[2]</c> read), with where.</summary>
    private readonly Dictionary<int, SyntaxNode> rankThree = new();

    /// <summary>The tensor parameters read through a fold: rank 3, checked when the method is called.</summary>
    private readonly SortedSet<int> foldedParameters = new();

    /// <summary>The matrix domains of folds, by domain: what each holds.</summary>
    private readonly Dictionary<int, Fold> folds = new();

    /// <summary>The rank-3 tensors made by <c>Reshape(x, a, b, c)</c>: the element-wise expression of parameters reshaped, by result.</summary>
    private readonly Dictionary<int, (int Operand, RankThreeSource Source)> reshapedToRankThree = new();

    /// <summary>
    /// What a fold is a view of: a rank-3 tensor parameter (<see cref="Lengths"/> empty), or <c>Reshape(x, lengths)</c>
    /// of parameter <see cref="Parameter"/> with three lengths.
    /// </summary>
    private sealed record RankThreeSource(int Parameter, EquatableArray<ExtentTerm> Lengths)
    {
        public bool IsReshape => this.Lengths.Count > 0;
    }

    /// <summary>
    /// What a fold domain holds: the whole tensor (<see cref="FoldShape.Full"/>) or the result of a reduction along
    /// <see cref="Axis"/>: 0 or 2, or <see cref="LastTwoAxes"/> or <see cref="FirstTwoAxes"/> for a reduction of a reduction.
    /// </summary>
    private sealed record Fold(RankThreeSource Source, int Axis, FoldShape Shape);

    /// <summary>The <see cref="Fold.Axis"/> of a reduction along axes 1 and 2: the rows of <c>[a, b*c]</c>.</summary>
    private const int LastTwoAxes = 12;

    /// <summary>The <see cref="Fold.Axis"/> of a reduction along axes 0 and 1: the columns of <c>[a*b, c]</c>.</summary>
    private const int FirstTwoAxes = 1;

    /// <summary>A reduction along an axis of a rank-3 tensor: what a second reduction of it merges with.</summary>
    private sealed record FoldReduction(string Name, int Operand, RankThreeSource Source, int Axis, bool KeepDims);

    /// <summary>The reductions along an axis of rank-3 tensors, by result.</summary>
    private readonly Dictionary<int, FoldReduction> foldReductions = new();

    private enum FoldShape
    {
        /// <summary>The rank-3 tensor itself, or an element-wise value of its shape.</summary>
        Full,

        /// <summary>A reduction with keepDims: <c>[a, b, 1]</c> (last axis) or <c>[1, b, c]</c> (axis 0).</summary>
        Kept,

        /// <summary>A reduction without keepDims: <c>[a, b]</c> (last axis).</summary>
        Dropped,

        /// <summary>Values of different shapes kept in one matrix (<c>[a]</c> and <c>[a, 1]</c> as <c>[1, a]</c>): they meet nothing.</summary>
        Mixed,
    }

    /// <summary>The parameters read as rank-3 tensors, checked when the method is called.</summary>
    private EquatableArray<int> RankThreeParameters => this.foldedParameters.ToEquatableArray();

    /// <summary>Refuses a parameter read both as a matrix and as a rank-3 tensor: no call could satisfy both checks.</summary>
    private void CheckRankThree(SyntaxNode method)
    {
        foreach (int parameter in this.foldedParameters)
        {
            // Where something else is refused already, that is the diagnostic to fix first.
            if (this.shapes.MatrixParameters.Contains(parameter) && this.diagnostics.Count == 0)
            {
                SyntaxNode where = this.rankThree.TryGetValue(parameter, out SyntaxNode? evidence) ? evidence : method;
                this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "'" + this.parameters[parameter].Name + "', read as a matrix (rank 2) by one operation and as a rank-3 tensor by another,", "read it with one rank: reshape it where the other rank is meant, such as Reshape(x, -1, x.Lengths[2]) for a matrix of its rows");
            }
        }
    }

    /// <summary>
    /// Notes the tensor parameters the body reduces along axis 2 or -3 (or whose <c>Lengths[2]</c> it reads): they are
    /// rank 3 wherever the body reduces them along an axis, whichever reduction comes first.
    /// </summary>
    private void ScanRankThree(SyntaxNode body)
    {
        foreach (SyntaxNode node in body.DescendantNodes())
        {
            ExpressionSyntax? operand = null;
            if (node is InvocationExpressionSyntax { ArgumentList.Arguments: { Count: >= 2 } arguments } invocation
                && (invocation.Expression switch { IdentifierNameSyntax i => i.Identifier.ValueText, MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText, _ => null })
                    is "Sum" or "Mean" or "Max" or "Min" or "LogSumExp" or "Softmax" or "LogSoftmax"
                && this.scope.Model.GetConstantValue(arguments[1].Expression, this.cancellationToken) is { HasValue: true, Value: int axis }
                && (axis is 2 or -3 || this.AssumeRankThree))
            {
                operand = arguments[0].Expression;
            }
            else if (node is ElementAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Lengths" } lengths } access
                && access.ArgumentList.Arguments.Count == 1
                && this.scope.Model.GetConstantValue(access.ArgumentList.Arguments[0].Expression, this.cancellationToken) is { HasValue: true, Value: 2 })
            {
                operand = lengths.Expression;
            }

            if (operand is null)
            {
                continue;
            }

            foreach (IdentifierNameSyntax identifier in operand.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (this.scope.Model.GetSymbolInfo(identifier, this.cancellationToken).Symbol is IParameterSymbol parameter && this.RootParameterIndex(parameter) is { } index
                    && this.parameters[index].IsTensor && !this.rankThree.ContainsKey(index))
                {
                    this.rankThree[index] = identifier;
                }
            }
        }
    }

    private int? RootParameterIndex(IParameterSymbol parameter)
    {
        for (int i = 0; i < this.root.Parameters.Length; i++)
        {
            if (SymbolEqualityComparer.Default.Equals(this.root.Parameters[i].OriginalDefinition, parameter.OriginalDefinition)
                || (this.root.PartialImplementationPart is { } part && SymbolEqualityComparer.Default.Equals(part.Parameters[i].OriginalDefinition, parameter.OriginalDefinition)))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>The fold a tensor node lives in, or null for other values.</summary>
    private Fold? FoldOf(int node)
    {
        if (node == Poison || this.graph[node].IsScalar)
        {
            return null;
        }

        int domain = this.graph[node].Domain;
        return this.folds.TryGetValue(domain, out Fold? fold) || this.folds.TryGetValue(this.Find(domain), out fold) ? fold : null;
    }

    /// <summary>
    /// An axis reduction, <c>Softmax</c> or <c>LogSoftmax</c> of a rank-3 operand; null when the operand is not one (the
    /// matrix rules apply), Poison when it is refused.
    /// </summary>
    private int? LowerRankThreeAxisCall(InvocationExpressionSyntax invocation, string name, int operand, int written, bool keepDims)
    {
        if (this.foldReductions.TryGetValue(operand, out FoldReduction? inner))
        {
            this.notForAnyRank = true;
            return this.ReduceReduction(invocation, name, inner, written, keepDims);
        }

        RankThreeSource? source = this.RankThreeSourceOf(operand, written);

        // A reshape to rank 3 is folded afresh for the axis asked; other values of a fold keep theirs.
        Fold? fold = this.ReshapedToRankThree(operand) is null ? this.FoldOf(operand) : null;
        if (source is null && fold is null)
        {
            return null;
        }

        if (fold is { Shape: not FoldShape.Full })
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "', a reduction along an axis of a value computed from a reduction along an axis of a rank-3 tensor,", "reduce that value whole, such as Sum(v), or reduce the reduction itself again, such as Sum(Sum(x, 2), 1)");
            return Poison;
        }

        this.NoteRankThreeAxis(written);
        this.NoteAxisOperand(operand);
        int axis = written < 0 ? written + 3 : written;
        if (axis is < 0 or > 2)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "', an axis beyond the rank of a rank-3 tensor,", "pass axis 0, 1, 2 or -1, -2, -3");
            return Poison;
        }

        source ??= fold!.Source;
        if (axis == 1)
        {
            return this.LowerMiddleAxis(invocation, name, operand, source, fold, keepDims);
        }

        if (fold is not null && fold.Axis != axis)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "', a reduction along axis " + axis + " of a value computed along the other axis of a rank-3 tensor,", "reduce along the same axis as the work before it, or compute the operand again from the parameters");
            return Poison;
        }

        if (this.FoldDomain(source, axis, invocation) is not { } wide)
        {
            return Poison;
        }

        int folded = fold is null ? this.FoldInto(operand, source, wide) : operand;
        if (folded == Poison)
        {
            return Poison;
        }

        // The last axis reduces the rows of [a*b, c]; axis 0 the columns of [a, b*c], whose results [1, b, c] and
        // [b, c] both stretch over [a, b, c] as the row they are kept in.
        int reduced = this.ReduceFold(name, folded, wide, axis == 2 ? 1 : 0, keepDims, out int reducedDomain);
        if (name is not ("Softmax" or "LogSoftmax"))
        {
            this.TagFold(reducedDomain, new Fold(source, axis, keepDims || axis == 0 ? FoldShape.Kept : FoldShape.Dropped));
            this.foldReductions[reduced] = new FoldReduction(name, operand, source, axis, keepDims);
        }

        return reduced;
    }

    /// <summary>
    /// <paramref name="name"/> along the middle axis of the rank-3 tensor <paramref name="operand"/> <c>[a, b, c]</c>:
    /// one materialized step over its elements in order, each of the <c>a</c> blocks <c>[b, c]</c> reduced along its
    /// rows. A reduction gives <c>[a, c]</c> (kept with or without keepDims alike, as the same <c>a*c</c> values in
    /// order), which meets only values of the same shape; <c>Softmax</c> and <c>LogSoftmax</c> keep the operand's fold.
    /// </summary>
    private int LowerMiddleAxis(InvocationExpressionSyntax invocation, string name, int operand, RankThreeSource source, Fold? fold, bool keepDims)
    {
        if (source.IsReshape)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "', a reduction along axis 1 (the middle axis) of a reshape to rank 3,", "pass the rank-3 tensor as a parameter and reduce that along axis 1, or reduce the reshape along axis 0 or its last axis");
            return Poison;
        }

        int folded = operand;
        if (fold is null)
        {
            if (this.FoldDomain(source, 2, invocation) is not { } wide)
            {
                return Poison;
            }

            folded = this.FoldInto(operand, source, wide);
            if (folded == Poison)
            {
                return Poison;
            }
        }

        int function = System.Array.IndexOf(Printer.MiddleAxisFunctions, name);
        int domain = this.graph[folded].Domain;
        if (name is not ("Softmax" or "LogSoftmax"))
        {
            // [a, c]: the rows of the fold along axis 0 ([a, b*c]) by the columns of the fold along the last axis ([a*b, c]).
            if (this.FoldDomain(source, 0, invocation) is not { } first || this.FoldDomain(source, 2, invocation) is not { } last)
            {
                return Poison;
            }

            domain = this.Track(this.graph.MatrixDomain(this.graph.Domains[this.Find(first)].Rows!, this.graph.Domains[this.Find(last)].Columns!));
            this.TagFold(domain, new Fold(source, 1, keepDims ? FoldShape.Kept : FoldShape.Dropped));
        }

        return this.graph.Add(new Node(Op.MiddleAxis, EquatableArray.Create(folded), domain, Parameter: function, Bits: source.Parameter));
    }

    /// <summary>
    /// A reduction of a reduction of a rank-3 tensor by the same function along a neighbouring axis (<c>Sum(Sum(x, 2), 1)</c>):
    /// one reduction along both axes, of the fold that makes them one (rows of <c>[a, b*c]</c>, columns of <c>[a*b, c]</c>).
    /// </summary>
    private int ReduceReduction(InvocationExpressionSyntax invocation, string name, FoldReduction inner, int written, bool keepDims)
    {
        int rank = inner.KeepDims ? 3 : 2;
        int axis = written < 0 ? written + rank : written;

        // Axis 2 of x leaves [a, b] (or [a, b, 1]): its axis 1 joins it. Axis 0 leaves [b, c] (or [1, b, c]): axis 0 (or 1) of that joins it.
        int? merged = inner.Axis switch
        {
            2 when axis == 1 => LastTwoAxes,
            0 when axis == (inner.KeepDims ? 1 : 0) => FirstTwoAxes,
            _ => null,
        };
        if (name != inner.Name || merged is not { } both)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "', a reduction of a reduction along an axis of a rank-3 tensor other than the same function along the neighbouring axis,", "reduce along neighbouring axes with one function, such as Sum(Sum(x, 2), 1) or Max(Max(x, 0), 0), or reduce the inner result whole");
            return Poison;
        }

        int foldAxis = both == LastTwoAxes ? 0 : 2;
        if (this.FoldDomain(inner.Source, foldAxis, invocation) is not { } wide)
        {
            return Poison;
        }

        int folded = this.FoldInto(inner.Operand, inner.Source, wide);
        if (folded == Poison)
        {
            return Poison;
        }

        int reduced = this.ReduceFold(name, folded, wide, both == LastTwoAxes ? 1 : 0, keepDims, out int reducedDomain);
        // With keepDims on the inner reduction the result ([a, 1, 1], [a, 1]) shares its matrix with others ([a]): it meets nothing.
        this.TagFold(reducedDomain, new Fold(inner.Source, both, inner.KeepDims ? FoldShape.Mixed : keepDims ? FoldShape.Kept : FoldShape.Dropped));
        return reduced;
    }

    /// <summary>Notes what a fold's domain holds; one that already holds values of another shape holds a mix.</summary>
    private void TagFold(int domain, Fold fold)
    {
        if (this.folds.TryGetValue(domain, out Fold? known) && known != fold)
        {
            fold = fold with { Shape = FoldShape.Mixed };
        }

        this.folds[domain] = fold;
    }

    /// <summary><paramref name="name"/> along <paramref name="matrixAxis"/> of the fold <paramref name="folded"/>, as the matrix rules lower it.</summary>
    private int ReduceFold(string name, int folded, int wide, int matrixAxis, bool keepDims, out int reducedDomain)
    {
        (Dim rows, Dim columns) = this.MatrixDims(folded);
        bool softmax = name is "Softmax" or "LogSoftmax";
        reducedDomain = this.Track(this.graph.ReducedDomain(rows, columns, matrixAxis, keepDims || softmax));
        return this.ReduceMatrixAxis(name, folded, matrixAxis, keepDims, reducedDomain, wide, rows, columns);
    }

    /// <summary>
    /// The rank-3 tensor <paramref name="operand"/> is, read along axis <paramref name="written"/>: a reshape to rank 3,
    /// or an element-wise expression of tensor parameters the body shows are rank 3 (with an axis of 2 or -3, every
    /// parameter it reads is). Null for other operands.
    /// </summary>
    private RankThreeSource? RankThreeSourceOf(int operand, int written)
    {
        if (this.ReshapedToRankThree(operand) is { } reshape)
        {
            return reshape.Source;
        }

        if (!this.InParameterShape(operand, out List<int> read) || read.Count == 0)
        {
            return null;
        }

        if (written is 2 or -3 || read.Any(this.rankThree.ContainsKey))
        {
            return new RankThreeSource(read[0], EquatableArray<ExtentTerm>.Empty);
        }

        return null;
    }

    /// <summary>The reshape to rank 3 <paramref name="node"/> is (an element-wise expression of one is not followed: it is refused).</summary>
    private (int Operand, RankThreeSource Source)? ReshapedToRankThree(int node)
        => node != Poison && this.reshapedToRankThree.TryGetValue(node, out var reshape) ? reshape : null;

    /// <summary>Whether <paramref name="node"/> is an element-wise expression of tensor parameters in their own shapes, and which it reads.</summary>
    private bool InParameterShape(int node, out List<int> read)
    {
        read = new List<int>();
        var pending = new Stack<int>();
        var seen = new HashSet<int>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            int next = pending.Pop();
            Node n = this.graph[next];
            if (n.IsScalar || n.Op == Op.Broadcast || !seen.Add(next))
            {
                continue;
            }

            if (this.graph.Domains[this.Find(n.Domain)].IsMatrix || this.graph.Domains[this.Find(n.Domain)].IsSlice)
            {
                return false;
            }

            if (n.Op == Op.Parameter)
            {
                if (!read.Contains(n.Parameter))
                {
                    read.Add(n.Parameter);
                }

                continue;
            }

            if (!IsElementwise(n.Op))
            {
                return false;
            }

            foreach (int arg in n.Args)
            {
                pending.Push(arg);
            }
        }

        read.Sort();
        return true;
    }

    /// <summary>
    /// The matrix domain of the fold of <paramref name="source"/> for axis <paramref name="axis"/> (0 or 2): <c>[a, b*c]</c>
    /// or <c>[a*b, c]</c>. A reshape's length along that axis must be given (not -1), and the reshape's three lengths are
    /// checked to hold every element when the method is called.
    /// </summary>
    private int? FoldDomain(RankThreeSource source, int axis, SyntaxNode where)
    {
        var inferred = new ExtentTerm(-1, -1, -1);
        ExtentTerm length = source.IsReshape ? source.Lengths[axis] : new ExtentTerm(source.Parameter, axis, 1);
        if (length is { Parameter: < 0, Coefficient: -1 })
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "'" + where + "', a reduction along an axis of a reshape to rank 3 whose length along that axis is -1,", "give that length (a constant, an int parameter or a size) and let another length be -1");
            return null;
        }

        if (length is { Parameter: < 0, Coefficient: 1 })
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "'" + where + "', a reduction along an axis of length 1,", "reduce along another axis, or drop the size-1 axis from the reshape");
            return null;
        }

        EquatableArray<ExtentTerm> lengths = axis == 2 ? EquatableArray.Create(inferred, length) : EquatableArray.Create(length, inferred);
        var rows = new Dim(source.Parameter, 0, Reshape: lengths);
        var columns = new Dim(source.Parameter, 1, Reshape: lengths);
        int domain = this.Track(this.graph.MatrixDomain(rows, columns));
        if (source.IsReshape)
        {
            // The length given is the reshape's own: the reshape's check then works out all three and counts the elements.
            this.UnifyDims(axis == 2 ? columns : rows, new Dim(source.Parameter, axis, Reshape: source.Lengths));
        }

        this.TagFold(domain, new Fold(source, axis, FoldShape.Full));
        return domain;
    }

    /// <summary>
    /// An element-wise expression of rank-3 parameters (or a reshape to rank 3 of one) read in order as the fold
    /// <paramref name="domain"/>. Every parameter it reads is rank 3 and of the source's shape, both checked at the call.
    /// </summary>
    private int FoldInto(int operand, RankThreeSource source, int domain)
    {
        if (this.ReshapedToRankThree(operand) is { } reshape)
        {
            return this.ReshapeInto(reshape.Operand, domain);
        }

        if (!this.InParameterShape(operand, out List<int> read))
        {
            return Poison;
        }

        int sourceDomain = this.NewDomain(source.Parameter);
        foreach (int parameter in read)
        {
            this.foldedParameters.Add(parameter);

            if (parameter != source.Parameter)
            {
                this.Unify(sourceDomain, this.NewDomain(parameter));
            }
        }

        return this.ReshapeInto(operand, domain);
    }

    /// <summary>
    /// Brings a value of a fold and another operand together, or refuses them: values of one fold meet as the matrices
    /// they are (a reduction with keepDims stretched over the whole), an element-wise expression of rank-3 parameters is
    /// read as the fold first, and anything else would be read with the wrong shape.
    /// </summary>
    private bool AlignRankThree(ref int left, ref int right, SyntaxNode where)
    {
        Fold? first = this.FoldOf(left);
        Fold? second = this.FoldOf(right);
        if (first is null && second is null)
        {
            return true;
        }

        if (first is not null && second is not null)
        {
            if (Compatible(first, second) && (first.Source == second.Source || (!first.Source.IsReshape && !second.Source.IsReshape)))
            {
                if (first.Source != second.Source)
                {
                    // Two rank-3 parameters folded alike: the same shape, checked at the call.
                    this.Unify(this.NewDomain(first.Source.Parameter), this.NewDomain(second.Source.Parameter));
                }

                return true;
            }

            this.RefuseMeeting(where);
            return false;
        }

        Fold fold = (first ?? second)!;
        int other = first is null ? left : right;
        if (this.LeadingAxesOf(fold, other) is not null)
        {
            // [a, b] parameters meeting Sum(x, 2) of x [a, b, c]: read in order as its a*b results.
            int inOrder = this.ReshapeInto(other, this.Find(this.graph[first is null ? right : left].Domain));
            if (first is null)
            {
                left = inOrder;
            }
            else
            {
                right = inOrder;
            }

            return true;
        }

        if (!Compatible(fold, fold with { Shape = FoldShape.Full }) || fold.Source.IsReshape || !this.InParameterShape(other, out List<int> read) || read.Count == 0)
        {
            this.RefuseMeeting(where);
            return false;
        }

        int? domain = this.FoldDomain(fold.Source, fold.Axis, where);
        int moved = domain is { } d ? this.FoldInto(other, fold.Source, d) : Poison;
        if (first is null)
        {
            left = moved;
        }
        else
        {
            right = moved;
        }

        return moved != Poison;

        // Axis 0's results are [1, b, c] or [b, c]: both stretch over [a, b, c] as the row they are kept in. The last
        // axis's [a, b, 1] stretches over the columns; [a, b] would align with [b, c] and meets only its like.
        static bool Compatible(Fold a, Fold b)
            => a.Shape != FoldShape.Mixed && b.Shape != FoldShape.Mixed && a.Axis == b.Axis
                && (a.Shape == b.Shape || (a.Axis is 0 or 2 && a.Shape != FoldShape.Dropped && b.Shape != FoldShape.Dropped));
    }

    /// <summary>
    /// The parameters of <paramref name="other"/> when it is an element-wise expression of matrix parameters meeting a
    /// reduction along the last axis of a rank-3 parameter without keepDims (<c>Sum(x, 2) * w</c>, <c>x</c>
    /// <c>[a, b, c]</c>, <c>w</c> <c>[a, b]</c>): the results are kept in order as <c>a*b</c> values, and so are the
    /// elements of <c>w</c>. The emitted checks require each such parameter to be <c>[a, b]</c>. Null for other operands.
    /// </summary>
    private List<int>? LeadingAxesOf(Fold fold, int other)
    {
        if (fold is not { Shape: FoldShape.Dropped, Axis: 2 } || fold.Source.IsReshape
            || !this.InParameterShape(other, out List<int> read) || read.Count == 0
            || read.Any(p => p == fold.Source.Parameter || this.rankThree.ContainsKey(p) || this.foldedParameters.Contains(p)))
        {
            return null;
        }

        foreach (int parameter in read.Where(p => !this.leadingAxes.Contains((p, fold.Source.Parameter))))
        {
            this.leadingAxes.Add((parameter, fold.Source.Parameter));
        }

        return read;
    }

    private void RefuseMeeting(SyntaxNode where)
        => this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "'" + where + "', where a value of an axis reduction of a rank-3 tensor meets a value of another shape,", SupportedRankThree);

    /// <summary>
    /// Whether <paramref name="node"/> may be read with a shape of its own (an operand of a product, a transpose, an
    /// axis reduction of a matrix, a size read); a value of a fold is refused, as its matrix is not its shape.
    /// </summary>
    private bool NotFolded(int node, SyntaxNode where, string construct)
    {
        if (this.FoldOf(node) is null && this.ReshapedToRankThree(node) is null)
        {
            return true;
        }

        this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "'" + where + "', " + construct + " of a rank-3 tensor or a value of an axis reduction of one,", SupportedRankThree);
        return false;
    }

    /// <summary>
    /// <c>Reshape(x, a, b, c)</c>: a rank-3 tensor that is reduced along axis 0 or its last axis, or whole. It stays
    /// the element-wise expression it reshapes until a reduction reads it as a fold.
    /// </summary>
    private int ReshapeToRankThree(InvocationExpressionSyntax invocation, int operand, int sourceParameter, List<ExtentTerm> lengths)
    {
        var source = new RankThreeSource(sourceParameter, lengths.ToEquatableArray());
        RankThreeSource? known = this.reshapedToRankThree.Values.Select(r => r.Source).FirstOrDefault(s => s == source);

        // Read whole it is a view of the last axis's fold (or axis 0's when the last length is -1).
        int axis = lengths[2] is { Parameter: < 0, Coefficient: -1 or 1 } ? 0 : 2;
        int? domain = this.FoldDomain(known ?? source, axis, invocation);
        if (domain is not { } d)
        {
            return Poison;
        }

        int result = this.ReshapeInto(operand, d);
        this.reshapedToRankThree[result] = (operand, known ?? source);
        return result;
    }
}
