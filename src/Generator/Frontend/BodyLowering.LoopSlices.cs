using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// Slices of vector parameters in a method with loops or branches, with bounds that may read the loop's counters:
/// a sliding window <c>Sum(x[i..(i + k)] * w)</c>. A slice is a view: element <c>k</c> of <c>x[a..b]</c> is element
/// <c>a + k</c> of <c>x</c>, read in the element loop of the work it is part of, so its adjoint is added to the
/// elements of <c>x</c>'s gradient the slice reaches, in every iteration (overlapping windows add up). The range is
/// checked where the statement runs, as C#'s ranges check it (<c>ArgumentOutOfRangeException</c>), during the forward
/// sweep, before any gradient is written. The slice's length must not change between iterations: it is the shape
/// class the element loop counts, from constants, int parameters and sizes.
/// </summary>
internal sealed partial class BodyLowering
{
    private const string LoopSliceUses = "inside loops, slice a vector parameter with a length that stays the same from one iteration to the next: bounds such as x[i..(i + k)] or x[t..(t + 1)], whose difference is made of constants, int parameters and sizes";

    /// <summary>Length checks of the slices of the element loop being built, added ahead of it once every range is checked.</summary>
    private readonly List<Region> pendingSliceChecks = new();

    /// <summary>
    /// Whether a slice with bounds <paramref name="trim"/> drops a count that changes between iterations (a local's
    /// term, or an int parameter the body assigns); reports it. Outside methods with loops there are no locals in
    /// bounds, and an assigned parameter is read as the value assigned.
    /// </summary>
    private bool SliceLengthVaries(ElementAccessExpressionSyntax access, EquatableArray<ExtentTerm> terms)
    {
        if (this.controlFlow is null || terms.All(t => t.Parameter < this.root.Parameters.Length && !this.ReadsAssignedParameter(t)))
        {
            return false;
        }

        if (terms.FirstOrDefault(this.ReadsAssignedParameter) is { } assigned)
        {
            string name = this.parameters[assigned.Parameter].Name;
            this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The slice '" + access + "', whose length reads the int parameter '" + name + "', which the method assigns,", "bound slices with int parameters the method does not assign; keep the changing value in a local of its own and leave '" + name + "' as it was passed");
            return true;
        }

        this.Report(DiagnosticDescriptors.UnsupportedExpression, access, "The slice '" + access + "', whose length changes from one iteration to the next,", LoopSliceUses);
        return true;
    }

