using System.Text.Json.Nodes;

namespace RefreshBot.Testing.GitHub.Json;

/// <summary>GitHub's <c>issue</c> shape for a pull request's issue or a plain issue, and <c>issue-comment</c>.</summary>
internal static class IssueJson
{
    public static JsonObject Build(GitHubUrls urls, FakePullRequest pull)
    {
        var repo = pull.Repository;
        var api = $"{urls.Repo(repo)}/issues/{pull.Number}";
        var html = $"{urls.RepoHtml(repo)}/pull/{pull.Number}";
        return new JsonObject
        {
            ["id"] = pull.Id + 10_000_000,
            ["node_id"] = "I_" + pull.Id,
            ["url"] = api,
            ["repository_url"] = urls.Repo(repo),
            ["labels_url"] = api + "/labels{/name}",
            ["comments_url"] = api + "/comments",
            ["events_url"] = api + "/events",
            ["html_url"] = html,
            ["number"] = pull.Number,
            ["state"] = pull.State,
            ["state_reason"] = pull.IsOpen ? null : pull.Merged ? "completed" : null,
            ["title"] = pull.Title,
            ["body"] = pull.Body,
            ["user"] = UserJson.Simple(urls, pull.User),
            ["labels"] = LabelJson.List(urls, repo, pull.LabelList),
            ["assignee"] = pull.AssigneeList.Count > 0 ? UserJson.Simple(urls, pull.AssigneeList[0]) : null,
            ["assignees"] = UserJson.List(urls, pull.AssigneeList),
            ["milestone"] = null,
            ["locked"] = false,
            ["active_lock_reason"] = null,
            ["comments"] = pull.CommentList.Count,
            ["pull_request"] = new JsonObject
            {
                ["url"] = $"{urls.Repo(repo)}/pulls/{pull.Number}",
                ["html_url"] = html,
                ["diff_url"] = html + ".diff",
                ["patch_url"] = html + ".patch",
                ["merged_at"] = RepositoryJson.Timestamp(pull.MergedAt),
            },
            ["closed_at"] = RepositoryJson.Timestamp(pull.ClosedAt),
            ["closed_by"] = pull.ClosedBy is { } by ? UserJson.Simple(urls, by) : null,
            ["created_at"] = RepositoryJson.Timestamp(pull.CreatedAt),
            ["updated_at"] = RepositoryJson.Timestamp(pull.UpdatedAt),
            ["author_association"] = "CONTRIBUTOR",
        };
    }

    public static JsonObject Comment(GitHubUrls urls, FakePullRequest pull, FakeComment comment)
    {
        var repo = pull.Repository;
        return new JsonObject
        {
            ["id"] = comment.Id,
            ["node_id"] = "IC_" + comment.Id,
            ["url"] = $"{urls.Repo(repo)}/issues/comments/{comment.Id}",
            ["html_url"] = $"{urls.RepoHtml(repo)}/pull/{pull.Number}#issuecomment-{comment.Id}",
            ["issue_url"] = $"{urls.Repo(repo)}/issues/{pull.Number}",
            ["body"] = comment.Body,
            ["user"] = UserJson.Simple(urls, comment.User),
            ["created_at"] = RepositoryJson.Timestamp(comment.CreatedAt),
            ["updated_at"] = RepositoryJson.Timestamp(comment.UpdatedAt),
            ["author_association"] = "CONTRIBUTOR",
        };
    }

    public static JsonObject Plain(GitHubUrls urls, FakeIssue issue)
    {
        var repo = issue.Repository;
        var api = $"{urls.Repo(repo)}/issues/{issue.Number}";
        return new JsonObject
        {
            ["id"] = issue.Id,
            ["node_id"] = "I_" + issue.Id,
            ["url"] = api,
            ["repository_url"] = urls.Repo(repo),
            ["labels_url"] = api + "/labels{/name}",
            ["comments_url"] = api + "/comments",
            ["events_url"] = api + "/events",
            ["html_url"] = $"{urls.RepoHtml(repo)}/issues/{issue.Number}",
            ["number"] = issue.Number,
            ["state"] = issue.State,
            ["state_reason"] = issue.StateReason,
            ["title"] = issue.Title,
            ["body"] = issue.Body,
            ["user"] = UserJson.Simple(urls, issue.User),
            ["labels"] = LabelJson.List(urls, repo, issue.LabelList),
            ["assignee"] = issue.AssigneeList.Count > 0 ? UserJson.Simple(urls, issue.AssigneeList[0]) : null,
            ["assignees"] = UserJson.List(urls, issue.AssigneeList),
            ["milestone"] = null,
            ["locked"] = false,
            ["active_lock_reason"] = null,
            ["comments"] = issue.CommentList.Count,
            ["closed_at"] = RepositoryJson.Timestamp(issue.ClosedAt),
            ["closed_by"] = issue.ClosedBy is { } by ? UserJson.Simple(urls, by) : null,
            ["created_at"] = RepositoryJson.Timestamp(issue.CreatedAt),
            ["updated_at"] = RepositoryJson.Timestamp(issue.UpdatedAt),
            ["author_association"] = "MEMBER",
        };
    }

    public static JsonObject PlainComment(GitHubUrls urls, FakeIssue issue, FakeComment comment)
    {
        var repo = issue.Repository;
        return new JsonObject
        {
            ["id"] = comment.Id,
            ["node_id"] = "IC_" + comment.Id,
            ["url"] = $"{urls.Repo(repo)}/issues/comments/{comment.Id}",
            ["html_url"] = $"{urls.RepoHtml(repo)}/issues/{issue.Number}#issuecomment-{comment.Id}",
            ["issue_url"] = $"{urls.Repo(repo)}/issues/{issue.Number}",
            ["body"] = comment.Body,
            ["user"] = UserJson.Simple(urls, comment.User),
            ["created_at"] = RepositoryJson.Timestamp(comment.CreatedAt),
            ["updated_at"] = RepositoryJson.Timestamp(comment.UpdatedAt),
            ["author_association"] = "MEMBER",
        };
    }
}
