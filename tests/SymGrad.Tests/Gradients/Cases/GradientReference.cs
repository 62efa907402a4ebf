using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;
using System.Text.Json;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// The values and gradients <c>tools/reference/gradients.py</c> computed with PyTorch in float64, read from
/// <c>Reference/gradients.json</c> next to the test assembly.
/// </summary>
internal static class GradientReference
{
    private static readonly Lazy<ReferenceFunction[]> Document = new(Read);

    /// <summary>Every function of the file, in its order.</summary>
    public static IReadOnlyList<ReferenceFunction> Functions => Document.Value;

    /// <summary>The PyTorch version that wrote the file.</summary>
    public static string Torch { get; private set; } = string.Empty;

    public static ReferenceCase Case(string function, string size)
        => Functions.Single(f => f.Name == function).Cases.Single(c => c.Size == size);

    private static ReferenceFunction[] Read()
    {
        ReferenceFunction[] functions = Read("gradients.json", out string torch);
        Torch = torch;
        return functions;
    }

    /// <summary>The functions of <c>Reference/<paramref name="fileName"/></c>, a file in the layout of <c>gradients.json</c>.</summary>
    public static ReferenceFunction[] Read(string fileName, out string torch)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", fileName)));
        JsonElement root = document.RootElement;
        torch = root.GetProperty("torch").GetString()!;
        return root.GetProperty("functions").EnumerateArray().Select(function => new ReferenceFunction(
            function.GetProperty("name").GetString()!,
            function.GetProperty("dtype").GetString()!,
            function.GetProperty("cases").EnumerateArray().Select(c => new ReferenceCase(
                c.GetProperty("size").GetString()!,
                c.GetProperty("inputs").EnumerateObject().ToDictionary(input => input.Name, input => ReferenceInput.From(input.Value)),
                c.GetProperty("value").GetDouble(),
                c.GetProperty("gradients").EnumerateObject().ToDictionary(gradient => gradient.Name, gradient => ReferenceInput.From(gradient.Value).Values)))
            .ToArray())).ToArray();
    }
}

/// <summary>One function of the reference file.</summary>
/// <param name="DType">float32 or float64: the precision of the C# function (the reference itself is always float64).</param>
internal sealed record ReferenceFunction(string Name, string DType, ReferenceCase[] Cases)
{
    public Type Element => DType == "float32" ? typeof(float) : typeof(double);
}

/// <summary>One size of a reference function: its inputs, its value and the gradient of each differentiable parameter.</summary>
internal sealed record ReferenceCase(string Size, IReadOnlyDictionary<string, ReferenceInput> Inputs, double Value, IReadOnlyDictionary<string, double[]> Gradients)
{
    /// <summary>The recorded inputs as arguments of <paramref name="c"/>, by its parameters' names.</summary>
    public Arguments<T> ArgumentsFor<T>(GradientCase<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var tensors = new Tensor<T>?[c.Parameters.Count];
        var scalars = new T[c.Parameters.Count];
        var integers = new int[c.Parameters.Count];
        for (int p = 0; p < c.Parameters.Count; p++)
        {
            CaseParameter parameter = c.Parameters[p];
            ReferenceInput input = Inputs.TryGetValue(parameter.Name, out ReferenceInput? found)
                ? found
                : throw new InvalidOperationException($"The reference of {c.Name} at {Size} has no input named '{parameter.Name}'.");
            switch (parameter.Kind)
            {
                case ArgumentKind.Tensor:
                    tensors[p] = Tensor.Create(input.Values.Select(T.CreateTruncating).ToArray(), input.Shape);
                    break;
                case ArgumentKind.Scalar:
                    scalars[p] = T.CreateTruncating(input.Values[0]);
                    break;
                case ArgumentKind.Integer:
                    integers[p] = checked((int)input.Values[0]);
                    break;
            }
        }

        return new Arguments<T>(c.Parameters, tensors, scalars, integers);
    }
}

/// <summary>A recorded tensor (shape and row-major values) or number (no shape, one value).</summary>
internal sealed record ReferenceInput(nint[] Shape, double[] Values)
{
    public bool IsTensor => Shape.Length > 0;

    public static ReferenceInput From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => new([], [element.GetDouble()]),
        JsonValueKind.Array => new([element.GetArrayLength()], element.EnumerateArray().Select(value => value.GetDouble()).ToArray()),
        _ => new(
            element.GetProperty("shape").EnumerateArray().Select(length => (nint)length.GetInt64()).ToArray(),
            element.GetProperty("values").EnumerateArray().Select(value => value.GetDouble()).ToArray()),
    };
}
