using System.Globalization;
using System.Text.Json.Nodes;
using RefreshBot.Testing.GitHub.Json;

namespace RefreshBot.Testing.GitHub;

/// <summary>Pull requests: list, get, create, update, merge, request reviewers.</summary>
public sealed partial class FakeGitHub
{
    private const string PullsDocs = "https://docs.github.com/rest/pulls/pulls";

    private async Task<ApiResult> ListPullsAsync(ApiCall call)
    {
        if (Find(call) is not { } repository)
        {
            return ApiResult.NotFound();
        }

        var state = call.Query("state") ?? "open";
        var head = call.Query("head");
        var baseRef = call.Query("base");
        var sort = call.Query("sort") ?? "created";
        var descending = (call.Query("direction") ?? (sort == "created" ? "desc" : "asc")) == "desc";
        IEnumerable<FakePullRequest> pulls = _pulls.Where(p => p.Repository == repository)
            .Where(p => state == "all" || p.State == state)
            .Where(p => head is null || HeadMatches(repository, p, head))
            .Where(p => baseRef is null || p.BaseRef == baseRef);
        pulls = sort switch
        {
            "updated" => descending ? pulls.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Number) : pulls.OrderBy(p => p.UpdatedAt).ThenBy(p => p.Number),
            _ => descending ? pulls.OrderByDescending(p => p.Number) : pulls.OrderBy(p => p.Number),
        };
        var (page, headers) = Paginate(call, pulls.ToArray());
        var items = new JsonArray();
        foreach (var pull in page)
        {
            items.Add(await PullBodyAsync(pull, full: false, call.Context.RequestAborted));
        }

