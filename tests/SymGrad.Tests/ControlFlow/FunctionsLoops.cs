using System;
using System.Numerics.Tensors;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// <c>for</c>, <c>while</c> and <c>do</c> loops: constant, <c>int</c>-parameter and data-dependent trip counts, nested,
/// with <c>break</c> and <c>continue</c>, and values carried from one iteration to the next.
/// </summary>
public static partial class ControlFlowSuite
{
    [Differentiable]
    public static double ForConstantPower(double a)
    {
        double p = 1;
        for (int i = 0; i < 5; i++)
        {
            p *= a;
        }

        return p;
    }

    [Differentiable]
    public static double ForExponentialSeries(double a)
    {
        double s = 0;
        double term = 1;
        for (int i = 0; i < 8; i++)
        {
            s += term;
            term *= a / (i + 1);
        }

        return s;
    }

    [Differentiable]
    public static double ForParameterPower(double a, int n)
    {
        double p = 1;
        for (int i = 0; i < n; i++)
        {
            p *= a;
        }

        return p;
    }

    [Differentiable]
    public static double ForParameterMap(double a, double b, int n)
    {
        double x = a;
        for (int i = 0; i < n; i++)
        {
            x = (x * b) + Math.Sin(x);
        }

        return x;
    }

    [Differentiable]
    public static double ForCountingDown(double a, int n)
    {
        double s = 0;
        for (int i = n; i > 0; i--)
        {
            s = (s * a) + i;
        }

        return s;
    }

    [Differentiable]
    public static double ForStepOfTwo(double a, int n)
    {
        double s = 0;
        double x = a;
        for (int i = 0; i < n; i += 2)
        {
            s += x * i;
            x *= a;
        }

        return s;
    }

    [Differentiable]
    public static double WhileHalvingToTolerance(double a)
    {
        double x = a;
        int k = 0;
        while (Math.Abs(x) > 1e-3)
        {
            x *= 0.5;
            k++;
        }

        return (x * k) + a;
    }

    [Differentiable]
    public static double WhileFixedPoint(double a)
    {
        double x = 0;
        double previous = 1;
        while (Math.Abs(x - previous) > 1e-13)
        {
            previous = x;
            x = (0.5 * Math.Cos(x)) + a;
        }

        return x;
    }

    [Differentiable]
    public static double WhileIntegerCounter(double a, int n)
    {
        int i = 0;
        double s = a;
        while (i < n)
        {
            s = Math.Sqrt((s * s) + i);
            i++;
        }

        return s;
    }

    [Differentiable]
    public static double DoRunsAtLeastOnce(double a, int n)
    {
        double s = a;
        int i = 0;
        do
        {
            s = (s * 1.5) - (0.1 * i);
            i++;
        }
        while (i < n);
        return s;
    }

    [Differentiable]
    public static double DoCubeRootToTolerance(double a)
    {
        double x = a;
        do
        {
            x -= ((x * x * x) - a) / (3 * x * x);
        }
        while (Math.Abs((x * x * x) - a) > 1e-12 * a);
        return x;
    }

