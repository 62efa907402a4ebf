using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Diagnostics;

/// <summary>A location reduced to plain values, so diagnostics can flow through the incremental pipeline.</summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(this.FilePath, this.Span, this.LineSpan);

    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static LocationInfo? From(SyntaxNode node) => From(node.GetLocation());

    public static LocationInfo? From(SyntaxToken token) => From(token.GetLocation());
}

/// <summary>A diagnostic as equatable data: descriptor ID, location and message arguments.</summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
        => new(descriptor.Id, location, EquatableArray.Create(arguments));

    public Diagnostic ToDiagnostic()
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.Find(this.Id)!;
        var arguments = new object[this.Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = this.Arguments[i];
        }

        return Diagnostic.Create(descriptor, this.Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, arguments);
    }
}
