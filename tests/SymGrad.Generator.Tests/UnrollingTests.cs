using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Short counted loops unrolled, local arrays of constant length made scalars, and blocks fused: each method's value is
/// checked against the method run as written and its gradient against central differences of it, and the generated
/// code for what was unrolled and what was not.
/// </summary>
public sealed class UnrollingTests
{
    private const string Methods = """
        // RK4 on a damped oscillator: the stage loops unroll, y, k and stage become scalars, and a step is one block.
        [Differentiable] public static double Rk4(double damping, double x0, double v0)
        {
            const double H = 0.1;
            double[] y = { x0, v0 };
            double[] k = new double[8];
            double[] stage = new double[2];
            for (int step = 0; step < 20; step++)
            {
                for (int s = 0; s < 4; s++)
                {
                    double scale = s == 0 ? 0 : s == 3 ? H : H / 2;
                    for (int i = 0; i < 2; i++)
                    {
                        stage[i] = y[i] + (s == 0 ? 0 : scale * k[((s - 1) * 2) + i]);
                    }

                    k[s * 2] = stage[1];
                    k[(s * 2) + 1] = -stage[0] - (damping * stage[1]);
                }

                for (int i = 0; i < 2; i++)
                {
                    y[i] += H / 6 * (k[i] + (2 * k[2 + i]) + (2 * k[4 + i]) + k[6 + i]);
                }
            }

            return ((y[0] - 0.2) * (y[0] - 0.2)) + (0.5 * y[1] * y[1]);
        }

        // A break inside a short counted loop: the loop stays a loop.
        [Differentiable] public static double BreakInside(double x)
        {
            double s = x;
            for (int i = 0; i < 4; i++)
            {
                s = (s * x) + i;
                if (s > 2)
                {
                    break;
                }
            }

            return s;
        }

        // A continue inside a short counted loop: the loop stays a loop.
        [Differentiable] public static double ContinueInside(double x)
        {
            double s = 1;
            for (int i = 0; i < 5; i++)
            {
                if (i % 2 == 1)
                {
                    continue;
                }

                s = (s * x) + 1;
            }

            return s;
        }

        // An array read at an index known only at run time stays an array, though the loop writing it unrolls.
        [Differentiable] public static double VariableIndex(double x, int n)
        {
            double[] a = new double[4];
            for (int i = 0; i < 4; i++)
            {
                a[i] = x * (i + 1);
            }

            return a[n % 4] * x;
        }

        // An inner loop whose trip count is the outer counter: the outer loop unrolls around it.
        [Differentiable] public static double Triangle(double x)
        {
            double s = x;
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    s = (s * x) + j;
                }
            }

            return s;
        }

        // Integer steps that overflow when unrolled: computed at run time and wrapped, as C# does.
        [Differentiable] public static double Wraps(double x)
        {
            int k = int.MaxValue - 2;
            short h = 32000;
            for (int i = 0; i < 4; i++)
            {
                k += 1;
                h += 300;
            }

            return x * k * h;
        }

        // A loop longer than the unrolling limit stays a loop.
        [Differentiable] public static double Long(double x)
        {
            double s = x;
            for (int i = 0; i < 9; i++)
            {
                s = Math.Sin(s) * x;
            }

            return s;
        }
        """;

    private static readonly Lazy<CompiledRun> Run = new(() => CompiledRun.Of(ExampleSources.Usings + "public static partial class C\n{\n" + Methods + "\n}\n"));

    private static readonly Lazy<string[]> Files = new(() =>
    {
        GeneratorRun run = GeneratorRun.Of(ExampleSources.Usings + "public static partial class C\n{\n" + Methods + "\n}\n");
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        return run.Sources.Select(s => s.SourceText.ToString()).ToArray();
    });

