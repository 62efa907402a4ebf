using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using CsCheck;
using SymGrad.Generator.Tests.Infrastructure;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Random small bodies mixing int and floating arithmetic over int and floating parameters: integer division and
/// remainder (negative operands included), compound assignments, a short that wraps under ++, conversions at C#'s
/// points, int conditions choosing floating values, and in float methods double math cast back to float. Each body
/// is compiled with the generator; its generated value must equal the method run as written, and its gradient must
/// match central finite differences of the method run as written.
/// </summary>
public sealed class IntegerArithmeticPropertyTests
{
    private const int DoubleBodies = 40;
    private const int FloatBodies = 20;
    private const int PointsPerBody = 4;

    [Fact]
    public void Generated_values_and_gradients_follow_the_method_run_as_written()
    {
        // Fixed streams: the same bodies and points on every run.
        var pcg = new PCG(7, 20261130);
        string[] doubleBodies = Enumerable.Range(0, DoubleBodies).Select(index => Body(new Flavor("double")).Generate(pcg, null!, out _)).ToArray();
        string[] floatBodies = Enumerable.Range(0, FloatBodies).Select(index => Body(new Flavor("float")).Generate(pcg, null!, out _)).ToArray();

        var source = new StringBuilder();
        source.AppendLine("using System;");
        source.AppendLine("using SymGrad;");
        source.AppendLine("public static partial class Bodies");
        source.AppendLine("{");
        for (int k = 0; k < doubleBodies.Length; k++)
        {
            source.AppendLine("    [Differentiable] public static double D" + k + "(double x, double y, int i, int j)");
            source.AppendLine(doubleBodies[k]);
        }

        for (int k = 0; k < floatBodies.Length; k++)
        {
            source.AppendLine("    [Differentiable] public static float F" + k + "(float x, float y, int i, int j)");
            source.AppendLine(floatBodies[k]);
        }

        source.AppendLine("}");
        CompiledRun compiled = CompiledRun.Of(source.ToString());

        Gen<(double X, double Y, int I, int J)> points = Gen.Select(Gen.Double[-2, 2], Gen.Double[-2, 2], Gen.Int[-9, 9], Gen.Int[-9, 9]);
        var failures = new List<string>();
        for (int k = 0; k < doubleBodies.Length; k++)
        {
            for (int p = 0; p < PointsPerBody; p++)
            {
                (double x, double y, int i, int j) = points.Generate(pcg, null!, out _);
                if (CheckDouble(compiled, "D" + k, x, y, i, j) is { } failure)
                {
                    failures.Add(failure + "\n" + doubleBodies[k]);
                    break;
                }
            }
        }

        for (int k = 0; k < floatBodies.Length; k++)
        {
            for (int p = 0; p < PointsPerBody; p++)
            {
                (double x, double y, int i, int j) = points.Generate(pcg, null!, out _);
                if (CheckFloat(compiled, "F" + k, (float)x, (float)y, i, j) is { } failure)
                {
                    failures.Add(failure + "\n" + floatBodies[k]);
                    break;
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>
    /// Value: the generated code does the method's operations in the method's order, except where the optimizer
    /// gathers constant factors (a * (b * t) = (a * b) * t), which moves one rounding: 57 of these 60 bodies agree to
    /// the bit, the others by an ulp or two of an intermediate. 1e-12 * (1 + |value|) allows that and nothing an
    /// integer-semantics error gives (7 / 2 = 3, not 3.5, moves the value by a whole multiple of a term).
    /// Gradient: central differences with h = 1e-5 err by h^2 |f'''| / 6 plus rounding 1e-16 |f| / h; ints stay in
    /// [-9, 9] and transcendental functions see only x and y, so 1e-4 * (1 + |numeric|) bounds both.
    /// </summary>
    private static string? CheckDouble(CompiledRun compiled, string name, double x, double y, int i, int j)
    {
        MethodInfo eager = compiled.Method("Bodies", name);
        MethodInfo value = compiled.Method("Bodies", name + "Value");
        MethodInfo gradient = compiled.Method("Bodies", name + "ValueAndGradient");
        string at = name + "(" + Text(x) + ", " + Text(y) + ", " + i + ", " + j + ")";

        double expected = (double)CompiledRun.Call(eager, new object?[] { x, y, i, j })!;
        double generated = (double)CompiledRun.Call(value, new object?[] { x, y, i, j })!;
        object?[] arguments = { x, y, i, j, 0.0, 0.0 };
        double withGradient = (double)CompiledRun.Call(gradient, arguments)!;
        double tolerance = 1e-12 * (1 + Math.Abs(expected));
        if (!(Math.Abs(generated - expected) <= tolerance) || !(Math.Abs(withGradient - expected) <= tolerance))
        {
            return at + ": the method gives " + Text(expected) + ", Value " + Text(generated) + ", ValueAndGradient " + Text(withGradient);
        }

        const double h = 1e-5;
        double Eager(double a, double b) => (double)CompiledRun.Call(eager, new object?[] { a, b, i, j })!;
        double numericX = (Eager(x + h, y) - Eager(x - h, y)) / (2 * h);
        double numericY = (Eager(x, y + h) - Eager(x, y - h)) / (2 * h);
        double dx = (double)arguments[4]!;
        double dy = (double)arguments[5]!;
        if (!(Math.Abs(dx - numericX) <= 1e-4 * (1 + Math.Abs(numericX))) || !(Math.Abs(dy - numericY) <= 1e-4 * (1 + Math.Abs(numericY))))
        {
            return at + ": the gradient is (" + Text(dx) + ", " + Text(dy) + "), finite differences give (" + Text(numericX) + ", " + Text(numericY) + ")";
        }

        return null;
    }

    /// <summary>
    /// A float method's value, against the method run as written in float, with the allowance argued for doubles at
    /// float's precision: 1e-6 * (1 + |value|). Its double parts (Math.Sin of a float expression, cast back) must be
    /// computed in double: computed in float, the sine's argument and result round to float and the value moves.
    /// </summary>
    private static string? CheckFloat(CompiledRun compiled, string name, float x, float y, int i, int j)
    {
        MethodInfo eager = compiled.Method("Bodies", name);
        MethodInfo value = compiled.Method("Bodies", name + "Value");
        MethodInfo gradient = compiled.Method("Bodies", name + "ValueAndGradient");
        string at = name + "(" + Text(x) + "f, " + Text(y) + "f, " + i + ", " + j + ")";

        float expected = (float)CompiledRun.Call(eager, new object?[] { x, y, i, j })!;
        float generated = (float)CompiledRun.Call(value, new object?[] { x, y, i, j })!;
        object?[] arguments = { x, y, i, j, 0f, 0f };
        float withGradient = (float)CompiledRun.Call(gradient, arguments)!;
        double tolerance = 1e-6 * (1 + Math.Abs(expected));
        if (!(Math.Abs(generated - expected) <= tolerance) || !(Math.Abs(withGradient - expected) <= tolerance))
        {
            return at + ": the method gives " + Text(expected) + ", Value " + Text(generated) + ", ValueAndGradient " + Text(withGradient);
        }

        return null;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>How a body is spelled in one element type.</summary>
    private sealed record Flavor(string T)
    {
        public bool IsFloat => this.T == "float";

        public string Math => this.IsFloat ? "MathF" : "Math";

        public string Literal(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture) + (this.IsFloat ? "f" : string.Empty);
    }

    /// <summary>
    /// A block: an int local from the int parameters, a floating local mixing it in, compound assignments to both
    /// (integer /= and %= by nonzero divisors included), a short that wraps under ++, and a return mixing everything.
    /// </summary>
    private static Gen<string> Body(Flavor f)
    {
        string[] ints = { "i", "j" };
        string[] withLocal = { "i", "j", "a" };
        return Gen.Select(
            Int(ints, 2),
            Floating(f, withLocal, new[] { "x", "y" }, 2),
            Gen.Select(Gen.OneOf("+=", "-=", "*=", "/=", "%="), Divisor(ints)),
            Gen.Select(Gen.OneOf("+=", "-=", "*="), Floating(f, withLocal, new[] { "x", "y", "b" }, 1)),
            Gen.Int[32760, 32767],
            Floating(f, new[] { "i", "j", "a", "c" }, new[] { "x", "y", "b" }, 2),
            (a, b, intUpdate, floatUpdate, start, result) =>
                "    {\n"
                + "        int a = " + a + ";\n"
                + "        " + f.T + " b = " + b + ";\n"
                + "        a " + intUpdate.Item1 + " " + intUpdate.Item2 + ";\n"
                + "        a++;\n"
                + "        b " + floatUpdate.Item1 + " " + floatUpdate.Item2 + ";\n"
                + "        short c = (short)(a + " + start + ");\n"
                + "        c++;\n"
                + "        c += (short)3;\n"
                + "        return " + result + ";\n"
                + "    }");
    }

    /// <summary>An int expression: + - * of leaves and small literals, / and % by divisors that are never zero.</summary>
    private static Gen<string> Int(string[] leaves, int depth)
    {
        Gen<string> leaf = Gen.Frequency((3, Gen.OneOf(leaves)), (1, Gen.Int[-5, 5].Select(n => n < 0 ? "(" + n + ")" : n.ToString(CultureInfo.InvariantCulture))));
        if (depth == 0)
        {
            return leaf;
        }

        Gen<string> smaller = Int(leaves, depth - 1);
        return Gen.Frequency(
            (2, leaf),
            (3, Gen.Select(smaller, Gen.OneOf("+", "-", "*"), smaller, (l, op, r) => "(" + l + " " + op + " " + r + ")")),
            (3, Gen.Select(smaller, Gen.OneOf("/", "%"), Divisor(leaves), (l, op, r) => "(" + l + " " + op + " " + r + ")")));
    }

    /// <summary>A divisor that is never zero: a nonzero literal of either sign, or a leaf moved away from zero.</summary>
    private static Gen<string> Divisor(string[] leaves)
        => Gen.Frequency(
            (2, Gen.Select(Gen.Int[1, 4], Gen.Bool, (n, negative) => negative ? "(-" + n + ")" : n.ToString(CultureInfo.InvariantCulture))),
            (1, Gen.OneOf(leaves).Select(v => "(" + v + " * " + v + " + 1)")),
            (1, Gen.OneOf(leaves).Select(v => "(" + v + " % 3 - 4)")));

    /// <summary>
    /// A floating expression. Ints enter as C# converts them: as an operand of a floating operation, or cast before
    /// or after an integer division. Transcendental functions see only floating operands, so finite differences stay accurate.
    /// </summary>
    private static Gen<string> Floating(Flavor f, string[] ints, string[] reals, int depth)
    {
        Gen<string> pure = Pure(f, reals, depth);
        if (depth == 0)
        {
            return pure;
        }

        Gen<string> smaller = Floating(f, ints, reals, depth - 1);
        Gen<string> integer = Int(ints, 1);
        return Gen.Frequency(
            (2, pure),
            (3, Gen.Select(smaller, Gen.OneOf("+", "-", "*"), integer, (l, op, r) => "(" + l + " " + op + " " + r + ")")),
            (2, Gen.Select(integer, Gen.OneOf("+", "-", "*"), smaller, (l, op, r) => "(" + l + " " + op + " " + r + ")")),
            (2, Gen.Select(smaller, integer, Divisor(ints), (l, n, d) => "(" + l + " * (" + f.T + ")(" + n + " / " + d + "))")),
            (2, Gen.Select(smaller, integer, Divisor(ints), (l, n, d) => "(" + l + " * ((" + f.T + ")" + n + " / " + d + "))")),
            (2, Gen.Select(smaller, smaller, (l, r) => "(" + l + " * " + r + ")")),
            (2, Gen.Select(integer, integer, smaller, smaller, (p, q, l, r) => "(" + p + " > " + q + " ? " + l + " : " + r + ")")));
    }

    /// <summary>Floating expressions of x, y and floating locals only; a float body also calls double Math, cast back.</summary>
    private static Gen<string> Pure(Flavor f, string[] reals, int depth)
    {
        Gen<string> leaf = Gen.Frequency((3, Gen.OneOf(reals)), (1, Gen.Double[-2, 2].Select(v => "(" + f.Literal(Math.Round(v, 2)) + ")")));
        if (depth == 0)
        {
            return leaf;
        }

        Gen<string> smaller = Pure(f, reals, depth - 1);
        var options = new List<(int, IGen<string>)>
        {
            (2, leaf),
            (3, Gen.Select(smaller, Gen.OneOf("+", "-", "*"), smaller, (l, op, r) => "(" + l + " " + op + " " + r + ")")),
            (1, Gen.Select(smaller, smaller, (l, r) => "(" + l + " / (" + r + " * " + r + " + 1))")),
            (2, Gen.Select(Gen.OneOf("Sin", "Cos", "Tanh"), smaller, (fn, u) => f.Math + "." + fn + "(" + u + ")")),
        };
        if (f.IsFloat)
        {
            options.Add((2, Gen.Select(Gen.OneOf("Sin", "Exp"), smaller, (fn, u) => "(float)Math." + fn + "(" + u + ")")));
        }

        return Gen.Frequency(options.ToArray());
    }
}
