using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.Intrinsics;
using SymGrad.Kernels;

namespace SymGrad.Tests.Runtime;

public class SimdMathTests
{
    /// <summary>A SimdMath function at every width; width 0 is the scalar overload.</summary>
    private sealed record Function<T>(
        Func<T, T> Scalar,
        Func<Vector128<T>, Vector128<T>> Width128,
        Func<Vector256<T>, Vector256<T>> Width256,
        Func<Vector512<T>, Vector512<T>> Width512)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public T[] Apply(int width, T[] input)
        {
            int lanes = width switch { 0 => 1, 128 => Vector128<T>.Count, 256 => Vector256<T>.Count, _ => Vector512<T>.Count };
            var output = new T[input.Length];
            var lane = new T[lanes];
            for (int start = 0; start < input.Length; start += lanes)
            {
                // The last chunk repeats its final input in the unused lanes.
                for (int l = 0; l < lanes; l++)
                {
                    lane[l] = input[Math.Min(start + l, input.Length - 1)];
                }

                T[] result = width switch
                {
                    0 => [Scalar(lane[0])],
                    128 => ToArray(Width128(Vector128.Create(lane))),
                    256 => ToArray(Width256(Vector256.Create(lane))),
                    _ => ToArray(Width512(Vector512.Create(lane))),
                };
                Array.Copy(result, 0, output, start, Math.Min(lanes, input.Length - start));
            }

            return output;
        }

        private static T[] ToArray(Vector128<T> v)
        {
            var a = new T[Vector128<T>.Count];
            v.CopyTo(a);
            return a;
        }

        private static T[] ToArray(Vector256<T> v)
        {
            var a = new T[Vector256<T>.Count];
            v.CopyTo(a);
            return a;
        }

