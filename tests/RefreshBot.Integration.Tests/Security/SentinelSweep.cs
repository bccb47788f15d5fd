using System.Text;
using RefreshBot.Testing.GitHub;
using RefreshBot.Testing.Git;

namespace RefreshBot.Integration.Tests.Security;

/// <summary>
/// Searches every place a secret could end up for each sentinel: text blobs (logs, PR/issue bodies and comments),
/// and every file of the given folders byte for byte (git config of cached clones, the history database, proposals),
/// plus the full history of the bare repositories the bot pushed to. Collects a "sentinel / places checked / hits" table.
/// </summary>
public sealed class SentinelSweep(IReadOnlyDictionary<string, string> sentinels)
{
    private readonly List<(string Place, string Text)> _texts = [];
    private readonly List<(string Place, byte[] Bytes)> _files = [];

    public void AddText(string place, string? text) => _texts.Add((place, text ?? ""));

    public void AddFolder(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var info = new FileInfo(file);
            if (info.LinkTarget is null && !info.Name.StartsWith(".s.PGSQL.", StringComparison.Ordinal))
            {
                _files.Add((file, File.ReadAllBytes(file))); // (sockets, such as PostgreSQL's, cannot be read)
            }
        }
    }

    public async Task AddGitHubAsync(Testing.GitHub.FakeGitHub github, IEnumerable<string> repositories)
    {
        foreach (var repository in repositories)
        {
            var (owner, name) = (repository.Split('/')[0], repository.Split('/')[1]);
            foreach (var pull in github.PullRequests(owner, name))
            {
                AddText($"PR {repository}#{pull.Number} title/body", pull.Title + "\n" + pull.Body + "\n" + pull.HeadRef);
                foreach (var comment in pull.Comments)
                {
                    AddText($"PR {repository}#{pull.Number} comment {comment.Id}", comment.Body);
                }
            }

            foreach (var issue in github.Issues(owner, name))
            {
                AddText($"issue {repository}#{issue.Number} title/body", issue.Title + "\n" + issue.Body);
            }

            var bare = github.Repository(owner, name).Git;
            AddText($"git history of {repository} (all refs, patches)", await GitCli.RunAsync(bare.Path, ["log", "--all", "-p", "--format=%an%n%ae%n%B"], CancellationToken.None));
        }

        AddText("GitHub API requests (method, path, login)", string.Join("\n", github.Requests.Select(r => $"{r.Method} {r.Path} {r.Login}")));
    }

    /// <summary>The table and the places where each sentinel was found.</summary>
    public (string Table, IReadOnlyList<string> Hits) Run()
    {
        var hits = new List<string>();
        var table = new StringBuilder("| sentinel | places checked | hits |\n|---|---|---|\n");
        foreach (var (label, value) in sentinels)
        {
            var needle = Encoding.UTF8.GetBytes(value);
            var found = _texts.Where(t => t.Text.Contains(value, StringComparison.Ordinal)).Select(t => t.Place)
                .Concat(_files.Where(f => f.Bytes.AsSpan().IndexOf(needle) >= 0).Select(f => f.Place))
                .ToList();
            hits.AddRange(found.Select(place => $"{label} in {place}"));
            table.Append($"| {label} | {_texts.Count + _files.Count} | {found.Count} |\n");
        }

        return (table.ToString(), hits);
    }
}
