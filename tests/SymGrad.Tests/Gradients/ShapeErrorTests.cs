using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Bad arguments throw an <see cref="ArgumentException"/> that names the parameter, before anything is written: every
/// gradient buffer still holds its sentinel afterwards.
/// </summary>
public sealed class ShapeErrorTests
{
    private const double Sentinel = -7777.25;

    /// <summary>Functions with a tensor gradient.</summary>
    public static TheoryData<string> WithTensorGradient()
        => Names(c => c.Differentiable.Any(p => c.Parameters[p].Kind == ArgumentKind.Tensor));

    /// <summary>Functions with two tensor gradients of the same shape, which a careless caller could pass one buffer for.</summary>
    public static TheoryData<string> WithTwinGradients()
        => Names(c => TwinGradients(c).Any());

    /// <summary>Functions with a tensor argument.</summary>
    public static TheoryData<string> WithTensor() => Names(c => c.Tensors.Any());

    /// <summary>Functions in which tensors meet, so that growing one of them makes the method run as written throw.</summary>
    public static TheoryData<string> WithMeetingTensors()
    {
        bool any = false;
        return Names(c =>
        {
            GradientCatalog.Dispatch(c, f => any = Mismatches(f).Any(), d => any = Mismatches(d).Any());
            return any;
        });
    }

    [Theory]
    [MemberData(nameof(WithTensorGradient))]
    public void A_gradient_of_the_wrong_shape_is_rejected(string function)
        => GradientCatalog.Dispatch(GradientCatalog.Find(function), WrongShape, WrongShape);

    [Theory]
    [MemberData(nameof(WithTensorGradient))]
    public void A_gradient_that_is_an_input_is_rejected(string function)
        => GradientCatalog.Dispatch(GradientCatalog.Find(function), AliasedInput, AliasedInput);

    [Theory]
    [MemberData(nameof(WithTensorGradient))]
    public void A_gradient_that_overlaps_an_input_is_rejected(string function)
        => GradientCatalog.Dispatch(GradientCatalog.Find(function), OverlappingInput, OverlappingInput);

    [Theory]
    [MemberData(nameof(WithTwinGradients))]
    public void Two_gradients_in_one_buffer_are_rejected(string function)
        => GradientCatalog.Dispatch(GradientCatalog.Find(function), SharedGradient, SharedGradient);

    [Theory]
    [MemberData(nameof(WithMeetingTensors))]
    public void Inputs_of_mismatched_shapes_are_rejected(string function)
        => GradientCatalog.Dispatch(GradientCatalog.Find(function), MismatchedInputs, MismatchedInputs);

    [Theory]
    [MemberData(nameof(WithTensor))]
    public void A_strided_input_is_rejected(string function)
        => GradientCatalog.Dispatch(GradientCatalog.Find(function), StridedInput, StridedInput);

    [Theory]
    [MemberData(nameof(WithTensorGradient))]
    public void A_strided_gradient_is_rejected(string function)
        => GradientCatalog.Dispatch(GradientCatalog.Find(function), StridedGradient, StridedGradient);

    private static void WrongShape<T>(GradientCase<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments<T> arguments = c.ArgumentsAt(TestSize(c));
        foreach (int p in TensorGradients(c))
        {
            nint[] shape = arguments[p].Lengths.ToArray();
            nint[] longer = [.. shape[..^1], shape[^1] + 1];
            nint[] higherRank = [1, .. shape];
            foreach (nint[] wrong in new[] { longer, higherRank })
            {
                Gradients<T> gradients = Gradients<T>.For(arguments, T.CreateTruncating(Sentinel));
                gradients[p] = Filled<T>(wrong);
                ExpectRejected(c, arguments, gradients, [c.Parameters[p].GradientName], $"d{c.Parameters[p].Name} of shape {Format(wrong)}");
            }
        }
    }

