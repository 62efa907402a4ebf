using System;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;
using SymGrad.Optimization;

namespace SymGrad.Tests.Optimization;

/// <summary>
/// An element gets the same bits whichever vector width updates it: a long parameter (512-, 256- and 128-bit vectors
/// and a scalar tail) against the same elements as one-element parameters (scalar only).
/// </summary>
public sealed class WidthTests
{
    public static TheoryData<string, int> Cases()
    {
        var cases = new TheoryData<string, int>();
        foreach (string configuration in new[] { "sgd_momentum_nesterov_weight_decay", "sgd_dampening_maximize", "adam_amsgrad_weight_decay", "adamw_amsgrad" })
        {
            // 15 = 8 + 4 + 2 + 1 doubles and 29 = 16 + 8 + 4 + 1 floats reach every width.
            cases.Add(configuration, 15);
            cases.Add(configuration, 29);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_width_computes_the_same_bits(string configuration, int length)
    {
        Assert.Equal(Scalar<float>(configuration, length), Vector<float>(configuration, length));
        Assert.Equal(Scalar<double>(configuration, length), Vector<double>(configuration, length));
    }

    private static T[] Vector<T>(string configuration, int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var parameter = new Parameter<T>("p", Tensor.Create(Start<T>(length), [length]));
        Run(configuration, [parameter]);
        return WeightedQuadratic<T>.Elements(parameter.Value).ToArray();
    }

    private static T[] Scalar<T>(string configuration, int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Parameter<T>[] parameters = Start<T>(length).Select((value, i) => new Parameter<T>($"p{i}", Tensor.Create([value], [1]))).ToArray();
        Run(configuration, parameters);
        return parameters.Select(parameter => parameter.Value[0]).ToArray();
    }

    private static T[] Start<T>(int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Enumerable.Range(0, length).Select(i => T.CreateTruncating(Math.Sin(i + 1) * 3)).ToArray();

    /// <summary>Ten steps on <c>sum((p - 1)^2 * (1 + i / 7))</c>, with the gradient written element by element.</summary>
    private static void Run<T>(string configuration, Parameter<T>[] parameters)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Optimizer<T> optimizer = configuration switch
        {
            "sgd_momentum_nesterov_weight_decay" => new Sgd<T>(parameters, learningRate: 0.03, momentum: 0.9, weightDecay: 0.01, nesterov: true),
            "sgd_dampening_maximize" => new Sgd<T>(parameters, learningRate: 0.03, momentum: 0.7, dampening: 0.2, maximize: true),
            "adam_amsgrad_weight_decay" => new Adam<T>(parameters, learningRate: 0.1, weightDecay: 0.05, amsgrad: true),
            "adamw_amsgrad" => new AdamW<T>(parameters, learningRate: 0.1, amsgrad: true),
            _ => throw new ArgumentOutOfRangeException(nameof(configuration), configuration, "Unknown configuration."),
        };

        for (int step = 0; step < 10; step++)
        {
            int index = 0;
            foreach (Parameter<T> parameter in parameters)
            {
                Span<T> value = WeightedQuadratic<T>.Elements(parameter.Value);
                Span<T> gradient = WeightedQuadratic<T>.Elements(parameter.Gradient);
                for (int i = 0; i < value.Length; i++, index++)
                {
                    T weight = T.One + (T.CreateTruncating(index) / T.CreateTruncating(7));
                    T difference = value[i] - T.One;
                    gradient[i] = weight * (difference + difference);
                }
            }

            optimizer.Step();
        }
    }
}
