using System;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SymGrad.Generator.Tests.Packaging;

/// <summary>
/// An IDE cancels the generator on every keystroke and runs it again. A cancelled run must end in
/// <see cref="OperationCanceledException"/> (never a diagnostic, never a generator crash), and the next run must give
/// exactly what a clean build gives.
/// </summary>
public sealed class CancellationTests
{
    [Fact]
    public void ARunWithACancelledTokenEndsInOperationCanceledException()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(
            () => GeneratorHarness.Run(GeneratorHarness.Driver(), GeneratorHarness.Compile(UserCode.Losses, UserCode.Springs), cancellation.Token));
    }

    [Fact]
    public void ARunCancelledWhileItRunsEndsInOperationCanceledException()
    {
        using var cancellation = new CancellationTokenSource();
        GeneratorDriver driver = GeneratorHarness.Driver(new CancelWhenRun(cancellation));

        Assert.ThrowsAny<OperationCanceledException>(
            () => GeneratorHarness.Run(driver, GeneratorHarness.Compile(UserCode.Losses, UserCode.Springs), cancellation.Token));
    }

    [Fact]
    public void AfterACancelledEditTheNextRunMatchesACleanBuild()
    {
        using var cancellation = new CancellationTokenSource();
        Compilation before = GeneratorHarness.Compile(UserCode.Losses, UserCode.Springs);
        GeneratorDriver warm = GeneratorHarness.Run(GeneratorHarness.Driver(new CancelWhenRun(cancellation)), before);

        // The user edits a method body; the run on the edit is cancelled partway, then run again to completion.
        SyntaxTree losses = before.SyntaxTrees.First();
        Compilation after = before.ReplaceSyntaxTree(losses, losses.WithChangedText(SourceText.From(UserCode.LossesEdited, Encoding.UTF8)));
        Assert.ThrowsAny<OperationCanceledException>(() => GeneratorHarness.Run(warm, after, cancellation.Token));
        GeneratorDriver resumed = GeneratorHarness.Run(warm, after, CancellationToken.None);

        string clean = GeneratorHarness.Render(GeneratorHarness.Run(GeneratorHarness.Driver(), GeneratorHarness.Compile(UserCode.LossesEdited, UserCode.Springs)));
        Assert.Equal(clean, GeneratorHarness.Render(resumed));
        Assert.Contains("12", clean, StringComparison.Ordinal);
    }

    /// <summary>A generator that runs before SymGrad's and cancels the build's token, as an IDE does mid-run.</summary>
    private sealed class CancelWhenRun : IIncrementalGenerator
    {
        private readonly CancellationTokenSource cancellation;

        public CancelWhenRun(CancellationTokenSource cancellation) => this.cancellation = cancellation;

        public void Initialize(IncrementalGeneratorInitializationContext context)
            => context.RegisterSourceOutput(context.CompilationProvider, (_, _) => this.cancellation.Cancel());
    }
}
