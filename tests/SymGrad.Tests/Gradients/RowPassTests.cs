using System;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>Cross-entropy of logits given directly, computed by a row pass: one row at a time, the logits read per row.</summary>
public static partial class RowPassFunctions
{
    [Differentiable]
    public static float OfLogitsF(ReadOnlyTensorSpan<float> logits, [NoGrad] ReadOnlySpan<int> labels) => CrossEntropy(logits, labels);

    [Differentiable]
    public static double OfLogits(ReadOnlyTensorSpan<double> logits, [NoGrad] ReadOnlySpan<int> labels) => CrossEntropy(logits, labels);

    /// <summary>The same loss spelled out, the logits scaled and shifted and the loss halved: element-wise work on both sides of the row reductions.</summary>
    [Differentiable]
    public static double SpelledScaled(ReadOnlyTensorSpan<double> logits, ReadOnlyTensorSpan<double> shift, [NoGrad] ReadOnlyTensorSpan<double> onehot)
    {
        var z = (2 * logits) + shift;
        return 0.5 * Mean(LogSumExp(z, 1) - Sum(onehot * z, 1));
    }
}

/// <summary>
/// <c>CrossEntropy(logits, labels)</c> through the row pass at the sizes where a row's loops change shape (one class,
/// fewer classes than a vector, odd counts, a thousand), with labels at the first and last class, and with infinite and
/// huge logits: the value and gradient against a float64 reference of PyTorch's formulas and against the eager method.
/// </summary>
public sealed class RowPassTests
{
    public static TheoryData<int, int> Shapes() => new()
    {
        { 1, 1 }, { 5, 1 }, { 1, 2 }, { 4, 3 }, { 7, 7 }, { 9, 10 }, { 3, 15 }, { 6, 16 }, { 5, 17 }, { 2, 33 }, { 33, 10 }, { 4, 1000 }, { 3, 1001 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_value_and_gradient_match_the_reference_and_the_eager_method(int rows, int classes)
    {
        double[] values = Logits(rows, classes);
        int[] labels = Labels(rows, classes);
        var logits = Tensor.Create(values, [rows, classes]);
        var dlogits = Tensor.Create(Enumerable.Repeat(double.NaN, rows * classes).ToArray(), [rows, classes]);

        double value = RowPassFunctions.OfLogitsValueAndGradient(logits, labels, dlogits);

        (double expected, double[] gradient) = Reference(values, labels, classes);
        Close(expected, value, 1e-12, "value");
        Close(RowPassFunctions.OfLogits(logits, labels), RowPassFunctions.OfLogitsValue(logits, labels), 1e-12, "value against the eager method");
        Close(gradient, dlogits.ToArray(), 1e-12, "dlogits");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_value_and_gradient_match_the_reference_and_the_eager_method(int rows, int classes)
    {
        double[] values = Logits(rows, classes);
        int[] labels = Labels(rows, classes);
        var logits = Tensor.Create(values.Select(v => (float)v).ToArray(), [rows, classes]);
        var dlogits = Tensor.Create(Enumerable.Repeat(float.NaN, rows * classes).ToArray(), [rows, classes]);

        float value = RowPassFunctions.OfLogitsFValueAndGradient(logits, labels, dlogits);

        (double expected, double[] gradient) = Reference(logits.ToArray().Select(v => (double)v).ToArray(), labels, classes);
        Close(expected, value, 1e-5, "value");
        Close(RowPassFunctions.OfLogitsF(logits, labels), RowPassFunctions.OfLogitsFValue(logits, labels), 1e-5, "value against the eager method");
        Close(gradient, dlogits.ToArray().Select(v => (double)v).ToArray(), 1e-5, "dlogits");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(40)]
    public void Infinite_and_huge_logits_give_what_torch_gives(int classes)
    {
        // Row 0: one +inf; row 1: one -inf at the label; row 2: every logit -inf; row 3: ±1e4 and float's exp overflow
        // (89); row 4: a -inf away from the label; row 5: NaN.
        const int rows = 6;
        var values = new double[rows * classes];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.Sin(i);
        }

        int[] labels = [0, classes - 1, 0, classes - 1, 1, 2];
        values[1] = double.PositiveInfinity;
        values[(2 * classes) - 1] = double.NegativeInfinity;
        for (int j = 0; j < classes; j++)
        {
            values[(2 * classes) + j] = double.NegativeInfinity;
            values[(3 * classes) + j] = j % 3 == 0 ? 1e4 : j % 3 == 1 ? -1e4 : 89;
        }

        values[4 * classes] = double.NegativeInfinity;
        values[(5 * classes) + 1] = double.NaN;

        foreach (int row in Enumerable.Range(0, rows))
        {
            int[] one = [labels[row]];
            double[] slice = values.AsSpan(row * classes, classes).ToArray();
            var dlogits = Tensor.Create(new double[classes], [1, classes]);
            double value = RowPassFunctions.OfLogitsValueAndGradient(Tensor.Create(slice, [1, classes]), one, dlogits);
            (double expected, double[] gradient) = Reference(slice, one, classes);
            Close(expected, value, 1e-12, $"row {row}: value");
            Close(gradient, dlogits.ToArray(), 1e-12, $"row {row}: dlogits");

            // Float rounds a logit of 1e4 to within 5e-4: the loss and the softmax are as close as that allows.
            double floatTolerance = Math.Max(1e-5, (2.0 / (1 << 23)) * slice.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max());
            var dfloat = Tensor.Create(new float[classes], [1, classes]);
            float[] single = slice.Select(v => (float)v).ToArray();
            float floatValue = RowPassFunctions.OfLogitsFValueAndGradient(Tensor.Create(single, [1, classes]), one, dfloat);
            (double floatExpected, double[] floatGradient) = Reference(single.Select(v => (double)v).ToArray(), one, classes);
            Close(floatExpected, floatValue, floatTolerance, $"row {row}: float value");
            Close(floatGradient, dfloat.ToArray().Select(v => (double)v).ToArray(), floatTolerance, $"row {row}: float dlogits");
        }

        // All rows at once: the mean carries each row's infinity or NaN, as torch's does.
        var all = Tensor.Create(new double[rows * classes], [rows, classes]);
        (double allExpected, double[] allGradient) = Reference(values, labels, classes);
        Close(allExpected, RowPassFunctions.OfLogitsValueAndGradient(Tensor.Create(values, [rows, classes]), labels, all), 1e-12, "value");
        Close(allGradient, all.ToArray(), 1e-12, "dlogits");
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(4, 7)]
    [InlineData(6, 33)]
    public void Element_wise_work_on_both_sides_of_the_row_reductions_matches_the_reference(int rows, int classes)
    {
        double[] values = Logits(rows, classes);
        int[] labels = Labels(rows, classes);
        double[] shift = Enumerable.Range(0, rows * classes).Select(j => 0.1 * Math.Cos(j)).ToArray();
        var onehot = new double[rows * classes];
        for (int r = 0; r < rows; r++)
        {
            onehot[(r * classes) + labels[r]] = 1;
        }

        var oneHot = Tensor.Create(onehot, [rows, classes]);
        var dlogits = Tensor.CreateFromShape<double>([rows, classes]);
        var dshift = Tensor.CreateFromShape<double>([rows, classes]);
        double value = RowPassFunctions.SpelledScaledValueAndGradient(Tensor.Create(values, [rows, classes]), Tensor.Create(shift, [rows, classes]), oneHot, dlogits, dshift);

        // The spelled-out loss is half the cross-entropy of 2 logits + shift: its gradients are the reference's, and half of it.
        double[] z = values.Select((v, i) => (2 * v) + shift[i]).ToArray();
        (double expected, double[] gradient) = Reference(z, labels, classes);
        Close(0.5 * expected, value, 1e-12, "value");
        Close(gradient, dlogits.ToArray(), 1e-12, "dlogits");
        Close(gradient.Select(g => 0.5 * g).ToArray(), dshift.ToArray(), 1e-12, "dshift");
        Close(RowPassFunctions.SpelledScaled(Tensor.Create(values, [rows, classes]), Tensor.Create(shift, [rows, classes]), oneHot), value, 1e-12, "value against the eager method");
    }

    [Theory]
    [InlineData(128, 10)]
    [InlineData(64, 1000)]
    public void Value_and_gradient_allocate_nothing_per_call(int rows, int classes)
    {
        var logits = Tensor.Create(Logits(rows, classes).Select(v => (float)v).ToArray(), [rows, classes]);
        int[] labels = Labels(rows, classes);
        var dlogits = Tensor.CreateFromShape<float>([rows, classes]);
        for (int i = 0; i < 3; i++)
        {
            RowPassFunctions.OfLogitsFValueAndGradient(logits, labels, dlogits);
            RowPassFunctions.OfLogitsFValue(logits, labels);
        }

        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (int i = 0; i < 10; i++)
            {
                RowPassFunctions.OfLogitsFValueAndGradient(logits, labels, dlogits);
                RowPassFunctions.OfLogitsFValue(logits, labels);
            }
        }));
    }

    private static double[] Logits(int rows, int classes)
        => Enumerable.Range(0, rows * classes).Select(i => 4 * Math.Sin((0.37 * i) + 0.1)).ToArray();

    /// <summary>The first row's label is class 0, the last row's class C - 1, the rest spread over the classes.</summary>
    private static int[] Labels(int rows, int classes)
        => Enumerable.Range(0, rows).Select(r => r == 0 ? 0 : r == rows - 1 ? classes - 1 : (r * 5) % classes).ToArray();

    /// <summary>
    /// <c>F.cross_entropy</c> and its gradient in float64: per row <c>lse = m + log(sum(exp(x - m)))</c> with
    /// <c>m</c> the row's maximum (<c>lse = m</c> when <c>m</c> is not finite, as torch.logsumexp), the loss the mean of
    /// <c>lse - x[label]</c>, and the gradient <c>(exp(x - lse) - onehot) / N</c>.
    /// </summary>
    private static (double Value, double[] Gradient) Reference(double[] values, int[] labels, int classes)
    {
        int rows = labels.Length;
        var gradient = new double[values.Length];
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < classes; j++)
            {
                double v = values[(r * classes) + j];
                max = double.IsNaN(v) || double.IsNaN(max) ? double.NaN : Math.Max(max, v);
            }

            double lse = max;
            if (double.IsFinite(max))
            {
                double sum = 0;
                for (int j = 0; j < classes; j++)
                {
                    sum += Math.Exp(values[(r * classes) + j] - max);
                }

                lse = max + Math.Log(sum);
            }

            total += lse - values[(r * classes) + labels[r]];
            for (int j = 0; j < classes; j++)
            {
                gradient[(r * classes) + j] = (Math.Exp(values[(r * classes) + j] - lse) - (j == labels[r] ? 1 : 0)) / rows;
            }
        }

        return (total / rows, gradient);
    }

    private static void Close(double expected, double actual, double tolerance, string what)
    {
        bool same = double.IsNaN(expected) ? double.IsNaN(actual)
            : double.IsInfinity(expected) ? expected == actual
            : Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected));
        Assert.True(same, $"{what}: expected {expected}, got {actual}.");
    }

    private static void Close(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected[i], actual[i], tolerance, what + "[" + i + "]");
        }
    }
}
