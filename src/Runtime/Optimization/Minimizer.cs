using System;
using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;

namespace SymGrad.Optimization;

/// <summary>
/// The gradient-descent loop: step the optimizer, re-evaluate, report, stop on a rule. It allocates nothing per step
/// beyond what the caller's delegates do.
/// </summary>
/// <example>
/// <code>
/// var x = new Parameter&lt;float&gt;("x", Tensor.Create([10f], [1]));
/// var sgd = new Sgd&lt;float&gt;([x], learningRate: 0.1f);
/// MinimizeResult&lt;float&gt; result = Minimizer.Minimize(
///     sgd,
///     () =&gt; Losses.ParabolaValueAndGradient(x.Value, x.Gradient),
///     new MinimizeOptions&lt;float&gt; { LossThreshold = 1e-5f, MaxSteps = 1000 },
///     progress =&gt; Console.WriteLine($"{progress.Step} {progress.Loss}"));
/// </code>
/// </example>
public static class Minimizer
{
    /// <summary>
    /// Minimizes a loss: evaluates it once, then repeats { <see cref="Optimizer{T}.Step"/>; evaluate; report } until a
    /// rule of <paramref name="options"/> holds, checked in order: the loss is below
    /// <see cref="MinimizeOptions{T}.LossThreshold"/>, the gradient norm is at most
    /// <see cref="MinimizeOptions{T}.GradientNormLimit"/>, or <see cref="MinimizeOptions{T}.MaxSteps"/> steps were taken.
    /// </summary>
    /// <remarks>
    /// The rules are checked at the starting point too, so a starting loss already below the threshold takes 0 steps.
    /// Each evaluation is checked before anything else happens: a NaN or infinite loss or gradient throws
    /// <see cref="MinimizeDivergedException"/> at once, leaving the parameters at that step's values.
    /// </remarks>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="optimizer">The optimizer, holding the parameters.</param>
    /// <param name="lossAndGradient">
    /// Computes the loss at the current parameter values and writes every parameter's <see cref="Parameter{T}.Gradient"/>,
    /// typically by calling a generated <c>{Name}ValueAndGradient</c> method.
    /// </param>
    /// <param name="options">The stopping rules.</param>
    /// <param name="onStep">Called after every step with the step number, the loss and the gradient norm; optional.</param>
    /// <returns>Why the loop stopped, the steps taken, and the final loss and gradient norm.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="onStep"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is NaN or negative.</exception>
    /// <exception cref="MinimizeDivergedException">The loss or a gradient is NaN or infinite.</exception>
    public static MinimizeResult<T> Minimize<T>(
        Optimizer<T> optimizer,
        Func<T> lossAndGradient,
        MinimizeOptions<T> options,
        Action<MinimizeProgress<T>>? onStep = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(lossAndGradient);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        // An absent rule becomes one that never holds: nothing is below -infinity, and a norm is never negative.
        T lossThreshold = options.LossThreshold ?? T.NegativeInfinity;
        T gradientNormLimit = options.GradientNormLimit ?? T.NegativeInfinity;

        long step = 0;
        T loss = Evaluate(optimizer, lossAndGradient, step, out T gradientNorm);
        T initialLoss = loss;
        while (true)
        {
            if (loss < lossThreshold)
            {
                return new MinimizeResult<T>(MinimizeStopReason.Converged, step, loss, gradientNorm, initialLoss);
            }

            if (gradientNorm <= gradientNormLimit)
            {
                return new MinimizeResult<T>(MinimizeStopReason.SmallGradient, step, loss, gradientNorm, initialLoss);
            }

            if (step >= options.MaxSteps)
            {
                return new MinimizeResult<T>(MinimizeStopReason.MaxSteps, step, loss, gradientNorm, initialLoss);
            }

            optimizer.Step();
            step++;
            loss = Evaluate(optimizer, lossAndGradient, step, out gradientNorm);
            onStep?.Invoke(new MinimizeProgress<T>(step, loss, gradientNorm));
        }
    }

    /// <summary>The L2 norm of all of <paramref name="optimizer"/>'s gradients together, as one vector.</summary>
    /// <remarks>Never overflows for finite gradients: an overflowing sum of squares is recomputed with scaling.</remarks>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="optimizer">The optimizer whose parameters' gradients to measure.</param>
    /// <returns>The norm; NaN if a gradient holds a NaN.</returns>
    public static T GradientNorm<T>(Optimizer<T> optimizer)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        T sumOfSquares = T.Zero;
        for (int k = 0; k < optimizer.Parameters.Count; k++)
        {
            sumOfSquares += TensorPrimitives.SumOfSquares(optimizer.Parameters[k].GradientElements);
        }

