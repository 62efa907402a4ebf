using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Tests.Infrastructure;
using SymGrad.Generator.Tests.TestSources;

namespace SymGrad.Generator.Tests;

/// <summary>
/// The TensorMath functions and overloads that run eagerly but have no derivative rule yet: inside a
/// [Differentiable] body each is refused at the call with SG0008, "not differentiable yet" and what to write instead,
/// never read as another overload (Sum(x, 1) as Sum(x) would be a wrong number) and never a generator crash.
/// </summary>
public sealed class EagerOnlyVocabularyTests
{
    public static TheoryData<string, string> Bodies() => new()
    {
        { "Sum([|Reshape(x, 2, -1)|])", "already in the shape" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Is_refused_at_the_call_with_what_to_write_instead(string body, string fix)
    {
        (string source, ImmutableArray<TextSpan> spans) = Markup.Parse(ExampleSources.Usings + """
            public static partial class Examples
            {
                [Differentiable]
                public static float F(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> y, float s) => 
            """ + body + """
            ;
            }
            """);
        GeneratorRun run = GeneratorRun.Of(source);
        GeneratorAssert.DidNotCrash(run, source);

        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("SG0008", diagnostic.Id);
        Assert.Equal(spans.Single(), diagnostic.Location.SourceSpan);
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("not differentiable yet", message, System.StringComparison.Ordinal);
        Assert.Contains(fix, message, System.StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }
}
