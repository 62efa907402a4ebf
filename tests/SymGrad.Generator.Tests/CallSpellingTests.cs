using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Every way users spell a call compiles against the generated methods, without ambiguity, and binds to the overload
/// it should: arrays, spans, collection expressions and <c>default</c> to the span overloads of a method that reads its
/// tensors element by element; tensor spans and calls that mix tensors with arrays to the tensor span overloads; calls
/// whose tensors include a <c>Tensor&lt;T&gt;</c> and no array to the overload generic over the tensor types. A method
/// with a matrix product or a <c>Tensor&lt;T&gt;</c> parameter gets neither span nor generic overloads.
/// </summary>
public sealed class CallSpellingTests
{
    private const string Methods = """
        public static partial class Examples
        {
            [Differentiable]
            public static float Mse(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target) => Mean(Square(x - target));

            [Differentiable]
            public static float Scaled(ReadOnlyTensorSpan<float> x, float a, ReadOnlyTensorSpan<float> y) => a * Sum(x * y) + Sum(Log(x));

            [Differentiable]
            public static float Product(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w) => Sum(MatMul(x, Transpose(w)));

            [Differentiable]
            public static float Total(Tensor<float> x) => Sum(x);
        }

        """;

    /// <summary>Each call, and the overload it must bind to: "span", "tensor" (tensor spans) or "generic" (over the tensor types).</summary>
    private static readonly (string Call, string Binds)[] Calls =
    [
        ("Examples.MseValue(a, t)", "span"),
        ("Examples.MseValueAndGradient(a, t, g)", "span"),
        ("Examples.MseValueAndGradient(s, rs, gs)", "span"),
        ("Examples.MseValueAndGradient(rs, a, s)", "span"),
        ("Examples.MseValue([1f, 2f], [3f, 4f])", "span"),
        ("Examples.MseValue(default, default)", "span"),
        ("Examples.MseValueAndGradient(default, default, default)", "span"),
        ("Examples.MseValueAndGradient(dx: g, target: t, x: a)", "span"),
        ("Examples.MseValueAndGradient(a, target: [1f, 2f], dx: gs)", "span"),
        ("Examples.MseValueAndGradient(T, TT, TG)", "generic"),
        ("Examples.MseValueAndGradient(r, rt, ts)", "tensor"),
        ("Examples.MseValueAndGradient(ts, r, TG)", "generic"),
        ("Examples.MseValueAndGradient(a, TT, g)", "tensor"),
        ("Examples.MseValueAndGradient(T, t, TG)", "tensor"),
        ("Examples.MseValueAndGradient(a, t, TG)", "tensor"),
        ("Examples.MseValueAndGradient(x: T, dx: TG, target: TT)", "generic"),
        ("Examples.MseValue(r, a)", "tensor"),
        ("Examples.MseValue(default, r)", "tensor"),
        ("Examples.MseValue(T, TT)", "generic"),
        ("Examples.MseValue(r, rt)", "tensor"),
        ("Examples.MseValue(T, rt)", "generic"),
        ("Examples.MseValue(T, default)", "tensor"),
        ("Examples.ScaledValueAndGradient(a, 2f, t, g, out float da1, h)", "span"),
        ("Examples.ScaledValueAndGradient(s, 2, rs, gs, out float da2, h)", "span"),
        ("Examples.ScaledValueAndGradient(T, 2f, TT, TG, out float da3, TH)", "generic"),
        ("Examples.ScaledValue(x: a, y: t, a: 3f)", "span"),
        ("Examples.ProductValueAndGradient(a, t, g, h)", "tensor"),
        ("Examples.ProductValueAndGradient(T, TT, TG, TH)", "tensor"),
        ("Examples.ProductValue(r, a)", "tensor"),
        ("Examples.TotalValueAndGradient(T, TG)", "tensor"),
        ("Examples.TotalValueAndGradient(a, g)", "tensor"),
    ];

    private const string Locals = """
                float[] a = new float[4], t = new float[4], g = new float[4], h = new float[4];
                Span<float> s = new float[4], gs = new float[4];
                ReadOnlySpan<float> rs = new float[4];
                Tensor<float> T = Tensor.Create(new float[4], [2, 2]), TT = Tensor.Create(new float[4], [2, 2]);
                Tensor<float> TG = Tensor.Create(new float[4], [2, 2]), TH = Tensor.Create(new float[4], [2, 2]);
                ReadOnlyTensorSpan<float> r = T, rt = TT;
                TensorSpan<float> ts = TG;

        """;

    [Fact]
    public void Every_call_spelling_compiles_and_binds_to_its_overload()
    {
        string caller = "public static class Caller\n{\n    public static void Run()\n    {\n" + Locals
            + string.Concat(Calls.Select(c => "        _ = " + c.Call + ";\n")) + "    }\n}\n";
        GeneratorRun run = GeneratorRun.Of(ExampleSources.Usings + Methods + caller);
        GeneratorAssert.GeneratedCodeCompiles(run);

        SyntaxTree callerTree = run.Output.SyntaxTrees.First();
        SemanticModel model = run.Output.GetSemanticModel(callerTree);
        List<InvocationExpressionSyntax> invocations = callerTree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => i.Expression.ToString().StartsWith("Examples.", System.StringComparison.Ordinal)).ToList();
        Assert.Equal(Calls.Length, invocations.Count);
        for (int i = 0; i < Calls.Length; i++)
        {
            var method = model.GetSymbolInfo(invocations[i]).Symbol as IMethodSymbol;
            Assert.True(method is not null, Calls[i].Call + " binds to no method");
            string binds = method!.IsGenericMethod ? "generic" : method.Parameters.Any(p => p.Type.Name is "ReadOnlySpan" or "Span") ? "span" : "tensor";
            Assert.True(binds == Calls[i].Binds, Calls[i].Call + " binds to " + method.ToDisplayString() + ", not to the " + Calls[i].Binds + " overload");
        }
    }

    [Theory]
    [InlineData("MseValue", 3)]
    [InlineData("MseValueAndGradient", 3)]
    [InlineData("ScaledValueAndGradient", 3)]
    [InlineData("ProductValue", 1)]
    [InlineData("ProductValueAndGradient", 1)]
    [InlineData("TotalValue", 1)]
    [InlineData("TotalValueAndGradient", 1)]
    public void Span_overloads_are_generated_only_for_methods_that_read_their_tensors_element_by_element(string name, int overloads)
    {
        GeneratorRun run = GeneratorRun.Of(ExampleSources.Usings + Methods);
        GeneratorAssert.GeneratedCodeCompiles(run);
        INamedTypeSymbol examples = run.Output.GetTypeByMetadataName("Examples")!;

        // Public ones: a method that broadcasts also has a private body generic over its loop.
        Assert.Equal(overloads, examples.GetMembers(name).Count(m => m.DeclaredAccessibility == Accessibility.Public));
    }
}
