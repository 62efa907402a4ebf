using System;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.IR;

/// <summary>
/// One node of the expression graph: an operation, its operands (indexes of earlier nodes), and where its value lives.
/// A scalar node has <see cref="Domain"/> -1; a tensor node names the domain (shape class) it spans. A scalar node
/// computes in its C# <see cref="Type"/> (a tensor node always in the element type); an integer constant holds its
/// exact value in <see cref="Bits"/>, and an integer operation the <see cref="Overflow"/> context the body gave it.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record Node(Op Op, EquatableArray<int> Args, int Domain, double Value = 0, int Parameter = -1, ScalarType Type = ScalarType.Element, Overflow Overflow = Overflow.Default, long Bits = 0)
{
    public bool IsTensor => this.Domain >= 0;

    public bool IsScalar => this.Domain < 0;

    public int Arity => this.Args.Count;

    public bool IsConstant(double value) => this.Op == Op.Constant && this.Value.Equals(value);
}

/// <summary>
/// A dimension known only at run time: dimension <see cref="Axis"/> of parameter <see cref="Parameter"/>, less
/// <see cref="Trim"/> elements for the slices along it that drop that many (<c>x[1.., ..]</c> and <c>x[..^1, ..]</c>
/// both drop 1 row); or, with <see cref="Reshape"/>, length <see cref="Axis"/> of <c>Reshape(x, lengths...)</c> of
/// parameter <see cref="Parameter"/>, whose lengths (constants, -1, int parameters or sizes, see <see cref="ExtentTerm"/>)
/// the run-time check works out. With <see cref="Terms"/>, the slices along it drop <see cref="Trim"/> plus those
/// run-time terms (<c>x[k.., ..]</c> and <c>x[..^k, ..]</c> both drop k rows).
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record Dim(int Parameter, int Axis, int Trim = 0, EquatableArray<ExtentTerm> Reshape = default, EquatableArray<ExtentTerm> Terms = default) : System.IComparable<Dim>
{
    /// <summary>The dimension of size 1 that a reduction with keepDims leaves, and a vector has as a matrix: [1, n].</summary>
    public static readonly Dim One = new(-1, 1);

    /// <summary>The lengths of the reshape this dimension is one of, never a default array (the model walk enumerates it).</summary>
    public EquatableArray<ExtentTerm> Reshape { get; init; } = Reshape.Count == 0 ? EquatableArray<ExtentTerm>.Empty : Reshape;

    /// <summary>The run-time terms of the count its slices drop, never a default array (the model walk enumerates it).</summary>
    public EquatableArray<ExtentTerm> Terms { get; init; } = Terms.Count == 0 ? EquatableArray<ExtentTerm>.Empty : Terms;

    public bool IsOne => this.Parameter < 0;

    /// <summary>A dimension of a slice whose bounds are known only at run time.</summary>
    public bool IsRunTimeSlice => this.Terms.Count > 0;

    /// <summary>A length of a reshape rather than a dimension of a parameter as passed.</summary>
    public bool IsReshape => this.Reshape.Count > 0;

    public int CompareTo(Dim? other)
    {
        if (other is null)
        {
            return 1;
        }

        // A parameter's own dimension comes first, so it names a class that a reshape joins.
        int order = this.IsReshape.CompareTo(other.IsReshape);
        order = order != 0 ? order : this.Parameter.CompareTo(other.Parameter);
        order = order != 0 ? order : this.Axis.CompareTo(other.Axis);
        order = order != 0 ? order : this.Trim.CompareTo(other.Trim);
        order = order != 0 ? order : Compare(this.Reshape, other.Reshape);
        return order != 0 ? order : Compare(this.Terms, other.Terms);
    }

    private static int Compare(EquatableArray<ExtentTerm> first, EquatableArray<ExtentTerm> second)
    {
        int order = first.Count.CompareTo(second.Count);
        for (int i = 0; order == 0 && i < first.Count; i++)
        {
            ExtentTerm a = first[i];
            ExtentTerm b = second[i];
            order = a.Parameter != b.Parameter ? a.Parameter.CompareTo(b.Parameter) : a.Axis != b.Axis ? a.Axis.CompareTo(b.Axis)
                : a.Divisor != b.Divisor ? a.Divisor.CompareTo(b.Divisor) : a.Coefficient.CompareTo(b.Coefficient);
        }

        return order;
    }
}

/// <summary>
/// One term of a count of elements a slice drops, known only at run time: <see cref="Coefficient"/> times the value of
/// int parameter <see cref="Parameter"/> (<see cref="Axis"/> -1), times <c>FlattenedLength</c> of tensor parameter
/// <see cref="Parameter"/> (<see cref="Axis"/> -2), or times <c>Lengths[Axis]</c> of it; each divided first by
/// <see cref="Divisor"/> as C#'s integer division does (<c>x.Lengths[0] / 2</c>). As a length of a reshape, <see cref="Parameter"/> -1 is the constant
/// <see cref="Coefficient"/> (-1: inferred from the others).
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record ExtentTerm(int Parameter, int Axis, long Coefficient, long Divisor = 1)
{
    /// <summary>The <see cref="Axis"/> of a term that reads a tensor parameter's <c>FlattenedLength</c>.</summary>
    public const int FlattenedLength = -2;
}

