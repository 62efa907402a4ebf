using System;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.Json;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Reductions along an empty axis of rank-3 tensors and matrices, as PyTorch 1.13 computes them
/// (<c>Reference/empty_axes.json</c>, written by <c>tools/reference/empty_axes.py</c>): a sum is 0, a mean NaN, a
/// log-sum-exp -infinity, a softmax or log-softmax empty, and <c>Max</c>/<c>Min</c> (<c>amax</c>/<c>amin</c>) throw
/// wherever the reduced axis has length 0, even when the result has no elements either. The generated value, the
/// generated value and gradient, and the method run as written agree with it, in float and double; the tensor's own
/// gradient has no elements.
/// </summary>
public sealed class EmptyAxisTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "empty_axes.json"))).RootElement;

    private delegate T Eager<T>(ReadOnlyTensorSpan<T> x, T s);

    private delegate T WithGradient<T>(ReadOnlyTensorSpan<T> x, T s, TensorSpan<T> dx, out T ds);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (JsonElement c in Reference.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("function").GetString()!, Label(c));
        }

        return data;
    }

    [Fact]
    public void The_reference_is_PyTorch_1_13_and_covers_every_function()
    {
        Assert.StartsWith("1.13", Reference.GetProperty("torch").GetString(), StringComparison.Ordinal);
        string[] functions = Reference.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("function").GetString()!).Distinct().ToArray();
        Assert.Equal(18, functions.Length);
        Assert.All(functions, f => Assert.NotNull(typeof(EmptyAxes).GetMethod(f)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Double_matches_PyTorch_and_the_method_as_written(string function, string shape)
        => Check(function, shape, single: false);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float_matches_PyTorch_and_the_method_as_written(string function, string shape)
        => Check(function, shape, single: true);

    private static void Check(string function, string shape, bool single)
    {
        JsonElement c = Reference.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("function").GetString() == function && Label(e) == shape);
        nint[] lengths = c.GetProperty("shape").EnumerateArray().Select(l => (nint)l.GetInt32()).ToArray();
        double s = c.GetProperty("s").GetDouble();
        string name = function + (single ? "F" : string.Empty);
        if (single)
        {
            Run<float>(c, lengths, (float)s, Delegate<Eager<float>>(name), Delegate<Eager<float>>(name + "Value"), Delegate<WithGradient<float>>(name + "ValueAndGradient"), v => v);
        }
        else
        {
            Run<double>(c, lengths, s, Delegate<Eager<double>>(name), Delegate<Eager<double>>(name + "Value"), Delegate<WithGradient<double>>(name + "ValueAndGradient"), v => v);
        }
    }

    private static void Run<T>(JsonElement c, nint[] lengths, T s, Eager<T> eager, Eager<T> value, WithGradient<T> withGradient, Func<T, double> widen)
        where T : unmanaged, IEquatable<T>
    {
        var x = Tensor.CreateFromShape<T>(lengths);
        var dx = Tensor.CreateFromShape<T>(lengths);
        string shape = "[" + string.Join(", ", lengths) + "]";
        if (c.TryGetProperty("error", out _))
        {
            Assert.Throws<ArgumentException>(() => eager(x, s));
            foreach (Action call in new Action[] { () => value(x, s), () => withGradient(x, s, dx, out _) })
            {
                ArgumentException exception = Assert.Throws<ArgumentException>(call);
                Assert.Equal("x", exception.ParamName);
                Assert.Contains(shape, exception.Message, StringComparison.Ordinal);
                Assert.Contains("axis", exception.Message, StringComparison.Ordinal);
                Assert.Contains("length 0", exception.Message, StringComparison.Ordinal);
            }

            return;
        }

        double expected = Number(c.GetProperty("value"));
        double expectedDs = Number(c.GetProperty("ds"));
        Same(expected, widen(eager(x, s)), "the method as written");
        Same(expected, widen(value(x, s)), "Value");
        Same(expected, widen(withGradient(x, s, dx, out T ds)), "ValueAndGradient");
        Same(expectedDs, widen(ds), "ds");
        Assert.Equal(0, dx.FlattenedLength);
    }

    private static TDelegate Delegate<TDelegate>(string method)
        where TDelegate : Delegate
        => typeof(EmptyAxes).GetMethod(method, [.. typeof(TDelegate).GetMethod("Invoke")!.GetParameters().Select(p => p.ParameterType)])!.CreateDelegate<TDelegate>();

    private static void Same(double expected, double actual, string what)
        => Assert.True(expected.Equals(actual), $"{what}: expected {expected}, got {actual}.");

    private static double Number(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString() switch { "NaN" => double.NaN, "Infinity" => double.PositiveInfinity, _ => double.NegativeInfinity }
        : value.GetDouble();

    private static string Label(JsonElement c) => string.Join("x", c.GetProperty("shape").EnumerateArray().Select(l => l.GetInt32()));
}

/// <summary>
/// Reductions of every kind along axis 0 and the last axis, for tensors with an empty axis. Each rank-3 function names
/// axis 2 or -3 once, which makes x rank 3; <c>tools/reference/empty_axes.py</c> defines each in PyTorch.
/// </summary>
public static partial class EmptyAxes
{
    /// <summary>Rank 3: the squared sums along axis 0 and the sums along axis 2, kept.</summary>
    [Differentiable]
    public static double Sums(ReadOnlyTensorSpan<double> x, double s)
        => Sum(Square(Sum(x * s, 0))) + s * Sum(Sum(x, 2, keepDims: true));

    [Differentiable]
    public static float SumsF(ReadOnlyTensorSpan<float> x, float s)
        => Sum(Square(Sum(x * s, 0))) + s * Sum(Sum(x, 2, keepDims: true));

    /// <summary>Rank 3: the means along axis -3 and along axis 2, kept.</summary>
    [Differentiable]
    public static double Means(ReadOnlyTensorSpan<double> x, double s)
        => Sum(Mean(x * s, -3)) + s * Sum(Mean(x, 2, keepDims: true));

    [Differentiable]
    public static float MeansF(ReadOnlyTensorSpan<float> x, float s)
        => Sum(Mean(x * s, -3)) + s * Sum(Mean(x, 2, keepDims: true));

    /// <summary>Rank 3: exponentials of the log-sum-exps along axis -3, and the log-sum-exps along the last axis, kept.</summary>
    [Differentiable]
    public static double LogSumExps(ReadOnlyTensorSpan<double> x, double s)
        => Sum(Exp(LogSumExp(x * s, -3))) + Sum(LogSumExp(x, -1, keepDims: true));

    [Differentiable]
    public static float LogSumExpsF(ReadOnlyTensorSpan<float> x, float s)
        => Sum(Exp(LogSumExp(x * s, -3))) + Sum(LogSumExp(x, -1, keepDims: true));

    /// <summary>Rank 3: the softmax along axis -3 and the log-softmax along the last axis.</summary>
    [Differentiable]
    public static double Softmaxes(ReadOnlyTensorSpan<double> x, double s)
        => Sum(Softmax(x * s, -3)) + Sum(LogSoftmax(x, -1) * s);

    [Differentiable]
    public static float SoftmaxesF(ReadOnlyTensorSpan<float> x, float s)
        => Sum(Softmax(x * s, -3)) + Sum(LogSoftmax(x, -1) * s);

    /// <summary>Rank 3: the maxima along axis -3.</summary>
    [Differentiable]
    public static double Maxima(ReadOnlyTensorSpan<double> x, double s)
        => s * Sum(Max(x, -3));

    [Differentiable]
    public static float MaximaF(ReadOnlyTensorSpan<float> x, float s)
        => s * Sum(Max(x, -3));

    /// <summary>Rank 3: the minima along axis 2, kept.</summary>
    [Differentiable]
    public static double Minima(ReadOnlyTensorSpan<double> x, double s)
        => s * Sum(Min(x, 2, keepDims: true));

    [Differentiable]
    public static float MinimaF(ReadOnlyTensorSpan<float> x, float s)
        => s * Sum(Min(x, 2, keepDims: true));

    /// <summary>Rank 3 along the middle axis: the squared sums along axis 1 and the sums along axis -2, kept. Each middle-axis function also sums along axis 2 once (adding 0), which makes x rank 3.</summary>
    [Differentiable]
    public static double MiddleSums(ReadOnlyTensorSpan<double> x, double s)
        => Sum(Square(Sum(x * s, 1))) + s * Sum(Sum(x, -2, keepDims: true)) + Sum(Sum(x, 2));

    [Differentiable]
    public static float MiddleSumsF(ReadOnlyTensorSpan<float> x, float s)
        => Sum(Square(Sum(x * s, 1))) + s * Sum(Sum(x, -2, keepDims: true)) + Sum(Sum(x, 2));

    /// <summary>Rank 3: the means along axis -2 and along axis 1, kept.</summary>
    [Differentiable]
    public static double MiddleMeans(ReadOnlyTensorSpan<double> x, double s)
        => Sum(Mean(x * s, -2)) + s * Sum(Mean(x, 1, keepDims: true)) + Sum(Sum(x, 2));

    [Differentiable]
    public static float MiddleMeansF(ReadOnlyTensorSpan<float> x, float s)
        => Sum(Mean(x * s, -2)) + s * Sum(Mean(x, 1, keepDims: true)) + Sum(Sum(x, 2));

    /// <summary>Rank 3: exponentials of the log-sum-exps along axis 1, and the log-sum-exps along axis -2, kept.</summary>
    [Differentiable]
    public static double MiddleLogSumExps(ReadOnlyTensorSpan<double> x, double s)
        => Sum(Exp(LogSumExp(x * s, 1))) + Sum(LogSumExp(x, -2, keepDims: true)) + Sum(Sum(x, 2));

    [Differentiable]
    public static float MiddleLogSumExpsF(ReadOnlyTensorSpan<float> x, float s)
        => Sum(Exp(LogSumExp(x * s, 1))) + Sum(LogSumExp(x, -2, keepDims: true)) + Sum(Sum(x, 2));

    /// <summary>Rank 3: the softmax along axis 1 and the log-softmax along axis -2.</summary>
    [Differentiable]
    public static double MiddleSoftmaxes(ReadOnlyTensorSpan<double> x, double s)
        => Sum(Softmax(x * s, 1)) + Sum(LogSoftmax(x, -2) * s) + Sum(Sum(x, 2));

    [Differentiable]
    public static float MiddleSoftmaxesF(ReadOnlyTensorSpan<float> x, float s)
        => Sum(Softmax(x * s, 1)) + Sum(LogSoftmax(x, -2) * s) + Sum(Sum(x, 2));

    /// <summary>Rank 3: the maxima along axis 1.</summary>
    [Differentiable]
    public static double MiddleMaxima(ReadOnlyTensorSpan<double> x, double s)
        => s * Sum(Max(x, 1)) + Sum(Sum(x, 2));

    [Differentiable]
    public static float MiddleMaximaF(ReadOnlyTensorSpan<float> x, float s)
        => s * Sum(Max(x, 1)) + Sum(Sum(x, 2));

    /// <summary>Rank 3: the minima along axis -2, kept.</summary>
    [Differentiable]
    public static double MiddleMinima(ReadOnlyTensorSpan<double> x, double s)
        => s * Sum(Min(x, -2, keepDims: true)) + Sum(Sum(x, 2));

    [Differentiable]
    public static float MiddleMinimaF(ReadOnlyTensorSpan<float> x, float s)
        => s * Sum(Min(x, -2, keepDims: true)) + Sum(Sum(x, 2));

        /// <summary>Rank 2: the same along both axes of a matrix.</summary>
[Differentiable]
    public static double MatrixSums(ReadOnlyTensorSpan<double> x, double s)
        => Sum(Square(Sum(x * s, 0))) + s * Sum(Sum(x, -1, keepDims: true));

    [Differentiable]
    public static float MatrixSumsF(ReadOnlyTensorSpan<float> x, float s)
        => Sum(Square(Sum(x * s, 0))) + s * Sum(Sum(x, -1, keepDims: true));

    [Differentiable]
    public static double MatrixMeans(ReadOnlyTensorSpan<double> x, double s)
        => Sum(Mean(x * s, -2)) + s * Sum(Mean(x, 1, keepDims: true));

    [Differentiable]
    public static float MatrixMeansF(ReadOnlyTensorSpan<float> x, float s)
        => Sum(Mean(x * s, -2)) + s * Sum(Mean(x, 1, keepDims: true));

    [Differentiable]
    public static double MatrixLogSumExps(ReadOnlyTensorSpan<double> x, double s)
        => Sum(Exp(LogSumExp(x * s, 0))) + Sum(LogSumExp(x, -1, keepDims: true));

    [Differentiable]
    public static float MatrixLogSumExpsF(ReadOnlyTensorSpan<float> x, float s)
        => Sum(Exp(LogSumExp(x * s, 0))) + Sum(LogSumExp(x, -1, keepDims: true));

    [Differentiable]
    public static double MatrixSoftmaxes(ReadOnlyTensorSpan<double> x, double s)
        => Sum(Softmax(x * s, 0)) + Sum(LogSoftmax(x, -1) * s);

    [Differentiable]
    public static float MatrixSoftmaxesF(ReadOnlyTensorSpan<float> x, float s)
        => Sum(Softmax(x * s, 0)) + Sum(LogSoftmax(x, -1) * s);

    [Differentiable]
    public static double MatrixMaxima(ReadOnlyTensorSpan<double> x, double s)
        => s * Sum(Max(x, 0));

    [Differentiable]
    public static float MatrixMaximaF(ReadOnlyTensorSpan<float> x, float s)
        => s * Sum(Max(x, 0));

    [Differentiable]
    public static double MatrixMinima(ReadOnlyTensorSpan<double> x, double s)
        => s * Sum(Min(x, -1, keepDims: true));

    [Differentiable]
    public static float MatrixMinimaF(ReadOnlyTensorSpan<float> x, float s)
        => s * Sum(Min(x, -1, keepDims: true));
}
