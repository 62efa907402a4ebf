using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SymGrad.Generator.Tests.ControlFlow;

/// <summary>
/// The PyTorch references of the control-flow suite (<c>tests/SymGrad.Tests/Reference/control_flow.json</c>, written by
/// <c>tools/reference/control_flow.py</c>): per function its signature, element type and points, each with the
/// arguments, the value and the gradient of the differentiable parameters in declaration order, flattened.
/// </summary>
internal sealed record SuiteReference(string Name, string Signature, bool IsFloat, IReadOnlyList<ReferencePoint> Points)
{
    public const string ResourceName = "ControlFlow.control_flow.json";

    public static IReadOnlyDictionary<string, SuiteReference> Load()
    {
        using Stream stream = typeof(SuiteReference).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The test assembly does not embed " + ResourceName + ".");
        using JsonDocument document = JsonDocument.Parse(stream);
        var references = new Dictionary<string, SuiteReference>(StringComparer.Ordinal);
        foreach (JsonElement function in document.RootElement.GetProperty("functions").EnumerateArray())
        {
            string signature = function.GetProperty("signature").GetString()!;
            var points = function.GetProperty("points").EnumerateArray().Select(point => new ReferencePoint(
                point.GetProperty("arguments").EnumerateArray().Select(Argument).ToArray(),
                point.GetProperty("arguments").EnumerateArray().Select(Shape).ToArray(),
                point.GetProperty("value").GetDouble(),
                point.GetProperty("gradient").EnumerateArray().Select(g => g.GetDouble()).ToArray())).ToArray();
            var reference = new SuiteReference(function.GetProperty("name").GetString()!, signature, function.GetProperty("dtype").GetString() == "float32", points);
            references.Add(reference.Name, reference);
        }

        return references;
    }

    /// <summary>Every argument as an array: a scalar or an int is one element, a tensor its elements in row-major order.</summary>
    private static double[] Argument(JsonElement argument)
        => argument.ValueKind != JsonValueKind.Array ? [argument.GetDouble()]
            : argument.EnumerateArray().SelectMany(e => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(v => v.GetDouble()) : [e.GetDouble()]).ToArray();

    /// <summary>A tensor's lengths (a matrix is a list of rows); none for a scalar or an int.</summary>
    private static int[] Shape(JsonElement argument)
        => argument.ValueKind != JsonValueKind.Array ? []
            : argument.GetArrayLength() > 0 && argument[0].ValueKind == JsonValueKind.Array ? [argument.GetArrayLength(), argument[0].GetArrayLength()]
            : [argument.GetArrayLength()];
}

/// <summary>One point: each argument's elements and lengths, the value there and the gradient, flattened.</summary>
internal sealed record ReferencePoint(double[][] Arguments, int[][] Shapes, double Value, double[] Gradient)
{
    public override string ToString()
        => "(" + string.Join(", ", this.Arguments.Select((a, k) => this.Shapes[k].Length == 0 ? Format(a[0]) : "[" + string.Join(", ", a.Select(Format)) + "]")) + ")";

    public static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
