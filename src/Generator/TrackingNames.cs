namespace SymGrad.Generator;

/// <summary>Names of the pipeline's steps, for incremental-caching tests and diagnostics of the generator itself.</summary>
internal static class TrackingNames
{
    public const string Frontend = nameof(Frontend);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Methods = nameof(Methods);
    public const string Autodiff = nameof(Autodiff);
    public const string Optimize = nameof(Optimize);
    public const string Schedule = nameof(Schedule);
    public const string Emit = nameof(Emit);

    public static readonly string[] All = { Frontend, Diagnostics, Methods, Autodiff, Optimize, Schedule, Emit };
}
