using System;
using System.Linq;
using System.Numerics;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// The generated values and gradients agree with PyTorch's (autograd in float64, recorded in
/// <c>Reference/gradients.json</c> by <c>tools/reference/gradients.py</c>): within ~1e-9 for double functions and
/// ~1e-4 for float ones.
/// </summary>
public sealed class TorchReferenceTests
{
    /// <summary>(function, size) for every reference of a function the generator gets right.</summary>
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (ReferenceFunction function in GradientReference.Functions.Where(f => GradientCatalog.All.Any(c => c.Name == f.Name)))
        {
            foreach (ReferenceCase c in function.Cases)
            {
                data.Add(function.Name, c.Size);
            }
        }

        return data;
    }

    public static TheoryData<string> Functions()
    {
        var data = new TheoryData<string>();
        foreach (ReferenceFunction function in GradientReference.Functions)
        {
            data.Add(function.Name);
        }

        return data;
    }

    [Fact]
    public void Every_function_of_the_suite_has_a_torch_reference_under_its_own_name()
    {
        string[] referenced = GradientReference.Functions.Select(f => f.Name).ToArray();
        Assert.Equal(referenced.Length, referenced.Distinct().Count());
        Assert.True(referenced.Length >= 30, $"Only {referenced.Length} functions have a PyTorch reference.");
        Assert.Equal(GradientCatalog.All.Concat(GradientCatalog.Limits).Select(c => c.Name).Order(), referenced.Order());
        Assert.StartsWith("1.13", GradientReference.Torch, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_reference_was_computed_at_the_suites_own_inputs(string function)
    {
        ReferenceFunction reference = GradientReference.Functions.Single(f => f.Name == function);
        GradientCase c = GradientCatalog.Find(function);
        Assert.Equal(c.Element, reference.Element);
        Assert.NotEmpty(reference.Cases);
        foreach (ReferenceCase referenceCase in reference.Cases)
        {
            Assert.Contains(c.Sizes, size => size.Label == referenceCase.Size);
            Assert.Equal(c.Parameters.Select(p => p.Name).Order(), referenceCase.Inputs.Keys.Order());
            Assert.Equal(c.Differentiable.Select(p => c.Parameters[p].Name).Order(), referenceCase.Gradients.Keys.Order());
            GradientCatalog.Dispatch(c, f => SameInputs(f, referenceCase), d => SameInputs(d, referenceCase));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Value_and_gradients_match_torch(string function, string size)
    {
        ReferenceCase reference = GradientReference.Case(function, size);
        GradientCatalog.Dispatch(GradientCatalog.Find(function), c => Compare(c, reference), c => Compare(c, reference));
    }

    private static void SameInputs<T>(GradientCase<T> c, ReferenceCase reference)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments<T> ours = c.ArgumentsAt(Size.Parse(reference.Size));
        Arguments<T> theirs = reference.ArgumentsFor(c);
        for (int p = 0; p < c.Parameters.Count; p++)
        {
            string context = $"{c.Name} at {reference.Size}, input {c.Parameters[p].Name}";
            switch (c.Parameters[p].Kind)
            {
                case ArgumentKind.Tensor:
                    Assert.Equal(ours[p].Lengths.ToArray(), theirs[p].Lengths.ToArray());
                    T[] expected = Arguments<T>.Elements(theirs[p]);
                    T[] actual = Arguments<T>.Elements(ours[p]);
                    for (int i = 0; i < expected.Length; i++)
                    {
                        // Python's math.sin and .NET's Math.Sin may differ in the last bit.
                        Precision.Close(double.CreateTruncating(expected[i]), double.CreateTruncating(actual[i]), 1e-15, 0, context);
                    }

                    break;
                case ArgumentKind.Scalar:
                    Assert.Equal(theirs.Scalar(p), ours.Scalar(p));
                    break;
                case ArgumentKind.Integer:
                    Assert.Equal(theirs.Integer(p), ours.Integer(p));
                    break;
            }
        }
    }

    internal static void Compare<T>(GradientCase<T> c, ReferenceCase reference)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double tolerance = Precision.Reference<T>();
        Arguments<T> arguments = reference.ArgumentsFor(c);
        Gradients<T> gradients = Gradients<T>.For(arguments, T.Zero);
        string at = $"{c.Name} at {reference.Size}";

        Precision.Close(reference.Value, double.CreateTruncating(c.Value(arguments)), tolerance, 1, at + ": value");
        Precision.Close(reference.Value, double.CreateTruncating(c.ValueAndGradient(arguments, gradients)), tolerance, 1, at + ": ValueAndGradient's value");

        foreach (int p in c.Differentiable)
        {
            CaseParameter parameter = c.Parameters[p];
            double[] expected = reference.Gradients[parameter.Name];
            double[] actual = parameter.Kind == ArgumentKind.Tensor
                ? Arguments<T>.Elements(gradients[p]).Select(double.CreateTruncating).ToArray()
                : [double.CreateTruncating(gradients.Scalar(p))];
            Assert.Equal(expected.Length, actual.Length);

            // Relative to each element, plus the tensor's largest element: the rounding of an element that cancels
            // to nearly zero is the rounding of the terms it came from.
            double scale = expected.Max(Math.Abs);
            for (int i = 0; i < expected.Length; i++)
            {
                Precision.Close(expected[i], actual[i], tolerance, scale, $"{at}: d{parameter.Name}[{i}]");
            }
        }
    }
}
