using System.Text.Json.Nodes;
using RefreshBot.Testing.GitHub.Json;

namespace RefreshBot.Testing.GitHub;

/// <summary>Repositories, refs and the GitHub App endpoints.</summary>
public sealed partial class FakeGitHub
{
    /// <summary>
    /// Deletes a repository as GitHub would: every API request about it answers 404 from now on (its pull requests
    /// are no longer reachable). The git repository behind it stays on the git server, so tests can still look at it.
    /// </summary>
    public void DeleteRepository(string owner, string name) =>
        WithState(() =>
        {
            if (!_repositories.Remove(owner + "/" + name))
            {
                throw new KeyNotFoundException($"no repository {owner}/{name}");
            }

            return true;
        });
    private Task<ApiResult> GetRepositoryAsync(ApiCall call) =>
        Task.FromResult(Find(call) is { } repository ? ApiResult.Ok(RepositoryBody(repository)) : ApiResult.NotFound());

    private async Task<ApiResult> GetRefAsync(ApiCall call)
    {
        if (Find(call) is not { } repository)
        {
            return ApiResult.NotFound();
        }

        var name = call.Route("ref");
        var sha = name.StartsWith("heads/", StringComparison.Ordinal)
            ? await repository.Git.HeadAsync(name["heads/".Length..], call.Context.RequestAborted)
            : null;
        if (sha is null)
        {
            return ApiResult.NotFound();
        }

        var api = Urls.Repo(repository);
        return ApiResult.Ok(new JsonObject
        {
            ["ref"] = "refs/" + name,
            ["node_id"] = "REF_" + UserJson.StableHash(repository.FullName + name),
            ["url"] = $"{api}/git/refs/{name}",
            ["object"] = new JsonObject { ["sha"] = sha, ["type"] = "commit", ["url"] = $"{api}/git/commits/{sha}" },
        });
    }

    private Task<ApiResult> GetAppAsync(ApiCall call) => Task.FromResult(ApiResult.Ok(AppBody(call.Caller.App!)));

    private Task<ApiResult> GetInstallationAsync(ApiCall call)
    {
        var app = call.Caller.App!;
        var found = _repositories.TryGetValue(call.Route("owner") + "/" + call.Route("repo"), out var repository)
            && repository.InstallationId is { } id && _installations[id].App == app;
        return Task.FromResult(found ? ApiResult.Ok(InstallationBody(repository!.InstallationId!.Value)) : ApiResult.NotFound());
    }

    private Task<ApiResult> CreateInstallationTokenAsync(ApiCall call)
    {
        if (!long.TryParse(call.Route("installation_id"), out var id) || !_installations.TryGetValue(id, out var installation)
            || installation.App != call.Caller.App)
        {
            return Task.FromResult(ApiResult.NotFound());
        }

        var token = _credentials.IssueInstallationToken(id, Options.InstallationTokenLifetime);
        return Task.FromResult(ApiResult.Created(new JsonObject
        {
            ["token"] = token.Token,
            ["expires_at"] = RepositoryJson.Timestamp(token.ExpiresAt),
            ["permissions"] = Permissions(),
            ["repository_selection"] = "selected",
        }));
    }

    private JsonObject RepositoryBody(FakeRepository repository) =>
        RepositoryJson.Full(Urls, repository, Git.RepositoryUrl(repository.Owner, repository.Name),
            _pulls.Count(p => p.Repository == repository && p.IsOpen) + _issues.Count(i => i.Repository == repository && i.IsOpen));

    private JsonObject AppBody(FakeApp app) => new()
    {
        ["id"] = app.Id,
        ["slug"] = app.Slug,
        ["node_id"] = "A_" + app.Id,
        ["client_id"] = "Iv1." + app.Id,
        ["owner"] = UserJson.Simple(Urls, "refreshbot-org", "Organization"),
        ["name"] = app.Slug,
        ["description"] = "RefreshBot test app",
        ["external_url"] = Urls.Html,
        ["html_url"] = $"{Urls.Html}/apps/{app.Slug}",
        ["created_at"] = RepositoryJson.Timestamp(Now),
        ["updated_at"] = RepositoryJson.Timestamp(Now),
        ["permissions"] = Permissions(),
        ["events"] = new JsonArray(),
        ["installations_count"] = _installations.Count(i => i.Value.App == app),
    };

    private JsonObject InstallationBody(long id)
    {
        var (app, _) = _installations[id];
        return new JsonObject
        {
            ["id"] = id,
            ["account"] = UserJson.Simple(Urls, "refreshbot-org", "Organization"),
            ["repository_selection"] = "selected",
            ["access_tokens_url"] = $"{Urls.Api}/app/installations/{id}/access_tokens",
            ["repositories_url"] = $"{Urls.Api}/installation/repositories",
            ["html_url"] = $"{Urls.Html}/settings/installations/{id}",
            ["app_id"] = app.Id,
            ["app_slug"] = app.Slug,
            ["target_id"] = UserJson.IdOf("refreshbot-org"),
            ["target_type"] = "Organization",
            ["permissions"] = Permissions(),
            ["events"] = new JsonArray(),
            ["created_at"] = RepositoryJson.Timestamp(Now),
            ["updated_at"] = RepositoryJson.Timestamp(Now),
            ["single_file_name"] = null,
            ["suspended_by"] = null,
            ["suspended_at"] = null,
        };
    }

    private static JsonObject Permissions() => new()
    {
        ["contents"] = "write",
        ["pull_requests"] = "write",
        ["issues"] = "write",
        ["metadata"] = "read",
    };
}
