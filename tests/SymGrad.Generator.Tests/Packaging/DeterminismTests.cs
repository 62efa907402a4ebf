using System.Globalization;
using System.Linq;
using SymGrad.Generator.Tests.Infrastructure;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace SymGrad.Generator.Tests.Packaging;

/// <summary>
/// The generator's output depends on the user's code alone: not on the run, the machine's culture, the order of the
/// files, or other runs at the same time. Deterministic builds, build caches and the IDE (which reruns the generator
/// on every edit and compares) all rely on it.
/// </summary>
public sealed class DeterminismTests
{
    [Fact]
    public void TheUserCodeExercisesEveryStageAndOneDiagnostic()
    {
        GeneratorDriver driver = GeneratorHarness.Run(GeneratorHarness.Driver(), GeneratorHarness.Compile(UserCode.Losses, UserCode.Springs));

        var (hintNames, diagnosticIds) = GeneratorHarness.Summary(driver);

        // Four methods generate (and the private forms some of them call), and the one with Console.WriteLine is
        // rejected: the tests below compare real output.
        Assert.Equal(4, hintNames.Count(n => !GeneratorRun.IsForm(n)));
        Assert.NotEmpty(diagnosticIds);
        Assert.All(diagnosticIds, id => Assert.StartsWith("SG", id));
        Assert.DoesNotContain("SG9999", diagnosticIds);
    }

    [Fact]
    public void TheSameCodeGivesTheSameOutputEveryRun()
    {
        string first = GeneratorHarness.Render(GeneratorHarness.Run(GeneratorHarness.Driver(), GeneratorHarness.Compile(UserCode.Losses, UserCode.Springs)));
        string second = GeneratorHarness.Render(GeneratorHarness.Run(GeneratorHarness.Driver(), GeneratorHarness.Compile(UserCode.Losses, UserCode.Springs)));

        Assert.Equal(first, second);
    }

    [Fact]
    public void TheOutputDoesNotDependOnTheCulture()
    {
        Compilation compilation = GeneratorHarness.Compile(UserCode.Losses, UserCode.Springs);
        string invariant = RenderIn(CultureInfo.InvariantCulture, compilation);

        // A culture as unlike the invariant one as numbers allow: decimal comma, dot grouping, a Unicode minus sign.
        var hostile = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        hostile.NumberFormat.NumberDecimalSeparator = ",";
        hostile.NumberFormat.NumberGroupSeparator = ".";
        hostile.NumberFormat.NegativeSign = "\u2212";
        hostile.NumberFormat.PositiveInfinitySymbol = "∞";
        hostile.NumberFormat.NaNSymbol = "NeuN";

        Assert.Equal(invariant, RenderIn(hostile, compilation));
        Assert.Equal(invariant, RenderIn(CultureInfo.GetCultureInfo("de-DE"), compilation));
        Assert.Equal(invariant, RenderIn(CultureInfo.GetCultureInfo("tr-TR"), compilation));
    }

    [Fact]
    public void TheOutputDoesNotDependOnTheOrderOfFiles()
    {
        string forward = GeneratorHarness.Render(GeneratorHarness.Run(GeneratorHarness.Driver(), GeneratorHarness.Compile(UserCode.Losses, UserCode.Springs)));
        string backward = GeneratorHarness.Render(GeneratorHarness.Run(GeneratorHarness.Driver(), GeneratorHarness.Compile(UserCode.Springs, UserCode.Losses)));

        // Diagnostics name their file, which differs with the order; the generated files must not.
        Assert.Equal(GeneratedFilesOnly(forward), GeneratedFilesOnly(backward));
    }

    [Fact]
    public void RunsAtTheSameTimeGiveTheSameOutput()
    {
        Compilation compilation = GeneratorHarness.Compile(UserCode.Losses, UserCode.Springs);
        string expected = GeneratorHarness.Render(GeneratorHarness.Run(GeneratorHarness.Driver(), compilation));

        // An IDE runs the generator for several projects at once: nothing may be shared between runs.
        string[] outputs = new string[8];
        Parallel.For(0, outputs.Length, i => outputs[i] = GeneratorHarness.Render(GeneratorHarness.Run(GeneratorHarness.Driver(), compilation)));

        Assert.All(outputs, output => Assert.Equal(expected, output));
    }

    private static string RenderIn(CultureInfo culture, Compilation compilation)
    {
        CultureInfo culture0 = CultureInfo.CurrentCulture;
        CultureInfo uiCulture0 = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return GeneratorHarness.Render(GeneratorHarness.Run(GeneratorHarness.Driver(), compilation, CancellationToken.None));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture0;
            CultureInfo.CurrentUICulture = uiCulture0;
        }
    }

    private static string GeneratedFilesOnly(string rendered)
        => string.Join("\n==== ", rendered.Split("\n==== ").Where(part => !part.StartsWith("SG", System.StringComparison.Ordinal)));
}
