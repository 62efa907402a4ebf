using System;
using System.Numerics.Tensors;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// Calls to other [Differentiable] methods from inside loops and branches (callees with loops and early returns of
/// their own), and local functions and lambdas declared in the body.
/// </summary>
public static partial class ControlFlowSuite
{
    [Differentiable]
    public static double Cube(double u) => u * u * u;

    [Differentiable]
    public static double SmoothStep(double u)
    {
        if (u <= 0)
        {
            return 0;
        }

        if (u >= 1)
        {
            return 1;
        }

        return u * u * (3 - (2 * u));
    }

    [Differentiable]
    public static double Gate(double u, double v) => v / (1 + Math.Exp(-u));

    [Differentiable]
    public static double RepeatedSquareRoot(double u, int times)
    {
        double r = u;
        for (int i = 0; i < times; i++)
        {
            r = Math.Sqrt(r + 1);
        }

        return r;
    }

    [Differentiable]
    public static double CallInLoop(double a)
    {
        double s = 0;
        for (int i = 0; i < 5; i++)
        {
            s += Cube(a - (i * 0.3));
        }

        return s;
    }

    [Differentiable]
    public static double CallWithBranchesInLoop(double a, int n)
    {
        double x = a;
        for (int i = 0; i < n; i++)
        {
            x = SmoothStep(x) + 0.1;
        }

        return x;
    }

    [Differentiable]
    public static double CalleeWithLoop(double a, double b)
        => RepeatedSquareRoot(a, 3) + RepeatedSquareRoot(b * b, 2);

    [Differentiable]
    public static double CallInBranch(double a)
        => a > 0 ? Cube(a) : Gate(a, a * a);

    [Differentiable]
    public static double TensorCalleeInLoop(ReadOnlyTensorSpan<double> x, double a)
    {
        double s = 0;
        double scale = 1;
        for (int i = 0; i < 3; i++)
        {
            s += ElementSumOfSquares(x) * scale;
            scale *= a;
        }

        return s;
    }

    [Differentiable]
    public static double NestedCallsInLoop(double a)
    {
        double s = 0;
        for (int i = 1; i <= 4; i++)
        {
            s += Gate(Cube(a / i), SmoothStep(a * i * 0.2));
        }

        return s;
    }

    [Differentiable]
    public static double CallWithLoopCountFromLoop(double a)
    {
        double s = 0;
        for (int i = 0; i < 4; i++)
        {
            s += RepeatedSquareRoot(a, i);
        }

        return s;
    }

    [Differentiable]
    public static double LocalFunctionInLoop(double a)
    {
        double Step(double u) => (u * u * 0.5) + a;

        double s = 0.1;
        for (int i = 0; i < 4; i++)
        {
            s = Step(s);
        }

        return s;
    }

    [Differentiable]
    public static double LambdaInLoop(double a)
    {
        Func<double, double> g = u => Math.Sin(u) * a;
        double s = 0;
        for (int i = 0; i < 5; i++)
        {
            s += g(s + i);
        }

        return s;
    }

    [Differentiable]
    public static float FloatHelper(float u) => u / (1 + MathF.Abs(u));

    [Differentiable]
    public static float FloatCallInLoop(float a, int n)
    {
        float s = a;
        for (int i = 0; i < n; i++)
        {
            s = FloatHelper(s * 2) + (a * 0.1f);
        }

        return s;
    }

    [Differentiable]
    public static double FirstAbove(double u, int n)
    {
        double v = u;
        for (int i = 0; i < n; i++)
        {
            v = (v * 1.5) + 0.1;
            if (v > 2)
            {
                return v - 2;
            }
        }

        return v;
    }

    [Differentiable]
    public static double CalleeReturnsInsideCallerLoop(double a)
    {
        double s = 0;
        for (int i = 0; i < 4; i++)
        {
            double r = FirstAbove(a + (i * 0.3), 5);
            s += r * (i + 1);
        }

        return s;
    }

    [Differentiable]
    public static double HalveUntilSmall(double u)
    {
        while (Math.Abs(u) > 1)
        {
            u *= 0.5;
        }

        return u;
    }

    [Differentiable]
    public static double CalleeReassignsItsParameter(double a)
    {
        double u = a * 3;
        double r = HalveUntilSmall(u) + u;
        return r * HalveUntilSmall(a * a);
    }

    [Differentiable]
    public static double CallInIfCondition(double a)
    {
        if (SmoothStep(a) > 0.5)
        {
            return Cube(a) - SmoothStep(a * 0.5);
        }

        return a * 2;
    }

    [Differentiable]
    public static double TwiceRepeated(double u) => RepeatedSquareRoot(u, 2) * 2;

    [Differentiable]
    public static double CallThroughStraightWrapper(double a)
    {
        double s = 0;
        for (int i = 0; i < 3; i++)
        {
            s += TwiceRepeated(a + i) * SmoothStep(SmoothStep(a * 0.4 * i));
        }

        return s;
    }

    [Differentiable]
    public static double CallsInConditionalArms(double a, double b)
        => a > b ? RepeatedSquareRoot(a * a, 2) - b : SmoothStep(b - a) * FirstAbove(a, 3);

    [Differentiable]
    public static double CallInSwitchSection(double a, int k)
    {
        double s = a;
        switch (k)
        {
            case 0:
                s = FirstAbove(s, 4);
                break;
            case 1:
                s = HalveUntilSmall(s * 5) + SmoothStep(s);
                break;
            default:
                s *= 2;
                break;
        }

        return s * a;
    }

    [Differentiable]
    public static double CapturedReadAtCallTime(double a)
    {
        double scale = 1;
        double Scaled(double u) => u * scale;
        Func<double, double, double> mix = (u, v) => (u * 0.5) + (v * v);
        double s = 0;
        for (int i = 0; i < 4; i++)
        {
            scale *= a;
            s = mix(Scaled(s + 1), scale);
        }

        return s;
    }

    [Differentiable]
    public static double LocalFunctionWithBlockBody(double a, double b)
    {
        double Soft(double u)
        {
            double e = Math.Exp(-u * u);
            return (u * e) + b;
        }

        return Soft(a) * Soft(a * b);
    }

    [Differentiable]
    public static double HornerWithArray(double u, int degree)
    {
        double[] c = new double[degree + 1];
        for (int k = 0; k <= degree; k++)
        {
            c[k] = 1.0 / (k + 1);
        }

        double p = 0;
        for (int k = degree; k >= 0; k--)
        {
            p = (p * u) + c[k];
        }

        return p;
    }

    [Differentiable]
    public static double CalleeArraysInLoop(double a, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += HornerWithArray(a * s, i) + HornerWithArray(a, 2);
        }

        return s;
    }

    [Differentiable]
    public static double SmoothedByCalleeWithArray(double a, double b)
    {
        double[] v = { a, b };
        return SortedSum(v[0], v[1] * a) * SortedSum(b, a);
    }

    [Differentiable]
    public static double SortedSum(double u, double v)
    {
        double[] w = { u, v, u * v };
        if (w[0] > w[1])
        {
            double t = w[0];
            w[0] = w[1];
            w[1] = t;
        }

        return (w[0] * 0.25) + w[1] + w[2];
    }
}
