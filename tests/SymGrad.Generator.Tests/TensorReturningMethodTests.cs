using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Numerics.Tensors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// A [Differentiable] method that returns a <c>Tensor&lt;T&gt;</c> (a layer): it gets no generated methods of its own,
/// [Differentiable] callers inline it, called directly it runs eagerly, and its body is checked whether or not
/// anything calls it, with each problem reported at the callee's construct and at the caller's call.
/// </summary>
public sealed class TensorReturningMethodTests
{
    private const string Network = ExampleSources.Usings + """
        public static partial class Network
        {
            [Differentiable]
            public static Tensor<float> Layer(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b)
                => Tanh(MatMul(x, w) + b);

            [Differentiable]
            public static float Loss(
                [NoGrad] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w1, ReadOnlyTensorSpan<float> b1,
                ReadOnlyTensorSpan<float> w2, ReadOnlyTensorSpan<float> b2, [NoGrad] ReadOnlyTensorSpan<float> y)
                => Mse(MatMul(Layer(x, w1, b1), w2) + b2, y);
        }
        """;

    [Fact]
    public void ALayerGetsNoGeneratedMethodsAndItsCallerGetsItsBodyInlined()
    {
        GeneratorRun run = GeneratorRun.Of(Network);
        GeneratorAssert.DidNotCrash(run, Network);
        Assert.Empty(run.Diagnostics);
        GeneratorAssert.GeneratedCodeCompiles(run);

        // One file, the caller's: nothing named LayerValue or LayerValueAndGradient exists anywhere.
        GeneratedSourceResult generated = Assert.Single(run.MethodSources);
        Assert.StartsWith("Network.Loss.", generated.HintName, System.StringComparison.Ordinal);
        string text = generated.SourceText.ToString();
        Assert.DoesNotContain("LayerValue", text, System.StringComparison.Ordinal);
        Assert.Contains("LossValueAndGradient", text, System.StringComparison.Ordinal);
        INamedTypeSymbol network = run.Output.GetTypeByMetadataName("Network")!;
        Assert.Empty(network.GetMembers("LayerValue"));
        Assert.Empty(network.GetMembers("LayerValueAndGradient"));

        // The layer's body is in the caller's file: nothing but the layer computes a tanh, and its loops do.
        Assert.Contains("SimdMath.Tanh(", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ALayerCalledDirectlyRunsEagerlyAndTheCallersValueMatchesTheMethodRunAsWritten()
    {
        // Tensor spans cannot pass through reflection: a small class in the compiled code makes the calls.
        CompiledRun compiled = CompiledRun.Of(Network + """

            public static class Probe
            {
                public static float[] Hidden(float[] x, float[] w, float[] b)
                {
                    Tensor<float> hidden = Network.Layer(Tensor.Create(x, [5, 3]), Tensor.Create(w, [3, 4]), Tensor.Create(b, [4]));
                    float[] values = new float[hidden.FlattenedLength];
                    hidden.FlattenTo(values);
                    return values;
                }

                public static float[] Losses(float[] x, float[] w1, float[] b1, float[] w2, float[] b2, float[] y)
                {
                    Tensor<float> tx = Tensor.Create(x, [5, 3]), tw1 = Tensor.Create(w1, [3, 4]), tb1 = Tensor.Create(b1, [4]);
                    Tensor<float> tw2 = Tensor.Create(w2, [4, 2]), tb2 = Tensor.Create(b2, [2]), ty = Tensor.Create(y, [5, 2]);
                    float[] gw1 = new float[12], gb1 = new float[4], gw2 = new float[8], gb2 = new float[2];
                    float eager = Network.Loss(tx, tw1, tb1, tw2, tb2, ty);
                    float value = Network.LossValue(tx, tw1, tb1, tw2, tb2, ty);
                    float withGradient = Network.LossValueAndGradient(
                        tx, tw1, tb1, tw2, tb2, ty, new TensorSpan<float>(gw1, [3, 4]), new TensorSpan<float>(gb1, [4]), new TensorSpan<float>(gw2, [4, 2]), new TensorSpan<float>(gb2, [2]));
                    float size = 0;
                    foreach (float g in gw1)
                    {
                        size += Math.Abs(g);
                    }

                    return [eager, value, withGradient, size];
                }
            }
            """);

        float[] x = Filled(15, 0.7f), w1 = Filled(12, 0.3f), b1 = Filled(4, 0.2f), w2 = Filled(8, 0.5f), b2 = Filled(2, 0.1f), y = Filled(10, 0.9f);

        // Called directly, the layer is the user's own method, and TensorMath runs it eagerly.
        float[] hidden = (float[])CompiledRun.Call(compiled.Method("Probe", "Hidden"), [x, w1, b1])!;
        Tensor<float> expected = TensorMath.Tanh(TensorMath.MatMul(Tensor.Create(x, [5, 3]), Tensor.Create(w1, [3, 4])) + Tensor.Create(b1, [4]));
        float[] expectedValues = new float[expected.FlattenedLength];
        expected.FlattenTo(expectedValues);
        Assert.Equal(expectedValues, hidden);

        float[] losses = (float[])CompiledRun.Call(compiled.Method("Probe", "Losses"), [x, w1, b1, w2, b2, y])!;
        Assert.Equal(losses[0], losses[1], 5e-6f);
        Assert.Equal(losses[0], losses[2], 5e-6f);

        // The gradient reaches w1, which only the inlined layer reads.
        Assert.True(losses[3] > 0, "the gradient of w1 is zero");
    }

    [Fact]
    public void ALayerThatCallsALayerIsInlinedThroughBothAndItsGradientMatchesCentralDifferences()
    {
        CompiledRun compiled = CompiledRun.Of(ExampleSources.Usings + """
            public static partial class Blocks
            {
                [Differentiable]
                public static Tensor<double> Dense(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b)
                    => MatMul(x, w) + b;

                [Differentiable]
                public static Tensor<double> Swish(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b)
                {
                    var z = Dense(x, w, b);
                    return Sigmoid(z) * z;
                }

                [Differentiable]
                public static double Loss([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> b)
                    => Sum(Square(Swish(x, w, b)));
            }

            public static class Probe
            {
                public static double Eager(double[] x, double[] w, double[] b)
                    => Blocks.Loss(Tensor.Create(x, [4, 3]), Tensor.Create(w, [3, 2]), Tensor.Create(b, [2]));

                public static double[] ValueAndGradient(double[] x, double[] w, double[] b)
                {
                    double[] dw = new double[6], db = new double[2];
                    double value = Blocks.LossValueAndGradient(Tensor.Create(x, [4, 3]), Tensor.Create(w, [3, 2]), Tensor.Create(b, [2]), new TensorSpan<double>(dw, [3, 2]), new TensorSpan<double>(db, [2]));
                    return [value, .. dw, .. db];
                }
            }
            """);
        var eager = compiled.Method("Probe", "Eager");
        double[] x = [.. Filled(12, 0.9f).Select(v => (double)v)], w = [.. Filled(6, 0.6f).Select(v => (double)v)], b = [.. Filled(2, 0.3f).Select(v => (double)v)];
        double[] generated = (double[])CompiledRun.Call(compiled.Method("Probe", "ValueAndGradient"), [x, w, b])!;
        Assert.Equal((double)CompiledRun.Call(eager, [x, w, b])!, generated[0], 1e-12);

        double[] parameters = [.. w, .. b];
        for (int i = 0; i < parameters.Length; i++)
        {
            double At(double delta)
            {
                double[] moved = (double[])parameters.Clone();
                moved[i] += delta;
                return (double)CompiledRun.Call(eager, [x, moved[..6], moved[6..]])!;
            }

            double h = 1e-6;
            double numeric = (At(h) - At(-h)) / (2 * h);
            Assert.True(
                System.Math.Abs(numeric - generated[1 + i]) <= 1e-6 * (1 + System.Math.Abs(numeric)),
                string.Create(CultureInfo.InvariantCulture, $"gradient {i}: generated {generated[1 + i]}, central difference {numeric}"));
        }
    }

    [Fact]
    public void ALayerWithMasksAndMaximumIsInlinedAndMatchesCentralDifferences()
    {
        CompiledRun compiled = CompiledRun.Of(ExampleSources.Usings + """
            public static partial class Blocks
            {
                [Differentiable]
                public static Tensor<double> LeakyRelu(ReadOnlyTensorSpan<double> z) => Maximum(z, 0.1 * z);

                [Differentiable]
                public static Tensor<double> Huber(ReadOnlyTensorSpan<double> r)
                    => Where(Abs(r) <= 1.0, 0.5 * Square(r), Abs(r) - 0.5);

                [Differentiable]
                public static double Loss([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w, [NoGrad] ReadOnlyTensorSpan<double> y)
                    => Mean(Huber(LeakyRelu(MatMul(x, w)) - y));
            }

            public static class Probe
            {
                public static double Eager(double[] x, double[] w, double[] y)
                    => Blocks.Loss(Tensor.Create(x, [5, 3]), Tensor.Create(w, [3, 2]), Tensor.Create(y, [5, 2]));

                public static double[] ValueAndGradient(double[] x, double[] w, double[] y)
                {
                    double[] dw = new double[6];
                    double value = Blocks.LossValueAndGradient(Tensor.Create(x, [5, 3]), Tensor.Create(w, [3, 2]), Tensor.Create(y, [5, 2]), new TensorSpan<double>(dw, [3, 2]));
                    return [value, .. dw];
                }
            }
            """);
        var eager = compiled.Method("Probe", "Eager");
        double[] x = [.. Filled(15, 1.7f).Select(v => (double)v)], w = [.. Filled(6, 1.1f).Select(v => (double)v)], y = [.. Filled(10, 0.4f).Select(v => (double)v)];
        double[] generated = (double[])CompiledRun.Call(compiled.Method("Probe", "ValueAndGradient"), [x, w, y])!;
        Assert.Equal((double)CompiledRun.Call(eager, [x, w, y])!, generated[0], 1e-12);
        for (int i = 0; i < w.Length; i++)
        {
            double At(double delta)
            {
                double[] moved = (double[])w.Clone();
                moved[i] += delta;
                return (double)CompiledRun.Call(eager, [x, moved, y])!;
            }

            double h = 1e-6;
            double numeric = (At(h) - At(-h)) / (2 * h);
            Assert.True(
                System.Math.Abs(numeric - generated[1 + i]) <= 1e-6 * (1 + System.Math.Abs(numeric)),
                string.Create(CultureInfo.InvariantCulture, $"gradient {i}: generated {generated[1 + i]}, central difference {numeric}"));
        }
    }

    [Fact]
    public void EditingALayerInAnotherFileRegeneratesItsCaller()
    {
        const string LayerPath = "Layer.cs", LossPath = "Loss.cs";
        string layer = ExampleSources.Usings + """
            public static partial class Network
            {
                [Differentiable]
                public static Tensor<float> Layer(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w) => Tanh(MatMul(x, w));
            }
            """;
        string loss = ExampleSources.Usings + """
            public static partial class Network
            {
                [Differentiable]
                public static float Loss(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w) => Sum(Square(Layer(x, w)));
            }
            """;
        Compilation compilation = TestCompilation.Create((LayerPath, layer), (LossPath, loss));
        GeneratorRun first = GeneratorRun.Of(compilation);
        Assert.Empty(first.Diagnostics);
        Assert.Contains("SimdMath.Tanh(", Assert.Single(first.MethodSources).SourceText.ToString(), System.StringComparison.Ordinal);

        // Only the layer's file changes; the caller's generated code must follow it.
        Compilation edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(t => t.FilePath == LayerPath),
            TestCompilation.Parse(layer.Replace("Tanh(MatMul(x, w))", "Sigmoid(MatMul(x, w))", System.StringComparison.Ordinal), LayerPath));
        GeneratorRun second = first.Then(edited);
        Assert.Empty(second.Diagnostics);
        GeneratorAssert.GeneratedCodeCompiles(second);
        string regenerated = Assert.Single(second.MethodSources).SourceText.ToString();
        Assert.DoesNotContain("SimdMath.Tanh(", regenerated, System.StringComparison.Ordinal);
        Assert.Contains("SimdMath.Sigmoid(", regenerated, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ALayerNothingCallsGetsNothingWhenItsBodyIsFine()
    {
        string source = ExampleSources.Usings + """
            public static partial class Network
            {
                [Differentiable]
                public static Tensor<double> Softmax1(ReadOnlyTensorSpan<double> z) => Exp(z) / Sum(Exp(z));
            }
            """;
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, source);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.Sources);
        GeneratorAssert.GeneratedCodeCompiles(run);
    }

    [Fact]
    public void ALayerNothingCallsIsStillCheckedWhereItsProblemIs()
    {
        Expect(
            """
            public static partial class Network
            {
                [Differentiable]
                public static Tensor<float> Layer(ReadOnlyTensorSpan<float> x)
                {
                    var y = Tanh(x);
                    [|for (int i = 0; i < 2; i++) { y = Tanh(y); }|]
                    return y;
                }
            }
            """,
            ("SG0007", ["'for' loop"]));
    }

    [Fact]
    public void ALayerProblemIsReportedAtItsConstructAndAtTheCallThatInlinesIt()
    {
        Expect(
            """
            public static partial class Network
            {
                [Differentiable]
                public static Tensor<float> Layer(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w)
                {
                    var y = MatMul(x, w);
                    [|while (Sum(y) > 1) { y = y * 0.5f; }|]
                    return Tanh(y);
                }

                [Differentiable]
                public static float Loss(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w) => Sum(Square([|Layer(x, w)|]));
            }
            """,
            ("SG0007", ["'while' loop"]),
            ("SG0008", ["'Layer(x, w)'", "'Layer'", "SG0007", "'while' loop"]));
    }

    [Fact]
    public void AScalarCalleeProblemIsAlsoReportedAtTheCall()
    {
        Expect(
            """
            public static partial class Examples
            {
                [Differentiable]
                public static float Inner(Tensor<float> x)
                {
                    float s = 0;
                    [|lock (typeof(Examples)) { s += 1; }|]
                    return s * Sum(x);
                }

                [Differentiable]
                public static float Middle(Tensor<float> x) => [|Inner(x)|] + 1;

                [Differentiable]
                public static float Outer(Tensor<float> x) => 2 * [|Middle(x)|];
            }
            """,
            ("SG0007", ["'lock' statement"]),
            ("SG0008", ["'Inner(x)'", "method 'Inner'", "SG0007 in 'Inner'"]),
            ("SG0008", ["'Middle(x)'", "method 'Middle'", "SG0007 in 'Inner'"]));
    }

    /// <summary>The marked spans get the expected diagnostics, in source order, each message naming its parts; nothing else is reported.</summary>
    private static void Expect(string markup, params (string Id, string[] Parts)[] expected)
    {
        (string source, ImmutableArray<TextSpan> spans) = Markup.Parse(ExampleSources.Usings + markup);
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, source);
        Diagnostic[] reported = run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.True(reported.Length == expected.Length, "Expected " + expected.Length + " diagnostics, got:\n" + TestCompilation.Format(reported));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Id, reported[i].Id);
            Assert.Equal(spans[i], reported[i].Location.SourceSpan);
            string message = reported[i].GetMessage(CultureInfo.InvariantCulture);
            foreach (string part in expected[i].Parts)
            {
                Assert.True(message.Contains(part, System.StringComparison.Ordinal), $"The message of {expected[i].Id} does not name {part}: {message}");
            }
        }

        Assert.Empty(run.Sources);
    }

    private static float[] Filled(int count, float scale)
    {
        float[] values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = scale * (float)System.Math.Sin((0.7 * i) + scale);
        }

        return values;
    }
}
