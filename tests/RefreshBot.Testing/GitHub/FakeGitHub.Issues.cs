using System.Text.Json.Nodes;
using RefreshBot.Testing.GitHub.Json;

namespace RefreshBot.Testing.GitHub;

/// <summary>The issue side of pull requests: get/update, labels, assignees, comments (plain issues: <c>FakeGitHub.PlainIssues.cs</c>).</summary>
public sealed partial class FakeGitHub
{
    private Task<ApiResult> GetIssueAsync(ApiCall call) =>
        Task.FromResult(FindPull(call) is { } pull ? ApiResult.Ok(IssueJson.Build(Urls, pull))
            : FindIssue(call) is { } issue ? ApiResult.Ok(IssueJson.Plain(Urls, issue))
            : ApiResult.NotFound());

    private Task<ApiResult> UpdateIssueAsync(ApiCall call)
    {
        if (FindPull(call) is not { } pull)
        {
            return Task.FromResult(FindIssue(call) is { } issue ? UpdatePlainIssue(call, issue) : ApiResult.NotFound());
        }

        pull.Title = call.BodyString("title") ?? pull.Title;
        if (call.Body is JsonObject body && body.ContainsKey("body"))
        {
            pull.Body = call.BodyString("body");
        }

        if (call.BodyStrings("labels") is { } labels)
        {
            pull.LabelList.Clear();
            pull.LabelList.AddRange(labels.Distinct());
        }

        if (call.BodyStrings("assignees") is { } assignees)
        {
            pull.AssigneeList.Clear();
            pull.AssigneeList.AddRange(assignees.Distinct());
        }

        if (call.BodyString("state") is "open" or "closed" && call.BodyString("state") != pull.State && !pull.Merged)
        {
            SetState(pull, call.BodyString("state")!, call.Caller.Login);
        }

        Touch(pull, "edited", call.Caller.Login);
        return Task.FromResult(ApiResult.Ok(IssueJson.Build(Urls, pull)));
    }

    private Task<ApiResult> ListLabelsAsync(ApiCall call) =>
        Task.FromResult(FindPull(call) is { } pull ? ApiResult.Ok(LabelJson.List(Urls, pull.Repository, pull.LabelList))
            : FindIssue(call) is { } issue ? ApiResult.Ok(LabelJson.List(Urls, issue.Repository, issue.LabelList))
            : ApiResult.NotFound());

    private Task<ApiResult> AddLabelsAsync(ApiCall call)
    {
        if (FindPull(call) is not { } pull)
        {
            return Task.FromResult(FindIssue(call) is { } issue ? AddPlainIssueLabels(call, issue) : ApiResult.NotFound());
        }

        // GitHub takes either ["a","b"] or {"labels":["a","b"]}; Octokit sends the array.
        var labels = ApiCall.Strings(call.Body) ?? call.BodyStrings("labels");
        if (labels is null)
        {
            return Task.FromResult(new ApiResult(422, ErrorJson.ValidationFailed("Label", "missing_field", field: "labels")));
        }

        foreach (var label in labels.Where(l => !pull.LabelList.Contains(l, StringComparer.OrdinalIgnoreCase)))
        {
            pull.LabelList.Add(label);
        }

        Touch(pull, "labeled", call.Caller.Login);
        return Task.FromResult(ApiResult.Ok(LabelJson.List(Urls, pull.Repository, pull.LabelList)));
    }

    private Task<ApiResult> AddAssigneesAsync(ApiCall call)
    {
        if (FindPull(call) is not { } pull)
        {
            return Task.FromResult(ApiResult.NotFound());
        }

        foreach (var assignee in (call.BodyStrings("assignees") ?? []).Where(a => !pull.AssigneeList.Contains(a, StringComparer.OrdinalIgnoreCase)))
        {
            pull.AssigneeList.Add(assignee);
        }

        Touch(pull, "assigned", call.Caller.Login);
        return Task.FromResult(ApiResult.Created(IssueJson.Build(Urls, pull)));
    }

    private Task<ApiResult> ListCommentsAsync(ApiCall call)
    {
        if (FindPull(call) is not { } pull)
        {
            return Task.FromResult(FindIssue(call) is { } issue ? ListPlainIssueComments(call, issue) : ApiResult.NotFound());
        }

        var (page, headers) = Paginate(call, pull.CommentList);
        var items = new JsonArray(page.Select(c => (JsonNode)IssueJson.Comment(Urls, pull, c)).ToArray());
        return Task.FromResult(new ApiResult(200, items, headers));
    }

    private Task<ApiResult> CreateCommentAsync(ApiCall call)
    {
        if (FindPull(call) is not { } pull)
        {
            return Task.FromResult(FindIssue(call) is { } issue ? CreatePlainIssueComment(call, issue) : ApiResult.NotFound());
        }

        if (string.IsNullOrEmpty(call.BodyString("body")))
        {
            return Task.FromResult(new ApiResult(422, ErrorJson.ValidationFailed("IssueComment", "missing_field", field: "body")));
        }

        var comment = AddComment(pull, call.Caller.Login, call.BodyString("body")!);
        return Task.FromResult(ApiResult.Created(IssueJson.Comment(Urls, pull, comment)));
    }
}
