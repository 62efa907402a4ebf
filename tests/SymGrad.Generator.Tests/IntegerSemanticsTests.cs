using System;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Integer arithmetic in a body is C#'s: integer nodes are emitted in their own type, conversions where C# converts,
/// the overflow context the method wrote; the optimizer folds them exactly or not at all; what C# would throw on
/// for values known at generation time is an error.
/// </summary>
public sealed class IntegerSemanticsTests
{
    private static string Generated(string members)
    {
        GeneratorRun run = GeneratorRun.Of(ExampleSources.Usings + "public static partial class C\n{\n" + members + "\n}\n");
        GeneratorAssert.GeneratedCodeCompiles(run);
        return string.Join("\n", run.Sources.Select(s => s.SourceText.ToString()));
    }

    private static Diagnostic SingleError(string members)
    {
        GeneratorRun run = GeneratorRun.Of(ExampleSources.Usings + "public static partial class C\n{\n" + members + "\n}\n");
        return Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void An_int_local_is_computed_as_an_int_and_converted_where_CSharp_converts()
    {
        string code = Generated("[Differentiable] public static float F(float s, int window) { int half = window / 2; return s * half; }");

        Assert.Matches(new Regex(@"int s\d+ = window / 2;"), code);
        Assert.Matches(new Regex(@"float s\d+ = \(float\)s\d+;"), code);
        Assert.DoesNotContain("(float)window", code);
    }

    [Fact]
    public void Checked_and_unchecked_are_kept_and_the_default_context_is_left_to_the_project()
    {
        string code = Generated("""
            [Differentiable] public static float F(float s, int a, short b)
            {
                short c = b;
                c++;
                return s * checked(a * a) + unchecked(a * 3) + a * 5 + c;
            }
            """);

        Assert.Matches(new Regex(@"checked\(a \* a\)"), code);
        Assert.Matches(new Regex(@"unchecked\(3 \* a\)|unchecked\(a \* 3\)"), code);
        Assert.Matches(new Regex(@"int s\d+ = (5 \* a|a \* 5);"), code);
        Assert.Matches(new Regex(@"short s\d+ = \(short\)s\d+;"), code);
    }

    [Fact]
    public void Dividing_by_a_constant_zero_is_an_error()
    {
        Diagnostic error = SingleError("[Differentiable] public static float F(float s, int k) { int zero = 0; return s * (k / zero); }");

        Assert.Equal("SG0008", error.Id);
        Assert.Contains("divides by zero", error.GetMessage());
    }

    [Fact]
    public void A_constant_that_overflows_in_a_checked_context_is_an_error()
    {
        Diagnostic error = SingleError("[Differentiable] public static float F(float s) { int big = int.MaxValue; return s * checked(big + 1); }");

        Assert.Equal("SG0008", error.Id);
        Assert.Contains("overflows 'int'", error.GetMessage());
    }

    [Fact]
    public void A_floating_remainder_is_an_error_that_says_what_to_do()
    {
        Diagnostic error = SingleError("[Differentiable] public static float F(float s) => s % 2f;");

        Assert.Equal("SG0008", error.Id);
        Assert.Contains("'%' on floating-point values", error.GetMessage());
    }

    /// <summary>
    /// Constructs beyond the property test's grammar, each run as written and through the generated methods: the
    /// values must be equal bit for bit, as every one is the same scalar computation in the same order.
    /// </summary>
    [Fact]
    public void Other_integer_types_and_conversions_give_the_value_of_the_method_run_as_written()
    {
        CompiledRun compiled = CompiledRun.Of(ExampleSources.Usings + """
            public static partial class Mixed
            {
                [Differentiable] public static float Folded(float s, int a, int b) => s * ((a / b) * b);
                [Differentiable] public static float TensorTimesInt(Tensor<float> x, int k) => Sum(x * k) / k;
                [Differentiable] public static double AbsMaxMin(double s, int a, int b) => s * Math.Abs(a) + Math.Max(a, b) - Math.Min(a / 2, b);
                [Differentiable] public static double NegatedUnsigned(double s, uint u) => s * -u;
                [Differentiable] public static double LongAndChar(double s, long n, char c) => s * (n / 3) + (c + 1) % 7;
                [Differentiable] public static double FloatInDouble(double s) { float f = (float)s; return s * f + f; }
                [Differentiable] public static double Remainders(double s, int a) { int r = a; r %= 4; short m = (short)a; m = (short)-m; return s * r + m; }
                [Differentiable] public static float Half(float s, int k) => s * (k / 2);
                [Differentiable] public static float Inlined(float s, int k) => Half(s, k) + k % 3;
                [Differentiable] public static float TensorHalf(Tensor<float> x, int k) => Sum(x * (k / 2));
                [Differentiable] public static float BoolLocal(float s, int k) { bool big = k > 2; return big ? s * k : -s; }
                [Differentiable] public static float MixedUpdates(float s, int k) { float t = s; t += k; t -= k / 3; return MathF.Max(t, k) + MathF.Pow(s, k); }
                [Differentiable] public static float FloatPlusDouble(float s) { double d = s; float t = s; t *= 3; return (float)(t * d / 7); }
                [Differentiable] public static float BigLongConstant(float s, long n) { long big = 9007199791611905L; return s * big + (float)(big + n) + s * (n * 3); }
                [Differentiable] public static float IntChainThenFloat(float s, int a, int b) => a / 2 + b / 3 + a * b / 5 + s + a / 4;
                [Differentiable] public static float FloatChainOfInts(float s, int a, int b) => s + a / 2 + b / 3 - a % 3 + s * (b / 2) / 3 + a;
            }
            """);

        Check(compiled, "Folded", 2.5f, 7, 2);
        Check(compiled, "Folded", 2.5f, -7, 2);
        Check(compiled, "AbsMaxMin", 1.5, -7, 3);
        Check(compiled, "NegatedUnsigned", 1.5, 4_000_000_000u);
        Check(compiled, "LongAndChar", 0.25, -100_000_000_001L, 'A');
        Check(compiled, "FloatInDouble", 1.0 / 3);
        Check(compiled, "Remainders", 1.5, -11);
        Check(compiled, "Remainders", 1.5, 40_000);
        Check(compiled, "FloatPlusDouble", 0.1f);
        // 2^53 + 2^29 + 1: through double it would round to a tie and then down; C# rounds the long to float once, up.
        Check(compiled, "BigLongConstant", 1.5f, 0L);
        Check(compiled, "BigLongConstant", -0.75f, 9007199791611905L);
        Check(compiled, "IntChainThenFloat", 0.3f, 7, -11);
        Check(compiled, "FloatChainOfInts", 0.3f, -7, 11);

        Check(compiled, "Inlined", 1.5f, -7);
        Check(compiled, "BoolLocal", 1.5f, 3);
        Check(compiled, "BoolLocal", 1.5f, 2);
        Check(compiled, "MixedUpdates", 1.25f, 5);
        Check(compiled, "MixedUpdates", 1.25f, -5);
        Check(compiled, "TensorHalf", Tensor.Create(new[] { 1.5f, -2.25f, 3 }, new nint[] { 3 }), 5);

        Tensor<float> x = Tensor.Create(new[] { 1.5f, -2.25f, 3 }, new nint[] { 3 });
        Check(compiled, "TensorTimesInt", x, 3);
    }

    private static void Check(CompiledRun compiled, string name, params object[] arguments)
    {
        object expected = CompiledRun.Call(compiled.Method("Mixed", name), arguments)!;
        object generated = CompiledRun.Call(compiled.Method("Mixed", name + "Value"), arguments)!;
        Assert.True(expected.Equals(generated), name + "(" + string.Join(", ", arguments) + "): the method gives " + expected + ", " + name + "Value gives " + generated);
    }
}
