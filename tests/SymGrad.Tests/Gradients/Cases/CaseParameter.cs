using System;
using System.Linq;

namespace SymGrad.Tests.Gradients;

/// <summary>What kind of argument a parameter of a function under test takes.</summary>
public enum ArgumentKind
{
    /// <summary>A tensor of <c>float</c> or <c>double</c>.</summary>
    Tensor,

    /// <summary>A <c>float</c> or <c>double</c>.</summary>
    Scalar,

    /// <summary>An <c>int</c>: always a constant.</summary>
    Integer,
}

/// <summary>One parameter of a function under test, and how a test fills it.</summary>
/// <param name="Name">The parameter's name in the C# method (and in the PyTorch reference).</param>
/// <param name="Kind">Tensor, scalar or integer.</param>
/// <param name="Differentiable">Whether the generated method returns a gradient for it.</param>
/// <param name="Axes">For a tensor, the index into <see cref="Size.Dimensions"/> of each of its dimensions.</param>
/// <param name="Domain">For a tensor, where its elements come from.</param>
/// <param name="Constant">For a scalar or an integer, its value.</param>
public sealed record CaseParameter(string Name, ArgumentKind Kind, bool Differentiable, int[] Axes, Domain? Domain, double Constant)
{
    /// <summary>The name of the generated gradient parameter: <c>d{Name}</c>.</summary>
    public string GradientName => "d" + Name;

    /// <summary>A differentiable tensor whose dimensions are <paramref name="axes"/> of the size (the first by default).</summary>
    public static CaseParameter Tensor(string name, Domain domain, params int[] axes)
        => new(name, ArgumentKind.Tensor, Differentiable: true, axes.Length == 0 ? [0] : axes, domain, 0);

    /// <summary>A [NoGrad] tensor whose dimensions are <paramref name="axes"/> of the size (the first by default).</summary>
    public static CaseParameter NoGrad(string name, Domain domain, params int[] axes)
        => Tensor(name, domain, axes) with { Differentiable = false };

    /// <summary>A differentiable scalar with a fixed value.</summary>
    public static CaseParameter Scalar(string name, double value)
        => new(name, ArgumentKind.Scalar, Differentiable: true, [], null, value);

    /// <summary>An integer constant.</summary>
    public static CaseParameter Integer(string name, int value)
        => new(name, ArgumentKind.Integer, Differentiable: false, [], null, value);

    /// <summary>The tensor's shape at <paramref name="size"/>.</summary>
    public nint[] ShapeAt(Size size) => Axes.Select(axis => (nint)size.Dimensions[axis]).ToArray();
}

/// <summary>One size a function is tested at: the lengths its parameters' dimensions refer to.</summary>
/// <param name="Dimensions">The lengths; a tensor parameter picks its dimensions from them by index.</param>
public sealed record Size(params int[] Dimensions)
{
    /// <summary>The label of the size in test names, like <c>1003</c> or <c>17x15x3</c>.</summary>
    public string Label => string.Join("x", Dimensions);

    public override string ToString() => Label;

    /// <summary>Parses a <see cref="Label"/>.</summary>
    public static Size Parse(string label) => new(label.Split('x').Select(int.Parse).ToArray());
}
