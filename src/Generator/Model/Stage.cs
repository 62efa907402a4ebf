using System;
using SymGrad.Generator.Diagnostics;

namespace SymGrad.Generator.Model;

/// <summary>
/// The output of one pipeline stage for one method: a value, or the failure that stopped it. A stage that throws
/// becomes an SG9999 diagnostic on that method instead of a generator crash that would stop every method.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record Stage<T>(MethodModel Method, T? Value, DiagnosticInfo? Failure)
    where T : class
{
    public Stage<TNext> Then<TNext>(Func<MethodModel, T, TNext> next, System.Threading.CancellationToken cancellationToken)
        where TNext : class
        => this.Value is null ? new Stage<TNext>(this.Method, null, this.Failure) : Stage.Run(this.Method, m => next(m, this.Value), cancellationToken);
}

internal static class Stage
{
    /// <summary>The exception's type, message and innermost SymGrad frame, for an SG9999 message.</summary>
    public static string Describe(Exception exception) => exception.GetType().Name + ": " + exception.Message + " " + FirstFrame(exception);

    private static string FirstFrame(Exception exception)
    {
        // The innermost frame in SymGrad's own code says where to look.
        foreach (string line in (exception.StackTrace ?? string.Empty).Split('\n'))
        {
            if (line.Contains("SymGrad.Generator.") && !line.Contains("SymGrad.Generator.Model."))
            {
                string frame = line.Trim();
                int file = frame.IndexOf(" in ", StringComparison.Ordinal);
                return file < 0 ? frame : frame.Substring(0, file);
            }
        }

        return string.Empty;
    }

    public static Stage<T> Run<T>(MethodModel method, Func<MethodModel, T> run, System.Threading.CancellationToken cancellationToken)
        where T : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return new Stage<T>(method, run(method), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new Stage<T>(method, null, DiagnosticInfo.Create(
                DiagnosticDescriptors.InternalError,
                null,
                method.Name,
                Describe(exception)));
        }
    }
}
