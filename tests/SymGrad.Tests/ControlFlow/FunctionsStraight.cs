using System;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.ControlFlow;

/// <summary>
/// The control-flow gradient suite: [Differentiable] methods with loops, branches, early returns, element reads and
/// local arrays, one file per category. <c>tools/reference/control_flow.py</c> mirrors each in PyTorch under the same
/// name; the generator tests run the generator over these files in memory and compare with a committed baseline.
/// This file: straight scalar code with reassignment, compound assignment and conditional expressions.
/// </summary>
public static partial class ControlFlowSuite
{
    [Differentiable]
    public static double ReassignChain(double a, double b)
    {
        double t = a * b;
        t = t + a;
        t = (t * t) - b;
        return t;
    }

    [Differentiable]
    public static double CompoundAssign(double a, double b)
    {
        double s = a;
        s += b;
        s *= a;
        s -= 2 * b;
        s /= 1 + (a * a);
        return s;
    }

    [Differentiable]
    public static double IncrementDecrement(double a)
    {
        double s = a;
        s++;
        s *= s;
        s--;
        return s;
    }

    [Differentiable]
    public static double SwapThroughTemporary(double a, double b)
    {
        double x = a;
        double y = b;
        double t = x;
        x = y * y;
        y = t + x;
        return x * y;
    }

    [Differentiable]
    public static double ConditionalExpression(double a, double b)
        => a > b ? a * a : Math.Sin(b);

    [Differentiable]
    public static double NestedConditional(double a)
        => a < -1 ? -a : a < 1 ? (0.5 * a * a) + 0.5 : Math.Exp(a - 1);

    [Differentiable]
    public static double ConditionalReassign(double a, double b)
    {
        double s = a * b;
        s = s > 0 ? Math.Sqrt(s) : -s;
        return s + a;
    }

    [Differentiable]
    public static double MaxAndMin(double a, double b, double c)
        => Math.Max(a, b) * Math.Min(b, c);

    [Differentiable]
    public static double StableLogAddExp(double a, double b)
    {
        double m = Math.Max(a, b);
        return m + Math.Log(Math.Exp(a - m) + Math.Exp(b - m));
    }

    [Differentiable]
    public static double HornerReassigned(double x)
    {
        double s = 3;
        s = (s * x) - 2;
        s = (s * x) + 0.5;
        s = (s * x) + 1;
        return s;
    }

    [Differentiable]
    public static double NestedBlocks(double a)
    {
        double s = a;
        {
            double t = s * 2;
            s = t + Math.Cos(t);
        }

        {
            double t = s * s;
            s -= t * 0.1;
        }

        return s;
    }

    [Differentiable]
    public static double CheckedIntegerScale(double a, int k)
    {
        int m = checked((k * 3) - 1);
        return (a * m) + (m / 2);
    }

    [Differentiable]
    public static double IntegerDivisionAndRemainder(double a, int n)
        => (a * (n / 3)) + (a * a * (n % 3));

    [Differentiable]
    public static double TruncatingCast(double a)
    {
        int k = (int)(a * 2);
        return (a * k) + Math.Sin(a);
    }

    [Differentiable]
    public static double TanhChain(double a)
    {
        double t = Math.Tanh(a);
        t = Math.Tanh((2 * t) + a);
        t = Math.Tanh(t - (a * 0.5));
        return t;
    }

    [Differentiable]
    public static double PowReassign(double a, double b)
    {
        double p = Math.Pow(a, b);
        p = Math.Pow(p, 0.5) + b;
        return p;
    }

    [Differentiable]
    public static double ConstantLocals(double a)
    {
        const double Scale = 2.5;
        const int Count = 4;
        return (Scale * a * Count) - (a * a / Count);
    }

    [Differentiable]
    public static double UnusedParameter(double a, double b)
        => a * a;

    [Differentiable]
    public static double LogicalCondition(double a, double b)
        => (a > 0 && b > 0) || a < -2 ? a * b : a - b;

    [Differentiable]
    public static double NegatedCondition(double a, double b)
        => !(a >= b) ? Math.Exp(a) : Math.Exp(b) * a;

    [Differentiable]
    public static double TupleDeconstruction(double a, double b)
    {
        (double x, double y) = (a * b, a - b);
        (x, y) = (y * y, x + y);
        return x - (2 * y);
    }

    [Differentiable]
    public static double AssignmentInExpression(double a)
    {
        double s;
        double t = (s = a * a) + 1;
        return s * t;
    }

    [Differentiable]
    public static double ClampAndFusedMultiplyAdd(double a, double b)
        => Math.FusedMultiplyAdd(a, b, Math.Clamp(a * b, -1.0, 1.0));

    [Differentiable]
    public static double TensorReductionsInConditional(ReadOnlyTensorSpan<double> x, double a)
    {
        double s = Sum(x) * a;
        return s > 1 ? Dot(x, x) : s;
    }

    [Differentiable]
    public static double TensorScalarsReassigned(ReadOnlyTensorSpan<double> x, double a)
    {
        double s = Sum(Square(x));
        s = (s * a) + Mean(x);
        s = Math.Sqrt(s + 1);
        return s;
    }

    [Differentiable]
    public static double MatrixProductInConditional(ReadOnlyTensorSpan<double> a, double c)
    {
        double s = Sum(MatMul(a, Transpose(a))) * c;
        s = s > 1 ? Math.Log(s) : s * 0.5;
        return s + Mean(a);
    }

    [Differentiable]
    public static float FloatTensorConditional(ReadOnlyTensorSpan<float> x, float a)
    {
        float s = Sum(x) * a;
        return s > 0 ? Dot(x, x) * a : Sum(Square(x - a));
    }

    [Differentiable]
    public static float FloatReassign(float a, float b)
    {
        float s = a * b;
        s += MathF.Sin(a);
        s *= 0.5f;
        return s;
    }

    [Differentiable]
    public static float FloatConditional(float a)
        => a > 0 ? MathF.Sqrt(a) + a : a * a;

    [Differentiable]
    public static float DoubleInsideFloat(float a)
    {
        double d = a;
        d = Math.Exp(d) * 0.25;
        return (float)d + a;
    }

    [Differentiable]
    public static double ChainedAssignment(double a, double b)
    {
        double x;
        double y;
        x = y = a * b;
        y += x = b - (y * 0.5);
        return (x * y) + a;
    }

    [Differentiable]
    public static double FibonacciByDeconstruction(double a, double b, int n)
    {
        (double p, double q) = (a, b);
        for (int i = 0; i < n; i++)
        {
            (p, q) = (q, p + (q * 0.5));
        }

        var (u, _) = (p * q, p);
        return u - p;
    }

    [Differentiable]
    public static double RoundingFunctions(double a, double b)
        => (Math.Floor(a * 3) * b) + (Math.Ceiling(b) * a) + (Math.Round(a + b) * a * b) + (Math.Truncate(-a * 2.5) * b * b);

    [Differentiable]
    public static double ClampInLoop(double a, int n)
    {
        double s = a;
        for (int i = 0; i < n; i++)
        {
            s = Math.Clamp((s * s) - 0.5, -1.0, 1.5) + (Math.Clamp(i - 1, 0, 2) * 0.1);
        }

        return s;
    }
}
