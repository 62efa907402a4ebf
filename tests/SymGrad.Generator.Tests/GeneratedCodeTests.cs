using System.Linq;
using System.Text.RegularExpressions;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Valid methods beyond the snapshot examples, chosen to stress the emitter's hygiene: every [Differentiable] method
/// gets one generated file, the generator reports nothing, and the generated code compiles without warnings.
/// </summary>
public sealed class GeneratedCodeTests
{
    public static TheoryData<string, string> ValidSources => new()
    {
        {
            "Every element-wise function, float",
            "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => Sum(Sigmoid(x)) + Sum(Tanh(x)) + Sum(Relu(x)) + Sum(Exp(x)) + Sum(Sqrt(x)) + Sum(Sin(x)) + Sum(Cos(x)) + Sum(Abs(x)) + Mean(Log(x)) + Sum(Pow(x, 3));"
        },
        {
            "Every element-wise function, double",
            "[Differentiable] public static double F(ReadOnlyTensorSpan<double> x) => Sum(Sigmoid(x)) + Sum(Tanh(x)) + Sum(Relu(x)) + Sum(Exp(x)) + Sum(Sqrt(x)) + Sum(Sin(x)) + Sum(Cos(x)) + Sum(Abs(x)) + Mean(Log(x)) + Sum(Pow(x, 0.5));"
        },
        {
            "Scalar Math functions",
            "[Differentiable] public static double F(double a, double b) => Math.Max(a, b) + Math.Tanh(a) + Math.Exp(b) + Math.Pow(a, 2) + Math.Sqrt(b) + Math.Abs(a - b) + Math.Min(a, 1) + Math.Log(b) + Math.Cos(a);"
        },
        {
            "Differentiable exponent",
            "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x, float p) => Sum(Pow(x, p)) + MathF.Pow(p, 3);"
        },
        {
            "Negation and division of tensors",
            "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y) => Sum(-x / y) + Sum(1 / x) + Dot(x, y) / Sum(y);"
        },
        {
            "Tensors of two shapes",
            "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w) => Mean(x) + Mean(Square(w)) + Mean(x * Sum(w));"
        },
        {
            "A reduction inside element-wise work",
            "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => Sum(Square(x - Mean(x)));"
        },
        {
            "A tensor chosen by a scalar condition",
            "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => Sum(Sum(x) > 0 ? x : -x);"
        },
        {
            "Parameters the value does not depend on",
            "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y, float a) => Sum(x);"
        },
        {
            "A constant value",
            "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => 1f;"
        },
        {
            "No parameters",
            "[Differentiable] public static double F() => 3.0;"
        },
        {
            "Only constant parameters",
            "[Differentiable] public static float F([NoGrad] ReadOnlyTensorSpan<float> x, [NoGrad] float a) => a * Sum(x);"
        },
        {
            "Constants of other types",
            "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x, bool twice, long n, decimal m) => (twice ? 2 : 1) * Sum(x) + n + (float)m;"
        },
        {
            "A default parameter value",
            "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x, float scale = 2) => scale * Sum(x);"
        },
        {
            "Locals reassigned and updated",
            "[Differentiable] public static float F(float a) { float s = a; s *= a; s += 1; s++; s = s / a; return s; }"
        },
        {
            "Parameters named like generated locals and fields",
            "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x, float xCount, float pass1, float s4, float i, float v0) => Sum(Square(x * i - v0)) * xCount + pass1 * s4;"
        },
        {
            "Double constants beyond float's range in a float method",
            "[Differentiable] public static float F(float a) { double big = 1e300; return a * (float)big + a / (float)-big; }"
        },
        {
            "Keyword parameter names",
            "[Differentiable] public static float F(ReadOnlyTensorSpan<float> @in, float @float) => Sum(Square(@in)) * @float;"
        },
        {
            "Fully qualified calls",
            "[Differentiable] public static float F(System.Numerics.Tensors.ReadOnlyTensorSpan<float> x) => SymGrad.TensorMath.Sum(SymGrad.TensorMath.Square(x)) + global::SymGrad.TensorMath.Mean(x);"
        },
        {
            "An inlined call with named arguments and a [NoGrad] parameter",
            "[Differentiable] public static float G(ReadOnlyTensorSpan<float> a, [NoGrad] float s) => s * Sum(Square(a)); [Differentiable] public static float F(ReadOnlyTensorSpan<float> x, float t) => G(s: t, a: x);"
        },
        {
            "Private and internal methods",
            "[Differentiable] private static float F(float a) => a * a; [Differentiable] internal static float G(float a) => F(a);"
        },
        {
            "Overloads with different parameter types",
            "[Differentiable] public static float F(ReadOnlyTensorSpan<float> x) => Sum(x); [Differentiable] public static float F(Tensor<float> x) => Mean(x);"
        },
    };

