using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace SymGrad.Tests.Gradients;

/// <summary>Computes a function's value from its arguments.</summary>
public delegate T ValueFunction<T>(Arguments<T> arguments)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;

/// <summary>Computes a function's value from its arguments and writes its gradients.</summary>
public delegate T GradientFunction<T>(Arguments<T> arguments, Gradients<T> gradients)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;

/// <summary>A [Differentiable] function under test: its parameters, the sizes it is tested at, and its three entry points.</summary>
public abstract class GradientCase
{
    protected GradientCase(string name, IReadOnlyList<CaseParameter> parameters, IReadOnlyList<Size> sizes, Size longSize)
    {
        Name = name;
        Parameters = parameters;
        Sizes = sizes;
        Long = longSize;
    }

    /// <summary>The method's name, the same in <c>Reference/gradients.json</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<CaseParameter> Parameters { get; }

    /// <summary>The sizes every check runs at, smallest first.</summary>
    public IReadOnlyList<Size> Sizes { get; }

    /// <summary>A size whose largest tensor spans several reduction blocks, too long for element-by-element finite differences.</summary>
    public Size Long { get; }

    /// <summary>The finite-difference step of a float function; double functions take GradCheck's default.</summary>
    public double Step { get; init; } = 1e-2;

    /// <summary>float or double.</summary>
    public abstract Type Element { get; }

    /// <summary>The positions of the parameters with a gradient.</summary>
    public IEnumerable<int> Differentiable => Enumerable.Range(0, Parameters.Count).Where(p => Parameters[p].Differentiable);

    /// <summary>The positions of the tensor parameters.</summary>
    public IEnumerable<int> Tensors => Enumerable.Range(0, Parameters.Count).Where(p => Parameters[p].Kind == ArgumentKind.Tensor);

    public override string ToString() => Name;
}

/// <inheritdoc/>
/// <typeparam name="T">The element type.</typeparam>
public sealed class GradientCase<T> : GradientCase
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public GradientCase(
        string name, IReadOnlyList<CaseParameter> parameters, IReadOnlyList<Size> sizes, Size longSize,
        ValueFunction<T> eager, ValueFunction<T> value, GradientFunction<T> valueAndGradient)
        : base(name, parameters, sizes, longSize)
    {
        Eager = eager;
        Value = value;
        ValueAndGradient = valueAndGradient;
    }

    public override Type Element => typeof(T);

    /// <summary>The [Differentiable] method itself, run eagerly through System.Numerics.Tensors.</summary>
    public ValueFunction<T> Eager { get; }

    /// <summary>The generated <c>{Name}Value</c>.</summary>
    public ValueFunction<T> Value { get; }

    /// <summary>The generated <c>{Name}ValueAndGradient</c>.</summary>
    public GradientFunction<T> ValueAndGradient { get; }

    /// <summary>The arguments at <paramref name="size"/>.</summary>
    public Arguments<T> ArgumentsAt(Size size) => Arguments<T>.At(Parameters, size);
}
