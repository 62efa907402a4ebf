using System.Numerics;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>Every generated gradient agrees with central finite differences of the generated value, by GradCheck's rule.</summary>
public sealed class FiniteDifferenceTests
{
    public static TheoryData<string, string> Cases() => GradientCatalog.EverySize();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_agrees_with_finite_differences(string function, string size)
        => GradientCatalog.Dispatch(GradientCatalog.Find(function), c => GradientAgrees(c, Size.Parse(size)), c => GradientAgrees(c, Size.Parse(size)));

    internal static void GradientAgrees<T>(GradientCase<T> c, Size size)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments<T> arguments = c.ArgumentsAt(size);
        Gradients<T> gradients = Gradients<T>.For(arguments, T.Zero);
        double value = Precision.ToDouble(c.ValueAndGradient(arguments, gradients));
        GradCheckOptions options = Precision.GradCheck<T>(value, arguments.LargestTensor, c.Step);

        int checkedParameters = 0;
        foreach (int p in c.Differentiable)
        {
            CaseParameter parameter = c.Parameters[p];
            GradCheckResult result = parameter.Kind == ArgumentKind.Tensor
                ? GradCheck.Check(arguments[p], () => c.Value(arguments), gradients[p], options)
                : GradCheck.Check(arguments.Scalar(p), s => ValueAt(c, arguments, p, s), gradients.Scalar(p), options);
            Assert.True(result.Passed, $"{c.Name} at {size}, d{parameter.Name}: {result}");
            checkedParameters++;
        }

        Assert.True(checkedParameters > 0, $"{c.Name} has no differentiable parameter.");
    }

    /// <summary>The value with scalar parameter <paramref name="position"/> set to <paramref name="scalar"/>.</summary>
    private static T ValueAt<T>(GradientCase<T> c, Arguments<T> arguments, int position, T scalar)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T saved = arguments.Scalar(position);
        arguments.Scalar(position) = scalar;
        try
        {
            return c.Value(arguments);
        }
        finally
        {
            arguments.Scalar(position) = saved;
        }
    }
}
