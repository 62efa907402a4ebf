using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Autodiff;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.Emit;
using SymGrad.Generator.Frontend;
using SymGrad.Generator.Model;
using SymGrad.Generator.Optimize;
using SymGrad.Generator.Schedule;

namespace SymGrad.Generator;

/// <summary>
/// Generates <c>{Name}Value</c> and <c>{Name}ValueAndGradient</c> for every <c>[Differentiable]</c> method:
/// Frontend, Autodiff, Optimize, Schedule, Emit, one tracked step each, one generated file per method.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<FrontendResult> read = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                Vocabulary.DifferentiableAttribute,
                predicate: static (node, _) => node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or LambdaExpressionSyntax,
                transform: static (context, cancellationToken) => Namesakes.Mark(MethodReader.Read(context, cancellationToken), context.TargetSymbol))
            .WithTrackingName(TrackingNames.Frontend);

        IncrementalValuesProvider<DiagnosticInfo> diagnostics = read
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        IncrementalValuesProvider<MethodModel> methods = read
            .Where(static result => result.Method is not null)
            .Select(static (result, _) => result.Method!)
            .SelectMany(static (method, _) => FormsOf(method))
            .WithTrackingName(TrackingNames.Methods);

        IncrementalValuesProvider<Stage<Derivative>> derivatives = methods
            .Select(static (method, cancellationToken) => Stage.Run(method, static m => m.StructuredBody is null ? ReverseMode.Differentiate(m) : ReverseLoops.Differentiate(m), cancellationToken))
            .WithTrackingName(TrackingNames.Autodiff);

        IncrementalValuesProvider<Stage<Derivative>> optimized = derivatives
            .Select(static (stage, cancellationToken) => stage.Then(static (_, d) => d.StructuredBody is null ? Simplifier.Optimize(d) : d, cancellationToken))
            .WithTrackingName(TrackingNames.Optimize);

        IncrementalValuesProvider<Stage<MethodPlan>> plans = optimized
            .Select(static (stage, cancellationToken) => stage.Then(static (m, d) => d.StructuredBody is null ? Scheduler.Schedule(m, d) : LoopSchedule.Schedule(m, d), cancellationToken))
            .WithTrackingName(TrackingNames.Schedule);

        IncrementalValuesProvider<Stage<GeneratedSource>> sources = plans
            .Select(static (stage, cancellationToken) => stage.Then(static (_, plan) => Emitter.Emit(plan), cancellationToken))
            .WithTrackingName(TrackingNames.Emit);

        context.RegisterSourceOutput(sources, static (output, stage) =>
        {
            if (stage.Value is { } source)
            {
                output.AddSource(source.HintName, source.Text);
            }
            else if (stage.Failure is { } failure)
            {
                output.ReportDiagnostic(failure.ToDiagnostic());
            }
        });
    }

    /// <summary>The method and the private forms it calls: its rank-3 form and its general form, where it has them.</summary>
    private static IEnumerable<MethodModel> FormsOf(MethodModel method)
    {
        yield return method;
        if (method.AnyRank is { } anyRank)
        {
            yield return anyRank.Form;
        }

        if (method.General is { } general)
        {
            yield return general;
        }
    }
}
