using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// <c>foreach (T v in x)</c> over a tensor parameter: a counted loop over its dense elements in row-major order, the
/// order <c>ReadOnlyTensorSpan</c>'s enumerator gives. A hidden slot counts the position; the iteration variable, which
/// C# does not let the body assign, is the element read there.
/// </summary>
internal sealed partial class BodyLowering
{
    private Region LowerForEach(ForEachStatementSyntax loop, out Exits exits)
    {
        exits = Exits.None;
        ControlFlowState state = this.controlFlow!;
        if ((this.ArrayOf(loop.Expression) ?? this.TensorLocalSlot(loop.Expression)) is { } array)
        {
            // A tensor local's elements are a local array, in row-major order: the order its enumerator gives.
            return this.LowerForEachElementOf(loop, array, out exits);
        }

        int tensor = this.IsTensorExpression(loop.Expression) ? this.LowerValue(loop.Expression) : Poison;
        if (tensor == Poison || this.graph[tensor].Op != Op.Parameter || !this.graph[tensor].IsTensor)
        {
            this.Report(DiagnosticDescriptors.UnsupportedStatement, loop, "A 'foreach' loop over '" + loop.Expression + "'", "loop over the elements of a tensor parameter or a tensor local (foreach (var v in x)), or over the indexes with 'for (int i = 0; i < n; i++)'");
            state.Poisoned = true;
            return new Sequence(EquatableArray<Region>.Empty);
        }

        if (this.scope.Model.GetDeclaredSymbol(loop, this.cancellationToken) is not ILocalSymbol variable || this.TypeOf(variable.Type) != ScalarType.Element)
        {
            this.Report(DiagnosticDescriptors.UnsupportedStatement, loop.Type, "A 'foreach' variable of type '" + loop.Type + "'", "declare it with the tensor's element type, or 'var', and convert inside the body");
            state.Poisoned = true;
            return new Sequence(EquatableArray<Region>.Empty);
        }

        var parts = new List<Region>();
        int position = this.NewSlot(variable.Name + "Position", ScalarType.Long);
        parts.Add(new Block(this.Extract(new[] { this.graph.Integer(0, ScalarType.Long) }), EquatableArray.Create(position)));

        int read = this.graph.Add(Computation.Read(position, ScalarType.Long));
        int count = this.graph.Add(new Node(Op.Count, EquatableArray<int>.Empty, -1, Parameter: this.Find(this.graph[tensor].Domain), Type: ScalarType.Long));
        Computation condition = this.Extract(new[] { this.graph.Make(Op.Less, read, count) });

        // The position changes only in the step, so the element read stands for the variable in every block of the body.
        this.scope.Bind(variable, this.graph.Add(new Node(Op.Element, EquatableArray.Create(tensor, read), -1, Parameter: this.graph[tensor].Parameter)));
        Region body = this.LowerLoopBody(loop.Statement, out Exits bodyExits);

        Region step = new Block(this.Extract(new[] { this.graph.Make(Op.Add, read, this.graph.Integer(1, ScalarType.Long)) }), EquatableArray.Create(position));
        if (bodyExits != Exits.None)
        {
            // After a break or a return the step does not run; after a continue it does (the loop resets it first).
            step = new Guard(step);
        }

        parts.Add(new Loop(condition, body, step, TestAfter: false, "foreach (" + loop.Type + " " + loop.Identifier + " in " + loop.Expression + ")"));
        exits = bodyExits & Exits.Return;
        return Combine(parts);
    }

    /// <summary>
    /// <c>foreach</c> over a local array: as C# lowers it, a loop over the indexes that copies each element into the
    /// iteration variable where the iteration starts (a write to the array later in the body does not change it).
    /// </summary>
    private Region LowerForEachElementOf(ForEachStatementSyntax loop, int array, out Exits exits)
    {
        exits = Exits.None;
        ControlFlowState state = this.controlFlow!;
        ScalarType type = state.Slots[array].Type;
        bool reassigned = loop.Statement.DescendantNodesAndSelf().OfType<AssignmentExpressionSyntax>()
            .Any(a => a.Left is IdentifierNameSyntax name && name.Identifier.ValueText == ((IdentifierNameSyntax)loop.Expression).Identifier.ValueText);
        if (this.scope.Model.GetDeclaredSymbol(loop, this.cancellationToken) is not ILocalSymbol variable || this.TypeOf(variable.Type) != type || reassigned)
        {
            this.Report(
                DiagnosticDescriptors.UnsupportedStatement,
                loop,
                reassigned ? "A 'foreach' over the local array '" + loop.Expression + "' that its body creates anew" : "A 'foreach' variable of type '" + loop.Type + "' over the local array '" + loop.Expression + "'",
                reassigned ? "loop over its indexes: for (int i = 0; i < " + loop.Expression + ".Length; i++)" : "declare it with the array's element type, or 'var', and convert inside the body");
            state.Poisoned = true;
            return new Sequence(EquatableArray<Region>.Empty);
        }

        var parts = new List<Region>();
        int position = this.NewSlot(variable.Name + "Position", ScalarType.Int);
        int current = this.NewSlot(variable.Name, type);
        parts.Add(new Block(this.Extract(new[] { this.graph.Integer(0, ScalarType.Int) }), EquatableArray.Create(position)));

        int read = this.graph.Add(Computation.Read(position, ScalarType.Int));
        Computation condition = this.Extract(new[] { this.graph.Make(Op.Less, read, this.ArrayLength(array)) });
        var first = new Block(this.Extract(new[] { this.ArrayElement(array, read) }), EquatableArray.Create(current));
        this.scope.Bind(variable, this.graph.Add(Computation.Read(current, type)));
        Region body = this.LowerLoopBody(loop.Statement, out Exits bodyExits);

        Region step = new Block(this.Extract(new[] { this.graph.Make(Op.Add, read, this.graph.Integer(1, ScalarType.Int)) }), EquatableArray.Create(position));
        if (bodyExits != Exits.None)
        {
            step = new Guard(step);
        }

        parts.Add(new Loop(condition, new Sequence(EquatableArray.Create<Region>(first, body)), step, TestAfter: false, "foreach (" + loop.Type + " " + loop.Identifier + " in " + loop.Expression + ")"));
        exits = bodyExits & Exits.Return;
        return Combine(parts);
    }
}
