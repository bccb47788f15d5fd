using System.Text.Json.Nodes;
using RefreshBot.Testing.GitHub.Json;

namespace RefreshBot.Testing.GitHub;

/// <summary>
/// Plain issues: list a repository's issues (pull requests included, as GitHub does; <c>state</c>, <c>labels</c>,
/// <c>sort</c>, <c>direction</c> and pagination honoured), create, and the plain-issue side of get, update, labels and comments.
/// </summary>
public sealed partial class FakeGitHub
{
    private const string IssuesDocs = "https://docs.github.com/rest/issues/issues";

    private readonly List<FakeIssue> _issues = [];

    /// <summary>Plain issues of a repository, oldest first.</summary>
    public IReadOnlyList<FakeIssue> Issues(string owner, string name) =>
        WithState(() => _issues.Where(i => i.Repository.FullName.Equals(owner + "/" + name, StringComparison.OrdinalIgnoreCase)).ToArray());

    /// <summary>A person opens an issue.</summary>
    public FakeIssue OpenIssue(FakeRepository repository, string title, string? body = null, IReadOnlyList<string>? labels = null, string by = "dana") =>
        WithState(() => NewIssue(repository, by, title, body, labels ?? [], []));

    /// <summary>A person closes an issue (reason <c>completed</c>).</summary>
    public void CloseIssue(FakeIssue issue, string by = "dana") => WithState(() =>
    {
        SetIssueState(issue, "closed", "completed", by);
        return 0;
    });

    private int NextNumber(FakeRepository repository) =>
        _pulls.Count(p => p.Repository == repository) + _issues.Count(i => i.Repository == repository) + 1;

    private FakeIssue NewIssue(FakeRepository repository, string user, string title, string? body, IReadOnlyList<string> labels, IReadOnlyList<string> assignees)
    {
        var issue = new FakeIssue(repository, 800_000 + _nextId++, NextNumber(repository), user, Now) { Title = title, Body = body };
        issue.LabelList.AddRange(labels.Distinct(StringComparer.OrdinalIgnoreCase));
        issue.AssigneeList.AddRange(assignees.Distinct(StringComparer.OrdinalIgnoreCase));
        issue.EventList.Add(new FakeEvent("opened", user, Now));
        _issues.Add(issue);
        return issue;
    }

    private void SetIssueState(FakeIssue issue, string state, string? reason, string by)
    {
        if (issue.State == state)
        {
            return;
        }

        issue.State = state;
        issue.StateReason = state == "closed" ? reason ?? "completed" : "reopened";
        issue.ClosedAt = state == "closed" ? Now : null;
        issue.ClosedBy = state == "closed" ? by : null;
        TouchIssue(issue, state == "closed" ? "closed" : "reopened", by);
    }

    private void TouchIssue(FakeIssue issue, string eventName, string by)
    {
        issue.UpdatedAt = Now;
        issue.EventList.Add(new FakeEvent(eventName, by, Now));
    }

    private FakeIssue? FindIssue(ApiCall call)
    {
        var number = call.RouteInt("issue_number");
        return Find(call) is { } repository ? _issues.SingleOrDefault(i => i.Repository == repository && i.Number == number) : null;
    }

    private Task<ApiResult> ListRepositoryIssuesAsync(ApiCall call)
    {
        if (Find(call) is not { } repository)
        {
            return Task.FromResult(ApiResult.NotFound());
        }

        var state = call.Query("state") ?? "open";
        if (state is not ("open" or "closed" or "all"))
        {
            return Task.FromResult(new ApiResult(422, ErrorJson.ValidationFailed("Issue", "invalid", field: "state", documentation: IssuesDocs + "#list-repository-issues")));
        }

        var labels = (call.Query("labels") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var sort = call.Query("sort") ?? "created";
        var descending = (call.Query("direction") ?? "desc") == "desc";
        bool Keep(string itemState, IReadOnlyList<string> itemLabels) =>
            (state == "all" || itemState == state) && labels.All(l => itemLabels.Contains(l, StringComparer.OrdinalIgnoreCase));

        var items = _issues.Where(i => i.Repository == repository && Keep(i.State, i.LabelList))
            .Select(i => (i.Number, i.CreatedAt, i.UpdatedAt, Comments: i.CommentList.Count, Json: (Func<JsonObject>)(() => IssueJson.Plain(Urls, i))))
            .Concat(_pulls.Where(p => p.Repository == repository && Keep(p.State, p.LabelList))
                .Select(p => (p.Number, p.CreatedAt, p.UpdatedAt, Comments: p.CommentList.Count, Json: (Func<JsonObject>)(() => IssueJson.Build(Urls, p)))));
        items = sort switch
        {
            "updated" => descending ? items.OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Number) : items.OrderBy(i => i.UpdatedAt).ThenBy(i => i.Number),
            "comments" => descending ? items.OrderByDescending(i => i.Comments).ThenByDescending(i => i.Number) : items.OrderBy(i => i.Comments).ThenBy(i => i.Number),
            _ => descending ? items.OrderByDescending(i => i.Number) : items.OrderBy(i => i.Number),
        };
        var (page, headers) = Paginate(call, items.ToArray());
        return Task.FromResult(new ApiResult(200, new JsonArray(page.Select(i => (JsonNode)i.Json()).ToArray()), headers));
    }

