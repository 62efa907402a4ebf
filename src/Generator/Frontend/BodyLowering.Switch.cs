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
        SwitchSectionSyntax? fallback = switchStatement.Sections.FirstOrDefault(s => s.Labels.Any(l => l is DefaultSwitchLabelSyntax));
        var parts = new List<Region>();
        this.regionParts = parts;
        this.BindDesignations(switchStatement.Expression, switchStatement.Sections.SelectMany(s => s.Labels).OfType<CasePatternSwitchLabelSyntax>().Select(l => l.Pattern), parts);

        // Sections in order, each testing its labels; the default (wherever it is written) is the last 'else'.
        Region chain = fallback is null ? new Sequence(EquatableArray<Region>.Empty) : this.LowerSection(fallback, ref exits);
        foreach (SwitchSectionSyntax section in switchStatement.Sections.Reverse())
        {
            var labels = new List<(int Test, WhenClauseSyntax? When)>();
            foreach (SwitchLabelSyntax label in section.Labels)
            {
                int test = label switch
                {
                    CaseSwitchLabelSyntax constant => this.MatchConstant(switchStatement.Expression, constant.Value),
                    CasePatternSwitchLabelSyntax pattern => this.Match(switchStatement.Expression, pattern.Pattern),
                    _ => -3,
                };
                if (test != -3)
                {
                    labels.Add((test, (label as CasePatternSwitchLabelSyntax)?.WhenClause));
                }
            }

            if (labels.Count == 0)
            {
                continue;
            }

            if (labels.Any(l => l.Test == Poison))
            {
                this.controlFlow!.Poisoned = true;
                return new Sequence(EquatableArray<Region>.Empty);
            }

            (List<Region> tests, int matched) = this.TestLabels(labels);
            Region body = this.LowerSection(section, ref exits);
            tests.Add(new Branch(this.Extract(new[] { matched }), body, chain));
            chain = Combine(tests);
        }

        // A break before the end of a section (the closing one is dropped) ends the switch; a continue is a loop's.
        bool continues = Jumps<ContinueStatementSyntax>(switchStatement);
        if (Jumps<BreakStatementSyntax>(switchStatement))
        {
            chain = new Exit(chain, JumpKind.Break, "the switch");
        }

        exits = (exits & Exits.Return) | (continues ? Exits.Loop : Exits.None);
        parts.Add(chain);
        return Combine(parts);
    }

    /// <summary>Whether <paramref name="switchStatement"/> has a jump of type <typeparamref name="T"/> outside its nested loops and switches.</summary>
    private static bool Jumps<T>(SwitchStatementSyntax switchStatement)
        where T : StatementSyntax
        => switchStatement.Sections.SelectMany(s => s.Statements)
            .SelectMany(s => s.DescendantNodesAndSelf(n => n is not (ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax or SwitchStatementSyntax or LambdaExpressionSyntax or LocalFunctionStatementSyntax)))
            .OfType<T>()
            .Any(jump => jump is not BreakStatementSyntax || !IsClosingBreak(jump));

    private static bool IsClosingBreak(StatementSyntax jump)
        => (jump.Parent is SwitchSectionSyntax section && section.Statements.Last() == jump)
            || (jump.Parent is BlockSyntax { Parent: SwitchSectionSyntax outer } block && outer.Statements.Count == 1 && block.Statements.Last() == jump);

    /// <summary>
    /// The tests of one section's labels, in order: a 0/1 node when no label has a 'when' clause; else the regions that
    /// compute a 0/1 slot label by label, each clause evaluated only where its pattern matched and no label before did.
    /// </summary>
    private (List<Region> Tests, int Matched) TestLabels(List<(int Test, WhenClauseSyntax? When)> labels)
    {
        var tests = new List<Region>();
        if (labels.All(l => l.When is null))
        {
            int any = labels[0].Test;
            foreach ((int test, _) in labels.Skip(1))
            {
                any = any == -2 || test == -2 ? -2 : this.graph.Make(Op.Or, any, test);
            }

            return (tests, any == -2 ? this.graph.Constant(1) : any);
        }

        int slot = this.NewSlot("matched", ScalarType.Element);
        int read = this.graph.Add(Computation.Read(slot, ScalarType.Element));
        tests.Add(new Block(this.Extract(new[] { this.graph.Constant(0) }), EquatableArray.Create(slot)));
        foreach ((int test, WhenClauseSyntax? when) in labels)
        {
            int open = this.graph.Make(Op.Not, read);
            int condition = test == -2 ? open : this.graph.Make(Op.And, open, test);
            Region then;
            if (when is null)
            {
                then = new Block(this.Extract(new[] { this.graph.Constant(1) }), EquatableArray.Create(slot));
            }
            else
            {
                int before = this.graph.Count;
                int clause = this.Lower(when.Condition);
                this.RequireElementReads(when, before);
                then = new Block(this.Extract(new[] { clause }), EquatableArray.Create(slot));
            }

            tests.Add(new Branch(this.Extract(new[] { condition }), then, new Sequence(EquatableArray<Region>.Empty)));
        }

        return (tests, read);
    }

    /// <summary>
    /// Gives each variable a declaration or var pattern declares (<c>case double v when v &gt; 0</c>) a slot assigned the
    /// governing value where the switch starts: C# assigns it when its pattern matches, and only its own section reads it.
    /// </summary>
    private void BindDesignations(ExpressionSyntax governing, IEnumerable<PatternSyntax> patterns, List<Region> parts)
    {
        ControlFlowState state = this.controlFlow!;
        bool any = false;
        foreach (SingleVariableDesignationSyntax designation in patterns.SelectMany(p => p.DescendantNodesAndSelf()).OfType<SingleVariableDesignationSyntax>())
        {
            if (this.scope.Model.GetDeclaredSymbol(designation, this.cancellationToken) is not ILocalSymbol local || this.TypeOf(local.Type) is not { } type)
            {
                continue;
            }

            int slot = this.NewSlot(local.Name, type);
            state.SlotOf[local.OriginalDefinition] = slot;
            int value = this.Lower(governing);
            this.scope.Bind(local, value == Poison || this.graph[value].Type == type ? value : this.Convert(value, type, governing));
            any = true;
        }

        if (any)
        {
            this.FlushBlock(parts);
        }
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
            case VarPatternSyntax:
            case DeclarationPatternSyntax declaration when SymbolEqualityComparer.Default.Equals(this.scope.Model.GetTypeInfo(declaration.Type, this.cancellationToken).Type, this.scope.Model.GetTypeInfo(governing, this.cancellationToken).Type):
                // The governing value always has the declared type (its variable is bound by BindDesignations).
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
