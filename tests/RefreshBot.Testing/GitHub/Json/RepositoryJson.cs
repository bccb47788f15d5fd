using System.Text.Json.Nodes;

namespace RefreshBot.Testing.GitHub.Json;

/// <summary>GitHub's <c>full-repository</c> shape (a superset of <c>repository</c>, used for both).</summary>
internal static class RepositoryJson
{
    private static readonly (string Field, string Suffix)[] Links =
    [
        ("archive_url", "/{archive_format}{/ref}"), ("assignees_url", "/assignees{/user}"), ("blobs_url", "/git/blobs{/sha}"),
        ("branches_url", "/branches{/branch}"), ("collaborators_url", "/collaborators{/collaborator}"),
        ("comments_url", "/comments{/number}"), ("commits_url", "/commits{/sha}"), ("compare_url", "/compare/{base}...{head}"),
        ("contents_url", "/contents/{+path}"), ("contributors_url", "/contributors"), ("deployments_url", "/deployments"),
        ("downloads_url", "/downloads"), ("events_url", "/events"), ("forks_url", "/forks"),
        ("git_commits_url", "/git/commits{/sha}"), ("git_refs_url", "/git/refs{/sha}"), ("git_tags_url", "/git/tags{/sha}"),
        ("hooks_url", "/hooks"), ("issue_comment_url", "/issues/comments{/number}"), ("issue_events_url", "/issues/events{/number}"),
        ("issues_url", "/issues{/number}"), ("keys_url", "/keys{/key_id}"), ("labels_url", "/labels{/name}"),
        ("languages_url", "/languages"), ("merges_url", "/merges"), ("milestones_url", "/milestones{/number}"),
        ("notifications_url", "/notifications{?since,all,participating}"), ("pulls_url", "/pulls{/number}"),
        ("releases_url", "/releases{/id}"), ("stargazers_url", "/stargazers"), ("statuses_url", "/statuses/{sha}"),
        ("subscribers_url", "/subscribers"), ("subscription_url", "/subscription"), ("tags_url", "/tags"),
        ("teams_url", "/teams"), ("trees_url", "/git/trees{/sha}"),
    ];

    public static JsonObject Full(GitHubUrls urls, FakeRepository repository, Uri cloneUrl, int openIssues)
    {
        var api = urls.Repo(repository);
        var created = Timestamp(repository.CreatedAt);
        var json = new JsonObject
        {
            ["id"] = repository.Id,
            ["node_id"] = "R_" + repository.Id,
            ["name"] = repository.Name,
            ["full_name"] = repository.FullName,
            ["owner"] = UserJson.Simple(urls, repository.Owner, "Organization"),
            ["private"] = repository.Private,
            ["html_url"] = urls.RepoHtml(repository),
            ["description"] = null,
            ["fork"] = repository.Fork,
            ["url"] = api,
            ["git_url"] = $"git://{new Uri(urls.Html).Authority}/{repository.FullName}.git",
            ["ssh_url"] = $"git@{new Uri(urls.Html).Host}:{repository.FullName}.git",
            ["clone_url"] = cloneUrl.ToString(),
            ["svn_url"] = urls.RepoHtml(repository),
            ["mirror_url"] = null,
            ["homepage"] = null,
            ["language"] = "Dockerfile",
            ["forks"] = 0,
            ["forks_count"] = 0,
            ["stargazers_count"] = 0,
            ["watchers"] = 0,
            ["watchers_count"] = 0,
            ["size"] = 1,
            ["default_branch"] = repository.DefaultBranch,
            ["open_issues"] = openIssues,
            ["open_issues_count"] = openIssues,
            ["is_template"] = false,
            ["topics"] = new JsonArray(),
            ["has_issues"] = true,
            ["has_projects"] = false,
            ["has_wiki"] = false,
            ["has_pages"] = false,
            ["has_downloads"] = true,
            ["has_discussions"] = false,
            ["archived"] = repository.Archived,
            ["disabled"] = false,
            ["visibility"] = repository.Private ? "private" : "public",
            ["license"] = null,
            ["pushed_at"] = created,
            ["created_at"] = created,
            ["updated_at"] = created,
            ["permissions"] = new JsonObject { ["admin"] = false, ["maintain"] = false, ["push"] = true, ["triage"] = true, ["pull"] = true },
            ["allow_rebase_merge"] = true,
            ["allow_squash_merge"] = true,
            ["allow_merge_commit"] = true,
            ["network_count"] = 0,
            ["subscribers_count"] = 0,
        };
        foreach (var (field, suffix) in Links)
        {
            json[field] = api + suffix;
        }

        return json;
    }

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    public static JsonNode? Timestamp(DateTimeOffset? at) => at is { } value ? Timestamp(value) : null;
}
