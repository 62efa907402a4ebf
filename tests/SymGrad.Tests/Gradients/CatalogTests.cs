using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using System.Reflection;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// The catalog describes the [Differentiable] methods as they are declared, covers all of them, and the generator
/// emitted both methods of the contract for each.
/// </summary>
public sealed class CatalogTests
{
    private static readonly Type[] Declaring = [typeof(Ops), typeof(Composed), typeof(Axes), typeof(Slices), typeof(VectorProducts), typeof(Broadcasts), typeof(Reshapes), typeof(RankThree), typeof(GeneratorLimits)];

    private static readonly string[] Vocabulary =
    [
        "Sum", "Mean", "Dot", "Square", "Pow", "Sqrt", "Exp", "Log", "Abs", "Sin", "Cos", "Tanh", "Sigmoid", "Relu", "LogSumExp", "Mse", "MatMul", "Transpose",
    ];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (GradientCase c in GradientCatalog.All.Concat(GradientCatalog.Limits))
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Fact]
    public void Every_differentiable_method_has_a_case()
    {
        string[] declared = DifferentiableMethods().Select(method => method.Name).Order().ToArray();
        string[] cataloged = GradientCatalog.All.Concat(GradientCatalog.Limits).Select(c => c.Name).Order().ToArray();
        Assert.Equal(declared, cataloged);
    }

    [Fact]
    public void Every_operation_of_the_vocabulary_is_tested_on_its_own_in_both_precisions()
    {
        foreach (string operation in Vocabulary)
        {
            Assert.Contains(GradientCatalog.All, c => c.Name.StartsWith("Op" + operation, StringComparison.Ordinal) && c.Element == typeof(double));
            Assert.Contains(GradientCatalog.All, c => c.Name.StartsWith("Op" + operation, StringComparison.Ordinal) && c.Element == typeof(float));
        }
    }

    [Fact]
    public void At_least_thirty_composed_functions_are_tested_in_both_precisions()
    {
        GradientCase[] composed = GradientCatalog.All.Where(c => typeof(Composed).GetMethod(c.Name) is not null).ToArray();
        Assert.True(composed.Length >= 30, $"Only {composed.Length} composed functions.");
        Assert.Contains(composed, c => c.Element == typeof(float));
        Assert.Contains(composed, c => c.Element == typeof(double));
    }

    [Fact]
    public void Vector_functions_run_at_lengths_with_simd_tails()
    {
        foreach (GradientCase c in GradientCatalog.All.Where(c => c.Sizes[0].Dimensions.Length == 1 && c.Tensors.All(p => c.Parameters[p].Axes is [0])))
        {
            if (typeof(Slices).GetMethod(c.Name) is null)
            {
                Assert.Equal(["1", "15", "17", "1003"], c.Sizes.Select(size => size.Label));
            }
            else
            {
                // Slices run at the shortest length they accept and at N = 10 as well.
                Assert.Superset(new HashSet<string> { "15", "17", "1003" }, c.Sizes.Select(size => size.Label).ToHashSet());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_case_describes_the_method_as_declared(string function)
    {
        GradientCase c = GradientCatalog.Find(function);
        MethodInfo method = DifferentiableMethods().Single(m => m.Name == function);
        ParameterInfo[] parameters = method.GetParameters();

        Assert.Equal(method.ReturnType, c.Element);
        Assert.Equal(parameters.Select(p => p.Name), c.Parameters.Select(p => p.Name));
        for (int p = 0; p < parameters.Length; p++)
        {
            CaseParameter parameter = c.Parameters[p];
            Assert.Equal(KindOf(parameters[p].ParameterType), parameter.Kind);
            Assert.Equal(parameter.Kind != ArgumentKind.Integer && parameters[p].GetCustomAttribute<NoGradAttribute>() is null, parameter.Differentiable);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_generator_emitted_the_value_and_gradient_methods_of_the_contract(string function)
    {
        GradientCase c = GradientCatalog.Find(function);
        MethodInfo method = DifferentiableMethods().Single(m => m.Name == function);
        Type[] inputs = method.GetParameters().Select(p => p.ParameterType).ToArray();

        MethodInfo value = Assert.Single(method.DeclaringType!.GetMethods(), m => m.Name == function + "Value" && !TakesSpans(m) && !m.IsGenericMethod);
        Assert.Equal(inputs, value.GetParameters().Select(p => p.ParameterType));
        Assert.Equal(c.Element, value.ReturnType);

        // Then one gradient per differentiable parameter, in declaration order: a TensorSpan for a tensor, an out scalar for a scalar.
        Type tensorGradient = typeof(TensorSpan<>).MakeGenericType(c.Element);
        Type scalarGradient = c.Element.MakeByRefType();
        IEnumerable<(Type, string)> gradients = c.Differentiable.Select(p => (c.Parameters[p].Kind == ArgumentKind.Tensor ? tensorGradient : scalarGradient, c.Parameters[p].GradientName));
        MethodInfo valueAndGradient = Assert.Single(method.DeclaringType!.GetMethods(), m => m.Name == function + "ValueAndGradient" && !TakesSpans(m) && !m.IsGenericMethod);
        Assert.Equal(
            inputs.Select(type => (type, string.Empty)).Concat(gradients).Select(p => p.Item1),
            valueAndGradient.GetParameters().Select(p => p.ParameterType));
        Assert.Equal(
            gradients.Select(g => g.Item2),
            valueAndGradient.GetParameters().Skip(inputs.Length).Select(p => p.Name));
        Assert.All(valueAndGradient.GetParameters().Skip(inputs.Length).Where(p => p.ParameterType.IsByRef), p => Assert.True(p.IsOut));
        Assert.Equal(c.Element, valueAndGradient.ReturnType);

        // The span overloads, where there are any, take the same parameters with each tensor span a span.
        Type Spanned(Type type) => type == typeof(ReadOnlyTensorSpan<>).MakeGenericType(c.Element) ? typeof(ReadOnlySpan<>).MakeGenericType(c.Element)
            : type == tensorGradient ? typeof(Span<>).MakeGenericType(c.Element) : type;
        foreach (MethodInfo spans in method.DeclaringType!.GetMethods().Where(m => m.Name.StartsWith(function + "Value", StringComparison.Ordinal) && TakesSpans(m)))
        {
            MethodInfo twin = spans.Name == value.Name ? value : valueAndGradient;
            Assert.Equal(twin.GetParameters().Select(p => Spanned(p.ParameterType)), spans.GetParameters().Select(p => p.ParameterType));
            Assert.Equal(twin.GetParameters().Select(p => p.Name), spans.GetParameters().Select(p => p.Name));
        }

        // The overloads generic over the tensor types, where there are any, take the same parameters with each tensor span a type parameter.
        static bool IsTensorSpan(Type type) => type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(ReadOnlyTensorSpan<>) || type.GetGenericTypeDefinition() == typeof(TensorSpan<>));
        foreach (MethodInfo generic in method.DeclaringType!.GetMethods().Where(m => m.Name.StartsWith(function + "Value", StringComparison.Ordinal) && m.IsGenericMethodDefinition))
        {
            MethodInfo twin = generic.Name == value.Name ? value : valueAndGradient;
            Assert.Equal(twin.GetParameters().Select(p => IsTensorSpan(p.ParameterType)), generic.GetParameters().Select(p => p.ParameterType.IsGenericParameter));
            Assert.Equal(twin.GetParameters().Select(p => p.Name), generic.GetParameters().Select(p => p.Name));
        }
    }

    private static bool TakesSpans(MethodInfo method)
        => method.GetParameters().Any(p => p.ParameterType.IsGenericType && (p.ParameterType.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>) || p.ParameterType.GetGenericTypeDefinition() == typeof(Span<>)));

    [Fact]
    public void A_method_returning_a_tensor_gets_no_generated_methods()
    {
        MethodInfo[] layers = Declaring.SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Static)).Where(m => m.GetCustomAttribute<DifferentiableAttribute>() is not null && ReturnsTensor(m)).ToArray();
        Assert.NotEmpty(layers);
        foreach (MethodInfo layer in layers)
        {
            Assert.DoesNotContain(layer.DeclaringType!.GetMethods(), m => m.Name == layer.Name + "Value" || m.Name == layer.Name + "ValueAndGradient");
        }
    }

    /// <summary>The [Differentiable] methods that return a scalar: a method returning a tensor is a layer its callers inline.</summary>
    private static IEnumerable<MethodInfo> DifferentiableMethods()
        => Declaring.SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Static)).Where(m => m.GetCustomAttribute<DifferentiableAttribute>() is not null && !ReturnsTensor(m));

    private static bool ReturnsTensor(MethodInfo method) => method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Tensor<>);

    private static ArgumentKind KindOf(Type type)
        => type == typeof(int) ? ArgumentKind.Integer
            : type == typeof(float) || type == typeof(double) ? ArgumentKind.Scalar
            : ArgumentKind.Tensor;
}
