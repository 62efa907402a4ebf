using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>
/// Rewrites every spelling of one identifier a source declares (a type, method, parameter, local or local function):
/// the fuzz tests' mutations that keep valid C# valid.
/// </summary>
internal static class Renamer
{
    /// <summary>The identifiers <paramref name="source"/> declares, each with every token that names it, in source order.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<TextSpan> Spans)> Identifiers(string source)
    {
        CSharpCompilation compilation = TestCompilation.Create(source);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SemanticModel model = compilation.GetSemanticModel(tree);
        var spans = new Dictionary<ISymbol, List<TextSpan>>(SymbolEqualityComparer.Default);
        var order = new List<ISymbol>();

        void Add(ISymbol? symbol, SyntaxToken token)
        {
            if (symbol is null || token.Span.IsEmpty || !token.IsKind(SyntaxKind.IdentifierToken))
            {
                return;
            }

            symbol = Canonical(symbol);
            if (!symbol.Locations.Any(l => l.SourceTree == tree))
            {
                return;
            }

            if (!spans.TryGetValue(symbol, out List<TextSpan>? list))
            {
                spans[symbol] = list = new List<TextSpan>();
                order.Add(symbol);
            }

            if (!list.Contains(token.Span))
            {
                list.Add(token.Span);
            }
        }

        foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
        {
            switch (node)
            {
                case ParameterSyntax p:
                    Add(model.GetDeclaredSymbol(p), p.Identifier);
                    break;
                case VariableDeclaratorSyntax v:
                    Add(model.GetDeclaredSymbol(v), v.Identifier);
                    break;
                case SingleVariableDesignationSyntax d:
                    Add(model.GetDeclaredSymbol(d), d.Identifier);
                    break;
                case MethodDeclarationSyntax m when m.ExplicitInterfaceSpecifier is null:
                    Add(model.GetDeclaredSymbol(m), m.Identifier);
                    break;
                case LocalFunctionStatementSyntax f:
                    Add(model.GetDeclaredSymbol(f), f.Identifier);
                    break;
                case BaseTypeDeclarationSyntax t:
                    Add(model.GetDeclaredSymbol(t), t.Identifier);
                    break;
                case ConstructorDeclarationSyntax c:
                    Add(model.GetDeclaredSymbol(c)?.ContainingType, c.Identifier);
                    break;
                case DestructorDeclarationSyntax c:
                    Add(model.GetDeclaredSymbol(c)?.ContainingType, c.Identifier);
                    break;
                case IdentifierNameSyntax name:
                    SymbolInfo info = model.GetSymbolInfo(name);
                    ISymbol? referenced = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
                    Add(referenced is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor ? constructor.ContainingType : referenced, name.Identifier);
                    break;
            }
        }

        return order.Select(s => (s.Name, (IReadOnlyList<TextSpan>)spans[s])).ToList();
    }

    /// <summary><paramref name="source"/> with every token at <paramref name="spans"/> replaced by <paramref name="text"/>.</summary>
    public static string Replace(string source, IEnumerable<TextSpan> spans, System.Func<string, string> text)
    {
        var result = new StringBuilder(source);
        foreach (TextSpan span in spans.OrderByDescending(s => s.Start))
        {
            string old = source.Substring(span.Start, span.Length);
            result.Remove(span.Start, span.Length).Insert(span.Start, text(old));
        }

        return result.ToString();
    }

    /// <summary>The same identifier with its first letter written as a unicode escape (<c>x</c> as <c>\u0078</c>).</summary>
    public static string Escaped(string token)
    {
        int at = token.StartsWith('@') ? 1 : 0;
        return at < token.Length && !token.Substring(at).StartsWith("\\u", System.StringComparison.Ordinal)
            ? token.Substring(0, at) + "\\u" + ((int)token[at]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + token.Substring(at + 1)
            : token;
    }

    private static ISymbol Canonical(ISymbol symbol)
    {
        symbol = symbol is IMethodSymbol { ReducedFrom: { } reduced } ? reduced : symbol;
        symbol = symbol is IMethodSymbol { PartialDefinitionPart: { } definition } ? definition : symbol;
        symbol = symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { PartialDefinitionPart: { } } method } parameter
            ? method.PartialDefinitionPart!.Parameters[parameter.Ordinal]
            : symbol;
        return symbol.OriginalDefinition;
    }
}