    private static void AliasedInput<T>(GradientCase<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments<T> arguments = c.ArgumentsAt(TestSize(c));
        foreach (int p in TensorGradients(c))
        {
            foreach (int q in c.Tensors.Where(q => arguments[q].Lengths.SequenceEqual(arguments[p].Lengths)))
            {
                Tensor<T> input = arguments[q];
                T[] before = Elements(input);
                Gradients<T> gradients = Gradients<T>.For(arguments, T.CreateTruncating(Sentinel));
                gradients[p] = input;
                ExpectRejected(c, arguments, gradients, [c.Parameters[p].GradientName], $"d{c.Parameters[p].Name} passed the tensor '{c.Parameters[q].Name}'", skip: p);
                Assert.Equal(before, Elements(input));
            }
        }
    }

    private static void OverlappingInput<T>(GradientCase<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments<T> arguments = c.ArgumentsAt(TestSize(c));
        int overlapping = 0;
        foreach (int p in TensorGradients(c).Where(p => arguments[p].FlattenedLength >= 2))
        {
            // The input occupies elements [0, n) of one array and the gradient [1, n + 1): they share n - 1 elements.
            Tensor<T> original = arguments[p];
            T[] shared = [.. Elements(original), T.CreateTruncating(Sentinel)];
            nint[] shape = original.Lengths.ToArray();
            nint[] strides = original.Strides.ToArray();
            arguments[p] = Tensor.Create(shared, 0, shape, strides);
            Gradients<T> gradients = Gradients<T>.For(arguments, T.CreateTruncating(Sentinel));
            gradients[p] = Tensor.Create(shared, 1, shape, strides);
            T[] before = (T[])shared.Clone();

            ExpectRejected(c, arguments, gradients, [c.Parameters[p].GradientName], $"d{c.Parameters[p].Name} one element past '{c.Parameters[p].Name}'", skip: p);
            Assert.Equal(before, shared);
            arguments[p] = original;
            overlapping++;
        }

        Assert.True(overlapping > 0, $"{c.Name}: every tensor gradient has a single element, so none can partly overlap its input.");
    }

    private static void SharedGradient<T>(GradientCase<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments<T> arguments = c.ArgumentsAt(TestSize(c));
        foreach ((int p, int q) in TwinGradients(c))
        {
            Gradients<T> gradients = Gradients<T>.For(arguments, T.CreateTruncating(Sentinel));
            gradients[q] = gradients[p];
            ExpectRejected(
                c, arguments, gradients, [c.Parameters[p].GradientName, c.Parameters[q].GradientName],
                $"d{c.Parameters[p].Name} and d{c.Parameters[q].Name} in one buffer");
        }
    }

    private static void MismatchedInputs<T>(GradientCase<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string[] parameterNames = c.Parameters.Select(parameter => parameter.Name).ToArray();
        int rejected = 0;
        foreach ((string what, Arguments<T> arguments) in Mismatches(c))
        {
            ArgumentException valueError = Assert.ThrowsAny<ArgumentException>(() => c.Value(arguments));
            Assert.True(parameterNames.Contains(valueError.ParamName), $"{c.Name} with {what}: value names {valueError.ParamName}: {valueError.Message}");
            ExpectRejected(c, arguments, Gradients<T>.For(arguments, T.CreateTruncating(Sentinel)), parameterNames, what);
            rejected++;
        }

        Assert.True(rejected > 0, $"{c.Name}: no grown dimension made the eager method throw, so nothing was checked.");
    }

    private static void StridedInput<T>(GradientCase<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int rejected = 0;
        foreach (int p in c.Tensors)
        {
            Arguments<T> arguments = c.ArgumentsAt(TestSize(c));
            if (arguments[p].FlattenedLength < 2)
            {
                continue;
            }

            arguments[p] = Broadcast<T>(arguments[p].Lengths.ToArray());
            string what = $"'{c.Parameters[p].Name}' a broadcast view";
            ArgumentException valueError = Assert.ThrowsAny<ArgumentException>(() => c.Value(arguments));
            Assert.Equal(c.Parameters[p].Name, valueError.ParamName);
            ExpectRejected(c, arguments, Gradients<T>.For(arguments, T.CreateTruncating(Sentinel)), [c.Parameters[p].Name], what);
            rejected++;
        }

        Assert.True(rejected > 0, $"{c.Name}: every tensor has a single element, which is dense however it is viewed.");
    }

