using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RefreshBot.Testing.Git;
using RefreshBot.Testing.GitHub.Json;

namespace RefreshBot.Testing.GitHub;

/// <summary>
/// What fleet discovery reads: organization, user and installation repository lists (paginated with Link headers,
/// <c>per_page</c> up to 100), the installation of an account, and the git trees endpoint (from the bare repository, or
/// from a seeded file list for repositories that exist only to be listed).
/// </summary>
public sealed partial class FakeGitHub
{
    private readonly HashSet<string> _organizations = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _users = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Makes <paramref name="login"/> an organization (<c>GET /orgs/{org}/repos</c> lists its repositories).</summary>
    public void AddOrganization(string login) => WithState(() => _organizations.Add(login));

    /// <summary>Makes <paramref name="login"/> a user (<c>GET /users/{user}/repos</c> lists its repositories).</summary>
    public void AddUser(string login) => WithState(() => _users.Add(login));

    /// <summary>A repository without git: listed, and its git tree is <paramref name="files"/> (cheap, for hundreds of them).</summary>
    public FakeRepository SeedRepository(
        string owner, string name, IReadOnlyList<string> files, string defaultBranch = "main", bool archived = false, bool fork = false) =>
        WithState(() =>
        {
            var repository = new FakeRepository(100 + _nextId++, owner, name, null, Now)
            {
                DefaultBranch = defaultBranch,
                Archived = archived,
                Fork = fork,
                SeededFiles = files,
            };
            _repositories[repository.FullName] = repository;
            return repository;
        });

    private void MapDiscoveryRoutes(Microsoft.AspNetCore.Builder.WebApplication app)
    {
        Map(app, "GET", "/orgs/{org}/repos", Auth.Token, call => Task.FromResult(ListOwned(call, call.Route("org"), _organizations)));
        Map(app, "GET", "/users/{username}/repos", Auth.Token, call => Task.FromResult(ListOwned(call, call.Route("username"), _users)));
        Map(app, "GET", "/installation/repositories", Auth.Token, ListInstallationRepositoriesAsync);
        Map(app, "GET", "/orgs/{org}/installation", Auth.AppJwt, call => Task.FromResult(AccountInstallation(call, call.Route("org"), _organizations)));
        Map(app, "GET", "/users/{username}/installation", Auth.AppJwt, call => Task.FromResult(AccountInstallation(call, call.Route("username"), _users)));
        Map(app, "GET", "/repos/{owner}/{repo}/git/trees/{tree_sha}", Auth.Token, GetTreeAsync);
    }

    private ApiResult ListOwned(ApiCall call, string owner, HashSet<string> accounts)
    {
        if (!accounts.Contains(owner))
        {
            return ApiResult.NotFound();
        }

        var visible = _repositories.Values
            .Where(r => r.Owner.Equals(owner, StringComparison.OrdinalIgnoreCase))
            .Where(r => call.Caller.InstallationId is not { } installation || r.InstallationId == installation)
            .OrderBy(r => r.Id)
            .ToList();
        var (page, headers) = Paginate(call, visible);
        return new ApiResult(200, new JsonArray([.. page.Select(r => (JsonNode)RepositoryBody(r))]), headers);
    }

    private Task<ApiResult> ListInstallationRepositoriesAsync(ApiCall call)
    {
        if (call.Caller.InstallationId is not { } installation)
        {
            return Task.FromResult(ApiResult.Error(403, "You must authenticate with an installation access token in order to list repositories for an installation."));
        }

        var visible = _repositories.Values.Where(r => r.InstallationId == installation).OrderBy(r => r.Id).ToList();
        var (page, headers) = Paginate(call, visible);
        return Task.FromResult(new ApiResult(200, new JsonObject
        {
            ["total_count"] = visible.Count,
            ["repository_selection"] = "selected",
            ["repositories"] = new JsonArray([.. page.Select(r => (JsonNode)RepositoryBody(r))]),
        }, headers));
    }

    private ApiResult AccountInstallation(ApiCall call, string account, HashSet<string> accounts)
    {
        var found = accounts.Contains(account)
            ? _installations.Where(i => i.Value.App == call.Caller.App
                    && i.Value.Repositories.Any(r => r.StartsWith(account + "/", StringComparison.OrdinalIgnoreCase)))
                .Select(i => (long?)i.Key).FirstOrDefault()
            : null;
        return found is { } id ? ApiResult.Ok(InstallationBody(id)) : ApiResult.NotFound();
    }

    private async Task<ApiResult> GetTreeAsync(ApiCall call)
    {
        if (Find(call) is not { } repository)
        {
            return ApiResult.NotFound();
        }

        var api = Urls.Repo(repository);
        var reference = call.Route("tree_sha");
        var recursive = call.Query("recursive") is { Length: > 0 } flag && flag != "0" && flag != "false";
        var items = new JsonArray();
        string sha;
        if (repository.HasGit)
        {
            var tree = await GitCli.TryRunAsync(repository.Git.Path, ["rev-parse", "--verify", "--quiet", reference + "^{tree}"], call.Context.RequestAborted);
            if (tree.ExitCode != 0)
            {
                return ApiResult.NotFound();
            }

            sha = tree.Output.Trim();
            string[] listing = recursive ? ["ls-tree", "-r", "-t", "--full-tree", sha] : ["ls-tree", "--full-tree", sha];
            var output = await GitCli.RunAsync(repository.Git.Path, listing, call.Context.RequestAborted);
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                // <mode> SP <type> SP <sha> TAB <path>
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                var fields = line[..tab].Split(' ');
                items.Add(TreeItem(api, line[(tab + 1)..], fields[0], fields[1], fields[2]));
            }
        }
        else
        {
            if (!reference.Equals(repository.DefaultBranch, StringComparison.Ordinal))
            {
                return ApiResult.NotFound();
            }

            sha = Sha(repository.FullName + ":tree");
            var paths = repository.SeededFiles.Where(p => recursive || !p.Contains('/', StringComparison.Ordinal));
            foreach (var folder in recursive ? Folders(repository.SeededFiles) : [])
            {
                items.Add(TreeItem(api, folder, "040000", "tree", Sha(repository.FullName + ":" + folder)));
            }

            foreach (var path in paths)
            {
                items.Add(TreeItem(api, path, "100644", "blob", Sha(repository.FullName + ":" + path)));
            }
        }

        return ApiResult.Ok(new JsonObject
        {
            ["sha"] = sha,
            ["url"] = $"{api}/git/trees/{sha}",
            ["tree"] = items,
            ["truncated"] = repository.TreeTruncated,
        });
    }

    private static JsonObject TreeItem(string api, string path, string mode, string type, string sha)
    {
        var item = new JsonObject { ["path"] = path, ["mode"] = mode, ["type"] = type, ["sha"] = sha };
        if (type == "blob")
        {
            item["size"] = 100;
        }

        item["url"] = $"{api}/git/{(type == "blob" ? "blobs" : "trees")}/{sha}";
        return item;
    }

    private static IEnumerable<string> Folders(IEnumerable<string> paths) =>
        paths.SelectMany(p =>
        {
            var parts = p.Split('/');
            return Enumerable.Range(1, parts.Length - 1).Select(n => string.Join('/', parts.Take(n)));
        }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static string Sha(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
}
