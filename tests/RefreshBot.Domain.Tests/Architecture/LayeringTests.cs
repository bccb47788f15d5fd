using System.Reflection;
using NetArchTest.Rules;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Tests.Architecture;

/// <summary>Keeps the layers honest: a pure domain, an application that knows only ports.</summary>
public sealed class LayeringTests
{
    private static readonly Assembly Domain = typeof(ImageReference).Assembly;
    private static readonly Assembly Application = typeof(IRegistryClient).Assembly;

    /// <summary>
    /// I/O, hosting and logging the domain must not touch. For System.IO, the file-system and stream
    /// types are banned (prefix match: File*, Directory*, Drive*, Stream*, pipes, compression, memory-mapped
    /// files); in-memory text types such as <c>StringReader</c> and the pure string functions of
    /// <c>Path</c> stay allowed.
    /// </summary>
    private static readonly string[] ForbiddenInDomain =
    [
        "System.Net",
        "System.IO.File",
        "System.IO.Directory",
        "System.IO.Drive",
        "System.IO.Stream",
        "System.IO.BufferedStream",
        "System.IO.MemoryStream",
        "System.IO.Pipes",
        "System.IO.Pipelines",
        "System.IO.Compression",
        "System.IO.MemoryMappedFiles",
        "System.Diagnostics.Process",
        "System.Threading.Timer",
        "System.TimeProvider",
        "Microsoft.Extensions",
        "Serilog",
        "RefreshBot.Application",
        "RefreshBot.Adapters",
        "RefreshBot.Host",
    ];

    [Fact]
    public void Domain_has_no_io_hosting_logging_or_outer_layer_dependencies()
    {
        var result = Types.InAssembly(Domain).ShouldNot().HaveDependencyOnAny(ForbiddenInDomain).GetResult();
        Assert.True(result.IsSuccessful, Describe(result));
    }

    [Fact]
    public void Domain_references_only_the_framework()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib",
            $"RefreshBot.Domain references {name}: the domain takes no packages"));
    }

    [Fact]
    public void Application_does_not_depend_on_adapters_or_host()
    {
        var result = Types.InAssembly(Application).ShouldNot()
            .HaveDependencyOnAny("RefreshBot.Adapters", "RefreshBot.Host")
            .GetResult();
        Assert.True(result.IsSuccessful, Describe(result));
    }

    [Fact]
    public void The_rule_detects_a_forbidden_dependency()
    {
        // Guard against a rule that can never fail: this test assembly does use System.IO.File.
        var result = Types.InAssembly(typeof(LayeringTests).Assembly).ShouldNot()
            .HaveDependencyOnAny("System.IO.File").GetResult();
        Assert.False(result.IsSuccessful);
    }

    private static string Describe(TestResult result)
        => "offending types: " + string.Join(", ", result.FailingTypeNames ?? []);
}
