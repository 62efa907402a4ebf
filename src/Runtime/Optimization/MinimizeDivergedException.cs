using System;

namespace SymGrad.Optimization;

/// <summary>
/// The loss or a gradient became NaN or infinite during <see cref="Minimizer.Minimize"/>. The loop stops at the step
/// that produced it, so the parameters hold that step's values and are not moved further.
/// </summary>
public sealed class MinimizeDivergedException : ArithmeticException
{
    /// <summary>Creates the exception with a default message.</summary>
    public MinimizeDivergedException()
        : base("The minimization diverged: the loss or a gradient is NaN or infinite.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What diverged and what to do.</param>
    public MinimizeDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What diverged and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public MinimizeDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a step and, for a gradient, a parameter.</summary>
    /// <param name="message">What diverged and what to do.</param>
    /// <param name="step">The step whose evaluation was not finite; 0 for the starting point.</param>
    /// <param name="parameterName">The parameter whose gradient was not finite, or <see langword="null"/> for the loss.</param>
    public MinimizeDivergedException(string message, long step, string? parameterName)
        : base(message)
    {
        Step = step;
        ParameterName = parameterName;
    }

    /// <summary>The step whose evaluation was not finite: 0 for the starting point, before any optimizer step.</summary>
    public long Step { get; }

    /// <summary>The parameter whose gradient was not finite, or <see langword="null"/> when the loss was.</summary>
    public string? ParameterName { get; }
}
