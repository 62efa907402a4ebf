using System;
using System.Numerics.Tensors;
using SymGrad.Optimization;

namespace SymGrad.Tests.Optimization;

public sealed class ValidationTests
{
    private static Parameter<float> W() => new("w", Tensor.CreateFromShape<float>([2, 3]));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_bad_learning_rate_is_rejected_by_every_optimizer(double learningRate)
    {
        Parameter<float>[] parameters = [W()];

        var errors = new[]
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<float>(parameters, learningRate)),
            Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<float>(parameters, learningRate)),
            Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW<float>(parameters, learningRate)),
        };

        Assert.All(errors, error => Assert.Equal("learningRate", error.ParamName));
        Assert.All(errors, error => Assert.Contains("must be a finite number >= 0", error.Message));
    }

    [Fact]
    public void A_bad_learning_rate_set_later_is_rejected_and_the_old_one_kept()
    {
        var sgd = new Sgd<float>([W()], learningRate: 0.01f);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = -1);

        Assert.Equal("LearningRate", error.ParamName);
        Assert.Equal(0.01f, (float)sgd.LearningRate);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.9, 0.1)]
    public void Nesterov_needs_momentum_and_no_dampening(double momentum, double dampening)
    {
        var error = Assert.Throws<ArgumentException>(() => new Sgd<float>([W()], learningRate: 0.01, momentum: momentum, dampening: dampening, nesterov: true));

        Assert.Equal("nesterov", error.ParamName);
        Assert.Contains("Nesterov momentum needs momentum > 0 and dampening == 0", error.Message);
        Assert.Contains("Pass nesterov: true with a momentum such as 0.9", error.Message);
    }

    [Fact]
    public void Sgd_rejects_out_of_range_options_by_name()
    {
        Parameter<float>[] parameters = [W()];

        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<float>(parameters, 0.1, momentum: -0.5)).ParamName);
        Assert.Equal("dampening", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<float>(parameters, 0.1, momentum: 0.9, dampening: double.NaN)).ParamName);
        Assert.Equal("weightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<float>(parameters, 0.1, weightDecay: -1e-4)).ParamName);
    }

    [Fact]
    public void Adam_and_AdamW_reject_out_of_range_options_by_name()
    {
        Parameter<double>[] parameters = [new("b", Tensor.CreateFromShape<double>([3]))];

        Assert.Equal("beta1", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<double>(parameters, beta1: 1.0)).ParamName);
        Assert.Equal("beta2", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<double>(parameters, beta2: -0.1)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<double>(parameters, epsilon: -1e-8)).ParamName);
        Assert.Equal("weightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<double>(parameters, weightDecay: -0.01)).ParamName);
        Assert.Equal("beta1", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW<double>(parameters, beta1: double.NaN)).ParamName);
        Assert.Equal("weightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW<double>(parameters, weightDecay: double.PositiveInfinity)).ParamName);
    }

    [Fact]
    public void Defaults_are_torchs()
    {
        Parameter<float>[] parameters = [W()];
        var sgd = new Sgd<float>(parameters, learningRate: 0.01f);
        var adam = new Adam<float>(parameters);
        var adamW = new AdamW<float>(parameters);

        Assert.Equal((0.0, 0.0, 0.0, false, false), (sgd.Momentum, sgd.Dampening, sgd.WeightDecay, sgd.Nesterov, sgd.Maximize));
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, 0.0, false, false), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay, adam.Amsgrad, adam.Maximize));
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, 1e-2, false, false), (adamW.LearningRate, adamW.Beta1, adamW.Beta2, adamW.Epsilon, adamW.WeightDecay, adamW.Amsgrad, adamW.Maximize));
        Assert.Equal("Sgd(learningRate: 0.01, 2 parameters)", new Sgd<float>([W(), new("b", Tensor.CreateFromShape<float>([3]))], learningRate: 0.01).ToString());
    }

    [Fact]
    public void An_empty_parameter_list_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Sgd<float>([], learningRate: 0.01));

        Assert.Equal("parameters", error.ParamName);
        Assert.Contains("Sgd got no parameters", error.Message);
    }

    [Fact]
    public void A_null_parameter_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Adam<float>([W(), null!]));

        Assert.Contains("Parameter 1 of 2 is null", error.Message);
    }

    [Fact]
    public void A_parameter_passed_twice_is_rejected()
    {
        Parameter<float> w = W();
        var sameTensor = new Parameter<float>("w2", w.Value);

        var twice = Assert.Throws<ArgumentException>(() => new Sgd<float>([w, w], learningRate: 0.01));
        var shared = Assert.Throws<ArgumentException>(() => new Sgd<float>([w, sameTensor], learningRate: 0.01));

        Assert.Contains("Parameter 'w' (entry 0) is also entry 1", twice.Message);
        Assert.Contains("The values of parameters 'w' (entry 0) and 'w2' (entry 1) share memory", shared.Message);
    }

    [Fact]
    public void A_gradient_of_another_shape_is_rejected_with_both_shapes()
    {
        var value = Tensor.CreateFromShape<float>([2, 3]);
        var gradient = Tensor.CreateFromShape<float>([3, 2]);

        var error = Assert.Throws<ArgumentException>(() => new Parameter<float>("w", value, gradient));

        Assert.Equal("gradient", error.ParamName);
        Assert.Contains("must have the shape of its value, [2, 3], but it is [3, 2]", error.Message);
    }

    [Fact]
    public void A_gradient_sharing_memory_with_the_value_is_rejected()
    {
        var value = Tensor.CreateFromShape<float>([4]);

        var error = Assert.Throws<ArgumentException>(() => new Parameter<float>("w", value, value));

        Assert.Contains("shares memory with its value", error.Message);
    }

    [Fact]
    public void A_tensor_that_is_not_dense_is_rejected()
    {
        Tensor<float> strided = Tensor.Create(new float[6], [3], [2]);

        var error = Assert.Throws<ArgumentException>(() => new Parameter<float>("w", strided));

        Assert.Equal("value", error.ParamName);
        Assert.Contains("must be a dense tensor, but its lengths [3] have strides [2]", error.Message);
    }

    [Fact]
    public void A_parameter_needs_a_name_and_a_value()
    {
        Assert.Throws<ArgumentNullException>(() => new Parameter<float>("w", null!));
        Assert.Throws<ArgumentNullException>(() => new Parameter<float>(null!, Tensor.CreateFromShape<float>([1])));
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new Parameter<float>(" ", Tensor.CreateFromShape<float>([1]))).ParamName);
    }

    [Fact]
    public void A_parameter_allocates_a_dense_zero_gradient_of_its_shape()
    {
        var w = new Parameter<double>("w", Tensor.Create([1.0, 2, 3, 4, 5, 6], [2, 3]));

        Assert.Equal([2, 3], w.Gradient.Lengths.ToArray());
        Assert.True(w.Gradient.IsDense);
        Assert.All(w.Gradient, element => Assert.Equal(0.0, element));
        Assert.Equal("w [2, 3]", w.ToString());
    }
}
