using System;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.Json;
using static SymGrad.Tests.Gradients.LoopProductTests;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// <c>CrossEntropy</c> and <c>BinaryCrossEntropyWithLogits</c> inside loops and branches: values against the methods run
/// as written, gradients against central differences and PyTorch float64 (<c>Reference/loop_losses.json</c>, from
/// <c>tools/reference/loop_losses.py</c>), float against double, labels and shapes that do not fit throw what TensorMath
/// throws before any gradient is written, and a warm call allocates nothing.
/// </summary>
public sealed class LoopLossTests
{
    /// <summary>Label i of <paramref name="rows"/> rows and <paramref name="classes"/> classes: (5 i) mod C.</summary>
    private static int[] Labels(int rows, int classes) => Enumerable.Range(0, rows).Select(i => (i * 5) % classes).ToArray();

    [Theory]
    [InlineData(3, 4, 1, 0)]
    [InlineData(3, 4, 3, 1)]
    [InlineData(2, 5, 17, 3)]
    [InlineData(1, 3, 33, 2)]
    [InlineData(17, 1, 3, 3)]
    public void Rnn_classifier_against_class_indices(int batch, int width, int classes, int steps)
    {
        int[] labels = Labels(batch, classes);
        double[][] data = { Values(batch * width, 1), Values(width * width, 2).Select(v => v * 0.5).ToArray(), Values(width * classes, 3) };
        nint[][] shapes = { [batch, width], [width, width], [width, classes] };
        CheckDoubles(
            data,
            shapes,
            t => LoopLossBodies.RnnClassifier(t[0], t[1], t[2], labels, steps),
            t => LoopLossBodies.RnnClassifierValue(t[0], t[1], t[2], labels, steps),
            (t, g) => LoopLossBodies.RnnClassifierValueAndGradient(t[0], t[1], t[2], labels, steps, g[0], g[1], g[2]));
    }

