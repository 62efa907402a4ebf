using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SymGrad.Tests.Optimization;

/// <summary>
/// The trajectories <c>tools/reference/optimizers.py</c> recorded from <c>torch.optim</c>, read from
/// <c>Reference/optimizers.json</c> next to the test assembly.
/// </summary>
internal static class TorchReference
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "optimizers.json"))));

    /// <summary>The quadratic every run minimizes: one entry per parameter, in order.</summary>
    public static IReadOnlyList<QuadraticTerm> Problem { get; } = ReadProblem();

    /// <summary>Every recorded run.</summary>
    public static IReadOnlyList<ReferenceRun> Runs { get; } = ReadRuns();

    /// <summary>Seed 003: x after each of 100 float32 SGD steps on (x - 3)^2, from x = 10 with lr = 0.1.</summary>
    public static IReadOnlyList<double> Seed003Trajectory { get; } =
        Root.GetProperty("seed003").GetProperty("x").EnumerateArray().Select(x => x.GetDouble()).ToArray();

    private static JsonElement Root => Document.Value.RootElement;

    public static ReferenceRun Run(string name, string dtype)
        => Runs.Single(run => run.Name == name && run.DType == dtype);

    private static QuadraticTerm[] ReadProblem()
        => Root.GetProperty("problem").EnumerateObject().Select(term => new QuadraticTerm(
            term.Name,
            Numbers<long>(term.Value.GetProperty("shape")).Select(length => (nint)length).ToArray(),
            Numbers<double>(term.Value.GetProperty("initial")),
            Numbers<double>(term.Value.GetProperty("target")),
            Numbers<double>(term.Value.GetProperty("weight")))).ToArray();

    private static ReferenceRun[] ReadRuns()
        => Root.GetProperty("runs").EnumerateArray().Select(run => new ReferenceRun(
            run.GetProperty("name").GetString()!,
            run.GetProperty("optimizer").GetString()!,
            run.GetProperty("dtype").GetString()!,
            run.GetProperty("options").EnumerateObject().ToDictionary(option => option.Name, option => option.Value.Clone()),
            Numbers<double>(run.GetProperty("losses")),
            run.GetProperty("parameters").EnumerateArray()
                .Select(step => step.EnumerateArray().Select(Numbers<double>).ToArray())
                .ToArray())).ToArray();

    private static TNumber[] Numbers<TNumber>(JsonElement array)
        => array.EnumerateArray().Select(number => number.Deserialize<TNumber>()!).ToArray();
}

/// <summary>One parameter's part of the loss: <c>sum(weight * (p - target)^2)</c>, with p starting at <c>Initial</c>.</summary>
internal sealed record QuadraticTerm(string Name, nint[] Shape, double[] Initial, double[] Target, double[] Weight);

/// <summary>One torch run: the optimizer, its keyword arguments, the loss before each step and the parameters after each.</summary>
/// <param name="Parameters">Indexed [step][parameter][element]; step 0 is the starting point.</param>
internal sealed record ReferenceRun(
    string Name,
    string Optimizer,
    string DType,
    IReadOnlyDictionary<string, JsonElement> Options,
    double[] Losses,
    double[][][] Parameters)
{
    public double Option(string name, double absent)
        => Options.TryGetValue(name, out JsonElement value) ? value.GetDouble() : absent;

    public double Beta(int index, double absent)
        => Options.TryGetValue("betas", out JsonElement value) ? value[index].GetDouble() : absent;

    public bool Flag(string name)
        => Options.TryGetValue(name, out JsonElement value) && value.GetBoolean();
}
