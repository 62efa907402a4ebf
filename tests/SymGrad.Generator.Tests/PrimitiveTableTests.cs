using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Tests;

/// <summary>
/// The table of primitives is complete: every operation has one row, and every row states each fact or says why it
/// does not apply: a derivative rule, a constant fold, documentation, and a function of the gradient suite that checks
/// the rule against PyTorch (tests/SymGrad.Tests/Gradients/Functions*.cs, with its twin in tools/reference/gradients.py).
/// </summary>
public sealed class PrimitiveTableTests
{
    public static TheoryData<string> Operations()
    {
        var data = new TheoryData<string>();
        foreach (Op op in Enum.GetValues<Op>())
        {
            data.Add(op.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Every_operation_has_exactly_one_row(string operation)
    {
        Op op = Enum.Parse<Op>(operation);
        Primitive row = Primitives.Of(op);
        Assert.Equal(op, row.Op);
        Assert.Single(Primitives.All, r => r.Op == op);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Every_row_has_a_rule_or_says_why_not(string operation)
    {
        Primitive row = Primitives.Of(Enum.Parse<Op>(operation));
        Assert.True((row.Rule is null) != (row.NoRule is null), $"{operation} must have either a derivative rule or a reason for none (NoRule), not both.");
        Assert.False(row.Rule is not null && row.Inactive, $"{operation} is inactive, yet has a rule that would never run.");
        Assert.False(row.NoRule is not null && !row.Inactive && row.Kind != PrimitiveKind.Leaf, $"{operation} has no rule, so no derivative may flow through it: mark it Inactive.");
        Assert.False(string.IsNullOrWhiteSpace(row.Rule?.Text ?? row.NoRule), $"{operation}'s rule text or reason is empty.");
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Every_row_has_a_fold_or_says_why_not(string operation)
    {
        Primitive row = Primitives.Of(Enum.Parse<Op>(operation));
        Assert.True((row.Fold is null) != (row.NoFold is null), $"{operation} must have either a constant fold or a reason for none (NoFold), not both.");
        Assert.False(row.NoFold is not null && string.IsNullOrWhiteSpace(row.NoFold), $"{operation}'s reason for no fold is empty.");
    }

    /// <summary>
    /// A kernel's vector body is written once, over <c>IVector</c>: a row emitted as a function call must be a member of
    /// it at every width, with the arity the row's call passes, or the generated code would not compile.
    /// </summary>
    [Theory]
    [MemberData(nameof(Operations))]
    public void Every_emitted_function_is_reachable_from_the_width_generic_vector_body(string operation)
    {
        Primitive row = Primitives.Of(Enum.Parse<Op>(operation));
        if (row.Emitted is not (Form.Call or Form.Condition) || row.Kind != PrimitiveKind.Elementwise && row.Emitted != Form.Condition)
        {
            return;
        }

        foreach (Type width in new[] { typeof(SymGrad.Kernels.Width128<float>), typeof(SymGrad.Kernels.Width256<double>), typeof(SymGrad.Kernels.Width512<float>) })
        {
            Assert.True(
                width.GetMethods().Any(m => m.IsStatic && m.Name == row.Name && m.GetParameters().Length == row.Arity),
                $"{operation} is emitted as {row.Name}({row.Arity} operands), which {width.Name} (IVector) does not have.");
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Every_row_is_documented_and_printable(string operation)
    {
        Primitive row = Primitives.Of(Enum.Parse<Op>(operation));
        Assert.False(string.IsNullOrWhiteSpace(row.Documentation), $"{operation} has no documentation.");
        Assert.InRange(row.Arity, 0, 3);
        if (row.Print is Form.Infix or Form.Prefix || row.Emitted is Form.Infix or Form.Prefix or Form.Condition)
        {
            Assert.False(string.IsNullOrEmpty(row.Symbol), $"{operation} prints or emits an operator but has no symbol.");
        }

        if (row.Print == Form.Infix || row.Emitted == Form.Infix || row.Emitted == Form.Condition)
        {
            Assert.Equal(2, row.Arity);
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Every_differentiable_primitive_has_a_gradient_test_against_torch(string operation)
    {
        Primitive row = Primitives.Of(Enum.Parse<Op>(operation));
        Assert.True((row.GradientTest is null) != (row.NoGradientTest is null), $"{operation} must name a function of the gradient suite (GradientTest) or say why none (NoGradientTest), not both.");
        if (row.Rule is not null && row.Kind is PrimitiveKind.Elementwise or PrimitiveKind.Reduction or PrimitiveKind.Materialized && row.Op != Op.Convert)
        {
            Assert.True(row.GradientTest is not null, $"{operation} is differentiable: name the function of the gradient suite that checks its rule.");
        }

        if (row.GradientTest is { } name)
        {
            string root = Docs.DiagnosticsDocTests.RepositoryRoot();
            string functions = string.Concat(Directory.GetFiles(Path.Combine(root, "tests", "SymGrad.Tests", "Gradients"), "Functions*.cs").Select(File.ReadAllText));
            // gradients.json holds the suite's float functions; cross_entropy.json those with int labels; middle_axis.json
            // those along the middle axis of rank-3 tensors.
            string reference = string.Concat(new[] { "gradients.json", "cross_entropy.json", "middle_axis.json" }.Select(file => File.ReadAllText(Path.Combine(root, "tests", "SymGrad.Tests", "Reference", file))));
            Assert.Matches(new Regex(@"\[Differentiable\]\s*public static (double|float) " + name + @"\("), functions);
            Assert.Contains("\"name\": \"" + name + "\"", reference, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_vocabulary_SG0006_suggests_names_every_callable_row()
    {
        string[] listed = Frontend.Vocabulary.Functions.Split(", ");
        foreach (Primitive row in Primitives.All.Where(r => r.Callable && r.Op != Op.Negate))
        {
            Assert.Contains(row.Name, listed);
        }
    }

    [Fact]
    public void Callable_names_are_unique_per_arity()
    {
        var callable = Primitives.All.Where(r => r.Callable).Select(r => (r.Name, r.Arity)).ToArray();
        Assert.Equal(callable.Length, callable.Distinct().Count());
    }
}
