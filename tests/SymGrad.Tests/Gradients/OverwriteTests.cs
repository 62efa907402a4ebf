using System;
using System.Linq;
using System.Numerics;

namespace SymGrad.Tests.Gradients;

/// <summary>Gradients are overwritten, never accumulated: whatever a buffer held before the call does not change the result.</summary>
public sealed class OverwriteTests
{
    public static TheoryData<string, string> Cases() => GradientCatalog.EverySize();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradients_are_overwritten_not_accumulated(string function, string size)
        => GradientCatalog.Dispatch(GradientCatalog.Find(function), c => GradientsOverwritten(c, Size.Parse(size)), c => GradientsOverwritten(c, Size.Parse(size)));

    internal static void GradientsOverwritten<T>(GradientCase<T> c, Size size)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments<T> arguments = c.ArgumentsAt(size);
        Gradients<T> clean = Gradients<T>.For(arguments, T.Zero);
        double value = double.CreateTruncating(c.ValueAndGradient(arguments, clean));
        double[] expected = clean.Flatten().Select(double.CreateTruncating).ToArray();

        // NaN would poison any read of the old contents; the others would shift an accumulated result.
        foreach (T garbage in new[] { T.NaN, T.CreateTruncating(1e6), T.CreateTruncating(-3.5) })
        {
            Gradients<T> reused = Gradients<T>.For(arguments, garbage);
            SameResult(c, size, $"buffers holding {garbage}", value, expected, c.ValueAndGradient(arguments, reused), reused);

            // A second call finds the first call's gradients in the buffers, as a training loop does.
            SameResult(c, size, "buffers holding the previous gradient", value, expected, c.ValueAndGradient(arguments, reused), reused);
        }
    }

    /// <summary>
    /// Requires the result of a call with reused buffers to be the clean result, within a few units in the last
    /// place: the JIT may replace the BCL's precompiled vector Exp, Sin or Cos between two calls with code that rounds
    /// differently, so bit-for-bit equality is not guaranteed, while an accumulated buffer is off by its old contents.
    /// </summary>
    private static void SameResult<T>(GradientCase<T> c, Size size, string what, double value, double[] expected, T actualValue, Gradients<T> actual)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double tolerance = Precision.IsDouble<T>() ? 1e-12 : 1e-5;
        double scale = expected.Length == 0 ? 0 : expected.Max(Math.Abs);
        string at = $"{c.Name} at {size} with {what}";
        Precision.Close(value, double.CreateTruncating(actualValue), tolerance, 0, at + ": value");
        double[] gradients = actual.Flatten().Select(double.CreateTruncating).ToArray();
        Assert.Equal(expected.Length, gradients.Length);
        // The first element out of tolerance, or element 0 when none is, asserted with a message.
        int first = Enumerable.Range(0, expected.Length).FirstOrDefault(i => !(Math.Abs(gradients[i] - expected[i]) <= tolerance * (Math.Abs(expected[i]) + scale)));
        if (expected.Length > 0)
        {
            Precision.Close(expected[first], gradients[first], tolerance, scale, $"{at}: gradient element {first}");
        }
    }
}
