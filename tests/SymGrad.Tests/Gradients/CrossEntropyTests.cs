using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.Json;
using SymGrad.Optimization;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// <c>CrossEntropy(logits, labels)</c> with int labels: the generated value and gradients against PyTorch's
/// <c>F.cross_entropy</c> (<c>Reference/cross_entropy.json</c>) and the eager method, the labels checked before
/// anything is written, no allocation per call, and softmax regression trained on Iris.
/// </summary>
public sealed class CrossEntropyTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "cross_entropy.json"))).RootElement;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (JsonElement function in Reference.GetProperty("functions").EnumerateArray())
        {
            foreach (JsonElement c in function.GetProperty("cases").EnumerateArray())
            {
                data.Add(function.GetProperty("name").GetString()!, c.GetProperty("size").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Value_and_gradients_match_torch_and_the_eager_method(string function, string size)
    {
        JsonElement c = Reference.GetProperty("functions").EnumerateArray().Single(f => f.GetProperty("name").GetString() == function)
            .GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("size").GetString() == size);
        JsonElement inputs = c.GetProperty("inputs");
        int[] labels = inputs.GetProperty("labels").EnumerateArray().Select(l => l.GetInt32()).ToArray();
        double expected = c.GetProperty("value").GetDouble();
        double[] expectedW = Doubles(c.GetProperty("gradients").GetProperty("w"));
        double[] expectedB = Doubles(c.GetProperty("gradients").GetProperty("b"));
        if (function == "SoftmaxRegression")
        {
            Tensor<double> x = Input<double>(inputs.GetProperty("x"));
            Tensor<double> w = Input<double>(inputs.GetProperty("w"));
            Tensor<double> b = Input<double>(inputs.GetProperty("b"));
            Tensor<int> y = Tensor.Create(labels, [labels.Length]);
            var dw = Tensor.CreateFromShape<double>(w.Lengths);
            var db = Tensor.CreateFromShape<double>(b.Lengths);
            double value = Classifiers.SoftmaxRegressionValueAndGradient(x, w, b, y, dw, db);
            Close(expected, value, 1e-12, "value");
            Close(Classifiers.SoftmaxRegression(x, w, b, y), Classifiers.SoftmaxRegressionValue(x, w, b, y), 1e-12, "value against the eager method");
            Close(expectedW, dw.ToArray(), 1e-12, "dw");
            Close(expectedB, db.ToArray(), 1e-12, "db");
        }
        else
        {
            Tensor<float> x = Input<float>(inputs.GetProperty("x"));
            Tensor<float> w = Input<float>(inputs.GetProperty("w"));
            Tensor<float> b = Input<float>(inputs.GetProperty("b"));
            var dw = Tensor.CreateFromShape<float>(w.Lengths);
            var db = Tensor.CreateFromShape<float>(b.Lengths);
            float value = Classifiers.SoftmaxRegressionFValueAndGradient(x, w, b, labels, dw, db);
            Close(expected, value, 1e-5, "value");
            Close(Classifiers.SoftmaxRegressionF(x, w, b, labels), Classifiers.SoftmaxRegressionFValue(x, w, b, labels), 1e-5, "value against the eager method");
            Close(expectedW, dw.ToArray().Select(v => (double)v).ToArray(), 1e-5, "dw");
            Close(expectedB, db.ToArray().Select(v => (double)v).ToArray(), 1e-5, "db");
        }
    }

    [Fact]
    public void Labels_held_in_a_tensor_or_an_array_give_what_labels_in_a_span_give()
    {
        var x = Tensor.Create(Enumerable.Range(0, 7 * 4).Select(i => (float)Math.Sin(i)).ToArray(), [7, 4]);
        var w = Tensor.Create(Enumerable.Range(0, 4 * 3).Select(i => (float)Math.Cos(i)).ToArray(), [4, 3]);
        var b = Tensor.Create([0.1f, -0.2f, 0.3f], [3]);
        int[] labels = [0, 2, 1, 1, 0, 2, 2];
        var (dw, db) = (Tensor.CreateFromShape<float>([4, 3]), Tensor.CreateFromShape<float>([3]));
        float expected = Classifiers.SoftmaxRegressionFValueAndGradient(x, w, b, labels, dw, db);
        Close(Classifiers.SoftmaxRegressionF(x, w, b, labels), expected, 1e-5, "value against the eager method");

        var (tw, tb) = (Tensor.CreateFromShape<float>([4, 3]), Tensor.CreateFromShape<float>([3]));
        Assert.Equal(expected, Classifiers.TensorLabelsFValueAndGradient(x, w, b, Tensor.Create(labels), tw, tb));
        Assert.Equal(expected, Classifiers.TensorLabelsFValue(x, w, b, Tensor.Create(labels)));
        Assert.Equal(dw.ToArray(), tw.ToArray());
        Assert.Equal(db.ToArray(), tb.ToArray());

        var (aw, ab) = (Tensor.CreateFromShape<float>([4, 3]), Tensor.CreateFromShape<float>([3]));
        Assert.Equal(expected, Classifiers.ArrayLabelsFValueAndGradient(x, w, b, labels, aw, ab));
        Assert.Equal(expected, Classifiers.ArrayLabelsFValue(x, w, b, labels));
        Assert.Equal(dw.ToArray(), aw.ToArray());
        Assert.Equal(db.ToArray(), ab.ToArray());

        var matrix = Tensor.Create(new int[14], [7, 2]);
        var error = Assert.Throws<ArgumentException>(() => Classifiers.TensorLabelsFValue(x, w, b, matrix));
        Assert.Equal("labels", error.ParamName);
        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => Classifiers.ArrayLabelsFValueAndGradient(x, w, b, [0, 3, 1, 1, 0, 2, 2], aw, ab));
        Assert.Equal("labels", outOfRange.ParamName);
    }

    [Fact]
    public void The_gradient_of_logits_is_the_softmax_less_the_one_hot_labels_over_the_rows()
    {
        double[] values = [2.0, -1.0, 0.5, 1000.0, 999.0, -1000.0, 0.0, 0.0, 0.0, -3.0, 4.0, 1.5];
        var logits = Tensor.Create(values, [4, 3]);
        int[] labels = [0, 1, 2, 1];
        var dlogits = Tensor.CreateFromShape<double>([4, 3]);
        double value = Classifiers.OfLogitsValueAndGradient(logits, labels, dlogits);

        double expected = 0;
        for (int i = 0; i < 4; i++)
        {
            double max = Enumerable.Range(0, 3).Max(k => values[(i * 3) + k]);
            double sum = Enumerable.Range(0, 3).Sum(k => Math.Exp(values[(i * 3) + k] - max));
            expected += (max + Math.Log(sum) - values[(i * 3) + labels[i]]) / 4;
            for (int k = 0; k < 3; k++)
            {
                double softmax = Math.Exp(values[(i * 3) + k] - max) / sum;
                Close((softmax - (k == labels[i] ? 1 : 0)) / 4, dlogits[i, k], 1e-12, $"dlogits[{i}, {k}]");
            }
        }

        Close(expected, value, 1e-12, "value");
        Close(Classifiers.OfLogits(logits, labels), value, 1e-12, "value against the eager method");
    }

    [Fact]
    public void A_label_out_of_range_throws_naming_the_labels_before_any_gradient_is_written()
    {
        var x = Tensor.Create([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [3, 2]);
        var w = Tensor.Create([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [2, 3]);
        var b = Tensor.Create([0.0, 0.1, 0.2], [3]);
        var dw = Tensor.Create(Enumerable.Repeat(double.NaN, 6).ToArray(), [2, 3]);
        var db = Tensor.Create(Enumerable.Repeat(double.NaN, 3).ToArray(), [3]);
        Tensor<int> labels = Tensor.Create([0, 3, 1], [3]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Classifiers.SoftmaxRegressionValueAndGradient(x, w, b, labels, dw, db));
        Assert.Equal("labels", error.ParamName);
        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("[0, 2]", error.Message, StringComparison.Ordinal);
        Assert.All(dw.ToArray(), v => Assert.True(double.IsNaN(v)));
        Assert.All(db.ToArray(), v => Assert.True(double.IsNaN(v)));

        // The eager method refuses the same labels.
        Assert.Throws<ArgumentOutOfRangeException>(() => Classifiers.SoftmaxRegression(x, w, b, labels));
    }

    [Fact]
    public void Labels_of_another_length_than_the_rows_throw_naming_both_shapes()
    {
        var x = Tensor.Create([1f, 2f, 3f, 4f], [2, 2]);
        var w = Tensor.Create([0.1f, 0.2f, 0.3f, 0.4f], [2, 2]);
        var b = Tensor.Create([0f, 0.1f], [2]);
        var error = Assert.Throws<ArgumentException>(() => Classifiers.SoftmaxRegressionFValue(x, w, b, [1, 0, 1]));
        Assert.Equal("labels", error.ParamName);
        Assert.Contains("[2, 2]", error.Message, StringComparison.Ordinal);
        Assert.Contains("has 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_and_gradient_allocate_nothing_per_call()
    {
        var x = Tensor.Create(Enumerable.Range(0, 40 * 4).Select(i => (float)Math.Sin(i)).ToArray(), [40, 4]);
        var w = Tensor.Create(Enumerable.Range(0, 12).Select(i => (float)Math.Cos(i)).ToArray(), [4, 3]);
        var b = Tensor.Create([0.1f, -0.2f, 0.3f], [3]);
        int[] labels = Enumerable.Range(0, 40).Select(i => i % 3).ToArray();
        var dw = Tensor.CreateFromShape<float>([4, 3]);
        var db = Tensor.CreateFromShape<float>([3]);
        for (int i = 0; i < 3; i++)
        {
            Classifiers.SoftmaxRegressionFValueAndGradient(x, w, b, labels, dw, db);
        }

        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (int i = 0; i < 10; i++)
            {
                Classifiers.SoftmaxRegressionFValueAndGradient(x, w, b, labels, dw, db);
            }
        }));
    }

    [Fact]
    public void Softmax_regression_trained_on_Iris_with_Adam_classifies_the_training_set()
    {
        (float[] features, int[] labels) = Iris();
        int n = labels.Length;
        var x = Tensor.Create(features, [n, 4]);
        var w = new Parameter<float>("w", Tensor.CreateFromShape<float>([4, 3]));
        var b = new Parameter<float>("b", Tensor.CreateFromShape<float>([3]));
        var optimizer = new Adam<float>([w, b], learningRate: 0.1);
        float first = 0, last = 0;
        for (int step = 0; step < 300; step++)
        {
            last = Classifiers.SoftmaxRegressionFValueAndGradient(x, w.Value, b.Value, labels, w.Gradient, b.Gradient);
            first = step == 0 ? last : first;
            optimizer.Step();
        }

        Assert.Equal(MathF.Log(3), first, 1e-5f);
        Assert.True(last < 0.15f, $"The loss after 300 steps is {last}.");
        Tensor<float> logits = TensorMath.MatMul(x, w.Value);
        int correct = 0;
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int k = 1; k < 3; k++)
            {
                if (logits[i, k] + b.Value[k] > logits[i, best] + b.Value[best])
                {
                    best = k;
                }
            }

            correct += best == labels[i] ? 1 : 0;
        }

        Assert.True(correct >= 0.95 * n, $"{correct} of {n} training examples are classified right.");
    }

    /// <summary>The Iris data set from the shared data folder beside the repository, each feature standardized.</summary>
    internal static (float[] Features, int[] Labels) Iris()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "SymGrad.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        Assert.NotNull(directory);
        string[] lines = File.ReadAllLines(Path.Combine(directory, "..", "shared", "data", "iris.csv"));
        int n = int.Parse(lines[0].Split(',')[0], CultureInfo.InvariantCulture);
        var features = new float[n * 4];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            string[] fields = lines[i + 1].Split(',');
            for (int j = 0; j < 4; j++)
            {
                features[(i * 4) + j] = float.Parse(fields[j], CultureInfo.InvariantCulture);
            }

            labels[i] = int.Parse(fields[4], CultureInfo.InvariantCulture);
        }

        for (int j = 0; j < 4; j++)
        {
            double mean = Enumerable.Range(0, n).Average(i => features[(i * 4) + j]);
            double deviation = Math.Sqrt(Enumerable.Range(0, n).Average(i => Math.Pow(features[(i * 4) + j] - mean, 2)));
            for (int i = 0; i < n; i++)
            {
                features[(i * 4) + j] = (float)((features[(i * 4) + j] - mean) / deviation);
            }
        }

        return (features, labels);
    }

    private static Tensor<T> Input<T>(JsonElement input)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        nint[] shape = input.GetProperty("shape").EnumerateArray().Select(l => (nint)l.GetInt32()).ToArray();
        T[] values = input.GetProperty("values").EnumerateArray().Select(v => T.CreateChecked(v.GetDouble())).ToArray();
        return Tensor.Create(values, shape);
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static void Close(double expected, double actual, double tolerance, string what)
        => Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}.");

    private static void Close(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected[i], actual[i], tolerance, what + "[" + i + "]");
        }
    }
}
