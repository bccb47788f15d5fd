namespace RefreshBot.Domain.Versions;

/// <summary>
/// A package manager's version ordering, as OSV range evaluation needs it: compare two version
/// strings the way the package manager itself would, and tell whether a string is a version at all.
/// </summary>
/// <remarks>Implementations are stateless, thread-safe singletons (see <see cref="VersionOrderings"/>).</remarks>
public interface IVersionOrdering
{
    /// <summary>Short name of the ordering: <c>dpkg</c>, <c>apk</c>, <c>rpm</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Compares <paramref name="a"/> with <paramref name="b"/>; <paramref name="result"/> is negative,
    /// zero or positive. Returns false (result 0) when either string is not a valid version.
    /// </summary>
    bool TryCompare(string a, string b, out int result);

    /// <summary>True when <paramref name="version"/> is a valid version for this package manager.</summary>
    bool IsValid(string version);
}
