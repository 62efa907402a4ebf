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

/// <summary>Calls: the vocabulary of TensorMath and Math, and [Differentiable] methods inlined.</summary>
internal sealed partial class BodyLowering
{
    private int LowerInvocation(InvocationExpressionSyntax invocation)
    {
        if (this.scope.Model.GetSymbolInfo(invocation, this.cancellationToken).Symbol is not IMethodSymbol method)
        {
            if (invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" })
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'nameof'", "compute a number from the parameters");
                return Poison;
            }

            if (invocation.Expression is MemberAccessExpressionSyntax receiver
                && this.scope.Model.GetTypeInfo(receiver.Expression, this.cancellationToken).Type is { TypeKind: TypeKind.Dynamic })
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "A dynamic call", "give the parameter a tensor or scalar type");
                return Poison;
            }

            this.unreadable = true;
            return Poison;
        }

        // An extension method called as a.M(b) is M(a, b): its receiver is the first argument.
        method = method.ReducedFrom ?? method;
        if (this.LowerLocalCall(invocation, method) is { } local)
        {
            return local;
        }

        string type = method.ContainingType?.ToDisplayString() ?? string.Empty;
        string display = method.ContainingType?.Name + "." + method.Name;
        List<ExpressionSyntax?> arguments = this.ArgumentsInOrder(invocation, method);

        if (method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Vocabulary.DifferentiableAttribute))
        {
            return this.Inline(invocation, method, arguments);
        }

        if (method.IsStatic && type == Vocabulary.TensorMathType)
        {
            return this.LowerVocabularyCall(invocation, method.Name, display, Vocabulary.TensorMathComposite(method.Name), arguments);
        }

        if (method.IsStatic && type == Vocabulary.TensorType)
        {
            if (Vocabulary.TensorBinary(method.Name) is { } binaryOp && arguments.Count == 2 && !method.ReturnsVoid && method.Parameters.All(IsReadOnlyParameter))
            {
                int left = this.LowerArgument(arguments[0]);
                int right = this.LowerArgument(arguments[1]);
                return binaryOp == Op.Pow ? this.Pow(left, right, invocation, arguments[1]) : this.Arithmetic(binaryOp, left, right, invocation);
            }

            if (method.Parameters.All(IsReadOnlyParameter) && !method.ReturnsVoid)
            {
                return this.LowerVocabularyCall(invocation, method.Name, display, Vocabulary.TensorComposite(method.Name), arguments);
            }
        }

        if (method.IsStatic && Vocabulary.IsScalarMathType(type) && this.LowerScalarMath(invocation, method, arguments) is { } math)
        {
            return math;
        }

        if (method.IsStatic && Vocabulary.IsScalarMathType(type))
        {
            return this.LowerVocabularyCall(invocation, method.Name, display, Vocabulary.ScalarComposite(method.Name), arguments);
        }

        if (this.IsTensorMutator(invocation, out string tensor, out string call))
        {
            this.Report(DiagnosticDescriptors.TensorMutation, invocation, call, tensor);
            return Poison;
        }

        if (Vocabulary.IsEffectfulType(type))
        {
            this.Report(DiagnosticDescriptors.SideEffect, invocation, "Calling '" + display + "'");
            return Poison;
        }

        this.Report(DiagnosticDescriptors.UnsupportedCall, invocation, display, Vocabulary.Functions);
        return Poison;
    }

    /// <summary>Tensor functions take their inputs by value or by <c>in</c>; an output span marks a writing overload.</summary>
    private static bool IsReadOnlyParameter(IParameterSymbol parameter)
        => parameter.RefKind is RefKind.None or RefKind.In or RefKind.RefReadOnlyParameter
            && !(TypeFacts.TensorElement(parameter.Type, out _, out bool writable) is not null && writable);

    private bool IsTensorMutator(InvocationExpressionSyntax invocation, out string tensor, out string call)
    {
        tensor = string.Empty;
        call = string.Empty;
        if (invocation.Expression is MemberAccessExpressionSyntax member
            && this.scope.Model.GetSymbolInfo(invocation, this.cancellationToken).Symbol is IMethodSymbol { IsStatic: false } method
            && TypeFacts.IsTensor(this.scope.Model.GetTypeInfo(member.Expression, this.cancellationToken).Type)
            && method.Name is "Fill" or "Clear" or "CopyTo" or "TryCopyTo" or "FlattenTo" or "TryFlattenTo" or "SetSlice")
        {
            tensor = member.Expression.ToString();
            call = "Calling '" + method.Name + "'";
            return true;
        }

        return false;
    }

    private int LowerVocabularyCall(InvocationExpressionSyntax invocation, string name, string display, Vocabulary.Composite composite, List<ExpressionSyntax?> arguments)
    {
        switch (composite)
        {
            case Vocabulary.Composite.Sum when arguments.Count == 1:
                return this.Sum(this.LowerArgument(arguments[0]));
            case Vocabulary.Composite.Mean when arguments.Count == 1:
                return this.Mean(this.LowerArgument(arguments[0]));
            case Vocabulary.Composite.Dot when arguments.Count == 2:
                this.shapes.OneShape = true;
                return this.Sum(this.Arithmetic(Op.Multiply, this.LowerArgument(arguments[0]), this.LowerArgument(arguments[1]), invocation));
            case Vocabulary.Composite.Mse when arguments.Count == 2:
                this.shapes.OneShape = true;
                return this.Mean(this.Make(Op.Square, this.Arithmetic(Op.Subtract, this.LowerArgument(arguments[0]), this.LowerArgument(arguments[1]), invocation)));
            case Vocabulary.Composite.LogSumExp when arguments.Count == 1:
                return this.LogSumExp(this.LowerArgument(arguments[0]));
            case Vocabulary.Composite.Max or Vocabulary.Composite.Min when arguments.Count == 2:
                int a = this.LowerArgument(arguments[0]);
                int b = this.LowerArgument(arguments[1]);
                if (!this.RequireScalar(a, arguments[0], name, "use Maximum(a, b) or Minimum(a, b) for tensors") | !this.RequireScalar(b, arguments[1], name, "use Maximum(a, b) or Minimum(a, b) for tensors"))
                {
                    return Poison;
                }

                if (this.graph[a].Type.IsFloating() && this.graph[b].Type.IsFloating())
                {
                    // Math.Max and Math.Min are IEEE 754's maximum and minimum: NaN if either is NaN, +0 above -0.
                    return this.Make(composite == Vocabulary.Composite.Max ? Op.Maximum : Op.Minimum, a, b);
                }

                return this.Make(Op.Select, this.Make(composite == Vocabulary.Composite.Max ? Op.GreaterOrEqual : Op.LessOrEqual, a, b), a, b);
            case Vocabulary.Composite.TensorMax or Vocabulary.Composite.TensorMin when arguments.Count == 1:
                int extreme = this.LowerArgument(arguments[0]);
                if (!this.RequireTensor(extreme, arguments[0], name))
                {
                    return Poison;
                }

                // Min(x) = -Max(-x): the same value exactly, and amin's gradient from amax's.
                return composite == Vocabulary.Composite.TensorMax
                    ? this.graph.Make(Op.Max, extreme)
                    : this.graph.Make(Op.Negate, this.graph.Make(Op.Max, this.graph.Make(Op.Negate, extreme)));
            case Vocabulary.Composite.Where when arguments.Count == 3:
                return this.Elementwise(Op.Select, arguments.Select(this.LowerArgument).ToArray(), invocation);
            case Vocabulary.Composite.BinaryCrossEntropyWithLogits when arguments.Count == 2 && this.controlFlow is not null:
                return this.LoopLoss(invocation, "BinaryCrossEntropyWithLogits", arguments);
            case Vocabulary.Composite.BinaryCrossEntropyWithLogits when arguments.Count == 2:
                return this.BinaryCrossEntropyWithLogits(this.LowerArgument(arguments[0]), this.LowerArgument(arguments[1]), invocation);
            case Vocabulary.Composite.MatMul when arguments.Count == 2 && this.controlFlow is not null:
                return this.LoopMatMul(arguments, invocation);
            case Vocabulary.Composite.MatMul when arguments.Count == 2:
                return this.MatMul(this.LowerProductOperand(arguments[0], column: false), this.LowerProductOperand(arguments[1], column: true), arguments);
            case Vocabulary.Composite.Transpose when arguments.Count == 1 && this.controlFlow is not null && arguments[0] is { } operand:
                int loopTransposed = this.LowerArgument(operand);
                return loopTransposed == Poison ? Poison : this.LoopTranspose(loopTransposed, operand, invocation);
            case Vocabulary.Composite.Transpose when arguments.Count == 1:
                int transposed = this.LowerArgument(arguments[0]);
                if (transposed != Poison && !this.NotFolded(transposed, invocation, "a transpose"))
                {
                    return Poison;
                }

                if (transposed != Poison && this.IsAxisVector(transposed))
                {
                    this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "' of a vector made by a reduction along an axis (rank 1)", "pass keepDims: true to the reduction, which gives a [rows, 1] column or a [1, columns] row, and transpose that matrix");
                    return Poison;
                }

                return this.RequireTensor(transposed, arguments[0], "Transpose") && this.NotReshapedVector(transposed, invocation, "transpose a matrix") ? this.Transpose(transposed) : Poison;
        }

        if (display == "TensorMath." + name && this.LowerAxisCall(invocation, name, arguments) is { } axisCall)
        {
            return axisCall;
        }

        if (name == "Pow" && arguments.Count == 2)
        {
            return this.Pow(this.LowerArgument(arguments[0]), this.LowerArgument(arguments[1]), invocation, arguments[1]);
        }

        if (Vocabulary.Unary(name) is { } unary && arguments.Count == 1)
        {
            return this.Make(unary, this.LowerArgument(arguments[0]));
        }

        if (display == "TensorMath." + name && arguments.Count > 1 && Primitives.Callable(name, arguments.Count) is { } elementwise)
        {
            return this.Elementwise(elementwise, arguments.Select(this.LowerArgument).ToArray(), invocation);
        }

        if (display == "TensorMath." + name && Vocabulary.NotDifferentiableYet(name, arguments.Count) is { } instead)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "'" + invocation + "' (TensorMath." + name + ", which runs eagerly)", "it is not differentiable yet; " + instead);
            return Poison;
        }

        this.Report(DiagnosticDescriptors.UnsupportedCall, invocation, display, Vocabulary.Functions);
        return Poison;
    }

    private int LowerArgument(ExpressionSyntax? argument) => argument is null ? Poison : this.Lower(argument);

    private List<ExpressionSyntax?> ArgumentsInOrder(InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        var ordered = new ExpressionSyntax?[method.Parameters.Length];
        SeparatedSyntaxList<ArgumentSyntax> written = invocation.ArgumentList.Arguments;
        if (written.Count == ordered.Length && !method.Parameters.Any(p => p.IsParams) && !written.Any(a => a.NameColon is not null))
        {
            // One argument per parameter, in order. Asking the compiler's operations instead would build them for the
            // whole body at once, recursively, and calls nested thousands deep would overflow the stack there.
            for (int i = 0; i < written.Count; i++)
            {
                ordered[i] = written[i].Expression;
            }
        }
        else if (this.scope.Model.GetOperation(invocation, this.cancellationToken) is IInvocationOperation operation)
        {
            foreach (IArgumentOperation argument in operation.Arguments)
            {
                if (argument.Parameter is { } parameter && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    ordered[parameter.Ordinal] = argument.Syntax is ArgumentSyntax a ? a.Expression : argument.Value.Syntax as ExpressionSyntax;
                }
                else if (argument.Parameter is { } withDefault && argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    ordered[withDefault.Ordinal] = invocation;
                }
            }
        }
        else
        {
            for (int i = 0; i < invocation.ArgumentList.Arguments.Count && i < ordered.Length; i++)
            {
                ordered[i] = invocation.ArgumentList.Arguments[i].Expression;
            }
        }

        return ordered.ToList();
    }

    private int Inline(InvocationExpressionSyntax invocation, IMethodSymbol callee, List<ExpressionSyntax?> arguments)
    {
        if (this.CheckCallee(invocation, callee) is not { } declaration)
        {
            return Poison;
        }

        if (this.controlFlow is null && TypeFacts.Element(callee.ReturnType) is not null && this.NeedsRegions(callee, declaration))
        {
            // The callee compiles with its regions; this method cannot take them (a callee returning a tensor reports its own loops).
            this.ReportCallNeedingRegions(invocation, callee);
            return Poison;
        }

        if (this.controlFlow is not null && this.NeedsRegions(callee, declaration))
        {
            // Its regions go ahead of the statement (HoistCall); a loop's condition or a 'for' iterator has no such place.
            this.Report(
                DiagnosticDescriptors.UnsupportedExpression,
                invocation,
                "The call '" + invocation + "' to a method with loops or branches, here,",
                "assign its value to a local in a statement of its own (before the loop and again at the end of its body, for a loop's condition) and use the local");
            return Poison;
        }

        List<(ISymbol Symbol, int Value)> bindings = this.BindArguments(invocation, callee, declaration, arguments);

        Scope caller = this.scope;
        this.scope = new Scope(this.scope.Model.Compilation.GetSemanticModel(declaration.SyntaxTree));
        foreach ((ISymbol symbol, int value) in bindings)
        {
            this.scope.Bind(symbol, value);
        }

        if (this.callStack.Count == 1)
        {
            this.rootCallSite = invocation;
            this.rootCallee = callee.Name;
            this.calleeProblem = null;
        }

        // A checked context does not reach into a called method's body: the callee computes in the project's default.
        Overflow callerOverflow = this.overflow;
        this.overflow = Overflow.Default;
        this.callStack.Add(callee.OriginalDefinition);
        this.expressionInlines++;
        int result = this.LowerBody(declaration);
        this.expressionInlines--;
        this.callStack.RemoveAt(this.callStack.Count - 1);
        this.overflow = callerOverflow;
        this.scope = caller;
        if (this.callStack.Count == 1 && this.calleeProblem is { } problem)
        {
            // The callee reports the problem at its construct; the caller, which gets no code either, says why at its call.
            this.Report(
                DiagnosticDescriptors.UnsupportedExpression,
                invocation,
                "The call '" + invocation + "'",
                "it inlines [Differentiable] method '" + callee.Name + "', which meets " + problem.Id + " in '" + problem.Method + "', reported there: " + problem.Message);
            return Poison;
        }

        return result;
    }

    /// <summary>The declaration to inline for a call to <paramref name="callee"/>; null, reported, for recursion or a mismatched element type.</summary>
    private MethodDeclarationSyntax? CheckCallee(InvocationExpressionSyntax invocation, IMethodSymbol callee)
    {
        IMethodSymbol definition = callee.OriginalDefinition;
        if (this.callStack.Contains(definition, SymbolEqualityComparer.Default))
        {
            // Reported at the root method's own call that leads into the cycle, so each method of a cycle gets it.
            bool direct = this.callStack.Count == 1;
            this.diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.Recursion,
                LocationInfo.From(direct ? invocation : this.rootCallSite ?? invocation),
                this.root.Name,
                direct ? callee.Name : this.rootCallee ?? callee.Name));
            return null;
        }

        // A callee returns a scalar or, like a layer, a Tensor<T>; either way it computes in the caller's element type.
        ElementKind? returned = TypeFacts.Element(callee.ReturnType) ?? TypeFacts.ReturnedTensorElement(callee.ReturnType);
        if (returned != this.element)
        {
            this.Report(DiagnosticDescriptors.ElementTypeMismatch, invocation, callee.Name + "(...)", returned?.Keyword() ?? callee.ReturnType.ToDisplayString(), this.root.Name, this.element.Keyword());
            return null;
        }

        MethodDeclarationSyntax? declaration = callee.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(this.cancellationToken))
            .OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(m => m.Body is not null || m.ExpressionBody is not null);
        if (declaration is null)
        {
            this.Report(DiagnosticDescriptors.UnsupportedCall, invocation, callee.ContainingType.Name + "." + callee.Name + " (declared without source in this compilation)", Vocabulary.Functions);
            return null;
        }

        return declaration;
    }

    /// <summary>The callee's parameters with the values of their arguments, lowered in C#'s order (an omitted one's default).</summary>
    private List<(ISymbol Symbol, int Value)> BindArguments(InvocationExpressionSyntax invocation, IMethodSymbol callee, MethodDeclarationSyntax declaration, List<ExpressionSyntax?> arguments)
    {
        var bindings = new List<(ISymbol Symbol, int Value)>();
        for (int i = 0; i < callee.Parameters.Length; i++)
        {
            IParameterSymbol parameter = callee.Parameters[i];
            ExpressionSyntax? argument = arguments[i];
            int value;
            if (argument == invocation)
            {
                if (parameter.HasExplicitDefaultValue && this.ConstantOf(parameter.ExplicitDefaultValue) is { } fallback && this.TypeOf(parameter.Type) is { } parameterType)
                {
                    value = this.Convert(fallback, parameterType, invocation);
                }
                else if (Reads(declaration, parameter))
                {
                    // A default tensor (or null) has no elements to inline: without this the caller silently gets no code.
                    this.Report(
                        DiagnosticDescriptors.UnsupportedExpression,
                        invocation,
                        "The call to '" + callee.Name + "' without argument '" + parameter.Name + "'",
                        "pass '" + parameter.Name + "' explicitly: SymGrad inlines '" + callee.Name + "', and only a number can stand in for an omitted argument");
                    value = Poison;
                }
                else
                {
                    // Never read, so nothing stands in for it.
                    value = Poison;
                }
            }
            else
            {
                value = this.LowerArgument(argument);
            }

            // A callee's [NoGrad] only drops that gradient from the callee's own generated methods; inlined, the
            // caller's derivative flows through it, so no gradient is silently zero.
            bindings.Add((parameter.OriginalDefinition, value));
        }

        return bindings;
    }

    /// <summary>Whether <paramref name="declaration"/>'s body names <paramref name="parameter"/>.</summary>
    private bool Reads(MethodDeclarationSyntax declaration, IParameterSymbol parameter)
    {
        SemanticModel model = this.scope.Model.Compilation.GetSemanticModel(declaration.SyntaxTree);
        return declaration.DescendantNodes().OfType<IdentifierNameSyntax>().Any(name =>
            name.Identifier.ValueText == parameter.Name
            && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, this.cancellationToken).Symbol?.OriginalDefinition, parameter.OriginalDefinition));
    }

    private int Sum(int operand)
    {
        if (operand == Poison)
        {
            return Poison;
        }

        return this.graph[operand].IsScalar ? operand : this.graph.Make(Op.Sum, operand);
    }

    private int Mean(int operand)
    {
        if (operand == Poison)
        {
            return Poison;
        }

        Node node = this.graph[operand];
        return node.IsScalar ? operand : this.graph.Make(Op.Divide, this.graph.Make(Op.Sum, operand), this.graph.ElementCount(node.Domain));
    }

    private int LogSumExp(int operand)
    {
        if (operand == Poison || this.graph[operand].IsScalar)
        {
            return operand;
        }

        // Shift by the maximum so no exponential overflows; the shift cancels, so no gradient flows through it.
        // An infinite maximum is not shifted (all -inf gives log 0 = -inf; +inf gives +inf).
        int domain = this.graph[operand].Domain;
        int max = this.graph.Make(Op.StopGradient, this.graph.Make(Op.Max, operand));
        int infinite = this.graph.Make(Op.Equal, this.graph.Make(Op.Abs, max), this.graph.Constant(double.PositiveInfinity));
        int shift = this.graph.Make(Op.Select, infinite, this.graph.Constant(0), max);
        int shifted = this.graph.Make(Op.Subtract, operand, this.graph.Broadcast(shift, domain));
        return this.graph.Make(Op.Add, shift, this.graph.Make(Op.Log, this.graph.Make(Op.Sum, this.graph.Make(Op.Exp, shifted))));
    }
}
