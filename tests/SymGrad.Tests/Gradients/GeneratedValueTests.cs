using System.Numerics;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// The generated <c>Value</c> computes what the [Differentiable] method computes when run as written, and
/// <c>ValueAndGradient</c> returns that same value.
/// </summary>
public sealed class GeneratedValueTests
{
    public static TheoryData<string, string> Cases() => GradientCatalog.EverySize();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Value_equals_the_method_run_eagerly(string function, string size)
        => GradientCatalog.Dispatch(GradientCatalog.Find(function), c => ValueEqualsEager(c, Size.Parse(size)), c => ValueEqualsEager(c, Size.Parse(size)));

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValueAndGradient_returns_the_value(string function, string size)
        => GradientCatalog.Dispatch(GradientCatalog.Find(function), c => GradientReturnsValue(c, Size.Parse(size)), c => GradientReturnsValue(c, Size.Parse(size)));

    internal static void ValueEqualsEager<T>(GradientCase<T> c, Size size)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments<T> arguments = c.ArgumentsAt(size);
        double eager = Precision.ToDouble(c.Eager(arguments));
        double generated = Precision.ToDouble(c.Value(arguments));

        Assert.True(double.IsFinite(eager), $"{c.Name} at {size}: the eager value {eager} is not finite; the inputs leave the function's domain.");
        Precision.Close(eager, generated, Precision.Agreement<T>(arguments.LargestTensor), arguments.LargestTensor, $"{c.Name}Value at {size}");
    }

    internal static void GradientReturnsValue<T>(GradientCase<T> c, Size size)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments<T> arguments = c.ArgumentsAt(size);
        double value = Precision.ToDouble(c.Value(arguments));
        double withGradient = Precision.ToDouble(c.ValueAndGradient(arguments, Gradients<T>.For(arguments, T.Zero)));

        Precision.Close(value, withGradient, Precision.Agreement<T>(arguments.LargestTensor), arguments.LargestTensor, $"{c.Name}ValueAndGradient at {size}");
    }
}
