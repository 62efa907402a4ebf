using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// Loops over tensor parameters: element reads <c>x[i]</c> and <c>a[i, j]</c> with indexes from loop counters,
/// <c>int</c> parameters and sizes, and <c>foreach</c> over the elements.
/// </summary>
public static partial class ControlFlowSuite
{
    [Differentiable]
    public static double ElementSumOfSquares(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            s += x[i] * x[i];
        }

        return s;
    }

    [Differentiable]
    public static double ForeachSumOfExp(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        foreach (double v in x)
        {
            s += Math.Exp(v);
        }

        return s;
    }

    [Differentiable]
    public static double ElementDot(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
    {
        double s = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            s += x[i] * y[i];
        }

        return s;
    }

    [Differentiable]
    public static double RecurrentCell(ReadOnlyTensorSpan<double> x, double a)
    {
        double h = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            h = Math.Tanh((a * h) + x[i]);
        }

        return h;
    }

    [Differentiable]
    public static double ElementMaximum(ReadOnlyTensorSpan<double> x)
    {
        double m = x[0];
        for (int i = 1; i < x.FlattenedLength; i++)
        {
            if (x[i] > m)
            {
                m = x[i];
            }
        }

        return m;
    }

    [Differentiable]
    public static double NeighbourDifferences(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        for (int i = 1; i < x.FlattenedLength; i++)
        {
            double d = x[i] - x[i - 1];
            s += d * d;
        }

        return s;
    }

    [Differentiable]
    public static double ReversedIndexWeights(ReadOnlyTensorSpan<double> x)
    {
        int n = (int)x.FlattenedLength;
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += x[n - 1 - i] * (i + 1) * x[i];
        }

        return s;
    }

    [Differentiable]
    public static double WeightsWithoutGradient(ReadOnlyTensorSpan<double> x, [NoGrad] ReadOnlyTensorSpan<double> w)
    {
        double s = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            if (w[i] > 0)
            {
                s += w[i] * x[i] * x[i];
            }
            else
            {
                s -= x[i];
            }
        }

        return s;
    }

    [Differentiable]
    public static double ElementAtParameterIndex(ReadOnlyTensorSpan<double> x, int k)
    {
        int n = (int)x.FlattenedLength;
        return (x[k] * x[k]) + x[(k + 1) % n];
    }

    [Differentiable]
    public static double WhileScanUntilBudget(ReadOnlyTensorSpan<double> x)
    {
        int i = 0;
        double s = 0;
        while (i < x.FlattenedLength && s < 2)
        {
            s += Math.Abs(x[i]);
            i++;
        }

        return s * i;
    }

    [Differentiable]
    public static double ForeachWithBreak(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        foreach (double v in x)
        {
            if (v < 0)
            {
                break;
            }

            s += v * v;
        }

        return s;
    }

    [Differentiable]
    public static double CumulativeProduct(ReadOnlyTensorSpan<double> x)
    {
        double p = 1;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            p *= 1 + (x[i] * 0.1);
        }

        return p;
    }

    [Differentiable]
    public static double PolynomialFromCoefficients(ReadOnlyTensorSpan<double> c, double t)
    {
        double s = 0;
        for (int i = (int)c.FlattenedLength - 1; i >= 0; i--)
        {
            s = (s * t) + c[i];
        }

        return s;
    }

    [Differentiable]
    public static double MeanThenVariance(ReadOnlyTensorSpan<double> x)
    {
        double mean = 0;
        foreach (double v in x)
        {
            mean += v;
        }

        mean /= x.FlattenedLength;
        double variance = 0;
        foreach (double v in x)
        {
            variance += (v - mean) * (v - mean);
        }

        return variance / x.FlattenedLength;
    }

    [Differentiable]
    public static double ElementsAgainstWholeSum(ReadOnlyTensorSpan<double> x)
    {
        double total = Sum(x);
        double s = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            s += x[i] * total * (i + 1);
        }

        return s + Dot(x, x);
    }

    [Differentiable]
    public static double LogSumExpByHand(ReadOnlyTensorSpan<double> x)
    {
        double m = x[0];
        for (int i = 1; i < x.FlattenedLength; i++)
        {
            m = Math.Max(m, x[i]);
        }

        double s = 0;
        foreach (double v in x)
        {
            s += Math.Exp(v - m);
        }

        return m + Math.Log(s);
    }

    [Differentiable]
    public static double PairwiseProducts(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            for (int j = i + 1; j < x.FlattenedLength; j++)
            {
                s += x[i] * x[j] / (1 + j - i);
            }
        }

        return s;
    }

    [Differentiable]
    public static double EvenAndOddElements(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.FlattenedLength; i += 2)
        {
            s += x[i];
        }

        for (int i = 1; i < x.FlattenedLength; i += 2)
        {
            s -= x[i] * x[i];
        }

        return s;
    }

    [Differentiable]
    public static double LengthsBound(ReadOnlyTensorSpan<double> x, double a)
    {
        double s = a;
        for (int i = 0; i < x.Lengths[0]; i++)
        {
            s = Math.Sin(s) + (x[i] * a);
        }

        return s;
    }

    [Differentiable]
    public static double ValidConvolution(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> k)
    {
        int n = (int)x.FlattenedLength;
        int m = (int)k.FlattenedLength;
        double s = 0;
        for (int i = 0; i + m <= n; i++)
        {
            double y = 0;
            for (int j = 0; j < m; j++)
            {
                y += x[i + j] * k[j];
            }

            s += y * y;
        }

        return s;
    }

    [Differentiable]
    public static double CountAboveThreshold(ReadOnlyTensorSpan<double> x, double threshold)
    {
        int count = 0;
        double s = 0;
        foreach (double v in x)
        {
            if (v > threshold)
            {
                count++;
                s += v - threshold;
            }
        }

        return s * count;
    }

    [Differentiable]
    public static float FloatElementLoop(ReadOnlyTensorSpan<float> x, float a)
    {
        float s = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            s = (s * a) + MathF.Sin(x[i]);
        }

        return s;
    }

    [Differentiable]
    public static float FloatForeach(ReadOnlyTensorSpan<float> x)
    {
        float s = 1;
        foreach (float v in x)
        {
            s *= 1 + (v * v);
        }

        return MathF.Log(s);
    }

    [Differentiable]
    public static double MatrixTraceOfSquare(ReadOnlyTensorSpan<double> a)
    {
        double s = 0;
        for (int i = 0; i < a.Lengths[0]; i++)
        {
            for (int k = 0; k < a.Lengths[1]; k++)
            {
                s += a[i, k] * a[k, i];
            }
        }

        return s;
    }

    [Differentiable]
    public static double MatrixVectorByLoops(ReadOnlyTensorSpan<double> w, ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < w.Lengths[0]; i++)
        {
            double y = 0;
            for (int j = 0; j < w.Lengths[1]; j++)
            {
                y += w[i, j] * x[j];
            }

            s += Math.Tanh(y);
        }

        return s;
    }

    [Differentiable]
    public static double RowNorms(ReadOnlyTensorSpan<double> a)
    {
        double s = 0;
        for (int i = 0; i < a.Lengths[0]; i++)
        {
            double squares = 0;
            for (int j = 0; j < a.Lengths[1]; j++)
            {
                squares += a[i, j] * a[i, j];
            }

            s += Math.Sqrt(squares);
        }

        return s;
    }

    [Differentiable]
    public static double RowMaximaByLoops(ReadOnlyTensorSpan<double> a)
    {
        double s = 0;
        for (int i = 0; i < a.Lengths[0]; i++)
        {
            double m = a[i, 0];
            for (int j = 1; j < a.Lengths[1]; j++)
            {
                if (a[i, j] > m)
                {
                    m = a[i, j];
                }
            }

            s += m * (i + 1);
        }

        return s;
    }

    [Differentiable]
    public static double BilinearForm(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> y)
    {
        double s = 0;
        for (int i = 0; i < x.FlattenedLength; i++)
        {
            for (int j = 0; j < y.FlattenedLength; j++)
            {
                s += x[i] * a[i, j] * y[j];
            }
        }

        return s;
    }

    [Differentiable]
    public static double LowerTriangleWithoutGradient([NoGrad] ReadOnlyTensorSpan<double> mask, ReadOnlyTensorSpan<double> a)
    {
        double s = 0;
        for (int i = 0; i < a.Lengths[0]; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                s += mask[i, j] * Math.Exp(a[i, j] - j);
            }
        }

        return s;
    }

    [Differentiable]
    public static float FloatMatrixLoop(ReadOnlyTensorSpan<float> a, float t)
    {
        float s = 0;
        for (int i = 0; i < a.Lengths[0]; i++)
        {
            for (int j = 0; j < a.Lengths[1]; j++)
            {
                s = (s * t) + (a[i, j] * a[i, j]);
            }
        }

        return s;
    }

    [Differentiable]
    public static double ForeachOverMatrixWithContinue(ReadOnlyTensorSpan<double> a)
    {
        double s = 0;
        int k = 0;
        foreach (var v in a)
        {
            k++;
            if (v < 0)
            {
                continue;
            }

            s += v * k;
        }

        return s;
    }

    [Differentiable]
    public static double NestedForeachPairs(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y)
    {
        double s = 0;
        foreach (double u in x)
        {
            foreach (double w in y)
            {
                s += Math.Tanh(u - w);
            }
        }

        return s;
    }

    [Differentiable]
    public static double FirstNegativeOrSum(ReadOnlyTensorSpan<double> x)
    {
        double s = 0;
        foreach (double v in x)
        {
            if (v < 0)
            {
                return v * s;
            }

            s += v;
        }

        return s;
    }

    [Differentiable]
    public static double ForeachCalleeInLoop(ReadOnlyTensorSpan<double> x, double a)
    {
        double s = 0;
        for (int i = 0; i < 3; i++)
        {
            s = (s * a) + FirstNegativeOrSum(x);
        }

        return s;
    }

    [Differentiable]
    public static double PostIncrementIndex(ReadOnlyTensorSpan<double> x, double a)
    {
        double s = 0;
        int i = 0;
        while (i < x.FlattenedLength)
        {
            s += x[i++] * a;
            s *= 0.9;
        }

        return s + (--i * a);
    }
}
