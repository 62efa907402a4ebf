using System.Linq;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>What the reverse sweep of a loop stores: the old values an adjoint reads, and nothing else.</summary>
public sealed class TapeSlotTests
{
    private static string Generated(string members)
    {
        GeneratorRun run = GeneratorRun.Of(ExampleSources.Usings + "public static partial class C\n{\n" + members + "\n}\n");
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        GeneratorAssert.GeneratedCodeCompiles(run);
        return string.Join("\n", run.Sources.Select(s => s.SourceText.ToString()));
    }

    [Fact]
    public void An_euler_rollout_stores_only_the_velocity_each_step()
    {
        string code = Generated("""
            [Differentiable] public static double F(double rate, double x0, double v0)
            {
                double x = x0;
                double v = v0;
                for (int step = 0; step < 20; step++)
                {
                    double acceleration = -x - (rate * v) + (0.5 * Math.Sin(step * 0.1));
                    x += 0.1 * v;
                    v += 0.1 * acceleration;
                }

                return ((x - 0.3) * (x - 0.3)) + (0.1 * v * v);
            }
            """);

        // v is read by the adjoint of rate * v inside the loop: stored before each update (8 bytes), and before the
        // first (8). The loop's count (20) is known, so not stored. x is read only by the loss after the loop, where it
        // has its last value; the acceleration and the result no adjoint reads, and the backward loop sets the counter.
        Assert.Contains("Bytes stored per call: 8 + 8·N1, where", code);
        Assert.DoesNotContain("PushInteger", code);
        Assert.DoesNotContain("PushValue(x)", code);
        Assert.DoesNotContain("PushValue(acceleration)", code);
        Assert.DoesNotContain("PushInteger(unchecked((long)step))", code);
    }

    [Fact]
    public void A_value_read_before_a_later_loop_overwrites_it_is_stored()
    {
        string code = Generated("""
            [Differentiable] public static double F(double a, int n)
            {
                double x = a;
                for (int i = 0; i < n; i++)
                {
                    x = (x * 0.5) + 1;
                }

                double s = x * x;
                for (int j = 0; j < n; j++)
                {
                    x = x + 1;
                }

                return s + x;
            }
            """);

        // The adjoint of s = x * x reads x as the first loop left it; the second loop overwrites x, so its old values are stored.
        Assert.Contains("PushValue(x)", code);
    }
}