    private static void StridedGradient<T>(GradientCase<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments<T> arguments = c.ArgumentsAt(TestSize(c));
        int rejected = 0;
        foreach (int p in TensorGradients(c).Where(p => arguments[p].FlattenedLength >= 2))
        {
            Gradients<T> gradients = Gradients<T>.For(arguments, T.CreateTruncating(Sentinel));
            gradients[p] = Broadcast<T>(arguments[p].Lengths.ToArray());
            ExpectRejected(c, arguments, gradients, [c.Parameters[p].GradientName], $"d{c.Parameters[p].Name} a broadcast view", skip: p);
            rejected++;
        }

        Assert.True(rejected > 0, $"{c.Name}: every tensor gradient has a single element, which is dense however it is viewed.");
    }

    /// <summary>
    /// Each tensor with one dimension grown by one, where the method run eagerly rejects the new shapes: the
    /// generated methods must reject them too. (Eager broadcasting accepts a few shapes SymGrad does not, such as a
    /// [1] bias over two columns; those are left out.)
    /// </summary>
    private static IEnumerable<(string What, Arguments<T> Arguments)> Mismatches<T>(GradientCase<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        foreach (int p in c.Tensors)
        {
            for (int axis = 0; axis < c.Parameters[p].Axes.Length; axis++)
            {
                Arguments<T> arguments = c.ArgumentsAt(TestSize(c));
                nint[] shape = arguments[p].Lengths.ToArray();
                shape[axis]++;
                arguments[p] = Filled<T>(shape, T.One);
                if (EagerRejects(c, arguments))
                {
                    yield return ($"'{c.Parameters[p].Name}' of shape {Format(shape)}", arguments);
                }
            }
        }
    }

    /// <summary>Calls ValueAndGradient, requires an ArgumentException naming one of <paramref name="names"/>, and requires every gradient buffer to be untouched.</summary>
    private static void ExpectRejected<T>(GradientCase<T> c, Arguments<T> arguments, Gradients<T> gradients, string[] names, string what, int skip = -1)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => c.ValueAndGradient(arguments, gradients));
        Assert.True(
            names.Contains(error.ParamName),
            $"{c.Name} with {what}: the exception names '{error.ParamName}', expected {string.Join(" or ", names)}. Message: {error.Message}");
        foreach (int p in TensorGradients(c).Where(p => p != skip))
        {
            Assert.True(
                Elements(gradients[p]).All(element => element == T.CreateTruncating(Sentinel)),
                $"{c.Name} with {what}: d{c.Parameters[p].Name} was written before the error was raised.");
        }
    }

    private static bool EagerRejects<T>(GradientCase<T> c, Arguments<T> arguments)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        try
        {
            c.Eager(arguments);
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static TheoryData<string> Names(Func<GradientCase, bool> predicate)
    {
        var data = new TheoryData<string>();
        foreach (GradientCase c in GradientCatalog.All.Where(predicate))
        {
            data.Add(c.Name);
        }

        return data;
    }

    /// <summary>The third size: 17 elements, or matrices without a dimension of one.</summary>
    private static Size TestSize(GradientCase c) => c.Sizes[2];

    private static IEnumerable<int> TensorGradients(GradientCase c) => c.Differentiable.Where(p => c.Parameters[p].Kind == ArgumentKind.Tensor);

    private static IEnumerable<(int, int)> TwinGradients(GradientCase c)
    {
        int[] tensors = TensorGradients(c).ToArray();
        Size size = TestSize(c);
        return from p in tensors
               from q in tensors
               where p < q && c.Parameters[p].ShapeAt(size).SequenceEqual(c.Parameters[q].ShapeAt(size))
               select (p, q);
    }

    /// <summary>A view of one element repeated over <paramref name="shape"/>: every stride 0, so not dense.</summary>
    private static Tensor<T> Broadcast<T>(nint[] shape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Tensor.Create([T.One], 0, shape, new nint[shape.Length]);

    private static Tensor<T> Filled<T>(nint[] shape, T? value = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Tensor.Create(Enumerable.Repeat(value ?? T.CreateTruncating(Sentinel), (int)shape.Aggregate((nint)1, (a, b) => a * b)).ToArray(), shape);

    private static T[] Elements<T>(Tensor<T> tensor)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Arguments<T>.Elements(tensor);

    private static string Format(nint[] shape) => "[" + string.Join(", ", shape) + "]";
}