    [Theory]
    [InlineData("BreakInside", 0.5)]
    [InlineData("BreakInside", 1.3)]
    [InlineData("ContinueInside", 0.7)]
    [InlineData("ContinueInside", -1.2)]
    [InlineData("Triangle", 0.8)]
    [InlineData("Triangle", -0.6)]
    [InlineData("Wraps", 0.25)]
    [InlineData("Long", 0.9)]
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
    [InlineData(0.5, 1)]
    [InlineData(-0.9, 6)]
    public void An_array_at_a_run_time_index_agrees_with_the_method_and_its_differences(double x, int n)
    {
        CompiledRun run = Run.Value;
        Func<double, double> eager = v => (double)CompiledRun.Call(run.Method("C", "VariableIndex"), [v, n])!;
        object?[] arguments = [x, n, null];
        double value = (double)CompiledRun.Call(run.Method("C", "VariableIndexValueAndGradient"), arguments)!;
        Assert.Equal(eager(x), value, 14);
        AssertClose(Difference(eager, x), (double)arguments[2]!, "VariableIndex");
    }

    [Theory]
    [InlineData(0.3, 1.0, 0.0)]
    [InlineData(1.1, -0.4, 0.8)]
    public void Rk4_agrees_with_the_method_and_its_differences(double damping, double x0, double v0)
    {
        CompiledRun run = Run.Value;
        Func<double, double, double, double> eager = (a, b, c) => (double)CompiledRun.Call(run.Method("C", "Rk4"), [a, b, c])!;
        object?[] arguments = [damping, x0, v0, null, null, null];
        double value = (double)CompiledRun.Call(run.Method("C", "Rk4ValueAndGradient"), arguments)!;
        Assert.Equal(eager(damping, x0, v0), value, 14);
        AssertClose(Difference(a => eager(a, x0, v0), damping), (double)arguments[3]!, "Rk4 ddamping");
        AssertClose(Difference(b => eager(damping, b, v0), x0), (double)arguments[4]!, "Rk4 dx0");
        AssertClose(Difference(c => eager(damping, x0, c), v0), (double)arguments[5]!, "Rk4 dv0");
    }

    [Fact]
    public void Rk4_stores_only_the_state_where_each_step_starts()
    {
        string code = Generated("Rk4", gradient: true);

        // y's two elements before each step (and before the first); the stages are recomputed.
        Assert.Contains("Bytes stored per call: 16 + 16·N1, where", code);
        Assert.Contains("N1 = iterations of for (int step = 0; step &lt; 20; step++).", code);
        Assert.DoesNotContain("stackalloc", code);
        Assert.DoesNotContain("for (int s = 0; s < 4; s++)", code);
        Assert.Contains("double y_0 = default;", code);
    }

    [Fact]
    public void Loops_with_jumps_or_long_trip_counts_stay_loops_and_arrays_at_run_time_indexes_stay_arrays()
    {
        Assert.Contains("// for (int i = 0; i < 4; i++)", Generated("BreakInside"));
        Assert.Contains("// for (int i = 0; i < 5; i++)", Generated("ContinueInside"));
        Assert.Contains("// for (int i = 0; i < 9; i++)", Generated("Long"));

        string variable = Generated("VariableIndex");
        Assert.Contains("stackalloc double[4]", variable);
        Assert.DoesNotContain("// for (int i = 0; i < 4; i++)", variable);
    }

    /// <summary>The file generated for <paramref name="method"/>, from its gradient method's documentation on when <paramref name="gradient"/>.</summary>
    private static string Generated(string method, bool gradient = false)
    {
        string code = Files.Value.Single(f => f.Contains("public static double " + method + "Value(", StringComparison.Ordinal));
        return gradient ? code.Substring(code.IndexOf("Computes <c>" + method + "</c> and overwrites", StringComparison.Ordinal)) : code;
    }

    private static double Difference(Func<double, double> f, double x)
    {
        const double H = 1e-6;
        return (f(x + H) - f(x - H)) / (2 * H);
    }

    private static void AssertClose(double expected, double actual, string what)
        => Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Max(1, Math.Abs(expected)), what + ": differences give " + expected + ", the gradient " + actual);
}
