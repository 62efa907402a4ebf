using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using SymGrad.Optimization;

namespace SymGrad.Tests.Optimization;

/// <summary>
/// Every optimizer refuses a parameter list in which two entries share a buffer, whichever buffers they are: a shared
/// gradient would be overwritten by the other parameter's evaluation, a shared value moved twice per step.
/// </summary>
public sealed class SharedMemoryTests
{
    public static TheoryData<string> Optimizers => new() { "Sgd", "Adam", "AdamW" };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Two_parameters_over_one_gradient_are_rejected_naming_both(string optimizer)
    {
        Tensor<float> gradient = Tensor.CreateFromShape<float>([2, 3]);
        var w = new Parameter<float>("w", Tensor.CreateFromShape<float>([2, 3]), gradient);
        var v = new Parameter<float>("v", Tensor.CreateFromShape<float>([2, 3]), gradient);

        var error = Assert.Throws<ArgumentException>(() => Create(optimizer, [w, v]));

        Assert.Equal("parameters", error.ParamName);
        Assert.Contains("The gradients of parameters 'w' (entry 0) and 'v' (entry 1) share memory", error.Message);
        Assert.Contains("its own gradient", error.Message);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Gradients_that_overlap_in_part_are_rejected(string optimizer)
    {
        // Two dense gradients of four elements over one array, offset by two: they share elements 2 and 3.
        float[] storage = new float[6];
        var w = new Parameter<float>("w", Tensor.CreateFromShape<float>([4]), Tensor.Create(storage, 0, [4], [1]));
        var b = new Parameter<float>("b", Tensor.CreateFromShape<float>([4]), Tensor.Create(storage, 2, [4], [1]));

        var error = Assert.Throws<ArgumentException>(() => Create(optimizer, [w, b]));

        Assert.Contains("'w' (entry 0) and 'b' (entry 1)", error.Message);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_value_that_is_another_parameters_gradient_is_rejected_either_way_round(string optimizer)
    {
        Tensor<float> shared = Tensor.CreateFromShape<float>([3]);
        var w = new Parameter<float>("w", Tensor.CreateFromShape<float>([3]), shared);
        var b = new Parameter<float>("b", shared);

        var later = Assert.Throws<ArgumentException>(() => Create(optimizer, [w, b]));
        var earlier = Assert.Throws<ArgumentException>(() => Create(optimizer, [b, w]));

        Assert.Contains("The gradient of parameter 'w' (entry 0) shares memory with the value of parameter 'b' (entry 1)", later.Message);
        Assert.Contains("The value of parameter 'b' (entry 0) shares memory with the gradient of parameter 'w' (entry 1)", earlier.Message);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Parameters_with_buffers_of_their_own_are_accepted(string optimizer)
    {
        float[] storage = new float[8];
        var w = new Parameter<float>("w", Tensor.Create(storage, 0, [4], [1]), Tensor.CreateFromShape<float>([4]));
        var b = new Parameter<float>("b", Tensor.Create(storage, 4, [4], [1]), Tensor.CreateFromShape<float>([4]));

        Optimizer<float> accepted = Create(optimizer, [w, b]);

        Assert.Equal(2, accepted.Parameters.Count);
    }

    private static Optimizer<float> Create(string optimizer, IEnumerable<Parameter<float>> parameters) => optimizer switch
    {
        "Sgd" => new Sgd<float>(parameters, learningRate: 0.01),
        "Adam" => new Adam<float>(parameters),
        "AdamW" => new AdamW<float>(parameters),
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, "Sgd, Adam or AdamW"),
    };
}

/// <summary>A parameter over part of an array is updated where it lies, not at the array's start.</summary>
public sealed class OffsetTensorTests
{
    [Fact]
    public void A_step_updates_a_value_created_at_an_offset_into_its_array()
    {
        float[] storage = new float[8];
        Tensor<float> gradient = Tensor.Create([1f, 2f, 3f, 4f], [4]);
        var w = new Parameter<float>("w", Tensor.Create(storage, 4, [4], [1]), gradient);

        new Sgd<float>([w], learningRate: 1.0).Step();

        Assert.Equal([0f, 0f, 0f, 0f, -1f, -2f, -3f, -4f], storage);
    }

    [Fact]
    public void The_gradient_norm_reads_a_gradient_created_at_an_offset_into_its_array()
    {
        float[] storage = [9f, 9f, 3f, 4f];
        var w = new Parameter<float>("w", Tensor.CreateFromShape<float>([2]), Tensor.Create(storage, 2, [2], [1]));

        Assert.Equal(5f, Minimizer.GradientNorm(new Sgd<float>([w], learningRate: 0.1)));
    }
}
