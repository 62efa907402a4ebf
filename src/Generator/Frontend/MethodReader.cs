using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// The first stage: reads a [Differentiable] method's declaration and body through the semantic model and returns a
/// symbol-free <see cref="MethodModel"/>, or the SG diagnostics that say why it cannot. Symbols never leave this stage.
/// </summary>
internal static class MethodReader
{
    public static FrontendResult Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return ReadMethod(context, cancellationToken);
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            // A bug in SymGrad becomes SG9999 on this method, never a crash that stops every other method.
            string name = context.TargetSymbol.Name;
            return new FrontendResult(null, EquatableArray.Create(DiagnosticInfo.Create(
                DiagnosticDescriptors.InternalError,
                LocationInfo.From(context.TargetNode is MethodDeclarationSyntax method ? method.Identifier.GetLocation() : context.TargetNode.GetLocation()),
                name,
                Stage.Describe(exception))));
        }
    }

    private static FrontendResult ReadMethod(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method)
        {
            return new FrontendResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        var diagnostics = new List<DiagnosticInfo>();
        if (context.TargetNode is LocalFunctionStatementSyntax or LambdaExpressionSyntax)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedStatement,
                LocationInfo.From(context.TargetNode),
                context.TargetNode is LocalFunctionStatementSyntax ? "[Differentiable] on a local function" : "[Differentiable] on a lambda",
                "make it a static method of a partial class"));
            return Result(null, diagnostics);
        }

        if (UnsupportedDeclaration(context.TargetNode, method) is { } unsupported)
        {
            diagnostics.Add(unsupported);
            return Result(null, diagnostics);
        }

        var syntax = (MethodDeclarationSyntax)context.TargetNode;

        LocationInfo? nameLocation = LocationInfo.From(syntax.Identifier);
        ImmutableArray<ContainingType> containingTypes = ReadContainingTypes(syntax, method, diagnostics);

        if (method.IsGenericMethod || GenericContainingType(method) is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericNotSupported, nameLocation, method.Name, GenericContainingType(method)?.Name ?? method.ContainingType.Name));
        }

        if (!method.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MethodNotStatic, nameLocation, method.Name));
        }

        // A scalar loss gets Value and ValueAndGradient. A Tensor<T> (a layer) has no scalar to differentiate: it gets
        // no methods of its own, callers inline it, and its body is still checked here so its problems show where they are.
        ElementKind element = ElementKind.Float;
        ElementKind? returnedTensor = TypeFacts.ReturnedTensorElement(method.ReturnType);
        if (TypeFacts.Element(method.ReturnType) is { } scalar)
        {
            element = scalar;
        }
        else if (returnedTensor is { } tensorElement)
        {
            element = tensorElement;
        }
        else
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedReturnType,
                LocationInfo.From(syntax.ReturnType),
                method.Name,
                method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }

        ImmutableArray<ParameterModel> parameters = ReadParameters(method, element, diagnostics);
        if (returnedTensor is null)
        {
            CheckGradientNames(method, parameters, diagnostics);
            CheckGeneratedNames(method, nameLocation, diagnostics);
        }

        // The attribute may sit on a partial method's declaring part; the body is in its implementing part.
        SemanticModel bodyModel = context.SemanticModel;
        MethodDeclarationSyntax bodySyntax = syntax;
        if (syntax.Body is null && syntax.ExpressionBody is null
            && method.PartialImplementationPart?.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is MethodDeclarationSyntax implementation)
        {
            bodySyntax = implementation;
            bodyModel = context.SemanticModel.Compilation.GetSemanticModel(implementation.SyntaxTree);
        }

        if (bodySyntax.Body is null && bodySyntax.ExpressionBody is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingBody, nameLocation, method.Name));
        }

        if (diagnostics.Count > 0)
        {
            return Result(null, diagnostics);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var lowering = new BodyLowering(bodyModel, method, element, parameters, diagnostics, cancellationToken);
        BodyLowering.Output? lowered = lowering.LowerMethod(bodySyntax);
        if (diagnostics.Count > 0 && diagnostics.Count == lowering.AxisRefusals && returnedTensor is null
            && GeneralLowering(bodyModel, method, element, parameters, bodySyntax, cancellationToken) is { } regions)
        {
            // The fused lowering refuses only axes a tensor of higher rank has (Sum(x, 3)), which regions work out when the
            // method is called: the general form is the method's only form.
            diagnostics.Clear();
            lowered = regions;
        }

        if (lowered is null || diagnostics.Count > 0 || returnedTensor is not null)
        {
            return Result(null, diagnostics);
        }

        string ns = method.ContainingNamespace is { IsGlobalNamespace: false } containing
            ? containing.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty)
            : string.Empty;

        var model = new MethodModel(
            ns,
            new EquatableArray<ContainingType>(containingTypes),
            method.Name,
            Accessibility(method.DeclaredAccessibility),
            element,
            new EquatableArray<ParameterModel>(parameters),
            lowered.Graph,
            lowered.Result,
            lowered.ShapeChecks,
            lowered.DimChecks,
            lowered.MatrixParameters,
            BodyText(bodySyntax),
            HintName(method, syntax.SyntaxTree.FilePath),
            lowered.StructuredBody,
            lowered.VectorOperands,
            lowered.VectorParameters,
            lowered.RankThreeParameters);
        model = model with
        {
            AnyRank = AnyRankFormOf(model, lowered, bodyModel, method, element, parameters, bodySyntax, cancellationToken),
            General = GeneralFormOf(model, lowered, bodyModel, method, element, parameters, bodySyntax, cancellationToken),
        };
        return Result(model, diagnostics);
    }

    /// <summary>
    /// The body lowered to regions (<see cref="BodyLowering.LowersToRegions"/>), or null where that lowering refuses it:
    /// then the fused lowering's diagnostics stand.
    /// </summary>
    private static BodyLowering.Output? GeneralLowering(SemanticModel bodyModel, IMethodSymbol method, ElementKind element, ImmutableArray<ParameterModel> parameters, MethodDeclarationSyntax bodySyntax, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var lowering = new BodyLowering(bodyModel, method, element, parameters, diagnostics, cancellationToken) { LowersToRegions = true };
        BodyLowering.Output? form = lowering.LowerMethod(bodySyntax);
        return form is { StructuredBody: not null } && diagnostics.Count == 0 ? form : null;
    }

    /// <summary>
    /// The general form of a fused method whose code assumes shapes a call may not have (a matrix, a rank-3 tensor, two
    /// tensors of one shape meeting axis work), or null where it assumes none or regions refuse the body. The fused form calls
    /// it where the arguments do not fit (see <c>Emitter.WriteGeneralDispatch</c>): a tensor of another rank, or operands
    /// that broadcast.
    /// </summary>
    private static MethodModel? GeneralFormOf(MethodModel model, BodyLowering.Output lowered, SemanticModel bodyModel, IMethodSymbol method, ElementKind element, ImmutableArray<ParameterModel> parameters, MethodDeclarationSyntax bodySyntax, CancellationToken cancellationToken)
    {
        // Element-wise work over whole tensors broadcasts in fused code already, and where it pairs elements one to one
        // (Mse, Dot) the general form requires one shape too; a vector read by element is a vector in either form.
        // Fused code broadcasts tensors that meet only where no axis work, size, slice or element read is beside them.
        bool axisWork = lowered.Graph.Nodes.Any(n => n.Op is Op.SumAxis or Op.MaxAxis or Op.MinAxis or Op.LogSumExpAxis or Op.Length)
            || lowered.Graph.Domains.Any(d => d.IsSlice);
        if (lowered.StructuredBody is not null
            || (lowered.MatrixParameters.Count == 0 && lowered.RankThreeParameters.Count == 0 && !(axisWork && lowered.ShapeChecks.Count > 0))
            || GeneralLowering(bodyModel, method, element, parameters, bodySyntax, cancellationToken) is not { } form)
        {
            return null;
        }

        // The form takes tensor spans only, whatever the method takes: the method's checks have passed them on as such.
        string span = "global::System.Numerics.Tensors.ReadOnlyTensorSpan<" + element.Keyword() + ">";
        return model with
        {
            Name = model.Name + "AtAnyShape",
            Accessibility = "private",
            Parameters = parameters.Select(p => p.Kind == ParameterKind.Tensor ? p with { Kind = ParameterKind.TensorSpan, Type = span } : p).ToEquatableArray(),
            Graph = form.Graph,
            Result = form.Result,
            ShapeChecks = form.ShapeChecks,
            DimChecks = form.DimChecks,
            MatrixParameters = form.MatrixParameters,
            HintName = FormHintName(model.HintName, model.Name, "AtAnyShape"),
            StructuredBody = form.StructuredBody,
            VectorOperands = form.VectorOperands.Count == 0 ? EquatableArray<VectorOperand>.Empty : form.VectorOperands,
            VectorParameters = form.VectorParameters.Count == 0 ? EquatableArray<int>.Empty : form.VectorParameters,
            RankThreeParameters = form.RankThreeParameters.Count == 0 ? EquatableArray<int>.Empty : form.RankThreeParameters,
            IsGeneralForm = true,
            NameIsShared = false,
        };
    }

    /// <summary>
    /// The rank-3 form of a method whose body reduces tensor parameters along axes without showing their rank, or null
    /// where it has none: lowered again with those parameters read as rank-3 tensors, kept only where that lowering
    /// succeeds and computes a tensor of higher rank through a fold as written.
    /// </summary>
    private static AnyRankForm? AnyRankFormOf(MethodModel model, BodyLowering.Output lowered, SemanticModel bodyModel, IMethodSymbol method, ElementKind element, ImmutableArray<ParameterModel> parameters, MethodDeclarationSyntax bodySyntax, CancellationToken cancellationToken)
    {
        if (lowered.StructuredBody is not null || lowered.MatrixParameters.Count == 0 || lowered.RankThreeParameters.Count > 0
            || parameters.Any(p => p.Kind == ParameterKind.Labels)
            || !lowered.Graph.Nodes.Any(n => n.Op is Op.SumAxis or Op.MaxAxis or Op.MinAxis or Op.LogSumExpAxis))
        {
            // No axis work in the matrix form (a product, a transpose, a slice): the rank-3 rules would fold nothing, so
            // the body is not lowered a second time.
            return null;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var lowering = new BodyLowering(bodyModel, method, element, parameters, diagnostics, cancellationToken) { AssumeRankThree = true };
        BodyLowering.Output? form = lowering.LowerMethod(bodySyntax);
        if (form is null || diagnostics.Count > 0 || form.StructuredBody is not null || form.RankThreeParameters.Count == 0 || !lowering.FoldsAnyRank(form.Graph)
            || lowering.LeadingAxes.Any(l => form.MatrixParameters.Contains(l.Parameter) && form.DimChecks.Any(c => c.First.Parameter == l.Parameter || c.Second.Parameter == l.Parameter)))
        {
            return null;
        }

        // The form takes tensor spans only, whatever the method takes: it is called with views.
        string span = "global::System.Numerics.Tensors.ReadOnlyTensorSpan<" + element.Keyword() + ">";
        var formParameters = parameters.Select(p => p.Kind == ParameterKind.Tensor ? p with { Kind = ParameterKind.TensorSpan, Type = span } : p).ToEquatableArray();
        MethodModel body = model with
        {
            Name = model.Name + "AtRankThree",
            Accessibility = "private",
            Parameters = formParameters,
            Graph = form.Graph,
            Result = form.Result,
            ShapeChecks = form.ShapeChecks,
            DimChecks = form.DimChecks,
            MatrixParameters = form.MatrixParameters,
            HintName = FormHintName(model.HintName, model.Name, "AtRankThree"),
            VectorOperands = form.VectorOperands,
            VectorParameters = form.VectorParameters,
            RankThreeParameters = form.RankThreeParameters,
            IsAnyRankForm = true,
            NameIsShared = false,
        };
        var folded = form.RankThreeParameters;
        List<LeadingOperand> broadcast = BroadcastOperands(form, lowering.AxisOperands);
        return new AnyRankForm(
            body,
            folded,
            lowering.RankThreeAxes.ToEquatableArray(),
            lowering.LeadingAxes.Select(l => new LeadingOperand(l.Parameter, l.Source)).ToEquatableArray(),
            SameShapesAfterBroadcast(form.ShapeChecks.Where(c => folded.Contains(c.First) && folded.Contains(c.Second)), broadcast),
            broadcast.ToEquatableArray());
    }

    /// <summary>A form's file: the method's, with the form's name (the method's and <paramref name="suffix"/>) in place of the method's.</summary>
    private static string FormHintName(string hintName, string name, string suffix)
    {
        int at = hintName.LastIndexOf("." + name + ".", System.StringComparison.Ordinal);
        return at < 0 ? name + suffix + "." + hintName : hintName.Substring(0, at + 1) + name + suffix + hintName.Substring(at + 1 + name.Length);
    }

    /// <summary>
    /// The shape checks between parameters as passed: a broadcast parameter takes its anchor's shape, so a check of it
    /// is one of its anchor.
    /// </summary>
    private static EquatableArray<ShapeCheck> SameShapesAfterBroadcast(IEnumerable<ShapeCheck> checks, List<LeadingOperand> broadcast)
    {
        int Anchor(int p) => broadcast.FirstOrDefault(b => b.Parameter == p)?.Source ?? p;
        return checks.Select(c => c with { First = Anchor(c.First), Second = Anchor(c.Second) })
            .Where(c => c.First != c.Second).Distinct().ToEquatableArray();
    }

    /// <summary>
    /// The parameters of the rank-3 form that may be passed with a shape that broadcasts to another's: read only as
    /// element-wise operands of folds, and never the only parameter of an axis call's operand of one shape class (the
    /// first parameter of each operand, by position, keeps its shape and anchors the others). Each with its anchor: a
    /// parameter of its shape class that keeps its shape.
    /// </summary>
    private static List<LeadingOperand> BroadcastOperands(BodyLowering.Output form, IReadOnlyList<int[]>? axisOperands)
    {
        var none = new List<LeadingOperand>();
        if (axisOperands is null)
        {
            return none;
        }

        // Kept: read otherwise than through a fold's view, or the first of an axis call's parameters.
        var kept = new HashSet<int>();
        int ParameterNode(int parameter)
        {
            for (int i = 0; i < form.Graph.Count; i++)
            {
                if (form.Graph[i] is { Op: Op.Parameter } node && node.Parameter == parameter)
                {
                    return i;
                }
            }

            return -1;
        }

        foreach (int parameter in form.RankThreeParameters)
        {
            int node = ParameterNode(parameter);
            for (int i = 0; i < form.Graph.Count; i++)
            {
                Node user = form.Graph[i];
                if (user.Args.Contains(node) && !(user.Op == Op.Expand && user.Bits == OpFacts.ReshapeViewBits))
                {
                    kept.Add(parameter);
                }
            }
        }

        foreach (int[] operand in axisOperands)
        {
            if (!operand.Any(kept.Contains))
            {
                kept.Add(operand.Min());
            }
        }

        // Each broadcast parameter's anchor: a kept parameter its shape is checked against.
        var anchors = new List<LeadingOperand>();
        foreach (int parameter in form.RankThreeParameters.Where(p => !kept.Contains(p)))
        {
            var component = new HashSet<int> { parameter };
            for (bool grew = true; grew;)
            {
                grew = false;
                foreach (ShapeCheck check in form.ShapeChecks)
                {
                    grew |= component.Contains(check.First) && component.Add(check.Second);
                    grew |= component.Contains(check.Second) && component.Add(check.First);
                }
            }

            if (component.Where(kept.Contains).OrderBy(p => p).Select(p => (int?)p).FirstOrDefault() is int anchor)
            {
                anchors.Add(new LeadingOperand(parameter, anchor));
            }
        }

        return anchors;
    }

    private static FrontendResult Result(MethodModel? model, List<DiagnosticInfo> diagnostics)
        => new(model, diagnostics.ToEquatableArray());

    private static ImmutableArray<ContainingType> ReadContainingTypes(MethodDeclarationSyntax syntax, IMethodSymbol method, List<DiagnosticInfo> diagnostics)
    {
        var types = ImmutableArray.CreateBuilder<ContainingType>();
        for (SyntaxNode? node = syntax.Parent; node is not null; node = node.Parent)
        {
            if (node is not TypeDeclarationSyntax type)
            {
                continue;
            }

            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ContainingTypeNotPartial,
                    LocationInfo.From(type.Identifier),
                    type.Identifier.ValueText,
                    method.Name));
            }

            string keyword = type switch
            {
                RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
                RecordDeclarationSyntax => "record",
                StructDeclarationSyntax => "struct",
                InterfaceDeclarationSyntax => "interface",
                _ => "class",
            };
            types.Insert(0, new ContainingType(keyword, type.Identifier.Text));
        }

        return types.ToImmutable();
    }

    private static INamedTypeSymbol? GenericContainingType(IMethodSymbol method)
    {
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.TypeParameters.Length > 0)
            {
                return type;
            }
        }

        return null;
    }

    private static ImmutableArray<ParameterModel> ReadParameters(IMethodSymbol method, ElementKind element, List<DiagnosticInfo> diagnostics)
    {
        var parameters = ImmutableArray.CreateBuilder<ParameterModel>();
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            LocationInfo? location = LocationInfo.From(parameter.Locations.FirstOrDefault());
            string display = parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            bool noGrad = parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Vocabulary.NoGradAttribute);
            if (parameter.RefKind != RefKind.None)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnsupportedParameter,
                    location,
                    parameter.Name,
                    display,
                    "'ref', 'out' and 'in' parameters are not supported; pass it by value (tensor spans are passed without copies)"));
                continue;
            }

            if (parameter.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnsupportedParameter,
                    location,
                    parameter.Name,
                    display,
                    "pointers are not supported; pass the value it points to, or a ReadOnlyTensorSpan<" + element.Keyword() + "> over the memory"));
                continue;
            }

            if (parameter.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnsupportedParameter,
                    location,
                    parameter.Name,
                    display,
                    "nullable parameters are not supported; take '" + ((INamedTypeSymbol)parameter.Type).TypeArguments[0].ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "' and let the caller decide what null means"));
                continue;
            }

            ParameterKind kind;
            if (TypeFacts.Element(parameter.Type) is { } scalar)
            {
                kind = ParameterKind.Scalar;
                CheckElement(parameter.Name, display, scalar, element, method, location, diagnostics);
            }
            else if (TypeFacts.TensorElement(parameter.Type, out bool isTensorClass, out bool isWritable) is { } tensorElement)
            {
                if (isWritable)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UnsupportedParameter,
                        location,
                        parameter.Name,
                        display,
                        "a [Differentiable] method only reads its inputs; take a ReadOnlyTensorSpan<" + element.Keyword() + "> instead"));
                    continue;
                }

                kind = isTensorClass ? ParameterKind.Tensor : ParameterKind.TensorSpan;
                CheckElement(parameter.Name, display, tensorElement, element, method, location, diagnostics);
            }
            else if (TypeFacts.IsIntLabels(parameter.Type))
            {
                kind = ParameterKind.Labels;
            }
            else if (parameter.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Single or SpecialType.System_Double } || TypeFacts.IsSpanOfFloating(parameter.Type))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnsupportedParameter,
                    location,
                    parameter.Name,
                    display,
                    "take a ReadOnlyTensorSpan<" + element.Keyword() + "> instead; arrays and spans convert to it without a copy"));
                continue;
            }
            else
            {
                kind = ParameterKind.Constant;
            }

            parameters.Add(new ParameterModel(
                parameter.Name,
                kind,
                parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                noGrad));
        }

        return parameters.ToImmutable();
    }

    private static void CheckGradientNames(IMethodSymbol method, ImmutableArray<ParameterModel> parameters, List<DiagnosticInfo> diagnostics)
    {
        foreach (ParameterModel parameter in parameters)
        {
            if (!parameter.IsDifferentiable)
            {
                continue;
            }

            IParameterSymbol? clash = method.Parameters.FirstOrDefault(p => p.Name == parameter.GradientName);
            if (clash is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.GradientNameConflict,
                    LocationInfo.From(clash.Locations.FirstOrDefault()),
                    clash.Name,
                    parameter.Name,
                    method.Name));
            }
        }
    }

    private static void CheckElement(string name, string display, ElementKind actual, ElementKind expected, IMethodSymbol method, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (actual != expected)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ElementTypeMismatch,
                location,
                name + "' of type '" + display,
                actual.Keyword(),
                method.Name,
                expected.Keyword()));
        }
    }

    private static void CheckGeneratedNames(IMethodSymbol method, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        foreach (string generated in new[] { method.Name + "Value", method.Name + "ValueAndGradient" })
        {
            if (!method.ContainingType.GetMembers(generated).IsEmpty)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.GeneratedNameConflict,
                    location,
                    generated,
                    method.Name,
                    method.ContainingType.Name));
            }
        }
    }

    private static string Accessibility(Microsoft.CodeAnalysis.Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Private => "private",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "internal",
    };

    private static string BodyText(MethodDeclarationSyntax syntax)
    {
        SyntaxNode body = (SyntaxNode?)syntax.ExpressionBody?.Expression ?? syntax.Body!;
        // The source text of the span (trivia excluded), read from the file: rewriting a node thousands deep would recurse.
        string[] lines = body.SyntaxTree.GetText().ToString(body.Span).Replace("\r\n", "\n").Split('\n');

        // The first line starts at the body; later lines keep their indentation in the file: remove what they share.
        int common = int.MaxValue;
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length > 0)
            {
                common = System.Math.Min(common, lines[i].Length - lines[i].TrimStart().Length);
            }
        }

        if (lines.Length > 1 && lines[lines.Length - 1].Trim() == "}")
        {
            // A block: its closing brace lines up with the opening one.
            common = System.Math.Min(common, lines[lines.Length - 1].Length - lines[lines.Length - 1].TrimStart().Length);
        }

        for (int i = 1; i < lines.Length; i++)
        {
            lines[i] = lines[i].Length >= common && common != int.MaxValue ? lines[i].Substring(common) : lines[i].TrimStart();
        }

        return string.Join("\n", lines);
    }

    /// <summary>
    /// The generated file's name, unique by construction without looking at other methods: the method's namespace,
    /// types and name, reduced to the characters AddSource accepts, then a hash of the method's exact identity (its
    /// documentation ID, and its file for a method of a file-local type). Overloads, names that differ only in case
    /// (AddSource ignores case) and names that differ only in characters the reduction drops all hash apart.
    /// </summary>
    private static string HintName(IMethodSymbol method, string filePath)
    {
        var parts = new List<string> { method.Name };
        bool fileLocal = false;
        int nesting = 0;
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            parts.Insert(0, type.Name);
            fileLocal |= type.IsFileLocal;
            nesting++;
        }

        for (INamespaceSymbol? ns = method.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            parts.Insert(0, ns.Name);
        }

        var name = new System.Text.StringBuilder();
        foreach (string part in parts)
        {
            foreach (char c in part)
            {
                name.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' ? c : '_');
            }

            name.Append('.');
        }

        string id = method.GetDocumentationCommentId() ?? method.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        // The nesting depth tells namespace N with type T apart from type N with nested type T: their IDs agree.
        string identity = id + "|" + nesting.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + (fileLocal ? "|" + filePath : string.Empty);
        if (method.ContainingType.GetMembers(method.Name).Any(m => !SymbolEqualityComparer.Default.Equals(m, method) && m.GetDocumentationCommentId() == id))
        {
            // A duplicate definition (an error the compiler reports) has the same ID: its place tells them apart.
            identity += "|" + filePath + "|" + method.Locations.FirstOrDefault()?.SourceSpan.Start.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name.Append(StableHash(identity).ToString("x16", System.Globalization.CultureInfo.InvariantCulture)).Append(".g.cs").ToString();
    }

    /// <summary>FNV-1a over the UTF-16 code units: the same on every machine and every run, unlike string.GetHashCode.</summary>
    private static ulong StableHash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>
    /// The diagnostic for a [Differentiable] declaration that is not a method SymGrad can extend with generated
    /// methods, at the declaration, saying what to write instead; null for an ordinary method.
    /// </summary>
    private static DiagnosticInfo? UnsupportedDeclaration(SyntaxNode node, IMethodSymbol method)
    {
        static string CallAMethodFrom(string caller) => "write the computation as a static [Differentiable] method of a partial class and call it from the " + caller;
        (string What, LocationInfo? Where, string Fix)? found = node switch
        {
            OperatorDeclarationSyntax op => ("operator '" + op.OperatorToken.ValueText + "'", LocationInfo.From(op.OperatorToken), CallAMethodFrom("operator")),
            ConversionOperatorDeclarationSyntax conversion => ("a conversion operator", LocationInfo.From(conversion.Type), CallAMethodFrom("operator")),
            AccessorDeclarationSyntax accessor => ("the '" + accessor.Keyword.ValueText + "' accessor of '" + method.AssociatedSymbol?.Name + "'", LocationInfo.From(accessor.Keyword), CallAMethodFrom("accessor")),
            ConstructorDeclarationSyntax constructor => ("a constructor", LocationInfo.From(constructor.Identifier), CallAMethodFrom("constructor")),
            DestructorDeclarationSyntax destructor => ("a finalizer", LocationInfo.From(destructor.Identifier), CallAMethodFrom("finalizer")),
            MethodDeclarationSyntax { ExplicitInterfaceSpecifier: not null } explicitImplementation => (
                "explicit interface implementation '" + explicitImplementation.ExplicitInterfaceSpecifier.Name + "." + explicitImplementation.Identifier.ValueText + "'",
                LocationInfo.From(explicitImplementation.Identifier),
                "declare a static [Differentiable] method with a name of its own and call it from the implementation"),
            // Matched by its keyword: the extension block's syntax type is named differently across Roslyn versions.
            MethodDeclarationSyntax { Parent: TypeDeclarationSyntax { Keyword.ValueText: "extension" } } extensionMember => (
                "method '" + method.Name + "' of an extension block",
                LocationInfo.From(extensionMember.Identifier),
                "declare it as a static method of a partial class; an extension method written with 'this' on its first parameter is supported"),
            MethodDeclarationSyntax member when FileLocalType(method) is { } fileType => (
                "method '" + method.Name + "' of file-local type '" + fileType.Name + "'",
                LocationInfo.From(member.Identifier),
                "SymGrad adds '" + method.Name + "Value' and '" + method.Name + "ValueAndGradient' in a file of their own, and a file-local type cannot be extended from another file; declare '" + fileType.Name + "' internal instead of file"),
            MethodDeclarationSyntax => null,
            _ => ("this declaration", LocationInfo.From(node), CallAMethodFrom("declaration")),
        };

        return found is { } f ? DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedDeclaration, f.Where, f.What, f.Fix) : null;
    }

    private static INamedTypeSymbol? FileLocalType(IMethodSymbol method)
    {
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal)
            {
                return type;
            }
        }

        return null;
    }
}
