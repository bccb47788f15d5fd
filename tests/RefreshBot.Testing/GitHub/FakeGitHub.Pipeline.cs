using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RefreshBot.Testing.GitHub.Json;
using RefreshBot.Testing.Holds;
using RefreshBot.Testing.OpenApi;

namespace RefreshBot.Testing.GitHub;

/// <summary>The request pipeline: route → record → authenticate → injected fault → handler → OpenAPI check → write.</summary>
public sealed partial class FakeGitHub
{
    private const string Prefix = "/api/v3";

    /// <summary>Status recorded for a request whose client went away while it was held (nginx's "client closed request").</summary>
    public const int ClientGone = 499;

    private enum Auth
    {
        Token,
        AppJwt,
    }

    private void MapRoutes(WebApplication app)
    {
        Map(app, "GET", "/app", Auth.AppJwt, GetAppAsync);
        Map(app, "GET", "/repos/{owner}/{repo}/installation", Auth.AppJwt, GetInstallationAsync);
        Map(app, "POST", "/app/installations/{installation_id}/access_tokens", Auth.AppJwt, CreateInstallationTokenAsync);
        Map(app, "GET", "/repos/{owner}/{repo}", Auth.Token, GetRepositoryAsync);
        Map(app, "GET", "/repos/{owner}/{repo}/git/ref/{ref}", Auth.Token, GetRefAsync, "/repos/{owner}/{repo}/git/ref/{**ref}");
        // Octokit's Git.Reference.Get asks for git/refs/heads/x; GitHub answers it like git/ref/heads/x.
        Map(app, "GET", "/repos/{owner}/{repo}/git/ref/{ref}", Auth.Token, GetRefAsync, "/repos/{owner}/{repo}/git/refs/{**ref}");
        Map(app, "GET", "/repos/{owner}/{repo}/pulls", Auth.Token, ListPullsAsync);
        Map(app, "POST", "/repos/{owner}/{repo}/pulls", Auth.Token, CreatePullAsync);
        Map(app, "GET", "/repos/{owner}/{repo}/pulls/{pull_number}", Auth.Token, GetPullAsync);
        Map(app, "PATCH", "/repos/{owner}/{repo}/pulls/{pull_number}", Auth.Token, UpdatePullAsync);
        Map(app, "PUT", "/repos/{owner}/{repo}/pulls/{pull_number}/merge", Auth.Token, MergePullAsync);
        Map(app, "POST", "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", Auth.Token, RequestReviewersAsync);
        Map(app, "GET", "/repos/{owner}/{repo}/issues", Auth.Token, ListRepositoryIssuesAsync);
        Map(app, "POST", "/repos/{owner}/{repo}/issues", Auth.Token, CreateIssueAsync);
        Map(app, "GET", "/repos/{owner}/{repo}/issues/{issue_number}", Auth.Token, GetIssueAsync);
        Map(app, "PATCH", "/repos/{owner}/{repo}/issues/{issue_number}", Auth.Token, UpdateIssueAsync);
        Map(app, "GET", "/repos/{owner}/{repo}/issues/{issue_number}/labels", Auth.Token, ListLabelsAsync);
        Map(app, "POST", "/repos/{owner}/{repo}/issues/{issue_number}/labels", Auth.Token, AddLabelsAsync);
        Map(app, "POST", "/repos/{owner}/{repo}/issues/{issue_number}/assignees", Auth.Token, AddAssigneesAsync);
        Map(app, "GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments", Auth.Token, ListCommentsAsync);
        Map(app, "POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", Auth.Token, CreateCommentAsync);
        MapDiscoveryRoutes(app);
        app.MapFallback(async context =>
        {
            _requests.Enqueue(new GitHubRequest(context.Request.Method, context.Request.Path, null, null, 404));
            await WriteAsync(context, ApiResult.NotFound());
        });
    }

    private void Map(WebApplication app, string method, string operationPath, Auth auth, Func<ApiCall, Task<ApiResult>> handler, string? route = null)
    {
        var operation = method + " " + operationPath;
        app.MapMethods(Prefix + (route ?? operationPath), [method], (HttpContext context) => DispatchAsync(context, operation, operationPath, auth, handler));
    }

    private async Task DispatchAsync(HttpContext context, string operation, string operationPath, Auth auth, Func<ApiCall, Task<ApiResult>> handler)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value!.Substring(Prefix.Length);
        var caller = _credentials.Authenticate(context.Request.Headers.Authorization.ToString());
        ApiResult result;
        if (caller is null)
        {
            result = context.Request.Headers.Authorization.Count == 0
                ? ApiResult.Error(401, "Requires authentication")
                : ApiResult.Error(401, "Bad credentials");
        }
        else if ((auth == Auth.AppJwt) != (caller.App is not null))
        {
            result = ApiResult.Error(401, auth == Auth.AppJwt
                ? "A JSON web token could not be decoded"
                : "'Authorization' header is malformed or this endpoint does not accept a JSON web token");
        }
        else if (Faults.TakeFor(method, path) is { } fault)
        {
            result = new ApiResult(fault.Status, fault.Body?.DeepClone(), fault.Headers);
        }
        else if (!await Holds.PassAsync(method, path, caller.Login, HoldPoint.BeforeHandling, context.RequestAborted))
        {
            // Its client went away while it was held: never handled.
            _requests.Enqueue(new GitHubRequest(method, path, operation, caller.Login, ClientGone));
            return;
        }
        else
        {
            var body = await ReadBodyAsync(context);
            result = await WithStateAsync(() => handler(new ApiCall(context, body, caller)), context.RequestAborted);
        }

        if (Options.ValidateResponses && result.Body is not null
            && GitHubOpenApi.Instance.Validate(method, operationPath, result.Status, JsonSerializer.SerializeToElement(result.Body)) is { Count: > 0 } errors)
        {
            var violation = new OpenApiViolation(operation, result.Status, errors);
            _violations.Enqueue(violation);
            result = ApiResult.Error(500, "Fake GitHub served a body that does not match GitHub's OpenAPI description: " + violation);
        }

        if (!await Holds.PassAsync(method, path, caller?.Login, HoldPoint.AfterHandling, context.RequestAborted))
        {
            // Handled, but its client went away before the answer: a lost response.
            _requests.Enqueue(new GitHubRequest(method, path, operation, caller?.Login, ClientGone));
            return;
        }

        _requests.Enqueue(new GitHubRequest(method, path, operation, caller?.Login, result.Status));
        await WriteAsync(context, result);
    }

    private static async Task<JsonNode?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength == 0 || HttpMethods.IsGet(context.Request.Method))
        {
            return null;
        }

        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(HttpContext context, ApiResult result)
    {
        context.Response.StatusCode = result.Status;
        context.Response.Headers["x-github-api-version-selected"] = "2022-11-28";
        context.Response.Headers["x-github-media-type"] = "github.v3; format=json";
        foreach (var (name, value) in result.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (result.Status == 401)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"GitHub\"";
        }

        if (result.Body is null)
        {
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(result.Body.ToJsonString(), context.RequestAborted);
    }

    private FakeRepository? Find(ApiCall call)
    {
        if (!_repositories.TryGetValue(call.Route("owner") + "/" + call.Route("repo"), out var repository))
        {
            return null;
        }

        // An installation token only reaches the repositories of its installation.
        return call.Caller.InstallationId is { } installation && repository.InstallationId != installation ? null : repository;
    }
}
