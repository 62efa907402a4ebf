using System;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// Local arrays written and read by index in loops: initializers, <c>new T[n]</c>, collection expressions and
/// <c>stackalloc</c>.
/// </summary>
public static partial class ControlFlowSuite
{
    [Differentiable]
    public static double ArrayInitializerHorner(double a)
    {
        double[] c = { 1, -2, 0.5, 3 };
        double s = 0;
        for (int i = 0; i < c.Length; i++)
        {
            s = (s * a) + c[i];
        }

        return s;
    }

    [Differentiable]
    public static double ArrayFilledThenRead(double a, int n)
    {
        double[] v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = a * i;
        }

        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += v[i] * v[i];
        }

        return s;
    }

    [Differentiable]
    public static double ArrayRecurrence(double a)
    {
        double[] v = new double[6];
        v[0] = a;
        for (int i = 1; i < 6; i++)
        {
            v[i] = (v[i - 1] * a) + 1;
        }

        return v[5] + v[2];
    }

    [Differentiable]
    public static double StackallocProducts(double a)
    {
        Span<double> v = stackalloc double[4];
        for (int i = 0; i < 4; i++)
        {
            v[i] = Math.Sin(a * (i + 1));
        }

        return (v[0] * v[3]) - (v[1] * v[2]);
    }

    [Differentiable]
    public static double ArrayOverwrittenInPlace(double a)
    {
        double[] v = { a, 2 * a, 3 * a };
        for (int k = 0; k < 3; k++)
        {
            for (int i = 0; i < 3; i++)
            {
                v[i] = (v[i] * v[(i + 1) % 3] * 0.5) + 0.1;
            }
        }

        return v[0] + v[1] + v[2];
    }

    [Differentiable]
    public static double ArrayReversedInPlace(double a, double b)
    {
        double[] v = new double[5];
        for (int i = 0; i < 5; i++)
        {
            v[i] = (a * i) + (b * b);
        }

        for (int i = 0; i < 2; i++)
        {
            double t = v[i];
            v[i] = v[4 - i];
            v[4 - i] = t;
        }

        return v[0] + (2 * v[1]) + (3 * v[4] * a);
    }

    [Differentiable]
    public static double ArrayIndexFromParameter(double a, int k)
    {
        double[] v = { a, a * a, a * a * a, Math.Exp(a) };
        return v[k % 4] + v[(k + 1) % 4];
    }

    [Differentiable]
    public static double ArrayAsMatrix(double a, double b)
    {
        double[] m = new double[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                m[(i * 3) + j] = i == j ? a : b * (i - j);
            }
        }

        double trace = 0;
        for (int i = 0; i < 3; i++)
        {
            for (int k = 0; k < 3; k++)
            {
                trace += m[(i * 3) + k] * m[(k * 3) + i];
            }
        }

        return trace;
    }

    [Differentiable]
    public static double CollectionExpressionArray(double a)
    {
        double[] v = [a, 1, a * a];
        double s = 1;
        foreach (double e in v)
        {
            s = (s * e) + 0.5;
        }

        return s;
    }

    [Differentiable]
    public static double ArrayAllocatedInLoop(double a, int n)
    {
        double[] state = { a, 0 };
        for (int i = 0; i < n; i++)
        {
            double[] next = new double[2];
            next[0] = (state[0] * 0.9) - (state[1] * 0.2);
            next[1] = (state[0] * 0.2) + (state[1] * 0.9) + (0.05 * a);
            state = next;
        }

        return (state[0] * state[0]) + state[1];
    }

    [Differentiable]
    public static double BubbleSortThree(double a, double b, double c)
    {
        double[] v = { a, b, c };
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < 2 - pass; i++)
            {
                if (v[i] > v[i + 1])
                {
                    double t = v[i];
                    v[i] = v[i + 1];
                    v[i + 1] = t;
                }
            }
        }

        return v[0] + (2 * v[1]) + (3 * v[2] * v[2]);
    }

    [Differentiable]
    public static double PolynomialProduct(double a, double b)
    {
        double[] p = { 1, a };
        double[] q = { b, 1, a };
        double[] r = new double[4];
        for (int i = 0; i < p.Length; i++)
        {
            for (int j = 0; j < q.Length; j++)
            {
                r[i + j] += p[i] * q[j];
            }
        }

        return r[0] + (r[1] * 2) + (r[2] * 3) + (r[3] * 4);
    }

    [Differentiable]
    public static double ElementCompoundAssignment(double a)
    {
        double[] v = new double[3];
        v[0] += a;
        v[1] -= a * a;
        v[2] = 1;
        v[2] *= a;
        v[0]++;
        v[1] /= 2;
        return (v[0] * v[1]) + v[2];
    }

    [Differentiable]
    public static double StackallocRingBuffer(double a, int n)
    {
        Span<double> ring = stackalloc double[3];
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            double x = Math.Sin(a * (i + 1));
            s += x * ring[i % 3];
            ring[i % 3] = x;
        }

        return s + ring[0];
    }

    [Differentiable]
    public static double ArrayCopiedReversed(double a)
    {
        double[] source = { 1, a, a * a };
        double[] target = new double[3];
        for (int i = 0; i < 3; i++)
        {
            target[i] = source[2 - i] * (i + 1);
        }

        return (target[0] * target[1]) + target[2];
    }

    [Differentiable]
    public static double ArrayLengthBound(double a)
    {
        double[] v = new double[5];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = Math.Cos(a + i);
        }

        double m = v[0];
        for (int i = 1; i < v.Length; i++)
        {
            if (v[i] > m)
            {
                m = v[i];
            }
        }

        return m;
    }

    [Differentiable]
    public static double ArrayPrefixSums(double a, double b)
    {
        double[] v = { a, b, a * b, a - b, 1 };
        for (int i = 1; i < v.Length; i++)
        {
            v[i] += v[i - 1];
        }

        return (v[4] * v[2]) + v[1];
    }

    [Differentiable]
    public static double ArrayIndexedByComputedInteger(double a)
    {
        double[] table = { 0.5, 1.5, -1, 2 };
        int k = (int)(Math.Abs(a) * 2) % 4;
        return (table[k] * a) + (table[(k + 1) % 4] * a * a);
    }

    [Differentiable]
    public static float FloatArray(float a)
    {
        float[] v = new float[4];
        for (int i = 0; i < 4; i++)
        {
            v[i] = a * (i + 1);
        }

        float s = 0;
        for (int i = 3; i >= 0; i--)
        {
            s = (s * 0.5f) + MathF.Cos(v[i]);
        }

        return s;
    }

    [Differentiable]
    public static float FloatStackalloc(float a, float b)
    {
        Span<float> v = stackalloc float[3];
        v[0] = a;
        v[1] = b;
        v[2] = a * b;
        for (int i = 0; i < 3; i++)
        {
            v[(i + 1) % 3] += v[i] * 0.5f;
        }

        return v[0] * v[1] * v[2];
    }
    /// <summary>Two elements overwritten on each of 30 iterations: every overwritten value must come back in the reverse sweep.</summary>
    [Differentiable]
    public static double ArraySlotOverwrittenManyTimes(double a, double b)
    {
        double[] v = { a, b, 0 };
        for (int i = 0; i < 30; i++)
        {
            v[i % 2] = Math.Sin((v[0] * v[1]) + v[2]) + (0.5 * v[(i + 1) % 2]);
            v[2] += 0.1 * v[i % 2];
        }

        return v[0] + (v[1] * v[2]);
    }

    [Differentiable]
    public static double IntArrayPermutation(double a, double b, double c)
    {
        int[] order = { 2, 0, 1 };
        double[] v = { a, b, c };
        int[] counts = new int[3];
        double s = 0;
        for (int i = 0; i < 3; i++)
        {
            s = (s * 2) + (v[order[i]] * v[order[i]]);
            counts[order[i]] += i + 1;
        }

        return (s * counts[1]) + v[^1];
    }

    [Differentiable]
    public static double ArrayHatIndexes(double a, int n)
    {
        double[] v = new double[n + 2];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = Math.Cos(a * (i + 1));
        }

        return (v[^1] * v[^2]) + v[^(n + 2)];
    }

    [Differentiable]
    public static double ArrayCreatedInLoopGrowing(double a, int n)
    {
        double s = 0;
        for (int m = 1; m <= n; m++)
        {
            double[] w = new double[m];
            for (int i = 0; i < m; i++)
            {
                w[i] = Math.Sin(a * (i + 1)) + (s * 0.1);
            }

            for (int i = 1; i < m; i++)
            {
                w[i] += w[i - 1] * w[i];
            }

            s += w[^1];
        }

        return s;
    }

    [Differentiable]
    public static double ArrayInBranchWithEarlyReturn(double a)
    {
        if (a > 0)
        {
            double[] v = { a, a * a };
            for (int i = 0; i < 5; i++)
            {
                v[i % 2] *= 0.9;
                if (v[0] + v[1] < 0.2)
                {
                    return v[0] - v[1];
                }
            }

            return v[0] + v[1];
        }

        Span<double> w = stackalloc double[2];
        w[1] = Math.Exp(a);
        return w[0] + w[1];
    }

    /// <summary><c>T[] b = a;</c>, the declaration, where <c>a</c> is made in the block and not named after it: a copy.</summary>
    [Differentiable]
    public static double ArrayDeclaredFromDeadArray(double a, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            double[] scratch = new double[3];
            for (int k = 0; k < 3; k++)
            {
                scratch[k] = Math.Sin(a * (k + i + 1));
            }

            double[] kept = scratch;
            kept[1] *= a;
            s += (kept[0] * kept[1]) + kept[2];
        }

        return s;
    }

    /// <summary>A declaration move, then the assignment move of the declared array: <c>double[] moved = next; state = moved;</c>.</summary>
    [Differentiable]
    public static double ArrayMovedTwice(double a, int n)
    {
        double[] state = { a, 1 - a, 0.5 };
        for (int i = 0; i < n; i++)
        {
            double[] next = new double[state.Length];
            for (int k = 0; k < next.Length; k++)
            {
                next[k] = (state[(k + 1) % state.Length] * a) + (0.1 * state[k]);
            }

            double[] moved = next;
            moved[0] += a * a;
            state = moved;
        }

        return (state[0] * state[1]) + state[2];
    }
}