        return new ApiResult(200, items, headers);
    }

    private async Task<ApiResult> GetPullAsync(ApiCall call) =>
        FindPull(call) is { } pull ? ApiResult.Ok(await PullBodyAsync(pull, full: true, call.Context.RequestAborted)) : ApiResult.NotFound();

    private async Task<ApiResult> CreatePullAsync(ApiCall call)
    {
        if (Find(call) is not { } repository)
        {
            return ApiResult.NotFound();
        }

        var title = call.BodyString("title");
        var head = call.BodyString("head");
        var baseRef = call.BodyString("base");
        if (string.IsNullOrEmpty(title) || string.IsNullOrEmpty(head) || string.IsNullOrEmpty(baseRef))
        {
            var field = string.IsNullOrEmpty(title) ? "title" : string.IsNullOrEmpty(head) ? "head" : "base";
            return new ApiResult(422, ErrorJson.ValidationFailed("PullRequest", "missing_field", field: field, documentation: PullsDocs + "#create-a-pull-request"));
        }

        var headRef = head.Contains(':', StringComparison.Ordinal) ? head[(head.IndexOf(':', StringComparison.Ordinal) + 1)..] : head;
        var cancel = call.Context.RequestAborted;
        var headSha = await repository.Git.HeadAsync(headRef, cancel);
        var baseSha = await repository.Git.HeadAsync(baseRef, cancel);
        if (headSha is null || baseSha is null)
        {
            return new ApiResult(422, ErrorJson.ValidationFailed("PullRequest", "invalid", field: headSha is null ? "head" : "base", documentation: PullsDocs + "#create-a-pull-request"));
        }

        if (_pulls.Any(p => p.Repository == repository && p.IsOpen && p.HeadRef == headRef && p.BaseRef == baseRef))
        {
            return new ApiResult(422, ErrorJson.ValidationFailed("PullRequest", "custom",
                $"A pull request already exists for {repository.Owner}:{headRef}.", documentation: PullsDocs + "#create-a-pull-request"));
        }

        if (await repository.Git.IsAncestorAsync(headSha, baseSha, cancel))
        {
            return new ApiResult(422, ErrorJson.ValidationFailed("PullRequest", "custom",
                $"No commits between {baseRef} and {headRef}", documentation: PullsDocs + "#create-a-pull-request"));
        }

        var pull = NewPull(repository, call.Caller.Login, title, call.BodyString("body"), headRef, headSha, baseRef, call.BodyBool("draft") ?? false);
        return ApiResult.Created(await PullBodyAsync(pull, full: true, cancel));
    }

    private async Task<ApiResult> UpdatePullAsync(ApiCall call)
    {
        if (FindPull(call) is not { } pull)
        {
            return ApiResult.NotFound();
        }

        var cancel = call.Context.RequestAborted;
        var state = call.BodyString("state");
        if (state == "open" && !pull.IsOpen)
        {
            if (pull.Merged || await pull.Repository.Git.HeadAsync(pull.HeadRef, cancel) is null)
            {
                return new ApiResult(422, ErrorJson.ValidationFailed("PullRequest", "custom",
                    pull.Merged ? "Cannot reopen a merged pull request" : "state cannot be changed. The " + pull.HeadRef + " branch has been deleted.",
                    documentation: PullsDocs + "#update-a-pull-request"));
            }
        }

        if (call.BodyString("base") is { } newBase)
        {
            if (await pull.Repository.Git.HeadAsync(newBase, cancel) is null)
            {
                return new ApiResult(422, ErrorJson.ValidationFailed("PullRequest", "invalid", field: "base", documentation: PullsDocs + "#update-a-pull-request"));
            }

            pull.BaseRef = newBase;
        }

        pull.Title = call.BodyString("title") ?? pull.Title;
        if (call.Body is JsonObject body && body.ContainsKey("body"))
        {
            pull.Body = call.BodyString("body");
        }

        if (state is "open" or "closed" && state != pull.State)
        {
            SetState(pull, state, call.Caller.Login);
        }

        Touch(pull, "edited", call.Caller.Login);
        return ApiResult.Ok(await PullBodyAsync(pull, full: true, cancel));
    }

    private async Task<ApiResult> MergePullAsync(ApiCall call)
    {
        if (FindPull(call) is not { } pull)
        {
            return ApiResult.NotFound();
        }

        var outcome = await MergeAsync(pull, call.Caller.Login, call.BodyString("sha"), call.BodyString("commit_title"), call.Context.RequestAborted);
        return outcome.Sha is { } sha
            ? ApiResult.Ok(new JsonObject { ["sha"] = sha, ["merged"] = true, ["message"] = "Pull Request successfully merged" })
            : new ApiResult(outcome.Status, new JsonObject { ["message"] = outcome.Message, ["documentation_url"] = PullsDocs + "#merge-a-pull-request" });
    }

    private async Task<ApiResult> RequestReviewersAsync(ApiCall call)
    {
        if (FindPull(call) is not { } pull)
        {
            return ApiResult.NotFound();
        }

        var reviewers = call.BodyStrings("reviewers") ?? [];
        if (reviewers.Contains(pull.User, StringComparer.OrdinalIgnoreCase))
        {
            return new ApiResult(422, ErrorJson.Basic(422, "Review cannot be requested from pull request author.", PullsDocs + "#request-reviewers-for-a-pull-request"));
        }

        foreach (var reviewer in reviewers.Where(r => !pull.ReviewerList.Contains(r, StringComparer.OrdinalIgnoreCase)))
        {
            pull.ReviewerList.Add(reviewer);
        }

        Touch(pull, "review_requested", call.Caller.Login);
        return ApiResult.Created(await PullBodyAsync(pull, full: false, call.Context.RequestAborted));
    }

    private FakePullRequest? FindPull(ApiCall call)
    {
        var number = call.RouteInt(call.Context.Request.RouteValues.ContainsKey("pull_number") ? "pull_number" : "issue_number");
        return Find(call) is { } repository ? _pulls.SingleOrDefault(p => p.Repository == repository && p.Number == number) : null;
    }

    private async Task<JsonObject> PullBodyAsync(FakePullRequest pull, bool full, CancellationToken cancellationToken)
    {
        var git = pull.Repository.Git;
        var headSha = pull.Merged ? pull.HeadSha : await git.HeadAsync(pull.HeadRef, cancellationToken) ?? pull.HeadSha;
        var baseSha = await git.HeadAsync(pull.BaseRef, cancellationToken) ?? new string('0', 40);
        return PullJson.Build(Urls, pull, RepositoryBody(pull.Repository), headSha, baseSha, full);
    }

    private static bool HeadMatches(FakeRepository repository, FakePullRequest pull, string head)
    {
        var colon = head.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? pull.HeadRef == head
            : head[..colon].Equals(repository.Owner, StringComparison.OrdinalIgnoreCase) && pull.HeadRef == head[(colon + 1)..];
    }

    private static (IReadOnlyList<T> Page, Dictionary<string, string> Headers) Paginate<T>(ApiCall call, IReadOnlyList<T> items)
    {
        var perPage = Math.Clamp(int.TryParse(call.Query("per_page"), out var p) ? p : 30, 1, 100);
        var page = Math.Max(1, int.TryParse(call.Query("page"), out var n) ? n : 1);
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var headers = new Dictionary<string, string>();
        var request = call.Context.Request;
        string Url(int target)
        {
            var query = request.Query.Where(q => q.Key is not ("page" or "per_page"))
                .Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"per_page={perPage}").Append(string.Create(CultureInfo.InvariantCulture, $"page={target}"));
            return $"<{request.Scheme}://{request.Host}{request.Path}?{string.Join('&', query)}>";
        }

        var links = new List<string>();
        if (page < last)
        {
            links.Add(Url(page + 1) + "; rel=\"next\"");
            links.Add(Url(last) + "; rel=\"last\"");
        }

        if (page > 1)
        {
            links.Add(Url(1) + "; rel=\"first\"");
            links.Add(Url(page - 1) + "; rel=\"prev\"");
        }

        if (links.Count > 0)
        {
            headers["link"] = string.Join(", ", links);
        }

        return (items.Skip((page - 1) * perPage).Take(perPage).ToArray(), headers);
    }
}
