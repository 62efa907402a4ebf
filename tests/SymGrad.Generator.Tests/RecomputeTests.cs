using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// What the reverse sweep recomputes instead of storing: integer steps undone by their inverse, conditions on integers
/// tested again, counted loops' trip counts and counters, array indexes computed again, and array elements no adjoint
/// reads. Each method's value is checked against the method run as written and its gradient against central
/// differences of it, and the remarks' byte count against what the recomputation leaves stored.
/// </summary>
public sealed class RecomputeTests
{
    private const string Methods = """
        // A counted loop with a stride and <=, its counter read inside and after it (too long to unroll).
        [Differentiable] public static double Strided(double x)
        {
            double s = x;
            int i;
            for (i = 1; i <= 19; i += 2)
            {
                s = s * Math.Sin(s + i);
            }

            return s * i;
        }

        // Nested counted loops; the inner counter is read after its loop, in each outer iteration (too long to unroll).
        [Differentiable] public static double Nested(double x)
        {
            double s = x;
            for (int t = 0; t < 10; t++)
            {
                int j;
                for (j = 0; j < 9; j++)
                {
                    s = s * Math.Cos((s * j) + t);
                }

                s = s + (j * x * s);
            }

            return s;
        }

        // Conditions on the counter tested again; array writes at indexes computed again; a loop counting down.
        [Differentiable] public static double Alternating(double x)
        {
            double[] a = new double[6];
            for (int k = 0; k < 6; k++)
            {
                a[k] = k % 2 == 0 ? Math.Sin(x * (k + 1)) : x * a[k - 1];
            }

            double s = 0;
            for (int k = 5; k >= 0; k--)
            {
                s = (s * x) + a[(k + 6) % 6];
            }

            return s;
        }

        // A loop whose trip count depends on data: its count and the branches on floating values stay stored.
        [Differentiable] public static double Until(double x, int n)
        {
            double s = x;
            int i = 0;
            while (i < n)
            {
                if (s > 3)
                {
                    break;
                }

                s = (s * x) + 0.5;
                i++;
            }

            return s + (i * x);
        }

        // Elements overwritten in a loop and read by an adjoint after a later write: stored, at indexes computed again
        // (loops too long to unroll, so the arrays stay arrays).
        [Differentiable] public static double Shift(double x, double y)
        {
            double[] v = { x, y, x * y, y, x, x + y, x - y, 0.5 * x, 0.25 * y };
            double[] scratch = new double[9];
            for (int step = 0; step < 10; step++)
            {
                for (int m = 0; m < 9; m++)
                {
                    scratch[m] = v[(m + 1) % 9] + step;
                }

                for (int m = 0; m < 9; m++)
                {
                    v[m] = v[m] * Math.Tanh(scratch[m]);
                }
            }

            return v[0] + (2 * v[1]) + (3 * v[2]);
        }
        """;

    private static readonly Lazy<CompiledRun> Run = new(() => CompiledRun.Of(ExampleSources.Usings + "public static partial class C\n{\n" + Methods + "\n}\n"));

    private static string Generated()
    {
        GeneratorRun run = GeneratorRun.Of(ExampleSources.Usings + "public static partial class C\n{\n" + Methods + "\n}\n");
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        return string.Join("\n", run.Sources.Select(s => s.SourceText.ToString()));
    }

    [Theory]
    [InlineData("Strided", 0.3)]
    [InlineData("Strided", -1.2)]
    [InlineData("Nested", 0.4)]
    [InlineData("Nested", -0.7)]
    [InlineData("Alternating", 0.6)]
    [InlineData("Alternating", -1.1)]
    public void One_parameter_methods_agree_with_the_method_and_its_differences(string name, double x)
    {
        CompiledRun run = Run.Value;
        Func<double, double> eager = v => (double)CompiledRun.Call(run.Method("C", name), [v])!;
        Assert.Equal(eager(x), (double)CompiledRun.Call(run.Method("C", name + "Value"), [x])!, 14);
        object?[] arguments = [x, null];
        double value = (double)CompiledRun.Call(run.Method("C", name + "ValueAndGradient"), arguments)!;
        Assert.Equal(eager(x), value, 14);
        AssertClose(Difference(eager, x), (double)arguments[1]!, name);
    }

    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(0.5, 3)]
    [InlineData(1.3, 40)]
    [InlineData(0.9, 40)]
    public void A_data_dependent_loop_agrees_with_the_method_and_its_differences(double x, int n)
    {
        CompiledRun run = Run.Value;
        Func<double, double> eager = v => (double)CompiledRun.Call(run.Method("C", "Until"), [v, n])!;
        object?[] arguments = [x, n, null];
        double value = (double)CompiledRun.Call(run.Method("C", "UntilValueAndGradient"), arguments)!;
        Assert.Equal(eager(x), value, 14);
        AssertClose(Difference(eager, x), (double)arguments[2]!, "Until");
    }

    [Theory]
    [InlineData(0.5, -0.8)]
    [InlineData(-1.4, 0.3)]
    public void Arrays_agree_with_the_method_and_its_differences(double x, double y)
    {
        CompiledRun run = Run.Value;
        Func<double, double, double> eager = (a, b) => (double)CompiledRun.Call(run.Method("C", "Shift"), [a, b])!;
        object?[] arguments = [x, y, null, null];
        double value = (double)CompiledRun.Call(run.Method("C", "ShiftValueAndGradient"), arguments)!;
        Assert.Equal(eager(x, y), value, 14);
        AssertClose(Difference(a => eager(a, y), x), (double)arguments[2]!, "Shift dx");
        AssertClose(Difference(b => eager(x, b), y), (double)arguments[3]!, "Shift dy");
    }

    [Fact]
    public void The_remarks_count_only_what_stays_stored()
    {
        string code = Generated();

        // Strided: s before each step and the sine its adjoint reads (16 per iteration), s before the loop (8); the
        // count (5) and i are not stored.
        Assert.Contains("Bytes stored per call: 8 + 16·N1, where", code);
        Assert.Contains("N1 = iterations of for (i = 1; i &lt;= 19; i += 2).", code);

        // Nested: per outer iteration s and j's last value before j = 0 starts it again (the adjoint of s + j * x * s
        // reads it); per inner iteration s and the cosine its adjoint reads.
        Assert.Contains("Bytes stored per call: 8 + N1·(16 + 16·N2), where", code);

        // Until: s before each step and the loop's count (data-dependent), the branch on s and the guard of the rest of
        // the body each iteration; i++ is undone by its inverse.
        Assert.DoesNotContain("PushInteger(unchecked((long)i))", code);

        // Shift: the elements each write overwrites (the adjoint of v[m] * tanh(scratch[m]) reads both arrays) and that
        // tanh, not the indexes written, nor the counted loops' counts and counters. Both arrays are created once, on the stack:
        // their creations store nothing.
        Assert.Contains("Bytes stored per call: 72 + N1·(8·N2 + 16·N3), where", code);
        Assert.Contains("stackalloc double[9]", code);
        Assert.DoesNotContain("LocalArrays.Create", code.Substring(code.IndexOf("ShiftValueAndGradient", StringComparison.Ordinal)));
    }

    private static double Difference(Func<double, double> f, double x)
    {
        const double H = 1e-6;
        return (f(x + H) - f(x - H)) / (2 * H);
    }

    private static void AssertClose(double expected, double actual, string what)
        => Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Max(1, Math.Abs(expected)), what + ": differences give " + expected + ", the gradient " + actual);
}
