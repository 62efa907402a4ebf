using System;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>The same input gives the same bytes every time, and cancellation is honoured as cancellation.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void GeneratingTwiceGivesByteIdenticalFiles()
    {
        GeneratorRun first = GeneratorRun.Of(AllExamples());
        GeneratorRun second = GeneratorRun.Of(AllExamples());
        Assert.NotEmpty(first.Sources);
        Assert.Equal(first.Sources.Select(s => s.HintName), second.Sources.Select(s => s.HintName));
        for (int i = 0; i < first.Sources.Length; i++)
        {
            byte[] a = Encoding.UTF8.GetBytes(first.Sources[i].SourceText.ToString());
            byte[] b = Encoding.UTF8.GetBytes(second.Sources[i].SourceText.ToString());
            Assert.True(a.AsSpan().SequenceEqual(b), first.Sources[i].HintName + " differs between two runs.");
        }

        Assert.Equal(first.Diagnostics.Select(d => d.ToString()), second.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void GeneratingInAnotherOrderGivesTheSameFiles()
    {
        GeneratorRun forward = GeneratorRun.Of(AllExamples());
        GeneratorRun backward = GeneratorRun.Of(TestCompilation.Create(ExampleSources.All.Reverse().Select(e => (e.Name + ".cs", e.Source)).ToArray()));
        Assert.Equal(
            forward.Sources.Select(s => s.HintName + "\n" + s.SourceText).OrderBy(t => t, StringComparer.Ordinal),
            backward.Sources.Select(s => s.HintName + "\n" + s.SourceText).OrderBy(t => t, StringComparer.Ordinal));
    }

    [Fact]
    public void AnAlreadyCancelledRunThrowsOperationCanceled()
    {
        Compilation compilation = AllExamples();
        Exception? thrown = Record.Exception(() => GeneratorRun.Of(compilation, new CancellationToken(canceled: true)));
        Assert.NotNull(thrown);
        Assert.IsAssignableFrom<OperationCanceledException>(thrown);
    }

    [Fact]
    public void ARunAfterACancelledOneStillGenerates()
    {
        Compilation compilation = AllExamples();
        GeneratorDriver driver = GeneratorRun.CreateDriver();
        Assert.ThrowsAny<OperationCanceledException>(() => GeneratorRun.Continue(driver, compilation, new CancellationToken(canceled: true)));
        GeneratorRun run = GeneratorRun.Continue(driver, compilation);
        GeneratorAssert.DidNotCrash(run);
        Assert.Equal(GeneratorRun.Of(compilation).Sources.Length, run.Sources.Length);
        Assert.NotEmpty(run.Sources);
    }

    private static Compilation AllExamples()
        => TestCompilation.Create(ExampleSources.All.Select(e => (e.Name + ".cs", e.Source)).ToArray());
}
