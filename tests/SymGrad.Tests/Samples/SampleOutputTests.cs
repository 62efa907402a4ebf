extern alias GradientDescentSample;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using GradientDescentProgram = GradientDescentSample::SymGrad.Samples.GradientDescent.Program;
using SeededUniform = GradientDescentSample::SymGrad.Samples.Uniform;

namespace SymGrad.Tests.Samples;

/// <summary>
/// Runs each sample in-process and compares what it prints with what PyTorch 1.13 prints for the same computation
/// (<c>Reference/samples/*.txt</c>, written by <c>tools/reference/samples.py</c>).
/// </summary>
/// <remarks>
/// GradientDescent, Autograd and ScalarDescent must match the reference character for character. LinearRegression's
/// full-precision floats may differ from torch's in the last bits, because float32 sums depend on their order: torch
/// adds the 20 squared errors of its mean in a different order than SymGrad's fused loop (the first loss is
/// 1.8585093021392822 in torch, the correctly rounded mean, and 1.8585094213485718 summed left to right, one float32
/// ulp apart). Its numbers are compared with <see cref="LinearRegressionTolerance"/> instead; all of its text, and its
/// step counts, must still match exactly.
/// </remarks>
public sealed partial class SampleOutputTests
{
    /// <summary>
    /// LinearRegression's numbers may differ from torch's by this much relative to their size, or by one unit of the
    /// last printed digit. Ulp-level differences grow near convergence, where the gradient is a small difference of
    /// larger terms: the gradient norm at step 800 differs by 2e-5 relative.
    /// </summary>
    private const double LinearRegressionTolerance = 1e-4;

    /// <summary>Seed 003's own printout of its two loops (cells 16 and 18), as the notebook shows it.</summary>
    private static readonly string[] Seed003Lines =
    [
        "x = 8.399999618530273 | y = 64.0 | step = 0",
        "x = 2.687194585800171 | y = 0.7378695011138916 | step = 10",
        "x = 2.073786973953247 | y = 0.008507047779858112 | step = 20",
        "x = 2.007922649383545 | y = 9.807794413063675e-05 | step = 30",
        "x = 2.0008506774902344 | y = 1.1307065506116487e-06 | step = 40",
        "x = 2.000091075897217 | y = 1.2987811714992858e-08 | step = 50",
        "x = 2.0000100135803223 | y = 1.5370460459962487e-10 | step = 60",
        "x = 2.0000011920928955 | y = 2.0463630789890885e-12 | step = 70",
        "x = 2.000000476837158 | y = 2.2737367544323206e-13 | step = 80",
        "x = 2.000000476837158 | y = 2.2737367544323206e-13 | step = 90",
        "",
        "x = 10.0 | y = 49.0 | step = 0",
        "x = 3.751619338989258 | y = 0.5649316310882568 | step = 10",
        "x = 3.0807044506073 | y = 0.0065132081508636475 | step = 20",
        "x = 3.0086655616760254 | y = 7.50919571146369e-05 | step = 30",
        "x = 3.0009303092956543 | y = 8.65475385580794e-07 | step = 40",
        "x = 3.0000996589660645 | y = 9.93190951703582e-09 | step = 50",
        "x = 3.0000107288360596 | y = 1.1510792319313623e-10 | step = 60",
        "x = 3.0000011920928955 | y = 1.4210854715202004e-12 | step = 70",
        "x = 3.000000476837158 | y = 2.2737367544323206e-13 | step = 80",
        "x = 3.000000476837158 | y = 2.2737367544323206e-13 | step = 90",
    ];

    [Fact]
    public void ScalarDescent_prints_the_notebooks_lines_digit_for_digit()
    {
        string[] printed = Lines(Run(global::SymGrad.Samples.ScalarDescent.Program.Run));

        Assert.Equal(Seed003Lines, printed);
    }

    [Fact]
    public void ScalarDescent_matches_torch()
        => Assert.Equal(Reference("ScalarDescent"), Run(global::SymGrad.Samples.ScalarDescent.Program.Run));

    [Fact]
    public void Autograd_matches_torch()
        => Assert.Equal(Reference("Autograd"), Run(global::SymGrad.Samples.Autograd.Program.Run));

    [Fact]
    public void GradientDescent_matches_torch_from_the_seeded_start()
        => Assert.Equal(Reference("GradientDescent"), Run(output => GradientDescentProgram.Run(output)));

    [Fact]
    public void GradientDescent_matches_torch_from_the_notebooks_start()
        => Assert.Equal(Reference("GradientDescent.notebook"), Run(output => GradientDescentProgram.Run(output, notebookStart: true)));

    [Fact]
    public void LinearRegression_matches_torch_within_float32_summation_order()
        => AssertSameWithTolerance(
            Reference("LinearRegression"),
            Run(output => global::SymGrad.Samples.LinearRegression.Program.Run(output)),
            LinearRegressionTolerance);