        return T.IsFinite(sumOfSquares) ? T.Sqrt(sumOfSquares) : ScaledGradientNorm(optimizer);
    }

    private static T Evaluate<T>(Optimizer<T> optimizer, Func<T> lossAndGradient, long step, out T gradientNorm)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T loss = lossAndGradient();
        if (!T.IsFinite(loss))
        {
            throw new MinimizeDivergedException(LossMessage(optimizer, step, loss), step, parameterName: null);
        }

        gradientNorm = GradientNorm(optimizer);
        if (!T.IsFinite(gradientNorm))
        {
            ThrowIfGradientNotFinite(optimizer, step);
        }

        return loss;
    }

    /// <summary>Names the first parameter and element whose gradient is not finite, if any.</summary>
    private static void ThrowIfGradientNotFinite<T>(Optimizer<T> optimizer, long step)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int k = 0; k < optimizer.Parameters.Count; k++)
        {
            Parameter<T> parameter = optimizer.Parameters[k];
            ReadOnlySpan<T> gradient = parameter.GradientElements;
            for (int i = 0; i < gradient.Length; i++)
            {
                if (!T.IsFinite(gradient[i]))
                {
                    string what = T.IsNaN(gradient[i]) ? "NaN" : Format(gradient[i]);
                    string where = step == 0
                        ? "at the starting point (step 0, before any optimizer step)"
                        : $"at step {step.ToString(CultureInfo.InvariantCulture)}";
                    string fix = step == 0
                        ? "The gradient is undefined at the initial parameters: check them and the loss (a log or a square root of a value <= 0, a division by zero)."
                        : $"The optimizer diverged: try a smaller learning rate than {Hyperparameters.Format<T>(optimizer.LearningRate)} ({optimizer}), or check the loss for a log or a square root of a value <= 0 or a division by zero.";
                    throw new MinimizeDivergedException(
                        $"The gradient of parameter '{parameter.Name}' is {what} at element {i.ToString(CultureInfo.InvariantCulture)} {where}. {fix} " +
                        "The parameters hold this step's values.",
                        step,
                        parameter.Name);
                }
            }
        }
    }

    /// <summary>The norm as <c>m * sqrt(sum((g / m)^2))</c> with <c>m</c> the largest magnitude, so squares cannot overflow.</summary>
    private static T ScaledGradientNorm<T>(Optimizer<T> optimizer)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T largest = T.Zero;
        for (int k = 0; k < optimizer.Parameters.Count; k++)
        {
            ReadOnlySpan<T> gradient = optimizer.Parameters[k].GradientElements;
            for (int i = 0; i < gradient.Length; i++)
            {
                T magnitude = T.Abs(gradient[i]);
                if (T.IsNaN(magnitude))
                {
                    return magnitude;
                }

                largest = T.Max(largest, magnitude);
            }
        }

        if (T.IsInfinity(largest) || largest == T.Zero)
        {
            return largest;
        }

        T sumOfScaledSquares = T.Zero;
        for (int k = 0; k < optimizer.Parameters.Count; k++)
        {
            ReadOnlySpan<T> gradient = optimizer.Parameters[k].GradientElements;
            for (int i = 0; i < gradient.Length; i++)
            {
                T scaled = gradient[i] / largest;
                sumOfScaledSquares += scaled * scaled;
            }
        }

        return largest * T.Sqrt(sumOfScaledSquares);
    }

    private static string LossMessage<T>(Optimizer<T> optimizer, long step, T loss)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string what = T.IsNaN(loss) ? "NaN" : Format(loss);
        if (step == 0)
        {
            return $"The loss is {what} at the starting point (step 0, before any optimizer step). The loss is undefined at the initial parameters: " +
                "check them and the loss (a log or a square root of a value <= 0, a division by zero, an overflow).";
        }

        return $"The loss became {what} at step {step.ToString(CultureInfo.InvariantCulture)}: the optimizer diverged. " +
            $"Try a smaller learning rate than {Hyperparameters.Format<T>(optimizer.LearningRate)} ({optimizer}), for example {Hyperparameters.FormatTenth<T>(optimizer.LearningRate)}. " +
            "The parameters hold this step's values.";
    }

    private static void Validate<T>(MinimizeOptions<T> options)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (options.LossThreshold is T threshold && T.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                $"{nameof(MinimizeOptions<T>.LossThreshold)} is NaN, which no loss is below. Pass a number such as 1e-5, or null for no threshold.");
        }

        if (options.GradientNormLimit is T limit && (T.IsNaN(limit) || limit < T.Zero))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                $"{nameof(MinimizeOptions<T>.GradientNormLimit)} must be a number >= 0, but it is {Format(limit)}. Pass a limit such as 1e-6, or null for no limit.");
        }

        if (options.MaxSteps < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                $"{nameof(MinimizeOptions<T>.MaxSteps)} must be >= 0, but it is {options.MaxSteps.ToString(CultureInfo.InvariantCulture)}. Pass a step budget such as 1000.");
        }
    }

    private static string Format<T>(T value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => value.ToString("R", CultureInfo.InvariantCulture);
}
