namespace RefreshBot.Host.Config;

/// <summary>
/// <c>overrides:</c> — whether a repository's own settings file (<c>.github/refreshbot.yml</c>, else
/// <c>.refreshbot.yml</c>) is read, and which of its keys apply.
/// </summary>
/// <param name="Enabled">Read the file at all (default true).</param>
/// <param name="Allow">The keys a repository may set: top-level keys (<c>grouping</c>, <c>policies</c> for all policies)
/// or single policies (<c>policies.soak</c>); each one of <see cref="Overridable"/>.</param>
public sealed record OverrideSettings(bool Enabled, IReadOnlySet<string> Allow)
{
    /// <summary>Every key an admin may allow. Never <c>branch</c> (the file is read from it), never <c>schedule</c> (set before
    /// the checkout is read), never a location, credential or fleet <c>build:</c> setting: those are not repository settings at all.
    /// The repository switch <c>build</c> may be allowed but is not by default (a repository must not switch its own scanning off).</summary>
    public static readonly string[] Overridable =
    [
        "dockerfiles", "buildArgs", "platforms", "grouping", "labels", "reviewers", "assignees", "policies", "dashboardIssue", "dashboardIssueTitle", "build",
        .. RepositorySettingsReader.PolicyKeys.Select(key => "policies." + key),
    ];

    /// <summary>Allowed when <c>overrides.allow</c> is not written.</summary>
    public static readonly string[] DefaultAllow =
        ["grouping", "labels", "reviewers", "assignees", "dockerfiles", "platforms", "buildArgs", "policies.ignore", "policies.unpinned", "policies.soak"];

    public static readonly OverrideSettings Default = new(true, DefaultAllow.ToHashSet(StringComparer.Ordinal));

    /// <summary>Whether a repository may set <paramref name="key"/> (<c>grouping</c>, <c>policies.soak</c>): allowed itself, or
    /// a policy when <c>policies</c> as a whole is.</summary>
    public bool Allows(string key) =>
        Allow.Contains(key) || (key.StartsWith("policies.", StringComparison.Ordinal) && Allow.Contains("policies"));

    /// <summary>Whether any policy may be set (so the file's <c>policies:</c> is read, key by key).</summary>
    public bool AllowsAnyPolicy => Allow.Any(key => key == "policies" || key.StartsWith("policies.", StringComparison.Ordinal));
}