/// <summary>
/// A tensor domain: the shape every element-wise node in it shares. Either the shape of a parameter (any rank,
/// <see cref="Parameter"/> set), or a matrix whose rows and columns are run-time dimensions (<see cref="IsMatrix"/>).
/// A vector parameter's domain with <see cref="Trim"/> above 0 is the length its slices share when they drop that
/// many elements from its ends (<c>x[1..]</c> and <c>x[..^1]</c> both drop 1); with <see cref="Terms"/>, the count
/// dropped is <see cref="Trim"/> plus those run-time terms (<c>x[k..]</c> and <c>x[..^k]</c> both drop k).
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record Domain(int Parameter, Dim? Rows = null, Dim? Columns = null, int Trim = 0, EquatableArray<ExtentTerm> Terms = default)
{
    public bool IsMatrix => this.Rows is not null;

    /// <summary>The run-time terms of the count dropped, never a default array (the model walk enumerates it).</summary>
    public EquatableArray<ExtentTerm> Terms { get; init; } = Terms.Count == 0 ? EquatableArray<ExtentTerm>.Empty : Terms;

    public bool IsSlice => this.Trim != 0 || this.Terms.Count > 0;

    /// <summary>A slice whose length is known only at run time from int parameters or sizes.</summary>
    public bool IsRunTimeSlice => this.Terms.Count > 0;

    public static Domain Matrix(Dim rows, Dim columns) => new(-1, rows, columns);

    /// <summary>
    /// In a method with loops or branches, the entry of <see cref="StructuredBody.Shapes"/> that computes this domain's
    /// shape at run time: the broadcast of two shapes (<see cref="Parameter"/> -1), or -1.
    /// </summary>
    public int Shape { get; init; } = -1;

    /// <summary>A broadcast shape of a loop over elements, computed at run time.</summary>
    public bool IsLoopShape => this.Shape >= 0;

}

/// <summary>Two run-time dimensions that must be equal (a product's inner dimension, or matrices meeting element-wise).</summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record DimCheck(Dim First, Dim Second);

/// <summary>
/// An immutable, topologically ordered expression graph. <see cref="Notes"/> holds, per node, the derivative rule
/// that made it (empty for forward nodes), so the emitter can say why each adjoint line exists.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record Graph(EquatableArray<Node> Nodes, EquatableArray<string> Notes, EquatableArray<Domain> Domains)
{
    public Node this[int id] => this.Nodes[id];

    public int Count => this.Nodes.Count;

    public string Note(int id) => id < this.Notes.Count ? this.Notes[id] : string.Empty;
}

/// <summary>Element types a differentiable method computes in.</summary>
internal enum ElementKind : byte
{
    Float,
    Double,
}

internal static class ElementKindExtensions
{
    public static string Keyword(this ElementKind kind) => kind == ElementKind.Float ? "float" : "double";

    public static string Literal(this ElementKind kind, double value)
    {
        if (double.IsNaN(value))
        {
            return kind == ElementKind.Float ? "float.NaN" : "double.NaN";
        }

        // A double constant beyond float's range is infinite in a float method, as C#'s conversion makes it.
        if (double.IsInfinity(value) || (kind == ElementKind.Float && float.IsInfinity((float)value)))
        {
            return (kind == ElementKind.Float ? "float." : "double.") + (value > 0 ? "PositiveInfinity" : "NegativeInfinity");
        }

        string text = kind == ElementKind.Float
            ? ((float)value).ToString("R", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        bool integral = text.IndexOfAny(new[] { '.', 'E', 'e' }) < 0;
        return kind == ElementKind.Float ? text + "f" : text + (integral ? ".0" : string.Empty);
    }
}

/// <summary>Facts of an operation, read from its row in <see cref="Primitives"/>.</summary>
internal static class OpFacts
{
    public static bool IsReduction(this Op op) => Primitives.Of(op).Kind == PrimitiveKind.Reduction;

    /// <summary>Whether the node's value is computed whole into memory rather than element by element in a fused loop.</summary>
    public static bool IsMaterialized(this Op op) => Primitives.Of(op).Kind == PrimitiveKind.Materialized;

    /// <summary>A reduction along one axis of a matrix, materialized by a runtime row kernel.</summary>
    public static bool IsAxisReduction(this Op op) => op is Op.SumAxis or Op.MaxAxis or Op.MinAxis or Op.LogSumExpAxis;

    /// <summary>A value in memory read in place inside a loop over a larger domain (a parameter, or a stretched buffer).</summary>
    public static bool IsView(this Op op) => op is Op.Expand or Op.Stretch or Op.Slice or Op.Pad;

    /// <summary>
    /// An <see cref="Op.Expand"/> that reads its parameter's elements in order as the matrix of another shape
    /// (<c>Reshape</c>: row stride the columns, whatever the parameter's shape), or the <see cref="Op.Unexpand"/> of one.
    /// </summary>
    public static bool IsReshapeView(this Node node) => node.Op is Op.Expand or Op.Unexpand && node.Bits == ReshapeViewBits;

    /// <summary>Whether the node is a slice of a matrix parameter along both axes (<c>x[1.., ..]</c>), a block of its memory at the parameter's row stride.</summary>
    public static bool IsMatrixWindow(this Node node) => node.Op == Op.Slice && node.Arity >= 3;

    /// <summary>The <see cref="Node.Bits"/> that mark a reshape view (see <see cref="IsReshapeView"/>).</summary>
    public const long ReshapeViewBits = 1;

    /// <summary>Whether an operation's result is a 0/1 condition in the element type, whatever its operands' type.</summary>
    public static bool IsCondition(this Op op) => op.IsComparison() || op.IsLogic();

    public static bool IsComparison(this Op op) => Primitives.Of(op).Kind == PrimitiveKind.Comparison;

    public static bool IsLogic(this Op op) => Primitives.Of(op).Kind == PrimitiveKind.Logic;

    public static Exception Unexpected(Op op) => new InvalidOperationException("Unexpected operation " + op + ".");
}
