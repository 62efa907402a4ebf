// Keeps the runtime's error messages honest: each one that suggests code shows code that compiles. Every exception
// below is thrown by the runtime for real; the test finds the suggested code in its message and compiles it, with
// the variables the message names declared as a caller would have them. The runtime writes all suggested code
// through its internal SuggestedFix class, and every method of that class must be exercised by a case here.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using System.Reflection;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Kernels;
using SymGrad.Optimization;

namespace SymGrad.Generator.Tests.Docs;

public sealed class SuggestedFixTests
{
    private const string Usings = """
        using System;
        using System.Numerics.Tensors;
        using SymGrad;
        using SymGrad.Optimization;
        using static SymGrad.TensorMath;
        """;

    /// <summary>
    /// One message with a suggested fix: the SuggestedFix method that wrote it, how to make the runtime throw it, the
    /// code the message must show, and the declarations that code reads (a caller's variables).
    /// </summary>
    public sealed record Case(string Name, string FixMethod, Func<Exception> Throw, string Code, string Declarations)
    {
        public override string ToString() => this.Name;
    }

    private static readonly Case[] Cases =
    [
        new(
            "a generated method's gradient of the wrong shape",
            "AllocateLike",
            () => Catch(() => ShapeGuard.Gradient<float>(Tensor.CreateFromShape<float>([2]), "dx", Tensor.CreateFromShape<float>([3]), "x")),
            "Tensor.CreateFromShape<float>(x.Lengths)",
            "ReadOnlyTensorSpan<float> x = default;"),
        new(
            "a generated span overload's gradient of the wrong length",
            "AllocateArrayLike",
            () => Catch(() => ShapeGuard.GradientLength<float>(new float[2], "dx", new float[3], "x")),
            "new float[x.Length]",
            "float[] x = new float[3];"),
        new(
            "a generated method's gradient that is a strided view",
            "AllocateLike",
            () => Catch(() => ShapeGuard.Gradient<double>(Tensor.Create(new double[6], [3], [2]), "dw", Tensor.CreateFromShape<double>([3]), "w")),
            "Tensor.CreateFromShape<double>(w.Lengths)",
            "Tensor<double> w = Tensor.CreateFromShape<double>([3]);"),
        new(
            "a generated method's input that is a strided view, held as a span",
            "DenseCopy",
            () => Catch(() => ShapeGuard.Dense<float>(Tensor.Create(new float[6], [3], [2]), "x")),
            "Tensor<float> xDense = Tensor.CreateFromShape<float>(x.Lengths); x.CopyTo(xDense);",
            "ReadOnlyTensorSpan<float> x = default;"),
        new(
            "a generated method's input that is a strided view, held as a tensor",
            "DenseCopy",
            () => Catch(() => ShapeGuard.Dense<float>(Tensor.Create(new float[6], [3], [2]), "x")),
            "Tensor<float> xDense = Tensor.CreateFromShape<float>(x.Lengths); x.CopyTo(xDense);",
            "Tensor<float> x = Tensor.Create(new float[6], [3], [2]);"),
        new(
            "a parameter's gradient of the wrong shape",
            "AllocateLike",
            () => Catch(() => new Parameter<float>("w", Tensor.CreateFromShape<float>([2, 3]), Tensor.CreateFromShape<float>([3, 2]))),
            "Tensor.CreateFromShape<float>(value.Lengths)",
            "Tensor<float> value = Tensor.CreateFromShape<float>([2, 3]);"),
        new(
            "a parameter over a strided view",
            "DenseTensor",
            () => Catch(() => new Parameter<float>("w", Tensor.Create(new float[6], [3], [2]))),
            "value.ToDenseTensor()",
            "Tensor<float> value = Tensor.Create(new float[6], [3], [2]);"),
        new(
            "a matrix product of a tensor of rank 3",
            "ReshapeToMatrix",
            () => Catch(() => TensorMath.MatMul(Tensor.CreateFromShape<float>([2, 3, 4]), Tensor.CreateFromShape<float>([4, 5]))),
            "Tensor.Reshape(a, [6, 4])",
            "ReadOnlyTensorSpan<float> a = default;"),
        new(
            "a matrix product of a rank-3 tensor",
            "ReshapeToMatrix",
            () => Catch(() => TensorMath.MatMul(Tensor.CreateFromShape<float>([4, 5]), Tensor.CreateFromShape<float>([5, 2, 3]))),
            "Tensor.Reshape(b, [10, 3])",
            "Tensor<float> b = Tensor.CreateFromShape<float>([5, 2, 3]);"),
        new(
            "a matrix product whose inner dimensions differ",
            "MatMulTransposed",
            () => Catch(() => TensorMath.MatMul(Tensor.CreateFromShape<float>([2, 3]), Tensor.CreateFromShape<float>([2, 3]))),
            "MatMul(a, Transpose(b))",
            "ReadOnlyTensorSpan<float> a = default; ReadOnlyTensorSpan<float> b = default;"),
        new(
            "an element-wise operation on two shapes",
            "BiasOverProduct",
            () => Catch(() => ShapeGuard.SameShape<float>(Tensor.CreateFromShape<float>([2]), "y", Tensor.CreateFromShape<float>([3]), "b")),
            "MatMul(x, Transpose(w)) + b",
            "ReadOnlyTensorSpan<float> x = default; ReadOnlyTensorSpan<float> w = default; ReadOnlyTensorSpan<float> b = default;"),
        new(
            "Sgd without parameters",
            "NewOptimizer",
            () => Catch(() => new Sgd<float>([], learningRate: 0.01)),
            "new Sgd<float>([w, b], learningRate: 0.01)",
            "Parameter<float> w = null!; Parameter<float> b = null!;"),
        new(
            "Adam without parameters",
            "NewOptimizer",
            () => Catch(() => new Adam<double>([])),
            "new Adam<double>([w, b], learningRate: 0.01)",
            "Parameter<double> w = null!; Parameter<double> b = null!;"),
        new(
            "AdamW without parameters",
            "NewOptimizer",
            () => Catch(() => new AdamW<float>([])),
            "new AdamW<float>([w, b], learningRate: 0.01)",
            "Parameter<float> w = null!; Parameter<float> b = null!;"),
    ];

