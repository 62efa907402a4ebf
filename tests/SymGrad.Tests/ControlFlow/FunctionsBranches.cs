using System;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// <c>if</c>/<c>else</c> chains, <c>switch</c> statements and expressions, and early returns, alone and inside loops.
/// The derivative of a branch is the derivative of the branch taken.
/// </summary>
public static partial class ControlFlowSuite
{
    [Differentiable]
    public static double IfElseAssigns(double a)
    {
        double r;
        if (a < 0)
        {
            r = -a * 3;
        }
        else
        {
            r = a * a;
        }

        return r;
    }

    [Differentiable]
    public static double IfElseChain(double a)
    {
        double r;
        if (a < -1)
        {
            r = Math.Exp(a);
        }
        else if (a < 0)
        {
            r = a * a * a;
        }
        else if (a < 1)
        {
            r = Math.Sin(a);
        }
        else
        {
            r = Math.Log(a) + 1;
        }

        return r;
    }

    [Differentiable]
    public static double IfWithoutElse(double a, double b)
    {
        double s = a * b;
        if (s > 1)
        {
            s = Math.Log(s);
        }

        return s + b;
    }

    [Differentiable]
    public static double NestedIf(double a, double b)
    {
        double r;
        if (a > 0)
        {
            if (b > 0)
            {
                r = a * b;
            }
            else
            {
                r = a - b;
            }
        }
        else
        {
            if (b > a)
            {
                r = b * b;
            }
            else
            {
                r = Math.Exp(a);
            }
        }

        return r;
    }

    [Differentiable]
    public static double IfSortsTwo(double a, double b)
    {
        double x = a;
        double y = b;
        if (a > b)
        {
            x = b;
            y = a;
        }

        return (x * 2) + (y * y * y);
    }

    [Differentiable]
    public static double IfBlockLocals(double a)
    {
        double s = a;
        if (a > 0.5)
        {
            double t = Math.Sin(a);
            s = t * t;
        }
        else
        {
            double t = Math.Cos(a);
            s += t;
        }

        return s;
    }

    [Differentiable]
    public static double IfOnIntegerMode(double a, int mode)
    {
        if (mode == 0)
        {
            return a;
        }
        else if (mode == 1)
        {
            return a * a;
        }
        else
        {
            return Math.Exp(a) * mode;
        }
    }

    [Differentiable]
    public static double IfCompoundCondition(double a, double b)
    {
        double r = a + b;
        if ((a > 0 && b < 1) || a * b > 2)
        {
            r *= a;
        }
        else if (!(a < -1))
        {
            r -= b * b;
        }

        return r;
    }

    [Differentiable]
    public static double EarlyReturnFirst(double a)
    {
        if (a < 0)
        {
            return 0.5 * a;
        }

        double s = a * a;
        s += a;
        return s;
    }

    [Differentiable]
    public static double EarlyReturnNested(double a, double b)
    {
        if (a > b)
        {
            if (a > 2 * b)
            {
                return a - b;
            }

            return a * b;
        }

        return Math.Sqrt((b * b) + 1);
    }

    [Differentiable]
    public static double SwitchStatement(double a, int k)
    {
        double r;
        switch (k)
        {
            case 0:
                r = a;
                break;
            case 1:
            case 2:
                r = a * a * k;
                break;
            default:
                r = Math.Sin(a);
                break;
        }

        return r;
    }

    [Differentiable]
    public static double SwitchReturns(double a, int k)
    {
        switch (k % 3)
        {
            case 0:
                return a * 2;
            case 1:
                return a * a;
            default:
                return -a;
        }
    }

    [Differentiable]
    public static double SwitchExpressionOnInteger(double a, int k)
        => k switch
        {
            0 => a,
            1 => a * a,
            2 => Math.Exp(a),
            _ => a * k,
        };

    [Differentiable]
    public static double SwitchExpressionRelational(double a)
        => a switch
        {
            < -1 => -a,
            < 1 => a * a,
            _ => (2 * a) - 1,
        };

    [Differentiable]
    public static double SwitchExpressionAndPattern(double a, double b)
        => a switch
        {
            > 0 and < 2 => a * b,
            >= 2 => b - a,
            _ => Math.Exp(a) * b,
        };

    [Differentiable]
    public static double SwitchWithGuard(double a, double b, int k)
    {
        double r;
        switch (k)
        {
            case 0 when a > b:
                r = a * a;
                break;
            case 0:
                r = b * a;
                break;
            default:
                r = a + (b * k);
                break;
        }

        return r;
    }

    [Differentiable]
    public static double SwitchOnComputedInteger(double a)
    {
        int bucket = (int)Math.Floor(a);
        switch (bucket)
        {
            case -1:
                return a * a;
            case 0:
                return Math.Sin(a);
            case 1:
                return a * 3;
            default:
                return Math.Tanh(a);
        }
    }