    /// <summary>
    /// Element <paramref name="k"/> of a slice of a vector parameter inside a loop over its elements: the slice's start
    /// is checked and held in a slot ahead of the loop, and its length checked against the loop's count.
    /// </summary>
    private int SliceElement(int node, int k, int count, SyntaxNode at)
    {
        Node slice = this.graph[node];
        int parameter = slice.Parameter;
        int source = slice.Args[0];
        this.vectorParameters.Add(parameter);
        string text = this.SliceText(node);
        int length = this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: parameter, Type: ScalarType.Long, Bits: 0));

        // A whole vector read in a slice's shape class (w in x[i..(i + k)] * w): element k itself, its length checked.
        bool whole = this.graph[slice.Args[1]].Op != Op.SliceBounds && slice.Value == 0;

        // The range [first, last): from run-time bounds, or a constant drop from each end (x[1..^2]).
        int first;
        int last;
        if (this.graph[slice.Args[1]] is { Op: Op.SliceBounds } bounds)
        {
            first = bounds.Args[0];
            last = bounds.Args[1];
        }
        else
        {
            first = this.graph.Integer(slice.Bits, ScalarType.Long);
            last = this.graph.Make(Op.Subtract, length, this.graph.Integer((long)slice.Value - slice.Bits, ScalarType.Long));
        }

        int offset = k;
        if (!whole)
        {
            List<Region> parts = this.regionParts!;
            string number = (++this.conditionalSlots).ToString(CultureInfo.InvariantCulture);
            int start = this.NewSlot(this.parameters[parameter].Name + "SliceStart" + number, ScalarType.Int);
            int checkedStart = this.graph.Add(new Node(Op.SliceBounds, EquatableArray.Create(first, last), -1, Parameter: parameter, Type: ScalarType.Long));
            parts.Add(new Block(this.Extract(new[] { this.graph.Convert(checkedStart, ScalarType.Int, Overflow.Default) }), EquatableArray.Create(start)));
            offset = this.graph.Make(Op.Add, this.graph.Add(Computation.Read(start, ScalarType.Int)), k);
        }

        // Its length, unless it is the slice whose bounds made the shape class the loop counts (equal by construction).
        int root = this.Find(slice.Domain);
        if (root != slice.Domain || this.graph.Domains[root].Parameter != parameter)
        {
            int own = this.graph.Convert(this.graph.Make(Op.Subtract, last, first), ScalarType.Int, Overflow.Default);
            int differs = this.graph.Make(Op.NotEqual, own, count);
            string message = "Element-wise operands have different lengths: " + (whole ? "the vector '" : "the slice '") + text + "' meets tensors of another length in '" + OneLine(at.ToString()) + "'. Slices, and the vectors they meet, must have one length in every iteration.";
            this.pendingSliceChecks.Add(new Branch(
                this.Extract(new[] { differs }),
                new Throw("new global::System.ArgumentException(" + SymbolDisplay.FormatLiteral(message, quote: true) + ", \"" + this.parameters[parameter].Name + "\")"),
                new Sequence(EquatableArray<Region>.Empty)));
        }

        int position = this.graph.Convert(offset, ScalarType.Long, Overflow.Default);
        return this.graph.Add(new Node(Op.Element, EquatableArray.Create(source, position), -1, Parameter: parameter));
    }

    /// <summary>Whether <paramref name="tensor"/> is a slice of a vector parameter in a method with loops or branches.</summary>
    private bool IsVectorSliceInLoops(int tensor)
        => this.controlFlow is not null && this.graph[tensor].Op == Op.Slice && !this.rowBlocks.ContainsKey(tensor) && !this.matrixBlocks.ContainsKey(tensor) && !this.graph.Domains[this.Find(this.graph[tensor].Domain)].IsMatrix;

    /// <summary>
    /// Whether <paramref name="tensor"/> is work of a slice's length in a method with loops (<c>(x[1..] * 2).FlattenedLength</c>),
    /// whose size is read from the slice itself; reports it.
    /// </summary>
    private bool SliceShapedInLoops(int tensor, SyntaxNode at)
    {
        if (this.controlFlow is null || !this.graph.Domains[this.Find(this.graph[tensor].Domain)].IsSlice)
        {
            return false;
        }

        this.Report(DiagnosticDescriptors.UnsupportedExpression, at, "The size '" + OneLine(at.ToString()) + "' of work on a slice, in a method with loops or branches,", "read the size of the slice itself, such as x[1..].FlattenedLength or x[1..].Lengths[0]");
        return true;
    }

    /// <summary>
    /// The length of a vector slice read as a size (<c>x[1..].FlattenedLength</c>, <c>x[..^2].Lengths[0]</c>) in a
    /// method with loops: its end less its start, the range checked where the size is read, as C# checks it. The slice
    /// itself (lowered since node <paramref name="before"/>) is not computed.
    /// </summary>
    private int SliceLength(int slice, int before)
    {
        this.MarkElementized(before);
        Node node = this.graph[slice];
        int last;
        int start;
        if (this.graph[node.Args[1]] is { Op: Op.SliceBounds } bounds)
        {
            last = bounds.Args[1];
            start = node.Args[1];
        }
        else
        {
            int length = this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: node.Parameter, Type: ScalarType.Long, Bits: 0));
            last = this.graph.Make(Op.Subtract, length, this.graph.Integer((long)node.Value - node.Bits, ScalarType.Long));
            start = this.graph.Add(new Node(Op.SliceBounds, EquatableArray.Create(this.graph.Integer(node.Bits, ScalarType.Long), last), -1, Parameter: node.Parameter, Type: ScalarType.Long));
        }

        return this.graph.Make(Op.Subtract, last, start);
    }

    /// <summary>The slice as written, or the vector's name where a whole vector is read in a slice's shape class.</summary>
    private string SliceText(int node)
    {
        foreach ((int id, ElementAccessExpressionSyntax syntax) in this.slices)
        {
            if (id == node)
            {
                return OneLine(syntax.ToString());
            }
        }

        return this.parameters[this.graph[node].Parameter].Name;
    }

    /// <summary>
    /// Adds the shape tests of the loop about to be added (its broadcasts, see <see cref="RequireShape"/>), then the
    /// length checks of the slices it reads, in the order they were read.
    /// </summary>
    private void FlushSliceChecks(List<Region> parts)
    {
        this.FlushShapeTests(parts);
        this.flushedShapeTests.Clear();
        parts.AddRange(this.pendingSliceChecks);
        this.pendingSliceChecks.Clear();
    }

    /// <summary>
    /// The number of elements of a slice's shape class, as an int: the vector's length less what its bounds drop (a
    /// constant, int parameters and sizes, the same in every iteration).
    /// </summary>
    private int SliceCount(Domain domain)
    {
        int count = this.graph.Make(Op.Subtract, this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: domain.Parameter, Type: ScalarType.Long, Bits: 0)), this.graph.Integer(domain.Trim, ScalarType.Long));
        foreach (ExtentTerm term in domain.Terms)
        {
            int atom = term.Axis switch
            {
                -1 => this.graph.Convert(this.graph.Add(Computation.Read(term.Parameter, this.controlFlow!.Slots[term.Parameter].Type)), ScalarType.Long, Overflow.Default),
                ExtentTerm.FlattenedLength => this.graph.Add(new Node(Op.Count, EquatableArray<int>.Empty, -1, Parameter: this.ParameterDomain(term.Parameter), Type: ScalarType.Long)),
                _ => this.graph.Add(new Node(Op.Length, EquatableArray<int>.Empty, -1, Parameter: term.Parameter, Type: ScalarType.Long, Bits: term.Axis)),
            };
            if (term.Divisor != 1)
            {
                atom = this.graph.Make(Op.Divide, atom, this.graph.Integer(term.Divisor, ScalarType.Long));
            }

            count = this.graph.Make(Op.Subtract, count, this.graph.Make(Op.Multiply, this.graph.Integer(term.Coefficient, ScalarType.Long), atom));
        }

        return this.graph.Convert(count, ScalarType.Int, Overflow.Default);
    }

    /// <summary>
    /// Whether a tensor local that holds a slice's shape class is assigned a whole vector's, or the reverse; reports it.
    /// Their lengths are counted differently, so the local keeps one kind.
    /// </summary>
    private bool MixesSliceAndWhole(int held, int domain, SyntaxNode at)
    {
        if (this.graph.Domains[this.Find(held)].IsSlice == this.graph.Domains[this.Find(domain)].IsSlice)
        {
            return false;
        }

        this.Report(DiagnosticDescriptors.UnsupportedExpression, at, "Assigning '" + OneLine(at.ToString()) + "' to a tensor local that held " + (this.graph.Domains[this.Find(held)].IsSlice ? "a slice" : "a whole vector") + ",", "give the local one kind of value: slices of one length in every assignment (h = x[i..(i + k)]), or whole vectors of one shape; use another local for the other");
        return true;
    }

    /// <summary>The shape class of tensor parameter <paramref name="parameter"/>, as its node holds it.</summary>
    private int ParameterDomain(int parameter)
    {
        for (int id = 0; id < this.graph.Count; id++)
        {
            if (this.graph[id] is { Op: Op.Parameter, Domain: >= 0 } node && node.Parameter == parameter)
            {
                return node.Domain;
            }
        }

        return -1;
    }
}
