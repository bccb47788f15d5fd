using System.Text.Json.Nodes;

namespace RefreshBot.Testing.GitHub.Json;

/// <summary>GitHub's <c>pull-request</c> (single) and <c>pull-request-simple</c> (list) shapes.</summary>
internal static class PullJson
{
    /// <param name="headSha">The head branch's live sha (or the last known one when the branch is gone).</param>
    public static JsonObject Build(GitHubUrls urls, FakePullRequest pull, JsonObject repository, string headSha, string baseSha, bool full)
    {
        var repo = pull.Repository;
        var api = $"{urls.Repo(repo)}/pulls/{pull.Number}";
        var issue = $"{urls.Repo(repo)}/issues/{pull.Number}";
        var html = $"{urls.RepoHtml(repo)}/pull/{pull.Number}";
        var statuses = $"{urls.Repo(repo)}/statuses/{headSha}";
        var json = new JsonObject
        {
            ["url"] = api,
            ["id"] = pull.Id,
            ["node_id"] = "PR_" + pull.Id,
            ["html_url"] = html,
            ["diff_url"] = html + ".diff",
            ["patch_url"] = html + ".patch",
            ["issue_url"] = issue,
            ["commits_url"] = api + "/commits",
            ["review_comments_url"] = api + "/comments",
            ["review_comment_url"] = $"{urls.Repo(repo)}/pulls/comments{{/number}}",
            ["comments_url"] = issue + "/comments",
            ["statuses_url"] = statuses,
            ["number"] = pull.Number,
            ["state"] = pull.State,
            ["locked"] = false,
            ["title"] = pull.Title,
            ["user"] = UserJson.Simple(urls, pull.User),
            ["body"] = pull.Body,
            ["labels"] = LabelJson.List(urls, repo, pull.LabelList),
            ["milestone"] = null,
            ["active_lock_reason"] = null,
            ["created_at"] = RepositoryJson.Timestamp(pull.CreatedAt),
            ["updated_at"] = RepositoryJson.Timestamp(pull.UpdatedAt),
            ["closed_at"] = RepositoryJson.Timestamp(pull.ClosedAt),
            ["merged_at"] = RepositoryJson.Timestamp(pull.MergedAt),
            ["merge_commit_sha"] = pull.MergeCommitSha,
            ["assignee"] = pull.AssigneeList.Count > 0 ? UserJson.Simple(urls, pull.AssigneeList[0]) : null,
            ["assignees"] = UserJson.List(urls, pull.AssigneeList),
            ["requested_reviewers"] = UserJson.List(urls, pull.ReviewerList),
            ["requested_teams"] = new JsonArray(),
            ["head"] = Side(urls, repo, pull.HeadRef, headSha, repository.DeepClone()),
            ["base"] = Side(urls, repo, pull.BaseRef, baseSha, repository.DeepClone()),
            ["_links"] = new JsonObject
            {
                ["self"] = Link(api),
                ["html"] = Link(html),
                ["issue"] = Link(issue),
                ["comments"] = Link(issue + "/comments"),
                ["review_comments"] = Link(api + "/comments"),
                ["review_comment"] = Link($"{urls.Repo(repo)}/pulls/comments{{/number}}"),
                ["commits"] = Link(api + "/commits"),
                ["statuses"] = Link(statuses),
            },
            ["author_association"] = "CONTRIBUTOR",
            ["auto_merge"] = null,
            ["draft"] = pull.Draft,
        };
        if (!full)
        {
            return json;
        }

        json["merged"] = pull.Merged;
        json["mergeable"] = pull.IsOpen ? true : null;
        json["rebaseable"] = pull.IsOpen ? true : null;
        json["mergeable_state"] = pull.IsOpen ? "clean" : "unknown";
        json["merged_by"] = pull.MergedBy is { } by ? UserJson.Simple(urls, by) : null;
        json["comments"] = pull.CommentList.Count;
        json["review_comments"] = 0;
        json["maintainer_can_modify"] = false;
        json["commits"] = 1;
        json["additions"] = 1;
        json["deletions"] = 1;
        json["changed_files"] = 1;
        return json;
    }

    private static JsonObject Side(GitHubUrls urls, FakeRepository repo, string branch, string sha, JsonNode repository) => new()
    {
        ["label"] = $"{repo.Owner}:{branch}",
        ["ref"] = branch,
        ["sha"] = sha,
        ["user"] = UserJson.Simple(urls, repo.Owner, "Organization"),
        ["repo"] = repository,
    };

    private static JsonObject Link(string href) => new() { ["href"] = href };
}
