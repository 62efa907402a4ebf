using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// <c>switch</c> statements (an <c>if</c>/<c>else if</c> chain of regions, its sections tested in order, the default
/// last) and <c>switch</c> expressions (a chain of selections, as <c>?:</c> is). Patterns: constants, relational
/// patterns (<c>&lt; 0</c>), <c>and</c>, <c>or</c>, <c>not</c>, and the discard.
/// </summary>
internal sealed partial class BodyLowering
{
    private const string SupportedPatterns = "use constant patterns (case 1:), relational patterns (case > 0:), 'and', 'or', 'not' and '_'";

    private Region LowerSwitch(SwitchStatementSyntax switchStatement, out Exits exits)
    {
        exits = Exits.None;
        SwitchSectionSyntax? fallback = null;
        var tests = new List<(ExpressionSyntax? Test, SwitchSectionSyntax Section)>();
        foreach (SwitchSectionSyntax section in switchStatement.Sections)
        {
            foreach (SwitchLabelSyntax label in section.Labels)
            {
                if (label is DefaultSwitchLabelSyntax)
                {
                    fallback = section;
                }
                else if (label is CasePatternSwitchLabelSyntax { WhenClause: not null } guarded)
                {
                    this.Report(DiagnosticDescriptors.UnsupportedStatement, guarded, "A 'case' with a 'when' clause", "test the condition with 'if' inside the section");
                    this.controlFlow!.Poisoned = true;
                    return new Sequence(EquatableArray<Region>.Empty);
                }
            }
        }

        // Sections in order, each testing its labels; the default (wherever it is written) is the last 'else'.
        Region chain = fallback is null ? new Sequence(EquatableArray<Region>.Empty) : this.LowerSection(fallback, ref exits);
        foreach (SwitchSectionSyntax section in switchStatement.Sections.Reverse())
        {
            int condition = Poison;
            bool any = false;
            foreach (SwitchLabelSyntax label in section.Labels)
            {
                int test = label switch
                {
                    CaseSwitchLabelSyntax constant => this.MatchConstant(switchStatement.Expression, constant.Value),
                    CasePatternSwitchLabelSyntax pattern => this.Match(switchStatement.Expression, pattern.Pattern),
                    _ => -2,
                };
                if (test == -2)
                {
                    continue;
                }

                condition = !any ? test : test == Poison || condition == Poison ? Poison : this.graph.Make(Op.Or, condition, test);
                any = true;
            }

            if (!any)
            {
                continue;
            }

            Computation extracted = this.Extract(new[] { condition });
            Region body = this.LowerSection(section, ref exits);
            chain = new Branch(extracted, body, chain);
        }

        return chain;
    }

    /// <summary>A section's statements; its closing 'break' ends the switch, not a loop around it.</summary>
    private Region LowerSection(SwitchSectionSyntax section, ref Exits exits)
    {
        var statements = section.Statements.ToList();
        if (statements.Count == 1 && statements[0] is BlockSyntax block && block.Statements.LastOrDefault() is BreakStatementSyntax)
        {
            statements = block.Statements.Take(block.Statements.Count - 1).ToList<StatementSyntax>();
        }
        else if (statements.LastOrDefault() is BreakStatementSyntax)
        {
            statements.RemoveAt(statements.Count - 1);
        }

        foreach (BreakStatementSyntax early in statements.SelectMany(s => s.DescendantNodesAndSelf(n => n is not (ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax or SwitchStatementSyntax))).OfType<BreakStatementSyntax>())
        {
            if (early.Ancestors().FirstOrDefault(a => a is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax or SwitchStatementSyntax) is SwitchStatementSyntax)
            {
                this.Report(DiagnosticDescriptors.UnsupportedStatement, early, "A 'break' before the end of a 'switch' section", "end the section with its 'break', and put the statements after this one under an 'if'");
                this.controlFlow!.Poisoned = true;
            }
        }

        Region region = this.LowerRegion(statements, out Exits own);
        exits |= own;
        return region;
    }