    public static TheoryData<string> CaseNames => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void The_code_a_message_suggests_compiles(string name)
    {
        Case c = Cases.Single(c => c.Name == name);
        Exception thrown = c.Throw();
        Assert.Contains(c.Code, thrown.Message);

        // An expression is assigned to a local, so it must have a type; statements are used as they are.
        string use = c.Code.EndsWith(';') ? c.Code : "var fix = " + c.Code + ";";
        string source = $$"""
            {{Usings}}

            internal static class Caller
            {
                internal static void Fix()
                {
                    {{c.Declarations}}
                    {{use}}
                }
            }
            """;
        Diagnostic[] errors = TestCompilation.Create(source).GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .ToArray();
        Assert.True(errors.Length == 0, $"The message\n  {thrown.Message}\nsuggests code that does not compile:\n{source}\n{TestCompilation.Format(errors)}");
    }

    [Fact]
    public void Every_kind_of_suggested_fix_has_a_case()
    {
        Type suggestedFix = typeof(TensorMath).Assembly.GetType("SymGrad.SuggestedFix", throwOnError: true)!;
        string[] methods = suggestedFix.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.IsPublic || m.IsAssembly)
            .Select(m => m.Name)
            .Distinct()
            .ToArray();
        string[] untested = methods.Except(Cases.Select(c => c.FixMethod)).ToArray();
        string[] unknown = Cases.Select(c => c.FixMethod).Except(methods).ToArray();

        Assert.True(untested.Length == 0, "No case compiles the code of SuggestedFix." + string.Join(", SuggestedFix.", untested));
        Assert.True(unknown.Length == 0, "Cases name methods SuggestedFix does not have: " + string.Join(", ", unknown));
    }

    private static Exception Catch(Action action)
    {
        try
        {
            action();
        }
        catch (Exception thrown)
        {
            return thrown;
        }

        throw new InvalidOperationException("The runtime accepted an argument the case expects it to reject.");
    }
}