        private static T[] ToArray(Vector512<T> v)
        {
            var a = new T[Vector512<T>.Count];
            v.CopyTo(a);
            return a;
        }
    }

    private static Function<T> Of<T>(string name)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => name switch
        {
            "Exp" => new(SimdMath.Exp, SimdMath.Exp, SimdMath.Exp, SimdMath.Exp),
            "Log" => new(SimdMath.Log, SimdMath.Log, SimdMath.Log, SimdMath.Log),
            "Sin" => new(SimdMath.Sin, SimdMath.Sin, SimdMath.Sin, SimdMath.Sin),
            "Cos" => new(SimdMath.Cos, SimdMath.Cos, SimdMath.Cos, SimdMath.Cos),
            "Sqrt" => new(SimdMath.Sqrt, SimdMath.Sqrt, SimdMath.Sqrt, SimdMath.Sqrt),
            "Abs" => new(SimdMath.Abs, SimdMath.Abs, SimdMath.Abs, SimdMath.Abs),
            "Relu" => new(SimdMath.Relu, SimdMath.Relu, SimdMath.Relu, SimdMath.Relu),
            "Step" => new(SimdMath.Step, SimdMath.Step, SimdMath.Step, SimdMath.Step),
            "Sign" => new(SimdMath.Sign, SimdMath.Sign, SimdMath.Sign, SimdMath.Sign),
            "Sigmoid" => new(SimdMath.Sigmoid, SimdMath.Sigmoid, SimdMath.Sigmoid, SimdMath.Sigmoid),
            "Tanh" => new(SimdMath.Tanh, SimdMath.Tanh, SimdMath.Tanh, SimdMath.Tanh),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such SimdMath function."),
        };

    private static Function<T> PowOf<T>(T p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => new(x => SimdMath.Pow(x, p), x => SimdMath.Pow(x, p), x => SimdMath.Pow(x, p), x => SimdMath.Pow(x, p));

    /// <summary>The reference, the inputs, and the relative tolerances (0: exact after rounding to the element type).</summary>
    private sealed record Case(Func<double, double> Reference, double[] Inputs, double SingleTolerance, double DoubleTolerance);

    private static double[] Points(double low, double high, params double[] special)
    {
        double[] uniform = NumericAssert.Uniform<double>(200, low, high, seed: 42);
        return [.. special, .. uniform];
    }

    private static double[] Magnitudes(double lowExponent, double highExponent)
    {
        var random = new Random(7);
        var values = new double[200];
        for (int i = 0; i < values.Length; i++)
        {
            double magnitude = Math.Pow(10, lowExponent + ((highExponent - lowExponent) * random.NextDouble()));
            values[i] = i % 2 == 0 ? magnitude : -magnitude;
        }

        return values;
    }

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["Exp"] = new(Math.Exp, Points(-80, 80, 0, 1, -1, 1e-10), 4e-7, 2e-15),
        ["Log"] = new(Math.Log, [.. Points(0.5, 2, 1, 2, 0.5), .. Array.ConvertAll(Magnitudes(-30, 30), Math.Abs)], 4e-7, 2e-15),
        ["Sin"] = new(Math.Sin, [.. Points(-100, 100, 0, 1e-8, 1), .. Magnitudes(-8, 0)], 4e-7, 2e-15),
        ["Cos"] = new(Math.Cos, Points(-100, 100, 0, 1e-8, 1), 4e-7, 2e-15),
        ["Sqrt"] = new(Math.Sqrt, [.. Points(0, 1000, 0, 1, 2, 1e-30), -1], 0, 0),
        ["Abs"] = new(Math.Abs, Points(-10, 10, 0, -0.0, double.NegativeInfinity), 0, 0),
        ["Relu"] = new(x => x > 0 ? x : 0, Points(-10, 10, 0, -0.0, 1e-30, -1e-30, double.NegativeInfinity, double.PositiveInfinity), 0, 0),
        ["Step"] = new(x => x > 0 ? 1 : 0, Points(-10, 10, 0, -0.0, 1e-30, -1e-30), 0, 0),
        ["Sign"] = new(x => Math.Sign(x), Points(-10, 10, 0, -0.0, 1e-30, -1e-30, double.NegativeInfinity), 0, 0),
        ["Sigmoid"] = new(x => 1 / (1 + Math.Exp(-x)), Points(-80, 80, 0, 1e-8, -1e-8, 100, -30), 1e-6, 4e-15),
        ["Tanh"] = new(Math.Tanh, [.. Points(-25, 25, 0, 1e-4, -1e-4, 0.5, 19.9, 20.1, 100, -100), .. Magnitudes(-12, 0.5)], 1e-6, 4e-15),
    };

    public static TheoryData<string, int> FunctionsAndWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in Cases.Keys)
        {
            foreach (int width in new[] { 0, 128, 256, 512 })
            {
                data.Add(name, width);
            }
        }

        return data;
    }

    public static TheoryData<double, int> ExponentsAndWidths()
    {
        var data = new TheoryData<double, int>();
        foreach (double p in new[] { 0, 1, 2, 3, 7, -1, -2, -3, 0.5, 1.5, 2.5, -0.5, -1.7, 64, -64 })
        {
            foreach (int width in new[] { 0, 128, 256, 512 })
            {
                data.Add(p, width);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FunctionsAndWidths))]
    public void Function_matches_math_in_float(string name, int width) => Compare<float>(Of<float>(name), Cases[name], width, name);

    [Theory]
    [MemberData(nameof(FunctionsAndWidths))]
    public void Function_matches_math_in_double(string name, int width) => Compare<double>(Of<double>(name), Cases[name], width, name);

    [Theory]
    [MemberData(nameof(ExponentsAndWidths))]
    public void Pow_matches_math_pow(double p, int width)
    {
        bool integer = Math.Floor(p) == p;

        // Integer exponents take any base, including negative ones and zero; fractional ones the non-negative bases.
        double[] bases = integer
            ? Points(-3, 3, 0, -0.0, 1, -1, 2, -2, 0.5, -1.5)
            : Points(0, 10, 0, 1, 2, 0.25, 1e-3, 100, -1, -2.5);
        // Binary powering loses up to about |p| units in the last place (each squaring doubles the relative error);
        // fractional exponents go through exp(p log x).
        var powCase = new Case(
            x => Math.Pow(x, p),
            bases,
            integer ? (Math.Abs(p) + 4) * Math.ScaleB(1, -24) : 2e-6,
            integer ? (Math.Abs(p) + 4) * Math.ScaleB(1, -53) : 4e-15);

        Compare<float>(PowOf((float)p), powCase with { Reference = x => Math.Pow(x, (float)p) }, width, $"Pow(x, {p})");
        Compare<double>(PowOf(p), powCase, width, $"Pow(x, {p})");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(128)]
    [InlineData(256)]
    [InlineData(512)]
    public void Pow_follows_math_pow_at_its_special_cases(int width)
    {
        (double X, double P)[] cases =
        {
            (-2, 65), (-2, 100), (-1.5, 71), (2, -70), (1, double.NaN), (0, double.NaN), (double.NaN, 0),
            (double.NegativeInfinity, 0.5), (double.NegativeInfinity, -0.5), (double.PositiveInfinity, 0.5),
            (0, -0.5), (0, 0.5), (-0.5, 0.5), (double.NegativeInfinity, 3), (double.NegativeInfinity, 65),
        };
        foreach ((double x, double p) in cases)
        {
            double actual = PowOf(p).Apply(width, [x])[0];
            double expected = Math.Pow(x, p);
            bool same = double.IsNaN(expected) ? double.IsNaN(actual) : actual == expected || Math.Abs(actual - expected) <= 1e-12 * Math.Abs(expected);
            Assert.True(same, $"Pow({x}, {p}) = {actual:R} at width {width}, Math.Pow gives {expected:R}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(128)]
    [InlineData(256)]
    [InlineData(512)]
    public void Step_passes_the_gradient_through_nan_as_pytorch_does(int width)
    {
        double[] step = Of<double>("Step").Apply(width, [double.NaN, -1, 0, -0.0, 2]);
        Assert.Equal(new double[] { 1, 0, 0, 0, 1 }, step);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(128)]
    [InlineData(256)]
    [InlineData(512)]
    public void Tanh_is_accurate_near_zero(int width)
    {
        foreach (float x in new[] { 1e-4f, -1e-4f, 3e-3f, 1e-7f, 1e-20f, 0.03f })
        {
            float tanh = Of<float>("Tanh").Apply(width, [x])[0];
            double relative = Math.Abs(tanh - Math.Tanh(x)) / Math.Abs(Math.Tanh(x));
            Assert.True(relative < 1e-6, $"tanh({x:R}) = {tanh:R} at width {width}: relative error {relative:G3}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(128)]
    [InlineData(256)]
    [InlineData(512)]
    public void Nan_propagates_through_every_function(int width)
    {
        foreach (string name in new[] { "Relu", "Sign", "Tanh", "Sigmoid", "Abs", "Exp", "Sqrt" })
        {
            float[] single = Of<float>(name).Apply(width, [1f, float.NaN, 2f, float.NaN]);
            double[] wide = Of<double>(name).Apply(width, [1d, double.NaN, 2d, double.NaN]);

            Assert.True(float.IsNaN(single[1]) && float.IsNaN(single[3]), $"float {name}(NaN) at width {width} is {single[1]:R}");
            Assert.True(double.IsNaN(wide[1]) && double.IsNaN(wide[3]), $"double {name}(NaN) at width {width} is {wide[1]:R}");
            Assert.False(float.IsNaN(single[0]) || float.IsNaN(single[2]), $"float {name} at width {width} made NaN of a number");
        }
    }

    private static void Compare<T>(Function<T> function, Case test, int width, string name)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[] input = Array.ConvertAll(test.Inputs, x => T.CreateTruncating(x));
        T[] output = function.Apply(width, input);
        double tolerance = typeof(T) == typeof(float) ? test.SingleTolerance : test.DoubleTolerance;
        for (int i = 0; i < input.Length; i++)
        {
            double x = double.CreateTruncating(input[i]);
            double expected = test.Reference(x);
            string context = $"{typeof(T).Name} {name} at width {width} of {x:R}";
            if (tolerance == 0)
            {
                Assert.True(T.CreateTruncating(expected).Equals(output[i]), $"{context}: expected {expected:R}, got {output[i]}");
            }
            else if (T.IsFinite(T.CreateTruncating(expected)))
            {
                NumericAssert.Close(expected, double.CreateTruncating(output[i]), tolerance, double.CreateTruncating(T.Epsilon), context);
            }
            else
            {
                // NaN, or an infinity (also one from overflowing the element type), must come out exactly.
                Assert.True(T.CreateTruncating(expected).Equals(output[i]), $"{context}: expected {expected:R}, got {output[i]}");
            }
        }
    }
}
