using System;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// Integer arithmetic in loops with C#'s semantics: truncating division and remainder of negative numbers,
/// <c>checked</c> and <c>unchecked</c> overflow, small types that wrap, and casts of floating values to integers.
/// </summary>
public static partial class ControlFlowSuite
{
    [Differentiable]
    public static double IntegerDivisionInLoop(double a, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += (a * (i / 2)) - ((i % 3) * a * a);
        }

        return s;
    }

    [Differentiable]
    public static double NegativeDivisionTruncates(double a, int n)
    {
        double s = 0;
        for (int i = -n; i <= n; i++)
        {
            s += (a * (i / 3)) + (i % 4);
        }

        return s;
    }

    [Differentiable]
    public static double IntegerAccumulator(double a, int n)
    {
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            k += i * i;
            if (k > 20)
            {
                k -= 17;
            }
        }

        return a * k;
    }

    [Differentiable]
    public static double CollatzSteps(double a, int n)
    {
        int m = n;
        int steps = 0;
        while (m != 1)
        {
            m = m % 2 == 0 ? m / 2 : (3 * m) + 1;
            steps++;
        }

        return (a * steps) + (a * a);
    }

    [Differentiable]
    public static double CheckedProductInLoop(double a, int n)
    {
        int p = 1;
        double s = 0;
        for (int i = 1; i <= n; i++)
        {
            p = checked(p * i);
            s += a / p;
        }

        return s;
    }

    [Differentiable]
    public static double UncheckedHashWraps(double a)
    {
        int h = 17;
        unchecked
        {
            for (int i = 0; i < 10; i++)
            {
                h = (h * 31) + i;
            }
        }

        return a * (h % 7);
    }

    [Differentiable]
    public static double LongModularPower(double a, int n)
    {
        long acc = 1;
        for (int i = 0; i < n; i++)
        {
            acc = acc * 3 % 1000003;
        }

        return a * (acc % 10);
    }

    [Differentiable]
    public static double TruncatedProductsInLoop(double a)
    {
        double s = 0;
        for (int i = 0; i < 5; i++)
        {
            int k = (int)(a * i);
            s += k * a;
        }

        return s;
    }

    [Differentiable]
    public static double ShortCounterWraps(double a)
    {
        short s = 32760;
        for (int i = 0; i < 10; i++)
        {
            s++;
        }

        return a * s;
    }

    [Differentiable]
    public static double ByteProductWraps(double a)
    {
        byte b = 7;
        for (int i = 0; i < 4; i++)
        {
            b *= 3;
        }

        return a * b;
    }

    [Differentiable]
    public static double RemainderSelectsUpdate(double a, int n)
    {
        double s = 1;
        for (int i = 0; i < n; i++)
        {
            if (i % 4 == 3)
            {
                s *= a;
            }
            else
            {
                s += i / 4;
            }
        }

        return s;
    }

    [Differentiable]
    public static double IntegerMeetsDoubleInLoop(double a, int n)
    {
        double s = 0;
        for (int i = 1; i <= n; i++)
        {
            s += (double)(i / 2) / i * a;
            s += i / 2 / (double)i * a * a;
        }

        return s;
    }

    [Differentiable]
    public static float FloatIntegerMix(float a, int n)
    {
        float s = 0;
        for (int i = 0; i < n; i++)
        {
            s += a * (i % 3) / (1 + (i / 2));
        }

        return s;
    }
}
