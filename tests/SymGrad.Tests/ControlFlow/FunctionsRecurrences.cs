using System;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// Recurrences whose reverse sweep must restore what the forward sweep overwrote: old values read after they are
/// replaced, updates taken on some iterations only, long and data-dependent trip counts (a tape that must grow), and
/// trip counts that change from one call to the next.
/// </summary>
public static partial class ControlFlowSuite
{
    [Differentiable]
    public static double OldValueReadAfterOverwrite(double a)
    {
        double x = a;
        double y = 0;
        for (int i = 0; i < 6; i++)
        {
            double old = x;
            x = (x * x * 0.5) + (0.3 * a);
            y += old * x;
        }

        return y;
    }

    [Differentiable]
    public static double ReciprocalRecurrence(double a, int n)
    {
        double x = 1;
        for (int i = 0; i < n; i++)
        {
            x = a / (1 + x);
        }

        return x;
    }

    [Differentiable]
    public static double SometimesUpdatedPair(double a, double b)
    {
        double x = a;
        double y = b;
        for (int i = 0; i < 8; i++)
        {
            if (x > y)
            {
                x = (x * 0.7) + (y * 0.1);
            }
            else
            {
                y = (y * 0.8) + Math.Sin(x);
            }
        }

        return (x * 2) + y;
    }

    [Differentiable]
    public static double LoopInBranchInLoop(double a, int n)
    {
        double s = a;
        for (int i = 0; i < n; i++)
        {
            if (i % 2 == 0)
            {
                for (int j = 0; j < i + 1; j++)
                {
                    s = Math.Sqrt((s * s) + j);
                }
            }
            else
            {
                s *= a;
            }
        }

        return s;
    }

    [Differentiable]
    public static double BreakAndContinueTogether(double a)
    {
        double s = 0;
        double x = a;
        int i = 0;
        while (i < 50)
        {
            i++;
            x = (x * 1.1) + 0.05;
            if (Math.Sin(x * 3) < 0)
            {
                continue;
            }

            s += x;
            if (s > 6)
            {
                break;
            }
        }

        return s + (x * 0.1);
    }

    [Differentiable]
    public static double LongLoop(double a, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s = (s * 0.999) + (a * Math.Sin(a * i * 0.01));
        }

        return s;
    }

    [Differentiable]
    public static double SlowRelaxationToTolerance(double a)
    {
        double x = 0;
        double velocity = 0;
        while (Math.Abs(a - x) > 1e-12 || Math.Abs(velocity) > 1e-12)
        {
            velocity = (0.9 * velocity) + (0.01 * (a - x));
            x += velocity;
        }

        return x * x;
    }

    [Differentiable]
    public static double TwoLoopsShareACarry(double a, int n)
    {
        double x = a;
        for (int i = 0; i < n; i++)
        {
            x = Math.Tanh(x + (0.1 * i));
        }

        double s = 0;
        for (int i = 0; i < n + 2; i++)
        {
            s += x;
            x *= 0.9;
        }

        return s;
    }
}
