using System;
using System.IO;
using System.Text.Json;
using System.Linq;
using System.Numerics.Tensors;
using SymGrad.Optimization;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>A 4-16-3 classifier: one tanh hidden layer and a softmax cross-entropy over int labels, as a user writes it.</summary>
public static partial class MlpClassifier
{
    [Differentiable]
    public static double Loss([NoGrad] ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> w1, ReadOnlyTensorSpan<double> b1, ReadOnlyTensorSpan<double> w2, ReadOnlyTensorSpan<double> b2, [NoGrad] ReadOnlySpan<int> labels)
        => CrossEntropy(MatMul(Tanh(MatMul(x, w1) + b1), w2) + b2, labels);

    [Differentiable]
    public static float LossF([NoGrad] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w1, ReadOnlyTensorSpan<float> b1, ReadOnlyTensorSpan<float> w2, ReadOnlyTensorSpan<float> b2, [NoGrad] ReadOnlySpan<int> labels)
        => CrossEntropy(MatMul(Tanh(MatMul(x, w1) + b1), w2) + b2, labels);
}

/// <summary>
/// The 4-16-3 classifier: its double value and gradients against PyTorch float64 (<c>Reference/mlp.json</c>, written by
/// <c>tools/reference/mlp.py</c>), central differences and the eager method, and the float one trained on Iris with Adam
/// to at least 95% training accuracy.
/// </summary>
public sealed class MlpClassifierTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "mlp.json"))).RootElement;

    [Theory]
    [InlineData("7x5x3")]
    [InlineData("13x16x3")]
    public void Double_value_and_gradients_match_torch_central_differences_and_the_eager_method(string size)
    {
        JsonElement c = Reference.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("size").GetString() == size);
        Tensor<double> x = Input(c, "x");
        Tensor<double> w1 = Input(c, "w1");
        Tensor<double> b1 = Input(c, "b1");
        Tensor<double> w2 = Input(c, "w2");
        Tensor<double> b2 = Input(c, "b2");
        int[] labels = c.GetProperty("labels").EnumerateArray().Select(l => l.GetInt32()).ToArray();
        var dw1 = Tensor.CreateFromShape<double>(w1.Lengths);
        var db1 = Tensor.CreateFromShape<double>(b1.Lengths);
        var dw2 = Tensor.CreateFromShape<double>(w2.Lengths);
        var db2 = Tensor.CreateFromShape<double>(b2.Lengths);

        double value = MlpClassifier.LossValueAndGradient(x, w1, b1, w2, b2, labels, dw1, db1, dw2, db2);

        Assert.Equal(c.GetProperty("value").GetDouble(), value, 1e-12);
        Assert.Equal(MlpClassifier.Loss(x, w1, b1, w2, b2, labels), value, 1e-12);
        Assert.Equal(value, MlpClassifier.LossValue(x, w1, b1, w2, b2, labels), 1e-12);
        foreach ((string name, Tensor<double> gradient) in new[] { ("w1", dw1), ("b1", db1), ("w2", dw2), ("b2", db2) })
        {
            double[] expected = c.GetProperty("gradients").GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
            double[] actual = gradient.ToArray();
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 + (1e-10 * Math.Abs(expected[i])), $"d{name}[{i}] is {actual[i]}, PyTorch gives {expected[i]}.");
            }
        }

        Func<double> loss = () => MlpClassifier.Loss(x, w1, b1, w2, b2, labels);
        GradCheck.Assert(w1, loss, dw1);
        GradCheck.Assert(b1, loss, db1);
        GradCheck.Assert(w2, loss, dw2);
        GradCheck.Assert(b2, loss, db2);
    }

    [Fact]
    public void Trained_on_Iris_with_Adam_it_classifies_the_training_set()
    {
        (float[] features, int[] labels) = CrossEntropyTests.Iris();
        int n = labels.Length;
        var x = Tensor.Create(features, [n, 4]);
        var w1 = new Parameter<float>("w1", Tensor.Create(Values(4, 16, 6).ToArray().Select(v => (float)v).ToArray(), [4, 16]));
        var b1 = new Parameter<float>("b1", Tensor.CreateFromShape<float>([16]));
        var w2 = new Parameter<float>("w2", Tensor.Create(Values(16, 3, 7).ToArray().Select(v => (float)v).ToArray(), [16, 3]));
        var b2 = new Parameter<float>("b2", Tensor.CreateFromShape<float>([3]));
        var optimizer = new Adam<float>([w1, b1, w2, b2], learningRate: 0.05);
        float last = 0;
        for (int step = 0; step < 300; step++)
        {
            last = MlpClassifier.LossFValueAndGradient(x, w1.Value, b1.Value, w2.Value, b2.Value, labels, w1.Gradient, b1.Gradient, w2.Gradient, b2.Gradient);
            optimizer.Step();
        }

        Assert.True(last < 0.1f, $"The loss after 300 steps is {last}.");
        Tensor<float> logits = MatMul(Tanh(MatMul(x, w1.Value) + b1.Value), w2.Value) + b2.Value;
        int correct = Enumerable.Range(0, n).Count(i => Enumerable.Range(0, 3).MaxBy(k => logits[i, k]) == labels[i]);
        Assert.True(correct >= 0.95 * n, $"{correct} of {n} training examples are classified right.");
    }

    private static Tensor<double> Input(JsonElement c, string name)
    {
        JsonElement input = c.GetProperty("inputs").GetProperty(name);
        nint[] shape = input.GetProperty("shape").EnumerateArray().Select(l => (nint)l.GetInt32()).ToArray();
        return Tensor.Create(input.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray(), shape);
    }

    /// <summary>Deterministic values of scale about 0.5, different for each seed (tools/reference/mlp.py uses the same formula).</summary>
    private static Tensor<double> Values(int rows, int columns, int seed)
        => Tensor.Create(Enumerable.Range(0, rows * columns).Select(i => 0.5 * Math.Sin((seed * 7.3) + (1.7 * i))).ToArray(), [rows, columns]);
}
