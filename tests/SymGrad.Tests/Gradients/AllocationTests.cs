using System;
using System.Numerics;

namespace SymGrad.Tests.Gradients;

/// <summary>After warm-up, the generated methods allocate nothing on the calling thread.</summary>
public sealed class AllocationTests
{
    private const int Calls = 20;

    /// <summary>Every case at its smallest and at its largest size.</summary>
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (GradientCase c in GradientCatalog.All)
        {
            data.Add(c.Name, c.Sizes[0].Label);
            data.Add(c.Name, c.Sizes[^1].Label);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Value_and_gradient_allocate_nothing_after_warm_up(string function, string size)
        => GradientCatalog.Dispatch(GradientCatalog.Find(function), c => NothingAllocated(c, Size.Parse(size)), c => NothingAllocated(c, Size.Parse(size)));

    internal static void NothingAllocated<T>(GradientCase<T> c, Size size)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Arguments<T> arguments = c.ArgumentsAt(size);
        Gradients<T> gradients = Gradients<T>.For(arguments, T.Zero);
        ValueFunction<T> value = c.Value;
        GradientFunction<T> valueAndGradient = c.ValueAndGradient;

        // Past the JIT's tier-up threshold of 30 calls.
        for (int i = 0; i < 40; i++)
        {
            value(arguments);
            valueAndGradient(arguments, gradients);
        }

        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                value(arguments);
            }
        }));
        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                valueAndGradient(arguments, gradients);
            }
        }));
    }
}
