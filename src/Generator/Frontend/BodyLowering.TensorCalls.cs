using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// Calls to [Differentiable] methods with loops or branches whose bodies work on whole tensors. Such a callee is inlined
/// as regions (its tensor locals and reductions become loops over elements, as in its own generated code), so its
/// caller takes regions too. A tensor argument is read element by element inside the callee's loops: it must be a
/// parameter, a tensor local, a slice of a vector parameter (a view, read at its offset), or an element-wise expression
/// of them.
/// </summary>
internal sealed partial class BodyLowering
{
    /// <summary>
    /// Whether every tensor argument in <paramref name="bindings"/> can be read element by element where the callee
    /// reads it; the nodes lowered for the arguments since <paramref name="before"/> are then loops' work. Reports each
    /// one that cannot, at the argument.
    /// </summary>
    private bool ElementwiseArguments(List<(ISymbol Symbol, int Value)> bindings, List<ExpressionSyntax?> arguments, InvocationExpressionSyntax invocation, int before)
    {
        bool ok = true;
        var memo = new Dictionary<int, bool>();
        for (int i = 0; i < bindings.Count; i++)
        {
            int value = bindings[i].Value;
            if (value == Poison || this.graph[value].IsScalar)
            {
                continue;
            }

            SyntaxNode at = (SyntaxNode?)arguments[i] ?? invocation;
            if (!this.IsElementwiseTensor(value, memo))
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, at, "The tensor argument '" + at + "' of the call '" + invocation + "', which has loops or branches,", "pass a parameter, a tensor local, or an element-wise expression of them, slices of vector parameters (x[1..], u[t..(t + 1)]) and scalars (x * y, Exp(h) + c); assign a reduction to a local first (double s = Sum(y);)");
                ok = false;
            }
            else if (!this.RequirePlainDomain(value, at))
            {
                ok = false;
            }
        }

        // Reported here if at all: the statement's check of whole-tensor work does not report the arguments again.
        this.MarkElementized(before);
        if (!ok)
        {
            this.controlFlow!.Poisoned = true;
        }

        return ok;
    }

    /// <summary>Whether tensor <paramref name="node"/> is parameters, slices of vectors, tensor locals and scalars of no tensor combined element-wise.</summary>
    private bool IsElementwiseTensor(int node, Dictionary<int, bool> memo)
    {
        if (memo.TryGetValue(node, out bool known))
        {
            return known;
        }

        Node n = this.graph[node];
        bool result;
        if (n.IsScalar)
        {
            result = !this.ReadsTensor(node, new HashSet<int>());
        }
        else if (n.Op is Op.Parameter or Op.Element || this.IsVectorSliceInLoops(node))
        {
            // A slice of a vector is a view: the callee reads its elements at the slice's offset, its range checked there.
            result = true;
        }
        else if (n.Op is Op.Broadcast or Op.LoopBroadcast || (Primitives.Of(n.Op).Kind is PrimitiveKind.Elementwise or PrimitiveKind.Comparison or PrimitiveKind.Logic && n.Op is not (Op.Index or Op.SliceBounds)))
        {
            result = true;
            foreach (int arg in n.Args)
            {
                result &= this.IsElementwiseTensor(arg, memo);
            }
        }
        else
        {
            result = false;
        }

        memo[node] = result;
        return result;
    }

    /// <summary>Whether scalar <paramref name="node"/> is computed from a tensor (a reduction), other than by an element read.</summary>
    private bool ReadsTensor(int node, HashSet<int> seen)
    {
        if (!seen.Add(node))
        {
            return false;
        }

        Node n = this.graph[node];
        if (n.IsTensor)
        {
            return true;
        }

        if (n.Op == Op.Element)
        {
            return false;
        }

        foreach (int arg in n.Args)
        {
            if (this.ReadsTensor(arg, seen))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reports a call to a method with loops or branches from a method that cannot take regions itself (it returns a
    /// tensor or takes int labels), at the root's own call that leads to it, as recursion is: the callee compiles on its own.
    /// </summary>
    private void ReportCallNeedingRegions(InvocationExpressionSyntax invocation, IMethodSymbol callee)
    {
        bool direct = this.callStack.Count == 1;
        SyntaxNode at = direct ? invocation : this.rootCallSite ?? invocation;
        this.unreadable = true;
        this.diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.UnsupportedExpression,
            LocationInfo.From(at),
            "The call '" + at + "'" + (direct ? string.Empty : ", which leads to the call '" + invocation + "',") + " to a method with loops or branches, in '" + this.root.Name + "',",
            "loops and branches, and calls to methods with them, are supported in the body of a method that returns float or double; int labels (an int[], ReadOnlySpan<int>, ReadOnlyTensorSpan<int> or Tensor<int>) are fine read only by element or passed to CrossEntropy; call '" + callee.Name + "' from such a method"));
    }
}
