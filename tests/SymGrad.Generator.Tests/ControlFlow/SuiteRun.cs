using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Tests.Infrastructure;
using ProbeMethod = System.Func<double[][], int[][], double[]>;

namespace SymGrad.Generator.Tests.ControlFlow;

/// <summary>
/// One [Differentiable] method of the suite: its signature letters (as the references spell them), element type, and
/// which tensor parameters pass as a <c>Tensor&lt;T&gt;</c>: matrices (from the references) and parameters declared
/// <c>Tensor&lt;T&gt;</c>; the others pass as arrays.
/// </summary>
internal sealed record SuiteFunction(string Category, string Name, string Signature, bool IsFloat, string Path, Microsoft.CodeAnalysis.Text.TextSpan Span, bool[] AsTensor);

/// <summary>
/// The control-flow suite compiled twice in memory: as plain C# (the methods run as written, the oracle for values),
/// and with the generator, whose diagnostics and generated methods decide each function's status. Both assemblies
/// carry probes, <c>static double[] Name__Eager(double[][] arguments, int[][] lengths)</c> and for a generated function
/// <c>Name__Value</c> and <c>Name__ValueAndGradient</c>, which call the methods as a user does: arrays for vectors,
/// <c>Tensor.Create(array, lengths)</c> for matrices, <c>out</c> for scalar gradients. A function whose generated code does not compile is left out of the second
/// assembly and marked broken, so one bad function cannot hide the others.
/// </summary>
internal sealed class SuiteRun
{
    private const string ProbeClass = "ControlFlowProbe";

    private static readonly Lazy<SuiteRun> LazyInstance = new(() => new SuiteRun());

