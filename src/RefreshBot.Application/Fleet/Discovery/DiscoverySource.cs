namespace RefreshBot.Application.Fleet.Discovery;

/// <summary>Whose repositories a discovery source lists.</summary>
public abstract record DiscoveryScope
{
    private DiscoveryScope()
    {
    }

    /// <summary>All repositories of a GitHub organization (<c>GET /orgs/{org}/repos</c>).</summary>
    public sealed record Organization(string Name) : DiscoveryScope
    {
        public override string ToString() => "org " + Name;
    }

    /// <summary>All repositories of a GitHub user (<c>GET /users/{user}/repos</c>).</summary>
    public sealed record User(string Name) : DiscoveryScope
    {
        public override string ToString() => "user " + Name;
    }

    /// <summary>All repositories the GitHub App installation can see (<c>GET /installation/repositories</c>).</summary>
    public sealed record Installation : DiscoveryScope
    {
        public override string ToString() => "installation";
    }
}

/// <summary>
/// One entry of <c>discover:</c>: whose repositories, which of them (globs on <c>owner/name</c>, archived, forks), and the
/// settings each discovered repository gets.
/// </summary>
/// <param name="Scope">Whose repositories.</param>
/// <param name="Include">Globs on <c>owner/name</c> (<c>*</c> within a segment, <c>**</c> across); empty: all.</param>
/// <param name="Exclude">Globs on <c>owner/name</c>; a match is skipped even when included.</param>
/// <param name="Archived">Track archived repositories too (default false).</param>
/// <param name="Forks">Track forks too (default false).</param>
/// <param name="Template">The settings of every repository found (merged over the fleet defaults); its id and location
/// are replaced by each repository's own.</param>
public sealed record DiscoverySource(
    DiscoveryScope Scope, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude, bool Archived, bool Forks, TrackedRepository Template)
{
    /// <summary>The repository <paramref name="owner"/>/<paramref name="name"/> with this source's settings.</summary>
    public TrackedRepository Track(string owner, string name) =>
        Template with { Id = owner + "/" + name, Location = new RepositoryLocation.GitHub(owner, name) };

    public override string ToString() => Scope.ToString();
}
