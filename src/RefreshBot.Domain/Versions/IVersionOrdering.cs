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
    /// Compares <paramref name="a"/> with <paramref name="b"/> as the package manager's own compare
    /// command does; <paramref name="result"/> is -1, 0 or 1. Returns false (result 0) only when the
    /// package manager would refuse to compare them (dpkg: a hard parse error; apk, rpm: an empty
    /// string). That is more lenient than <see cref="IsValid"/>: dpkg, apk and rpm all order some
    /// strings they would not accept as a package's version.
    /// </summary>
    bool TryCompare(string a, string b, out int result);

    /// <summary>True when <paramref name="version"/> is a well-formed version for this package manager (strict).</summary>
    bool IsValid(string version);
}
