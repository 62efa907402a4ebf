using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// Element reads of tensor locals in a method with loops or branches: <c>h[i]</c>, <c>h[i, j]</c> and
/// <c>foreach (var v in h)</c>, where
/// <c>var h = x * 2;</c>. A tensor local holds its elements in a local array and has the shape of a parameter, so
/// each index is checked against that parameter's rank and length along its axis (as the tensor's indexer checks it
/// against the local's own, which are the same), and the element is read from the array at the row-major position.
/// </summary>
internal sealed partial class BodyLowering
{
    /// <summary>Whether <paramref name="node"/> is the read of a tensor local (see <see cref="TensorLocalRead"/>).</summary>
    private bool IsTensorLocalRead(int node)
    {
        Node n = this.graph[node];
        return n.Op == Op.Element && n.IsTensor && this.controlFlow is { } state && n.Parameter >= 0 && n.Parameter < state.Slots.Count && state.Slots[n.Parameter].IsArray
            && this.tensorLocalDomains.ContainsKey(n.Parameter);
    }

    /// <summary>The array slot of the tensor local <paramref name="expression"/> names, or null.</summary>
    private int? TensorLocalSlot(ExpressionSyntax expression)
        => this.tensorLocals.Count > 0 && expression is IdentifierNameSyntax
            && this.scope.Model.GetSymbolInfo(expression, this.cancellationToken).Symbol is ILocalSymbol local
            && this.tensorLocals.TryGetValue(local.OriginalDefinition, out int slot)
                ? slot
                : null;

    private int LowerTensorLocalElement(ElementAccessExpressionSyntax access, int local)
    {
        SeparatedSyntaxList<ArgumentSyntax> arguments = access.ArgumentList.Arguments;
        if (!this.RequireParameterShape(local, access))
        {
            return Poison;
        }

        int slot = this.graph[local].Parameter;
        int parameter = this.graph.Domains[this.Find(this.graph[local].Domain)].Parameter;
        int rank = arguments.Count;
        int position = Poison;
        for (int axis = 0; axis < rank; axis++)
        {
            int index = this.ElementIndex(arguments[axis].Expression, local, axis);
            if (index == Poison)
            {
                return Poison;
            }

            int check = this.graph.Add(new Node(Op.Index, EquatableArray.Create(index), -1, Value: rank, Parameter: parameter, Type: ScalarType.Long, Bits: axis));
            position = axis == 0 ? check : this.graph.Make(Op.Add, this.graph.Make(Op.Multiply, position, this.LengthOf(local, axis, access)), check);
        }

        return this.ArrayElement(slot, this.graph.Convert(position, ScalarType.Int, Overflow.Default));
    }
    /// <summary>
    /// Computes, ahead of the loop that assigns tensor local <paramref name="slot"/>, each scalar operand of
    /// <paramref name="tensor"/> that reads one of its elements (<c>h = x * h[0]</c>): C# reads it once, before the new
    /// tensor exists, where the loop would read it again after writing the element. The operands map to their slots'
    /// reads in <paramref name="memo"/>. False if one cannot be computed (reported).
    /// </summary>
    private bool HoistElementReads(int tensor, int slot, Dictionary<int, int> memo, SyntaxNode at)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(tensor);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (!seen.Add(id))
            {
                continue;
            }

            Node n = this.graph[id];
            if (n.IsScalar)
            {
                if (!ReadsElementOf(this.graph, id, slot))
                {
                    continue;
                }

                int value = this.Scalarize(id, at);
                if (value == Poison)
                {
                    return false;
                }

                int hold = this.NewSlot("read" + (++this.conditionalSlots).ToString(CultureInfo.InvariantCulture), n.Type);
                this.regionParts!.Add(new Block(this.Extract(new[] { value }), EquatableArray.Create(hold)));
                memo[id] = this.graph.Add(Computation.Read(hold, n.Type));
                continue;
            }

            foreach (int arg in n.Args)
            {
                stack.Push(arg);
            }
        }

        return true;
    }

    /// <summary>Whether scalar <paramref name="node"/> reads an element of the local array in <paramref name="slot"/>.</summary>
    private static bool ReadsElementOf(GraphBuilder graph, int node, int slot)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (!seen.Add(id))
            {
                continue;
            }

            Node n = graph[id];
            if (n.Op == Op.Element && n.IsScalar && n.Parameter == slot)
            {
                return true;
            }

            foreach (int arg in n.Args)
            {
                stack.Push(arg);
            }
        }

        return false;
    }
}
