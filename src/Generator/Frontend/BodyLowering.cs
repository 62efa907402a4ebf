using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
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

/// <summary>
/// Lowers a method body to IR: statements bind locals, expressions become nodes, calls to other [Differentiable]
/// methods are inlined. Every construct it cannot read gets an SG diagnostic at its own location; lowering then
/// goes on with a poison value so one pass reports every problem.
/// </summary>
internal sealed partial class BodyLowering
{
    /// <summary>The lowered method: its graph, the node of its value, and the shape checks its operations need.</summary>
    internal sealed record Output(Graph Graph, int Result, EquatableArray<ShapeCheck> ShapeChecks, EquatableArray<DimCheck> DimChecks, EquatableArray<int> MatrixParameters, StructuredBody? StructuredBody = null, EquatableArray<VectorOperand> VectorOperands = default, EquatableArray<int> VectorParameters = default, EquatableArray<int> RankThreeParameters = default)
    {
        /// <summary>The matrix parameters that may be vectors at run time, never a default array (the model walk enumerates it).</summary>
        public EquatableArray<VectorOperand> VectorOperands { get; init; } = VectorOperands.Count == 0 ? EquatableArray<VectorOperand>.Empty : VectorOperands;
    }

    /// <summary>Stands for a value that could not be lowered; operations on it stay poison without new diagnostics.</summary>
    private const int Poison = -1;

    private readonly IMethodSymbol root;
    private readonly ElementKind element;
    private readonly ImmutableArray<ParameterModel> parameters;
    private readonly List<DiagnosticInfo> diagnostics;
    private readonly CancellationToken cancellationToken;
    private readonly GraphBuilder graph = new();
    private readonly Shapes.ShapeClasses shapes;
    private readonly Dictionary<(int Node, int Domain), int> expanded = new();
    private readonly List<IMethodSymbol> callStack = new();

    // Int label parameters, by symbol: data an operation takes (CrossEntropy), never a value of the body.
    private readonly Dictionary<ISymbol, int> labelParameters = new(SymbolEqualityComparer.Default);

    // Left operands of long chains, lowered before the chain's outer operators ask for them (see LowerLeftOperandsAhead).
    private readonly Dictionary<ExpressionSyntax, int> loweredAhead = new();
    private Scope scope;
    private bool unreadable;

    /// <summary>The <c>checked</c> or <c>unchecked</c> context around the expression being lowered.</summary>
    private Overflow overflow = Overflow.Default;

    // The expression being lowered, for a diagnostic if the stack runs out.
    private ExpressionSyntax? lowering;
    private InvocationExpressionSyntax? rootCallSite;
    private string? rootCallee;

    /// <summary>The variables each method body lowered writes outside declarations (see <see cref="AssignedIn"/>), by member.</summary>
    private readonly Dictionary<SyntaxNode, HashSet<ISymbol>> assignedIn = new();

    // The first problem inside the callee being inlined at the root's current call: its ID, the method it is in, its message.
    private (string Id, string Method, string Message)? calleeProblem;

    public BodyLowering(SemanticModel model, IMethodSymbol root, ElementKind element, ImmutableArray<ParameterModel> parameters, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        this.root = root;
        this.element = element;
        this.parameters = parameters;
        this.diagnostics = diagnostics;
        this.cancellationToken = cancellationToken;
        this.scope = new Scope(model);
        this.shapes = new Shapes.ShapeClasses(this.graph);
        for (int i = 0; i < root.Parameters.Length; i++)
        {
            ParameterModel parameter = parameters[i];
            if (parameter.Kind == ParameterKind.Labels)
            {
                this.labelParameters[root.Parameters[i].OriginalDefinition] = i;
                if (root.PartialImplementationPart is { } part)
                {
                    this.labelParameters[part.Parameters[i].OriginalDefinition] = i;
                }

                continue;
            }

            int domain = parameter.IsTensor ? this.NewDomain(i) : -1;

            // A scalar computes in its own type (an int stays an int); bool and decimal keep the element type.
            ScalarType type = parameter.IsTensor ? ScalarType.Element : this.TypeOf(root.Parameters[i].Type) ?? ScalarType.Element;
            int node = this.graph.Add(new Node(Op.Parameter, EquatableArray<int>.Empty, domain, Parameter: i, Type: type));
            this.scope.Bind(root.Parameters[i], node);

            // A partial method's body refers to its implementing part's parameters.
            if (root.PartialImplementationPart is { } implementation)
            {
                this.scope.Bind(implementation.Parameters[i], node);
            }
        }
    }

