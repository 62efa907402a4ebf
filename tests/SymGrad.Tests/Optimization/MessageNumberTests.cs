using System;
using System.Numerics.Tensors;
using SymGrad.Optimization;

namespace SymGrad.Tests.Optimization;

/// <summary>Numbers in messages read as the caller wrote them: the shortest text that round-trips, in the type the value had.</summary>
public sealed class MessageNumberTests
{
    [Fact]
    public void A_float_learning_rate_prints_as_the_float_it_was_written_as()
    {
        var w = new Parameter<float>("w", Tensor.CreateFromShape<float>([3]));

        Assert.Equal("Sgd(learningRate: 0.1, 1 parameter)", new Sgd<float>([w], learningRate: 0.1f).ToString());
        Assert.Equal("Adam(learningRate: 0.3, 1 parameter)", new Adam<float>([w], learningRate: 0.3).ToString());
    }

    [Fact]
    public void A_negative_float_option_is_quoted_as_written()
    {
        var w = new Parameter<float>("w", Tensor.CreateFromShape<float>([3]));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<float>([w], learningRate: 0.1, momentum: -0.9f));

        Assert.Contains("but it is -0.9.", error.Message);
    }

    [Theory]
    [InlineData(1e30, "smaller learning rate than 1E+30", "for example 1E+29.")]
    [InlineData(3.0, "smaller learning rate than 3 ", "for example 0.3.")]
    [InlineData(1e30f, "smaller learning rate than 1E+30", "for example 1E+29.")]
    public void The_divergence_message_suggests_a_tenth_of_the_learning_rate_in_shortest_form(double learningRate, string current, string suggestion)
    {
        // Each step multiplies x by 1 - 2 * learningRate, so a large rate overflows the loss within a few steps.
        var x = new Parameter<float>("x", Tensor.Create([1f], [1]));
        float LossAndGradient()
        {
            float value = x.Value[0];
            x.Gradient[0] = 2 * value;
            return value * value;
        }

        var error = Assert.Throws<MinimizeDivergedException>(() => Minimizer.Minimize(
            new Sgd<float>([x], learningRate),
            LossAndGradient,
            new MinimizeOptions<float> { MaxSteps = 1000 }));

        Assert.Contains(current, error.Message);
        Assert.Contains(suggestion, error.Message);
        Assert.DoesNotContain("000000", error.Message);
    }
}
