using System;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Every function at a size whose largest tensor spans several reduction blocks (49157 elements for a vector). Too
/// long for one finite difference per element, so the gradient is checked along a direction instead:
/// <c>grad f · v</c> against <c>(f(x + h v) - f(x - h v)) / 2h</c>, two evaluations at any size.
/// </summary>
public sealed class LongTensorTests
{
    public static TheoryData<string> Cases() => GradientCatalog.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Value_equals_the_method_run_eagerly(string function)
    {
        GradientCase c = GradientCatalog.Find(function);
        GradientCatalog.Dispatch(
            c,
            f => { GeneratedValueTests.ValueEqualsEager(f, c.Long); GeneratedValueTests.GradientReturnsValue(f, c.Long); },
            d => { GeneratedValueTests.ValueEqualsEager(d, c.Long); GeneratedValueTests.GradientReturnsValue(d, c.Long); });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_agrees_with_a_directional_difference(string function)
    {
        GradientCase c = GradientCatalog.Find(function);
        GradientCatalog.Dispatch(c, f => DirectionalDerivative(f, c.Long), d => DirectionalDerivative(d, c.Long));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradients_are_overwritten_not_accumulated(string function)
    {
        GradientCase c = GradientCatalog.Find(function);
        GradientCatalog.Dispatch(c, f => OverwriteTests.GradientsOverwritten(f, c.Long), d => OverwriteTests.GradientsOverwritten(d, c.Long));
    }

    /// <summary>
    /// The step and the tolerance follow the element type: a relative error of the directional derivative, plus a few
    /// times the rounding of the value, <c>(|f| + n) * ulp</c>, divided by the 2h of the difference.
    /// </summary>
    internal static void DirectionalDerivative<T>(GradientCase<T> c, Size size)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        bool isDouble = Precision.IsDouble<T>();
        double step = isDouble ? 1e-6 : 1e-2;
        double relative = isDouble ? 1e-8 : 1e-3;
        double unit = isDouble ? Math.ScaleB(1, -52) : Math.ScaleB(1, -23);

        Arguments<T> arguments = c.ArgumentsAt(size);
        Gradients<T> gradients = Gradients<T>.For(arguments, T.Zero);
        double value = double.CreateTruncating(c.ValueAndGradient(arguments, gradients));

        Arguments<T> forward = arguments.Clone();
        Arguments<T> backward = arguments.Clone();
        double analytic = 0;
        double magnitude = 0;
        foreach (int p in c.Differentiable)
        {
            if (c.Parameters[p].Kind == ArgumentKind.Tensor)
            {
                T[] x = Arguments<T>.Elements(arguments[p]);
                T[] g = Arguments<T>.Elements(gradients[p]);
                T[] plus = new T[x.Length];
                T[] minus = new T[x.Length];
                for (int i = 0; i < x.Length; i++)
                {
                    double v = Direction(i, p);
                    plus[i] = T.CreateTruncating(double.CreateTruncating(x[i]) + (step * v));
                    minus[i] = T.CreateTruncating(double.CreateTruncating(x[i]) - (step * v));

                    // The step actually taken, after rounding to T.
                    double taken = (double.CreateTruncating(plus[i]) - double.CreateTruncating(minus[i])) / (2 * step);
                    analytic += double.CreateTruncating(g[i]) * taken;
                    magnitude += Math.Abs(double.CreateTruncating(g[i]) * taken);
                }

                forward[p] = Tensor.Create(plus, arguments[p].Lengths);
                backward[p] = Tensor.Create(minus, arguments[p].Lengths);
            }
            else
            {
                double x = double.CreateTruncating(arguments.Scalar(p));
                forward.Scalar(p) = T.CreateTruncating(x + (step * 0.5));
                backward.Scalar(p) = T.CreateTruncating(x - (step * 0.5));
                double taken = (double.CreateTruncating(forward.Scalar(p)) - double.CreateTruncating(backward.Scalar(p))) / (2 * step);
                analytic += double.CreateTruncating(gradients.Scalar(p)) * taken;
                magnitude += Math.Abs(double.CreateTruncating(gradients.Scalar(p)) * taken);
            }
        }

        double numeric = (double.CreateTruncating(c.Value(forward)) - double.CreateTruncating(c.Value(backward))) / (2 * step);
        double rounding = 8 * (Math.Abs(value) + arguments.LargestTensor) * unit / (2 * step);
        double allowed = (relative * magnitude) + rounding;
        Assert.True(
            Math.Abs(numeric - analytic) <= allowed,
            $"{c.Name} at {size}: grad f · v = {analytic:R}, but the central difference is {numeric:R} (error {Math.Abs(numeric - analytic):G3}, allowed {allowed:G3}).");
    }

    /// <summary>A direction with components of both signs and every size up to 1, different for each parameter.</summary>
    private static double Direction(int i, int parameter) => Math.Cos((0.37 * i) + 0.5 + parameter);
}
