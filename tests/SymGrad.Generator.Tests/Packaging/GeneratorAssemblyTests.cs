using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Versioning;

namespace SymGrad.Generator.Tests.Packaging;

/// <summary>
/// Reads the generator's assembly as the package ships it (analyzers/dotnet/cs) and checks what it may touch: a
/// generator runs inside the compiler and the IDE, so it does no I/O, reads no environment, keeps no mutable state
/// between runs, and loads nothing the compiler does not already carry.
/// </summary>
/// <remarks>
/// EnforceExtendedAnalyzerRules bans most of these at compile time (RS1035); this reads the built IL, so it also
/// catches a suppression, a dependency brought in later, or a call the analyzer does not know.
/// </remarks>
public sealed class GeneratorAssemblyTests
{
    /// <summary>Types whose mere use means I/O, network, processes or console output.</summary>
    private static readonly string[] ForbiddenTypes =
    {
        "System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.IO.FileInfo", "System.IO.DirectoryInfo",
        "System.IO.FileSystemInfo", "System.IO.DriveInfo", "System.IO.StreamReader", "System.IO.StreamWriter",
        "System.IO.FileSystemWatcher", "System.Console", "System.Diagnostics.Process",
    };

    /// <summary>Namespaces none of whose types a generator may use.</summary>
    private static readonly string[] ForbiddenNamespaces = { "System.Net", "System.IO.Pipes", "System.IO.MemoryMappedFiles" };

    /// <summary>Members of otherwise harmless types that read or change the machine's state.</summary>
    private static readonly string[] ForbiddenMembers =
    {
        "System.Environment::GetEnvironmentVariable", "System.Environment::GetEnvironmentVariables",
        "System.Environment::SetEnvironmentVariable", "System.Environment::get_CurrentDirectory",
        "System.Environment::set_CurrentDirectory", "System.Environment::GetFolderPath", "System.Environment::Exit",
        "System.Reflection.Assembly::Load", "System.Reflection.Assembly::LoadFrom", "System.Reflection.Assembly::LoadFile",
        "System.Reflection.Assembly::UnsafeLoadFrom",
    };

    /// <summary>Assemblies the C# compiler loads beside Microsoft.CodeAnalysis, so a generator may reference them.</summary>
    private static readonly string[] AssembliesTheCompilerCarries =
    {
        "netstandard", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "System.Collections.Immutable",
        "System.Reflection.Metadata", "System.Memory", "System.Buffers", "System.Numerics.Vectors",
        "System.Runtime.CompilerServices.Unsafe", "System.Threading.Tasks.Extensions", "System.Text.Encoding.CodePages",
    };

    /// <summary>The oldest compiler the package supports: Roslyn 4.14, in the .NET 9.0.300 SDK and Visual Studio 17.14.</summary>
    private static readonly Version OldestSupportedRoslyn = new(4, 14, 0, 0);

    private static readonly string GeneratorPath = typeof(DifferentiableGenerator).Assembly.Location;

    [Fact]
    public void TheGeneratorTargetsNetStandard20()
    {
        TargetFrameworkAttribute? framework = typeof(DifferentiableGenerator).Assembly.GetCustomAttribute<TargetFrameworkAttribute>();

        Assert.Equal(".NETStandard,Version=v2.0", framework?.FrameworkName);
    }

    [Fact]
    public void TheGeneratorUsesNoFileSystemNetworkProcessOrEnvironmentApi()
    {
        using var pe = new PEReader(File.OpenRead(GeneratorPath));
        MetadataReader metadata = pe.GetMetadataReader();

        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (TypeReferenceHandle handle in metadata.TypeReferences)
        {
            string type = FullName(metadata, handle);
            if (ForbiddenTypes.Contains(type) || ForbiddenNamespaces.Any(ns => type.StartsWith(ns + ".", StringComparison.Ordinal)))
            {
                found.Add(type);
            }
        }

        foreach (MemberReferenceHandle handle in metadata.MemberReferences)
        {
            MemberReference member = metadata.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeReference)
            {
                string name = FullName(metadata, (TypeReferenceHandle)member.Parent) + "::" + metadata.GetString(member.Name);
                if (ForbiddenMembers.Contains(name))
                {
                    found.Add(name);
                }
            }
        }

        Assert.True(
            found.Count == 0,
            "The generator must do no I/O and read no machine state, since it runs inside the compiler and the IDE, but " +
            Path.GetFileName(GeneratorPath) + " references: " + string.Join(", ", found) +
            ". Take what it needs from the compilation (AdditionalTextsProvider, AnalyzerConfigOptionsProvider) instead.");
    }

    [Fact]
    public void TheGeneratorKeepsNoMutableStaticState()
    {
        using var pe = new PEReader(File.OpenRead(GeneratorPath));
        MetadataReader metadata = pe.GetMetadataReader();

        var mutable = new List<string>();
        foreach (FieldDefinitionHandle handle in metadata.FieldDefinitions)
        {
            FieldDefinition field = metadata.GetFieldDefinition(handle);
            string name = metadata.GetString(field.Name);
            bool isStatic = (field.Attributes & FieldAttributes.Static) != 0;
            bool isFixed = (field.Attributes & (FieldAttributes.InitOnly | FieldAttributes.Literal)) != 0;

            // The compiler's own caches of lambda delegates (<>9__0_1) are written once with the same value.
            if (isStatic && !isFixed && !name.Contains('<', StringComparison.Ordinal))
            {
                TypeDefinition type = metadata.GetTypeDefinition(field.GetDeclaringType());
                mutable.Add(metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name) + "::" + name);
            }
        }

        Assert.True(
            mutable.Count == 0,
            "The IDE runs the generator for several projects at once and reuses it across edits, so state kept in static " +
            "fields leaks between runs; make these readonly or move them into the pipeline: " + string.Join(", ", mutable));
    }

    [Fact]
    public void TheGeneratorReferencesOnlyWhatTheCompilerCarries()
    {
        using var pe = new PEReader(File.OpenRead(GeneratorPath));
        MetadataReader metadata = pe.GetMetadataReader();

        var references = metadata.AssemblyReferences
            .Select(handle => metadata.GetAssemblyReference(handle))
            .ToDictionary(reference => metadata.GetString(reference.Name), reference => reference.Version, StringComparer.Ordinal);

        // The package ships the generator's assembly alone under analyzers/dotnet/cs: any other dependency would fail to load.
        Assert.Empty(references.Keys.Except(AssembliesTheCompilerCarries, StringComparer.Ordinal));

        // A newer Roslyn would make the generator fail to load (CS9057) in the compilers the package promises to support.
        Assert.True(
            references["Microsoft.CodeAnalysis"] <= OldestSupportedRoslyn && references["Microsoft.CodeAnalysis.CSharp"] <= OldestSupportedRoslyn,
            "The generator must build against Roslyn " + OldestSupportedRoslyn + " or older, but references Microsoft.CodeAnalysis " +
            references["Microsoft.CodeAnalysis"] + " and Microsoft.CodeAnalysis.CSharp " + references["Microsoft.CodeAnalysis.CSharp"] + ".");
    }

    private static string FullName(MetadataReader metadata, TypeReferenceHandle handle)
    {
        TypeReference type = metadata.GetTypeReference(handle);
        string name = metadata.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return FullName(metadata, (TypeReferenceHandle)type.ResolutionScope) + "+" + name;
        }

        string ns = metadata.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
