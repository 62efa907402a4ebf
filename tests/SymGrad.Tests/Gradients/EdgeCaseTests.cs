using System;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>Inputs at the edges: empty vectors, and the kinks of Relu and Abs.</summary>
public sealed class EdgeCaseTests
{
    /// <summary>Functions of vectors only, which an empty vector is a valid argument of.</summary>
    public static TheoryData<string> VectorCases()
    {
        var data = new TheoryData<string>();
        foreach (GradientCase c in GradientCatalog.All.Where(c => c.Sizes[0].Label == "1" && c.Tensors.All(p => c.Parameters[p].Axes is [0]) && !EmptyHasNoValue(c.Name)))
        {
            data.Add(c.Name);
        }

        return data;
    }

    /// <summary>Functions whose value over no elements does not exist: Max(x) and Min(x) throw, eagerly and generated alike.</summary>
    public static TheoryData<string> EmptyWithoutValue() => ["OpMax", "OpMaxF", "OpMin", "OpMinF"];

    public static TheoryData<string> Kinks() => ["OpRelu", "OpReluF", "OpAbs", "OpAbsF"];

    [Theory]
    [MemberData(nameof(VectorCases))]
    public void Empty_vectors_give_the_eager_value(string function)
        => GradientCatalog.Dispatch(GradientCatalog.Find(function), EmptyVectors, EmptyVectors);

    [Theory]
    [MemberData(nameof(EmptyWithoutValue))]
    public void Empty_vectors_throw_where_the_eager_method_throws(string function)
        => GradientCatalog.Dispatch(GradientCatalog.Find(function), EmptyThrows, EmptyThrows);

    [Theory]
    [MemberData(nameof(Kinks))]
    public void The_derivative_at_a_kink_is_zero_as_in_PyTorch(string function)
        => GradientCatalog.Dispatch(GradientCatalog.Find(function), AtKinks, AtKinks);

    /// <summary>Sum is 0, Mean is NaN and LogSumExp is -infinity over no elements, eagerly and generated alike.</summary>
    private static void EmptyVectors<T>(GradientCase<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments<T> arguments = c.ArgumentsAt(new Size(0));
        T eager = c.Eager(arguments);
        Assert.Equal(eager, c.Value(arguments));
        Assert.Equal(eager, c.ValueAndGradient(arguments, Gradients<T>.For(arguments, T.NaN)));
    }

    private static bool EmptyHasNoValue(string name) => name is "OpMax" or "OpMaxF" or "OpMin" or "OpMinF";

    /// <summary>Max and Min of no elements: ArgumentException naming the parameter, from the eager method and both generated ones, and no gradient written.</summary>
    private static void EmptyThrows<T>(GradientCase<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments<T> arguments = c.ArgumentsAt(new Size(0));
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => c.Eager(arguments)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => c.Value(arguments)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => c.ValueAndGradient(arguments, Gradients<T>.For(arguments, T.NaN))).ParamName);
    }

    /// <summary>Relu'(0) and Abs'(0) are 0 in PyTorch, for +0 and -0, at every position of a vector that has SIMD lanes and a tail.</summary>
    private static void AtKinks<T>(GradientCase<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[] x = Enumerable.Range(0, 37).Select(i => (i % 3) switch { 0 => T.Zero, 1 => T.NegativeZero, _ => T.CreateTruncating(i % 2 == 0 ? 1.5 : -1.5) }).ToArray();
        var arguments = new Arguments<T>(c.Parameters, [Tensor.Create(x, [x.Length])], [T.Zero], [0]);
        Gradients<T> gradients = Gradients<T>.For(arguments, T.NaN);
        c.ValueAndGradient(arguments, gradients);

        T[] dx = Arguments<T>.Elements(gradients[0]);
        T[] expected = x.Select(value => T.IsZero(value) ? T.Zero : c.Name.StartsWith("OpRelu", StringComparison.Ordinal) ? (value > T.Zero ? T.One : T.Zero) : T.CopySign(T.One, value)).ToArray();
        Assert.Equal(expected, dx);
    }
}
