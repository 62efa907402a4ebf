using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>The arguments of one call of a function under test, by parameter position.</summary>
/// <typeparam name="T">The function's element type.</typeparam>
public sealed class Arguments<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Tensor<T>?[] tensors;
    private readonly T[] scalars;
    private readonly int[] integers;

    public Arguments(IReadOnlyList<CaseParameter> parameters, Tensor<T>?[] tensors, T[] scalars, int[] integers)
    {
        Parameters = parameters;
        this.tensors = tensors;
        this.scalars = scalars;
        this.integers = integers;
    }

    /// <summary>The parameters the arguments are for.</summary>
    public IReadOnlyList<CaseParameter> Parameters { get; }

    /// <summary>The tensor argument of parameter <paramref name="position"/>.</summary>
    public Tensor<T> this[int position]
    {
        get => tensors[position] ?? throw new InvalidOperationException($"Parameter {Parameters[position].Name} is not a tensor.");
        set => tensors[position] = value;
    }

    /// <summary>The scalar argument of parameter <paramref name="position"/>; a reference, so a finite difference can step it.</summary>
    public ref T Scalar(int position) => ref scalars[position];

    /// <summary>The integer argument of parameter <paramref name="position"/>.</summary>
    public int Integer(int position) => integers[position];

    /// <summary>The number of elements of the largest tensor argument (1 when there is none).</summary>
    public long LargestTensor => tensors.Max(tensor => tensor?.FlattenedLength ?? 1);

    /// <summary>The arguments at <paramref name="size"/>, each tensor filled from its domain's formula.</summary>
    public static Arguments<T> At(IReadOnlyList<CaseParameter> parameters, Size size)
    {
        var tensors = new Tensor<T>?[parameters.Count];
        var scalars = new T[parameters.Count];
        var integers = new int[parameters.Count];
        for (int p = 0; p < parameters.Count; p++)
        {
            CaseParameter parameter = parameters[p];
            switch (parameter.Kind)
            {
                case ArgumentKind.Tensor:
                    nint[] shape = parameter.ShapeAt(size);
                    var elements = new T[(int)shape.Aggregate((nint)1, (product, length) => product * length)];
                    for (int i = 0; i < elements.Length; i++)
                    {
                        // Parameters start at different positions, so two tensors of a function never hold the same values.
                        elements[i] = T.CreateTruncating(parameter.Domain!.Formula(i + (37 * p)));
                    }

                    tensors[p] = Tensor.Create(elements, shape);
                    break;
                case ArgumentKind.Scalar:
                    scalars[p] = T.CreateTruncating(parameter.Constant);
                    break;
                case ArgumentKind.Integer:
                    integers[p] = (int)parameter.Constant;
                    break;
            }
        }

        return new Arguments<T>(parameters, tensors, scalars, integers);
    }

    /// <summary>A deep copy: tensors are copied, not shared.</summary>
    public Arguments<T> Clone()
        => new(Parameters, tensors.Select(tensor => tensor is null ? null : Copy(tensor)).ToArray(), (T[])scalars.Clone(), (int[])integers.Clone());

    /// <summary>A copy of <paramref name="tensor"/> with its own memory.</summary>
    public static Tensor<T> Copy(Tensor<T> tensor) => Tensor.Create(Elements(tensor), tensor.Lengths);

    /// <summary>The elements of <paramref name="tensor"/> in row-major order, copied.</summary>
    public static T[] Elements(Tensor<T> tensor)
    {
        var elements = new T[tensor.FlattenedLength];
        tensor.FlattenTo(elements);
        return elements;
    }
}

/// <summary>The gradient buffers of one call, by parameter position: a tensor per differentiable tensor, a scalar per differentiable scalar.</summary>
/// <typeparam name="T">The function's element type.</typeparam>
public sealed class Gradients<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Tensor<T>?[] tensors;
    private readonly T[] scalars;

    private Gradients(IReadOnlyList<CaseParameter> parameters, Tensor<T>?[] tensors, T[] scalars)
    {
        Parameters = parameters;
        this.tensors = tensors;
        this.scalars = scalars;
    }

    /// <summary>The parameters the gradients are for.</summary>
    public IReadOnlyList<CaseParameter> Parameters { get; }

    /// <summary>The gradient buffer of tensor parameter <paramref name="position"/>.</summary>
    public Tensor<T> this[int position]
    {
        get => tensors[position] ?? throw new InvalidOperationException($"Parameter {Parameters[position].Name} has no tensor gradient.");
        set => tensors[position] = value;
    }

    /// <summary>The gradient of scalar parameter <paramref name="position"/>, for an <c>out</c> argument.</summary>
    public ref T Scalar(int position) => ref scalars[position];

    /// <summary>Buffers shaped like the tensor arguments of <paramref name="arguments"/>, every element set to <paramref name="fill"/>.</summary>
    public static Gradients<T> For(Arguments<T> arguments, T fill)
    {
        IReadOnlyList<CaseParameter> parameters = arguments.Parameters;
        var tensors = new Tensor<T>?[parameters.Count];
        var scalars = new T[parameters.Count];
        for (int p = 0; p < parameters.Count; p++)
        {
            if (parameters[p] is { Differentiable: true, Kind: ArgumentKind.Tensor })
            {
                tensors[p] = Tensor.Create(Enumerable.Repeat(fill, (int)arguments[p].FlattenedLength).ToArray(), arguments[p].Lengths);
            }

            scalars[p] = fill;
        }

        return new Gradients<T>(parameters, tensors, scalars);
    }

    /// <summary>Every gradient element, in parameter order, then row-major order.</summary>
    public T[] Flatten()
    {
        var all = new List<T>();
        for (int p = 0; p < Parameters.Count; p++)
        {
            if (tensors[p] is { } tensor)
            {
                all.AddRange(Arguments<T>.Elements(tensor));
            }
            else if (Parameters[p] is { Differentiable: true, Kind: ArgumentKind.Scalar })
            {
                all.Add(scalars[p]);
            }
        }

        return all.ToArray();
    }
}