    [Differentiable]
    public static double SwitchInLoop(double a, int n)
    {
        double s = 1;
        for (int i = 0; i < n; i++)
        {
            switch (i % 3)
            {
                case 0:
                    s += a;
                    break;
                case 1:
                    s *= a;
                    break;
                default:
                    s -= a * a;
                    break;
            }
        }

        return s;
    }

    [Differentiable]
    public static double SwitchExpressionInLoop(double a)
    {
        double s = 0;
        for (int i = 0; i < 6; i++)
        {
            s = (i % 2) switch
            {
                0 => (s * a) + 1,
                _ => s - a,
            };
        }

        return s;
    }

    [Differentiable]
    public static double EarlyReturnInLoop(double a)
    {
        double x = a;
        for (int i = 0; i < 20; i++)
        {
            x = (x * a) + 0.1;
            if (x > 3)
            {
                return x + i;
            }
        }

        return -x;
    }

    [Differentiable]
    public static double EarlyReturnInNestedLoop(double a, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                s += a * (i + 1) / (j + 1);
                if (s > 5)
                {
                    return s * s;
                }
            }
        }

        return s;
    }

    [Differentiable]
    public static double EarlyReturnInWhile(double a)
    {
        int k = 0;
        double x = a;
        while (k < 100)
        {
            x = (x * 0.8) + 0.5;
            if (Math.Abs(x - 2.5) < 0.01)
            {
                return x * k;
            }

            k++;
        }

        return x;
    }

    [Differentiable]
    public static double ReturnFromSwitchInLoop(double a, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            switch (i)
            {
                case 3:
                    return s * a;
                default:
                    s += Math.Sin(a * i);
                    break;
            }
        }

        return s;
    }

    [Differentiable]
    public static double IfInLoopOnCarriedValue(double a, double b)
    {
        double x = a;
        for (int i = 0; i < 10; i++)
        {
            if (x > b)
            {
                x *= 0.5;
            }
            else
            {
                x = (x * x) + a;
            }
        }

        return x;
    }

    [Differentiable]
    public static double ConditionalExpressionInLoop(double a)
    {
        double s = 0;
        for (int i = 0; i < 7; i++)
        {
            s += i % 2 == 0 ? a * i : -a * a;
        }

        return s;
    }

    [Differentiable]
    public static double IfInDo(double a)
    {
        double x = a;
        int i = 0;
        do
        {
            if (x < 1)
            {
                x += 0.7;
            }
            else
            {
                x *= 0.6;
            }

            i++;
        }
        while (i < 8);
        return x * a;
    }

    [Differentiable]
    public static double PiecewiseWithEqualityTest(double a, int k)
    {
        double r = a;
        if (k != 2)
        {
            r *= a;
        }

        if (k == 2 || a > 1)
        {
            r += 1 / a;
        }

        return r;
    }

    [Differentiable]
    public static float FloatBranches(float a, float b)
    {
        if (a > b)
        {
            return a * b;
        }
        else if (a > 0)
        {
            return MathF.Exp(a);
        }

        return b;
    }

    [Differentiable]
    public static float FloatSwitch(float a, int k)
        => k switch
        {
            0 => a * a,
            1 => MathF.Sin(a),
            _ => a / k,
        };

    [Differentiable]
    public static double SwitchGuardsOnValue(double a, int k)
    {
        double s;
        switch (k)
        {
            case var m when m > 2 && a > 0:
                s = a * m;
                break;
            case > 0 when a < 0:
                s = -a * a;
                break;
            case 1:
                s = Math.Exp(a);
                break;
            default:
                s = a + k;
                break;
        }

        return s;
    }

    [Differentiable]
    public static double SwitchWithEarlyBreak(double a, int k)
    {
        double s = a;
        for (int i = 0; i < 3; i++)
        {
            switch ((k + i) % 3)
            {
                case 0:
                    s *= 1.5;
                    if (s > 2)
                    {
                        break;
                    }

                    s += 0.25;
                    break;
                case 1:
                    if (s < 0)
                    {
                        s = -s;
                        break;
                    }

                    s = Math.Sqrt(s + 1);
                    break;
                default:
                    if (i == 2)
                    {
                        continue;
                    }

                    s -= 0.5;
                    break;
            }

            s += 0.1 * i;
        }

        return s;
    }

    [Differentiable]
    public static double SwitchExpressionWithoutDiscard(double a, int k)
        => k switch
        {
            0 => a * a,
            > 0 and < 3 => Math.Sin(a) * k,
            >= 3 => a / k,
            < 0 => -a,
        };

    [Differentiable]
    public static double SwitchExpressionWithWhen(double a, double b)
        => a switch
        {
            var v when v > b => v - b,
            < 0 => Math.Exp(a),
            _ => a * b,
        };
}
