using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>
/// User code and what the generator adds to it, compiled in memory and loaded, so a test can call a
/// [Differentiable] method as written (the eager oracle) next to its generated <c>Value</c> and
/// <c>ValueAndGradient</c>. The assembly loads into a collectible context; SymGrad's runtime resolves from the tests'.
/// </summary>
internal sealed class CompiledRun
{
    private readonly Assembly assembly;

    private CompiledRun(Assembly assembly) => this.assembly = assembly;

    /// <summary>Runs the generator over <paramref name="source"/>, compiles the result and loads it; fails on any error.</summary>
    public static CompiledRun Of(string source)
    {
        GeneratorRun run = GeneratorRun.Of(source);
        var generatorErrors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(generatorErrors.Count == 0, "The generator reported errors:\n" + TestCompilation.Format(generatorErrors));

        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, "The generated code does not compile:\n" + TestCompilation.Format(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));

        image.Position = 0;
        var context = new AssemblyLoadContext("SymGrad.CompiledRun", isCollectible: true);
        return new CompiledRun(context.LoadFromStream(image));
    }

    /// <summary>A public static method of type <paramref name="type"/> in the compiled code.</summary>
    public MethodInfo Method(string type, string name)
        => this.assembly.GetType(type)?.GetMethod(name, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException("No method " + type + "." + name + " in the compiled code.");

    /// <summary>Calls a method, unwrapping the exception it throws so a test sees the method's own.</summary>
    public static object? Call(MethodInfo method, object?[] arguments)
    {
        try
        {
            return method.Invoke(null, arguments);
        }
        catch (TargetInvocationException wrapped) when (wrapped.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
    }
}
