using System;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Conditional expressions whose untaken arm has a non-finite derivative or throws: C# evaluates only the arm it takes,
/// and the gradient is the derivative of that arm alone.
/// </summary>
public static partial class ConditionalBodies
{
    /// <summary>√a for a > 0, a² otherwise: the derivative 1/(2√a) of the untaken arm is NaN for a &lt; 0.</summary>
    [Differentiable]
    public static double SqrtOrSquare(double a)
        => a > 0 ? Math.Sqrt(a) : a * a;

    [Differentiable]
    public static float SqrtOrSquareFloat(float a)
        => a > 0 ? MathF.Sqrt(a) : a * a;

    /// <summary>x (k / n) with C#'s checked integer division, or x when n is 0: the division must not run then.</summary>
    [Differentiable]
    public static double GuardedDivision(double x, int k, int n)
        => n != 0 ? x * checked(k / n) : x;

    /// <summary>x m 10⁶, or x when m is large: the untaken checked product overflows an int.</summary>
    [Differentiable]
    public static double GuardedOverflow(double x, int m)
        => m < 10000 ? x * checked(m * 1000000) : x;

    /// <summary>Three pieces, nested: -a below -1, (a² + 1)/2 up to 1, √(a - 1) + 1 above.</summary>
    [Differentiable]
    public static double NestedPieces(double a)
        => a < -1 ? -a : a < 1 ? (0.5 * a * a) + 0.5 : Math.Sqrt(a - 1) + 1;

    /// <summary>A conditional inside a larger expression, after an operand that reads a reassigned local.</summary>
    [Differentiable]
    public static double InsideExpression(double x)
    {
        double y = x * 2;
        y = y + 1;
        return (y * (x > 0 ? Math.Log(x) : -x)) + 1;
    }

    /// <summary>Two declarators, the second reading the first, each with a conditional.</summary>
    [Differentiable]
    public static double Declarators(double x)
    {
        double t = x > 0 ? Math.Sqrt(x) : -x, u = t > 1 ? Math.Log(t) : t * t;
        return t + u;
    }

    /// <summary>A conditional in a loop: each iteration takes its own arm.</summary>
    [Differentiable]
    public static double InLoop(double x, int n)
    {
        double s = x;
        for (int i = 0; i < n; i++)
        {
            s = s > 0 ? Math.Sqrt(s) + x : (s * s) - 1;
        }

        return s;
    }

    /// <summary>A switch expression whose last arm divides by k: at k = 0 that arm is not taken.</summary>
    [Differentiable]
    public static double SwitchOnK(double a, int k)
        => k switch
        {
            0 => a * a,
            < 0 => Math.Sqrt(-a),
            _ => checked(10 / k) * Math.Log(a),
        };

    /// <summary>A conditional in an if's condition and in a return.</summary>
    [Differentiable]
    public static double InConditionAndReturn(double x, double y)
    {
        if ((x > 0 ? Math.Sqrt(x) : -x) > 1)
        {
            return y > 0 ? Math.Log(y) * x : x * y;
        }

        return x - y;
    }
}

public sealed class ConditionalTests
{
    private static void AssertClose(double expected, double actual, double tolerance = 1e-7)
        => Assert.True(Math.Abs(expected - actual) <= tolerance * (1 + Math.Abs(expected)), "expected " + expected + ", got " + actual);

