using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Numerics;

namespace SymGrad.Optimization;

/// <summary>
/// Updates parameters from their gradients, one <see cref="Step"/> at a time, without allocating.
/// </summary>
/// <remarks>
/// <para>
/// Hyperparameters are <see cref="double"/>s whatever <typeparamref name="T"/> is, as PyTorch keeps them as Python floats:
/// coefficients such as <c>1 - beta2</c> or <c>lr / (1 - beta1^t)</c> are computed in double and rounded to
/// <typeparamref name="T"/> once, where the element-wise operation uses them. That is what lets a float32 run follow
/// <c>torch.optim</c> bit for bit (in float, <c>1f - 0.999f</c> already differs from <c>(float)(1 - 0.999)</c> in the
/// fifth digit).
/// </para>
/// <para>
/// A derived optimizer allocates all of its state in its constructor, so <see cref="Step"/> never allocates.
/// </para>
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public abstract class Optimizer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private double learningRate;

    /// <summary>Validates and copies the parameter list.</summary>
    /// <param name="parameters">The parameters to update: at least one, each once, none sharing memory with another.</param>
    /// <param name="learningRate">The learning rate: finite and not negative.</param>
    /// <exception cref="ArgumentException">The list is empty, or holds a <see langword="null"/>, a parameter twice, or two parameters over the same memory.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is negative, infinite or NaN.</exception>
    protected Optimizer(IEnumerable<Parameter<T>> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameter<T>[] list = [.. parameters];
        if (list.Length == 0)
        {
            string example = GetType().Assembly == typeof(Optimizer<T>).Assembly
                ? $", for example {SuggestedFix.NewOptimizer<T>(DisplayName)}"
                : string.Empty;
            throw new ArgumentException($"{DisplayName} got no parameters. Pass the parameters to train{example}.", nameof(parameters));
        }

        for (int i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"Parameter {i} of {list.Length} is null. Pass a Parameter<T> for every entry.", nameof(parameters));
            }

            for (int j = 0; j < i; j++)
            {
                RequireSeparateMemory(list[j], j, list[i], i);
            }
        }

        Hyperparameters.RequireNonNegative<T>(learningRate, nameof(learningRate), "a learning rate such as 0.01");
        ParameterArray = list;
        Parameters = new ReadOnlyCollection<Parameter<T>>(list);
        this.learningRate = learningRate;
    }

    /// <summary>The parameters this optimizer updates, in the order given.</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The learning rate. It may change between steps, for a schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    public double LearningRate
    {
        get => learningRate;
        set
        {
            Hyperparameters.RequireNonNegative<T>(value, nameof(LearningRate), "a learning rate such as 0.01");
            learningRate = value;
        }
    }

    /// <summary>The number of completed calls to <see cref="Step"/>.</summary>
    public long StepCount { get; private set; }

    /// <summary>The optimizer's name without the generic arity, for example <c>Sgd</c>.</summary>
    private protected string DisplayName => GetType().Name.Split('`')[0];

    /// <summary>The parameters, for derived optimizers' loops.</summary>
    private protected Parameter<T>[] ParameterArray { get; }

    /// <summary>Updates every parameter from its current <see cref="Parameter{T}.Gradient"/>. Allocates nothing.</summary>
    public void Step()
    {
        long step = StepCount + 1;
        StepCore(step);
        StepCount = step;
    }

    /// <summary>The name and the hyperparameters, for logs.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString()
        => $"{DisplayName}(learningRate: {Hyperparameters.Format<T>(LearningRate)}, {Parameters.Count} parameter{(Parameters.Count == 1 ? string.Empty : "s")})";

    /// <summary>
    /// Requires two entries of the parameter list to use four separate buffers. A step writes every value after
    /// reading its gradient, and an evaluation writes every gradient, so any shared buffer gives a wrong update: a value
    /// moved twice, a gradient overwritten by another's, or a gradient changed by a step of another parameter.
    /// </summary>
    private static void RequireSeparateMemory(Parameter<T> first, int firstIndex, Parameter<T> second, int secondIndex)
    {
        string firstEntry = $"'{first.Name}' (entry {firstIndex})";
        string secondEntry = $"'{second.Name}' (entry {secondIndex})";
        if (ReferenceEquals(first, second))
        {
            throw new ArgumentException(
                $"Parameter {firstEntry} is also entry {secondIndex}, so every step would move it twice. Pass each parameter once.",
                "parameters");
        }

        string? problem =
            first.ValueElements.Overlaps(second.ValueElements) ? $"The values of parameters {firstEntry} and {secondEntry} share memory, so every step would move it twice."
            : first.GradientElements.Overlaps(second.GradientElements) ? $"The gradients of parameters {firstEntry} and {secondEntry} share memory, so one gradient overwrites the other when the loss is evaluated."
            : first.ValueElements.Overlaps(second.GradientElements) ? $"The value of parameter {firstEntry} shares memory with the gradient of parameter {secondEntry}, so a step of one changes the other's gradient."
            : first.GradientElements.Overlaps(second.ValueElements) ? $"The gradient of parameter {firstEntry} shares memory with the value of parameter {secondEntry}, so a step of one changes the other's gradient."
            : null;
        if (problem is not null)
        {
            throw new ArgumentException(
                problem + " Give every parameter its own value tensor, and its own gradient (the constructor without a gradient allocates one).",
                "parameters");
        }
    }

    /// <summary>Updates every parameter. Must not allocate.</summary>
    /// <param name="step">The number of this step, from 1: the step count after it completes.</param>
    protected abstract void StepCore(long step);
}