    [Differentiable]
    public static double NestedConstantLoops(double a)
    {
        double s = 0;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                s += Math.Sin((a * i) + j);
            }
        }

        return s;
    }

    [Differentiable]
    public static double NestedTriangularLoops(double a, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                s = (s * 0.9) + (a * (i - j)) + (a * a);
            }
        }

        return s;
    }

    [Differentiable]
    public static double NestedParameterLoops(double a, double b, int n, int m)
    {
        double x = a;
        for (int i = 0; i < n; i++)
        {
            double y = b;
            for (int j = 0; j < m; j++)
            {
                y = (y * x * 0.5) + 1;
            }

            x += 0.1 * y;
        }

        return x;
    }

    [Differentiable]
    public static double ForBreakOnData(double a)
    {
        double s = 0;
        for (int i = 0; i < 100; i++)
        {
            s += a * i;
            if (s > 10)
            {
                break;
            }
        }

        return s;
    }

    [Differentiable]
    public static double ForContinueOnIndex(double a, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            if (i % 3 == 1)
            {
                continue;
            }

            s += Math.Cos(a * i);
        }

        return s;
    }

    [Differentiable]
    public static double WhileTrueWithBreak(double a)
    {
        double x = a;
        while (true)
        {
            x = (x * 1.3) + 0.1;
            if (x > 5)
            {
                break;
            }
        }

        return x;
    }

    [Differentiable]
    public static double ContinueOnData(double a, double b)
    {
        double s = 0;
        double x = a;
        for (int i = 0; i < 8; i++)
        {
            x = (x * b) + 0.1;
            if (x < 0)
            {
                continue;
            }

            s += x;
        }

        return s;
    }

    [Differentiable]
    public static double InnerBreak(double a, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            double p = 1;
            for (int j = 0; j < 10; j++)
            {
                p *= a + (0.1 * i);
                if (p > 2)
                {
                    break;
                }
            }

            s += p;
        }

        return s;
    }

    [Differentiable]
    public static double CarriedPair(double a, double b)
    {
        double x = a;
        double y = b;
        for (int i = 0; i < 10; i++)
        {
            double t = x + (y * 0.5);
            x = y;
            y = t * 0.9;
        }

        return x * y;
    }

    [Differentiable]
    public static double CarriedTriple(double a, double b, double c)
    {
        double x = a;
        double y = b;
        double z = c;
        for (int i = 0; i < 6; i++)
        {
            double t = x;
            x = y * Math.Cos(z);
            y = t + (z * 0.1);
            z = (z * 0.9) + (x * 0.01);
        }

        return x + y + z;
    }

    [Differentiable]
    public static double TwoCountersInOneFor(double a)
    {
        double s = 0;
        for (int i = 0, j = 10; i < j; i++, j--)
        {
            s += a * (j - i);
        }

        return s * a;
    }

    [Differentiable]
    public static double ForeverWithCountedBreak(double a)
    {
        int i = 0;
        double s = a;
        for (;;)
        {
            s = (s * s * 0.5) + 0.1;
            if (++i >= 5)
            {
                break;
            }
        }

        return s;
    }

    [Differentiable]
    public static double CounterChangedInBody(double a, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s = (s * a) + 1;
            if (i % 2 == 0)
            {
                i++;
            }
        }

        return s;
    }

    [Differentiable]
    public static double DoubleCounter(double a)
    {
        double s = 0;
        for (double t = 0; t < 1; t += 0.25)
        {
            s += Math.Exp(-a * t);
        }

        return s;
    }

    [Differentiable]
    public static double CounterComparedWithParameter(double a)
    {
        double s = 0;
        for (double t = 0; t < a; t += 0.5)
        {
            s += t * a;
        }

        return s;
    }

    [Differentiable]
    public static double WhileProductBelowBound(double a)
    {
        double p = 1;
        int k = 0;
        while (p < 100 && k < 50)
        {
            p *= a;
            k++;
        }

        return p + k;
    }

    [Differentiable]
    public static double DoWithBreak(double a)
    {
        int i = 0;
        double s = 0;
        do
        {
            s += Math.Sqrt(a + i);
            if (s > 5)
            {
                break;
            }

            i++;
        }
        while (i < 10);
        return s;
    }

    [Differentiable]
    public static double WhileAroundFor(double a)
    {
        int i = 0;
        double s = 1;
        while (i < 3)
        {
            for (int j = 0; j < i + 2; j++)
            {
                s = (s * a) + j;
            }

            i++;
        }

        return s;
    }

    [Differentiable]
    public static double NestedDo(double a, double b)
    {
        double s = 0;
        double c = b;
        int i = 0;
        do
        {
            int j = 0;
            do
            {
                s += a * c * (i + j);
                c *= 0.9;
                j++;
            }
            while (j < 2);
            i++;
        }
        while (i < 3);
        return s;
    }

    [Differentiable]
    public static double BisectionThenNewtonStep(double a)
    {
        double lo = 0;
        double hi = 2;
        for (int i = 0; i < 40; i++)
        {
            double mid = 0.5 * (lo + hi);
            if ((mid * mid * mid) > a)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        double x = 0.5 * (lo + hi);
        return x - (((x * x * x) - a) / (3 * x * x));
    }

    [Differentiable]
    public static double EmptyLoopBody(double a, int n)
    {
        int i = 0;
        while (i++ < n)
        {
        }

        return a * i;
    }

    [Differentiable]
    public static float FloatForLoop(float a, int n)
    {
        float s = 0;
        for (int i = 0; i < n; i++)
        {
            s = (s * 0.5f) + (a * MathF.Cos(a * i));
        }

        return s;
    }

    [Differentiable]
    public static float FloatWhileLoop(float a)
    {
        float x = a;
        int k = 0;
        while (k < 6)
        {
            x -= 0.1f * x * x;
            k++;
        }

        return x;
    }

    [Differentiable]
    public static double DoScanWhileInBoundsAndPositive(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        int i = 0;
        do
        {
            s += x[i] * (1 + s);
            i++;
        }
        while (i < x.FlattenedLength && x[i] > 0);
        return s;
    }

    [Differentiable]
    public static double DoWithDivisionRightOfOr(double a, int k)
    {
        double s = a;
        int i = 0;
        do
        {
            i++;
            if (i == 2)
            {
                continue;
            }

            s = (s * a) + (0.5 * i);
        }
        while (i < 5 && (k == 0 || i / k < 2));
        return s;
    }

    [Differentiable]
    public static double DoConditionCounts(double a, int n)
    {
        double s = a;
        int i = 0;
        do
        {
            s = (s * a) + 0.25;
        }
        while (++i < n);
        return s;
    }
}
