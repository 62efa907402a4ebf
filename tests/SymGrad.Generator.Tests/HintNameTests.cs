using System;
using System.Linq;
using System.Text.RegularExpressions;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Generated file names: AddSource accepts only some characters and compares names ignoring case, so every
/// [Differentiable] method must get a name of its own made of safe characters, whatever the user named things.
/// </summary>
public sealed class HintNameTests
{
    public static TheoryData<string, string> Sources => new()
    {
        {
            "A type, a method and a namespace written with unicode escapes",
            "namespace M\\u006Fdels { public static partial class Ex\\u0061mples { [Differentiable] public static float \\u0046(float a) => a * a; } }"
        },
        {
            "Methods whose names differ only in case",
            "public static partial class Examples { [Differentiable] public static float Energy(float a) => a * a; [Differentiable] public static float energy(float a) => a * 2; [Differentiable] public static float ENERGY(float a) => a; }"
        },
        {
            "Types whose names differ only in case",
            "public static partial class Examples { [Differentiable] public static float F(float a) => a * a; } public static partial class examples { [Differentiable] public static float F(float a) => a * 2; }"
        },
        {
            "Overloads by element type beside a method named like an overload's suffix",
            "public static partial class Examples { [Differentiable] public static float Energy(ReadOnlyTensorSpan<float> x) => Sum(Square(x)); [Differentiable] public static double Energy(ReadOnlyTensorSpan<double> x) => Sum(Square(x)); [Differentiable] public static float Energy_ReadOnlyTensorSpan_float_(ReadOnlyTensorSpan<float> x) => Sum(x); [Differentiable] public static float Energy_float(float x) => x; }"
        },
        {
            "Names beyond ASCII, and the names their replacement characters make",
            "public static partial class Größe { [Differentiable] public static float Maß(float a) => a * a; [Differentiable] public static float Ma_(float a) => a * 2; } public static partial class Gr__e { [Differentiable] public static float Maß(float a) => a; }"
        },
        {
            "Nested types beside top-level types of the same names",
            "public static partial class Outer { public static partial class Inner { [Differentiable] public static float F(float a) => a * a; } [Differentiable] public static float F(float a) => a; } public static partial class Inner { [Differentiable] public static float F(float a) => a * 2; } namespace Outer_ { public static partial class Inner { [Differentiable] public static float F(float a) => a * 3; } }"
        },
        {
            "Keyword names",
            "public static partial class @class { [Differentiable] public static float @float(float @in) => @in * @in; [Differentiable] public static float @Float(float @in) => @in; }"
        },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void EveryMethodGetsAFileWithASafeUniqueName(string what, string members)
    {
        string source = ExampleSources.Usings + members;
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.GeneratedCodeCompiles(run);
        AssertSafeUniqueNames(run, Regex.Matches(source, @"\[Differentiable\]").Count, what);
    }

    [Fact]
    public void SameNamedFileLocalTypesInTwoFilesGetAnErrorEachAndNoCrash()
    {
        const string FileLocal = "file static partial class Examples { [Differentiable] public static float F(float a) => a * a; }";
        GeneratorRun run = GeneratorRun.Of(TestCompilation.Create(("A.cs", ExampleSources.Usings + FileLocal), ("B.cs", ExampleSources.Usings + FileLocal)));
        GeneratorAssert.DidNotCrash(run);
        Assert.Equal(new[] { "A.cs", "B.cs" }, run.Diagnostics.Where(d => d.Id == "SG0017").Select(d => d.Location.GetLineSpan().Path).OrderBy(p => p, StringComparer.Ordinal));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void ANestedTypeAndANamespaceOfTheSameDottedNameDoNotCrashTheGenerator()
    {
        // Invalid C# (CS0101), with the same documentation IDs for both methods: still one file each and no crash.
        string source = ExampleSources.Usings + "namespace Outer { public static partial class Inner { [Differentiable] public static float F(float a) => a * a; } } public static partial class Outer { public static partial class Inner { [Differentiable] public static float F(float a) => a * 2; } }";
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, source);
        AssertSafeUniqueNames(run, 2, "namespace and nested type");
    }

    [Fact]
    public void DuplicateDefinitionsGetOneFileEach()
    {
        string source = ExampleSources.Usings + "public static partial class Examples { [Differentiable] public static float F(float a) => a; } public static partial class Examples { [Differentiable] public static float F(float a) => a * 2; }";
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, source);
        AssertSafeUniqueNames(run, 2, "duplicate definitions");
    }

    [Fact]
    public void HintNamesAreTheSameForTheSameMethodAndDifferForOverloads()
    {
        const string Source = ExampleSources.Usings + "public static partial class Examples { [Differentiable] public static float F(float a) => a; [Differentiable] public static double F(double a) => a; }";
        string[] first = GeneratorRun.Of(Source).Sources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        string[] second = GeneratorRun.Of(Source).Sources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(first, second);
        Assert.All(first, name => Assert.StartsWith("Examples.F.", name, StringComparison.Ordinal));
        Assert.Equal(2, first.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    internal static void AssertSafeUniqueNames(GeneratorRun run, int methods, string what)
    {
        string[] names = run.Sources.Select(s => s.HintName).ToArray();
        Assert.True(names.Length == methods, what + ": " + methods + " methods but files " + string.Join(", ", names));
        Assert.True(names.Distinct(StringComparer.OrdinalIgnoreCase).Count() == names.Length, what + ": names clash ignoring case: " + string.Join(", ", names));
        Assert.All(names, name => Assert.Matches(new Regex("^[A-Za-z0-9_.]+\\.[0-9a-f]{16}\\.g\\.cs$"), name));
    }
}