    [Fact]
    public void LinearRegression_prints_the_notebooks_lines_and_a_lower_loss_after_the_step()
    {
        string[] printed = Lines(Run(output => global::SymGrad.Samples.LinearRegression.Program.Run(output)));

        Assert.Equal("Weight  Parameter containing:", printed[0]);
        Assert.Equal("Bias  Parameter containing:", printed[3]);
        Assert.Matches(@"^Loss before step BackPropagation  tensor\(\d\.\d{4}, grad_fn=<MseLossBackward0>\)$", printed[5]);
        Assert.StartsWith("dL/dW :  tensor([[", printed[7], StringComparison.Ordinal);
        Assert.StartsWith("dL/db :  tensor([", printed[9], StringComparison.Ordinal);
        double before = double.Parse(printed[6]["Loss before step BackPropagation  ".Length..], CultureInfo.InvariantCulture);
        double after = double.Parse(printed[10]["Loss after Step BackPropagation  ".Length..], CultureInfo.InvariantCulture);
        Assert.True(after < before, $"one SGD step must lower the loss: {before} -> {after}");
        Assert.Contains(printed, line => line.StartsWith("Stopped after ", StringComparison.Ordinal) && line.Contains("the gradient norm reached the limit", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GradientDescent_stops_at_the_first_loss_below_1e_5(bool notebookStart)
    {
        string[] printed = Lines(Run(output => GradientDescentProgram.Run(output, notebookStart)));
        double[] losses = printed.Select(line => LossLine().Match(line)).Where(match => match.Success)
            .Select((match, index) =>
            {
                Assert.Equal(index + 1, int.Parse(match.Groups["step"].Value, CultureInfo.InvariantCulture));
                return double.Parse(match.Groups["loss"].Value, CultureInfo.InvariantCulture);
            })
            .ToArray();

        Assert.NotEmpty(losses);
        Assert.True(losses[^1] < 1e-5, $"the last printed loss {losses[^1]} must be below 1e-5");
        Assert.All(losses[..^1], loss => Assert.True(loss >= 1e-5, $"a printed loss {loss} below 1e-5 must end the loop"));
    }

    [Fact]
    public void GradientDescent_stops_at_the_first_exact_loss_below_1e_5()
    {
        // Replays the sample's loop through its generated method, to judge the float32 losses rather than their
        // four printed digits: the sample must print exactly the steps before the first loss below 1e-5, and that one.
        Tensor<float> target = Tensor.Create([.1f, .2f, .3f, .4f, .5f, .6f, .7f, .8f, .9f], [3, 3]);
        Tensor<float> x = new SeededUniform(GradientDescentProgram.Seed).Tensor(3, 3);
        Tensor<float> gradient = Tensor.CreateFromShape<float>(x.Lengths);
        var losses = new List<float> { GradientDescentProgram.MseValueAndGradient(x, target, gradient) };
        while (losses[^1] >= 1e-5f && losses.Count < 10_000)
        {
            for (int i = 0; i < 9; i++)
            {
                x[i / 3, i % 3] -= gradient[i / 3, i % 3];
            }

            losses.Add(GradientDescentProgram.MseValueAndGradient(x, target, gradient));
        }

        int printedSteps = Lines(Run(output => GradientDescentProgram.Run(output))).Count(line => LossLine().IsMatch(line));
        Assert.True(losses[^1] < 1e-5f);
        Assert.Equal(losses.Count - 1, printedSteps);
    }

    /// <summary>Requires the same lines with the same text between numbers, and each number within the tolerance.</summary>
    private static void AssertSameWithTolerance(string expected, string actual, double relative)
    {
        string[] expectedLines = Lines(expected);
        string[] actualLines = Lines(actual);
        Assert.True(
            expectedLines.Length == actualLines.Length,
            $"expected {expectedLines.Length} lines, got {actualLines.Length}:\n{actual}");
        for (int i = 0; i < expectedLines.Length; i++)
        {
            string context = $"line {i + 1}: expected\n  {expectedLines[i]}\ngot\n  {actualLines[i]}";
            string[] expectedParts = NumberToken().Split(expectedLines[i]);
            string[] actualParts = NumberToken().Split(actualLines[i]);
            Assert.True(expectedParts.Length == actualParts.Length, context);

            // Split with a capturing group alternates text, number, text, ..., so odd parts are numbers.
            for (int k = 0; k < expectedParts.Length; k++)
            {
                if (k % 2 == 0 || expectedParts[k] == actualParts[k])
                {
                    Assert.True(expectedParts[k] == actualParts[k], context);
                    continue;
                }

                double e = double.Parse(expectedParts[k], CultureInfo.InvariantCulture);
                double a = double.Parse(actualParts[k], CultureInfo.InvariantCulture);
                double allowed = Math.Max(relative * Math.Abs(e), LastDigit(expectedParts[k]));
                Assert.True(Math.Abs(a - e) <= allowed, $"{context}\n{a:R} differs from {e:R} by more than {allowed:G3}");
            }
        }
    }

    /// <summary>One unit of the last digit a number was printed with: 1e-4 for <c>0.1234</c>, 1e-9 for <c>1.2345e-05</c>.</summary>
    private static double LastDigit(string number)
    {
        string[] parts = number.Split('e');
        string mantissa = parts[0];
        int decimals = mantissa.Contains('.', StringComparison.Ordinal) ? mantissa.Length - mantissa.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        int exponent = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
        return Math.Pow(10, exponent - decimals);
    }

    private static string Run(Action<TextWriter> sample)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        sample(output);
        return output.ToString();
    }

    private static string Reference(string name)
        => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "samples", name + ".txt")).ReplaceLineEndings("\n");

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    /// <summary>A decimal number that stands alone: not part of a name such as <c>t1</c>, <c>float64</c> or <c>Backward0</c>.</summary>
    [GeneratedRegex(@"(?<![\w.])(-?\d+(?:\.\d*)?(?:e[+-]?\d+)?)(?![\w.])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberToken();

    [GeneratedRegex(@"^(?<step>\d+)-th Loss: (?<loss>\S+)$", RegexOptions.CultureInvariant)]
    private static partial Regex LossLine();
}