    private readonly Dictionary<string, ProbeMethod> eager = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ProbeMethod Value, ProbeMethod ValueAndGradient)> generated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> statuses = new(StringComparer.Ordinal);

    private SuiteRun()
    {
        this.References = SuiteReference.Load();
        PlainSuite plain = this.CompilePlain();
        this.Functions = plain.Functions;
        Assembly eagerAssembly = Load(plain.Compilation, "the suite as plain C#");
        foreach (SuiteFunction function in this.Functions)
        {
            this.eager[function.Name] = Probe(eagerAssembly, function.Name + "__Eager");
        }

        this.RunGenerator();
        foreach (SuiteFunction function in this.Functions)
        {
            if (!this.statuses.ContainsKey(function.Name))
            {
                this.statuses[function.Name] = this.Check(function);
            }
        }
    }

    public static SuiteRun Instance => LazyInstance.Value;

    public IReadOnlyList<SuiteFunction> Functions { get; }

    public IReadOnlyDictionary<string, SuiteReference> References { get; }

    /// <summary>The method run as written, through its probe.</summary>
    public double Eager(string name, double[][] arguments, int[][] shapes) => this.eager[name](arguments, shapes)[0];

    /// <summary><c>ok</c>, <c>refused SGnnnn: ...</c>, <c>broken: ...</c> or <c>wrong: ...</c>.</summary>
    public string Status(string name) => this.statuses[name];

    public SuiteFunction Function(string name) => this.Functions.Single(f => f.Name == name);

    private sealed record PlainSuite(Compilation Compilation, IReadOnlyList<SuiteFunction> Functions);

    private PlainSuite CompilePlain()
    {
        Compilation suite = TestCompilation.Create(SuiteSources.Files.ToArray());
        var functions = new List<SuiteFunction>();
        foreach (SyntaxTree tree in suite.SyntaxTrees)
        {
            SemanticModel model = suite.GetSemanticModel(tree);
            foreach (MethodDeclarationSyntax declaration in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is IMethodSymbol method
                    && method.GetAttributes().Any(a => a.AttributeClass?.Name == "DifferentiableAttribute"))
                {
                    functions.Add(Describe(method, tree.FilePath, declaration, this.References.GetValueOrDefault(method.Name)));
                }
            }
        }

        Compilation plain = suite.AddSyntaxTrees(TestCompilation.Parse(EagerProbes(functions), "Probes/Eager.cs"));
        return new PlainSuite(plain, functions);
    }

    private static SuiteFunction Describe(IMethodSymbol method, string path, MethodDeclarationSyntax declaration, SuiteReference? reference)
    {
        var asTensor = new bool[method.Parameters.Length];
        for (int k = 0; k < asTensor.Length; k++)
        {
            asTensor[k] = method.Parameters[k].Type is INamedTypeSymbol { Name: "Tensor" };
        }

        for (int k = 0; reference is not null && k < asTensor.Length && k < reference.Signature.Length; k++)
        {
            int[] ranks = reference.Points.Select(p => p.Shapes[k].Length).Distinct().ToArray();
            if (ranks.Length > 1)
            {
                throw new InvalidOperationException(method.Name + ": parameter " + k + " has ranks " + string.Join(" and ", ranks) + " at different points; the probes take one rank.");
            }

            asTensor[k] |= ranks is [2];
        }

        bool isFloat = method.ReturnType.SpecialType == SpecialType.System_Single;
        var signature = new StringBuilder();
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            bool noGrad = parameter.GetAttributes().Any(a => a.AttributeClass?.Name == "NoGradAttribute");
            signature.Append(parameter.Type switch
            {
                { SpecialType: SpecialType.System_Int32 } => 'i',
                { SpecialType: SpecialType.System_Double or SpecialType.System_Single } => noGrad ? 'c' : 'd',
                INamedTypeSymbol { Name: "ReadOnlyTensorSpan" or "Tensor" } => noGrad ? 'w' : 'v',
                _ => throw new InvalidOperationException(method.Name + ": the suite's probes do not pass a parameter of type " + parameter.Type + "."),
            });
        }

        return new SuiteFunction(SuiteSources.Category(path), method.Name, signature.ToString(), isFloat, path, declaration.Span, asTensor);
    }

    private void RunGenerator()
    {
        GeneratorRun run = GeneratorRun.Of(TestCompilation.Create(SuiteSources.Files.ToArray()));

        // A diagnostic belongs to the method whose declaration holds it; the first error in a method is its status.
        var global = new List<Diagnostic>();
        foreach (Diagnostic diagnostic in run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).OrderBy(d => d.Location.SourceSpan.Start))
        {
            // The generator reports trimmed locations (a path and a span), not locations in a syntax tree.
            string path = diagnostic.Location.GetLineSpan().Path;
            SuiteFunction? owner = diagnostic.Location == Location.None
                ? null
                : this.Functions.FirstOrDefault(f => f.Path == path && f.Span.Contains(diagnostic.Location.SourceSpan));
            if (owner is null)
            {
                global.Add(diagnostic);
            }
            else if (!this.statuses.ContainsKey(owner.Name))
            {
                this.statuses[owner.Name] = (diagnostic.Id == "SG9999" ? "broken: " : "refused ") + diagnostic.Id + ": " + OneLine(diagnostic.GetMessage(CultureInfo.InvariantCulture));
            }
        }

        foreach (SuiteFunction function in this.Functions.Where(f => !this.statuses.ContainsKey(f.Name) && global.Count > 0))
        {
            this.statuses[function.Name] = "broken: " + global[0].Id + ": " + OneLine(global[0].GetMessage(CultureInfo.InvariantCulture));
        }

        var input = new HashSet<SyntaxTree>(run.Input.SyntaxTrees);
        var generatedTrees = new Dictionary<string, SyntaxTree>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in run.Output.SyntaxTrees.Where(t => !input.Contains(t)))
        {
            if (GeneratedFunctionName(tree.FilePath) is { } name)
            {
                generatedTrees[name] = tree;
            }
        }

        var candidates = new List<SuiteFunction>();
        foreach (SuiteFunction function in this.Functions.Where(f => !this.statuses.ContainsKey(f.Name)))
        {
            if (generatedTrees.ContainsKey(function.Name))
            {
                candidates.Add(function);
            }
            else
            {
                this.statuses[function.Name] = "broken: the generator reported nothing and generated nothing";
            }
        }

        // Compile what was generated with its probes; a function whose code does not compile leaves, and the rest retry.
        Compilation output = run.Output.AddSyntaxTrees(TestCompilation.Parse(EagerProbes(this.Functions), "Probes/Eager.cs"));
        var probeTrees = candidates.ToDictionary(f => f.Name, f => TestCompilation.Parse(GeneratedProbes(f), "Probes/" + f.Name + ".cs"), StringComparer.Ordinal);
        output = output.AddSyntaxTrees(probeTrees.Values);
        while (true)
        {
            using var image = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(image);
            if (emitted.Success)
            {
                Assembly assembly = LoadImage(image);
                foreach (SuiteFunction function in candidates.Where(f => probeTrees.ContainsKey(f.Name)))
                {
                    this.generated[function.Name] = (Probe(assembly, function.Name + "__Value"), Probe(assembly, function.Name + "__ValueAndGradient"));
                }

                return;
            }

            var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var culprits = new Dictionary<string, Diagnostic>(StringComparer.Ordinal);
            foreach (Diagnostic error in errors)
            {
                SyntaxTree? tree = error.Location.SourceTree;
                string? name = tree is null ? null
                    : generatedTrees.FirstOrDefault(p => p.Value == tree).Key ?? probeTrees.FirstOrDefault(p => p.Value == tree).Key;
                if (name is null)
                {
                    throw new InvalidOperationException("The suite with the generated code does not compile, and the error is in no one function's code:\n" + TestCompilation.Format(errors.Take(20)));
                }

                culprits.TryAdd(name, error);
            }

            foreach ((string name, Diagnostic error) in culprits)
            {
                this.statuses[name] = "broken: the generated code does not compile: " + error.Id + ": " + OneLine(error.GetMessage(CultureInfo.InvariantCulture));
                output = output.RemoveSyntaxTrees(probeTrees[name]);
                probeTrees.Remove(name);
                if (generatedTrees.TryGetValue(name, out SyntaxTree? tree))
                {
                    output = output.RemoveSyntaxTrees(tree);
                }
            }
        }
    }

    /// <summary>Compares the generated methods with the method run as written and with the references, at every point.</summary>
    private string Check(SuiteFunction function)
    {
        if (!this.References.TryGetValue(function.Name, out SuiteReference? reference))
        {
            return "broken: no PyTorch reference";
        }

        (ProbeMethod value, ProbeMethod valueAndGradient) = this.generated[function.Name];
        foreach (ReferencePoint point in reference.Points)
        {
            double expected = this.Eager(function.Name, point.Arguments, point.Shapes);
            double[] withGradient;
            double valueOnly;
            try
            {
                valueOnly = value(point.Arguments, point.Shapes)[0];
                withGradient = valueAndGradient(point.Arguments, point.Shapes);
            }
            catch (Exception exception)
            {
                return "broken: the generated code throws " + exception.GetType().Name + " at " + point + ": " + OneLine(exception.Message);
            }

            Tolerance tolerance = Tolerance.Generated(function.IsFloat);
            if (!tolerance.ValueAgrees(valueOnly, expected))
            {
                return "wrong: " + function.Name + "Value" + point + " = " + ReferencePoint.Format(valueOnly) + ", the method as written gives " + ReferencePoint.Format(expected);
            }

            if (!tolerance.ValueAgrees(withGradient[0], expected))
            {
                return "wrong: " + function.Name + "ValueAndGradient" + point + " returns " + ReferencePoint.Format(withGradient[0]) + ", the method as written gives " + ReferencePoint.Format(expected);
            }

            double[] gradient = withGradient[1..];
            if (gradient.Length != point.Gradient.Length)
            {
                return "broken: " + gradient.Length + " gradient elements, the reference has " + point.Gradient.Length;
            }

            double scale = Tolerance.Scale(point.Gradient);
            for (int i = 0; i < gradient.Length; i++)
            {
                if (!tolerance.GradientAgrees(gradient[i], point.Gradient[i], scale))
                {
                    return "wrong: gradient element " + i + " at " + point + " is " + ReferencePoint.Format(gradient[i]) + ", PyTorch gives " + ReferencePoint.Format(point.Gradient[i]);
                }
            }
        }

        return "ok";
    }

    /// <summary>The function a generated file belongs to, from its hint name <c>Namespace.Type.Name.hash.g.cs</c>.</summary>
    private static string? GeneratedFunctionName(string filePath)
    {
        string file = Path.GetFileName(filePath);
        string prefix = SuiteSources.Namespace + "." + SuiteSources.ClassName + ".";
        if (!file.StartsWith(prefix, StringComparison.Ordinal) || !file.EndsWith(".g.cs", StringComparison.Ordinal))
        {
            return null;
        }

        string rest = file[prefix.Length..^".g.cs".Length];
        int hash = rest.LastIndexOf('.');
        return hash > 0 ? rest[..hash] : null;
    }

    private static string EagerProbes(IEnumerable<SuiteFunction> functions)
    {
        var text = new StringBuilder();
        text.Append("namespace ").Append(SuiteSources.Namespace).Append(";\n\npublic static partial class ").Append(ProbeClass).Append("\n{\n");
        text.Append("    public static float[] Narrow(double[] values) => global::System.Array.ConvertAll(values, v => (float)v);\n");
        text.Append("    public static nint[] Lengths(int[] lengths) => global::System.Array.ConvertAll(lengths, n => (nint)n);\n");
        foreach (SuiteFunction function in functions)
        {
            text.Append("    public static double[] ").Append(function.Name).Append("__Eager(double[][] p, int[][] s) => [(double)")
                .Append(SuiteSources.ClassName).Append('.').Append(function.Name).Append('(').Append(Arguments(function)).Append(")];\n");
        }

        return text.Append("}\n").ToString();
    }

    private static string GeneratedProbes(SuiteFunction function)
    {
        string element = function.IsFloat ? "float" : "double";
        string call = SuiteSources.ClassName + "." + function.Name;
        var text = new StringBuilder();
        text.Append("namespace ").Append(SuiteSources.Namespace).Append(";\n\npublic static partial class ").Append(ProbeClass).Append("\n{\n");
        text.Append("    public static double[] ").Append(function.Name).Append("__Value(double[][] p, int[][] s) => [(double)")
            .Append(call).Append("Value(").Append(Arguments(function)).Append(")];\n\n");
        text.Append("    public static double[] ").Append(function.Name).Append("__ValueAndGradient(double[][] p, int[][] s)\n    {\n");
        var gradients = new List<string>();
        var collect = new StringBuilder();
        for (int k = 0; k < function.Signature.Length; k++)
        {
            switch (function.Signature[k])
            {
                case 'd':
                    gradients.Add("out " + element + " g" + k);
                    collect.Append("        result.Add(g").Append(k).Append(");\n");
                    break;
                case 'v':
                    text.Append("        ").Append(element).Append("[] g").Append(k).Append(" = new ").Append(element).Append("[p[").Append(k).Append("].Length];\n");
                    gradients.Add(function.AsTensor[k] ? "new global::System.Numerics.Tensors.TensorSpan<" + element + ">(g" + k + ", Lengths(s[" + k + "]))" : "g" + k);
                    collect.Append("        foreach (").Append(element).Append(" e in g").Append(k).Append(") result.Add(e);\n");
                    break;
            }
        }

        string arguments = Arguments(function);
        string all = string.Join(", ", new[] { arguments }.Where(a => a.Length > 0).Concat(gradients));
        text.Append("        ").Append(element).Append(" value = ").Append(call).Append("ValueAndGradient(").Append(all).Append(");\n");
        text.Append("        var result = new global::System.Collections.Generic.List<double> { value };\n");
        text.Append(collect);
        text.Append("        return result.ToArray();\n    }\n}\n");
        return text.ToString();
    }

    /// <summary>The arguments as a user passes them: numbers, arrays for vectors, a tensor made from an array for a matrix or a Tensor&lt;T&gt; parameter.</summary>
    private static string Arguments(SuiteFunction function)
        => string.Join(", ", function.Signature.Select((kind, k) => kind switch
        {
            'd' or 'c' => function.IsFloat ? "(float)p[" + k + "][0]" : "p[" + k + "][0]",
            'v' or 'w' when function.AsTensor[k]
                => "global::System.Numerics.Tensors.Tensor.Create(" + (function.IsFloat ? "Narrow(p[" + k + "])" : "p[" + k + "]") + ", Lengths(s[" + k + "]))",
            'v' or 'w' => function.IsFloat ? "Narrow(p[" + k + "])" : "p[" + k + "]",
            _ => "(int)p[" + k + "][0]",
        }));

    private static Assembly Load(Compilation compilation, string what)
    {
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            throw new InvalidOperationException(what + " does not compile:\n" + TestCompilation.Format(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        }

        return LoadImage(image);
    }

    private static Assembly LoadImage(MemoryStream image)
    {
        image.Position = 0;
        return new AssemblyLoadContext("SymGrad.ControlFlowSuite", isCollectible: true).LoadFromStream(image);
    }

    private static ProbeMethod Probe(Assembly assembly, string method)
        => (assembly.GetType(SuiteSources.Namespace + "." + ProbeClass)?.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException("No probe " + method + " in the compiled suite.")).CreateDelegate<ProbeMethod>();

    private static string OneLine(string text) => text.Replace("\r", " ").Replace("\n", " ");
}

