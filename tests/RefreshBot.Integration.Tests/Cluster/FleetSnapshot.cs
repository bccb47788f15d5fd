using RefreshBot.Testing.Git;

namespace RefreshBot.Integration.Tests.Cluster;

/// <summary>
/// What a cycle left on a fleet's code host, as comparable lines: per pull request its repository, branch, base,
/// state, title, labels, reviewers, assignees and the files its branch changes with their content hashes; per
/// repository its branches. Who opened it and when are left out (a cluster's workers differ), so a run with crashes
/// and a crash-free run of the same fleet give equal snapshots.
/// </summary>
public sealed record FleetSnapshot(IReadOnlyList<string> Lines)
{
    public static async Task<FleetSnapshot> CaptureAsync(Fleet fleet)
    {
        var lines = new List<string>();
        foreach (var repository in fleet.Repositories)
        {
            var git = fleet.Git.Repository(repository.Owner, repository.Name);
            lines.Add($"{repository.Id} branches: {string.Join(", ", (await git.BranchesAsync()).Order(StringComparer.Ordinal))}");
            foreach (var pull in fleet.GitHub.PullRequests(repository.Owner, repository.Name).OrderBy(p => p.HeadRef, StringComparer.Ordinal))
            {
                var files = await ChangedFilesAsync(git, pull.BaseRef, pull.HeadRef);
                lines.Add($"{repository.Id} {pull.HeadRef} → {pull.BaseRef} [{pull.State}] \"{pull.Title}\""
                    + $" labels={Join(pull.Labels)} reviewers={Join(pull.RequestedReviewers)} assignees={Join(pull.Assignees)}"
                    + $" files={string.Join(",", files)}");
            }
        }

        return new FleetSnapshot(lines);
    }

    /// <summary>Pull requests in the snapshot.</summary>
    public int PullRequests => Lines.Count(l => l.Contains(" → ", StringComparison.Ordinal));

    public override string ToString() => string.Join("\n", Lines);

    public bool Equals(FleetSnapshot? other) => other is not null && Lines.SequenceEqual(other.Lines, StringComparer.Ordinal);

    public override int GetHashCode() => Lines.Count;

    /// <summary><c>path:sha256-of-content</c> of every file the branch changes against the merge base with its base.</summary>
    private static async Task<IReadOnlyList<string>> ChangedFilesAsync(BareRepository git, string baseRef, string head)
    {
        var names = await GitCli.RunAsync(git.Path, ["diff", "--name-only", $"{baseRef}...{head}"], default);
        var files = new List<string>();
        foreach (var name in names.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal))
        {
            var content = await git.ReadFileAsync(head, name) ?? "(deleted)";
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content)))[..12];
            files.Add($"{name}:{hash}");
        }

        return files;
    }

    private static string Join(IEnumerable<string> values) => "[" + string.Join(",", values.Order(StringComparer.Ordinal)) + "]";
}
