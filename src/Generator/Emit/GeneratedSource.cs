namespace SymGrad.Generator.Emit;

/// <summary>One generated file.</summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record GeneratedSource(string HintName, string Text);