/// <summary>How close two numbers must be: <c>|a - b| &lt;= rtol |b| + atol scale</c>, scale at least 1.</summary>
internal sealed record Tolerance(double Relative, double Absolute)
{
    /// <summary>Generated code against the method as written (values) and against PyTorch (gradients).</summary>
    public static Tolerance Generated(bool isFloat) => isFloat ? new(2e-4, 2e-4) : new(1e-9, 1e-10);

    /// <summary>The Python mirror against the method as written: float methods compute in float, the mirror exactly.</summary>
    public static Tolerance Mirror(bool isFloat) => isFloat ? new(1e-4, 1e-4) : new(1e-10, 1e-12);

    /// <summary>Central differences of the method as written against the PyTorch gradient.</summary>
    public static Tolerance FiniteDifference(bool isFloat) => isFloat ? new(5e-3, 2e-3) : new(1e-6, 1e-7);

    public static double Scale(IEnumerable<double> values) => Math.Max(1, values.Select(Math.Abs).DefaultIfEmpty(0).Max());

    public bool ValueAgrees(double actual, double expected)
        => Math.Abs(actual - expected) <= (this.Relative * Math.Abs(expected)) + (this.Absolute * Math.Max(1, Math.Abs(expected)));

    public bool GradientAgrees(double actual, double expected, double scale)
        => Math.Abs(actual - expected) <= (this.Relative * Math.Abs(expected)) + (this.Absolute * scale);
}
