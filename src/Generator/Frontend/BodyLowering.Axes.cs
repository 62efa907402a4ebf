using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// Sizes read as scalars (<c>x.FlattenedLength</c>, <c>x.Lengths[i]</c>, <c>x.Rank</c>), reductions along an axis of a
/// matrix with PyTorch's <c>dim</c> and <c>keepdim</c>, <c>Softmax</c>/<c>LogSoftmax</c>, and <c>CrossEntropy</c>.
/// </summary>
internal sealed partial class BodyLowering
{
    /// <summary>
    /// <c>x.FlattenedLength</c>, <c>x.Rank</c> or <c>x.Lengths[i]</c> of a tensor, as the scalar C# reads; null when
    /// <paramref name="syntax"/> is no such read.
    /// </summary>
    private int? LowerSize(ExpressionSyntax syntax)
    {
        if (syntax is ElementAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Lengths" } lengths } access
            && this.IsTensorExpression(lengths.Expression))
        {
            Optional<object?> index = access.ArgumentList.Arguments.Count == 1
                ? this.scope.Model.GetConstantValue(access.ArgumentList.Arguments[0].Expression, this.cancellationToken)
                : default;
            if (!index.HasValue || index.Value is not int axis || axis < 0)
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "'" + access + "' with an index that is not a constant axis", "index Lengths with a constant such as 0 or 1");
                return Poison;
            }

            int before = this.graph.Count;
            int tensor = this.Lower(lengths.Expression);
            if (tensor != Poison && axis == 0 && this.IsVectorSliceInLoops(tensor))
            {
                return this.SliceLength(tensor, before);
            }

