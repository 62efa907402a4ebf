using System;

namespace SymGrad;

/// <summary>Thrown by <see cref="GradCheck"/>'s <c>Assert</c> methods when an analytic gradient disagrees with finite differences.</summary>
public sealed class GradCheckException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public GradCheckException()
        : base("The analytic gradient disagrees with central finite differences.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    /// <param name="message">What failed.</param>
    public GradCheckException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> and the exception that caused it.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public GradCheckException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception describing a failed <paramref name="result"/>.</summary>
    /// <param name="result">The failed check.</param>
    public GradCheckException(GradCheckResult result)
        : base(result?.ToString())
    {
        Result = result;
    }

    /// <summary>The failed check, when the exception describes one.</summary>
    public GradCheckResult? Result { get; }
}