    [Theory]
    [InlineData(1, 1, 1, 0)]
    [InlineData(3, 2, 3, 1)]
    [InlineData(17, 3, 5, 3)]
    [InlineData(4, 17, 3, 3)]
    public void Softmax_regression_weighted_by_the_step_with_int_tensor_labels(int n, int d, int c, int steps)
    {
        Tensor<int> labels = Tensor.Create(Labels(n, c), [n]);
        Tensor<double> x = Tensor.Create(Values(n * d, 4), [n, d]);
        CheckDoubles(
            new[] { Values(d * c, 5), Values(c, 6) },
            new[] { new nint[] { d, c }, new nint[] { c } },
            t => LoopLossBodies.Regression(x, t[0], t[1], labels, steps),
            t => LoopLossBodies.RegressionValue(x, t[0], t[1], labels, steps),
            (t, g) => LoopLossBodies.RegressionValueAndGradient(x, t[0], t[1], labels, steps, g[0], g[1]));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 3, 0)]
    [InlineData(3, 17, 3)]
    [InlineData(17, 3, 4)]
    public void Losses_in_branches_with_tensor_labels(int n, int c, int steps)
    {
        Tensor<int> labels = Tensor.Create(Labels(n, c), [n]);
        CheckDoubles(
            new[] { Values(n * c, 7) },
            new[] { new nint[] { n, c } },
            t => LoopLossBodies.Branches(t[0], labels, steps),
            t => LoopLossBodies.BranchesValue(t[0], labels, steps),
            (t, g) => LoopLossBodies.BranchesValueAndGradient(t[0], labels, steps, g[0]));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 3, 3)]
    [InlineData(17, 3, 2)]
    [InlineData(3, 17, 0)]
    public void A_tensor_locals_loss_in_each_step_with_array_labels(int n, int d, int steps)
    {
        int[] labels = Labels(n, d);
        CheckDoubles(
            new[] { Values(n * d, 8), Values(d * d, 9).Select(v => v * 0.5).ToArray() },
            new[] { new nint[] { n, d }, new nint[] { d, d } },
            t => LoopLossBodies.ArrayLabels(t[0], t[1], labels, steps),
            t => LoopLossBodies.ArrayLabelsValue(t[0], t[1], labels, steps),
            (t, g) => LoopLossBodies.ArrayLabelsValueAndGradient(t[0], t[1], labels, steps, g[0], g[1]));
    }

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(3, 2, 3, 0)]
    [InlineData(17, 3, 5, 3)]
    [InlineData(2, 17, 3, 1)]
    public void Class_probabilities_as_differentiable_targets(int n, int d, int c, int steps)
    {
        CheckDoubles(
            new[] { Values(n * d, 10), Values(d * c, 11), Values(c, 12), Values(n * c, 13).Select(Math.Abs).ToArray() },
            new[] { new nint[] { n, d }, new nint[] { d, c }, new nint[] { c }, new nint[] { n, c } },
            t => LoopLossBodies.Probabilities(t[0], t[1], t[2], t[3], steps),
            t => LoopLossBodies.ProbabilitiesValue(t[0], t[1], t[2], t[3], steps),
            (t, g) => LoopLossBodies.ProbabilitiesValueAndGradient(t[0], t[1], t[2], t[3], steps, g[0], g[1], g[2], g[3]));
    }

    [Theory]
    [InlineData(new int[] { 1 }, 1)]
    [InlineData(new int[] { 3 }, 0)]
    [InlineData(new int[] { 3, 17 }, 3)]
    [InlineData(new int[] { 17, 1, 3 }, 4)]
    [InlineData(new int[] { 2, 0 }, 2)]
    public void Binary_cross_entropy_in_a_loop_and_a_conditional(int[] lengths, int steps)
    {
        nint[] shape = lengths.Select(l => (nint)l).ToArray();
        int count = lengths.Aggregate(1, (a, b) => a * b);
        if (count == 0)
        {
            // No elements: NaN, as the method gives, and no gradient to write.
            Tensor<double> z0 = Tensor.CreateFromShape<double>(shape);
            Assert.True(double.IsNaN(LoopLossBodies.Binary(z0, z0, steps)));
            Assert.True(double.IsNaN(LoopLossBodies.BinaryValueAndGradient(z0, z0, steps, Tensor.CreateFromShape<double>(shape), Tensor.CreateFromShape<double>(shape))));
            return;
        }

        CheckDoubles(
            new[] { Values(count, 14).Select(v => v * 2).ToArray(), Values(count, 15).Select(Math.Abs).ToArray() },
            new[] { shape, shape },
            t => LoopLossBodies.Binary(t[0], t[1], steps),
            t => LoopLossBodies.BinaryValue(t[0], t[1], steps),
            (t, g) => LoopLossBodies.BinaryValueAndGradient(t[0], t[1], steps, g[0], g[1]));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 1)]
    [InlineData(17, 3)]
    [InlineData(1, 3)]
    public void Blocks_of_rows_as_logits_read_in_place(int classes, int steps)
    {
        int[] labels = Labels(2, classes);
        CheckDoubles(
            new[] { Values((steps + 1) * classes, 35), Values(classes * classes, 36).Select(v => v * 0.5).ToArray() },
            new[] { new nint[] { steps + 1, classes }, new nint[] { classes, classes } },
            t => LoopLossBodies.Blocks(t[0], t[1], labels, steps),
            t => LoopLossBodies.BlocksValue(t[0], t[1], labels, steps),
            (t, g) => LoopLossBodies.BlocksValueAndGradient(t[0], t[1], labels, steps, g[0], g[1]));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(17, 1)]
    public void A_straight_line_loss_summed_over_steps_agrees_with_the_straight_line_method(int n, int steps)
    {
        int d = 3, c = 5;
        Tensor<double> x = Tensor.Create(Values(n * d, 16), [n, d]);
        Tensor<double> w = Tensor.Create(Values(d * c, 17), [d, c]);
        Tensor<double> b = Tensor.Create(Values(c, 18), [c]);
        Tensor<double> p = Tensor.Create(Values(n * c, 19).Select(Math.Abs).ToArray(), [n, c]);
        Tensor<double> dw = Tensor.CreateFromShape<double>([d, c]), db = Tensor.CreateFromShape<double>([c]);
        Tensor<double> ew = Tensor.CreateFromShape<double>([d, c]), eb = Tensor.CreateFromShape<double>([c]);
        double loop = LoopLossBodies.SoftmaxRegressionStepsValueAndGradient(x, w, b, p, steps, dw, db);
        double straight = Axes.CrossEntropyProbabilitiesValueAndGradient(x, w, b, p, ew, eb);
        Assert.Equal(straight * steps, loop, 12);
        Assert.Equal(LoopLossBodies.SoftmaxRegressionSteps(x, w, b, p, steps), loop, 12);
        double[] got = dw.ToArray().Concat(db.ToArray()).ToArray();
        double[] want = ew.ToArray().Concat(eb.ToArray()).Select(v => v * steps).ToArray();
        for (int i = 0; i < got.Length; i++)
        {
            Assert.True(Math.Abs(got[i] - want[i]) <= 1e-12 * Math.Max(1, Math.Abs(want[i])), $"element {i}: {got[i]} against {want[i]}");
        }
    }

    [Theory]
    [InlineData(3, 4, 5, 2)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(17, 3, 33, 3)]
    public void Float_agrees_with_double(int n, int d, int c, int steps)
    {
        int[] labels = Labels(n, c);
        Tensor<double>[] sd = { Tensor.Create(Values(n * d, 20), [n, d]), Tensor.Create(Values(d * d, 21).Select(v => v * 0.5).ToArray(), [d, d]), Tensor.Create(Values(d * c, 22), [d, c]) };
        Tensor<float>[] sf = sd.Select(t => Tensor.Create(t.ToArray().Select(v => (float)v).ToArray(), t.Lengths)).ToArray();
        Tensor<double>[] gd = sd.Select(t => Tensor.CreateFromShape<double>(t.Lengths)).ToArray();
        Tensor<float>[] gf = sd.Select(t => Tensor.CreateFromShape<float>(t.Lengths)).ToArray();
        float value = LoopLossBodies.RnnClassifierFloatValueAndGradient(sf[0], sf[1], sf[2], labels, steps, gf[0], gf[1], gf[2]);
        Assert.Equal(LoopLossBodies.RnnClassifierFloat(sf[0], sf[1], sf[2], labels, steps), value, 5);
        Close(value, LoopLossBodies.RnnClassifierValueAndGradient(sd[0], sd[1], sd[2], labels, steps, gd[0], gd[1], gd[2]), gf, gd);

        Tensor<int> tensorLabels = Tensor.Create(labels, [n]);
        Tensor<double>[] rd = { Tensor.Create(Values(d * c, 23), [d, c]), Tensor.Create(Values(c, 24), [c]) };
        Tensor<float>[] rf = rd.Select(t => Tensor.Create(t.ToArray().Select(v => (float)v).ToArray(), t.Lengths)).ToArray();
        Tensor<double>[] rgd = rd.Select(t => Tensor.CreateFromShape<double>(t.Lengths)).ToArray();
        Tensor<float>[] rgf = rd.Select(t => Tensor.CreateFromShape<float>(t.Lengths)).ToArray();
        value = LoopLossBodies.RegressionFloatValueAndGradient(sf[0], rf[0], rf[1], tensorLabels, steps, rgf[0], rgf[1]);
        Assert.Equal(LoopLossBodies.RegressionFloat(sf[0], rf[0], rf[1], tensorLabels, steps), value, 4);
        Close(value, LoopLossBodies.RegressionValueAndGradient(sd[0], rd[0], rd[1], tensorLabels, steps, rgd[0], rgd[1]), rgf, rgd);

        Tensor<double>[] pd = { sd[0], Tensor.Create(Values(d * c, 25), [d, c]), Tensor.Create(Values(c, 26), [c]), Tensor.Create(Values(n * c, 27).Select(Math.Abs).ToArray(), [n, c]) };
        Tensor<float>[] pf = pd.Select(t => Tensor.Create(t.ToArray().Select(v => (float)v).ToArray(), t.Lengths)).ToArray();
        Tensor<double>[] pgd = pd.Select(t => Tensor.CreateFromShape<double>(t.Lengths)).ToArray();
        Tensor<float>[] pgf = pd.Select(t => Tensor.CreateFromShape<float>(t.Lengths)).ToArray();
        value = LoopLossBodies.ProbabilitiesFloatValueAndGradient(pf[0], pf[1], pf[2], pf[3], steps, pgf[0], pgf[1], pgf[2], pgf[3]);
        Assert.Equal(LoopLossBodies.ProbabilitiesFloat(pf[0], pf[1], pf[2], pf[3], steps), value, 4);
        Close(value, LoopLossBodies.ProbabilitiesValueAndGradient(pd[0], pd[1], pd[2], pd[3], steps, pgd[0], pgd[1], pgd[2], pgd[3]), pgf, pgd);

        Tensor<double>[] bd = { Tensor.Create(Values(n * c, 28).Select(v => v * 2).ToArray(), [n, c]), Tensor.Create(Values(n * c, 29).Select(Math.Abs).ToArray(), [n, c]) };
        Tensor<float>[] bf = bd.Select(t => Tensor.Create(t.ToArray().Select(v => (float)v).ToArray(), t.Lengths)).ToArray();
        Tensor<double>[] bgd = bd.Select(t => Tensor.CreateFromShape<double>(t.Lengths)).ToArray();
        Tensor<float>[] bgf = bd.Select(t => Tensor.CreateFromShape<float>(t.Lengths)).ToArray();
        value = LoopLossBodies.BinaryFloatValueAndGradient(bf[0], bf[1], steps, bgf[0], bgf[1]);
        Assert.Equal(LoopLossBodies.BinaryFloat(bf[0], bf[1], steps), value, 4);
        Close(value, LoopLossBodies.BinaryValueAndGradient(bd[0], bd[1], steps, bgd[0], bgd[1]), bgf, bgd);
    }

    private static void Close(float value, double reference, Tensor<float>[] got, Tensor<double>[] expected)
    {
        Assert.True(Math.Abs(value - reference) <= 1e-4 * Math.Max(1, Math.Abs(reference)), $"value {value} against {reference}");
        for (int p = 0; p < got.Length; p++)
        {
            float[] g = got[p].ToArray();
            double[] e = expected[p].ToArray();
            for (int i = 0; i < g.Length; i++)
            {
                Assert.True(Math.Abs(g[i] - e[i]) <= 2e-4 * Math.Max(1, Math.Abs(e[i])), $"parameter {p} element {i}: {g[i]} against {e[i]}");
            }
        }
    }

    /// <summary>The exception the method as written throws, and that the generated value-and-gradient throws the same before writing any gradient.</summary>
    private static void ThrowsAsWritten<TException>(Func<double> eager, Func<Tensor<double>[], double> valueAndGradient, params nint[][] gradientShapes)
        where TException : ArgumentException
    {
        TException expected = Assert.Throws<TException>(() => eager());
        Tensor<double>[] g = gradientShapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        foreach (Tensor<double> gradient in g)
        {
            gradient.Fill(7);
        }

        TException error = Assert.Throws<TException>(() => valueAndGradient(g));
        Assert.Equal(expected.Message, error.Message);
        Assert.Equal(expected.ParamName, error.ParamName);
        Assert.All(g, gradient => Assert.All(gradient.ToArray(), v => Assert.Equal(7, v)));
    }

    [Fact]
    public void Bad_labels_throw_what_TensorMath_throws_before_any_gradient_is_written()
    {
        Tensor<double> xs = Tensor.Create(Values(6, 1), [3, 2]);
        Tensor<double> w = Tensor.Create(Values(4, 2), [2, 2]);
        Tensor<double> v = Tensor.Create(Values(8, 3), [2, 4]);
        nint[][] shapes = { [3, 2], [2, 2], [2, 4] };

        // A label out of range, a negative one, and too few or too many.
        foreach (int[] labels in new[] { new[] { 0, 4, 1 }, new[] { 0, -1, 1 }, new[] { -100, 0, 1 } })
        {
            ThrowsAsWritten<ArgumentOutOfRangeException>(() => LoopLossBodies.RnnClassifier(xs, w, v, labels, 2), g => LoopLossBodies.RnnClassifierValueAndGradient(xs, w, v, labels, 2, g[0], g[1], g[2]), shapes);
        }

        foreach (int[] labels in new[] { new[] { 0, 1 }, new[] { 0, 1, 2, 3 }, Array.Empty<int>() })
        {
            ThrowsAsWritten<ArgumentException>(() => LoopLossBodies.RnnClassifier(xs, w, v, labels, 1), g => LoopLossBodies.RnnClassifierValueAndGradient(xs, w, v, labels, 1, g[0], g[1], g[2]), shapes);
        }

        // Int tensor labels of rank 2, and labels out of range in a branch.
        Tensor<double> logits = Tensor.Create(Values(6, 4), [3, 2]);
        Tensor<int> matrixLabels = Tensor.Create(new[] { 0, 1, 0 }, [3, 1]);
        ThrowsAsWritten<ArgumentException>(() => LoopLossBodies.Branches(logits, matrixLabels, 2), g => LoopLossBodies.BranchesValueAndGradient(logits, matrixLabels, 2, g[0]), [3, 2]);
        Tensor<int> outside = Tensor.Create(new[] { 0, 2, 0 }, [3]);
        ThrowsAsWritten<ArgumentOutOfRangeException>(() => LoopLossBodies.Branches(logits, outside, 3), g => LoopLossBodies.BranchesValueAndGradient(logits, outside, 3, g[0]), [3, 2]);

        // Logits that are not a matrix.
        Tensor<double> vector = Tensor.Create(Values(3, 5), [3]);
        ThrowsAsWritten<ArgumentException>(() => LoopLossBodies.Branches(vector, outside, 1), g => LoopLossBodies.BranchesValueAndGradient(vector, outside, 1, g[0]), [3]);

        // With no iteration no loss runs, so nothing throws, as in the method as written.
        Assert.Equal(LoopLossBodies.Branches(logits, outside, 0), LoopLossBodies.BranchesValue(logits, outside, 0));
    }

    [Fact]
    public void Targets_of_another_shape_throw_what_TensorMath_throws_before_any_gradient_is_written()
    {
        Tensor<double> x = Tensor.Create(Values(6, 1), [3, 2]);
        Tensor<double> w = Tensor.Create(Values(8, 2), [2, 4]);
        Tensor<double> b = Tensor.Create(Values(4, 3), [4]);
        Tensor<double> p = Tensor.Create(Values(8, 4), [2, 4]);
        ThrowsAsWritten<ArgumentException>(() => LoopLossBodies.Probabilities(x, w, b, p, 2), g => LoopLossBodies.ProbabilitiesValueAndGradient(x, w, b, p, 2, g[0], g[1], g[2], g[3]), [3, 2], [2, 4], [4], [2, 4]);

        Tensor<double> z = Tensor.Create(Values(6, 5), [3, 2]);
        Tensor<double> y = Tensor.Create(Values(6, 6), [2, 3]);
        ThrowsAsWritten<ArgumentException>(() => LoopLossBodies.Binary(z, y, 0), g => LoopLossBodies.BinaryValueAndGradient(z, y, 0, g[0], g[1]), [3, 2], [2, 3]);
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        int[] labels = Labels(5, 17);
        nint[][] shapes = { [5, 3], [3, 3], [3, 17] };
        Tensor<double>[] t = shapes.Select((s, i) => Tensor.Create(Values((int)(s[0] * s[1]), 30 + i), s)).ToArray();
        Tensor<double>[] g = shapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        Assert.Equal(0, Allocations.FewestBytes(() => LoopLossBodies.RnnClassifierValueAndGradient(t[0], t[1], t[2], labels, 10, g[0], g[1], g[2])));
        Assert.Equal(0, Allocations.FewestBytes(() => LoopLossBodies.RnnClassifierValue(t[0], t[1], t[2], labels, 10)));

        Tensor<int> tensorLabels = Tensor.Create(labels, [5]);
        Tensor<double> logits = Tensor.Create(Values(5 * 17, 33), [5, 17]);
        Tensor<double> dl = Tensor.CreateFromShape<double>([5, 17]);
        Assert.Equal(0, Allocations.FewestBytes(() => LoopLossBodies.BranchesValueAndGradient(logits, tensorLabels, 7, dl)));

        Tensor<double> p = Tensor.Create(Values(5 * 17, 34).Select(Math.Abs).ToArray(), [5, 17]);
        Tensor<double> dp = Tensor.CreateFromShape<double>([5, 17]);
        Assert.Equal(0, Allocations.FewestBytes(() => LoopLossBodies.BinaryValueAndGradient(logits, p, 5, dl, dp)));
    }

    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "loop_losses.json"))).RootElement;

    public static TheoryData<int> ReferenceCases()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Reference.GetProperty("cases").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Gradients_match_torch(int index)
    {
        JsonElement c = Reference.GetProperty("cases")[index];
        JsonElement[] inputs = c.GetProperty("inputs").EnumerateArray().ToArray();
        Tensor<double>[] t = inputs.Select(i => Tensor.Create(i.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray(), i.GetProperty("shape").EnumerateArray().Select(v => (nint)v.GetInt32()).ToArray())).ToArray();
        Tensor<double>[] g = t.Select(x => Tensor.CreateFromShape<double>(x.Lengths)).ToArray();
        int[] ints = c.GetProperty("ints").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        int[] labels = c.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Tensor<int> tensorLabels = Tensor.Create(labels, [labels.Length]);
        (double value, double eager) = c.GetProperty("function").GetString() switch
        {
            "RnnClassifier" => (LoopLossBodies.RnnClassifierValueAndGradient(t[0], t[1], t[2], labels, ints[0], g[0], g[1], g[2]), LoopLossBodies.RnnClassifier(t[0], t[1], t[2], labels, ints[0])),
            "Regression" => (LoopLossBodies.RegressionValueAndGradient(t[0], t[1], t[2], tensorLabels, ints[0], g[1], g[2]), LoopLossBodies.Regression(t[0], t[1], t[2], tensorLabels, ints[0])),
            "Branches" => (LoopLossBodies.BranchesValueAndGradient(t[0], tensorLabels, ints[0], g[0]), LoopLossBodies.Branches(t[0], tensorLabels, ints[0])),
            "ArrayLabels" => (LoopLossBodies.ArrayLabelsValueAndGradient(t[0], t[1], labels, ints[0], g[0], g[1]), LoopLossBodies.ArrayLabels(t[0], t[1], labels, ints[0])),
            "Probabilities" => (LoopLossBodies.ProbabilitiesValueAndGradient(t[0], t[1], t[2], t[3], ints[0], g[0], g[1], g[2], g[3]), LoopLossBodies.Probabilities(t[0], t[1], t[2], t[3], ints[0])),
            "Binary" => (LoopLossBodies.BinaryValueAndGradient(t[0], t[1], ints[0], g[0], g[1]), LoopLossBodies.Binary(t[0], t[1], ints[0])),
            var other => throw new InvalidOperationException(other),
        };
        double expectedValue = c.GetProperty("value").GetDouble();
        Assert.True(Math.Abs(value - eager) <= 1e-12 * Math.Max(1, Math.Abs(eager)), $"value {value} against the method as written {eager}");
        Assert.True(Math.Abs(value - expectedValue) <= 1e-10 * Math.Max(1, Math.Abs(expectedValue)), $"value {value} against {expectedValue}");
        JsonElement gradients = c.GetProperty("gradients");
        for (int p = 0; p < inputs.Length; p++)
        {
            if (!gradients.TryGetProperty(inputs[p].GetProperty("name").GetString()!, out JsonElement expected))
            {
                continue;
            }

            double[] want = expected.EnumerateArray().Select(v => v.GetDouble()).ToArray();
            double[] got = g[p].ToArray();
            Assert.Equal(want.Length, got.Length);
            for (int i = 0; i < want.Length; i++)
            {
                Assert.True(Math.Abs(got[i] - want[i]) <= 1e-9 * Math.Max(1, Math.Abs(want[i])), $"{inputs[p].GetProperty("name").GetString()}[{i}]: {got[i]} against torch {want[i]}");
            }
        }
    }
}