    private Task<ApiResult> CreateIssueAsync(ApiCall call)
    {
        if (Find(call) is not { } repository)
        {
            return Task.FromResult(ApiResult.NotFound());
        }

        if (string.IsNullOrEmpty(call.BodyString("title")))
        {
            return Task.FromResult(new ApiResult(422, ErrorJson.ValidationFailed("Issue", "missing_field", field: "title", documentation: IssuesDocs + "#create-an-issue")));
        }

        var issue = NewIssue(repository, call.Caller.Login, call.BodyString("title")!, call.BodyString("body"),
            call.BodyStrings("labels") ?? [], call.BodyStrings("assignees") ?? []);
        return Task.FromResult(ApiResult.Created(IssueJson.Plain(Urls, issue)));
    }

    private ApiResult UpdatePlainIssue(ApiCall call, FakeIssue issue)
    {
        issue.Title = call.BodyString("title") ?? issue.Title;
        if (call.Body is JsonObject body && body.ContainsKey("body"))
        {
            issue.Body = call.BodyString("body");
        }

        if (call.BodyStrings("labels") is { } labels)
        {
            issue.LabelList.Clear();
            issue.LabelList.AddRange(labels.Distinct(StringComparer.OrdinalIgnoreCase));
        }

        if (call.BodyStrings("assignees") is { } assignees)
        {
            issue.AssigneeList.Clear();
            issue.AssigneeList.AddRange(assignees.Distinct(StringComparer.OrdinalIgnoreCase));
        }

        if (call.BodyString("state") is "open" or "closed")
        {
            SetIssueState(issue, call.BodyString("state")!, call.BodyString("state_reason"), call.Caller.Login);
        }

        TouchIssue(issue, "edited", call.Caller.Login);
        return ApiResult.Ok(IssueJson.Plain(Urls, issue));
    }

    private ApiResult AddPlainIssueLabels(ApiCall call, FakeIssue issue)
    {
        var labels = ApiCall.Strings(call.Body) ?? call.BodyStrings("labels");
        if (labels is null)
        {
            return new ApiResult(422, ErrorJson.ValidationFailed("Label", "missing_field", field: "labels"));
        }

        issue.LabelList.AddRange(labels.Where(l => !issue.LabelList.Contains(l, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase));
        TouchIssue(issue, "labeled", call.Caller.Login);
        return ApiResult.Ok(LabelJson.List(Urls, issue.Repository, issue.LabelList));
    }

    private ApiResult CreatePlainIssueComment(ApiCall call, FakeIssue issue)
    {
        if (string.IsNullOrEmpty(call.BodyString("body")))
        {
            return new ApiResult(422, ErrorJson.ValidationFailed("IssueComment", "missing_field", field: "body"));
        }

        var comment = new FakeComment(500_000 + _nextId++, call.Caller.Login, call.BodyString("body")!, Now, Now);
        issue.CommentList.Add(comment);
        TouchIssue(issue, "commented", call.Caller.Login);
        return ApiResult.Created(IssueJson.PlainComment(Urls, issue, comment));
    }

    private ApiResult ListPlainIssueComments(ApiCall call, FakeIssue issue)
    {
        var (page, headers) = Paginate(call, issue.CommentList);
        return new ApiResult(200, new JsonArray(page.Select(c => (JsonNode)IssueJson.PlainComment(Urls, issue, c)).ToArray()), headers);
    }
}