    private static double Central(Func<double, double> f, double x, double h = 1e-6) => (f(x + h) - f(x - h)) / (2 * h);

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-0.25)]
    [InlineData(0.0)]
    [InlineData(4.0)]
    public void The_untaken_arm_with_a_NaN_derivative_is_not_differentiated(double a)
    {
        double value = ConditionalBodies.SqrtOrSquareValueAndGradient(a, out double da);

        Assert.Equal(ConditionalBodies.SqrtOrSquare(a), value);
        Assert.Equal(ConditionalBodies.SqrtOrSquare(a), ConditionalBodies.SqrtOrSquareValue(a));
        AssertClose(a > 0 ? 0.5 / Math.Sqrt(a) : 2 * a, da);
        if (a != 0)
        {
            AssertClose(Central(ConditionalBodies.SqrtOrSquare, a), da, 1e-6);
        }
    }

    [Theory]
    [InlineData(-1f)]
    [InlineData(-3.5f)]
    [InlineData(2.25f)]
    public void A_float_conditional_takes_one_arm(float a)
    {
        float value = ConditionalBodies.SqrtOrSquareFloatValueAndGradient(a, out float da);

        Assert.Equal(ConditionalBodies.SqrtOrSquareFloat(a), value);
        Assert.Equal(ConditionalBodies.SqrtOrSquareFloat(a), ConditionalBodies.SqrtOrSquareFloatValue(a));
        Assert.Equal(a > 0 ? 0.5f / MathF.Sqrt(a) : 2 * a, da, 1e-6f);
    }

    [Theory]
    [InlineData(1.5, 7, 0)]
    [InlineData(1.5, 7, 2)]
    [InlineData(-2.0, -9, 4)]
    public void An_untaken_integer_division_by_zero_does_not_throw(double x, int k, int n)
    {
        double value = ConditionalBodies.GuardedDivisionValueAndGradient(x, k, n, out double dx);

        Assert.Equal(ConditionalBodies.GuardedDivision(x, k, n), value);
        Assert.Equal(value, ConditionalBodies.GuardedDivisionValue(x, k, n));
        Assert.Equal(n != 0 ? k / n : 1, dx);
    }

    [Theory]
    [InlineData(0.5, 3)]
    [InlineData(0.5, 20000)]
    [InlineData(-1.25, int.MaxValue)]
    public void An_untaken_checked_overflow_does_not_throw(double x, int m)
    {
        double value = ConditionalBodies.GuardedOverflowValueAndGradient(x, m, out double dx);

        Assert.Equal(ConditionalBodies.GuardedOverflow(x, m), value);
        Assert.Equal(value, ConditionalBodies.GuardedOverflowValue(x, m));
        Assert.Equal(m < 10000 ? m * 1000000.0 : 1, dx);
    }

    [Fact]
    public void A_taken_checked_overflow_still_throws()
    {
        Assert.Throws<OverflowException>(() => ConditionalBodies.GuardedOverflow(1, 5000));
        Assert.Throws<OverflowException>(() => ConditionalBodies.GuardedOverflowValue(1, 5000));
        Assert.Throws<OverflowException>(() => ConditionalBodies.GuardedOverflowValueAndGradient(1, 5000, out _));
    }

    [Theory]
    [InlineData(-2.0)]
    [InlineData(-0.5)]
    [InlineData(0.75)]
    [InlineData(5.0)]
    public void Nested_conditionals_differentiate_the_piece_taken(double a)
    {
        double value = ConditionalBodies.NestedPiecesValueAndGradient(a, out double da);

        Assert.Equal(ConditionalBodies.NestedPieces(a), value);
        Assert.Equal(value, ConditionalBodies.NestedPiecesValue(a));
        AssertClose(a < -1 ? -1 : a < 1 ? a : 0.5 / Math.Sqrt(a - 1), da);
        AssertClose(Central(ConditionalBodies.NestedPieces, a), da, 1e-6);
    }

    [Theory]
    [InlineData(-1.5)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    public void A_conditional_inside_an_expression_keeps_the_operands_before_it(double x)
    {
        double value = ConditionalBodies.InsideExpressionValueAndGradient(x, out double dx);

        Assert.Equal(ConditionalBodies.InsideExpression(x), value);
        Assert.Equal(value, ConditionalBodies.InsideExpressionValue(x));

        // (2x + 1) c(x) + 1, c = log x or -x.
        double y = (2 * x) + 1;
        AssertClose(x > 0 ? (2 * Math.Log(x)) + (y / x) : (-2 * x) - y, dx);
        AssertClose(Central(ConditionalBodies.InsideExpression, x), dx, 1e-6);
    }

    [Theory]
    [InlineData(-3.0)]
    [InlineData(0.25)]
    [InlineData(4.0)]
    public void Each_declarator_reads_the_ones_before_it(double x)
    {
        double value = ConditionalBodies.DeclaratorsValueAndGradient(x, out double dx);

        Assert.Equal(ConditionalBodies.Declarators(x), value);
        Assert.Equal(value, ConditionalBodies.DeclaratorsValue(x));
        double t = x > 0 ? Math.Sqrt(x) : -x;
        double dt = x > 0 ? 0.5 / Math.Sqrt(x) : -1;
        AssertClose(dt + (t > 1 ? dt / t : 2 * t * dt), dx);
        AssertClose(Central(ConditionalBodies.Declarators, x), dx, 1e-6);
    }

    [Theory]
    [InlineData(-0.5, 6)]
    [InlineData(-1.2, 6)]
    [InlineData(0.5, 5)]
    [InlineData(2.0, 0)]
    public void A_conditional_in_a_loop_takes_its_arm_each_iteration(double x, int n)
    {
        double value = ConditionalBodies.InLoopValueAndGradient(x, n, out double dx);

        Assert.Equal(ConditionalBodies.InLoop(x, n), value);
        Assert.Equal(value, ConditionalBodies.InLoopValue(x, n));
        Assert.True(double.IsFinite(dx), "the gradient is " + dx);

        // Forward mode by hand: s' follows the arm each iteration takes.
        double s = x, ds = 1;
        for (int i = 0; i < n; i++)
        {
            (s, ds) = s > 0 ? (Math.Sqrt(s) + x, (0.5 * ds / Math.Sqrt(s)) + 1) : ((s * s) - 1, 2 * s * ds);
        }

        AssertClose(ds, dx);
        AssertClose(Central(v => ConditionalBodies.InLoop(v, n), x), dx, 1e-5);
    }

    [Theory]
    [InlineData(4.0, 2.0)]
    [InlineData(4.0, -2.0)]
    [InlineData(-3.0, 0.5)]
    [InlineData(0.5, 2.0)]
    public void Conditionals_in_a_condition_and_a_return(double x, double y)
    {
        double value = ConditionalBodies.InConditionAndReturnValueAndGradient(x, y, out double dx, out double dy);

        Assert.Equal(ConditionalBodies.InConditionAndReturn(x, y), value);
        Assert.Equal(value, ConditionalBodies.InConditionAndReturnValue(x, y));
        bool inside = (x > 0 ? Math.Sqrt(x) : -x) > 1;
        AssertClose(!inside ? 1 : y > 0 ? Math.Log(y) : y, dx);
        AssertClose(!inside ? -1 : y > 0 ? x / y : x, dy);
        AssertClose(Central(v => ConditionalBodies.InConditionAndReturn(v, y), x), dx, 1e-6);
        AssertClose(Central(v => ConditionalBodies.InConditionAndReturn(x, v), y), dy, 1e-6);
    }

    [Theory]
    [InlineData(-2.0, 0)]
    [InlineData(3.0, 0)]
    [InlineData(-4.0, -1)]
    [InlineData(2.5, 3)]
    public void A_switch_expression_runs_only_the_arm_it_matches(double a, int k)
    {
        double value = ConditionalBodies.SwitchOnKValueAndGradient(a, k, out double da);

        Assert.Equal(ConditionalBodies.SwitchOnK(a, k), value);
        Assert.Equal(value, ConditionalBodies.SwitchOnKValue(a, k));
        AssertClose(k == 0 ? 2 * a : k < 0 ? -0.5 / Math.Sqrt(-a) : 10 / k / a, da);
        AssertClose(Central(v => ConditionalBodies.SwitchOnK(v, k), a), da, 1e-6);
    }
}
