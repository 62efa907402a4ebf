using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;
using Xunit.Sdk;

namespace SymGrad.Generator.Tests;

/// <summary>
/// The generated file of each example, compared with its verified snapshot in <c>Snapshots/</c>. Each test also
/// checks that the generator reports nothing and that the generated code compiles without warnings.
/// </summary>
public sealed partial class SnapshotTests
{
    [Fact]
    public void TenTimesSumOfPowFloat() => Verify(ExampleSources.TenTimesSumOfPowFloat);

    [Fact]
    public void SumOfLogDouble() => Verify(ExampleSources.SumOfLogDouble);

    [Fact]
    public void MseWrittenOut() => Verify(ExampleSources.MseWrittenOut);

    [Fact]
    public void MseByVocabulary() => Verify(ExampleSources.MseByVocabulary);

    [Fact]
    public void ProductOfShifts() => Verify(ExampleSources.ProductOfShifts);

    [Fact]
    public void ScalarFunction() => Verify(ExampleSources.ScalarFunction);

    [Fact]
    public void TwoTensors() => Verify(ExampleSources.TwoTensors);

    [Fact]
    public void LogOfSumTwoPasses() => Verify(ExampleSources.LogOfSumTwoPasses);

    [Fact]
    public void TensorParameter() => Verify(ExampleSources.TensorParameter);

    [Fact]
    public void IntConstantParameter() => Verify(ExampleSources.IntConstantParameter);

    [Fact]
    public void NestedClassInNamespace() => Verify(ExampleSources.NestedClassInNamespace);

    [Fact]
    public void BlockBodyWithLocals() => Verify(ExampleSources.BlockBodyWithLocals);

    [Fact]
    public void ConditionalOnScalar() => Verify(ExampleSources.ConditionalOnScalar);

    [Fact]
    public void CallsDifferentiableMethod() => Verify(ExampleSources.CallsDifferentiableMethod);

    [Fact]
    public void LogSumExpOfTensor() => Verify(ExampleSources.LogSumExpOfTensor);

    [Fact]
    public void TensorApiCalls() => Verify(ExampleSources.TensorApiCalls);

    [Fact]
    public void ScalarBroadcastOverTensor() => Verify(ExampleSources.ScalarBroadcastOverTensor);

    [Fact]
    public void LinearLayerWithBias() => Verify(ExampleSources.LinearLayerWithBias);

    [Fact]
    public void SpanOverloads() => Verify(ExampleSources.SpanOverloads);

    [Fact]
    public void SoftmaxRegressionByLabels() => Verify(ExampleSources.SoftmaxRegressionByLabels);

    [Fact]
    public void RowMeanBroadcast() => Verify(ExampleSources.RowMeanBroadcast);

    [Fact]
    public void BroadcastParameters() => Verify(ExampleSources.BroadcastParameters);

    [Fact]
    public void SoftmaxRowsThroughProduct() => Verify(ExampleSources.SoftmaxRowsThroughProduct);

    [Fact]
    public void SliceDifferences() => Verify(ExampleSources.SliceDifferences);

    [Fact]
    public void GridSlices() => Verify(ExampleSources.GridSlices);

    [Fact]
    public void MatrixVectorProduct() => Verify(ExampleSources.MatrixVectorProduct);

    [Fact]
    public void ElementRead() => Verify(ExampleSources.ElementRead);

    /// <summary>
    /// Generates from <paramref name="source"/> and matches each generated file with a snapshot: named after the
    /// test, and after the file too when the source has several [Differentiable] methods.
    /// </summary>
    [Fact]
    public void ScalarLoops() => Verify(ExampleSources.ScalarLoops);

    /// <summary>A loop of independent element-wise work into a sum: the fused loop of the whole-tensor spelling.</summary>
    [Fact]
    public void IndependentLoop() => Verify(ExampleSources.IndependentLoop);

    private static void Verify(string source, [CallerMemberName] string test = "", [CallerFilePath] string file = "")
    {
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.GeneratedCodeCompiles(run);
        GeneratedSourceResult[] generated = run.Sources.OrderBy(s => s.HintName, System.StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(generated);

        // Every file is compared (and a received file written for each) before the test fails.
        var failures = new List<string>();
        foreach (GeneratedSourceResult output in generated)
        {
            // The hint name is Namespace.Type.Method.{identity hash}.g.cs: the snapshot keeps the readable part.
            string readable = Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(output.HintName)));
            string name = generated.Length == 1 ? test : test + "." + readable;
            try
            {
                Snapshot.Match(output.SourceText.ToString(), name, file);
            }
            catch (XunitException failure)
            {
                failures.Add(failure.Message);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}