    [Theory]
    [MemberData(nameof(ValidSources))]
    public void GeneratedCodeCompiles(string what, string members)
    {
        string source = ExampleSources.Usings + "public static partial class Examples\n{\n" + members + "\n}\n";
        AssertEveryMethodGeneratesCompilingCode(source, what);
    }

    [Fact]
    public void GeneratedCodeCompilesInStructsRecordsAndInterfaces()
    {
        AssertEveryMethodGeneratesCompilingCode(ExampleSources.Usings + """
            public partial struct Point { [Differentiable] public static float Norm(float a, float b) => a * a + b * b; }
            public partial record Entry { [Differentiable] public static float Norm(float a, float b) => a * a + b * b; }
            public partial record struct Pair { [Differentiable] public static float Norm(float a, float b) => a * a + b * b; }
            public partial interface IShape { [Differentiable] static float Norm(float a, float b) => a * a + b * b; }
            """, "containers");
    }

    [Fact]
    public void GeneratedCodeCompilesInAFileScopedNamespace()
    {
        AssertEveryMethodGeneratesCompilingCode(ExampleSources.Usings + """
            namespace Models.Losses;

            public static partial class Regression
            {
                [Differentiable]
                public static double Loss(Tensor<double> x, [NoGrad] Tensor<double> target, double c)
                    => Mean(Square(x - target)) + c * LogSumExp(x);
            }
            """, "file-scoped namespace");
    }

    [Fact]
    public void DifferentiableExtensionMethodsAreInlined()
    {
        AssertEveryMethodGeneratesCompilingCode(ExampleSources.Usings + """
            public static partial class Scaling
            {
                [Differentiable]
                public static float Scaled(this float v, float by) => v * by;
            }

            public static partial class Examples
            {
                [Differentiable]
                public static float F(float a, int n)
                {
                    n++;
                    _ = a * 3;
                    return a.Scaled(2) + n;
                }

                [Differentiable]
                public static float G(Tensor<float> x) => Sum(x! * 2);
            }
            """, "extension methods, int increments, discards and '!'");
    }

    [Fact]
    public void GeneratedCodeCompilesWhenATypeIsNamedWithAKeyword()
    {
        AssertEveryMethodGeneratesCompilingCode(ExampleSources.Usings + """
            public static partial class @class
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x) => Sum(Square(x));
            }
            """, "keyword type name");
    }

    [Fact]
    public void GeneratedCodeCompilesWhenParametersHaveTheNamesOfGeneratedLocals()
    {
        // The local function (Compute), the scratch buffer, the memory ranges and the counts must all step aside.
        AssertEveryMethodGeneratesCompilingCode(ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> Compute, ReadOnlyTensorSpan<float> scratch, ReadOnlyTensorSpan<float> ComputeMemory, float xMemory)
                    => Sum(Square(Compute - scratch)) * xMemory + Sum(ComputeMemory);

                [Differentiable]
                public static float G(ReadOnlyTensorSpan<float> scratch, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> Compute_)
                    => Mean(Square(MatMul(scratch, Transpose(w)) + Compute_));
            }
            """, "parameters named like generated locals");
    }

    [Fact]
    public void GeneratedCodeCompilesForOverloadsThatDifferInElementType()
    {
        AssertEveryMethodGeneratesCompilingCode(ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float Energy(ReadOnlyTensorSpan<float> x) => Sum(Square(x));

                [Differentiable]
                public static double Energy(ReadOnlyTensorSpan<double> x) => Sum(Square(x));
            }
            """, "overloads");
    }

    [Fact]
    public void TensorApiCallsAreDifferentiated()
    {
        AssertEveryMethodGeneratesCompilingCode(ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y)
                    => Tensor.Sum<float>(Tensor.Subtract<float>(Tensor.Multiply<float>(x, y), Tensor.Pow<float>(x, 2f)))
                        + Tensor.Average<float>(Tensor.Exp<float>(x)) + Tensor.Dot<float>(x, y);
            }
            """, "Tensor API");
    }

    [Theory]
    [InlineData(1e300, "float.PositiveInfinity")]
    [InlineData(-1e300, "float.NegativeInfinity")]
    [InlineData(3.5e38, "float.PositiveInfinity")]
    [InlineData(1e-300, "0f")]
    [InlineData(2.5, "2.5f")]
    public void FloatLiteralsOfDoubleConstantsAreWhatCSharpsConversionGives(double value, string literal)
        => Assert.Equal(literal, SymGrad.Generator.IR.ElementKindExtensions.Literal(SymGrad.Generator.IR.ElementKind.Float, value));

    private static void AssertEveryMethodGeneratesCompilingCode(string source, string what)
    {
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.GeneratedCodeCompiles(run);
        int methods = Regex.Matches(source, @"\[Differentiable\]").Count;
        Assert.True(
            methods == run.MethodSources.Length,
            $"{what}: {methods} [Differentiable] methods but {run.Sources.Length} generated files ({string.Join(", ", run.Sources.Select(s => s.HintName))}).");
    }
}