    private int MatchConstant(ExpressionSyntax governing, ExpressionSyntax constant)
    {
        int value = this.Lower(governing);
        int expected = this.Lower(constant);
        if (value == Poison || expected == Poison)
        {
            return Poison;
        }

        if (this.graph[expected].Op == Op.Constant && double.IsNaN(this.graph[expected].Value))
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, constant, "The pattern '" + constant + "'", "test double.IsNaN(value) with 'if'");
            return Poison;
        }

        return this.Compare(Op.Equal, value, expected, constant);
    }

    /// <summary>A 0/1 condition: whether <paramref name="governing"/> matches <paramref name="pattern"/>; -2 for the discard.</summary>
    private int Match(ExpressionSyntax governing, PatternSyntax pattern)
    {
        switch (pattern)
        {
            case DiscardPatternSyntax:
                return -2;
            case ConstantPatternSyntax constant:
                return this.MatchConstant(governing, constant.Expression);
            case ParenthesizedPatternSyntax parenthesized:
                return this.Match(governing, parenthesized.Pattern);
            case RelationalPatternSyntax relational:
                Op? op = relational.OperatorToken.Kind() switch
                {
                    SyntaxKind.LessThanToken => Op.Less,
                    SyntaxKind.LessThanEqualsToken => Op.LessOrEqual,
                    SyntaxKind.GreaterThanToken => Op.Greater,
                    SyntaxKind.GreaterThanEqualsToken => Op.GreaterOrEqual,
                    _ => null,
                };
                int value = this.Lower(governing);
                int bound = this.Lower(relational.Expression);
                return op is null || value == Poison || bound == Poison ? Poison : this.Compare(op.Value, value, bound, relational);
            case UnaryPatternSyntax { RawKind: (int)SyntaxKind.NotPattern } not:
                int inner = this.Match(governing, not.Pattern);
                return inner == -2 ? this.graph.Constant(0) : inner == Poison ? Poison : this.graph.Make(Op.Not, inner);
            case BinaryPatternSyntax binary:
                int left = this.Match(governing, binary.Left);
                int right = this.Match(governing, binary.Right);
                bool or = binary.IsKind(SyntaxKind.OrPattern);
                if (left == Poison || right == Poison)
                {
                    return Poison;
                }

                if (left == -2 || right == -2)
                {
                    return or ? -2 : left == -2 ? right : left;
                }

                return this.graph.Make(or ? Op.Or : Op.And, left, right);
            default:
                this.Report(DiagnosticDescriptors.UnsupportedExpression, pattern, "The pattern '" + pattern + "'", SupportedPatterns);
                return Poison;
        }
    }

    /// <summary>A comparison of the governing value with a pattern's constant, in the type C# compares them in.</summary>
    private int Compare(Op op, int value, int constant, SyntaxNode where)
    {
        ScalarType left = this.graph[value].Type;
        ScalarType right = this.graph[constant].Type;
        if (left != right)
        {
            // The constant converts to the governing type (it must fit, or C# refuses the pattern).
            constant = this.graph[constant].Op == Op.Constant ? this.graph.Constant(this.graph[constant].Value, left) : this.graph.Convert(constant, left, this.overflow);
        }

        return this.RequireScalar(value, where, "A 'switch' on a tensor", "switch on a scalar") ? this.graph.Make(op, value, constant) : Poison;
    }

    /// <summary>A switch expression: its arms as nested selections, tested in order; it must end with a '_' arm.</summary>
    private int LowerSwitchExpression(SwitchExpressionSyntax switchExpression)
    {
        SeparatedSyntaxList<SwitchExpressionArmSyntax> arms = switchExpression.Arms;
        if (arms.Count == 0 || arms[arms.Count - 1].Pattern is not DiscardPatternSyntax || arms[arms.Count - 1].WhenClause is not null)
        {
            this.Report(DiagnosticDescriptors.UnsupportedExpression, switchExpression, "A switch expression without a final '_' arm", "end it with '_ => ...', so that no value is left unmatched (C# would throw SwitchExpressionException)");
            return Poison;
        }

        int result = this.Lower(arms[arms.Count - 1].Expression);
        for (int i = arms.Count - 2; i >= 0; i--)
        {
            SwitchExpressionArmSyntax arm = arms[i];
            if (arm.WhenClause is not null)
            {
                this.Report(DiagnosticDescriptors.UnsupportedExpression, arm.WhenClause, "A 'when' clause in a switch expression", "test the condition with '?:'");
                return Poison;
            }

            int test = this.Match(switchExpression.GoverningExpression, arm.Pattern);
            int value = this.Lower(arm.Expression);
            if (test == Poison || value == Poison || result == Poison)
            {
                return Poison;
            }

            if (test == -2)
            {
                result = value;
                continue;
            }

            (value, result) = this.Align(value, result, arm);
            result = this.Make(Op.Select, test, value, result);
        }

        return result;
    }
}
