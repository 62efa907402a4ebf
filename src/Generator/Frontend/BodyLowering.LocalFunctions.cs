using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// Local functions and lambdas assigned to locals (<c>Func&lt;double, double&gt; f = t =&gt; t * t;</c>), inlined where they
/// are called. Their bodies lower in the scope of the call, so a captured variable is read with the value it has at the
/// call, as C#'s closures read it. A body is an expression or straight statements ending in one <c>return</c>.
/// </summary>
internal sealed partial class BodyLowering
{
    // The lambda each delegate local was declared with.
    private readonly Dictionary<ISymbol, AnonymousFunctionExpressionSyntax> lambdas = new(SymbolEqualityComparer.Default);

    // The local functions and lambdas being inlined, innermost last: one met again is recursion.
    private readonly List<SyntaxNode> inlinedFunctions = new();

    /// <summary>Records a delegate local declared with a lambda: true if <paramref name="variable"/> is one.</summary>
    private bool DeclareLambda(ILocalSymbol local, VariableDeclaratorSyntax variable)
    {
        if (local.Type.TypeKind != TypeKind.Delegate || variable.Initializer?.Value is not AnonymousFunctionExpressionSyntax lambda)
        {
            return false;
        }

        this.lambdas[local.OriginalDefinition] = lambda;
        return true;
    }

    /// <summary>A call of a local function, or of a delegate local declared with a lambda; null for any other call.</summary>
    private int? LowerLocalCall(InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        SyntaxNode? function;
        IEnumerable<ParameterSyntax> parameters;
        SyntaxNode? body;
        string name;
        if (method.MethodKind == MethodKind.LocalFunction
            && method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(this.cancellationToken)).OfType<LocalFunctionStatementSyntax>().FirstOrDefault() is { } local)
        {
            function = local;
            parameters = local.ParameterList.Parameters;
            body = (SyntaxNode?)local.Body ?? local.ExpressionBody?.Expression;
            name = local.Identifier.ValueText;
        }
        else if (method.MethodKind == MethodKind.DelegateInvoke && invocation.Expression is IdentifierNameSyntax receiver
            && this.scope.Model.GetSymbolInfo(receiver, this.cancellationToken).Symbol is ILocalSymbol variable
            && this.lambdas.TryGetValue(variable.OriginalDefinition, out AnonymousFunctionExpressionSyntax? lambda))
        {
            function = lambda;
            parameters = lambda switch
            {
                SimpleLambdaExpressionSyntax simple => new[] { simple.Parameter },
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters,
                AnonymousMethodExpressionSyntax anonymous => anonymous.ParameterList?.Parameters ?? Enumerable.Empty<ParameterSyntax>(),
                _ => Enumerable.Empty<ParameterSyntax>(),
            };
            body = lambda.Body;
            name = variable.Name;
        }
        else
        {
            return null;
        }

        if (body is null)
        {
            this.unreadable = true;
            return Poison;
        }

        if (this.inlinedFunctions.Contains(function))
        {
            this.diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Recursion, LocationInfo.From(invocation), this.root.Name, name));
            return Poison;
        }

        // Arguments in C#'s order, in the caller's scope, then the body in the same scope with the parameters bound.
        var symbols = parameters.Select(p => this.scope.Model.GetDeclaredSymbol(p, this.cancellationToken)).ToList();
        List<ExpressionSyntax?> arguments = this.ArgumentsInOrder(invocation, method);
        var values = arguments.Select(a => a is null || a == invocation ? Poison : this.Lower(a)).ToList();
        if (symbols.Count != values.Count || symbols.Any(s => s is null))
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, invocation, "The call '" + invocation + "'", "pass one argument for each parameter of '" + name + "'");
            return Poison;
        }

        for (int i = 0; i < symbols.Count; i++)
        {
            this.scope.Bind(symbols[i]!, values[i]);
        }

        this.inlinedFunctions.Add(function);
        this.expressionInlines++;
        int result = body is BlockSyntax block
            ? this.LowerStatements(block.Statements, isMethodBody: true) ?? Poison
            : this.Lower((ExpressionSyntax)body);
        this.expressionInlines--;
        this.inlinedFunctions.RemoveAt(this.inlinedFunctions.Count - 1);

        // The value converts to the function's return type, as C# returns it.
        if (result != Poison && this.graph[result].IsScalar && this.TypeOf(method.ReturnType) is { } type && this.graph[result].Type != type)
        {
            result = this.Convert(result, type, invocation);
        }

        return result;
    }
}
