using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RefreshBot.Testing.Holds;

namespace RefreshBot.Testing.Git;

/// <summary>
/// Git smart HTTP in-process: Kestrel on 127.0.0.1 (ephemeral port) runs <c>git http-backend</c> as CGI for
/// bare repositories under <see cref="Root"/> (<c>{Root}/{owner}/{name}.git</c>), behind HTTP Basic auth.
/// Accepted credentials are a user + token pair, or a token with any user (as GitHub does for tokens),
/// or whatever a registered validator accepts (the fake GitHub's installation tokens).
/// Records every request and injects faults on demand.
/// </summary>
public sealed class GitHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsRoot;
    private readonly ConcurrentDictionary<(string? User, string Token), byte> _credentials = new();
    private readonly ConcurrentBag<Func<string, string, bool>> _validators = [];
    private readonly ConcurrentQueue<GitRequest> _requests = new();
    private int _handling;

    private GitHttpServer(WebApplication app, string root, bool ownsRoot)
    {
        _app = app;
        Root = root;
        _ownsRoot = ownsRoot;
    }

    /// <summary>Folder holding the bare repositories.</summary>
    public string Root { get; }

    /// <summary>e.g. <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    public GitFaults Faults { get; } = new();

    /// <summary>
    /// Requests to keep waiting before git runs (caller = the Basic user), e.g. <c>POST …/git-receive-pack</c> to kill
    /// the bot in the middle of a push. Only <see cref="HoldPoint.BeforeHandling"/> holds apply here.
    /// </summary>
    public RequestHolds Holds { get; } = new();

    public IReadOnlyList<GitRequest> Requests => _requests.ToArray();

    /// <summary>Starts the server; <paramref name="root"/> defaults to a fresh temporary folder deleted on dispose.</summary>
    public static async Task<GitHttpServer> StartAsync(string? root = null, CancellationToken cancellationToken = default)
    {
        var ownsRoot = root is null;
        root ??= Directory.CreateTempSubdirectory("refreshbot-git-").FullName;
        Directory.CreateDirectory(root);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        var server = new GitHttpServer(app, root, ownsRoot);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server.BaseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Accepts Basic credentials <paramref name="user"/>:<paramref name="token"/>.</summary>
    public void AcceptCredentials(string user, string token) => _credentials[(user, token)] = 0;

    /// <summary>Accepts <paramref name="token"/> as the password with any user name.</summary>
    public void AcceptToken(string token) => _credentials[(null, token)] = 0;

    /// <summary>Stops accepting a token (with any user it was registered for).</summary>
    public void RevokeToken(string token)
    {
        foreach (var key in _credentials.Keys.Where(k => k.Token == token))
        {
            _credentials.TryRemove(key, out _);
        }
    }

    /// <summary>Adds a validator (user, password) → accepted; used by the fake GitHub for expiring installation tokens.</summary>
    public void AddValidator(Func<string, string, bool> validator) => _validators.Add(validator);

    /// <summary>The clone URL of <c>{owner}/{name}.git</c> (no credentials in it).</summary>
    public Uri RepositoryUrl(string owner, string name) => new(BaseUri, $"{owner}/{name}.git");

    /// <summary>A handle on an existing bare repository under the root.</summary>
    public BareRepository Repository(string owner, string name) => new(Path.Combine(Root, owner, name + ".git"), RepositoryUrl(owner, name));

    /// <summary>Creates a bare repository with one initial commit holding <paramref name="files"/> on <paramref name="defaultBranch"/>.</summary>
    public async Task<BareRepository> CreateRepositoryAsync(
        string owner,
        string name,
        IReadOnlyDictionary<string, string> files,
        string defaultBranch = "main",
        CancellationToken cancellationToken = default)
    {
        var repository = Repository(owner, name);
        await repository.InitializeAsync(defaultBranch, cancellationToken);
        await repository.CommitAsync(defaultBranch, files, "Initial commit", CommitIdentity.Human, cancellationToken);
        return repository;
    }

    /// <summary>
    /// Forgets the requests seen so far. A request is recorded when its handler returns, which can be just after the
    /// client read the whole response: requests still being handled are waited for (a few seconds at most) first, so one
    /// that belongs to before the reset is not recorded after it.
    /// </summary>
    public void ResetRequests()
    {
        SpinWait.SpinUntil(() => Volatile.Read(ref _handling) == 0, TimeSpan.FromSeconds(5));
        _requests.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        Holds.ReleaseAll();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsRoot)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A git process may still hold a file; the temp folder is cleaned by the OS eventually.
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _handling);
        try
        {
            await HandleCountedAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _handling);
        }
    }

    private async Task HandleCountedAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var service = GitService.Of(path, context.Request.Query["service"].FirstOrDefault());
        var user = Authenticate(context.Request.Headers.Authorization.ToString());
        if (user is null)
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"refreshbot-test-git\"";
            _requests.Enqueue(new GitRequest(context.Request.Method, path, null, service, 401));
            return;
        }

        if (Faults.DeniedStatus(path) is { } denied)
        {
            context.Response.StatusCode = denied;
            if (denied == 401)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"refreshbot-test-git\"";
            }

            _requests.Enqueue(new GitRequest(context.Request.Method, path, user, service, denied));
            return;
        }

        var fault = Faults.TakeFor(service, context.Request.Method, path);
        if (fault is { Kind: GitFaultKind.Status })
        {
            context.Response.StatusCode = fault.StatusCode;
            await context.Response.WriteAsync("injected fault", context.RequestAborted);
            _requests.Enqueue(new GitRequest(context.Request.Method, path, user, service, fault.StatusCode));
            return;
        }

        if (!await Holds.PassAsync(context.Request.Method, path, user, HoldPoint.BeforeHandling, context.RequestAborted))
        {
            _requests.Enqueue(new GitRequest(context.Request.Method, path, user, service, 499));
            return;
        }

        try
        {
            await GitCgi.RunAsync(context, Root, user, fault, Faults.MarkStalled, context.RequestAborted);
        }
        finally
        {
            _requests.Enqueue(new GitRequest(context.Request.Method, path, user, service, context.Response.StatusCode));
        }
    }

    private string? Authenticate(string authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var (user, token) = (decoded[..colon], decoded[(colon + 1)..]);
        var accepted = _credentials.ContainsKey((user, token))
            || _credentials.ContainsKey((null, token))
            || _validators.Any(validate => validate(user, token));
        return accepted && user.Length > 0 ? user : null;
    }
}