    /// <summary>Lowers the method; null when the body has C# errors that SymGrad leaves to the compiler, or SG errors.</summary>
    public Output? LowerMethod(MethodDeclarationSyntax syntax)
    {
        this.callStack.Add(this.root.OriginalDefinition);
        if (((SyntaxNode?)syntax.Body ?? syntax.ExpressionBody?.Expression) is { } body && this.TakesRegions(body))
        {
            return this.LowerProgram(body);
        }

        this.ScanRankThree(syntax);
        int result;
        try
        {
            result = this.LowerBody(syntax);
        }
        catch (InsufficientExecutionStackException)
        {
            // Lowering recurses into nested expressions: one nested past what the stack holds is refused, not a crash.
            this.diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedExpression, LocationInfo.From(this.lowering ?? (SyntaxNode)syntax), "An expression nested this deeply", "compute its inner parts in local variables"));
            return null;
        }

        this.CheckSlices();
        this.CheckWholeSlices();
        this.CheckProductSlices();
        this.CheckRankThree(syntax);
        if (this.unreadable || result == Poison || this.diagnostics.Count > 0 || this.graph[result].IsTensor)
        {
            // A tensor-valued body does not compile as a float method: the compiler reports it.
            return null;
        }

        return this.Canonicalize(result);
    }

    private int LowerBody(MethodDeclarationSyntax syntax)
    {
        if (syntax.ExpressionBody is { } arrow)
        {
            return this.Lower(arrow.Expression);
        }

        if (syntax.Body is { } block)
        {
            int? result = this.LowerStatements(block.Statements, isMethodBody: true);
            return result ?? Poison;
        }

        return Poison;
    }

    private int Make(Op op, params int[] args)
    {
        foreach (int arg in args)
        {
            if (arg == Poison)
            {
                return Poison;
            }
        }

        return this.graph.Make(op, args);
    }

    private bool RequireScalar(int node, SyntaxNode? syntax, string construct, string fix)
    {
        if (node == Poison || this.graph[node].IsScalar)
        {
            return true;
        }

        this.Report(DiagnosticDescriptors.OperandKindMismatch, syntax!, construct, "a scalar", syntax?.ToString() ?? string.Empty, "a tensor", fix);
        return false;
    }

    private void Report(DiagnosticDescriptor descriptor, SyntaxNode at, params string[] arguments)
    {
        if (this.callStack.Count > 1)
        {
            // Inside an inlined callee: the callee's own generation reports its problems at their locations, once;
            // the first one is reported again at the root's call (see Inline).
            this.unreadable = true;
            this.calleeProblem ??= (descriptor.Id, this.callStack[this.callStack.Count - 1].Name, string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), arguments));
            return;
        }

        this.diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationInfo.From(at), arguments));
    }

    /// <summary>The variables in scope while lowering one method body (the root, or an inlined callee).</summary>
    private sealed class Scope
    {
        private readonly Dictionary<ISymbol, int> values = new(SymbolEqualityComparer.Default);

        public Scope(SemanticModel model) => this.Model = model;

        public SemanticModel Model { get; }

        /// <summary>When set, records every symbol bound (the assignments of a block of a method with control flow).</summary>
        public List<ISymbol>? Written { get; set; }

        public void Bind(ISymbol symbol, int value)
        {
            this.values[symbol.OriginalDefinition] = value;
            this.Written?.Add(symbol);
        }

        public bool IsBound(ISymbol symbol) => this.values.ContainsKey(symbol.OriginalDefinition);

        public int Lookup(ISymbol symbol) => this.values.TryGetValue(symbol.OriginalDefinition, out int value) ? value : Poison;
    }
}
