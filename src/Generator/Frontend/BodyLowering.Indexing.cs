using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>Indexing: slices of a vector parameter with C# ranges, as views read at an offset.</summary>
internal sealed partial class BodyLowering
{
    private const string SupportedSlices = "slice a vector parameter with bounds from constants, int parameters and sizes, such as x[1..], x[..^1], x[k..] or x[..(n - 1)]";

    private const string MatrixSlices = "a column of a matrix w is MatMul(w, e) and a row MatMul(e, w), with e a [NoGrad] vector that is 1 at the index and 0 elsewhere (one pass over w, on the matrix-vector kernels)";

    // Each slice made, with its syntax: a slice whose domain later meets another shape is refused where it was written.
    private readonly List<(int Node, ElementAccessExpressionSyntax Syntax)> slices = new();

    /// <summary>Lowers <c>x[a..^b]</c> on a tensor parameter to a slice; refuses every other indexing with what to write instead.</summary>
    private int LowerIndexing(ElementAccessExpressionSyntax access)
    {
        SeparatedSyntaxList<ArgumentSyntax> arguments = access.ArgumentList.Arguments;
        bool tensor = this.IsTensorExpression(access.Expression);
        if (tensor && arguments.Count > 0 && arguments.All(a => a.Expression is not RangeExpressionSyntax))
        {
            return this.LowerElementRead(access);
        }

        if (tensor && this.IsLoopRowBlock(access))
        {
            return this.LoopRowBlock(access);
        }

        if (tensor && this.IsLoopMatrixBlock(access))
        {
            return this.LoopMatrixBlock(access);
        }

        if (tensor && this.LowerWindow(access) is { } window)
        {
            return window;
        }

        if (!tensor || arguments.Count != 1 || arguments[0].Expression is not RangeExpressionSyntax range)
        {
            string fix = tensor
                ? "indexes mixed with ranges, and ranges along more than two axes, are not supported yet; " + SupportedSlices + ", " + SupportedWindows + ", " + SupportedElementReads + ", or use whole-tensor operations (Sum, Dot, element-wise arithmetic); " + MatrixSlices
                : "use whole-tensor operations (Sum, Dot, element-wise arithmetic) on tensor parameters";
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "Indexing '" + access + "'", fix);
            return Poison;
        }

        int source = this.Lower(access.Expression);
        if (source == Poison)
        {
            return Poison;
        }

