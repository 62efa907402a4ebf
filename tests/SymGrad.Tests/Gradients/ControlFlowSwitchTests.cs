using System;

namespace SymGrad.Tests.Gradients;

/// <summary>switch statements and expressions in [Differentiable] methods.</summary>
public static partial class ControlFlowSwitchBodies
{
    /// <summary>Per iteration one of four updates, chosen by i % 4; case 3 skips the rest with continue.</summary>
    [Differentiable]
    public static double Cycle(double x, int n)
    {
        double s = 1;
        for (int i = 0; i < n; i++)
        {
            switch (i % 4)
            {
                case 0:
                    s = s * x;
                    break;
                case 1:
                case 2:
                    s = s + Math.Sin(x);
                    break;
                default:
                    continue;
            }

            s = s * 0.5;
        }

        return s;
    }

    /// <summary>Early returns from the sections of a switch on an int parameter.</summary>
    [Differentiable]
    public static float Mode(float x, int mode)
    {
        switch (mode)
        {
            case 0:
                return x * x;
            case 1:
                return MathF.Exp(x);
        }

        return -x;
    }

    /// <summary>A switch expression with relational patterns on a differentiable value: a piecewise function.</summary>
    [Differentiable]
    public static double Piecewise(double x) => x switch
    {
        < -1 => -x,
        >= -1 and < 1 => x * x / 2 + 0.5,
        _ => x,
    };
}

public sealed class ControlFlowSwitchTests
{
    [Theory]
    [InlineData(0.9, 0)]
    [InlineData(0.9, 7)]
    [InlineData(-1.4, 12)]
    public void Each_iteration_differentiates_the_section_it_took(double x, int n)
    {
        double value = ControlFlowSwitchBodies.CycleValueAndGradient(x, n, out double dx);

        Assert.Equal(ControlFlowSwitchBodies.Cycle(x, n), value);
        Assert.Equal(value, ControlFlowSwitchBodies.CycleValue(x, n));

        // Forward mode by hand: the value and its derivative carried together.
        double s = 1, ds = 0;
        for (int i = 0; i < n; i++)
        {
            switch (i % 4)
            {
                case 0:
                    ds = ds * x + s;
                    s *= x;
                    break;
                case 1:
                case 2:
                    ds += Math.Cos(x);
                    s += Math.Sin(x);
                    break;
                default:
                    continue;
            }

            s *= 0.5;
            ds *= 0.5;
        }

        Assert.Equal(ds, dx, 12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_return_in_a_section_leaves_the_method(int mode)
    {
        float value = ControlFlowSwitchBodies.ModeValueAndGradient(0.75f, mode, out float dx);

        Assert.Equal(ControlFlowSwitchBodies.Mode(0.75f, mode), value);
        Assert.Equal(mode == 0 ? 1.5f : mode == 1 ? MathF.Exp(0.75f) : -1f, dx, 6);
    }

    [Theory]
    [InlineData(-2.0, 2.0, -1.0)]
    [InlineData(0.5, 0.625, 0.5)]
    [InlineData(3.0, 3.0, 1.0)]
    public void A_switch_expression_selects_the_arm_that_matches(double x, double expected, double slope)
    {
        double value = ControlFlowSwitchBodies.PiecewiseValueAndGradient(x, out double dx);

        Assert.Equal(ControlFlowSwitchBodies.Piecewise(x), value);
        Assert.Equal(expected, value);
        Assert.Equal(slope, dx);
    }
}
