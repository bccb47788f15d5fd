namespace RefreshBot.Integration.Tests.Faults;

/// <summary>
/// Marks a test that injects one fault of a neighbour (registry, GitHub, git, Docker, process) and checks the outcome:
/// the failure is recorded with a clear reason, the other repositories proceed, the next cycle converges.
/// The README's "Faults tried" table is kept equal to these marks by <see cref="FaultTableTests"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class FaultAttribute(string neighbour, string fault) : Attribute
{
    /// <summary>Registry, GitHub, Git, Docker or Process.</summary>
    public string Neighbour { get; } = neighbour;

    /// <summary>The fault as the README names it, e.g. <c>429 without Retry-After</c>.</summary>
    public string Fault { get; } = fault;
}