        Node node = this.graph[source];
        if (node.Op != Op.Parameter || this.graph.Domains[this.Find(node.Domain)].IsMatrix)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The slice '" + access + "' of a computed value or a matrix", SupportedSlices + ", and compute on the slices; " + MatrixSlices);
            return Poison;
        }

        if (!this.Bound(access, range.LeftOperand, out bool leftHat, out int left, out Extent leftValue) || !this.Bound(access, range.RightOperand, out bool rightHat, out int right, out Extent rightValue))
        {
            return Poison;
        }

        // What each end drops: x[a..] drops a from the start, x[..^b] drops b from the end, x[..b] drops n - b.
        int parameter = node.Parameter;
        Extent length = Extent.Size(parameter, 0);
        Extent dropStart = range.LeftOperand is null ? Extent.Zero : leftHat ? length.Minus(leftValue) : leftValue;
        Extent dropEnd = range.RightOperand is null ? Extent.Zero : rightHat ? rightValue : length.Minus(rightValue);
        Extent trim = dropStart.Plus(dropEnd);
        if (dropStart.IsConstant && dropEnd.IsConstant)
        {
            if (dropStart.Constant < 0 || dropEnd.Constant < 0 || trim.Constant > int.MaxValue)
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The slice '" + access + "' with a negative bound", "C# throws for it when the method runs; " + SupportedSlices);
                return Poison;
            }

            if (trim.Constant == 0)
            {
                return source;
            }

            int fixedDomain = this.Track(this.graph.SliceDomain(parameter, (int)trim.Constant));
            int at = this.graph.Integer(dropStart.Constant, ScalarType.Long);
            int fixedSlice = this.graph.Add(new Node(Op.Slice, EquatableArray.Create(source, at), fixedDomain, Value: trim.Constant, Parameter: parameter, Bits: dropStart.Constant));
            this.slices.Add((fixedSlice, access));
            return fixedSlice;
        }

        // Bounds known at run time: checked when the method is called, as C#'s range slicing checks them.
        int n = this.LengthOf(source, 0, access);
        int first = range.LeftOperand is null ? this.graph.Integer(0, ScalarType.Long) : leftHat ? this.graph.Make(Op.Subtract, n, left) : left;
        int last = range.RightOperand is null ? n : rightHat ? this.graph.Make(Op.Subtract, n, right) : right;
        if (this.SliceLengthVaries(access, trim.Terms()))
        {
            return Poison;
        }

        int checkedStart = this.graph.Add(new Node(Op.SliceBounds, EquatableArray.Create(first, last), -1, Parameter: parameter, Type: ScalarType.Long));
        int domain = this.Track(this.graph.SliceDomain(parameter, (int)trim.Constant, trim.Terms()));
        int slice = this.graph.Add(new Node(Op.Slice, EquatableArray.Create(source, checkedStart), domain, Parameter: parameter));
        this.slices.Add((slice, access));
        if (length.Minus(trim) is { IsConstant: true, Constant: 1 })
        {
            this.oneElementSlices[slice] = checkedStart;
        }
        return slice;
    }

    /// <summary>
    /// A bound of a range: whether it counts from the end (<c>^k</c>), its integer value as a <c>long</c> node, and that
    /// value as constants plus int parameters and sizes; a missing bound is true with no node.
    /// </summary>
    private bool Bound(ElementAccessExpressionSyntax access, ExpressionSyntax? bound, out bool hat, out int value, out Extent extent)
    {
        hat = bound is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression };
        value = Poison;
        extent = Extent.Zero;
        if (bound is null)
        {
            return true;
        }

        ExpressionSyntax count = hat ? ((PrefixUnaryExpressionSyntax)bound).Operand : bound;
        int lowered = this.Lower(count);
        if (lowered == Poison)
        {
            return false;
        }

        if (this.graph[lowered].IsTensor || !this.graph[lowered].Type.IsInteger() || !this.Linear(lowered, 1, extent = new Extent()))
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The slice '" + access + "'", SupportedSlices + " (a bound may add and subtract constants, int parameters and sizes, each times a constant or divided by one)");
            return false;
        }

        value = this.graph.Convert(lowered, ScalarType.Long, Overflow.Default);
        return true;
    }

    /// <summary>Adds <paramref name="scale"/> times integer node <paramref name="id"/> to <paramref name="into"/>, if it is constants, int parameters and sizes under + and -.</summary>
    private bool Linear(int id, long scale, Extent into)
    {
        Node node = this.graph[id];
        switch (node.Op)
        {
            case Op.Constant when node.Type.IsInteger():
                into.Constant += scale * node.Bits;
                return true;
            case Op.Parameter when node.IsScalar && node.Type.IsInteger():
            case Op.Length when node.Bits >= 0 && this.parameters[node.Parameter].Kind != ParameterKind.Labels:
            case Op.Count when this.FlattenedLengthOf(node) >= 0:
                return this.Atom(id, scale, 1, into);
            case Op.Divide when node.Type.IsInteger() && this.graph[node.Args[1]] is { Op: Op.Constant, Bits: > 0 } divisor:
                return this.Atom(node.Args[0], scale, divisor.Bits, into);
            case Op.Convert when this.graph[node.Args[0]].Type.IsInteger():
                return this.Linear(node.Args[0], scale, into);
            case Op.Add:
                return this.Linear(node.Args[0], scale, into) && this.Linear(node.Args[1], scale, into);
            case Op.Subtract:
                return this.Linear(node.Args[0], scale, into) && this.Linear(node.Args[1], -scale, into);
            case Op.Negate:
                return this.Linear(node.Args[0], -scale, into);
            case Op.Multiply when this.graph[node.Args[1]].Op == Op.Constant:
                return this.Linear(node.Args[0], scale * this.graph[node.Args[1]].Bits, into);
            case Op.Multiply when this.graph[node.Args[0]].Op == Op.Constant:
                return this.Linear(node.Args[1], scale * this.graph[node.Args[0]].Bits, into);
            default:
                return false;
        }
    }

    /// <summary>
    /// Adds <paramref name="scale"/> times integer node <paramref name="id"/> divided by <paramref name="divisor"/> to
    /// <paramref name="into"/>, if it is one int parameter or size (converted between integer types).
    /// </summary>
    private bool Atom(int id, long scale, long divisor, Extent into)
    {
        Node node = this.graph[id];
        switch (node.Op)
        {
            case Op.Parameter when node.IsScalar && node.Type.IsInteger() && divisor == 1 && this.controlFlow?.Invariants.TryGetValue(node.Parameter, out Extent? value) == true:
                // A local assigned once, by its declaration, from constants, int parameters and sizes: that value.
                into.Constant += scale * value!.Constant;
                foreach (ExtentTerm term in value.Terms())
                {
                    into.Add(term.Parameter, term.Axis, scale * term.Coefficient, term.Divisor);
                }

                return true;
            case Op.Parameter when node.IsScalar && node.Type.IsInteger():
                into.Add(node.Parameter, -1, scale, divisor);
                return true;
            case Op.Length when node.Bits >= 0 && this.parameters[node.Parameter].Kind != ParameterKind.Labels:
                into.Add(node.Parameter, (int)node.Bits, scale, divisor);
                return true;
            case Op.Count when this.FlattenedLengthOf(node) is int parameter and >= 0:
                into.Add(parameter, ExtentTerm.FlattenedLength, scale, divisor);
                return true;
            case Op.Convert when this.graph[node.Args[0]].Type.IsInteger():
                return this.Atom(node.Args[0], scale, divisor, into);
            default:
                return false;
        }
    }

    /// <summary>The tensor parameter whose <c>FlattenedLength</c> a count node reads, or -1 for the count of a matrix or slice.</summary>
    private int FlattenedLengthOf(Node count)
    {
        Domain domain = this.graph.Domains[this.Find(count.Parameter)];
        return domain.IsMatrix || domain.IsSlice ? -1 : domain.Parameter;
    }

    /// <summary>A count of elements: a constant plus int parameters and sizes, each with a coefficient.</summary>
    private sealed class Extent
    {
        private readonly SortedDictionary<(int Parameter, int Axis, long Divisor), long> terms = new();

        public static Extent Zero => new();

        public long Constant { get; set; }

        public bool IsConstant => this.terms.Count == 0;

        /// <summary><c>Lengths[axis]</c> of a tensor parameter.</summary>
        public static Extent Size(int parameter, int axis)
        {
            var size = new Extent();
            size.Add(parameter, axis, 1);
            return size;
        }

        public void Add(int parameter, int axis, long coefficient, long divisor = 1)
        {
            long sum = (this.terms.TryGetValue((parameter, axis, divisor), out long existing) ? existing : 0) + coefficient;
            if (sum == 0)
            {
                this.terms.Remove((parameter, axis, divisor));
            }
            else
            {
                this.terms[(parameter, axis, divisor)] = sum;
            }
        }

        public Extent Plus(Extent other) => this.Combine(other, 1);

        public Extent Minus(Extent other) => this.Combine(other, -1);

        public EquatableArray<ExtentTerm> Terms() => this.terms.Select(t => new ExtentTerm(t.Key.Parameter, t.Key.Axis, t.Value, t.Key.Divisor)).ToEquatableArray();

        private Extent Combine(Extent other, long sign)
        {
            var result = new Extent { Constant = this.Constant + (sign * other.Constant) };
            foreach (KeyValuePair<(int Parameter, int Axis, long Divisor), long> term in this.terms)
            {
                result.Add(term.Key.Parameter, term.Key.Axis, term.Value, term.Key.Divisor);
            }

            foreach (KeyValuePair<(int Parameter, int Axis, long Divisor), long> term in other.terms)
            {
                result.Add(term.Key.Parameter, term.Key.Axis, sign * term.Value, term.Key.Divisor);
            }

            return result;
        }
    }

    /// <summary>
    /// Refuses each slice whose shape met a whole tensor or a matrix, or a slice of the same vector that drops another
    /// constant count (their lengths always differ): slices work element-wise with slices, those whose lengths may
    /// differ checked equal when the method is called, and reduce to scalars.
    /// </summary>
    private void CheckSlices()
    {
        foreach ((int node, ElementAccessExpressionSyntax syntax) in this.slices)
        {
            int domain = this.graph[node].Domain;
            int parameter = this.graph[this.graph[node].Args[0]].Domain;
            Domain own = this.graph.Domains[domain];
            Domain root = this.graph.Domains[this.Find(domain)];
            string dropped = Printer.Dropped(own, p => this.parameters[p].Name);
            if (!own.IsRunTimeSlice && root.IsSlice && !root.IsRunTimeSlice && own.Parameter == root.Parameter && own.Trim != root.Trim)
            {
                this.Report(
                    DiagnosticDescriptors.UnsupportedExpression,
                    syntax,
                    "The slice '" + syntax + "' meeting a slice of another length",
                    "combine slices of one vector element-wise only when they drop as many elements in all (" + dropped + " here; x[1..] and x[..^1] both drop 1), or with scalars and reductions");
                return;
            }

            if (!root.IsSlice || this.graph.Domains[this.Find(parameter)].IsMatrix)
            {
                this.Report(
                    DiagnosticDescriptors.UnsupportedExpression,
                    syntax,
                    "The slice '" + syntax + "' meeting a whole tensor, or a matrix,",
                    "combine it element-wise only with other slices (x[1..] - x[..^1], or x[..n] * y[k..], whose lengths are checked equal when the method runs; it drops " + dropped + " here), or with scalars and reductions");
                return;
            }
        }
    }
}
