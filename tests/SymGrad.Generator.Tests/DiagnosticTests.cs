using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// One test per diagnostic (and per way of reaching it): the ID, that it sits on the construct's own span (marked
/// <c>[|...|]</c> in the source), that the message names the construct, and that no code is generated instead.
/// </summary>
public sealed partial class DiagnosticTests
{
    [Fact]
    public void EveryDescriptorHasAUniqueIdATitleAndAMessage()
    {
        DiagnosticDescriptor[] all = DiagnosticDescriptors.All;
        Assert.Equal(all.Length, all.Select(d => d.Id).Distinct().Count());
        Assert.All(all, d =>
        {
            Assert.Matches(new Regex("^SG[0-9]{4}$"), d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Title.ToString(CultureInfo.InvariantCulture)), d.Id + " has no title");
            Assert.False(string.IsNullOrWhiteSpace(d.MessageFormat.ToString(CultureInfo.InvariantCulture)), d.Id + " has no message");
            Assert.Equal(DiagnosticSeverity.Error, d.DefaultSeverity);
            Assert.Same(d, DiagnosticDescriptors.Find(d.Id));
        });

        string[] expected = Enumerable.Range(1, 17).Select(n => "SG" + n.ToString("0000", CultureInfo.InvariantCulture)).Append("SG9999").ToArray();
        Assert.Equal(expected, all.Select(d => d.Id).OrderBy(id => id, System.StringComparer.Ordinal));
    }

    [Fact]
    public void SG0001_ContainingTypeNotPartial() => Expect("SG0001", """
        public static class [|Losses|]
        {
            [Differentiable]
            public static float Mse(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target)
                => Mean(Square(x - target));
        }
        """, "'Losses'", "'Mse'", "partial");

    [Fact]
    public void SG0001_OuterTypeNotPartial() => Expect("SG0001", """
        public static class [|Outer|]
        {
            public static partial class Inner
            {
                [Differentiable]
                public static float Energy(ReadOnlyTensorSpan<float> x) => Sum(Square(x));
            }
        }
        """, "'Outer'", "'Energy'");

    [Fact]
    public void SG0002_MethodNotStatic() => Expect("SG0002", """
        public partial class Model
        {
            [Differentiable]
            public float [|Loss|](ReadOnlyTensorSpan<float> x) => Sum(Square(x));
        }
        """, "'Loss'", "static");

    [Fact]
    public void SG0003_ReturnsInt() => Expect("SG0003", """
        public static partial class Examples
        {
            [Differentiable]
            public static [|int|] Count(ReadOnlyTensorSpan<float> x) => 1;
        }
        """, "'Count'", "'int'");

    [Fact]
    public void SG0003_ReturnsIntTensor() => Expect("SG0003", """
        public static partial class Examples
        {
            [Differentiable]
            public static [|Tensor<int>|] Signs(ReadOnlyTensorSpan<float> x) => Tensor.Create(new int[(int)x.FlattenedLength], x.Lengths);
        }
        """, "'Signs'", "'Tensor<int>'", "Tensor<float>");

    [Fact]
    public void SG0003_ReturnsTensorSpan() => Expect("SG0003", """
        public static partial class Examples
        {
            [Differentiable]
            public static [|ReadOnlyTensorSpan<float>|] Squares(ReadOnlyTensorSpan<float> x) => Square(x);
        }
        """, "'Squares'", "'ReadOnlyTensorSpan<float>'", "Tensor<float>");

    [Fact]
    public void SG0003_ReturnsVoid() => Expect("SG0003", """
        public static partial class Examples
        {
            [Differentiable]
            public static [|void|] Nothing(ReadOnlyTensorSpan<float> x)
            {
            }
        }
        """, "'Nothing'", "'void'", "Sum or Mean");

    [Fact]
    public void SG0004_RefParameter() => Expect("SG0004", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Cube(ref float [|a|]) => a * a * a;
        }
        """, "'a'", "'ref'");

    [Fact]
    public void SG0004_OutParameter() => Expect("SG0004", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Cube(float a, out float [|square|])
            {
                square = a * a;
                return a * a * a;
            }
        }
        """, "'square'", "'out'");

    [Fact]
    public void SG0004_InParameter() => Expect("SG0004", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Energy(in ReadOnlyTensorSpan<float> [|x|]) => Sum(Square(x));
        }
        """, "'x'", "'in'");

    [Fact]
    public void SG0004_TensorSpanParameter() => Expect("SG0004", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Energy(TensorSpan<float> [|x|]) => Sum(Square(x));
        }
        """, "'x'", "'TensorSpan<float>'", "ReadOnlyTensorSpan<float>");

    [Fact]
    public void SG0004_ArrayParameter() => Expect("SG0004", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Energy(float[] [|x|]) => Sum(Square(x));
        }
        """, "'x'", "'float[]'", "ReadOnlyTensorSpan<float>");

    [Fact]
    public void SG0005_PartialMethodDeclarationWithoutBody() => Expect("SG0005", """
        public static partial class Examples
        {
            [Differentiable]
            public static partial float [|Energy|](ReadOnlyTensorSpan<float> x);
        }
        """, "'Energy'", "body");

    [Fact]
    public void SG0005_ExternMethod() => Expect("SG0005", """
        public static partial class Examples
        {
            [Differentiable]
            public static extern float [|Energy|](ReadOnlyTensorSpan<float> x);
        }
        """, "'Energy'", "body");

    [Fact]
    public void PartialMethodWithImplementationPartIsDifferentiated()
    {
        GeneratorRun run = GeneratorRun.Of(ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static partial float Energy(ReadOnlyTensorSpan<float> x);

                public static partial float Energy(ReadOnlyTensorSpan<float> x) => Sum(Square(x));
            }
            """);
        GeneratorAssert.GeneratedCodeCompiles(run);
        Assert.Single(run.Sources);
    }

    [Fact]
    public void SG0006_CallToUndifferentiableUserMethod() => Expect("SG0006", """
        public static partial class Examples
        {
            static float Total(ReadOnlyTensorSpan<float> x) => Sum(x);

            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x) => [|Total(x)|] * 2;
        }
        """, "'Examples.Total'", "[Differentiable]");

    [Fact]
    public void SG0007_ForLoop() => Expect("SG0007", """
        public static partial class Examples
        {
            [Differentiable]
            public static Tensor<float> Layer(ReadOnlyTensorSpan<float> x)
            {
                var s = Tanh(x);
                [|for (int i = 0; i < 3; i++)
                {
                    s = s * 2;
                }|]

                return s;
            }
        }
        """, "'for' loop");

    [Fact]
    public void SG0007_WhileLoop() => Expect("SG0007", """
        public static partial class Examples
        {
            [Differentiable]
            public static Tensor<float> Layer(ReadOnlyTensorSpan<float> x)
            {
                var s = Tanh(x);
                [|while (Sum(s) > 1) s = s / 2;|]
                return s;
            }
        }
        """, "'while' loop");

    [Fact]
    public void SG0007_ForeachLoop() => Expect("SG0007", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlySpan<int> labels)
            {
                float s = CrossEntropy(x, labels);
                [|foreach (int v in labels) s = s + v;|]
                return s;
            }
        }
        """, "'foreach' loop");

    [Fact]
    public void SG0007_IfStatement() => Expect("SG0007", """
        public static partial class Examples
        {
            [Differentiable]
            public static Tensor<float> Layer(ReadOnlyTensorSpan<float> x)
            {
                var s = Tanh(x);
                [|if (Sum(s) > 0) s = s * 2;|]
                return s;
            }
        }
        """, "'if' statement", "conditional expression");

    [Fact]
    public void SG0007_ReturnBeforeTheEnd() => Expect("SG0007", """
        public static partial class Examples
        {
            [Differentiable]
            public static Tensor<float> Layer(ReadOnlyTensorSpan<float> x)
            {
                [|return Tanh(x);|]
                float unreachable = 1;
            }
        }
        """, "'return'");

    [Fact]
    public void SG0007_DifferentiableLocalFunction() => Expect("SG0007", """
        public static partial class Examples
        {
            public static float Outer(float a)
            {
                [|[Differentiable] static float Square(float v) => v * v;|]
                return Square(a);
            }
        }
        """, "local function");

    [Fact]
    public void SG0008_FieldRead() => Expect("SG0008", """
        public static partial class Examples
        {
            static float scale = 2;

            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x) => [|scale|] * Sum(x);
        }
        """, "field 'Examples.scale'", "parameter");

    [Fact]
    public void SG0008_PropertyRead() => Expect("SG0008", """
        public static partial class Examples
        {
            static float Scale => 2;

            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x) => [|Scale|] * Sum(x);
        }
        """, "property 'Examples.Scale'");

    [Fact]
    public void SG0008_SwitchExpression() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x, int mode) => [|mode switch { 0 => Sum(x), 1 => Mean(x) }|];
        }
        """, "switch expression without a final '_' arm");

    [Fact]
    public void SG0008_Lambda() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x)
            {
                Func<float, float> scale = v => 2 * v;
                scale = [|(float v) => 3 * v|];
                return Sum(x);
            }
        }
        """, "lambda");

    [Fact]
    public void SG0009_ConsoleWriteLine() => Expect("SG0009", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x)
            {
                [|Console.WriteLine("loss")|];
                return Sum(x);
            }
        }
        """, "'Console.WriteLine'", "side effect");

    [Fact]
    public void SG0009_StaticFieldWrite() => Expect("SG0009", """
        public static partial class Examples
        {
            static int calls;

            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x)
            {
                [|calls = 1|];
                return Sum(x);
            }
        }
        """, "'Examples.calls'", "side effect");

    [Fact]
    public void SG0009_StaticFieldIncrement() => Expect("SG0009", """
        public static partial class Examples
        {
            static int calls;

            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x)
            {
                [|calls++|];
                return Sum(x);
            }
        }
        """, "'calls++'", "side effect");

    [Fact]
    public void SG0010_ElementWrite() => Expect("SG0010", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(Tensor<float> x)
            {
                [|x[0] = 1|];
                return Sum(x);
            }
        }
        """, "'x[0]'", "tensor 'x'");

    [Fact]
    public void SG0010_CompoundAssignment() => Expect("SG0010", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x)
            {
                var y = x * 2f;
                [|y += x|];
                return Sum(y);
            }
        }
        """, "'y += x'", "tensor 'y'");

    [Fact]
    public void SG0011_DirectRecursion() => Expect("SG0011", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x) => Sum(x) + [|Loss(x)|];
        }
        """, "'Loss'", "recursion");

    [Fact]
    public void SG0011_MutualRecursionIsReportedInEachMethod() => Expect("SG0011", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Ping(ReadOnlyTensorSpan<float> x) => Sum(x) + [|Pong(x)|];

            [Differentiable]
            public static float Pong(ReadOnlyTensorSpan<float> x) => Mean(x) * [|Ping(x)|];
        }
        """, "recursion");

    [Fact]
    public void SG0011_MutualRecursionMessageNamesTheOtherMethod()
    {
        GeneratorRun run = GeneratorRun.Of(ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float Ping(ReadOnlyTensorSpan<float> x) => Sum(x) + Pong(x);

                [Differentiable]
                public static float Pong(ReadOnlyTensorSpan<float> x) => Mean(x) * Ping(x);
            }
            """);
        string[] messages = run.Diagnostics.Where(d => d.Id == "SG0011").Select(d => d.GetMessage(CultureInfo.InvariantCulture)).OrderBy(m => m, System.StringComparer.Ordinal).ToArray();
        Assert.Equal(2, messages.Length);
        Assert.Contains("'Ping' calls itself through 'Pong'", messages[0]);
        Assert.Contains("'Pong' calls itself through 'Ping'", messages[1]);
    }

    [Fact]
    public void SG0012_PowWithTensorExponent() => Expect("SG0012", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y)
                => Tensor.Sum<float>(Tensor.Pow<float>(x, [|y|]));
        }
        """, "Pow's exponent", "'y'", "scalar");

    [Fact]
    public void SG0012_TensorCastToScalar() => Expect("SG0012", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x) => [|(float)x|];
        }
        """, "'x'", "scalar", "Sum or Mean");

    [Fact]
    public void SG0013_GeneratedValueNameTaken() => Expect("SG0013", """
        public static partial class Losses
        {
            public static float MseValue(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> target) => 0;

            [Differentiable]
            public static float [|Mse|](ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target)
                => Mean(Square(x - target));
        }
        """, "'MseValue'", "'Mse'", "'Losses'");

    [Fact]
    public void SG0013_GeneratedGradientNameTaken() => Expect("SG0013", """
        public static partial class Losses
        {
            public static void MseValueAndGradient() { }

            [Differentiable]
            public static float [|Mse|](ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target)
                => Mean(Square(x - target));
        }
        """, "'MseValueAndGradient'", "'Mse'");

    [Fact]
    public void SG0006_ExtensionMethodCalledOnATensor() => Expect("SG0006", """
        public static class Helpers
        {
            public static float Twice(this float v) => 2 * v;
        }

        public static partial class Examples
        {
            [Differentiable]
            public static float F(float a) => [|a.Twice()|];
        }
        """, "'Helpers.Twice'");

    [Fact]
    public void SG0008_Nameof() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static float F(float a)
            {
                var name = [|nameof(a)|];
                return a;
            }
        }
        """, "'nameof'");

    [Fact]
    public void SG0008_Deconstruction() => Expect("SG0008", """
        public static partial class Examples
        {
            [Differentiable]
            public static float F(float a, float b)
            {
                [|var ((p, q), r) = ((a, b), a)|];
                return a * b;
            }
        }
        """, "deconstruction");

    [Fact]
    public void SG0014_NamesTheGenericOuterType() => Expect("SG0014", """
        public static partial class Outer<T>
        {
            public static partial class Inner
            {
                [Differentiable]
                public static float [|F|](float a) => a * a;
            }
        }
        """, "'Outer'");

    [Fact]
    public void SG0016_ParameterNamedLikeAGradient() => Expect("SG0016", """
        public static partial class Examples
        {
            [Differentiable]
            public static float F(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> [|dx|]) => Sum(Square(x - dx));
        }
        """, "'dx'", "'x'", "rename");

    [Fact]
    public void SG0014_GenericMethod() => Expect("SG0014", """
        public static partial class Examples
        {
            [Differentiable]
            public static float [|Energy|]<T>(ReadOnlyTensorSpan<float> x) => Sum(Square(x));
        }
        """, "'Energy'", "generic");

    [Fact]
    public void SG0014_MethodOfGenericType() => Expect("SG0014", """
        public static partial class Examples<T>
        {
            [Differentiable]
            public static float [|Energy|](ReadOnlyTensorSpan<float> x) => Sum(Square(x));
        }
        """, "'Energy'", "'Examples'");

    [Fact]
    public void SG0015_DoubleTensorInFloatMethod() => Expect("SG0015", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Energy(ReadOnlyTensorSpan<double> [|x|]) => (float)Sum(Square(x));
        }
        """, "'x'", "'double'", "'float'", "'Energy'");

    [Fact]
    public void SG0015_DoubleScalarInFloatMethod() => Expect("SG0015", """
        public static partial class Examples
        {
            [Differentiable]
            public static float Scaled(ReadOnlyTensorSpan<float> x, double [|scale|]) => (float)scale * Sum(x);
        }
        """, "'scale'", "'double'", "'float'");

    [Fact]
    public void SG0017_Operator() => Expect("SG0017", """
        public partial struct Meters
        {
            public float Value;

            [Differentiable]
            public static float operator [|*|](Meters a, float b) => a.Value * b;
        }
        """, "operator '*'", "static [Differentiable] method");

    [Fact]
    public void SG0017_PropertyAccessor() => Expect("SG0017", """
        public static partial class Examples
        {
            public static float Half { [Differentiable] [|get|] => 0.5f; }
        }
        """, "'get' accessor of 'Half'");

    [Fact]
    public void SG0017_ExtensionBlockMember() => Expect("SG0017", """
        public static partial class Scaling
        {
            extension(float v)
            {
                [Differentiable]
                public static float [|Twice|](float a) => 2 * a;
            }
        }
        """, "'Twice' of an extension block", "'this'");

    [Fact]
    public void SG0017_FileLocalType() => Expect("SG0017", """
        file static partial class Examples
        {
            [Differentiable]
            public static float [|Square|](float a) => a * a;
        }
        """, "file-local type 'Examples'", "internal");

    [Fact]
    public void SG0017_ExplicitInterfaceImplementation() => Expect("SG0017", """
        public interface IEnergy { static abstract float Energy(float a); }

        public partial class Spring : IEnergy
        {
            [Differentiable]
            static float IEnergy.[|Energy|](float a) => a * a;
        }
        """, "'IEnergy.Energy'", "a name of its own");

    [Fact]
    public void SG0004_PointerParameter() => Expect("SG0004", """
        public static partial class Examples
        {
            [Differentiable]
            public static float F(float a, delegate*<float, float> [|square|]) => a * a;
        }
        """, "'square'", "pointers");

    [Fact]
    public void SG0008_OmittedTensorArgument()
    {
        // F itself is fine and gets its code; the caller that leaves out a tensor argument gets SG0008, not CS0117.
        (string source, ImmutableArray<TextSpan> spans) = Markup.Parse(ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> bias = default) => Sum(x) + Sum(bias);

                [Differentiable]
                public static float G(ReadOnlyTensorSpan<float> x) => [|F(x)|];
            }
            """);
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, source);
        Diagnostic reported = Assert.Single(run.Diagnostics);
        Assert.Equal("SG0008", reported.Id);
        Assert.Equal(spans.Single(), reported.Location.SourceSpan);
        string message = reported.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("'F'", message, System.StringComparison.Ordinal);
        Assert.Contains("pass 'bias' explicitly", message, System.StringComparison.Ordinal);
        Assert.Single(run.Sources);
    }

    /// <summary>
    /// Generates from <paramref name="markup"/> (after the usual usings) and asserts that the generator reports
    /// <paramref name="id"/> exactly at the marked spans and nothing else, that every message contains each of
    /// <paramref name="messageParts"/>, and that no code is generated.
    /// </summary>
    private static void Expect(string id, string markup, params string[] messageParts)
    {
        (string source, ImmutableArray<TextSpan> spans) = Markup.Parse(ExampleSources.Usings + markup);
        Assert.NotEmpty(spans);
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, source);

        Diagnostic[] reported = run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.True(
            reported.All(d => d.Id == id),
            "Expected only " + id + ", got:\n" + TestCompilation.Format(reported));
        // Diagnostics travel as plain file-and-span data, so the located text is read from the source by span.
        Assert.Equal(spans.Select(s => Text(source, s)), reported.Select(d => Text(source, d.Location.SourceSpan)));
        Assert.Equal(spans, reported.Select(d => d.Location.SourceSpan));

        foreach (Diagnostic diagnostic in reported)
        {
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.Equal(TestCompilation.UserPath, diagnostic.Location.GetLineSpan().Path);
            string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
            foreach (string part in messageParts)
            {
                Assert.True(message.Contains(part, System.StringComparison.Ordinal), $"The message of {id} does not name {part}: {message}");
            }
        }

        Assert.Empty(run.Sources);
    }

    private static string Text(string source, TextSpan span)
        => span.End <= source.Length ? source.Substring(span.Start, span.Length) : "<outside the source: " + span + ">";
}