            return tensor == Poison || !this.NotFolded(tensor, access, "a size") ? Poison : this.LengthOf(tensor, axis, access);
        }

        if (syntax is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FlattenedLength" or "Rank" } member && this.IsTensorExpression(member.Expression))
        {
            int before = this.graph.Count;
            int tensor = this.Lower(member.Expression);
            if (tensor == Poison || !this.NotFolded(tensor, member, "a size"))
            {
                return Poison;
            }

            int domain = this.Find(this.graph[tensor].Domain);
            this.sizeReads.Add(domain);
            if (member.Name.Identifier.ValueText == "FlattenedLength")
            {
                if (this.IsVectorSliceInLoops(tensor))
                {
                    return this.SliceLength(tensor, before);
                }

                if (this.SliceShapedInLoops(tensor, member))
                {
                    return Poison;
                }

                return this.graph.Add(new Node(Op.Count, EquatableArray<int>.Empty, -1, Parameter: domain, Type: ScalarType.Long));
            }

            return this.graph.Domains[domain].IsMatrix
                ? this.graph.Integer(IsReshapedVector(this.graph.Domains[domain]) ? 1 : 2, ScalarType.Int)
                : this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: this.graph.Domains[domain].Parameter, Type: ScalarType.Int, Bits: -1));
        }

        return null;
    }

    private bool IsTensorExpression(ExpressionSyntax expression) => TypeFacts.IsTensor(this.scope.Model.GetTypeInfo(expression, this.cancellationToken).Type);

    /// <summary><c>Lengths[axis]</c> of a tensor node, as a <c>long</c> (C#'s <c>nint</c>).</summary>
    private int LengthOf(int tensor, int axis, SyntaxNode where)
    {
        this.sizeReads.Add(this.graph[tensor].Domain);
        if (!this.RequireParameterShape(tensor, where))
        {
            return Poison;
        }

        int root = this.Find(this.graph[tensor].Domain);
        Domain domain = this.graph.Domains[root];
        if (!domain.IsMatrix && domain.IsSlice)
        {
            if (this.SliceShapedInLoops(tensor, where))
            {
                return Poison;
            }

            if (axis > 0)
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "'" + where + "' of a vector slice, which has rank 1,", "read Lengths[0]");
                return Poison;
            }

            // A vector slice is as long as it has elements, fewer than its vector's.
            return this.graph.Add(new Node(Op.Count, EquatableArray<int>.Empty, -1, Parameter: root, Type: ScalarType.Long));
        }

        if (!domain.IsMatrix)
        {
            return this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: domain.Parameter, Type: ScalarType.Long, Bits: axis));
        }

        if (IsReshapedVector(domain))
        {
            if (axis > 0)
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "'" + where + "' of a vector, which has rank 1,", "read Lengths[0]");
                return Poison;
            }

            return this.DimValue(this.FindDim(domain.Columns!), ScalarType.Long);
        }

        if (axis > 1)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, where, "'" + where + "' of a matrix, which has rank 2,", "read Lengths[0] or Lengths[1]");
            return Poison;
        }

        Dim dim = this.FindDim(axis == 0 ? domain.Rows! : domain.Columns!);
        return this.DimValue(dim, ScalarType.Long);
    }

    /// <summary>
    /// A run-time dimension as a scalar of <paramref name="type"/>; a sliced one is its parameter's length less what the
    /// slices drop; a reshape's length, the count of a vector that long.
    /// </summary>
    private int DimValue(Dim dim, ScalarType type)
    {
        if (dim.IsOne)
        {
            return this.graph.Constant(1, type);
        }

        if (this.WindowLength(dim) is int window)
        {
            return this.graph.Convert(window, type, Overflow.Default);
        }

        if (dim.IsReshape)
        {
            return this.graph.Add(new Node(Op.Count, EquatableArray<int>.Empty, -1, Parameter: this.Track(this.graph.MatrixDomain(Dim.One, dim)), Type: type));
        }

        int length = this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: dim.Parameter, Type: type, Bits: dim.Axis));
        return dim.Trim == 0 ? length : this.graph.Make(Op.Subtract, length, this.graph.Constant(dim.Trim, type));
    }

    /// <summary>The results of reductions along an axis without keepDims: vectors (rank 1) kept as matrices of one row.</summary>
    private readonly HashSet<int> axisVectors = new();

    /// <summary>The domain of <c>Reshape(x, n)</c>: a vector (rank 1), kept as a matrix of one row.</summary>
    private static bool IsReshapedVector(Domain domain) => domain.IsMatrix && domain.Rows!.IsOne && domain.Columns!.Reshape.Count == 1;

    /// <summary>
    /// The TensorMath functions that take an axis (<c>Sum</c>, <c>Mean</c>, <c>Max</c>, <c>Min</c>, <c>LogSumExp</c> with
    /// an optional <c>keepDims</c>; <c>Softmax</c>, <c>LogSoftmax</c>) and <c>CrossEntropy</c>; null for other calls.
    /// </summary>
    private int? LowerAxisCall(InvocationExpressionSyntax invocation, string name, List<ExpressionSyntax?> arguments)
    {
        if (name == "Reshape")
        {
            return this.Reshape(invocation);
        }

        if (name == "CrossEntropy" && arguments.Count == 2)
        {
            return this.CrossEntropy(invocation, arguments);
        }

        bool reduction = name is "Sum" or "Mean" or "Max" or "Min" or "LogSumExp" && arguments.Count is 2 or 3;
        bool softmax = name is "Softmax" or "LogSoftmax" && arguments.Count == 2;
        if (!reduction && !softmax)
        {
            return null;
        }

        int operand = this.LowerArgument(arguments[0]);
        if (operand == Poison || !this.RequireTensor(operand, arguments[0], name))
        {
            return Poison;
        }

        if (this.ConstantArgument(invocation, arguments[1], 1) is not int written)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, arguments[1] ?? (SyntaxNode)invocation, "'" + invocation + "' with an axis that is not a constant", "pass the axis as a constant, such as 1 for rows or 0 for columns");
            return Poison;
        }

        bool keepDims = arguments.Count == 3 && this.ConstantArgument(invocation, arguments[2], 2) is true;
        if (arguments.Count == 3 && this.ConstantArgument(invocation, arguments[2], 2) is not bool)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, arguments[2] ?? (SyntaxNode)invocation, "'" + invocation + "' with a keepDims that is not a constant", "pass true or false");
            return Poison;
        }

        if (this.controlFlow is not null)
        {
            // In a method with loops or branches: a pass along the axis of a tensor of any rank, its shape worked out when called.
            return this.LoopAxisCall(invocation, name, arguments[0]!, operand, written, keepDims);
        }

        if (this.LowerRankThreeAxisCall(invocation, name, operand, written, keepDims) is { } rankThree)
        {
            return rankThree;
        }

        // Axes along a matrix: 1 (or -1) reduces each row, 0 (or -2) each column.
        int axis = written < 0 ? written + 2 : written;
        if (axis is < 0 or > 1)
        {
            // A tensor of higher rank has it: the general form (regions) takes the method if this is all that is refused.
            // (Not the result of a product or a transpose, which is a vector or a matrix whatever its operands are.)
            bool productOperand = arguments[0]!.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
                .Any(call => call.Expression is IdentifierNameSyntax { Identifier.ValueText: "MatMul" or "Transpose" or "Dot" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "MatMul" or "Transpose" or "Dot" });
            this.AxisRefusals += this.callStack.Count > 1 || productOperand ? 0 : 1;
            this.Report(DiagnosticDescriptors.UnsupportedExpression, arguments[1] ?? (SyntaxNode)invocation, "'" + invocation + "', an axis a matrix does not have,", "reductions along an axis take matrices and rank-3 tensors: pass axis 0, 1, -1 or -2 of a [rows, columns] tensor, or axis 0, 1, 2, -1, -2 or -3 of a rank-3 tensor parameter");
            return Poison;
        }

        // Axis 0 or -1 is also the only axis of a vector (PyTorch's dim=0 or dim=-1 of a 1-D tensor): a parameter read
        // this way may be a vector at run time, read as a column [n, 1] for axis 0 or a row [1, n] for axis -1.
        if (written is 0 or -1)
        {
            this.NoteProductOperand(operand, column: written == 0, transposed: false);
        }

        // A dimension of size 1 (m[..1, ..], a keepDims result) is a matrix's own and may be reduced; the vectors (rank 1)
        // the generator makes, a reshape's and an axis reduction's, are held as matrices of one row and are told apart here.
        (Dim rows, Dim columns) = this.MatrixDims(operand);
        bool reshapedVector = !this.NotReshapedVector(operand);
        bool axisVector = this.IsAxisVector(operand);
        if ((reshapedVector || axisVector) && written is 1 or -2)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "', axis " + written + " of a vector (rank 1), which has only axis 0 (or -1): PyTorch raises IndexError for it,", !softmax
                ? "reduce the whole vector with " + name + "(v)"
                : reshapedVector ? "reshape to one row with Reshape(x, 1, -1) and take " + name + " along axis 1 of it"
                : "pass keepDims: true to the reduction that made the vector and take " + name + " along an axis of the matrix it gives");
            return Poison;
        }

        if (reshapedVector)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "', a reduction of a vector along its only axis,", "reduce the whole vector with " + name + "(x)");
            return Poison;
        }

        if (axisVector)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "', a reduction along an axis of a vector made by a reduction along an axis (rank 1),", "reduce the whole vector with " + name + "(v), or pass keepDims: true to the inner reduction and reduce the matrix it gives");
            return Poison;
        }

        int domain = this.Track(this.graph.ReducedDomain(rows, columns, axis, keepDims || softmax));
        return this.ReduceMatrixAxis(name, operand, axis, keepDims, domain, this.Find(this.graph[operand].Domain), rows, columns);
    }

    /// <summary>
    /// <paramref name="name"/> along <paramref name="axis"/> of the matrix <paramref name="operand"/> into
    /// <paramref name="domain"/>: the one lowering of every axis reduction, a matrix's or a rank-3 tensor's fold.
    /// <c>Softmax</c> and <c>LogSoftmax</c> stretch the row's log-sum-exp back over <paramref name="wide"/>; a result
    /// without <paramref name="keepDims"/> is noted as a vector made by an axis reduction.
    /// </summary>
    private int ReduceMatrixAxis(string name, int operand, int axis, bool keepDims, int domain, int wide, Dim rows, Dim columns)
    {
        int reduced;
        switch (name)
        {
            case "Sum":
                reduced = this.graph.ReduceAxis(Op.SumAxis, operand, axis, domain);
                break;
            case "Mean":
                // The length of a row of a parameter that may be read as a row [1, n] (a vector) is counted as [1, columns],
                // not read as its Lengths[1], which a vector does not have.
                int sums = this.graph.ReduceAxis(Op.SumAxis, operand, axis, domain);
                int length = axis == 1 && !columns.IsOne && columns.Axis == 1 && !this.strictMatrices.Contains(columns.Parameter) && columns.Trim == 0 && !columns.IsReshape && this.WindowLength(columns) is null
                    ? this.graph.Add(new Node(Op.Count, EquatableArray<int>.Empty, -1, Parameter: this.Track(this.graph.MatrixDomain(Dim.One, columns)), Type: ScalarType.Element))
                    : this.DimValue(axis == 1 ? columns : rows, ScalarType.Element);
                reduced = this.graph.Make(Op.Divide, sums, this.graph.Broadcast(length, domain));
                break;
            case "Max":
                reduced = this.graph.ReduceAxis(Op.MaxAxis, operand, axis, domain);
                break;
            case "Min":
                reduced = this.graph.ReduceAxis(Op.MinAxis, operand, axis, domain);
                break;
            case "LogSumExp":
                reduced = this.graph.ReduceAxis(Op.LogSumExpAxis, operand, axis, domain);
                break;
            default:
                int shift = this.graph.Stretch(this.graph.ReduceAxis(Op.LogSumExpAxis, operand, axis, domain), axis, wide);
                int logarithms = this.graph.Make(Op.Subtract, operand, shift);
                return name == "Softmax" ? this.graph.Make(Op.Exp, logarithms) : logarithms;
        }

        if (!keepDims)
        {
            this.axisVectors.Add(reduced);
        }

        return reduced;
    }

    /// <summary>
    /// Whether <paramref name="node"/> has the shape of a vector (rank 1) an axis reduction without keepDims made, read
    /// through element-wise work of that shape. Such a vector is kept as a matrix of one row, so an axis of it would be
    /// read as that matrix's: a second axis reduction of it is refused rather than computed along the wrong axis. An
    /// operand of another shape class is stretched to the node's (<c>ll - LogSumExp(w, -1)</c> with <c>ll</c> a
    /// matrix is a matrix, as PyTorch broadcasts it), so the walk does not follow it.
    /// </summary>
    private bool IsAxisVector(int node)
    {
        var pending = new Stack<int>();
        var seen = new HashSet<int>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            int next = pending.Pop();
            if (next < 0 || !seen.Add(next) || this.graph[next].IsScalar)
            {
                continue;
            }

            if (this.axisVectors.Contains(next))
            {
                return true;
            }

            int shape = this.Find(this.graph[next].Domain);
            foreach (int operand in this.graph[next].Args)
            {
                if (operand >= 0 && this.graph[operand].IsTensor && this.Find(this.graph[operand].Domain) == shape)
                {
                    pending.Push(operand);
                }
            }
        }

        return false;
    }

    /// <summary>
    /// <c>CrossEntropy(logits, labels)</c> as <c>torch.nn.functional.cross_entropy</c>: the mean over rows of
    /// <c>LogSumExp(row) - row[label]</c> for int labels, or of <c>-Sum(p * LogSoftmax(row))</c> for probabilities.
    /// </summary>
    private int CrossEntropy(InvocationExpressionSyntax invocation, List<ExpressionSyntax?> arguments)
    {
        if (this.controlFlow is not null)
        {
            return this.LoopLoss(invocation, "CrossEntropy", arguments);
        }

        int logits = this.LowerArgument(arguments[0]);
        ExpressionSyntax? target = arguments[1];
        int? labels = target is IdentifierNameSyntax identifier && this.scope.Model.GetSymbolInfo(identifier, this.cancellationToken).Symbol is IParameterSymbol parameter
            && this.labelParameters.TryGetValue(parameter.OriginalDefinition, out int index) ? index : null;
        if (labels is null && target is not null && TypeFacts.IsIntLabels(this.scope.Model.GetTypeInfo(target, this.cancellationToken).Type))
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, target, "Labels computed in the body ('" + target + "')", "pass the labels as a [NoGrad] ReadOnlyTensorSpan<int> or ReadOnlySpan<int> parameter");
            return Poison;
        }

        if (labels is null && target is not null && this.scope.Model.GetTypeInfo(target, this.cancellationToken).Type is { } targetType
            && !TypeFacts.IsTensor(targetType) && targetType.TypeKind != TypeKind.Error)
        {
            this.Report(
                DiagnosticDescriptors.UnsupportedExpression,
                target,
                "CrossEntropy's labels as '" + targetType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "' ('" + target + "')",
                "pass class indices as a [NoGrad] ReadOnlyTensorSpan<int>, ReadOnlySpan<int>, Tensor<int> or int[] parameter, or probabilities as a tensor of the logits' shape");
            return Poison;
        }

        int probabilities = labels is null ? this.LowerArgument(target) : Poison;
        if (logits == Poison || !this.RequireTensor(logits, arguments[0], "CrossEntropy") || (labels is null && (probabilities == Poison || !this.RequireTensor(probabilities, target, "CrossEntropy"))))
        {
            return Poison;
        }

        if (!this.NotFolded(logits, arguments[0]!, "the logits of CrossEntropy"))
        {
            return Poison;
        }

        (Dim rows, Dim columns) = this.MatrixDims(logits);
        if (rows.IsOne || columns.IsOne)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "' of a vector", "pass logits of shape [N, C], one row of class scores per example");
            return Poison;
        }

        int count = this.DimValue(rows, ScalarType.Element);
        int perRow = this.Track(this.graph.ReducedDomain(rows, columns, 1, keepDims: false));
        int logSumExp = this.graph.ReduceAxis(Op.LogSumExpAxis, logits, 1, perRow);
        if (labels is { } labelParameter)
        {
            int picked = this.graph.Add(new Node(Op.Pick, EquatableArray.Create(logits), perRow, Parameter: labelParameter));
            int total = this.graph.Make(Op.Sum, this.graph.Make(Op.Subtract, logSumExp, picked));
            return this.graph.Make(Op.Divide, total, count);
        }

        int wide = this.Find(this.graph[logits].Domain);
        int logSoftmax = this.graph.Make(Op.Subtract, logits, this.graph.Stretch(logSumExp, 1, wide));
        (int p, int l) = this.Align(probabilities, logSoftmax, invocation);
        if (p == Poison)
        {
            return Poison;
        }

        return this.graph.Make(Op.Negate, this.graph.Make(Op.Divide, this.graph.Make(Op.Sum, this.graph.Make(Op.Multiply, p, l)), count));
    }

    /// <summary>The constant value of argument <paramref name="syntax"/>, or the parameter's default where the call leaves it out.</summary>
    private object? ConstantArgument(InvocationExpressionSyntax invocation, ExpressionSyntax? syntax, int ordinal)
    {
        if (syntax is null)
        {
            return null;
        }

        if (syntax == invocation)
        {
            // ArgumentsInOrder stands the call itself in for an argument left to its default.
            return this.scope.Model.GetSymbolInfo(invocation, this.cancellationToken).Symbol is IMethodSymbol { Parameters.Length: > 0 } method
                && ordinal < method.Parameters.Length && method.Parameters[ordinal].HasExplicitDefaultValue
                ? method.Parameters[ordinal].ExplicitDefaultValue
                : null;
        }

        Optional<object?> constant = this.scope.Model.GetConstantValue(syntax, this.cancellationToken);
        return constant.HasValue ? constant.Value : null;
    }
}
