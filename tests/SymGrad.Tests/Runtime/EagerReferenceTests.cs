using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.Json;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Runtime;

/// <summary>
/// The eager functions of <see cref="TensorMath"/>, in float and double, against PyTorch float64 values written to
/// <c>Reference/eager.json</c> by <c>tools/reference/eager.py</c> (the tests read the file and need no PyTorch).
/// </summary>
public class EagerReferenceTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() =>
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "eager.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone());
    });

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (string name in Cases.Value.Keys)
        {
            names.Add(name);
        }

        return names;
    }

    [Fact]
    public void The_reference_covers_every_function()
    {
        string[] functions = Cases.Value.Values.Select(c => c.GetProperty("function").GetString()!).Distinct().ToArray();
        foreach (string expected in new[]
        {
            "Sum", "Mean", "Max", "Min", "LogSumExp", "Softmax", "LogSoftmax", "MaxAll", "MinAll", "Add", "Subtract", "Multiply", "Divide",
            "Maximum", "Minimum", "LessThan", "LessThanOrEqual", "GreaterThan", "GreaterThanOrEqual", "Where", "Log1p", "Expm1", "Softplus",
            "LogSigmoid", "Clamp", "CrossEntropyIndices", "CrossEntropyProbabilities", "BinaryCrossEntropyWithLogits", "MatMul",
        })
        {
            Assert.Contains(expected, functions);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Double_matches_torch_float64(string name) => Check(name, Double.Instance, relative: 1e-12, absolute: 1e-12);

    [Theory]
    [MemberData(nameof(Names))]
    public void Float_matches_torch_float64(string name) => Check(name, Single.Instance, relative: 2e-6, absolute: 2e-6);

    private static void Check<T>(string name, Evaluator<T> evaluator, double relative, double absolute)
        where T : struct
    {
        JsonElement entry = Cases.Value[name];
        Tensor<T>[] inputs = entry.GetProperty("inputs").EnumerateArray().Select(i => evaluator.Tensor(Values(i), Shape(i))).ToArray();
        JsonElement arguments = entry.GetProperty("arguments");
        string function = entry.GetProperty("function").GetString()!;
        if (entry.TryGetProperty("error", out _))
        {
            Assert.ThrowsAny<ArgumentException>(() => evaluator.Evaluate(function, inputs, arguments, Values(entry.GetProperty("inputs")[0])));
            return;
        }

        JsonElement expected = entry.GetProperty("expected");
        (double[] values, nint[] shape) = evaluator.Evaluate(function, inputs, arguments, Values(entry.GetProperty("inputs")[0]));
        Assert.Equal(Shape(expected), shape);
        double[] reference = Values(expected);
        Assert.Equal(reference.Length, values.Length);
        for (int i = 0; i < reference.Length; i++)
        {
            NumericAssert.Close(reference[i], values[i], relative, absolute, string.Create(CultureInfo.InvariantCulture, $"{name} ({typeof(T).Name}) element {i}"));
        }
    }

    private static nint[] Shape(JsonElement tensor) => tensor.GetProperty("shape").EnumerateArray().Select(d => (nint)d.GetInt64()).ToArray();

    private static double[] Values(JsonElement tensor) => tensor.GetProperty("values").EnumerateArray().Select(Number).ToArray();

    private static double Number(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var other => throw new FormatException("Unknown number " + other),
        }
        : value.GetDouble();

    /// <summary>Runs a function of the reference by name in one element type, giving its values as doubles and its shape.</summary>
    private abstract class Evaluator<T>
        where T : struct
    {
        public abstract Tensor<T> Tensor(double[] values, nint[] shape);

        public abstract (double[] Values, nint[] Shape) Evaluate(string function, Tensor<T>[] x, JsonElement arguments, double[] firstValues);

        protected static (double[], nint[]) Result<TElement>(Tensor<TElement> tensor, Func<TElement, double> widen)
            => (NumericAssert.Flatten(tensor).Select(widen).ToArray(), tensor.Lengths.ToArray());

        protected static (double[], nint[]) Result(double scalar) => ([scalar], []);

        protected static int Axis(JsonElement arguments) => arguments.GetProperty("axis").GetInt32();

        protected static bool KeepDims(JsonElement arguments) => arguments.GetProperty("keepDims").GetBoolean();

        protected static double Argument(JsonElement arguments, string name) => Number(arguments.GetProperty(name));

        protected static int[] Labels(JsonElement arguments) => arguments.GetProperty("labels").EnumerateArray().Select(l => l.GetInt32()).ToArray();

        protected static Tensor<bool> Mask(double[] values, nint[] shape) => System.Numerics.Tensors.Tensor.Create(values.Select(v => v != 0).ToArray(), shape);
    }

    private sealed class Double : Evaluator<double>
    {
        public static readonly Double Instance = new();

        public override Tensor<double> Tensor(double[] values, nint[] shape) => System.Numerics.Tensors.Tensor.Create(values, shape);

        public override (double[] Values, nint[] Shape) Evaluate(string function, Tensor<double>[] x, JsonElement arguments, double[] firstValues)
        {
            static double Bit(bool b) => b ? 1 : 0;
            return function switch
            {
                "Sum" => Result(Sum(x[0], Axis(arguments), KeepDims(arguments)), v => v),
                "Mean" => Result(Mean(x[0], Axis(arguments), KeepDims(arguments)), v => v),
                "Max" => Result(Max(x[0], Axis(arguments), KeepDims(arguments)), v => v),
                "Min" => Result(Min(x[0], Axis(arguments), KeepDims(arguments)), v => v),
                "LogSumExp" => Result(LogSumExp(x[0], Axis(arguments), KeepDims(arguments)), v => v),
                "Softmax" => Result(Softmax(x[0], Axis(arguments)), v => v),
                "LogSoftmax" => Result(LogSoftmax(x[0], Axis(arguments)), v => v),
                "MaxAll" => Result(Max(x[0])),
                "MinAll" => Result(Min(x[0])),
                "Add" => Result(x[0] + x[1], v => v),
                "Subtract" => Result(x[0] - x[1], v => v),
                "Multiply" => Result(x[0] * x[1], v => v),
                "Divide" => Result(x[0] / x[1], v => v),
                "Maximum" => Result(Maximum(x[0], x[1]), v => v),
                "Minimum" => Result(Minimum(x[0], x[1]), v => v),
                "LessThan" => Result(x[0] < x[1], Bit),
                "LessThanOrEqual" => Result(x[0] <= x[1], Bit),
                "GreaterThan" => Result(GreaterThan(x[0], x[1]), Bit),
                "GreaterThanOrEqual" => Result(GreaterThanOrEqual(x[0], x[1]), Bit),
                "AddScalar" => Result(x[0] + Argument(arguments, "scalar"), v => v),
                "SubtractScalar" => Result(x[0] - Argument(arguments, "scalar"), v => v),
                "MultiplyScalar" => Result(x[0] * Argument(arguments, "scalar"), v => v),
                "DivideScalar" => Result(x[0] / Argument(arguments, "scalar"), v => v),
                "MaximumScalar" => Result(Maximum(x[0], Argument(arguments, "scalar")), v => v),
                "MinimumScalar" => Result(Minimum(x[0], Argument(arguments, "scalar")), v => v),
                "LessThanScalar" => Result(LessThan(x[0], Argument(arguments, "scalar")), Bit),
                "LessThanOrEqualScalar" => Result(x[0] <= Argument(arguments, "scalar"), Bit),
                "GreaterThanScalar" => Result(x[0] > Argument(arguments, "scalar"), Bit),
                "GreaterThanOrEqualScalar" => Result(GreaterThanOrEqual(x[0], Argument(arguments, "scalar")), Bit),
                "ScalarAdd" => Result(Argument(arguments, "scalar") + x[0], v => v),
                "ScalarSubtract" => Result(Argument(arguments, "scalar") - x[0], v => v),
                "ScalarMultiply" => Result(Argument(arguments, "scalar") * x[0], v => v),
                "ScalarDivide" => Result(Argument(arguments, "scalar") / x[0], v => v),
                "ScalarMaximum" => Result(Maximum(Argument(arguments, "scalar"), x[0]), v => v),
                "ScalarMinimum" => Result(Minimum(Argument(arguments, "scalar"), x[0]), v => v),
                "ScalarLessThan" => Result(Argument(arguments, "scalar") < x[0], Bit),
                "ScalarLessThanOrEqual" => Result(Argument(arguments, "scalar") <= x[0], Bit),
                "ScalarGreaterThan" => Result(Argument(arguments, "scalar") > x[0], Bit),
                "ScalarGreaterThanOrEqual" => Result(Argument(arguments, "scalar") >= x[0], Bit),
                "Where" => Result(Where(Mask(firstValues, x[0].Lengths.ToArray()), x[1], x[2]), v => v),
                "Log1p" => Result(Log1p(x[0]), v => v),
                "Expm1" => Result(Expm1(x[0]), v => v),
                "Softplus" => Result(Softplus(x[0]), v => v),
                "LogSigmoid" => Result(LogSigmoid(x[0]), v => v),
                "Clamp" => Result(Clamp(x[0], Argument(arguments, "min"), Argument(arguments, "max")), v => v),
                "CrossEntropyIndices" => Result(CrossEntropy(x[0], Labels(arguments))),
                "CrossEntropyProbabilities" => Result(CrossEntropy(x[0], x[1])),
                "BinaryCrossEntropyWithLogits" => Result(BinaryCrossEntropyWithLogits(x[0], x[1])),
                "MatMul" => Result(MatMul(x[0], x[1]), v => v),
                _ => throw new InvalidOperationException("No evaluator for " + function),
            };
        }
    }

    private sealed class Single : Evaluator<float>
    {
        public static readonly Single Instance = new();

        public override Tensor<float> Tensor(double[] values, nint[] shape) => System.Numerics.Tensors.Tensor.Create(values.Select(v => (float)v).ToArray(), shape);

        public override (double[] Values, nint[] Shape) Evaluate(string function, Tensor<float>[] x, JsonElement arguments, double[] firstValues)
        {
            static double Bit(bool b) => b ? 1 : 0;
            float scalar = arguments.TryGetProperty("scalar", out _) ? (float)Argument(arguments, "scalar") : 0f;
            return function switch
            {
                "Sum" => Result(Sum(x[0], Axis(arguments), KeepDims(arguments)), v => v),
                "Mean" => Result(Mean(x[0], Axis(arguments), KeepDims(arguments)), v => v),
                "Max" => Result(Max(x[0], Axis(arguments), KeepDims(arguments)), v => v),
                "Min" => Result(Min(x[0], Axis(arguments), KeepDims(arguments)), v => v),
                "LogSumExp" => Result(LogSumExp(x[0], Axis(arguments), KeepDims(arguments)), v => v),
                "Softmax" => Result(Softmax(x[0], Axis(arguments)), v => v),
                "LogSoftmax" => Result(LogSoftmax(x[0], Axis(arguments)), v => v),
                "MaxAll" => Result(Max(x[0])),
                "MinAll" => Result(Min(x[0])),
                "Add" => Result(x[0] + x[1], v => v),
                "Subtract" => Result(x[0] - x[1], v => v),
                "Multiply" => Result(x[0] * x[1], v => v),
                "Divide" => Result(x[0] / x[1], v => v),
                "Maximum" => Result(Maximum(x[0], x[1]), v => v),
                "Minimum" => Result(Minimum(x[0], x[1]), v => v),
                "LessThan" => Result(LessThan(x[0], x[1]), Bit),
                "LessThanOrEqual" => Result(LessThanOrEqual(x[0], x[1]), Bit),
                "GreaterThan" => Result(x[0] > x[1], Bit),
                "GreaterThanOrEqual" => Result(x[0] >= x[1], Bit),
                "AddScalar" => Result(x[0] + scalar, v => v),
                "SubtractScalar" => Result(x[0] - scalar, v => v),
                "MultiplyScalar" => Result(x[0] * scalar, v => v),
                "DivideScalar" => Result(x[0] / scalar, v => v),
                "MaximumScalar" => Result(Maximum(x[0], scalar), v => v),
                "MinimumScalar" => Result(Minimum(x[0], scalar), v => v),
                "LessThanScalar" => Result(x[0] < scalar, Bit),
                "LessThanOrEqualScalar" => Result(LessThanOrEqual(x[0], scalar), Bit),
                "GreaterThanScalar" => Result(GreaterThan(x[0], scalar), Bit),
                "GreaterThanOrEqualScalar" => Result(x[0] >= scalar, Bit),
                "ScalarAdd" => Result(scalar + x[0], v => v),
                "ScalarSubtract" => Result(scalar - x[0], v => v),
                "ScalarMultiply" => Result(scalar * x[0], v => v),
                "ScalarDivide" => Result(scalar / x[0], v => v),
                "ScalarMaximum" => Result(Maximum(scalar, x[0]), v => v),
                "ScalarMinimum" => Result(Minimum(scalar, x[0]), v => v),
                "ScalarLessThan" => Result(scalar < x[0], Bit),
                "ScalarLessThanOrEqual" => Result(scalar <= x[0], Bit),
                "ScalarGreaterThan" => Result(scalar > x[0], Bit),
                "ScalarGreaterThanOrEqual" => Result(scalar >= x[0], Bit),
                "Where" => Result(Where(Mask(firstValues, x[0].Lengths.ToArray()), x[1], x[2]), v => v),
                "Log1p" => Result(Log1p(x[0]), v => v),
                "Expm1" => Result(Expm1(x[0]), v => v),
                "Softplus" => Result(Softplus(x[0]), v => v),
                "LogSigmoid" => Result(LogSigmoid(x[0]), v => v),
                "Clamp" => Result(Clamp(x[0], (float)Argument(arguments, "min"), (float)Argument(arguments, "max")), v => v),
                "CrossEntropyIndices" => Result(CrossEntropy(x[0], System.Numerics.Tensors.Tensor.Create(Labels(arguments), [Labels(arguments).Length]))),
                "CrossEntropyProbabilities" => Result(CrossEntropy(x[0], x[1])),
                "BinaryCrossEntropyWithLogits" => Result(BinaryCrossEntropyWithLogits(x[0], x[1])),
                "MatMul" => Result(MatMul(x[0], x[1]), v => v),
                _ => throw new InvalidOperationException("No evaluator for " + function),
            };
        }
    }
}
